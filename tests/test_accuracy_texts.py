"""accuracy/texts.py finds a guide's texts once for the whole-guide rules: the same texts,
at the same paths, as reading each field with `report.forms` (what each rule did before).

Checked on every sample and on every seeded defect of a guide (tests/eval/accuracy), and on
guides whose fields have the wrong shape (the schema reports those; the rules must read
what they read before, and not fail).
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from support import REPO

from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.report import forms
from generator.validate.rules.accuracy.texts import GuideTexts, guide_texts
from generator.validate.rules.checker import items


def _guides() -> list[tuple[str, Any]]:
    found = []
    for path in sorted((REPO / "guides" / "services").glob("*.yaml")):
        found.append((path.stem, yaml.safe_load(path.read_text("utf-8"))))
    entries = yaml.safe_load((REPO / "tests/eval/accuracy/defects.yaml").read_text("utf-8"))
    for entry in entries["mistakes"]:
        if "/services/" not in entry["file"]:
            continue
        text = (REPO / entry["file"]).read_text("utf-8")
        if entry["find"] in text:
            found.append(
                (entry["id"], yaml.safe_load(text.replace(entry["find"], entry["replace"], 1)))
            )
    found.append(("wrong-shapes", {
        "summary": ["a list"], "visit_reason": {"zh-CN": 3, "en": "Because"},
        "faq": ["not a mapping", {"question": "问", "answer": {"zh-CN": "答"}}],
        "channels": {"not": "a list"}, "steps": [None, {"description": 5}],
        "materials": [{"notes": "须本人到场"}, "x"],
        "fees": {"note": "免费", "items": [{"note": {"zh-CN": "工本费", "en": "Fee"}}, 7]},
    }))  # fmt: skip
    found.append(
        (
            "traditional",
            {
                "summary": {"zh-CN": "週六也可辦理，毋須親身前往。", "en": "Open on Saturdays."},
                "channels": [{"type": "in_person", "note": "週六上午辦理"}],
            },
        )
    )  # fmt: skip: read in simplified characters (script.py), as the rules read them
    return found


def _forms(value: Any, path: FieldPath) -> list[tuple[FieldPath, str]]:
    return [(where, text) for _lang, where, text in forms(value, path)]


def _each(data: dict[str, Any], name: str, key: str) -> list[tuple[int, Any]]:
    return [
        (number, _forms(item.get(key), (name, number, key)))
        for number, item in items(data.get(name))
    ]


def _as_read_before(data: dict[str, Any]) -> dict[str, Any]:
    fees = data.get("fees") if isinstance(data.get("fees"), dict) else {}
    return {
        "summary": _forms(data.get("summary"), ("summary",)),
        "visit_reason": _forms(data.get("visit_reason"), ("visit_reason",)),
        "answers": [
            form
            for number, entry in items(data.get("faq"))
            for form in _forms(entry.get("answer"), ("faq", number, "answer"))
        ],
        "channels": _each(data, "channels", "note"),
        "steps": _each(data, "steps", "description"),
        "materials": _each(data, "materials", "notes"),
        "fee_note": _forms(fees.get("note"), ("fees", "note")),
        "fee_items": [
            (number, _forms(item.get("note"), ("fees", "items", number, "note")))
            for number, item in items(fees.get("items"))
        ],
    }


def _as_read_now(texts: GuideTexts) -> dict[str, Any]:
    def each(entries: Any) -> list[tuple[int, Any]]:
        return [(number, written) for number, _item, written in entries]

    return {
        "summary": texts.summary,
        "visit_reason": texts.visit_reason,
        "answers": texts.answers,
        "channels": each(texts.channels),
        "steps": each(texts.steps),
        "materials": each(texts.materials),
        "fee_note": texts.fee_note,
        "fee_items": each(texts.fee_items),
    }


GUIDES = _guides()


@pytest.mark.parametrize(("ident", "data"), GUIDES, ids=[ident for ident, _data in GUIDES])
def test_the_texts_are_those_each_field_gives(ident: str, data: Any) -> None:
    assert _as_read_now(guide_texts(data)) == _as_read_before(data)


def test_the_items_are_the_guides_own() -> None:
    """Each entry carries the mapping itself: the rules read its other fields (a step's
    duration, a channel's offices)."""
    _ident, data = GUIDES[0]
    texts = guide_texts(data)
    assert [item for _n, item, _forms in texts.steps] == data["steps"]
    assert [item for _n, item, _forms in texts.channels] == data["channels"]
    assert len(GUIDES) > 100
