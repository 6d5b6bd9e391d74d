"""The places `guides new` leaves for the editor to fill, marked `待填写` ("to be filled in").

A place still marked is one problem at its line, "not yet filled", and nothing else: the
schema and the rules would otherwise also call `待填写` a wrong number, an unknown topic
or an address that is not https, which says the same thing less clearly. So the
problems found at or under a marked place are dropped and the marker's own stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath, LoadedFile, format_path
from generator.validate.problems import Problem
from generator.validate.rules.checker import Checker, strings

PLACEHOLDER = "待填写"
"""The marker `guides new` writes where the editor must write something."""


def placeholder_paths(data: Any, loaded: LoadedFile | None = None) -> list[FieldPath]:
    """Return the field path of every string in `data` that still holds the marker.

    Given the file `data` was read from, a file whose source cannot hold the marker is
    not walked (most files: the marker is only left by `guides new`).
    """
    if not isinstance(data, dict | list):
        return []
    if loaded is not None and not loaded.may_hold(_holds_marker):
        return []
    return sorted(
        (path for path, text in strings(data, ()) if PLACEHOLDER in text),
        key=lambda path: [str(part) for part in path],
    )


def check_placeholders(
    check: Checker, places: list[FieldPath], problems: Iterable[Problem]
) -> list[Problem]:
    """Return `problems` without those inside a marked place, plus one problem per place."""
    if not places:
        return list(problems)
    marked = [format_path(path) for path in places]
    kept = [
        problem
        for problem in problems
        if problem.file != check.loaded.display or not _inside_any(problem.path, marked)
    ]
    for path in places:
        check.error(
            path,
            _("not yet filled in: this place still says `{marker}`").format(marker=PLACEHOLDER),
            _(
                "replace `{marker}` with the real content; "
                "the comment above the line says what to write"
            ).format(marker=PLACEHOLDER),
            code="placeholder.unfilled",
        )
    return kept + check.problems


def _inside_any(path: str, marked: list[str]) -> bool:
    return any(path == place or path.startswith((place + ".", place + "[")) for place in marked)


def _holds_marker(text: str) -> bool:
    return PLACEHOLDER in text
