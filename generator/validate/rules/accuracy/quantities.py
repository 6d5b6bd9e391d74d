"""The typed facts of a text, read once in each language and compared kind by kind.

The numbers rule of language.py compares the bare numbers of the two languages of a text.
That misses a fact whose number stays and whose unit changes (6 个月 / 6 weeks, 5 个工作日 /
5 calendar days), a fact written without a digit (半小时, 两周, 百分之八十), a fact that is no
number at all (向东 / west, B 口 / exit C), and it raises a false alarm where the same time is
written in other units (最长三年 / up to 36 months).

Here a text is read into typed quantities, each found by one small named pattern:

- `duration`: a number (digits, full-width digits, 中文数字 with 两, 半, English words, a range
  such as 三到五) and its unit, normalised: hours are minutes, weeks are 7 days, years are
  12 months, 半小时 is 30 minutes, 半个月 15 days, 半年 6 months; working days stay apart
  from calendar days;
- `percent`: 90%, 百分之九十, 90 per cent, ninety per cent;
- `age`: 16 周岁, 70 岁 / 16 or over, aged 80, under 16;
- `direction`: 向东, 东侧, 北门 / east, west of …;
- `exit`: B 口 / exit B (a metro station's exit).

Two languages disagree on a kind when each states a fact of that kind the other does not
(a fact said in one language only, such as the lower end of a range, adds to the other
and is no disagreement here). What each finds
depends only on the two texts, so the pair rules' memory (rules/walk.py) holds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.common.i18n import N_, _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.claims import EN_NUMBER, en_number, zh_number
from generator.validate.rules.checker import Checker

_ZH_N = r"(?:\d+(?:\.\d+)?|[〇一二两三四五六七八九十廿卅百]+)"
_EN_N = r"(?:\d+(?:\.\d+)?|" + EN_NUMBER + r"|a|an)"
_RANGE_ZH = r"(?:到|至|-|–|—|~|～|或)"
_RANGE_EN = r"(?:to|-|–|or)"


@dataclass(frozen=True)
class Fact:
    """One typed fact of a text: its kind, its normalised value and the words it is written in."""

    kind: str
    value: tuple[object, ...]
    phrase: str


def _zh_value(word: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    value = zh_number(word.replace("两", "二"))
    return None if value is None else float(value)


def _en_value(word: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    value = en_number(word)
    return None if value is None else float(value)


# --- durations ---------------------------------------------------------------------------------
class _Units:
    """Named unit patterns: one alternation that finds any of them in a number's pattern,
    and the name of the one a found unit is."""

    def __init__(self, *units: tuple[str, str], flags: int = 0) -> None:
        self.alternation = "|".join(pattern for _kind, pattern in units)
        self._each = [(kind, re.compile(pattern, flags)) for kind, pattern in units]

    def kind(self, unit: str) -> str:
        for kind, pattern in self._each:
            if pattern.fullmatch(unit):
                return kind
        return "days"


_ZH_UNITS = _Units(
    ("working_days", r"个?工作日"),
    ("minutes", r"分钟"),
    ("hours", r"个?小时|个?钟头"),
    ("weeks", r"个?(?:周|星期|礼拜)(?![岁一二三四五六日天末])"),
    ("months", r"个月"),
    ("years", r"年(?![级龄代])"),
    ("days", r"天|个?自然日|个?日历日"),
)
_ZH_DURATION = re.compile(
    r"(?<![\d〇一二两三四五六七八九十廿卅百第每周])"
    rf"({_ZH_N})(?:\s*{_RANGE_ZH}\s*({_ZH_N}))?\s*(?:({_ZH_UNITS.alternation}))"
)
_ZH_HALF = (
    (re.compile(r"半(?:个)?小时"), ("minutes", 30.0)),
    (re.compile(r"半个月"), ("days", 15.0)),
    (re.compile(r"(?<![一二两三四五六七八九十\d])半年"), ("months", 6.0)),
)
_EN_UNITS = _Units(
    ("working_days", r"(?:working|business)\s+days?"),
    ("days", r"(?:calendar\s+)?days?"),
    ("minutes", r"minutes?|mins?"),
    ("hours", r"hours?"),
    ("weeks", r"weeks?"),
    ("fortnights", r"fortnights?"),
    ("months", r"months?"),
    ("years", r"years?"),
    flags=re.IGNORECASE,
)
_EN_DURATION = re.compile(
    rf"\b({_EN_N})(?:\s*{_RANGE_EN}\s*({_EN_N}))?[\s-]+"
    rf"({_EN_UNITS.alternation})\b(?!\s+(?:old|of age))",
    re.IGNORECASE,
)
_EN_HALF = (
    (re.compile(r"\bhalf an? hour\b", re.IGNORECASE), ("minutes", 30.0)),
    (re.compile(r"\bhalf a month\b", re.IGNORECASE), ("days", 15.0)),
    (re.compile(r"\bhalf a year\b|\bsix-month\b", re.IGNORECASE), ("months", 6.0)),
)
_SPAN_BEFORE_EN = re.compile(
    r"\b(?:within|for|after|than|in|to|over|about|around|nearly|almost|least|only|just|takes?"
    r"|lasts?|valid|up)\s+$",
    re.IGNORECASE,
)
"""Before `a year`, these make it how long (within a week, less than a year); elsewhere it is
how often (once a year, two rounds a year, 24 hours a day)."""
_SPAN_AFTER_EN = re.compile(
    r"\s+(?:before|beforehand|ahead|earlier|in advance|later|after(?:wards)?)\b", re.IGNORECASE
)
"""After `a week`, these make it how long too (we text you a week before, a month later)."""
_DATE_YEAR = 1900
"""From this number up, 年 is a year of the calendar (2026 年), not a count of years."""

_NORMAL = {
    "hours": ("minutes", 60.0),
    "weeks": ("days", 7.0),
    "fortnights": ("days", 14.0),
    "years": ("months", 12.0),
}
_UNIT_WORDS = {
    "minutes": N_("minutes"),
    "days": N_("calendar days"),
    "working_days": N_("working days"),
    "months": N_("months"),
}


def _normal(kind: str, value: float) -> tuple[str, float]:
    unit, factor = _NORMAL.get(kind, (kind, 1.0))
    return unit, value * factor


def durations_zh(text: str) -> list[Fact]:
    """The durations of a Chinese text (三到五个工作日 is 3 and 5 working days)."""
    found: list[Fact] = []
    for pattern, half in _ZH_HALF:
        found += [Fact("duration", half, match.group(0)) for match in pattern.finditer(text)]
    for match in _ZH_DURATION.finditer(text):
        kind = _ZH_UNITS.kind(match.group(3))
        for word in filter(None, (match.group(1), match.group(2))):
            value = _zh_value(word)
            if value is None or (kind == "years" and value >= _DATE_YEAR):
                continue
            if text.startswith("半", match.end(3)):  # 一年半, 两个半月: not read, not wrong
                break
            found.append(Fact("duration", _normal(kind, value), match.group(0)))
    return found


def durations_en(text: str) -> list[Fact]:
    """The durations of an English text (3 to 5 working days, a year, ten-day)."""
    found: list[Fact] = []
    for pattern, half in _EN_HALF:
        found += [Fact("duration", half, match.group(0)) for match in pattern.finditer(text)]
    for match in _EN_DURATION.finditer(text):
        first = match.group(1).lower()
        if (
            first in ("a", "an")
            and not _SPAN_BEFORE_EN.search(text, 0, match.start())
            and not _SPAN_AFTER_EN.match(text, match.end())
        ):
            continue  # once a year: how often
        if first in ("a", "an") and text[match.start() : match.start() + 6].lower() == "a half":
            continue
        kind = _EN_UNITS.kind(match.group(3))
        for word in filter(None, (match.group(1), match.group(2))):
            value = _en_value(word)
            if value is None or (kind == "years" and value >= _DATE_YEAR):
                continue
            found.append(Fact("duration", _normal(kind, value), match.group(0)))
    return found


# --- percentages -------------------------------------------------------------------------------
_ZH_PERCENT = re.compile(
    r"(\d+(?:\.\d+)?)\s*[%％]|百分之([〇一二两三四五六七八九十百]+|\d+(?:\.\d+)?)"
)
_EN_PERCENT = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:[%％]|per\s?cent\b)|\b(" + EN_NUMBER + r"|a hundred)\s+per\s?cent\b",
    re.IGNORECASE,
)


def percents_zh(text: str) -> list[Fact]:
    found = []
    for match in _ZH_PERCENT.finditer(text):
        value = _zh_value(match.group(1) or match.group(2))
        if value is not None:
            found.append(Fact("percent", (value,), match.group(0)))
    return found


def percents_en(text: str) -> list[Fact]:
    found = []
    for match in _EN_PERCENT.finditer(text):
        word = match.group(1) or match.group(2)
        value = 100.0 if word.lower() == "a hundred" else _en_value(word)
        if value is not None:
            found.append(Fact("percent", (value,), match.group(0)))
    return found


# --- ages --------------------------------------------------------------------------------------
_ZH_AGE = re.compile(
    rf"(?<![\d〇一二两三四五六七八九十百])({_ZH_N})(?:\s*{_RANGE_ZH}\s*({_ZH_N}))?\s*周?岁"
)
_EN_AGE = re.compile(
    rf"\b(?:aged|under|over|age)\s+({_EN_N})(?:\s*(?:-|–|to)\s*(\d+))?\b"
    r"(?![\s-]*(?:%|per|days?|weeks?|months?|years?|hours?|minutes?|yuan|working|calendar"
    r"|business|times))"
    rf"|\b({_EN_N})\s+or\s+(?:over|older|above)\b"
    rf"|\b({_EN_N})[\s-]+years?[\s-]+old\b",
    re.IGNORECASE,
)


def ages_zh(text: str) -> list[Fact]:
    found = []
    for match in _ZH_AGE.finditer(text):
        for word in filter(None, (match.group(1), match.group(2))):
            value = _zh_value(word)
            if value is not None:
                found.append(Fact("age", (value,), match.group(0)))
    return found


# Every branch of _EN_AGE holds one of these words. Most English texts hold none, and
# _EN_AGE tries its number words at every word of a text (0.3 ms a text).
_EN_AGE_WORD = re.compile(r"\b(?:age|under|over|old|above)", re.IGNORECASE)


def ages_en(text: str) -> list[Fact]:
    found: list[Fact] = []
    if not _EN_AGE_WORD.search(text):
        return found
    for match in _EN_AGE.finditer(text):
        words: tuple[str | None, ...]
        if match.group(1):
            words = (match.group(1), match.group(2))
        else:
            words = (match.group(3) or match.group(4),)
        for word in filter(None, words):
            if word.lower() in ("a", "an"):
                continue
            value = _en_value(word)
            if value is not None:
                found.append(Fact("age", (value,), match.group(0)))
    return found


# --- directions and exits ----------------------------------------------------------------------
_COMPASS = {"东": "east", "西": "west", "南": "south", "北": "north"}
_ZH_DIRECTION = re.compile(r"(?:向|往|朝)([东西南北])|([东西南北])(?=侧|边|面|门|出口|方向)")
_EN_DIRECTION = re.compile(r"\b(east|west|south|north)(?:ern|wards?)?\b", re.IGNORECASE)
_ZH_EXIT = re.compile(r"(?<![A-Za-z])([A-Z])\s*(?:出入口|出口|口)")
_EN_EXIT = re.compile(r"\bexits?\s+([A-Z])\b")


def directions_zh(text: str) -> list[Fact]:
    return [
        Fact("direction", (_COMPASS[m.group(1) or m.group(2)],), m.group(0))
        for m in _ZH_DIRECTION.finditer(text)
    ]


def directions_en(text: str) -> list[Fact]:
    return [
        Fact("direction", (m.group(1).lower(),), m.group(0)) for m in _EN_DIRECTION.finditer(text)
    ]


def exits_zh(text: str) -> list[Fact]:
    return [Fact("exit", (m.group(1),), m.group(0)) for m in _ZH_EXIT.finditer(text)]


def exits_en(text: str) -> list[Fact]:
    return [Fact("exit", (m.group(1),), m.group(0)) for m in _EN_EXIT.finditer(text)]


# --- counts of things that are no material: generations, times, rounds -------------------------
_COUNTED_ZH = _Units(
    ("generations", r"代(?![办表替])"),
    ("times", r"次(?![日月年性])"),
    ("rounds", r"批(?![准复示])|轮"),
)
_ZH_COUNT = re.compile(
    rf"(?<![\d〇一二两三四五六七八九十百第每])({_ZH_N})\s*"
    rf"(?:{_COUNTED_ZH.alternation})"
)
_EN_COUNT = re.compile(
    rf"\b({_EN_N})\s+(?:[a-z]+\s+)?(generations?|times|rounds?|batch(?:es)?)\b|\b(once|twice)\b",
    re.IGNORECASE,
)
_EN_COUNT_OF = {"generation": "generations", "time": "times", "round": "rounds", "batch": "rounds"}
_EN_TIMES = {"once": 1.0, "twice": 2.0}


def counts_zh(text: str) -> list[Fact]:
    """三代以内, 签注一次, 受理两批: a count of generations, times or rounds."""
    found = []
    for match in _ZH_COUNT.finditer(text):
        value = _zh_value(match.group(1))
        unit = match.group(0)[len(match.group(1)) :].strip()
        if value is not None:
            kind = _COUNTED_ZH.kind(unit[:1])
            found.append(Fact("count", (kind, value), match.group(0)))
    return found


def counts_en(text: str) -> list[Fact]:
    found = []
    for match in _EN_COUNT.finditer(text):
        if match.group(3):
            if match.group(3).lower() == "once" and not _ONCE_COUNT.match(text, match.end()):
                continue  # once you have applied: as soon as
            found.append(
                Fact("count", ("times", _EN_TIMES[match.group(3).lower()]), match.group(0))
            )
            continue
        value = _en_value(match.group(1))
        noun = match.group(2).lower()
        kind = next(k for stem, k in _EN_COUNT_OF.items() if noun.startswith(stem))
        if value is not None and match.group(1).lower() not in ("a", "an"):
            found.append(Fact("count", (kind, value), match.group(0)))
    return found


_ONCE_COUNT = re.compile(r"\s*(?:[,.;:)]|$|a |an |every |per |more|again|only|in )", re.IGNORECASE)
"""After `once`, these make it a count (once a year, once more, only once.), not "as soon as"."""


# --- who pays the postage ----------------------------------------------------------------------
_POSTAGE_FREE_ZH = re.compile(
    r"邮费由政府(?:承担|支付|出)|免费(?:邮寄|寄)|包邮|免(?:收)?邮费|邮费全免"
)
_POSTAGE_PAID_ZH = re.compile(
    r"邮费自付|邮费(?:由)?(?:你|您|申请人|本人)(?:自己)?(?:承担|支付|付)|到付"
)
_POSTAGE_FREE_EN = re.compile(
    r"(?:post(?:ed|s)?|sent|mailed)\b[^.;]{0,40}\b(?:free of charge|at no cost|for free)"
    r"|at the (?:government|city|state)'s (?:cost|expense)|free (?:postage|delivery)",
    re.IGNORECASE,
)
_POSTAGE_PAID_EN = re.compile(
    r"\bat your (?:own )?(?:cost|expense)|\byou pay (?:the |for )?(?:postage|delivery)"
    r"|\bpostage (?:is )?(?:paid by you|at your cost)|cash on delivery",
    re.IGNORECASE,
)


def _ways(kind: str, text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> list[Fact]:
    """A fact of `kind` for each phrase of `text` one of the patterns finds, valued by the
    way that pattern stands for (free or paid postage, a proxy refused or allowed)."""
    return [
        Fact(kind, (way,), m.group(0)) for way, pattern in patterns for m in pattern.finditer(text)
    ]


def postage_zh(text: str) -> list[Fact]:
    if "邮" not in text and "寄" not in text and "到付" not in text:
        return []
    return _ways("postage", text, (("free", _POSTAGE_FREE_ZH), ("paid", _POSTAGE_PAID_ZH)))


def postage_en(text: str) -> list[Fact]:
    return _ways("postage", text, (("free", _POSTAGE_FREE_EN), ("paid", _POSTAGE_PAID_EN)))


# --- whether someone else may apply for the citizen ---------------------------------------------
_PROXY_REFUSED_ZH = re.compile(r"(?:不能|不得|不可|不可以|不接受|不允许)(?:他人)?(?:代办|委托)")
_PROXY_ALLOWED_ZH = re.compile(r"(?<![不])(?:可以|可|能)(?:由[^，。；]{1,8})?(?:代办|委托)")
_PROXY_REFUSED_EN = re.compile(
    r"\b(?:nobody|no one)(?: else)? can (?:do it|apply|come)[^.;]{0,12}\bfor you\b"
    r"|\b(?:cannot|can't|may not) (?:apply|be done|be handled)[^.;]{0,12}\b(?:for you|on your "
    r"behalf|by (?:someone|anyone) else)\b|\bno proxies\b",
    re.IGNORECASE,
)
_PROXY_ALLOWED_EN = re.compile(
    r"(?<!not )\b(?:can|may) (?:apply|do it|file|submit)(?: it)? "
    r"(?:for (?:you|them)|on your behalf)\b",
    re.IGNORECASE,
)


def proxies_zh(text: str) -> list[Fact]:
    """不能代办 (refused; 能代办 after 不 is no permission), 可以由家长代办 (allowed)."""
    return _ways("proxy", text, (("refused", _PROXY_REFUSED_ZH), ("allowed", _PROXY_ALLOWED_ZH)))


def proxies_en(text: str) -> list[Fact]:
    """ "nobody can do it for you" (refused), "a parent can apply for you" (allowed)."""
    refused = list(_PROXY_REFUSED_EN.finditer(text))
    found = [Fact("proxy", ("refused",), m.group(0)) for m in refused]
    found += [
        Fact("proxy", ("allowed",), m.group(0))
        for m in _PROXY_ALLOWED_EN.finditer(text)
        if not any(r.start() <= m.start() < r.end() for r in refused)
    ]
    return found


# --- how often: each month, each year, each term ------------------------------------------------
_PERIOD_ZH = re.compile(r"(?:每(?:个)?|按)(学期|季度|月|年|季)")
_PERIOD_EN = re.compile(
    r"\b(?:each|every|per|once a|twice a|times a)\s+(month|year|term|semester|quarter)\b"
    r"|\b(monthly|yearly|annually|quarterly|termly)\b",
    re.IGNORECASE,
)
_PERIOD_OF = {
    "月": "month", "年": "year", "学期": "term", "季度": "quarter", "季": "quarter",
    "monthly": "month", "yearly": "year", "annually": "year", "quarterly": "quarter",
    "termly": "term", "semester": "term",
}  # fmt: skip
"""How often something happens (每月发放, 按季度缴费 / monthly, once a term), by period; as with
the other kinds, only a text whose two languages each name a period is compared (每年 5 月
against "every May" names none in English)."""


def periods_zh(text: str) -> list[Fact]:
    return [
        Fact("period", (_PERIOD_OF[m.group(1)],), m.group(0)) for m in _PERIOD_ZH.finditer(text)
    ]


def periods_en(text: str) -> list[Fact]:
    found = []
    for match in _PERIOD_EN.finditer(text):
        word = (match.group(1) or match.group(2)).lower()
        found.append(Fact("period", (_PERIOD_OF.get(word, word),), match.group(0)))
    return found


# --- comparing ---------------------------------------------------------------------------------
_READERS = (
    ("duration", re.compile(r"[天日周月年时分星礼]"), durations_zh, durations_en),
    ("percent", re.compile(r"[%％]|百分之"), percents_zh, percents_en),
    ("age", re.compile(r"岁"), ages_zh, ages_en),
    ("direction", re.compile(r"[东西南北]"), directions_zh, directions_en),
    ("exit", re.compile(r"[A-Z]\s*(?:出入口|出口|口)"), exits_zh, exits_en),
    ("count", re.compile(r"[代次批轮]"), counts_zh, counts_en),
    ("postage", re.compile(r"邮|寄|到付"), postage_zh, postage_en),
    ("proxy", re.compile(r"代办|委托"), proxies_zh, proxies_en),
    ("period", re.compile(r"[每按](?:个)?(?:月|年|学期|季)"), periods_zh, periods_en),
)
"""Each kind: a cheap test a Chinese text must pass to state a fact of it, and the readers of
the two languages (most texts pass few of the tests: a text costs one search per kind)."""
_BY_UNIT = frozenset({"count"})
"""Kinds compared unit by unit: three generations and two rounds are not one count differing."""
_MAY_STATE_ZH = re.compile("|".join(f"(?:{test.pattern})" for _k, test, _z, _e in _READERS))
"""Any of the kinds' tests, in one search: most texts state none of these facts."""


