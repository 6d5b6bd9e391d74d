"""Rules one guide can answer on its own: references, time limits, visits, channels, dates."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.common import clock
from generator.common.i18n import N_, _
from generator.source.loader import FieldPath, LoadedFile
from generator.validate.problems import Problem
from generator.validate.rules.accuracy import (
    PAIR_RULES,
    TEXT_RULES,
    check_guide_accuracy,
    text_context,
)
from generator.validate.rules.checker import Checker, items, unit_name
from generator.validate.rules.reference import ReferenceIndex
from generator.validate.rules.text import TEXT_RULES as PLAIN_TEXT_RULES
from generator.validate.rules.text import check_comment_cuts
from generator.validate.rules.walk import TextRules, walk_texts

_NO_VISIT_CHANNELS = frozenset({"online", "app", "post"})
_ONLINE_CHANNELS = frozenset({"online", "app"})
_DAY_UNITS = frozenset({"working_days", "calendar_days"})
_MINUTES = {"minutes": 1, "hours": 60}
_DECIDED_AT_ONCE = frozenset({"instant_approval", "both"})
"""instant_approval values meaning 秒批: the decision itself is immediate (秒报 is not)."""
_TEXTS = TextRules(TEXT_RULES + PLAIN_TEXT_RULES, PAIR_RULES)
"""Every rule that reads a guide's texts one at a time, for the one walk over them."""


def check_guide(
    loaded: LoadedFile,
    index: ReferenceIndex,
    *,
    expected_id: str,
    today: date,
    review_max_age_days: int,
) -> list[Problem]:
    """Apply the accuracy rules of docs/content-model.md that one guide can answer on its own."""
    data = loaded.data
    check = Checker(loaded)
    if not isinstance(data, dict):
        return []
    guide_id = data.get("id")
    if isinstance(guide_id, str) and guide_id != expected_id:
        check.error(
            ("id",),
            _("the id `{id}` does not match the file name `{name}`").format(
                id=guide_id, name=f"{expected_id}.yaml"
            ),
            _("rename the file or change the id; the id becomes the page's URL"),
            code="guide.id-file-name",
        )
    check.reference(
        ("department",),
        data.get("department"),
        index.departments,
        N_("department"),
        "guides/reference/departments.yaml",
        code="reference.unknown-department",
    )
    check.references(
        ("joint_departments",),
        data.get("joint_departments"),
        index.departments,
        N_("department"),
        "guides/reference/departments.yaml",
        code="reference.unknown-department",
    )
    check.references(
        ("topics",),
        data.get("topics"),
        index.topics,
        N_("topic"),
        "guides/reference/topics.yaml",
        code="reference.unknown-topic",
    )
    check.references(
        ("life_events",),
        data.get("life_events"),
        index.life_events,
        N_("life event"),
        "guides/reference/life-events.yaml",
        code="reference.unknown-life-event",
    )
    for number, material in items(data.get("materials")):
        here: FieldPath = ("materials", number)
        check.reference(
            (*here, "e_licence"),
            material.get("e_licence"),
            index.e_licences,
            N_("electronic licence"),
            "guides/reference/e-licences.yaml",
            code="reference.unknown-e-licence",
        )
        source = material.get("source")
        if isinstance(source, dict):
            check.reference(
                (*here, "source", "issuer"),
                source.get("issuer"),
                index.departments,
                N_("department"),
                "guides/reference/departments.yaml",
                code="reference.unknown-department",
            )
            if source.get("kind") == "government" and "issuer" not in source:
                check.error(
                    (*here, "source"),
                    _("a document issued by a government body must say which one"),
                    _("add `issuer:` with a department id"),
                    code="material.issuer-missing",
                )
    result = data.get("result")
    if isinstance(result, dict):
        check.reference(
            ("result", "e_licence"),
            result.get("e_licence"),
            index.e_licences,
            N_("electronic licence"),
            "guides/reference/e-licences.yaml",
            code="reference.unknown-e-licence",
        )
    _check_time_limit(check, data.get("time_limit"))
    _check_zero_limits(check, data)
    _check_no_materials(check, data)
    _check_channels(check, data, index)
    _check_fees(check, data.get("fees"))
    for number, contact in items(data.get("contacts")):
        check.phone(("contacts", number, "phone"), contact.get("phone"))
        if not any(key in contact for key in ("phone", "address", "url")):
            check.error(
                ("contacts", number),
                _("a contact needs a way to reach it"),
                _("add `phone:`, `address:` or `url:`"),
                code="contact.no-way-to-reach",
            )
    _check_dates(check, data, today, review_max_age_days)
    check_guide_accuracy(check, data, index.facts)
    walk_texts(check, data, _TEXTS, text_context(data, index.facts))
    check_comment_cuts(check)
    return check.problems


