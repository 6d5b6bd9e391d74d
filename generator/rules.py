"""Accuracy rules beyond the schema: references, limits, visits, channels, links, phones, dates.

Every rule reads the data defensively: it also runs on files that failed the schema,
so that an editor sees every problem of a file in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeGuard

from generator.loader import FieldPath, LoadedFile, format_path
from generator.problems import Problem, Severity

PHONE_SHAPES = (
    re.compile(r"0\d{2,3}-\d{3,4} ?\d{4}"),  # landline with area code: 0599-8701 2345
    re.compile(r"0\d{2,3}-123\d{2}"),  # a city's own government hotline: 0599-12345
    re.compile(r"1[3-9]\d ?\d{4} ?\d{4}"),  # mobile: 13812345678
    re.compile(r"123\d{2}"),  # national government hotlines: 12345, 12333, 12366
    re.compile(r"95\d{3,4}"),  # service hotlines: 95588
    re.compile(r"400-?\d{3}-?\d{4}"),  # 400-123-4567
)
PHONE_EXAMPLES = '"0599-8701 2345", "13812345678", "12345", "95588" or "400-123-4567"'

_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s()>]*(?:\([^\s)]*\))?)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_UNSAFE_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|http):")
_URL_KEYS = frozenset({"url", "website", "blank_form", "sample"})
_NO_VISIT_CHANNELS = frozenset({"online", "app", "post"})
_ONLINE_CHANNELS = frozenset({"online", "app"})
_DAY_UNITS = frozenset({"working_days", "calendar_days"})
_MINUTES = {"minutes": 1, "hours": 60}


@dataclass(frozen=True)
class ReferenceIndex:
    """The ids guides may point to, taken from guides/reference/."""

    departments: frozenset[str]
    offices: frozenset[str]
    offices_with_hours: frozenset[str]
    topics: frozenset[str]
    life_events: frozenset[str]
    e_licences: frozenset[str]


def build_index(reference: dict[str, list[dict[str, Any]]]) -> ReferenceIndex:
    """Collect the ids of every reference list."""

    def ids(name: str) -> frozenset[str]:
        return frozenset(_ids(reference.get(name, [])))

    offices = _list(reference.get("offices"))
    with_hours = frozenset(
        item["id"]
        for item in offices
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item.get("hours")
    )
    return ReferenceIndex(
        ids("departments"),
        ids("offices"),
        with_hours,
        ids("topics"),
        ids("life_events"),
        ids("e_licences"),
    )


class _Checker:
    """Collects problems for one loaded file."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []

    def error(self, path: FieldPath, message: str, hint: str = "") -> None:
        self._add(Severity.ERROR, path, message, hint)

    def warning(self, path: FieldPath, message: str, hint: str = "") -> None:
        self._add(Severity.WARNING, path, message, hint)

    def _add(self, severity: Severity, path: FieldPath, message: str, hint: str) -> None:
        line, column = self.loaded.position(path)
        self.problems.append(
            Problem(self.loaded.display, line, column, severity, format_path(path), message, hint)
        )

    def reference(
        self, path: FieldPath, value: Any, known: frozenset[str], what: str, where: str
    ) -> None:
        if isinstance(value, str) and value not in known:
            close = _closest(value, known)
            hint = f"did you mean `{close}`? " if close else ""
            self.error(
                path,
                f"`{value}` is not a known {what}",
                hint + f"use an id from {where}, or add it there",
            )

    def references(
        self, path: FieldPath, values: Any, known: frozenset[str], what: str, where: str
    ) -> None:
        for index, value in enumerate(_list(values)):
            self.reference((*path, index), value, known, what, where)

    def phone(self, path: FieldPath, value: Any) -> None:
        if isinstance(value, str) and not any(shape.fullmatch(value) for shape in PHONE_SHAPES):
            self.error(
                path,
                f"`{value}` is not a recognised phone number",
                f"write it like {PHONE_EXAMPLES}",
            )

    def links(self, data: Any) -> None:
        if not isinstance(data, dict | list):
            return
        for path, text in _strings(data, ()):
            if path[-1] in _URL_KEYS:
                continue  # URL fields are checked by the schema
            targets = _LINK_TARGET.findall(text) + _AUTOLINK.findall(text)
            for target in targets:
                if target and not target.startswith("https://"):
                    self.error(
                        path,
                        f"the link `{target[:60]}` is not an https:// address",
                        "link only to https:// web addresses",
                    )
            rest = _AUTOLINK.sub("", _LINK_TARGET.sub("", text))
            unsafe = _UNSAFE_SCHEME.search(rest)
            if unsafe:
                self.error(
                    path,
                    f"the text contains a `{unsafe.group(0)}` address",
                    "link only to https:// web addresses",
                )


