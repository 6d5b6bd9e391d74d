"""Offline and private: no page of the built site makes a request to another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.a11y.browser import start_chrome
from generator.a11y.checks import leaves_localhost, logged_requests
from generator.a11y.server import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 at a free port."""
    with SiteServer(built_site) as server:
        yield f"{server.origin}/"


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    """Headless Chromium with the performance log, which records every network request."""
    browser = start_chrome(network_log=True)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()


def test_no_page_requests_another_host(built_site: Path, site_url: str, driver: object) -> None:
    """Every page loads with requests to 127.0.0.1 only (fonts, scripts, styles included)."""
    pages = sorted(
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if "pagefind" not in p.parts
    )
    assert len(pages) > 20
    leaks: dict[str, list[str]] = {}
    seen = 0
    for page in pages:
        driver.get(site_url + page)  # type: ignore[attr-defined]
        # The same rule as `guides check`'s network check, on every page of the site.
        log = driver.get_log("performance")  # type: ignore[attr-defined]
        urls = [request.url for request in logged_requests(log)]
        seen += len(urls)
        outside = [u for u in urls if leaves_localhost(u)]
        if outside:
            leaks[page] = outside
    assert seen >= len(pages)  # the log really recorded the page loads
    assert leaks == {}
