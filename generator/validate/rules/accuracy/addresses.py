"""Addresses written in texts against the offices of the reference data: the city and the
districts the offices are in, an office's street and number with another district or, next
to the office's name, another number, and postcodes of six digits."""

from __future__ import annotations

import re

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.facts import Office, ReferenceFacts
from generator.validate.rules.checker import Checker

_CITY_DISTRICT = re.compile(r"^([\u4e00-\u9fff]{2,3}市)([\u4e00-\u9fff]{1,3}?[区县])")
_WRITTEN_AREA = re.compile(r"([\u4e00-\u9fff]{2}市)([\u4e00-\u9fff]{2,3}?[区县])")
"""`临海市江滨区` in a text: a city and a district."""
_NOT_A_CITY = "本该全此我各"
"""本市, 该市, 全市 …: the city said without its name."""
_DISTRICT_BEFORE = re.compile(r"([\u4e00-\u9fff]{2}[区县])\s*$")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d+)")
_CLAUSE = re.compile(r"[。；;！!？?\n]")


class _Area:
    """The city and districts of the reference data's offices, and the offices by street."""

    def __init__(self, facts: ReferenceFacts) -> None:
        self.facts = facts
        cities: set[str] = set()
        self.districts: set[str] = set()
        self.district_of: dict[str, str] = {}
        for office in facts.offices.values():
            found = _CITY_DISTRICT.match(office.address)
            if found:
                cities.add(found.group(1))
                self.districts.add(found.group(2))
                self.district_of[office.id] = found.group(2)
        self.city = cities.pop() if len(cities) == 1 else None
        self.by_street: dict[str, list[Office]] = {}
        for office in facts.offices.values():
            if office.street is not None:
                self.by_street.setdefault(office.street[0], []).append(office)
        self.streets = (
            re.compile(
                "("
                + "|".join(map(re.escape, sorted(self.by_street, key=len, reverse=True)))
                + r")\s*(\d+)\s*号"
            )
            if self.by_street
            else None
        )
        """One expression for every office's street (人民路|金融街|…) and a number."""


_area: _Area | None = None


def _area_of(facts: ReferenceFacts) -> _Area:
    global _area
    if _area is None or _area.facts is not facts:
        _area = _Area(facts)
    return _area


def may_hold_address(text: str) -> bool:
    """True of every text `check_address_text` can report in: a street's number (号 and 路,
    街, 道 or 巷), a city and a district (市 and 区 or 县), or a postcode (邮)."""
    return (
        ("号" in text and ("路" in text or "街" in text or "道" in text or "巷" in text))
        or ("市" in text and ("区" in text or "县" in text))
        or "邮" in text
    )


def check_address_text(check: Checker, path: FieldPath, text: str, facts: ReferenceFacts) -> None:
    """The addresses of one text against the offices' city, districts and streets."""
    area = _area_of(facts)
    if area.city and "市" in text:
        for match in _WRITTEN_AREA.finditer(text):
            city, district = match.groups()
            if any(word in city for word in _NOT_A_CITY):
                continue  # 在本市江滨区: this city, said without its name
            if city != area.city and district in area.districts:
                _error(
                    check,
                    path,
                    match.group(0),
                    _("`{written}` names {city}, but {district} is a district of {ours}").format(
                        written=match.group(0), city=city, district=district, ours=area.city
                    ),
                    _("mail and people sent to another city are lost: write {ours}").format(
                        ours=area.city
                    ),
                    "accuracy.address.city",
                )
            elif city == area.city and district not in area.districts and area.districts:
                check.warning_at(
                    path,
                    check.loaded.fragment_position(path, match.group(0)),
                    _("`{district}` is none of the districts of the offices ({known})").format(
                        district=district, known="、".join(sorted(area.districts))
                    ),
                    _("confirm the district's name: a wrong district sends people astray"),
                    code="accuracy.address.unknown-district",
                )
    if "号" in text and area.streets is not None:
        _streets(check, path, text, area)
    if "邮" in text:
        for match in _POSTCODE.finditer(text):
            if len(match.group(1)) != 6:
                _error(
                    check,
                    path,
                    match.group(0),
                    _("the postcode `{code}` does not have six digits").format(code=match.group(1)),
                    _("a letter with a wrong postcode is delayed or lost: check it"),
                    "accuracy.address.postcode",
                )


def _streets(check: Checker, path: FieldPath, text: str, area: _Area) -> None:
    """An office's street and number: in its own district; next to its name, its number."""
    assert area.streets is not None
    for match in area.streets.finditer(text):
        street, number = match.group(1), match.group(2)
        for office in area.by_street[street]:
            _street(check, path, text, area, office, match, number)


def _street(
    check: Checker,
    path: FieldPath,
    text: str,
    area: _Area,
    office: Office,
    match: re.Match[str],
    number: str,
) -> None:
    own = office.street is not None and number == office.street[1]
    before = _DISTRICT_BEFORE.search(text, 0, match.start())
    district = area.district_of.get(office.id)
    if own and before and district and before.group(1) != district:
        _error(
            check, path, before.group(1) + text[before.end() : match.end()],
            _("{street} is {office}'s address, in {district}, not in {written}").format(
                street=match.group(0), office=office.name, district=district,
                written=before.group(1),
            ),
            _("write the district the office is in"),
            "accuracy.address.district",
        )  # fmt: skip
    elif not own and path[-1:] != ("address",) and _names_office(text, match, office):
        _error(
            check, path, match.group(0),
            _("the text names {office} at `{written}`; it is at {street}").format(
                office=office.name, written=match.group(0),
                street=office.street[2] if office.street else "",
            ),
            _("a citizen goes to the number written: give the office's own"),
            "accuracy.address.office-number",
        )  # fmt: skip


def _names_office(text: str, match: re.Match[str], office: Office) -> bool:
    """True when the clause of `match` calls the office by one of its names."""
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, match.start())]
    end = _CLAUSE.search(text, match.end())
    clause = text[starts[-1] if starts else 0 : end.start() if end else len(text)]
    return any(name in clause for name in office.names if not name.endswith("号"))


def _error(
    check: Checker, path: FieldPath, written: str, message: str, hint: str, code: str
) -> None:
    check.error_at(path, check.loaded.fragment_position(path, written), message, hint, code=code)
