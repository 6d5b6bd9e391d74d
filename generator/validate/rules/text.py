"""Rules for every text of a file: what a citizen would not see as the editor wrote it.

- invisible and bidirectional control characters (a zero-width space, a right-to-left
  override) make two titles look alike and text read differently than it shows;
- raw HTML (`<b>`, `<br>`) is shown as the literal tags, because text is Markdown with
  HTML turned off;
- an image (`![图](https://…)`) is shown as "!" and a link: text has no images;
- an unquoted ` #` starts a YAML comment, so the rest of the line is never published.
"""

from __future__ import annotations

import json
import re
import unicodedata

from generator.common.i18n import N_, _
from generator.source.loader import FieldPath
from generator.validate.rules.checker import URL_KEYS, Checker
from generator.validate.rules.walk import TextContext, TextRule

INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
"""Characters that show as nothing (or reorder what is around them): format and control
characters, bidirectional embeddings, overrides and isolates, fillers and variation
selectors. Tab and line feed are ordinary text."""

_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])[^<>\n]*>)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_HTML_HINTS = {
    "b": N_("write **text** for bold"),
    "strong": N_("write **text** for bold"),
    "i": N_("write *text* for emphasis"),
    "em": N_("write *text* for emphasis"),
    "br": N_("start a new paragraph with an empty line (in a `|` block), or make a list"),
    "p": N_("separate paragraphs with an empty line (in a `|` block)"),
    "a": N_("write a link as [text](https://…)"),
    "ul": N_("write a list as lines starting with `- `"),
    "ol": N_("write a numbered list as lines starting with `1. `"),
    "li": N_("write a list as lines starting with `- `"),
}


def check_comment_cuts(check: Checker) -> None:
    """Warn where an unquoted ` #` cut a text short: the rest of the line is never published.

    The rules of each text (`TEXT_RULES`) run in the one walk over a file's texts
    (rules/walk.py), with the accuracy rules'."""
    for path, (line, column, value, tail) in check.loaded.comment_cuts.items():
        comment = tail.strip()
        written = json.dumps(value + tail.rstrip(), ensure_ascii=False)
        check.warning_at(
            path,
            (line, column),
            _("`{comment}` is read as a comment, so the text ends at `{value}`").format(
                comment=comment, value=value
            ),
            _(
                "if it is part of the text, put the whole text in quotes: {written}; "
                "if it is a comment, put it on a line of its own"
            ).format(written=written),
            code="text.comment-cut",
        )


def visible(text: str) -> str:
    """Show the invisible characters of a text in a message, as `<U+200B>`."""
    return INVISIBLE.sub(lambda match: f"<U+{ord(match.group(0)):04X}>", text)


def _check_text(check: Checker, path: FieldPath, text: str) -> None:
    for match in INVISIBLE.finditer(text):
        char = match.group(0)
        name = unicodedata.name(char, "control character")
        check.error_at(
            path,
            check.loaded.fragment_position(path, char),
            _("the text contains an invisible character U+{number} ({name})").format(
                number=f"{ord(char):04X}", name=name
            ),
            _(
                "delete it: it cannot be seen, yet it changes how the text is compared, "
                "searched and read aloud"
            ),
            code="text.invisible",
        )
        break  # one is enough to send the editor there; the rest go with it
    html = _HTML.search(text)
    if html:
        tag = html.group(0)
        tag_name = _TAG_NAME.match(tag)
        hint = _HTML_HINTS.get(tag_name.group(1).lower(), "") if tag_name else ""
        check.error_at(
            path,
            check.loaded.fragment_position(path, tag),
            _("the text contains the HTML `{tag}`, which the page would show as it is").format(
                tag=tag
            ),
            (_(hint) + _("; ") if hint else "")
            + _("texts are Markdown: **bold**, lists, [links](https://…), no HTML"),
            code="text.html",
        )
    image = _IMAGE.search(text)
    if image:
        check.error_at(
            path,
            check.loaded.fragment_position(path, image.group(0)),
            _("the text contains an image, which the page would show as “!” and a link"),
            _(
                "texts cannot hold images; remove the `!` to keep a link to it, "
                "or describe it in words"
            ),
            code="text.image",
        )


_CHEAP = re.compile(INVISIBLE.pattern[:-1] + "<!]")
"""Any character the text rules start from: most texts have none and are passed over."""
_SCHEMES = ("http:", "javascript:", "vbscript:", "data:")


def _link_rule(check: Checker, path: FieldPath, text: str, _context: TextContext) -> None:
    check.link_text(path, text)


def _mark_rule(check: Checker, path: FieldPath, text: str, _context: TextContext) -> None:
    _check_text(check, path, text)


def _may_link(text: str) -> bool:
    """Tell whether `text` holds what every link `Checker.link_text` looks at starts from:
    a Markdown link's `](`, an autolink's `<`, or a scheme it names (in any case)."""
    if "](" in text or "<" in text:
        return True
    lowered = text.lower()
    return any(scheme in lowered for scheme in _SCHEMES)


def _may_link_text(text: str) -> bool:
    return ":" in text and _may_link(text)


def _may_mark(text: str) -> bool:
    return _CHEAP.search(text) is not None


TEXT_RULES = (
    TextRule("text.links", _may_link_text, _link_rule, skip_keys=URL_KEYS),
    TextRule("text.marks", _may_mark, _mark_rule),
)
"""The rules of rules/text.py for the walk over a file's texts (rules/walk.py): the links
of a text that holds a colon (`Checker.link_text`; URL fields are the schema's), and the
invisible characters, HTML and images of a text that holds one of `_CHEAP`."""
