"""YAML mistakes in plain words, at the line where the editor must act.

The YAML parser says where it gave up ("could not find expected ':'", one line after a
full-width colon; "found unexpected end of stream", at the end of the file for a quote
opened on line 2). `explain` reads the text again around that place and names the
mistake an editor made: a full-width colon or space used as YAML's own, a missing space
after a colon, an unclosed quote or bracket, a line indented more or less than the line
it belongs with, a list item without its `-`, a colon inside a value, a value starting
with a character YAML keeps for itself. What it cannot name keeps the parser's place,
with a plain sentence.

Every mistake it knows is a row of tests/yaml-mistakes.yaml, shown in docs/yaml-mistakes.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.common.i18n import _, ngettext
from generator.source.yaml_events import MAX_DEPTH
from generator.validate.problems import Problem, Severity

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_LINE_KEY = re.compile(rf"(?P<dash>(?:- +)*)(?P<key>{_KEY}|\"[^\"]*\"|'[^']*')\s*:(?=\s|$)")
_FULLWIDTH_COLON = re.compile(rf"(?P<dash>(?:- +)*)(?P<key>{_KEY})[ \u3000]*：")
_SPACE_AFTER_COLON = re.compile(rf"(?P<dash>(?:- +)*)(?P<key>{_KEY}):\u3000")
_NO_SPACE_AFTER_COLON = re.compile(rf"(?P<dash>(?:- +)*)(?P<key>{_KEY}):(?P<rest>[^\s:/\\\[{{])")
_DASH_NO_SPACE = re.compile(r"-(?P<rest>[^\s\-\d])")
_MISSING_COLON = re.compile(rf"(?P<key>{_KEY}) +[^:#]*$")
_BLOCK_START = re.compile(r"(?:^|:\s+|-\s+)[|>][-+0-9]*\s*(?:#.*)?$")
_VALUE = re.compile(rf"(?P<dash>(?:- +)*)(?:(?P<key>{_KEY})\s*:\s+)?(?P<value>\S.*)$")
_RESERVED = {"@": "@", "`": "`", "%": "%"}
_PAIRS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    indent: int
    text: str  # without the indentation

    @property
    def key_indent(self) -> int:
        """The column (0-based) where this line's key starts: after any `- `."""
        dash = _VALUE.match(self.text)
        return self.indent + (len(dash.group("dash")) if dash else 0)

    @property
    def key(self) -> str | None:
        found = _LINE_KEY.match(self.text)
        return found.group("key") if found else None

    @property
    def opens_block(self) -> bool:
        """True when the next lines may be indented deeper: `key:` or `-` with nothing after."""
        stripped = _strip_comment(self.text).rstrip()
        return stripped.endswith(":") or stripped == "-" or bool(_BLOCK_START.search(stripped))


