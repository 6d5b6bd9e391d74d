"""`guides serve` in a real browser: a guide made invalid shows the problems banner, fixed it goes.

The preview runs as an editor runs it (`guides serve` over a copy of the sample guides, on a
free port). Every request the test makes has a timeout (REQUEST_SECONDS): while a build
runs, the preview must answer from the last good site at once, never make a request wait
for the build. Timings of the run are printed (`-s` shows them).

With SG_EDITOR_SCREENSHOTS=1 the test also saves the pictures of docs/editor-guide.md
into docs/screenshots/editor/ (SG_EDITOR_SCREENSHOTS=<folder> saves them there).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("preview")]

REPO = Path(__file__).resolve().parents[2]
GUIDE_FILE = "guides/services/teacher-qualification.yaml"
GUIDE_PATH = "services/teacher-qualification/"
REQUEST_SECONDS = 5
"""No request may take longer: the preview answers from the last good site at once."""
BUILD_SECONDS = 240
"""How long a build may take on a busy two-core machine (a wait, not a speed check)."""
SHOTS = os.environ.get("SG_EDITOR_SCREENSHOTS", "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _state(base: str) -> dict[str, int]:
    """The preview's state, asked with a timeout: an error here is a request that hung."""
    with urllib.request.urlopen(base + "_preview/state", timeout=REQUEST_SECONDS) as response:
        state: dict[str, int] = json.loads(response.read())
        return state


def _counts(state: dict[str, int]) -> dict[str, int]:
    """The build number and error count of the preview's state (it also says what lags)."""
    return {"epoch": state["epoch"], "errors": state["errors"]}


def _timed_get(base: str, path: str, timings: list[float]) -> int:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=REQUEST_SECONDS) as response:
            response.read()
            status = int(response.status)
    except urllib.error.HTTPError as error:
        status = error.code
    timings.append(time.monotonic() - started)
    return status


def _wait_for_build(base: str, after: int, timings: list[float]) -> dict[str, int]:
    """Request the guide page again and again until a build after `after` has finished."""
    deadline = time.monotonic() + BUILD_SECONDS
    while time.monotonic() < deadline:
        try:
            state = _state(base)
        except urllib.error.URLError as error:
            # Only while `guides serve` starts may nobody listen yet; a timeout fails the test.
            if after > 0 or not isinstance(error.reason, ConnectionRefusedError):
                raise
            time.sleep(0.2)
            continue
        if state["epoch"] > after:
            return state
        assert _timed_get(base, GUIDE_PATH, timings) in (200, 503)
        time.sleep(0.2)
    raise AssertionError(f"no build finished within {BUILD_SECONDS} s")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample site's sources, for the test to edit."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "pages", root / "pages")
    shutil.copytree(REPO / "guides", root / "guides")
    return root


@pytest.fixture
def preview(project: Path, tmp_path: Path) -> Iterator[str]:
    """`guides serve` on a free port over the project; yield its base URL."""
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    # The pictures are for Chinese editors; the test itself reads the English texts.
    lang = "zh-CN" if SHOTS else "en"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--lang",
            lang,
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        log.close()


def _tr(text: str) -> str:
    """A text of the preview as the served language says it."""
    from generator.common import i18n

    i18n.set_language("zh-CN" if SHOTS else "en")
    try:
        return i18n._(text)
    finally:
        i18n.set_language("en")


def _reloading(driver: WebDriver) -> WebDriverWait[WebDriver]:
    """Wait up to 30 s on a page the live reload may replace at any moment: an element
    found just before the reload is stale when read, and is looked for again."""
    return WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,))


def _banner_text(driver: WebDriver) -> str:
    banners = driver.find_elements(By.CSS_SELECTOR, "[data-sg-preview-banner]")
    return str(banners[0].text) if banners else ""


def _save(driver: WebDriver, name: str, height: int) -> None:
    if not SHOTS:
        return
    out = REPO / "docs" / "screenshots" / "editor" if SHOTS == "1" else Path(SHOTS)
    out.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1024, height)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(out / f"{name}.png"))


