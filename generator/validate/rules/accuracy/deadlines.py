"""A citizen's own deadline said in the summary against the same deadline elsewhere in the
guide (the eligibility, the FAQ), in Chinese.

Two deadlines are read, each a small named pattern:

- the renewal window before a document expires: 90 天内到期, 到期前 90 天内;
- the time after a birth to register it: 出生后一个月内, and the FAQ's 超过一个月没落户.

When the summary gives one length and the rest of the guide only another (出生后三个月内
where the FAQ asks about 超过一个月), one of them was changed without the other: a citizen
who trusts the summary misses the real deadline. The language rules compare the two
languages of one text; this compares the parts of the guide, when both languages were
changed together.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.claims import CHINESE_NUMERALS
from generator.validate.rules.accuracy.facts import zh
from generator.validate.rules.checker import Checker, items

_NUMBER = r"(\d+|[一二两三四五六七八九十]+)"
_DEADLINES = {
    "expiry": (
        re.compile(_NUMBER + r"\s*(天|日|个月)\s*内\**\s*到期"),
        re.compile(r"到期前\s*" + _NUMBER + r"\s*(天|日|个月)"),
    ),
    "birth": (
        re.compile(r"出生(?:后|之日起)\s*" + _NUMBER + r"\s*(天|日|个月)"),
        re.compile(r"超过\s*" + _NUMBER + r"\s*(天|日|个月)\s*(?:没|未|还没)"),
    ),
}
_WHAT = {"expiry": "到期", "birth": "出生"}
_DAYS = {"天": 1, "日": 1, "个月": 30}


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CHINESE_NUMERALS.get(text[1:], 0)
    if text.endswith("十") and len(text) == 2:
        return CHINESE_NUMERALS.get(text[0], 0) * 10
    if "十" in text and len(text) == 3:
        return CHINESE_NUMERALS.get(text[0], 0) * 10 + CHINESE_NUMERALS.get(text[2], 0)
    return CHINESE_NUMERALS.get(text)


def _said(text: str) -> list[tuple[str, int, str]]:
    """The deadlines a text gives: (which, length in days, the phrase)."""
    if not any(word in text for word in ("到期", "出生", "超过")):
        return []
    found = []
    for which, patterns in _DEADLINES.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                value = _number(match.group(1))
                if value:
                    found.append((which, value * _DAYS[match.group(2)], match.group(0)))
    return found


_CONDITION = re.compile(
    r"(交社保|缴社保|交纳?社会保险|缴纳社会保险|参保|正常经营|经营|居住(?!证)|就读)"
    r"[^，。；\d一二两三四五六七八九十]{0,4}?(?:满|超过|不少于|至少)?\s*\**\s*"
    + _NUMBER
    + r"\s*\**\s*(个月|年)"
)
"""A condition the eligibility sets as a length of time (连续交社保满 3 个月, 正常经营满 6 个月,
在临江居住满 1 年): what is counted, and for how long."""
_COUNTED = {
    "交社保": "社保", "缴社保": "社保", "交社会保险": "社保", "交纳社会保险": "社保",
    "缴纳社会保险": "社保", "参保": "社保", "正常经营": "经营", "经营": "经营",
    "居住": "居住", "就读": "就读",
}  # fmt: skip
_MONTHS = {"个月": 1, "年": 12}


@functools.lru_cache(maxsize=16384)
def _conditions(text: str) -> tuple[tuple[str, int, str], ...]:
    """The conditions of time a text states: (what is counted, months, the phrase),
    remembered per text (eligibilities and answers recur from guide to guide)."""
    if not any(word in text for word in ("社保", "社会保险", "参保", "经营", "居住", "就读")):
        return ()
    found = []
    for match in _CONDITION.finditer(text):
        value = _number(match.group(2))
        if value:
            found.append(
                (_COUNTED[match.group(1)], value * _MONTHS[match.group(3)], match.group(0))
            )
    return tuple(found)


def check_conditions(check: Checker, data: dict[str, Any]) -> None:
    """The summary or a FAQ answer that gives a condition of the eligibility (连续交社保满 3
    个月) another length (交社保 6 个月): one of them was changed without the other."""
    eligibility = _conditions(zh(data.get("eligibility")))
    if not eligibility:
        return
    set_by: dict[str, set[int]] = {}
    for what, months, _phrase in eligibility:
        set_by.setdefault(what, set()).add(months)
    places: list[tuple[FieldPath, Any]] = [(("summary",), data.get("summary"))]
    places += [(("faq", n, "answer"), entry.get("answer")) for n, entry in items(data.get("faq"))]
    for here, value in places:
        path = (*here, "zh-CN") if isinstance(value, dict) else here
        for what, months, phrase in _conditions(zh(value)):
            if what not in set_by or months in set_by[what]:
                continue
            check.warning_at(
                path,
                check.loaded.fragment_position(path, phrase),
                _(
                    "the text says `{phrase}`, but the eligibility sets this condition ({what}) "
                    "as {others} months"
                ).format(
                    phrase=phrase,
                    what=what,
                    others=", ".join(str(m) for m in sorted(set_by[what])),
                ),
                _(
                    "a citizen decides from the summary or an answer whether they qualify: make "
                    "it say what the eligibility says, or confirm the other length is meant"
                ),
                code="accuracy.text.deadline-restated",
            )
            return


def check_deadlines(check: Checker, data: dict[str, Any]) -> None:
    """A deadline in the summary that the rest of the guide gives with another length."""
    summary = zh(data.get("summary"))
    stated = _said(summary)
    if not stated:
        return
    elsewhere: dict[str, set[int]] = {}
    for text in _other_texts(data):
        for which, days, _phrase in _said(text):
            elsewhere.setdefault(which, set()).add(days)
    path: FieldPath = (
        ("summary", "zh-CN") if isinstance(data.get("summary"), dict) else ("summary",)
    )
    for which, days, phrase in stated:
        others = elsewhere.get(which)
        if not others or days in others:
            continue
        check.warning_at(
            path,
            check.loaded.fragment_position(path, phrase),
            _(
                "the summary says `{phrase}`, but the rest of the guide gives this deadline "
                "({what}) as {others} days"
            ).format(
                phrase=phrase, what=_WHAT[which], others=", ".join(str(d) for d in sorted(others))
            ),
            _(
                "a citizen who trusts the summary misses the real deadline: make the summary, "
                "the eligibility and the FAQ say the same"
            ),
            code="accuracy.text.deadline-restated",
        )
        return


def _other_texts(data: dict[str, Any]) -> list[str]:
    texts = [zh(data.get("eligibility"))]
    for _n, entry in items(data.get("faq")):
        texts += [zh(entry.get("question")), zh(entry.get("answer"))]
    return texts
