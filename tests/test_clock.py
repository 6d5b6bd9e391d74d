"""Today's date comes from one place, and SOURCE_DATE_EPOCH sets it (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from support import REPO, TODAY_EPOCH

from generator.common import clock
from generator.validate.tree import validate_tree


def test_the_suite_runs_on_a_pinned_day() -> None:
    """conftest pins SOURCE_DATE_EPOCH, so no test depends on the wall clock."""
    assert clock.today() == dt.datetime.fromtimestamp(TODAY_EPOCH, tz=dt.UTC).date()


def test_source_date_epoch_decides_when_a_review_is_overdue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """student-financial-aid was reviewed 2026-03-16: overdue from 2027-03-17 on, not before."""

    def review_warnings() -> list[str]:
        result = validate_tree(REPO / "guides")
        return [p.file for p in result.problems if p.path == "reviewed"]

    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 3, 16, tzinfo=dt.UTC).timestamp()))
    )
    assert not any("student-financial-aid" in f for f in review_warnings())
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 3, 17, tzinfo=dt.UTC).timestamp()))
    )
    assert any("student-financial-aid" in f for f in review_warnings())


def test_without_source_date_epoch_it_is_the_system_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert clock.today() == dt.date.today()
