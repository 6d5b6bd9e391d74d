"""Validate a guides tree: load every file, check it against its schema, then the accuracy rules.

Per-file work (read, parse, schema, single-guide rules) runs in two worker processes
when there are many files; the rules that need every guide (unique ids and titles,
related guides) run once at the end over small summaries. Given a results cache
(generator/source/cache.py), a file whose bytes, name and context were seen before is
answered from it and not read again as YAML.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from generator.common import clock, i18n
from generator.common.i18n import _
from generator.source import fast_yaml
from generator.source.cache import ResultStore, file_key
from generator.source.files import (
    REFERENCE_FILES,
    display_name,
    is_reference,
    scan_tree,
    source_name,
)
from generator.source.loader import LoadedFile, load_bytes, load_file, read_source
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
CHUNK_MOST = 50
"""Most files handed to a worker at once: at the end of a run one worker may still have a
chunk to check while the other has none (312 files, 0.2 s, at 10,000 guides before)."""


_T = TypeVar("_T")

Progress = Callable[[int, int], None]
"""Told (guides checked so far, guides to check) as a run goes on."""
FileResult = tuple[dict[str, Any] | None, list[Problem], GuideKey | None]
"""One guide file's validated data (when kept), problems, and key for the rules across files."""


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
    keep_data: bool = True,
    cache: ResultStore | None = None,
    progress: Progress | None = None,
) -> ValidationResult:
    """Validate the guides under `guides_dir` (or only `paths` within it, plus its reference data).

    `keep_data=False` leaves `ValidationResult.guides` empty (all `guides validate` needs
    is the problems), which spares sending every guide back from the worker processes
    and lets `cache` answer for a file seen before. `cache` is looked up and filled (and
    saved at the end); `progress` is told how many guides have been checked.

    Raises CannotValidate when the directory or the schemas cannot be read.
    """
    schemas = open_tree(guides_dir)
    today = today or clock.today()
    problems: list[Problem] = []

    scan = scan_tree(guides_dir)
    context = ""
    raws: dict[str, bytes | LoadedFile] | None = None
    if cache is not None:
        context, raws = _context(guides_dir, scan.reference, schemas, today, review_max_age_days)
    stage: _ReferenceStage | None = cache.kept(context) if cache is not None else None
    if stage is None:
        stage = _reference_stage(guides_dir, scan.reference, schemas, raws)
        if cache is not None:
            cache.keep(context, stage)
    reference, reference_files, index, reference_problems = stage
    problems.extend(reference_problems)

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
        guide_paths, guides_dir, schemas, settings, workers, keep_data, cache, context, progress
    ):
        problems.extend(file_problems)
        if data is not None:
            guides.append(data)
        if key is not None:
            keys.append(key)
    keys.extend(_read_keys(others, guides_dir, schemas, settings, workers, cache, context))
    problems.extend(check_across(keys, focus))
    if cache is not None:
        cache.save(keep_unused=paths is not None)
    return ValidationResult(
        sorted(problems), len(reference_files) + len(guide_paths), guides, reference
    )


def _context(
    guides_dir: Path,
    reference: dict[str, Path],
    schemas: SchemaSet,
    today: date,
    max_age: int,
) -> tuple[str, dict[str, bytes | LoadedFile]]:
    """Return what every guide's result depends on besides its own file, as one digest:
    the rules and schemas, the reference files' bytes, the date, the review age and the
    messages' language; and the reference files as read for it (their bytes, or the
    problem that kept one from being read), so that the reference stage loads what the
    digest was made of."""
    digest = hashlib.sha256(schemas.digest.encode())
    raws: dict[str, bytes | LoadedFile] = {}
    for stem in sorted(REFERENCE_FILES):
        path = reference.get(stem)
        raw = None
        if path is not None:
            raws[stem] = raw = read_source(path, display_name(path))
        digest.update(f"\0{stem}\0{os.path.abspath(path) if path else '-'}\0".encode())
        digest.update(raw if isinstance(raw, bytes) else b"\0unread\0")
    digest.update(f"\0{today.isoformat()}\0{max_age}\0{i18n.current_language()}".encode())
    digest.update(f"\0{os.path.abspath(guides_dir)}\0{os.getcwd()}".encode())
    return digest.hexdigest(), raws


