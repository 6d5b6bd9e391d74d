"""What the accuracy rules need of the reference data, with the lines to name in a message.

Built once per run in the parent process from the loaded reference files, and handed to
the worker processes with the reference index (it pickles: plain data only). Positions are
located here, once, so that a guide's problem can name the office or catalogue line that
it contradicts, and a problem caused by a reference edit can be put in that file too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.source.loader import FieldPath, LoadedFile, Position
from generator.validate.rules.accuracy.script import simplified
from generator.validate.rules.checker import as_list, is_time, items

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAY_FROM, ALL_DAY_TO = "10:00", "16:00"
"""全天: open by this time in the morning and still at this time in the afternoon."""
PART_BOUNDS = {"morning": ("<", "11:30"), "afternoon": (">", "14:30"), "evening": (">", "18:30")}
"""上午: some period opens before 11:30; 下午: one closes after 14:30; 晚上: after 18:30."""


def covers_part(spans: Iterable[tuple[str, str]], part: str) -> bool:
    """True when the opening periods reach into that part of the day (or there are none:
    a day without hours is the closed-day rules' to report)."""
    spans = tuple(spans)
    if not spans or part not in PART_BOUNDS:
        return True
    sign, bound = PART_BOUNDS[part]
    if sign == "<":
        return any(opens < bound for opens, _closes in spans)
    return any(closes > bound for _opens, closes in spans)


@dataclass(frozen=True)
class Place:
    """A field of a reference file: which file, which line."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Office:
    """One office as the rules see it."""

    id: str
    name: str
    departments: frozenset[str]
    periods: dict[str, tuple[tuple[str, str], ...]]
    """Weekday -> opening periods (opens, closes), breaks taken out."""
    entries: dict[str, tuple[tuple[str, str, Place, Place], ...]]
    """Weekday -> the hours entries as written: (opens, closes, where opens is, where closes is)."""
    phone: str
    address: str
    access: dict[str, Any]
    closed_on_holidays: bool
    places: dict[str, Place] = field(default_factory=dict)
    """`departments`, `hours`, `hours_end`, `hours.<day>`, `phone`, `address` -> where."""
    names: tuple[str, ...] = ()
    """What a guide's text may call it: the name, without the city (临江市), `short_names`."""
    weekend_only: tuple[str, ...] | None = None
    """The business its weekend note says is all it does at weekends (周六上午只办理社保、医保
    和居住证业务: 社保, 医保, 居住证); None when the note names no such limit."""
    weekdays_only: tuple[str, ...] = ()
    """The business its weekend note keeps to working days (户口迁移只在工作日办理)."""
    street: tuple[str, str, str] | None = None
    """The street and number of its address, read once (`street_of`)."""

    def open_on(self, day: str) -> bool:
        return bool(self.periods.get(day))

    def open_all_day(self, day: str) -> bool:
        """True when the office is open on `day` from the morning (10:00) to 16:00, or not
        open that day at all (the closed-day rules say so)."""
        spans = self.periods.get(day)
        return not spans or (spans[0][0] <= ALL_DAY_FROM and spans[-1][1] >= ALL_DAY_TO)

    def open_in(self, day: str, part: str) -> bool:
        """True when the office is open on `day` in that part of the day (or shut all day)."""
        return covers_part(self.periods.get(day, ()), part)

    def fits(self, day: str | None, start: str, end: str) -> bool:
        """True when start–end lies inside one opening period (of `day`, or of any day)."""
        days = [day] if day else list(self.periods)
        return any(o <= start and end <= c for d in days for o, c in self.periods.get(d, ()))


@dataclass(frozen=True)
class Licence:
    """One entry of the electronic-licence catalogue."""

    id: str
    name: str
    issuer: str
    places: dict[str, Place] = field(default_factory=dict)
    english: str = ""
    """The English name (`Household register`): how an English text asks for it."""


@dataclass(frozen=True)
class Department:
    """One department as the phone and link rules see it."""

    id: str
    names: tuple[str, ...]
    """Its Chinese name and short name (临江市人力资源和社会保障局, 市人社局)."""
    phone: str
    host: str
    """The host of its `website` (rsj.linjiang.example), or ''."""


@dataclass(frozen=True)
class ReferenceFacts:
    """The offices, licences and government web domains the accuracy rules compare against."""

    offices: dict[str, Office] = field(default_factory=dict)
    licences: dict[str, Licence] = field(default_factory=dict)
    domains: frozenset[str] = frozenset()
    """Web domains the city's reference data declares as its own (subdomains included)."""
    departments: dict[str, Place] = field(default_factory=dict)
    """Department id -> where it is declared."""
    office_names: dict[str, str] = field(default_factory=dict)
    """Each name of an office (Office.names) -> its id; a name two offices share is left out."""
    foreign_names: dict[str, re.Pattern[str]] = field(default_factory=dict)
    """Department id -> finds the `office_names` of the offices that do not serve it (longest
    first); a department every named office serves has none."""
    department_facts: dict[str, Department] = field(default_factory=dict)
    """Department id -> its names, phone and website host (phones.py, links.py)."""
    stations: dict[str, frozenset[str]] = field(default_factory=dict)
    """Metro station named in the offices' directions (市民中心站) -> the lines that stop
    there as the directions say (2), offers.py."""
    exits: dict[str, frozenset[str]] = field(default_factory=dict)
    """Metro station named in the offices' directions -> the exits they send people out by
    (金融街站 -> E), offers.py."""


def zh(text: Any) -> str:
    """The default-language (zh-CN) form of a text, or ''."""
    if isinstance(text, str):
        return text
    if isinstance(text, dict) and isinstance(text.get("zh-CN"), str):
        return str(text["zh-CN"])
    return ""


def build_facts(files: Iterable[tuple[str, LoadedFile]]) -> ReferenceFacts:
    """Collect the facts of the loaded reference files (any that failed to load are skipped)."""
    offices: dict[str, Office] = {}
    licences: dict[str, Licence] = {}
    departments: dict[str, Place] = {}
    department_facts: dict[str, Department] = {}
    domains: set[str] = {"gov.cn"}  # only government bodies may register under gov.cn
    stations: dict[str, set[str]] = {}
    exits: dict[str, set[str]] = {}
    for kind, loaded in files:
        data = loaded.data if isinstance(loaded.data, dict) else {}
        if kind == "offices":
            for number, item in items(data.get("offices")):
                office = _office(loaded, number, item)
                if office is not None:
                    offices.setdefault(office.id, office)
                domains.update(_hosts(item.get("domains")))
                for lines, station in metro_stops(zh(item.get("directions"))):
                    stations.setdefault(station, set()).update(lines)
                directions = zh(item.get("directions"))
                stops = [station for _lines, station in metro_stops(directions)]
                for station, exit_ in station_exits(directions, stops):
                    exits.setdefault(station, set()).add(exit_)
        elif kind == "e-licences":
            for number, item in items(data.get("e_licences")):
                if isinstance(item.get("id"), str):
                    here: FieldPath = ("e_licences", number)
                    licences.setdefault(
                        item["id"],
                        Licence(
                            item["id"],
                            zh(item.get("name")),
                            _text(item.get("issuer")),
                            {
                                "id": _place(loaded, (*here, "id")),
                                "name": _place(loaded, (*here, "name")),
                                "issuer": _place(loaded, (*here, "issuer")),
                            },
                            english=_english(item.get("name")),
                        ),
                    )
        elif kind == "departments":
            domains.update(_hosts(data.get("domains")))
            for number, item in items(data.get("departments")):
                domains.update(_hosts(item.get("domains")))
                if isinstance(item.get("id"), str):
                    departments.setdefault(
                        item["id"], _place(loaded, ("departments", number, "id"))
                    )
                    department_facts.setdefault(item["id"], _department(item))
    named: dict[str, str] = {}
    shared: set[str] = set()
    for office in offices.values():
        for name in office.names:
            if named.setdefault(name, office.id) != office.id:
                shared.add(name)
    named = {name: office for name, office in named.items() if name not in shared}
    foreign = {}
    for department in departments:
        names = [n for n, o in named.items() if department not in offices[o].departments]
        if names:
            longest = sorted(names, key=len, reverse=True)
            foreign[department] = re.compile("|".join(re.escape(n) for n in longest))
    return ReferenceFacts(
        offices,
        licences,
        frozenset(domains),
        departments,
        named,
        foreign,
        department_facts,
        {station: frozenset(lines) for station, lines in stations.items()},
        {station: frozenset(found) for station, found in exits.items()},
    )


_METRO = re.compile(r"((?:\d+\s*[、,，和及]\s*)*\d+)\s*号线\s*([\u4e00-\u9fff]{2,8}?站)")


def metro_stops(text: str) -> list[tuple[set[str], str]]:
    """The metro stops a text names: (the lines, the station), from 地铁 1、2 号线金融街站."""
    if "号线" not in text:
        return []
    return [(set(re.findall(r"\d+", m.group(1))), m.group(2)) for m in _METRO.finditer(text)]


def station_exits(text: str, stations: Iterable[str]) -> list[tuple[str, str]]:
    """The exits a text names of the given stations: (the station, the exit), from 金融街站 E
    口出 (the stations are those the offices' directions name after a line, metro_stops)."""
    found = []
    for station in stations:
        at = text.find(station)
        while at >= 0:
            match = _EXIT.match(text, at + len(station))
            if match is not None:
                found.append((station, match.group(1)))
            at = text.find(station, at + 1)
    return found


_EXIT = re.compile(r"\s*([A-Z])\s*(?:出入口|出口|口)")


def _department(item: dict[str, Any]) -> Department:
    names = tuple(n for n in (zh(item.get("name")), zh(item.get("short_name"))) if n)
    website = _text(item.get("website"))
    host = website.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return Department(item["id"], names, _text(item.get("phone")), host)


_CITY = re.compile(r"^[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{5})")
"""临江市 before an office's name: guides leave the city out (社会保险服务大厅)."""


_CITY_OWN_NAME = re.compile(r"^[\u4e00-\u9fff]{2}(?=市[\u4e00-\u9fff]{3})")
"""临江 before 市民中心: an office named after the city's people (临江市民中心) is called by
the rest of its name (市民中心), which 临江市 + a name of five characters does not cover."""
_DISTRICT = re.compile(r"^[\u4e00-\u9fff]{1,3}?[区县](?=[\u4e00-\u9fff]{5})")
"""江滨区 before an office's name: guides leave the district out (滨江街道便民服务站)."""
_AREA = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}市)?(?:[\u4e00-\u9fff]{1,3}?[区县])?")
"""临江市江滨区 before the street of an address."""
_STREET = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:大道|路|街|巷))\s*(\d+)\s*号")
"""平安路 110 号 in an address: a guide that gives an office's street and number names it."""


