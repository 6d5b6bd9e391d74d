"""An answer that says yes in one language and no in the other (能。/ "No. …").

A FAQ answer opens with its verdict: 能。, 可以，, 不用。, 一般不能。 in Chinese; "Yes.", "No,",
"Usually not." in English. When the two verdicts differ, one reader is told they can and the
other that they cannot: one of them makes a wasted trip, or gives up on what they are owed.
Only a verdict standing alone at the start (the word, then a stop or a comma) is read, so
`可以在 App 里申请` ("you can apply in the app") is no verdict; a pair is compared only when
both languages give one. The rule reads the two texts only (a pair rule, rules/walk.py).
"""

from __future__ import annotations

import re

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.checker import Checker

_ZH_VERDICT = re.compile(
    r"\s*(?:(?:一般|通常|原则上|暂时|目前|还|也|都)?"
    r"(不能|不可以|不行|不用|不需要|不必|不要|不是|没有|不会|无需|无须|不可|否)"
    r"|(?:还|也|都)?(能|可以|可|行|要|需要|必须|是|会|有|对|当然可以|当然能)(?![否不没]))"
    r"[\u4e00-\u9fff]{0,4}?\s*[。，,！!；;]"
)
"""A Chinese verdict opening the text: the negative words first (不能 before 能), then the
positive ones, with at most four more characters (不能再办了，, 还可以办，) before a stop or a
comma (`可以在 App 里申请` is no verdict, nor 是否, 能不能, 有没有: a question's words)."""
_EN_VERDICT = re.compile(
    r"\s*(?:(?:(no|not usually|usually not|generally not|normally not|not always"
    r"|unfortunately not|not yet|not necessarily)"
    r"|(yes|sure|of course|certainly))\s*[.,!;:—–-]"
    r"|(you (?:cannot|can't|can not|may not|no longer can)\b)"
    r"|(you can still\b))",
    re.IGNORECASE,
)
"""An English verdict opening the text, negative then positive, followed by punctuation; or
the sentence's own "You cannot …" (no) or "You can still …" (yes)."""
_PARTLY = ("not always", "not necessarily")
"""Verdicts that are neither yes nor no: they agree with either language."""


def verdict_zh(text: str) -> tuple[bool, str] | None:
    """(True for yes, False for no, the words) of a Chinese text that opens with a verdict."""
    match = _ZH_VERDICT.match(text)
    if match is None:
        return None
    return (match.group(1) is None, match.group(0).strip())


def verdict_en(text: str) -> tuple[bool, str] | None:
    """(True for yes, False for no, the words) of an English text that opens with a verdict."""
    match = _EN_VERDICT.match(text)
    if match is None or (match.group(1) or "").lower() in _PARTLY:
        return None
    return (match.group(2) is not None or match.group(4) is not None, match.group(0).strip())


def check_answer(check: Checker, path: FieldPath, zh: str, en: str) -> None:
    """Report a text whose Chinese and English open with opposite verdicts."""
    if not en or not zh:
        return
    said_en = verdict_en(en)
    if said_en is None:
        return
    said_zh = verdict_zh(zh)
    if said_zh is None or said_zh[0] == said_en[0]:
        return
    en_path = (*path, "en")
    check.error_at(
        en_path,
        check.loaded.fragment_position(en_path, said_en[1]),
        _("the English answer says `{en}` where the Chinese says `{zh}`").format(
            en=said_en[1], zh=said_zh[1]
        ),
        _(
            "one reader is told yes and the other no: check the answer against the rules and "
            "make both languages give the same one"
        ),
        code="accuracy.language.answer",
    )
