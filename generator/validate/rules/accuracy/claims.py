"""What a free text claims: small, named word lists, one per fact, with negations handled.

Each finder takes one text and returns the claims it makes, each naming the phrase that made
it, so that a message can quote it. A phrase preceded by a negation (不需要, 无需, 不用, 没有 …)
claims the opposite, or nothing, as the fact says. No finder is one large expression: a
word list per fact keeps each one readable and testable (tests/test_accuracy_claims.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from generator.validate.rules.accuracy.facts import WEEKDAYS
from generator.validate.rules.accuracy.script import simplified

_T = TypeVar("_T")


@dataclass(frozen=True)
class Claim:
    """One fact a text states: `fact` and `value` are compared with the data; `phrase` is quoted."""

    fact: str
    value: object
    phrase: str


_ACCESSIBLE = "无障碍"
_FREE_OF_CHARGE = "免费"
"""免费借用轮椅 lends a wheelchair free of charge: 免 of 免费 is no negation."""
_CORRECT = "无误"
"""核对无误后当场发证: 无 of 无误 (found correct) is no negation."""


def negated(text: str, start: int) -> bool:
    """True when a negation stands just before `start` (for rules outside this module)."""
    return _negated(text, start)


def _negated(text: str, start: int) -> bool:
    """True when a negation stands in the three characters before `start` (无障碍, 免费
    excepted).

    Three characters, so that 无专用无障碍车位 and 都不用 read as negated too.
    """
    before = (
        text[max(0, start - 6) : start]
        .replace(_ACCESSIBLE, "＊＊＊")
        .replace(_FREE_OF_CHARGE, "＊＊")
        .replace(_CORRECT, "＊＊")
        .rstrip(" ")[-3:]
    )
    return any(word in before for word in _NEGATION_CHARS)


CHINESE_NUMERALS = {
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
}  # fmt: skip
"""The numerals a count is written with (一式两份, 三个月); the language and materials rules."""

_NEGATION_CHARS = ("不", "无", "没", "免", "非", "未", "暂无", "毋", "勿")

ZH_NUMBER = "[零〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰百]+"
"""A number written in Chinese numerals (三, 十五, 一百二十), for `zh_number`."""


_FORMAL_NUMERALS = str.maketrans("〇壹贰叁肆伍陆柒捌玖拾佰仟", "零一二三四五六七八九十百千")
"""The numerals of amounts on forms and receipts (大写: 拾元 is 十元) and 〇 for 零."""
_TENS = {"廿": "二十", "卅": "三十"}
"""廿 (twenty) and 卅 (thirty), as older and Hong Kong writing has them: 廿元, 廿五日."""


def zh_number(word: str) -> int | None:
    """The value of a number in Chinese numerals or in digits (full-width too): 三 → 3,
    十五 → 15, 六十五 → 65, 一百二十 → 120, 一千五百 → 1500, ７ → 7, 廿 → 20, 拾 → 10; None
    when it is neither."""
    if word.isdigit():
        return int(word)  # int() reads full-width digits (７) as well
    word = word.translate(_FORMAL_NUMERALS)
    for tens, written in _TENS.items():
        word = word.replace(tens, written)
    if "零" in word and "十" not in word and "百" not in word and "千" not in word:
        digits = [0 if char == "零" else CHINESE_NUMERALS.get(char) for char in word]
        if None in digits:
            return None
        return int("".join(str(digit) for digit in digits))  # 二〇二六 is 2026, digit by digit
    # 三五 (三五天: three or five) is read as its last, larger number, as before
    total, current = 0, 0
    for char in word:
        if char in CHINESE_NUMERALS and char != "十":
            current = CHINESE_NUMERALS[char]
        elif char == "零":
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _cached(finder: Callable[[str], list[_T]]) -> Callable[[str], list[_T]]:
    """Remember a finder's answer per text: guides share many texts (hotlines, hours, notes).
    The finder reads the text in simplified characters, one for one (script.py).

    The answer is handed out as a new list each time, so a caller cannot change the cache.
    """
    remembered = functools.lru_cache(maxsize=16384)(lambda text: tuple(finder(text)))

    @functools.wraps(finder)
    def find(text: str) -> list[_T]:
        return list(remembered(simplified(text)))  # 週六 is 周六 (script.py)

    find.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    return find


@functools.cache
def _index(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """A word list longest first, and a quick test of whether a text holds any of it."""
    ordered = tuple(sorted(phrases, key=len, reverse=True))
    return ordered, re.compile("|".join(re.escape(phrase) for phrase in ordered))


def _find(text: str, phrases: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each phrase found in the text, with where it starts (longest phrases first, no overlap)."""
    ordered, anywhere = _index(phrases)
    if anywhere.search(text) is None:
        return []  # most texts hold none of a fact's words: one scan says so
    found: list[tuple[str, int]] = []
    taken: list[range] = []
    for phrase in ordered:
        start = text.find(phrase)
        while start >= 0:
            span = range(start, start + len(phrase))
            if not any(start in r or span[-1] in r for r in taken):
                found.append((phrase, start))
                taken.append(span)
            start = text.find(phrase, start + 1)
    return sorted(found, key=lambda hit: hit[1])


# --- visits ------------------------------------------------------------------------------
NO_VISIT = (
    "零跑动", "零跑腿", "不用跑腿", "无需跑腿", "不需要跑腿", "全程不用跑", "一次都不用跑",
    "全程网办", "全程网上办", "足不出户", "无需到现场", "不用到现场", "不需要到现场",
    "不用去现场", "无需到窗口", "不用到窗口", "不用去窗口", "不用到场", "无需到场",
    "不需要到场", "无需本人到场", "不需本人到场", "不用本人到场", "不必到场", "不必到现场",
    "一趟都不用跑", "一趟也不用跑", "一次也不用跑", "一次都不用去", "一次也不用去", "不见面办理",
    "不见面审批", "全程线上", "全流程网上", "全流程线上", "全程在线办理", "在家就能办",
    "在家即可办", "在家就能领", "零见面", "免跑腿", "免跑动",
)  # fmt: skip
_NEEDS_NOT = r"(?:不用|无需|无须|毋须|毋需|不需要|不需|不必|勿需|唔使|唔需要|唔洗|唔駛|唔驶|免)"
"""Saying something is not needed: 不用, 无需, the formal or Hong Kong 毋须, Cantonese 唔使
(唔洗) and the Taiwan 免 of 免临柜."""
_IN_PERSON = r"(?:本人|亲自|亲身|当面)?"
_GO = r"(?:往返|前去|去|跑|到|前往|赶往|赴|来|亲临|临(?!时))"
"""Going to an office: 去, 前往, 往返 (there and back) in `不必往返窗口`, and 临 (亲临, and the
Taiwan 免临柜: no trip to the counter)."""
_OFFICE_WORDS = (
    r"(?:派出所|窗口|大厅|政务服务中心|政务中心|办事大厅|车管所|登记处|社保大厅|服务中心|柜台"
    r"|现场|办事处|营业厅|服务站|市民中心|中心|居委会|村委会)"
)
_NO_VISIT_PLACE = re.compile(
    r"(?<![再回])"
    + _NEEDS_NOT
    + _IN_PERSON
    + _GO
    + r"(?:任何)?(?:一个|一趟)?"
    + r"(?:"
    + _OFFICE_WORDS
    + r"|柜|场(?![所地]))"
    + r"(?!排队|开证明|开具|取号|打印|复印)"  # the errands of _ERRAND
)
"""`不用去派出所`, `毋须亲身前往派出所`, `无需本人到窗口`, `无须到场`, `唔使亲身去窗口`, `免临柜`:
no visit to the office that would handle it, in one form: not needed + (in person) + go +
an office word, or 场 and 柜 right after going (`不用再去` is one visit fewer; `不用到窗口排队`
or `不用去派出所开证明` is one errand fewer, not no visit)."""
_ERRAND = re.compile(r"排队|开证明|开具|取号|打印|复印")
_NO_GOING_OUT = re.compile(r"(?:" + _NEEDS_NOT + r"|不)(?:出门|出家门|离开家|离家)")
"""`不必出门`, `不出家门就能办`, `无需离家`: no visit said as not leaving home."""
_MUST = r"(?:须|需|需要|必须|务必|应当|请)"
"""Saying something is required of the applicant: 须, 需要, 必须, and the polite 请."""
_MUST_BRING = r"(?:须|需|需要|必须|务必|应当|请|要)"
"""Required of the applicant before bringing something: `_MUST`, and the plain 要 of an
instruction (第二年要带营业执照到窗口, 但要带凭证到社保大厅)."""
_VISIT_BRINGING = re.compile(
    _MUST_BRING + r"(?:本人)?(?:携带|带上|带着|带|持)[^，。；,;]{0,14}?(?:到|去|前往)"
    r"[^，。；,;]{0,10}?" + _OFFICE_WORDS + r"|(?:到|去)(?:窗口|现场)(?:核验|核对|查验)"
)
"""`须本人携带原件到窗口核验`, `请带两张纸质照片到车管所`, `要带凭证到社保大厅`: the applicant
must bring something to an office, in one form: required (须, 请, 要) + (in person) + bring +
what + go + an office word."""
_BRING_TO_ACT = re.compile(
    r"(?:^|(?<=[，。；：,;:]))(?:你|您|申请人|[\u4e00-\u9fff]{0,6}?请[\u4e00-\u9fff]{0,3}?)?要?"
    r"(?:本人)?(?:携带|带上|带着|带)[^，。；,;]{1,14}?(?:到|去|前往)[^，。；,;]{0,10}?"
    + _OFFICE_WORDS
    + r"(?:申请|办理|提交|递交|领取|确认|签约|签字|核验|受理|登记)"
)
"""`带上材料到区教育局窗口申请`, `你要带劳动合同到人社局窗口确认`, `纸质证明请父母带身份证原件到
医院窗口领取`: a visit said as an instruction, in one form: (at the start of a clause: who, or
请 after what it is about) + bring + what + go + an office word + the act done there. A clause
that offers a choice (可以, 也可, 或者, 选择…的) is read as one case, not as the way to apply."""
_CHOICE = re.compile(r"可以|也可|或者|或|选择|选[^，。；]{0,6}的|不会|不方便|如需|需要的")
_VISIT_NEEDED = re.compile(
    r"(?:须|需|需要|必须|务必|应当|(?<![只不])要|请(?=本人|亲自|亲身|当面|先|再))(?:由)?"
    r"(?:申请人|申请者|当事人|本人|双方|两人|[\u4e00-\u9fff]{1,5}?(?=本人|亲自|亲身))?"
    r"(?:亲自|本人|亲身|当面)?(?:先|再|还|另外)?"
    r"(?:前往|赶赴|到|去|赴|亲临|临(?!时))[^，。；,;]{0,8}?" + _OFFICE_WORDS
)
"""`证书须申请人亲自到窗口领取`, `须本人前往社保大厅办理`, `须老人本人到社区居委会现场核验`: a
visit required, in one form: required (须, 要, and 请 before 本人 or 先: 请本人到街道窗口签字)
+ (who: a listed word, or any short name followed by 本人 or 亲自) + (in person) + (first,
again: 要先到税务窗口) + go + an office word (`不需要到窗口` is negated; 只要到 is a condition)."""
VISIT_REQUIRED = (
    "需本人到场", "需要本人到场", "须本人到场", "必须本人到场", "需要本人到", "须本人到",
    "需本人到", "需到现场", "需要到现场", "须到现场", "必须到现场", "本人到现场",
    "到现场办理", "必须到场", "须到窗口", "需到窗口", "需要到窗口", "必须到窗口", "亲自到场",
    "本人亲自到", "亲自前往", "须亲自", "需亲自", "必须亲自",
)  # fmt: skip
ONE_VISIT = ("去一次", "跑一次", "来一次", "跑一趟", "去一趟", "来一趟")
AT_MOST_ONE_VISIT = ("最多跑一次", "最多去一次", "只跑一次", "最多跑一趟", "只跑一趟")
NO_VISIT_EN = (
    "no need to visit", "without visiting", "never need to visit", "don't need to visit",
    "do not need to visit", "no need to go to", "without going to", "no visit is needed",
    "no need to go anywhere", "never have to go", "without leaving home", "no trip",
    "do not have to come", "don't have to come", "do not need to come", "don't need to come",
    "no need to come", "without coming", "everything is done online", "entirely online",
    "do it all from home", "all from home", "without setting foot", "never set foot",
    "from the comfort of your home", "without leaving your home", "no need come",
    "no need go to", "no need visit", "needn't come", "needn't visit", "needn't go to",
    "need not come", "need not visit", "need not go to", "all is done in internet",
    "all done in internet", "all is done on internet", "all done on internet",
    "all is done online", "all done online",
)  # fmt: skip
_AGAIN_EN = (" back", " again", " twice")
"""After "do not have to come", these make it one visit fewer, not none."""
VISIT_REQUIRED_EN = (
    "must come in person",
    "must visit",
    "must go to",
    "in person at",
    "have to go to",
    "appear in person",
    "attend in person",
)
_NO_GOING_EN = re.compile(
    r"\b(?:(?:never|not|don't|doesn't|no)\s+(?:\w+\s+)?(?:need|have|has)\s+to|needn't)\s+"
    r"(?:go|come|visit|travel|appear|attend)\b(?!\s+(?:back|again|twice))"
    r"(?:\s+(?:anywhere|in person|at all)\b"
    r"|[^.;,]{0,40}?\b(?:office|hall|centre|center|window|station|registry|counter|bureau)s?\b)",
    re.IGNORECASE,
)
"""`you never need to go to the police station`, `you will not have to travel anywhere`: no
visit, in one form: not + need to + go + to an office (or anywhere, in person); `do not need to
come back` is one visit fewer, and `no need to go to the hospital` is no office."""
_IN_PERSON_EN = re.compile(
    r"\b(?:apply|come|go|register|sign|collect|appear|attend)\b[^.;,]{0,40}?"
    r"(?<!\bor )\bin person\b",
    re.IGNORECASE,
)
"""`Apply at the hall in person`, `collect it in person`: a visit required (`online or in
person` is a choice, `you can also apply in person` an offer, and a negation before it says
no visit is needed)."""
_OFFERED_EN = re.compile(r"\b(?:can|could|may|also|optionally|prefer|like|want|wish)\b", re.I)
_BRING_TO = re.compile(r"\bmust bring\b[^.;]{0,50}\bto (?:the|a|an|any|your)\b")
"""`You must bring your diploma to the Citizen Centre`: a visit (bring it when you collect is
no such claim)."""
_EN_NOT = re.compile(r"\b(?:not|no|never|without|don't|doesn't)\b")
_TRIPS = re.compile(
    r"(?:跑|去|来|到场|前往|往返)[^，。；,;\d两二三四]{0,6}?(两|二|三|四|2|3|4)\s*(?:次|趟|回)"
    r"|第(两|二|三|四|2|3|4)\s*(?:次|趟|回)(?:去|跑|来|到场|前往)"
)
"""`去两趟`, `须本人前往窗口三次`, `去两回`: a number of visits above one, in one form: go +
(where, in a few words) + how many times; or the visit's ordinal, `第三次去` (three visits)."""
_TRIPS_EN = re.compile(
    r"\b(one|two|three|four|[1-4]) (?:visits|trips)\b"
    r"|\b(?:visit|go|come|travel)\w*\b[^.;,]{0,30}?\b(once|twice|three times|four times)\b",
    re.IGNORECASE,
)
""""two visits", "you visit the hall twice": a number of visits, said in English."""
_EN_TIMES = {"one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "three times": 3,
             "four": 4, "four times": 4}  # fmt: skip


