"""Helpers shared by the theme and toolbar browser tests: a served site, Chromium, colours."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from generator.a11y import modes
from generator.a11y.browser import HEADLESS_FLAGS, start_chrome
from generator.a11y.server import SiteServer

CHROME_ARGS = (*HEADLESS_FLAGS, "--hide-scrollbars", "--force-device-scale-factor=1")

# Pages of the sample site the tests walk through.
GUIDE = "services/teacher-qualification/"
STATEMENT = "accessibility/"
HOME = ""

STORAGE_KEY = modes.STORAGE_KEY

# One page of each kind the sample site has, for tests that go through them all.
PAGE_KINDS = {
    "home": HOME,
    "listing": "topics/",
    "guide": GUIDE,
    "office": "offices/citizen-centre/",
    "search": "search/?q=%E5%A4%B1%E4%B8%9A%E9%87%91",  # 失业金: with results
    "a-z": "a-z/",
    "service-capability": "service-capability/",
    "404": "404.html",
    "page": "accessibility/",
}


def site_dir(request: pytest.FixtureRequest) -> Path:
    """The built sample site: SG_SITE_DIR when set (a site built already), else `built_site`."""
    prebuilt = os.environ.get("SG_SITE_DIR")
    if prebuilt:
        return Path(prebuilt)
    return Path(request.getfixturevalue("built_site"))


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve directory on a free port of 127.0.0.1 and yield its base URL."""
    with SiteServer(directory) as server:
        yield f"{server.origin}/"


def chrome(*, javascript: bool = True, width: int = 1280, height: int = 900) -> WebDriver:
    """Start headless Chromium through Debian's chromedriver (Selenium Manager stays idle)."""
    return start_chrome(javascript=javascript, window=(width, height), flags=CHROME_ARGS)


def open_page(driver: WebDriver, base: str, path: str, settings: dict[str, Any] | None = None):
    """Open base+path with the toolbar settings stored as a visitor would have them.

    The settings go into localStorage the way the toolbar keeps them, then the
    page is loaded again, so they are applied exactly as on a real visit.
    """
    driver.get(base + path)
    if settings is None:
        driver.execute_script("localStorage.removeItem(arguments[0])", STORAGE_KEY)
    else:
        driver.execute_script(
            "localStorage.setItem(arguments[0], arguments[1])", STORAGE_KEY, json.dumps(settings)
        )
    driver.execute_script("sessionStorage.clear()")
    driver.get(base + path)
    wait_ready(driver)


def wait_ready(driver: WebDriver) -> None:
    """Wait until the toolbar script has run (it unhides the toolbar)."""
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "var t = document.querySelector('[data-sg-a11y]'); return !!t && !t.hidden"
        )
    )


def stored(driver: WebDriver) -> Any:
    """The toolbar settings in localStorage, parsed (None when nothing is stored)."""
    raw = driver.execute_script("return localStorage.getItem(arguments[0])", STORAGE_KEY)
    return None if raw is None else json.loads(raw)


def parse_rgb(value: str) -> tuple[float, float, float, float]:
    """Read a computed `rgb()`/`rgba()` colour."""
    inside = value[value.index("(") + 1 : value.index(")")]
    parts = [float(p) for p in inside.replace("/", ",").replace(" ", ",").split(",") if p]
    alpha = parts[3] if len(parts) > 3 else 1.0
    return parts[0], parts[1], parts[2], alpha


