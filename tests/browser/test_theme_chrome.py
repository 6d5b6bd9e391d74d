"""The page chrome every page shares: language, skip links, landmarks, focus, targets,
reflow, no Material JavaScript, and a complete page with JavaScript off."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait
from theme_support import FAKE_VOICES, GUIDE, HOME, STATEMENT, fake_speech, open_page, stored

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("theme-chrome")]

PAGES = [HOME, GUIDE, STATEMENT]


@pytest.mark.parametrize("path", PAGES)
def test_page_language_is_zh_cn(driver: WebDriver, site_url: str, path: str) -> None:
    """<html lang="zh-CN">, not Material's "zh"."""
    open_page(driver, site_url, path)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_is_first_and_moves_focus_into_main(
    driver: WebDriver, site_url: str, path: str
) -> None:
    """The first Tab lands on 跳到主要内容; Enter puts focus on <main id="sg-main">."""
    open_page(driver, site_url, path)
    ActionChains(driver).send_keys(Keys.TAB).perform()
    skip = driver.switch_to.active_element
    assert skip.text == "跳到主要内容"
    assert skip.is_displayed()
    skip.send_keys(Keys.ENTER)
    focused = driver.switch_to.active_element
    assert focused.get_attribute("id") == "sg-main"
    assert focused.tag_name == "main"


@pytest.mark.parametrize("path", PAGES)
def test_landmarks_are_named_and_the_chrome_has_no_heading(
    driver: WebDriver, site_url: str, path: str
) -> None:
    """banner, named navigation, named search, one main, contentinfo; one h1, in main."""
    open_page(driver, site_url, path)
    found = driver.execute_script(
        """
        const q = (s) => Array.from(document.querySelectorAll(s));
        return {
          banner: q('body > header').length,
          main: q('main').length,
          contentinfo: q('body > footer').length,
          unnamedNav: q('nav').filter(
            (n) => !n.getAttribute('aria-label')
              && !document.getElementById(n.getAttribute('aria-labelledby') || '')
                ?.textContent.trim()
          ).length,
          search: q('[role=search]').map((f) => f.getAttribute('aria-label')),
          toolbar: q('section[aria-label="无障碍工具条"][role=region]').length,
          h1: q('h1').length,
          h1InMain: q('main h1').length,
          chromeHeadings: q('body > header :is(h1, h2, h3, h4, h5, h6), '
                            + 'body > footer :is(h1, h2, h3, h4, h5, h6), '
                            + '[data-sg-a11y] :is(h1, h2, h3, h4, h5, h6)').length,
        };
        """
    )
    assert found["banner"] == 1
    assert found["main"] == 1
    assert found["contentinfo"] == 1
    assert found["unnamedNav"] == 0
    assert found["search"] and all(found["search"])
    assert found["toolbar"] == 1
    assert found["h1"] == 1
    assert found["h1InMain"] == 1
    assert found["chromeHeadings"] == 0


def test_current_page_is_marked_in_the_navigation(driver: WebDriver, site_url: str) -> None:
    """The main navigation marks the statement page with aria-current="page" when on it."""
    open_page(driver, site_url, STATEMENT)
    current = driver.find_elements(By.CSS_SELECTOR, ".sg-nav [aria-current='page']")
    assert [link.text for link in current] == ["无障碍声明"]
    open_page(driver, site_url, HOME)
    current = driver.find_elements(By.CSS_SELECTOR, ".sg-nav [aria-current='page']")
    assert [link.text for link in current] == ["首页"]


def test_no_material_javascript_or_css_is_loaded(driver: WebDriver, site_url: str) -> None:
    """Material's bundle (single-letter shortcuts) and stylesheet are not on the page."""
    open_page(driver, site_url, GUIDE)
    sources = driver.execute_script(
        "return Array.from(document.querySelectorAll('script[src], link[rel=stylesheet]'))"
        ".map((e) => e.getAttribute('src') || e.getAttribute('href'))"
    )
    assert not [s for s in sources if "bundle." in s or "main." in s or "palette." in s]
    assert driver.execute_script("return typeof window.document$") == "undefined"


