"""Start headless Chromium through Selenium 4 without ever downloading anything.

The driver path is always given, so Selenium Manager never runs. Binaries come from
`SG_CHROMIUM` / `SG_CHROMEDRIVER` when set, otherwise from PATH.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVER_NAMES = ("chromedriver",)

#: What any headless run on a closed, offline machine needs: no sandbox as root, and no
#: background traffic (Chromium would otherwise try Google's hosts at every start).
HEADLESS_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

#: The suite's browser adds a fixed language, scale and scrollbar-free layout, so that
#: measurements do not depend on the machine.
CHROMIUM_FLAGS = (
    *HEADLESS_FLAGS,
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--lang=zh-CN",
    "--force-device-scale-factor=1",
)


class BrowserUnavailable(RuntimeError):
    """Chromium or chromedriver cannot be found or started; the message says what to do."""


def _find(env_var: str, names: tuple[str, ...], what: str, package: str) -> str:
    override = os.environ.get(env_var)
    if override:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return override
        raise BrowserUnavailable(f"{env_var}={override} is not an executable file.")
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserUnavailable(
        f"{what} not found (looked for {', '.join(names)} on PATH and ${env_var}). "
        f"Install it with `apt-get install {package}` (or `make browser-deps`), "
        f"or point ${env_var} at it."
    )


def find_browser() -> str:
    return _find("SG_CHROMIUM", BROWSER_NAMES, "Chromium", "chromium")


def find_driver() -> str:
    return _find("SG_CHROMEDRIVER", DRIVER_NAMES, "chromedriver", "chromium-driver")


def start_chrome(
    *,
    javascript: bool = True,
    window: tuple[int, int] | None = None,
    network_log: bool = False,
    flags: tuple[str, ...] = HEADLESS_FLAGS,
) -> Any:
    """Start a plain headless Chromium WebDriver, the driver path given (no Selenium Manager).

    For tests and benchmarks; the suite itself uses `Browser`. `network_log` turns on the
    performance log, which records every request the page makes.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = find_browser()
    for flag in flags:
        options.add_argument(flag)
    if window:
        options.add_argument(f"--window-size={window[0]},{window[1]}")
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=find_driver()), options=options)


class Browser:
    """One headless Chromium with its own throw-away profile."""

    def __init__(self) -> None:
        try:
            from selenium import webdriver
            from selenium.common.exceptions import WebDriverException
            from selenium.webdriver.chrome.service import Service
        except ImportError as exc:  # pragma: no cover - selenium is a hard dependency
            raise BrowserUnavailable(f"selenium is not installed: {exc}") from exc

        binary, driver_path = find_browser(), find_driver()
        self.profile = tempfile.mkdtemp(prefix="sg-a11y-profile-")
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option(
            "perfLoggingPrefs", {"enableNetwork": True, "enablePage": False}
        )
        try:
            self.driver: Any = webdriver.Chrome(
                service=Service(executable_path=driver_path), options=options
            )
        except WebDriverException as exc:
            shutil.rmtree(self.profile, ignore_errors=True)
            first_line = (exc.msg or str(exc)).strip().splitlines()[0] if str(exc) else ""
            raise BrowserUnavailable(
                f"could not start {binary} with {driver_path}: {first_line}. "
                "Check that chromium and chromium-driver are the same version."
            ) from exc
        # A headless page may not count as focused until a key reaches it, and then `:focus`
        # styles do not apply to script focus(); emulate a focused page throughout.
        self.driver.execute_cdp_cmd("Emulation.setFocusEmulationEnabled", {"enabled": True})
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(60)

    def set_viewport(self, width: int, height: int) -> None:
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def close(self) -> None:
        # Closing must never hide the real result.
        with contextlib.suppress(Exception):
            self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