@_cached
def visit_claims(text: str) -> list[Claim]:
    """零跑动 / 需本人到场 / 去一次 / 最多跑一次, in Chinese or English."""
    claims: list[Claim] = []
    if text.isascii():
        return _visit_claims_en(text, claims)
    for phrase, start in _find(text, NO_VISIT + VISIT_REQUIRED + ONE_VISIT + AT_MOST_ONE_VISIT):
        if phrase in NO_VISIT:
            if _ERRAND.match(text, start + len(phrase)):
                continue  # 不用到窗口排队: one errand fewer, not no visit
            if not text[max(0, start - 2) : start].endswith(("并非", "不是")):
                claims.append(Claim("visits", 0, phrase))
        elif phrase in VISIT_REQUIRED:
            negated = _negated(text, start)
            claims.append(Claim("visits", 0 if negated else "1+", phrase))
        elif phrase in AT_MOST_ONE_VISIT:
            claims.append(Claim("visits", "0-1", phrase))
        elif not _negated(text, start) and not text[max(0, start - 2) : start].endswith("最多"):
            claims.append(Claim("visits", 1, phrase))
    if "不" in text or "无" in text or "毋" in text or "勿" in text or "唔" in text or "免" in text:
        claims += [
            Claim("visits", 0, m.group(0))
            for m in _NO_VISIT_PLACE.finditer(text)
            if not any(c.phrase in m.group(0) or m.group(0) in c.phrase for c in claims)
        ]  # 不需要到现场 is in NO_VISIT already: one claim
        claims += [
            Claim("visits", 0, m.group(0))
            for m in _NO_GOING_OUT.finditer(text)
            if not any(c.phrase in m.group(0) or m.group(0) in c.phrase for c in claims)
        ]
    if "趟" in text or "次" in text or "回" in text:
        for match in _TRIPS.finditer(text):
            if not _negated(text, match.start()) and "最多" not in text[: match.start()][-3:]:
                said = match.group(1) or match.group(2)
                claims.append(Claim("visits", zh_number(said), match.group(0)))
    if "带" in text or "持" in text or "核" in text or "查验" in text:
        for match in _VISIT_BRINGING.finditer(text):
            if not _negated(text, match.start()):
                claims.append(Claim("visits", "1+", match.group(0)))
    if "带" in text:
        for match in _BRING_TO_ACT.finditer(text):
            clause = _clause_of(text, match.start())
            if _CHOICE.search(clause) or _negated(text, match.start()):
                continue
            if not any(c.phrase in match.group(0) or match.group(0) in c.phrase for c in claims):
                claims.append(Claim("visits", "1+", match.group(0)))
    if (
        "须" in text
        or "需" in text
        or "务必" in text
        or "应当" in text
        or "要" in text
        or ("请" in text)
    ):
        claims += [
            Claim("visits", "1+", m.group(0))
            for m in _VISIT_NEEDED.finditer(text)
            if not _negated(text, m.start())
            and not any(c.phrase in m.group(0) or m.group(0) in c.phrase for c in claims)
        ]
    return _visit_claims_en(text, claims)


def _walk_in(text: str, lower: str, start: int) -> str | None:
    """The words, as written, with which the sentence around `start` says no booking is
    needed (`_WALK_IN`), unless it also asks to book (预约 elsewhere in it)."""
    ends = [m.end() for m in _SENTENCE.finditer(lower, 0, start)]
    stop = _SENTENCE.search(lower, start)
    first, last = (ends[-1] if ends else 0), (stop.start() if stop else len(lower))
    found = _WALK_IN.search(lower, first, last)
    if found is None:
        return None
    rest = lower[first : found.start()] + lower[found.end() : last]
    return None if "预约" in rest or "book" in rest else text[found.start() : found.end()]


def _clause_of(text: str, start: int) -> str:
    """The sentence part around `start`: from the stop or comma before it to the one after
    (the part before the comma too when it ends a condition, `选邮寄的，`)."""
    before = re.split(r"[。；;！？!?]", text[:start])[-1]
    after = re.split(r"[，。；,;！？!?]", text[start:])[0]
    return before + after


def _visit_claims_en(text: str, claims: list[Claim]) -> list[Claim]:
    lower = text.lower()
    if "visit" in lower or "trip" in lower or "once" in lower or "twice" in lower:
        for match in _TRIPS_EN.finditer(lower):
            said = match.group(1) or match.group(2)
            count = int(said) if said.isdigit() else _EN_TIMES[said]
            if not _EN_NOT.search(lower[max(0, match.start() - 16) : match.end()]):
                claims.append(Claim("visits", count, text[match.start() : match.end()]))
    for phrase in NO_VISIT_EN if _NO_VISIT_EN_ANY.search(lower) else ():
        start = lower.find(phrase)
        if start >= 0 and not lower[start + len(phrase) :].startswith(_AGAIN_EN):
            claims.append(Claim("visits", 0, phrase))
    for phrase in VISIT_REQUIRED_EN if _VISIT_REQUIRED_EN_ANY.search(lower) else ():
        start = lower.find(phrase)
        if start >= 0 and not _EN_NOT.search(lower[max(0, start - 20) : start]):
            claims.append(Claim("visits", "1+", phrase))
    if "need" in lower or "have to" in lower or "has to" in lower:
        for match in _NO_GOING_EN.finditer(text):
            if not any(c.value == 0 for c in claims):
                claims.append(Claim("visits", 0, match.group(0)))
    if "in person" in lower:
        for match in _IN_PERSON_EN.finditer(text):
            said = lower[max(0, match.start() - 20) : match.end()]
            if (
                not _EN_NOT.search(said)
                and not _OFFERED_EN.search(said)
                and not any(c.value == "1+" for c in claims)
            ):
                claims.append(Claim("visits", "1+", match.group(0)))
    bring = _BRING_TO.search(lower) if "must bring" in lower else None
    if bring and not _EN_NOT.search(lower[max(0, bring.start() - 20) : bring.start()]):
        claims.append(Claim("visits", "1+", text[bring.start() : bring.start() + 10]))
    return claims


