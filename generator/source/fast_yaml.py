"""A quicker way to a clean guide's data: rapidyaml's C++ parser, its JSON, and `json`.

The loader's own reader (generator/source/yaml_events.py) hands Python one libyaml event
object per node, about 0.6 ms a guide, most of `guides validate`'s reading time.
rapidyaml parses a guide and writes it out as JSON in about 0.15 ms with no Python object
per node, and `json` builds the data from that text in C. Positions are not needed for
a clean file: the loader works them out later, from the source, only when a problem is
reported (`LoadedFile._located`), with its own reader.

This path may answer only when it gives exactly the data the loader's own reader gives,
so `fast_data` returns `UNSURE` (and the loader reads the file its usual way, with its
usual messages) for anything it cannot vouch for, decided before parsing by a cheap look
at the text:

- tabs, carriage returns, characters YAML does not allow in a file, a very large file;
- anchors, tags, merge keys (`<<`), complex keys (`?`), a `:` starting a node,
  directives (`%`), document markers (`---`, `...`);
- words the loader reads as null or a boolean and rapidyaml as text (`~`, `True`);
- any flow collection (`[...]`, `{...}`) other than a one-line list or mapping of plain
  words and small whole numbers (`[health, family]`, `{value: 10, unit: minutes}`):
  nested flows, quoted items and decimals are left to libyaml;

and after it, from the JSON:

- whatever rapidyaml cannot parse (libyaml then says what is wrong, as before);
- an alias (rapidyaml writes `*name` as a text), a key written twice (the loader's
  reader names it; JSON would keep the last);
- a number rapidyaml may have rewritten (`1.` as `1.0`, `.5` as `0.5`, which stay text
  for the loader): see the end of `fast_data`;
- nesting near `MAX_DEPTH`, and any file whose top is not a mapping.

tests/test_fast_yaml.py runs both readers over every sample, fixture, seeded defect,
YAML mistake, 1,920 seeded random edits of the samples and 42 shapes of number, and
compares the data and every problem.
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import Any

import orjson

from generator.source.yaml_events import MAX_DEPTH, resolve_plain

UNSURE: Any = object()
"""Returned when this path cannot vouch for a file: read it the usual way."""

ENABLED = True
"""Switched off by the differential test, to compare with the loader's own reader."""

_LARGEST = 65_536
"""Characters; a guide is about 10 KB. Far below MAX_NODES values can fit in this many."""

_NOT_ALLOWED = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Tabs, carriage returns, control characters, the BOM, what YAML does not allow, and
the line breaks libyaml knows besides the line feed (U+0085, U+2028, U+2029)."""

_LINE_START = r"\n[ ]*(?:-[ ]+)*"
_AFTER_KEY = r":[ ]+"
"""Where a node may begin: a line's indentation (after any `- `), or after `key: `.
Both are also found inside texts (`注意: &`): those files merely take the usual way.
The patterns are matched against the text after a line feed: starting with `\n` or `:`
rather than `^`, they let the regular expression engine skip ahead (two patterns, one
for each start, are three times quicker than one with both)."""

_WORDS = r"(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)"
_FLOW_VALUE = (
    r"(?:0|[1-9][0-9]{0,8}|(?![-+.0-9~]|" + _WORDS + r"[ ]*[,\]}])"
    r"[^\s\[\]{},:#&*!?|>'\"%@`\\][^\[\]{},:#\n\\]*?)"
)
"""A value inside a flow collection that both readers read alike: a small whole number,
or plain text that cannot be a number, a boolean or null and holds nothing special."""
_FLOW_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_FLOW_END = r"[ ]*(?:[ ]#.*)?$"
_FLOW_LIST = r"\[[ ]*(?:" + _FLOW_VALUE + r"(?:[ ]*,[ ]*" + _FLOW_VALUE + r")*)?[ ]*\]" + _FLOW_END
_FLOW_MAPPING = (
    r"\{[ ]*(?:"
    + _FLOW_KEY
    + r":[ ]+"
    + _FLOW_VALUE
    + r"(?:[ ]*,[ ]*"
    + _FLOW_KEY
    + r":[ ]+"
    + _FLOW_VALUE
    + r")*)?[ ]*\}"
    + _FLOW_END
)
_UNSURE_NODE = (
    r"(?:[&!?%@`:\]},]|(?:~|Null|NULL|True|TRUE|False|FALSE)[ ]*(?:[ ]#.*)?$"
    + r"|\[(?!"
    + _FLOW_LIST[2:]
    + r")|\{(?!"
    + _FLOW_MAPPING[2:]
    + r"))"
)
"""An anchor, tag, complex key, directive, reserved character, `:`, the end of a flow
collection or a comma at a node's start (a plain value cannot start so: the loader's reader
stops there, while rapidyaml read `}  en: x` as a key), a
word the loader reads as null or a boolean and rapidyaml as text (`~`, `True`), or a
flow collection other than a one-line list or mapping of plain words and small whole
numbers (`[health, family]`, `{value: 10, unit: working_days}`).

