"""`guides new`: a new guide file with every field in place, for the editor to fill.

The file (generator/commands/new_guide.yaml) is commented in Chinese, field by field, and
marks each place the editor must fill with `待填写`; validation reports every such place
as "not yet filled" at its line (generator/validate/rules/placeholders.py), so once they
are all filled the guide validates. What the command is not given it asks for on a
terminal, checking each answer; without a terminal it says what is missing and stops.
It never replaces a file, and refuses an id that a guide already has.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import click

from generator.commands import ExitCode, say
from generator.common import clock
from generator.common.i18n import _
from generator.source.files import display_name, scan_tree
from generator.source.loader import load_file
from generator.validate.rules.checker import closest
from generator.validate.rules.placeholders import PLACEHOLDER

ID_SHAPE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""The shape of an id, as common.schema.json#/$defs/id says."""
ID_MAX = 80
_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)


class Refused(Exception):
    """An answer or option that cannot be used; the text says why and what to do."""


@dataclass(frozen=True)
class Tree:
    """What `guides new` needs to know of a guides tree."""

    services: Path
    departments: dict[str, str]
    """Department id -> its name, as guides/reference/departments.yaml lists them."""
    taken: dict[str, str]
    """Guide id (lower case) -> the file that has it, by file name or by `id:`."""

    def check_id(self, value: str) -> str:
        """Return `value` as an id, or refuse it: the schema's shape, and not taken."""
        value = value.strip()
        if not ID_SHAPE.fullmatch(value) or len(value) > ID_MAX:
            raise Refused(
                _(
                    "`{value}` is not an id: use lower-case letters a–z, digits and hyphens, "
                    "at most {max} characters, such as teacher-qualification"
                ).format(value=value, max=ID_MAX)
            )
        existing = self.taken.get(value.lower())
        if existing is not None:
            raise Refused(
                _("the id `{value}` is taken by {file}; choose another id").format(
                    value=value, file=existing
                )
            )
        return value

    def check_department(self, value: str) -> str:
        """Return `value` as a department id, or refuse it with the closest one."""
        value = value.strip()
        if value in self.departments:
            return value
        by_name = [key for key, name in self.departments.items() if value and value in name]
        suggestion = (
            by_name[0] if len(by_name) == 1 else closest(value, frozenset(self.departments))
        )
        if suggestion is not None:
            raise Refused(
                _("`{value}` is not a department id; did you mean `{id}` ({name})?").format(
                    value=value, id=suggestion, name=self.departments[suggestion]
                )
            )
        raise Refused(
            _("`{value}` is not a department id; use one of: {list}").format(
                value=value, list=self.department_list()
            )
        )

    def department_list(self) -> str:
        """Every department as `id (name)`, for a prompt or a message."""
        return ", ".join(
            f"{key} ({name})" if name else key for key, name in self.departments.items()
        )


def run_new(
    guides_dir: Path,
    *,
    guide_id: str | None,
    title: str | None,
    department: str | None,
    interactive: bool,
) -> int:
    """Write guides/services/ID.yaml, asking on a terminal for what is not given."""
    try:
        tree = read_tree(guides_dir)
    except Refused as error:
        say(_("error: {reason}").format(reason=error))
        return ExitCode.CANNOT_RUN
    missing = [
        option
        for option, value in (("--id", guide_id), ("--title", title), ("--department", department))
        if value is None
    ]
    if missing and not interactive:
        say(
            _(
                "error: missing {options}, and there is no terminal to ask on. Give them, "
                "for example: guides new --id teacher-qualification --title 教师资格认定 "
                "--department edu"
            ).format(options=", ".join(missing))
        )
        return ExitCode.CANNOT_RUN
    try:
        guide_id = _answer(
            guide_id, _("Id (lower-case letters, digits and hyphens)"), tree.check_id
        )
        title = _answer(title, _("Title (the official name of the service)"), check_title)
        if department is None and interactive:
            say(_("Departments: {list}").format(list=tree.department_list()))
        department = _answer(department, _("Department id"), tree.check_department)
    except Refused as error:
        say(_("error: {reason}").format(reason=error))
        return ExitCode.CANNOT_RUN
    target = tree.services / f"{guide_id}.yaml"
    text = guide_text(guide_id, title, department)
    try:
        write_new_file(target, text)
    except FileExistsError:
        say(_("error: {file} already exists; it was left as it was").format(file=target))
        return ExitCode.CANNOT_RUN
    except OSError as error:
        say(_("error: cannot write {file}: {reason}").format(file=target, reason=error.strerror))
        return ExitCode.CANNOT_RUN
    say(
        _(
            "Wrote {file}. Fill in the {count} places marked {marker}, then check it with "
            "guides validate and preview it with guides serve."
        ).format(file=display_name(target), count=places_to_fill(text), marker=PLACEHOLDER)
    )
    return ExitCode.OK


