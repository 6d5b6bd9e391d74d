"""The preview server: the last good site, served at once, rebuilt in the background on change.

Each build goes into a fresh folder under one work folder; a build that succeeds is
swapped in, one that fails leaves the site as it was and its problems are shown on every
page (banner.py). A request is answered from whatever site is current when it arrives:
it never waits for a build. Before the first good build every page is the problems page.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator.preview import banner
from generator.preview.state import BuildOutcome, PreviewState

Builder = Callable[..., BuildOutcome]
"""Build the site into the given (empty) folder and say how it went; never raises for an
editor's mistake. An incremental builder is also given `changed=`: the files changed since
the last build, or None when it should build everything."""

WORK_PREFIX = "guides-serve-"
QUIET_SECONDS = 0.2
"""Wait this long after a change for more changes (an editor saving several files)."""
_SPECIAL = "_preview/"
_PROBLEMS = "_problems/"


class PreviewServer(ThreadingHTTPServer):
    """Serve the preview of a project on `address`; `run()` builds, watches and serves."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        build: Builder,
        *,
        mount_path: str = "/",
        report: Callable[[BuildOutcome], None] = lambda outcome: None,
        incremental: bool = False,
    ) -> None:
        self.build = build
        self.incremental = incremental
        self.report = report
        self.mount = "/" + mount_path.strip("/") + "/" if mount_path.strip("/") else "/"
        self.state = PreviewState()
        self.work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX))
        self.work.chmod(0o755)
        self._changed = threading.Event()
        self._handler = _ChangeHandler(self._changed)
        self._stop = threading.Event()
        self._builds = 0
        self.render_now: Callable[[str], Path | None] | None = None
        """Renders at once a page the last build left to the next (`BuildOutcome.pending`),
        when it is asked for; returns the file to serve (None: serve it as it was)."""
        self._observer: Any = None
        self._serving = False
        self._closed = False
        try:
            super().__init__(address, partial(_Handler, preview=self))
        except BaseException:
            shutil.rmtree(self.work, ignore_errors=True)
            raise

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that gives up on a request (a reload, a closed tab) is not an error.
        pass

    def watch(self, paths: Iterable[Path]) -> None:
        """Rebuild when any file under these folders, or any of these files, changes."""
        handler = self._handler
        try:
            self._observer = self._schedule(Observer(), handler, paths)
            self._observer.start()
        except OSError:
            # No inotify watches left (a machine with many watchers): ask the disk instead.
            self._observer = self._schedule(PollingObserver(timeout=1), handler, paths)
            self._observer.start()

    @staticmethod
    def _schedule(observer: Any, handler: _ChangeHandler, paths: Iterable[Path]) -> Any:
        scheduled: set[tuple[str, bool]] = set()
        for path in paths:
            path = path.resolve()
            if path.is_dir():
                handler.folders.append(str(path) + os.sep)
                where = (str(path), True)
            elif path.is_file():
                handler.files.add(str(path))
                where = (str(path.parent), False)
            else:
                continue
            if where not in scheduled:
                scheduled.add(where)
                observer.schedule(handler, where[0], recursive=where[1])
        return observer

    def run(self) -> None:
        """Serve on a thread, build now and after every change, until `stop()` or Ctrl-C."""
        serving = threading.Thread(target=self.serve_forever, daemon=True)
        serving.start()
        self._serving = True
        try:
            self.rebuild()
            while not self._stop.is_set():
                if not self._changed.wait(timeout=0.25):
                    continue
                # Let a burst of saves settle, then build once for all of them.
                while self._changed.wait(timeout=QUIET_SECONDS):
                    self._changed.clear()
                    if self._stop.is_set():
                        return
                self.rebuild()
        finally:
            self.close()

    def rebuild(self) -> BuildOutcome:
        """Build into a fresh folder; swap it in when good, otherwise keep the site served."""
        self._builds += 1
        target = self.work / f"site-{self._builds}"
        target.mkdir(mode=0o755)
        started = time.monotonic()
        changed = self._handler.take() if self._builds > 1 else None
        try:
            if self.incremental:
                outcome = self.build(target, changed=changed)
            else:
                outcome = self.build(target)
        except Exception:
            # A fault of the tool itself, not an editor's mistake: the preview stays up,
            # serving the last good site, and shows the traceback to whoever reports it.
            outcome = BuildOutcome(False, failure=traceback.format_exc())
        if outcome.seconds == 0.0:
            outcome = dataclasses.replace(outcome, seconds=time.monotonic() - started)
        self.report(outcome)
        replaced = self.state.finished(outcome, target if outcome.built else None)
        if not outcome.built:
            shutil.rmtree(target, ignore_errors=True)
        self._remove_old_sites(keep={target, *replaced})
        return outcome

    def _remove_old_sites(self, keep: set[Path]) -> None:
        """Remove the sites two builds old; the one just replaced may still be in a response."""
        current, _, _ = self.state.snapshot()
        for folder in self.work.iterdir():
            if folder not in keep and folder not in current:
                shutil.rmtree(folder, ignore_errors=True)

    def change_waiting(self) -> bool:
        """Say whether a watched file changed (or a build was asked for) since the build
        in progress began."""
        return self._changed.is_set()

    def request_build(self) -> None:
        """Build again soon though no file changed (the builder has something to put in place)."""
        self._changed.set()

    def stop(self) -> None:
        """Make `run()` return after the build in progress, if any."""
        self._stop.set()
        self._changed.set()

    def close(self) -> None:
        """Stop watching and serving, and remove every folder the preview made (once)."""
        if self._closed:
            return
        self._closed = True
        if self._observer is not None:
            self._observer.stop()
            # A stop (Ctrl-C, SIGTERM) may come between making the watcher and starting it.
            if self._observer.is_alive():
                self._observer.join(timeout=5)
            self._observer = None
        if self._serving:
            self.shutdown()
            self._serving = False
        self.server_close()
        shutil.rmtree(self.work, ignore_errors=True)


