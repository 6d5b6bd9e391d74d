"""Render generated pages in forked worker processes while MkDocs goes on.

MkDocs renders one page at a time in one process, and rendering the guide pages is most
of a build. These pages are made from the catalogue, so once MkDocs has read every page
and built the navigation (the `on_env` event), nothing a page needs changes any more:
forked workers can run MkDocs' own per-page step (`_build_page`: the template context,
`on_page_context`, the template, `on_post_page`, the write) for chunks of them, while the
MkDocs process goes on with the rest (the plugin keeps a share of the guide pages there,
with the listings, the hand-written pages, the theme's static files and the sitemap).
Each page is rendered by exactly the code that renders it in one process, so the site is
the same byte for byte.

What keeps MkDocs' own loop from rendering a page again: once the workers have been
forked, each of their pages is given a template of its own, `RENDERED_ELSEWHERE`, which
renders to nothing; MkDocs writes no file for empty output (it says "Page skipped" at
INFO, which a filter drops for these pages only). The plugin's hooks pass such a page by
(`rendered_elsewhere`). `close()` gives the pages their templates back.

Fork safety: the pool is started only when this process runs no other thread (the
preview's server threads mean one process); the templates are compiled before the fork
(the first page of each is rendered here); the garbage collector's objects stay frozen
until the workers end, so no collection writes to every shared object. The Jinja
environment, the catalogue and the pages are shared copy-on-write (a worker still ends
up copying much of the heap: docs/benchmarks.md). A worker's exception or death fails
the build with the page and the error (`RenderFailed`); `guides build` builds into a
work folder, so a failed build never leaves a half-written site.

`worker_count`: `GUIDES_BUILD_WORKERS=1` forces one process, `GUIDES_BUILD_WORKERS=N` N
processes whatever the number of pages; unset, from `PARALLEL_FROM` pages, one process
per CPU this process may run on (this one included).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.common.i18n import _
from generator.common.progress import Progress

#: The template of a page whose HTML a worker has written: it renders to nothing.
RENDERED_ELSEWHERE = "sg-rendered-elsewhere.html"

#: The environment variable that sets the number of processes (1: render in this one).
WORKERS_VARIABLE = "GUIDES_BUILD_WORKERS"

#: Below this many pages a pool costs more than it saves (about 0.1 s to start).
PARALLEL_FROM = 300

#: Pages per task: small enough for even shares and a lively progress line, large enough
#: that handing out tasks costs nothing next to rendering them (a guide page takes ~2 ms).
CHUNK = 40

log = logging.getLogger(__name__)


class RenderFailed(Exception):
    """A page could not be rendered in a worker; the message names the page and the error."""


class CannotFork(Exception):
    """No worker process could be started here (a sandbox without semaphores or fork):
    render in this process instead."""


class _PageError(Exception):
    """Raised in a worker: (page's source path, what went wrong). Plain strings pickle."""


def worker_count(pages: int) -> int:
    """How many processes should render `pages` generated pages (1: this process only)."""
    forced = os.environ.get(WORKERS_VARIABLE, "").strip()
    if forced:
        try:
            return max(1, int(forced))
        except ValueError:
            log.warning(
                _("{variable} must be a whole number; `{value}` is ignored.").format(
                    variable=WORKERS_VARIABLE, value=forced
                )
            )
    if pages < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, cpus)


def rendered_elsewhere(page: Page) -> bool:
    """Say whether another process renders this page, so MkDocs' loop and our hooks pass
    it by."""
    return page.meta.get("template") == RENDERED_ELSEWHERE


def can_fork() -> bool:
    """Forking is safe only while this process runs a single thread (and has fork)."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


@dataclass
class _Job:
    """What every worker inherits by fork: read, never sent."""

    pages: Sequence[Page]
    config: MkDocsConfig
    doc_files: Sequence[File]
    nav: Navigation
    env: jinja2.Environment
    collect: Callable[[], Any] | None


_job: _Job | None = None
_warnings: list[tuple[str, int, str]] = []


class _Keep(logging.Handler):
    """In a worker: keep MkDocs' warnings, to be said (and counted by strict mode) in the parent."""

    def emit(self, record: logging.LogRecord) -> None:
        _warnings.append((record.name, record.levelno, record.getMessage()))