@dataclass(frozen=True)
class Difference:
    """Facts of one kind that the two languages of a text state differently."""

    kind: str
    only_zh: tuple[Fact, ...]
    only_en: tuple[Fact, ...]


@functools.lru_cache(maxsize=16384)
def difference(zh: str, en: str) -> Difference | None:
    """The first kind of fact the two languages state differently, if any (both must state
    one of that kind)."""
    if _MAY_STATE_ZH.search(zh) is None:
        return None
    for kind, may_state, read_zh, read_en in _READERS:
        if may_state.search(zh) is None:
            continue
        zh_facts = read_zh(zh)
        if not zh_facts:
            continue
        en_facts = read_en(en)
        if not en_facts:
            continue
        if kind in _BY_UNIT:
            units = {f.value[0] for f in zh_facts} & {f.value[0] for f in en_facts}
            zh_facts = [f for f in zh_facts if f.value[0] in units]
            en_facts = [f for f in en_facts if f.value[0] in units]
        zh_values = {f.value for f in zh_facts}
        en_values = {f.value for f in en_facts}
        only_zh = tuple(f for f in zh_facts if f.value not in en_values)
        only_en = tuple(f for f in en_facts if f.value not in zh_values)
        if only_zh and only_en:  # one language adding a fact (3 至 5 天 / 5 days) says more
            return Difference(kind, only_zh, only_en)
    return None


