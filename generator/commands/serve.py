"""`guides serve`: a live preview that rebuilds when guides, schemas, theme or config change.

The preview (generator/preview/) serves the last good build and answers every request at
once; while the guides have errors, every page carries a banner listing them, and
/_problems/ lists them all with their hints. This module gives it the MkDocs build.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import shutil
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException
from mkdocs.livereload import LiveReloadServer

from generator.commands import ExitCode, say
from generator.commands.build import mkdocs_messages
from generator.common import resources
from generator.common.i18n import _, ngettext
from generator.preview.server import PreviewServer
from generator.preview.state import BuildOutcome
from generator.search.index import SearchIndexError
from generator.site import checked, incremental
from generator.site.plugin import GuidesPlugin
from generator.validate.problems import Severity
from generator.validate.tree import CannotValidate


def run_serve(config_file: Path, dev_addr: str, *, verbose: bool = False) -> int:
    """Serve a live preview that rebuilds on changes to guides, schema, theme and config."""
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
    host, _sep, port = dev_addr.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        with mkdocs_messages(logging.WARNING, verbose=verbose):
            probe = load_config(config_file=str(config_file))
    except (ConfigurationError, Abort) as error:
        say(_("error: {file} cannot be read: {reason}").format(file=config_file, reason=error))
        return ExitCode.CANNOT_RUN
    mount = urlsplit(probe.site_url or "/").path or "/"
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/{mount.strip('/')}"
    url = url.rstrip("/") + "/"

    build = PreviewBuilder(config_file, url, verbose=verbose)
    try:
        server = PreviewServer(
            (host, int(port)), build, mount_path=mount, report=_reporter(url), incremental=True
        )
        build.search_ready = build.build_again = server.request_build
        build.interrupted = server.change_waiting
        server.render_now = build.render_now
    except OSError as error:
        say(
            _("error: cannot serve on {address}: {why}").format(
                address=dev_addr, why=error.strerror or error
            )
        )
        return ExitCode.CANNOT_RUN
    # Ctrl-C and SIGTERM (see cli._stop_on_sigterm) end the preview the same way, at any
    # moment once the server exists: close() removes every folder it made.
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.watch(watched_paths(probe, config_file))
            say(_("Serving the preview on {url} (Ctrl-C stops it).").format(url=url))
            server.run()
    finally:
        build.close()
        server.close()
    return ExitCode.OK


class PreviewBuilder:
    """Builds the preview: a full MkDocs build first and after any change it cannot follow,
    else only the pages a change to the guides touches (generator/site/incremental.py).

    An update renders the pages of the guides that changed first and returns; the pages
    listing the whole catalogue follow in the next build, asked for at once through
    `build_again` (a build with no change: it renders them, and open pages showing them
    reload). After an update, the search index follows in the background, in a process
    at the lowest priority; when it is ready, `search_ready` is called (a build with no
    change, which puts the new index in place).
    """

    def __init__(
        self,
        config_file: Path,
        url: str,
        *,
        verbose: bool = False,
        search_ready: Callable[[], None] = lambda: None,
        build_again: Callable[[], None] = lambda: None,
    ) -> None:
        self.config_file = config_file
        self.url = url
        self.verbose = verbose
        self.search_ready = search_ready
        self.build_again = build_again
        self.interrupted: Callable[[], bool] = lambda: False
        """Says whether a file changed since this build began: the pages an update
        deferred are left for the build after it (an editor's save comes first)."""
        """Asks for a build with no change soon: the pages an update deferred are ready
        to be rendered."""
        self.live: incremental.LiveSite | None = None
        self.last_update: incremental.Update | None = None
        """What the last update did (benchmarks/preview_update.py prints its steps)."""
        self._search = _SearchFollower(self._indexed, lambda: self.live)
        self._index: tuple[incremental.LiveSite, Path] | None = None
        self._search_behind = False
        """An update wrote search records that the index served does not hold yet."""

    def __call__(self, site_dir: Path, *, changed: frozenset[Path] | None = None) -> BuildOutcome:
        live = self.live
        if changed == frozenset() and live is not None:
            return self._settle(live, site_dir)
        if changed is not None and live is not None and _only_guides(changed, live.guides_dir):
            started = time.monotonic()
            try:
                with mkdocs_messages(logging.WARNING, verbose=self.verbose):
                    update = incremental.update(live, set(changed), site_dir, defer=True)
                    self.last_update = update
            except incremental.NeedsFullBuild as why:
                if self.verbose:
                    say(_("A full build is needed: {why}.").format(why=why))
            except (Abort, MkDocsException, OSError, CannotValidate):
                # The state kept may be half-updated: a full build says what went wrong.
                self.live = None
            except BaseException:
                self.live = None  # never update again from a state that may be half-updated
                raise
            else:
                seconds = time.monotonic() - started
                if update.remade:
                    # The model made again is as large as the one frozen after the full
                    # build (below): frozen too, or the collector walks it in every update.
                    gc.freeze()
                if self.verbose:
                    say(" ".join(f"{step} {took:.2f} s" for step, took in update.seconds.items()))
                if any(problem.severity is Severity.ERROR for problem in update.problems):
                    if live.deferred:
                        self.build_again()  # the pages deferred are rendered all the same
                    return BuildOutcome(False, update.problems, "", seconds)
                note = ngettext(
                    "{count} page rendered again.",
                    "{count} pages rendered again.",
                    len(update.rendered),
                ).format(count=len(update.rendered))
                if len(update.deferred) > incremental.FIRST_PASS_MOST:
                    # the reference data: the guide pages showing it follow, each at once
                    # when it is opened
                    note += " " + ngettext(
                        "{count} more page follows; opened meanwhile, it is rendered at once.",
                        "{count} more pages follow; any of them opened meanwhile is rendered "
                        "at once.",
                        len(update.deferred),
                    ).format(count=len(update.deferred))
                elif update.deferred:
                    note += " " + ngettext(
                        "{count} page listing the guides follows.",
                        "{count} pages listing the guides follow.",
                        len(update.deferred),
                    ).format(count=len(update.deferred))
                    self.build_again()  # render them in the next build, at once
                if update.search_behind:
                    note += " " + _("The search index follows in the background.")
                    self._index = None  # an index made before this update is behind it
                    self._search_behind = True
                    self._search.request(live)
                return BuildOutcome(
                    True,
                    update.problems,
                    "",
                    seconds,
                    over=live.base,
                    note=note,
                    search_behind=self._search_behind,
                    pending=frozenset(update.deferred),
                    pending_reference=frozenset(update.deferred_reference),
                )
            shutil.rmtree(site_dir, ignore_errors=True)
            site_dir.mkdir(mode=0o755)
        # The state kept from a build is a large heap (about 0.7 GB at 10,000 guides) that
        # Python's cycle collector would otherwise walk again and again during each update,
        # for seconds: it is frozen out of the collector's sight while it is kept, and
        # handed back to it (to be freed) before the next full build.
        self.live = None
        self._index = None
        self._search_behind = False  # a full build indexes its own pages
        gc.unfreeze()
        outcome, self.live = build_preview(
            self.config_file, site_dir, self.url, verbose=self.verbose
        )
        gc.collect()
        if self.live is not None:
            gc.freeze()
            # The text of every guide that a reference edit searches for the names of the
            # entries changed (checked.reference_touched): made now, while the editor reads
            # the first pages, rather than in the first reference edit (1.1 s at 10,000).
            threading.Thread(
                target=checked.prepare_texts,
                args=(self.live.checked,),
                name="guides-serve-texts",
                daemon=True,
            ).start()
        return outcome

    def _indexed(self, live: incremental.LiveSite, pagefind: Path) -> None:
        """The follower's index is ready (on its thread): ask for it to be put in place."""
        self._index = (live, pagefind)
        self.search_ready()

    def _settle(self, live: incremental.LiveSite, site_dir: Path) -> BuildOutcome:
        """A build with nothing changed: render the pages the last update deferred, and
        serve the index the follower made, if it is ready."""
        started = time.monotonic()
        notes: list[str] = []
        if live.deferred:
            records = bool(live.records_deferred)
            try:
                with mkdocs_messages(logging.WARNING, verbose=self.verbose):
                    rendered = incremental.finish(live, site_dir, self.interrupted)
            except BaseException:
                self.live = None  # never update again from a state that may be half-updated
                raise
            if len(rendered) > incremental.FIRST_PASS_MOST:  # guide pages among them
                notes.append(
                    ngettext(
                        "{count} page rendered again.",
                        "{count} pages rendered again.",
                        len(rendered),
                    ).format(count=len(rendered))
                )
            else:
                notes.append(
                    ngettext(
                        "{count} page listing the guides rendered again in {seconds:.1f} s.",
                        "{count} pages listing the guides rendered again in {seconds:.1f} s.",
                        len(rendered),
                    ).format(count=len(rendered), seconds=time.monotonic() - started)
                )
            if live.deferred:
                self.build_again()  # a file changed meanwhile: its build first, then these
            elif records and not live.records_deferred:
                notes.append(_("The search index follows in the background."))
                self._index = None
                self._search_behind = True
                self._search.request(live)
        index, self._index = self._index, None
        pagefind = index[1] if index is not None and index[0] is live else None
        incremental.republish(live, site_dir, pagefind)
        if pagefind is not None:
            self._search_behind = False
            notes.append(_("The search index has caught up."))
        return BuildOutcome(
            True,
            live.plugin.last_problems,
            "",
            over=live.base,
            note=" ".join(notes),
            quiet=True,
            search_behind=self._search_behind,
            pending=frozenset(incremental.deferred_dests(live)) if live.deferred else frozenset(),
            pending_reference=(
                frozenset(incremental.deferred_dests(live, after_reference=True))
                if live.deferred
                else frozenset()
            ),
        )

    def render_now(self, dest: str) -> Path | None:
        """A request asks for a page an update deferred: render it now (a request's thread).

        Returns the file to serve, or None to serve the page as it was with its note."""
        live = self.live
        if live is None:
            return None
        # No mkdocs_messages here: it sets the logger's level and handlers for the whole
        # process, and the builder's thread may be inside its own (finish) meanwhile.
        try:
            return incremental.render_now(live, dest)
        except Exception:  # the page stays as it was; finish renders it or says why
            return None

    def close(self) -> None:
        """Stop following the search index (the preview is stopping)."""
        self._search.stop()


class _SearchFollower:
    """Index the search records again in the background, once per burst of updates."""

    def __init__(
        self,
        done: Callable[[incremental.LiveSite, Path], None],
        current: Callable[[], incremental.LiveSite | None],
    ) -> None:
        self.done = done
        self.current = current
        self._wanted: incremental.LiveSite | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread: threading.Thread | None = None

    def request(self, live: incremental.LiveSite) -> None:
        with self._lock:
            self._wanted = live
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    def _run(self) -> None:
        # The indexing runs in a child process at the lowest priority (niceness 19 and
        # SCHED_IDLE, search/background.py), not in this thread: a thread here shares the
        # interpreter lock with the update rendering an editor's next save.
        while not self._stopped:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                live, self._wanted = self._wanted, None
            if live is None or self._stopped:
                continue
            try:
                pagefind = incremental.index_search(live)
            except (SearchIndexError, OSError) as error:
                if self.current() is live:  # else a full build replaced it, index and all
                    say(_("The search index could not follow: {error}").format(error=error))
                continue
            if not self._stopped and self._wanted is None:
                self.done(live, pagefind)


def _only_guides(changed: frozenset[Path], guides_dir: Path) -> bool:
    """Say whether every changed path is inside the guides folder."""
    root = guides_dir.resolve()
    return all(path.resolve().is_relative_to(root) for path in changed)


def build_preview(
    config_file: Path, site_dir: Path, url: str, *, verbose: bool = False
) -> tuple[BuildOutcome, incremental.LiveSite | None]:
    """Build the site for the preview into `site_dir`; an editor's mistake is an outcome.

    With the outcome of a good build comes the state it was built from, kept to render
    single pages again when guides change.
    """
    started = time.monotonic()
    plugin: Any = None
    with mkdocs_messages(logging.WARNING, verbose=verbose):
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir))
            config.site_url = url
            plugin = config.plugins.get("guides")
            prepared = incremental.prepare(config)
            mkdocs_build(config, serve_url=url)
        except (Abort, MkDocsException) as error:
            problems = plugin.last_problems if isinstance(plugin, GuidesPlugin) else []
            cause = error.__context__ if isinstance(error.__context__, MkDocsException) else error
            outcome = BuildOutcome(
                False, problems, "" if problems else str(cause), time.monotonic() - started
            )
            return outcome, None
        except (CannotValidate, OSError) as error:
            return BuildOutcome(False, [], str(error), time.monotonic() - started), None
    problems = plugin.last_problems if isinstance(plugin, GuidesPlugin) else []
    live = incremental.keep(config, prepared) if prepared is not None else None
    return BuildOutcome(True, problems, "", time.monotonic() - started), live


