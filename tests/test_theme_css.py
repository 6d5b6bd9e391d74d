"""The theme's stylesheet: palettes that must stay in step."""

from __future__ import annotations

import re

from support import REPO

BASE_CSS = REPO / "theme" / "assets" / "stylesheets" / "base.css"


def _declarations(css: str, selector_start: str) -> dict[str, str]:
    """Return the custom properties and color-scheme of the first block opened by selector."""
    start = css.index(selector_start)
    body = css[css.index("{", start) + 1 : css.index("}", start)]
    pairs = re.findall(r"(--[\w-]+|color-scheme)\s*:\s*([^;]+);", body)
    return {name: value.strip() for name, value in pairs}


def test_prefers_contrast_uses_exactly_the_high_contrast_palette() -> None:
    """The OS 'more contrast' palette and the toolbar's high-contrast scheme never drift."""
    css = BASE_CSS.read_text("utf-8")
    chosen = _declarations(css, ':root[data-sg-scheme="high-contrast"] {')
    media = css[css.index("@media (prefers-contrast: more)") :]
    automatic = _declarations(media, ":root:not(")
    assert len(chosen) > 20
    assert automatic == chosen
