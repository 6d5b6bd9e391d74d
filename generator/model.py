"""The guide model: frozen dataclasses built from validated data; pure, no I/O, no MkDocs.

`build_catalogue(result)` turns the plain dicts that validation hands over into objects
whose references are already resolved, plus the indexes the browsing pages need (by
topic, life event, department, audience, office). Everything here is O(N) once per build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

DEFAULT_LANG = "zh-CN"


@dataclass(frozen=True)
class Text:
    """Text a citizen reads, in the default language and optionally others (`en`)."""

    values: tuple[tuple[str, str], ...]
    default: str = field(init=False, compare=False)
    """The text in the site's default language (or the first one given)."""
    en: str | None = field(init=False, compare=False)
    """The English text when given beside, and different from, the default language."""

    def __post_init__(self) -> None:
        # Worked out once: templates read these for every field of every page.
        given = dict(self.values)
        default = given.get(DEFAULT_LANG, self.values[0][1] if self.values else "")
        english = given.get("en")
        object.__setattr__(self, "default", default)
        object.__setattr__(self, "en", english if english != default else None)

    @classmethod
    def of(cls, data: object) -> Text:
        """Make a Text from a plain string or a `{lang: text}` mapping."""
        if isinstance(data, Text):
            return data
        if isinstance(data, Mapping):
            return cls(tuple((str(k), str(v)) for k, v in data.items() if v is not None))
        if data is None:
            return cls(())
        return cls(((DEFAULT_LANG, str(data)),))

    def get(self, lang: str) -> str | None:
        """Return the text in `lang`, or None when it is not given."""
        for key, value in self.values:
            if key == lang:
                return value
        return None

    def __str__(self) -> str:
        return self.default

    def __bool__(self) -> bool:
        return bool(self.default)


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


@dataclass(frozen=True)
class Department:
    """A department that carries out services (实施主体)."""

    id: str
    name: Text
    short_name: Text
    website: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Topic:
    """A subject citizens browse by (主题)."""

    id: str
    name: Text
    description: Text | None
    order: int


@dataclass(frozen=True)
class LifeEvent:
    """Something happening in someone's life that groups services (人生事件)."""

    id: str
    name: Text
    description: Text | None
    order: int


@dataclass(frozen=True)
class ELicence:
    """An entry of the electronic-licence catalogue (电子证照目录)."""

    id: str
    name: Text
    issuer: Department | None


@dataclass(frozen=True)
class OpeningHours:
    """The hours an office is open on some weekdays."""

    days: tuple[str, ...]
    opens: str
    closes: str


@dataclass(frozen=True)
class ExtraService:
    """Lunch-time or weekend service of an office, with a note saying what is offered."""

    available: bool
    note: Text | None = None


@dataclass(frozen=True)
class Accessibility:
    """What an office offers older and disabled visitors."""

    step_free: bool = False
    priority_window: bool = False
    hearing_loop: bool = False
    sign_language: str = "no"
    accessible_toilet: bool = False
    accessible_parking: bool = False
    wheelchair_loan: bool = False
    notes: Text | None = None


@dataclass(frozen=True)
class Office:
    """A service hall or window where people apply in person."""

    id: str
    name: Text
    departments: tuple[Department, ...]
    address: Text | None
    district: Text | None
    directions: Text | None
    phone: str | None
    hours: tuple[OpeningHours, ...]
    lunch_service: ExtraService
    weekend_service: ExtraService
    accessibility: Accessibility


@dataclass(frozen=True)
class Duration:
    """A number of working or calendar days."""

    value: float
    unit: str

    @property
    def value_text(self) -> str:
        """Return the number without a pointless `.0`."""
        return str(int(self.value)) if self.value == int(self.value) else f"{self.value:g}"


@dataclass(frozen=True)
class TimeLimit:
    """Statutory and promised time limits (法定 / 承诺办结时限)."""

    statutory: Duration | None
    promised: Duration | None
    instant: bool = False


@dataclass(frozen=True)
class Material:
    """One document an applicant hands in (申请材料)."""

    name: Text
    requirement: str
    form: str
    original_or_copy: str
    copies: int
    source_kind: str | None
    issuer: Department | None
    source_description: Text | None
    e_licence: ELicence | None
    blank_form: str | None
    sample: str | None
    notes: Text | None


@dataclass(frozen=True)
class Step:
    """One step of the procedure (办理流程)."""

    title: Text
    description: Text | None
    actor: str | None
    duration: Duration | None


@dataclass(frozen=True)
class Channel:
    """One way to apply: online, app, in person, kiosk or post."""

    type: str
    name: Text | None
    url: str | None
    path: Text | None
    offices: tuple[Office, ...]
    note: Text | None
    address: Text | None = None