def durations_agree(zh: str, en: str) -> bool:
    """True when both languages state durations and the same ones (三年 and 36 months)."""
    zh_facts, en_facts = durations_zh(zh), durations_en(en)
    return bool(zh_facts) and {f.value for f in zh_facts} == {f.value for f in en_facts}


def without_durations(text: str, facts: list[Fact]) -> str:
    """The text with the words of its durations blanked (for the bare-number comparison)."""
    for fact in facts:
        text = text.replace(fact.phrase, " ")
    return text


_CODES = {
    "duration": "accuracy.language.duration",
    "percent": "accuracy.language.percent",
    "age": "accuracy.language.age",
    "direction": "accuracy.language.direction",
    "exit": "accuracy.language.exit",
    "count": "accuracy.language.count",
    "postage": "accuracy.language.postage",
    "proxy": "accuracy.language.proxy",
    "period": "accuracy.language.count",
}
_HINTS = {
    "duration": N_(
        "a time limit, a validity or a notice period read in one language is not the one the "
        "other reader is given: make both say the same time, in the same unit"
    ),
    "percent": N_("one of the two readers is told another share: make both give the same rate"),
    "age": N_(
        "one of the two readers is told they are (or are not) old enough: make both give the "
        "same age"
    ),
    "direction": N_(
        "one of the two readers walks the wrong way: make both directions give the same way"
    ),
    "exit": N_(
        "one of the two readers leaves the station by another exit: make both name the same exit"
    ),
    "count": N_(
        "one of the two readers is told another number of times, rounds or generations: make "
        "both give the same count"
    ),
    "postage": N_(
        "one of the two readers is told the post is free, the other that they pay it: make both "
        "say who pays"
    ),
    "proxy": N_(
        "one of the two readers sends someone in their place, the other must come: make both "
        "say whether someone else may apply"
    ),
    "period": N_(
        "one of the two readers is told it happens, or is paid, more or less often: make both "
        "give the same period"
    ),
}