def check_guide(
    loaded: LoadedFile,
    index: ReferenceIndex,
    *,
    expected_id: str,
    today: date,
    review_max_age_days: int,
) -> list[Problem]:
    """Apply the accuracy rules of CONTENT-MODEL.md that one guide can answer on its own."""
    data = loaded.data
    check = _Checker(loaded)
    if not isinstance(data, dict):
        return []
    guide_id = data.get("id")
    if isinstance(guide_id, str) and guide_id != expected_id:
        check.error(
            ("id",),
            f"the id `{guide_id}` does not match the file name `{expected_id}.yaml`",
            "rename the file or change the id; the id becomes the page's URL",
        )
    check.reference(
        ("department",),
        data.get("department"),
        index.departments,
        "department",
        "guides/reference/departments.yaml",
    )
    check.references(
        ("joint_departments",),
        data.get("joint_departments"),
        index.departments,
        "department",
        "guides/reference/departments.yaml",
    )
    check.references(
        ("topics",), data.get("topics"), index.topics, "topic", "guides/reference/topics.yaml"
    )
    check.references(
        ("life_events",),
        data.get("life_events"),
        index.life_events,
        "life event",
        "guides/reference/life-events.yaml",
    )
    for number, material in _items(data.get("materials")):
        here: FieldPath = ("materials", number)
        check.reference(
            (*here, "e_licence"),
            material.get("e_licence"),
            index.e_licences,
            "electronic licence",
            "guides/reference/e-licences.yaml",
        )
        source = material.get("source")
        if isinstance(source, dict):
            check.reference(
                (*here, "source", "issuer"),
                source.get("issuer"),
                index.departments,
                "department",
                "guides/reference/departments.yaml",
            )
            if source.get("kind") == "government" and "issuer" not in source:
                check.error(
                    (*here, "source"),
                    "a document issued by a government body must say which one",
                    "add `issuer:` with a department id",
                )
    result = data.get("result")
    if isinstance(result, dict):
        check.reference(
            ("result", "e_licence"),
            result.get("e_licence"),
            index.e_licences,
            "electronic licence",
            "guides/reference/e-licences.yaml",
        )
    _check_time_limit(check, data.get("time_limit"))
    _check_channels(check, data, index)
    _check_fees(check, data.get("fees"))
    for number, contact in _items(data.get("contacts")):
        check.phone(("contacts", number, "phone"), contact.get("phone"))
        if not any(key in contact for key in ("phone", "address", "url")):
            check.error(
                ("contacts", number),
                "a contact needs a way to reach it",
                "add `phone:`, `address:` or `url:`",
            )
    _check_dates(check, data, today, review_max_age_days)
    check.links(data)
    return check.problems


def _check_time_limit(check: _Checker, limit: Any) -> None:
    if not isinstance(limit, dict):
        return
    statutory: Any = limit.get("statutory")
    promised: Any = limit.get("promised")
    if not (_is_duration(statutory) and _is_duration(promised)):
        return
    s_value, s_unit = statutory["value"], statutory["unit"]
    p_value, p_unit = promised["value"], promised["unit"]
    path: FieldPath = ("time_limit", "promised")
    if s_unit == p_unit or (s_unit in _MINUTES and p_unit in _MINUTES):
        s_amount = s_value * _MINUTES.get(s_unit, 1)
        p_amount = p_value * _MINUTES.get(p_unit, 1)
        if p_amount > s_amount:
            check.error(
                path,
                f"the promised time ({p_value} {_unit(p_unit)}) is longer than "
                f"the statutory time ({s_value} {_unit(s_unit)})",
                "the promised time limit can only be the same or shorter",
            )
    elif p_unit in _MINUTES and s_unit in _DAY_UNITS:
        if p_value * _MINUTES[p_unit] > 24 * 60 and s_value < 1:
            check.error(
                path,
                "the promised time is longer than the statutory time",
                "the promised time limit can only be the same or shorter",
            )
    elif not (p_unit in _MINUTES and s_unit in _DAY_UNITS):
        check.warning(
            path,
            f"the promised time is in {_unit(p_unit)} and the statutory time "
            f"in {_unit(s_unit)}, so they cannot be compared",
            "give both in the same unit",
        )