def _start_worker() -> None:
    if _job is not None and _job.collect is not None:
        _job.collect()  # what the hooks gathered before the fork is the parent's, not ours
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):
        mkdocs_log.removeHandler(handler)
    keep = _Keep(logging.WARNING)
    mkdocs_log.addHandler(keep)
    # Our plugin's logger (mkdocs.plugins.generator...) propagates to "mkdocs": kept too.


def _render_chunk(start: int, stop: int) -> tuple[int, Any, list[tuple[str, int, str]]]:
    """In a worker: render pages[start:stop]; return the count, what `collect` gathered, and
    MkDocs' warnings."""
    job = _job
    assert job is not None
    del _warnings[:]
    for page in job.pages[start:stop]:
        try:
            _build_page(page, job.config, job.doc_files, job.nav, job.env)
        except Exception as error:
            # Many exceptions do not pickle; the page and the text are what the editor needs.
            raise _PageError(page.file.src_uri, f"{type(error).__name__}: {error}") from None
    collected = job.collect() if job.collect is not None else None
    return stop - start, collected, list(_warnings)


class _SkipSkipped(logging.Filter):
    """Drop MkDocs' "Page skipped" line for the pages a worker wrote (and only those)."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and isinstance(record.msg, str):
            if record.msg.startswith("Page skipped: '"):
                return record.msg[len("Page skipped: '") :].split("'", 1)[0] not in self.uris
        return True


class ParallelRender:
    """Render pages in worker processes while MkDocs goes on; `wait()` for the result.

    `collect`, called in a worker after each chunk, returns (and forgets) what the
    plugin's hooks gathered there (the search records' count and characters); `merge`,
    called in this process with each of those, adds it to the plugin's own state.
    """

    def __init__(
        self,
        pages: Sequence[Page],
        *,
        config: MkDocsConfig,
        nav: Navigation,
        env: jinja2.Environment,
        doc_files: Sequence[File],
        workers: int,
        total: int | None = None,
        collect: Callable[[], Any] | None = None,
        merge: Callable[[Any], None] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.pages = list(pages)
        self.total = len(self.pages) if total is None else total
        """The pages the progress line counts: these, and those the caller renders itself
        meanwhile (`rendered_here`)."""
        self.job = _Job(self.pages, config, doc_files, nav, env, collect)
        self.workers = workers
        self.merge = merge
        self.progress = progress
        self.done = 0
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[tuple[int, Any, list[tuple[str, int, str]]]]] = []
        self._filter: _SkipSkipped | None = None
        self._env = env
        self._loader: jinja2.BaseLoader | None = None
        self._templates: list[Any] = []
        self._lock = threading.Lock()
        self._frozen = False

    def start(self) -> None:
        """Render the first page of each template here, fork the workers, hand out the other
        pages, and mark them all as rendered elsewhere for MkDocs' loop.

        Raises RenderFailed if a page fails here, CannotFork if no worker could be started
        (the pages are then left as they were, to be rendered in this process).

        The first pages compile the templates (and fill the Markdown cache) once, before
        the fork, rather than once in every worker.
        """
        global _job
        firsts: dict[str, Page] = {}
        for page in self.pages:
            firsts.setdefault(str(page.meta.get("template", "main.html")), page)
        for page in firsts.values():
            try:
                _build_page(page, self.job.config, self.job.doc_files, self.job.nav, self._env)
            except Exception as error:
                raise RenderFailed(
                    _("Cannot render the page of {page}: {error}").format(
                        page=page.file.src_uri, error=f"{type(error).__name__}: {error}"
                    )
                ) from error
        self.done += len(firsts)
        warm = {id(page) for page in firsts.values()}
        self.job.pages = [page for page in self.pages if id(page) not in warm]
        _job = self.job
        gc.collect()
        # Frozen until the workers are done: a collection in any process writes to the GC
        # header of every object it scans, and each write copies a shared page. The
        # parent's full collection would copy everything the workers still share.
        gc.freeze()
        self._frozen = True
        try:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
            )
            # The first submit forks every worker (fork pools start them all at once),
            # before the pool starts its own thread.
            rest = len(self.job.pages)
            for start in range(0, rest, CHUNK):
                future = self._pool.submit(_render_chunk, start, min(start + CHUNK, rest))
                future.add_done_callback(self._count)
                self._futures.append(future)
        except (OSError, BrokenProcessPool) as error:
            self.close()
            raise CannotFork(str(error)) from error
        finally:
            _job = None
        self._templates = [page.meta.get("template") for page in self.pages]
        for page in self.pages:
            page.meta["template"] = RENDERED_ELSEWHERE
        self._loader = self._env.loader
        assert self._loader is not None
        self._env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({RENDERED_ELSEWHERE: ""}), self._loader]
        )
        self._filter = _SkipSkipped({page.file.src_uri for page in self.pages})
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def _count(self, future: Future[Any]) -> None:
        """In the pool's thread: a chunk finished; move the progress line on."""
        if future.cancelled() or future.exception() is not None:
            return
        self._add(future.result()[0])

    def rendered_here(self, count: int = 1) -> None:
        """Count pages the caller rendered itself while the workers ran (progress only)."""
        self._add(count)

    def _add(self, count: int) -> None:
        with self._lock:
            self.done += count
            done = self.done
        if self.progress is not None:
            self.progress.show(
                _("Rendered {done} of {total} pages").format(done=done, total=self.total),
                force=done == self.total,
            )

    def wait(self) -> int:
        """Wait for every page; return how many were rendered, or raise RenderFailed."""
        try:
            for future in self._futures:
                try:
                    count, collected, warnings = future.result()
                except _PageError as error:
                    uri, text = error.args
                    raise RenderFailed(
                        _("Cannot render the page of {page}: {error}").format(page=uri, error=text)
                    ) from None
                except BrokenProcessPool:
                    raise RenderFailed(
                        _(
                            "A process rendering pages stopped unexpectedly (out of memory?). "
                            "Build again with {variable}=1 to render in one process."
                        ).format(variable=WORKERS_VARIABLE)
                    ) from None
                for name, level, message in warnings:
                    logging.getLogger(name).log(level, message)
                if self.merge is not None:
                    self.merge(collected)
            return len(self.pages)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (cancelling what they have not started); give the pages their
        own templates back and the environment its loader (MkDocs' loop is over by then,
        and the preview may render these pages again), and remove the filter."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        for page, template in zip(self.pages, self._templates, strict=False):
            if template is None:
                page.meta.pop("template", None)
            else:
                page.meta["template"] = template
        self._templates = []
        if self._loader is not None:
            self._env.loader = self._loader
            self._loader = None
        if self._filter is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
            self._filter = None
        if self.progress is not None:
            self.progress.clear()


