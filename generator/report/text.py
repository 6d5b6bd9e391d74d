"""The report as text for a person: every figure with its count and share; pure."""

from __future__ import annotations

import unicodedata

from generator.common.i18n import N_, _
from generator.report.figures import NEEDED_FOR_EFFECTIVENESS, Figures, Report
from generator.report.formats import EFFECTIVENESS_NOTE, plain_number

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
                statutory=plain_number(u.statutory_total),
                promised=plain_number(u.promised_total),
                cut=plain_number(u.reduction_total),
                percent=f"{100 * (u.reduction_share or 0):.1f}%",
                median=plain_number(u.median_reduction or 0),
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
