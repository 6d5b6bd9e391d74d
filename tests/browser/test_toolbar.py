"""The accessibility toolbar in a real browser: each feature does what it says,
is remembered across pages, resets, and works from the keyboard alone."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait
from theme_support import (
    FAKE_VOICES,
    GUIDE,
    STATEMENT,
    contrast,
    fake_speech,
    low_contrast,
    open_page,
    speech_log,
    stored,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("theme-toolbar")]


def _button(driver: WebDriver, selector: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f"[data-sg-a11y] {selector}")


def _open_more(driver: WebDriver) -> None:
    more = _button(driver, "[data-sg-action='more']")
    if more.get_attribute("aria-expanded") != "true":
        more.click()


def _html(driver: WebDriver, name: str) -> str:
    value: str = driver.execute_script(
        "return document.documentElement.getAttribute(arguments[0])", name
    )
    return value


def _px(driver: WebDriver, selector: str, prop: str) -> float:
    value: str = driver.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]",
        selector,
        prop,
    )
    return float(value.removesuffix("px"))


def _spoken(driver: WebDriver) -> list[dict[str, str]]:
    """What the fake speechSynthesis was asked to say: text and language."""
    return [
        {"text": e["text"], "lang": e["lang"]} for e in speech_log(driver) if e["call"] == "speak"
    ]


# ---- text size ----


def test_text_size_goes_from_100_to_200_percent_in_steps(driver: WebDriver, site_url: str) -> None:
    """放大文字 doubles the computed sizes in four steps and stops at 200 %; 缩小文字 goes back."""
    open_page(driver, site_url, GUIDE)
    h1_before = _px(driver, "h1", "fontSize")
    assert _px(driver, "html", "fontSize") == 16
    bigger = _button(driver, "[data-sg-action='text-up']")
    for _ in range(6):
        bigger.click()
    assert _html(driver, "data-sg-text") == "200"
    assert _px(driver, "html", "fontSize") == 32
    assert _px(driver, "h1", "fontSize") == pytest.approx(2 * h1_before)
    assert _button(driver, "[data-sg-text-value]").text == "文字 200%"
    assert bigger.get_attribute("aria-disabled") == "true"
    assert stored(driver)["text"] == 200
    _button(driver, "[data-sg-action='text-down']").click()
    assert _html(driver, "data-sg-text") == "175"
    assert _px(driver, "html", "fontSize") == 28


def test_text_size_shown_counts_elder_mode(driver: WebDriver, site_url: str) -> None:
    """Elder mode scales the text by 1.25: the toolbar says so, at 100 % and at 200 %."""
    open_page(driver, site_url, GUIDE, {"elder": True})
    assert _px(driver, "html", "fontSize") == 20
    assert _button(driver, "[data-sg-text-value]").text == "文字 125%"
    for _ in range(4):
        _button(driver, "[data-sg-action='text-up']").click()
    assert _px(driver, "html", "fontSize") == 40
    assert _button(driver, "[data-sg-text-value]").text == "文字 250%"
    _button(driver, "[data-sg-toggle='elder']").click()
    assert _button(driver, "[data-sg-text-value]").text == "文字 200%"


def test_text_size_reflows_instead_of_scrolling_sideways(driver: WebDriver, site_url: str) -> None:
    """At 200 % text the page still fits the window's width: the layout reflows."""
    open_page(driver, site_url, GUIDE, {"text": 200})
    _open_more(driver)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_text_size_is_remembered_on_the_next_page(driver: WebDriver, site_url: str) -> None:
    """A size chosen on one page holds on the next page, before and after its scripts run."""
    open_page(driver, site_url, GUIDE)
    _button(driver, "[data-sg-action='text-up']").click()
    _button(driver, "[data-sg-action='text-up']").click()
    driver.find_element(By.CSS_SELECTOR, ".sg-footer a[href$='accessibility/']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith(STATEMENT))
    assert _html(driver, "data-sg-text") == "150"
    assert _px(driver, "html", "fontSize") == 24
    assert _button(driver, "[data-sg-text-value]").text == "文字 150%"


# ---- colour schemes ----


@pytest.mark.parametrize(
    ("scheme", "background"),
    [("high-contrast", "rgb(0, 0, 0)"), ("dark", "rgb(18, 20, 22)")],
)
def test_colour_scheme_changes_colours_with_contrast_above_7(
    driver: WebDriver, site_url: str, scheme: str, background: str
) -> None:
    """Each scheme repaints the page and keeps every visible text at 7:1 or more."""
    open_page(driver, site_url, GUIDE)
    _open_more(driver)
    _button(driver, f"[data-sg-scheme='{scheme}']").click()
    assert _html(driver, "data-sg-scheme") == scheme
    body_bg = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert body_bg == background
    assert _button(driver, f"[data-sg-scheme='{scheme}']").get_attribute("aria-pressed") == "true"
    assert _button(driver, "[data-sg-scheme='default']").get_attribute("aria-pressed") == "false"
    assert low_contrast(driver, 7.0) == []
    assert stored(driver)["scheme"] == scheme
    driver.refresh()
    assert _html(driver, "data-sg-scheme") == scheme


def test_default_scheme_keeps_every_text_at_7_to_1(driver: WebDriver, site_url: str) -> None:
    """The default palette already meets 7:1, which elder mode promises."""
    open_page(driver, site_url, STATEMENT)
    assert low_contrast(driver, 7.0) == []


def test_high_contrast_link_colour(driver: WebDriver, site_url: str) -> None:
    """In high contrast, links are yellow on black (19.6:1)."""
    open_page(driver, site_url, STATEMENT, {"scheme": "high-contrast"})
    link = driver.find_element(By.CSS_SELECTOR, "main a[href^='mailto:']")
    ratio = contrast(link.value_of_css_property("color"), "rgb(0, 0, 0)")
    assert ratio > 19


# ---- text spacing ----


def test_text_spacing_uses_the_wcag_values(driver: WebDriver, site_url: str) -> None:
    """加大文字间距 sets letter 0.12em, word 0.16em, line 1.5+ and paragraph 2em spacing."""
    open_page(driver, site_url, STATEMENT)
    _open_more(driver)
    _button(driver, "[data-sg-toggle='spacing']").click()
    assert _button(driver, "[data-sg-toggle='spacing']").get_attribute("aria-pressed") == "true"
    size = _px(driver, "main p", "fontSize")
    assert _px(driver, "main p", "letterSpacing") == pytest.approx(0.12 * size, abs=0.05)
    assert _px(driver, "main p", "wordSpacing") == pytest.approx(0.16 * size, abs=0.05)
    assert _px(driver, "main p", "lineHeight") >= 1.5 * size
    assert _px(driver, "main p", "marginBottom") >= 2 * size - 0.05
    assert stored(driver)["spacing"] is True


# ---- ruler, cursor, captions ----


def test_ruler_follows_the_pointer_and_the_focus(driver: WebDriver, site_url: str) -> None:
    """辅助线 adds a band and a vertical line that follow the pointer and keyboard focus."""
    open_page(driver, site_url, STATEMENT)
    _open_more(driver)
    _button(driver, "[data-sg-toggle='ruler']").click()
    ruler = driver.find_element(By.CSS_SELECTOR, ".sg-ruler")
    assert ruler.get_attribute("aria-hidden") == "true"
    h1 = driver.find_element(By.CSS_SELECTOR, "main h1")
    ActionChains(driver).move_to_element(h1).perform()

    def band_centre(d: WebDriver) -> float:
        box = d.find_element(By.CSS_SELECTOR, ".sg-ruler__band").rect
        return float(box["y"] + box["height"] / 2)

    h1_centre = h1.rect["y"] + h1.rect["height"] / 2 - driver.execute_script("return scrollY")
    WebDriverWait(driver, 5).until(lambda d: abs(band_centre(d) - h1_centre) < 3)
    driver.refresh()
    assert driver.find_elements(By.CSS_SELECTOR, ".sg-ruler__band")
    _open_more(driver)
    _button(driver, "[data-sg-toggle='ruler']").click()
    assert not driver.find_elements(By.CSS_SELECTOR, ".sg-ruler")


def test_large_cursor(driver: WebDriver, site_url: str) -> None:
    """大鼠标 swaps the pointer for a drawn 64 px arrow on the page and on links."""
    open_page(driver, site_url, STATEMENT)
    assert "url(" not in driver.find_element(By.TAG_NAME, "p").value_of_css_property("cursor")
    _open_more(driver)
    _button(driver, "[data-sg-toggle='cursor']").click()
    for selector in ("main p", "main a"):
        cursor = driver.find_element(By.CSS_SELECTOR, selector).value_of_css_property("cursor")
        assert cursor.startswith('url("data:image/svg+xml'), cursor
    assert stored(driver)["cursor"] is True


def test_large_captions_show_the_focused_text(driver: WebDriver, site_url: str) -> None:
    """大字幕 shows the focused text in large type, hidden from screen readers."""
    open_page(driver, site_url, STATEMENT, {"captions": True})
    bar = driver.find_element(By.CSS_SELECTOR, ".sg-captions")
    assert bar.get_attribute("aria-hidden") == "true"
    link = driver.find_element(By.CSS_SELECTOR, ".sg-footer a")
    driver.execute_script("arguments[0].focus()", link)
    text = bar.find_element(By.CSS_SELECTOR, ".sg-captions__text")
    assert text.text == link.text
    assert _px(driver, ".sg-captions__text", "fontSize") >= 2 * _px(driver, "main p", "fontSize")
    english = driver.find_element(By.CSS_SELECTOR, "[lang='en'] p")
    ActionChains(driver).move_to_element(english).perform()
    WebDriverWait(driver, 5).until(lambda d: text.get_attribute("lang") == "en")


# ---- read aloud ----


def test_point_to_read_speaks_the_focused_element_in_its_language(
    driver: WebDriver, site_url: str
) -> None:
    """指读 speaks what gets focus, with the language of its nearest lang attribute."""
    with fake_speech(driver, FAKE_VOICES):
        open_page(driver, site_url, STATEMENT)
        _open_more(driver)
        _button(driver, "[data-sg-toggle='speech']").click()
        WebDriverWait(driver, 5).until(lambda d: (stored(d) or {}).get("speech") == "point")
        link = driver.find_element(By.CSS_SELECTOR, ".sg-footer a")
        driver.execute_script("arguments[0].focus()", link)
        assert _spoken(driver)[-1] == {"text": link.text, "lang": "zh-CN"}
        english = driver.find_element(By.CSS_SELECTOR, "[lang='en'] a[href^='mailto:']")
        driver.execute_script("arguments[0].focus()", english)
        assert _spoken(driver)[-1] == {"text": english.text, "lang": "en"}
        # The pointer resting on a paragraph reads the paragraph.
        paragraph = driver.find_element(By.CSS_SELECTOR, "main > .sg-prose > p")
        ActionChains(driver).move_to_element(paragraph).perform()
        WebDriverWait(driver, 5).until(
            lambda d: _spoken(d)[-1] == {"text": paragraph.text, "lang": "zh-CN"}
        )


def test_point_to_read_is_silent_when_off(driver: WebDriver, site_url: str) -> None:
    """With 指读 off, moving focus says nothing."""
    with fake_speech(driver, FAKE_VOICES):
        open_page(driver, site_url, STATEMENT)
        driver.execute_script("document.querySelector('.sg-footer a').focus()")
        assert _spoken(driver) == []


def test_continuous_reading_reads_main_in_order_with_pause_and_stop(
    driver: WebDriver, site_url: str
) -> None:
    """连读本页 queues the blocks of <main> from the h1 on; pause, resume and stop work."""
    with fake_speech(driver, FAKE_VOICES):
        open_page(driver, site_url, STATEMENT)
        _open_more(driver)
        read = _button(driver, "[data-sg-action='read']")
        read.click()
        WebDriverWait(driver, 5).until(lambda d: _spoken(d))
        spoken = _spoken(driver)
        h1 = driver.find_element(By.CSS_SELECTOR, "main h1").text
        assert spoken[0] == {"text": h1, "lang": "zh-CN"}
        english_h2 = driver.find_element(By.CSS_SELECTOR, "#english").text
        assert {"text": english_h2, "lang": "en"} in spoken
        header_text = driver.find_element(By.CSS_SELECTOR, ".sg-header__name").text
        assert all(item["text"] != header_text for item in spoken)
        assert read.get_attribute("aria-pressed") == "true"
        pause = _button(driver, "[data-sg-action='pause']")
        pause.click()
        assert pause.text == "继续朗读"
        pause.click()
        stop = _button(driver, "[data-sg-action='stop']")
        stop.click()
        calls = [e["call"] for e in speech_log(driver) if e["call"] != "speak"]
        assert calls == ["cancel", "pause", "resume", "cancel"]
        assert not pause.is_displayed()
        assert read.get_attribute("aria-pressed") == "false"
        assert driver.switch_to.active_element == read


# ---- elder mode ----


def test_elder_mode_gives_large_text_loose_lines_and_big_targets(
    driver: WebDriver, site_url: str
) -> None:
    """长辈模式: body text ≥ 20 px, line height ≥ 1.6, every chrome control ≥ 44 × 44 px."""
    open_page(driver, site_url, GUIDE)
    _button(driver, "[data-sg-toggle='elder']").click()
    assert _html(driver, "data-sg-elder") == "on"
    size = _px(driver, "main p", "fontSize")
    assert size >= 20
    assert _px(driver, "main p", "lineHeight") >= 1.6 * size
    _open_more(driver)
    small = driver.execute_script(
        """
        const out = [];
        for (const el of document.querySelectorAll(
            '.sg-header a, .sg-header button, .sg-header input, .sg-nav a, '
            + '[data-sg-a11y] button, .sg-footer a')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.width < 44 || r.height < 44) {
            out.push(el.textContent.trim() + ' ' + r.width + 'x' + r.height);
          }
        }
        return out;
        """
    )
    assert small == []
    assert low_contrast(driver, 7.0) == []
    assert stored(driver)["elder"] is True


def test_elder_mode_puts_side_panels_in_one_column(driver: WebDriver, site_url: str) -> None:
    """In elder mode nothing sits beside the main content."""
    open_page(driver, site_url, GUIDE, {"elder": True})
    beside = driver.execute_script(
        """
        const main = document.getElementById('sg-main').getBoundingClientRect();
        return Array.from(document.querySelectorAll('.sg-page *')).filter((el) => {
          const mainEl = document.getElementById('sg-main');
          if (el.closest('#sg-main') || el.contains(mainEl)) return false;
          const r = el.getBoundingClientRect();
          return r.height > 0 && r.top < main.bottom && r.bottom > main.top && r.left >= main.right;
        }).map((el) => el.tagName);
        """
    )
    assert beside == []


# ---- reset, storage, keyboard ----


def test_reset_restores_every_default(driver: WebDriver, site_url: str) -> None:
    """恢复默认 clears the stored settings and every mode on the page."""
    open_page(
        driver,
        site_url,
        STATEMENT,
        {"text": 175, "scheme": "dark", "spacing": True, "ruler": True, "cursor": True,
         "captions": True, "elder": True, "speech": "point"},
    )  # fmt: skip
    assert _html(driver, "data-sg-scheme") == "dark"
    assert driver.find_elements(By.CSS_SELECTOR, ".sg-ruler, .sg-captions")
    _button(driver, "[data-sg-action='reset']").click()
    assert stored(driver) is None
    for name, value in {
        "data-sg-text": "100",
        "data-sg-scheme": "default",
        "data-sg-spacing": "off",
        "data-sg-ruler": "off",
        "data-sg-cursor": "off",
        "data-sg-captions": "off",
        "data-sg-elder": "off",
        "data-sg-speech": "off",
    }.items():
        assert _html(driver, name) == value, name
    assert not driver.find_elements(By.CSS_SELECTOR, ".sg-ruler, .sg-captions")
    pressed = driver.find_elements(By.CSS_SELECTOR, "[data-sg-toggle][aria-pressed='true']")
    assert pressed == []
    assert _px(driver, "html", "fontSize") == 16


def test_stored_settings_are_applied_before_the_toolbar_script(
    driver: WebDriver, site_url: str
) -> None:
    """The inline script in <head> applies the stored settings, so the first paint is right."""
    open_page(driver, site_url, GUIDE, {"text": 150, "scheme": "high-contrast"})
    # What the page looked like when <head> was done, before any body script ran.
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "document.addEventListener('readystatechange', () => {"
            " if (!window.__first) window.__first = ["
            " document.documentElement.getAttribute('data-sg-text'),"
            " document.documentElement.getAttribute('data-sg-scheme')]; });"
        },
    )
    driver.refresh()
    assert driver.execute_script("return window.__first") == ["150", "high-contrast"]


