"""YAML events to plain data: the bounded, non-recursive reader behind generator.source.loader.

Only the narrowed YAML 1.2 core rules turn unquoted text into numbers, booleans or null
(see `resolve_plain`); bounds on nesting and on alias expansion are checked while the
data is built, so a hostile file stops before anything large exists.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.common.i18n import _
from generator.validate.problems import Problem, Severity

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists; a guide needs about 5 levels."""
MAX_NODES = 50_000
"""Most values a file may expand to, aliases counted each time they are used."""

FieldPath = tuple[str | int, ...]
Position = tuple[int, int]

CommentCut = tuple[int, int, str, str]
"""Where a comment cuts a plain text: line and column of `#`, the text kept, and the rest."""

Maps = tuple[
    dict[FieldPath, Position],
    dict[FieldPath, Position],
    dict[FieldPath, str],
    dict[FieldPath, CommentCut],
]
"""Value positions, key positions, source texts of plain scalars that did not stay text,
and plain texts followed by a comment on their last line, by field path."""

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_NUMBER_STARTS = frozenset("0123456789+-")
_WORD_STARTS = frozenset("~nNtTfF")


class ReadStop(Exception):
    """Raised inside the builder when a file cannot be read any further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


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


class EventBuilder:
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
        self.used_alias = False

    def build(self, text: str) -> Any:
        """Return the data of `text`; raise ReadStop or yaml.YAMLError when it cannot be read."""
        locate = self.maps is not None
        positions, key_positions, plain_texts, cuts = (
            self.maps if self.maps is not None else ({}, {}, {}, {})
        )
        anchors = self.anchors
        get_event = event_source(text)
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
                        elif locate and value.__class__ is str:
                            cut = _comment_after(text, event.end_mark)
                            if cut is not None:
                                line, column, end = cut
                                tail = text[event.end_mark.index : end]
                                cuts[path] = (line, column, value, tail)
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
                        _("a key must be plain text, not a list or a mapping"),
                        _("write the key as a word, such as `name:`"),
                        "yaml.key-not-text",
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
                        _("the data is nested more than {depth} levels deep").format(
                            depth=MAX_DEPTH
                        ),
                        _("a guide needs only a few levels; check the indentation"),
                        "yaml.too-deep",
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
                        _("the file holds more than one YAML document (`---`)"),
                        _("keep one guide per file and remove the extra `---`"),
                        "yaml.several-documents",
                    )
            elif kind is yaml.StreamEndEvent:
                return root

    def _take_key(
        self, frame: list[Any], event: Any, key_positions: dict[FieldPath, Position] | None
    ) -> None:
        if event.__class__ is yaml.AliasEvent:
            self._fail(
                event,
                _("an alias (`*name`) cannot be used as a key"),
                _("write the key out"),
                "yaml.alias-as-key",
            )
        key = event.value
        if event.tag is not None:
            self._check_tag(event)
        if key == "<<" and not event.style:
            self._fail(
                event,
                _("merge keys (`<<`) are not supported"),
                _("write the keys out in full instead of merging them from an anchor"),
                "yaml.merge-key",
            )
        if key in frame[0]:
            first = key_positions.get((*frame[1], key), (0, 0)) if key_positions else (0, 0)
            self._fail(
                event,
                _("the key `{key}` appears twice in this mapping (first at line {line})").format(
                    key=key, line=first[0]
                ),
                _("keep one of them; YAML would silently use the last"),
                "yaml.duplicate-key",
            )
        if event.anchor is not None:
            self._fail(
                event,
                _("an anchor (`&name`) cannot be put on a key"),
                _("put anchors on values only"),
                "yaml.anchor-on-key",
            )
        frame[3] = key
        if key_positions is not None:
            mark = event.start_mark
            key_positions[(*frame[1], key)] = (mark.line + 1, mark.column + 1)

    def _alias(self, event: Any) -> tuple[Any, int]:
        self.used_alias = True
        anchor = event.anchor
        found = self.anchors.get(anchor)
        if found is None:  # libyaml reports unknown anchors itself; kept as a guard
            self._fail(
                event,
                _("the alias `*{anchor}` has no matching anchor `&{anchor}`").format(anchor=anchor),
                _("define the anchor before using it"),
                "yaml.unknown-alias",
            )
        value, size, finished = found  # type: ignore[misc]
        if not finished:
            self._fail(
                event,
                _("the alias `*{anchor}` is inside the value it refers to").format(anchor=anchor),
                _("an alias cannot contain itself; write the value out"),
                "yaml.recursive-alias",
            )
        return value, size

    def _too_many(self, event: Any) -> None:
        if not self.used_alias:
            self._fail(
                event,
                _("the file holds more than {count} values").format(count=f"{MAX_NODES:,}"),
                _("a guide has a few hundred; check that this is the right file, or split it"),
                "yaml.too-many-values",
            )
        self._fail(
            event,
            _(
                "the file expands to more than {count} values "
                "(aliases counted each time they are used)"
            ).format(count=f"{MAX_NODES:,}"),
            _("remove the aliases (`*name`) that repeat large parts of the file"),
            "yaml.alias-expansion",
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
            _("YAML tags such as `{tag}` are not used in guides").format(tag=tag),
            _("remove the tag; to keep a value as text, put it in quotes"),
            "yaml.tag",
        )

    def _fail(self, event: Any, message: str, hint: str, code: str) -> None:
        mark = event.start_mark
        raise ReadStop(problem(self.display, mark.line + 1, mark.column + 1, message, hint, code))


def _comment_after(text: str, mark: Any) -> tuple[int, int, int] | None:
    """Return (line, column, end of line) of a `#` that follows a plain scalar on its line."""
    index = mark.index
    end = text.find("\n", index)
    end = len(text) if end < 0 else end
    rest = text[index:end]
    stripped = rest.lstrip(" \t")
    if not stripped.startswith("#") or len(stripped) == len(rest):
        return None
    return mark.line + 1, mark.column + 1 + len(rest) - len(stripped), end


def event_source(text: str) -> Any:
    """Return a function giving the next YAML event; libyaml's C parser when available."""
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # PyYAML built without libyaml: slower, same results
        return yaml.SafeLoader(text).get_event
    return CParser(text).get_event


def problem(
    display: str, line: int, column: int, message: str, hint: str, code: str = "yaml.syntax"
) -> Problem:
    """Return an error Problem at a place in a file (no field path)."""
    return Problem(display, line, column, Severity.ERROR, "", message, hint, code)
