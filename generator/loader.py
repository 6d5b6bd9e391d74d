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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, Severity

MAX_FILE_BYTES = 1_048_576
"""Largest file read; a complete guide is about 10 KB."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and lists; a guide needs about 5 levels."""
MAX_NODES = 50_000
"""Most values a file may expand to, aliases counted each time they are used."""

FieldPath = tuple[str | int, ...]
Position = tuple[int, int]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_NUMBER_STARTS = frozenset("0123456789+-")
_WORD_STARTS = frozenset("~nNtTfF")


Maps = tuple[dict[FieldPath, Position], dict[FieldPath, Position], dict[FieldPath, str]]


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
    _text: str | None = field(default=None, repr=False)
    _maps: Maps | None = field(default=None, repr=False)

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
            maps: Maps = ({}, {}, {})
            if self._text is not None:
                with contextlib.suppress(_Stop, yaml.YAMLError):
                    _Builder(self.display, maps).build(self._text)
            self._maps = maps
            self._text = None
        return self._maps


class _Stop(Exception):
    """Raised inside the builder when a file cannot be read any further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def format_path(path: FieldPath) -> str:
    """Return a field path as an editor writes it: `materials[2].copies`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar by the narrowed YAML 1.2 core rules described above."""
    if not text:
        return None
    first = text[0]
    if first in _NUMBER_STARTS:
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        return text
    if first in _WORD_STARTS:
        if text in _NULLS:
            return None
        if text in _TRUES:
            return True
        if text in _FALSES:
            return False
    return text


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read one YAML file; every trap becomes a Problem on the result, never an exception."""
    shown = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _failed(
                path,
                shown,
                1,
                1,
                f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
                "a guide is about 10 KB: check that this is the right file, or split it",
            )
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return _failed(
            path,
            shown,
            1,
            1,
            f"cannot read the file: {error.strerror or error}",
            "check that the file exists and can be read",
        )
    return load_bytes(raw, path, shown)


def load_bytes(raw: bytes, path: Path, display: str) -> LoadedFile:
    """Read YAML from bytes already in memory (the rest of `load_file`)."""
    loaded = LoadedFile(path=path, display=display)
    if len(raw) > MAX_FILE_BYTES:
        return _failed(
            path,
            display,
            1,
            1,
            f"the file is larger than {MAX_FILE_BYTES:,} bytes",
            "a guide is about 10 KB: check that this is the right file, or split it",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        loaded.problems.append(
            _problem(
                display,
                1,
                1,
                "the file starts with a byte order mark (BOM)",
                "save the file as UTF-8 without BOM",
            )
        )
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        loaded.problems.append(
            _problem(
                display,
                line,
                column,
                "the file contains a NUL byte; it looks like a binary file, not YAML",
                "save the guide as plain UTF-8 text",
            )
        )
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        loaded.problems.append(
            _problem(
                display,
                line,
                column,
                f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x} cannot be read)",
                "save the file as UTF-8; editors call it 'UTF-8' or 'Unicode (UTF-8)', not GBK",
            )
        )
        return loaded
    tab = _first_tab_indent(text)
    if tab is not None:
        loaded.problems.append(
            _problem(
                display,
                tab[0],
                tab[1],
                "a tab is used for indentation; YAML allows only spaces there",
                "replace the tab with spaces (2 per level)",
            )
        )
        return loaded
    try:
        loaded.data = _Builder(display).build(text)
        loaded._text = text
    except (_Stop, yaml.YAMLError):
        pass  # read again with positions, to say exactly where
    else:
        if loaded.data is None and not _has_content(text):
            loaded.problems.append(
                _problem(
                    display,
                    1,
                    1,
                    "the file is empty",
                    "a guide starts with `id:`; copy "
                    "guides/services/teacher-qualification.yaml to begin",
                )
            )
        return loaded
    maps: Maps = ({}, {}, {})
    loaded._maps = maps
    try:
        loaded.data = _Builder(display, maps).build(text)
    except _Stop as stop:
        loaded.problems.append(stop.problem)
        loaded.data = None
    except yaml.MarkedYAMLError as error:
        loaded.problems.append(_syntax_problem(display, error))
        loaded.data = None
    except yaml.YAMLError as error:
        loaded.problems.append(
            _problem(display, 1, 1, f"YAML cannot be read: {error}", "check the file's syntax")
        )
        loaded.data = None
    return loaded