def visits_agree(claimed: object, visits: int) -> bool:
    if claimed == "1+":
        return visits >= 1
    if claimed == "0-1":
        return visits <= 1
    return claimed == visits


# --- instant decisions ---------------------------------------------------------------------
INSTANT = (
    "即办", "即来即办", "立等可取", "当场办结", "即时办结", "几分钟", "秒办", "随到随办",
    "当场就能拿到", "当场拿到", "当场就能办好", "当场办好", "当场出证", "立即办结", "马上办结",
    "立即出证",
)  # fmt: skip
INSTANT_APPROVAL = ("秒批",)
INSTANT_FILING = ("秒报",)
INSTANT_EN = (
    "approved instantly",
    "approved at once",
    "within minutes",
    "in seconds",
    "instant approval",
    "approved immediately",
    "issued immediately",
    "decided immediately",
    "issued at once",
    "issued instantly",
    "while you wait",
    "on the spot",
)
_OTHER_CASE = ("其他", "其余", "否则", "急用", "otherwise", "if ", "if you", "urgent")
"""A sentence with one of these speaks of one case (告知承诺的当场发证，其他的 3 个工作日):
its 当场 is no claim about the service as a whole."""
_RECEIPT = re.compile(r"\s*(?:受理)?(?:回执|凭证|号|预约)")
"""当场拿到回执 / 当场拿到受理凭证: a receipt, not the decision."""
_SENTENCE = re.compile(r"[。！？!?]|\. ")
SAME_DAY = (
    "当日办结",
    "当天办结",
    "当日办好",
    "当天办好",
    "当日出结果",
    "当天出结果",
    "当天就能办好",
    "当天就能拿到",
    "当天拿到",
    "当日拿到",
    "当天领到",
    "当天出证",
)
SAME_DAY_EN = (
    "decided on the same day", "decided the same day", "approved on the same day",
    "approved the same day", "same-day decision", "decided on the spot", "approved on the spot",
    "the same day",
)  # fmt: skip
"""A decision the same day: true of a promise in minutes or hours, or of one working day."""
_SAME_DAY_WORDS = ("当日", "当天", "即日")
_NEXT_DAY_WORDS = ("次日", "翌日", "隔天", "隔日", "第二天")
_DAY_DECIDED = re.compile(
    r"(" + "|".join(_SAME_DAY_WORDS + _NEXT_DAY_WORDS) + r")(?:内)?(?:即|就|便)?"
    r"(?:可以?|能|会)?(?:予以?|给予)?"
    r"(?:办结|审结|办好|办完|出结果|作出决定|发证|出证|批准|审批完毕|审核完毕|拿到|领到|领取|取得)"
)
"""`次日即予审结`, `当天即可拿到`: a decision on a named day (the same day, the next day),
in one form: the day + (at once, can) + what is then done (当天起算 decides nothing)."""


_AT_ONCE_DONE = re.compile(
    r"(?:即时|立即|马上|立刻|当即|随即|即刻)(?:予以|给予|就|便|可以?|能|会)*"
    r"(?:核发|换发|发放|颁发|签发|发证|出证|办结|批准|审批|办好|办完|拿到|领到|出结果)"
    r"|当场(?:予以|给予|就|便|可以?|能|会)*(?:核发|换发|发放|颁发|签发|发证|制证|批准)"
)
"""`即时核发`, `提交后马上换发`, `立刻予以批准`: decided at once, in one form: at once + (can) +
what is then done (`立即可用` of an electronic card decides nothing). 当场 is read with the
issuing of a licence only (当场发放, 当场颁发): 当场出结果 may be a lookup's answer, and a case,
`告知承诺的当场发证，其他的…`, is no claim."""
_AT_ONCE_EN = re.compile(
    r"\b(?:approv\w*|decision|decided|issu\w*|grant\w*|process\w*|handled|dealt with)\b"
    r"[^.;]{0,30}?"
    r"\b(?:immediate(?:ly)?|instant(?:ly)?|at once|straight away|right away)\b"
    r"|\b(?:immediate|instant|automatic and immediate)\s+(?:approval|decision|issue)\b"
    r"|\b(?:get|gets|receive|receives|obtain|collect)\b[^.;,]{0,30}?"
    r"\b(?:licen[cs]e|certificate|permit|card|decision|approval)s?\s+"
    r"(?:immediately|instantly|at once|straight away|right away)\b",
    re.IGNORECASE,
)
""""Approval is automatic and immediate", "issued right away": decided at once, in one form:
a decision word, then (in the same clause) at once, or "immediate approval"."""


@_cached
def instant_claims(text: str) -> list[Claim]:
    """秒批, 秒报 and 即办: decided on the spot."""
    claims = []
    for phrase, start in _find(text, INSTANT + INSTANT_APPROVAL + INSTANT_FILING + SAME_DAY):
        if _negated(text, start) or (phrase == "即办" and text[start - 1 : start] in "立随亦"):
            continue
        if phrase.startswith("当场") and phrase != "当场办结" and _one_case(text, start):
            continue
        if phrase in ("当场拿到", "当天拿到", "当日拿到") and _RECEIPT.match(
            text, start + len(phrase)
        ):
            continue
        fact = {"秒批": "instant_approval", "秒报": "instant_filing"}.get(phrase, "instant")
        claims.append(Claim("same_day" if phrase in SAME_DAY else fact, True, phrase))
    if "日" in text or "天" in text:
        for match in _DAY_DECIDED.finditer(text):
            phrase = match.group(0)
            if _negated(text, match.start()) or _one_case(text, match.start()):
                continue
            if _RECEIPT.match(text, match.end()) or any(
                c.phrase in phrase or phrase in c.phrase for c in claims
            ):
                continue
            next_day = match.group(1) in _NEXT_DAY_WORDS
            claims.append(Claim("next_day" if next_day else "same_day", True, phrase))
    if not text.isascii():
        for match in _AT_ONCE_DONE.finditer(text):
            phrase = match.group(0)
            if _negated(text, match.start()) or _one_case(text, match.start()):
                continue
            if _RECEIPT.match(text, match.end()):
                continue  # 当场拿到受理回执: a receipt, not the decision
            if not any(c.phrase in phrase or phrase in c.phrase for c in claims):
                claims.append(Claim("instant", True, phrase))
    lower = text.lower()
    for match in _AT_ONCE_EN.finditer(text):
        if _EN_NOT.search(lower[max(0, match.start() - 12) : match.end()]) or _one_case(
            lower, match.start()
        ):
            continue
        if not any(c.phrase.lower() in match.group(0).lower() for c in claims):
            claims.append(Claim("instant", True, match.group(0)))
    for words, fact, anywhere in (
        (INSTANT_EN, "instant", _INSTANT_EN_ANY),
        (SAME_DAY_EN, "same_day", _SAME_DAY_EN_ANY),
    ):
        for phrase in words if anywhere.search(lower) else ():
            start = lower.find(phrase)
            if start < 0 or lower[max(0, start - 5) : start].endswith("not "):
                continue
            if phrase in _NEEDS_RESULT and (
                _one_case(lower, start) or not _RESULT_EN.search(_clause_before(lower, start))
            ):
                continue
            if any(phrase in claim.phrase.lower() for claim in claims):
                continue  # part of a longer phrase already read (decided on the same day)
            claims.append(Claim(fact, True, text[start : start + len(phrase)]))
    return claims


_NEEDS_RESULT = ("while you wait", "on the spot", "the same day")
"""English words that are a claim about the decision only after what is decided or handed
over (you receive it the same day; fill in the form on the spot is no such claim)."""
_RESULT_EN = re.compile(
    r"\b(?:receive|receives|get|gets|issued|issues|ready|decided|approved|granted|collect|"
    r"printed|made)\b"
)


def _clause_before(lower: str, start: int) -> str:
    ends = [m.end() for m in _SENTENCE.finditer(lower, 0, start)]
    return lower[ends[-1] if ends else 0 : start]


def _one_case(text: str, start: int) -> bool:
    """True when the sentence around `start` names a case or an alternative (`_OTHER_CASE`)."""
    ends = [m.end() for m in _SENTENCE.finditer(text, 0, start)]
    stop = _SENTENCE.search(text, start)
    sentence = text[ends[-1] if ends else 0 : stop.start() if stop else len(text)].lower()
    return any(word in sentence for word in _OTHER_CASE)


# --- days to a decision ----------------------------------------------------------------------
_DAYS = re.compile(
    r"(\d+|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]{1,3})\s*个?\s*"
    r"(工作日|自然日|天|日|周|星期|(?<=个)月)\s*(?:之内|以内|内)"
)
"""`3 个工作日内`, `两周内`, `一个月内` (a month with 个 only: `3 月内` is no count)."""
MONTH_DAYS = 30
"""Calendar days a month said in a promise stands for (`一个月内`: 30 days)."""
_N = r"(\d+|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]{1,3})"
_DAYS_DONE = re.compile(
    r"(?:(?:办结|承诺|办理)?时限(?:为|是)?\s*" + _N + r"\s*个?\s*(工作日|自然日|天|日)(?![内以之]))"
    r"|(?:" + _N + r"\s*个?\s*(工作日|自然日|天|日|(?<=个)月)\s*(?:办结|办好|出结果|作出决定))"
    r"|(?:(?:最长不超过|不超过|最多|最长|大约|约|大概|预计)\s*"
    + _N
    + r"\s*个?\s*(工作日|自然日|天|周(?!岁)|星期|(?<=个)月))"
    r"|(?:" + _N + r"\s*个?\s*(工作日|自然日|天|周(?!岁)|星期|(?<=个)月)\s*左右)"
    r"|(?:(?:一般|通常|约|大约|大概|预计)?(?:需要?|要|需时|耗时|用时)约?\s*"
    + _N
    + r"\s*个?\s*(工作日|自然日|天|周(?!岁)|星期|(?<=个)月)"
    r"(?!\s*[内以之]))"
    r"|(?:" + _N + r"\s*个?\s*(工作日|自然日|天|周(?!岁)|星期)\s*(?:以?后|之后)\s*"
    r"(?:即可|就能|就可以|便可|可以?|才能)?(?:领到|领取|拿到|取得|出证|发证|取证|办结|办好|出结果))"
    r"|(?:(?:要|需要?|得|须|还要|再|只需)等|等待)(?:[\u4e00-\u9fff]{0,6}?\s*"
    + _N
    + r"\s*个?\s*(工作日|自然日|天|周(?!岁)|星期|(?<=个)月)"
    r"(?!\s*[内以之]))"
)
"""`10 个工作日办结`, `办结时限为 8 个工作日`, `最长不超过 7 个工作日`, `大约 5 个工作日`,
`一般需要 25 个工作日`, `两周左右`, `约两个月办结`, `3 个工作日后领到`, `要等税务局 7 个工作日
审核`: a promise written without 内 (months only with 个: 3 月办结 is in March)."""
_DAYS_DONE_HINT = re.compile(
    r"时限|办|出结果|作出决定|超过|最多|最长|约|大概|左右|需|要|等|预计|耗时|用时"
    r"|(?:工作日|自然日|天|周|星期)\s*(?:以|之)?后"
)
_EN_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}  # fmt: skip
EN_NUMBER = (
    r"(?:(?:" + "|".join(_EN_TENS) + r")(?:[- ](?:" + "|".join(_EN_UNITS[1:10]) + r"))?"
    r"|" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + r")"
)
"""A number from zero to ninety-nine written in English words (`twenty-four`, `eighteen`)."""