An alias (`*name`) is looked for in the JSON instead: `**bold**` starting a line of a
`|` text is common, and rapidyaml writes an alias as the text `*name`."""

_STARTS = "[&!?%@`:\\[{~NTF\\]},]"
_NUMBERISH = r"[-+]?(?:\.[0-9]|[0-9][0-9_]*(?:\.|[eE][-+0-9])|[0-9]{19})"
"""The start of a value orjson may read otherwise than the loader (`_quick_json`): a
fraction or an exponent (rapidyaml may rewrite it: `.5` as `0.5`), or 19 digits and more
(a float for orjson beyond 64 bits). Leading zeros, `_` and the like are not JSON: orjson
refuses those, and the exact way reads them."""
_UNSURE = (
    (
        re.compile(r"\n(?:---|\.\.\.|[ -]*+(" + _STARTS + "|" + _NUMBERISH + "))"),
        re.compile(_LINE_START + _UNSURE_NODE, re.MULTILINE),
    ),
    (
        re.compile(_AFTER_KEY + "(" + _STARTS + "|" + _NUMBERISH + ")"),
        re.compile(_AFTER_KEY + _UNSURE_NODE, re.MULTILINE),
    ),
)
"""What makes a file unsure, at each kind of start: a quick pattern finds the few places
that may be one (a flow list, a key starting with `T`), the exact one decides there. The
same scan finds where a number may start that only `_exact_json` reads right, and a
line starting with a document marker (`---`, `...`: more than one document, or none).
(`[ -]*+` takes every space and dash without giving one back: the character after them
is never one, so this finds what `[ -]*` finds, without trying each shorter run.)"""
_NUMBER_TOKEN = re.compile(
    r"[-+]?[.0-9_]*[0-9][.0-9_]*(?:[eE][-+]?[0-9_]+)?[ ]*(?:[ ]#.*)?$", re.MULTILINE
)
"""A value shaped like a number to the line's end: `1.5`, `.5 # note` (not `1. Fill`)."""

_NUMBER = r"([-+]?[0-9][0-9.eE+-]*)[ ]*(?:[ ]#.*)?$"
_NUMBERS = (
    re.compile(_LINE_START + _NUMBER, re.MULTILINE),
    re.compile(_AFTER_KEY + _NUMBER, re.MULTILINE),
)
"""A one-line unquoted value that looks like a number, as written in the source."""
_WHOLE = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")

_TOO_DEEP = b"\n" + b" " * 2 * (MAX_DEPTH - 4)
"""rapidyaml indents its JSON by two spaces a level, and flow lists (one level, no
deeper) are kept on one line: a line this deep is near the loader's nesting limit."""

_devnull: int | None = None


class _Unsure(Exception):
    """Raised while reading the JSON when it cannot be vouched for."""


def fast_data(text: str, raw: bytes | None = None) -> Any:
    """Return the data of a guide's `text` as the loader's reader would, or `UNSURE`.

    `raw`: the text's UTF-8 bytes when the caller has them (saves encoding it again)."""
    if not ENABLED or len(text) > _LARGEST:
        return UNSURE
    # isprintable (C, quick) is true of most guides, and then no character is unsure
    if not text.replace("\n", "").isprintable() and _NOT_ALLOWED.search(text):
        return UNSURE
    lines = "\n" + text
    if "<<" in text:
        return UNSURE
    unsure, fraction = _look(lines)
    if unsure:
        return UNSURE
    if not _alone():
        # rapidyaml prints a parse error on the process's stderr before raising it, and
        # hiding that means pointing descriptor 2 elsewhere for a moment: only safe when
        # no other thread may be writing there (`guides serve` reads its way).
        return UNSURE
    output = _json_of(text if raw is None else raw)
    if output is None or (b"*" in output and b'"*' in output) or _TOO_DEEP in output:
        return UNSURE
    data = UNSURE if fraction else _quick_json(output)
    if data is not UNSURE:
        return data
    return _exact_json(output, lines)


