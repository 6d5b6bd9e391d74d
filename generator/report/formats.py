"""The report as JSON data, as text for a person, and as CSV rows for a spreadsheet; pure.

The JSON form is the one a later `guides report --compare` reads back, so it carries a
marker (`REPORT_KIND`) and a version, and every other format is written from it.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from generator.common.i18n import N_, _
from generator.report.figures import (
    NEEDED_FOR_EFFECTIVENESS,
    Figures,
    Named,
    Report,
    Tally,
    UnitTimes,
)

REPORT_KIND = "guides-service-capability-report"
FORMAT_VERSION = 1

DEPTH_LABELS = {
    "information_only": N_("information only"),
    "download_forms": N_("forms to download"),
    "online_booking": N_("booked online"),
    "online_submission": N_("applied for online, checked in person"),
    "fully_online": N_("fully online"),
}
CHANNEL_LABELS = {
    "online": N_("online"),
    "app": N_("in the app"),
    "in_person": N_("in person"),
    "kiosk": N_("self-service kiosk"),
    "post": N_("by post"),
}
UNIT_LABELS = {
    "working_days": N_("working days"),
    "calendar_days": N_("calendar days"),
    "hours": N_("hours"),
    "minutes": N_("minutes"),
}
NOT_COMPARED_LABELS = {
    "different_units": N_("promised and statutory in different units"),
    "no_statutory": N_("no statutory time limit"),
    "no_promised": N_("no promised time limit"),
}
NEEDED_LABELS = {
    "handling_volumes": N_("how many applications each service handled, and through which channel"),
    "online_share_of_handling": N_("the share of applications completed online"),
    "satisfaction_ratings": N_("citizens' satisfaction ratings (好差评)"),
    "complaints_and_corrections": N_("complaints, and how fast guides were corrected"),
}
EFFECTIVENESS_NOTE = N_(
    "Online service effectiveness (在线服务成效度) cannot be computed from guides: it is "
    "measured from what happened when people used the services, which a guide does not record."
)


# --- JSON ---------------------------------------------------------------------------------


def report_data(report: Report) -> dict[str, Any]:
    """Return the report as plain JSON-ready data."""
    return {
        "report": REPORT_KIND,
        "format_version": FORMAT_VERSION,
        "date": report.date.isoformat(),
        "total": figures_data(report.total),
        "departments": [
            {"id": d.id, "name": d.name.default, "figures": figures_data(d.figures)}
            for d in report.departments
        ],
        "coverage": {
            "topics": [_named(n) for n in report.by_topic],
            "life_events": [_named(n) for n in report.by_life_event],
            "audiences": {t.key: _tally(t) for t in report.by_audience},
            "unused": {
                "topics": [_named_id(n) for n in report.unused_topics],
                "life_events": [_named_id(n) for n in report.unused_life_events],
                "offices": [_named_id(n) for n in report.unused_offices],
                "e_licences": [_named_id(n) for n in report.unused_e_licences],
                "departments": [_named_id(n) for n in report.unused_departments],
            },
        },
        "e_licences_most_used": [
            {**_named_id(n), "guides": n.guides, "materials": n.materials}
            for n in report.e_licences_most_used
        ],
        "time_limits_per_guide": [
            {
                "id": t.guide_id,
                "statutory": _duration(t.statutory, t.statutory_unit),
                "promised": _duration(t.promised, t.promised_unit),
                "reduction": t.reduction,
            }
            for t in report.guide_times
        ],
        "skipped": {
            "guides": len(report.skipped),
            "broken_references": report.broken_references,
            "files": [
                {"file": s.file, "errors": s.errors, "broken_references": s.broken_references}
                for s in report.skipped
            ],
        },
        "online_service_effectiveness": {
            "computable": False,
            "why": EFFECTIVENESS_NOTE,
            "needs": list(NEEDED_FOR_EFFECTIVENESS),
        },
    }


def figures_data(f: Figures) -> dict[str, Any]:
    """Return one scope's figures as plain data."""
    return {
        "guides": f.guides,
        "online_depth": {t.key: _tally(t) for t in f.online_depth},
        "visits": {
            "zero": _tally(f.visits_zero),
            "at_most_one": _tally(f.visits_at_most_one),
            "more": _tally(f.visits_more),
            "reasons": [{"reason": r, "guides": c} for r, c in f.visit_reasons],
        },
        "instant": {
            "instant_approval": _tally(f.instant_approval),
            "instant_filing": _tally(f.instant_filing),
            "any": _tally(f.instant_any),
        },
        "e_licences": {
            "materials": f.materials,
            "materials_replaced": _tally(f.materials_e_licence),
            "guides_using": _tally(f.guides_e_licence),
            "guides_no_paper": _tally(f.guides_no_paper),
        },
        "time_limits": {
            "by_unit": {u.unit: _unit_times(u) for u in f.time_limits},
            "not_compared": {t.key: _tally(t) for t in f.time_not_compared},
            "instant": _tally(f.time_instant),
        },
        "channels": {t.key: _tally(t) for t in f.channels},
        "accuracy": {
            "with_warnings": _tally(f.with_warnings),
            "review_overdue": _tally(f.review_overdue),
            "missing_english": _tally(f.missing_english),
        },
    }


