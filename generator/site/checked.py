"""Validation that keeps each guide file's result, for `guides serve`: a save re-checks one file.

`validate_tree` reads every file of the tree on every run (7 s at 10,000 guides). The
preview keeps what the last run found for each guide file (its validated data, its
problems and the small key the rules across files read) and, when files change, checks
only those again, then runs the rules across files over every key, which are cheap. The
result is the `ValidationResult` `validate_tree` would give for the same tree
(tests/test_preview_incremental.py compares them).

A change to the reference data re-checks the guides that use what changed
(`reference_touched`: the reference files are compared entry by entry, and a guide that
names a changed entry, by its id or any of its names, is checked again); a change that
cannot be traced to entries (the day, a file's other keys, an entry without an id)
re-checks every guide. A file added, removed or renamed, or any other change to what the tree
holds, is answered by `None`: the caller validates the whole tree again.

The calls into `validate/tree.py` are in `_check` (`check_files`) and `_reference`
(`load_reference`): the same steps `validate_tree` takes, so both find the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from generator.common import clock
from generator.common.i18n import _
from generator.source.files import scan_tree
from generator.source.loader import LoadedFile
from generator.validate.problems import Problem
from generator.validate.rules import (
    GuideKey,
    ReferenceIndex,
    build_index,
    check_across,
    check_reference,
)
from generator.validate.rules.accuracy import build_facts
from generator.validate.rules.accuracy.facts import office_names
from generator.validate.schema import SchemaSet, SchemaUnavailable, load_schemas
from generator.validate.tree import CannotValidate, ValidationResult, open_tree


@dataclass(frozen=True)
class FileResult:
    """What checking one guide file found."""

    digest: bytes
    """The file's bytes, hashed: a save that changed nothing is not checked again."""
    data: dict[str, Any] | None
    problems: list[Problem]
    key: GuideKey | None


@dataclass
class CheckedTree:
    """The last validation of a guides tree, file by file."""

    guides_dir: Path
    today: date
    review_max_age_days: int
    schemas: SchemaSet
    scan_problems: list[Problem]
    reference_paths: dict[str, Path]
    reference_digests: dict[str, bytes]
    reference: dict[str, list[dict[str, Any]]]
    reference_files: list[tuple[str, LoadedFile]]
    reference_problems: list[Problem]
    index: ReferenceIndex
    files: dict[Path, FileResult] = field(default_factory=dict)
    """Every guide file, in the order `scan_tree` gives them."""
    texts: dict[Path, tuple[dict[str, Any], str]] = field(default_factory=dict)
    """Each guide's data as one text, searched for the names of changed reference entries
    (made by `prepare_texts` or at the first reference edit, kept with the data it was made
    from while the file's result holds that same dict)."""

    def result(self) -> ValidationResult:
        """The `ValidationResult` of the whole tree, as `validate_tree` gives it."""
        problems = list(self.reference_problems)
        problems.extend(self.scan_problems)
        keys: list[GuideKey] = []
        guides: list[dict[str, Any]] = []
        for checked in self.files.values():
            problems.extend(checked.problems)
            if checked.data is not None:
                guides.append(checked.data)
            if checked.key is not None:
                keys.append(checked.key)
        problems.extend(check_across(keys, None))
        return ValidationResult(
            sorted(problems), len(self.reference_files) + len(self.files), guides, self.reference
        )


def check_tree(guides_dir: Path, *, review_max_age_days: int) -> CheckedTree:
    """Validate every file of the tree and keep each file's result."""
    schemas = open_tree(guides_dir)
    scan = scan_tree(guides_dir)
    tree = CheckedTree(
        guides_dir,
        clock.today(),
        review_max_age_days,
        schemas,
        scan.problems,
        scan.reference,
        {},
        {},
        [],
        [],
        build_index({}),
    )
    _reference(tree)
    tree.files = dict(zip(scan.guides, _check(tree, scan.guides), strict=True))
    return tree


class Rechecked(NamedTuple):
    """What `recheck` found."""

    tree: CheckedTree
    differ: set[Path]
    """The guide files whose result (data, problems, key) changed."""
    touched: set[Path] | None
    """The guide files that use reference entries that changed (checked again whatever
    their result); None when the reference data or the day changed in a way that touches
    every guide; empty when neither changed."""


