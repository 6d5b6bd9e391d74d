"""Dates and times written in texts: real dates, ranges that end after they start, figures
given for a year before the guide was last reviewed."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.claims import time_ranges
from generator.validate.rules.checker import Checker, strings

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_RANGE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:至|到|—|–|-)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_YEAR_FIGURE = re.compile(r"(\d{4})\s*年(?:度)?\s*(?:为|标准|的标准)")


def check_text_dates(check: Checker, data: Any) -> None:
    """Check the dates and time ranges written in every text of a file."""
    if isinstance(data, dict | list):
        year = reviewed_year(data)
        for path, text in strings(data, ()):
            check_date_text(check, path, text, year)


def reviewed_year(data: Any) -> int | None:
    """The year of a guide's `reviewed` date, if it has one."""
    reviewed = data.get("reviewed") if isinstance(data, dict) else None
    return int(reviewed[:4]) if isinstance(reviewed, str) and reviewed[:4].isdigit() else None


def check_date_text(check: Checker, path: FieldPath, text: str, reviewed_year: int | None) -> None:
    """The dates and time ranges written in one text."""
    if "年" in text:
        for match in _DATE.finditer(text):
            year, month, day = (int(part) for part in match.groups())
            try:
                date(year, month, day)
            except ValueError:
                check.error_at(
                    path,
                    check.loaded.fragment_position(path, match.group(0)),
                    _("`{date}` is not a real date").format(date=match.group(0)),
                    _("check the month and the day"),
                    code="accuracy.date.not-real",
                )
        for match in _DATE_RANGE.finditer(text):
            y1, m1, d1, y2, m2, d2 = match.groups()
            first = (int(y1), int(m1), int(d1))
            last = (int(y2 or y1), int(m2), int(d2))
            if last < first:
                check.error_at(
                    path,
                    check.loaded.fragment_position(path, match.group(0)),
                    _("`{range}` ends before it starts").format(range=match.group(0)),
                    _("check the years, months and days of the period"),
                    code="accuracy.date.range-reversed",
                )
        for match in _YEAR_FIGURE.finditer(text):
            if reviewed_year and int(match.group(1)) < reviewed_year:
                check.warning_at(
                    path,
                    check.loaded.fragment_position(path, match.group(0)),
                    _(
                        "the text gives the figure for {year}, but the guide "
                        "was reviewed in {reviewed}"
                    ).format(year=match.group(1), reviewed=reviewed_year),
                    _("confirm that the figure is still the current one, and give its year"),
                    code="accuracy.date.stale-figure",
                )
    if ":" in text or "：" in text:
        for start, end, written in time_ranges(text):
            if start >= end:
                check.error_at(
                    path,
                    check.loaded.fragment_position(path, written),
                    _("`{range}` ends before it starts").format(range=written),
                    _("write the opening time first, in 24-hour HH:MM"),
                    code="accuracy.date.time-range-reversed",
                )
