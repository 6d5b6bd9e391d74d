"""What one page-mode costs in round trips to the browser: every script WebDriver runs is
one, and the sweep runs some 470 page-modes in each of two browsers on two cores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.a11y.axe import find_axe_script
from generator.a11y.checks import PROBE
from generator.a11y.modes import MODES
from generator.a11y.runner import Worker
from generator.a11y.server import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("a11y-fixtures")]


@pytest.fixture
def plain_worker(fixture_site: Path) -> Iterator[Worker]:
    """A worker as `guides check` runs one on a page that is not the one of its kind: the
    toolbar, the search field and the letter keys are pressed elsewhere."""
    axe = find_axe_script()
    with SiteServer(fixture_site, tools={"axe.min.js": axe}) as server:
        worker = Worker(server.origin, axe, [], axe_url=server.tool_url("axe.min.js"))
        try:
            yield worker
        finally:
            worker.close()


def test_a_page_mode_takes_nine_scripts_and_the_probe_once(plain_worker: Worker) -> None:
    """The stored setting (1), the wait for the page to settle, which sends the probe
    along (1), the mode (1), the static checks (1), axe-core loaded and run in one call
    (1), the Tab walk (3: before, after, and what Enter on the skip link did) and text
    spacing (1). Before, the probe was sent only after a call had found it missing, axe
    took a call to load and one to run, and the Tab walk five; the letters of `shortcuts`
    (2) are pressed on the page of each kind, which this one is not."""
    first = plain_worker.run("/good.html", MODES["default"])  # a browser, in the mode
    assert first.failures == []
    assert plain_worker.browser is not None
    driver = plain_worker.browser.driver
    sent: list[str] = []
    originals = {name: getattr(driver, name) for name in ("execute_script", "execute_async_script")}

    def recording(name: str) -> Any:
        def call(script: str, *args: object) -> object:
            sent.append(script)
            return originals[name](script, *args)

        return call

    for name in originals:
        setattr(driver, name, recording(name))
    try:
        result = plain_worker.run("/good.html", MODES["default"])
    finally:
        for name in originals:
            delattr(driver, name)
    assert result.failures == []
    assert set(result.steps) >= {"static", "axe", "focus", "text-spacing"}
    assert "shortcuts" not in result.steps
    assert len(sent) == 9, [script[:60] for script in sent]
    assert sum(PROBE in script for script in sent) == 1
