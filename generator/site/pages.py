"""Guides -> the pages of the site: one per guide, plus the browsing (listing) pages.

Pure planning: which virtual pages exist, their titles, templates, breadcrumbs and edit
paths, and the data each template renders from. The plugin turns the plan into MkDocs
files; nothing here touches MkDocs or the disk.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.common import clock
from generator.search import pinyin
from generator.site.labels import AUDIENCE_EN, label
from generator.model.types import Catalogue, Guide, Text
from generator.site.report_page import (
    ServiceCapability,
    count_share,
    service_capability,
    share,
)

HOME = "index.md"
#: Kinds of page that mkdocs.yml's nav may list; guide and item pages never are.
NAV_KINDS = frozenset({"home", "topics", "life_events", "departments", "offices", "a_z"})
AUDIENCES = ("individual", "enterprise")
#: How many guides the home page shows as most used when the site names none.
FEATURED_FALLBACK = 8


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it lives, what it shows and where it is edited."""

    src_uri: str
    kind: str
    title: str
    template: str
    key: str | None = None
    title_en: str | None = None
    edit_path: str | None = None
    parent: str | None = None
    """src_uri of the page above this one in the breadcrumbs (None for home)."""

    @property
    def in_nav(self) -> bool:
        """Say whether the page may appear in the site navigation (overviews only)."""
        return self.kind in NAV_KINDS


def guide_uri(guide_id: str) -> str:
    """Return the virtual source path of a guide page (served at services/<id>/)."""
    return f"services/{guide_id}.md"


def topic_uri(topic_id: str) -> str:
    """Return the virtual source path of a topic page."""
    return f"topics/{topic_id}.md"


def life_event_uri(event_id: str) -> str:
    """Return the virtual source path of a life-event page."""
    return f"life-events/{event_id}.md"


def department_uri(department_id: str) -> str:
    """Return the virtual source path of a department page."""
    return f"departments/{department_id}.md"


def office_uri(office_id: str) -> str:
    """Return the virtual source path of an office page."""
    return f"offices/{office_id}.md"


def audience_uri(audience: str) -> str:
    """Return the virtual source path of an audience page."""
    return f"audiences/{audience}.md"


A_Z = "a-z/index.md"
TOPICS = "topics/index.md"
LIFE_EVENTS = "life-events/index.md"
DEPARTMENTS = "departments/index.md"
OFFICES = "offices/index.md"
SERVICE_CAPABILITY = "service-capability/index.md"
"""The 服务能力 page: the service-capability figures (generator/report/), at /service-capability/."""


