"""IBM's Equal Access checker (npm `accessibility-checker-engine`, pinned in
package-lock.json) on every page kind: its WCAG 2.2 rule set has rules axe lacks (for
example a fieldset's name, a tabbable element hidden under another, text styled as a
heading). Every definite violation fails the test; its "potential" findings, which need
a person's judgement, are left to the review of the screenshots.

Every <details> is opened first: the checker reads the content of a closed <details>
(which nobody meets until it is opened) as if it were on show, and we want that content
checked as it is seen, open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait
from theme_support import PAGE_KINDS, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.tools,
    pytest.mark.xdist_group("theme-chrome"),
]

ACE = Path(__file__).resolve().parents[2] / "node_modules/accessibility-checker-engine/ace.js"

RUN_ACE = """
const done = arguments[arguments.length - 1];
document.querySelectorAll("details").forEach((d) => { d.open = true; });
new window.ace.Checker().check(document, ["WCAG_2_2"]).then((report) => done(
  report.results
    .filter((r) => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
    .map((r) => `${r.ruleId} ${r.path.dom}: ${r.message}`)
)).catch((error) => done(["the checker failed: " + error]));
"""


def test_no_page_kind_has_an_ibm_equal_access_violation(driver: WebDriver, site_url: str) -> None:
    if not ACE.is_file():
        pytest.fail("node_modules/accessibility-checker-engine is missing: run `npm ci`")
    engine = ACE.read_text(encoding="utf-8") + "\nwindow.ace = ace;"
    found = []
    for kind, path in PAGE_KINDS.items():
        open_page(driver, site_url, path)
        if kind == "search":  # wait for the results, so they are checked too
            WebDriverWait(driver, 30).until(
                lambda d: d.execute_script(
                    "return document.querySelectorAll('[data-sg-search-results] a').length > 0"
                )
            )
        driver.execute_script(engine)
        found += [f"{kind}: {line}" for line in driver.execute_async_script(RUN_ACE)]
    assert found == [], "\n".join(found)
    # The same run reports what it finds: a field without a label, on the last page.
    driver.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')"
    )
    planted = driver.execute_async_script(RUN_ACE)
    assert any(line.startswith("input_label_exists") for line in planted), planted
