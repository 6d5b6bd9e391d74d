"""A text that sends a citizen back to where they are registered, against `cross_region`.

statements.py reads 全国通办 and its kin: a text that claims a wider area than
`cross_region`. The other way round is read here: 须回户籍地办理, 只能在驾驶证核发地申请,
"you must go back to where you are registered", "only at the window where your household is
registered" on a guide whose `cross_region` is province,
cross_province or national. A citizen who believes it travels home for nothing, or gives up.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.claims import negated
from generator.validate.rules.accuracy.report import conflict
from generator.validate.rules.checker import Checker

_HOME_ZH = re.compile(
    r"(?:须|需|必须|只能|只可|仅限|应当|要)\s*(?:回|返回|到|在|去)?\s*"
    r"(?:[\u4e00-\u9fff]{0,4}(?:户籍(?:所在)?地|原籍|户口所在地|核发地|发证地|签发地|登记地|属地))"
    r"[^，。；,;]{0,6}(?:办理|申请|受理|办|登记|领取|提交|补领|换领)"
)
_HOME_EN = re.compile(
    r"\b(?:must|have to|need to|can only|only)(?: (?:go back|return|apply|be (?:done|handled)))?"
    r"[^.;]{0,30}\b(?:where (?:you are|your household is|your hukou is|it was) "
    r"(?:registered|issued)"
    r"|(?:your|the) (?:home town|place of (?:registration|issue)))",
    re.IGNORECASE,
)
_WIDER = ("province", "cross_province", "national")
_WORDS = (
    "户籍", "原籍", "户口所在地", "核发地", "发证地", "签发地", "登记地", "属地", "where",
    "place of", "home town",
)  # fmt: skip
"""A text without one of these keeps the service nowhere (a substring test before the
patterns)."""


@functools.lru_cache(maxsize=16384)
def home_claims(text: str) -> tuple[str, ...]:
    """The phrases of a text that keep the service to the place of registration or issue (a
    finder of statements.py: it finds something in every text `check_home` can report in)."""
    if not any(word in text for word in _WORDS):
        return ()
    found = [m.group(0) for m in _HOME_ZH.finditer(text) if not _negated_in_clause(text, m.start())]
    found += [m.group(0) for m in _HOME_EN.finditer(text)]
    return tuple(found)


_CLAUSE_END = re.compile(r"[，。；,;：:！？!?]\s*$")


def _negated_in_clause(text: str, start: int) -> bool:
    """A negation before `start` in its own clause: `不能，需回户籍地登记` answers no and then
    keeps the service at home; its 不 is of the answer, not of 需."""
    if _CLAUSE_END.search(text, 0, start):
        return False
    return negated(text, start)


def check_home(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """须回户籍地办理 on a guide that can be handled beyond the city."""
    region = data.get("cross_region")
    if region not in _WIDER:
        return
    for phrase in home_claims(text):
        conflict(
            check,
            path,
            phrase,
            ("cross_region",),
            _(
                "the text says `{phrase}` (only where the citizen is registered or the document "
                "was issued), but `cross_region` is `{region}`"
            ).format(phrase=phrase, region=region),
            _(
                "a citizen would travel home for nothing, or give up: correct the text or "
                "`cross_region`"
            ),
            "accuracy.text.home-region",
        )
        return