class _Builder:
    """Turn the libyaml event stream into plain data, with the bounds enforced.

    Built from events rather than composed nodes so that depth, size and aliases are
    checked before anything large is made, without recursion. Given `maps`, it also
    records positions (the slower, locating pass). The loop is written flat because it
    runs once per YAML event of every guide.
    """

    def __init__(self, display: str, maps: Maps | None = None) -> None:
        self.display = display
        self.maps = maps
        # anchor -> (value, node count, finished)
        self.anchors: dict[str, tuple[Any, int, bool]] = {}

    def build(self, text: str) -> Any:
        """Return the data of `text`; raise _Stop or yaml.YAMLError when it cannot be read."""
        locate = self.maps is not None
        positions, key_positions, plain_texts = self.maps if self.maps is not None else ({}, {}, {})
        anchors = self.anchors
        get_event = _event_source(text)
        scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        # A frame: [container, path, is_mapping, pending key or None, anchor, node count]
        stack: list[list[Any]] = []
        frame: list[Any] | None = None
        root: Any = None
        nodes = 0
        documents = 0
        path: FieldPath = ()
        while True:
            event = get_event()
            kind = event.__class__
            if kind is scalar or kind is alias:
                if frame is not None and frame[2] and frame[3] is None:
                    self._take_key(frame, event, key_positions if locate else None)
                    continue
                if locate:
                    if frame is None:
                        path = ()
                    elif frame[2]:
                        path = (*frame[1], frame[3])
                    else:
                        path = (*frame[1], len(frame[0]))
                if kind is alias:
                    value, size = self._alias(event)
                else:
                    size = 1
                    if event.tag is not None:
                        self._check_tag(event)
                    if not event.style and event.implicit[0]:
                        value = resolve_plain(event.value)
                        if locate and value is not None and value.__class__ is not str:
                            plain_texts[path] = event.value
                    else:
                        value = event.value
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1, True)
                nodes += size
                if nodes > MAX_NODES:
                    self._too_many(event)
                if locate:
                    mark = event.start_mark
                    positions[path] = (mark.line + 1, mark.column + 1)
                if frame is None:
                    root = value
                elif frame[2]:
                    frame[0][frame[3]] = value
                    frame[3] = None
                    frame[5] += size
                else:
                    frame[0].append(value)
                    frame[5] += size
            elif kind is mapping_start or kind is sequence_start:
                if frame is not None and frame[2] and frame[3] is None:
                    self._fail(
                        event,
                        "a key must be plain text, not a list or a mapping",
                        "write the key as a word, such as `name:`",
                    )
                if locate:
                    if frame is None:
                        path = ()
                    elif frame[2]:
                        path = (*frame[1], frame[3])
                    else:
                        path = (*frame[1], len(frame[0]))
                    mark = event.start_mark
                    positions[path] = (mark.line + 1, mark.column + 1)
                nodes += 1
                if nodes > MAX_NODES:
                    self._too_many(event)
                if event.tag is not None:
                    self._check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    self._fail(
                        event,
                        f"the data is nested more than {MAX_DEPTH} levels deep",
                        "a guide needs only a few levels; check the indentation",
                    )
                is_mapping = kind is mapping_start
                container: Any = {} if is_mapping else []
                if event.anchor is not None:
                    anchors[event.anchor] = (container, 0, False)
                frame = [container, path, is_mapping, None, event.anchor, 1]
                stack.append(frame)
            elif kind is mapping_end or kind is sequence_end:
                done = stack.pop()
                container, size = done[0], done[5]
                if done[4] is not None:
                    anchors[done[4]] = (container, size, True)
                if stack:
                    frame = stack[-1]
                    if frame[2]:
                        frame[0][frame[3]] = container
                        frame[3] = None
                    else:
                        frame[0].append(container)
                    frame[5] += size
                else:
                    frame = None
                    root = container
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._fail(
                        event,
                        "the file holds more than one YAML document (`---`)",
                        "keep one guide per file and remove the extra `---`",
                    )
            elif kind is yaml.StreamEndEvent:
                return root

    def _take_key(
        self, frame: list[Any], event: Any, key_positions: dict[FieldPath, Position] | None
    ) -> None:
        if event.__class__ is yaml.AliasEvent:
            self._fail(event, "an alias (`*name`) cannot be used as a key", "write the key out")
        key = event.value
        if event.tag is not None:
            self._check_tag(event)
        if key == "<<" and not event.style:
            self._fail(
                event,
                "merge keys (`<<`) are not supported",
                "write the keys out in full instead of merging them from an anchor",
            )
        if key in frame[0]:
            first = key_positions.get((*frame[1], key), (0, 0)) if key_positions else (0, 0)
            self._fail(
                event,
                f"the key `{key}` appears twice in this mapping (first at line {first[0]})",
                "keep one of them; YAML would silently use the last",
            )
        if event.anchor is not None:
            self._fail(
                event, "an anchor (`&name`) cannot be put on a key", "put anchors on values only"
            )
        frame[3] = key
        if key_positions is not None:
            mark = event.start_mark
            key_positions[(*frame[1], key)] = (mark.line + 1, mark.column + 1)

    def _alias(self, event: Any) -> tuple[Any, int]:
        anchor = event.anchor
        found = self.anchors.get(anchor)
        if found is None:  # libyaml reports unknown anchors itself; kept as a guard
            self._fail(
                event,
                f"the alias `*{anchor}` has no matching anchor `&{anchor}`",
                "define the anchor before using it",
            )
        value, size, finished = found  # type: ignore[misc]
        if not finished:
            self._fail(
                event,
                f"the alias `*{anchor}` is inside the value it refers to",
                "an alias cannot contain itself; write the value out",
            )
        return value, size

    def _too_many(self, event: Any) -> None:
        self._fail(
            event,
            f"the file expands to more than {MAX_NODES:,} values "
            "(aliases counted each time they are used)",
            "remove the aliases (`*name`) that repeat large parts of the file",
        )

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            return
        if isinstance(event, yaml.ScalarEvent) and (event.implicit[0] or event.implicit[1]):
            return
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        self._fail(
            event,
            f"YAML tags such as `{tag}` are not used in guides",
            "remove the tag; to keep a value as text, put it in quotes",
        )

    def _fail(self, event: Any, message: str, hint: str) -> None:
        mark = event.start_mark
        raise _Stop(_problem(self.display, mark.line + 1, mark.column + 1, message, hint))