def en_number(words: str) -> int | None:
    """The value of an English number word (`twenty-four` is 24, `a` is 1), or None."""
    words = words.lower().strip()
    if words in ("a", "an"):
        return 1
    if words in _EN_UNITS:
        return _EN_UNITS.index(words)
    tens, _sep, unit = words.replace("-", " ").partition(" ")
    if tens in _EN_TENS and (not unit or unit in _EN_UNITS[1:10]):
        return _EN_TENS[tens] + (_EN_UNITS.index(unit) if unit else 0)
    return None


_DAYS_EN = re.compile(
    r"\b(?:within|takes(?: about| around| roughly| up to)?|take(?: about| around| up to)?|"
    r"up to|no more than|about|around|roughly|"
    r"in(?= \S+ (?:working|business) ))"
    r" (\d+|a|" + EN_NUMBER + r") "
    r"(?:(working|business|calendar) )?(days?|weeks?|fortnights?)\b",
    re.IGNORECASE,
)
"""`within three working days`, `within a week`, `takes about twenty-one days`, `within a
fortnight`: counts in digits or words (`en_number`)."""
_DEADLINE = ("在", "于", "满", "超过", "前", "后", "有效", "至少", "提前", "before", "after")
_DEADLINE_AFTER = ("到期", "过期", "有效", "办理", "申请", "提交", "补交", "报名", "补正", "补齐")
_DOER = re.compile(
    r"(?:银行|部门|局|委|办|处|科|中心|派出所|窗口|医院|学校|我们|系统|工作人员|登记处|大厅"
    r"|街道|乡镇|社区|机关|政府|审批|审核)(?:会|将|应|应当|须|一般|通常)?在$"
)
"""`银行在 3 个工作日内制作`, `街道在 30 个工作日内审核`: 在 after the body that acts (a
bureau, an office, a street office or the authority's act) is its promise, not a deadline."""
_FROM_RECEIPT = re.compile(r"(?:受理|收到申请|收到材料|材料齐全|提交|递交|申报)之?后$")
"""`受理后 30 个工作日内`, `网上提交后三个工作日内`: days counted from the office's receipt are
its promise (后 after another act of the applicant, 出生后 30 天内, is their deadline)."""
"""Days next to these are the applicant's deadline or a validity, not a promise."""


_CLAUSE_END = re.compile(r"[.;:!?]\s|[,，。；：]")
_APPLICANT_EN = re.compile(
    r"\b(?:must|should|need to|needs to|have to|has to|register|apply|submit|report|"
    r"renew|file|pay|collect|bring)\b",
    re.IGNORECASE,
)
"""In English, days in a clause whose doer is the applicant ("register the change within 30
days", "you must apply within 60 days of the birth") are their deadline, not a promise."""


_OFFICE_ACTS_EN = re.compile(
    r"\b(?:the system|we|they|it|the (?:\w+ )?(?:bureau|office|department|authority|commission"
    r"|centre|center|registry|police|hospital|school|platform|hall))\s+(?:will\s+)?"
    r"(?:issues?|approves?|decides?|pays?|sends?|makes?|produces?|grants?|checks?|reviews?"
    r"|processes?|registers?|posts?)\b",
    re.IGNORECASE,
)
"""`… and the system issues the certificate`: after the applicant's act, a clause whose doer is
the office; the days that follow are its promise."""


def _english_deadline(text: str, match: re.Match[str]) -> bool:
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, match.start())]
    clause = text[starts[-1] if starts else 0 : match.start()]
    acts = [m.end() for m in _APPLICANT_EN.finditer(clause)]
    if not acts:
        return False
    return _OFFICE_ACTS_EN.search(clause, acts[-1]) is None


@_cached
def day_claims(text: str) -> list[Claim]:
    """`N 个工作日内` / `N 天内` / `within N working days`: how long the decision takes."""
    claims = []
    taken: list[int] = []
    for match in _DAYS.finditer(text):
        before = text[max(0, match.start() - 4) : match.start()].rstrip()
        after = text[match.end() : match.end() + 2]
        wider = text[max(0, match.start() - 8) : match.start()].rstrip()
        if (
            before.endswith(_DEADLINE)
            and not _DOER.search(wider)
            and not _FROM_RECEIPT.search(wider)
        ) or after in _DEADLINE_AFTER:
            continue
        count = zh_number(match.group(1)) or 0
        if match.group(2) in ("周", "星期"):
            if match.group(2) == "周" and text[match.end(2) : match.end(2) + 1] == "岁":
                continue
            count, unit = count * 7, "calendar_days"
        elif match.group(2) == "月":
            count, unit = count * MONTH_DAYS, "calendar_days"
        else:
            unit = "working_days" if match.group(2) == "工作日" else "calendar_days"
        claims.append(Claim("days", (count, unit), match.group(0)))
        taken.append(match.end())
    for match in _DAYS_DONE.finditer(text) if _DAYS_DONE_HINT.search(text) else ():
        number, word = next(
            match.group(i, i + 1) for i in (1, 3, 5, 7, 9, 11, 13) if match.group(i) is not None
        )
        if match.group(13) is None and (
            text[max(0, match.start() - 4) : match.start()].rstrip().endswith(_DEADLINE)
        ):
            continue  # (waiting, 要等 7 个工作日, is never the applicant's own deadline)
        if any(match.start() < c_end for c_end in taken):
            continue  # the same days, already read with 内
        count = zh_number(number) or 0
        if word in ("周", "星期"):
            count, unit = count * 7, "calendar_days"
        elif word == "月":  # 约两个月办结: a month is read as 30 days, as with 内
            count, unit = count * MONTH_DAYS, "calendar_days"
        else:
            unit = "working_days" if word == "工作日" else "calendar_days"
        claims.append(Claim("days", (count, unit), match.group(0)))
    for match in _DAYS_EN.finditer(text):
        if _english_deadline(text, match):
            continue
        unit = (
            "working_days"
            if (match.group(2) or "").lower() in ("working", "business")
            else "calendar_days"
        )
        said = match.group(1).lower()
        count = int(said) if said.isdigit() else en_number(said) or 0
        if match.group(3).lower().startswith("week"):
            count, unit = count * 7, "calendar_days"
        elif match.group(3).lower().startswith("fortnight"):
            count, unit = count * 14, "calendar_days"
        claims.append(Claim("days", (count, unit), match.group(0)))
    return claims


# --- where it can be handled -------------------------------------------------------------------
REGION_LEVELS = {"city": 0, "province": 1, "cross_province": 2, "national": 3}
REGIONS = {
    "全国通办": "national", "全国可办": "national", "全国范围内办理": "national",
    "跨省通办": "cross_province", "跨省办理": "cross_province", "跨省可办": "cross_province",
    "全省通办": "province", "省内通办": "province",
}  # fmt: skip
REGIONS_EN = {
    "nationwide": "national", "anywhere in the country": "national",
    "across provinces": "cross_province", "cross-province": "cross_province",
    "province-wide": "province", "anywhere in the province": "province",
}  # fmt: skip
"""Where a service can be handled, said in English."""


_REGION_LEVEL = {
    "全国": "national",
    "跨省": "cross_province",
    "全省": "province",
    "省内": "province",
}
_REGION_FORM = re.compile(
    r"(?:在|于)?(全国|跨省|全省|省内)(?:范围内?|各地|任意地方|任何地方"
    r"|(?:的)?任(?:一|何|意)(?:一)?(?:个|家|处|所)?[\u4e00-\u9fff]{1,8}?)?(?:均|都|皆)?(?:可以?|能)?"
    r"(?:通办|通辦|办理|受理|申请|可办)"
)
"""`可在全省范围内通办`, `全国各地均可办理`, `跨省可以申请`, `全国任一派出所都能申请`: where it
can be handled, in one form: the area + (within it, or any office of it) + (all, can) +
handled."""
_REGION_EN = re.compile(
    r"\b(?:anywhere|any (?:\w+ )?(?:city|town|place|window|office|station|hall|centre|center"
    r"|branch|registry)|everywhere|all over|across|throughout)"
    r" (?:in )?(china|mainland china|the country|the province|this province|the whole province)\b",
    re.IGNORECASE,
)
""""anywhere in China", "at any window in the country", "any police station in the province",
"throughout the province": where it can be handled, said in English."""


@_cached
def region_claims(text: str) -> list[Claim]:
    """全国通办 / 跨省通办 / 全省通办, and their English ("nationwide", "across provinces")."""
    found = [
        Claim("cross_region", REGIONS[phrase], phrase)
        for phrase, start in _find(text, tuple(REGIONS))
        if not _negated(text, start)
    ]
    if "全国" in text or "省" in text:
        found += [
            Claim("cross_region", _REGION_LEVEL[m.group(1)], m.group(0))
            for m in _REGION_FORM.finditer(text)
            if not _negated(text, m.start())
            and not any(c.phrase in m.group(0) or m.group(0) in c.phrase for c in found)
        ]
    lower = text.lower()
    for match in _REGION_EN.finditer(text):
        if _EN_NOT.search(lower[max(0, match.start() - 12) : match.start()]):
            continue
        level = "province" if "province" in match.group(1).lower() else "national"
        found.append(Claim("cross_region", level, match.group(0)))
    for phrase, level in REGIONS_EN.items() if _REGIONS_EN_ANY.search(lower) else ():
        start = lower.find(phrase)
        if any(phrase in claim.phrase.lower() for claim in found):
            continue  # read above in its general form
        if start >= 0 and not _EN_NOT.search(lower[max(0, start - 12) : start]):
            found.append(Claim("cross_region", level, text[start : start + len(phrase)]))
    return found


