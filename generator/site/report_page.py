"""The service-capability page (服务能力): the report's figures as words, tables and charts.

The figures are the report stage's (generator/report/); this module only words them for
citizens, in the site's language, and draws the charts (charts.py). Pure: no MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.model.types import Catalogue
from generator.report.figures import Report, Tally, build_report
from generator.site.charts import Bar, bar_chart, describe
from generator.site.labels import label


def share(tally: Tally) -> str:
    """Return `78.1%` (or `—` when there is nothing to divide by)."""
    value = tally.share
    return "—" if value is None else f"{100 * value:.1f}%"


def count_share(tally: Tally, unit: str = "项") -> str:
    """Return `25 项（78.1%）`."""
    return f"{tally.count} {unit}（{share(tally)}）"


@dataclass(frozen=True)
class ServiceCapability:
    """What the 服务能力 template renders: the report and its charts."""

    report: Report
    charts: dict[str, Markup]


def service_capability(
    catalogue: Catalogue, *, warned: frozenset[str], date: dt.date
) -> ServiceCapability:
    """Compute the report of the site's guides and draw its charts."""
    report = build_report(catalogue, warned=warned, date=date)
    total = report.total
    depth = [
        Bar(label("online_depth", t.key), t.count, t.total, count_share(t))
        for t in reversed(total.online_depth)
    ]
    channels = [
        Bar(label("channel", t.key), t.count, t.total, count_share(t)) for t in total.channels
    ]
    visits = [
        Bar("零跑动", total.visits_zero.count, total.guides, count_share(total.visits_zero)),
        Bar(
            "最多跑一次",
            total.visits_at_most_one.count,
            total.guides,
            count_share(total.visits_at_most_one),
        ),
        Bar("跑动两次及以上", total.visits_more.count, total.guides, count_share(total.visits_more)),
    ]
    most = max((n.guides for n in report.by_topic), default=0)
    topics = [Bar(n.name.default, n.guides, most, f"{n.guides} 项") for n in report.by_topic]
    online = [
        Bar(
            d.name.default,
            d.figures.depth("fully_online").count,
            d.figures.guides,
            count_share(d.figures.depth("fully_online")),
        )
        for d in report.departments
    ]
    n = total.guides
    charts = {
        "depth": bar_chart(
            "sg-chart-depth",
            "网上办理深度",
            describe(f"共 {n} 项事项，按网上办理深度：", depth),
            depth,
        ),
        "visits": bar_chart(
            "sg-chart-visits",
            "到办事现场次数",
            describe(f"共 {n} 项事项：", visits),
            visits,
        ),
        "channels": bar_chart(
            "sg-chart-channels",
            "办理渠道",
            describe(f"共 {n} 项事项，提供各渠道的事项数（一项可有多个渠道）：", channels),
            channels,
        ),
        "topics": bar_chart(
            "sg-chart-topics",
            "各主题的事项数",
            describe("各主题的事项数（一项可属多个主题）：", topics),
            topics,
        ),
        "departments": bar_chart(
            "sg-chart-departments",
            "各部门全程网办事项",
            describe("各部门牵头事项中全程网办的事项数：", online),
            online,
        ),
    }
    return ServiceCapability(report, charts)
