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

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
"""`2026 年 2 月 29 日`, and `2026年2月29号` as people say it."""
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
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:至|到|—|–|-)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
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
_LEAP_YEAR = 2024
"""A day of a month without its year is real if it is real in a leap year."""
_FOUR_DIGITS = re.compile(r"\d{4}")
"""Four digits in a row: the year every match of `_DATE_EN` and `_DATE_NUMERIC` holds (a
quick scan first: most texts have none)."""
_DATE_NUMERIC = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/])")
"""`2026/02/29`, `2026-02-29`, `2026.2.29`: a date in figures, as forms and notices write it."""
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BEFORE_EN = re.compile(
    r"\b(Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:rs|rsday)?|Fri(?:day)?|Sat(?:urday)?"
    r"|Sun(?:day)?)\.?,?\s+(?:the\s+)?$"
)
"""`Friday 12 December 2026`, `Fri, 12 Dec 2026`: the weekday an English date is said to be."""
_DAY_MONTH_EN = (
    r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+"
    + _MONTH_EN
    + r"|"
    + _MONTH_EN
    + r"\s+(\d{1,2})(?:st|nd|rd|th)?)"
)
_RANGE_EN = re.compile(
    r"\b(?:[Bb]etween|[Ff]rom)\s+"
    + _DAY_MONTH_EN
    + r"(?:,?\s+(\d{4}))?\s+(?:and|to|until|till)\s+"
    + _DAY_MONTH_EN
    + r"(?:,?\s+(\d{4}))?"
)
"""`between 31 May and 10 May`, `from 1 July 2026 to 30 June 2026`: an English period."""
_WINDOW = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?\s*(?:至|到|—|–|-|～|~)\s*"
    r"(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?"
    r"[^。；;，,]{0,6}?(?:申报|报名|申请|受理|办理|预约)"
)
"""`2025 年 3 月至 9 月随时申报`: a window for applying, in months of a named year."""
_MONTH_DAY_WEEKDAY = re.compile(
    r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*[，,、]?\s*[（(]?\s*(?:星期|周|礼拜)([一二三四五六日天])"
)
"""`1 月 1 日，周四`, `12 月 8 日（星期二）` without a year: the year is the last one the text
wrote before it (2027 年元旦（1 月 1 日，周四）)."""
_A_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DEADLINE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?\s*(?:前|以前|之前|截止|止)"
    r"[^。；;，,]{0,8}?(?:申报|报名|申请|提交|办理|预约|登记)"
)
"""`请于 2025 年 6 月 30 日前申报`: a deadline for applying, in a named year."""
_DEADLINE_EN = re.compile(
    r"\b(?:apply|register|submit|sign up|book)\b[^.;]{0,40}?\b(?:by|before|until)\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTH_EN
    + r"|"
    + _MONTH_EN
    + r"\s+\d{1,2}(?:st|nd|rd|th)?),?\s+((?:19|20)\d{2})",
    re.IGNORECASE,
)
"""`apply by 30 June 2025`: the same in English."""
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
    """True of every text `check_date_text` can report in: 年 or 月, a colon, an English
    month, a date in figures or an English period."""
    return (
        "年" in text
        or "月" in text
        or ":" in text
        or "：" in text
        or (_FOUR_DIGITS.search(text) is not None and _DATE_EN.search(text) is not None)
        or (
            ("/" in text or "-" in text or "." in text)
            and _FOUR_DIGITS.search(text) is not None  # its year, as above
            and _DATE_NUMERIC.search(text) is not None
        )
        or (("etween" in text or "rom" in text) and _RANGE_EN.search(text) is not None)
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
    if "/" in text or "-" in text or "." in text:
        for match in _DATE_NUMERIC.finditer(text):
            if match.group(0) == text.strip():
                continue  # a date field (`updated: 2026-02-30`): the field rules read it
            found.append(((int(match[1]), int(match[3]), int(match[4])), match))
    for match in _DATE_EN.finditer(text):
        day_first, month_a, year_a, month_b, day_b, year_b = match.groups()
        month_name = (month_a or month_b).lower()
        month = next(n for n, name in enumerate(_MONTHS_EN, 1) if name.startswith(month_name[:3]))
        found.append(((int(year_a or year_b), month, int(day_first or day_b)), match))
    return found


def _month_en(name: str) -> int:
    return next(n for n, full in enumerate(_MONTHS_EN, 1) if full.startswith(name.lower()[:3]))


def _weekday_wrong(text: str, match: re.Match[str], real: date) -> str | None:
    """The weekday written just after a date (`（星期五）`), or just before an English one
    (`Friday 12 December 2026`), when it is not that date's."""
    if match.group(0)[:1].isascii():
        before = _WEEKDAY_BEFORE_EN.search(text, max(0, match.start() - 12), match.start())
        if before is not None:
            named = _WEEKDAYS_EN.index(
                next(d for d in _WEEKDAYS_EN if d.startswith(before.group(1).lower()[:3]))
            )
            if named != real.weekday():
                return text[before.start() : match.end()]
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
        span = text[one.start() : other.end()]
        if _DATE_RANGE.search(span) or _RANGE_EN.search(text, max(0, one.start() - 8), other.end()):
            continue  # 2026年7月1日至2026年6月30日, from 1 July to …: reported below
        _range_reversed(check, path, one.group(0), text[one.start() : other.end()])


def _at(check: Checker, path: FieldPath, written: str, message: str, hint: str, code: str) -> None:
    """An error at the place in the text at `path` where `written` is."""
    check.error_at(path, check.loaded.fragment_position(path, written), message, hint, code=code)


def _range_reversed(check: Checker, path: FieldPath, start: str, period: str) -> None:
    """A period written from `start` that ends before it starts."""
    _at(
        check,
        path,
        start,
        _("`{range}` ends before it starts").format(range=period),
        _("check the years, months and days of the period"),
        "accuracy.date.range-reversed",
    )


def _not_real(check: Checker, path: FieldPath, written: str) -> None:
    _at(
        check,
        path,
        written,
        _("`{date}` is not a real date").format(date=written),
        _("check the month and the day"),
        "accuracy.date.not-real",
    )


def check_date_text(check: Checker, path: FieldPath, text: str, reviewed_year: int | None) -> None:
    """The dates and time ranges written in one text."""
    for (year, month, day), match in written_dates(text):
        try:
            real = date(year, month, day)
        except ValueError:
            _not_real(check, path, match.group(0))
            continue
        wrong = _weekday_wrong(text, match, real)
        if wrong is not None:
            _at(
                check,
                path,
                wrong,
                _("`{written}`: that date is a {weekday}").format(
                    written=wrong, weekday=day_name(DAYS[real.weekday()])
                ),
                _("correct the date or the day of the week"),
                "accuracy.date.wrong-weekday",
            )
    for match in _month_days(text):
        month, day = (
            int(part) if part.isdigit() else zh_number(part) or 0 for part in match.groups()
        )
        try:
            date(_LEAP_YEAR, month, day)
        except ValueError:
            _not_real(check, path, match.group(0))
    _reversed_periods(check, path, text)
    if "年" in text and "月" in text:
        for match in _MONTH_DAY_WEEKDAY.finditer(text):
            years = _A_YEAR.findall(text, 0, match.start())
            if not years or text[: match.start()].rstrip().endswith("年"):
                continue  # no year before it, or the date's own year (read with the date)
            month, day, said = int(match.group(1)), int(match.group(2)), match.group(3)
            try:
                real = date(int(years[-1]), month, day)
            except ValueError:
                continue  # not a real date: a month-and-day check is not this rule's
            if _ZH_WEEKDAY[said] != real.weekday():
                _at(
                    check,
                    path,
                    match.group(0),
                    _("`{written}`: that date is a {weekday}").format(
                        written=f"{years[-1]} 年 {match.group(0)}",
                        weekday=day_name(DAYS[real.weekday()]),
                    ),
                    _("correct the date or the day of the week"),
                    "accuracy.date.wrong-weekday",
                )
    if "年" in text:
        for match in _DATE_RANGE.finditer(text):
            y1, m1, d1, y2, m2, d2 = match.groups()
            first = (int(y1), int(m1), int(d1))
            last = (int(y2 or y1), int(m2), int(d2))
            if last < first:
                _range_reversed(check, path, match.group(0), match.group(0))
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
    for match in _RANGE_EN.finditer(text) if "etween" in text or "rom" in text else ():
        d1, m1a, m1b, d1b, y1, d2, m2a, m2b, d2b, y2 = match.groups()
        year_1, year_2 = int(y1 or y2 or 0), int(y2 or y1 or 0)
        first = (year_1, _month_en(m1a or m1b), int(d1 or d1b))
        last = (year_2, _month_en(m2a or m2b), int(d2 or d2b))
        if last < first:
            _range_reversed(check, path, match.group(0), match.group(0))
    if reviewed_year:
        _deadlines(check, path, text, reviewed_year)
    if ":" in text or "：" in text:
        for start, end, written in time_ranges(text):
            if start >= end:
                _at(
                    check,
                    path,
                    written,
                    _("`{range}` ends before it starts").format(range=written),
                    _("write the opening time first, in 24-hour HH:MM"),
                    "accuracy.date.time-range-reversed",
                )


def _deadlines(check: Checker, path: FieldPath, text: str, reviewed_year: int) -> None:
    """A deadline for applying (2025 年 6 月 30 日前申报, apply by 30 June 2025), or a window
    for it (2025 年 3 月至 9 月随时申报), that ended in a year before the guide was reviewed:
    the citizen reads about a door that has closed."""
    found = []
    if "年" in text:
        found += [(m, int(m.group(1))) for m in _DEADLINE.finditer(text)]
        found += [(m, int(m.group(3) or m.group(1))) for m in _WINDOW.finditer(text)]
    if "by" in text or "before" in text or "until" in text:
        found += [(m, int(m.groups()[-1])) for m in _DEADLINE_EN.finditer(text)]
    for match, year in found:
        if year < reviewed_year:
            check.warning_at(
                path,
                check.loaded.fragment_position(path, match.group(0)),
                _(
                    "the text names a period for applying that ended in {year}, but the "
                    "guide was reviewed in {reviewed}"
                ).format(year=year, reviewed=reviewed_year),
                _("confirm the current period and write it (or say 每年 for every year)"),
                code="accuracy.date.window-over",
            )