def _tally(t: Tally) -> dict[str, Any]:
    share = t.share
    return {"count": t.count, "total": t.total, "share": None if share is None else round(share, 4)}


def _unit_times(u: UnitTimes) -> dict[str, Any]:
    share = u.reduction_share
    return {
        "compared": u.compared,
        "reduced": u.reduced,
        "statutory_total": _number(u.statutory_total),
        "promised_total": _number(u.promised_total),
        "reduction_total": _number(u.reduction_total),
        "reduction_share": None if share is None else round(share, 4),
        "median_reduction": None if u.median_reduction is None else _number(u.median_reduction),
    }


def _number(value: float) -> float | int:
    return int(value) if value == int(value) else round(value, 2)


def _duration(value: float | None, unit: str | None) -> dict[str, Any] | None:
    return None if value is None else {"value": _number(value), "unit": unit}


def _named(n: Named) -> dict[str, Any]:
    return {**_named_id(n), "guides": n.guides}


def _named_id(n: Named) -> dict[str, Any]:
    return {"id": n.id, "name": n.name.default}


def report_json(data: Mapping[str, Any]) -> str:
    """Return the report data as indented JSON text."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- text ---------------------------------------------------------------------------------


def share_text(count: int, total: int) -> str:
    """Return `12 of 32 (37.5%)`."""
    if not total:
        return _("{count} of {total}").format(count=count, total=total)
    return _("{count} of {total} ({percent:.1f}%)").format(
        count=count, total=total, percent=100 * count / total
    )


def report_text(report: Report) -> str:
    """Return the report for a person to read."""
    lines = [
        _("Service capability report (服务能力), {date}").format(date=report.date.isoformat()),
        "",
    ]
    lines += _scope_lines(_("Whole catalogue"), report.total)
    lines += _coverage_lines(report)
    lines += _accuracy_lines(report)
    lines += ["", _("Online service effectiveness (在线服务成效度)"), "  " + _(EFFECTIVENESS_NOTE)]
    lines.append("  " + _("It would need:"))
    lines += ["    - " + _(NEEDED_LABELS[key]) for key in NEEDED_FOR_EFFECTIVENESS]
    for dept in report.departments:
        lines.append("")
        title = _("Department: {name} ({id})").format(name=dept.name.default, id=dept.id)
        lines += _scope_lines(title, dept.figures)
    return "\n".join(lines) + "\n"


def _scope_lines(title: str, f: Figures) -> list[str]:
    n = f.guides
    lines = [title, "=" * _width(title), _("Guides: {count}").format(count=n), ""]
    lines.append(_("Online handling maturity (online_depth)"))
    lines += [f"  {_(DEPTH_LABELS[t.key])}: {share_text(t.count, n)}" for t in f.online_depth]
    lines.append(_("Visits"))
    lines.append(
        "  " + _("no visit (零跑动): {share}").format(share=share_text(f.visits_zero.count, n))
    )
    lines.append(
        "  "
        + _("at most one visit (最多跑一次): {share}").format(
            share=share_text(f.visits_at_most_one.count, n)
        )
    )
    lines.append(
        "  " + _("more than one visit: {share}").format(share=share_text(f.visits_more.count, n))
    )
    for reason, count in f.visit_reasons:
        lines.append("    " + _("{count} × {reason}").format(count=count, reason=reason or "—"))
    lines.append(_("Instant approval"))
    lines.append(
        "  "
        + _("instant approval (秒批): {share}").format(
            share=share_text(f.instant_approval.count, n)
        )
    )
    lines.append(
        "  "
        + _("instant filing (秒报): {share}").format(share=share_text(f.instant_filing.count, n))
    )
    lines.append(_("Electronic licences"))
    lines.append(
        "  "
        + _("materials an electronic licence replaces: {share}").format(
            share=share_text(f.materials_e_licence.count, f.materials)
        )
    )
    lines.append(
        "  "
        + _("guides using an electronic licence: {share}").format(
            share=share_text(f.guides_e_licence.count, n)
        )
    )
    lines.append(
        "  "
        + _("guides needing no paper at all: {share}").format(
            share=share_text(f.guides_no_paper.count, n)
        )
    )
    lines.append(_("Time limits (promised against statutory)"))
    for u in f.time_limits:
        lines.append(
            "  "
            + _(
                "{unit}: {compared} guides compared, {reduced} promise less; statutory "
                "{statutory}, promised {promised}, cut by {cut} ({percent}); median cut {median}"
            ).format(
                unit=_(UNIT_LABELS.get(u.unit, u.unit)),
                compared=u.compared,
                reduced=u.reduced,
                statutory=_number(u.statutory_total),
                promised=_number(u.promised_total),
                cut=_number(u.reduction_total),
                percent=f"{100 * (u.reduction_share or 0):.1f}%",
                median=_number(u.median_reduction or 0),
            )
        )
    for t in f.time_not_compared:
        if t.count:
            lines.append(
                "  "
                + _("not compared, {why}: {count}").format(
                    why=_(NOT_COMPARED_LABELS[t.key]), count=t.count
                )
            )
    lines.append(
        "  "
        + _("decided at once (即办件): {share}").format(share=share_text(f.time_instant.count, n))
    )
    lines.append(_("Channels"))
    lines += [f"  {_(CHANNEL_LABELS[t.key])}: {share_text(t.count, n)}" for t in f.channels]
    lines.append(_("Guide accuracy"))
    lines.append(
        "  " + _("with warnings: {share}").format(share=share_text(f.with_warnings.count, n))
    )
    lines.append(
        "  " + _("review overdue: {share}").format(share=share_text(f.review_overdue.count, n))
    )
    lines.append(
        "  " + _("no English title: {share}").format(share=share_text(f.missing_english.count, n))
    )
    return lines


def _width(text: str) -> int:
    """Return how many terminal columns `text` takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _coverage_lines(report: Report) -> list[str]:
    lines = ["", _("Coverage")]
    lines.append("  " + _("Guides per topic"))
    lines += [f"    {n.name.default} ({n.id}): {n.guides}" for n in report.by_topic]
    lines.append("  " + _("Guides per life event"))
    lines += [f"    {n.name.default} ({n.id}): {n.guides}" for n in report.by_life_event]
    lines.append("  " + _("Guides per audience"))
    lines += [f"    {t.key}: {share_text(t.count, t.total)}" for t in report.by_audience]
    lines.append("  " + _("Electronic licences most used (materials, guides)"))
    lines += [
        f"    {n.name.default} ({n.id}): {n.materials}, {n.guides}"
        for n in report.e_licences_most_used
    ]
    for label, items in (
        (_("Topics no guide uses"), report.unused_topics),
        (_("Life events no guide uses"), report.unused_life_events),
        (_("Offices no guide names"), report.unused_offices),
        (_("Electronic licences no guide uses"), report.unused_e_licences),
        (_("Departments with no guide"), report.unused_departments),
    ):
        names = ", ".join(f"{n.name.default} ({n.id})" for n in items) or _("none")
        lines.append(f"  {label}: {names}")
    return lines


