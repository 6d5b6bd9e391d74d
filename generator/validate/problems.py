"""Problem records: what an editor reads when a guide is wrong, and their output formats."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum

from generator.common.i18n import _, ngettext


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, located for a person to find and fix."""

    file: str
    line: int
    column: int
    severity: Severity
    path: str
    message: str
    hint: str = ""
    code: str = ""  # stable, e.g. "time-limit.promised-over-statutory": for CI, not for people

    def as_text(self) -> str:
        """Return the `file:line:col: severity: path: message` line, with the hint after it.

        The severity word and the hint's label are in the editor's language (错误, 警告, 提示).
        """
        where = f"{self.file}:{self.line}:{self.column}"
        field = f"{self.path}: " if self.path else ""
        word = _("error") if self.severity is Severity.ERROR else _("warning")
        text = f"{where}: {word}: {field}{self.message}"
        if self.hint:
            text += "\n    " + _("hint: {hint}").format(hint=self.hint)
        return text

    def as_github(self) -> str:
        """Return a GitHub Actions workflow command that annotates the line."""
        level = "error" if self.severity is Severity.ERROR else "warning"
        body = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            body += " (" + _("hint: {hint}").format(hint=self.hint) + ")"
        where = f"file={_property(self.file)},line={self.line},col={self.column}"
        if self.code:
            where += f",title={_property(self.code)}"
        return f"::{level} {where}::{_data(body)}"

    def as_dict(self) -> dict[str, object]:
        """Return the problem as plain JSON-ready data."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def _data(text: str) -> str:
    """Escape the message of a workflow command, as GitHub's toolkit does (escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a property of a workflow command (escapeProperty): `,` and `:` end it too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for problem in problems:
        if problem.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def format_problems(problems: Sequence[Problem], fmt: str, files_checked: int) -> str:
    """Render problems as `text` (with a summary), `json` (one object a line) or `github`."""
    ordered = sorted(problems)
    if fmt == "json":
        return "\n".join(json.dumps(p.as_dict(), ensure_ascii=False) for p in ordered)
    if fmt == "github":
        return "\n".join(p.as_github() for p in ordered)
    errors, warnings = count(ordered)
    lines = [p.as_text() for p in ordered]
    lines.append(summary(files_checked, errors, warnings))
    return "\n".join(lines)


def summary(files_checked: int, errors: int, warnings: int) -> str:
    """Return the last line of the text format: how many files, errors and warnings."""
    return _("{files}: {errors}, {warnings}.").format(
        files=ngettext("{count} file checked", "{count} files checked", files_checked).format(
            count=files_checked
        ),
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