def test_broken_storage_falls_back_to_defaults(driver: WebDriver, site_url: str) -> None:
    """A stored value that is not JSON, or out of range, gives defaults and a working toolbar."""
    driver.get(site_url + STATEMENT)
    driver.execute_script("localStorage.setItem('sg-a11y', '{not json')")
    driver.refresh()
    assert _html(driver, "data-sg-text") == "100"
    driver.execute_script(
        "localStorage.setItem('sg-a11y', JSON.stringify({text: 900, scheme: 'pink', elder: 'yes'}))"
    )
    driver.refresh()
    assert _html(driver, "data-sg-text") == "200"
    assert _html(driver, "data-sg-scheme") == "default"
    assert _html(driver, "data-sg-elder") == "off"
    _button(driver, "[data-sg-toggle='elder']").click()
    assert stored(driver) == {
        "text": 200,
        "scheme": "default",
        "spacing": False,
        "ruler": False,
        "cursor": False,
        "captions": False,
        "elder": True,
        "speech": "off",
    }


def test_toolbar_is_reached_and_worked_with_the_keyboard_alone(
    driver: WebDriver, site_url: str
) -> None:
    """Tab to the skip link for the toolbar, follow it, then Enter and Space work the buttons."""
    open_page(driver, site_url, GUIDE)
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    body.send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.text == "跳到无障碍工具条"
    skip.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "sg-a11y"
    ActionChains(driver).send_keys(Keys.TAB).perform()
    elder = driver.switch_to.active_element
    assert elder.get_attribute("data-sg-toggle") == "elder"
    elder.send_keys(Keys.ENTER)
    assert elder.get_attribute("aria-pressed") == "true"
    elder.send_keys(Keys.SPACE)
    assert elder.get_attribute("aria-pressed") == "false"
    # On to "more settings", open it with Space, and Tab into the panel.
    more = _button(driver, "[data-sg-action='more']")
    for _ in range(5):
        if driver.switch_to.active_element == more:
            break
        ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element == more
    more.send_keys(Keys.SPACE)
    assert more.get_attribute("aria-expanded") == "true"
    ActionChains(driver).send_keys(Keys.TAB, Keys.ENTER).perform()
    assert driver.switch_to.active_element.get_attribute("data-sg-scheme") == "default"
    ActionChains(driver).send_keys(Keys.TAB, Keys.SPACE).perform()
    assert _html(driver, "data-sg-scheme") == "high-contrast"