def explain(display: str, text: str, error: Any) -> Problem:
    """Return the problem for a YAML syntax error (`yaml.MarkedYAMLError`), in plain words."""
    mark = error.problem_mark or error.context_mark
    line_count = text.count("\n") + 1
    at_line = min(mark.line + 1, line_count) if mark is not None else 1
    at_column = mark.column + 1 if mark is not None else 1
    lines = _content_lines(text)

    def made(line: int, column: int, message: str, hint: str, code: str) -> Problem:
        return Problem(display, line, column, Severity.ERROR, "", message, hint, code)

    if "nesting depth" in str(error.problem or ""):
        return made(
            at_line,
            at_column,
            _("the data is nested more than {depth} levels deep").format(depth=MAX_DEPTH),
            _("a guide needs only a few levels; check the indentation"),
            "yaml.too-deep",
        )
    found = _line_mistake(lines, at_line, made)
    if found is not None:
        return found
    problem = str(error.problem or "")
    context = str(error.context or "")
    opened_at = error.context_mark or mark  # where a quote, bracket or key began
    context_line = min(opened_at.line + 1, line_count) if opened_at is not None else at_line
    context_column = opened_at.column + 1 if opened_at is not None else at_column
    if "quoted scalar" in context and "end of stream" in problem:
        quote = _quote_at(text, opened_at)
        return made(
            context_line,
            context_column,
            _("the quote {quote} opened on this line is never closed").format(quote=quote),
            _("add the closing {quote} at the end of the value").format(quote=quote),
            "yaml.unclosed-quote",
        )
    if "unknown escape" in problem:
        return made(
            at_line,
            at_column,
            _("a backslash `\\` inside double quotes starts a special character"),
            _("write the backslash twice (`\\\\`), or put the value in single quotes instead"),
            "yaml.backslash",
        )
    if "cannot start any token" in problem:
        char = _char_at(text, mark, default="?")
        return made(
            at_line,
            at_column,
            _("a value cannot start with `{char}`").format(char=char),
            _("put the whole value in quotes"),
            "yaml.reserved-character",
        )
    if "alias" in context:
        return made(
            context_line,
            context_column,
            _("a value starting with `*` is read as a reference to another value"),
            _("put the whole value in quotes"),
            "yaml.star",
        )
    if "block scalar" in context:
        return made(
            at_line,
            at_column,
            _("after `|` or `>` the text must start on the next line"),
            _("move the text to the next line, indented 2 spaces more than the key"),
            "yaml.block-text",
        )
    if "flow sequence" in context or "flow mapping" in context:
        opened = _char_at(text, opened_at)
        closing = _PAIRS.get(opened, "]")
        return made(
            context_line,
            context_column,
            _("the `{open}` opened on this line is never closed with `{close}`").format(
                open=opened, close=closing
            ),
            _(
                "add `{close}` at the end of the list; if the value is text that starts "
                "with `{open}`, put the whole value in quotes"
            ).format(open=opened, close=closing),
            "yaml.unclosed-bracket",
        )
    candidates = _candidates(lines, at_line)
    if "simple key" in context and 0 < context_line < len(lines):
        key_line = lines[context_line]
        if key_line is not None:
            candidates.insert(0, key_line)
    for line in candidates:
        found = _structure_mistake(lines, line, made)
        if found is not None:
            return found
    return made(
        at_line,
        at_column,
        _("the YAML cannot be read here ({detail})").format(
            detail=f"{context}, {problem}" if context else problem
        ),
        _("check the indentation and quoting on this line and the one above"),
        "yaml.syntax",
    )


def _content_lines(text: str) -> list[_Line | None]:
    """Index 1.. of the file's lines: None for blank lines, comments and block text."""
    result: list[_Line | None] = [None]
    block_indent: int | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                result.append(None)
                continue
            block_indent = None
        if not stripped.strip() or stripped.startswith("#"):
            result.append(None)
            continue
        line = _Line(number, indent, stripped.rstrip("\r"))
        result.append(line)
        if _BLOCK_START.search(_strip_comment(line.text).rstrip()):
            block_indent = line.indent
    return result


def _candidates(lines: list[_Line | None], at_line: int) -> list[_Line]:
    """The line the parser stopped at, then the content lines just above it."""
    found: list[_Line] = []
    for number in range(min(at_line, len(lines) - 1), 0, -1):
        line = lines[number]
        if line is not None:
            found.append(line)
        if len(found) == 2:
            break
    return found


def _line_mistake(lines: list[_Line | None], at_line: int, made: Any) -> Problem | None:
    """The first mistake a line shows on its own, up to the line the parser stopped at."""
    for line in lines[1 : at_line + 1]:
        if line is None:
            continue
        found = _one_line(line, made)
        if found is not None:
            return found
    return None


def _one_line(line: _Line, made: Any) -> Problem | None:
    text = line.text
    column = line.indent + 1
    if text.startswith("\u3000") or "\u3000" in _leading(text):
        return made(
            line.number,
            column,
            _("this line is indented with a full-width space; YAML allows only ordinary spaces"),
            _(
                "delete the full-width spaces at the start of the line and indent with ordinary "
                "spaces (typed with the input method in English mode), 2 for each level"
            ),
            "yaml.fullwidth-space",
        )
    found = _FULLWIDTH_COLON.match(text)
    if found:
        key = found.group("key")
        return made(
            line.number,
            column + found.end() - 1,
            _(
                "`{key}` is followed by a full-width colon `：`; YAML needs an ordinary colon `:`"
            ).format(key=key),
            _("write `{key}: ` with an ordinary colon and a space, in English input mode").format(
                key=key
            ),
            "yaml.fullwidth-colon",
        )
    found = _SPACE_AFTER_COLON.match(text)
    if found:
        key = found.group("key")
        return made(
            line.number,
            column + found.end() - 1,
            _("after `{key}:` comes a full-width space; YAML needs an ordinary space").format(
                key=key
            ),
            _("replace it with an ordinary space, in English input mode"),
            "yaml.fullwidth-space",
        )
    found = _NO_SPACE_AFTER_COLON.match(text)
    if found:
        key = found.group("key")
        return made(
            line.number,
            column + found.end("key"),
            _("there is no space after the colon of `{key}:`").format(key=key),
            _("write a space after the colon: `{key}: {value}`").format(
                key=key, value=text[found.end("key") + 1 :].strip()
            ),
            "yaml.no-space-after-colon",
        )
    if _DASH_NO_SPACE.match(text) and not text.startswith("---"):
        return made(
            line.number,
            column,
            _("a list item's `-` needs a space after it"),
            _("write `- ` and then the item"),
            "yaml.no-space-after-dash",
        )
    return _quote_mistake(line, made)


