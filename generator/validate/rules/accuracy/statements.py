"""What the summary says against what the fields say: visits, 秒批 / 即办, days, 通办, fees.

A conflict is reported at the phrase and at the field, each naming the other line: either
may be the one to correct, and the editor must see both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import generator.validate.rules.accuracy.claims as claims
from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.counts import check_counts, count_claims
from generator.validate.rules.accuracy.delivery import check_delivery, delivery_claims
from generator.validate.rules.accuracy.facts import zh
from generator.validate.rules.accuracy.regions import check_home, home_claims
from generator.validate.rules.accuracy.report import (
    conflict,
    line_of,
    naming_field,
    written_phrase,
)
from generator.validate.rules.accuracy.texts import Form, GuideTexts, guide_texts
from generator.validate.rules.checker import Checker, items, unit_name

_INSTANT_VALUES = {
    "instant_approval": ("instant_approval", "both"),
    "instant_filing": ("instant_filing", "both"),
}
_QUICK_UNITS = ("minutes", "hours")


def check_statements(check: Checker, data: dict[str, Any], texts: GuideTexts | None = None) -> None:
    """Compare the claims of the summary (and 通办 in the FAQ) with the fields.

    `texts`: the guide's texts as `guide_texts(data)` finds them (check_guide_accuracy
    finds them once for every rule)."""
    if texts is None:
        texts = guide_texts(data)
    named = check.loaded.may_hold(_names_a_limit)
    for path, text in _stated(texts.summary, "summary"):
        if named:
            _named_limit(check, data, path, text)
        _electronic_result(check, data, path, text)
        _visits(check, data, path, text)
        _instant(check, data, path, text)
        _days(check, data, path, text)
        _fees(check, data, path, text)
        _region(check, data, path, text)
        check_delivery(check, data, path, text)
    # Outside the summary a text often speaks of one case: a window that decides on the spot
    # (派出所窗口当场办结) while the promise covers the online channel, a replacement that is
    # charged (补领收工本费 20 元) on a free service. So only what cannot be one case is read
    # there: 不收费 on a charged service, an amount that is none of the fee items, and a
    # step's days against its own duration.
    # 秒批 and 秒报 are of the service as a whole wherever they are said, and no case may
    # take longer than the statutory limit.
    for path, text in _stated(texts.answers, "note"):  # the FAQ's answers
        if named:
            _named_limit(check, data, path, text)
        _region(check, data, path, text)
        _visits(check, data, path, text, counts=False)
        _fees(check, data, path, text, summary=False)
        check_delivery(check, data, path, text)
        check_counts(check, data, path, text)
        if "秒" in text:
            _instant_approval(check, data, path, text)
        if _may_count_days(text):
            _over_statutory(check, data, path, text)
            _days_on_instant(check, data, path, text)
    notes: list[tuple[FieldPath, str]] = []
    for _number, _channel, forms in texts.channels:
        if forms:
            notes += _stated(forms, "note")
    for path, text in notes:  # the channels' notes
        if named:
            _named_limit(check, data, path, text)
        _region(check, data, path, text)  # 通办 is of the service, in any channel's note
        _visits(check, data, path, text, counts=False)
        _fees(check, data, path, text, summary=False)
        if "秒" in text:
            _instant_approval(check, data, path, text)
        if _may_count_days(text):
            _over_statutory(check, data, path, text)
            _days_on_instant(check, data, path, text)
    for number, step, forms in texts.steps:
        for path, text in _stated(forms, "step"):
            _visits(check, data, path, text, counts=False)
            _fees(check, data, path, text, summary=False)
            _region(check, data, path, text)  # 跨省通办 is of the service, in a step too
            check_delivery(check, data, path, text)
            check_counts(check, data, path, text)
            _step_days(check, step, ("steps", number), path, text)
            if _may_count_days(text):  # no step may take longer than the law allows either
                _over_statutory(check, data, path, text)
            if "秒" in text:
                _instant_approval(check, data, path, text)
    # A material's note that sends the citizen to a window (需本人到场核验原件) on a guide
    # with no visit: only "no visit" and "come in person" are read, as in the steps.
    for _number, _material, forms in texts.materials:
        for path, text in _stated(forms, "visits"):
            _visits(check, data, path, text, counts=False)
    fee_notes = _stated(texts.fee_note, "fees")
    for _number, _item, forms in texts.fee_items:
        if forms:
            fee_notes += _stated(forms, "fees")
    for path, text in fee_notes:
        _fees(check, data, path, text, summary=False)
    for path, text in _stated(texts.visit_reason, "reason"):
        if named:
            _named_limit(check, data, path, text)
        _region(check, data, path, text)
        _visits(check, data, path, text, counts=False)


def _visits(
    check: Checker, data: dict[str, Any], path: FieldPath, text: str, *, counts: bool = True
) -> None:
    """Visit claims against `visits`. Outside the summary only "no visit", "come in person"
    and a count above `visits` are read: a smaller count there is usually one case (选邮寄的，
    只跑一次), but no case takes more visits than the most `visits` allows (所以要跑三次)."""
    visits = data.get("visits")
    if not isinstance(visits, int) or isinstance(visits, bool):
        return
    for claim in claims.visit_claims(text):
        if claims.visits_agree(claim.value, visits):
            continue
        if (
            not counts
            and claim.value not in (0, "1+")
            and (not _more_visits(claim.value, visits) or _one_visit_case(text, claim.phrase))
        ):
            continue
        conflict(
            check,
            path,
            claim.phrase,
            ("visits",),
            _("the text says `{phrase}`, but `visits` is {visits}").format(
                phrase=claim.phrase, visits=visits
            ),
            _("a citizen decides whether to go from this: make the text and `visits` say the same"),
            "accuracy.text.visits",
        )
        return


def _more_visits(claimed: object, visits: int) -> bool:
    return isinstance(claimed, int) and claimed > max(visits, 1)


def _one_visit_case(text: str, phrase: str) -> bool:
    """True when the clause of a count of visits names another case (补办的要再跑两次): a
    replacement or an urgent service is another service, with its own visits."""
    start = text.find(phrase)
    return start >= 0 and bool(_FEE_CASE.search(claims.clause(text, start, start + len(phrase))))


def _is_instant(data: dict[str, Any]) -> bool:
    limit: dict[str, Any] = _mapping(data.get("time_limit"))
    promised: dict[str, Any] = _mapping(limit.get("promised"))
    approval: Any = data.get("instant_approval")
    return (
        limit.get("instant") is True
        or approval in ("instant_approval", "both")
        or promised.get("unit") in _QUICK_UNITS
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _same_day(data: dict[str, Any]) -> bool:
    """True when a decision the same day is what the time limit promises (or allows)."""
    if _is_instant(data):
        return True
    limit = _mapping(data.get("time_limit"))
    return any(
        _mapping(limit.get(which)).get("value") == 1
        and _mapping(limit.get(which)).get("unit") in ("working_days", "calendar_days")
        for which in ("promised", "statutory")
    )


def _instant(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    approval = data.get("instant_approval")
    for claim in claims.instant_claims(text):
        if claim.fact == "next_day":
            _next_day(check, data, path, claim.phrase)
            return
        if claim.fact == "same_day":
            if _same_day(data):
                continue
            field: FieldPath = ("time_limit", "promised")
            promised = _mapping(_mapping(data.get("time_limit")).get("promised"))
            message = _(
                "the text says `{phrase}` (decided the same day), but the promised time limit "
                "is {value} {unit}"
            ).format(
                phrase=claim.phrase,
                value=promised.get("value"),
                unit=unit_name(promised.get("unit", "")),
            )
        elif claim.fact in _INSTANT_VALUES:
            if approval in _INSTANT_VALUES[claim.fact]:
                continue
            field = ("instant_approval",)
            message = _("the text says `{phrase}`, but `instant_approval` is `{value}`").format(
                phrase=claim.phrase, value=approval
            )
        else:
            if _is_instant(data):
                continue
            field = ("time_limit", "promised")
            message = _(
                "the text says `{phrase}` (decided on the spot), but the promised time limit "
                "is not instant"
            ).format(phrase=claim.phrase)
        conflict(
            check,
            path,
            claim.phrase,
            field,
            message,
            _("remove the claim, or correct the time limit and `instant_approval`"),
            "accuracy.text.instant",
        )
        return


def _next_day(check: Checker, data: dict[str, Any], path: FieldPath, phrase: str) -> None:
    """`次日即予审结` (decided the next day) against a promise longer than a day or two."""
    if _is_instant(data):
        return
    promised = _mapping(_mapping(data.get("time_limit")).get("promised"))
    value, unit = promised.get("value"), promised.get("unit")
    if not isinstance(value, int | float) or (
        (unit == "working_days" and value <= 1) or (unit == "calendar_days" and value <= 2)
    ):
        return
    conflict(
        check,
        path,
        phrase,
        ("time_limit", "promised"),
        _(
            "the text says `{phrase}` (decided the next day), but the promised time limit "
            "is {value} {unit}"
        ).format(phrase=phrase, value=value, unit=unit_name(str(unit))),
        _("citizens come back the next day for it: give the promised time limit in the text"),
        "accuracy.text.next-day",
    )


def _instant_approval(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """秒批 / 秒报 outside the summary: only these of the instant words, which no case has."""
    if "秒" not in text:
        return
    approval = data.get("instant_approval")
    for claim in claims.instant_claims(text):
        if claim.fact not in _INSTANT_VALUES or approval in _INSTANT_VALUES[claim.fact]:
            continue
        conflict(
            check,
            path,
            claim.phrase,
            ("instant_approval",),
            _("the text says `{phrase}`, but `instant_approval` is `{value}`").format(
                phrase=claim.phrase, value=approval
            ),
            _("remove the claim, or correct the time limit and `instant_approval`"),
            "accuracy.text.instant",
        )
        return


_DECIDED = re.compile(
    r"办结|办好|办完|出结果|作出决定|审批|审核|批准|发放|发证|出证|拿到|领到|寄到|寄出|"
    r"出具|核发|颁发|签发|换发|开具|核准|认定|备案|"
    r"decided|approved|issued|processed|ready|done|paid|posted",
    re.IGNORECASE,
)
"""In a note or an answer, days are a promise only in a clause that says what is then done
(30 个工作日内办结); 30 天内为员工做就业登记 is the applicant's own deadline."""
_CLAUSE = re.compile(r"[，。；;！？!?,]|\. ")
_DAYS_HINT = re.compile(
    r"[\d〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]\s*个?\s*(?:工作日|自然日|天|日|周|星期|月)|within"
    r"|\b(?:\d+|a|" + claims.EN_NUMBER + r") (?:(?:working|business|calendar) )?(?:days?|weeks?)\b",
    re.IGNORECASE,
)
_WORKING_WEEK = 7 / 5
"""Calendar days a working day takes at most, over a week (two days off in seven)."""