def luminance(rgb: tuple[float, float, float, float]) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two computed colours."""
    a, b = sorted((luminance(parse_rgb(fg)), luminance(parse_rgb(bg))), reverse=True)
    return (a + 0.05) / (b + 0.05)


# For each visible element with its own text: its colour and the first opaque
# background behind it (walking up the tree), and its font size and weight.
TEXT_COLOURS_JS = """
const scope = arguments[0] ? document.querySelectorAll(arguments[0]) : [document.body];
const out = [];
function background(el) {
  for (let n = el; n; n = n.parentElement) {
    const bg = getComputedStyle(n).backgroundColor;
    const m = bg.match(/rgba?\\(([^)]+)\\)/);
    if (m) {
      const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
      if (parts.length < 4 || parts[3] === 1) return bg;
    }
  }
  return getComputedStyle(document.documentElement).backgroundColor;
}
for (const root of scope) {
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const own = Array.from(el.childNodes).some(
      (n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own || el.closest('[hidden], [aria-hidden="true"], .sg-visually-hidden')) continue;
    if (el.getClientRects().length === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.clip === 'rect(0px, 0px, 0px, 0px)') continue;
    if (cs.clipPath === 'inset(50%)') continue;
    out.push({tag: el.tagName, text: el.textContent.trim().slice(0, 30), color: cs.color,
              background: background(el), size: parseFloat(cs.fontSize),
              weight: parseInt(cs.fontWeight, 10)});
  }
}
return out;
"""


def text_colours(driver: WebDriver, selector: str | None = None) -> list[dict[str, Any]]:
    """Colours of every visible piece of text (inside selector, or the whole body)."""
    result: list[dict[str, Any]] = driver.execute_script(TEXT_COLOURS_JS, selector)
    return result


def low_contrast(driver: WebDriver, minimum: float, selector: str | None = None) -> list[str]:
    """Describe every visible text below `minimum` contrast against its background."""
    failures = []
    for item in text_colours(driver, selector):
        ratio = contrast(item["color"], item["background"])
        if ratio < minimum:
            colours = f"{item['color']} on {item['background']}"
            failures.append(f"{item['tag']} {item['text']!r}: {ratio:.2f} ({colours})")
    return failures


# A stand-in for the browser's speech synthesis, installed before any page script runs
# (CDP Page.addScriptToEvaluateOnNewDocument): the voices a browser lists (none, like
# headless Chromium and many Linux desktops, or the given ones, listed a moment after
# the page asks, as Chrome does), utterances that start and end after `hold` ms, or that
# fail with `synthesis-failed` as Chrome's do when it has no voice to speak with.
# window.__speech records every call: {call: "speak", text, lang, voice} and the rest.
FAKE_SPEECH_JS = """
(() => {
  const config = %s;
  const log = [];
  window.__speech = log;
  class FakeUtterance extends EventTarget {
    constructor(text) {
      super();
      this.text = text || ""; this.lang = ""; this.voice = null;
      this.onstart = null; this.onend = null; this.onerror = null;
    }
  }
  const synth = new EventTarget();
  let listed = false, queue = [], timer = 0;
  const fire = (u, type, extra) => {
    const event = Object.assign(new Event(type), extra || {});
    if (u["on" + type]) u["on" + type](event);
    u.dispatchEvent(event);
  };
  const next = () => {
    if (timer || synth.paused || !queue.length) return;
    const u = queue[0];
    timer = setTimeout(() => {
      timer = 0;
      if (config.fail) {
        queue.shift(); fire(u, "error", {error: "synthesis-failed"}); next(); return;
      }
      fire(u, "start");
      timer = setTimeout(() => {
        timer = 0; queue.shift(); fire(u, "end"); next();
      }, config.hold);
    }, 10);
  };
  Object.assign(synth, {
    speaking: false, pending: false, paused: false,
    getVoices() {
      return listed ? config.voices.map((v) => ({default: false, localService: true,
                                                   voiceURI: v.name, ...v})) : [];
    },
    speak(u) {
      log.push({call: "speak", text: u.text, lang: u.lang, voice: u.voice && u.voice.name});
      queue.push(u); next();
    },
    cancel() {
      log.push({call: "cancel"});
      clearTimeout(timer); timer = 0;
      const dropped = queue; queue = [];
      dropped.forEach((u) => fire(u, "error", {error: "canceled"}));
    },
    pause() { log.push({call: "pause"}); synth.paused = true; },
    resume() { log.push({call: "resume"}); synth.paused = false; next(); },
  });
  if (config.voices.length) {
    setTimeout(() => { listed = true; synth.dispatchEvent(new Event("voiceschanged")); }, 100);
  }
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = FakeUtterance;
})();
"""

FAKE_VOICES = [
    {"name": "Fake Mandarin", "lang": "zh-CN"},
    {"name": "Fake English", "lang": "en-US"},
]


@contextmanager
def fake_speech(
    driver: WebDriver,
    voices: list[dict[str, str]] | None = None,
    *,
    fail: bool = False,
    hold_ms: int = 60_000,
) -> Iterator[None]:
    """Give every page loaded inside the block a fake speechSynthesis (see FAKE_SPEECH_JS)."""
    config = {"voices": voices or [], "fail": fail, "hold": hold_ms}
    added = driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": FAKE_SPEECH_JS % json.dumps(config)},
    )
    try:
        yield
    finally:
        driver.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )


def speech_log(driver: WebDriver) -> list[dict[str, Any]]:
    """What the page asked the fake speechSynthesis to do, in order."""
    result: list[dict[str, Any]] = driver.execute_script("return window.__speech || []")
    return result


def status_text(driver: WebDriver, selector: str = "[data-sg-a11y-status]") -> str:
    """The text of a status region now."""
    text: str = driver.execute_script(
        "const s = document.querySelector(arguments[0]); return s ? s.textContent : ''",
        selector,
    )
    return text
