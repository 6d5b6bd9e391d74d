"""The seeded accuracy set (tests/eval/accuracy/): recall at the right line, no false alarm."""

from __future__ import annotations

import sys

import pytest
from support import REPO

sys.path.insert(0, str(REPO))
from benchmarks.accuracy_set import load_entries, measure, summary

RECALL_TARGET = 0.95


@pytest.fixture(scope="module")
def result() -> dict:
    baseline, outcomes = measure(load_entries())
    return summary(baseline, outcomes)


def test_the_set_is_large_enough() -> None:
    """The set holds at least 100 defects and 20 correct edits, each with its reason."""
    entries = load_entries()
    assert sum(e["kind"] != "correct" for e in entries) >= 100
    assert sum(e["kind"] == "correct" for e in entries) >= 20
    assert all(e["why"] and e["line"] >= 1 for e in entries)


def test_unedited_samples_have_no_problem(result: dict) -> None:
    """The sample guides and reference data validate without a single problem."""
    assert [p.as_text() for p in result["baseline"]] == []


def test_recall_at_the_line(result: dict) -> None:
    """At least 95 % of the seeded defects are reported at the line the editor must change."""
    missed = {
        kind: counts["missed"] + counts["elsewhere"] for kind, counts in result["by_kind"].items()
    }
    assert result["recall"] >= RECALL_TARGET, missed


def test_no_false_alarm_on_correct_edits(result: dict) -> None:
    """Edits that keep a guide true raise no problem anywhere."""
    assert [(o.entry["id"], o.new[0].as_text()) for o in result["false_alarms"]] == []
