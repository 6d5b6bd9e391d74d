"""Phone numbers against the reference data: the number a contact's name gives, the national
service hotlines and whose they are, the city's area code, and an office's
number written in a text next to its name."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.facts import Office, ReferenceFacts
from generator.validate.rules.accuracy.report import forms
from generator.validate.rules.checker import Checker, items

HOTLINES = {
    "12333": ("人力资源", "人社"),
    "12366": ("税务",),
    "12315": ("市场监督", "市场监管"),
    "12367": ("移民", "出入境", "公安"),
    "12328": ("交通运输",),
    "12320": ("卫生健康", "卫健"),
    "12329": ("住房公积金",),
    "12348": ("司法",),
    "12319": ("城市管理", "住房和城乡建设"),
    "12369": ("生态环境",),
}
"""National service hotlines and the words of the names of the bodies that answer them:
a hotline belongs to the department whose name (in departments.yaml) holds one of the words.
12345 is every department's (政务服务便民热线) and is not listed."""
_NAMED_NUMBER = re.compile(r"(?<!\d)(\d{5,})(?!\d)")
"""`12345 政务服务便民热线`: a number a contact's name gives."""
_AREA = re.compile(r"^0\d{2,3}(?=[-\s)）])|^\(?0\d{2,3}\)")
_TEXT_PHONE = re.compile(
    r"(?<![\d.])(?:\(?0\d{2,3}\)?[-\s]?)?\d{3,4}[-\s]?\d{4}(?![\d.])"
    r"|(?<![\d.])\(?0\d{2,3}\)?-1\d{4}(?![\d.])"
)
"""A phone number written in a text (0599-8704 3301, 87043301), or a hotline with its area
code (0599-12345, the number of the Citizen Centre)."""
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")


_NOT_DIGIT = re.compile(r"[^0-9]+")


def digits(phone: str) -> str:
    """The digits of a phone number: (0599) 8703 1100 and 0599-87031100 are one number."""
    if phone.isascii():  # nearly every number: one pass in C (isdigit is 0-9 in ASCII)
        return _NOT_DIGIT.sub("", phone)
    return "".join(c for c in phone if c.isdigit())  # full-width ０５９９ too


def _area_code(phone: str) -> str | None:
    match = _AREA.match(phone.strip())
    return None if match is None else digits(match.group(0))


_city_codes: tuple[object, str | None] = (None, None)


_MOST = 0.75
"""The share of the reference data's area codes one code must have to be the city's."""


def city_area_code(facts: ReferenceFacts) -> str | None:
    """The area code of (nearly) every office and department phone of the reference data:
    one edited phone with another code does not hide the city's."""
    global _city_codes
    if _city_codes[0] is not facts:
        phones = [o.phone for o in facts.offices.values()]
        phones += [d.phone for d in facts.department_facts.values()]
        codes = Counter(code for code in map(_area_code, phones) if code)
        top = codes.most_common(1)
        city = top[0][0] if top and top[0][1] >= _MOST * sum(codes.values()) else None
        if city is not None and not city.strip("0"):
            city = None  # 0000: the starter's placeholder (guides init), no city's code yet
        _city_codes = (facts, city)
    return _city_codes[1]


def check_reference_phones(
    check: Checker, records: Any, here: FieldPath, facts: ReferenceFacts
) -> None:
    """The phones of offices.yaml or departments.yaml against the city's area code."""
    for number, item in items(records):
        phone = item.get("phone")
        if isinstance(phone, str):
            _check_area(check, (*here, number, "phone"), phone, city_area_code(facts))


def _check_area(check: Checker, here: FieldPath, phone: str, code: str | None) -> None:
    area = _area_code(phone)
    if code and area and area != code:
        check.error(
            here,
            _("`{phone}` has the area code {area}; the city's numbers start {code}").format(
                phone=phone, area=area, code=code
            ),
            _("a call with another area code reaches another city: check the number"),
            code="accuracy.phone.area-code",
        )


_owners_of: tuple[object, dict[str, tuple[str, ...]]] = (None, {})


def _owners(number: str, facts: ReferenceFacts) -> tuple[str, ...]:
    """The departments a national hotline belongs to, by the words of their names (worked
    out once per hotline and set of facts: it reads nothing else)."""
    global _owners_of
    if _owners_of[0] is not facts:
        _owners_of = (facts, {})
    known = _owners_of[1]
    found = known.get(number)
    if found is None:
        words = HOTLINES.get(number, ())
        found = known[number] = tuple(
            d.id
            for d in facts.department_facts.values()
            if any(word in name for name in d.names for word in words)
        )
    return found


