"""The five modes every page is checked in, switched the way a person switches them.

The theme's toolbar (theme/assets/javascripts/a11y-toolbar.js) keeps its settings in
localStorage under "sg-a11y" and applies them on every page load; a mode is such a stored
setting plus a viewport size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STORAGE_KEY = "sg-a11y"

DEFAULT_SETTINGS: dict[str, Any] = {
    "text": 100,
    "scheme": "default",
    "spacing": False,
    "ruler": False,
    "cursor": False,
    "captions": False,
    "elder": False,
    "speech": "off",
}


@dataclass(frozen=True)
class Mode:
    name: str
    width: int
    height: int
    changes: dict[str, Any] = field(default_factory=dict)
    min_target: int = 24

    @property
    def settings(self) -> dict[str, Any]:
        return {**DEFAULT_SETTINGS, **self.changes}

    def expected_root_attributes(self) -> dict[str, str]:
        """The attributes the toolbar script puts on <html> once it applied this mode."""
        s = self.settings
        attrs = {"data-sg-text": str(s["text"]), "data-sg-scheme": s["scheme"]}
        for name in ("spacing", "ruler", "cursor", "captions", "elder"):
            attrs[f"data-sg-{name}"] = "on" if s[name] else "off"
        attrs["data-sg-speech"] = s["speech"]
        return attrs


MODES: dict[str, Mode] = {
    m.name: m
    for m in (
        Mode("default", 1280, 800),
        Mode("high-contrast", 1280, 800, {"scheme": "high-contrast"}),
        Mode("text-200", 1280, 800, {"text": 200}),
        Mode("elder", 1280, 800, {"elder": True}, min_target=44),
        Mode("narrow-320", 320, 640),
    )
}


def select_modes(names: list[str]) -> list[Mode]:
    """Modes by name in the canonical order; every mode when names is empty.

    Raises ValueError naming the unknown mode and the known ones.
    """
    unknown = [n for n in names if n not in MODES]
    if unknown:
        raise ValueError(f"unknown mode {', '.join(unknown)}; the modes are {', '.join(MODES)}")
    return [m for m in MODES.values() if not names or m.name in names]
