"""The preview behind `guides serve`: the last good site at once, and the problems on every page.

The server is driven here with a builder that writes a small site or reports problems, so
each behaviour is pinned without MkDocs; tests/browser/test_preview_in_browser.py runs
`guides serve` itself over the sample guides. Every request has a timeout: the preview must
never make one wait for a build.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import REPO

from generator.preview.banner import problems_page
from generator.preview.server import PreviewServer
from generator.preview.state import BuildOutcome, PreviewState
from generator.validate.problems import Problem, Severity

REQUEST_TIMEOUT = 5
"""Seconds a request may take before the test fails: the preview answers at once."""

WRONG_VISITS = Problem(
    "guides/services/teacher-qualification.yaml",
    124,
    9,
    Severity.ERROR,
    "visits",
    "must be a whole number, not the text `zero`",
    "write a plain number such as 1",
    "schema.type",
)


def get(url: str) -> tuple[int, str]:
    """GET `url` within REQUEST_TIMEOUT; return the status and the body."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def write_site(folder: Path, text: str) -> None:
    (folder / "services" / "a").mkdir(parents=True)
    (folder / "index.html").write_text(f"<html><body><h1>{text}</h1></body></html>", "utf-8")
    (folder / "services" / "a" / "index.html").write_text(
        f'<html><body class="x"><h1>{text} a</h1></body></html>', "utf-8"
    )
    (folder / "style.css").write_text("h1{color:red}", "utf-8")


class Script:
    """A builder that plays the outcomes it is given, one per build, and can be held."""

    def __init__(self, *steps: Callable[[Path], BuildOutcome]) -> None:
        self.steps = list(steps)
        self.hold = threading.Event()
        self.hold.set()
        self.building = threading.Event()

    def __call__(self, folder: Path) -> BuildOutcome:
        self.building.set()
        self.hold.wait(timeout=60)
        return self.steps.pop(0)(folder)


def good(text: str) -> Callable[[Path], BuildOutcome]:
    def build(folder: Path) -> BuildOutcome:
        write_site(folder, text)
        return BuildOutcome(True)

    return build


def broken(*problems: Problem) -> Callable[[Path], BuildOutcome]:
    return lambda folder: BuildOutcome(False, list(problems))


@contextmanager
def preview(script: Script) -> Iterator[tuple[PreviewServer, str]]:
    server = PreviewServer(("127.0.0.1", 0), script)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        script.hold.set()
        server.stop()
        thread.join(timeout=30)


