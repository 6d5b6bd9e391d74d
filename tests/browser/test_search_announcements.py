"""What the search says to a screen reader: one settled count, not one per keystroke;
results on the search page are headings; its <title> carries the query and the count."""

from __future__ import annotations

import itertools
import re
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait
from support import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("search-ui")]

WAIT_SECONDS = 30

# Records every text the header's live region is given and every change to the query, each
# with its time, from the page's first moment.
RECORD_STATUS_JS = """
window.__said = [];
window.__typed = [];
const form = document.querySelector("form[data-sg-search=header]");
const status = form.querySelector("[role=status]");
form.querySelector("input").addEventListener("input", () => window.__typed.push(performance.now()));
new MutationObserver(() => {
  const text = status.textContent.trim();
  if (text) window.__said.push([text, performance.now()]);
}).observe(status, {childList: true, characterData: true, subtree: true});
"""
#: How long the live region waits for typing to settle (search.js).
SETTLE_MS = int(
    re.search(
        r"const ANNOUNCE_SETTLE_MS = (\d+);",
        (REPO / "theme" / "components" / "search" / "search.js").read_text("utf-8"),
    )[1]
)


def test_typing_letter_by_letter_announces_one_settled_count(
    driver: WebDriver, site_url: str
) -> None:
    """Typing 教师资格证 a character at a time, each after the last search finished, puts one
    message in the live region: the count for the whole query (was 找到 8 → 7 → 7 …). The
    first two characters come at once: one character alone finds nothing (docs/search.md)."""
    driver.get(site_url)
    field = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=header] input")
    driver.execute_script(RECORD_STATUS_JS)
    # The first search loads Pagefind: let that happen before the timed typing.
    field.send_keys("教师")
    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.05).until(
        lambda d: d.execute_script(
            "return document.querySelectorAll('[data-sg-search-results] a').length > 0"
        )
    )
    first_timed = len(driver.execute_script("return window.__typed"))
    for character in "资格证":
        field.send_keys(character)
        # Longer than the debounce and a search, shorter than a pause in typing.
        driver.execute_script("return new Promise((done) => setTimeout(done, 400))")
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.execute_script("return window.__said"))
    driver.execute_script("return new Promise((done) => setTimeout(done, 1500))")
    said = driver.execute_script("return window.__said")
    typed = driver.execute_script("return window.__typed")
    # Each thing said came after typing had paused for the settle time: never mid-word.
    for text, at in said:
        last_key = max(t for t in typed if t <= at)
        assert at - last_key >= SETTLE_MS - 50, (text, at - last_key, said, typed)
    assert said[-1][0].startswith("找到"), said
    # On a machine so busy that the keys themselves came apart by more than the settle
    # time, the pause was real and a count for it is right; otherwise one count only.
    timed = typed[first_timed - 1 :]  # from the last key of 教师 on
    if max(b - a for a, b in itertools.pairwise(timed)) < SETTLE_MS:
        assert len(said) == 1, said


def test_search_page_results_are_headings_and_the_title_says_what_was_found(
    driver: WebDriver, site_url: str
) -> None:
    """Each result's title is an h2 under the page's h1; <title> carries query and count."""
    driver.get(urllib.parse.urljoin(site_url, "search/?q=" + urllib.parse.quote("失业金")))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda _: "找到" in form.find_element(By.CSS_SELECTOR, "[role=status]").text
    )
    results = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] > li")
    assert results
    for result in results:
        heading = result.find_element(By.CSS_SELECTOR, ":scope > :first-child")
        assert heading.tag_name == "h2"
        assert heading.find_element(By.CSS_SELECTOR, "a").text
    count = len(results)
    title = driver.title
    assert "失业金" in title and f"找到 {count} 条" in title, title
    assert title.endswith("搜索办事指南 - " + title.rsplit(" - ", 1)[-1])


def test_search_page_opened_with_a_query_is_busy_until_it_has_said_the_count(
    driver: WebDriver, site_url: str
) -> None:
    """A search page opened from an address with a query (the header's "see all", a shared
    link) says it is busy (aria-busy) from its first moment, and the count is in the live
    region the moment it stops being busy: nobody is typing, so there is nothing to let
    settle. It used to be idle while Pagefind loaded and to announce 700 ms after the results,
    so a check (or a screen reader) that waited for the page saw it change again later."""
    driver.get(urllib.parse.urljoin(site_url, "search/?q=" + urllib.parse.quote("失业金")))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    busy_or_done = driver.execute_script(
        "const f = arguments[0]; return f.getAttribute('aria-busy') === 'true'"
        " || f.querySelector('[role=status]').textContent.includes('找到');",
        form,
    )
    assert busy_or_done, "the page neither says it is busy nor has its count yet"
    WebDriverWait(driver, WAIT_SECONDS).until(lambda _: form.get_attribute("aria-busy") is None)
    status = driver.execute_script(
        "return arguments[0].querySelector('[role=status]').textContent;", form
    )
    assert "找到" in status, status


def test_a_query_sent_with_enter_is_said_as_soon_as_it_is_shown(
    driver: WebDriver, site_url: str
) -> None:
    """Enter ends the typing: the count is in the live region the moment the page stops
    being busy, not 700 ms later (the wait is for typing to settle, and there is none)."""
    driver.get(urllib.parse.urljoin(site_url, "search/"))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    field = form.find_element(By.CSS_SELECTOR, "input[type=search]")
    field.send_keys("失业金" + Keys.ENTER)
    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.02).until(
        lambda _: driver.title.startswith("“失业金”") and form.get_attribute("aria-busy") is None
    )
    status = driver.execute_script(
        "return arguments[0].querySelector('[role=status]').textContent;", form
    )
    assert "找到" in status, status
