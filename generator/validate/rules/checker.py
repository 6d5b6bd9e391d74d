"""What every rule shares: a collector of located problems, and the shapes of phones and links."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any, TypeGuard

from generator.common.i18n import N_, _
from generator.source.loader import FieldPath, LoadedFile, Position, format_path
from generator.validate.problems import Problem, Severity

PHONE_SHAPES = (
    re.compile(r"0\d{2,3}-\d{3,4} ?\d{4}"),  # landline with area code: 0599-8701 2345
    re.compile(r"0\d{2,3}-123\d{2}"),  # a city's own government hotline: 0599-12345
    re.compile(r"1[3-9]\d ?\d{4} ?\d{4}"),  # mobile: 13812345678
    re.compile(r"12\d{3}"),  # national public-service hotlines: 12345, 12333, 12366, 12123, 12315
    re.compile(r"11[09]|12[02]"),  # emergency numbers: 110, 119, 120, 122
    re.compile(r"95\d{3,4}"),  # service hotlines: 95588
    re.compile(r"400-?\d{3}-?\d{4}"),  # 400-123-4567
)
_PHONE_SHAPE = re.compile("|".join(f"(?:{shape.pattern})" for shape in PHONE_SHAPES))
"""Any of `PHONE_SHAPES`, in one expression (`fullmatch` of it: one of them fullmatches)."""
PHONE_EXAMPLES = N_('"0599-8701 2345", "13812345678", "12345", "95588" or "400-123-4567"')

_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s()>]*(?:\([^\s)]*\))?)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_UNSAFE_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|http):")
URL_KEYS = frozenset({"url", "website", "blank_form", "sample"})
"""Fields that hold one web address, which the schema checks: `link_text` leaves them."""


class Checker:
    """Collects problems for one loaded file."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []

    def error(self, path: FieldPath, message: str, hint: str = "", *, code: str = "") -> None:
        """Record an error at the value of `path`."""
        self._add(Severity.ERROR, path, message, hint, code)

    def warning(self, path: FieldPath, message: str, hint: str = "", *, code: str = "") -> None:
        """Record a warning at the value of `path`."""
        self._add(Severity.WARNING, path, message, hint, code)

    def error_at(
        self, path: FieldPath, where: Position, message: str, hint: str = "", *, code: str = ""
    ) -> None:
        """Record an error about the value of `path`, at a place inside it."""
        self._add(Severity.ERROR, path, message, hint, code, where)

    def warning_at(
        self, path: FieldPath, where: Position, message: str, hint: str = "", *, code: str = ""
    ) -> None:
        """Record a warning about the value of `path`, at a place inside it."""
        self._add(Severity.WARNING, path, message, hint, code, where)

    def _add(
        self,
        severity: Severity,
        path: FieldPath,
        message: str,
        hint: str,
        code: str,
        where: Position | None = None,
    ) -> None:
        line, column = where or self.loaded.position(path)
        self.problems.append(
            Problem(
                self.loaded.display, line, column, severity, format_path(path), message, hint, code
            )
        )

    def reference(
        self,
        path: FieldPath,
        value: Any,
        known: frozenset[str],
        what: str,
        where: str,
        *,
        code: str = "reference.unknown",
    ) -> None:
        """Check that an id is one of `known`, suggesting a close one.

        `what` names the kind of id (marked with `N_()`, translated here).
        """
        if isinstance(value, str) and value not in known:
            close = closest(value, known)
            hint = _("did you mean `{value}`? ").format(value=close) if close else ""
            self.error(
                path,
                _("`{value}` is not a known {what}").format(value=value, what=_(what)),
                hint + _("use an id from {file}, or add it there").format(file=where),
                code=code,
            )

    def references(
        self,
        path: FieldPath,
        values: Any,
        known: frozenset[str],
        what: str,
        where: str,
        *,
        code: str = "reference.unknown",
    ) -> None:
        """Check every id of a list against `known`."""
        for index, value in enumerate(as_list(values)):
            if value.__class__ is str and value in known:
                continue  # most ids: nothing to report, no path to build
            self.reference((*path, index), value, known, what, where, code=code)

    def phone(self, path: FieldPath, value: Any) -> None:
        """Check that a phone number has one of the recognised shapes."""
        if isinstance(value, str) and _PHONE_SHAPE.fullmatch(value) is None:
            self.error(
                path,
                _("`{value}` is not a recognised phone number").format(value=value),
                _("write it like {examples}").format(examples=_(PHONE_EXAMPLES)),
                code="phone.shape",
            )

    def link_text(self, path: FieldPath, text: str) -> None:
        """Check the links written in one text: https only, no javascript:, data: or http:.

        Called for every text that holds a colon, in the one walk over a file's texts
        (rules/text.py); URL fields are left to the schema.
        """
        if path[-1] in URL_KEYS:
            return
        targets = _LINK_TARGET.findall(text) + _AUTOLINK.findall(text)
        for target in targets:
            if target and not target.startswith("https://"):
                self.error(
                    path,
                    _("the link `{target}` is not an https:// address").format(target=target[:60]),
                    _("link only to https:// web addresses"),
                    code="link.not-https",
                )
        rest = _AUTOLINK.sub("", _LINK_TARGET.sub("", text))
        unsafe = _UNSAFE_SCHEME.search(rest)
        if unsafe:
            self.error(
                path,
                _("the text contains a `{scheme}` address").format(scheme=unsafe.group(0)),
                _("link only to https:// web addresses"),
                code="link.unsafe-scheme",
            )


_UNITS = {
    "working_days": N_("working days"),
    "calendar_days": N_("calendar days"),
    "hours": N_("hours"),
    "minutes": N_("minutes"),
}


def unit_name(unit: Any) -> str:
    """A time limit's or a step's unit as the editor reads it, in their language (工作日,
    working days); an unknown one as written, its underscores as spaces."""
    return (
        _(_UNITS[unit]) if isinstance(unit, str) and unit in _UNITS else str(unit).replace("_", " ")
    )


#: The days an office's `hours` name, in the order of date.weekday() (holiday last).
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "holiday")
_DAY_NAMES = {
    "mon": N_("Monday"), "tue": N_("Tuesday"), "wed": N_("Wednesday"), "thu": N_("Thursday"),
    "fri": N_("Friday"), "sat": N_("Saturday"), "sun": N_("Sunday"),
    "holiday": N_("public holidays"),
}  # fmt: skip


def day_name(day: str) -> str:
    """A day of `hours` (sat) as the editor reads it, in their language (星期六, Saturday);
    an unknown one as written."""
    return _(_DAY_NAMES[day]) if day in _DAY_NAMES else day


def items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list field, each with its number (a list: no generator to resume
    for each item, in loops every guide runs many times)."""
    if not isinstance(value, list):
        return []
    return [(number, item) for number, item in enumerate(value) if isinstance(item, dict)]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Yield every string under `value`, with its field path."""
    stack: list[tuple[FieldPath, Any]] = [(path, value)]
    while stack:
        here, item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in pairs:
            kind = child.__class__  # exact types: the loader makes only plain ones
            if kind is str:
                yield (*here, key), child
            elif kind is dict or kind is list:
                stack.append(((*here, key), child))


def is_time(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value) is not None


def closest(value: str, known: frozenset[str]) -> str | None:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None