def street_of(address: str) -> tuple[str, str, str] | None:
    """The street, the number and the two as written that an address gives (临江市江滨区平安路
    110 号: 平安路, 110, 平安路 110 号), the city and district before them left out; None when
    it gives none."""
    if "号" not in address:
        return None
    found = _STREET.search(_AREA.sub("", address))
    return None if found is None else (found.group(1), found.group(2), found.group(0))


_EN_WORDS_AT_LEAST = 3
"""`Vehicle Administration Office`: the English name's last words, three or more, name it too
(two, `Service Hall`, are every hall's)."""


def _english(value: Any) -> str:
    """The English of a name given in both languages, or ""."""
    english = value.get("en") if isinstance(value, dict) else None
    return english if isinstance(english, str) else ""


def _names(item: dict[str, Any], name: str) -> tuple[str, ...]:
    """What a guide may call an office: its Chinese name, without the city, its short names,
    its street and number (平安路 110 号, 平安路110号), its English name's last three or
    more words (`Vehicle Administration Office`) and, when the Chinese name starts with the
    city, the English one without it (`Citizen Centre`). A name two offices share is dropped
    later."""
    found = [name] if name else []
    city_dropped = bool(name and (_CITY.match(name) or _CITY_OWN_NAME.match(name)))
    if name and (city := _CITY.match(name)):
        found.append(name[city.end() :])
    elif name and (town := _CITY_OWN_NAME.match(name)):
        found.append(name[town.end() :])  # 临江市民中心 is called 市民中心
    if (rest := found[-1] if found else "") and (area := _DISTRICT.match(rest)):
        found.append(rest[area.end() :])  # 江滨区滨江街道便民服务站 is 滨江街道便民服务站
    found += [n for n in as_list(item.get("short_names")) if isinstance(n, str) and len(n) >= 2]
    street = street_of(zh(item.get("address")))
    if street is not None:
        found += [f"{street[0]} {street[1]} 号", f"{street[0]}{street[1]}号"]
    names = item.get("name")
    english = names.get("en") if isinstance(names, dict) else None
    if isinstance(english, str):
        words = english.split()
        found += [
            " ".join(words[start:])
            for start in range(len(words) - _EN_WORDS_AT_LEAST + 1)
            if words[start][:1].isupper()
        ]
        if city_dropped and len(words) >= _EN_WORDS_AT_LEAST:
            found.append(" ".join(words[1:]))  # Linjiang Citizen Centre is the Citizen Centre
    return tuple(dict.fromkeys(found))


