"""Each contract of the theme has one definition; every copy of it must agree with it.

The toolbar's settings are defined in theme/components/toolbar/settings.json. The page
reads it (main.html writes it in), generator/a11y/modes.py reads it; the toolbar's
buttons are copies that these tests hold to it. The suite's fixture pages carry the real
toolbar: they are built inside the chrome of a page `guides build` made.
"""

from __future__ import annotations

import json
import re

from support import REPO

from generator.a11y import modes

TOOLBAR = REPO / "theme" / "components" / "toolbar"


def _settings() -> dict:
    return json.loads((TOOLBAR / "settings.json").read_text("utf-8"))


def _buttons(attribute: str) -> dict[str, str]:
    """The toolbar template's buttons with `attribute`: its value -> the button's text."""
    html = (TOOLBAR / "toolbar.html").read_text("utf-8")
    found = re.findall(rf'<button [^>]*{attribute}="([^"]+)"[^>]*>([^<]*)</button>', html)
    return dict(found)


def test_the_suite_reads_the_toolbar_settings_from_the_theme() -> None:
    """modes.py's storage key and defaults are settings.json's."""
    spec = _settings()
    assert spec["storageKey"] == modes.STORAGE_KEY
    assert {n: f["default"] for n, f in spec["fields"].items()} == modes.DEFAULT_SETTINGS


def test_every_toolbar_button_names_a_setting_with_its_label() -> None:
    """Each toggle and scheme button of toolbar.html is a field (or value) of settings.json,
    and says the label the scripts announce."""
    fields = _settings()["fields"]
    toggles = _buttons("data-sg-toggle")
    assert toggles, "no data-sg-toggle buttons found in toolbar.html"
    assert {name: fields[name]["label"] for name in toggles} == toggles
    assert _buttons("data-sg-scheme") == fields["scheme"]["labels"]
    switches = {n for n, f in fields.items() if f["kind"] == "switch"}
    assert switches <= set(toggles), "a switch the toolbar offers no button for"
