"""The badges of a guide against the fields behind them.

The page shows badges from single fields: 全程网办 from `online_depth: fully_online`, 零跑动
from `visits: 0`. Each must agree with the other fields that say the same thing another way:

- `online_depth: fully_online` with `visits` above 0: the page says both "fully online" and
  "come N times";
- an `online_depth` of online booking or more with no online or app channel: the page sends
  people online with no address to go to;
- `visits: 0` with an `online_depth` below online submission and no post channel: the
  page says the application cannot be made online, and also that no trip is needed;
- `visits: 0` where the result can only be collected (`result.delivery` is pickup and
  nothing else): the one trip the citizen must make is not counted.

Each disagreement is reported at both fields, each naming the other's line (either may be
the one to correct). These read a few fields of the guide, not its texts.
"""

from __future__ import annotations

from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.report import line_of, naming_field
from generator.validate.rules.checker import Checker, items

_ONLINE_DEPTHS = ("online_booking", "online_submission", "fully_online")
_ONLINE_CHANNELS = ("online", "app")
_NOT_SUBMITTED = ("information_only", "download_forms", "online_booking")
"""Online depths at which the application itself is not made online."""


def check_badges(check: Checker, data: dict[str, Any]) -> None:
    """Compare `online_depth`, `visits`, the channels and `result.delivery`."""
    depth, raw = data.get("online_depth"), data.get("visits")
    visits: int = raw if isinstance(raw, int) and not isinstance(raw, bool) else -1
    if depth == "fully_online" and visits > 0:
        _both(
            check,
            ("online_depth",),
            ("visits",),
            _(
                "`online_depth` is fully_online (全程网办), but `visits` is {visits}: the page "
                "shows both"
            ).format(visits=visits),
            _(
                "a citizen reads 全程网办 and stays home: set the online depth the service "
                "really has, or correct `visits`"
            ),
            "accuracy.badge.fully-online-visits",
        )
    types = (
        {kind for _n, c in items(data.get("channels")) if isinstance(kind := c.get("type"), str)}
        if depth in _ONLINE_DEPTHS
        else set()
    )
    if types and not types & set(_ONLINE_CHANNELS):
        check.error(
            ("online_depth",),
            _(
                "`online_depth` is {depth}, but no channel is online or in an app "
                "(channels: {types})"
            ).format(depth=depth, types=", ".join(sorted(str(t) for t in types))),
            _("add the online or app channel with its address, or lower the online depth"),
            code="accuracy.badge.online-without-channel",
        )
    channels = {t for _n, c in items(data.get("channels")) if isinstance(t := c.get("type"), str)}
    if visits == 0 and depth in _NOT_SUBMITTED and "post" not in channels:
        _both(
            check,
            ("online_depth",),
            ("visits",),
            _(
                "`online_depth` is {depth} (the application is not made online), but `visits` "
                "is 0 and no channel takes it by post"
            ).format(depth=depth),
            _(
                "a citizen who cannot apply online must go somewhere: set the online depth the "
                "service really has, or count the visit"
            ),
            "accuracy.badge.no-visit-not-online",
        )
    result = data.get("result")
    delivery = result.get("delivery") if isinstance(result, dict) else None
    if visits == 0 and isinstance(delivery, list) and delivery == ["pickup"]:
        _both(
            check,
            ("result", "delivery"),
            ("visits",),
            _(
                "`visits` is 0 (零跑动), but the result can only be collected in person "
                "(`result.delivery` is pickup)"
            ),
            _(
                "count the trip to collect it in `visits`, or add the post or electronic "
                "delivery the service offers"
            ),
            "accuracy.badge.no-visit-pickup-only",
        )


def _both(
    check: Checker, here: FieldPath, other: FieldPath, message: str, hint: str, code: str
) -> None:
    """Report at `here`, naming `other`'s line, and at `other` when it is on another line."""
    here_line, other_line = line_of(check, here), line_of(check, other)
    check.error(here, naming_field(message, other_line, other), hint, code=code)
    if abs(here_line - other_line) > 1:
        check.error(other, naming_field(message, here_line, here), hint, code=code)
