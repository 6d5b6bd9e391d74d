"""Read aloud (语音朗读) against a fake speechSynthesis installed before the page's scripts:
without a voice it says so and never claims to be on; a failing voice is reported and ends
the reading; each language part of a text gets its own voice; the pause, read and stop
controls and their shortcuts say what they did in the status region."""

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
    fake_speech,
    open_page,
    speech_log,
    status_text,
    stored,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("theme-toolbar")]

NO_VOICE = "此浏览器没有中文语音"


def _button(driver: WebDriver, selector: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f"[data-sg-a11y] {selector}")


def _open_panel(driver: WebDriver, base: str, path: str) -> None:
    open_page(driver, base, path)
    _button(driver, "[data-sg-action='more']").click()


def _says(driver: WebDriver, text: str) -> str:
    """Wait until the toolbar's status region says something containing text; return it."""
    WebDriverWait(driver, 5).until(lambda d: text in status_text(d))
    return status_text(driver)


def _spoken(driver: WebDriver) -> list[dict[str, str]]:
    return [entry for entry in speech_log(driver) if entry["call"] == "speak"]


def _chord(driver: WebDriver, key: str) -> None:
    chord = ActionChains(driver).key_down(Keys.ALT).key_down(Keys.SHIFT).send_keys(key)
    chord.key_up(Keys.SHIFT).key_up(Keys.ALT).perform()


# ---- no voice ----


def test_continuous_reading_without_a_voice_says_so_and_speaks_nothing(
    driver: WebDriver, site_url: str
) -> None:
    """No Chinese voice: 连读本页 queues nothing, stays unpressed, and the status says why."""
    with fake_speech(driver):
        _open_panel(driver, site_url, GUIDE)
        read = _button(driver, "[data-sg-action='read']")
        read.click()
        _says(driver, NO_VOICE)
        assert _spoken(driver) == []
        assert read.get_attribute("aria-pressed") == "false"
        assert not _button(driver, "[data-sg-action='stop']").is_displayed()
        # The toolbar shows it too, beside the speech buttons.
        assert _button(driver, "[data-sg-speech-novoice]").is_displayed()


def test_point_to_read_without_a_voice_is_not_turned_on(driver: WebDriver, site_url: str) -> None:
    """No Chinese voice: 指读 is not switched on, and never announced as 指读已开启."""
    with fake_speech(driver):
        _open_panel(driver, site_url, STATEMENT)
        point = _button(driver, "[data-sg-toggle='speech']")
        point.click()
        message = _says(driver, NO_VOICE)
        assert "已开启" not in message
        assert point.get_attribute("aria-pressed") == "false"
        assert stored(driver) is None or stored(driver)["speech"] == "off"
        driver.execute_script("document.querySelector('.sg-footer a').focus()")
        assert _spoken(driver) == []


def test_point_to_read_kept_from_another_page_says_there_is_no_voice(
    driver: WebDriver, site_url: str
) -> None:
    """指读 stored on from a browser that had a voice: this one says at once it has none."""
    with fake_speech(driver):
        open_page(driver, site_url, STATEMENT, {"speech": "point"})
        _says(driver, NO_VOICE)
        driver.execute_script("document.querySelector('.sg-footer a').focus()")
        assert _spoken(driver) == []


# ---- a voice that fails ----


def test_a_failing_voice_ends_the_reading_and_says_why(driver: WebDriver, site_url: str) -> None:
    """Every utterance fails (synthesis-failed): the reading stops at the first, and says so."""
    with fake_speech(driver, FAKE_VOICES, fail=True):
        _open_panel(driver, site_url, GUIDE)
        read = _button(driver, "[data-sg-action='read']")
        read.click()
        message = _says(driver, "朗读失败")
        assert "语音合成出错" in message
        WebDriverWait(driver, 5).until(lambda d: read.get_attribute("aria-pressed") == "false")
        assert {"call": "cancel"} in speech_log(driver)[1:]
        assert not driver.find_elements(By.CSS_SELECTOR, ".sg-reading")


