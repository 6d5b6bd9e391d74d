"""Where an accuracy problem goes: the guide's line, and the reference file's line it involves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.common.i18n import _
from generator.source.loader import FieldPath, format_path
from generator.validate.problems import Problem, Severity
from generator.validate.rules.accuracy.facts import Place
from generator.validate.rules.accuracy.script import original_phrase, simplified
from generator.validate.rules.checker import Checker

LANGS = ("zh-CN", "en")


def forms(value: Any, path: FieldPath) -> Iterator[tuple[str, FieldPath, str]]:
    """Each language form of a text: (language, path, text); a plain string is zh-CN.

    Traditional characters come as simplified (script.py): the word lists read both
    scripts, and `at_phrase` finds a phrase where the original spells it."""
    if isinstance(value, str):
        yield "zh-CN", path, simplified(value)
    elif isinstance(value, dict):
        for lang, text in value.items():
            if isinstance(text, str):
                yield str(lang), (*path, lang), simplified(text)


def at_phrase(check: Checker, path: FieldPath, phrase: str) -> tuple[int, int]:
    """The line and column where `phrase` is written in the text at `path` (a phrase read
    in simplified characters is found as the text spells it)."""
    return check.loaded.fragment_position(path, written_phrase(check, path, phrase))


def written_phrase(check: Checker, path: FieldPath, phrase: str) -> str:
    """`phrase` (read in simplified characters) as the text at `path` spells it."""
    text = _value_at(check.loaded.data, path)
    return original_phrase(text, phrase) if isinstance(text, str) else phrase


def _value_at(data: Any, path: FieldPath) -> Any:
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def line_of(check: Checker, path: FieldPath) -> int:
    return check.loaded.position(path)[0]


def naming_field(message: str, line: int, field: FieldPath) -> str:
    """`message`, then the line and name of the other field it involves."""
    return message + " " + _("(line {line}, `{field}`)").format(line=line, field=format_path(field))


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


def conflict(
    check: Checker,
    path: FieldPath,
    phrase: str,
    field: FieldPath,
    message: str,
    hint: str,
    code: str,
) -> None:
    """A statement in a text disagrees with a field: report it at the phrase, naming the
    field's line, and at the field too (naming the text's line) when the two are apart, so
    an editor who opens either place sees the other."""
    written = written_phrase(check, path, phrase)
    where = check.loaded.fragment_position(path, written)
    if written != phrase:
        message = message.replace(f"`{phrase}`", f"`{written}`")  # quoted as the file has it
    field_line = line_of(check, field)
    check.error_at(path, where, naming_field(message, field_line, field), hint, code=code)
    if abs(field_line - where[0]) > 1:
        check.error(
            field,
            message + " " + _("(the text at line {line})").format(line=where[0]),
            hint,
            code=code,
        )