def test_an_invalid_guide_shows_the_banner_and_a_fix_removes_it(
    driver: WebDriver, project: Path, preview: str
) -> None:
    """Break a guide: the banner names file and line. Fix it: the page is back, banner gone."""
    driver.set_page_load_timeout(REQUEST_SECONDS)
    driver.set_window_size(1024, 900)
    timings: list[float] = []
    started = time.monotonic()
    first = _wait_for_build(preview, 0, timings)
    first_build = time.monotonic() - started
    assert _counts(first) == {"epoch": 1, "errors": 0}

    driver.get(preview + GUIDE_PATH)
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("教师资格认定")
    assert _banner_text(driver) == ""
    _save(driver, "guide-page", 900)

    # The editor is reading further down the page when the mistake is saved.
    driver.execute_script("window.scrollTo(0, 600)")
    guide = project / GUIDE_FILE
    good = guide.read_text("utf-8")
    lines = good.splitlines()
    line = lines.index("visits: 0") + 1
    guide.write_text(good.replace("\nvisits: 0\n", "\nvisits: zero\n"), "utf-8")
    started = time.monotonic()
    broken = _wait_for_build(preview, 1, timings)
    to_banner = time.monotonic() - started
    assert _counts(broken) == {"epoch": 2, "errors": 1}

    # The open page reloads by itself (the live reload) and shows the banner.
    _reloading(driver).until(lambda d: _banner_text(d) != "")
    banner = driver.find_element(By.CSS_SELECTOR, "[data-sg-preview-banner]")
    assert banner.get_attribute("role") == "alert"
    # Errors that have just appeared bring the page back to the top, where the banner is.
    assert driver.execute_script("return window.scrollY") == 0
    text = _banner_text(driver)
    assert _tr("{file}, line {line}").format(file=GUIDE_FILE, line=line) in text
    assert "`zero`" in text
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("教师资格认定")
    _save(driver, "problems-banner", 700)
    driver.set_window_size(1024, 900)

    # The first Tab reaches the link to the problems page; Enter follows it.
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    link = driver.switch_to.active_element
    assert link.get_attribute("href") == preview + "_problems/"
    link.send_keys(Keys.ENTER)
    WebDriverWait(driver, REQUEST_SECONDS).until(lambda d: d.current_url.endswith("/_problems/"))
    listing = driver.find_element(By.TAG_NAME, "main").text
    assert _tr("{file}, line {line}").format(file=GUIDE_FILE, line=line) in listing
    assert _tr("How to fix it: {hint}").split("{hint}")[0].strip() in listing
    _save(driver, "problems-page", 600)
    driver.set_window_size(1024, 900)

    driver.get(preview + GUIDE_PATH)
    guide.write_text(good, "utf-8")
    started = time.monotonic()
    fixed = _wait_for_build(preview, 2, timings)
    to_fixed = time.monotonic() - started
    assert _counts(fixed) == {"epoch": 3, "errors": 0}
    _reloading(driver).until(lambda d: _banner_text(d) == "")
    driver.get(preview + GUIDE_PATH)
    assert _banner_text(driver) == ""
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("教师资格认定")

    # A good save after that is rendered on its own (generator/site/incremental.py) and
    # served over the first build: the open page reloads and shows it.
    guide.write_text(good.replace("zh-CN: 教师资格认定\n", "zh-CN: 教师资格认定（试行）\n", 1))
    started = time.monotonic()
    edited = _wait_for_build(preview, 3, timings)
    to_edited = time.monotonic() - started
    assert _counts(edited) == {"epoch": 4, "errors": 0}
    _reloading(driver).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("教师资格认定（试行）")
    )
    # A–Z is rendered just after the guide's page: until then it is served as it was and
    # says so (a status region), and it reloads by itself once it has been rendered.
    driver.get(preview + "a-z/")
    notes = driver.find_elements(By.CSS_SELECTOR, "[data-sg-preview-updating]")
    assert all(note.get_attribute("role") == "status" for note in notes)
    _reloading(driver).until(
        lambda d: "教师资格认定（试行）" in d.find_element(By.TAG_NAME, "main").text
    )
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-sg-preview-updating]")

    print(
        f"\npreview timings: first build {first_build:.1f} s, banner after "
        f"{to_banner:.1f} s, page back after {to_fixed:.1f} s, an edit after {to_edited:.1f} s; "
        f"{len(timings)} requests "
        f"during builds, slowest {max(timings):.3f} s, limit {REQUEST_SECONDS} s"
    )
