"""`guides serve`: a live preview that rebuilds when guides, schemas, theme or config change."""

from __future__ import annotations

import errno
import logging
import socket
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException

from generator.commands import ExitCode, say
from generator.commands.build import mkdocs_messages


def run_serve(config_file: Path, dev_addr: str) -> int:
    """Serve a live preview that rebuilds on changes to guides, schema, theme and config."""
    from mkdocs.commands.serve import serve

    if not config_file.is_file():
        say(f"error: {config_file}: no such configuration file (run from the project folder)")
        return ExitCode.CANNOT_RUN
    busy = _port_in_use(dev_addr)
    if busy:
        say(
            f"error: cannot serve on {dev_addr}: {busy}. Choose another address, "
            "for example: guides serve --dev-addr 127.0.0.1:8001"
        )
        return ExitCode.CANNOT_RUN
    with mkdocs_messages(logging.INFO):
        try:
            # livereload is passed explicitly: with Click >= 8.2.2 `mkdocs serve` leaves it
            # off unless --livereload is given. guides/ and schema/ are watched by the
            # plugin's on_serve; watch_theme adds theme/ (custom_dir).
            serve(
                config_file=str(config_file),
                livereload=True,
                watch_theme=True,
                dev_addr=dev_addr,
                strict=False,
            )
        except (Abort, MkDocsException) as error:
            say(f"error: {error.format_message()}")
            return ExitCode.PROBLEMS
        except OSError as error:
            say(f"error: cannot serve on {dev_addr}: {error.strerror or error}")
            return ExitCode.CANNOT_RUN
        except KeyboardInterrupt:
            return ExitCode.OK
    return ExitCode.OK


def _port_in_use(dev_addr: str) -> str | None:
    """Say why `dev_addr` cannot be listened on, or None when it can.

    Asked before MkDocs starts: MkDocs makes its temporary site folder first and
    leaves it behind when the port turns out to be taken.
    """
    host, _, port = dev_addr.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        return f"{port!r} is not a port number (give HOST:PORT)"
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", number))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return "another program is already listening on that port"
            return error.strerror or str(error)
    return None
