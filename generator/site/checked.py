"""Validation that keeps each guide file's result, for `guides serve`: a save re-checks one file.

`validate_tree` reads every file of the tree on every run (7 s at 10,000 guides). The
preview keeps what the last run found for each guide file (its validated data, its
problems and the small key the rules across files read) and, when files change, checks
only those again, then runs the rules across files over every key, which are cheap. The
result is the `ValidationResult` `validate_tree` would give for the same tree
(tests/test_preview_incremental.py compares them).

A change to the reference data re-checks every guide (the single-guide rules read the
reference index). A file added, removed or renamed, or any other change to what the tree
holds, is answered by `None`: the caller validates the whole tree again.

The calls into `validate/tree.py` are in `_check` (`check_files`) and `_reference`
(`load_reference`): the same steps `validate_tree` takes, so both find the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

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


def recheck(tree: CheckedTree, changed: set[Path]) -> tuple[CheckedTree, set[Path]] | None:
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
    if reference_changed:
        _reference(new)
        paths = list(new.files)
    else:
        wanted = {os.path.abspath(path) for path in changed}
        paths = [
            path
            for path in new.files
            if os.path.abspath(path) in wanted and _digest(path) != new.files[path].digest
        ]
    results = _check(new, paths)
    differ = {
        path
        for path, result in zip(paths, results, strict=True)
        if (result.data, result.problems, result.key)
        != (tree.files[path].data, tree.files[path].problems, tree.files[path].key)
    }
    new.files.update(zip(paths, results, strict=True))
    return new, differ


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


def _check(tree: CheckedTree, paths: list[Path]) -> list[FileResult]:
    """Check these guide files (in two worker processes when there are many)."""
    from generator.validate import tree as whole

    digests = [_digest(path) for path in paths]
    settings = (tree.index, tree.today, tree.review_max_age_days)
    found = whole.check_files(paths, tree.guides_dir, tree.schemas, settings)
    return [
        FileResult(digest, data, problems, key)
        for digest, (data, problems, key) in zip(digests, found, strict=True)
    ]
