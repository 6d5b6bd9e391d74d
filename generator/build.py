"""`guides build` and `guides serve`: MkDocs runs with our safety rails around them.

A build goes into a fresh folder next to the target and is swapped in only when
everything (validation, the strict MkDocs build, the search index) has succeeded, so
a failed run leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from generator.validation import CannotValidate

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = record.levelname.lower()
        return f"{level}: {record.getMessage()}" if level != "info" else record.getMessage()


@contextmanager
def _mkdocs_messages(level: int) -> Iterator[None]:
    """Show MkDocs' log (our plugin's included) on stderr while a command runs."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    handler.setLevel(level)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(min(level, logging.INFO))
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def run_build(config_file: Path, site_dir: Path | None = None) -> int:
    """Validate, build strictly into a temporary folder, then swap it into place."""
    if not config_file.is_file():
        _say(f"error: {config_file}: no such configuration file (run from the project folder)")
        return EXIT_CANNOT_RUN
    started = time.monotonic()
    with _mkdocs_messages(logging.WARNING):
        try:
            probe = load_config(config_file=str(config_file))
            target = Path(site_dir).resolve() if site_dir else Path(probe.site_dir).resolve()
            target.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        except (ConfigurationError, OSError) as error:
            _say(f"error: cannot start the build: {error}")
            return EXIT_CANNOT_RUN
        try:
            config = load_config(config_file=str(config_file), site_dir=str(work), strict=True)
            mkdocs_build(config)
            _swap_into_place(work, target)
            index = getattr(config.plugins.get("guides"), "last_index", None)
        except (Abort, MkDocsException) as error:
            shutil.rmtree(work, ignore_errors=True)
            _say(
                f"error: the build failed ({error.format_message()}); {target} was left as it was."
            )
            return EXIT_PROBLEMS
        except CannotValidate as error:
            shutil.rmtree(work, ignore_errors=True)
            _say(f"error: cannot build: {error}; {target} was left as it was.")
            return EXIT_CANNOT_RUN
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    if index is not None:
        _say(index.summary())
    _say(f"Built the site into {target} in {time.monotonic() - started:.1f} s.")
    return EXIT_OK


def _swap_into_place(new: Path, target: Path) -> None:
    """Put `new` where `target` is: rename the old one away, rename new in, delete old."""
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def run_serve(config_file: Path, dev_addr: str) -> int:
    """Serve a live preview that rebuilds on changes to guides, schema, theme and config."""
    from mkdocs.commands.serve import serve

    if not config_file.is_file():
        _say(f"error: {config_file}: no such configuration file (run from the project folder)")
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
        except KeyboardInterrupt:
            return EXIT_OK
    return EXIT_OK
