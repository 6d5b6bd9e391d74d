"""`guides validate`: group the given paths by guides tree, validate each, print the problems."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TextIO

from generator.commands import ExitCode, say
from generator.common.i18n import _, ngettext
from generator.source.cache import ResultStore
from generator.source.files import find_guides_root, guide_files, is_inside, is_reference
from generator.validate.problems import Problem, count, format_problems
from generator.validate.schema_copies import stale_schema_note
from generator.validate.tree import CannotValidate, validate_tree

PROGRESS_FROM = 200
"""From this many guides to check, a terminal is shown how many have been checked."""


def run_validate(paths: list[Path], *, fmt: str, strict: bool, cache: bool = True) -> int:
    """Validate what `guides validate` was given, print the problems; return the exit code.

    Each file's results are kept in the user's cache folder (generator/source/cache.py)
    unless `cache` is False (`--no-cache`).
    """
    progress = ProgressLine(sys.stderr) if fmt == "text" and _is_terminal(sys.stderr) else None
    try:
        groups = group_by_root(paths)
        problems: list[Problem] = []
        files_checked = 0
        for root, files in groups.items():
            result = validate_tree(
                root,
                paths=files,
                keep_data=False,
                cache=ResultStore.for_tree(root) if cache else None,
                progress=progress,
            )
            problems.extend(result.problems)
            files_checked += result.files_checked
    except CannotValidate as error:
        say(_("guides validate: cannot run: {error}").format(error=error))
        return ExitCode.CANNOT_RUN
    finally:
        if progress is not None:
            progress.clear()
    output = format_problems(problems, fmt, files_checked)
    if output:
        print(output)
    for root in groups:
        # A note, never a problem: the office's copies are only its editor's help, and
        # validation always uses the package's own schemas. On stderr, so that the json
        # and github formats stay clean.
        note = stale_schema_note(root.parent)
        if note:
            say(note)
    errors, warnings = count(problems)
    if errors or (strict and warnings):
        return ExitCode.PROBLEMS
    return ExitCode.OK


def group_by_root(paths: list[Path]) -> dict[Path, list[Path] | None]:
    groups: dict[Path, list[Path] | None] = {}
    for given in paths:
        # abspath, not resolve: a guide that is a symbolic link must be named, not followed.
        path = Path(os.path.abspath(given))
        if not os.path.lexists(path):
            raise CannotValidate(_("{path}: no such file or directory").format(path=given))
        root = find_guides_root(path)
        if root is None:
            raise CannotValidate(
                _(
                    "{path}: no guides root found (a folder holding reference/ "
                    "and services/) at or above it"
                ).format(path=given)
            )
        if (path.is_dir() and path == root) or is_reference(path, root):
            groups[root] = None  # a change to shared data can break any guide
            continue
        if not is_inside(path, root):
            raise CannotValidate(
                _("{path}: lies outside the guides folder {root} (through a link)").format(
                    path=given, root=root
                )
            )
        files = sorted(guide_files(path)) if path.is_dir() else [path]
        current = groups.setdefault(root, [])
        if current is not None:
            current.extend(file for file in files if file not in current)
    return groups


def _is_terminal(stream: TextIO) -> bool:
    """True when a person watches `stream`: a terminal, and not a CI log that claims one."""
    try:
        return stream.isatty() and not os.environ.get("CI")
    except (AttributeError, ValueError):
        return False


class ProgressLine:
    """`已检查 4,000 / 10,000 份指南` on one line of a terminal, rewritten in place.

    Shown for runs of `PROGRESS_FROM` guides or more, at most ten times a second, and
    wiped before the problems are printed.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        """Show that `done` of `total` guides have been checked."""
        if total < PROGRESS_FROM:
            return
        now = time.monotonic()
        if done < total and done and now - self._last < 0.1:
            return
        self._last = now
        text = ngettext(
            "Checked {done} / {total} guide", "Checked {done} / {total} guides", total
        ).format(done=f"{done:,}", total=f"{total:,}")
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Wipe the line, so that what is printed next starts at the left margin."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