def _quote_mistake(line: _Line, made: Any) -> Problem | None:
    """A value that starts with a quote and is not closed on its line, or goes on after it."""
    found = _VALUE.match(line.text)
    if not found:
        return None
    value = found.group("value")
    quote = value[0]
    if quote in _PAIRS:
        return _bracket_mistake(line, value, line.indent + found.start("value"), made)
    if quote not in "\"'":
        return None
    start = line.indent + found.start("value")
    end = _closing_quote(value)
    if end is None:
        return made(
            line.number,
            start + 1,
            _("the quote {quote} opened on this line is never closed").format(quote=quote),
            _("add the closing {quote} at the end of the value").format(quote=quote),
            "yaml.unclosed-quote",
        )
    rest = _strip_comment(value[end + 1 :]).strip()
    if rest and not rest.startswith(("#", ":", ",", "]", "}")):
        return made(
            line.number,
            start + end + 1,
            _("the quoted text ends at this quote {quote}, but more text follows it").format(
                quote=quote
            ),
            _(
                "put the whole value in one pair of quotes; inside double quotes write a "
                "quotation mark as Chinese “ ”, inside single quotes write ' twice ('')"
            ),
            "yaml.text-after-quote",
        )
    return None


def _bracket_mistake(line: _Line, value: str, start: int, made: Any) -> Problem | None:
    """A value such as `[草稿] 教师资格认定`: a list in YAML, with text after it."""
    depth = 0
    quote = ""
    for index, char in enumerate(value):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                rest = _strip_comment(value[index + 1 :]).strip()
                if rest and not rest.startswith((",", "]", "}")):
                    return made(
                        line.number,
                        start + 1,
                        _(
                            "the value starts with `{open}`, so YAML reads it as a list, "
                            "but text follows the closing `{close}`"
                        ).format(open=value[0], close=char),
                        _("put the whole value in quotes"),
                        "yaml.text-after-bracket",
                    )
                return None
    return None


def _closing_quote(value: str) -> int | None:
    quote = value[0]
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _structure_mistake(lines: list[_Line | None], line: _Line, made: Any) -> Problem | None:
    """Indentation, a missing `- ` or colon, or a colon inside a value, on `line`."""
    above = _above(lines, line.number)
    if above is None:
        return None
    text = _strip_comment(line.text).rstrip()
    found = _LINE_KEY.match(line.text)
    value_colon = text.find(": ", found.end()) if found else -1
    if found and value_colon >= 0 and not text[found.end() :].strip().startswith(("'", '"')):
        key = found.group("key")
        return made(
            line.number,
            line.indent + value_colon + 1,
            _(
                "the value of `{key}` contains a colon and a space (`: `), "
                "which YAML reads as the start of another key"
            ).format(key=key),
            _('put the whole value in quotes: {key}: "{value}"').format(
                key=key, value=text[found.end() :].strip()
            ),
            "yaml.colon-in-value",
        )
    sibling = _sibling(lines, line)
    if sibling is not None and sibling.text.startswith("-") and not line.text.startswith("-"):
        item_key = sibling.key
        hint = (
            _(
                "if it is a new item of the list, write `- ` in front of it; if it belongs to "
                "the item above, indent it 2 more spaces, in line with `{key}:`"
            ).format(key=item_key)
            if item_key
            else _("write `- ` in front of it")
        )
        return made(
            line.number,
            line.indent + 1,
            _("this line lines up with the list items above it, but has no `- ` in front"),
            hint,
            "yaml.missing-dash",
        )
    levels = _levels(lines, line.number)
    if line.indent not in levels and not above.opens_block:
        # The closest column; between two as close, the level of the nearer line above.
        nearest = min(levels, key=lambda level: abs(level - line.indent))
        return _indent_problem(lines, line, nearest, above, made)
    if line.indent > above.key_indent and not above.opens_block:
        return _indent_problem(lines, line, above.key_indent, above, made)
    missing = _MISSING_COLON.match(text)
    if missing and found is None and sibling is not None and sibling.key is not None:
        word = missing.group("key")
        return made(
            line.number,
            line.indent + 1,
            _("`{word}` looks like a key, but there is no colon after it").format(word=word),
            _("write a colon and a space after the key: `{word}: ...`").format(word=word),
            "yaml.missing-colon",
        )
    return None


