"""Serve a built site on a free port of 127.0.0.1 for the browsers under test."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: Where the checker's own scripts are served beside the site: a dot folder, which MkDocs
#: never writes, so no page of a site can stand there.
TOOLS_PATH = "/.sg-check/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, tools: dict[str, bytes], **kwargs: Any) -> None:
        self.tools = tools
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = self.tools.get(self.path)
        if body is None:
            super().do_GET()
            return
        # The checker's scripts do not change during a run: the browser keeps them, and
        # their compiled code, from one page to the next (axe-core is 650 KB).
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600, immutable")
        super(SimpleHTTPRequestHandler, self).end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        # Every test run sees the files as they are now.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that gives up on a request (navigation, closing) is not an error here.
        pass


class SiteServer:
    """`with SiteServer(site_dir) as server: server.origin` -> 'http://127.0.0.1:PORT'.

    `tools` maps file names to scripts served under TOOLS_PATH (`server.tool_url(name)`)."""

    def __init__(self, site_dir: Path, tools: dict[str, Path] | None = None) -> None:
        served = {TOOLS_PATH + name: path.read_bytes() for name, path in (tools or {}).items()}
        handler = functools.partial(_QuietHandler, directory=str(site_dir), tools=served)
        self._httpd = _Server(("127.0.0.1", 0), handler)
        port = self._httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def tool_url(self, name: str) -> str:
        return self.origin + TOOLS_PATH + name

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
