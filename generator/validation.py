"""Validate a guides tree: load every file, check it against its schema, then the accuracy rules.

Per-file work (read, parse, schema, single-guide rules) runs in two worker processes
when there are many files; the rules that need every guide (unique ids and titles,
related guides) run once at the end over small summaries.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator import clock
from generator.guide_files import (
    REFERENCE_FILES,
    YAML_SUFFIXES,
    display_name,
    find_guides_root,
    guide_files,
    is_reference,
    source_name,
    stray_files,
)
from generator.loader import LoadedFile, load_file
from generator.problems import Problem, Severity, count, format_problems
from generator.rules import (
    GuideKey,
    ReferenceIndex,
    build_index,
    check_across,
    check_guide,
    check_reference,
    guide_key,
)
from generator.schema_errors import SchemaSet, SchemaUnavailable, load_schemas

PARALLEL_FROM = 400
"""Below this many guide files, worker processes cost more than they save."""
WORKERS = 2

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


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
        raise CannotValidate(f"{guides_dir}: no such directory")
    try:
        schemas = load_schemas()
    except SchemaUnavailable as error:
        raise CannotValidate(str(error)) from error
    today = today or clock.today()
    problems: list[Problem] = []

    reference, reference_files = _load_reference(guides_dir, schemas, problems)
    index = build_index(reference)
    for kind, loaded in reference_files:
        problems.extend(check_reference(kind, loaded, index))

    other_ids: frozenset[str] = frozenset()
    if paths is None:
        guide_paths = sorted(guide_files(guides_dir / "services"))
        problems.extend(stray_files(guides_dir))
    else:
        guide_paths = [path for path in paths if not is_reference(path, guides_dir)]
        checked = {path.resolve() for path in guide_paths}
        other_ids = frozenset(
            path.stem
            for path in guide_files(guides_dir / "services")
            if path.resolve() not in checked
        )
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
    problems.extend(check_across(keys, other_ids))
    return ValidationResult(
        sorted(problems), len(reference_files) + len(guide_paths), guides, reference
    )


def run_validate(paths: list[Path], *, fmt: str, strict: bool) -> int:
    """Validate what `guides validate` was given, print the problems; return the exit code."""
    try:
        groups = _group_by_root(paths)
        problems: list[Problem] = []
        files_checked = 0
        for root, files in groups.items():
            result = validate_tree(root, paths=files)
            problems.extend(result.problems)
            files_checked += result.files_checked
    except CannotValidate as error:
        print(f"guides validate: cannot run: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    output = format_problems(problems, fmt, files_checked)
    if output:
        print(output)
    errors, warnings = count(problems)
    if errors or (strict and warnings):
        return EXIT_PROBLEMS
    return EXIT_OK


def _group_by_root(paths: list[Path]) -> dict[Path, list[Path] | None]:
    groups: dict[Path, list[Path] | None] = {}
    for path in paths:
        if not path.exists():
            raise CannotValidate(f"{path}: no such file or directory")
        root = find_guides_root(path.resolve())
        if root is None:
            raise CannotValidate(
                f"{path}: no guides root found (a folder holding reference/ "
                "and services/) at or above it"
            )
        if (path.is_dir() and path.resolve() == root) or is_reference(path, root):
            groups[root] = None  # a change to shared data can break any guide
            continue
        files = sorted(guide_files(path)) if path.is_dir() else [path.resolve()]
        current = groups.setdefault(root, [])
        if current is not None:
            current.extend(file for file in files if file not in current)
    return groups


def _load_reference(
    guides_dir: Path, schemas: SchemaSet, problems: list[Problem]
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, LoadedFile]]]:
    reference: dict[str, list[dict[str, Any]]] = {key: [] for key in REFERENCE_FILES.values()}
    loaded_files: list[tuple[str, LoadedFile]] = []
    folder = guides_dir / "reference"
    for stem, key in REFERENCE_FILES.items():
        path = folder / f"{stem}.yaml"
        if not path.exists():
            problems.append(
                Problem(
                    display_name(path, guides_dir),
                    1,
                    1,
                    Severity.ERROR,
                    "",
                    "this reference file is missing",
                    f"create it with a `{key}:` list",
                )
            )
            continue
        loaded = load_file(path, display_name(path, guides_dir))
        problems.extend(loaded.problems)
        loaded_files.append((stem, loaded))
        if loaded.problems:
            continue
        problems.extend(_root_mapping(loaded) or schemas.check(stem, loaded))
        items = loaded.data.get(key) if isinstance(loaded.data, dict) else None
        if isinstance(items, list):
            reference[key] = [item for item in items if isinstance(item, dict)]
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in YAML_SUFFIXES and path.stem not in REFERENCE_FILES:
                problems.append(
                    Problem(
                        display_name(path, guides_dir),
                        1,
                        1,
                        Severity.WARNING,
                        "",
                        "this reference file is not used",
                        "reference files are: "
                        + ", ".join(f"{stem}.yaml" for stem in REFERENCE_FILES),
                    )
                )
    return reference, loaded_files


_worker_state: tuple[SchemaSet, ReferenceIndex, date, int, Path] | None = None


def _init_worker(index: ReferenceIndex, today: date, max_age: int, guides_dir: Path) -> None:
    global _worker_state
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
    return problems


def _check_one(path: Path) -> tuple[dict[str, Any] | None, list[Problem], GuideKey | None]:
    assert _worker_state is not None
    schemas, index, today, max_age, guides_dir = _worker_state
    loaded = load_file(path, display_name(path, guides_dir))
    problems = check_guide_file(loaded, schemas, index, today=today, review_max_age_days=max_age)
    if not isinstance(loaded.data, dict) or loaded.problems:
        return None, problems, None
    data = dict(loaded.data)
    data["_source"] = source_name(path, guides_dir)
    return data, problems, guide_key(loaded)


def _check_guides(
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    workers: int | None,
) -> list[tuple[dict[str, Any] | None, list[Problem], GuideKey | None]]:
    index, today, max_age = settings
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
                initargs=(index, today, max_age, guides_dir),
            ) as pool:
                return list(pool.map(_check_one, paths, chunksize=chunksize))
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (a sandbox without semaphores): one process will do
    global _worker_state
    _worker_state = (schemas, index, today, max_age, guides_dir)
    return [_check_one(path) for path in paths]


def _root_mapping(loaded: LoadedFile) -> list[Problem]:
    if isinstance(loaded.data, dict):
        return []
    found = "a list" if isinstance(loaded.data, list) else "a single value"
    return [
        Problem(
            loaded.display,
            1,
            1,
            Severity.ERROR,
            "",
            f"the file must be a mapping of keys, but it is {found}",
            "start the file with `id: ...` (no `- ` in front of the first key)",
        )
    ]
