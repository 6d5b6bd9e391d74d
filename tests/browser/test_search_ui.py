"""The search UI in a real browser: typing, the live region, keyboard, facets, no JavaScript."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from generator.a11y.server import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("search-ui")]

# Generous waits: CI runs two browsers side by side on a small machine.
WAIT_SECONDS = 30

# A guide of the sample site and a query that finds it.
GUIDE_ID = "unemployment-benefit"
QUERY = "失业金"
# How many results the header's list shows, and how long a keystroke waits before the
# search (HEADER_RESULTS and DEBOUNCE_MS in search.js).
HEADER_RESULTS_SHOWN = 5
DEBOUNCE = 120
HAN = re.compile(r"[\u3400-\u9fff]")


def _wait_for_status(driver: WebDriver, status: WebElement, text: str = "") -> str:
    """Wait until the live region says something (containing text) and the form is idle."""

    def ready(_: WebDriver) -> str | bool:
        form = status.find_element(By.XPATH, "./ancestor::form")
        said = status.text
        busy = form.get_attribute("aria-busy") == "true"
        return said if said and text in said and not busy else False

    result: str = WebDriverWait(driver, WAIT_SECONDS).until(ready)
    return result


def _result_links(form: WebElement) -> list[WebElement]:
    return form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] a")


def _guide_url(site_url: str, guide_id: str) -> str:
    return urllib.parse.urljoin(site_url, f"services/{guide_id}/")


def _header_form(driver: WebDriver) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=header]")


def test_typing_in_the_header_lists_matching_guides(driver: WebDriver, site_url: str) -> None:
    """Typing shows links to guides, the count in the live region, the matched words marked."""
    driver.get(site_url)
    form = _header_form(driver)
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    assert status.text == ""
    form.find_element(By.CSS_SELECTOR, "input[type=search]").send_keys(QUERY)
    said = _wait_for_status(driver, status, "找到")
    count = re.fullmatch(r"找到 (\d+) 条办事指南", said)
    assert count is not None, said
    links = _result_links(form)
    assert 1 <= len(links) <= int(count.group(1))
    assert links[0].get_attribute("href") == _guide_url(site_url, GUIDE_ID)
    marks = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] mark")
    assert any("失业" in mark.text for mark in marks)


def test_pagefind_loads_only_when_someone_types(driver: WebDriver, site_url: str) -> None:
    """A page that nobody searches on fetches nothing of Pagefind."""
    driver.get(site_url)
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert not [url for url in fetched if "/pagefind/" in url]
    _header_form(driver).find_element(By.CSS_SELECTOR, "input").send_keys(QUERY)
    _wait_for_status(driver, _header_form(driver).find_element(By.CSS_SELECTOR, "[role=status]"))
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert [url for url in fetched if url.endswith("/pagefind/pagefind.js")]


def test_nothing_is_searched_while_an_input_method_composes(
    driver: WebDriver, site_url: str
) -> None:
    """Pinyin being composed (shen) is not a query; the word picked (身份证) is."""
    driver.get(site_url)
    form = _header_form(driver)
    field = form.find_element(By.CSS_SELECTOR, "input[type=search]")
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    field.click()
    driver.execute_cdp_cmd(
        "Input.imeSetComposition", {"text": "shenfen", "selectionStart": 7, "selectionEnd": 7}
    )
    assert field.get_attribute("value") == "shenfen"
    driver.execute_script("return new Promise((done) => setTimeout(done, 600))")
    assert status.text == ""
    assert _result_links(form) == []
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert not [url for url in fetched if "/pagefind/" in url], "Pagefind loaded for pinyin"
    driver.execute_cdp_cmd("Input.insertText", {"text": "身份证"})
    assert field.get_attribute("value") == "身份证"
    _wait_for_status(driver, status, "找到")
    assert _result_links(form)[0].get_attribute("href") == _guide_url(
        site_url, "id-card-replacement"
    )


def test_a_word_picked_whole_is_searched_at_once_and_keystrokes_wait(
    driver: WebDriver, site_url: str
) -> None:
    """A word an input method commits whole (or a paste) is the query: it is searched at
    once. A keystroke waits for the debounce, in case the next one follows."""
    driver.get(site_url)
    driver.execute_script(
        """
        window.__waits = [];
        const setTimeoutOfPage = window.setTimeout;
        window.setTimeout = function (callback, wait, ...rest) {
          window.__waits.push(wait);
          return setTimeoutOfPage.call(this, callback, wait, ...rest);
        };
        """
    )
    form = _header_form(driver)
    field = form.find_element(By.CSS_SELECTOR, "input[type=search]")
    field.click()
    driver.execute_cdp_cmd("Input.insertText", {"text": "身份证"})
    waits = driver.execute_script("return window.__waits.splice(0)")
    assert 0 in waits and DEBOUNCE not in waits, waits
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    driver.execute_script("window.__waits.splice(0)")
    field.send_keys(" h")
    waits = driver.execute_script("return window.__waits.splice(0)")
    assert DEBOUNCE in waits and 0 not in waits, waits


def test_guides_found_by_sound_are_shown_first_and_the_list_grows(
    driver: WebDriver, site_url: str
) -> None:
    """The guides whose names sound like the query come first: they are shown as soon as
    they are found, and the guides holding the query's words are added below them, not
    in a new list (身份证: the ID card guide, then the guides that ask for one)."""
    driver.get(site_url)
    form = _header_form(driver)
    driver.execute_script(
        """
        window.__changes = [];
        new MutationObserver((records) => {
          for (const record of records) {
            window.__changes.push([record.addedNodes.length, record.removedNodes.length]);
          }
        }).observe(arguments[0], {childList: true});
        """,
        form.find_element(By.CSS_SELECTOR, "[data-sg-search-results]"),
    )
    form.find_element(By.CSS_SELECTOR, "input[type=search]").click()
    driver.execute_cdp_cmd("Input.insertText", {"text": "身份证"})
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    changes = driver.execute_script("return window.__changes")
    assert len(changes) >= 2 and all(removed == 0 for _, removed in changes), changes
    links = _result_links(form)
    assert len(links) == HEADER_RESULTS_SHOWN
    assert links[0].get_attribute("href") == _guide_url(site_url, "id-card-replacement")


def test_see_all_never_names_an_earlier_query_while_the_list_grows(
    driver: WebDriver, site_url: str
) -> None:
    """While the guides found by sound are shown and the rest is searched, the header's
    "see all" link does not still offer the previous query's results."""
    driver.get(site_url)
    form = _header_form(driver)
    field = form.find_element(By.CSS_SELECTOR, "input[type=search]")
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    field.click()
    driver.execute_cdp_cmd("Input.insertText", {"text": "身份证"})
    _wait_for_status(driver, status, "找到")
    see_all = form.find_element(By.CSS_SELECTOR, "[data-sg-search-all]")
    assert see_all.is_displayed() and "身份证" in urllib.parse.unquote(
        see_all.get_attribute("href") or ""
    )
    driver.execute_script(
        """
        const [list, link] = arguments;
        window.__seen = [];
        new MutationObserver(() => {
          if (list.childElementCount) {
            window.__seen.push(link.hidden ? "" : decodeURIComponent(link.href));
          }
        }).observe(list, {childList: true});
        """,
        form.find_element(By.CSS_SELECTOR, "[data-sg-search-results]"),
        see_all,
    )
    field.clear()
    driver.execute_cdp_cmd("Input.insertText", {"text": "营业执照"})
    _wait_for_status(driver, status, "找到")
    seen = driver.execute_script("return window.__seen")
    assert seen and not [href for href in seen if "身份证" in href], seen