# --- fees ----------------------------------------------------------------------------------
FREE = (
    "不收费", "免费办理", "不收取任何费用", "不收取费用", "免收费用", "无需缴费", "不用交钱",
    "零收费", "不花一分钱", "不花钱", "分文不收", "分文不取", "不收取工本费", "免收工本费",
    "不收工本费", "无需交费", "不用交费", "不需要交费",
)  # fmt: skip
FREE_EN = (
    "it is free", "it's free", "there is no fee", "no fee is charged", "costs nothing",
    "does not cost anything", "free of charge to apply", "applying is free",
    "no fee is payable", "there are no fees", "the service is free", "the application is free",
)  # fmt: skip
"""Said of the service as a whole (a step's "free of charge" photo is no such claim)."""
_FEE = re.compile(
    r"([\u4e00-\u9fff]{0,3}费(?:用|标准)?)\s*[:：为是]?\s*(?:每(?:张|本|件|套|份|次|期|项|证))?\s*"
    r"(\d+(?:\.\d+)?|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰百]+)\s*元"
)
_PER_DOCUMENT = re.compile(
    r"每(?:张|本|件|套|证)\s*(\d+(?:\.\d+)?|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰百千]+)\s*元"
)
"""`每本 160 元`, `每张十五元`: the price of a document, a fee however the sentence names it."""
_FEE_BEFORE = re.compile(
    r"(?:交|缴|缴纳|收取?|和|及|、)\s*(\d+(?:\.\d+)?)\s*元\s*([\u4e00-\u9fff]{0,3}费)"
)
"""`需交 9 元登记费`: the amount written before the fee's name (and the next of a list: 交 120
元护照费和 20 元照相费)."""
_CHARGED = re.compile(
    r"(?:收取?(?![到入])|缴纳?|支付|自付|自费)\s*"
    r"(\d+(?:\.\d+)?|[一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰百]+)\s*元(?!\s*[\u4e00-\u9fff]{0,3}费)"
)
"""`首次申领收 10 元`: a charge said with its verb and no fee's name."""
_FEE_EN = re.compile(
    r"\b(?:fees? (?:is|are|of)|fee:|costs?|charge of|pay(?: the| a| an)?)\s+"
    r"(?:RMB|CNY|¥|￥)?\s*(\d+(?:\.\d+)?)(?:\s*yuan)?\b"
    r"|(?:RMB|CNY)\s*(\d+(?:\.\d+)?)\b|[¥￥]\s*(\d+(?:\.\d+)?)",
    re.IGNORECASE,
)
"""`the fee is 120 yuan`, `it costs RMB 15`, `¥25`: an amount, in either language."""
_NO_CHARGE_EN = re.compile(
    r"\bthere(?: is|'s) no (?:charge|fee)(?: to pay| to apply)?(?=\s*[.;,!]|$)"
)
"""`There is no charge.` of the whole service (`no charge for postage` is of one part)."""
_FREE_FORM = re.compile(
    r"(?:费|费用|收费)\s*(?:全免|全部免除|全额免除|一律免收|全部减免|为零|为\s*0\s*元)"
    r"|(?:全免|免收|免交|免缴)[\u4e00-\u9fff]{0,3}费"
    r"|(?:全程|完全|一律|全部|均|都)免费"
    r"|" + _NEEDS_NOT + r"(?:缴纳|交纳|缴|交|支付|付)(?:任何)?(?:费用|钱)"
)
_FREE_SERVICE = re.compile(
    r"免费(?:申请|申领|办理|补办|补领|换领|换证|换发|签发|办证|登记|认定|出证|发证|制证|领证|受理"
    r"|办(?![公事])|领取?(?=[^，。；]{0,8}[证照卡]))"
)
"""免费 + the service's own verb (免费换证, 当场免费出证, 当场免费办临时身份证, 免费领新卡): free of
the service itself, even in a clause that also speaks of a photo or the post."""
_FEE_DUE = re.compile(
    r"(?:(?:须|需|需要|要|应|应当|必须|请)(?:先|另行|另外|额外)?(?:缴纳|交纳|缴费|缴|交|支付|付)"
    r"|收取|加收)"
    r"(?:一笔|一定的?|少量的?)?([\u4e00-\u9fff]{0,4}?费)(?:用)?"
)
"""`需缴纳工本费`, `须另行支付审查费`, `收取登记费`: a fee to pay, with no amount named."""
_FEE_BORNE = re.compile(
    r"([\u4e00-\u9fff]{0,4}?费)(?:用)?(?:由|需|须|要)(?:个人|申请人|本人|你|您|群众|企业|单位|当事人)"
    r"(?:自行)?(?:承担|负担|支付|缴纳|自理|自付)"
)
"""`工本费由个人承担`, `审查费由申请人自理`: a fee the citizen pays, said as who bears it."""
_FEE_DUE_EN = re.compile(
    r"\b(?:must|need to|needs to|have to|has to|will have to)\s+pay\s+(?:a|an|the)\s+"
    r"(?:\w+\s+)?(?:fee|charge)\b",
    re.IGNORECASE,
)
""""you must pay an application fee": a fee to pay, in English, with no amount named."""
"""In one general form: the fee + waived in full (工本费全免, 费用一律免收, 收费为零), or waived +
the fee (免收工本费, 免交手续费), or no need to pay (不需要缴纳任何费用)."""
_FREE_FORM_EN = re.compile(
    r"\b(?:nothing|no money) to pay\b|\bpay nothing\b|\bat no (?:cost|charge)\b"
    r"|\bwithout (?:any )?(?:charge|fee)\b|\bfree of any charge\b"
    r"|\b(?:apply|applying|register|registering|renew|renewing|replace|replaced|issued|done"
    r"|get|receive)\b[^.;,]{0,40}?\bfor free\b"
    r"|\b(?:is|are)\s+(?:completely\s+|totally\s+|entirely\s+|also\s+)?free\b"
    r"(?!\s+(?:to|for|from|when|if|unless|at|on|in|by)\b)"
)
"""Nothing to pay, in English: `there is nothing to pay`, `at no cost`, `without charge`, and
`for free` of applying or getting the result (an interpreter for free is one part)."""
REDUCED = re.compile(
    r"(?:\d+\s*周?岁以上|[〇一二两三四五六七八九十]+\s*周?岁以上|老人|老年人|残疾人|学生|军人|低保[^。；;，,]{0,4})"
    r"[^。；;，,]{0,6}?(?:免收|减收|减半|半价|免交|免缴)"
    r"|(?:减半|半价|减收|减免)(?:收取|收费|计收|征收|缴纳)"
    r"|(?:可以?|予以|可予|准予)(?:减半|减免|减收|免收|免交|免缴)"
)
"""A fee reduced or waived: for a group (60 周岁以上老人免收, 残疾人减半), or said with its verb
whoever it is for (减半收取, 可予减免); `法律规定的免收、减收` names the reductions, not one."""
REDUCED_EN = re.compile(
    r"\b\d+\s*yuan\s+(?:if|for)\s+(?:you are\s+|you're\s+|people\s+|those\s+|anyone\s+)?"
    r"(?:over|under|aged|above|below)\s+\d+"
    r"|\bfree for (?:people|those|anyone|children|older|disabled|students)\b|\bhalf price\b",
    re.IGNORECASE,
)
"""`(10 yuan if you are over 70)`, `free for older people`: a reduction in English."""
_POSTAGE = re.compile(r"邮费|快递费|邮寄费|postage|courier|delivery", re.IGNORECASE)
_ONE_PART = re.compile(
    r"邮费|快递费|邮寄|寄到|寄给|拍照|照片|postage|courier|delivery|\bpost(?:ed)?\b|\bsent\b|photo",
    re.IGNORECASE,
)
"""A clause about posting or a photo: its "free" is of that part (免费寄到家, posted at no
cost), not of the service."""
"""Postage is charged by the post, not the government: an amount next to it is no fee."""


@_cached
def fee_claims(text: str) -> list[Claim]:
    """不收费 / 免费办理 (free), and `工本费 N 元` / `the fee is N yuan` (an amount)."""
    claims = [Claim("free", True, phrase) for phrase, _ in _find(text, FREE)]
    for match in _FEE.finditer(text):
        if _POSTAGE.search(match.group(1)):
            continue
        if "免" not in match.group(1) and "补" not in match.group(1):
            amount = match.group(2)
            value = float(amount) if amount[0].isdigit() else zh_number(amount)
            if value is not None:
                claims.append(Claim("fee", float(value), match.group(0)))
    for match in _FEE_BEFORE.finditer(text):
        if "免" not in match.group(2) and "补" not in match.group(2):
            claims.append(Claim("fee", float(match.group(1)), match.group(0)))
    for match in _CHARGED.finditer(text):
        value = zh_number(match.group(1)) if not match.group(1)[0].isdigit() else None
        amount = float(match.group(1)) if match.group(1)[0].isdigit() else value
        if amount is not None and not any(c.fact == "fee" and c.value == amount for c in claims):
            claims.append(Claim("fee", float(amount), match.group(0)))
    if "每" in text:
        for match in _PER_DOCUMENT.finditer(text):
            around = clause(text, match.start(), match.end())
            if _PAID_BY_OTHERS.search(around) or _EXTRA_PART.search(around):
                continue  # 印章每套 200 元由政府承担; 照片每张 10 元 is the photo's
            said = match.group(1)
            amount = float(said) if said[0].isdigit() else zh_number(said)
            if amount is not None and not any(
                c.fact == "fee" and c.value == amount for c in claims
            ):
                claims.append(Claim("fee", float(amount), match.group(0)))
    for match in _FEE_EN.finditer(text):
        if _POSTAGE.search(text[max(0, match.start() - 20) : match.start()]):
            continue
        amount = match.group(1) or match.group(2) or match.group(3)
        if not any(c.fact == "fee" and c.value == float(amount) for c in claims):
            claims.append(Claim("fee", float(amount), match.group(0)))
    lower = text.lower()
    if _FREE_EN_ANY.search(lower):
        claims += [Claim("free", True, phrase) for phrase in FREE_EN if phrase in lower]
    claims += [Claim("free", True, m.group(0)) for m in _NO_CHARGE_EN.finditer(lower)]
    if not any(c.fact == "free" for c in claims):
        form = _FREE_FORM.search(text) or _FREE_FORM_EN.search(lower)
        if form is not None and not _ONE_PART.search(clause(text, form.start(), form.end())):
            claims.append(Claim("free", True, text[form.start() : form.end()]))
        elif (service := _FREE_SERVICE.search(text)) is not None:
            claims.append(Claim("free", True, service.group(0)))
    if not any(c.fact == "fee" for c in claims):
        claims += _fees_due(text)
    return claims