@dataclass(frozen=True)
class FeeItem:
    """One fee with its amount and legal basis."""

    name: Text
    amount: float
    basis: Text | None
    reducible: bool
    note: Text | None = None

    @property
    def amount_text(self) -> str:
        """Return the amount in yuan without a pointless `.0`."""
        return f"{self.amount:g}" if self.amount != int(self.amount) else str(int(self.amount))


@dataclass(frozen=True)
class Fees:
    """What the service costs; free or a list of items."""

    free: bool
    items: tuple[FeeItem, ...] = ()


@dataclass(frozen=True)
class Result:
    """What the applicant receives (审批结果)."""

    name: Text
    delivery: tuple[str, ...]
    e_licence: ELicence | None
    validity: Text | None = None
    note: Text | None = None


@dataclass(frozen=True)
class LegalBasis:
    """A law and article the service rests on (设定依据)."""

    law: Text
    article: Text | None
    url: str | None = None


@dataclass(frozen=True)
class Question:
    """A frequently asked question and its answer."""

    question: Text
    answer: Text


@dataclass(frozen=True)
class Contact:
    """A consultation or complaint channel."""

    purpose: str
    name: Text
    phone: str | None
    url: str | None
    address: Text | None
    hours: Text | None


@dataclass(frozen=True)
class Guide:
    """One service guide (办事指南), with every reference resolved."""

    id: str
    source: str
    title: Text
    summary: Text
    task_code: str | None
    catalog_code: str | None
    aliases: tuple[str, ...]
    item_type: str | None
    audience: tuple[str, ...]
    department: Department | None
    joint_departments: tuple[Department, ...]
    topics: tuple[Topic, ...]
    life_events: tuple[LifeEvent, ...]
    cross_region: str | None
    eligibility: Text | None
    materials: tuple[Material, ...]
    steps: tuple[Step, ...]
    time_limit: TimeLimit | None
    instant_approval: str
    visits: int | None
    visit_reason: Text | None
    online_depth: str | None
    channels: tuple[Channel, ...]
    fees: Fees | None
    result: Result | None
    legal_basis: tuple[LegalBasis, ...]
    faq: tuple[Question, ...]
    contacts: tuple[Contact, ...]
    related_ids: tuple[str, ...]
    reviewed: dt.date | None
    updated: dt.date | None
    owner: str | None

    @property
    def offices(self) -> tuple[Office, ...]:
        """Return the offices of all in-person channels, each once, in order."""
        seen: dict[str, Office] = {}
        for channel in self.channels:
            for office in channel.offices:
                seen.setdefault(office.id, office)
        return tuple(seen.values())


class _ValidationResult(Protocol):
    @property
    def guides(self) -> Sequence[Mapping[str, Any]]: ...

    @property
    def reference(self) -> Mapping[str, Sequence[Mapping[str, Any]]]: ...


@dataclass(frozen=True, eq=False)
class Catalogue:
    """All guides and reference data of a site, with the lookups browsing pages need."""

    guides: tuple[Guide, ...]
    departments: Mapping[str, Department]
    offices: Mapping[str, Office]
    topics: Mapping[str, Topic]
    life_events: Mapping[str, LifeEvent]
    e_licences: Mapping[str, ELicence]
    by_id: Mapping[str, Guide] = field(default_factory=dict)
    by_topic: Mapping[str, tuple[Guide, ...]] = field(default_factory=dict)
    by_life_event: Mapping[str, tuple[Guide, ...]] = field(default_factory=dict)
    by_department: Mapping[str, tuple[Guide, ...]] = field(default_factory=dict)
    by_audience: Mapping[str, tuple[Guide, ...]] = field(default_factory=dict)
    by_office: Mapping[str, tuple[Guide, ...]] = field(default_factory=dict)

    def guide(self, guide_id: str) -> Guide | None:
        """Return the guide with this id, or None."""
        return self.by_id.get(guide_id)

    def related(self, guide: Guide) -> tuple[Guide, ...]:
        """Return the related guides that exist on the site."""
        return tuple(g for g in (self.by_id.get(i) for i in guide.related_ids) if g is not None)


def build_catalogue(result: _ValidationResult) -> Catalogue:
    """Build the catalogue from a successful validation result."""
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
            e["id"], Text.of(e["name"]), _text(e.get("description")), e.get("order", 0)
        )
        for e in sorted(ref.get("life_events", ()), key=lambda e: (e.get("order", 0), e["id"]))
    }
    lookups = _Lookups(departments, offices, topics, life_events, e_licences)
    guides = tuple(sorted((_guide(g, lookups) for g in result.guides), key=lambda g: g.id))
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


@dataclass(frozen=True)
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
            sign_language=str(access.get("sign_language") or "no"),
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


def _guide(g: Mapping[str, Any], lk: _Lookups) -> Guide:
    limit = g.get("time_limit")
    result = g.get("result")
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
        reviewed=_date(g.get("reviewed")),
        updated=_date(g.get("updated")),
        owner=g.get("owner"),
    )