_ReferenceStage = tuple[
    dict[str, list[dict[str, Any]]], list[tuple[str, LoadedFile]], ReferenceIndex, list[Problem]
]
"""The reference data, its files as loaded, the index the guides' rules read, and the
reference files' own problems."""


def _reference_stage(
    guides_dir: Path,
    found: dict[str, Path],
    schemas: SchemaSet,
    raws: dict[str, bytes | LoadedFile] | None,
) -> _ReferenceStage:
    """Load and check the reference data and build the index: the first stage of a run,
    about 20 ms of the 35 a one-guide run takes on the samples, so a results store keeps
    it for the next run over the same reference files (`ResultStore.keep`)."""
    problems: list[Problem] = []
    reference, reference_files = load_reference(guides_dir, found, schemas, problems, raws)
    index = build_index(reference)
    index = dataclasses.replace(index, facts=build_facts(reference_files))
    for kind, loaded in reference_files:
        problems.extend(check_reference(kind, loaded, index))
    return reference, reference_files, index, problems


def open_tree(guides_dir: Path) -> SchemaSet:
    """Return the schemas to validate `guides_dir` with; CannotValidate when the folder or
    the schemas cannot be read (`guides validate` and the preview start here alike)."""
    if not guides_dir.is_dir():
        raise CannotValidate(_("{path}: no such directory").format(path=guides_dir))
    try:
        return load_schemas()
    except SchemaUnavailable as error:
        raise CannotValidate(str(error)) from error


def load_reference(
    guides_dir: Path,
    found: dict[str, Path],
    schemas: SchemaSet,
    problems: list[Problem],
    raws: dict[str, bytes | LoadedFile] | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, LoadedFile]]]:
    """Load and schema-check the reference files `scan_tree` found; add their problems.

    `raws` holds files already read (by stem), which are not read again."""
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
        raw = raws.get(stem) if raws is not None else None
        if raw is None:
            loaded = load_file(path, display_name(path))
        elif isinstance(raw, bytes):
            loaded = load_bytes(raw, path, display_name(path))
        else:
            loaded = raw
        problems.extend(loaded.problems)
        loaded_files.append((stem, loaded))
        if loaded.problems:
            continue
        problems.extend(_root_mapping(loaded) or schemas.check(stem, loaded))
        items = loaded.data.get(key) if isinstance(loaded.data, dict) else None
        if isinstance(items, list):
            reference[key] = [item for item in items if isinstance(item, dict)]
    return reference, loaded_files


_worker_state: tuple[SchemaSet, ReferenceIndex, date, int, Path, bool] | None = None


def _init_worker(
    index: ReferenceIndex,
    today: date,
    max_age: int,
    guides_dir: Path,
    keep_data: bool,
    language: str,
) -> None:
    global _worker_state
    i18n.set_language(language)  # a worker's messages in the parent's language
    if _worker_state is None:  # started by forkserver; a forked worker has the parent's
        _worker_state = (load_schemas(), index, today, max_age, guides_dir, keep_data)


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
    return check_placeholders(Checker(loaded), placeholder_paths(loaded.data, loaded), problems)


def _check_one(path: Path) -> FileResult:
    assert _worker_state is not None
    schemas, index, today, max_age, guides_dir, keep_data = _worker_state
    loaded = load_file(path, display_name(path))
    loaded.untouched = True  # checked as read: the text rules may skip what its source lacks
    problems = check_guide_file(loaded, schemas, index, today=today, review_max_age_days=max_age)
    if not isinstance(loaded.data, dict) or loaded.problems:
        return None, problems, None
    if not keep_data:
        return None, problems, guide_key(loaded)
    data = dict(loaded.data)
    data["_source"] = source_name(path, guides_dir)
    return data, problems, guide_key(loaded)


def _read_key(path: Path) -> GuideKey | None:
    loaded = load_file(path, display_name(path))
    if not isinstance(loaded.data, dict) or loaded.problems:
        return None
    return guide_key(loaded)


_Sent = (
    tuple[str, str | None, str | None, tuple[str, ...], tuple[str, ...], str | None, str | None]
    | None
)
"""A guide key as a worker sends it: (display, id, title, related, aliases, department, code
prefix), without the path."""