def _accuracy_lines(report: Report) -> list[str]:
    lines = ["", _("Guides left out of these figures")]
    if not report.skipped:
        lines.append("  " + _("none: every guide passed validation"))
        return lines
    lines.append(
        "  "
        + _(
            "{count} guide file(s) have errors ({broken} with a reference that does not "
            "resolve); run `guides validate` to see them:"
        ).format(count=len(report.skipped), broken=report.broken_references)
    )
    lines += [f"    {s.file}" for s in report.skipped]
    return lines


# --- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = ("scope", "figure", "count", "total", "share")


def csv_rows(data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Flatten report data into rows: one per count, tally or total, named by its path."""
    yield from _flatten("total", "", data["total"])
    for dept in data["departments"]:
        yield from _flatten(f"department:{dept['id']}", "", dept["figures"])
    yield from _flatten("total", "coverage", data["coverage"])
    for item in data["e_licences_most_used"]:
        row_figure = f"e_licences_most_used.{item['id']}"
        yield {"scope": "total", "figure": row_figure, "count": item["materials"]}
    yield {"scope": "total", "figure": "skipped.guides", "count": data["skipped"]["guides"]}
    yield {
        "scope": "total",
        "figure": "skipped.broken_references",
        "count": data["skipped"]["broken_references"],
    }


def _flatten(scope: str, prefix: str, value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, Mapping):
        if "count" in value and "total" in value:
            yield {"scope": scope, "figure": prefix, **{k: value[k] for k in CSV_COLUMNS[2:]}}
            return
        for key, item in value.items():
            yield from _flatten(scope, f"{prefix}.{key}" if prefix else str(key), item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping) and "id" in item and "guides" in item:
                yield {"scope": scope, "figure": f"{prefix}.{item['id']}", "count": item["guides"]}
            elif isinstance(item, Mapping) and "reason" in item:
                yield {
                    "scope": scope,
                    "figure": f"{prefix}.{item['reason']}",
                    "count": item["guides"],
                }
            elif isinstance(item, Mapping) and "id" in item:
                yield {"scope": scope, "figure": f"{prefix}.{item['id']}", "count": 1}
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield {"scope": scope, "figure": prefix, "count": value}


def report_csv(data: Mapping[str, Any], previous: Mapping[str, Any] | None = None) -> str:
    """Return the report as CSV; given a previous report, add its counts and the change."""
    columns = list(CSV_COLUMNS)
    before: dict[tuple[str, str], Any] = {}
    if previous is not None:
        columns += ["previous", "change"]
        before = {(r["scope"], r["figure"]): r.get("count") for r in csv_rows(previous)}
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(data):
        if previous is not None:
            old = before.get((row["scope"], row["figure"]))
            row["previous"] = old
            row["change"] = None if old is None else _number(row["count"] - old)
        writer.writerow(row)
    return out.getvalue()
