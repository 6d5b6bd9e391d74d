"""The only reader of guides/: YAML to plain data with a position for every node.

Decisions an editor can rely on (each has a test in tests/test_loader.py):

- Plain (unquoted) scalars are resolved by the YAML 1.2 core rules only, narrowed:
  ``true``/``false``, ``null``/``~``/empty, decimal integers without leading zeros and
  decimal floats. Everything else stays the exact source text: ``yes``, ``no``, ``on``,
  ``0755``, ``1:30``, ``2024-01-01``, ``0599-12345``. When such a scalar did become a
  number or a boolean, its source text is kept in ``LoadedFile.plain_texts`` so that a
  schema error can say "write it in quotes".
- Dates are never turned into date objects; they stay ``"YYYY-MM-DD"`` strings.
- Keys are always text (the source text of the key).
- Duplicate keys, merge keys (``<<``), explicit tags (``!!str``, ``!!python/...``) and
  more than one document in a file are errors.
- Anchors and aliases are allowed, but the data they expand to is bounded by
  ``MAX_NODES``; an alias that points into its own anchor is an error.
- Bounds on file size, nesting depth and node count keep a hostile file to a clear
  problem within bounded time and memory.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.common.i18n import _
from generator.source import yaml_mistakes
from generator.source.fast_yaml import UNSURE, fast_data
from generator.source.yaml_events import (
    MAX_DEPTH,
    MAX_NODES,
    CommentCut,
    EventBuilder,
    FieldPath,
    Maps,
    Position,
    ReadStop,
    problem,
    resolve_plain,
)
from generator.validate.problems import Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "FieldPath",
    "LoadedFile",
    "Position",
    "format_path",
    "load_bytes",
    "load_file",
    "resolve_plain",
]


def _comment_after_content(text: str) -> bool:
    """True when a line has something, then spaces and `#`: a comment may cut a text there.

    Runs on every file read, so it visits only the `#` signs (a guide has a handful)
    instead of trying a regular expression at every character (0.25 ms a guide).
    """
    at = text.find("#")
    while at >= 0:
        before = at - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        if before < at - 1 and before >= 0 and text[before] not in "#\n\r":
            return True
        at = text.find("#", at + 1)
    return False


MAX_FILE_BYTES = 1_048_576
"""Largest file read; a complete guide is about 10 KB."""


@dataclass
class LoadedFile:
    """A file read as plain data, with where each value and key sits in the source.

    Positions are worked out on first use by reading the source again: most files have
    no problem, and skipping them halves the loader's work on those.
    """

    path: Path
    display: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    untouched: bool = False
    """Set by a reader that checks `data` at once and lets nothing change it before
    (validate/tree.py): only then may `may_hold` answer from the source."""
    _text: str | None = field(default=None, repr=False)
    _maps: Maps | None = field(default=None, repr=False)
    _source: str | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[FieldPath, Position]:
        """Field path -> (line, column) of the value, 1-based."""
        return self._located()[0]

    @property
    def key_positions(self) -> dict[FieldPath, Position]:
        """Field path -> (line, column) of the key that names it, 1-based."""
        return self._located()[1]

    @property
    def plain_texts(self) -> dict[FieldPath, str]:
        """Field path -> source text of an unquoted scalar that became a number or boolean."""
        return self._located()[2]

    @property
    def comment_cuts(self) -> dict[FieldPath, CommentCut]:
        """Field path -> an unquoted text that a ` #` comment cuts short on its last line."""
        if self._maps is None and (self._text is None or not _comment_after_content(self._text)):
            return {}  # no comment after content on any line: skip the locating pass
        return self._located()[3]

    def may_hold(self, found_in: Callable[[str], bool]) -> bool:
        """Tell whether some text of the file may hold a thing; False only when none can.

        `found_in(text)` tells whether a text holds it (a fast test: a substring, a
        character class), and is asked once, of the file's source.

        Looks at the source once instead of at every text: a text is its source
        characters, joined at line breaks by a space or a line feed, unless an escape
        (`\\u200b`, a `\\` at the end of a line in double quotes) spells it otherwise,
        so a file without a backslash, where the source has no match, has no text
        that holds it either (for a thing that is not a space or a line feed alone).
        A file without its source kept, or whose data may have been changed since it
        was read (`untouched` not set), may always hold it.
        """
        source = self._source
        if source is None or not self.untouched or "\\" in source:
            return True
        return found_in(source)

    def fragment_position(self, path: FieldPath, fragment: str) -> Position:
        """Return where `fragment` is first written in the source of the value at `path`.

        Falls back to the value's own position when the source spells it otherwise (an
        escape such as `\\u200b` in double quotes).
        """
        start = self.position(path)
        source = self._source
        if source is None:
            return start
        line_start = 0
        for _line in range(start[0] - 1):
            line_start = source.find("\n", line_start) + 1
        found = source.find(fragment, line_start + start[1] - 1)
        if found < 0:
            return start
        line = source.count("\n", 0, found) + 1
        return line, found - (source.rfind("\n", 0, found) + 1) + 1

    def position(self, path: FieldPath) -> Position:
        """Return the position of the value at `path`, or of its nearest located parent."""
        positions = self.positions
        while path:
            found = positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return positions.get((), (1, 1))

    def key_position(self, path: FieldPath) -> Position:
        """Return the position of the key that names `path`, falling back to the value."""
        return self.key_positions.get(path) or self.position(path)

    def _located(self) -> Maps:
        if self._maps is None:
            maps: Maps = ({}, {}, {}, {})
            if self._text is not None:
                with contextlib.suppress(ReadStop, yaml.YAMLError):
                    EventBuilder(self.display, maps).build(self._text)
            self._maps = maps
            self._text = None
        return self._maps


def format_path(path: FieldPath) -> str:
    """Return a field path as an editor writes it: `materials[2].copies`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read one YAML file; every trap becomes a Problem on the result, never an exception.

    Only an ordinary file is opened: a symbolic link (to /etc/passwd, to /dev/stdin) or
    a named pipe is named as a problem and never followed or opened, so that validation
    reads nothing outside the guides and cannot wait forever on a pipe.
    """
    shown = display if display is not None else str(path)
    raw = read_source(path, shown)
    if isinstance(raw, LoadedFile):
        return raw
    return load_bytes(raw, path, shown)


def read_source(path: Path, display: str) -> bytes | LoadedFile:
    """Return a file's bytes, or a LoadedFile holding the problem that kept it from being read.

    The first half of `load_file`, also used to look a file up in the results cache by
    its bytes (generator/source/cache.py) with the same care: no link followed, no pipe
    waited on, no file over the size limit read.
    """
    shown = display
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            return _failed(
                path,
                shown,
                1,
                1,
                _file_kind(mode),
                _("replace it with the guide file itself, saved inside the guides folder"),
                "file.not-regular",
            )
        # O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a pipe after the check
        # above fails or returns at once instead of being followed or waited on.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(path, flags)
        try:
            size = os.fstat(descriptor).st_size
            if size > MAX_FILE_BYTES:
                return _failed(
                    path,
                    shown,
                    1,
                    1,
                    _("the file is {size} bytes; the limit is {limit} bytes").format(
                        size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}"
                    ),
                    _("a guide is about 10 KB: check that this is the right file, or split it"),
                    "file.too-large",
                )
            raw = _read_all(descriptor, size)
        finally:
            os.close(descriptor)
    except OSError as error:
        return _failed(
            path,
            shown,
            1,
            1,
            _("cannot read the file: {error}").format(error=error.strerror or error),
            _("check that the file exists and can be read"),
            "file.unreadable",
        )
    return raw


def _read_all(descriptor: int, size: int) -> bytes:
    """Read an open file to its end, or to one byte past the size limit.

    `os.read` straight from the descriptor, asking for the size `fstat` gave (and more
    while the file grows): a file object around it cost 30 µs a guide, as much as the rest
    of reading the file's bytes."""
    chunks: list[bytes] = []
    total = 0
    wanted = min(size, MAX_FILE_BYTES) + 1
    while total <= MAX_FILE_BYTES:
        chunk = os.read(descriptor, wanted)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        wanted = min(65_536, MAX_FILE_BYTES + 1 - total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _file_kind(mode: int) -> str:
    """Say what a path that is not an ordinary file is."""
    if stat.S_ISLNK(mode):
        return _("this is a symbolic link, not an ordinary file, so it is not read")
    if stat.S_ISFIFO(mode):
        return _("this is a named pipe (FIFO), not an ordinary file, so it is not read")
    if stat.S_ISDIR(mode):
        return _("this is a folder, not an ordinary file, so it is not read")
    if stat.S_ISSOCK(mode):
        return _("this is a socket, not an ordinary file, so it is not read")
    return _("this is a device, not an ordinary file, so it is not read")


def load_bytes(raw: bytes, path: Path, display: str) -> LoadedFile:
    """Read YAML from bytes already in memory (the rest of `load_file`)."""
    loaded = LoadedFile(path=path, display=display)
    if len(raw) > MAX_FILE_BYTES:
        return _failed(
            path,
            display,
            1,
            1,
            _("the file is larger than {limit} bytes").format(limit=f"{MAX_FILE_BYTES:,}"),
            _("a guide is about 10 KB: check that this is the right file, or split it"),
            "file.too-large",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        loaded.problems.append(
            problem(
                display,
                1,
                1,
                _("the file starts with a byte order mark (BOM)"),
                _("save the file as UTF-8 without BOM"),
                "file.bom",
            )
        )
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        loaded.problems.append(
            problem(
                display,
                line,
                column,
                _("the file contains a NUL byte; it looks like a binary file, not YAML"),
                _("save the guide as plain UTF-8 text"),
                "file.binary",
            )
        )
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        loaded.problems.append(
            problem(
                display,
                line,
                column,
                _("the file is not valid UTF-8 (byte 0x{byte} cannot be read)").format(
                    byte=f"{raw[error.start]:02x}"
                ),
                _("save the file as UTF-8; editors call it 'UTF-8' or 'Unicode (UTF-8)', not GBK"),
                "file.encoding",
            )
        )
        return loaded
    tab = _first_tab_indent(text)
    if tab is not None:
        loaded.problems.append(
            problem(
                display,
                tab[0],
                tab[1],
                _("a tab is used for indentation; YAML allows only spaces there"),
                _("replace the tab with spaces (2 per level)"),
                "yaml.tab",
            )
        )
        return loaded
    data = fast_data(text, raw)
    if data is not UNSURE:  # a clean file read without an object per node (fast_yaml.py)
        loaded.data = data
        loaded._text = loaded._source = text
        return loaded
    try:
        loaded.data = EventBuilder(display).build(text)
        loaded._text = loaded._source = text
    except (ReadStop, yaml.YAMLError):
        pass  # read again with positions, to say exactly where
    else:
        if loaded.data is None and not _has_content(text):
            loaded.problems.append(
                problem(
                    display,
                    1,
                    1,
                    _("the file is empty"),
                    _(
                        "a guide starts with `id:`; copy "
                        "guides/services/teacher-qualification.yaml to begin"
                    ),
                    "file.empty",
                )
            )
        return loaded
    maps: Maps = ({}, {}, {}, {})
    loaded._maps = maps
    loaded._source = text
    try:
        loaded.data = EventBuilder(display, maps).build(text)
    except ReadStop as stop:
        loaded.problems.append(stop.problem)
        loaded.data = None
    except yaml.MarkedYAMLError as error:
        loaded.problems.append(yaml_mistakes.explain(display, text, error))
        loaded.data = None
    except yaml.YAMLError as error:
        loaded.problems.append(
            problem(
                display,
                1,
                1,
                _("the file cannot be read as YAML: {error}").format(error=error),
                _("check the file's syntax"),
            )
        )
        loaded.data = None
    return loaded


def _failed(
    path: Path, display: str, line: int, column: int, message: str, hint: str, code: str
) -> LoadedFile:
    return LoadedFile(
        path=path, display=display, problems=[problem(display, line, column, message, hint, code)]
    )


def _byte_position(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _first_tab_indent(text: str) -> Position | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent and stripped and not stripped.startswith("#"):
            return number, indent.index("\t") + 1
    return None


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False
