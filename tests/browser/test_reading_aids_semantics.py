"""What the reading aids and the page chrome give a keyboard or screen-reader user:
the large-captions bar is never a Tab stop and shows all of its text; Escape on
更多无障碍设置 closes its panel; decorations (☐, ›) are not read as text."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from theme_support import GUIDE, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("theme-toolbar")]


@pytest.mark.parametrize(
    ("width", "height", "settings"),
    [
        (360, 640, {"captions": True, "text": 200}),
        (390, 844, {"captions": True, "text": 200, "elder": True}),
    ],
    ids=["360x640-text-200", "390x844-elder-text-200"],
)
def test_large_captions_are_never_a_tab_stop_and_show_all_their_text(
    driver: WebDriver, site_url: str, width: int, height: int, settings: dict[str, object]
) -> None:
    """A long paragraph in the bar: Tab from the last link leaves the page, never lands on
    the (aria-hidden) bar; the whole text is in it and inside the window, not scrolled."""
    driver.set_window_size(width, height)
    try:
        open_page(driver, site_url, GUIDE, settings)
        paragraph = driver.execute_script(
            "return [...document.querySelectorAll('main p')]"
            ".sort((a, b) => b.textContent.length - a.textContent.length)[0]"
        )
        ActionChains(driver).move_to_element(paragraph).perform()
        bar = driver.find_element(By.CSS_SELECTOR, ".sg-captions")
        text = bar.find_element(By.CSS_SELECTOR, ".sg-captions__text")
        expected = " ".join(paragraph.get_attribute("innerText").split())
        assert len(expected) > 120
        assert text.get_attribute("textContent") == expected
        fits = driver.execute_script(
            """
            const bar = arguments[0], r = bar.getBoundingClientRect();
            return {scrolls: bar.scrollHeight > bar.clientHeight + 1,
                    top: r.top, bottom: r.bottom, height: innerHeight};
            """,
            bar,
        )
        assert not fits["scrolls"], fits
        assert fits["top"] >= 0 and fits["bottom"] <= fits["height"] + 1, fits
        links = driver.find_elements(By.CSS_SELECTOR, ".sg-footer a")
        driver.execute_script("arguments[0].focus()", links[-1])
        ActionChains(driver).send_keys(Keys.TAB).perform()
        landed = driver.execute_script(
            "const a = document.activeElement;"
            "return a.closest('.sg-captions') ? 'captions' : a.tagName"
        )
        assert landed != "captions"
    finally:
        driver.set_window_size(1280, 900)


def test_escape_on_the_more_button_closes_its_panel(driver: WebDriver, site_url: str) -> None:
    """Escape with focus on 更多无障碍设置 itself closes the open panel."""
    open_page(driver, site_url, GUIDE)
    more = driver.find_element(By.CSS_SELECTOR, "[data-sg-a11y] [data-sg-action='more']")
    more.click()
    assert more.get_attribute("aria-expanded") == "true"
    assert driver.switch_to.active_element == more
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert more.get_attribute("aria-expanded") == "false"
    assert not driver.find_element(By.ID, "sg-a11y-more").is_displayed()
    assert driver.switch_to.active_element == more


def _ax_names(driver: WebDriver) -> list[str]:
    """Every name and text in the page's accessibility tree, as a screen reader gets it."""
    tree = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})
    names = []
    for node in tree["nodes"]:
        if node.get("ignored"):
            continue
        name = (node.get("name") or {}).get("value")
        if name:
            names.append(str(name))
    return names


def test_checkboxes_and_breadcrumb_separators_are_not_read(
    driver: WebDriver, site_url: str
) -> None:
    """The print checklist's ☐ and the breadcrumbs' › are drawn, not read."""
    open_page(driver, site_url, GUIDE)
    assert driver.find_elements(By.CSS_SELECTOR, ".sg-checklist__item")
    assert len(driver.find_elements(By.CSS_SELECTOR, ".sg-breadcrumbs__item")) > 1
    # The generated text of ::before is a text node of its own in the tree; a › written in
    # the content (an app's menu path, 首页 › 教育) is part of a longer text and stays.
    read = [name for name in _ax_names(driver) if name.strip() in ("☐", "›")]
    read += [name for name in _ax_names(driver) if name.startswith("☐")]
    assert read == []