def test_only_the_last_query_is_shown(driver: WebDriver, site_url: str) -> None:
    """A query replaced while its search is under way never shows its results."""
    driver.get(site_url)
    form = _header_form(driver)
    # Both entries in one task, as an input method commits one word and then another
    # before the debounce ends: the first word's search has started and is left running.
    driver.execute_script(
        """
        const field = arguments[0];
        for (const word of ["身份证", "护照"]) {
          field.value = word;
          field.dispatchEvent(new InputEvent("input", {bubbles: true, data: word,
                                                       inputType: "insertText"}));
        }
        """,
        form.find_element(By.CSS_SELECTOR, "input[type=search]"),
    )
    passport = _guide_url(site_url, "passport-application")

    def hrefs(_: WebDriver) -> list[str] | bool:
        status = form.find_element(By.CSS_SELECTOR, "[role=status]").text
        links = driver.execute_script(
            "return [...arguments[0].querySelectorAll('[data-sg-search-results] a')]"
            ".map(a => a.href)",
            form,
        )
        return links if "找到" in status and links and links[0] == passport else False

    WebDriverWait(driver, WAIT_SECONDS).until(hrefs)
    driver.execute_script("return new Promise((done) => setTimeout(done, 500))")
    links = hrefs(driver)
    assert links, "the results changed after the last query's were shown"
    assert _guide_url(site_url, "id-card-replacement") not in links


