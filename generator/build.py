"""`guides build` and `guides serve`: MkDocs runs with our safety rails around them.

A build goes into a fresh folder next to the target and is swapped in only when
everything (validation, the strict MkDocs build, the search index) has succeeded, so
a failed run leaves the previous site exactly as it was.
"""

from __future__ import annotations

import errno
import logging
import shutil
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from generator import site_target
from generator.plugin import GUIDE_PROBLEMS, GuidesPlugin
from generator.validation import CannotValidate

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C or SIGTERM, as a shell reports a process ended by SIGINT."""


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = record.levelname.lower()
        return f"{level}: {record.getMessage()}" if level != "info" else record.getMessage()


@contextmanager
def _mkdocs_messages(level: int) -> Iterator[None]:
    """Show MkDocs' log (our plugin's included) and the guides' problems on stderr.

    The guides' problems have a logger of their own (GUIDE_PROBLEMS), outside MkDocs'
    tree, so that MkDocs' strict mode never counts a warning about a guide.
    """
    mkdocs_logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    handler.setLevel(level)
    problems_handler = logging.StreamHandler(sys.stderr)
    old_level = mkdocs_logger.level
    mkdocs_logger.addHandler(handler)
    mkdocs_logger.setLevel(min(level, logging.INFO))
    problems_logger = logging.getLogger(GUIDE_PROBLEMS)
    problems_logger.addHandler(problems_handler)
    try:
        yield
    finally:
        mkdocs_logger.removeHandler(handler)
        mkdocs_logger.setLevel(old_level)
        problems_logger.removeHandler(problems_handler)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def run_build(
    config_file: Path, site_dir: Path | None = None, *, strict: bool = False, adopt: bool = False
) -> int:
    """Validate, build into a work folder beside the target, then swap the site into place.

    Warnings about guides are shown and never block the build unless `strict`; MkDocs'
    own warnings (a broken link in a hand-written page) always fail it.
    """
    if not config_file.is_file():
        _say(f"error: {config_file}: no such configuration file (run from the project folder)")
        return EXIT_CANNOT_RUN
    started = time.monotonic()
    with _mkdocs_messages(logging.WARNING):
        try:
            probe = load_config(config_file=str(config_file))
            target = Path(site_dir).resolve() if site_dir else Path(probe.site_dir).resolve()
            site_target.check_target(target, _project(config_file, probe), adopt=adopt)
            target.parent.mkdir(parents=True, exist_ok=True)
            for leftover in site_target.remove_leftovers(target):
                _say(f"Removed {leftover.name}, left by a build that was stopped.")
            work = site_target.make_work_folder(target)
        except site_target.UnsafeSiteDir as error:
            _say(f"error: {error}")
            return EXIT_CANNOT_RUN
        except (ConfigurationError, OSError) as error:
            _say(f"error: cannot start the build: {error}")
            return EXIT_CANNOT_RUN
        try:
            return _build_in(work, config_file, target, strict=strict, started=started)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _build_in(work: Path, config_file: Path, target: Path, *, strict: bool, started: float) -> int:
    """Build into work/site, index it, mark it, then swap it into place; say what happened."""
    new_site = work / "site"
    kept = f"{target} was left as it was"
    try:
        config = load_config(config_file=str(config_file), site_dir=str(new_site), strict=True)
        plugin = config.plugins.get("guides")
        if isinstance(plugin, GuidesPlugin):
            plugin.strict_guides = strict
        mkdocs_build(config)
        site_target.publish_modes(new_site)
        site_target.swap_into_place(new_site, target, work)
    except (Abort, MkDocsException) as error:
        _say(f"error: the build failed ({error.format_message()}); {kept}.")
        return EXIT_PROBLEMS
    except CannotValidate as error:
        _say(f"error: cannot build: {error}; {kept}.")
        return EXIT_CANNOT_RUN
    except OSError as error:
        _say(f"error: cannot put the new site in place ({error}); {kept}.")
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        _say(f"Stopped; {kept}.")
        return EXIT_INTERRUPTED
    index = plugin.last_index if isinstance(plugin, GuidesPlugin) else None
    if index is not None:
        _say(index.summary())
    _say(f"Built the site into {target} in {time.monotonic() - started:.1f} s.")
    return EXIT_OK


def _project(config_file: Path, config: MkDocsConfig) -> site_target.Project:
    """The project's own folders, which no site may replace, hold or lie in."""
    plugin = config.plugins.get("guides")
    if isinstance(plugin, GuidesPlugin):
        return plugin.project(config)
    return site_target.Project.of(config_file, [config.docs_dir, config.theme.custom_dir])


def run_serve(config_file: Path, dev_addr: str) -> int:
    """Serve a live preview that rebuilds on changes to guides, schema, theme and config."""
    from mkdocs.commands.serve import serve

    if not config_file.is_file():
        _say(f"error: {config_file}: no such configuration file (run from the project folder)")
        return EXIT_CANNOT_RUN
    busy = _port_in_use(dev_addr)
    if busy:
        _say(
            f"error: cannot serve on {dev_addr}: {busy}. Choose another address, "
            "for example: guides serve --dev-addr 127.0.0.1:8001"
        )
        return EXIT_CANNOT_RUN
    with _mkdocs_messages(logging.INFO):
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
            _say(f"error: {error.format_message()}")
            return EXIT_PROBLEMS
        except OSError as error:
            _say(f"error: cannot serve on {dev_addr}: {error.strerror or error}")
            return EXIT_CANNOT_RUN
        except KeyboardInterrupt:
            return EXIT_OK
    return EXIT_OK


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