def office_names(item: dict[str, Any]) -> tuple[str, ...]:
    """What a guide's text may call the office of an `offices.yaml` entry (`Office.names`):
    the preview traces the guides that name an office by these (site/checked.py)."""
    return _names(item, zh(item.get("name")))


def open_periods(item: dict[str, Any]) -> dict[str, tuple[tuple[str, str], ...]]:
    """An office's opening periods per weekday, breaks taken out (earliest first): the one
    reading of its `hours` that the rules of a guide (`Office.fits`) and of the office itself
    (its notes, `lunch_service`) share."""
    periods: dict[str, list[tuple[str, str]]] = {}
    for _n, entry in items(item.get("hours")):
        opens, closes = entry.get("opens"), entry.get("closes")
        if not (is_time(opens) and is_time(closes)):
            continue
        spans = [(opens, closes)]
        for _b, pause in items(entry.get("breaks")):
            starts, ends = pause.get("starts"), pause.get("ends")
            if is_time(starts) and is_time(ends):
                spans = [p for span in spans for p in _cut(span, starts, ends)]
        for day in as_list(entry.get("days")):
            if isinstance(day, str):
                periods.setdefault(day, []).extend(spans)
    return {day: tuple(sorted(spans)) for day, spans in periods.items()}


def _office(loaded: LoadedFile, number: int, item: dict[str, Any]) -> Office | None:
    office_id = item.get("id")
    if not isinstance(office_id, str):
        return None
    here: FieldPath = ("offices", number)
    entries: dict[str, list[tuple[str, str, Place, Place]]] = {}
    hours = list(items(item.get("hours")))
    places = {
        "id": _place(loaded, (*here, "id")),
        "departments": _place(loaded, (*here, "departments")),
        "hours": _place(loaded, (*here, "hours")),
        "phone": _place(loaded, (*here, "phone")),
        "address": _place(loaded, (*here, "address")),
        **{
            f"access.{key}": _place(loaded, (*here, "accessibility", key))
            for key in (
                item["accessibility"] if isinstance(item.get("accessibility"), dict) else {}
            )
            if isinstance(key, str)
        },
    }
    for h_number, entry in hours:
        opens, closes = entry.get("opens"), entry.get("closes")
        if not (is_time(opens) and is_time(closes)):
            continue
        h_here = (*here, "hours", h_number)
        written = (
            opens,
            closes,
            _place(loaded, (*h_here, "opens")),
            _place(loaded, (*h_here, "closes")),
        )
        for day in as_list(entry.get("days")):
            if isinstance(day, str):
                entries.setdefault(day, []).append(written)
                places.setdefault(
                    f"hours.{day}", _place(loaded, (*here, "hours", h_number, "days"))
                )
    if hours:
        last = hours[-1][0]
        places["hours_end"] = _place(loaded, (*here, "hours", last, "closes"))
    return Office(
        office_id,
        zh(item.get("name")),
        frozenset(d for d in as_list(item.get("departments")) if isinstance(d, str)),
        open_periods(item),
        {day: tuple(found) for day, found in entries.items()},
        _text(item.get("phone")),
        zh(item.get("address")),
        access if isinstance(access := item.get("accessibility"), dict) else {},
        _closed_on_holidays(item),
        places,
        _names(item, zh(item.get("name"))),
        *_weekend_business(item),
        street_of(zh(item.get("address"))),
    )


