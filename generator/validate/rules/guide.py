"""Rules one guide can answer on its own: references, time limits, visits, channels, dates."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.common import clock
from generator.source.loader import FieldPath, LoadedFile
from generator.validate.problems import Problem
from generator.validate.rules.accuracy import check_guide_accuracy
from generator.validate.rules.checker import Checker, items
from generator.validate.rules.reference import ReferenceIndex
from generator.validate.rules.text import check_texts

_NO_VISIT_CHANNELS = frozenset({"online", "app", "post"})
_ONLINE_CHANNELS = frozenset({"online", "app"})
_DAY_UNITS = frozenset({"working_days", "calendar_days"})
_MINUTES = {"minutes": 1, "hours": 60}
_DECIDED_AT_ONCE = frozenset({"instant_approval", "both"})
"""instant_approval values meaning 秒批: the decision itself is immediate (秒报 is not)."""


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
            f"the id `{guide_id}` does not match the file name `{expected_id}.yaml`",
            "rename the file or change the id; the id becomes the page's URL",
        )
    check.reference(
        ("department",),
        data.get("department"),
        index.departments,
        "department",
        "guides/reference/departments.yaml",
    )
    check.references(
        ("joint_departments",),
        data.get("joint_departments"),
        index.departments,
        "department",
        "guides/reference/departments.yaml",
    )
    check.references(
        ("topics",), data.get("topics"), index.topics, "topic", "guides/reference/topics.yaml"
    )
    check.references(
        ("life_events",),
        data.get("life_events"),
        index.life_events,
        "life event",
        "guides/reference/life-events.yaml",
    )
    for number, material in items(data.get("materials")):
        here: FieldPath = ("materials", number)
        check.reference(
            (*here, "e_licence"),
            material.get("e_licence"),
            index.e_licences,
            "electronic licence",
            "guides/reference/e-licences.yaml",
        )
        source = material.get("source")
        if isinstance(source, dict):
            check.reference(
                (*here, "source", "issuer"),
                source.get("issuer"),
                index.departments,
                "department",
                "guides/reference/departments.yaml",
            )
            if source.get("kind") == "government" and "issuer" not in source:
                check.error(
                    (*here, "source"),
                    "a document issued by a government body must say which one",
                    "add `issuer:` with a department id",
                )
    result = data.get("result")
    if isinstance(result, dict):
        check.reference(
            ("result", "e_licence"),
            result.get("e_licence"),
            index.e_licences,
            "electronic licence",
            "guides/reference/e-licences.yaml",
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
                "a contact needs a way to reach it",
                "add `phone:`, `address:` or `url:`",
            )
    _check_dates(check, data, today, review_max_age_days)
    check_guide_accuracy(check, data, index.facts)
    check_texts(check, data)
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
            check.error(
                path,
                f"the promised time ({p_value} {_unit(p_unit)}) is longer than "
                f"the statutory time ({s_value} {_unit(s_unit)})",
                "the promised time limit can only be the same or shorter",
            )
    elif p_unit in _MINUTES and s_unit in _DAY_UNITS:
        # Hours promised against days allowed: a day has at most 24 hours.
        if p_value * _MINUTES[p_unit] > s_value * 24 * 60:
            check.error(
                path,
                f"the promised time ({p_value} {_unit(p_unit)}) is longer than the statutory "
                f"time ({s_value} {_unit(s_unit)})",
                "the promised time limit can only be the same or shorter",
            )
    else:
        check.warning(
            path,
            f"the promised time is in {_unit(p_unit)} and the statutory time "
            f"in {_unit(s_unit)}, so they cannot be compared",
            "give both in the same unit",
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
        check.error(
            ("time_limit", which, "value"),
            f"the {which} time limit is 0 {_unit(duration['unit'])}, but the guide is not "
            "marked as decided on the spot",
            "give the real time limit, or, if the service is decided on the spot (即办件), "
            "set `time_limit.instant: true`",
        )


def _check_no_materials(check: Checker, data: dict[str, Any]) -> None:
    """An empty list of materials is only believable when nothing has to be handed in."""
    depth = data.get("online_depth")
    if data.get("materials") == [] and isinstance(depth, str) and depth != "fully_online":
        check.warning(
            ("materials",),
            f"no materials are listed, but the service is not fully online ({depth})",
            "list what the applicant must bring or upload, even if it is only an identity card",
        )


def _check_channels(check: Checker, data: dict[str, Any], index: ReferenceIndex) -> None:
    channels = list(items(data.get("channels")))
    types = {channel["type"] for _, channel in channels if isinstance(channel.get("type"), str)}
    for number, channel in channels:
        offices = channel.get("offices")
        check.references(
            ("channels", number, "offices"),
            offices,
            index.offices,
            "office",
            "guides/reference/offices.yaml",
        )
        if channel.get("type") == "in_person" and isinstance(offices, list):
            known = [o for o in offices if isinstance(o, str) and o in index.offices]
            if known and not any(office in index.offices_with_hours for office in known):
                check.error(
                    ("channels", number, "offices"),
                    "none of these offices has opening hours",
                    "add `hours:` to the office in "
                    "guides/reference/offices.yaml, or name another office",
                )
    visits = data.get("visits")
    if isinstance(visits, int) and not isinstance(visits, bool):
        if visits == 0 and channels and not types & _NO_VISIT_CHANNELS:
            check.error(
                ("visits",),
                "visits is 0, but every channel needs a visit",
                "add an online, app or post channel, or set the number of visits",
            )
        if visits > 0 and not data.get("visit_reason"):
            check.error(
                ("visits",),
                f"visits is {visits}, but no reason is given",
                "add `visit_reason:` saying why the applicant must come in person",
            )
    instant = data.get("instant_approval")
    if isinstance(instant, str) and instant != "none" and channels and not types & _ONLINE_CHANNELS:
        check.error(
            ("instant_approval",),
            f"`{instant}` needs an online or app channel",
            "add a channel of type online or app, or set instant_approval: none",
        )


def _check_fees(check: Checker, fees: Any) -> None:
    if isinstance(fees, dict) and fees.get("free") is True and fees.get("items"):
        check.error(
            ("fees", "items"),
            "fee items are listed, but `free` is true",
            "remove the items, or set free: false",
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
            check.error((key,), f"`{value}` is not a real date", "check the month and the day")
            continue
        if when > today:
            check.error((key,), f"`{value}` is in the future", "use the date it really happened")
            continue
        found[key] = when
    reviewed, updated = found.get("reviewed"), found.get("updated")
    if reviewed and reviewed < clock.review_due(today, max_age):
        check.warning(
            ("reviewed",),
            f"the guide was last reviewed on {reviewed.isoformat()}, more than {max_age} days ago",
            "check it against the current rules, then set `reviewed:` to today's date",
        )
    if reviewed and updated and updated > reviewed:
        check.warning(
            ("updated",),
            f"the content changed on {updated.isoformat()}, after it "
            f"was last reviewed on {reviewed.isoformat()}",
            "review the change, then set `reviewed:`",
        )


def _is_duration(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("value"), int | float)
        and not isinstance(value.get("value"), bool)
        and isinstance(value.get("unit"), str)
    )


def _unit(unit: str) -> str:
    return unit.replace("_", " ")
