"""`guides build`: MkDocs runs with our safety rails around it.

A build goes into a fresh folder next to the target and is swapped in only when
everything (validation, the strict MkDocs build, the search index) has succeeded, so
a failed run leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import re
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
from generator.common.i18n import N_, _
from generator.site import target as site_target
from generator.site.plugin import GUIDE_PROBLEMS, GuidesPlugin
from generator.validate.tree import CannotValidate


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # Our plugin's logger (MkDocs' get_plugin_logger) puts the package's name in front.
        message = record.getMessage().removeprefix("generator: ")
        if record.levelno >= logging.ERROR:
            return _("error: {message}").format(message=message)
        if record.levelno >= logging.WARNING:
            return _("warning: {message}").format(message=message)
        return message


_MKDOCS_LINES = (
    (re.compile(r"Serving on (?P<url>\S+)"), N_("Preview at {url} (press Ctrl-C to stop)")),
    (re.compile(r"Detected file changes"), N_("A file changed: building the preview again...")),
    (
        re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds"),
        N_("Built in {seconds} s."),
    ),
)
"""MkDocs' own English lines an editor sees while previewing, said in the editor's language."""


class _OwnWords(logging.Filter):
    """Say MkDocs' few useful progress lines in our words, and drop its other INFO lines.

    With `verbose`, MkDocs' lines pass as MkDocs wrote them.
    """

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        if self.verbose or record.levelno >= logging.WARNING:
            return True
        if not record.name.startswith("mkdocs.") or record.name.startswith("mkdocs.plugins."):
            return True  # our plugin's own lines are already in the editor's language
        message = record.getMessage()
        for pattern, ours in _MKDOCS_LINES:
            found = pattern.search(message)
            if found:
                record.msg, record.args = _(ours).format(**found.groupdict()), ()
                return True
        return False


@contextmanager
def mkdocs_messages(level: int, *, verbose: bool = False) -> Iterator[None]:
    """Show MkDocs' log (our plugin's included) and the guides' problems on stderr.

    The guides' problems have a logger of their own (GUIDE_PROBLEMS), outside MkDocs'
    tree, so that MkDocs' strict mode never counts a warning about a guide. MkDocs' own
    English INFO lines are replaced by ours or dropped unless `verbose` (`_OwnWords`).
    """
    mkdocs_logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    handler.addFilter(_OwnWords(verbose))
    handler.setLevel(logging.INFO if verbose else level)
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
    config_file: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = False,
    adopt: bool = False,
    verbose: bool = False,
) -> int:
    """Validate, build into a work folder beside the target, then swap the site into place.

    Warnings about guides are shown and never block the build unless `strict`; MkDocs'
    own warnings (a broken link in a hand-written page) always fail it.
    """
    if not config_file.is_file():
        say(
            _("error: {file}: no such configuration file (run from the project folder)").format(
                file=config_file
            )
        )
        return ExitCode.CANNOT_RUN
    started = time.monotonic()
    with mkdocs_messages(logging.WARNING, verbose=verbose):
        try:
            probe = load_config(config_file=str(config_file))
            target = Path(site_dir).resolve() if site_dir else Path(probe.site_dir).resolve()
            site_target.check_target(target, _project(config_file, probe), adopt=adopt)
            target.parent.mkdir(parents=True, exist_ok=True)
            for leftover in site_target.remove_leftovers(target):
                say(
                    _("Removed {name}, left by a build that was stopped.").format(
                        name=leftover.name
                    )
                )
            work = site_target.make_work_folder(target)
        except site_target.UnsafeSiteDir as error:
            say(_("error: {message}").format(message=error))
            return ExitCode.CANNOT_RUN
        except (ConfigurationError, OSError) as error:
            say(_("error: cannot start the build: {error}").format(error=error))
            return ExitCode.CANNOT_RUN
        try:
            return _build_in(work, config_file, target, strict=strict, started=started)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _build_in(work: Path, config_file: Path, target: Path, *, strict: bool, started: float) -> int:
    """Build into work/site, index it, mark it, then swap it into place; say what happened."""
    new_site = work / "site"
    kept = _("{folder} was left as it was").format(folder=target)
    plugin = None
    try:
        config = load_config(config_file=str(config_file), site_dir=str(new_site), strict=True)
        plugin = config.plugins.get("guides")
        if isinstance(plugin, GuidesPlugin):
            plugin.strict_guides = strict
        mkdocs_build(config)
        site_target.publish_modes(new_site)
        site_target.swap_into_place(new_site, target, work)
    except Abort:
        # MkDocs has already logged why (the guides' problems, in the editor's language);
        # its own "Aborted with a BuildError!" adds nothing.
        say(_("error: the build failed; {kept}.").format(kept=kept))
        return ExitCode.PROBLEMS
    except MkDocsException as error:
        say(
            _("error: the build failed ({error}); {kept}.").format(
                error=error.format_message(), kept=kept
            )
        )
        return ExitCode.PROBLEMS
    except CannotValidate as error:
        say(_("error: cannot build: {error}; {kept}.").format(error=error, kept=kept))
        return ExitCode.CANNOT_RUN
    except OSError as error:
        say(
            _("error: cannot put the new site in place ({error}); {kept}.").format(
                error=error, kept=kept
            )
        )
        return ExitCode.CANNOT_RUN
    except KeyboardInterrupt:
        # MkDocs calls on_build_error for an Exception only: stop the page workers here,
        # cancelling the pages they have not started.
        if isinstance(plugin, GuidesPlugin):
            plugin.stop_rendering()
        say(_("Stopped; {kept}.").format(kept=kept))
        return ExitCode.INTERRUPTED
    index = plugin.last_index if isinstance(plugin, GuidesPlugin) else None
    if index is not None:
        say(index.summary())
    say(
        _("Built the site into {folder} in {seconds} s.").format(
            folder=target, seconds=f"{time.monotonic() - started:.1f}"
        )
    )
    return ExitCode.OK


def _project(config_file: Path, config: MkDocsConfig) -> site_target.Project:
    """The project's own folders, which no site may replace, hold or lie in."""
    plugin = config.plugins.get("guides")
    if isinstance(plugin, GuidesPlugin):
        return plugin.project(config)
    return site_target.Project.of(config_file, [config.docs_dir, config.theme.custom_dir])
