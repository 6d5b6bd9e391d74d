"""The checks axe cannot do, run in the same browser session as axe.

Each check is a function `check_x(page: PageSession) -> list[Failure]`. The heavy reading
happens inside the page (probe.js) in a few batched `execute_script` calls; key presses are
real key events sent through WebDriver actions.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from generator.a11y.modes import STORAGE_KEY, Mode

UNDERSTANDING = "https://www.w3.org/WAI/WCAG22/Understanding/"


@dataclass(frozen=True)
class Criterion:
    number: str
    name: str
    slug: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}" if self.number[0].isdigit() else self.name

    @property
    def help(self) -> str:
        if self.slug.startswith("http"):
            return self.slug
        return UNDERSTANDING + self.slug + ".html"


REFLOW = Criterion("1.4.10", "Reflow", "reflow")
RESIZE = Criterion("1.4.4", "Resize Text", "resize-text")
SPACING = Criterion("1.4.12", "Text Spacing", "text-spacing")
BYPASS = Criterion("2.4.1", "Bypass Blocks", "bypass-blocks")
FOCUS_ORDER = Criterion("2.4.3", "Focus Order", "focus-order")
MEASURE = Criterion(
    "site rule",
    "Readable measure: no text squeezed to a few characters a line",
    "https://www.w3.org/WAI/WCAG22/Understanding/visual-presentation.html",
)
CURRENT = Criterion("1.4.1", "Use of Color (current page shown)", "use-of-color")
TEXT_SIZE = Criterion("4.1.2", "Name, Role, Value (text-size indicator)", "name-role-value")
FOCUS_VISIBLE = Criterion("2.4.7", "Focus Visible", "focus-visible")
OBSCURED = Criterion("2.4.11", "Focus Not Obscured (Minimum)", "focus-not-obscured-minimum")
KEYBOARD = Criterion("2.1.1", "Keyboard", "keyboard")
SHORTCUTS = Criterion("2.1.4", "Character Key Shortcuts", "character-key-shortcuts")
TARGET = Criterion("2.5.8", "Target Size (Minimum)", "target-size-minimum")
TARGET_ELDER = Criterion("2.5.5", "Target Size (Enhanced), elder mode", "target-size-enhanced")
HEADINGS = Criterion("1.3.1", "Info and Relationships (headings)", "info-and-relationships")
NAMES = Criterion("1.1.1/4.1.2", "Non-text Content, Name Role Value", "non-text-content")
PRIVACY = Criterion(
    "site rule",
    "No request leaves 127.0.0.1 (nothing fetched from another host)",
    "https://www.w3.org/TR/privacy-principles/",
)
TOOLBAR = Criterion(
    "site rule",
    "Toolbar feature does what it says",
    "https://www.w3.org/WAI/WCAG22/Understanding/name-role-value.html",
)
MODE = Criterion(
    "suite",
    "Mode could not be switched on through the toolbar setting",
    "https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
)

# With 200 % text the page must still reflow at this width.
REFLOW_AT_200 = 640

# Letters, digits and punctuation a single-key shortcut would use (Material binds f s / p n , .).
SHORTCUT_KEYS = "fsnpgkjtx/.,?10"


@dataclass
class Failure:
    check: str
    criterion: str
    selector: str
    message: str
    help: str
    impact: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "check": self.check,
            "criterion": self.criterion,
            "selector": self.selector,
            "message": self.message,
            "help": self.help,
            "impact": self.impact,
        }


def _probe_source() -> str:
    return resources.files("generator.a11y").joinpath("probe.js").read_text(encoding="utf-8")


PROBE = _probe_source()
_MISSING = "\u0000sg-probe-missing"
#: Uses the probe this document already holds, or says it holds none (a new page).
_REUSE = (
    f"if (!window.__sgProbe) return {json.dumps(_MISSING)};\n"
    "var sgProbe = window.__sgProbe, sgTools = window.__sgTools;\n"
)
#: Keeps the probe just defined for the calls that follow on the same document.
_KEEP = "\nwindow.__sgProbe = sgProbe; window.__sgTools = sgTools;\n"


def failure(check: str, criterion: Criterion, selector: str, message: str) -> Failure:
    return Failure(check, criterion.label, selector, message, criterion.help)


SETTLE_LIMIT_SECONDS = 10.0
_BUSY_JS = "return document.querySelector('[aria-busy=true]') !== null;"


@dataclass
class PageSession:
    """One page open in one browser in one mode; the checks share it in a fixed order."""

    driver: Any
    origin: str
    path: str
    mode: Mode
    #: The page checked for its kind (home, guide, ...) in every mode, see discover.page_kinds.
    of_kind: bool = False

    @property
    def url(self) -> str:
        return self.origin + self.path

    def js(self, body: str, *args: Any) -> Any:
        """Run `body` with sgProbe and sgTools defined; `arguments` are passed through.

        The probe (41 KB) is sent once a document and kept on `window`: sent and compiled
        with each of a page-mode's 35 calls, it cost 7 ms a call. It keeps no state of
        its own between calls (what a check leaves for the next is on `window` already),
        so one copy serves them all; a page loaded since has none and is sent it again."""
        found = self.driver.execute_script(_REUSE + body, *args)
        if found != _MISSING:
            return found
        return self.driver.execute_script(PROBE + _KEEP + body, *args)

    def settle(self, limit: float = SETTLE_LIMIT_SECONDS) -> None:
        """Wait while the page says it is still being made (an `aria-busy="true"` element,
        as the search page is until the results of its address's query are shown), at most
        `limit` seconds.

        The checks judge what a key press or a setting does; changes the page makes on its
        own meanwhile would be blamed on them. A page that stays busy past the limit is
        checked as it is, so a page that never settles still fails what it fails.
        """
        deadline = time.monotonic() + limit
        # A page just loaded holds no probe: the first look sends it along, so that the
        # first check's call finds it rather than costing a round trip to learn it is
        # missing.
        busy = self.driver.execute_script(PROBE + _KEEP + _BUSY_JS)
        while busy and time.monotonic() < deadline:
            time.sleep(0.05)
            busy = self.driver.execute_script(_BUSY_JS)

    def keys(self, *keys: str, pause: float = 0.0) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        chain = ActionChains(self.driver)
        for key in keys:
            chain.send_keys(key)
            if pause:
                chain.pause(pause)
        chain.perform()

    def set_viewport(self, width: int, height: int) -> None:
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def probe(self, call: str, *args: Any) -> list[dict[str, str]]:
        """Call an sgProbe entry point that fills a list of raw failures."""
        return list(self.js(f"var out = []; {call}; return out;", *args) or [])


# Criterion per raw probe check id; some depend on the mode.
def _criterion_for(check: str, mode: Mode) -> Criterion:
    if check in ("clipping", "overlap"):
        return REFLOW if mode.width <= 320 else RESIZE
    if check == "target-size":
        return TARGET_ELDER if mode.min_target > 24 else TARGET
    return {
        "reflow": REFLOW,
        "text-spacing": SPACING,
        "skip-link": BYPASS,
        "focus-visible": FOCUS_VISIBLE,
        "focus-obscured": OBSCURED,
        "focus-order": FOCUS_ORDER,
        "measure": MEASURE,
        "current-page": CURRENT,
        "keyboard": KEYBOARD,
        "shortcuts": SHORTCUTS,
        "headings": HEADINGS,
        "names": NAMES,
    }[check]


def _convert(raw: list[dict[str, str]], mode: Mode) -> list[Failure]:
    return [
        failure(r["check"], _criterion_for(r["check"], mode), r["selector"], r["message"])
        for r in raw
    ]


# ---------------------------------------------------------------- the checks


def check_mode_applied(page: PageSession) -> list[Failure]:
    """The toolbar script read the stored setting and applied it (else every check is void)."""
    state = page.js("return sgTools.state();")
    got = state["root"]
    want = page.mode.expected_root_attributes()
    wrong = {k: (v, got.get(k)) for k, v in want.items() if got.get(k) != v}
    out = []
    if wrong:
        detail = ", ".join(f"{k}={g!r} (want {w!r})" for k, (w, g) in wrong.items())
        out.append(failure("mode", MODE, "html", f"stored setting not applied: {detail}"))
    out += text_size_shown(state)
    return out


def text_size_shown(state: dict[str, Any]) -> list[Failure]:
    """The toolbar's 文字 N% says the text size the page has (elder mode scales it too)."""
    shown = state.get("textShown")
    if shown is None:
        return []
    number = re.search(r"(\d+)\s*%", shown)
    if number is None or abs(int(number[1]) - state["textScale"]) > 1:
        return [
            failure(
                "text-size",
                TEXT_SIZE,
                "[data-sg-text-value]",
                f"the toolbar says {shown!r} but the text is {state['textScale']} % of the "
                "browser's size",
            )
        ]
    return []


def check_static(page: PageSession) -> list[Failure]:
    """Reflow, clipping and overlap, headings, names, target size: one read of the page."""
    raw = page.probe(
        "sgProbe.staticChecks(out, arguments[0])",
        {"minTarget": page.mode.min_target, "narrow": page.mode.width <= 320},
    )
    failures = _convert(raw, page.mode)
    if page.mode.settings["text"] >= 200 and page.mode.width > REFLOW_AT_200:
        # 200 % text must still reflow in a 640 px window (1.4.4 together with 1.4.10).
        page.set_viewport(REFLOW_AT_200, page.mode.height)
        try:
            for f in _convert(page.probe("sgProbe.reflowOnly(out)"), page.mode):
                f.message = f"at {REFLOW_AT_200} px wide: {f.message}"
                failures.append(f)
        finally:
            page.set_viewport(page.mode.width, page.mode.height)
    return failures


def check_focus(page: PageSession) -> list[Failure]:
    """Tab through the page with real key presses: skip link, focus visible, not obscured."""
    from selenium.webdriver.common.keys import Keys

    count = int(page.js("return sgProbe.focusSetup();"))
    page.keys(*([Keys.TAB] * (count + 3)))
    # The report, then focus on the skip link it found, in one call (each call is a round
    # trip to the browser); so too what Enter on it did.
    skip = page.js(
        "var out = []; var s = sgProbe.focusReport(out);"
        " if (s) document.querySelector(s).focus(); return [s, out];"
    )
    skip_selector, raw = skip[0], skip[1]
    failures = _convert(raw, page.mode)
    if skip_selector:
        page.keys(Keys.ENTER)
        in_main, ring = page.js("return [sgProbe.inMain(), sgProbe.skipTargetRing()];")
        if not in_main:
            failures.append(
                failure(
                    "skip-link",
                    BYPASS,
                    skip_selector,
                    "Enter on the skip link does not move focus into <main> "
                    '(give the target tabindex="-1")',
                )
            )
        if ring:
            failures.append(
                failure(
                    "skip-link",
                    BYPASS,
                    skip_selector,
                    "after the skip link its target is drawn with a focus ring, though it "
                    f"is not a control (it only moves the reading position): {ring}",
                )
            )
    return failures


def check_shortcuts(page: PageSession) -> list[Failure]:
    """Single letters pressed outside any input change nothing (URL, focus, scroll, DOM)."""
    page.js("sgProbe.shortcutsStart();")
    page.keys(*SHORTCUT_KEYS)
    raw = page.probe("sgProbe.shortcutsEnd(out, arguments[0])", " ".join(SHORTCUT_KEYS))
    return _convert(raw, page.mode)


class _Toolbar:
    def __init__(self, page: PageSession) -> None:
        self.page = page
        self.failures: list[Failure] = []

    def state(self) -> dict[str, Any]:
        return dict(self.page.js("return sgTools.state();"))

    def press(self, state: dict[str, Any], key: str, what: str) -> dict[str, Any] | None:
        """Focus a toolbar button, press a key on it, return the state after."""
        from selenium.webdriver.common.keys import Keys

        button = state["buttons"].get(key)
        if not button or not button["shown"]:
            return None
        if not self.page.js("return sgTools.focus(arguments[0]);", button["selector"]):
            self.fail(button["selector"], f"toolbar button {key} cannot take focus")
            return None
        self.page.keys(Keys.ENTER if what == "Enter" else Keys.SPACE)
        return self.state()

    def fail(self, selector: str, message: str, criterion: Criterion = KEYBOARD) -> None:
        self.failures.append(failure("toolbar", criterion, selector, message))


def check_toolbar(page: PageSession) -> list[Failure]:
    """Every toolbar control works with Enter and Space, and does what it says."""
    tb = _Toolbar(page)
    start = tb.state()
    if not start["toolbar"]:
        tb.fail("html", "no accessibility toolbar ([data-sg-a11y]) on the page")
        return tb.failures
    b = start["buttons"]
    # Read-aloud needs a voice before 指读 or 连读 switch on; the stub gives it one.
    speech_stubbed = page.js("return sgTools.stubSpeech();")

    # The "more" panel: Enter opens it (its buttons are tested inside), Space closes it.
    opened = tb.press(start, "action:more", "Enter")
    if opened is not None and opened["buttons"]["action:more"]["expanded"] != "true":
        tb.fail(b["action:more"]["selector"], "Enter on 更多 does not open the panel")
    cur = opened or start

    for key in [k for k in cur["buttons"] if k.startswith("toggle:")]:
        name = key.split(":", 1)[1]
        attr = f"data-sg-{name}"
        before = cur
        after = tb.press(before, key, "Enter")
        if after is None:
            continue
        sel = before["buttons"][key]["selector"]
        if after["buttons"][key]["pressed"] == before["buttons"][key]["pressed"]:
            tb.fail(
                sel,
                f"Enter does not toggle {key} (aria-pressed stays "
                f"{before['buttons'][key]['pressed']})",
            )
        if after["root"].get(attr) == before["root"].get(attr):
            tb.fail(
                sel,
                f"Enter on {key} does not change the setting ({attr} stays "
                f"{before['root'].get(attr)})",
                TOOLBAR,
            )
        back = tb.press(after, key, "Space")
        if back is not None and back["root"].get(attr) != before["root"].get(attr):
            tb.fail(sel, f"Space does not toggle {key} back ({attr} is {back['root'].get(attr)})")
        cur = back or after

    # Colour schemes: switch to another with Enter (colours must change), back with Space.
    scheme = cur["root"].get("data-sg-scheme")
    others = [k for k in cur["buttons"] if k.startswith("scheme:") and k != f"scheme:{scheme}"]
    if others and f"scheme:{scheme}" in cur["buttons"]:
        other = others[0]
        after = tb.press(cur, other, "Enter")
        if after is not None:
            sel = cur["buttons"][other]["selector"]
            if after["root"].get("data-sg-scheme") != other.split(":", 1)[1]:
                tb.fail(sel, f"Enter on {other} does not switch the colour scheme")
            elif after["colours"] == cur["colours"] and not page.mode.forced_colors:
                # Under forced colours the system paints the page: no scheme may change it.
                tb.fail(
                    sel,
                    f"{other} switches the setting but no computed colour changes "
                    f"({cur['colours']})",
                    TOOLBAR,
                )
            back = tb.press(after, f"scheme:{scheme}", "Space")
            if back is not None and back["root"].get("data-sg-scheme") != scheme:
                tb.fail(
                    cur["buttons"][f"scheme:{scheme}"]["selector"],
                    f"Space on scheme:{scheme} does not switch the scheme back",
                )
            cur = back or after

    # Text size: one step up (or down at 200 %) with Enter, back with Space.
    text = int(cur["root"].get("data-sg-text") or 100)
    first, second, sign = (
        ("action:text-up", "action:text-down", 1)
        if text < 200
        else ("action:text-down", "action:text-up", -1)
    )
    after = tb.press(cur, first, "Enter")
    if after is not None:
        sel = cur["buttons"][first]["selector"]
        new = int(after["root"].get("data-sg-text") or 0)
        if (new - text) * sign <= 0:
            tb.fail(sel, f"Enter on {first} does not change the text size (stays {text} %)")
        elif (after["fontSize"] - cur["fontSize"]) * sign <= 0:
            tb.fail(
                sel,
                f"{first} changes the setting to {new} % but the computed font size "
                f"stays {cur['fontSize']} px",
                TOOLBAR,
            )
        else:  # the text did change: the indicator must say by how much
            tb.failures += text_size_shown(after)
        back = tb.press(after, second, "Space")
        if back is not None and int(back["root"].get("data-sg-text") or 0) != text:
            tb.fail(
                after["buttons"][second]["selector"],
                f"Space on {second} does not bring the text size back to {text} %",
            )
        cur = back or after

    # Read aloud: stub speechSynthesis.speak; Enter on 连读 must speak this page's h1.
    read = cur["buttons"].get("action:read")
    if read and read["shown"] and speech_stubbed:
        tb.press(cur, "action:read", "Enter")
        spoken: dict[str, Any] = {}
        for _ in range(20):
            spoken = page.js("return sgTools.spoken();")
            if spoken["texts"]:
                time.sleep(0.05)
                spoken = page.js("return sgTools.spoken();")
                break
            time.sleep(0.05)
        joined = "".join(t.replace(" ", "") for t in spoken.get("texts", []))
        if not spoken.get("texts"):
            tb.fail(read["selector"], "Enter on 连读本页 does not call speechSynthesis.speak")
        elif spoken["h1"] and spoken["h1"][:12] not in joined:
            tb.fail(
                read["selector"],
                f"连读本页 does not read the page's h1 (spoke {joined[:40]!r})",
                TOOLBAR,
            )
        cur = tb.state()
        stop = cur["buttons"].get("action:stop")
        if stop and stop["shown"]:
            cur = tb.press(cur, "action:stop", "Enter") or cur

    if opened is not None:
        closed = tb.press(cur, "action:more", "Space")
        if closed is not None and closed["buttons"]["action:more"]["expanded"] != "false":
            tb.fail(b["action:more"]["selector"], "Space on 更多 does not close the panel")
        cur = closed or cur

    if cur["root"] != start["root"]:
        tb.fail(
            "html",
            f"after toggling every control back the settings differ: "
            f"{start['root']} -> {cur['root']}",
            TOOLBAR,
        )
        page.js(
            f"localStorage.setItem({json.dumps(STORAGE_KEY)}, arguments[0]);",
            json.dumps(page.mode.settings),
        )
    return tb.failures


def check_search(page: PageSession) -> list[Failure]:
    """The search field takes typed text (real key presses)."""
    from selenium.webdriver.common.keys import Keys

    selector = page.js("return sgTools.searchInput();")
    if not selector:
        return [failure("search", KEYBOARD, "html", "no visible search field on the page")]
    if not page.js("return sgTools.focus(arguments[0]);", selector):
        return [failure("search", KEYBOARD, selector, "the search field cannot take focus")]
    typed = "abc 教师"
    page.keys(*typed)
    value = page.js("return sgTools.value(arguments[0]);", selector)
    out = []
    if value != typed:
        out.append(
            failure(
                "search",
                KEYBOARD,
                selector,
                f"typed {typed!r} into the search field but it holds {value!r}",
            )
        )
    page.keys(Keys.CONTROL + "a", Keys.BACKSPACE, Keys.ESCAPE)
    page.js("if (document.activeElement) document.activeElement.blur();")
    return out


def check_text_spacing(page: PageSession) -> list[Failure]:
    """WCAG 1.4.12 spacing injected: nothing clipped, no text on top of other text. Runs last."""
    return _convert(page.probe("sgProbe.textSpacing(out)"), page.mode)


_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
_LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "devtools", ""}


