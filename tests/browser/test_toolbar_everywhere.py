"""Every toolbar control pressed on every kind of page (home, listing, guide, office, search
with results, A–Z, 404), in the default mode and in elder mode with 200 % text at 320 px.

The toolbar is one component, but each page kind puts it above different content, and a
control that works on the home page can still be hidden, covered or broken elsewhere.
One browser for the whole module; each page is loaded once per mode. The suite's own
toolbar check (`check_toolbar`, which presses every switch, a colour scheme, the text size,
更多 and read aloud with Enter and Space) already runs on one page of each kind in these two
modes in the sweep over the sample site (tests/browser/test_site_accessibility.py, see
`_toolbar_due`); this test presses the rest: every colour scheme, pause and resume, stop,
and 恢复默认. Until 2026-12-02 it ran `check_toolbar` again first, a second pass of about
30 s over the same kinds and modes.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from theme_support import PAGE_KINDS, STORAGE_KEY, wait_ready

from generator.a11y.checks import PageSession, _Toolbar
from generator.a11y.modes import DEFAULT_SETTINGS, Mode

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("theme-toolbar")]


MODES = [
    Mode("default", 1280, 800),
    Mode("elder-text-200-320", 320, 640, {"elder": True, "text": 200}, min_target=44),
]


def _extra_presses(page: PageSession) -> list[str]:
    """Press what check_toolbar leaves out; describe each control that did not work."""
    tb = _Toolbar(page)
    problems: list[str] = []
    # The suite's stub, with utterances that never end, so the reading lasts while the
    # pause and stop buttons are pressed.
    page.js("sgTools.stubSpeech(); window.speechSynthesis.speak = function () {};")
    state = tb.state()
    if state["buttons"]["action:more"]["expanded"] != "true":
        state = tb.press(state, "action:more", "Enter") or state
    start_scheme = state["root"]["data-sg-scheme"]
    for key in [k for k in state["buttons"] if k.startswith("scheme:")]:
        after = tb.press(state, key, "Enter")
        if after is None or after["root"]["data-sg-scheme"] != key.split(":", 1)[1]:
            problems.append(f"{key} does not switch the scheme")
        state = after or state
    state = tb.press(state, f"scheme:{start_scheme}", "Space") or state

    reading = tb.press(state, "action:read", "Enter")
    if reading is None or reading["buttons"]["action:read"]["pressed"] != "true":
        problems.append("连读本页 does not start reading")
    else:
        label = "return document.querySelector(\"[data-sg-action='pause']\").textContent"
        paused = tb.press(reading, "action:pause", "Enter")
        if paused is None or page.js(label) != "继续朗读":
            problems.append("暂停朗读 does not pause")
        resumed = tb.press(paused or reading, "action:pause", "Space")
        if resumed is None or page.js(label) != "暂停朗读":
            problems.append("继续朗读 does not resume")
        stopped = tb.press(resumed or reading, "action:stop", "Enter")
        if stopped is None or stopped["buttons"]["action:read"]["pressed"] != "false":
            problems.append("停止朗读 does not stop")
        state = stopped or state

    reset = tb.press(tb.state(), "action:reset", "Enter")
    defaults = {
        f"data-sg-{name}": ("on" if value else "off") if isinstance(value, bool) else str(value)
        for name, value in DEFAULT_SETTINGS.items()
    }
    if reset is None or reset["root"] != defaults or reset["stored"] is not None:
        problems.append(f"恢复默认 does not restore the defaults: {reset and reset['root']}")
    problems += [f"{f.selector}: {f.message}" for f in tb.failures]
    return problems


@pytest.mark.parametrize("mode", MODES, ids=[m.name for m in MODES])
def test_every_toolbar_control_works_on_every_page_kind(
    driver: WebDriver, site_url: str, mode: Mode
) -> None:
    origin = site_url.rstrip("/")
    page = PageSession(driver, origin, "/", mode)
    page.set_viewport(mode.width, mode.height)
    problems: list[str] = []
    started = time.monotonic()
    try:
        for kind, path in PAGE_KINDS.items():
            # The mode's settings stored as the toolbar keeps them, then the page loaded.
            driver.get(site_url + path)
            driver.execute_script(
                "localStorage.setItem(arguments[0], arguments[1]); sessionStorage.clear();",
                STORAGE_KEY,
                json.dumps(mode.settings),
            )
            driver.get(site_url + path)
            wait_ready(driver)
            page = PageSession(driver, origin, "/" + path, mode)
            applied: dict[str, Any] = page.js("return sgTools.state();")["root"]
            assert applied == mode.expected_root_attributes(), kind
            problems += [f"{kind}: {problem}" for problem in _extra_presses(page)]
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"{mode.name}: {len(PAGE_KINDS)} page kinds in {time.monotonic() - started:.1f} s")
    assert problems == [], "\n".join(problems)