def render_pages(
    pages: Sequence[Page],
    *,
    config: MkDocsConfig,
    nav: Navigation,
    env: jinja2.Environment,
    doc_files: Sequence[File],
    workers: int | None = None,
    collect: Callable[[], Any] | None = None,
    merge: Callable[[Any], None] | None = None,
) -> int:
    """Render and write `pages` now, with MkDocs' own per-page step; return how many.

    For a caller outside MkDocs' build loop (the preview re-rendering the pages an edit
    touched): `workers` processes when forking is safe and more than one is asked for
    (default: `worker_count`), else in this process. `collect` and `merge` as for
    ParallelRender (not called in one process: the hooks' state is this process's own).
    Raises RenderFailed.
    """
    count = worker_count(len(pages)) if workers is None else workers
    if count > 1 and can_fork():
        renderer = ParallelRender(
            pages,
            config=config,
            nav=nav,
            env=env,
            doc_files=doc_files,
            workers=count,
            collect=collect,
            merge=merge,
        )
        try:
            renderer.start()
        except CannotFork:
            pass  # the pages were given their templates back: render them here
        else:
            return renderer.wait()
    for page in pages:
        try:
            _build_page(page, config, doc_files, nav, env)
        except Exception as error:
            raise RenderFailed(
                _("Cannot render the page of {page}: {error}").format(
                    page=page.file.src_uri, error=f"{type(error).__name__}: {error}"
                )
            ) from error
    return len(pages)