def test_a_query_that_finds_nothing_says_so(driver: WebDriver, site_url: str) -> None:
    """No results is announced in words, with the query, and the list is empty."""
    driver.get(site_url)
    form = _header_form(driver)
    form.find_element(By.CSS_SELECTOR, "input").send_keys("zzqqxx")
    said = _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"))
    assert said == "没有找到与“zzqqxx”有关的办事指南。可以换个说法，或按主题、A–Z 浏览。"
    assert _result_links(form) == []
    browse = form.find_element(By.CSS_SELECTOR, ".sg-search__browse")
    assert browse.is_displayed()
    hrefs = [a.get_attribute("href") for a in browse.find_elements(By.TAG_NAME, "a")]
    assert hrefs == [
        urllib.parse.urljoin(site_url, "topics/"),
        urllib.parse.urljoin(site_url, "a-z/"),
    ]


@pytest.mark.parametrize("query", ["s", "?", "'s", "！"])
def test_a_lone_letter_or_punctuation_finds_nothing(
    driver: WebDriver, site_url: str, query: str
) -> None:
    """A lone letter (the s of driver's) or punctuation matches half the index: the page
    says nothing was found instead of listing unrelated guides."""
    driver.get(site_url)
    form = _header_form(driver)
    form.find_element(By.CSS_SELECTOR, "input").send_keys(query)
    said = _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"))
    assert said.startswith("没有找到"), said
    assert _result_links(form) == []


@pytest.mark.parametrize(
    "query", ["shenfenzheng", "shēn fèn zhèng", "sfz", "身份證", "身分证", "补领身份证"]
)
def test_pinyin_traditional_and_same_sound_find_the_guide(
    driver: WebDriver, site_url: str, query: str
) -> None:
    """Typed pinyin (with or without spaces and tones), initials, traditional characters
    and a same-sound character all find 居民身份证补领 first."""
    driver.get(site_url)
    form = _header_form(driver)
    form.find_element(By.CSS_SELECTOR, "input").send_keys(query)
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    links = _result_links(form)
    assert links and links[0].get_attribute("href") == _guide_url(site_url, "id-card-replacement")


def test_keyboard_reaches_results_and_escape_closes_then_clears(
    driver: WebDriver, site_url: str
) -> None:
    """Tab and the arrow keys reach the result links; Escape from a result closes the list
    and keeps the query, back in the field; Escape there clears it."""
    driver.get(site_url)
    form = _header_form(driver)
    field = form.find_element(By.CSS_SELECTOR, "input")
    field.send_keys(QUERY)
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    first = _result_links(form)[0]

    field.send_keys(Keys.TAB)  # the submit button
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element == first

    field.click()
    field.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == first
    first.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element == field

    field.send_keys(Keys.ARROW_DOWN)
    first.send_keys(Keys.ESCAPE)
    assert driver.switch_to.active_element == field
    assert field.get_attribute("value") == QUERY
    assert not first.is_displayed()
    # ArrowDown opens the list again, on the same results.
    field.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == first
    first.send_keys(Keys.ESCAPE)

    field.send_keys(Keys.ESCAPE)
    assert driver.switch_to.active_element == field
    assert field.get_attribute("value") == ""
    assert _result_links(form) == []
    assert form.find_element(By.CSS_SELECTOR, "[role=status]").text == "已清除搜索"


def test_enter_in_the_header_opens_the_search_page(driver: WebDriver, site_url: str) -> None:
    """Submitting goes to search/?q=..., where the same query has already been run."""
    driver.get(site_url)
    field = _header_form(driver).find_element(By.CSS_SELECTOR, "input")
    field.send_keys(QUERY + Keys.ENTER)
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: "/search/" in d.current_url)
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query) == {"q": [QUERY]}
    page_form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    assert page_form.is_displayed()
    assert page_form.find_element(By.CSS_SELECTOR, "input").get_attribute("value") == QUERY
    _wait_for_status(driver, page_form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    hrefs = [link.get_attribute("href") for link in _result_links(page_form)]
    assert _guide_url(site_url, GUIDE_ID) in hrefs
    assert not driver.find_element(By.CSS_SELECTOR, "[data-sg-search-nojs]").is_displayed()


def test_facets_are_checkboxes_that_narrow_the_results(driver: WebDriver, site_url: str) -> None:
    """Each facet is a fieldset with a legend; ticking a department keeps only its guides."""
    driver.get(urllib.parse.urljoin(site_url, "search/"))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda _: len(form.find_elements(By.CSS_SELECTOR, "fieldset")) == 4
    )
    filters = form.find_element(By.CSS_SELECTOR, "details")
    assert filters.get_attribute("open") is None  # folded, so results stay in view
    filters.find_element(By.CSS_SELECTOR, "summary").send_keys(Keys.ENTER)
    assert filters.get_attribute("open") == "true"
    legends = [e.text for e in form.find_elements(By.CSS_SELECTOR, "fieldset > legend")]
    assert legends == ["办理部门", "服务对象", "主题", "办理渠道"]

    department = form.find_element(
        By.XPATH, ".//fieldset[legend='办理部门']//label[contains(., '教育局')]"
    )
    box = form.find_element(By.ID, department.get_attribute("for") or "")
    box.send_keys(Keys.SPACE)  # operable by keyboard, like any checkbox
    assert box.is_selected()
    said = _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    assert said.startswith("按所选条件找到")
    hrefs = [link.get_attribute("href") for link in _result_links(form)]
    assert _guide_url(site_url, "teacher-qualification") in hrefs
    assert _guide_url(site_url, GUIDE_ID) not in hrefs
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)
    assert list(query) == ["department"]


