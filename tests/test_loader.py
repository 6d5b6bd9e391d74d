"""The loader: plain data with positions, and every YAML trap turned into a plain message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.source.loader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    format_path,
    load_bytes,
    load_file,
    resolve_plain,
)


def messages(source: bytes) -> list[str]:
    """Load `source` as guide.yaml and return the problems as the editor sees them."""
    return [
        problem.as_text()
        for problem in load_bytes(source, Path("guide.yaml"), "guide.yaml").problems
    ]


def data(source: str) -> object:
    loaded = load_bytes(source.encode(), Path("guide.yaml"), "guide.yaml")
    assert loaded.problems == []
    return loaded.data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0", 0),
        ("1.5", 1.5),
        ("2e3", 2000.0),
        # YAML 1.1 would change all of these; here they stay the exact text.
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("0755", "0755"),
        ("0x1F", "0x1F"),
        ("1:30", "1:30"),
        ("2024-01-01", "2024-01-01"),
        ("0599-12345", "0599-12345"),
        (".inf", ".inf"),
        ("1_000", "1_000"),
        ("12345678901234567890123", "12345678901234567890123"),
    ],
)
def test_plain_scalars_follow_the_narrow_core_rules(text: str, value: object) -> None:
    """Only true/false/null and plain decimal numbers are converted; everything else stays text."""
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_quoted_and_block_scalars_stay_text() -> None:
    """Quotes and block scalars always give text, and keys are always text."""
    assert data("a: \"12\"\nb: 'true'\nc: |\n  1\n1: x\ntrue: y\n") == {
        "a": "12",
        "b": "true",
        "c": "1\n",
        "1": "x",
        "true": "y",
    }


def test_positions_of_values_and_keys() -> None:
    """Every value and key has a 1-based line and column; paths read like materials[1].copies."""
    loaded = load_bytes(
        b"id: x\nmaterials:\n  - name: a\n  - name: b\n    copies: 2\n", Path("g.yaml"), "g.yaml"
    )
    assert loaded.positions[("materials", 1, "copies")] == (5, 13)
    assert loaded.key_positions[("materials", 1, "copies")] == (5, 5)
    assert loaded.position(("materials", 1, "copies", "missing")) == (5, 13)
    assert format_path(("materials", 1, "copies")) == "materials[1].copies"


def test_numbers_from_plain_scalars_keep_their_source_text() -> None:
    """A plain scalar that became a number remembers its source text, for "write it in quotes"."""
    loaded = load_bytes(b"phone: 12345\nversion: 1.10\nname: '7'\n", Path("g.yaml"), "g.yaml")
    assert loaded.data == {"phone": 12345, "version": 1.1, "name": "7"}
    assert loaded.plain_texts == {("phone",): "12345", ("version",): "1.10"}


def test_aliases_within_the_bound_are_expanded() -> None:
    """Anchors and aliases are allowed while the expanded data stays small."""
    assert data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_duplicate_key() -> None:
    """A key given twice is an error at the second one, naming the first."""
    assert messages(b"id: a\ntitle: x\ntitle: y\n") == [
        "guide.yaml:3:1: error: the key `title` appears twice in this mapping (first at line 2)"
        "\n    hint: keep one of them; YAML would silently use the last"
    ]


def test_byte_order_mark() -> None:
    """A BOM is reported (the rest of the file is still read)."""
    assert messages(b"\xef\xbb\xbfid: a\n") == [
        "guide.yaml:1:1: error: the file starts with a byte order mark (BOM)"
        "\n    hint: save the file as UTF-8 without BOM"
    ]


def test_non_utf8_bytes() -> None:
    """GBK text is located at the first byte that is not UTF-8."""
    assert messages("id: a\ntitle: 教师".encode("gbk")) == [
        "guide.yaml:2:8: error: the file is not valid UTF-8 (byte 0xbd cannot be read)\n    hint: "
        "save the file as UTF-8; editors call it 'UTF-8' or 'Unicode (UTF-8)', not GBK"
    ]


def test_nul_byte() -> None:
    """A NUL byte marks a binary file."""
    assert messages(b"id: a\nx: \x00\x01\x02") == [
        "guide.yaml:2:4: error: the file contains a NUL byte; it looks like a binary file, "
        "not YAML\n    hint: save the guide as plain UTF-8 text"
    ]


def test_tab_in_indentation() -> None:
    """A tab in indentation is named with its line and column."""
    assert messages(b"id: a\nsteps:\n  -\ttitle: x\n\t  actor: y\n") == [
        "guide.yaml:4:1: error: a tab is used for indentation; YAML allows only spaces there"
        "\n    hint: replace the tab with spaces (2 per level)"
    ]


@pytest.mark.parametrize("source", [b"", b"\n\n", b"# just a comment\n", b"---\n...\n"])
def test_empty_file(source: bytes) -> None:
    """A file with nothing but blank lines and comments is empty."""
    assert messages(source) == [
        "guide.yaml:1:1: error: the file is empty\n    hint: a guide starts with `id:`; copy "
        "guides/services/teacher-qualification.yaml to begin"
    ]


def test_root_that_is_not_a_mapping_loads_as_data() -> None:
    """The loader reads a list root; validation says it must be a mapping (see fixtures)."""
    assert data("- a\n- b\n") == ["a", "b"]


def test_syntax_error_has_line_and_column() -> None:
    """A colon in an unquoted value is a syntax error at its place, with a hint to quote it."""
    assert messages("id: a\nsummary: 注意: 当场出结果\n".encode()) == [
        "guide.yaml:2:12: error: the value of `summary` contains a colon and a space (`: `), "
        "which YAML reads as the start of another key"
        '\n    hint: put the whole value in quotes: summary: "注意: 当场出结果"'
    ]


def test_unclosed_bracket() -> None:
    """An unclosed flow list is reported where it was opened, not where the parser gave up."""
    assert messages(b"topics: [a, b\nid: x\n") == [
        "guide.yaml:1:9: error: the `[` opened on this line is never closed with `]`\n"
        "    hint: add `]` at the end of the list; if the value is text that starts with `[`, "
        "put the whole value in quotes"
    ]


def test_merge_key() -> None:
    """Merge keys are refused rather than silently merged."""
    assert messages(b"base: &b {a: 1}\nx:\n  <<: *b\n") == [
        "guide.yaml:3:3: error: merge keys (`<<`) are not supported\n    hint: write the keys out "
        "in full instead of merging them from an anchor"
    ]


def test_billion_laughs() -> None:
    """Aliases that would expand beyond MAX_NODES stop with a message, not a memory blow-up."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    found = messages("\n".join(lines).encode())
    assert found == [
        f"guide.yaml:5:25: error: the file expands to more than {MAX_NODES:,} values (aliases "
        "counted each time they are used)\n    hint: remove the aliases (`*name`) that repeat "
        "large parts of the file"
    ]