def _check_channels(check: _Checker, data: dict[str, Any], index: ReferenceIndex) -> None:
    channels = list(_items(data.get("channels")))
    types = {channel["type"] for _, channel in channels if isinstance(channel.get("type"), str)}
    for number, channel in channels:
        offices = channel.get("offices")
        check.references(
            ("channels", number, "offices"),
            offices,
            index.offices,
            "office",
            "guides/reference/offices.yaml",
        )
        if channel.get("type") == "in_person" and isinstance(offices, list):
            known = [o for o in offices if isinstance(o, str) and o in index.offices]
            if known and not any(office in index.offices_with_hours for office in known):
                check.error(
                    ("channels", number, "offices"),
                    "none of these offices has opening hours",
                    "add `hours:` to the office in "
                    "guides/reference/offices.yaml, or name another office",
                )
    visits = data.get("visits")
    if isinstance(visits, int) and not isinstance(visits, bool):
        if visits == 0 and channels and not types & _NO_VISIT_CHANNELS:
            check.error(
                ("visits",),
                "visits is 0, but every channel needs a visit",
                "add an online, app or post channel, or set the number of visits",
            )
        if visits > 0 and not data.get("visit_reason"):
            check.error(
                ("visits",),
                f"visits is {visits}, but no reason is given",
                "add `visit_reason:` saying why the applicant must come in person",
            )
    instant = data.get("instant_approval")
    if isinstance(instant, str) and instant != "none" and channels and not types & _ONLINE_CHANNELS:
        check.error(
            ("instant_approval",),
            f"`{instant}` needs an online or app channel",
            "add a channel of type online or app, or set instant_approval: none",
        )


def _check_fees(check: _Checker, fees: Any) -> None:
    if isinstance(fees, dict) and fees.get("free") is True and fees.get("items"):
        check.error(
            ("fees", "items"),
            "fee items are listed, but `free` is true",
            "remove the items, or set free: false",
        )


def _check_dates(check: _Checker, data: dict[str, Any], today: date, max_age: int) -> None:
    found: dict[str, date] = {}
    for key in ("updated", "reviewed"):
        value = data.get(key)
        if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            continue
        try:
            when = date.fromisoformat(value)
        except ValueError:
            check.error((key,), f"`{value}` is not a real date", "check the month and the day")
            continue
        if when > today:
            check.error((key,), f"`{value}` is in the future", "use the date it really happened")
            continue
        found[key] = when
    reviewed, updated = found.get("reviewed"), found.get("updated")
    if reviewed and reviewed < today - timedelta(days=max_age):
        check.warning(
            ("reviewed",),
            f"the guide was last reviewed on {reviewed.isoformat()}, more than {max_age} days ago",
            "check it against the current rules, then set `reviewed:` to today's date",
        )
    if reviewed and updated and updated > reviewed:
        check.warning(
            ("updated",),
            f"the content changed on {updated.isoformat()}, after it "
            f"was last reviewed on {reviewed.isoformat()}",
            "review the change, then set `reviewed:`",
        )


def check_reference(kind: str, loaded: LoadedFile, index: ReferenceIndex) -> list[Problem]:
    """Apply the rules for one reference file: unique ids, known departments, sane hours."""
    check = _Checker(loaded)
    data = loaded.data
    if not isinstance(data, dict):
        return []
    key = kind.replace("-", "_")
    seen: dict[str, int] = {}
    for number, item in _items(data.get(key)):
        here: FieldPath = (key, number)
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id in seen:
                check.error(
                    (*here, "id"),
                    f"the id `{item_id}` is used twice (first in "
                    f"{format_path((key, seen[item_id]))})",
                    "give each entry its own id",
                )
            seen.setdefault(item_id, number)
        check.phone((*here, "phone"), item.get("phone"))
        if kind == "offices":
            check.references(
                (*here, "departments"),
                item.get("departments"),
                index.departments,
                "department",
                "guides/reference/departments.yaml",
            )
            _check_hours(check, here, item.get("hours"))
        if kind == "e-licences":
            check.reference(
                (*here, "issuer"),
                item.get("issuer"),
                index.departments,
                "department",
                "guides/reference/departments.yaml",
            )
    check.links(data)
    return check.problems


