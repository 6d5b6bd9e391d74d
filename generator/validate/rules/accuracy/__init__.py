"""Accuracy rules: what a guide tells a citizen, checked against its own fields, the other
language of each text, and the reference data (offices, the e-licence catalogue, domains).

docs/accuracy.md lists every rule with an example, its message and why it matters.
"""

from __future__ import annotations

from typing import Any

from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.dates import check_date_text, reviewed_year
from generator.validate.rules.accuracy.facts import ReferenceFacts, build_facts
from generator.validate.rules.accuracy.language import check_pair
from generator.validate.rules.accuracy.links import check_link_text
from generator.validate.rules.accuracy.materials import check_materials
from generator.validate.rules.accuracy.offices import check_guide_offices, check_office
from generator.validate.rules.accuracy.statements import check_statements
from generator.validate.rules.accuracy.time_limits import check_time_limits
from generator.validate.rules.checker import Checker, items

__all__ = ["ReferenceFacts", "build_facts", "check_guide_accuracy", "check_reference_accuracy"]


def check_guide_accuracy(
    check: Checker, data: dict[str, Any], facts: ReferenceFacts | None
) -> None:
    """Apply every accuracy rule to one guide."""
    facts = facts or ReferenceFacts()
    check_statements(check, data)
    check_time_limits(check, data)
    check_guide_offices(check, data, facts)
    check_materials(check, data, facts)
    _check_each_text(check, data, facts)


def check_reference_accuracy(
    kind: str, check: Checker, data: dict[str, Any], facts: ReferenceFacts | None
) -> None:
    """Apply the accuracy rules to one reference file: offices against themselves, links, texts."""
    facts = facts or ReferenceFacts()
    if kind == "offices":
        for number, item in items(data.get("offices")):
            check_office(check, ("offices", number), item)
    _check_each_text(check, data, facts)


def _may_bare_link(source: str) -> bool:
    return "www." in source.replace("https://www.", "")


def _check_each_text(check: Checker, data: dict[str, Any], facts: ReferenceFacts) -> None:
    """One walk over a file's texts for the rules that read every text: the two languages of
    a text, links and dates."""
    year = reviewed_year(data)
    bare = check.loaded.may_hold(_may_bare_link)  # www. without https://: rare, asked once
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack:
        here, node = stack.pop()
        if node.__class__ is dict:
            zh, en = node.get("zh-CN"), node.get("en")
            if zh.__class__ is str and en.__class__ is str:
                check_pair(check, here, zh, en)
            pairs: Any = node.items()
        else:
            pairs = enumerate(node)
        for key, child in pairs:
            kind = child.__class__  # exact types: the loader makes only plain ones
            if kind is str:
                if "https://" in child or (bare and "www." in child):
                    check_link_text(check, (*here, key), child, facts.domains)
                if "年" in child or ":" in child or "：" in child:
                    check_date_text(check, (*here, key), child, year)
            elif kind is dict or kind is list:
                stack.append(((*here, key), child))
