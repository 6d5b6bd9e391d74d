"""Shared reference data: the index of ids guides point to, and the rules for the files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.common.i18n import N_, _
from generator.source.loader import FieldPath, LoadedFile, format_path
from generator.validate.problems import Problem
from generator.validate.rules.accuracy import (
    PAIR_RULES,
    TEXT_RULES,
    ReferenceFacts,
    check_reference_accuracy,
    text_context,
)
from generator.validate.rules.checker import Checker, as_list, is_time, items
from generator.validate.rules.text import TEXT_RULES as PLAIN_TEXT_RULES
from generator.validate.rules.text import check_comment_cuts
from generator.validate.rules.walk import TextRules, walk_texts

_TEXTS = TextRules(TEXT_RULES + PLAIN_TEXT_RULES, PAIR_RULES)
"""Every rule that reads a reference file's texts one at a time (rules/walk.py)."""


@dataclass(frozen=True)
class ReferenceIndex:
    """The ids guides may point to, taken from guides/reference/."""

    departments: frozenset[str]
    offices: frozenset[str]
    offices_with_hours: frozenset[str]
    topics: frozenset[str]
    life_events: frozenset[str]
    e_licences: frozenset[str]
    facts: ReferenceFacts | None = None  # what the accuracy rules compare guides against


def build_index(reference: dict[str, list[dict[str, Any]]]) -> ReferenceIndex:
    """Collect the ids of every reference list."""

    def ids(name: str) -> frozenset[str]:
        return frozenset(_ids_in(reference.get(name)))

    offices = as_list(reference.get("offices"))
    with_hours = frozenset(
        item["id"]
        for item in offices
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item.get("hours")
    )
    return ReferenceIndex(
        ids("departments"),
        ids("offices"),
        with_hours,
        ids("topics"),
        ids("life_events"),
        ids("e_licences"),
    )


def check_reference(kind: str, loaded: LoadedFile, index: ReferenceIndex) -> list[Problem]:
    """Apply the rules for one reference file: unique ids, known departments, sane hours."""
    check = Checker(loaded)
    data = loaded.data
    if not isinstance(data, dict):
        return []
    key = kind.replace("-", "_")
    seen: dict[str, int] = {}
    for number, item in items(data.get(key)):
        here: FieldPath = (key, number)
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id in seen:
                check.error(
                    (*here, "id"),
                    _("the id `{id}` is used twice (first in {first})").format(
                        id=item_id, first=format_path((key, seen[item_id]))
                    ),
                    _("give each entry its own id"),
                    code="reference.duplicate-id",
                )
            seen.setdefault(item_id, number)
        check.phone((*here, "phone"), item.get("phone"))
        if kind == "offices":
            check.references(
                (*here, "departments"),
                item.get("departments"),
                index.departments,
                N_("department"),
                "guides/reference/departments.yaml",
                code="reference.unknown-department",
            )
            _check_hours(check, here, item.get("hours"))
        if kind == "e-licences":
            check.reference(
                (*here, "issuer"),
                item.get("issuer"),
                index.departments,
                N_("department"),
                "guides/reference/departments.yaml",
                code="reference.unknown-department",
            )
    check_reference_accuracy(kind, check, data, index.facts)
    walk_texts(check, data, _TEXTS, text_context(data, index.facts))
    check_comment_cuts(check)
    return check.problems


def _check_hours(check: Checker, office: FieldPath, hours: Any) -> None:
    for number, entry in items(hours):
        here = (*office, "hours", number)
        opens, closes = entry.get("opens"), entry.get("closes")
        if is_time(opens) and is_time(closes) and opens >= closes:
            check.error(
                (*here, "closes"),
                _("closes at {closes}, not after it opens at {opens}").format(
                    closes=closes, opens=opens
                ),
                _("check the times; use 24-hour HH:MM"),
                code="hours.closes-before-opens",
            )
        for b_number, pause in items(entry.get("breaks")):
            starts, ends = pause.get("starts"), pause.get("ends")
            if not (is_time(starts) and is_time(ends)):
                continue
            if (
                starts >= ends
                or (is_time(opens) and starts < opens)
                or (is_time(closes) and ends > closes)
            ):
                check.error(
                    (*here, "breaks", b_number),
                    _(
                        "the break {starts}–{ends} is not inside the opening hours {opens}–{closes}"
                    ).format(starts=starts, ends=ends, opens=opens, closes=closes),
                    _("a break starts after opening and ends before closing"),
                    code="hours.break-outside-opening",
                )


def _ids_in(entries: Any) -> Iterator[str]:
    for _number, item in items(entries):
        if isinstance(item.get("id"), str):
            yield item["id"]
