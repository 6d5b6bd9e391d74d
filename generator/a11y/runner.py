"""Run every check on every page in every mode, with one browser per worker thread."""

from __future__ import annotations

import base64
import json
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.a11y import checks
from generator.a11y.axe import run_axe
from generator.a11y.browser import Browser, BrowserUnavailable
from generator.a11y.checks import Failure, PageSession
from generator.a11y.exceptions import RuleException
from generator.a11y.modes import STORAGE_KEY, Mode


def _always(page: PageSession) -> bool:
    return True


def _toolbar_due(page: PageSession) -> bool:
    """The toolbar is one component of the header, the same on every page: it is pressed
    through on one page of each kind in the default mode and with elder mode and 200 % text
    at 320 px (where its buttons wrap the most), and on the home page in every other mode
    (each toggle restyles the whole page: pressed on every page it took 1.8 s of a default
    page-mode's 5.8, with nothing to find that the page of its kind does not show). With
    `--page`, every chosen page counts as of its kind. That the toolbar loaded and applied
    the mode is checked on every page in every mode ("mode"); what its settings do to each
    page's content, in the main modes, which apply them to every page."""
    if page.mode.name in ("default", "elder-text-200-320"):
        return page.of_kind or page.path == "/"
    return page.path == "/"


def _per_kind_in_every_mode(page: PageSession) -> bool:
    """What the theme's scripts do on their own, the same on every page of a kind: run on
    one page of each kind (the search page's own form included) and on the home page, in
    every mode, since each mode restyles the page; with `--page`, on every chosen page.

    - `search` types into the header's field. Each typed letter starts a search, which
      loads Pagefind and the lexicon into the page: 0.3 to 0.5 s of every page-mode, on 80
      pages that share the one header. Every page in every mode still proves the field is
      named (axe), reached by Tab and drawn focused (`keyboard`, `focus-visible`).
    - `shortcuts` presses single letters outside a text field and checks nothing moved.
      What answers a letter is a script, and the pages of a kind load the same scripts
      (the theme's, and the kind's own: search.js, the tables' focus script); pressed on
      every page it was a twentieth of the sweep, with nothing to find on one page that
      the page of its kind does not show."""
    return page.of_kind or page.path == "/"


# The order matters: the Tab walk needs a freshly loaded page, text spacing changes the page.
PAGE_CHECKS: list[
    tuple[str, Callable[[PageSession], list[Failure]], Callable[[PageSession], bool]]
] = [
    ("network", checks.check_network, _always),
    ("mode", checks.check_mode_applied, _always),
    ("static", checks.check_static, _always),
    ("focus", checks.check_focus, _always),
    ("shortcuts", checks.check_shortcuts, _per_kind_in_every_mode),
    ("toolbar", checks.check_toolbar, _toolbar_due),
    ("search", checks.check_search, _per_kind_in_every_mode),
    ("text-spacing", checks.check_text_spacing, _always),
    ("network", checks.check_network, _always),
]


@dataclass
class Result:
    page: str
    mode: str
    url: str
    failures: list[Failure] = field(default_factory=list)
    excepted: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    #: Seconds by step (the load, the screenshot, axe and each check), so that a slow run
    #: says where its time went.
    steps: dict[str, float] = field(default_factory=dict)

    def lap(self, step: str, since: float) -> float:
        """Add the seconds since `since` to `step` (a step may run twice); return now."""
        now = time.monotonic()
        self.steps[step] = self.steps.get(step, 0.0) + now - since
        return now

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "mode": self.mode,
            "url": self.url,
            "seconds": round(self.seconds, 2),
            "steps": {name: round(seconds, 3) for name, seconds in self.steps.items()},
            "failures": [f.to_dict() for f in self.failures],
            "excepted": self.excepted,
        }


def _rule_of(f: Failure) -> str:
    return f.check.removeprefix("axe:")


