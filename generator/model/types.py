"""The guide model: frozen dataclasses built from validated data; pure, no I/O, no MkDocs.

`build_catalogue(result)` (written in catalogue.py) turns the plain dicts that validation
hands over into these objects, references resolved, plus the indexes the browsing pages
need (by topic, life event, department, audience, office).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

DEFAULT_LANG = "zh-CN"


@dataclass(frozen=True, slots=True)
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
        if isinstance(data, str):
            # Most texts are one plain string: set the fields directly (no dict to build
            # in __post_init__); a catalogue makes tens of thousands of them.
            text = object.__new__(cls)
            object.__setattr__(text, "values", ((DEFAULT_LANG, data),))
            object.__setattr__(text, "default", data)
            object.__setattr__(text, "en", None)
            return text
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


@dataclass(frozen=True, slots=True)
class Department:
    """A department that carries out services (实施主体)."""

    id: str
    name: Text
    short_name: Text
    website: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject citizens browse by (主题)."""

    id: str
    name: Text
    description: Text | None
    order: int


@dataclass(frozen=True, slots=True)
class LifeEvent:
    """Something happening in someone's life that groups services (人生事件)."""

    id: str
    name: Text
    description: Text | None
    order: int
    aliases: tuple[str, ...] = ()
    """How people say it happens to them (生娃, 宝宝出生): for search only."""


@dataclass(frozen=True, slots=True)
class ELicence:
    """An entry of the electronic-licence catalogue (电子证照目录)."""

    id: str
    name: Text
    issuer: Department | None


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """The hours an office is open on some weekdays."""

    days: tuple[str, ...]
    opens: str
    closes: str


@dataclass(frozen=True, slots=True)
class ExtraService:
    """Lunch-time or weekend service of an office, with a note saying what is offered."""

    available: bool
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Accessibility:
    """What an office offers older and disabled visitors."""

    step_free: bool = False
    priority_window: bool = False
    hearing_loop: bool = False
    sign_language: str = "none"
    accessible_toilet: bool = False
    accessible_parking: bool = False
    wheelchair_loan: bool = False
    notes: Text | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Duration:
    """A number of working or calendar days."""

    value: float
    unit: str

    @property
    def value_text(self) -> str:
        """Return the number without a pointless `.0`."""
        return str(int(self.value)) if self.value == int(self.value) else f"{self.value:g}"


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """Statutory and promised time limits (法定 / 承诺办结时限)."""

    statutory: Duration | None
    promised: Duration | None
    instant: bool = False


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the procedure (办理流程)."""

    title: Text
    description: Text | None
    actor: str | None
    duration: Duration | None


@dataclass(frozen=True, slots=True)
class Channel:
    """One way to apply: online, app, in person, kiosk or post."""

    type: str
    name: Text | None
    url: str | None
    path: Text | None
    offices: tuple[Office, ...]
    note: Text | None
    address: Text | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Fees:
    """What the service costs; free or a list of items."""

    free: bool
    items: tuple[FeeItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """What the applicant receives (审批结果)."""

    name: Text
    delivery: tuple[str, ...]
    e_licence: ELicence | None
    validity: Text | None = None
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """A law and article the service rests on (设定依据)."""

    law: Text
    article: Text | None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """A frequently asked question and its answer."""

    question: Text
    answer: Text


@dataclass(frozen=True, slots=True)
class Contact:
    """A consultation or complaint channel."""

    purpose: str
    name: Text
    phone: str | None
    url: str | None
    address: Text | None
    hours: Text | None


@dataclass(frozen=True, slots=True)
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
    review_overdue: bool = False
    """Last reviewed longer ago than the site allows: the page tells the citizen."""

    @property
    def offices(self) -> tuple[Office, ...]:
        """Return the offices of all in-person channels, each once, in order."""
        seen: dict[str, Office] = {}
        for channel in self.channels:
            for office in channel.offices:
                seen.setdefault(office.id, office)
        return tuple(seen.values())


class ValidationResultLike(Protocol):
    """What the catalogue needs from validation: the guides and the reference lists."""

    @property
    def guides(self) -> Sequence[Mapping[str, Any]]: ...

    @property
    def reference(self) -> Mapping[str, Sequence[Mapping[str, Any]]]: ...


@dataclass(frozen=True, eq=False, slots=True)
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