def test_point_to_read_reports_a_failing_voice_once(driver: WebDriver, site_url: str) -> None:
    """指读 with a voice that fails: the status says so once, not once per element."""
    with fake_speech(driver, FAKE_VOICES, fail=True):
        _open_panel(driver, site_url, STATEMENT)
        _button(driver, "[data-sg-toggle='speech']").click()
        _says(driver, "指读已开启")
        links = driver.find_elements(By.CSS_SELECTOR, ".sg-footer a")
        driver.execute_script("arguments[0].focus()", links[0])
        _says(driver, "朗读失败")
        driver.execute_script("document.querySelector('[data-sg-a11y-status]').textContent = ''")
        driver.execute_script("arguments[0].focus()", links[1])
        WebDriverWait(driver, 5).until(lambda d: len(_spoken(d)) >= 2)
        driver.implicitly_wait(0)
        assert status_text(driver) == ""


# ---- with voices ----


def test_each_language_part_is_spoken_with_a_voice_for_it(driver: WebDriver, site_url: str) -> None:
    """A Chinese h1 with its English name: two utterances, a Mandarin and an English voice."""
    with fake_speech(driver, FAKE_VOICES):
        _open_panel(driver, site_url, GUIDE)
        _button(driver, "[data-sg-action='read']").click()
        WebDriverWait(driver, 5).until(lambda d: len(_spoken(d)) >= 2)
        chinese = driver.execute_script(
            "return document.querySelector('main h1').firstChild.textContent.trim()"
        )
        english = driver.find_element(By.CSS_SELECTOR, "main h1 [lang='en']").text
        first, second = _spoken(driver)[:2]
        assert first == {
            "call": "speak",
            "text": chinese,
            "lang": "zh-CN",
            "voice": "Fake Mandarin",
        }
        assert second == {"call": "speak", "text": english, "lang": "en", "voice": "Fake English"}
        _says(driver, "开始朗读本页")
        WebDriverWait(driver, 5).until(
            lambda d: d.execute_script("return !!document.querySelector('main h1.sg-reading')")
        )


def test_pause_changes_its_label_only_and_read_again_stops(
    driver: WebDriver, site_url: str
) -> None:
    """暂停朗读 becomes 继续朗读 without being "pressed"; pressing 连读本页 again stops."""
    with fake_speech(driver, FAKE_VOICES):
        _open_panel(driver, site_url, STATEMENT)
        read = _button(driver, "[data-sg-action='read']")
        read.click()
        WebDriverWait(driver, 5).until(lambda d: read.get_attribute("aria-pressed") == "true")
        pause = _button(driver, "[data-sg-action='pause']")
        assert pause.get_attribute("aria-pressed") is None
        pause.click()
        assert pause.text == "继续朗读"
        assert pause.get_attribute("aria-pressed") is None
        _says(driver, "已暂停朗读")
        pause.click()
        assert pause.text == "暂停朗读"
        _says(driver, "继续朗读")
        read.click()
        assert read.get_attribute("aria-pressed") == "false"
        assert not pause.is_displayed()
        _says(driver, "已停止朗读")
        calls = [entry["call"] for entry in speech_log(driver) if entry["call"] != "speak"]
        assert calls[-3:] == ["pause", "resume", "cancel"]


def test_reading_shortcuts_say_what_they_did(driver: WebDriver, site_url: str) -> None:
    """Alt+Shift+R reads, pauses and resumes; Alt+Shift+X stops: each said in the status."""
    with fake_speech(driver, FAKE_VOICES):
        open_page(driver, site_url, STATEMENT)
        read = _button(driver, "[data-sg-action='read']")
        for key, message in [
            ("r", "开始朗读本页"),
            ("r", "已暂停朗读"),
            ("r", "继续朗读"),
            ("x", "已停止朗读"),
            ("x", "现在没有在朗读"),
        ]:
            _chord(driver, key)
            _says(driver, message)
        assert read.get_attribute("aria-pressed") == "false"
        assert _spoken(driver)