@pytest.mark.parametrize("key", ["f", "s", "/", "p", "n", ",", ".", "?"])
def test_single_keys_do_nothing(driver: WebDriver, site_url: str, key: str) -> None:
    """Pressing a single key outside a field changes neither URL, focus, scroll nor the DOM."""
    open_page(driver, site_url, GUIDE)
    state = (
        "return [location.href, document.activeElement.tagName, scrollY,"
        " document.body.innerHTML.length, document.documentElement.outerHTML.length]"
    )
    before = driver.execute_script(state)
    ActionChains(driver).send_keys(key).perform()
    assert driver.execute_script(state) == before


@pytest.mark.parametrize("scheme", ["default", "high-contrast", "dark"])
def test_every_chrome_control_shows_focus(driver: WebDriver, site_url: str, scheme: str) -> None:
    """Tabbing through header, toolbar and footer: each focused control gets a 3 px outline."""
    open_page(driver, site_url, STATEMENT, {"scheme": scheme})
    driver.find_element(By.CSS_SELECTOR, "[data-sg-action='more']").click()
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    missing = []
    seen = set()
    for _ in range(80):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        info = driver.execute_script(
            """
            const el = document.activeElement;
            if (el === document.body || el.closest('#sg-main')) return null;
            const cs = getComputedStyle(el);
            return [el.outerHTML.slice(0, 80), cs.outlineStyle, parseFloat(cs.outlineWidth),
                    el.closest('footer') !== null];
            """
        )
        if info is None:
            continue
        html, style, width, in_footer = info
        if html in seen:
            break
        seen.add(html)
        if style == "none" or width < 3:
            missing.append(html)
        if in_footer and html.startswith("<a") and "repo" in html:
            break
    assert len(seen) > 10
    assert missing == []


@pytest.mark.parametrize("path", PAGES)
def test_chrome_targets_are_at_least_24_px(driver: WebDriver, site_url: str, path: str) -> None:
    """Every link, button and field of the chrome is at least 24 × 24 CSS px (WCAG 2.5.8)."""
    open_page(driver, site_url, path)
    driver.find_element(By.CSS_SELECTOR, "[data-sg-action='more']").click()
    small = driver.execute_script(
        """
        const out = [];
        const sel = 'header a, header button, header input, [data-sg-a11y] button, '
                  + '[data-sg-a11y] a, footer a';
        for (const el of document.querySelectorAll(sel)) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.width < 24 || r.height < 24) out.push(el.outerHTML.slice(0, 60));
        }
        return out;
        """
    )
    assert small == []


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("settings", [None, {"elder": True}, {"text": 200}])
def test_page_reflows_at_320_px(
    driver: WebDriver, site_url: str, path: str, settings: dict[str, object] | None
) -> None:
    """At 320 CSS px (with the toolbar panel open) nothing scrolls sideways."""
    driver.set_window_size(320, 800)
    try:
        open_page(driver, site_url, path, settings)
        driver.find_element(By.CSS_SELECTOR, "[data-sg-action='more']").click()
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        driver.set_window_size(1280, 900)


def test_focus_is_never_under_a_sticky_header(driver: WebDriver, site_url: str) -> None:
    """Nothing in the chrome is fixed or sticky, so it cannot cover the focused element."""
    open_page(driver, site_url, GUIDE)
    pinned = driver.execute_script(
        """
        return Array.from(document.querySelectorAll('body *'))
          .filter((el) => !el.closest('#sg-main'))
          .filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position))
          .map((el) => el.className);
        """
    )
    assert pinned == []


def test_statement_tables_scroll_in_a_labelled_focusable_region(
    driver: WebDriver, site_url: str
) -> None:
    """The shortcut table sits in a named region that takes focus (so it scrolls by keyboard)."""
    open_page(driver, site_url, STATEMENT)
    tables = driver.find_elements(By.CSS_SELECTOR, "main table")
    assert tables
    for table in tables:
        region = table.find_element(By.XPATH, "..")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label")
    # One region per table: never a region inside a region.
    assert not driver.find_elements(By.CSS_SELECTOR, "main [role=region] [role=region]")


