"""The shortcuts of the whole-guide accuracy rules change nothing they report.

check_statements and the office checks pass over a text none of their finders finds
anything in (statements._FINDERS, offices._speaks_of_offices), and a material found clean
is remembered per material as written (materials._material_key); the ages of a text
(quantities._ages) and the licences an English clause names
(material_asks._english_documents, one expression of every licence's name asked first)
are read once per text of a run. Each seeded defect of
tests/eval/accuracy/defects.yaml is checked twice: with the shortcuts, and with every text
read and every material checked, under facts of its own (nothing remembered from the
other). The problems must be the same, line for line: a check added to one of these rules
without its finder fails here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import REPO

from generator.source.files import scan_tree
from generator.source.loader import load_bytes
from generator.validate.problems import Problem
from generator.validate.rules import ReferenceIndex, build_index
from generator.validate.rules.accuracy import (
    build_facts,
    material_asks,
    materials,
    offices,
    quantities,
    statements,
)
from generator.validate.schema import SchemaSet, load_schemas
from generator.validate.tree import check_guide_file, load_reference

GUIDES = REPO / "guides"
TODAY = date(2026, 12, 1)


def _index() -> tuple[SchemaSet, ReferenceIndex]:
    """The samples' reference data, with facts made afresh (what a run remembered is kept
    per set of facts, so each call starts with nothing remembered)."""
    schemas = load_schemas()
    reference, files = load_reference(GUIDES, scan_tree(GUIDES).reference, schemas, [])
    return schemas, dataclasses.replace(build_index(reference), facts=build_facts(files))


def _edited() -> Iterator[tuple[str, str, bytes]]:
    """Each seeded defect of a guide, and each sample as it is."""
    for path in sorted((GUIDES / "services").glob("*.yaml")):
        yield path.stem, f"guides/services/{path.name}", path.read_bytes()
    entries = yaml.safe_load((REPO / "tests/eval/accuracy/defects.yaml").read_text("utf-8"))
    for entry in entries["mistakes"]:
        if "/reference/" in entry["file"]:
            continue
        text = (REPO / entry["file"]).read_text("utf-8")
        if entry["find"] in text:
            edited = text.replace(entry["find"], entry["replace"], 1)
            yield entry["id"], entry["file"], edited.encode("utf-8")


def _problems(checking: tuple[SchemaSet, ReferenceIndex]) -> dict[str, list[Problem]]:
    schemas, index = checking
    found = {}
    for ident, name, raw in _edited():
        loaded = load_bytes(raw, Path(REPO / name), name)
        loaded.untouched = True
        found[ident] = sorted(check_guide_file(loaded, schemas, index, today=TODAY))
    return found


def _read_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    def every_form(forms: Any, _kind: str) -> Any:
        return list(forms)

    monkeypatch.setattr(statements, "_stated", every_form)
    monkeypatch.setattr(offices, "_speaks_of_offices", lambda _text: True)
    monkeypatch.setattr(materials, "_material_key", lambda _material: None)
    monkeypatch.setattr(quantities, "_ages", lambda lang, text: quantities._AGES[lang](text))
    monkeypatch.setattr(material_asks, "_english_documents", _every_licence)


def _every_licence(clause: str, catalogue: Any) -> tuple[Any, ...]:
    """The licences a clause names, each licence's expression asked in turn (no union
    first, nothing remembered)."""
    found = []
    for licence, pattern in catalogue.names:
        match = pattern.search(clause)
        if match is not None:
            found.append((licence, match.group(0)))
    return tuple(found)


def test_the_rules_report_the_same_with_and_without_their_shortcuts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the defects are edits of the same samples: most materials and texts recur, so the
    # run remembers them clean in one guide and passes them over in the next
    shortcuts = _problems(_index())
    _read_everything(monkeypatch)
    everything = _problems(_index())
    assert len(everything) > 300
    assert sum(map(len, everything.values())) > 300  # the defects are found at all
    for ident, problems in everything.items():
        assert [p.as_text() for p in shortcuts[ident]] == [p.as_text() for p in problems], ident
        assert shortcuts[ident] == problems, ident


def test_a_text_without_any_claim_is_passed_over() -> None:
    """The gates answer no for a text that states nothing (else they would save nothing),
    and yes wherever a check has something to read."""
    plain = "在窗口填写申请表。"
    assert not statements._states_something(plain, "summary")
    assert statements._states_something("只跑一次，3 个工作日内办结。", "summary")
    assert statements._states_something("需本人到场", "visits")
    assert not statements._states_something("需本人到场", "fees")
    assert not offices._speaks_of_offices(plain)
    assert offices._speaks_of_offices("周六上午 9:00-12:00 也可办理。")


@pytest.mark.parametrize(
    ("clause", "named"),
    [
        ("bring your household register", ["household-register"]),
        ("bring the Household Registers of both parents", ["household-register"]),
        # `Resident` left out, and a plural
        (
            "show your identity card and your marriage certificates",
            ["resident-id-card", "marriage-certificate"],
        ),
        ("bring the original business licence", ["business-licence"]),
        ("bring the form you printed", []),
        ("", []),
    ],
)
def test_a_clause_is_searched_for_the_catalogues_names_once(clause: str, named: list[str]) -> None:
    """One expression of every licence's name says whether a clause names any, and what a
    clause names is remembered for the run: the same clause recurs from guide to guide."""
    _schemas, index = _index()
    catalogue = material_asks._catalogue(index.facts)
    first = material_asks._english_documents(clause, catalogue)
    assert [licence.id for licence, _phrase in first] == named
    assert first == _every_licence(clause, catalogue)
    assert material_asks._english_documents(clause, catalogue) is first
