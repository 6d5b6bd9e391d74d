"""Accuracy rules: what a guide tells a citizen, checked against its own fields, the other
language of each text, and the reference data (offices, the e-licence catalogue, domains).

docs/accuracy.md lists every rule with an example, its message and why it matters.
"""

from __future__ import annotations

from typing import Any

from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.addresses import check_address_text, may_hold_address
from generator.validate.rules.accuracy.answers import check_answer
from generator.validate.rules.accuracy.badges import check_badges
from generator.validate.rules.accuracy.dates import check_date_text, may_hold_date, reviewed_year
from generator.validate.rules.accuracy.deadlines import check_conditions, check_deadlines
from generator.validate.rules.accuracy.facts import ReferenceFacts, build_facts
from generator.validate.rules.accuracy.fields import check_fields
from generator.validate.rules.accuracy.language import check_pair
from generator.validate.rules.accuracy.links import (
    check_declared_domains,
    check_guide_links,
    check_link_text,
    may_hold_link,
)
from generator.validate.rules.accuracy.material_asks import check_material_asks
from generator.validate.rules.accuracy.materials import check_materials
from generator.validate.rules.accuracy.offers import check_offers
from generator.validate.rules.accuracy.office_records import check_office_records
from generator.validate.rules.accuracy.offices import check_guide_offices, check_office
from generator.validate.rules.accuracy.phones import (
    check_guide_phones,
    check_phone_text,
    check_reference_phones,
    may_hold_phone,
)
from generator.validate.rules.accuracy.places import check_places
from generator.validate.rules.accuracy.quantities import check_restated_ages
from generator.validate.rules.accuracy.statements import check_statements
from generator.validate.rules.accuracy.texts import guide_texts
from generator.validate.rules.accuracy.time_limits import check_time_limits
from generator.validate.rules.checker import Checker, items
from generator.validate.rules.walk import TextContext, TextRule

__all__ = [
    "NO_FACTS",
    "PAIR_RULES",
    "TEXT_RULES",
    "ReferenceFacts",
    "build_facts",
    "check_guide_accuracy",
    "check_reference_accuracy",
    "text_context",
]

NO_FACTS = ReferenceFacts()
"""The facts of a run without reference data (the same object each time: rules/walk.py
remembers what it learnt per set of facts)."""


def check_guide_accuracy(
    check: Checker, data: dict[str, Any], facts: ReferenceFacts | None
) -> None:
    """Apply the accuracy rules that read a guide as a whole; those that read each text
    (`TEXT_RULES`, `PAIR_RULES`) run in the one walk over its texts (rules/walk.py)."""
    facts = facts or NO_FACTS
    texts = guide_texts(data)  # found once, read by each rule that reads a guide's texts
    check_statements(check, data, texts)
    check_badges(check, data)
    check_fields(check, data, facts)
    check_restated_ages(check, data)
    check_deadlines(check, data)
    check_conditions(check, data)
    check_time_limits(check, data)
    check_guide_offices(check, data, facts, texts)
    check_offers(check, data, texts, facts)
    check_materials(check, data, facts)
    check_material_asks(check, data, facts, texts)
    check_guide_phones(check, data, facts)
    check_guide_links(check, data, facts, texts)
    check_places(check, texts, facts)


def check_reference_accuracy(
    kind: str, check: Checker, data: dict[str, Any], facts: ReferenceFacts | None
) -> None:
    """Apply the accuracy rules to one reference file: offices against themselves (its texts
    are walked with `TEXT_RULES` and `PAIR_RULES`, rules/walk.py)."""
    if kind == "offices":
        for number, item in items(data.get("offices")):
            check_office(check, ("offices", number), item)
        check_office_records(check, data)
    if kind in ("offices", "departments") and facts is not None:
        check_reference_phones(check, data.get(kind), (kind,), facts)
    if kind == "departments":
        check_declared_domains(check, data)


def text_context(data: Any, facts: ReferenceFacts | None) -> TextContext:
    """What the text rules below read besides the text: the facts and the review year."""
    return TextContext(facts or NO_FACTS, reviewed_year(data))


def _links(check: Checker, path: FieldPath, text: str, context: TextContext) -> None:
    check_link_text(check, path, text, context.facts.domains)


def _dates(check: Checker, path: FieldPath, text: str, context: TextContext) -> None:
    check_date_text(check, path, text, context.year)


def _phones(check: Checker, path: FieldPath, text: str, context: TextContext) -> None:
    check_phone_text(check, path, text, context.facts)


def _addresses(check: Checker, path: FieldPath, text: str, context: TextContext) -> None:
    check_address_text(check, path, text, context.facts)


TEXT_RULES = (
    TextRule("accuracy.links", may_hold_link, _links),
    TextRule("accuracy.dates", may_hold_date, _dates, by_year=True),
    TextRule("accuracy.phones", may_hold_phone, _phones),
    TextRule("accuracy.addresses", may_hold_address, _addresses),
)
"""The accuracy rules that read one text at a time: links against the city's domains (an
https:// address, one written from `www.`, or a bare host such as `mzj-linjiang.com`), and
dates and times (a text with 年 or a colon, or an English date). `may_hold_link` and
`may_hold_date` must stay true of every text their checks can report in; so must
`may_hold_phone` (an office's number next to its name, phones.py) and `may_hold_address`
(the city, districts, streets and postcodes of addresses, addresses.py)."""
PAIR_RULES = (check_pair, check_answer)
"""The rules of a text's two languages (accuracy/language.py, and the yes or no that opens an
answer, accuracy/answers.py)."""
