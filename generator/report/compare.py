"""What changed since a previous report: `guides report --compare OLD.json`; pure.

Both reports are the JSON data of formats.report_data. A file that is not such a report
is refused with a message that says what it is instead, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.common.i18n import N_, _
from generator.report.formats import FORMAT_VERSION, REPORT_KIND, plain_number

MEASURES: tuple[tuple[str, str], ...] = (
    ("guides", N_("guides")),
    ("online_depth.fully_online.count", N_("guides fully online (全程网办)")),
    ("visits.zero.count", N_("guides needing no visit (零跑动)")),
    ("visits.at_most_one.count", N_("guides needing at most one visit (最多跑一次)")),
    ("instant.instant_approval.count", N_("guides approved instantly (秒批)")),
    ("instant.instant_filing.count", N_("guides filed instantly (秒报)")),
    ("e_licences.materials_replaced.count", N_("materials an electronic licence replaces")),
    ("e_licences.guides_no_paper.count", N_("guides needing no paper at all")),
    ("time_limits.by_unit.working_days.reduction_total", N_("working days cut below statutory")),
    ("time_limits.by_unit.calendar_days.reduction_total", N_("calendar days cut below statutory")),
    ("channels.online.count", N_("guides offered online")),
    ("channels.app.count", N_("guides offered in the app")),
    ("channels.in_person.count", N_("guides offered in person")),
    ("channels.kiosk.count", N_("guides offered at a self-service kiosk")),
    ("accuracy.with_warnings.count", N_("guides with warnings")),
    ("accuracy.review_overdue.count", N_("guides overdue for review")),
    ("accuracy.missing_english.count", N_("guides without an English title")),
)
"""The figures a comparison speaks of, as paths into one scope's figures."""


class NotAReport(Exception):
    """The file given to --compare is not a `guides report` JSON report."""


@dataclass(frozen=True)
class Change:
    """One figure that moved between two reports."""

    scope: str
    """`total` or `department:<id>`."""
    figure: str
    label: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """Return after minus before."""
        return self.after - self.before

    def as_text(self) -> str:
        """Return `guides fully online (全程网办): 12 more (20 → 32)`."""
        size = plain_number(abs(self.change))
        template = (
            _("{label}: {change} more ({before} → {after})")
            if self.change > 0
            else _("{label}: {change} fewer ({before} → {after})")
        )
        return template.format(
            label=_(self.label),
            change=size,
            before=plain_number(self.before),
            after=plain_number(self.after),
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the change as JSON-ready data."""
        return {
            "scope": self.scope,
            "figure": self.figure,
            "before": plain_number(self.before),
            "after": plain_number(self.after),
            "change": plain_number(self.change),
        }


def check_report(data: object, name: str) -> Mapping[str, Any]:
    """Return `data` if it is a report this version can compare with; else raise NotAReport."""
    if not isinstance(data, Mapping) or data.get("report") != REPORT_KIND:
        raise NotAReport(
            _(
                "{name} is not a report made by `guides report --format json` "
                '(it has no `"report": "{kind}"`)'
            ).format(name=name, kind=REPORT_KIND)
        )
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise NotAReport(
            _("{name} is a report of format version {found}; this version reads {expected}").format(
                name=name, found=version, expected=FORMAT_VERSION
            )
        )
    if not isinstance(data.get("total"), Mapping) or not isinstance(data.get("departments"), list):
        raise NotAReport(
            _("{name} is an incomplete report: it has no `total` or `departments`").format(
                name=name
            )
        )
    return data


def compare_reports(new: Mapping[str, Any], old: Mapping[str, Any]) -> list[Change]:
    """Return the figures that changed, for the whole catalogue then each department."""
    changes = _scope_changes("total", new["total"], old["total"])
    old_departments = {
        d.get("id"): d.get("figures") for d in old["departments"] if isinstance(d, Mapping)
    }
    for dept in new["departments"]:
        before = old_departments.get(dept["id"])
        if isinstance(before, Mapping):
            changes += _scope_changes(f"department:{dept['id']}", dept["figures"], before)
        else:
            # A department new to the report: every figure changed from nothing.
            changes += _scope_changes(f"department:{dept['id']}", dept["figures"], {})
    current = {dept["id"] for dept in new["departments"]}
    for dept_id, before in old_departments.items():
        if dept_id not in current and isinstance(before, Mapping):
            # A department that leads no guide any more: every figure fell to nothing.
            changes += _scope_changes(f"department:{dept_id}", {}, before)
    return changes


def comparison_text(new: Mapping[str, Any], old: Mapping[str, Any], changes: list[Change]) -> str:
    """Return the changes for a person, grouped by scope."""
    lines = [
        _("Changes since the report of {date}").format(date=old.get("date", "?")),
    ]
    if not changes:
        lines.append("  " + _("no figure changed"))
    names = {
        f"department:{d.get('id')}": d.get("name")
        for d in (*old["departments"], *new["departments"])
        if isinstance(d, Mapping)
    }
    scope = None
    for change in changes:
        if change.scope != scope:
            scope = change.scope
            title = (
                _("Whole catalogue")
                if scope == "total"
                else _("Department: {name}").format(name=names.get(scope, scope))
            )
            lines.append("  " + title)
        lines.append("    " + change.as_text())
    return "\n".join(lines) + "\n"


def _scope_changes(scope: str, new: Mapping[str, Any], old: Mapping[str, Any]) -> list[Change]:
    changes = []
    for path, label in MEASURES:
        after = _at(new, path)
        if after is None:
            after = 0 if _at(old, path) is not None else None
        before = _at(old, path)
        if before is None and after is not None:
            before = 0
        if after is None or before is None or after == before:
            continue
        changes.append(Change(scope, path, label, before, after))
    return changes


def _at(data: Mapping[str, Any], path: str) -> float | None:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value
