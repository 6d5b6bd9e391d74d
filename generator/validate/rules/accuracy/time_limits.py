"""Time limits against the steps and the badges: what a citizen is told to wait for."""

from __future__ import annotations

from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.checker import Checker, items, unit_name

_QUICK = ("minutes", "hours")


def check_time_limits(check: Checker, data: dict[str, Any]) -> None:
    """即办 and 秒批 need a promise in minutes or hours; the department's steps fit the promise."""
    limit = data.get("time_limit")
    if not isinstance(limit, dict):
        return
    promised = limit.get("promised")
    if not (isinstance(promised, dict) and isinstance(promised.get("value"), int | float)):
        return
    value, unit = promised["value"], promised.get("unit")
    if not isinstance(unit, str):
        return  # the schema reports a unit that is no text
    in_days = unit not in _QUICK and value > 0
    shown = f"{value} {str(unit).replace('_', ' ')}"
    if in_days and limit.get("instant") is True:
        _both(
            check,
            ("time_limit", "instant"),
            ("time_limit", "promised"),
            _("`instant: true` (即办件) but the promised time limit is {limit}").format(
                limit=shown
            ),
            _(
                "a 即办件 is decided on the spot: give the promise in minutes, or "
                "set `instant: false`"
            ),
            "accuracy.time-limit.instant-in-days",
        )
    approval = data.get("instant_approval")
    if in_days and approval in ("instant_approval", "both"):
        _both(
            check,
            ("instant_approval",),
            ("time_limit", "promised"),
            _("`instant_approval: {value}` (秒批) but the promised time limit is {limit}").format(
                value=approval, limit=shown
            ),
            _("秒批 is decided by the system at once: correct the badge or the time limit"),
            "accuracy.time-limit.instant-approval-in-days",
        )
    total = 0.0
    full: int | None = None
    """The step whose duration brings the department's steps to the whole promise."""
    for number, step in items(data.get("steps")):
        duration = step.get("duration")
        if step.get("actor") != "department" or not isinstance(duration, dict):
            continue
        if not isinstance(duration.get("value"), int | float) or isinstance(
            duration.get("value"), bool
        ):
            continue
        if full is not None and _after_full(step, duration, unit):
            _no_time_left(check, full, number, step, shown)
            break
        total += _at_least(duration["value"], duration.get("unit"), unit)
        if in_days and full is None and total >= value:
            full = number
        if total > value:
            check.error(
                ("steps", number, "duration"),
                _(
                    "the department's steps take {total:g} {unit} up to here, more than the "
                    "promised {limit} (line {line})"
                ).format(
                    total=total,
                    unit=unit_name(unit),
                    limit=shown,
                    line=check.loaded.position(("time_limit", "promised"))[0],
                ),
                _("shorten the steps' durations or correct the promised time limit"),
                code="accuracy.time-limit.steps-over-promised",
            )
            check.error(
                ("time_limit", "promised"),
                _("the promised {limit} is shorter than the department's steps ({total:g})").format(
                    limit=shown, total=total
                ),
                _("shorten the steps' durations or correct the promised time limit"),
                code="accuracy.time-limit.steps-over-promised",
            )
            break


_DELIVERY = ("寄", "邮", "快递", "送达", "ems", "post", "deliver", "courier")
"""A step that posts the result: delivery after the decision, not part of it."""


def _after_full(step: dict[str, Any], duration: dict[str, Any], unit: str) -> bool:
    """True for a step of days in the other unit (公示 7 天 after a review in working days)
    that is part of the decision, not its delivery: it cannot fit in a promise already used."""
    other = duration.get("unit")
    if other == unit or other not in _DAYS or unit not in _DAYS or duration.get("value", 0) <= 0:
        return False
    words = " ".join(str(v) for v in (step.get("title"), step.get("description"))).lower()
    return not any(word in words for word in _DELIVERY)


def _no_time_left(check: Checker, full: int, later: int, step: dict[str, Any], shown: str) -> None:
    """The steps up to `full` take the whole promise, and the department's step `later`
    (in the other unit of days) still follows."""
    duration = step["duration"]
    message = _(
        "the department's steps take the whole promised {limit} up to here, and step {number} "
        "still takes {value} {unit} (line {line})"
    ).format(
        limit=shown,
        number=later + 1,
        value=duration["value"],
        unit=unit_name(str(duration.get("unit"))),
        line=check.loaded.position(("steps", later, "duration"))[0],
    )
    hint = _("shorten the steps' durations or correct the promised time limit")
    code = "accuracy.time-limit.no-time-left"
    check.error(("steps", full, "duration"), message, hint, code=code)
    check.error(("time_limit", "promised"), message, hint, code=code)


def _both(
    check: Checker, first: FieldPath, second: FieldPath, message: str, hint: str, code: str
) -> None:
    check.error(first, message, hint, code=code)
    if check.loaded.position(first)[0] != check.loaded.position(second)[0]:
        check.error(second, message, hint, code=code)


_DAYS = ("working_days", "calendar_days")


def least_calendar_days(working: float) -> float:
    """The fewest calendar days `working` working days can span: a weekend (two days) for each
    full five working days after the first (10 working days from a Monday end on the second
    Friday, 12 days on; 5 working days can be Monday to Friday)."""
    whole = int(working)
    return working + 2 * max(0, (whole - 1) // 5)


def _at_least(value: float, unit: Any, target: Any) -> float:
    """The least a step of `value` `unit` can take, counted in `target` units.

    Only like units are added up: a licence posted in calendar days after a decision in
    working days, or a card posted in days after a decision in minutes, is delivery, not
    the decision the promise is about; minutes and hours are converted into each other.
    """
    if unit == target:
        return value
    if unit == "working_days" and target == "calendar_days":
        return least_calendar_days(value)  # a review of 10 working days in a promise of 7 days
    if unit in _DAYS and target in _DAYS:
        return 0.0  # posting in calendar days after a decision in working days: not comparable
    if unit in _QUICK and target in _DAYS:
        return 0.0
    if unit in _DAYS and target in _QUICK:
        return 0.0  # a card posted in days after a decision in minutes: delivery, not decision
    if unit == "hours" and target == "minutes":
        return value * 60
    if unit == "minutes" and target == "hours":
        return value / 60
    return 0.0
