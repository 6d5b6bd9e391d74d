"""`guides init`: a new office repository that validates and builds at once.

The files it writes are plain files under `generator/starter/`, shipped in the wheel;
besides them it writes the package's schemas (stamped, see generator/validate/schema_copies.py)
and a copy of the standard accessibility statement for the office to complete.
It never replaces a file that is there: an office's work is never lost to a command
meant for an empty folder. The one exception is `--refresh-schemas`, which replaces the
schema copies the tool itself wrote, because the user asked for exactly that.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources as importlib_resources
from importlib.abc import Traversable
from pathlib import Path

from generator.commands import ExitCode, say
from generator.common import clock, resources
from generator.common.i18n import _, ngettext
from generator.validate import schema_copies

DOT_PREFIX = "dot-"
"""Starter files whose names begin with a dot are stored as `dot-…`: a `.gitignore` inside
the package would make git (and the wheel builder) ignore files of this repository, and
a `.github/` folder there would look like this repository's own workflows."""

VERSION_TOKEN = "@VERSION@"
"""Replaced by the installed version: the CI workflow and pre-commit pin the tool that
wrote them, so an office upgrades on purpose."""

TODAY_TOKEN = '"@TODAY@"'
"""Replaced by today's date: the example guide is reviewed the day it is written, so it
validates with no warning (a fixed date would be overdue for review a year later)."""

ALLOWED_IN_EMPTY = frozenset({".git"})
"""A folder holding only these counts as empty: `git init` first is a usual start."""

_STATEMENT_NOTE = """\
# 这是 service-guides {version} 自带的标准无障碍声明，复制到这里供本单位修改：
# 请在“如何获得帮助”和“反馈无障碍问题”里写上本单位的联系方式，在“本声明的编写”里
# 写上复核日期。删除本文件，网站就使用工具自带的标准声明。
"""
"""Written as YAML comments in the page's front matter, so it is never published."""


class CannotInit(Exception):
    """The command cannot run at all (a file where the folder should be, a full folder)."""


@dataclass
class InitResult:
    """What `guides init` did, by path relative to the new repository."""

    written: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    """Files that were already there (or whose folder is a file or a link): untouched."""


def starter_files(*, version: str, today: date) -> dict[str, str]:
    """Return every file of a new office repository: relative path -> text."""
    files = {
        path: text.replace(VERSION_TOKEN, version).replace(TODAY_TOKEN, today.isoformat())
        for path, text in _walk(importlib_resources.files("generator").joinpath("starter"))
    }
    for source in schema_copies.package_schemas():
        files[f"schema/{source.name}"] = schema_copies.stamped_text(source, version)
    files["pages/accessibility.md"] = _statement(version)
    return dict(sorted(files.items()))


def init_project(
    target: Path, *, into_existing: bool = False, version: str | None = None
) -> InitResult:
    """Write a new office repository into `target`, never replacing a file.

    Raises CannotInit when `target` is not a folder, or is not empty and `into_existing`
    is false; then nothing is written.
    """
    version = version or schema_copies.installed_version()
    if os.path.lexists(target) and (target.is_symlink() or not target.is_dir()):
        raise CannotInit(_("{folder} is not a folder").format(folder=target))
    if target.is_dir() and not into_existing:
        found = sorted(set(os.listdir(target)) - ALLOWED_IN_EMPTY)
        if found:
            shown = ", ".join(found[:3]) + (", …" if len(found) > 3 else "")
            raise CannotInit(
                _(
                    "{folder} is not empty ({found}); choose an empty folder, or add "
                    "--into-existing to write only the files that are missing"
                ).format(folder=target, found=shown)
            )
    target.mkdir(parents=True, exist_ok=True)
    result = InitResult()
    for relative, text in starter_files(version=version, today=clock.today()).items():
        if _write_new(target, relative, text):
            result.written.append(relative)
        else:
            result.left_alone.append(relative)
    return result