def test_the_panel_stays_open_across_pages(driver: WebDriver, site_url: str) -> None:
    """更多无障碍设置, once opened, is still open on the next page of the visit."""
    open_page(driver, site_url, GUIDE)
    _open_more(driver)
    driver.get(site_url + STATEMENT)
    more = _button(driver, "[data-sg-action='more']")
    assert more.get_attribute("aria-expanded") == "true"
    assert driver.find_element(By.ID, "sg-a11y-more").is_displayed()


@pytest.mark.parametrize(
    ("key", "attribute", "value"),
    [
        ("e", "data-sg-elder", "on"),
        ("=", "data-sg-text", "125"),
        ("c", "data-sg-scheme", "high-contrast"),
        ("l", "data-sg-spacing", "on"),
        ("g", "data-sg-ruler", "on"),
        ("m", "data-sg-cursor", "on"),
        ("z", "data-sg-captions", "on"),
        ("p", "data-sg-speech", "point"),
    ],
)
def test_shortcuts_need_alt_and_shift(
    driver: WebDriver, site_url: str, key: str, attribute: str, value: str
) -> None:
    """Alt+Shift+key works a toolbar feature; the key alone does nothing (WCAG 2.1.4)."""
    with fake_speech(driver, FAKE_VOICES):  # 指读 switches on only with a voice
        open_page(driver, site_url, GUIDE)
        before = _html(driver, attribute)
        ActionChains(driver).send_keys(key).perform()
        assert _html(driver, attribute) == before
        chord = ActionChains(driver).key_down(Keys.ALT).key_down(Keys.SHIFT).send_keys(key)
        chord.key_up(Keys.SHIFT).key_up(Keys.ALT).perform()
        WebDriverWait(driver, 5).until(lambda d: _html(d, attribute) == value)


def test_more_button_counts_settings_that_are_on_and_escape_closes_the_panel(
    driver: WebDriver, site_url: str
) -> None:
    """With the panel shut the button says how many of its settings are on; Escape shuts it."""
    open_page(driver, site_url, GUIDE, {"scheme": "dark", "ruler": True})
    more = _button(driver, "[data-sg-action='more']")
    assert more.text.endswith("（已开启 2 项）")
    more.click()
    # The panel comes straight after its button.
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element.get_attribute("data-sg-scheme") == "default"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert more.get_attribute("aria-expanded") == "false"
    assert driver.switch_to.active_element == more
