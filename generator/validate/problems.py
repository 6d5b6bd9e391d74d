"""Problem records: what an editor reads when a guide is wrong, and their output formats."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


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
        """Return the `file:line:col: severity: path: message` line, with the hint after it."""
        where = f"{self.file}:{self.line}:{self.column}"
        field = f"{self.path}: " if self.path else ""
        text = f"{where}: {self.severity}: {field}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_github(self) -> str:
        """Return a GitHub Actions workflow command that annotates the line."""
        level = "error" if self.severity is Severity.ERROR else "warning"
        body = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            body += f" (hint: {self.hint})"
        where = f"file={_property(self.file)},line={self.line},col={self.column}"
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
    lines.append(f"{files_checked} file(s) checked: {errors} error(s), {warnings} warning(s).")
    return "\n".join(lines)
