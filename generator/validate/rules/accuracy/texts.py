"""A guide's free texts, read once for every whole-guide rule that reads them.

check_statements (statements.py) and the office checks (offices.py) read the same texts of a
guide: the summary, the visit reason, the FAQ's answers, the channels' notes, the steps'
descriptions, the materials' notes, the fees' notes. Each used to find them on its own,
through `items()` and `forms()` and `simplified()` for every field: about 150 calls of
small helpers a guide before any rule had looked at a word. `guide_texts` finds them
once, in plain loops, each language form read in simplified characters (script.py), and
`check_guide_accuracy` hands the one `GuideTexts` to every rule.

A `Form` is (the path of one language form, its text simplified); a plain string is its
own path (zh-CN). Nothing here is remembered between guides: it is the guide's own data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.script import simplified

Form = tuple[FieldPath, str]
"""One language form of a text: its path and its text, simplified."""
Entry = tuple[int, dict[str, Any], list[Form]]
"""An item of a list field (a channel, a step, a material, a fee item): its number, its
mapping, and the forms of the text the rules read in it (a note, a description)."""


@dataclass(frozen=True, slots=True)
class GuideTexts:
    """The texts of one guide the whole-guide rules read, with the items that hold them."""

    summary: list[Form]
    visit_reason: list[Form]
    answers: list[Form]
    """Each FAQ entry's answer (`faq[n].answer`)."""
    channels: list[Entry]
    """Every channel that is a mapping, with its note."""
    steps: list[Entry]
    """Every step that is a mapping, with its description."""
    materials: list[Entry]
    """Every material that is a mapping, with its notes."""
    fees: dict[str, Any]
    """`fees` when it is a mapping, else empty."""
    fee_note: list[Form]
    fee_items: list[Entry]
    """Every fee item that is a mapping, with its note."""


_NONE: list[Form] = []
"""The forms of a field that holds no text (shared: never changed)."""


def forms_of(value: Any, path: FieldPath) -> list[Form]:
    """The language forms of a text as a list (report.forms, without the language)."""
    if isinstance(value, str):
        return [(path, simplified(value))]
    if isinstance(value, dict):
        return [
            ((*path, lang), simplified(text))
            for lang, text in value.items()
            if isinstance(text, str)
        ]
    return _NONE


def _entries(value: Any, where: FieldPath, key: str) -> list[Entry]:
    """Each mapping of the list `value` (at `where`), with the forms of its `key`."""
    if not isinstance(value, list):
        return []
    return [
        (number, item, forms_of(item.get(key), (*where, number, key)))
        for number, item in enumerate(value)
        if isinstance(item, dict)
    ]


def guide_texts(data: dict[str, Any]) -> GuideTexts:
    """Find the texts of `data` (a guide's mapping) that the whole-guide rules read."""
    answers: list[Form] = []
    faq = data.get("faq")
    if isinstance(faq, list):
        for number, entry in enumerate(faq):
            if isinstance(entry, dict):
                answers += forms_of(entry.get("answer"), ("faq", number, "answer"))
    fees = data.get("fees")
    if not isinstance(fees, dict):
        fees = {}
    return GuideTexts(
        summary=forms_of(data.get("summary"), ("summary",)),
        visit_reason=forms_of(data.get("visit_reason"), ("visit_reason",)),
        answers=answers,
        channels=_entries(data.get("channels"), ("channels",), "note"),
        steps=_entries(data.get("steps"), ("steps",), "description"),
        materials=_entries(data.get("materials"), ("materials",), "notes"),
        fees=fees,
        fee_note=forms_of(fees.get("note"), ("fees", "note")),
        fee_items=_entries(fees.get("items"), ("fees", "items"), "note"),
    )