def test_a_shared_search_address_restores_query_and_facets(
    driver: WebDriver, site_url: str
) -> None:
    """Opening search/?q=...&department=... ticks the box and runs the filtered query."""
    driver.get(site_url)
    driver.get(urllib.parse.urljoin(site_url, "search/"))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda _: form.find_elements(By.CSS_SELECTOR, "fieldset")
    )
    value = form.find_element(By.CSS_SELECTOR, "input[name=department]").get_attribute("value")
    address = urllib.parse.urlencode({"q": "补贴", "department": value})
    driver.get(urllib.parse.urljoin(site_url, f"search/?{address}"))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"))
    assert form.find_element(By.CSS_SELECTOR, "details").get_attribute("open") == "true"
    ticked = form.find_elements(By.CSS_SELECTOR, "input[type=checkbox]:checked")
    assert [box.get_attribute("value") for box in ticked] == [value]
    assert form.find_element(By.CSS_SELECTOR, "input[type=search]").get_attribute("value") == "补贴"


def test_results_reflow_at_320_px(driver: WebDriver, site_url: str) -> None:
    """With results open, a 320 px wide page still has no horizontal scrolling."""
    driver.set_window_size(320, 800)
    try:
        driver.get(urllib.parse.urljoin(site_url, f"search/?q={urllib.parse.quote('补贴')}"))
        form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
        _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
        width = driver.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
        )
        assert width[0] <= width[1], width
    finally:
        driver.set_window_size(1280, 900)


def test_without_javascript_the_search_page_lists_every_name_a_to_z(
    driver_without_js: WebDriver, site_url: str
) -> None:
    """The header form still leads somewhere useful: a page that says why it cannot search
    and lists every guide's title and aliases A–Z, with links, for find-in-page."""
    driver = driver_without_js
    driver.get(site_url)
    field = _header_form(driver).find_element(By.CSS_SELECTOR, "input")
    field.send_keys(QUERY + Keys.ENTER)
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: "/search/" in d.current_url)
    notice = driver.find_element(By.CSS_SELECTOR, "p[data-sg-search-nojs]")
    assert notice.is_displayed()
    assert "在页面中查找" in notice.text
    assert not driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]").is_displayed()
    links = {
        link.text: link.get_attribute("href")
        for link in driver.find_elements(By.CSS_SELECTOR, ".sg-search-page__browse a")
    }
    assert links == {
        "按主题浏览": urllib.parse.urljoin(site_url, "topics/"),
        "按名称拼音 A–Z 浏览全部事项": urllib.parse.urljoin(site_url, "a-z/"),
    }
    names = driver.find_element(By.CSS_SELECTOR, ".sg-search-page__names")
    assert names.is_displayed()
    listed: dict[str, set[str]] = {}
    for link in names.find_elements(By.CSS_SELECTOR, "li a"):
        listed.setdefault(link.get_attribute("href") or "", set()).add(link.text)
    # Every guide of the A–Z index is there, under its title and each of its aliases.
    driver.get(urllib.parse.urljoin(site_url, "a-z/"))
    guides = {
        link.get_attribute("href"): link.text
        for link in driver.find_elements(By.CSS_SELECTOR, "main h2.sg-letter + ul a")
    }
    assert len(guides) >= 30
    for href, title in guides.items():
        assert title in listed.get(href or "", set()), title
    benefit = listed[_guide_url(site_url, GUIDE_ID)]
    assert {"失业金", "失业保险金", "领失业金"} <= benefit
    # Pinyin order: the letter headings run A to Z.
    driver.back()
    letters = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".sg-search-page__names h3")]
    assert letters == sorted(letters, key=lambda t: (len(t) > 1, t)) and len(letters) > 5