_NOT_SERVICE_FEE = re.compile(
    r"保险费|保费|社保费|学费|保教费|住宿费|伙食费|餐费|医疗费|药费|物业费|水费|电费|燃气费|停车费|税费|培训费"
)
"""What a citizen pays that is not a fee for the service: contributions, tuition, bills."""
_PAID_BY_OTHERS = re.compile(r"承担|报销|补贴|出钱|买单")
_EXTRA_PART = re.compile(r"照|复印|打印|邮|快递")
"""A clause about a photo, copies or the post: its price is of that part, not of the service."""
"""A clause that says who pays for the citizen (刻章费由政府承担): no fee to the citizen."""


def _fees_due(text: str) -> list[Claim]:
    """A fee the text says must be paid, without its amount (需缴纳工本费), unless negated,
    postage (邮费由你支付 is the post's charge, not the government's) or not a fee for the
    service (须按月缴纳养老保险费)."""
    found = [
        Claim("fee-due", None, m.group(0))
        for m in _FEE_DUE.finditer(text)
        if not _POSTAGE.search(m.group(1))
        and not _NOT_SERVICE_FEE.search(m.group(1))
        and not _negated(text, m.start())
    ]
    for m in _FEE_BORNE.finditer(text) if "费" in text else ():
        if not _POSTAGE.search(m.group(1)) and not _NOT_SERVICE_FEE.search(m.group(1)):
            found.append(Claim("fee-due", None, m.group(0)))
    for m in _FEE_DUE_EN.finditer(text):
        if not _POSTAGE.search(m.group(0)) and not _EN_NOT.search(
            text[max(0, m.start() - 12) : m.start()].lower()
        ):
            found.append(Claim("fee-due", None, m.group(0)))
    return found


_CLAUSE_MARK = re.compile(r"[。；;，,.!?！？]")


def clause(text: str, start: int, end: int) -> str:
    """The clause around text[start:end] (between punctuation)."""
    before = [m.end() for m in _CLAUSE_MARK.finditer(text, 0, start)]
    after = _CLAUSE_MARK.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def reduction_claims(text: str) -> list[str]:
    """The phrases of a text that reduce or waive a fee (for a group of people, or with the
    verb that collects it)."""
    may = "岁" in text or "人" in text or "减" in text or "免" in text or "半" in text
    found = [m.group(0) for m in REDUCED.finditer(text)] if may else []
    return found + [text[m.start() : m.end()] for m in REDUCED_EN.finditer(text)]


# --- days of the week and times of day -----------------------------------------------------------
_DAY_WORDS = {
    "周一": ("mon",), "周二": ("tue",), "周三": ("wed",), "周四": ("thu",), "周五": ("fri",),
    "周六": ("sat",), "周日": ("sun",), "周天": ("sun",), "星期一": ("mon",),
    "星期二": ("tue",), "星期三": ("wed",), "星期四": ("thu",), "星期五": ("fri",),
    "星期六": ("sat",), "星期日": ("sun",), "星期天": ("sun",), "周末": ("sat", "sun"),
    "双休日": ("sat", "sun"), "工作日": ("mon", "tue", "wed", "thu", "fri"),
    "每天": WEEKDAYS, "节假日": ("holiday",), "周六、日": ("sat", "sun"), "周六日": ("sat", "sun"),
    "法定假日": ("holiday",), "春节": ("holiday",), "国庆": ("holiday",), "礼拜六": ("sat",),
    "礼拜天": ("sun",), "礼拜日": ("sun",), "每日": WEEKDAYS, "天天": WEEKDAYS,
    "全年无休": (*WEEKDAYS, "holiday"), "一周七天": WEEKDAYS, "每周七天": WEEKDAYS,
    "一周 7 天": WEEKDAYS, "每周 7 天": WEEKDAYS,
}  # fmt: skip
_DAY_WORDS_EN = {
    "monday": ("mon",), "tuesday": ("tue",), "wednesday": ("wed",), "thursday": ("thu",),
    "friday": ("fri",), "saturday": ("sat",), "sunday": ("sun",), "weekend": ("sat", "sun"),
    "public holiday": ("holiday",), "working days": ("mon", "tue", "wed", "thu", "fri"),
    "daily": WEEKDAYS, "spring festival": ("holiday",), "national day": ("holiday",),
    "7 days a week": WEEKDAYS, "seven days a week": WEEKDAYS, "every day": WEEKDAYS,
}  # fmt: skip
_RANGE = re.compile(
    r"(周[一二三四五六日]|星期[一二三四五六日天])\s*[至到~～—–-]\s*(周[一二三四五六日天]|星期[一二三四五六日天])"
)
_CLOSED = (
    "不办公", "不办理", "不开放", "休息", "暂停", "除外", "只在工作日", "不受理", "不接待",
    "上门", "预约", "接听", "热线", "电话", "closed", "only on working days", "not open",
    "by appointment", "visit your", "no service", "不开门", "不营业", "歇业", "shut",
)  # fmt: skip
"""A clause with one of these speaks of a day the office is shut, or of service elsewhere."""
_CLAUSE = re.compile(r"[，。；;！？\n]|, (?=[A-Z])|\. ")
_TIME = re.compile(
    r"(?<![\d:])([01]?\d|2[0-4])[:：]([0-5]\d)\s*(?:[–—~～－-]|至|到|to)\s*([01]?\d|2[0-4])[:：]([0-5]\d)(?![\d:])"
    r"(?!\s*[ap]\.?m\b)"  # 1:30 to 5:30 pm is read on the 12-hour clock (am_pm_ranges)
)
_HALF = (
    r"(上午|下午|晚上|中午|早上)?\s*(\d{1,2}|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]{1,3})\s*[点时]"
    r"\s*(半|(\d{1,2}|[一二三四五六七八九十]{1,3})\s*分)?"
)
_TIME_ZH = re.compile(_HALF + r"\s*(?:至|到|[–—~～-])\s*" + _HALF)
"""`8 点半到 17 点`, `上午 9 点至下午 5 点`: hours written in words, read as HH:MM."""


def _clock(part: str | None, hour: str, half: str | None, minutes: str | None) -> int:
    """Minutes after midnight of one end of a `_TIME_ZH` range."""
    value = zh_number(hour) or 0
    if part in ("下午", "晚上") and value < 12:
        value += 12
    return value * 60 + (30 if half == "半" else (zh_number(minutes) or 0 if minutes else 0))


def zh_time_ranges(text: str) -> list[tuple[str, str, str]]:
    """Every `8 点半到 17 点` of a text as (start, end, as written), 24-hour HH:MM; an end
    before the start without 下午 (8 点到 5 点) is read in the afternoon."""
    found = []
    for m in _TIME_ZH.finditer(text):
        start = _clock(m.group(1), m.group(2), m.group(3), m.group(4))
        end = _clock(m.group(5), m.group(6), m.group(7), m.group(8))
        if end <= start and m.group(5) is None and end < 13 * 60:
            end += 12 * 60
        if start < 24 * 60 and end <= 24 * 60:
            found.append(
                (
                    f"{start // 60:02d}:{start % 60:02d}",
                    f"{end // 60:02d}:{end % 60:02d}",
                    m.group(0).strip(),
                )
            )
    return found


_UNTIL = re.compile(
    r"(?:延长到|延长至|延时到|延时至|开放到|开放至|办理到|办到|open until|open till)\s*"
    r"(?:晚上|下午)?\s*([01]?\d|2[0-4])[:：]([0-5]\d)(?![\d:])",
    re.IGNORECASE,
)
"""`延长到 19:30`: open until a time, which must be within the hours too."""
_CLOSES = re.compile(
    r"(上午|下午|晚上|中午|傍晚)?\s*(\d{1,2}|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]{1,3})\s*"
    r"(?:[点时]\s*(?:(半)|(\d{1,2})\s*分)?|[:：]([0-5]\d))"
    r"\s*(?:(?:才)?(?:关门|下班|停止办理|停止受理|结束办理)"
    r"|(?:之?前|以前)(?:(?:都|均|也|仍|照常)(?:能|可以?|可)?|能|可以?)(?:办理?|受理))"
)
"""`下午 5 点半关门`, `晚上八点前都能办`: the time an office closes, which must be within its
hours."""
_CLOSES_HINT = re.compile(r"关门|下班|停止|结束|(?:[点时分半]|\d)\s*(?:之|以)?前")
_OPENS = re.compile(
    r"(?:早上|上午)?\s*(\d{1,2}|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]{1,3})\s*"
    r"(?:[点时]\s*(?:(半)|(\d{1,2})\s*分)?|[:：]([0-5]\d))"
    r"\s*(?:就)?(?:开门|开始办公|开始办理|开始受理)"
)
"""`早上 8 点半开门`: the time an office opens, which must be within its hours."""
_CLOCK_12 = r"(?:(\d{1,2})(?::([0-5]\d))?\s*(am|pm|a\.m\.|p\.m\.)|(?:12\s*)?(noon|midday|midnight))"
"""One time on a 12-hour clock: `9am`, `8:30 a.m.`, or a named hour (`noon`, `12 noon`)."""
_NAMED_HOURS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
_CLOCK_12_START = (
    r"(?:(\d{1,2})(?::([0-5]\d))?\s*(am|pm|a\.m\.|p\.m\.)?|(?:12\s*)?(noon|midday|midnight))"
)
"""The start of a range on a 12-hour clock, whose am or pm may be left to its end (`1:30 to
5:30 pm`)."""
_AM_PM = re.compile(r"\b" + _CLOCK_12_START + r"\s*(?:[–—~-]|to)\s*" + _CLOCK_12, re.IGNORECASE)
"""`9am–5pm`, `8:30 a.m. to 5 p.m.`, `9 am–noon`, `1:30 to 5:30 pm`: hours on a 12-hour
clock."""
_UNTIL_EN = re.compile(
    r"\b(?:until|till|closes at|close at|closing at)\s+(\d{1,2})(?::([0-5]\d))?"
    r"\s*(am|pm|a\.m\.|p\.m\.)",
    re.IGNORECASE,
)
"""`open until 7 pm`, `closes at 5:30 p.m.`: the closing time on a 12-hour clock."""
_WEEK_SHORT = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_EN = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday|s|r|rs)?\.?"
_RANGE_SHORT = re.compile(r"\b" + _DAY_EN + r"\s*(?:[–—~-]|to|through)\s*" + _DAY_EN + r"(?![a-z])")
"""`Mon–Sat`, `Monday to Friday`: a range of days in English (capitalised, as days are:
`wedding to` and `sat the exam` name no day)."""
_DAY_SHORT = re.compile(r"\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?")
"""`Sat`, `Sun.`: one day abbreviated in English."""