def run_init(target: Path, *, into_existing: bool, refresh: bool) -> int:
    """Run `guides init` (or its schema refresh), print what it did; return the exit code."""
    try:
        if refresh:
            _print_refresh(target, _refresh(target))
        else:
            _print_init(target, init_project(target, into_existing=into_existing))
    except CannotInit as error:
        say(_("guides init: cannot run: {error}").format(error=error))
        return ExitCode.CANNOT_RUN
    except OSError as error:
        say(
            _("guides init: cannot write {path}: {error}").format(
                path=error.filename or "", error=error.strerror or error
            )
        )
        return ExitCode.CANNOT_RUN
    return ExitCode.OK


def _refresh(target: Path) -> schema_copies.Refresh:
    folder = target / "schema"
    if not target.is_dir() or target.is_symlink():
        raise CannotInit(_("{folder} is not a folder").format(folder=target))
    if folder.is_symlink() or (os.path.lexists(folder) and not folder.is_dir()):
        raise CannotInit(
            _("{folder} is not a folder; the schemas were not refreshed").format(folder=folder)
        )
    if not folder.is_dir() and not (target / "guides").is_dir():
        raise CannotInit(
            _(
                "{folder} holds neither schema/ nor guides/: run this in the repository "
                "that `guides init` made, or give its folder"
            ).format(folder=target)
        )
    return schema_copies.refresh_schemas(folder)


def _write_new(root: Path, relative: str, text: str) -> bool:
    """Create `root/relative` with `text`; False, untouched, when anything is in the way.

    Folders are made as needed, but never through a symbolic link or over a file: the
    new file must land inside `root`.
    """
    path = root / relative
    folder = root
    for part in Path(relative).parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or (os.path.lexists(folder) and not folder.is_dir()):
            return False
        folder.mkdir(parents=True, exist_ok=True)
    try:
        # Mode "x" (O_EXCL) fails on anything already there, a dangling link included.
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        return False
    return True


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in folder.iterdir():
        name = entry.name
        if name == "__pycache__":
            continue
        if name.startswith(DOT_PREFIX):
            name = "." + name[len(DOT_PREFIX) :]
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{name}/")
        else:
            yield f"{prefix}{name}", entry.read_text("utf-8")


def _statement(version: str) -> str:
    """The package's standard accessibility statement, with a note on what to change."""
    text = (resources.standard_pages_dir() / "accessibility.md").read_text("utf-8")
    note = _STATEMENT_NOTE.format(version=version)
    if text.startswith("---\n"):
        return f"---\n{note}{text[4:]}"
    return f"---\n{note}---\n\n{text}"


def _print_init(target: Path, result: InitResult) -> None:
    count = len(result.written)
    print(
        ngettext(
            "Wrote {count} file in {folder}:", "Wrote {count} files in {folder}:", count
        ).format(count=count, folder=target)
    )
    for relative in result.written:
        print(f"  {relative}")
    if result.left_alone:
        count = len(result.left_alone)
        print(
            ngettext(
                "Left {count} file alone (something is already there):",
                "Left {count} files alone (something is already there):",
                count,
            ).format(count=count)
        )
        for relative in result.left_alone:
            print(f"  {relative}")
    go = "" if target.resolve() == Path.cwd().resolve() else f"cd {target} && "
    print(
        _(
            "Next: {go}guides validate && guides build, then guides serve to preview. "
            "README.md says what is where."
        ).format(go=go)
    )


def _print_refresh(target: Path, done: schema_copies.Refresh) -> None:
    count = len(done.written)
    print(
        ngettext(
            "Refreshed {count} schema file in {folder}.",
            "Refreshed {count} schema files in {folder}.",
            count,
        ).format(count=count, folder=target / "schema")
    )
    if done.left_alone:
        print(_("Left alone, not written by guides init:"))
        for path in done.left_alone:
            print(f"  {path.relative_to(target)}")