def _over_statutory(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """`30 个工作日内办结` in a note or an answer beyond the statutory limit: a case may take
    longer than the promise, but none longer than the law allows."""
    if _DAYS_HINT.search(text) is None:
        return  # no count of days or weeks: most notes and answers
    statutory = _mapping(_mapping(data.get("time_limit")).get("statutory"))
    value, unit = statutory.get("value"), statutory.get("unit")
    if not isinstance(value, int | float) or unit not in ("working_days", "calendar_days"):
        return
    for claim in claims.day_claims(text):
        said, said_unit = claim.value if isinstance(claim.value, tuple) else (0, None)
        if said_unit == unit or said_unit == "working_days":
            limit = value  # a working day is never shorter than a calendar day
        else:
            limit = value * _WORKING_WEEK + 2  # calendar days said, working days in law
        if said <= limit or not _decided(text, claim.phrase):
            continue
        conflict(
            check,
            path,
            claim.phrase,
            ("time_limit", "statutory"),
            _("the text says `{phrase}`, beyond the statutory time limit of {value} {unit}").format(
                phrase=claim.phrase, value=value, unit=unit_name(unit)
            ),
            _(
                "no application may take longer than the law allows: correct the number, "
                "or the statutory time limit"
            ),
            "accuracy.text.days-over-statutory",
        )
        return


def _instant_field(data: dict[str, Any]) -> FieldPath | None:
    """The field that marks the service as decided at once (`time_limit.instant`, 即办件, or
    `instant_approval`, 秒批), or None."""
    if _mapping(data.get("time_limit")).get("instant") is True:
        return ("time_limit", "instant")
    if data.get("instant_approval") in _INSTANT_VALUES["instant_approval"]:
        return ("instant_approval",)
    return None


def _days_on_instant(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """`7 个工作日内办结` in a note or an answer of a service marked instant: a channel or a
    case may be slower than the badge on purpose, so it is a warning that says what to
    confirm. The statutory limit itself (转人工审核，5 个工作日内办好) is not reported."""
    field = _instant_field(data)
    if field is None:
        return
    statutory = _mapping(_mapping(data.get("time_limit")).get("statutory"))
    law = (statutory.get("value"), statutory.get("unit"))
    for claim in claims.day_claims(text):
        said = claim.value[0] if isinstance(claim.value, tuple) else 0
        if not said or claim.value == law or not _decided(text, claim.phrase):
            continue  # the statutory limit is what a case the system cannot decide may take
        written = written_phrase(check, path, claim.phrase)
        check.warning_at(
            path,
            check.loaded.fragment_position(path, written),
            naming_field(
                _("the text says `{phrase}`, but the service is marked as decided at once").format(
                    phrase=written
                ),
                line_of(check, field),
                field,
            ),
            _(
                "confirm which is true: if this channel or case takes days, say so beside the "
                "badge, or take the badge off; if it is decided at once, correct the days"
            ),
            code="accuracy.text.days-on-instant",
        )
        return


def _whole_weeks(value: object, unit: object, known: list[tuple[Any, Any]]) -> bool:
    """`两周内` (14 days) where the limit is 10 working days: a week is five working days."""
    return (
        unit == "calendar_days"
        and isinstance(value, int)
        and value % 7 == 0
        and any(u == "working_days" and v == value // 7 * 5 for v, u in known)
    )


def _whole_months(value: object, unit: object, known: list[tuple[Any, Any]]) -> bool:
    """`一个月内` (30 days) where the limit is 30 calendar days, or 20 to 22 working days: the
    working days of a month."""
    if unit != "calendar_days" or not isinstance(value, int) or value % claims.MONTH_DAYS:
        return False
    months = value // claims.MONTH_DAYS
    return any(
        (u == "calendar_days" and v == value)
        or (u == "working_days" and isinstance(v, int | float) and 20 * months <= v <= 22 * months)
        for v, u in known
    )


_NAMED_LIMIT = re.compile(
    r"(法定|承诺)(?:的)?(?:办结|办理|审批|审查)?(?:时限|期限)(?:为|是|：|:)?\s*"
    r"(\d+|[〇一二两三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰]{1,3})\s*个?\s*(工作日|自然日|天|日)"
    r"|(statutory|promised) (?:time )?limit (?:is |of )?(\d+) (working|business|calendar)? ?days?",
    re.IGNORECASE,
)
"""`法定办结时限 20 个工作日`, `承诺时限：十个工作日`, "the statutory limit is 20 working days":
a text that names which time limit it states."""
_NAMED_FIELD = {
    "法定": "statutory",
    "承诺": "promised",
    "statutory": "statutory",
    "promised": "promised",
}


def _names_a_limit(text: str) -> bool:
    """A text may name the time limit it states (asked of a file's source, then of a text)."""
    return "法定" in text or "承诺" in text or "limit" in text


def _named_limit(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """A text that states the statutory (法定) or promised (承诺) time limit by name, against
    that field."""
    if not _names_a_limit(text):
        return
    limit = _mapping(data.get("time_limit"))
    for match in _NAMED_LIMIT.finditer(text):
        which = _NAMED_FIELD[(match.group(1) or match.group(4)).lower()]
        number = match.group(2) or match.group(5)
        word = (match.group(3) or match.group(6) or "").lower()
        said = claims.zh_number(number) or 0
        unit = "working_days" if word in ("工作日", "working", "business") else "calendar_days"
        field = _mapping(limit.get(which))
        value, field_unit = field.get("value"), field.get("unit")
        if not isinstance(value, int | float) or field_unit not in (
            "working_days",
            "calendar_days",
        ):
            continue
        if said == value and (unit == field_unit or unit == "calendar_days"):
            continue
        conflict(
            check,
            path,
            match.group(0),
            ("time_limit", which),
            _("the text says `{phrase}`, but `time_limit.{which}` is {value} {unit}").format(
                phrase=match.group(0),
                which=which,
                value=value,
                unit=unit_name(field_unit),
            ),
            _("the text names the time limit it states: make it the same as the field"),
            "accuracy.text.named-time-limit",
        )
        return


_ELECTRONIC_RESULT = re.compile(
    r"电子(?:版)?[\u4e00-\u9fff]{0,4}?(?:证照|证书|执照|许可证|护照|证件|证)|卡包"
    r"|\belectronic (?:licen[cs]e|certificate|permit|passport|card)\b",
    re.IGNORECASE,
)
"""`电子护照`, `卡包`, "an electronic licence": a licence in electronic form."""
_ISSUED = re.compile(
    r"发放|生成|推送|同步|领取|领到|拿到|收到|下载|发到|卡包|issued|receive|get |appears|sent",
    re.IGNORECASE,
)
"""In the clause of an electronic licence, what says it is the result handed to the citizen
(电子护照同步推送到卡包), not a document they use (凭电子营业执照登录, 电子签名认证)."""


def _may_say_electronic(text: str) -> bool:
    return "电子" in text or "卡包" in text or "lectronic" in text


def _electronic_result(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    """A summary that promises the result in electronic form (电子证照 发放, 推送到卡包) where
    `result.delivery` has no `electronic`: the citizen waits for a licence that never comes."""
    if not _may_say_electronic(text):
        return
    result = _mapping(data.get("result"))
    delivery = result.get("delivery")
    if not isinstance(delivery, list) or "electronic" in delivery or result.get("e_licence"):
        return
    for match in _ELECTRONIC_RESULT.finditer(text):
        if claims.negated(text, match.start()):
            continue
        before = _CLAUSE.split(text[: match.start()])[-1]
        after = _CLAUSE.split(text[match.start() :])[0]
        if _ISSUED.search(before + after) is None:
            continue
        conflict(
            check,
            path,
            match.group(0),
            ("result", "delivery"),
            _(
                "the text says `{phrase}` (the result in electronic form), but "
                "`result.delivery` has no `electronic`"
            ).format(phrase=match.group(0)),
            _(
                "add `electronic` to `result.delivery` (and `result.e_licence` when the "
                "catalogue has it), or correct the text"
            ),
            "accuracy.text.electronic-result",
        )
        return


def _may_count_days(text: str) -> bool:
    """A count of days or weeks may be in the text (substring tests first: most have none)."""
    return (
        "日" in text
        or "天" in text
        or "周" in text
        or "个月" in text
        or "day" in text
        or "week" in text
    ) and _DAYS_HINT.search(text) is not None


def _decided(text: str, phrase: str) -> bool:
    """True when the clause of `phrase` says what is then done (`_DECIDED`)."""
    start = text.find(phrase)
    if start < 0:
        return False
    if phrase.lower().startswith(
        ("一般", "通常", "需", "约需", "大约需", "预计", "耗时", "用时", "take")
    ):
        return True  # `一般需要 25 个工作日`, "it takes three weeks": how long it takes
    before = _CLAUSE.split(text[:start])[-1]
    after = _CLAUSE.split(text[start:])[0]
    return _DECIDED.search(before + after) is not None


def _days(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    limit = data.get("time_limit")
    if not isinstance(limit, dict):
        return
    known = []
    for which in ("promised", "statutory"):
        duration = limit.get(which)
        if isinstance(duration, dict) and isinstance(duration.get("value"), int | float):
            known.append((duration.get("value"), duration.get("unit")))
    if not known:
        return
    promised = _mapping(limit.get("promised"))
    for claim in claims.day_claims(text):
        value, unit = claim.value if isinstance(claim.value, tuple) else (None, None)
        if any(v == value and (u == unit or unit == "calendar_days") for v, u in known) or (
            _whole_weeks(value, unit, known) or _whole_months(value, unit, known)
        ):
            if promised.get("unit") in _QUICK_UNITS and not _STATUTORY_NAMED.search(text):
                _statutory_as_promise(check, path, claim.phrase, promised)
                return
            continue
        conflict(
            check,
            path,
            claim.phrase,
            ("time_limit", "promised"),
            _("the text promises `{phrase}`, but the time limit is {value} {unit} promised").format(
                phrase=claim.phrase,
                value=promised.get("value"),
                unit=unit_name(promised.get("unit", "")),
            ),
            _("citizens plan around this number: give the promised (or statutory) time limit"),
            "accuracy.text.days",
        )
        return


_STATUTORY_NAMED = re.compile(r"法定|最长|最多|不超过|至多|statutory|at most|no more than|up to")
"""A summary that names the days as the law's limit (法定 20 个工作日, 最长不超过): no promise."""


def _statutory_as_promise(
    check: Checker, path: FieldPath, phrase: str, promised: dict[str, Any]
) -> None:
    """`约需二十个工作日审批` in the summary of a service promised in minutes: the days are the
    statutory limit (or weeks of it) given as how long it takes, and a citizen waits, or
    plans, for weeks on a decision that comes at once."""
    conflict(
        check,
        path,
        phrase,
        ("time_limit", "promised"),
        _(
            "the text says `{phrase}`, the statutory limit, as how long it takes, but the "
            "promise is {value} {unit}"
        ).format(
            phrase=phrase, value=promised.get("value"), unit=unit_name(promised.get("unit", ""))
        ),
        _(
            "citizens plan around this number: give the promised time, or say that the days "
            "are the statutory limit (法定)"
        ),
        "accuracy.text.statutory-as-promise",
    )


def _may_name_fee(text: str) -> bool:
    """A cheap test true of every note or step `_fees` reads (outside the summary)."""
    return (
        "费" in text
        or "钱" in text
        or "fee" in text
        or "charge" in text
        or "¥" in text
        or "RMB" in text
        or "free" in text
        or "cost" in text
        or "pay" in text
        or "免" in text
        or "yuan" in text
        or "减" in text  # 减半收取: a reduction said without the fee's name
        or "半价" in text
        or ("元" in text and ("收" in text or "缴" in text or "付" in text))  # 收 10 元
    )


def _fees(
    check: Checker, data: dict[str, Any], path: FieldPath, text: str, *, summary: bool = True
) -> None:
    if not summary and not _may_name_fee(text):
        return  # most notes and steps name no fee: a substring test says so before any work
    fees = data.get("fees")
    if not isinstance(fees, dict):
        return
    _reduction(check, fees, path, text)
    found = claims.fee_claims(text)
    if not found:
        return
    free = fees.get("free")
    amounts = {
        float(item["amount"])
        for _n, item in items(fees.get("items"))
        if isinstance(item.get("amount"), int | float)
    }
    priced = [
        n for n, item in items(fees.get("items")) if isinstance(item.get("amount"), int | float)
    ]
    for claim in found:
        field: FieldPath = ("fees",)
        if claim.fact == "free" and free is False:
            message = _("the text says `{phrase}`, but the fees list a charge").format(
                phrase=claim.phrase
            )
        elif (
            claim.fact in ("fee", "fee-due")
            and free is True
            and (summary or not _one_fee_case(text, claim, _own_words(data)))
        ):
            message = _("the text names a fee (`{phrase}`), but `fees.free` is true").format(
                phrase=claim.phrase
            )
        elif claim.fact == "fee" and amounts and claim.value not in amounts:
            message = _("the text names a fee (`{phrase}`) that is not among the fee items").format(
                phrase=claim.phrase
            )
            if len(priced) == 1:  # one item: its amount is the other place to correct
                field = ("fees", "items", priced[0], "amount")
        else:
            continue
        conflict(
            check,
            path,
            claim.phrase,
            field,
            message,
            _("make the text and the fee items say the same amount"),
            "accuracy.text.fees",
        )
        return


_FEE_CASE = re.compile(
    r"补|换|丢|遗失|损坏|挂失|加急|急用|邮|快递|复印|打印|照相|拍照|另收|另外|自愿|"
    r"replace|lost|damaged|urgent|post|courier|copy|copies|print|photo|extra|optional",
    re.IGNORECASE,
)
"""Outside the summary, a fee on a free service is one case when its clause names one: a
replacement (补领收工本费 20 元), an urgent or extra service, postage, copies, photos."""


def _one_fee_case(text: str, claim: claims.Claim, own: str = "") -> bool:
    """True when the clause of a fee named outside the summary speaks of one case only; a fee
    of the service itself there (刻章费 200 元 for the seals a free start-up includes) is not,
    nor one whose case word is the service's own (换发 where the result is 营业执照（换发）:
    a fee for what the guide issues to everyone, `own` being its title and result)."""
    start = text.find(claim.phrase)
    if start < 0:
        return True
    clause = claims.clause(text, start, start + len(claim.phrase))
    return any(match.group(0) not in own for match in _FEE_CASE.finditer(clause))


def _own_words(data: dict[str, Any]) -> str:
    """The guide's title and its result's name, in Chinese: what the service itself is."""
    result = data.get("result")
    name = result.get("name") if isinstance(result, dict) else None
    return zh(data.get("title")) + " " + zh(name)


def _reduction(check: Checker, fees: dict[str, Any], path: FieldPath, text: str) -> None:
    """A reduction or waiver for a group (60 周岁以上老人免收) where every fee item says it
    cannot be reduced."""
    listed = [item for _n, item in items(fees.get("items"))]
    if fees.get("free") is not False or not listed:
        return
    if any(item.get("reducible") is not False for item in listed):
        return
    for phrase in claims.reduction_claims(text):
        check.warning_at(
            path,
            check.loaded.fragment_position(path, phrase),
            _(
                "the text reduces the fee (`{phrase}`), but every fee item says it cannot be "
                "reduced (`reducible: false`)"
            ).format(phrase=phrase),
            _(
                "confirm who pays less: if the law reduces it, set `reducible: true` and say "
                "for whom in the item's note; if not, take the reduction out"
            ),
            code="accuracy.text.fee-reduction",
        )
        return


def _region(check: Checker, data: dict[str, Any], path: FieldPath, text: str) -> None:
    check_home(check, data, path, text)  # the other way round: 须回户籍地办理 (regions.py)
    region = data.get("cross_region")
    if not isinstance(region, str) or region not in claims.REGION_LEVELS:
        return
    for claim in claims.region_claims(text):
        if claims.REGION_LEVELS[str(claim.value)] <= claims.REGION_LEVELS[str(region)]:
            continue
        conflict(
            check,
            path,
            claim.phrase,
            ("cross_region",),
            _("the text says `{phrase}`, but `cross_region` is `{region}`").format(
                phrase=claim.phrase, region=region
            ),
            _("a citizen elsewhere would travel for nothing: correct the text or `cross_region`"),
            "accuracy.text.cross-region",
        )
        return


def _may_say_days(text: str) -> bool:
    return "日" in text or "天" in text or "个月" in text or "day" in text


_STEP_UNITS = ("working_days", "calendar_days", *_QUICK_UNITS)


def _step_days(
    check: Checker, step: dict[str, Any], here: FieldPath, path: FieldPath, text: str
) -> None:
    """`N 个工作日内` in a step's description against the step's own `duration`."""
    if not _may_say_days(text):
        return  # no number of days can be written without one of these
    duration = _mapping(step.get("duration"))
    value, unit = duration.get("value"), duration.get("unit")
    if not isinstance(value, int | float) or unit not in _STEP_UNITS:
        return
    for claim in claims.day_claims(text):
        said, said_unit = claim.value if isinstance(claim.value, tuple) else (None, None)
        if said == value and (said_unit == unit or said_unit == "calendar_days"):
            continue
        if unit in _QUICK_UNITS and not (said and _decided(text, claim.phrase)):
            continue  # a step of minutes names days only of what it decides (15 个工作日内批准)
        conflict(
            check,
            path,
            claim.phrase,
            (*here, "duration"),
            _("the step says `{phrase}`, but its `duration` is {value} {unit}").format(
                phrase=claim.phrase, value=value, unit=unit_name(unit)
            ),
            _("citizens wait by this: make the description and `duration` give the same time"),
            "accuracy.text.step-days",
        )
        return


# --- which texts the checks above read ---------------------------------------------------------
def _named(text: str) -> object:
    return _names_a_limit(text) and _NAMED_LIMIT.search(text)


def _electronic(text: str) -> object:
    return _may_say_electronic(text) and _ELECTRONIC_RESULT.search(text)


def _noted_fee(text: str) -> object:
    return _may_name_fee(text) and (claims.fee_claims(text) or claims.reduction_claims(text))


def _instant_word(text: str) -> object:
    return "秒" in text and claims.instant_claims(text)


def _noted_days(text: str) -> object:
    return _may_count_days(text) and claims.day_claims(text)


def _step_day_count(text: str) -> object:
    return _may_say_days(text) and claims.day_claims(text)


_FINDERS: dict[str, tuple[Callable[[str], object], ...]] = {
    "summary": (
        _named,
        _electronic,
        claims.visit_claims,
        claims.instant_claims,
        claims.day_claims,
        claims.fee_claims,
        claims.reduction_claims,
        claims.region_claims,
        home_claims,
        delivery_claims,
    ),
    "note": (
        _named,
        claims.region_claims,
        home_claims,
        claims.visit_claims,
        _noted_fee,
        _instant_word,
        _noted_days,
        delivery_claims,
        count_claims,
    ),
    "step": (
        claims.visit_claims,
        _noted_fee,
        _step_day_count,
        _noted_days,
        _instant_word,
        claims.region_claims,
        home_claims,
        delivery_claims,
        count_claims,
    ),
    "visits": (claims.visit_claims,),
    "fees": (_noted_fee,),
    "reason": (_named, claims.region_claims, home_claims, claims.visit_claims),
}
"""What the checks of `check_statements` start from, for each kind of text they read, with
the same cheap tests the checks ask first (so that a text costs no more than the checks
would): each check reports only at a claim one of these finds in the text (a summary's
days, an answer's 秒批, a material note's visit). A check added to a kind of text adds its
finder there."""


@functools.lru_cache(maxsize=65536)
def _states_something(text: str, kind: str) -> bool:
    """True when a finder of `_FINDERS[kind]` finds something in `text` (simplified), once
    per distinct text and kind of a run: most texts state nothing the fields could
    contradict."""
    return any(finder(text) for finder in _FINDERS[kind])


def _stated(forms: list[Form], kind: str) -> list[Form]:
    """`forms`, less the texts no check of `check_statements` for this kind of text can
    report in (`_FINDERS[kind]` finds nothing there)."""
    return [form for form in forms if _states_something(form[1], kind)]
