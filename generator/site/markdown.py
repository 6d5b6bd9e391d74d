"""The safe Markdown subset for free-text fields of a guide.

Two fences, so that one mistake in either cannot put executable content on a page:

1. markdown-it-py in CommonMark mode with raw HTML off: `<script>` in a field is shown as
   text, and links are limited to https, mailto, tel and relative targets.
2. nh3 (Ammonia) cleans the HTML again against an allow-list of tags and attributes.
"""

from __future__ import annotations

import functools
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

#: Tags a free-text field may produce; no images (they would fetch from other hosts),
#: no raw blocks, no forms.
ALLOWED_TAGS = frozenset(
    {"p", "ul", "ol", "li", "strong", "em", "code", "a", "br", "blockquote", "pre"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_SCHEMES = frozenset({"https", "mailto", "tel"})

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def is_safe_link(url: str) -> bool:
    """Say whether a link target may appear on a page: https, mailto, tel or relative."""
    cleaned = _CONTROL.sub("", url)
    match = _SCHEME.match(cleaned)
    if match is None:
        # Relative URLs, but not protocol-relative ones (`//host`), which leave the site.
        return not cleaned.startswith("//") and not cleaned.startswith("\\")
    return match.group(1).lower() in ALLOWED_SCHEMES


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


_PARSER = _make_parser()


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """Render a free-text field as safe HTML (block level: paragraphs and lists)."""
    return Markup(_clean(_PARSER.render(text)))
