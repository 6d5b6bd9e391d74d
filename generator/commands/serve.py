"""`guides serve`: a live preview that rebuilds when guides, schemas, theme or config change."""

from __future__ import annotations

import errno
import logging
import socket
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException

from generator.commands import ExitCode, say
from generator.commands.build import mkdocs_messages
from generator.common.i18n import _


def run_serve(config_file: Path, dev_addr: str, *, verbose: bool = False) -> int:
    """Serve a live preview that rebuilds on changes to guides, schema, theme and config."""
    from mkdocs.commands.serve import serve

    if not config_file.is_file():
        say(
            _("error: {file}: no such configuration file (run from the project folder)").format(
                file=config_file
            )
        )
        return ExitCode.CANNOT_RUN
    busy = _port_in_use(dev_addr)
    if busy:
        say(
            _(
                "error: cannot serve on {address}: {why}. Choose another address, "
                "for example: guides serve --dev-addr 127.0.0.1:8001"
            ).format(address=dev_addr, why=busy)
        )
        return ExitCode.CANNOT_RUN
    with mkdocs_messages(logging.INFO, verbose=verbose):
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
            say(_("error: {message}").format(message=error.format_message()))
            return ExitCode.PROBLEMS
        except OSError as error:
            say(
                _("error: cannot serve on {address}: {why}").format(
                    address=dev_addr, why=error.strerror or error
                )
            )
            return ExitCode.CANNOT_RUN
        except KeyboardInterrupt:
            return ExitCode.OK
    return ExitCode.OK


def _port_in_use(dev_addr: str) -> str | None:
    """Say why `dev_addr` cannot be listened on, or None when it can.

    Asked before MkDocs starts: MkDocs makes its temporary site folder first and
    leaves it behind when the port turns out to be taken.
    """
    host, _colon, port = dev_addr.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        return _("{port} is not a port number (give HOST:PORT)").format(port=repr(port))
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", number))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return _("another program is already listening on that port")
            return error.strerror or str(error)
    return None