def _sent(key: GuideKey | None) -> _Sent:
    if key is None:
        return None
    return (
        key.display,
        key.guide_id,
        key.title,
        key.related,
        key.aliases,
        key.department,
        key.code_prefix,
    )


def _received(sent: _Sent, path: Path) -> GuideKey | None:
    return None if sent is None else GuideKey(sent[0], path, *sent[1:])


def _check_sent(path: str) -> tuple[dict[str, Any] | None, list[Problem], _Sent]:
    """`_check_one` in a worker: the path comes and the key goes back as plain text.

    A `Path` costs about 2 µs to pickle and 6 µs to unpickle, and each crossed the pool
    twice per guide (the file to check, the key's own path back): 0.15 s of CPU at
    10,000 guides. The parent still holds every path, and puts it back in the key."""
    data, problems, key = _check_one(Path(path))
    return data, problems, _sent(key)


def _read_key_sent(path: str) -> _Sent:
    return _sent(_read_key(Path(path)))


_IN_WORKERS: dict[
    Callable[[Path], Any], tuple[Callable[[str], Any], Callable[[Any, Path], Any]]
] = {
    _check_one: (_check_sent, lambda result, path: (*result[:2], _received(result[2], path))),
    _read_key: (_read_key_sent, _received),
}
"""What a worker runs instead of each task, and how the parent reads its answer back."""


def check_files(
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    *,
    keep_data: bool = True,
) -> list[FileResult]:
    """Check these guide files and keep their data, with no cache: what `guides serve`
    does for the files just saved (generator/site/checked.py keeps the others' results).
    Without `keep_data`, only problems and keys come back (files the caller has the data
    of: the workers do not send it)."""
    return _check_guides(paths, guides_dir, schemas, settings, None, keep_data, None, "", None)


def _check_guides(
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    workers: int | None,
    keep_data: bool,
    cache: ResultStore | None,
    context: str,
    progress: Progress | None,
) -> list[FileResult]:
    results: list[FileResult | None] = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    if cache is not None:
        for number, path in enumerate(paths):
            display = display_name(path)
            keys[number] = key = _file_key(path, display, context)
            if key is not None and not keep_data:
                results[number] = _cached(cache, key, path, display)
    todo = [number for number, result in enumerate(results) if result is None]
    done = len(paths) - len(todo)
    checked = _map_files(
        _check_one,
        [paths[number] for number in todo],
        guides_dir,
        schemas,
        settings,
        workers,
        keep_data,
        _Counter(progress, done, len(paths)) if progress is not None else None,
    )
    for number, result in zip(todo, checked, strict=True):
        results[number] = result
        key = keys[number]
        if cache is not None and key is not None:
            cache.put(key, _encode(result))
    return [result for result in results if result is not None]


def _read_keys(
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    workers: int | None,
    cache: ResultStore | None,
    context: str,
) -> list[GuideKey]:
    """Read only what the rules across files need of guides that are not being checked."""
    found: list[GuideKey] = []
    unread = paths
    if cache is not None:
        unread = []
        for path in paths:
            display = display_name(path)
            key = _file_key(path, display, context)
            result = _cached(cache, key, path, display) if key is not None else None
            if result is None:
                unread.append(path)
            elif result[2] is not None:
                found.append(result[2])
    keys = _map_files(_read_key, unread, guides_dir, schemas, settings, workers, False)
    return found + [key for key in keys if key is not None]


class _Counter:
    """Tells `progress` the count so far, one file at a time."""

    def __init__(self, progress: Progress, done: int, total: int) -> None:
        self.progress, self.done, self.total = progress, done, total
        progress(done, total)

    def step(self) -> None:
        self.done += 1
        self.progress(self.done, self.total)


