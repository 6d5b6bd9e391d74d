"""Fixtures every browser test module shares: the built sample site, served, and Chromium.

Module scope: one server and one browser per test module, so modules stay independent
(each xdist group runs whole modules) without starting Chromium for every test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from theme_support import chrome, serve, site_dir

# Generous: axe and Pagefind share a small CI machine with a second browser.
SCRIPT_TIMEOUT_SECONDS = 60


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    """The built sample site: SG_SITE_DIR when set, else the suite's shared build."""
    return site_dir(request)


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 for the length of the module; yield its base URL."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    """Headless Chromium, 1280 × 900, JavaScript on."""
    browser = chrome()
    browser.set_script_timeout(SCRIPT_TIMEOUT_SECONDS)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def driver_without_js() -> Iterator[WebDriver]:
    """Headless Chromium with JavaScript off: what a visitor without scripts gets."""
    browser = chrome(javascript=False)
    yield browser
    browser.quit()
