"""Validate a guides tree: load every file, check it against its schema, then the accuracy rules.

Per-file work (read, parse, schema, single-guide rules) runs in two worker processes
when there are many files; the rules that need every guide (unique ids and titles,
related guides) run once at the end over small summaries.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from generator.common import clock, i18n
from generator.common.i18n import _
from generator.source.files import (
    REFERENCE_FILES,
    display_name,
    is_reference,
    scan_tree,
    source_name,
)
from generator.source.loader import LoadedFile, load_file
from generator.validate.problems import Problem, Severity
from generator.validate.rules import (
    GuideKey,
    ReferenceIndex,
    build_index,
    check_across,
    check_guide,
    check_reference,
    guide_key,
)
from generator.validate.rules.accuracy import build_facts
from generator.validate.rules.checker import Checker
from generator.validate.rules.placeholders import check_placeholders, placeholder_paths
from generator.validate.schema import SchemaSet, SchemaUnavailable, load_schemas

PARALLEL_FROM = 400
"""Below this many guide files, worker processes cost more than they save."""
WORKERS = 2


_T = TypeVar("_T")


@dataclass(frozen=True)
class ValidationResult:
    """Everything one validation run found, and the data it read."""

    problems: list[Problem]
    files_checked: int
    guides: list[dict[str, Any]]
    reference: dict[str, list[dict[str, Any]]]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(problem.severity is Severity.ERROR for problem in self.problems)


class CannotValidate(Exception):
    """Validation cannot run at all (missing path, unreadable schema); exit code 2."""


def validate_tree(
    guides_dir: Path,
    *,
    today: date | None = None,
    review_max_age_days: int = 365,
    paths: list[Path] | None = None,
    workers: int | None = None,
) -> ValidationResult:
    """Validate the guides under `guides_dir` (or only `paths` within it, plus its reference data).

    Raises CannotValidate when the directory or the schemas cannot be read.
    """
    if not guides_dir.is_dir():
        raise CannotValidate(_("{path}: no such directory").format(path=guides_dir))
    try:
        schemas = load_schemas()
    except SchemaUnavailable as error:
        raise CannotValidate(str(error)) from error
    today = today or clock.today()
    problems: list[Problem] = []

    scan = scan_tree(guides_dir)
    reference, reference_files = _load_reference(guides_dir, scan.reference, schemas, problems)
    index = build_index(reference)
    index = dataclasses.replace(index, facts=build_facts(reference_files))
    for kind, loaded in reference_files:
        problems.extend(check_reference(kind, loaded, index))

    focus: frozenset[str] | None = None
    if paths is None:
        guide_paths = scan.guides
        others: list[Path] = []
        problems.extend(scan.problems)
    else:
        guide_paths = [path for path in paths if not is_reference(path, guides_dir)]
        focus = frozenset(os.path.abspath(path) for path in guide_paths)
        # The rules across files (unique ids and titles, related guides) need every guide:
        # the others are read for their keys only, and problems are kept where they
        # involve a file that was asked for.
        others = [path for path in scan.guides if os.path.abspath(path) not in focus]
    settings = (index, today, review_max_age_days)
    guides: list[dict[str, Any]] = []
    keys: list[GuideKey] = []
    for data, file_problems, key in _check_guides(
        guide_paths, guides_dir, schemas, settings, workers
    ):
        problems.extend(file_problems)
        if data is not None:
            guides.append(data)
        if key is not None:
            keys.append(key)
    keys.extend(_read_keys(others, guides_dir, schemas, settings, workers))
    problems.extend(check_across(keys, focus))
    return ValidationResult(
        sorted(problems), len(reference_files) + len(guide_paths), guides, reference
    )


def _load_reference(
    guides_dir: Path, found: dict[str, Path], schemas: SchemaSet, problems: list[Problem]
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, LoadedFile]]]:
    reference: dict[str, list[dict[str, Any]]] = {key: [] for key in REFERENCE_FILES.values()}
    loaded_files: list[tuple[str, LoadedFile]] = []
    for stem, key in REFERENCE_FILES.items():
        path = found.get(stem)
        if path is None:
            problems.append(
                Problem(
                    display_name(guides_dir / "reference" / f"{stem}.yaml"),
                    1,
                    1,
                    Severity.ERROR,
                    "",
                    _("this reference file is missing"),
                    _("create it with a `{key}:` list").format(key=key),
                    "reference.file-missing",
                )
            )
            continue
        loaded = load_file(path, display_name(path))
        problems.extend(loaded.problems)
        loaded_files.append((stem, loaded))
        if loaded.problems:
            continue
        problems.extend(_root_mapping(loaded) or schemas.check(stem, loaded))
        items = loaded.data.get(key) if isinstance(loaded.data, dict) else None
        if isinstance(items, list):
            reference[key] = [item for item in items if isinstance(item, dict)]
    return reference, loaded_files


_worker_state: tuple[SchemaSet, ReferenceIndex, date, int, Path] | None = None


def _init_worker(
    index: ReferenceIndex, today: date, max_age: int, guides_dir: Path, language: str
) -> None:
    global _worker_state
    i18n.set_language(language)  # a worker's messages in the parent's language
    _worker_state = (load_schemas(), index, today, max_age, guides_dir)


def check_guide_file(
    loaded: LoadedFile,
    schemas: SchemaSet,
    index: ReferenceIndex,
    *,
    today: date,
    review_max_age_days: int = 365,
) -> list[Problem]:
    """Return every problem of one loaded guide file that it can show on its own."""
    if loaded.problems:
        return list(loaded.problems)
    problems = _root_mapping(loaded)
    if problems:
        return problems
    problems = schemas.check("guide", loaded)
    problems += check_guide(
        loaded,
        index,
        expected_id=loaded.path.stem,
        today=today,
        review_max_age_days=review_max_age_days,
    )
    # A place `guides new` left to fill is one problem, "not yet filled", and no other.
    return check_placeholders(Checker(loaded), placeholder_paths(loaded.data), problems)


def _check_one(path: Path) -> tuple[dict[str, Any] | None, list[Problem], GuideKey | None]:
    assert _worker_state is not None
    schemas, index, today, max_age, guides_dir = _worker_state
    loaded = load_file(path, display_name(path))
    problems = check_guide_file(loaded, schemas, index, today=today, review_max_age_days=max_age)
    if not isinstance(loaded.data, dict) or loaded.problems:
        return None, problems, None
    data = dict(loaded.data)
    data["_source"] = source_name(path, guides_dir)
    return data, problems, guide_key(loaded)


def _read_key(path: Path) -> GuideKey | None:
    loaded = load_file(path, display_name(path))
    if not isinstance(loaded.data, dict) or loaded.problems:
        return None
    return guide_key(loaded)


def _check_guides(
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    workers: int | None,
) -> list[tuple[dict[str, Any] | None, list[Problem], GuideKey | None]]:
    return _map_files(_check_one, paths, guides_dir, schemas, settings, workers)


def _read_keys(
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    workers: int | None,
) -> list[GuideKey]:
    """Read only what the rules across files need of guides that are not being checked."""
    keys = _map_files(_read_key, paths, guides_dir, schemas, settings, workers)
    return [key for key in keys if key is not None]


def _map_files(
    work: Callable[[Path], _T],
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    workers: int | None,
) -> list[_T]:
    index, today, max_age = settings
    global _worker_state
    _worker_state = (schemas, index, today, max_age, guides_dir)
    workers = workers if workers is not None else (WORKERS if len(paths) >= PARALLEL_FROM else 1)
    if workers > 1:
        import multiprocessing
        from concurrent.futures.process import BrokenProcessPool

        # forkserver: no fork of a possibly threaded parent; workers import only what they need.
        context = multiprocessing.get_context("forkserver")
        chunksize = max(1, len(paths) // (workers * 16))
        try:
            with ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(index, today, max_age, guides_dir, i18n.current_language()),
            ) as pool:
                return list(pool.map(work, paths, chunksize=chunksize))
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (a sandbox without semaphores): one process will do
    return [work(path) for path in paths]


def _root_mapping(loaded: LoadedFile) -> list[Problem]:
    if isinstance(loaded.data, dict):
        return []
    message = (
        _("the file must be a mapping of keys, but it is a list")
        if isinstance(loaded.data, list)
        else _("the file must be a mapping of keys, but it is a single value")
    )
    return [
        Problem(
            loaded.display,
            1,
            1,
            Severity.ERROR,
            "",
            message,
            _("start the file with `id: ...` (no `- ` in front of the first key)"),
            "file.not-a-mapping",
        )
    ]