def _set_scheme(driver: WebDriver, scheme: str, text: int = 100) -> None:
    """Switch colour scheme and text size the way the toolbar does, on the open page."""
    driver.execute_script(
        "const root = document.documentElement;"
        "root.setAttribute('data-sg-scheme', arguments[0]);"
        "root.setAttribute('data-sg-text', String(arguments[1]));"
        "root.style.setProperty('--sg-text-scale', String(arguments[1] / 100));",
        scheme,
        text,
    )


@pytest.mark.parametrize("scheme", ["default", "dark", "high-contrast"])
def test_open_results_pass_axe_in_every_scheme(
    driver: WebDriver, site_url: str, scheme: str
) -> None:
    """With results, marks and facets on screen, axe finds nothing in any colour scheme."""
    from generator.a11y.axe import find_axe_script, run_axe

    driver.get(urllib.parse.urljoin(site_url, f"services/{GUIDE_ID}/"))
    header = _header_form(driver)
    header.find_element(By.CSS_SELECTOR, "input").send_keys("补贴")
    _wait_for_status(driver, header.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    _set_scheme(driver, scheme)
    assert run_axe(driver, find_axe_script()) == []

    driver.get(urllib.parse.urljoin(site_url, "search/?q=" + urllib.parse.quote("补贴")))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda _: form.find_elements(By.CSS_SELECTOR, "fieldset")
    )
    _set_scheme(driver, scheme)
    assert run_axe(driver, find_axe_script()) == []


def test_results_and_facets_reflow_at_200_percent_text(driver: WebDriver, site_url: str) -> None:
    """At 200 % text in a 640 px window the search page still needs no sideways scrolling."""
    driver.set_window_size(640, 900)
    try:
        driver.get(urllib.parse.urljoin(site_url, "search/?q=" + urllib.parse.quote("补贴")))
        form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
        _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda _: form.find_elements(By.CSS_SELECTOR, "fieldset")
        )
        _set_scheme(driver, "default", text=200)
        width = driver.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
        )
        assert width[0] <= width[1], width
    finally:
        driver.set_window_size(1280, 900)


def test_a_site_without_an_index_says_search_is_unavailable(
    driver: WebDriver, make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """Built with search off, typing explains itself and points to browsing, no dead end."""
    from support import run_guides

    project = make_project(search=False)
    site = tmp_path / "no-index"
    code, output = run_guides("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site))
    assert code == 0, output
    assert not (site / "pagefind").exists()
    with SiteServer(site) as server:
        driver.get(f"{server.origin}/")
        form = _header_form(driver)
        form.find_element(By.CSS_SELECTOR, "input").send_keys(QUERY)
        said = _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"))
        assert said == "搜索暂时不可用。可以按主题或 A–Z 浏览全部办事指南。"


def test_a_guide_found_by_one_of_its_names_shows_its_summary(
    driver: WebDriver, site_url: str
) -> None:
    """A guide found through its aliases, a material or its life event's aliases (父母年纪大了
    -> 养老: 年纪大了) shows its plain summary, not Pagefind's excerpt of the list of names
    it was found by ("养老 Growing older 养老 年纪大了 上了年纪 ...")."""
    driver.get(
        urllib.parse.urljoin(site_url, "search/?" + urllib.parse.urlencode({"q": "父母年纪大了"}))
    )
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    first = form.find_element(By.CSS_SELECTOR, "[data-sg-search-results] li")
    excerpt = first.find_element(By.CSS_SELECTOR, ".sg-search__excerpt").text
    assert "Growing older" not in excerpt and "上了年纪" not in excerpt, excerpt
    assert excerpt.endswith("。"), f"not the guide's summary: {excerpt}"


@pytest.mark.parametrize("query", ["sfz", "shenfenzheng", "身分證", "户口本"])
def test_a_guide_found_by_sound_or_by_another_name_shows_its_summary(
    driver: WebDriver, site_url: str, query: str
) -> None:
    """Found by typed pinyin, initials, traditional characters or an everyday name, a guide
    shows its plain summary, never the latin keys its record is found by
    ("msfzbl shenfenzhengbuling sfzbl ...") nor a list of its names."""
    driver.get(urllib.parse.urljoin(site_url, "search/?" + urllib.parse.urlencode({"q": query})))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    items = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] li")
    texts = [i.find_element(By.CSS_SELECTOR, ".sg-search__excerpt").text for i in items]
    assert texts, query
    keys = [t for t in texts if re.search(r"[a-z]{4,}", t)]
    assert keys == [], keys
    assert [t for t in texts if not t.endswith("。")] == [], texts


def test_an_english_query_shows_english_summaries(driver: WebDriver, site_url: str) -> None:
    """passport finds guides by their English title and by materials (a passport-style photo):
    each result is named and says what it is for in English, marked as English for screen
    readers, not an excerpt of its materials' names in two languages."""
    driver.get(urllib.parse.urljoin(site_url, "search/?q=passport"))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    items = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] li")
    assert len(items) > 1
    descriptions = [i.find_element(By.CSS_SELECTOR, ".sg-search__excerpt") for i in items]
    assert [d.get_attribute("lang") for d in descriptions] == ["en"] * len(items)
    assert [d.text for d in descriptions if HAN.search(d.text)] == []
    marks = descriptions[0].find_elements(By.CSS_SELECTOR, "mark")
    assert {m.text.lower() for m in marks} == {"passport"}, descriptions[0].text
    # The title in English first, then the Chinese name said at the counter.
    link = items[0].find_element(By.CSS_SELECTOR, "a")
    english = link.find_element(By.CSS_SELECTOR, "[lang=en]")
    assert english.text == "Applying for a passport"
    assert link.text == "Applying for a passport 普通护照签发"