class _ChangeHandler(FileSystemEventHandler):
    """Note that a watched file changed: anything under a watched folder, or a watched file."""

    def __init__(self, changed: threading.Event) -> None:
        self.changed = changed
        self.folders: list[str] = []
        self.files: set[str] = set()
        self._lock = threading.Lock()
        self._paths: set[Path] = set()

    def take(self) -> frozenset[Path]:
        """The watched paths changed since the last call."""
        with self._lock:
            paths, self._paths = frozenset(self._paths), set()
        return paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = os.fsdecode(raw) if raw else ""
            if path and self._watched(path):
                with self._lock:
                    self._paths.add(Path(path))
                self.changed.set()

    def _watched(self, path: str) -> bool:
        return path in self.files or any(path.startswith(folder) for folder in self.folders)


class _Handler(SimpleHTTPRequestHandler):
    """Answer from the site current when the request arrives, with the banner when needed."""

    preview: PreviewServer

    def __init__(self, *args: Any, preview: PreviewServer, **kwargs: Any) -> None:
        self.preview = preview
        self.layers, self.outcome, self.epoch = preview.state.snapshot()
        self.site = self.layers[-1] if self.layers else None
        super().__init__(*args, directory=str(self.site or preview.work), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        # The preview changes under the browser: never let it keep a stale copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self) -> Any:
        path = urlsplit(self.path).path
        mount = self.preview.mount
        if not (path + "/").startswith(mount):
            if path == "/":
                return self._redirect(mount)
            return self._page(HTTPStatus.NOT_FOUND, self._problems_page())
        inner = path[len(mount) :]
        if inner == _SPECIAL + "state":
            return self._state()
        if inner == _SPECIAL + "live.js":
            return self._live_script()
        if inner == _PROBLEMS:
            return self._page(HTTPStatus.OK, self._problems_page())
        if inner == _PROBLEMS.rstrip("/"):
            return self._redirect(path + "/")
        if self.site is None:
            # No good build yet: every page is the problems page, so the editor sees why.
            return self._page(HTTPStatus.SERVICE_UNAVAILABLE, self._problems_page())
        self.path = "/" + inner
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not path.endswith("/"):
                return self._redirect(quote(path) + "/")
            self.path = self.path.rstrip("/") + "/index.html"
            local = Path(self.translate_path(self.path))
        if local.suffix == ".html" and local.is_file():
            dest = unquote(self.path.lstrip("/"))
            pending = dest in self.preview.state.pending()
            fresh = self.preview.render_now(dest) if pending and self.preview.render_now else None
            if fresh is not None and fresh.is_file():
                local, pending = fresh, False
            if pending and dest in self.preview.state.pending_reference():
                return self._page(
                    HTTPStatus.OK, self._with_preview(local.read_bytes(), True, reference=True)
                )
            return self._page(HTTPStatus.OK, self._with_preview(local.read_bytes(), pending))
        if not local.exists():
            missing = self.site / "404.html"
            body = (
                missing.read_bytes() if missing.is_file() else b"<!doctype html><title>404</title>"
            )
            return self._page(HTTPStatus.NOT_FOUND, self._with_preview(body))
        return super().send_head()

    def translate_path(self, path: str) -> str:
        """The file in the first of the site's folders that has it (an update's pages over
        the full build's), else where the full build would have it."""
        local = super().translate_path(path)
        if self.site is None or len(self.layers) < 2:
            return local
        inner = os.path.relpath(local, self.site)
        if inner.startswith(os.pardir):
            return local
        for layer in self.layers[:-1]:
            candidate = os.path.join(layer, inner)
            if os.path.isfile(candidate):
                return candidate
        return local

    def _with_preview(
        self, page: bytes, pending: bool = False, *, reference: bool = False
    ) -> bytes:
        outcome = self.outcome or BuildOutcome(built=True)
        top = banner.banner_html(outcome, self.preview.mount + _PROBLEMS)
        if pending:
            top += banner.updating_note_html(reference=reference)
        if self.preview.state.search_behind():
            top += banner.search_note_html()
        page = banner.add_banner(page, top)
        return banner.add_script(page, self._script_tag())

    def _script_tag(self) -> str:
        mount = self.preview.mount
        return (
            f'<script src="{mount}{_SPECIAL}live.js" data-sg-preview-epoch="{self.epoch}" '
            f'data-sg-preview-errors="{len(self.outcome.errors) if self.outcome else 0}" '
            f'data-sg-preview-state="{mount}{_SPECIAL}state" defer></script>'
        )

    def _problems_page(self) -> bytes:
        page = banner.problems_page(self.outcome, self.preview.mount, self._script_tag())
        return page.encode("utf-8")

    def _state(self) -> Any:
        errors = len(self.outcome.errors) if self.outcome else 0
        state = {
            "epoch": self.epoch,
            "errors": errors,
            "search_behind": self.preview.state.search_behind(),
            "updating": bool(self.preview.state.pending()),
        }
        body = json.dumps(state).encode("utf-8")
        return self._send(HTTPStatus.OK, body, "application/json")

    def _live_script(self) -> Any:
        body = importlib_resources.files("generator.preview").joinpath("live.js").read_bytes()
        return self._send(HTTPStatus.OK, body, "text/javascript; charset=utf-8")

    def _page(self, status: HTTPStatus, body: bytes) -> Any:
        return self._send(status, body, "text/html; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> Any:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None