def plan_pages(
    catalogue: Catalogue, *, guide_edit_path: Callable[[Guide], str], reference_dir: str
) -> dict[str, PageSpec]:
    """Return every generated page of the site, keyed by its virtual source path."""
    ref = reference_dir.rstrip("/")
    specs = [
        PageSpec(HOME, "home", "首页", "home.html", title_en="Home"),
        PageSpec(
            TOPICS,
            "topics",
            "按主题",
            "listing.html",
            title_en="By topic",
            edit_path=f"{ref}/topics.yaml",
            parent=HOME,
        ),
        PageSpec(
            LIFE_EVENTS,
            "life_events",
            "按人生事件",
            "listing.html",
            title_en="By life event",
            edit_path=f"{ref}/life-events.yaml",
            parent=HOME,
        ),
        PageSpec(
            DEPARTMENTS,
            "departments",
            "按部门",
            "listing.html",
            title_en="By department",
            edit_path=f"{ref}/departments.yaml",
            parent=HOME,
        ),
        PageSpec(
            OFFICES,
            "offices",
            "办事大厅",
            "listing.html",
            title_en="Service centres",
            edit_path=f"{ref}/offices.yaml",
            parent=HOME,
        ),
        PageSpec(A_Z, "a_z", "A–Z 事项索引", "listing.html", title_en="A–Z index", parent=HOME),
        PageSpec(
            SERVICE_CAPABILITY,
            "service_capability",
            "服务能力",
            "service-capability.html",
            title_en="Service capability",
            parent=HOME,
        ),
    ]
    for audience in AUDIENCES:
        specs.append(
            PageSpec(
                audience_uri(audience),
                "audience",
                f"{label('audience', audience)}办事",
                "listing.html",
                key=audience,
                title_en=AUDIENCE_EN[audience],
                parent=HOME,
            )
        )
    for topic in catalogue.topics.values():
        specs.append(
            _named(topic_uri(topic.id), "topic", topic.id, topic.name, TOPICS, f"{ref}/topics.yaml")
        )
    for event in catalogue.life_events.values():
        specs.append(
            _named(
                life_event_uri(event.id),
                "life_event",
                event.id,
                event.name,
                LIFE_EVENTS,
                f"{ref}/life-events.yaml",
            )
        )
    for dept in sorted(catalogue.departments.values(), key=lambda d: d.id):
        specs.append(
            _named(
                department_uri(dept.id),
                "department",
                dept.id,
                dept.name,
                DEPARTMENTS,
                f"{ref}/departments.yaml",
            )
        )
    for office in sorted(catalogue.offices.values(), key=lambda o: o.id):
        specs.append(
            _named(
                office_uri(office.id),
                "office",
                office.id,
                office.name,
                OFFICES,
                f"{ref}/offices.yaml",
                template="office.html",
            )
        )
    for guide in catalogue.guides:
        parent = topic_uri(guide.topics[0].id) if guide.topics else A_Z
        specs.append(
            _named(
                guide_uri(guide.id),
                "guide",
                guide.id,
                guide.title,
                parent,
                guide_edit_path(guide),
                template="guide.html",
            )
        )
    return {spec.src_uri: spec for spec in specs}


def _named(
    src_uri: str,
    kind: str,
    key: str,
    name: Text,
    parent: str,
    edit_path: str,
    template: str = "listing.html",
) -> PageSpec:
    return PageSpec(
        src_uri,
        kind,
        name.default,
        template,
        key=key,
        title_en=name.en,
        edit_path=edit_path,
        parent=parent,
    )


def breadcrumbs(spec: PageSpec, specs: Mapping[str, PageSpec]) -> list[PageSpec]:
    """Return the pages from home down to this one (this one last)."""
    trail = [spec]
    while trail[-1].parent is not None and trail[-1].parent in specs:
        trail.append(specs[trail[-1].parent])
    return trail[::-1]


@dataclass(frozen=True)
class Letter:
    """One letter of the A–Z index and the entries filed under it."""

    letter: str
    entries: tuple[tuple[str, Guide], ...]
    """(title shown, guide) pairs in pinyin or alphabetical order."""


def a_to_z(guides: Sequence[Guide]) -> tuple[Letter, ...]:
    """Group guides by the first pinyin letter of their Chinese title, in pinyin order."""
    entries = sorted(
        ((pinyin.sort_key(g.title.default), g) for g in guides),
        key=lambda pair: (pair[0], pair[1].id),
    )
    return _group([(g.title.default, g) for _, g in entries], pinyin.initial)


def a_to_z_english(guides: Sequence[Guide]) -> tuple[Letter, ...]:
    """Group the guides that have an English title alphabetically."""
    entries = sorted(
        ((g.title.en, g) for g in guides if g.title.en),
        key=lambda pair: (str(pair[0]).casefold(), pair[1].id),
    )
    return _group([(str(t), g) for t, g in entries], pinyin.initial)


def a_to_z_names(guides: Sequence[Guide]) -> tuple[Letter, ...]:
    """Every name a guide is known by (title, aliases, English title), in pinyin order.

    The search page lists these for visitors without JavaScript: a static page cannot
    read the query it was sent, but the browser's find-in-page can search this list.
    """
    entries: list[tuple[tuple[tuple[str, ...], str], str, Guide]] = []
    for guide in guides:
        names = dict.fromkeys([guide.title.default, *guide.aliases])
        if guide.title.en:
            names.setdefault(str(guide.title.en))
        entries.extend((pinyin.sort_key(name), name, guide) for name in names)
    entries.sort(key=lambda entry: (entry[0], entry[2].id))
    return _group([(name, guide) for _, name, guide in entries], pinyin.initial)