def _check_time_limit(check: Checker, limit: Any) -> None:
    if not isinstance(limit, dict):
        return
    statutory: Any = limit.get("statutory")
    promised: Any = limit.get("promised")
    if not (_is_duration(statutory) and _is_duration(promised)):
        return
    s_value, s_unit = statutory["value"], statutory["unit"]
    p_value, p_unit = promised["value"], promised["unit"]
    path: FieldPath = ("time_limit", "promised")
    if s_unit == p_unit or (s_unit in _MINUTES and p_unit in _MINUTES):
        s_amount = s_value * _MINUTES.get(s_unit, 1)
        p_amount = p_value * _MINUTES.get(p_unit, 1)
        if p_amount > s_amount:
            _promised_over(check, path, p_value, p_unit, s_value, s_unit)
    elif p_unit in _MINUTES and s_unit in _DAY_UNITS:
        # Hours promised against days allowed: a day has at most 24 hours.
        if p_value * _MINUTES[p_unit] > s_value * 24 * 60:
            _promised_over(check, path, p_value, p_unit, s_value, s_unit)
    else:
        check.warning(
            path,
            _(
                "the promised time is in {promised_unit} and the statutory time "
                "in {statutory_unit}, so they cannot be compared"
            ).format(promised_unit=unit_name(p_unit), statutory_unit=unit_name(s_unit)),
            _("give both in the same unit"),
            code="time-limit.units-differ",
        )


def _promised_over(
    check: Checker, path: FieldPath, p_value: Any, p_unit: str, s_value: Any, s_unit: str
) -> None:
    check.error(
        path,
        _(
            "the promised time ({promised} {promised_unit}) is longer than "
            "the statutory time ({statutory} {statutory_unit})"
        ).format(
            promised=p_value,
            promised_unit=unit_name(p_unit),
            statutory=s_value,
            statutory_unit=unit_name(s_unit),
        ),
        _("the promised time limit can only be the same or shorter"),
        code="time-limit.promised-over-statutory",
    )


def _check_zero_limits(check: Checker, data: dict[str, Any]) -> None:
    """A time limit of 0 is published as "0 个工作日": right only for a service decided at once."""
    limit = data.get("time_limit")
    if not isinstance(limit, dict):
        return
    # The schema has already reported a list or mapping here; it must not crash the rule.
    approval = data.get("instant_approval")
    instant = limit.get("instant") is True or (
        isinstance(approval, str) and approval in _DECIDED_AT_ONCE
    )
    for which in ("statutory", "promised"):
        duration: Any = limit.get(which)
        if instant or not _is_duration(duration) or duration["value"] != 0:
            continue
        if which == "statutory":
            message = _(
                "the statutory time limit is 0 {unit}, "
                "but the guide is not marked as decided on the spot"
            )
        else:
            message = _(
                "the promised time limit is 0 {unit}, "
                "but the guide is not marked as decided on the spot"
            )
        check.error(
            ("time_limit", which, "value"),
            message.format(unit=unit_name(duration["unit"])),
            _(
                "give the real time limit, or, if the service is decided on the spot (即办件), "
                "set `time_limit.instant: true`"
            ),
            code="time-limit.zero",
        )


