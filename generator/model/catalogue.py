"""Build the Catalogue from validated data: resolve references, index for browsing.

Pure and O(N) once per build: plain dicts in, frozen model objects out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.model.types import (
    Accessibility,
    Catalogue,
    Channel,
    Contact,
    Department,
    Duration,
    ELicence,
    ExtraService,
    FeeItem,
    Fees,
    Guide,
    LegalBasis,
    LifeEvent,
    Material,
    Office,
    OpeningHours,
    Question,
    Result,
    Step,
    Text,
    TimeLimit,
    Topic,
    ValidationResultLike,
)


def _text(data: object) -> Text | None:
    return Text.of(data) if data not in (None, "", {}) else None


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def build_catalogue(
    result: ValidationResultLike,
    *,
    review_due: dt.date | None = None,
    known: dict[int, tuple[Mapping[str, Any], Guide]] | None = None,
) -> Catalogue:
    """Build the catalogue from a successful validation result.

    A guide last reviewed before `review_due` is marked overdue: its page says so.

    `known` (`guides serve`) maps a guide's validated dict, by identity, to the Guide
    made from it with the same reference data and `review_due`: a dict met again is not
    made into a Guide again. It is left holding the guides of this catalogue.
    """
    ref = result.reference
    departments = {d["id"]: _department(d) for d in ref.get("departments", ())}
    e_licences = {
        e["id"]: ELicence(e["id"], Text.of(e["name"]), departments.get(e.get("issuer", "")))
        for e in ref.get("e_licences", ())
    }
    offices = {o["id"]: _office(o, departments) for o in ref.get("offices", ())}
    topics = {
        t["id"]: Topic(t["id"], Text.of(t["name"]), _text(t.get("description")), t.get("order", 0))
        for t in sorted(ref.get("topics", ()), key=lambda t: (t.get("order", 0), t["id"]))
    }
    life_events = {
        e["id"]: LifeEvent(
            e["id"],
            Text.of(e["name"]),
            _text(e.get("description")),
            e.get("order", 0),
            tuple(e.get("aliases", ())),
        )
        for e in sorted(ref.get("life_events", ()), key=lambda e: (e.get("order", 0), e["id"]))
    }
    lookups = _Lookups(departments, offices, topics, life_events, e_licences)
    made: dict[int, tuple[Mapping[str, Any], Guide]] = {}
    for data in result.guides:
        entry = known.get(id(data)) if known is not None else None
        if entry is None or entry[0] is not data:
            entry = (data, _guide(data, lookups, review_due))
        made[id(data)] = entry
    if known is not None:
        known.clear()
        known.update(made)
    guides = tuple(sorted((guide for _, guide in made.values()), key=lambda g: g.id))
    return Catalogue(
        guides=guides,
        departments=departments,
        offices=offices,
        topics=topics,
        life_events=life_events,
        e_licences=e_licences,
        by_id={g.id: g for g in guides},
        by_topic=_index(guides, lambda g: (t.id for t in g.topics)),
        by_life_event=_index(guides, lambda g: (e.id for e in g.life_events)),
        by_department=_index(
            guides, lambda g: (d.id for d in (g.department, *g.joint_departments) if d)
        ),
        by_audience=_index(guides, lambda g: g.audience),
        by_office=_index(guides, lambda g: (o.id for o in g.offices)),
    )


def _index(guides: Iterable[Guide], keys: Any) -> dict[str, tuple[Guide, ...]]:
    index: dict[str, list[Guide]] = {}
    for guide in guides:
        for key in dict.fromkeys(keys(guide)):
            index.setdefault(key, []).append(guide)
    return {key: tuple(items) for key, items in index.items()}


@dataclass(frozen=True, slots=True)
class _Lookups:
    departments: Mapping[str, Department]
    offices: Mapping[str, Office]
    topics: Mapping[str, Topic]
    life_events: Mapping[str, LifeEvent]
    e_licences: Mapping[str, ELicence]


def _pick(mapping: Mapping[str, Any], ids: Iterable[str] | None) -> tuple[Any, ...]:
    return tuple(mapping[i] for i in (ids or ()) if i in mapping)


def _department(d: Mapping[str, Any]) -> Department:
    name = Text.of(d["name"])
    return Department(
        d["id"], name, _text(d.get("short_name")) or name, d.get("website"), d.get("phone")
    )


def _office(o: Mapping[str, Any], departments: Mapping[str, Department]) -> Office:
    access = o.get("accessibility") or {}
    return Office(
        id=o["id"],
        name=Text.of(o["name"]),
        departments=_pick(departments, o.get("departments")),
        address=_text(o.get("address")),
        district=_text(o.get("district")),
        directions=_text(o.get("directions")),
        phone=o.get("phone"),
        hours=tuple(
            OpeningHours(tuple(h.get("days", ())), str(h["opens"]), str(h["closes"]))
            for h in o.get("hours", ())
        ),
        lunch_service=_extra(o.get("lunch_service")),
        weekend_service=_extra(o.get("weekend_service")),
        accessibility=Accessibility(
            step_free=bool(access.get("step_free")),
            priority_window=bool(access.get("priority_window")),
            hearing_loop=bool(access.get("hearing_loop")),
            sign_language=str(access.get("sign_language") or "none"),
            accessible_toilet=bool(access.get("accessible_toilet")),
            accessible_parking=bool(access.get("accessible_parking")),
            wheelchair_loan=bool(access.get("wheelchair_loan")),
            notes=_text(access.get("notes")),
        ),
    )


def _extra(data: Mapping[str, Any] | None) -> ExtraService:
    if not data:
        return ExtraService(False)
    return ExtraService(bool(data.get("available")), _text(data.get("note")))


def _duration(data: Mapping[str, Any] | None) -> Duration | None:
    if not data:
        return None
    return Duration(float(data["value"]), str(data.get("unit", "working_days")))


def _material(m: Mapping[str, Any], lk: _Lookups) -> Material:
    source = m.get("source") or {}
    return Material(
        name=Text.of(m["name"]),
        requirement=str(m.get("requirement", "required")),
        form=str(m.get("form", "either")),
        original_or_copy=str(m.get("original_or_copy", "original")),
        copies=int(m.get("copies", 1)),
        source_kind=source.get("kind"),
        issuer=lk.departments.get(source.get("issuer", "")),
        source_description=_text(source.get("description")),
        e_licence=lk.e_licences.get(m.get("e_licence") or ""),
        blank_form=m.get("blank_form"),
        sample=m.get("sample"),
        notes=_text(m.get("notes")),
    )


def _channel(c: Mapping[str, Any], lk: _Lookups) -> Channel:
    return Channel(
        type=str(c["type"]),
        name=_text(c.get("name")),
        url=c.get("url"),
        path=_text(c.get("path")),
        offices=_pick(lk.offices, c.get("offices")),
        note=_text(c.get("note")),
        address=_text(c.get("address")),
    )


def _fees(f: Mapping[str, Any] | None) -> Fees | None:
    if f is None:
        return None
    items = tuple(
        FeeItem(
            name=Text.of(i.get("name", "")),
            amount=float(i.get("amount", 0)),
            basis=_text(i.get("basis")),
            reducible=bool(i.get("reducible")),
            note=_text(i.get("note")),
        )
        for i in f.get("items", ())
    )
    return Fees(free=bool(f.get("free")), items=items)


def _guide(g: Mapping[str, Any], lk: _Lookups, review_due: dt.date | None) -> Guide:
    limit = g.get("time_limit")
    result = g.get("result")
    reviewed = _date(g.get("reviewed"))
    return Guide(
        id=g["id"],
        source=str(g.get("_source", "")),
        title=Text.of(g["title"]),
        summary=Text.of(g.get("summary", "")),
        task_code=g.get("task_code"),
        catalog_code=g.get("catalog_code"),
        aliases=tuple(str(a) for a in g.get("aliases", ())),
        item_type=g.get("item_type"),
        audience=tuple(g.get("audience", ())),
        department=lk.departments.get(g.get("department", "")),
        joint_departments=_pick(lk.departments, g.get("joint_departments")),
        topics=_pick(lk.topics, g.get("topics")),
        life_events=_pick(lk.life_events, g.get("life_events")),
        cross_region=g.get("cross_region"),
        eligibility=_text(g.get("eligibility")),
        materials=tuple(_material(m, lk) for m in g.get("materials", ())),
        steps=tuple(
            Step(
                Text.of(s["title"]),
                _text(s.get("description")),
                s.get("actor"),
                _duration(s.get("duration")),
            )
            for s in g.get("steps", ())
        ),
        time_limit=TimeLimit(
            _duration(limit.get("statutory")),
            _duration(limit.get("promised")),
            bool(limit.get("instant")),
        )
        if limit
        else None,
        instant_approval=str(g.get("instant_approval", "none")),
        visits=g.get("visits"),
        visit_reason=_text(g.get("visit_reason")),
        online_depth=g.get("online_depth"),
        channels=tuple(_channel(c, lk) for c in g.get("channels", ())),
        fees=_fees(g.get("fees")),
        result=Result(
            Text.of(result["name"]),
            tuple(result.get("delivery", ())),
            lk.e_licences.get(result.get("e_licence") or ""),
            _text(result.get("validity")),
            _text(result.get("note")),
        )
        if result
        else None,
        legal_basis=tuple(
            LegalBasis(Text.of(b["law"]), _text(b.get("article")), b.get("url"))
            for b in g.get("legal_basis", ())
        ),
        faq=tuple(Question(Text.of(q["question"]), Text.of(q["answer"])) for q in g.get("faq", ())),
        contacts=tuple(
            Contact(
                purpose=str(c.get("purpose", "consultation")),
                name=Text.of(c.get("name", "")),
                phone=c.get("phone"),
                url=c.get("url"),
                address=_text(c.get("address")),
                hours=_text(c.get("hours")),
            )
            for c in g.get("contacts", ())
        ),
        related_ids=tuple(g.get("related", ())),
        reviewed=reviewed,
        updated=_date(g.get("updated")),
        owner=g.get("owner"),
        review_overdue=bool(review_due and reviewed and reviewed < review_due),
    )