def apply_exceptions(
    page: PageSession, failures: list[Failure], exceptions: list[RuleException]
) -> tuple[list[Failure], list[dict[str, str]]]:
    """Drop failures whose element matches an exception for its rule on this page and mode."""
    pairs: list[tuple[int, str, RuleException]] = []
    for i, f in enumerate(failures):
        for ex in exceptions:
            if ex.applies(_rule_of(f), page.path, page.mode.name):
                pairs.append((i, f.selector, ex))
    if not pairs:
        return failures, []
    matched = page.js(
        "return sgProbe.excepted(arguments[0]);", [[sel, ex.selector] for _, sel, ex in pairs]
    )
    dropped: dict[int, RuleException] = {}
    for (i, _, ex), hit in zip(pairs, matched, strict=True):
        if hit:
            dropped.setdefault(i, ex)
    kept = [f for i, f in enumerate(failures) if i not in dropped]
    excepted = [
        {**failures[i].to_dict(), "exception": ex.selector, "reason": ex.reason}
        for i, ex in sorted(dropped.items())
    ]
    return kept, excepted


#: How much of a page's content a screenshot shows below the top of <main>, in CSS pixels
#: (the header and toolbar above it are always in): the first screens a visitor reads,
#: where the layout of every page kind shows. A whole guide at 320 px with elder mode and
#: 200 % text is tens of thousands of pixels tall, and its header alone 3,000.
SCREENSHOT_HEIGHT = 2400


class Worker:
    """One browser; switches modes the way a person does, through the stored setting."""

    def __init__(
        self,
        origin: str,
        axe_script: Path,
        exceptions: list[RuleException],
        screenshots: dict[str, Path] | None = None,
        axe_url: str | None = None,
        every_page_of_kind: bool = False,
    ) -> None:
        self.origin = origin
        #: Every page counts as of its kind (`guides check --page`: the pages were chosen).
        self.every_page_of_kind = every_page_of_kind
        self.axe_script = axe_script
        #: axe-core served beside the site (SiteServer's tools), loaded from there when set.
        self.axe_url = axe_url
        self.exceptions = exceptions
        #: page path -> the folder its screenshots go to (one PNG per mode), for page kinds.
        self.screenshots = screenshots or {}
        self.browser: Browser | None = None
        self.mode: Mode | None = None

    def _switch(self, mode: Mode) -> None:
        assert self.browser is not None
        driver = self.browser.driver
        self.browser.set_viewport(mode.width, mode.height)
        # Windows high contrast (forced colours) is a media feature only CDP can switch.
        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {
                "features": [
                    {"name": "forced-colors", "value": "active" if mode.forced_colors else "none"}
                ]
            },
        )
        driver.get(self.origin + "/")
        driver.execute_script(
            "localStorage.setItem(arguments[0], arguments[1]); sessionStorage.clear();",
            STORAGE_KEY,
            json.dumps(mode.settings),
        )
        driver.get_log("performance")  # the home page is checked in its own turn
        self.mode = mode

    def run(self, path: str, mode: Mode) -> Result:
        started = time.monotonic()
        result = Result(path, mode.name, self.origin + path)
        try:
            if self.browser is None:
                self.browser = Browser()
            if self.mode != mode:
                self._switch(mode)
            else:
                # Earlier pages may have left settings behind (the toolbar check restores them).
                self.browser.driver.execute_script(
                    "localStorage.setItem(arguments[0], arguments[1]);",
                    STORAGE_KEY,
                    json.dumps(mode.settings),
                )
            page = PageSession(
                self.browser.driver,
                self.origin,
                path,
                mode,
                of_kind=self.every_page_of_kind or path in self.screenshots,
            )
            self.browser.driver.get(page.url)
            page.settle()
            lap = result.lap("load", started)
            if path in self.screenshots:
                self._screenshot(page, self.screenshots[path] / f"{mode.name}.png")
                lap = result.lap("screenshot", lap)
            failures: list[Failure] = []
            for name, check, due in PAGE_CHECKS:
                if due(page):
                    failures += check(page)
                    lap = result.lap(name, lap)
                if name == "static":
                    failures += [
                        Failure(
                            f["check"],
                            f["criterion"],
                            f["selector"],
                            f["message"],
                            f["help"],
                            f["impact"],
                        )
                        for f in run_axe(self.browser.driver, self.axe_script, self.axe_url)
                    ]
                    lap = result.lap("axe", lap)
            result.failures, result.excepted = apply_exceptions(page, failures, self.exceptions)
        except BrowserUnavailable:
            raise
        except Exception as exc:
            message = str(getattr(exc, "msg", None) or exc).strip().splitlines()
            result.failures.append(
                Failure(
                    "error",
                    "suite",
                    "html",
                    f"the checks could not finish: {type(exc).__name__}: "
                    f"{message[0] if message else ''}",
                    "",
                )
            )
            self.close()  # a fresh browser for the next page
        result.seconds = time.monotonic() - started
        return result

    def _screenshot(self, page: PageSession, target: Path) -> None:
        """The page as loaded (before any check touches it), from its top to 2,400 px
        into <main>, as a PNG."""
        height = int(
            page.js(
                "var m = document.querySelector('main'), d = document.documentElement;"
                "var top = m ? m.getBoundingClientRect().top + scrollY : 0;"
                "return Math.min(d.scrollHeight, top + arguments[0]);",
                SCREENSHOT_HEIGHT,
            )
            or page.mode.height
        )
        shot = page.driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": page.mode.width, "height": height, "scale": 1},
            },
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        if self.browser is not None:
            self.browser.close()
        self.browser = None
        self.mode = None