def test_statement_lists_every_shortcut_the_script_knows(driver: WebDriver, site_url: str) -> None:
    """Every Alt+Shift shortcut of the toolbar is in the statement's table, and only those."""
    open_page(driver, site_url, STATEMENT)
    listed = {
        cell.text.split("+")[-1]
        for cell in driver.find_elements(
            By.CSS_SELECTOR, "#shortcuts ~ .sg-table tbody td:first-child"
        )
    }
    assert listed == {"W", "E", "=", "-", "C", "L", "G", "M", "Z", "P", "R", "X", "0"}
    # Each listed settings key really changes a stored setting (指读 needs a voice to
    # switch on, so the browser gets a fake one).
    with fake_speech(driver, FAKE_VOICES):
        for key in listed - {"W", "R", "X"}:
            open_page(driver, site_url, STATEMENT, {"text": 150})
            before = stored(driver)
            chord = ActionChains(driver).key_down(Keys.ALT).key_down(Keys.SHIFT)
            chord.send_keys(key.lower()).key_up(Keys.SHIFT).key_up(Keys.ALT).perform()
            WebDriverWait(driver, 5).until(lambda d, was=before: stored(d) != was, key)


def test_alt_shift_w_moves_focus_to_the_toolbar(driver: WebDriver, site_url: str) -> None:
    """Alt+Shift+W puts the keyboard focus on the toolbar region."""
    open_page(driver, site_url, GUIDE)
    chord = ActionChains(driver).key_down(Keys.ALT).key_down(Keys.SHIFT).send_keys("w")
    chord.key_up(Keys.SHIFT).key_up(Keys.ALT).perform()
    assert driver.switch_to.active_element.get_attribute("id") == "sg-a11y"


# ---- JavaScript off ----


@pytest.mark.parametrize("path", PAGES)
def test_without_javascript_the_page_is_complete_and_the_toolbar_hidden(
    driver_without_js: WebDriver, site_url: str, path: str
) -> None:
    """No script: no toolbar (its buttons would do nothing), but content, nav and search work."""
    driver = driver_without_js
    driver.get(site_url + path)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("class") == "no-js"
    assert not driver.find_element(By.CSS_SELECTOR, "[data-sg-a11y]").is_displayed()
    assert not driver.find_element(By.CSS_SELECTOR, "[data-sg-skip-toolbar]").is_displayed()
    assert driver.find_element(By.CSS_SELECTOR, "main h1").is_displayed()
    nav_links = driver.find_elements(By.CSS_SELECTOR, ".sg-nav a")
    assert len(nav_links) >= 2 and all(link.is_displayed() for link in nav_links)
    search = driver.find_element(By.CSS_SELECTOR, "header form[role=search]")
    assert search.get_attribute("action").endswith("/search/")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element.text == "跳到主要内容"


# ---- preferences of the system ----


def test_prefers_contrast_more_uses_the_high_contrast_palette(
    driver: WebDriver, site_url: str
) -> None:
    """With the system asking for more contrast and no scheme chosen, the page is high contrast."""
    open_page(driver, site_url, STATEMENT)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-contrast", "value": "more"}]},
        )
        body = driver.find_element(By.TAG_NAME, "body")
        assert body.value_of_css_property("background-color") == "rgba(0, 0, 0, 1)"
        # A scheme the visitor chose still wins.
        open_page(driver, site_url, STATEMENT, {"scheme": "dark"})
        body = driver.find_element(By.TAG_NAME, "body")
        assert body.value_of_css_property("background-color") == "rgba(18, 20, 22, 1)"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_forced_colours_keep_focus_and_pressed_state_visible(
    driver: WebDriver, site_url: str
) -> None:
    """In Windows high contrast the focus outline stays and pressed buttons keep their tick."""
    open_page(driver, site_url, STATEMENT, {"elder": True})
    try:
        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "forced-colors", "value": "active"}]},
        )
        elder = driver.find_element(By.CSS_SELECTOR, "[data-sg-toggle='elder']")
        tick = driver.execute_script(
            "return getComputedStyle(arguments[0], '::before').content", elder
        )
        assert "✓" in tick
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.switch_to.active_element
        assert focused.value_of_css_property("outline-style") == "solid"
        assert float(focused.value_of_css_property("outline-width").removesuffix("px")) >= 3
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_not_found_page_is_in_chinese_with_the_chrome(driver: WebDriver, site_url: str) -> None:
    """404.html speaks Chinese, has the skip link, toolbar and a way back home."""
    open_page(driver, site_url, "404.html")
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == "找不到这个页面"
    assert driver.title.startswith("找不到页面")
    assert driver.find_element(By.CSS_SELECTOR, ".sg-skip__link").get_attribute("href")
    links = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
    assert "回到首页" in links