def recheck(tree: CheckedTree, changed: set[Path]) -> Rechecked | None:
    """Check again what changed; return the tree and the guide files whose result changed.

    None when what the tree holds changed (a file added, removed or renamed, a file that
    is not read appeared): then only a whole validation says what the tree is.
    """
    scan = scan_tree(tree.guides_dir)
    if (
        scan.guides != list(tree.files)
        or scan.reference != tree.reference_paths
        or scan.problems != tree.scan_problems
    ):
        return None
    today = clock.today()
    new = dataclasses.replace(tree, files=dict(tree.files), today=today)
    reference_changed = today != tree.today or any(
        _digest(path) != tree.reference_digests.get(stem)
        for stem, path in tree.reference_paths.items()
    )
    wanted = {os.path.abspath(path) for path in changed}
    paths = [
        path
        for path in new.files
        if os.path.abspath(path) in wanted and _digest(path) != new.files[path].digest
    ]
    touched: set[Path] | None = set()
    if reference_changed:
        _reference(new)
        touched = None if today != tree.today else reference_touched(tree, new)
        if touched is None:
            paths = list(new.files)
        else:
            again = set(paths) | touched
            paths = [path for path in new.files if path in again]
    results = _check(new, paths, {path: tree.files[path] for path in paths})
    differ = {
        path
        for path, result in zip(paths, results, strict=True)
        if (result.data, result.problems, result.key)
        != (tree.files[path].data, tree.files[path].problems, tree.files[path].key)
    }
    new.files.update(zip(paths, results, strict=True))
    return Rechecked(new, differ, touched)


_NOT_A_NAME = re.compile(r"\d{1,2}:\d{2}|[-+]?\d+(\.\d+)?|mon|tue|wed|thu|fri|sat|sun")
"""Values of a changed field that name nothing a guide could use: times, numbers, weekdays."""
_NAME_FIELDS = ("id", "name", "short_names", "names", "aliases")
"""Fields by which a guide (its keys, or the words of its text) may refer to an entry."""


def reference_touched(old: CheckedTree, new: CheckedTree) -> set[Path] | None:
    """The guide files whose validation or model may read a reference entry that changed.

    The reference files are compared entry by entry (by `id`). A guide uses an entry when
    its data holds the entry's id or one of its names (the rules across the reference data
    find an office named in a guide's text by its name), or, for a changed field that
    names something (a department, a web domain, a phone number), any value of it, old or
    new. A department changed also changes the offices that serve it and the e-licences it
    issues (the model puts the department inside them): their ids count too. An entry that
    only moved in its file (lines added above it) counts by its names too: a guide's
    problem may cite the line of one of its fields (`offices.yaml:93`). Returns None
    when the change cannot be traced to entries (a file's other keys, an entry without an
    id, ids repeated, a file that does not load): then every guide is checked again.
    """
    tokens = _changed_tokens(old, new)
    if tokens is None:
        return None
    if not tokens:
        return set()
    pattern = re.compile("|".join(re.escape(token) for token in sorted(tokens, key=len)[::-1]))
    touched: set[Path] = set()
    for path, result in new.files.items():
        text = _text_of(new, path, result)
        if text is not None and pattern.search(text):
            touched.add(path)
    return touched


def prepare_texts(tree: CheckedTree) -> None:
    """Make every guide's text that `reference_touched` searches, ahead of the first
    reference edit (about 1.1 s at 10,000 guides; `guides serve` runs it in a thread of
    its own once the first build is served). Safe beside a `recheck`: a text is kept with
    the data it was made from, and made again when that data is no longer the file's."""
    for path, result in list(tree.files.items()):
        _text_of(tree, path, result)


def _text_of(tree: CheckedTree, path: Path, result: FileResult) -> str | None:
    """A guide's data as one text (kept in `tree.texts` while its result is the same)."""
    if result.data is None:
        return None  # a file that does not load: its problems are the loader's only
    kept = tree.texts.get(path)
    if kept is None or kept[0] is not result.data:
        kept = (result.data, json.dumps(result.data, ensure_ascii=False, default=str))
        tree.texts[path] = kept
    return kept[1]