def test_english_words_are_marked_whole(driver: WebDriver, site_url: str) -> None:
    """id card marks id and card as words (card, cards), never the id inside paid,
    residence or subsidies."""
    driver.get(
        urllib.parse.urljoin(site_url, "search/?" + urllib.parse.urlencode({"q": "id card"}))
    )
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    inside = driver.execute_script(
        """
        const letter = /[a-z]/i;
        return [...document.querySelectorAll('[data-sg-search-results] mark')]
          .filter((mark) => {
            const before = mark.previousSibling ? mark.previousSibling.textContent : '';
            const after = mark.nextSibling ? mark.nextSibling.textContent : '';
            return letter.test(before.slice(-1)) || letter.test(after.slice(0, 1));
          })
          .map((mark) => mark.parentNode.textContent.slice(0, 60));
        """
    )
    marks = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] mark")
    assert {m.text.lower() for m in marks} >= {"card"}
    assert inside == []


def test_guides_found_by_part_of_a_name_show_their_summaries(
    driver: WebDriver, site_url: str
) -> None:
    """身份证丢了 is an alias whole, and the other guides are found by 身份证 in their
    materials: each shows its summary, not the excerpt of its record's list of names
    ("二代身份证。二代证。身份证件。")."""
    driver.get(
        urllib.parse.urljoin(site_url, "search/?" + urllib.parse.urlencode({"q": "身份证丢了"}))
    )
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    items = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] li")
    assert len(items) > 2
    excerpts = [i.find_element(By.CSS_SELECTOR, ".sg-search__excerpt").text for i in items]
    assert [e for e in excerpts if not e.endswith("。") or "二代证" in e] == []
    marks = items[1].find_elements(By.CSS_SELECTOR, ".sg-search__excerpt mark")
    assert {m.text for m in marks} <= {"身份证丢了", "身份证"}


# Stands in for pagefind/pagefind.js in a copy of the site: Pagefind itself, held back
# until the test lets it load (window.__loadPagefind), with each search and preload
# recorded in window.__pagefind (the query, and when it started and ended). A call for
# the text window.__holdTerm waits for window.__releaseTerm().
PAGEFIND_SPY = """
import * as pagefind from "./real-pagefind.js";
window.__pagefind = [];
await new Promise((release) => (window.__loadPagefind = release));
function spy(kind, call) {
  return async (term, options) => {
    const entry = { kind, term, start: performance.now(), end: null };
    window.__pagefind.push(entry);
    try {
      if (term === window.__holdTerm) {
        await new Promise((release) => (window.__releaseTerm = release));
      }
      return await call(term, options);
    } finally {
      entry.end = performance.now();
    }
  };
}
export * from "./real-pagefind.js";
export const search = spy("search", pagefind.search);
export const preload = spy("preload", pagefind.preload);
"""

# Holds the debounce's timers (setTimeout with DEBOUNCE ms) until window.__runDebounced().
HOLD_DEBOUNCE = """
const wait = arguments[0];
const setTimeoutOfPage = window.setTimeout;
const clearTimeoutOfPage = window.clearTimeout;
const held = new Map();
let next = -1;
window.setTimeout = function (callback, ms, ...rest) {
  if (ms !== wait) return setTimeoutOfPage.call(this, callback, ms, ...rest);
  next -= 1;
  held.set(next, callback);
  return next;
};
window.clearTimeout = function (id) {
  if (!held.delete(id)) clearTimeoutOfPage.call(this, id);
};
window.__runDebounced = () => {
  const callbacks = [...held.values()];
  held.clear();
  callbacks.forEach((callback) => callback());
  return callbacks.length;
};
"""


