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


def test_the_lines_an_edit_changed_are_found_by_halving_as_by_reading_every_character() -> None:
    """changed_lines compares slices, halving (a loop over characters cost a tenth of the
    set's run); it gives what reading from both ends character by character gives."""
    import random

    from benchmarks.seeded_edits import changed_lines

    def by_character(old: str, new: str) -> range:
        start = 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        end = 0
        while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
            end += 1
        first, last = new.count("\n", 0, start) + 1, new.count("\n", 0, len(new) - end) + 1
        return range(first, max(first, last) + 1)

    assert changed_lines("a\nb\nc\n", "a\nB\nc\n") == range(2, 3)
    assert changed_lines("a\nb\n", "a\nb\n") == range(3, 4)
    rng = random.Random(7)
    for _ in range(3000):
        old = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 24)))
        new = list(old)
        for _ in range(rng.randint(0, 3)):
            at = rng.randint(0, len(new))
            if rng.random() < 0.5:
                new.insert(at, rng.choice("ab\n"))
            elif new:
                del new[min(at, len(new) - 1)]
        assert changed_lines(old, "".join(new)) == by_character(old, "".join(new))