def _changed_tokens(old: CheckedTree, new: CheckedTree) -> set[str] | None:
    from generator.validate.tree import REFERENCE_FILES

    before = dict(old.reference_files)
    after = dict(new.reference_files)
    if before.keys() != after.keys():
        return None
    tokens: set[str] = set()
    changed_departments: set[str] = set()
    for stem, loaded in after.items():
        previous = before[stem]
        if loaded.problems or previous.problems:
            return None
        if previous.data == loaded.data:
            continue
        if not isinstance(previous.data, dict) or not isinstance(loaded.data, dict):
            return None
        key = REFERENCE_FILES.get(stem, "")
        rest = ({k: v for k, v in data.items() if k != key} for data in (previous.data, loaded.data))
        if next(rest) != next(rest):
            return None  # a key of the file besides its list of entries
        olds, news = _by_id(previous.data.get(key)), _by_id(loaded.data.get(key))
        if olds is None or news is None:
            return None
        where_was, where_now = _entry_lines(previous, key), _entry_lines(loaded, key)
        for entry_id in olds.keys() | news.keys():
            was: dict[str, Any] = olds.get(entry_id, {})
            now: dict[str, Any] = news.get(entry_id, {})
            if was == now:
                if where_was.get(entry_id) == where_now.get(entry_id):
                    continue
                # Moved (lines added or removed above it): a guide's problem may cite
                # where one of its fields is (offices.yaml:93), so its users are checked
                # again, though what it says did not change.
                for field_name in _NAME_FIELDS:
                    tokens.update(_leaves(was.get(field_name)))
                if key == "offices":
                    tokens.update(office_names(was))
                continue
            if key == "departments":
                changed_departments.add(entry_id)
            for entry in (was, now):
                for field_name in _NAME_FIELDS:
                    tokens.update(_leaves(entry.get(field_name)))
                if key == "offices":
                    # what the accuracy rules find an office by in a guide's text: its name
                    # without the city, its street and number, its English name's last words
                    tokens.update(office_names(entry))
            for field_name in was.keys() | now.keys():
                if was.get(field_name) != now.get(field_name):
                    tokens.update(_leaves(was.get(field_name)))
                    tokens.update(_leaves(now.get(field_name)))
    if changed_departments:
        for key, issuer in (("offices", "departments"), ("e_licences", "issuer")):
            for listed in (old.reference.get(key, []), new.reference.get(key, [])):
                for entry in listed:
                    if set(_leaves(entry.get(issuer))) & changed_departments:
                        tokens.update(_leaves(entry.get("id")))
    return {token for token in tokens if len(token) > 1 and not _NOT_A_NAME.fullmatch(token)}


def _by_id(entries: Any) -> dict[str, dict[str, Any]] | None:
    if not isinstance(entries, list):
        return None
    found: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            return None
        if entry["id"] in found:
            return None
        found[entry["id"]] = entry
    return found


def _entry_lines(loaded: LoadedFile, key: str) -> dict[str, tuple[Any, ...]]:
    """Each entry's id -> where each of its fields and keys is in the file (line, column)."""
    entries = loaded.data.get(key) if isinstance(loaded.data, dict) else None
    if not isinstance(entries, list):
        return {}
    numbers = {
        number: entry["id"]
        for number, entry in enumerate(entries)
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }
    found: dict[str, list[tuple[Any, ...]]] = {entry_id: [] for entry_id in numbers.values()}
    for kind, positions in enumerate((loaded.positions, loaded.key_positions)):
        for path, position in positions.items():
            if len(path) > 1 and path[0] == key and path[1] in numbers:
                found[numbers[path[1]]].append((kind, path[2:], position))
    return {entry_id: tuple(places) for entry_id, places in found.items()}  # file order


def _leaves(value: Any) -> list[str]:
    """Every string inside a value (a mapping's values, a list's items)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return []


def _digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return b""


def _reference(tree: CheckedTree) -> None:
    """Load and check the reference data (validate/tree.py's own steps, in its order)."""
    from generator.validate import tree as whole

    problems: list[Problem] = []
    tree.reference_digests = {stem: _digest(p) for stem, p in tree.reference_paths.items()}
    tree.reference, tree.reference_files = whole.load_reference(
        tree.guides_dir, tree.reference_paths, tree.schemas, problems
    )
    index = build_index(tree.reference)
    tree.index = dataclasses.replace(index, facts=build_facts(tree.reference_files))
    for kind, loaded in tree.reference_files:
        problems.extend(check_reference(kind, loaded, tree.index))
    tree.reference_problems = problems


def _check(
    tree: CheckedTree, paths: list[Path], before: dict[Path, FileResult] | None = None
) -> list[FileResult]:
    """Check these guide files (in two worker processes when there are many).

    A file `before` holds with the same bytes (checked again for the reference data's
    sake) reads as it did: its data is not sent back from the workers again (at 10,000
    guides an office's users are thousands of dicts), the one kept is used.
    """
    from generator.validate import tree as whole

    before = before or {}
    digests = [_digest(path) for path in paths]
    same = [
        number
        for number, (path, digest) in enumerate(zip(paths, digests, strict=True))
        if path in before and before[path].digest == digest
    ]
    other = sorted(set(range(len(paths))) - set(same))
    settings = (tree.index, tree.today, tree.review_max_age_days)
    results: list[FileResult | None] = [None] * len(paths)
    for numbers, keep_data in ((other, True), (same, False)):
        if not numbers:
            continue
        found = whole.check_files(
            [paths[n] for n in numbers], tree.guides_dir, tree.schemas, settings, keep_data=keep_data
        )
        for number, (data, problems, key) in zip(numbers, found, strict=True):
            if not keep_data:
                data = before[paths[number]].data
            results[number] = FileResult(digests[number], data, problems, key)
    return [result for result in results if result is not None]