def _event_source(text: str) -> Any:
    """Return a function giving the next YAML event; libyaml's C parser when available."""
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # PyYAML built without libyaml: slower, same results
        return yaml.SafeLoader(text).get_event
    return CParser(text).get_event


def _problem(display: str, line: int, column: int, message: str, hint: str) -> Problem:
    return Problem(display, line, column, Severity.ERROR, "", message, hint)


def _failed(
    path: Path, display: str, line: int, column: int, message: str, hint: str
) -> LoadedFile:
    return LoadedFile(
        path=path, display=display, problems=[_problem(display, line, column, message, hint)]
    )


def _syntax_problem(display: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = error.problem or "the YAML cannot be read"
    if error.context:
        what = f"{error.context}, {what}"
    hint = "check the indentation and quoting near this line"
    if "exceeded maximum nesting depth" in what:
        return _problem(
            display,
            line,
            column,
            f"the data is nested more than {MAX_DEPTH} levels deep",
            "a guide needs only a few levels; check the indentation",
        )
    if "mapping values are not allowed" in what:
        hint = "a value that contains `: ` must be put in quotes, or the line is indented too far"
    elif "found character that cannot start any token" in what:
        hint = "put the value in quotes"
    elif "could not find expected ':'" in what:
        hint = "a key needs a colon and a space after it: `key: value`"
    return _problem(display, line, column, f"YAML syntax error: {what}", hint)


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
