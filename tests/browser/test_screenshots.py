"""Screenshots of a guide page in each display mode, for people to look at.

Run on demand only, because it writes into the repository:

    SG_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_screenshots.py

writes docs/screenshots/<mode>.png (1280 px wide, at most 1600 px high; the
320 px mode is 320 px wide). SG_SCREENSHOTS=<folder> writes there instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from theme_support import GUIDE, open_page

from generator.a11y.modes import MODES

REPO = Path(__file__).resolve().parents[2]
TARGET = os.environ.get("SG_SCREENSHOTS", "")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.xdist_group("theme-screenshots"),
    pytest.mark.skipif(not TARGET, reason="writes PNGs into docs/: run with SG_SCREENSHOTS=1"),
]

HEIGHT = 1600
# picture name -> (stored toolbar settings, viewport width, toolbar panel open): one per
# mode the accessibility suite checks (generator/a11y/modes.py), plus the dark scheme,
# whose picture shows the whole toolbar with its panel open.
SHOTS: dict[str, tuple[dict[str, Any] | None, int, bool]] = {
    **{name: (mode.changes or None, mode.width, False) for name, mode in MODES.items()},
    "dark": ({"scheme": "dark"}, 1280, True),
}


def _out_dir() -> Path:
    out = REPO / "docs" / "screenshots" if TARGET == "1" else Path(TARGET)
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.mark.parametrize("mode", list(SHOTS))
def test_screenshot_of_guide_page(driver: WebDriver, site_url: str, mode: str) -> None:
    """Save the teacher-qualification guide as the visitor sees it in this mode."""
    settings, width, panel = SHOTS[mode]
    driver.set_window_size(width, HEIGHT)
    open_page(driver, site_url, GUIDE, settings)
    if panel:
        driver.find_element(By.CSS_SELECTOR, "[data-sg-action='more']").click()
        driver.execute_script("document.activeElement.blur()")
    # The viewport is the picture: make it exactly width × HEIGHT.
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(width + (width - inner[0]), HEIGHT + (HEIGHT - inner[1]))
    path = _out_dir() / f"{mode}.png"
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
