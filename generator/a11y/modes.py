"""The modes pages are checked in, switched the way a person switches them.

Five main modes check every page; combined modes (settings a person uses together: elder
mode with 200 % text, elder with the dark scheme, high contrast with 200 % text, each on a
phone and on a desktop) and Windows-style forced colours check one page of each kind
(home, listing, guide, office, search with results, A–Z, 404): their failures come from
the theme, which every page of a kind shares.

The theme's toolbar keeps its settings in localStorage and applies them on every page
load; a mode is such a stored setting plus a viewport size. What the settings are (their
names, defaults and the storage key) is read from the toolbar's own definition,
theme/components/toolbar/settings.json, which the page's scripts read too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from generator.common.resources import theme_file_text

TOOLBAR_SETTINGS: dict[str, Any] = json.loads(theme_file_text("components/toolbar/settings.json"))
"""theme/components/toolbar/settings.json: the storage key and every field of the toolbar."""

STORAGE_KEY: str = TOOLBAR_SETTINGS["storageKey"]

DEFAULT_SETTINGS: dict[str, Any] = {
    name: spec["default"] for name, spec in TOOLBAR_SETTINGS["fields"].items()
}


def root_attribute(name: str, value: Any) -> str:
    """The value of <html data-sg-NAME> for a setting, as the toolbar's scripts write it."""
    if TOOLBAR_SETTINGS["fields"][name]["kind"] == "switch":
        return "on" if value else "off"
    return str(value)


@dataclass(frozen=True)
class Mode:
    name: str
    width: int
    height: int
    changes: dict[str, Any] = field(default_factory=dict)
    min_target: int = 24
    #: A main mode checks every page; the others one page of each kind (see page_kinds).
    main: bool = True
    #: Emulate `forced-colors: active` (Windows high contrast) through CDP.
    forced_colors: bool = False

    @property
    def settings(self) -> dict[str, Any]:
        return {**DEFAULT_SETTINGS, **self.changes}

    def expected_root_attributes(self) -> dict[str, str]:
        """The attributes the toolbar script puts on <html> once it applied this mode."""
        return {f"data-sg-{name}": root_attribute(name, v) for name, v in self.settings.items()}


MODES: dict[str, Mode] = {
    m.name: m
    for m in (
        Mode("default", 1280, 800),
        Mode("high-contrast", 1280, 800, {"scheme": "high-contrast"}),
        Mode("text-200", 1280, 800, {"text": 200}),
        Mode("elder", 1280, 800, {"elder": True}, min_target=44),
        Mode("narrow-320", 320, 640),
        # Combinations, each on a phone and on a desktop; one page of each kind.
        Mode("elder-text-200-320", 320, 640, {"elder": True, "text": 200}, 44, main=False),
        Mode("elder-text-200", 1280, 800, {"elder": True, "text": 200}, 44, main=False),
        Mode("elder-dark-320", 320, 640, {"elder": True, "scheme": "dark"}, 44, main=False),
        Mode("elder-dark", 1280, 800, {"elder": True, "scheme": "dark"}, 44, main=False),
        Mode(
            "high-contrast-text-200-320",
            320,
            640,
            {"scheme": "high-contrast", "text": 200},
            main=False,
        ),
        Mode(
            "high-contrast-text-200",
            1280,
            800,
            {"scheme": "high-contrast", "text": 200},
            main=False,
        ),
        Mode("forced-colors", 1280, 800, main=False, forced_colors=True),
    )
}

MAIN_MODES: list[str] = [m.name for m in MODES.values() if m.main]


def select_modes(names: list[str]) -> list[Mode]:
    """Modes by name in the canonical order; every mode when names is empty.

    Raises ValueError naming the unknown mode and the known ones.
    """
    unknown = [n for n in names if n not in MODES]
    if unknown:
        raise ValueError(f"unknown mode {', '.join(unknown)}; the modes are {', '.join(MODES)}")
    return [m for m in MODES.values() if not names or m.name in names]