def test_focus_in_a_scrolling_table_is_scrolled_fully_into_view(
    driver: WebDriver, site_url: str
) -> None:
    """At 200 % text a link in a sideways-scrolling table is wholly inside it once focused."""
    # A Markdown table as main.html wraps it, wider than the window at 200 % text, with
    # links in its last column that sit half outside the region. (The guides' own tables
    # no longer scroll: materials and fees stack on narrow screens.)
    open_page(driver, site_url, "services/food-business-licence/", {"text": 200})
    outside = driver.execute_script(
        """
        const cells = Array.from({length: 6}, (_, i) =>
          `<td>第${i}列的一段很长的说明文字，不换行</td>`).join("");
        document.querySelector("main").insertAdjacentHTML("afterbegin",
          `<div class="sg-table" role="region" tabindex="0" aria-label="表格 1（可左右滚动）">
           <table><tr>${cells}<td><a href="#a">空白表格</a> <a href="#b">填写样例</a></td></tr>
           </table></div>`);
        document.querySelector(".sg-table td").parentElement.style.whiteSpace = "nowrap";
        const out = [];
        let checked = 0;
        for (const region of document.querySelectorAll('.sg-table')) {
          if (region.scrollWidth <= region.clientWidth) continue;
          for (const link of region.querySelectorAll('a[href]')) {
            window.scrollTo(0, 0);
            region.scrollLeft = 0;
            link.focus();
            checked++;
            const r = link.getBoundingClientRect();
            const box = region.getBoundingClientRect();
            const left = box.left + region.clientLeft;
            if (r.left < left - 0.5 || r.right > left + region.clientWidth + 0.5) {
              out.push(link.textContent.trim());
            }
          }
        }
        return [checked, out];
        """
    )
    checked, hidden = outside
    assert checked > 0, "no link in a scrolling table to check on this page"
    assert hidden == []


def test_materials_read_as_a_table_when_wide_and_as_blocks_when_narrow(
    driver: WebDriver, site_url: str
) -> None:
    """Issue 14: the notes column was squeezed to 2–3 characters a line at every width."""
    read = """
        const rows = [...document.querySelectorAll('.sg-materials__row')];
        const notes = document.querySelector('.sg-materials__notes');
        const em = parseFloat(getComputedStyle(notes).fontSize);
        return {
          display: getComputedStyle(document.querySelector('.sg-materials')).display,
          rows: rows.length,
          notesChars: notes.clientWidth / em,
          label: getComputedStyle(document.querySelector('.sg-materials__label')).display,
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
    """
    driver.set_window_size(1280, 900)
    open_page(driver, site_url, GUIDE)
    wide = driver.execute_script(read)
    assert wide["display"] == "table" and wide["rows"] >= 3
    assert wide["notesChars"] >= 20 and wide["label"] == "none"
    driver.set_window_size(390, 844)
    try:
        open_page(driver, site_url, GUIDE, {"elder": True, "text": 200})
        narrow = driver.execute_script(read)
    finally:
        driver.set_window_size(1280, 900)
    assert narrow["display"] == "block" and narrow["label"] == "block"
    assert narrow["notesChars"] >= 5 and narrow["sideways"] <= 0


def test_contents_list_is_navigation_right_after_the_title(
    driver: WebDriver, site_url: str
) -> None:
    """Issue 14: 本页内容 was the 41st of 54 Tab stops though drawn beside the h1."""
    open_page(driver, site_url, GUIDE)
    order = driver.execute_script(
        """
        const toc = document.querySelector('nav.sg-toc');
        const h1 = document.querySelector('main h1');
        const first = document.querySelector('main .sg-section');
        const follows = (a, b) =>
          !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return [toc && toc.closest('main') !== null, toc && follows(h1, toc),
                toc && follows(toc, first),
                toc && document.getElementById(toc.getAttribute('aria-labelledby')).textContent,
                document.querySelectorAll('aside.sg-toc').length];
        """
    )
    assert order == [True, True, True, "本页内容", 0]