def _check_no_materials(check: Checker, data: dict[str, Any]) -> None:
    """An empty list of materials is only believable when nothing has to be handed in."""
    depth = data.get("online_depth")
    if data.get("materials") == [] and isinstance(depth, str) and depth != "fully_online":
        check.warning(
            ("materials",),
            _("no materials are listed, but the service is not fully online ({depth})").format(
                depth=depth
            ),
            _("list what the applicant must bring or upload, even if it is only an identity card"),
            code="materials.none",
        )


def _check_channels(check: Checker, data: dict[str, Any], index: ReferenceIndex) -> None:
    channels = list(items(data.get("channels")))
    types = {
        channel["type"] for _number, channel in channels if isinstance(channel.get("type"), str)
    }
    for number, channel in channels:
        offices = channel.get("offices")
        check.references(
            ("channels", number, "offices"),
            offices,
            index.offices,
            N_("office"),
            "guides/reference/offices.yaml",
            code="reference.unknown-office",
        )
        if channel.get("type") == "in_person" and isinstance(offices, list):
            known = [o for o in offices if isinstance(o, str) and o in index.offices]
            if known and not any(office in index.offices_with_hours for office in known):
                check.error(
                    ("channels", number, "offices"),
                    _("none of these offices has opening hours"),
                    _(
                        "add `hours:` to the office in "
                        "guides/reference/offices.yaml, or name another office"
                    ),
                    code="channel.offices-without-hours",
                )
    visits = data.get("visits")
    if isinstance(visits, int) and not isinstance(visits, bool):
        if visits == 0 and channels and not types & _NO_VISIT_CHANNELS:
            check.error(
                ("visits",),
                _("visits is 0, but every channel needs a visit"),
                _("add an online, app or post channel, or set the number of visits"),
                code="visits.zero-but-visit-needed",
            )
        if visits > 0 and not data.get("visit_reason"):
            check.error(
                ("visits",),
                _("visits is {visits}, but no reason is given").format(visits=visits),
                _("add `visit_reason:` saying why the applicant must come in person"),
                code="visits.no-reason",
            )
    instant = data.get("instant_approval")
    if isinstance(instant, str) and instant != "none" and channels and not types & _ONLINE_CHANNELS:
        check.error(
            ("instant_approval",),
            _("`{value}` needs an online or app channel").format(value=instant),
            _("add a channel of type online or app, or set instant_approval: none"),
            code="instant-approval.no-online-channel",
        )


def _check_fees(check: Checker, fees: Any) -> None:
    if isinstance(fees, dict) and fees.get("free") is True and fees.get("items"):
        check.error(
            ("fees", "items"),
            _("fee items are listed, but `free` is true"),
            _("remove the items, or set free: false"),
            code="fees.free-with-items",
        )


def _check_dates(check: Checker, data: dict[str, Any], today: date, max_age: int) -> None:
    found: dict[str, date] = {}
    for key in ("updated", "reviewed"):
        value = data.get(key)
        if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            continue
        try:
            when = date.fromisoformat(value)
        except ValueError:
            check.error(
                (key,),
                _("`{value}` is not a real date").format(value=value),
                _("check the month and the day"),
                code="date.not-real",
            )
            continue
        if when > today:
            check.error(
                (key,),
                _("`{value}` is in the future").format(value=value),
                _("use the date it really happened"),
                code="date.in-future",
            )
            continue
        found[key] = when
    reviewed, updated = found.get("reviewed"), found.get("updated")
    if reviewed and reviewed < clock.review_due(today, max_age):
        check.warning(
            ("reviewed",),
            _("the guide was last reviewed on {date}, more than {days} days ago").format(
                date=reviewed.isoformat(), days=max_age
            ),
            _("check it against the current rules, then set `reviewed:` to today's date"),
            code="review.overdue",
        )
    if reviewed and updated and updated > reviewed:
        check.warning(
            ("updated",),
            _("the content changed on {updated}, after it was last reviewed on {reviewed}").format(
                updated=updated.isoformat(), reviewed=reviewed.isoformat()
            ),
            _("review the change, then set `reviewed:`"),
            code="review.updated-after-review",
        )


def _is_duration(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("value"), int | float)
        and not isinstance(value.get("value"), bool)
        and isinstance(value.get("unit"), str)
    )