def _said(facts: tuple[Fact, ...]) -> str:
    return ", ".join(f"`{fact.phrase.strip()}`" for fact in facts) or "-"


def report(check: Checker, path: FieldPath, found: Difference) -> None:
    """Report a difference at the English phrase, and at the Chinese one when it is on
    another line (either may be the one to correct)."""
    en_path, zh_path = (*path, "en"), (*path, "zh-CN")
    message = _("the English text says {en} where the Chinese says {zh}").format(
        en=_said(found.only_en), zh=_said(found.only_zh)
    )
    if found.kind == "duration":
        message += " " + _("({en} against {zh})").format(
            en=_values(found.only_en), zh=_values(found.only_zh)
        )
    hint = _(_HINTS[found.kind])
    code = _CODES[found.kind]
    en_at = _at(check, en_path, found.only_en)
    check.error_at(en_path, en_at, message, hint, code=code)
    zh_at = _at(check, zh_path, found.only_zh)
    if abs(zh_at[0] - en_at[0]) > 1:
        check.error_at(zh_path, zh_at, message, hint, code=code)


def _values(facts: tuple[Fact, ...]) -> str:
    said = []
    for fact in facts:
        unit, value = fact.value
        said.append(f"{value:g} {_(_UNIT_WORDS.get(str(unit), str(unit)))}")
    return ", ".join(said) or "-"