def _check_hours(check: _Checker, office: FieldPath, hours: Any) -> None:
    for number, entry in _items(hours):
        here = (*office, "hours", number)
        opens, closes = entry.get("opens"), entry.get("closes")
        if _is_time(opens) and _is_time(closes) and opens >= closes:
            check.error(
                (*here, "closes"),
                f"closes at {closes}, not after it opens at {opens}",
                "check the times; use 24-hour HH:MM",
            )
        for b_number, pause in _items(entry.get("breaks")):
            starts, ends = pause.get("starts"), pause.get("ends")
            if not (_is_time(starts) and _is_time(ends)):
                continue
            if (
                starts >= ends
                or (_is_time(opens) and starts < opens)
                or (_is_time(closes) and ends > closes)
            ):
                check.error(
                    (*here, "breaks", b_number),
                    f"the break {starts}–{ends} is not inside the opening hours {opens}–{closes}",
                    "a break starts after opening and ends before closing",
                )


@dataclass(frozen=True)
class GuideKey:
    """What the rules across files need to know of one guide."""

    display: str
    path: Path
    guide_id: str | None
    title: str | None
    related: tuple[str, ...]

    def position(self, field: FieldPath) -> tuple[int, int]:
        """Locate a field by reading the file again; only needed when there is a problem."""
        from generator.loader import load_file

        return load_file(self.path, self.display).position(field)


def guide_key(loaded: LoadedFile) -> GuideKey:
    """Extract the id, title and related ids of a loaded guide."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    guide_id = data.get("id") if isinstance(data.get("id"), str) else None
    related = [item if isinstance(item, str) else "" for item in _list(data.get("related"))]
    return GuideKey(loaded.display, loaded.path, guide_id, _zh(data.get("title")), tuple(related))


def check_across(keys: list[GuideKey], other_ids: frozenset[str] = frozenset()) -> list[Problem]:
    """Apply the rules that need every guide: unique ids and titles, related guides exist.

    `other_ids` are the ids of guides in the tree that were not checked in this run
    (taken from their file names, which the id must match).
    """
    problems: list[Problem] = []
    first_id: dict[str, GuideKey] = {}
    by_title: dict[str, list[GuideKey]] = {}
    for key in keys:
        if key.guide_id is not None:
            if key.guide_id in first_id:
                other = first_id[key.guide_id]
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("id",)),
                        Severity.ERROR,
                        "id",
                        f"the id `{key.guide_id}` is also used by {other.display}",
                        "give every guide its own id",
                    )
                )
            first_id.setdefault(key.guide_id, key)
        if key.title:
            by_title.setdefault(key.title, []).append(key)
    for title, sharing in by_title.items():
        for key in sharing if len(sharing) > 1 else ():
            others = ", ".join(other.display for other in sharing if other is not key)
            problems.append(
                Problem(
                    key.display,
                    *key.position(("title",)),
                    Severity.ERROR,
                    "title",
                    f"the title `{title}` is also used by {others}",
                    "make the titles distinct, for example by naming who or "
                    "what the service is for",
                )
            )
    known = frozenset(first_id) | other_ids
    for key in keys:
        for number, related in enumerate(key.related):
            path = f"related[{number}]"
            if related and related == key.guide_id:
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("related", number)),
                        Severity.ERROR,
                        path,
                        "a guide cannot be related to itself",
                        "remove this entry",
                    )
                )
            elif related and related not in known:
                close = _closest(related, known)
                hint = f"did you mean `{close}`? " if close else ""
                problems.append(
                    Problem(
                        key.display,
                        *key.position(("related", number)),
                        Severity.ERROR,
                        path,
                        f"there is no guide with the id `{related}`",
                        hint + "use the id of a guide in guides/services/",
                    )
                )
    return problems


def _ids(items: Any) -> Iterator[str]:
    for _, item in _items(items):
        if isinstance(item.get("id"), str):
            yield item["id"]


def _items(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, item in enumerate(_list(value)):
        if isinstance(item, dict):
            yield number, item


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Yield the strings that could hold an address (they contain a colon), with their paths."""
    stack: list[tuple[FieldPath, Any]] = [(path, value)]
    while stack:
        here, item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in pairs:
            kind = child.__class__  # exact types: the loader makes only plain ones
            if kind is str:
                if ":" in child:
                    yield (*here, key), child
            elif kind is dict or kind is list:
                stack.append(((*here, key), child))


def _zh(text: Any) -> str | None:
    if isinstance(text, str):
        return text.strip()
    if isinstance(text, dict) and isinstance(text.get("zh-CN"), str):
        return str(text["zh-CN"]).strip()
    return None


def _is_duration(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("value"), int | float)
        and not isinstance(value.get("value"), bool)
        and isinstance(value.get("unit"), str)
    )


def _is_time(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value) is not None


def _unit(unit: str) -> str:
    return unit.replace("_", " ")


def _closest(value: str, known: frozenset[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None
