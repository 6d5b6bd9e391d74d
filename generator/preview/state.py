"""What one preview build ended with, and what the preview shows now."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.validate.problems import Problem, Severity


@dataclass(frozen=True)
class BuildOutcome:
    """The end of one build: the problems validation found, or why the build failed."""

    built: bool
    problems: list[Problem] = field(default_factory=list)
    """Errors and warnings of the guides, in file and line order."""
    failure: str = ""
    """Why a build failed for another reason than the guides (mkdocs.yml, a template)."""
    seconds: float = 0.0
    over: Path | None = None
    """Set when the build rendered only the pages a change touched: its folder holds those,
    and every other file is served from this folder (the last full build's)."""
    note: str = ""
    """What the editor should know about this build (the search index still to follow)."""
    quiet: bool = False
    """Nothing a page shows changed (the search index was put in place): open pages are
    not reloaded."""
    search_behind: bool = False
    """The search index does not yet hold what this build changed (it follows in the
    background): every page says so until it has caught up."""
    pending: frozenset[str] = frozenset()
    """Pages (paths in the site, such as `a-z/index.html`) this build left to the next one:
    each says it is being updated until then, and reloads when it has been."""
    pending_reference: frozenset[str] = frozenset()
    """Of `pending`, the pages left after a change to the reference data (an office's
    hours): their note says that, not that they list guides just changed."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that keep the site from being built."""
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]


class PreviewState:
    """The site being served and the last build's outcome, shared by the request threads.

    Requests read it under a lock held only for the read: a request never waits for a build.
    The site is a tuple of folders, looked in first to last: one folder for a full build,
    or the pages an update rendered over the full build they were rendered for.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._site: tuple[Path, ...] = ()
        self._outcome: BuildOutcome | None = None
        self._epoch = 0
        self._search_behind = False
        self._pending: frozenset[str] = frozenset()
        self._pending_reference: frozenset[str] = frozenset()

    def snapshot(self) -> tuple[tuple[Path, ...], BuildOutcome | None, int]:
        """Return the last good site (empty before the first), the last outcome, its number."""
        with self._lock:
            return self._site, self._outcome, self._epoch

    def search_behind(self) -> bool:
        """Say whether the search index served lags behind the pages served."""
        with self._lock:
            return self._search_behind

    def pending(self) -> frozenset[str]:
        """The pages served as they were before the last update, which renders them next."""
        with self._lock:
            return self._pending

    def pending_reference(self) -> frozenset[str]:
        """Of `pending`, the pages waiting after a change to the reference data."""
        with self._lock:
            return self._pending_reference

    def finished(self, outcome: BuildOutcome, site: Path | None) -> tuple[Path, ...]:
        """Record a finished build; a good one replaces the site. Return the site it replaced."""
        with self._lock:
            replaced: tuple[Path, ...] = ()
            if outcome.built and site is not None:
                layers = (site,) if outcome.over is None else (site, outcome.over)
                replaced, self._site = self._site, layers
                self._search_behind = outcome.search_behind
                self._pending = outcome.pending
                self._pending_reference = outcome.pending_reference
            if not (outcome.quiet and outcome.built):
                self._outcome = outcome
                self._epoch += 1
            return replaced