def _at(check: Checker, path: FieldPath, facts: tuple[Fact, ...]) -> tuple[int, int]:
    for fact in facts:
        try:
            return check.loaded.fragment_position(path, fact.phrase)
        except (KeyError, ValueError):
            continue
    return check.loaded.position(path)


# --- the same fact restated in another part of the guide ----------------------------------------
def check_restated_ages(check: Checker, data: dict[str, object]) -> None:
    """An age in the summary or a FAQ answer that the eligibility, in the same language, does
    not name (年满 70 周岁 in the summary, 年满 80 周岁 in the eligibility): a warning, since
    an answer may speak of another age on purpose."""
    eligibility = data.get("eligibility")
    if not isinstance(eligibility, str | dict):
        return
    said = _ages_by_language(eligibility)
    if not said:
        return
    places: list[tuple[FieldPath, object]] = [(("summary",), data.get("summary"))]
    faq = data.get("faq")
    for number, entry in enumerate(faq if isinstance(faq, list) else []):
        if isinstance(entry, dict):
            places.append((("faq", number, "answer"), entry.get("answer")))
    for here, value in places:
        for lang, path, text in _forms(value, here):
            named = said.get(lang)
            if not named:
                continue
            for fact in _ages(lang, text):
                if fact.value in named[0]:
                    continue
                check.warning_at(
                    path,
                    check.loaded.fragment_position(path, fact.phrase),
                    _(
                        "the text says `{phrase}`, an age the eligibility (line {line}) does "
                        "not name: {ages}"
                    ).format(
                        phrase=fact.phrase,
                        line=check.loaded.position(named[1])[0],
                        ages=", ".join(sorted(str(v[0]).removesuffix(".0") for v in named[0])),
                    ),
                    _(
                        "a citizen decides from the summary whether they qualify: make the age "
                        "the one of the eligibility, or confirm the other age is meant"
                    ),
                    code="accuracy.text.age-eligibility",
                )
                break  # one age a text


_AGES = {"zh-CN": ages_zh, "en": ages_en}


@functools.lru_cache(maxsize=16384)
def _ages(lang: str, text: str) -> tuple[Fact, ...]:
    """The ages `text` (in `lang`) states, once per distinct text of a run: the summary,
    the answers and the eligibility recur from guide to guide, and `ages_en` tries its
    number words at every word of a text that holds one of its words."""
    return tuple(_AGES[lang](text))


def _forms(value: object, path: FieldPath) -> list[tuple[str, FieldPath, str]]:
    if isinstance(value, str):
        return [("zh-CN", path, value)]
    if isinstance(value, dict):
        return [
            (lang, (*path, lang), text)
            for lang, text in value.items()
            if lang in _AGES and isinstance(text, str)
        ]
    return []


def _ages_by_language(value: object) -> dict[str, tuple[set[tuple[object, ...]], FieldPath]]:
    """The ages each language of the eligibility names, and where that text is."""
    found: dict[str, tuple[set[tuple[object, ...]], FieldPath]] = {}
    for lang, path, text in _forms(value, ("eligibility",)):
        ages = {fact.value for fact in _ages(lang, text)}
        if ages:
            found[lang] = (ages, path)
    return found