def test_alias_inside_its_own_anchor() -> None:
    """A recursive alias is an error, not an endless structure."""
    assert messages(b"a: &x\n  b: *x\n") == [
        "guide.yaml:2:6: error: the alias `*x` is inside the value it refers to"
        "\n    hint: an alias cannot contain itself; write the value out"
    ]


@pytest.mark.parametrize("opening", [b"[", b"{a: "])
def test_deep_flow_nesting(opening: bytes) -> None:
    """Nesting deeper than MAX_DEPTH stops at the first level too deep."""
    found = messages(b"x: " + opening * 500)
    assert len(found) == 1
    assert found[0].startswith("guide.yaml:1:")
    assert f"the data is nested more than {MAX_DEPTH} levels deep" in found[0]


def test_deep_block_nesting() -> None:
    """Deep indentation is bounded the same way."""
    source = "".join("  " * level + f"k{level}:\n" for level in range(60)).encode()
    assert messages(source) == [
        f"guide.yaml:{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}: error: the data is nested more than "
        f"{MAX_DEPTH} levels deep\n    hint: a guide needs only a few levels; check the indentation"
    ]


def test_python_tag_is_refused() -> None:
    """Explicit tags, including ones other readers would execute, are refused."""
    assert messages(b"x: !!python/object/apply:os.system ['true']\n") == [
        "guide.yaml:1:4: error: YAML tags such as `!!python/object/apply:os.system` are not used "
        "in guides\n    hint: remove the tag; to keep a value as text, put it in quotes"
    ]


def test_two_documents() -> None:
    """One file holds one guide."""
    assert messages(b"id: a\n---\nid: b\n") == [
        "guide.yaml:2:1: error: the file holds more than one YAML document (`---`)\n    hint: keep "
        "one guide per file and remove the extra `---`"
    ]


def test_file_larger_than_the_bound(tmp_path: Path) -> None:
    """A file over MAX_FILE_BYTES is refused before it is read."""
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES)
    size = MAX_FILE_BYTES + 3
    assert [p.as_text() for p in load_file(path, "huge.yaml").problems] == [
        f"huge.yaml:1:1: error: the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
        "\n    hint: a guide is about 10 KB: check that this is the right file, or split it"
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    """A path that cannot be read is a problem, not an exception."""
    found = load_file(tmp_path / "gone.yaml", "gone.yaml").problems
    assert [p.as_text() for p in found] == [
        "gone.yaml:1:1: error: cannot read the file: No such file or directory\n    hint: check "
        "that the file exists and can be read"
    ]


@example("# first line is a comment\nanswer: 拨打 12345 #2 转人工")
@example("a: b # c")
@given(st.text(alphabet=" \t\n\r#ab:'-", max_size=40))
def test_the_quick_comment_scan_agrees_with_its_definition(text: str) -> None:
    """The scan that decides whether a file needs the comment pass finds exactly
    "something, then spaces or tabs, then #" on one line."""
    from generator.source.loader import _comment_after_content

    assert _comment_after_content(text) == bool(re.search(r"[^\s#][ \t]+#", text))