def check_guide_phones(check: Checker, data: dict[str, Any], facts: ReferenceFacts) -> None:
    """Each contact's phone against its name, the hotlines' owners and the city's area code."""
    lead = data.get("department")
    ours = {lead} if isinstance(lead, str) else set()
    joint = data.get("joint_departments")
    ours |= {d for d in joint if isinstance(d, str)} if isinstance(joint, list) else set()
    code = city_area_code(facts)
    for number, contact in items(data.get("contacts")):
        phone = contact.get("phone")
        if not isinstance(phone, str) or not phone.strip():
            continue
        here: FieldPath = ("contacts", number, "phone")
        said = digits(phone)
        names = " ".join(text for _lang, _path, text in forms(contact.get("name"), ()))
        named = _NAMED_NUMBER.findall(names)
        if named and not any(n in said for n in named):
            check.error(
                here,
                _("the contact is named after `{named}`, but its phone is `{phone}`").format(
                    named=named[0], phone=phone
                ),
                _("a citizen dials the number, not the name: make the two the same"),
                code="accuracy.phone.name-number",
            )
            continue
        owners = _owners(said[-5:], facts) if said[-5:] in HOTLINES else ()
        if owners and not set(owners) & ours and said[-5:] not in names:
            words = HOTLINES[said[-5:]]
            if not any(word in names for word in words):
                check.error(
                    here,
                    _("`{phone}` is the hotline of {owner}, not of this contact").format(
                        phone=phone, owner=_department_name(facts, owners[0])
                    ),
                    _(
                        "a citizen calling it reaches another department: give this "
                        "contact's own number, or name the hotline in the contact's name"
                    ),
                    code="accuracy.phone.other-hotline",
                )
                continue
        _check_area(check, here, phone, code)
        _other_exchange(check, here, phone, names, ours, facts)


_EXCHANGE_DIGITS = 4
"""The exchange of a local number: its first four digits after the area code (8705 of
0599-8705 5000), which the city gives each department's own lines."""
_SHORTEST_LOCAL = 7
"""A local number has seven or eight digits; fewer is a short number (12345)."""


@functools.lru_cache(maxsize=4096)
def exchange(phone: str) -> str | None:
    """The exchange of a number written with its area code (0599-8705 5000: 8705), or None
    for a hotline or a number without an area code."""
    area = _AREA.match(phone.strip())
    if area is None:
        return None
    local = digits(phone.strip()[area.end() :])
    return local[:_EXCHANGE_DIGITS] if len(local) >= _SHORTEST_LOCAL else None


def _other_exchange(
    check: Checker,
    here: FieldPath,
    phone: str,
    names: str,
    ours: set[str],
    facts: ReferenceFacts,
) -> None:
    """A contact's number on the exchange of another department's own number (0599-8705 …,
    the market regulation bureau's, as the science bureau's complaint line), where the
    contact's name does not name that department and no office has that number: a slip
    that sends the citizen's call to another bureau, or a line that should be confirmed."""
    said = exchange(phone)
    if said is None:
        return
    owners_of, office_numbers = _exchange_owners(facts)
    owners = owners_of.get(said, ())
    if not owners or set(owners) & ours:
        return
    if digits(phone) in office_numbers:
        return  # an office's own number (the enterprise centre's on the bureau's exchange)
    owner = facts.department_facts[owners[0]]
    if any(_core_name(name) in names for name in owner.names):
        return  # the contact is that department's (named as such)
    check.warning(
        here,
        _(
            "`{phone}` is on the exchange of {owner}'s numbers, not of this guide's department"
        ).format(phone=phone, owner=_department_name(facts, owners[0])),
        _(
            "a citizen calling it may reach another department: confirm the number, or name "
            "that department in the contact's name"
        ),
        code="accuracy.phone.other-department",
    )