_ONLY_BUSINESS = re.compile(r"(?:只|仅)(?:办理|办|受理)([^；;。，,]+?)(?:等?业务|$|(?=[；;。，,]))")
_WEEKDAYS_ONLY = re.compile(
    r"^([\u4e00-\u9fff、和及与]{2,12}?)(?:只在|仅在|只限|仅限|只于|仅于)工作日"
)
_LIST_SPLIT = re.compile(r"[、，,和及与]")
_NOTE_CLAUSE = re.compile(r"[；;。，,]")


def _weekend_business(item: dict[str, Any]) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """What an office's weekend note limits its weekend service to, and what it keeps to
    working days: (`weekend_only`, `weekdays_only`) of Office."""
    weekend = item.get("weekend_service")
    note = simplified(zh(weekend.get("note"))) if isinstance(weekend, dict) else ""
    if "工作日" not in note and "只" not in note and "仅" not in note:
        return None, ()
    only: list[str] | None = None
    kept: list[str] = []
    for clause in _NOTE_CLAUSE.split(note):
        if found := _ONLY_BUSINESS.search(clause):
            only = (only or []) + [w for w in _LIST_SPLIT.split(found.group(1)) if len(w) >= 2]
        if found := _WEEKDAYS_ONLY.match(clause.strip()):
            kept += [w for w in _LIST_SPLIT.split(found.group(1)) if len(w) >= 2]
    return (tuple(only) if only else None), tuple(kept)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _closed_on_holidays(item: dict[str, Any]) -> bool:
    weekend = item.get("weekend_service")
    note = zh(weekend.get("note")) if isinstance(weekend, dict) else ""
    return "节假日" in note and any(word in note for word in ("不办公", "休息", "不办理"))


def _cut(span: tuple[str, str], starts: str, ends: str) -> list[tuple[str, str]]:
    opens, closes = span
    if ends <= opens or starts >= closes:
        return [span]
    return [p for p in ((opens, starts), (ends, closes)) if p[0] < p[1]]


def _place(loaded: LoadedFile, path: FieldPath) -> Place:
    line, column = loaded.position(path)
    return Place(loaded.display, line, column)


def _hosts(value: Any) -> set[str]:
    return {host.lower().strip(".") for host in as_list(value) if isinstance(host, str) and host}


def position_of(place: Place) -> Position:
    return place.line, place.column
