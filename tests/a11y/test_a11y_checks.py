"""Each check the suite adds to axe catches a fixture page built to fail it, and the
passing fixture pages pass every check in every mode."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from generator.a11y.axe import find_axe_script, run_axe
from generator.a11y.browser import Browser
from generator.a11y.checks import PROBE, PageSession
from generator.a11y.exceptions import RuleException
from generator.a11y.modes import MODES
from generator.a11y.runner import Result, Worker
from generator.a11y.server import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("a11y-fixtures")]


def run(worker: Worker, page: str, mode: str) -> Result:
    return worker.run("/" + page, MODES[mode])


def checks_of(result: Result) -> set[str]:
    return {f.check for f in result.failures}


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("page", ["good.html", "table.html"])
def test_passing_pages_pass_everything(fixture_worker: Worker, page: str, mode: str) -> None:
    result = run(fixture_worker, page, mode)
    assert result.failures == []


def test_a_page_busy_for_a_while_is_checked_once_it_has_settled(fixture_worker: Worker) -> None:
    """Its own changes while aria-busy are not blamed on the keys the shortcut check
    presses (the search page opened with a query failed that way now and then)."""
    result = run(fixture_worker, "busy-then-settles.html", "elder-text-200-320")
    assert result.failures == []


# (page, mode it fails in, check, criterion, a mode it passes that check in or None)
CAUGHT = [
    ("fail-reflow.html", "narrow-320", "reflow", "1.4.10 Reflow", "default"),
    ("fail-reflow-200.html", "text-200", "reflow", "1.4.10 Reflow", "narrow-320"),
    ("fail-reflow-table.html", "narrow-320", "reflow", "1.4.10 Reflow", "default"),
    ("fail-clip.html", "text-200", "clipping", "1.4.4 Resize Text", "default"),
    ("fail-spacing.html", "default", "text-spacing", "1.4.12 Text Spacing", None),
    ("fail-skip-first.html", "default", "skip-link", "2.4.1 Bypass Blocks", None),
    ("fail-skip-target.html", "default", "skip-link", "2.4.1 Bypass Blocks", None),
    ("fail-focus-visible.html", "default", "focus-visible", "2.4.7 Focus Visible", None),
    ("fail-obscured.html", "default", "focus-obscured", "2.4.11", None),
    ("fail-target.html", "default", "target-size", "2.5.8 Target Size (Minimum)", None),
    ("fail-target-elder.html", "elder", "target-size", "2.5.5", "default"),
    ("fail-shortcut.html", "default", "shortcuts", "2.1.4 Character Key Shortcuts", None),
    ("fail-toolbar.html", "default", "toolbar", "2.1.1 Keyboard", None),
    ("fail-search.html", "default", "search", "2.1.1 Keyboard", None),
    ("fail-network.html", "default", "network", "No request leaves 127.0.0.1", None),
    ("fail-headings.html", "default", "headings", "1.3.1", None),
    ("fail-names.html", "default", "names", "1.1.1", None),
    # Issue 14: what a walk through the site found and the suite did not.
    ("fail-measure.html", "default", "measure", "Readable measure", None),
    ("fail-measure-table.html", "narrow-320", "measure", "Readable measure", "default"),
    ("fail-focus-order.html", "default", "focus-order", "2.4.3 Focus Order", None),
    ("fail-current-page.html", "default", "current-page", "1.4.1", None),
    ("fail-forced-colors.html", "forced-colors", "current-page", "1.4.1", "default"),
    ("fail-skip-ring.html", "default", "skip-link", "2.4.1 Bypass Blocks", None),
    ("fail-text-size.html", "default", "text-size", "4.1.2", None),
    ("fail-target-elder-link.html", "elder", "target-size", "2.5.5", "default"),
    ("fail-busy-forever.html", "default", "shortcuts", "2.1.4", None),
]


@pytest.mark.parametrize(("page", "mode", "check", "criterion", "passing_mode"), CAUGHT)
def test_check_catches_its_fixture(
    fixture_worker: Worker,
    page: str,
    mode: str,
    check: str,
    criterion: str,
    passing_mode: str | None,
) -> None:
    result = run(fixture_worker, page, mode)
    found = [f for f in result.failures if f.check == check]
    assert found, f"{check} missed {page} in {mode}: {result.failures}"
    assert all(criterion in f.criterion for f in found)
    assert all(f.selector and f.message and f.help.startswith("https://") for f in found)
    assert "error" not in checks_of(result)
    if passing_mode:
        assert check not in checks_of(run(fixture_worker, page, passing_mode))


def test_200_percent_text_must_reflow_at_640_px(fixture_worker: Worker) -> None:
    found = [f for f in run(fixture_worker, "fail-reflow-200.html", "text-200").failures]
    assert found and all(f.message.startswith("at 640 px wide") for f in found)
    assert run(fixture_worker, "fail-reflow-200.html", "default").failures == []


def test_toolbar_buttons_must_do_what_they_say(fixture_worker: Worker) -> None:
    """Pressing 放大文字 must change computed sizes, 高对比度 computed colours."""
    result = run(fixture_worker, "fail-toolbar-effect.html", "default")
    messages = [f.message for f in result.failures if f.check == "toolbar"]
    assert any("computed font size stays" in m for m in messages), messages
    assert any("no computed colour changes" in m for m in messages), messages
    assert all(f.criterion == "Toolbar feature does what it says" for f in result.failures)


def test_spacing_fixture_is_fine_without_spacing(fixture_worker: Worker) -> None:
    """The text-spacing page breaks only once the WCAG spacing is applied."""
    assert checks_of(run(fixture_worker, "fail-spacing.html", "default")) == {"text-spacing"}


def test_text_spacing_reports_clipping_and_overlap(fixture_worker: Worker) -> None:
    messages = [f.message for f in run(fixture_worker, "fail-spacing.html", "default").failures]
    assert any("cuts off" in m for m in messages)
    assert any("overlaps" in m for m in messages)


def test_names_page_names_both_defects(fixture_worker: Worker) -> None:
    result = run(fixture_worker, "fail-names.html", "default")
    selectors = " ".join(f.selector for f in result.failures if f.check == "names")
    assert "img" in selectors and "> a" in selectors
    # axe sees the same page the same way.
    assert {"axe:image-alt", "axe:link-name"} <= checks_of(result)


def test_exception_for_a_named_element_drops_only_that_failure(
    fixture_worker: Worker,
) -> None:
    exception = RuleException(
        rule="target-size",
        selector="#sg-main button",
        reason="A fixture: the small button is the subject of this test.",
    )
    fixture_worker.exceptions = [exception]
    try:
        result = run(fixture_worker, "fail-target.html", "default")
    finally:
        fixture_worker.exceptions = []
    assert "target-size" not in checks_of(result)
    assert [e["reason"] for e in result.excepted if e["check"] == "target-size"] == [
        exception.reason
    ]


def test_exception_does_not_reach_other_pages(fixture_worker: Worker) -> None:
    fixture_worker.exceptions = [
        RuleException(
            "target-size",
            "#sg-main button",
            "A fixture page's own small button.",
            pages=("/good.html",),
        )
    ]
    try:
        result = run(fixture_worker, "fail-target.html", "default")
    finally:
        fixture_worker.exceptions = []
    assert "target-size" in checks_of(result)
    assert result.excepted == []


def test_the_probe_is_sent_once_a_page(fixture_worker: Worker) -> None:
    """The in-page probe (41 KB) goes with the first call on a page only; a page loaded
    afterwards gets it again. Sent with every call, it cost 7 ms of each of 35 calls."""
    run(fixture_worker, "good.html", "default")  # a browser, in the default mode
    assert fixture_worker.browser is not None
    driver = fixture_worker.browser.driver
    sent: list[str] = []
    execute = driver.execute_script

    def recording(script: str, *args: object) -> object:
        sent.append(script)
        return execute(script, *args)

    driver.execute_script = recording
    try:
        for _ in range(2):  # two loads of a page, three calls on each
            driver.get(fixture_worker.origin + "/good.html")
            page = PageSession(driver, fixture_worker.origin, "/good.html", MODES["default"])
            states = [page.js("return sgTools.state().root;") for _ in range(3)]
            assert states[0] == states[1] == states[2]
    finally:
        del driver.execute_script
    with_probe = [PROBE in script for script in sent]
    # Each load: the first call finds no probe and sends it; the next two use the one kept.
    assert with_probe == [False, True, False, False] * 2, with_probe


# A stand-in for axe-core: one violation that the real axe would never report.
_STUB_AXE = """
window.axe = { run: async () => ({ violations: [{
  id: "stub-rule", tags: ["wcag2a", "wcag111"], impact: "serious", help: "Stub",
  helpUrl: "", nodes: [{ target: ["h1"], failureSummary: "from the served script" }],
}], passes: [{ id: "everything-else" }] }) };
"""


def test_axe_is_loaded_from_the_checkers_server_and_only_violations_read(
    fixture_site: Path, tmp_path: Path
) -> None:
    """Each page loads axe-core from the checker's own server (a script the browser keeps
    compiled from page to page), not as 650 KB of text through WebDriver; where that path
    serves nothing, the text is sent as before. The server keeps the tool apart from the
    site's own files, which are never cached."""
    stub = tmp_path / "axe.min.js"
    stub.write_text(_STUB_AXE, "utf-8")
    browser = Browser()
    try:
        with SiteServer(fixture_site, tools={"axe.min.js": stub}) as server:
            driver = browser.driver
            driver.get(server.origin + "/good.html")
            found = run_axe(driver, find_axe_script(), server.tool_url("axe.min.js"))
            assert [(f["rule"], f["criterion"], f["selector"]) for f in found] == [
                ("stub-rule", "1.1.1", "h1")
            ]
            driver.get(server.origin + "/good.html")
            missing = server.tool_url("no-such-tool.js")
            assert run_axe(driver, find_axe_script(), missing) == []  # the real axe-core
            with urllib.request.urlopen(server.tool_url("axe.min.js")) as response:
                assert "max-age" in response.headers["Cache-Control"]
                assert response.read() == stub.read_bytes()
            with urllib.request.urlopen(server.origin + "/good.html") as response:
                assert response.headers["Cache-Control"] == "no-store"
    finally:
        browser.close()