@dataclass(frozen=True)
class Request:
    """A request a page made, as Chromium's performance log recorded it."""

    url: str
    initiator: str | None


def logged_requests(log: Iterable[dict[str, Any]]) -> list[Request]:
    """Every request and WebSocket in entries of Chromium's performance log, in order."""
    found = []
    for entry in log:
        try:
            message = json.loads(entry["message"])["message"]
        except (KeyError, ValueError):
            continue
        if message.get("method") not in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            continue
        params = message.get("params", {})
        url = (params.get("request") or {}).get("url") or params.get("url") or ""
        found.append(Request(url, (params.get("initiator") or {}).get("url")))
    return found


def leaves_localhost(url: str) -> bool:
    """Say whether fetching url goes to another host (data:, blob: and the like never do).

    The one rule for "no request leaves localhost": `guides check` and tests/test_offline.py
    both use it.
    """
    parsed = urlparse(url)
    return parsed.scheme not in _LOCAL_SCHEMES and parsed.hostname not in _LOCAL_HOSTS


def check_network(page: PageSession) -> list[Failure]:
    """No request left 127.0.0.1 since the last look (Chromium's performance log)."""
    out: list[Failure] = []
    seen: set[str] = set()
    for request in logged_requests(page.driver.get_log("performance")):
        if not leaves_localhost(request.url) or request.url in seen:
            continue
        seen.add(request.url)
        parsed = urlparse(request.url)
        out.append(
            failure(
                "network",
                PRIVACY,
                request.url[:200],
                f"request to another host ({parsed.scheme}://{parsed.hostname}) "
                f"made by {request.initiator or page.path}",
            )
        )
    return out
