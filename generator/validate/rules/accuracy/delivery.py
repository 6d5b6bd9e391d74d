"""How the result reaches the citizen, as a text says it, against `result.delivery`.

A text that has the result posted (寄到家, 邮寄给你, posted to you) where `delivery` has no
`post`, or collected at a window (到窗口领取, 自取, collect it at …) where `delivery` has no
`pickup`, tells a citizen to wait at home for what never comes, or to make a trip the guide
says is not needed. Each is one small named pattern; a sentence that names another document
than the result (新的户口簿免费邮寄给你 in a talent guide whose result is a certificate) speaks
of that document, and is not read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.report import conflict
from generator.validate.rules.checker import Checker

_POST_ZH = re.compile(
    r"(?:邮寄|快递|寄)(?:到家|到你|给你|回家|上门|到[^，。；]{0,8}地址"
    r"|(?:到|给|至)(?:您|申请人|本人|企业|单位|公司|机构|学校|住所|住址|手中|府上))"
)
"""`邮寄到家`, `寄给你`, `寄到你填写的地址`, and the result posted to whoever applied
(`证书免费邮寄到企业`, 寄给申请人, 寄至单位): sent, in one form, to the applicant's own door."""
_POST_EN = re.compile(
    r"\b(?:posted|mailed|sent by (?:post|EMS|courier))\b(?! or\b)|\bcomes by (?:post|EMS)\b",
    re.IGNORECASE,
)
_PICKUP_ZH = re.compile(
    r"(?:到|去|回|在)[^，。；]{0,14}(?:窗口|大厅|派出所|登记处|中心|办事处)[^，。；]{0,6}(?:领取|取证|领证)"
    r"|自取|现场领取|当场(?:领到|领取|拿到)"
)
_PICKUP_EN = re.compile(
    r"\b(?:collect|pick up)\b(?=[^.;]{0,40}\b(?:at|from) (?:the|a|your|any)\b)", re.IGNORECASE
)
_CHOICE = re.compile(
    r"选(?:择)?(?:邮寄|自取)|\bif you (?:choose|chose|prefer|want)\b|或|\bor\b", re.I
)
"""A sentence that offers a choice (选邮寄的…；选自取的…) states one case, not the delivery."""
_DOCUMENT_ZH = re.compile(r"证书|证明|执照|户口簿|户口页|内页|护照|卡|证|印章|公章|发票|回执")
_DOCUMENT_EN = re.compile(
    r"\b(?:certificate|licence|license|permit|register|passport|card|seals?|invoices?|"
    r"receipt|page|decision|notice)\b",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_SHORT_NAME = re.compile(r"(?:新|该|此|本)([证照卡])(?![件明书])")
"""The result named by its last character (新证, 该照), as Chinese says a document again."""
_SENTENCE = re.compile(r"[^。！？!?；;.]+")


@dataclass(frozen=True)
class Said:
    """A way of delivery a sentence states: `post` or `pickup`, the phrase and its sentence."""

    way: str
    phrase: str
    sentence: str


@functools.lru_cache(maxsize=16384)
def delivery_claims(text: str) -> tuple[Said, ...]:
    """The ways of delivery a text states, each with its sentence (a finder of statements.py:
    it must find something in every text `check_delivery` can report in)."""
    if not any(word in text for word in ("寄", "领", "自取", "post", "mail", "collect", "pick up")):
        return ()
    if not any(p.search(text) for p in (_POST_ZH, _PICKUP_ZH, _POST_EN, _PICKUP_EN)):
        return ()  # 领取 or "postal" with no way of delivery around them
    found = []
    for sentence in _SENTENCE.findall(text):
        if _CHOICE.search(sentence):
            continue
        for way, patterns in (("post", (_POST_ZH, _POST_EN)), ("pickup", (_PICKUP_ZH, _PICKUP_EN))):
            for pattern in patterns:
                match = pattern.search(sentence)
                if match:
                    found.append(Said(way, match.group(0), sentence))
                    break
    return tuple(found)


def _of_result(sentence: str, result: dict[str, Any]) -> bool:
    """True when the sentence speaks of the result: it names it, or names no document."""
    name = result.get("name")
    names = (
        [name] if isinstance(name, str) else list(name.values()) if isinstance(name, dict) else []
    )
    lower = sentence.lower()
    for each in names:
        if not isinstance(each, str) or not each:
            continue
        each_lower = _BRACKETED.sub("", each).strip().lower()  # 居民户口簿（新生儿页）
        if not each_lower:
            continue
        if each_lower in lower:
            return True
        tail = each_lower.split()[-1] if " " in each_lower else each_lower[-2:]
        if tail and tail in lower:
            return True
        short = _SHORT_NAME.search(sentence)
        if short and each_lower.endswith(short.group(1)):
            return True  # 新证 of 居民身份证, 该照 of 营业执照: the result named short
    return not (_DOCUMENT_ZH.search(sentence) or _DOCUMENT_EN.search(sentence))


_WAY_WORDS = {"post": "post", "pickup": "pickup"}


def check_delivery(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """A way of delivery the text states that `result.delivery` does not list."""
    stated = delivery_claims(text)
    if not stated:
        return  # most texts (remembered per text)
    result = data.get("result")
    if not isinstance(result, dict):
        return
    delivery = result.get("delivery")
    if not isinstance(delivery, list) or not delivery:
        return
    for said in stated:
        if said.way in delivery or not _of_result(said.sentence, result):
            continue
        if said.way == "post":
            message = _(
                "the text says `{phrase}` (the result is posted), but `result.delivery` has no "
                "`post`: {delivery}"
            )
            hint = _(
                "a citizen waits at home for what is never sent: add `post` to the delivery, "
                "or say how the result is really received"
            )
            code = "accuracy.text.delivery-post"
        else:
            message = _(
                "the text says `{phrase}` (the result is collected in person), but "
                "`result.delivery` has no `pickup`: {delivery}"
            )
            hint = _(
                "a citizen makes a trip the guide's fields say is not needed: add `pickup` to "
                "the delivery (and count the trip in `visits`), or correct the text"
            )
            code = "accuracy.text.delivery-pickup"
        conflict(
            check,
            path,
            said.phrase,
            ("result", "delivery"),
            message.format(phrase=said.phrase, delivery=", ".join(str(way) for way in delivery)),
            hint,
            code,
        )
        return
