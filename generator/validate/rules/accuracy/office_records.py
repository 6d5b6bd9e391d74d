"""The offices file against itself: each office's district against its address, and what
two offices must not share.

- `district` (in each language) must be named in the `address` of the same language: the
  district is what a citizen filters by and what the page shows beside the address;
- two offices with one phone number: a citizen who calls to check the hours reaches the
  other office, unless both really answer on one switchboard (two halls of one centre),
  so this is a warning that asks to confirm;
- two offices with one name or short name: a guide's note that names it can mean either
  (the office rules then read neither), and a citizen goes to the wrong one.
"""

from __future__ import annotations

from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath
from generator.validate.rules.accuracy.report import line_of, naming_field
from generator.validate.rules.checker import Checker, as_list, items


def check_office_records(check: Checker, data: dict[str, Any]) -> None:
    """Compare each office's district with its address, and the offices with each other."""
    phones: dict[str, FieldPath] = {}
    names: dict[str, FieldPath] = {}
    for number, office in items(data.get("offices")):
        here: FieldPath = ("offices", number)
        _district(check, here, office)
        phone = office.get("phone")
        if isinstance(phone, str) and phone.strip():
            key = "".join(ch for ch in phone if ch.isdigit())
            if key in phones:
                _shared_phone(check, (*here, "phone"), phones[key], phone)
            else:
                phones[key] = (*here, "phone")
        for name_path, name in _names(here, office):
            key = "".join(name.split()).lower()
            other = names.get(key)
            if other is not None and other[:2] != here:
                _shared(check, name_path, other, name, "accuracy.office.shared-name")
            else:
                names.setdefault(key, name_path)


def _names(here: FieldPath, office: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    found: list[tuple[FieldPath, str]] = []
    name = office.get("name")
    if isinstance(name, dict):
        found += [((*here, "name"), v) for v in name.values() if isinstance(v, str) and v]
    elif isinstance(name, str) and name:
        found.append(((*here, "name"), name))
    for number, short in enumerate(as_list(office.get("short_names"))):
        if isinstance(short, str) and short:
            found.append(((*here, "short_names", number), short))
    return found


def _district(check: Checker, here: FieldPath, office: dict[str, Any]) -> None:
    district, address = office.get("district"), office.get("address")
    if isinstance(district, str):
        district = {"zh-CN": district}
    if isinstance(address, str):
        address = {"zh-CN": address}
    if not (isinstance(district, dict) and isinstance(address, dict)):
        return
    for lang, name in district.items():
        where = address.get(lang)
        if not (isinstance(name, str) and name.strip() and isinstance(where, str)):
            continue
        if name.strip().lower() not in where.lower():
            check.error(
                (*here, "district", lang),
                naming_field(
                    _("the district `{district}` is not the one in the address `{address}`").format(
                        district=name, address=where
                    ),
                    line_of(check, (*here, "address")),
                    (*here, "address"),
                ),
                _(
                    "a citizen looking for offices in their district is sent to the wrong one: "
                    "correct the district or the address"
                ),
                code="accuracy.office.district",
            )


def _shared_phone(check: Checker, path: FieldPath, other: FieldPath, value: str) -> None:
    check.warning(
        path,
        naming_field(
            _("`{value}` is also given to another office").format(value=value),
            line_of(check, other),
            other,
        ),
        _(
            "if the two offices answer on one switchboard, leave it; if the number was copied "
            "from the other office, a citizen calling to check the hours reaches the wrong "
            "one: give this office its own number"
        ),
        code="accuracy.office.shared-phone",
    )


def _shared(check: Checker, path: FieldPath, other: FieldPath, value: str, code: str) -> None:
    check.error(
        path,
        naming_field(
            _("`{value}` is also given to another office").format(value=value),
            line_of(check, other),
            other,
        ),
        _(
            "each office needs its own phone number and names, or citizens reach and go to the "
            "wrong one: correct the copy"
        ),
        code=code,
    )
