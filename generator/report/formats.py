"""The report as JSON data and as CSV rows for a spreadsheet; pure.

The JSON form is the one a later `guides report --compare` reads back, so it carries a
marker (`REPORT_KIND`) and a version; CSV is written from it. The text for a person is
in text.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from generator.common.i18n import N_
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
        "statutory_total": plain_number(u.statutory_total),
        "promised_total": plain_number(u.promised_total),
        "reduction_total": plain_number(u.reduction_total),
        "reduction_share": None if share is None else round(share, 4),
        "median_reduction": None
        if u.median_reduction is None
        else plain_number(u.median_reduction),
    }


def plain_number(value: float) -> float | int:
    """Return a whole number as an int (`12`, not `12.0`), anything else to two decimals."""
    return int(value) if value == int(value) else round(value, 2)


def _duration(value: float | None, unit: str | None) -> dict[str, Any] | None:
    return None if value is None else {"value": plain_number(value), "unit": unit}


def _named(n: Named) -> dict[str, Any]:
    return {**_named_id(n), "guides": n.guides}


def _named_id(n: Named) -> dict[str, Any]:
    return {"id": n.id, "name": n.name.default}


def report_json(data: Mapping[str, Any]) -> str:
    """Return the report data as indented JSON text."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
            row["change"] = None if old is None else plain_number(row["count"] - old)
        writer.writerow(row)
    return out.getvalue()
