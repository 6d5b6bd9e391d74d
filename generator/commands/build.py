"""`guides build`: MkDocs runs with our safety rails around it.

A build goes into a fresh folder next to the target and is swapped in only when
everything (validation, the strict MkDocs build, the search index) has succeeded, so
a failed run leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from generator.commands import ExitCode, say
from generator.site import target as site_target
from generator.site.plugin import GUIDE_PROBLEMS, GuidesPlugin
from generator.validate.tree import CannotValidate


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = record.levelname.lower()
        return f"{level}: {record.getMessage()}" if level != "info" else record.getMessage()


@contextmanager
def mkdocs_messages(level: int) -> Iterator[None]:
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


def run_build(
    config_file: Path, site_dir: Path | None = None, *, strict: bool = False, adopt: bool = False
) -> int:
    """Validate, build into a work folder beside the target, then swap the site into place.

    Warnings about guides are shown and never block the build unless `strict`; MkDocs'
    own warnings (a broken link in a hand-written page) always fail it.
    """
    if not config_file.is_file():
        say(f"error: {config_file}: no such configuration file (run from the project folder)")
        return ExitCode.CANNOT_RUN
    started = time.monotonic()
    with mkdocs_messages(logging.WARNING):
        try:
            probe = load_config(config_file=str(config_file))
            target = Path(site_dir).resolve() if site_dir else Path(probe.site_dir).resolve()
            site_target.check_target(target, _project(config_file, probe), adopt=adopt)
            target.parent.mkdir(parents=True, exist_ok=True)
            for leftover in site_target.remove_leftovers(target):
                say(f"Removed {leftover.name}, left by a build that was stopped.")
            work = site_target.make_work_folder(target)
        except site_target.UnsafeSiteDir as error:
            say(f"error: {error}")
            return ExitCode.CANNOT_RUN
        except (ConfigurationError, OSError) as error:
            say(f"error: cannot start the build: {error}")
            return ExitCode.CANNOT_RUN
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
        say(f"error: the build failed ({error.format_message()}); {kept}.")
        return ExitCode.PROBLEMS
    except CannotValidate as error:
        say(f"error: cannot build: {error}; {kept}.")
        return ExitCode.CANNOT_RUN
    except OSError as error:
        say(f"error: cannot put the new site in place ({error}); {kept}.")
        return ExitCode.CANNOT_RUN
    except KeyboardInterrupt:
        say(f"Stopped; {kept}.")
        return ExitCode.INTERRUPTED
    index = plugin.last_index if isinstance(plugin, GuidesPlugin) else None
    if index is not None:
        say(index.summary())
    say(f"Built the site into {target} in {time.monotonic() - started:.1f} s.")
    return ExitCode.OK


def _project(config_file: Path, config: MkDocsConfig) -> site_target.Project:
    """The project's own folders, which no site may replace, hold or lie in."""
    plugin = config.plugins.get("guides")
    if isinstance(plugin, GuidesPlugin):
        return plugin.project(config)
    return site_target.Project.of(config_file, [config.docs_dir, config.theme.custom_dir])
