"""The two languages of one text: English that is Chinese, Chinese that is English, and
numbers (ages, days, fees, hours) that differ between them."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

import generator.validate.rules.accuracy.claims as claims
import generator.validate.rules.accuracy.quantities as quantities
from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.facts import WEEKDAYS
from generator.validate.rules.accuracy.script import simplified
from generator.validate.rules.checker import Checker, day_name

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]{6,}")
"""Six Chinese characters in a row: a Chinese sentence, not the name of an app or a hall."""
_CJK_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")
"""Two Chinese characters or more: a Chinese word left in an English text."""
_MIXED_WORDS = 3
_MIXED_CHARS = 6
"""An English text half translated: Chinese words in three places, or six characters in two
(one name, `search for 社保卡`, is no mixture)."""
_LATIN = re.compile(r"[A-Za-z]")
_EN_RUN_HINT = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} ")
_EN_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;'’-]+[A-Za-z]+){5,}")
"""Six English words in a row: a sentence left in a Chinese text (the name of an app or a
store, `Linjiang Services`, `App Store or Google Play`, is no sentence)."""
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[A-Za-z]{2,}")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_ZH_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?")
_EN_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|billion)?", re.I)
_SCALE = {"万": 1e4, "亿": 1e8, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_ANY_NUMBER_ZH = re.compile(r"\d|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]|半年")
_ZH_DAY_HINTS = ("周", "星期", "礼拜", "双休", "每天")
_EN_DAY_HINTS = ("saturday", "sunday", "weekend", "daily", "every day")
_SHORT = 120
"""Up to this many characters the numbers are compared with their counts (门 1 and 窗口 1)."""
_EN_SPAN = re.compile(r"(\d+)\s*(?:to|-|–)\s*(\d+)\s*(thousand|million|billion)", re.I)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_EN_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.I)
_ZH_COUNTED = re.compile(
    r"(?<![零〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰仟百千万亿])"
    r"([零〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰仟百千]+)\s*"
    r"(?=个?(?:月|年|天|日|周岁|岁|小时|分钟|张|份|次|人|号|楼|层|个工作日|元))"
)
"""`三个月`, `八十周岁`, `一百二十元`, `五千元`: a count in Chinese numerals (read whole: 八十 is
80, 一千五百 is 1500; after 万 or 亿 it is the tail of a larger amount, read by `_zh_big`)."""
_ZH_WORDS = {"半年": "6", "一年": "1", "半个月": "15"}
_EN_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "once": "1",
    "twice": "2", "half a year": "6", "a year": "1", "fifteen": "15", "twenty": "20",
    "thirty": "30", "sixty": "60", "ninety": "90",
}  # fmt: skip
_PRONOUN_ONE = re.compile(r"\s*(?:[,.;:!?)]|$|(?:and|or|of|that|which|who)\b)")
"""After `one`, these make it a pronoun (an electronic one, the new one.), not a count."""
_CONJUNCTION_ONCE = re.compile(
    r"\s+(?:you|we|they|he|she|it|your|the|this|that|a|an|[a-z]+ed)\b", re.IGNORECASE
)
"""After `once`, these make it "as soon as" (Once approved, once you have …), not a count."""
_AT_ONCE = re.compile(r"\bat\s+$", re.IGNORECASE)
"""Before `once`, `at` makes it "straight away" (approved at once), not a count."""
_EN_WORD = re.compile(
    r"\b("
    + "|".join(sorted((w for w in _EN_WORDS if " " in w), key=len, reverse=True))
    + "|"
    + claims.EN_NUMBER
    + "|"
    + "|".join(w for w in _EN_WORDS if " " not in w)
    + r")\b",
    re.I,
)
"""The counts in words above, and every number to ninety-nine (`twenty-four` is one number,
24, not 20 and 4)."""


def _en_word(word: str) -> str:
    word = word.lower()
    return _EN_WORDS.get(word) or str(claims.en_number(word))


_COMPOUND = re.compile(
    r"\b(" + claims.EN_NUMBER + r"|a)\s+(hundred|thousand|million|billion)\b", re.IGNORECASE
)
"""`one thousand`, `two million`, `a hundred`: a number word with its scale, read whole."""
_WORD_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}


def _compound_words(text: str) -> str:
    """The text with its number words and their scale written in figures (two million:
    2000000), so that they are read as one amount."""

    def figure(match: re.Match[str]) -> str:
        value = claims.en_number(match.group(1)) or 0
        return str(value * _WORD_SCALE[match.group(2).lower()])

    return _COMPOUND.sub(figure, text) if " " in text else text


def check_pair(check: Checker, path: FieldPath, zh: str, en: str) -> None:
    """Check the zh-CN and en forms of the text at `path` (the Chinese read in simplified
    characters: 週六 is 周六)."""
    zh = simplified(zh)
    finding = _finding(zh, en)
    lines = None
    if finding is None and "\n" in zh and "\n" in en:
        # A long list compares its numbers as sets (one language repeats a number the other
        # writes once); its items, written item for item, are compared one by one.
        lines = _differing_lines(zh, en, items=True)
        finding = lines[2] if lines is not None else None
    if finding is None or finding[0] == "numbers":
        # A fact read with its kind and unit (quantities.py) names what differs better than
        # a bare number, and finds what has no bare number to differ (半小时, 6 周 / 6 months).
        typed = quantities.difference(zh, en)
        if typed is not None:
            quantities.report(check, path, typed)
            return
    if finding is None:
        return
    en_path, zh_path = (*path, "en"), (*path, "zh-CN")
    kind = finding[0]
    if kind == "en-not-english":
        _kind, mostly, first = finding
        check.error_at(
            en_path,
            check.loaded.fragment_position(en_path, first),
            _("the English text is written in Chinese")
            if mostly
            else _("the English text contains Chinese: `{text}`").format(text=first[:30]),
            _("translate it, or leave `en` out: the page then shows only the Chinese"),
            code="accuracy.language.en-not-english",
        )
    elif kind == "zh-not-chinese":
        check.error(
            zh_path,
            _("the Chinese text (zh-CN) is written in English"),
            _("write the Chinese text in Chinese; English goes under `en`"),
            code="accuracy.language.zh-not-chinese",
        )
    elif kind == "zh-has-english":
        check.error_at(
            zh_path,
            check.loaded.fragment_position(zh_path, finding[1]),
            _("the Chinese text (zh-CN) contains an English sentence: `{text}`").format(
                text=finding[1][:40]
            ),
            _("a reader of Chinese cannot read it: translate it, or move the English under `en`"),
            code="accuracy.language.zh-not-chinese",
        )
    elif kind in ("fees", "need"):
        # The same words said otherwise in the two languages: a fee is an error (one reader
        # comes without the money), a need a warning (either may be the true one).
        _kind, en_words, zh_words = finding
        report, hint = (
            (
                check.error_at,
                _(
                    "one reader comes without the money, or pays what the other is told is "
                    "free: make both say whether there is a fee, and how much"
                ),
            )
            if kind == "fees"
            else (
                check.warning_at,
                _(
                    "one language says it is needed and the other that it is not: confirm "
                    "which is true and make both say the same"
                ),
            )
        )
        report(
            en_path,
            _position(check, en_path, en, en_words),
            _("the English text says `{en}` where the Chinese says `{zh}`").format(
                en=en_words, zh=zh_words
            ),
            hint,
            code=f"accuracy.language.{kind}",
        )
    elif kind == "fee-one-language":
        if path[:1] == ("fees",):
            return  # a fee's note: the item beside it gives its amount to both readers
        _kind, language, amount = finding
        said, text = (en_path, en) if language == "en" else (zh_path, zh)
        message = (
            _("the English text names `{amount}` to pay, but the Chinese says nothing of a fee")
            if language == "en"
            else _(
                "the Chinese text names `{amount}` to pay, but the English says nothing of a fee"
            )
        )
        check.warning_at(
            said,
            _position(check, said, text, amount),
            message.format(amount=amount),
            _(
                "confirm the amount: if it is charged, say it in both languages (and in the "
                "fee list); if not, take it out"
            ),
            code="accuracy.language.fee-one-language",
        )
    elif kind == "hours":
        _kind, day, en_spans, zh_spans = finding
        check.error(
            en_path,
            _("on {day} the English text gives the hours {en} where the Chinese gives {zh}").format(
                day=day_name(day), en=en_spans, zh=zh_spans
            ),
            _(
                "a citizen reading one language would come when the other says it is shut: "
                "make both give the same hours for each day"
            ),
            code="accuracy.language.hours",
        )
    elif kind == "links":
        _kind, en_hosts, zh_hosts = finding
        check.warning_at(
            en_path,
            _position(check, en_path, en, en_hosts[0])
            if en_hosts
            else check.loaded.position(en_path),
            _("the English text links to {en} where the Chinese links to {zh}").format(
                en=", ".join(en_hosts) or "-", zh=", ".join(zh_hosts) or "-"
            ),
            _(
                "the two readers are sent to different sites: confirm the English page is "
                "the same service's, or link both to the same address"
            ),
            code="accuracy.language.links",
        )
    elif kind == "days":
        _kind, en_days, zh_days = finding
        check.error(
            en_path,
            _("the English text names {en} where the Chinese names {zh}").format(
                en=", ".join(day_name(d) for d in sorted(en_days)) or _("no weekend day"),
                zh=", ".join(day_name(d) for d in sorted(zh_days)) or _("no weekend day"),
            ),
            _(
                "a citizen reading one language would come on a day the other says is shut: "
                "make both name the same days"
            ),
            code="accuracy.language.days",
        )
    else:
        _kind, only_en, only_zh = finding
        lines = lines or _differing_lines(zh, en)
        if lines is not None:  # a list written line for line: the line that differs
            zh, en, (_kind, only_en, only_zh) = lines
        message = _("the English text says {en} where the Chinese says {zh}").format(
            en=", ".join(only_en), zh=", ".join(only_zh)
        )
        hint = _(
            "a number that differs between the languages misleads one of the two readers: "
            "check both against the rules"
        )
        en_at = _position(check, en_path, en, only_en[0], lines is not None)
        check.error_at(en_path, en_at, message, hint, code="accuracy.language.numbers")
        zh_at = _position(check, zh_path, zh, only_zh[0], lines is not None)
        if abs(zh_at[0] - en_at[0]) > 1:
            check.error_at(zh_path, zh_at, message, hint, code="accuracy.language.numbers")


_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def _differing_lines(
    zh: str, en: str, *, items: bool = False
) -> tuple[str, str, tuple[Any, ...]] | None:
    """The first pair of lines whose numbers differ, in a text of several lines that both
    languages write line for line (an eligibility list of ages and amounts): there the
    editor must act, not at the first line that holds the same number. With `items`, only
    the Markdown list items are paired (a list is translated item for item)."""
    zh_lines, en_lines = zh.splitlines(), en.splitlines()
    if items:
        zh_lines = [line for line in zh_lines if _LIST_ITEM.match(line)]
        en_lines = [line for line in en_lines if _LIST_ITEM.match(line)]
    if len(zh_lines) < 2 or len(zh_lines) != len(en_lines):
        return None
    for zh_line, en_line in zip(zh_lines, en_lines, strict=True):
        finding = _finding(zh_line, en_line) if zh_line.strip() and en_line.strip() else None
        if finding is not None and finding[0] == "numbers":
            return zh_line, en_line, finding
    return None


def _position(
    check: Checker, path: FieldPath, text: str, number: str, line: bool = False
) -> tuple[int, int]:
    """Where `number` is written in the text at `path`; the text's own line when it is
    written otherwise (a month's name, a Chinese numeral, 8am). With `line`, `text` is one
    line of the value: where that line is written."""
    if line:
        return check.loaded.fragment_position(path, text.strip())
    if number in text:
        return check.loaded.fragment_position(path, number)
    if number.isdigit() and (grouped := f"{int(number):,}") in text:
        return check.loaded.fragment_position(path, grouped)  # 10,000 is read as 10000
    for pattern in (_EN_AMOUNT, _ZH_AMOUNT):  # 5 million, 5000 万: the amount as written
        for match in pattern.finditer(text):
            if match.group(2) and _amount(match.group(1), match.group(2)) == number:
                return check.loaded.fragment_position(path, match.group(0))
    for match in _ZH_COUNTED.finditer(text):
        if str(claims.zh_number(match.group(1))) == number:
            return check.loaded.fragment_position(path, match.group(0))
    for match in _EN_WORD.finditer(text):  # eighteen, twenty-four
        if _en_word(match.group(1)) == number:
            return check.loaded.fragment_position(path, match.group(0))
    return check.loaded.position(path)


@functools.lru_cache(maxsize=16384)
def _half_translated(en: str) -> bool:
    """`先在 App 里挂失 first, then 申请补卡`: Chinese words left in several places of an
    English text (`_MIXED_WORDS`, `_MIXED_CHARS`)."""
    words = _CJK_WORD.findall(en)
    return len(words) >= _MIXED_WORDS or (
        len(words) >= 2 and sum(len(word) for word in words) >= _MIXED_CHARS
    )


def _finding(zh: str, en: str) -> tuple[Any, ...] | None:
    """What is wrong between the two languages of one text, if anything (remembered per pair:
    guides share many texts)."""
    cjk = len(_CJK.findall(en)) if _CJK.search(en) else 0
    run = _CJK_RUN.search(en) if cjk else None
    mostly = cjk > 0 and cjk >= len(_LATIN.findall(en))
    if run or mostly:
        return ("en-not-english", mostly, run.group(0) if run else _CJK.findall(en)[0])
    if cjk >= 4 and _half_translated(en):
        return ("en-not-english", False, _CJK_WORD.findall(en)[0])
    if _CJK.search(zh) is None and len(_WORD.findall(zh)) >= 3:
        return ("zh-not-chinese",)
    if _EN_RUN_HINT.search(zh) and (sentence := _EN_SENTENCE.search(_URL.sub(" ", zh))):
        return ("zh-has-english", sentence.group(0))
    lower = en.lower()
    if (
        any(word in zh for word in _ZH_DAY_HINTS) or any(word in lower for word in _EN_DAY_HINTS)
    ) and ((zh_days := claims.weekend_days(zh)) != (en_days := claims.weekend_days(en))):
        return ("days", frozenset(en_days), frozenset(zh_days))
    if (":" in zh or "：" in zh) and ":" in en:
        hours = _hours_difference(zh, en)
        if hours is not None:
            return hours
    if ("元" in zh and ("free" in lower or "no " in lower or "nothing" in lower)) or (
        ("yuan" in lower or "rmb" in lower or "cny" in lower or "¥" in lower)
        and ("免" in zh or "不" in zh or "零" in zh)
    ):
        fees = _fee_difference(zh, lower)
        if fees is not None:
            return fees
    if "元" in zh or "yuan" in lower or "rmb" in lower or "cny" in lower or "¥" in en:
        alone = _fee_in_one_language(zh, en, lower)
        if alone is not None:
            return alone
    if "不" in zh or "无" in zh or "须" in zh or "需" in zh or "免" in zh:
        need = _need_difference(zh, lower)
        if need is not None:
            return need
    if "https://" in zh and "https://" in en:
        zh_hosts, en_hosts = _hosts(zh), _hosts(en)
        if zh_hosts and en_hosts and zh_hosts != en_hosts:
            return ("links", tuple(sorted(en_hosts - zh_hosts)), tuple(sorted(zh_hosts - en_hosts)))
    if _ANY_NUMBER_ZH.search(zh) is None:
        return None  # a difference needs a number on both sides
    # Digits first: only when they leave a Chinese number unmatched are the English number
    # words and months read too (most texts stop here).
    short = len(zh) <= _SHORT  # a long text repeats a number in one language, not the other
    zh_numbers = _count(numbers_zh(zh), short)
    en_numbers = _count(numbers_en(en, words=False), short)
    if not zh_numbers - en_numbers:
        return None
    en_numbers = _count(numbers_en(en), short)
    only_en = tuple(en_numbers - zh_numbers)
    only_zh = tuple(zh_numbers - en_numbers)
    if only_en and only_zh and quantities.durations_agree(zh, en):
        # 最长三年 / up to 36 months: the same time in other units; compare the rest
        zh_rest = quantities.without_durations(zh, quantities.durations_zh(zh))
        en_rest = quantities.without_durations(en, quantities.durations_en(en))
        zh_numbers, en_numbers = (
            _count(numbers_zh(zh_rest), short),
            _count(numbers_en(en_rest), short),
        )
        only_en, only_zh = tuple(en_numbers - zh_numbers), tuple(zh_numbers - en_numbers)
    if not (only_en and only_zh):
        return None
    return ("numbers", only_en, only_zh)


def _schedule(text: str) -> dict[str, set[tuple[str, str]]]:
    """What a text says the opening hours are: weekday -> (opens, closes) periods."""
    said: dict[str, set[tuple[str, str]]] = {}
    for opening in claims.opening_claims(text):
        for day in opening.days:
            if day in WEEKDAYS:
                said.setdefault(day, set()).update((s, e) for s, e, _w in opening.times)
    return {day: spans for day, spans in said.items() if spans}


def _hours_difference(zh: str, en: str) -> tuple[Any, ...] | None:
    """A day both languages give hours for, with other hours in each (`周六 9:00–12:00`,
    "Monday to Saturday 9:00–17:00")."""
    zh_hours, en_hours = _schedule(zh), _schedule(en)
    for day in WEEKDAYS:
        if day in zh_hours and day in en_hours and zh_hours[day] != en_hours[day]:
            return ("hours", day, _spans(en_hours[day]), _spans(zh_hours[day]))
    return None


def _spans(spans: set[tuple[str, str]]) -> str:
    return ", ".join(f"{opens}–{closes}" for opens, closes in sorted(spans))


_ZH_FREE = re.compile(r"免费|不收费|不收取|免收|不要钱|零收费|不花钱")
_ZH_CHARGE = re.compile(
    r"费\s*[\d〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰百]+\s*元|\d+\s*元[\u4e00-\u9fff]{0,3}费|收费\s*\d"
    r"|(?<![不免])(?:收取?(?![到入益])|缴纳?|支付|自付)\s*(?:每[次张本件份套]\s*)?"
    r"[\d〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰百]+\s*元"
)
"""A charge in Chinese: the fee's name and its amount (工本费 20 元, 20 元工本费), or the verb
that collects it and the amount (补考每次收 50 元, 需支付 30 元)."""
_EN_FREE = re.compile(r"\bfree\b|\bno (?:fee|charge)\b|costs nothing")
_EN_CHARGE = re.compile(r"\d+\s*yuan|\b(?:rmb|cny)\s*\d|[¥￥]\s*\d")


def _fee_difference(zh: str, lower: str) -> tuple[Any, ...] | None:
    """One language names a charge and says nothing free, the other says free and names no
    charge (补卡要交工本费 20 元 / Replacements are free)."""
    zh_free, zh_charge = _ZH_FREE.search(zh), _ZH_CHARGE.search(zh)
    en_free, en_charge = _EN_FREE.search(lower), _EN_CHARGE.search(lower)
    if zh_charge and not zh_free and en_free and not en_charge:
        return ("fees", en_free.group(0), zh_charge.group(0))
    if zh_free and not zh_charge and en_charge and not en_free:
        return ("fees", en_charge.group(0), zh_free.group(0))
    return None


_ZH_PRICE = re.compile(
    r"[\d〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰百千万.,]+\s*元(?!旦)"
)
"""An amount in yuan (120 元, 十五元); 元旦 is New Year's Day."""
_ZH_MONEY = re.compile(r"元|费|钱|收取|缴|付款|支付")
"""What a Chinese text says about money at all: an amount, a fee, paying."""
_EN_MONEY = re.compile(
    r"yuan|rmb|cny|[¥￥]|\bfees?\b|\bcharge|\bcost|\bpa(?:y|id)\b|\bfree\b|\bprice|\bmoney"
)
"""What an English text says about money at all."""


def _fee_in_one_language(zh: str, en: str, lower: str) -> tuple[Any, ...] | None:
    """One language names an amount to pay where the other says nothing of money at all
    ("pay an extra 100 yuan for urgent processing" against a Chinese that names no fee)."""
    en_charge = _EN_CHARGE.search(lower)
    if en_charge and not _EN_FREE.search(lower) and _ZH_MONEY.search(zh) is None:
        return ("fee-one-language", "en", en[en_charge.start() : en_charge.end()])
    zh_charge = _ZH_PRICE.search(zh)
    if zh_charge and not _ZH_FREE.search(zh) and _EN_MONEY.search(lower) is None:
        return ("fee-one-language", "zh", zh_charge.group(0).strip())
    return None


_ZH_NOT_NEEDED = re.compile(
    r"(?:不用|无需|无须|毋须|不需要?|不必|免于?)(?:再|重新|另外|本人|亲自)?[\u4e00-\u9fff]{1,3}"
)
"""`不用再考试`, `无需提交`: the Chinese says something is not needed."""
_ZH_NEEDED = re.compile(
    r"(?<![不无毋])(?:必须|务必|须|需要|需)(?:再|重新|另外|本人|亲自)?[\u4e00-\u9fff]{1,3}"
)
"""`必须重新考试`, `需本人签字`: the Chinese says something is needed."""
_ZH_ANY_NOT = re.compile(r"[不无没免非未毋勿]")
_EN_NEEDED = re.compile(
    r"\b(?:must|have to|has to|need to|needs to|will need|is required|are required|required to)\b"
)
""""you must sit the exam again": the English says something is needed."""
_EN_NOT_NEEDED = re.compile(
    r"\b(?:no need|(?:do|does|will) not (?:need|have) to|don't (?:need|have) to|"
    r"doesn't (?:need|have) to|needn't|need not|not required|not needed|there is no(?: need)?)\b"
)
""""you do not need to", "there is no new exam": the English says something is not needed."""
_EN_ANY_NOT = re.compile(r"\b(?:no|not|never|without|none|nothing|neither|nor|free)\b|n't\b")


def _need_difference(zh: str, lower: str) -> tuple[Any, ...] | None:
    """One language says something is not needed (不用再考试, "there is no new exam") and the
    other that it is ("you must sit the exam again", 必须重新考试), with no negation of its own
    that could say the same: a citizen reading one of them does what the other says is not
    needed, or skips what is required."""
    not_needed = _ZH_NOT_NEEDED.search(zh)
    if not_needed and (needed := _EN_NEEDED.search(lower)) and not _EN_ANY_NOT.search(lower):
        return ("need", needed.group(0), not_needed.group(0))
    needed_zh = _ZH_NEEDED.search(zh)
    if needed_zh and not _ZH_ANY_NOT.search(zh) and (said := _EN_NOT_NEEDED.search(lower)):
        return ("need", said.group(0), needed_zh.group(0))
    return None


_HOST = re.compile(r"https://([^/\s<>()\[\]\"'，。；、）:?#]+)")


def _hosts(text: str) -> set[str]:
    return {host.lower() for host in _HOST.findall(text)}


def _times(text: str) -> tuple[list[str], str]:
    """The times of day of a text (9:00 as 9:00), and the text without them."""
    found = [
        f"{int(m.group(0).split(':')[0])}:{m.group(0).split(':')[1]}" for m in _TIME.finditer(text)
    ]
    return found, _TIME.sub(" ", text)


def _amount(digits: str, scale: str | None) -> str:
    value = float(digits.replace(",", "")) * _SCALE.get((scale or "").lower(), 1)
    return f"{value:g}" if value != int(value) else str(int(value))


_ZH_BIG = re.compile(
    r"([〇零一二两三四五六七八九十百千]+)\s*(万|亿)([〇零一二两三四五六七八九十百千]*)(?=\s*[元人户个]|$|[，。；、,.;）)])"
)
"""`三十万元`, `四百万元`, `一万五千元`, `两亿元`: an amount in Chinese numerals with 万 or 亿."""


def _zh_below_wan(word: str) -> int | None:
    """A number under 10,000 in Chinese numerals, with 千 (五千, 一千五百) or without."""
    if "千" not in word:
        return claims.zh_number(word)
    head, _, rest = word.partition("千")
    thousands = claims.zh_number(head or "一")
    below = claims.zh_number(rest.lstrip("零〇")) if rest.strip("零〇") else 0
    return None if thousands is None or below is None else thousands * 1000 + below


def _zh_big(text: str) -> list[str]:
    found = []
    for match in _ZH_BIG.finditer(text):
        head, scale, tail = match.groups()
        value = _zh_below_wan(head)
        rest = _zh_below_wan(tail) if tail else 0
        if value is not None and rest is not None:
            found.append(str(value * int(_SCALE[scale]) + rest))
    return found


def numbers_zh(text: str) -> list[str]:
    """The numbers of a Chinese text: times, amounts (万, 亿), 一 … 十 and 半年 before a unit."""
    text = text.replace("：", ":")
    if "点" in text or "时" in text:  # 9 点到 12 点半 is 9:00–12:30, as the English writes it
        for start, end, written in claims.zh_time_ranges(text):
            text = text.replace(written, f"{start}–{end}", 1)
    found, rest = _times(text)
    found += [_amount(m.group(1), m.group(2)) for m in _ZH_AMOUNT.finditer(rest)]
    found += [str(claims.zh_number(m.group(1))) for m in _ZH_COUNTED.finditer(rest)]
    if "万" in rest or "亿" in rest:
        found += _zh_big(rest)
    found += [value for word, value in _ZH_WORDS.items() if word in rest]
    return found


_LARGE = 10_000
"""From this amount up (1 万) a number keeps its count in a long text too: 5000 万 said twice
is 50 million said twice, and a third of them written 5 million is a difference."""


def _count(numbers: list[str], short: bool) -> Counter[str]:
    if short:
        return Counter(numbers)
    counted = Counter(set(numbers))
    counted.update(n for n in numbers if _is_large(n))
    for number in set(numbers):
        if _is_large(number):
            counted[number] -= 1
    return counted


def _is_large(number: str) -> bool:
    return number.isdigit() and int(number) >= _LARGE


def numbers_en(text: str, *, words: bool = True) -> list[str]:
    """The numbers of an English text: times (9am–5pm as 9:00–17:00), amounts (thousand,
    million), words, months."""
    if claims.AM_PM_HINT.search(text):
        for start, end, written in claims.am_pm_ranges(text):
            text = text.replace(written, f"{start}–{end}", 1)
    found, rest = _times(text)
    rest = _EN_SPAN.sub(r"\1 \3 to \2 \3", rest)  # 50 to 200 million: both are millions
    if words:
        rest = _compound_words(rest)
    found += [_amount(m.group(1), m.group(2)) for m in _EN_AMOUNT.finditer(rest)]
    if not words:
        return found
    found += [
        _en_word(m.group(1))
        for m in _EN_WORD.finditer(rest)
        if not (m.group(1).lower() == "one" and _PRONOUN_ONE.match(rest, m.end()))
        and not (
            m.group(1).lower() == "once"
            and (
                _CONJUNCTION_ONCE.match(rest, m.end())
                or _AT_ONCE.search(rest, max(0, m.start() - 4), m.start())
            )
        )
    ]
    found += [
        str(_MONTHS.index(m.group(1).lower()) + 1)
        for m in _EN_MONTH.finditer(rest)
        if _is_month(rest, m)
    ]
    return found


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)$")


def _is_month(text: str, match: re.Match[str]) -> bool:
    """A month's name is written with a capital; `may` is a verb, and so is `May` opening a
    sentence (May I apply …)."""
    word = match.group(1)
    if not word[0].isupper():
        return False
    return word.lower() != "may" or not _SENTENCE_START.search(text, 0, match.start())
