"""Where an accuracy problem goes: the guide's line, and the reference file's line it involves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.source.loader import FieldPath, format_path
from generator.validate.problems import Problem, Severity
from generator.validate.rules.accuracy.facts import Place
from generator.validate.rules.checker import Checker

LANGS = ("zh-CN", "en")


def forms(value: Any, path: FieldPath) -> Iterator[tuple[str, FieldPath, str]]:
    """Each language form of a text: (language, path, text); a plain string is zh-CN."""
    if isinstance(value, str):
        yield "zh-CN", path, value
    elif isinstance(value, dict):
        for lang, text in value.items():
            if isinstance(text, str):
                yield str(lang), (*path, lang), text


def at_phrase(check: Checker, path: FieldPath, phrase: str) -> tuple[int, int]:
    """The line and column where `phrase` is written in the text at `path`."""
    return check.loaded.fragment_position(path, phrase)


def line_of(check: Checker, path: FieldPath) -> int:
    return check.loaded.position(path)[0]


def in_reference(
    check: Checker,
    place: Place | None,
    severity: Severity,
    message: str,
    hint: str,
    code: str,
) -> None:
    """Add a problem to the reference file a guide's problem involves, naming the guide."""
    if place is None:
        return
    check.problems.append(
        Problem(place.file, place.line, place.column, severity, "", message, hint, code)
    )


def where(check: Checker, path: FieldPath) -> str:
    """`file:line` of a field of this guide, for a message in another file."""
    return f"{check.loaded.display}:{line_of(check, path)} ({format_path(path)})"