def _core_name(name: str) -> str:
    """A department's name without the city's (市市场监管局 -> 市场监管局)."""
    for prefix in ("临江市", "市"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


_Exchanges = tuple[dict[str, tuple[str, ...]], frozenset[str]]
_exchanges_of: tuple[object, _Exchanges] = (None, ({}, frozenset()))


def _exchange_owners(facts: ReferenceFacts) -> _Exchanges:
    """Exchange -> the departments whose own phone is on it, and the offices' numbers as
    digits (worked out once per set of facts)."""
    global _exchanges_of
    if _exchanges_of[0] is not facts:
        found: dict[str, tuple[str, ...]] = {}
        for department in facts.department_facts.values():
            said = exchange(department.phone) if department.phone else None
            if said is not None:
                found[said] = (*found.get(said, ()), department.id)
        offices = frozenset(digits(o.phone) for o in facts.offices.values() if o.phone)
        _exchanges_of = (facts, (found, offices))
    return _exchanges_of[1]


def _department_name(facts: ReferenceFacts, department: str) -> str:
    found = facts.department_facts.get(department)
    return found.names[0] if found and found.names else department


def may_hold_phone(text: str) -> bool:
    """True of every text `check_phone_text` can report in: a run of seven digits or more."""
    return _FOUR_DIGITS.search(text) is not None and _TEXT_PHONE.search(text) is not None


_FOUR_DIGITS = re.compile(r"\d{4}")
"""Four digits in a row, which every match of `_TEXT_PHONE` holds: most texts have none,
and this scan (a digit to start from) is quicker than trying `_TEXT_PHONE` at each place."""


_AREA_NUMBER = re.compile(r"(?<![\d-])(0\d{2,3})-((?:\d[\s-]?){5,11}\d)(?![\d-])")
"""`0599-8704 330`: an area code, a dash and the local number, in a text."""
_LOCAL_DIGITS = frozenset({7, 8})
"""Digits after the area code of a Chinese landline, when the reference data shows none."""
_lengths_of: tuple[object, frozenset[int]] = (None, _LOCAL_DIGITS)


def local_lengths(facts: ReferenceFacts) -> frozenset[int]:
    """How many digits follow the area code in the reference data's landlines (8 in a city
    whose numbers are 0599-8704 3301), hotlines (0599-12345) left out."""
    global _lengths_of
    if _lengths_of[0] is not facts:
        phones = [o.phone for o in facts.offices.values()]
        phones += [d.phone for d in facts.department_facts.values()]
        found = set()
        for phone in phones:
            area = _area_code(phone)
            if area:
                local = digits(phone)[len(area) :]
                if not (len(local) == 5 and local.startswith("12")):
                    found.add(len(local))
        _lengths_of = (facts, frozenset(found) or _LOCAL_DIGITS)
    return _lengths_of[1]


def check_phone_text(check: Checker, path: FieldPath, text: str, facts: ReferenceFacts) -> None:
    """A phone number written in a text right after an office's name (社保大厅（电话 …）) must
    be that office's; one with an area code must have seven or eight digits after it (or be
    the city's hotline, 0599-12345)."""
    if path and path[-1] == "phone":
        return  # a contact's phone field: check_guide_phones reads it with the contact
    for match in _AREA_NUMBER.finditer(text) if "-" in text else ():
        local = digits(match.group(2))
        lengths = local_lengths(facts)
        if len(local) not in lengths and not (len(local) == 5 and local.startswith("12")):
            check.error_at(
                path,
                check.loaded.fragment_position(path, match.group(0)),
                _(
                    "`{phone}` has {count} digits after the area code; the city's numbers "
                    "have {lengths}"
                ).format(
                    phone=match.group(0),
                    count=len(local),
                    lengths=", ".join(map(str, sorted(lengths))),
                ),
                _("a digit is missing or doubled: copy the number from the office's records"),
                code="accuracy.phone.text-shape",
            )
    for match in _TEXT_PHONE.finditer(text):
        start = match.start()
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
        office = _last_named(text[clause_start:start], facts)
        if office is None or not office.phone:
            continue
        if digits(match.group(0)) not in digits(office.phone):
            check.error_at(
                path,
                check.loaded.fragment_position(path, match.group(0)),
                _("`{phone}` is not the phone of {office} ({number})").format(
                    phone=match.group(0), office=office.name, number=office.phone
                ),
                _("use the office's number, or correct it in guides/reference/offices.yaml"),
                code="accuracy.phone.office-in-text",
            )


def _last_named(before: str, facts: ReferenceFacts) -> Office | None:
    """The office whose name stands last in `before` (the clause up to a phone number)."""
    best: tuple[int, str] | None = None
    for name, office_id in facts.office_names.items():
        if name.endswith("号") or len(name) < 3:
            continue
        at = before.rfind(name)
        if at >= 0 and (best is None or at + len(name) > best[0]):
            best = (at + len(name), office_id)
    return None if best is None else facts.offices.get(best[1])