_HAN = re.compile(r"[\u4e00-\u9fff]")
"""A Chinese character: a text without one is read for English abbreviations (Sat, Mon–Fri)."""


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1B)} | {0xFF0D: ord("-")}
"""Full-width digits, colon and hyphen (８：３０－１７：３０) and their ASCII forms."""
_FULL_WIDTH_CHAR = re.compile("[\uff0d-\uff1a]")


def half_width(text: str) -> str:
    """The text with full-width digits, colon and hyphen written as ASCII (８：３０ → 8:30)."""
    if _FULL_WIDTH_CHAR.search(text) is None:
        return text
    return text.translate(_FULL_WIDTH)


AM_PM_HINT = re.compile(r"\d\s*[ap]\.?m", re.IGNORECASE)
"""A time on a 12-hour clock (9am, 5 p.m.): what `am_pm_ranges` starts from."""


def am_pm_ranges(text: str) -> list[tuple[str, str, str]]:
    """Every `9am–5pm` of a text as (start, end, as written), 24-hour HH:MM."""
    found = []
    for m in _AM_PM.finditer(text):
        ends = []
        for hour, minutes, half, named in (m.group(1, 2, 3, 4), m.group(5, 6, 7, 8)):
            if named:
                ends.append(_NAMED_HOURS[named.lower()])
                continue
            # `1:30 to 5:30 pm`: a start without its own am/pm shares the end's, unless
            # that puts it after the end (`11 to 2 pm` starts in the morning).
            said = half or m.group(7) or "am"
            value = int(hour) % 12 + (12 if said.lower().startswith("p") else 0)
            ends.append(f"{value:02d}:{minutes or '00'}")
        if not m.group(3) and not m.group(4) and ends[0] > ends[1]:
            ends[0] = f"{int(ends[0][:2]) - 12:02d}{ends[0][2:]}"
        if ends[0] == "24:00":
            ends[0] = "00:00"
        found.append((ends[0], ends[1], m.group(0)))
    return found


def english_days(text: str) -> list[tuple[str, str]]:
    """(day, the words) for `Mon–Sat` ranges and single abbreviated days of an English text."""
    said: list[tuple[str, str]] = []
    for match in _RANGE_SHORT.finditer(text):
        first, last = (_WEEK_SHORT.index(g.lower()[:3]) for g in match.groups())
        said += [(WEEKDAYS[d], match.group(0)) for d in range(first, last + 1)]
    rest = _RANGE_SHORT.sub(" ", text)
    for match in _DAY_SHORT.finditer(rest):
        said.append((WEEKDAYS[_WEEK_SHORT.index(match.group(1).lower()[:3])], match.group(0)))
    return said


def _minute_after(hhmm: str) -> str:
    hours, minutes = divmod(int(hhmm[:2]) * 60 + int(hhmm[3:]) + 1, 60)
    return f"{hours:02d}:{minutes:02d}"


def _minute_before(hhmm: str) -> str:
    hours, minutes = divmod(int(hhmm[:2]) * 60 + int(hhmm[3:]) - 1, 60)
    return f"{hours:02d}:{minutes:02d}"


@dataclass(frozen=True)
class Opening:
    """One clause of a text that says when something is open: days (or none) and times."""

    days: tuple[str, ...]
    times: tuple[tuple[str, str, str], ...]
    """(start, end, as written), 24-hour HH:MM."""
    phrase: str
    said: tuple[tuple[str, str], ...] = ()
    """(day, the words that named it)."""

    def phrase_for(self, day: str) -> str:
        return next((words for named, words in self.said if named == day), self.phrase)


@_cached
def opening_claims(text: str) -> list[Opening]:
    """The days and times a text says something is open, clause by clause; shut days left out."""
    text = half_width(text)
    if _OPENING_HINT.search(text) is None:
        return []
    claims = []
    for clause in _CLAUSE.split(text):
        lower = clause.lower()
        if not clause.strip() or any(word in lower for word in _CLOSED):
            continue
        days: list[str] = []
        said: list[tuple[str, str]] = []
        for match in _RANGE.finditer(clause):
            first, last = (_DAY_WORDS[_norm_day(g)][0] for g in match.groups())
            span = WEEKDAYS[WEEKDAYS.index(first) : WEEKDAYS.index(last) + 1]
            days.extend(span)
            said.extend((day, match.group(0)) for day in span)
        rest = _RANGE.sub("", clause)
        for word, meaning in _DAY_WORDS.items():
            if word in rest:
                days.extend(meaning)
                said.extend((day, word) for day in meaning)
        for word, meaning in _DAY_WORDS_EN.items():
            if word in _RANGE_SHORT.sub(" ", lower):
                days.extend(meaning)
                start = lower.find(word)
                said.extend((day, clause[start : start + len(word)]) for day in meaning)
        if _HAN.search(clause) is None:
            for day, words in english_days(clause):
                if day not in days:
                    days.append(day)
                    said.append((day, words))
        phrase = said[0][1] if said else ""
        times = tuple(
            (
                f"{int(m.group(1)):02d}:{m.group(2)}",
                f"{int(m.group(3)):02d}:{m.group(4)}",
                m.group(0),
            )
            for m in _TIME.finditer(clause)
        )
        if "点" in clause or "时" in clause:
            times += tuple(zh_time_ranges(clause))
        for m in _UNTIL.finditer(clause):
            until = f"{int(m.group(1)):02d}:{m.group(2)}"
            times += ((_minute_before(until), until, m.group(0)),)
        for m in _CLOSES.finditer(clause) if _CLOSES_HINT.search(clause) else ():
            hour = zh_number(m.group(2)) or 0
            hour += 12 if m.group(1) in ("下午", "晚上", "傍晚") and hour < 12 else 0
            minutes = "30" if m.group(3) else f"{int(m.group(4) or m.group(5) or 0):02d}"
            closes = f"{hour:02d}:{minutes}"
            if "00:01" <= closes <= "24:00":
                times += ((_minute_before(closes), closes, m.group(0).strip()),)
        if AM_PM_HINT.search(lower):
            times += tuple(am_pm_ranges(clause))
            for m in _UNTIL_EN.finditer(clause):
                hour = int(m.group(1)) % 12 + (12 if m.group(3).lower().startswith("p") else 0)
                closes = f"{hour:02d}:{m.group(2) or '00'}"
                times += ((_minute_before(closes), closes, m.group(0)),)
        for m in _OPENS.finditer(clause) if "开" in clause else ():
            hour = zh_number(m.group(1)) or 0
            minutes = "30" if m.group(2) else f"{int(m.group(3) or m.group(4) or 0):02d}"
            opens = f"{hour:02d}:{minutes}"
            times += ((opens, _minute_after(opens), m.group(0).strip()),)
        if days or times:
            claims.append(
                Opening(tuple(dict.fromkeys(days)), times, phrase or times[0][2], tuple(said))
            )
    return claims


_STRONG_CLOSED = (
    "不办公",
    "休息",
    "闭馆",
    "不开放",
    "不对外",
    "closed",
    "不开门",
    "不营业",
    "歇业",
    "shut",
)
_WEEK_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RANGE_EN = re.compile(
    r"\b(" + "|".join(_WEEK_EN) + r")s? (?:to|through|-|–) (" + "|".join(_WEEK_EN) + r")s?\b"
)


@_cached
def closed_days(text: str) -> list[tuple[str, str]]:
    """The days a text says are shut (周末不办公, closed on Sundays): (day, the words)."""
    lower = text.lower()
    if not any(word in lower for word in _STRONG_CLOSED):
        return []
    found = []
    for clause in _CLAUSE.split(text):
        lower = clause.lower()
        if any(word in lower for word in _STRONG_CLOSED):
            found += [(day, words) for day, words in _days_named(clause) if day in WEEKDAYS]
    return found


LUNCH_OPEN = (
    "中午不休息", "中午不休", "午间不休息", "午间不休", "午休不休息", "午休时间照常",
    "中午照常办理", "中午也能办", "中午也可以办", "午间照常", "no lunch break", "open over lunch",
    "stays open over lunch", "stay open over lunch", "open through lunch", "open at lunchtime",
)  # fmt: skip
"""A text that says the office serves over lunch (中午不休息, no lunch break)."""


def may_claim_lunch(text: str) -> bool:
    """A cheap test true of every text lunch_claim finds something in (each of LUNCH_OPEN
    holds 午 or lunch): most texts are passed over with it."""
    return "午" in text or "unch" in text or "UNCH" in text


_LUNCH_OPEN = re.compile(
    r"(?:中午|午间|午休(?:时间|期间)?|午饭时间|午餐时间)(?:时段)?"
    r"(?:\s*\d{1,2}[:：]\d{2}\s*[–—~～-]\s*\d{1,2}[:：]\d{2})?"
    r"(?:[^，。；,;\d:：–—~-]{0,6}?)(?:也|亦|均|都|仍|还)?(?:可以?|能)?"
    r"(?:(?:照常|正常|照样|继续|不间断)(?:办理|受理|开放|营业|办公|服务)?"
    r"|不(?:休息?|停办|打烊|关门|间断))"
    r"|(?:中午|午间|午休(?:时间|期间)?|午饭时间|午餐时间)[^，。；,;\d]{0,6}?(?:也|都|还|照样)"
    r"(?:可以?|能)(?:办理?|受理|去办?)"
)
"""`午间可照常办理`, `中午也正常受理`, `午休期间各办理点照常受理`, `中午 12:00–13:30 综合窗口
不休息`: served over lunch, in one form: the lunch hour + (its times) + (who, in a few words) +
(also, can) + as usual or not stopping; or the lunch hour + also + can do it (午饭时间也能办)."""