def watched_paths(config: MkDocsConfig, config_file: Path) -> list[Path]:
    """What a change of rebuilds the preview: mkdocs.yml, the pages, the themes, and what the
    plugins watch under MkDocs' own server (the guides and the schemas)."""
    paths = [config_file, Path(config.docs_dir), resources.theme_dir()]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    recorder = _WatchRecorder()
    config.plugins.on_serve(cast(LiveReloadServer, recorder), config=config, builder=_no_build)
    paths.extend(recorder.paths)
    paths.extend(Path(path) for path in config.watch)
    return paths


class _WatchRecorder:
    """Stands in for MkDocs' live server in the plugins' on_serve: notes what they watch."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        self.paths.append(Path(path))


def _reporter(url: str) -> Any:
    def report(outcome: BuildOutcome) -> None:
        errors = len(outcome.errors)
        if outcome.built and outcome.quiet:
            if outcome.note:
                say(outcome.note)
        elif outcome.built and outcome.over is not None:
            say(
                _("Updated the preview in {seconds:.1f} s: {note}").format(
                    seconds=outcome.seconds, note=outcome.note
                )
            )
        elif outcome.built:
            say(_("Built the preview in {seconds:.1f} s.").format(seconds=outcome.seconds))
        elif errors:
            say(
                ngettext(
                    "The guides have {count} error; the preview keeps the last good site "
                    "and lists the problems at {url}",
                    "The guides have {count} errors; the preview keeps the last good site "
                    "and lists the problems at {url}",
                    errors,
                ).format(count=errors, url=f"{url}_problems/")
            )
        else:
            say(
                _(
                    "The site could not be built; the preview keeps the last good site: {reason}"
                ).format(reason=outcome.failure)
            )

    return report


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


def _no_build() -> None:
    """The preview builds by itself; a plugin's on_serve gets this in MkDocs' builder's place."""
