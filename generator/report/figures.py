"""The service-capability figures (服务能力), computed from the catalogue; pure, no I/O.

Every figure is defined in docs/report.md: what is counted and from which fields. The
figures of one scope (the whole catalogue, or the guides one department leads) are a
`Figures`; the whole report adds what only makes sense once (coverage, unused reference
items, guides left out, per-guide time limits).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model.types import Catalogue, Guide, Text
from generator.validate.problems import Problem, Severity

ONLINE_DEPTHS = (
    "information_only",
    "download_forms",
    "online_booking",
    "online_submission",
    "fully_online",
)
"""online_depth from least to most online, as in the schema."""
CHANNEL_TYPES = ("online", "app", "in_person", "kiosk", "post")
AUDIENCES = (
    "individual",
    "enterprise",
    "public_institution",
    "social_organisation",
    "other_organisation",
)
TIME_UNITS = ("working_days", "calendar_days", "hours", "minutes")
TOP_E_LICENCES = 10
"""How many electronic-licence types the report lists as most used."""
NEEDED_FOR_EFFECTIVENESS = (
    "handling_volumes",
    "online_share_of_handling",
    "satisfaction_ratings",
    "complaints_and_corrections",
)
"""What online service effectiveness (在线服务成效度) is measured from: none is in a guide."""


@dataclass(frozen=True)
class Tally:
    """A count out of a total: `count` guides (or materials) of `total`."""

    key: str
    count: int
    total: int

    @property
    def share(self) -> float | None:
        """Return count / total, or None when there is nothing to divide by."""
        return self.count / self.total if self.total else None


@dataclass(frozen=True)
class UnitTimes:
    """Promised against statutory time limits of the guides that give both in one unit."""

    unit: str
    compared: int
    statutory_total: float
    promised_total: float
    reduced: int
    """Guides whose promised time is shorter than the statutory one."""
    median_reduction: float | None

    @property
    def reduction_total(self) -> float:
        """Return the statutory minus the promised time, summed over the guides compared."""
        return self.statutory_total - self.promised_total

    @property
    def reduction_share(self) -> float | None:
        """Return the total reduction as a share of the total statutory time."""
        return self.reduction_total / self.statutory_total if self.statutory_total else None


@dataclass(frozen=True)
class GuideTimes:
    """One guide's promised and statutory time limits."""

    guide_id: str
    statutory: float | None
    statutory_unit: str | None
    promised: float | None
    promised_unit: str | None

    @property
    def comparable(self) -> bool:
        """Say whether both are given, in the same unit."""
        return (
            self.statutory is not None
            and self.promised is not None
            and self.statutory_unit == self.promised_unit
        )

    @property
    def reduction(self) -> float | None:
        """Return statutory minus promised, when they can be compared."""
        if not self.comparable:
            return None
        assert self.statutory is not None and self.promised is not None
        return self.statutory - self.promised


@dataclass(frozen=True)
class Figures:
    """The figures of one scope: the whole catalogue, or one department's guides."""

    guides: int
    online_depth: tuple[Tally, ...]
    visits_zero: Tally
    visits_at_most_one: Tally
    visits_more: Tally
    visit_reasons: tuple[tuple[str, int], ...]
    """The reasons given by guides needing more than one visit, most given first."""
    instant_approval: Tally
    instant_filing: Tally
    instant_any: Tally
    materials: int
    materials_e_licence: Tally
    guides_e_licence: Tally
    guides_no_paper: Tally
    time_limits: tuple[UnitTimes, ...]
    time_not_compared: tuple[Tally, ...]
    """Guides whose time limits cannot be compared, by why: different_units, no_statutory,
    no_promised."""
    time_instant: Tally
    channels: tuple[Tally, ...]
    with_warnings: Tally
    review_overdue: Tally
    missing_english: Tally

    def depth(self, key: str) -> Tally:
        """Return the tally of one online_depth level."""
        return next(t for t in self.online_depth if t.key == key)

    def channel(self, key: str) -> Tally:
        """Return the tally of one channel type."""
        return next(t for t in self.channels if t.key == key)


@dataclass(frozen=True)
class Named:
    """A reference item (topic, office, e-licence ...) and how many guides use it."""

    id: str
    name: Text
    guides: int
    materials: int = 0


@dataclass(frozen=True)
class DepartmentFigures:
    """The figures of the guides one department leads."""

    id: str
    name: Text
    figures: Figures


@dataclass(frozen=True)
class Skipped:
    """A guide file left out of the figures because validation found errors in it."""

    file: str
    errors: int
    broken_references: int