def _group(entries: list[tuple[str, Guide]], letter_of: Callable[[str], str]) -> tuple[Letter, ...]:
    groups: dict[str, list[tuple[str, Guide]]] = {}
    for title, guide in entries:
        groups.setdefault(letter_of(title), []).append((title, guide))
    order = sorted(groups, key=lambda letter: (letter == pinyin.OTHER, letter))
    return tuple(Letter(letter, tuple(groups[letter])) for letter in order)


class SitePages:
    """The plan of generated pages and the data each of their templates receives."""

    def __init__(
        self,
        catalogue: Catalogue,
        specs: dict[str, PageSpec],
        featured: Sequence[str] = (),
        *,
        warned: frozenset[str] = frozenset(),
        date: dt.date | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.specs = specs
        self.featured_ids = tuple(featured)
        self.warned = warned
        """The `source` of every guide validation warned about (the 服务能力 page counts them)."""
        self.date = date or clock.today()

    def context(self, spec: PageSpec) -> dict[str, Any]:
        """Return the template variables for a generated page."""
        cat = self.catalogue
        ctx: dict[str, Any] = {"sg_page": spec, "sg_crumbs": breadcrumbs(spec, self.specs)}
        key = spec.key or ""
        if spec.kind == "guide":
            guide = cat.by_id[key]
            ctx.update(guide=guide, related=cat.related(guide))
        elif spec.kind == "home":
            ctx.update(featured=self.featured(), catalogue=cat)
        elif spec.kind in ("topics", "life_events", "departments", "offices"):
            ctx.update(catalogue=cat)
        elif spec.kind == "a_z":
            ctx.update(letters=self.letters(), letters_en=self.letters_en())
        elif spec.kind == "topic":
            ctx.update(item=cat.topics[key], guides=cat.by_topic.get(key, ()))
        elif spec.kind == "life_event":
            ctx.update(item=cat.life_events[key], guides=cat.by_life_event.get(key, ()))
        elif spec.kind == "department":
            ctx.update(item=cat.departments[key], guides=cat.by_department.get(key, ()))
        elif spec.kind == "audience":
            ctx.update(guides=cat.by_audience.get(key, ()))
        elif spec.kind == "office":
            ctx.update(office=cat.offices[key], guides=cat.by_office.get(key, ()))
        elif spec.kind == "service_capability":
            page = self.service_capability
            ctx.update(
                report=page.report, charts=page.charts, share=share, count_share=count_share
            )
        return ctx

    @functools.cached_property
    def service_capability(self) -> ServiceCapability:
        """Return the figures and charts of the 服务能力 page, computed once per build."""
        return service_capability(self.catalogue, warned=self.warned, date=self.date)

    def featured(self) -> tuple[Guide, ...]:
        """Return the most-used services: the site's `featured` list, else the first few."""
        chosen = tuple(g for g in map(self.catalogue.guide, self.featured_ids) if g)
        return chosen or self.catalogue.guides[:FEATURED_FALLBACK]

    @functools.cached_property
    def _letters(self) -> tuple[tuple[Letter, ...], tuple[Letter, ...]]:
        guides = self.catalogue.guides
        return a_to_z(guides), a_to_z_english(guides)

    @functools.cached_property
    def names(self) -> tuple[Letter, ...]:
        """Every guide's title, aliases and English title, A–Z (the search page's list)."""
        return a_to_z_names(self.catalogue.guides)

    def letters(self) -> tuple[Letter, ...]:
        """Return the A–Z index of the Chinese titles."""
        return self._letters[0]

    def letters_en(self) -> tuple[Letter, ...]:
        """Return the A–Z index of the English titles."""
        return self._letters[1]