def read_tree(guides_dir: Path) -> Tree:
    """Read the departments and the ids taken in `guides_dir`; Refused when it is no guides tree."""
    if not guides_dir.is_dir():
        raise Refused(
            _("{folder}: no such folder (run from the project folder, or give --guides)").format(
                folder=guides_dir
            )
        )
    scan = scan_tree(guides_dir)
    path = scan.reference.get("departments")
    if path is None:
        raise Refused(
            _("{file} is missing, so no department can be chosen").format(
                file=guides_dir / "reference" / "departments.yaml"
            )
        )
    loaded = load_file(path, display_name(path))
    departments = _departments(loaded.data)
    if loaded.problems or not departments:
        raise Refused(
            _("{file} cannot be read; run guides validate to see why").format(file=loaded.display)
        )
    taken: dict[str, str] = {}
    for guide in scan.guides:
        shown = display_name(guide)
        taken.setdefault(guide.stem.lower(), shown)
        try:
            head = guide.read_text("utf-8", errors="replace")
        except OSError:
            continue
        match = _ID_LINE.search(head)
        if match:
            taken.setdefault(match.group(1).lower(), shown)
    return Tree(guides_dir / "services", departments, taken)


def _departments(data: Any) -> dict[str, str]:
    items = data.get("departments") if isinstance(data, dict) else None
    found: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            name = item.get("name")
            if isinstance(name, dict):
                name = name.get("zh-CN") or next(iter(name.values()), "")
            found[item["id"]] = name if isinstance(name, str) else ""
    return found


def check_title(value: str) -> str:
    """Return a usable title: not empty, one line, no marker."""
    value = value.strip()
    if not value or "\n" in value or PLACEHOLDER in value:
        raise Refused(_("give the official name of the service on one line, such as 教师资格认定"))
    return value


def guide_text(guide_id: str, title: str, department: str) -> str:
    """Return the new guide's YAML: the commented template with the given values in place."""
    template = importlib_resources.files("generator.commands").joinpath("new_guide.yaml")
    text = template.read_text("utf-8")
    return (
        text.replace("@ID@", guide_id)
        .replace("@TITLE_YAML@", json.dumps(title, ensure_ascii=False))
        .replace("@TITLE@", title.replace("\n", " "))
        .replace("@DEPARTMENT@", department)
        .replace("@TODAY@", clock.today().isoformat())
    )


def places_to_fill(text: str) -> int:
    """Count the marked places outside comments: what validation will report."""
    return sum(line.split("#", 1)[0].count(PLACEHOLDER) for line in text.splitlines())


def write_new_file(target: Path, text: str) -> None:
    """Write `text` to `target` at once and never over a file; FileExistsError if one is there.

    The text goes to a hidden file beside it first and is then linked into place, which
    fails when `target` exists: no half-written guide, and no race with another writer.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        raise FileExistsError(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temporary, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.chmod(temporary, 0o644)
        os.link(temporary, target)
    finally:
        temporary.unlink()


def _answer(value: str | None, prompt: str, check: Callable[[str], str]) -> str:
    """Check a given value; ask on the terminal, again and again, for one not given."""
    if value is not None:
        return check(value)
    while True:
        answer: str = click.prompt(prompt, err=True)
        try:
            return check(answer)
        except Refused as error:
            say(_("error: {reason}").format(reason=error))