def run_all(
    origin: str,
    tasks: list[tuple[str, Mode]],
    *,
    workers: int,
    axe_script: Path,
    exceptions: list[RuleException],
    progress: Callable[[Result, int, int], None] | None = None,
    screenshots: dict[str, Path] | None = None,
    axe_url: str | None = None,
    every_page_of_kind: bool = False,
) -> list[Result]:
    """Every (page, mode) task; tasks are queued mode by mode so browsers rarely switch."""
    todo: queue.Queue[tuple[int, str, Mode]] = queue.Queue()
    for i, (path, mode) in enumerate(tasks):
        todo.put((i, path, mode))
    results: list[Result | None] = [None] * len(tasks)
    lock = threading.Lock()
    done = 0
    first_error: list[BaseException] = []

    stop = threading.Event()

    def work(worker: Worker) -> None:
        nonlocal done
        try:
            while not stop.is_set():
                try:
                    i, path, mode = todo.get_nowait()
                except queue.Empty:
                    return
                result = worker.run(path, mode)
                with lock:
                    results[i] = result
                    done += 1
                    if progress:
                        progress(result, done, len(tasks))
        except BaseException as exc:
            first_error.append(exc)
        finally:
            worker.close()

    pool = [
        Worker(origin, axe_script, exceptions, screenshots, axe_url, every_page_of_kind)
        for _ in range(max(1, min(workers, len(tasks))))
    ]
    threads = [threading.Thread(target=work, args=(w,), daemon=True) for w in pool]
    for t in threads:
        t.start()
    try:
        for t in threads:
            while t.is_alive():
                t.join(timeout=0.5)
    except KeyboardInterrupt:
        # Let each browser finish its page and quit, so no Chromium is left behind.
        stop.set()
        for t in threads:
            t.join(timeout=120)
        raise
    if first_error:
        raise first_error[0]
    return [r for r in results if r is not None]


def print_progress(result: Result, done: int, total: int) -> None:
    width = 24
    filled = width * done // total
    bar = "#" * filled + "-" * (width - filled)
    status = "ok" if not result.failures else f"{len(result.failures)} failures"
    sys.stderr.write(
        f"[{bar}] {done}/{total} {result.page} ({result.mode}) {status} {result.seconds:.1f}s\n"
    )
    sys.stderr.flush()