def _spied_site(site: Path, tmp_path: Path) -> Path:
    """A copy of the site whose pagefind.js is PAGEFIND_SPY."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "pagefind" / "pagefind.js").rename(copy / "pagefind" / "real-pagefind.js")
    (copy / "pagefind" / "pagefind.js").write_text(PAGEFIND_SPY, encoding="utf-8")
    return copy


def _started(driver: WebDriver, term: str) -> bool:
    return bool(
        driver.execute_script(
            "return window.__pagefind && window.__pagefind.some((c) => c.term === arguments[0])",
            term,
        )
    )


def test_the_last_text_typed_while_pagefind_loads_is_searched_before_the_debounce_ends(
    driver: WebDriver, site: Path, tmp_path: Path
) -> None:
    """Typed key by key while Pagefind is still loading (the first query), the last text
    is searched as soon as Pagefind is in, while the debounce still waits: one search at
    a time, the latest text wanted next, the texts in between never searched. The search
    run() then makes is the one already done."""
    query = "driving licence"
    with SiteServer(_spied_site(site, tmp_path)) as server:
        driver.get(f"{server.origin}/")
        driver.execute_script(HOLD_DEBOUNCE, DEBOUNCE)
        form = _header_form(driver)
        form.find_element(By.CSS_SELECTOR, "input[type=search]").send_keys(query)
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return Boolean(window.__loadPagefind)")
        )
        assert driver.execute_script("return window.__pagefind") == [], "searched too soon"
        driver.execute_script("window.__loadPagefind()")
        # The debounce still waits, yet the last text is searched (and its index preloaded).
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script(
                "return window.__pagefind.some((c) => c.kind === 'search' && c.end !== null"
                " && c.term === arguments[0])",
                query,
            ),
            message="the last text was not searched before the debounce ran out",
        )
        calls = driver.execute_script("return window.__pagefind")
        assert {(c["kind"], c["term"]) for c in calls} == {
            ("preload", query),
            ("search", query),
            ("search", "drivinglicence"),  # by sound, beside the words (run)
        }, calls
        assert driver.execute_script("return window.__runDebounced()") == 1
        status = form.find_element(By.CSS_SELECTOR, "[role=status]")
        _wait_for_status(driver, status, "找到")
        assert _result_links(form)[0].get_attribute("href") == _guide_url(
            f"{server.origin}/", "driving-licence-renewal"
        )
        # run() used the searches already made: neither was made twice. (Finding few
        # guides, run() then also tries the words one by one.)
        calls = driver.execute_script("return window.__pagefind")
        searched = [c["term"] for c in calls if c["kind"] == "search"]
        assert searched.count(query) == 1 and searched.count("drivinglicence") == 1, calls


def test_the_search_after_the_debounce_does_not_wait_behind_an_older_texts(
    driver: WebDriver, site: Path, tmp_path: Path
) -> None:
    """The latest text waits behind the early search in flight only until the debounce
    runs out: then it is searched at once, even while the older text's still runs."""
    with SiteServer(_spied_site(site, tmp_path)) as server:
        driver.get(f"{server.origin}/")
        driver.execute_script("window.__holdTerm = 'driving'")
        form = _header_form(driver)
        field = form.find_element(By.CSS_SELECTOR, "input[type=search]")
        field.send_keys("driving")
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return Boolean(window.__loadPagefind)")
        )
        driver.execute_script("window.__loadPagefind()")
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: _started(d, "driving"))
        field.send_keys(" licence")
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: _started(d, "driving licence"),
            message="driving licence waited behind driving's search",
        )
        assert not driver.execute_script(
            "return window.__pagefind.some((c) => c.term === 'driving' && c.end !== null)"
        ), "driving's search was not held"
        driver.execute_script("window.__releaseTerm()")
        _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
        assert _result_links(form)[0].get_attribute("href") == _guide_url(
            f"{server.origin}/", "driving-licence-renewal"
        )