@dataclass(frozen=True)
class Report:
    """The whole service-capability report."""

    date: dt.date
    total: Figures
    departments: tuple[DepartmentFigures, ...]
    by_topic: tuple[Named, ...]
    by_life_event: tuple[Named, ...]
    by_audience: tuple[Tally, ...]
    e_licences_most_used: tuple[Named, ...]
    unused_topics: tuple[Named, ...]
    unused_life_events: tuple[Named, ...]
    unused_offices: tuple[Named, ...]
    unused_e_licences: tuple[Named, ...]
    unused_departments: tuple[Named, ...]
    guide_times: tuple[GuideTimes, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def broken_references(self) -> int:
        """Return how many guides were left out for a reference that does not resolve."""
        return sum(1 for s in self.skipped if s.broken_references)


def sources_with_warnings(
    catalogue: Catalogue, problems: Iterable[Problem], guides_dir: str | os.PathLike[str]
) -> frozenset[str]:
    """Return the `source` of every guide of the catalogue that a warning is about.

    A problem names its file as the editor can open it, a guide its file from the guides
    folder's parent; both are made absolute (string operations only) to be matched.
    """
    warned = {os.path.abspath(p.file) for p in problems if p.severity is Severity.WARNING}
    root = os.path.dirname(os.path.abspath(guides_dir))
    return frozenset(
        g.source
        for g in catalogue.guides
        if os.path.abspath(os.path.join(root, g.source)) in warned
    )


def build_report(
    catalogue: Catalogue,
    *,
    warned: Iterable[str] = (),
    skipped: Sequence[Skipped] = (),
    date: dt.date,
) -> Report:
    """Compute the report from the catalogue.

    `warned` holds the `source` of every guide validation warned about; `skipped` the
    guides left out of the catalogue for their errors.
    """
    warned_sources = frozenset(warned)
    guides = catalogue.guides
    lead: dict[str, list[Guide]] = {}
    for guide in guides:
        if guide.department is not None:
            lead.setdefault(guide.department.id, []).append(guide)
    departments = tuple(
        DepartmentFigures(dept.id, dept.name, compute_figures(lead[dept.id], warned_sources))
        for dept in sorted(catalogue.departments.values(), key=lambda d: d.id)
        if dept.id in lead
    )
    topic_use = Counter(t.id for g in guides for t in g.topics)
    event_use = Counter(e.id for g in guides for e in g.life_events)
    office_use = Counter(o.id for g in guides for o in g.offices)
    dept_use = Counter(
        d.id for g in guides for d in dict.fromkeys((g.department, *g.joint_departments)) if d
    )
    licence_guides: Counter[str] = Counter()
    licence_materials: Counter[str] = Counter()
    for guide in guides:
        used = [m.e_licence.id for m in guide.materials if m.e_licence]
        licence_materials.update(used)
        result_licence = guide.result.e_licence if guide.result else None
        licence_guides.update(set(used) | ({result_licence.id} if result_licence else set()))
    licences = [
        Named(e.id, e.name, licence_guides[e.id], licence_materials[e.id])
        for e in catalogue.e_licences.values()
    ]
    most_used = sorted(
        (n for n in licences if n.materials), key=lambda n: (-n.materials, -n.guides, n.id)
    )
    return Report(
        date=date,
        total=compute_figures(guides, warned_sources),
        departments=departments,
        by_topic=tuple(Named(t.id, t.name, topic_use[t.id]) for t in catalogue.topics.values()),
        by_life_event=tuple(
            Named(e.id, e.name, event_use[e.id]) for e in catalogue.life_events.values()
        ),
        by_audience=_tallies(AUDIENCES, (a for g in guides for a in set(g.audience)), len(guides)),
        e_licences_most_used=tuple(most_used[:TOP_E_LICENCES]),
        unused_topics=tuple(
            Named(t.id, t.name, 0) for t in catalogue.topics.values() if not topic_use[t.id]
        ),
        unused_life_events=tuple(
            Named(e.id, e.name, 0) for e in catalogue.life_events.values() if not event_use[e.id]
        ),
        unused_offices=tuple(
            Named(o.id, o.name, 0)
            for o in sorted(catalogue.offices.values(), key=lambda o: o.id)
            if not office_use[o.id]
        ),
        unused_e_licences=tuple(
            Named(n.id, n.name, 0) for n in sorted(licences, key=lambda n: n.id) if not n.guides
        ),
        unused_departments=tuple(
            Named(d.id, d.name, 0)
            for d in sorted(catalogue.departments.values(), key=lambda d: d.id)
            if not dept_use[d.id]
        ),
        guide_times=tuple(_guide_times(g) for g in guides),
        skipped=tuple(skipped),
    )


def compute_figures(guides: Sequence[Guide], warned: frozenset[str] = frozenset()) -> Figures:
    """Compute the figures of one scope in one pass over its guides."""
    n = len(guides)
    depth: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    zero = at_most_one = more = 0
    approval = filing = instant_any = 0
    materials = materials_licensed = guides_licensed = no_paper = 0
    time_instant = with_warnings = overdue = missing_en = 0
    not_compared: Counter[str] = Counter()
    by_unit: dict[str, list[tuple[float, float]]] = {}
    for guide in guides:
        if guide.online_depth:
            depth[guide.online_depth] += 1
        for kind in {c.type for c in guide.channels}:
            channels[kind] += 1
        if guide.visits is not None:
            zero += guide.visits == 0
            at_most_one += guide.visits <= 1
            if guide.visits > 1:
                more += 1
                reasons[guide.visit_reason.default if guide.visit_reason else ""] += 1
        kind = guide.instant_approval
        approval += kind in ("instant_approval", "both")
        filing += kind in ("instant_filing", "both")
        instant_any += kind != "none"
        licensed = 0
        paper = False
        for material in guide.materials:
            if material.e_licence is not None:
                licensed += 1
            elif material.form != "electronic":
                paper = True
        materials += len(guide.materials)
        materials_licensed += licensed
        guides_licensed += licensed > 0
        no_paper += not paper
        times = _guide_times(guide)
        if times.comparable:
            assert times.statutory is not None and times.promised is not None
            by_unit.setdefault(str(times.statutory_unit), []).append(
                (times.statutory, times.promised)
            )
        else:
            not_compared[_why_not_compared(times)] += 1
        time_instant += bool(guide.time_limit and guide.time_limit.instant)
        with_warnings += guide.source in warned
        overdue += guide.review_overdue
        missing_en += guide.title.en is None
    return Figures(
        guides=n,
        online_depth=tuple(Tally(k, depth[k], n) for k in ONLINE_DEPTHS),
        visits_zero=Tally("zero", zero, n),
        visits_at_most_one=Tally("at_most_one", at_most_one, n),
        visits_more=Tally("more", more, n),
        visit_reasons=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        instant_approval=Tally("instant_approval", approval, n),
        instant_filing=Tally("instant_filing", filing, n),
        instant_any=Tally("any", instant_any, n),
        materials=materials,
        materials_e_licence=Tally("materials_e_licence", materials_licensed, materials),
        guides_e_licence=Tally("guides_e_licence", guides_licensed, n),
        guides_no_paper=Tally("no_paper", no_paper, n),
        time_limits=tuple(
            _unit_times(unit, by_unit[unit])
            for unit in (*TIME_UNITS, *sorted(set(by_unit) - set(TIME_UNITS)))
            if unit in by_unit
        ),
        time_not_compared=tuple(
            Tally(why, not_compared[why], n)
            for why in ("different_units", "no_statutory", "no_promised")
        ),
        time_instant=Tally("instant", time_instant, n),
        channels=tuple(Tally(k, channels[k], n) for k in CHANNEL_TYPES),
        with_warnings=Tally("with_warnings", with_warnings, n),
        review_overdue=Tally("review_overdue", overdue, n),
        missing_english=Tally("missing_english", missing_en, n),
    )


def _tallies(keys: Sequence[str], found: Iterable[str], total: int) -> tuple[Tally, ...]:
    counts = Counter(found)
    return tuple(Tally(k, counts[k], total) for k in keys)


def _guide_times(guide: Guide) -> GuideTimes:
    limit = guide.time_limit
    statutory = limit.statutory if limit else None
    promised = limit.promised if limit else None
    return GuideTimes(
        guide.id,
        statutory.value if statutory else None,
        statutory.unit if statutory else None,
        promised.value if promised else None,
        promised.unit if promised else None,
    )


def _why_not_compared(times: GuideTimes) -> str:
    if times.statutory is None:
        return "no_statutory"
    if times.promised is None:
        return "no_promised"
    return "different_units"


def _unit_times(unit: str, pairs: list[tuple[float, float]]) -> UnitTimes:
    return UnitTimes(
        unit=unit,
        compared=len(pairs),
        statutory_total=sum(s for s, _ in pairs),
        promised_total=sum(p for _, p in pairs),
        reduced=sum(1 for s, p in pairs if p < s),
        median_reduction=statistics.median(s - p for s, p in pairs) if pairs else None,
    )
