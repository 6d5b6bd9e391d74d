"""Offline and private: no page of the built site makes a request to another host."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.a11y.browser import start_chrome

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "devtools"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 at a free port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    """Headless Chromium with the performance log, which records every network request."""
    browser = start_chrome(network_log=True)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()


def _requested_urls(browser: object) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


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
        urls = _requested_urls(driver)
        seen += len(urls)
        outside = [
            u
            for u in urls
            if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).hostname != "127.0.0.1"
        ]
        if outside:
            leaks[page] = outside
    assert seen >= len(pages)  # the log really recorded the page loads
    assert leaks == {}