def test_a_text_typed_over_while_its_index_loads_is_not_searched(
    driver: WebDriver, site: Path, tmp_path: Path
) -> None:
    """Typed fast, a text that a newer one replaces while its parts of the index load is
    not searched: at 10,000 guides the search of `pa` held the page's thread for 100 ms,
    and passport, typed by then, waited behind it."""
    with SiteServer(_spied_site(site, tmp_path)) as server:
        driver.get(f"{server.origin}/")
        # The debounce is held: a run() for dr would want dr's search, and so keep it.
        driver.execute_script(HOLD_DEBOUNCE, DEBOUNCE)
        driver.execute_script("window.__holdTerm = 'dr'")
        form = _header_form(driver)
        field = form.find_element(By.CSS_SELECTOR, "input[type=search]")
        field.send_keys("dr")
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return Boolean(window.__loadPagefind)")
        )
        driver.execute_script("window.__loadPagefind()")
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: _started(d, "dr"))
        field.send_keys("iving licence")
        driver.execute_script("window.__releaseTerm()")
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script(
                "return window.__pagefind.some((c) => c.term === 'dr' && c.end !== null)"
            )
        )
        assert driver.execute_script("return window.__runDebounced()") == 1
        _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
        calls = driver.execute_script("return window.__pagefind")
        assert ("preload", "dr") in {(c["kind"], c["term"]) for c in calls}, calls
        assert ("search", "dr") not in {(c["kind"], c["term"]) for c in calls}, calls
        assert _result_links(form)[0].get_attribute("href") == _guide_url(
            f"{server.origin}/", "driving-licence-renewal"
        )


# The fragments the page has requested (Pagefind's one file per guide).
FRAGMENTS = """
return performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('/pagefind/fragment/'))
  .map((e) => ({name: e.name, start: e.startTime, end: e.responseEnd}));
"""


def test_the_first_results_are_fetched_while_the_debounce_waits(
    driver: WebDriver, site_url: str
) -> None:
    """A typed query's first guides are fetched while the debounce still waits, so the
    results are shown as soon as it runs out; none is fetched twice."""
    driver.get(site_url)
    driver.execute_script(HOLD_DEBOUNCE, DEBOUNCE)
    form = _header_form(driver)
    form.find_element(By.CSS_SELECTOR, "input[type=search]").send_keys("driving licence")
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: d.execute_script(FRAGMENTS),
        message="no guide was fetched before the debounce ran out",
    )
    assert _result_links(form) == []  # nothing is shown before it does
    assert driver.execute_script("return window.__runDebounced()") == 1
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    assert _result_links(form)[0].get_attribute("href") == _guide_url(
        site_url, "driving-licence-renewal"
    )
    names = [f["name"] for f in driver.execute_script(FRAGMENTS)]
    assert len(names) == len(set(names)), names


# Counts, for each fragment the page asks for, how many fragments had arrived by then.
COUNT_ARRIVED = """
const fetchOfPage = window.fetch;
let arrived = 0;
window.__fragments = [];
window.fetch = function (input, ...rest) {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.includes('/pagefind/fragment/')) return fetchOfPage.call(this, input, ...rest);
  window.__fragments.push({url, arrived});
  return fetchOfPage.call(this, input, ...rest).finally(() => (arrived += 1));
};
"""


def test_the_guides_read_to_confirm_a_search_are_fetched_together(
    driver: WebDriver, site_url: str
) -> None:
    """The first guides of a search, read to confirm that they answer it and then shown,
    are asked for at once, not the first and, once it is in, the next four: each round
    trip is a wait a citizen sees (the search page runs the address's query at once,
    with no early search while a debounce waits)."""
    script = driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_ARRIVED}
    )
    try:
        driver.get(urllib.parse.urljoin(site_url, "search/?q=certificate"))
        form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
        _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
        fetched = driver.execute_script("return window.__fragments")
    finally:
        driver.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]}
        )
    assert len(_result_links(form)) >= HEADER_RESULTS_SHOWN
    first = fetched[:HEADER_RESULTS_SHOWN]
    assert [f["arrived"] for f in first] == [0] * HEADER_RESULTS_SHOWN, fetched


def test_a_marked_title_reads_as_one_run_of_words_in_elder_mode(
    driver: WebDriver, site_url: str
) -> None:
    """In elder mode a link alone in a heading is a 44 px flex box; a title with a marked
    word inside (居民<mark>身份证</mark>补领) must stay one run of text in it, not three
    boxes with gaps between them (seen in a screenshot: 居民 身份证 补领)."""
    driver.get(urllib.parse.urljoin(site_url, "search/?q=" + urllib.parse.quote("身份证丢了")))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    _wait_for_status(driver, form.find_element(By.CSS_SELECTOR, "[role=status]"), "找到")
    driver.execute_script("document.documentElement.setAttribute('data-sg-elder', 'on')")
    gaps = driver.execute_script(
        """
        const link = document.querySelector('.sg-search__result-title a');
        const mark = link.querySelector('mark');
        const range = document.createRange();
        range.setStart(link, 0);
        range.setEndBefore(mark);
        const before = range.getClientRects();
        const last = before[before.length - 1].right;
        return [link.textContent, mark.getBoundingClientRect().left - last];
        """
    )
    assert "身份证" in gaps[0]
    assert abs(gaps[1]) < 2, gaps  # side by side in one line box: no column gap