def _indent_problem(
    lines: list[_Line | None], line: _Line, level: int, above: _Line, made: Any
) -> Problem:
    owner = _owner(lines, line.number, level) or above
    key = owner.key or owner.text.split()[0]
    if line.indent > level:
        count = line.indent - level
        if owner is above:
            message = ngettext(
                "this line is indented {count} space more than the line above",
                "this line is indented {count} spaces more than the line above",
                count,
            )
        else:
            message = ngettext(
                "this line is indented {count} space more than `{key}` on line {line}",
                "this line is indented {count} spaces more than `{key}` on line {line}",
                count,
            )
    else:
        count = level - line.indent
        if owner is above:
            message = ngettext(
                "this line is indented {count} space less than the line above",
                "this line is indented {count} spaces less than the line above",
                count,
            )
        else:
            message = ngettext(
                "this line is indented {count} space less than `{key}` on line {line}",
                "this line is indented {count} spaces less than `{key}` on line {line}",
                count,
            )
    hint = _(
        "lines at the same level start in the same column: line it up with `{key}` "
        "(indent {spaces} spaces)"
    ).format(key=key, spaces=level)
    if line.indent > level and owner is above and owner.key:
        hint += _(
            "; if it belongs under `{key}`, move the value of `{key}` onto lines of its own"
        ).format(key=owner.key)
    return made(
        line.number,
        line.indent + 1,
        message.format(count=count, key=key, line=owner.number),
        hint,
        "yaml.indentation",
    )


def _above(lines: list[_Line | None], number: int) -> _Line | None:
    for index in range(number - 1, 0, -1):
        if lines[index] is not None:
            return lines[index]
    return None


def _sibling(lines: list[_Line | None], line: _Line) -> _Line | None:
    """The nearest line above at the same indentation, with nothing shallower between."""
    for index in range(line.number - 1, 0, -1):
        other = lines[index]
        if other is None:
            continue
        if other.indent == line.indent:
            return other
        if other.indent < line.indent:
            return None
    return None


def _levels(lines: list[_Line | None], number: int) -> list[int]:
    """The columns a line may start at (those of the lines it could be a sibling of),
    the nearest line's first."""
    levels: list[int] = []
    shallowest: int | None = None
    for index in range(number - 1, 0, -1):
        other = lines[index]
        if other is None:
            continue
        if shallowest is None or other.indent <= shallowest:
            for level in (other.key_indent, other.indent):
                if level not in levels:
                    levels.append(level)
            shallowest = other.indent
        if other.indent == 0:
            break
    return levels or [0]


def _owner(lines: list[_Line | None], number: int, level: int) -> _Line | None:
    """The nearest line above whose key starts at `level`."""
    for index in range(number - 1, 0, -1):
        other = lines[index]
        if other is not None and (other.key_indent == level or other.indent == level):
            return other
    return None


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \u3000"))]


def _strip_comment(text: str) -> str:
    """Drop a ` #` comment that is not inside quotes (good enough for one line)."""
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (index == 0 or text[index - 1] in " -:[{,"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t"):
            return text[:index]
    return text


def _char_at(text: str, mark: Any, default: str = "[") -> str:
    lines = text.split("\n")
    try:
        return lines[mark.line][mark.column]
    except (IndexError, AttributeError):
        return default


def _quote_at(text: str, mark: Any) -> str:
    char = _char_at(text, mark)
    return char if char in "\"'" else '"'