def _quick_json(output: bytes) -> Any:
    """Return the data of rapidyaml's JSON read by orjson, or `UNSURE` when `_exact_json`
    must read it: orjson has no hook for a key written twice or for a number's text, so
    it answers only where neither can matter (about 30 µs a guide instead of 70 µs).

    - Numbers: rapidyaml writes a whole number as it is written, but may rewrite others
      (see `fast_data`), and orjson reads a whole number beyond 64 bits as a float. A
      number in the data comes from a one-line unquoted value (flow collections hold
      only small whole numbers, `_FLOW_VALUE`); `fast_data` calls this only where no
      such value of the source is written with a point or an exponent or with 19 digits
      (`_look`), so every number orjson reads is a whole one rapidyaml wrote as written,
      and the loader's.
    - A key written twice: orjson keeps the last, so its own JSON of the data has fewer
      `:` than rapidyaml's (a colon ends each key, and texts hold the same colons in
      both, since JSON never escapes one); the exact way then sees the key.
    """
    try:
        data = orjson.loads(output)
    except orjson.JSONDecodeError:
        return UNSURE  # the exact way says whether it is JSON at all
    if data.__class__ is not dict or orjson.dumps(data).count(b":") != output.count(b":"):
        return UNSURE
    return data


def _exact_json(output: bytes, lines: str) -> Any:
    numbers: list[str] = []

    def number(token: str) -> Any:
        numbers.append(token)
        return resolve_plain(token)

    try:
        data = json.loads(output, object_pairs_hook=_mapping, parse_int=number, parse_float=number)
    except (ValueError, _Unsure):
        return UNSURE
    if data.__class__ is not dict:
        return UNSURE
    # rapidyaml writes a whole number as it is written, and every number of the loader's
    # rules as a number (tests/test_fast_yaml.py tries each shape), but it rewrites
    # others: `1.` as `1.0`, `.5` as `0.5`, which the loader keeps as text. So for any
    # other number, every unquoted number of the source must be one it wrote, with the
    # same text (flow collections hold only whole numbers, see `_FLOW_VALUE`).
    if any(not _WHOLE.fullmatch(token) for token in numbers):
        written = [
            found
            for pattern in _NUMBERS
            for found in pattern.findall(lines)
            if resolve_plain(found).__class__ is not str
        ]
        if sorted(numbers) != sorted(written):
            return UNSURE
    return data


def _alone() -> bool:
    """Tell whether this process runs one thread only (see `fast_data`)."""
    return threading.active_count() == 1


def prepare() -> None:
    """Import rapidyaml now (60 ms): called before forking workers, which then share it."""
    import ryml  # noqa: F401


def _look(lines: str) -> tuple[bool, bool]:
    """Return whether a node of the source is one to leave to the loader's reader
    (`_UNSURE`), and whether a value may be a number only `_exact_json` reads right."""
    fraction = False
    for maybe, exactly in _UNSURE:
        for found in maybe.finditer(lines):
            if found.start(1) < 0 or exactly.match(lines, found.start()):
                return True, fraction  # `---` or `...` starting a line, or an unsure node
            if not fraction and _NUMBER_TOKEN.match(lines, found.start(1)):
                fraction = True  # found by `_NUMBERISH`, and a number to the line's end
    return False, fraction


def _mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Unsure("a key written twice")
    return mapping


def _json_of(text: str | bytes) -> bytes | None:
    """Return rapidyaml's JSON of `text`, or None when it cannot parse it (silently)."""
    global _devnull
    import ryml  # 60 ms to import: only when first used

    if _devnull is None:
        _devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(2)
    try:
        os.dup2(_devnull, 2)
        try:
            tree = ryml.parse_in_arena(text.encode() if isinstance(text, str) else text)
        finally:
            os.dup2(saved, 2)
        return _emit(ryml, tree)
    except Exception:  # any failure of the C++ reader: read the file the usual way
        return None
    finally:
        os.close(saved)


_buffer = bytearray(1 << 16)
"""Where rapidyaml writes its JSON, kept between files and grown when one needs more.
Not `ryml.emit_json`: it never frees the buffer it allocates (8 KB lost a guide, 80 MB
more at 10,000 guides; tests/test_fast_yaml.py watches for that)."""


def _emit(ryml: Any, tree: Any) -> bytes:
    global _buffer
    root = tree.root_id()
    failed, size = ryml.emit_json_to_substr(tree, root, _buffer)
    if failed:
        _buffer = bytearray(size + (size >> 2))
        failed, size = ryml.emit_json_to_substr(tree, root, _buffer)
        if failed:
            raise ValueError("rapidyaml's JSON did not fit")
    return bytes(memoryview(_buffer)[:size])
