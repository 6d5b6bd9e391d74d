"""The results cache: what validation found in a file, kept by the file's content.

A validated file's result (its problems, and what the rules across files need of it) is
kept under a key made of everything the result depends on: the file's bytes and name,
the schemas and the code of the rules (`rules_digest`), the reference data, today's date,
the review age and the messages' language. A key either matches exactly or is not used,
so a changed file, schema, rule or reference file can never be answered from the cache;
nothing is invalidated by hand.

The store is one JSON file per guides tree, outside the tree (`cache_dir`): the user's
cache folder, or `GUIDES_CACHE_DIR` when set. It is only an aid: a store that cannot be
read (missing, cut short, not JSON, another version) is treated as empty, an entry of the
wrong shape as a miss, and a store that cannot be written is left as it was. It is
written whole to a temporary file and renamed into place, so a reader never sees half.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

FORMAT = 1
"""The store's layout; a store of another layout is read as empty."""

MAX_KEPT = 100_000
"""Most results a run over some files keeps besides its own (ten per guide of a large
office's 10,000): past it, only this run's are kept, so edits cannot grow the store
without end between full runs."""

_APP = "service-guides"
_PACKAGE = Path(__file__).resolve().parent.parent
_RULES_CODE = ("source", "validate", "common", "locale")
"""The parts of the package whose files decide what validation reports (their code, the
message catalogues); the schemas are added by the caller, as read."""


def cache_dir() -> Path:
    """Return the folder for cached results: `GUIDES_CACHE_DIR`, else the user's cache folder."""
    chosen = os.environ.get("GUIDES_CACHE_DIR")
    if chosen:
        return Path(chosen)
    return Path(platformdirs.user_cache_dir(_APP, appauthor=False)) / "validate"


def rules_digest(schemas: Any) -> str:
    """Return a digest of the rules' code, the message catalogues and the schemas (`schemas`,
    any JSON-ready data): a change to any of them gives another digest."""
    digest = hashlib.sha256(json.dumps(schemas, sort_keys=True, ensure_ascii=False).encode())
    digest.update(_code_digest().encode())
    return digest.hexdigest()


@functools.cache
def _code_digest() -> str:
    """The digest of the rules' code and catalogues, read once a process: a running process
    keeps the code it imported, whatever becomes of the files afterwards (a preview server
    reading them again on every save would only pay for it)."""
    digest = hashlib.sha256()
    for part in _RULES_CODE:
        for path in sorted((_PACKAGE / part).rglob("*")):
            if path.suffix in (".py", ".mo") and path.is_file():
                digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def file_key(context: str, display: str, raw: bytes) -> str:
    """Return the key of one file's result: its bytes and name under a run's `context`."""
    digest = hashlib.sha256(context.encode())
    digest.update(b"\0" + display.encode() + b"\0")
    digest.update(raw)
    return digest.hexdigest()


class ResultStore:
    """Results by key, read from and written back to one file."""

    def __init__(self, path: Path | None) -> None:
        """Open the store at `path` (None: a store that keeps results for this run only)."""
        self.path = path
        self._old: dict[str, Any] = self._read() if path is not None else {}
        self._new: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0
        self._kept: tuple[str, Any] | None = None

    @classmethod
    def for_tree(cls, guides_dir: Path, folder: Path | None = None) -> ResultStore:
        """Open the store of one guides tree, in `folder` (default: `cache_dir()`)."""
        name = hashlib.sha256(os.path.abspath(guides_dir).encode()).hexdigest()[:24]
        return cls((folder or cache_dir()) / f"{name}.json")

    def get(self, key: str) -> Any:
        """Return the result kept under `key`, or None; a result found is kept at the next save."""
        found = self._new.get(key)
        if found is None:
            found = self._old.get(key)
            if found is not None:
                self._new[key] = found
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def forget(self, key: str) -> None:
        """Drop a result that proved unusable (of the wrong shape)."""
        self._new.pop(key, None)
        self._old.pop(key, None)
        self.hits -= 1
        self.misses += 1

    def put(self, key: str, result: Any) -> None:
        """Keep `result` (JSON-ready data) under `key`."""
        self._new[key] = result

    def keep(self, key: str, value: Any) -> None:
        """Keep one object of this process under `key`, in place of the one kept before.

        It is never saved: validation keeps the reference stage here (the reference data
        loaded and checked, and the index the guides' rules read), so the next run over an
        unchanged reference skips it. `key` must hold everything `value` depends on."""
        self._kept = (key, value)

    def kept(self, key: str) -> Any:
        """Return the object kept under `key`, or None."""
        if self._kept is None or self._kept[0] != key:
            return None
        return self._kept[1]

    def save(self, *, keep_unused: bool = False) -> None:
        """Write the results used or made in this run (and, with `keep_unused`, the others).

        A full run keeps only what it used, so results of files since changed or removed
        do not pile up; a run over some files keeps the rest for the next full one.
        """
        if self.path is None:
            return
        entries = self._new
        if keep_unused and len(self._old) + len(self._new) <= MAX_KEPT:
            entries = {**self._old, **self._new}
        text = json.dumps({"format": FORMAT, "entries": entries}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=".results-", suffix=".tmp", dir=self.path.parent
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise

    def _read(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            with open(self.path, encoding="utf-8") as stream:
                stored = json.load(stream)
        except (OSError, ValueError):
            return {}  # missing, unreadable, cut short or not JSON: start again
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}