def _map_files(
    work: Callable[[Path], _T],
    paths: list[Path],
    guides_dir: Path,
    schemas: SchemaSet,
    settings: tuple[ReferenceIndex, date, int],
    workers: int | None,
    keep_data: bool,
    counter: _Counter | None = None,
) -> list[_T]:
    index, today, max_age = settings
    global _worker_state
    _worker_state = (schemas, index, today, max_age, guides_dir, keep_data)
    workers = workers if workers is not None else (WORKERS if len(paths) >= PARALLEL_FROM else 1)
    if workers > 1:
        import multiprocessing
        from concurrent.futures.process import BrokenProcessPool

        # fork on Linux when this process runs no other thread: the workers start at once
        # with the schemas and reference data already in memory. A threaded parent (the
        # preview's watcher) gets forkserver instead: a fork copies no other thread, and
        # a lock one of them held would stay locked in the worker. macOS's system
        # libraries are not safe to fork at all (Python starts processes by spawn there).
        single = threading.active_count() == 1 and sys.platform.startswith("linux")
        method = "fork" if single else "forkserver"
        if method not in multiprocessing.get_all_start_methods():
            method = "spawn"
        context = multiprocessing.get_context(method)
        if method == "fork":
            fast_yaml.prepare()  # imported once here, not once in every worker
        elif method == "forkserver":
            # The server process imports the rules once when it starts (the first pool);
            # each worker forked from it then starts with them, instead of importing
            # them itself (0.2-0.5 s a pool: `guides serve` makes one for every edit that
            # checks hundreds of guides again, such as an office's hours).
            context.set_forkserver_preload(["__main__", __name__])
        chunksize = max(1, min(CHUNK_MOST, len(paths) // (workers * 16)))
        results: list[_T] = []
        try:
            with ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(index, today, max_age, guides_dir, keep_data, i18n.current_language()),
            ) as pool:
                remote, receive = _IN_WORKERS[work]
                sent = pool.map(remote, [os.fspath(path) for path in paths], chunksize=chunksize)
                for path, result in zip(paths, sent, strict=True):
                    results.append(receive(result, path))
                    if counter is not None:
                        counter.step()
                return results
        except (OSError, BrokenProcessPool):
            # no worker processes here (a sandbox without semaphores): one process will do
            if counter is not None:
                counter.done -= len(results)
    results = []
    for path in paths:
        results.append(work(path))
        if counter is not None:
            counter.step()
    return results


def _file_key(path: Path, display: str, context: str) -> str | None:
    """Return the cache key of a guide file, or None when it cannot be read as a file.

    `display` names the file from the working folder, which is part of `context`: the
    two together name one file.
    """
    raw = read_source(path, display)
    if not isinstance(raw, bytes):
        return None  # a link, a pipe, a folder, too large: checked each time, never kept
    return file_key(context, display, raw)


def _encode(result: FileResult) -> dict[str, Any]:
    """Return a file's problems and key as JSON-ready data for the cache."""
    _data, problems, key = result
    return {
        "problems": [
            [p.file, p.line, p.column, str(p.severity), p.path, p.message, p.hint, p.code]
            for p in problems
        ],
        "key": None
        if key is None
        else [
            key.guide_id,
            key.title,
            list(key.related),
            list(key.aliases),
            key.department,
            key.code_prefix,
        ],
    }


def _cached(cache: ResultStore, key: str, path: Path, display: str) -> FileResult | None:
    """Return the cached result under `key`, or None when there is none or it is not usable."""
    entry = cache.get(key)
    if entry is None:
        return None
    try:
        problems = [
            Problem(
                str(file),
                int(line),
                int(column),
                Severity(severity),
                str(where),
                str(message),
                str(hint),
                str(code),
            )
            for file, line, column, severity, where, message, hint, code in entry["problems"]
        ]
        found = entry["key"]
        guide: GuideKey | None = None
        if found is not None:
            guide_id, title, related, aliases, department, prefix = found
            if not (
                isinstance(guide_id, str | None)
                and isinstance(title, str | None)
                and isinstance(related, list)
                and all(isinstance(item, str) for item in related)
                and isinstance(aliases, list)
                and all(isinstance(item, str) for item in aliases)
                and isinstance(department, str | None)
                and isinstance(prefix, str | None)
            ):
                raise TypeError("a cached guide key of the wrong shape")
            guide = GuideKey(
                display, path, guide_id, title, tuple(related), tuple(aliases), department, prefix
            )
    except (TypeError, ValueError, KeyError):
        cache.forget(key)  # another shape: checked again, and the entry replaced
        return None
    return None, problems, guide


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