def lunch_claim(text: str) -> str | None:
    """The words with which a text says the office serves over lunch, if it does."""
    if not may_claim_lunch(text):
        return None
    lower = text.lower()
    for phrase in LUNCH_OPEN if _LUNCH_OPEN_ANY.search(lower) else ():
        start = lower.find(phrase)
        if start >= 0 and not lower[max(0, start - 2) : start].endswith(("并非", "不是", "not")):
            return text[start : start + len(phrase)]
    match = _LUNCH_OPEN.search(text)
    if match and not text[max(0, match.start() - 2) : match.start()].endswith(("并非", "不是")):
        return match.group(0)
    return None


ALL_DAY = ("全天", "全日", "整天", "all day")
"""A day said to be open from morning to afternoon (周六全天办理)."""


@_cached
def all_day_claims(text: str) -> list[tuple[str, str]]:
    """The days a text says are open all day: (day, the words); none when it says 24 小时."""
    if not any(word in text.lower() for word in ALL_DAY):
        return []
    found = []
    for clause in _CLAUSE.split(text):
        lower = clause.lower()
        word = next((w for w in ALL_DAY if w in lower), None)
        if (
            word is None
            or any(closed in lower for closed in _CLOSED)
            or _negated(lower, lower.find(word))
        ):
            continue
        found += [
            (day, f"{words}{word}" if f"{words}{word}" in lower else words)
            for day, words in _days_named(clause)
            if day in WEEKDAYS
        ]
    return found


PARTS_OF_DAY = {
    "上午": "morning", "下午": "afternoon", "晚上": "evening", "夜间": "evening",
    "morning": "morning", "afternoon": "afternoon", "evening": "evening",
}  # fmt: skip
"""A part of a day a text says something is open (周六下午也办理)."""


@_cached
def part_of_day_claims(text: str) -> list[tuple[str, str, str]]:
    """(day, the words, morning / afternoon / evening) for each day a clause names with a part
    of the day; a clause that says the office is shut, or names no day, claims nothing."""
    lower = text.lower()
    if not any(word in lower for word in PARTS_OF_DAY):
        return []
    found = []
    for clause in _CLAUSE.split(text):
        lower = clause.lower()
        if any(closed in lower for closed in _CLOSED):
            continue
        for word, part in PARTS_OF_DAY.items():
            start = lower.find(word)
            if start < 0 or _negated(lower, start):
                continue
            for day, words in _days_named(clause):
                if day in WEEKDAYS:
                    said = f"{words}{word}" if f"{words}{word}" in lower else words
                    found.append((day, said, part))
    return found


def weekend_days(text: str) -> set[str]:
    """Which of Saturday and Sunday a text names, in either language (for comparing the two)."""
    if _WEEKEND_HINT.search(text) is None:
        return set()
    return {day for day, _words in _days_named(text) if day in ("sat", "sun")}


def _days_named(text: str) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    lower = text.lower()
    for match in _RANGE.finditer(text):
        first, last = (_DAY_WORDS[_norm_day(g)][0] for g in match.groups())
        said += [
            (d, match.group(0)) for d in WEEKDAYS[WEEKDAYS.index(first) : WEEKDAYS.index(last) + 1]
        ]
    for match in _RANGE_EN.finditer(lower):
        first, last = (WEEKDAYS[_WEEK_EN.index(g)] for g in match.groups())
        said += [
            (d, match.group(0)) for d in WEEKDAYS[WEEKDAYS.index(first) : WEEKDAYS.index(last) + 1]
        ]
    rest = _RANGE.sub("", text)
    rest_en = _RANGE_EN.sub("", lower)
    said += [(d, w) for w, days in _DAY_WORDS.items() if w in rest for d in days]
    said += [(d, w) for w, days in _DAY_WORDS_EN.items() if w in rest_en for d in days]
    if "every day" in rest_en:
        said += [(d, "every day") for d in WEEKDAYS]
    if _HAN.search(text) is None:
        said += english_days(_RANGE_EN.sub(" ", text))
    return said


def _hint(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


_OPENING_HINT = re.compile(
    _hint([*_DAY_WORDS, *_DAY_WORDS_EN, "every day"]).pattern
    + r"|\d[:：]\d|[\d〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]\s*[点时]|\d\s*[ap]\.?m"
    + r"|\b(?:mon|tue|wed|thu|fri|sat|sun)\b",
    re.IGNORECASE,
)
_WEEKEND_HINT = _hint(
    [
        "周",
        "星期",
        "礼拜",
        "双休",
        "每天",
        "saturday",
        "sunday",
        "weekend",
        "daily",
        "every day",
        "sat",
        "sun",
        "每日",
        "天天",
        "全年无休",
        "days a week",
    ]
)


def time_ranges(text: str) -> list[tuple[str, str, str]]:
    """Every `HH:MM–HH:MM` of a text as (start, end, as written)."""
    return [
        (f"{int(m.group(1)):02d}:{m.group(2)}", f"{int(m.group(3)):02d}:{m.group(4)}", m.group(0))
        for m in _TIME.finditer(text)
    ]


def _norm_day(word: str) -> str:
    return word.replace("星期天", "星期日")


# --- accessibility ------------------------------------------------------------------------------
ACCESS_WORDS = {
    "step_free": (
        "无障碍坡道", "坡道", "平坡", "无障碍通道", "无障碍入口", "无障碍出入口", "step-free",
        "ramp", "level access", "wheelchair accessible", "wheelchair-accessible",
    ),
    "stairs_only": (
        "只有台阶", "有台阶", "需走楼梯", "只能走楼梯", "没有电梯", "无电梯", "仅有楼梯",
        "需爬楼梯", "要爬楼梯", "only stairs", "steps only", "stairs only", "only by stairs",
        "reached by stairs", "by stairs only",
        "steps at the entrance", "no lift", "no ramp", "no elevator", "not step-free",
    ),
    "priority_window": ("绿色通道", "优先窗口", "priority window"),
    "sign_language": ("手语翻译", "手语", "sign language", "sign-language"),
    "accessible_parking": (
        "无障碍车位", "无障碍停车位", "残疾人专用车位", "残疾人车位", "残疾人停车位",
        "accessible parking", "disabled parking", "blue badge parking",
    ),
    "wheelchair_loan": (
        "借用轮椅", "轮椅借用", "提供轮椅", "轮椅可借", "可借轮椅", "借轮椅", "轮椅租借",
        "租借轮椅", "轮椅出借", "wheelchair loan", "lends wheelchairs", "borrow a wheelchair",
        "wheelchairs can be borrowed", "wheelchairs to borrow", "wheelchairs on loan",
    ),
    "accessible_toilet": (
        "无障碍卫生间", "无障碍厕所", "无障碍洗手间", "残疾人卫生间", "残疾人厕所", "第三卫生间",
        "accessible toilet", "disabled toilet",
    ),
    "hearing_loop": ("助听环路", "感应线圈", "助听设备", "助听系统", "hearing loop"),
}  # fmt: skip
ACCESS_FORMS = {
    "wheelchair_loan": re.compile(
        r"(?:借用?|租借|出借|提供|备有|配有|配备)[^，。；,;]{0,4}轮椅"
        r"|轮椅[^，。；,;]{0,4}?(?:借用|出借|租借|可借|供借|外借)"
    ),
    "accessible_parking": re.compile(r"(?:无障碍|残疾人)[^，。；,;]{0,4}(?:车位|停车)"),
    "accessible_toilet": re.compile(r"(?:无障碍|残疾人)[^，。；,;]{0,4}(?:卫生间|厕所|洗手间)"),
}
"""The access facts said with a few words between (服务台备有轮椅供借用, 无障碍专用车位):
read when the word lists above find nothing for that fact."""
_ACCESS_HINT = re.compile(
    "|".join(re.escape(w) for ws in ACCESS_WORDS.values() for w in ws) + "|轮椅|无障碍|残疾人"
)
_EN_NEGATIONS = ("no ", "not ", "without ", "there is no ", "no accessible ")
_WALK_IN = re.compile(
    r"随到随办|随到随译|随到随有|随叫随到|无需预约|不用预约|不需要?预约|不必预约|免预约|现场即可"
    r"|no (?:need to book|appointment|booking)|without (?:an )?(?:appointment|booking)"
    r"|on arrival|walk[- ]in|just turn up|just come",
    re.IGNORECASE,
)
"""`手语翻译随到随办`, "sign language on arrival, no appointment": an interpreter with no
booking, which an office that offers sign language `by_appointment` does not promise."""


@_cached
def access_claims(text: str) -> list[Claim]:
    """What a text says an office has (True) or lacks (False): ramps, sign language …"""
    claims: list[Claim] = []
    lower = text.lower()
    if _ACCESS_HINT.search(lower) is None:
        return claims
    for fact, words in ACCESS_WORDS.items():
        for phrase, start in _find(lower, words):
            if phrase.isascii():
                negated = lower[max(0, start - 16) : start].endswith(_EN_NEGATIONS)
            else:
                negated = _negated(lower, start)
            if fact == "stairs_only":
                claims.append(Claim("step_free", negated, phrase))
            else:
                claims.append(Claim(fact, not negated, phrase))
            break  # one phrase a fact is enough
    for claim in claims:
        if claim.fact == "sign_language" and claim.value:
            walk_in = _walk_in(text, lower, lower.find(claim.phrase))
            if walk_in is not None:
                claims.append(Claim("sign_language_walk_in", True, walk_in))
            break
    for fact, form in ACCESS_FORMS.items():
        if any(claim.fact == fact for claim in claims):
            continue
        match = form.search(lower)
        if match is not None:
            claims.append(Claim(fact, not _negated(lower, match.start()), match.group(0)))
    return claims


# --- one scan before each loop over a word list ------------------------------------------------
# A loop above looks for each phrase of a list in turn (`lower.find(phrase)`, 20 to 40 scans
# of the text); it finds something only where one of them occurs, which one expression of
# them all says in one scan (`_index`). Most texts hold none, and pass with that scan.
_NO_VISIT_EN_ANY = _index(tuple(NO_VISIT_EN))[1]
_VISIT_REQUIRED_EN_ANY = _index(tuple(VISIT_REQUIRED_EN))[1]
_INSTANT_EN_ANY = _index(tuple(INSTANT_EN))[1]
_SAME_DAY_EN_ANY = _index(tuple(SAME_DAY_EN))[1]
_REGIONS_EN_ANY = _index(tuple(REGIONS_EN))[1]
_FREE_EN_ANY = _index(tuple(FREE_EN))[1]
_LUNCH_OPEN_ANY = _index(tuple(LUNCH_OPEN))[1]
