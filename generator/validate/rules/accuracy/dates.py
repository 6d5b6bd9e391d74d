"""Dates and times written in texts: real dates, ranges that end after they start, figures
given for a year before the guide was last reviewed."""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.claims import time_ranges, zh_number
from generator.validate.rules.checker import DAYS, Checker, day_name, strings

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR_DIGITS = "〇零一二三四五六七八九"
_YEAR_DIGIT = {"〇": 0, "零": 0} | {c: n for n, c in enumerate("一二三四五六七八九", 1)}
_DATE_ZH = re.compile(
    "(["
    + _YEAR_DIGITS
    + "]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})[日号]"
)
"""`二〇二六年二月二十九日`: a date in Chinese numerals, as 公文 write it."""
_WEEKDAY_AFTER = re.compile(r"\s*[（(]\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[）)]")
"""`（星期二）`, `(周五)` just after a date: the day of the week the text says it is."""
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_EN = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_EN = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_EN + r",?\s+(\d{4})"
    r"|" + _MONTH_EN + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b"
)
"""`31 April 2024`, `April 31, 2024`: a date in English, day and month either way round."""
_DATE_RANGE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:至|到|—|–|-)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_MONTH_DAY = re.compile(
    r"(?<![\d〇零一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]"
)
"""`五月三十二日`, `9 月 31 日`: a day of a month without its year (every year: 2 月 29 日
is a real day)."""
_YEAR_BEFORE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*$")
"""The year of a date (`written_dates` reads the whole date): 每年 is no year."""
_BETWEEN = re.compile(r"\s*起?\s*(?:至|到|—|–|-|~|～|until|to|through|till)\s*$", re.IGNORECASE)
"""What stands between the two dates of a period: `2027年3月1日起至2027年1月31日`."""
_WEEKDAY_EN = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day,?\s*(?:the\s+)?$", re.IGNORECASE
)
"""`Friday 7 December 2026`: the day of the week an English date is said to be."""
_WEEKDAYS_EN = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_LEAP_YEAR = 2024
"""A day of a month without its year is real if it is real in a leap year."""
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


def may_hold_date(text: str) -> bool:
    """True of every text `check_date_text` can report in: 年 or 月, a colon, or an English
    month."""
    return (
        "年" in text
        or "月" in text
        or ":" in text
        or "：" in text
        or _DATE_EN.search(text) is not None
    )


def _month_days(text: str) -> list[re.Match[str]]:
    """The days of a month written without a year (the dates with one are `written_dates`)."""
    if "月" not in text:
        return []
    return [
        match
        for match in _MONTH_DAY.finditer(text)
        if _YEAR_BEFORE.search(text, max(0, match.start() - 8), match.start()) is None
    ]


def written_dates(text: str) -> list[tuple[tuple[int, int, int], re.Match[str]]]:
    """Every date of a text as (year, month, day) with its match: `2026 年 2 月 3 日`,
    `二〇二六年二月三日` and `3 February 2026` / `February 3, 2026`."""
    found = []
    if "年" in text:
        for match in _DATE.finditer(text):
            year, month, day = (int(part) for part in match.groups())
            found.append(((year, month, day), match))
        for match in _DATE_ZH.finditer(text):
            year = int("".join(str(_YEAR_DIGIT[c]) for c in match.group(1)))
            month, day = zh_number(match.group(2)) or 0, zh_number(match.group(3)) or 0
            found.append(((year, month, day), match))
    for match in _DATE_EN.finditer(text):
        day_first, month_a, year_a, month_b, day_b, year_b = match.groups()
        month_name = (month_a or month_b).lower()
        month = next(n for n, name in enumerate(_MONTHS_EN, 1) if name.startswith(month_name[:3]))
        found.append(((int(year_a or year_b), month, int(day_first or day_b)), match))
    return found


def _weekday_wrong_en(text: str, match: re.Match[str], real: date) -> str | None:
    """The English weekday written just before a date when it is not that date's
    (`Friday 7 December 2026`)."""
    said = _WEEKDAY_EN.search(text, max(0, match.start() - 16), match.start())
    if said is None or _WEEKDAYS_EN.index(said.group(1).lower()) == real.weekday():
        return None
    return text[said.start() : match.end()]


def _weekday_wrong(text: str, match: re.Match[str], real: date) -> str | None:
    """The weekday written just after a date when it is not that date's (`（星期五）`)."""
    said = _WEEKDAY_AFTER.match(text, match.end())
    if said is None or _ZH_WEEKDAY[said.group(1)] == real.weekday():
        return None
    return text[match.start() : said.end()].strip()


def _reversed_periods(check: Checker, path: FieldPath, text: str) -> None:
    """Two dates joined as a period (至, 到, until) whose end is before its start, whatever way
    each is written (`2027年3月1日起至2027年1月31日止`, `二〇二七年…`, `1 March 2027 to …`);
    the ranges of digits alone are `_DATE_RANGE`'s."""
    dates = sorted(written_dates(text), key=lambda found: found[1].start())
    for (first, one), (last, other) in itertools.pairwise(dates):
        if _BETWEEN.match(text[one.end() : other.start()]) is None or last >= first:
            continue
        if _DATE_RANGE.search(text[one.start() : other.end()]):
            continue  # 2026年7月1日至2026年6月30日: reported below
        check.error_at(
            path,
            check.loaded.fragment_position(path, one.group(0)),
            _("`{range}` ends before it starts").format(range=text[one.start() : other.end()]),
            _("check the years, months and days of the period"),
            code="accuracy.date.range-reversed",
        )


def check_date_text(check: Checker, path: FieldPath, text: str, reviewed_year: int | None) -> None:
    """The dates and time ranges written in one text."""
    for (year, month, day), match in written_dates(text):
        try:
            real = date(year, month, day)
        except ValueError:
            check.error_at(
                path,
                check.loaded.fragment_position(path, match.group(0)),
                _("`{date}` is not a real date").format(date=match.group(0)),
                _("check the month and the day"),
                code="accuracy.date.not-real",
            )
            continue
        wrong = _weekday_wrong(text, match, real) or _weekday_wrong_en(text, match, real)
        if wrong is not None:
            check.error_at(
                path,
                check.loaded.fragment_position(path, wrong),
                _("`{written}`: that date is a {weekday}").format(
                    written=wrong, weekday=day_name(DAYS[real.weekday()])
                ),
                _("correct the date or the day of the week"),
                code="accuracy.date.wrong-weekday",
            )
    for match in _month_days(text):
        month, day = (
            int(part) if part.isdigit() else zh_number(part) or 0 for part in match.groups()
        )
        try:
            date(_LEAP_YEAR, month, day)
        except ValueError:
            check.error_at(
                path,
                check.loaded.fragment_position(path, match.group(0)),
                _("`{date}` is not a real date").format(date=match.group(0)),
                _("check the month and the day"),
                code="accuracy.date.not-real",
            )
    _reversed_periods(check, path, text)
    if "年" in text:
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