def wait_for_epoch(base: str, epoch: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if json.loads(get(base + "_preview/state")[1])["epoch"] >= epoch:
            return
        time.sleep(0.05)
    raise AssertionError(f"no build {epoch}")


def test_a_good_site_is_served_with_the_live_reload_and_no_banner() -> None:
    """A good build is served as built, plus the reload script; no problems banner."""
    with preview(Script(good("v1"))) as (_server, base):
        wait_for_epoch(base, 1)
        status, page = get(base + "services/a/")
        assert status == 200
        assert page.startswith('<html><body class="x"><h1>v1 a</h1><script src="/_preview/live.js"')
        assert "sg-preview-problems" not in page
        assert get(base + "style.css") == (200, "h1{color:red}")
        assert json.loads(get(base + "_preview/state")[1]) == {
            "epoch": 1,
            "errors": 0,
            "search_behind": False,
            "updating": False,
        }
        assert "data-sg-preview-search" not in page


def test_a_request_during_a_build_gets_the_last_good_page_at_once() -> None:
    """While a build runs (held here), requests are answered from the last good site."""
    script = Script(good("v1"), good("v2"))
    with preview(script) as (server, base):
        wait_for_epoch(base, 1)
        script.hold.clear()
        script.building.clear()
        rebuild = threading.Thread(target=server.rebuild)
        rebuild.start()
        assert script.building.wait(timeout=10)
        started = time.monotonic()
        status, page = get(base)
        assert (status, "<h1>v1</h1>" in page) == (200, True)
        assert time.monotonic() - started < REQUEST_TIMEOUT
        script.hold.set()
        rebuild.join(timeout=30)
        assert "<h1>v2</h1>" in get(base)[1]


def test_while_the_guides_have_errors_every_page_has_the_banner() -> None:
    """A failed build keeps the last good site; each page gets a banner naming the problem."""
    script = Script(good("v1"), broken(WRONG_VISITS), good("v3"))
    with preview(script) as (server, base):
        wait_for_epoch(base, 1)
        server.rebuild()
        status, page = get(base + "services/a/")
        assert status == 200
        assert '<body class="x"><div class="sg-preview-problems" role="alert"' in page
        assert "<h1>v1 a</h1>" in page
        assert (
            "<li><code>guides/services/teacher-qualification.yaml, line 124</code> "
            "<code>visits</code>: must be a whole number, not the text `zero`<br>"
            "How to fix it: write a plain number such as 1</li>"
        ) in page
        assert '<a href="/_problems/">' in page
        status, listing = get(base + "_problems/")
        assert status == 200 and "teacher-qualification.yaml, line 124" in listing
        state = json.loads(get(base + "_preview/state")[1])
        assert (state["epoch"], state["errors"]) == (2, 1)
        server.rebuild()
        page = get(base + "services/a/")[1]
        assert "sg-preview-problems" not in page and "<h1>v3 a</h1>" in page


def test_before_a_first_good_build_every_page_is_the_problems_page() -> None:
    """A tree broken from the start still gets a useful page: the list of its problems."""
    with preview(Script(broken(WRONG_VISITS))) as (_server, base):
        wait_for_epoch(base, 1)
        for path in ("", "services/a/", "nowhere.html"):
            status, page = get(base + path)
            assert status == 503
            assert "<h1>Problems in the guides</h1>" in page
            assert "teacher-qualification.yaml, line 124" in page
            assert "How to fix it: write a plain number such as 1" in page


def test_while_the_first_build_runs_every_page_says_so_not_problems() -> None:
    """Opened before the first build ends, the preview says it is being built: its title
    and heading used to say "Problems in the guides" over a tree with none."""
    page = problems_page(None, "/", "")
    assert "<title>Building the preview</title>" in page
    assert "<h1>Building the preview</h1>" in page
    assert "Problems in the guides" not in page
    assert "The first build is still running" in page


def test_a_failure_that_is_not_the_guides_says_why() -> None:
    """A build that fails for another reason (mkdocs.yml, a template) shows that reason."""
    failing = Script(good("v1"), lambda folder: BuildOutcome(False, failure="bad mkdocs.yml"))
    with preview(failing) as (server, base):
        wait_for_epoch(base, 1)
        server.rebuild()
        page = get(base)[1]
        assert "The site could not be built." in page and "<pre>bad mkdocs.yml</pre>" in page


def test_a_fault_in_the_build_keeps_the_preview_up() -> None:
    """An exception out of the build (a bug, not an editor's mistake) is shown, not fatal."""

    def crash(folder: Path) -> BuildOutcome:
        raise RuntimeError("a bug in a template filter")

    with preview(Script(good("v1"), crash, good("v3"))) as (server, base):
        wait_for_epoch(base, 1)
        server.rebuild()
        page = get(base)[1]
        assert "<h1>v1</h1>" in page and "RuntimeError: a bug in a template filter" in page
        server.rebuild()
        assert "<h1>v3</h1>" in get(base)[1]


def test_missing_pages_and_escapes_stay_inside_the_site(tmp_path: Path) -> None:
    """A missing page is a 404; a path that climbs out of the site finds nothing outside it."""
    (tmp_path / "secret.txt").write_text("secret", "utf-8")
    with preview(Script(good("v1"))) as (_server, base):
        wait_for_epoch(base, 1)
        assert get(base + "missing/")[0] == 404
        assert "secret" not in get(base + "../../../../../../" + str(tmp_path / "secret.txt"))[1]
        assert get(base + "services/a")[0] == 200  # redirected to services/a/


def test_stopping_removes_every_folder_the_preview_made() -> None:
    """The built sites live in one work folder, removed when the preview stops."""
    with preview(Script(good("v1"), good("v2"), good("v3"))) as (server, base):
        wait_for_epoch(base, 1)
        server.rebuild()
        server.rebuild()
        work = server.work
        assert sorted(p.name for p in work.iterdir()) == ["site-2", "site-3"]
    assert not work.exists()


def test_a_stop_before_the_watcher_started_still_cleans_up() -> None:
    """SIGTERM can land between making the file watcher and starting it: close() still
    removes the work folder instead of failing on a thread that never started."""
    from watchdog.observers.polling import PollingObserver

    server = PreviewServer(("127.0.0.1", 0), good("v1"))
    server._observer = PollingObserver(timeout=1)  # made, not started
    server.close()
    assert not server.work.exists()


def test_a_saved_guide_triggers_a_rebuild(tmp_path: Path) -> None:
    """A change under a watched folder starts a build; the page shows it without asking."""
    guides = tmp_path / "guides"
    guides.mkdir()
    script = Script(good("v1"), good("v2"))
    with preview(script) as (server, base):
        server.watch([guides])
        wait_for_epoch(base, 1)
        (guides / "a.yaml").write_text("id: a\n", "utf-8")
        wait_for_epoch(base, 2)
        assert "<h1>v2</h1>" in get(base)[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_guides_serve_over_a_broken_tree_shows_its_problems(tmp_path: Path) -> None:
    """`guides serve` started on guides with an error serves the problems page at once."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "pages"):
        source = REPO / name
        if source.is_dir():
            subprocess.run(["cp", "-r", str(source), str(project / name)], check=True)
        else:
            (project / name).write_bytes(source.read_bytes())
    subprocess.run(["cp", "-r", str(REPO / "guides"), str(project / "guides")], check=True)
    guide = project / "guides" / "services" / "teacher-qualification.yaml"
    guide.write_text(guide.read_text("utf-8").replace("\nvisits: 0\n", "\nvisits: zero\n"))
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        epoch = 0
        while time.monotonic() < deadline and epoch < 1:
            try:
                epoch = json.loads(get(base + "_preview/state")[1])["epoch"]
            except OSError:
                time.sleep(0.2)
        assert epoch == 1
        status, page = get(base + "services/teacher-qualification/")
        assert status == 503
        assert "guides/services/teacher-qualification.yaml, line " in page
        assert "`zero`" in page
    finally:
        process.terminate()
        output = process.communicate(timeout=60)[0].decode()
    assert process.returncode == 0, output
    assert "The guides have 1 error; the preview keeps the last good site" in output
    assert list(tmp_path.glob("guides-serve-*")) == []


@pytest.mark.slow
def test_a_built_site_never_carries_the_preview(built_site: Path) -> None:
    """`guides build` writes no banner, no problems page and no reload script: they are the
    preview's, added only as it serves a page."""
    marks = (b"sg-preview-problems", b"data-sg-preview", b"/_preview/", b"_problems")
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        content = page.read_bytes()
        assert not any(mark in content for mark in marks), page
    assert not (built_site / "_problems").exists()


class Incremental:
    """A builder that writes a full site first, then only a changed page over it."""

    def __init__(self) -> None:
        self.calls: list[frozenset[Path] | None] = []
        self.base: Path | None = None

    def __call__(self, folder: Path, *, changed: frozenset[Path] | None = None) -> BuildOutcome:
        self.calls.append(changed)
        if self.base is None:
            write_site(folder, "v1")
            self.base = folder
            return BuildOutcome(True)
        (folder / "services" / "a").mkdir(parents=True)
        (folder / "services" / "a" / "index.html").write_text("<html><h1>v2 a</h1></html>", "utf-8")
        return BuildOutcome(True, over=self.base)


def test_an_update_is_served_over_the_full_build_it_was_made_for(tmp_path: Path) -> None:
    """An incremental builder is told what changed; its pages are served over the full
    build, whose other files stay served and are kept while the update is current."""
    guides = tmp_path / "guides"
    guides.mkdir()
    builder = Incremental()
    server = PreviewServer(("127.0.0.1", 0), builder, incremental=True)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        server.watch([guides])
        wait_for_epoch(base, 1)
        (guides / "a.yaml").write_text("id: a\n", "utf-8")
        wait_for_epoch(base, 2)
        assert builder.calls[0] is None
        assert {path.name for path in builder.calls[1] or ()} == {"a.yaml"}
        assert "<h1>v2 a</h1>" in get(base + "services/a/")[1]
        assert "<h1>v1</h1>" in get(base)[1]
        assert get(base + "style.css") == (200, "h1{color:red}")
        assert builder.base is not None and builder.base.is_dir()
    finally:
        server.stop()
        thread.join(timeout=30)


def test_a_quiet_build_changes_the_site_without_reloading_open_pages(tmp_path: Path) -> None:
    """Putting a new search index in place swaps the site but keeps the epoch and outcome:
    live.js reloads a page only when the epoch moves."""
    state = PreviewState()
    first, second = tmp_path / "a", tmp_path / "b"
    state.finished(BuildOutcome(True, [WRONG_VISITS]), first)
    state.finished(BuildOutcome(True, quiet=True, over=first), second)
    site, outcome, epoch = state.snapshot()
    assert site == (second, first)
    assert epoch == 1 and outcome is not None and outcome.problems == [WRONG_VISITS]


def behind(text: str) -> Callable[[Path], BuildOutcome]:
    """A good build whose search index still follows in the background."""

    def build(folder: Path) -> BuildOutcome:
        write_site(folder, text)
        return BuildOutcome(True, search_behind=True)

    return build


def caught_up(text: str) -> Callable[[Path], BuildOutcome]:
    """The quiet build that puts the caught-up search index in place."""

    def build(folder: Path) -> BuildOutcome:
        write_site(folder, text)
        return BuildOutcome(True, quiet=True)

    return build


def test_while_the_search_index_lags_every_page_says_so() -> None:
    """The pages are updated before the search index: until it has caught up, every page
    says, in a polite status region, that search results may miss the latest changes; the
    state says so too (live.js removes the note), and the quiet build that puts the index
    in place ends it without reloading open pages."""
    script = Script(behind("v1"), caught_up("v1"))
    with preview(script) as (server, base):
        wait_for_epoch(base, 1)
        page = get(base + "services/a/")[1]
        assert 'role="status"' in page.split("data-sg-preview-search", 1)[0][-80:]
        assert "search" in page.split("data-sg-preview-search", 1)[1].lower()
        assert "sg-preview-problems" not in page
        assert json.loads(get(base + "_preview/state")[1])["search_behind"] is True
        server.request_build()
        deadline = time.monotonic() + 30
        while json.loads(get(base + "_preview/state")[1])["search_behind"]:
            assert time.monotonic() < deadline, "the quiet build did not end the note"
            time.sleep(0.05)
        assert json.loads(get(base + "_preview/state")[1])["epoch"] == 1
        assert "data-sg-preview-search" not in get(base + "services/a/")[1]


def test_a_page_left_for_the_next_build_says_it_is_being_updated() -> None:
    """An update serves the edited guides' pages first; the pages it left for the next
    build are served as they were, each saying so (a status region, not an alert), and
    the state says the preview is still updating until the next build has rendered them
    (live.js then reloads such a page). Other pages carry no note."""
    first = good("v1")

    def update(folder: Path) -> BuildOutcome:
        write_site(folder, "v2")
        return BuildOutcome(True, pending=frozenset({"index.html"}))

    script = Script(first, update, caught_up("v2"))
    with preview(script) as (server, base):
        wait_for_epoch(base, 1)
        server.rebuild()
        home, guide = get(base)[1], get(base + "services/a/")[1]
        assert 'role="status"' in home.split("data-sg-preview-updating", 1)[0][-80:]
        assert "data-sg-preview-updating" not in guide
        assert json.loads(get(base + "_preview/state")[1])["updating"] is True
        server.rebuild()
        assert "data-sg-preview-updating" not in get(base)[1]
        state = json.loads(get(base + "_preview/state")[1])
        assert state["updating"] is False and state["epoch"] == 2
