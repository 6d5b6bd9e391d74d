"""The quick way to a clean file's data (generator/source/fast_yaml.py) against the loader's
own reader: the same data, the same problems at the same lines, or no answer at all."""

from __future__ import annotations

import dataclasses
import random
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import REPO

from generator.source import fast_yaml
from generator.source.fast_yaml import UNSURE, fast_data
from generator.source.files import scan_tree
from generator.source.loader import LoadedFile, load_bytes
from generator.validate.problems import Problem
from generator.validate.rules import ReferenceIndex, build_index
from generator.validate.rules.accuracy import build_facts
from generator.validate.schema import SchemaSet, load_schemas
from generator.validate.tree import check_guide_file, load_reference

TODAY = date(2026, 11, 26)
ALONE = fast_yaml._alone
GUIDES = REPO / "guides"
SAMPLES = sorted((GUIDES / "services").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick way answers only in a process with one thread; a test run may have left
    others running (the preview's tests), so these tests say it has one, except the test
    of that very rule, which asks the real question."""
    monkeypatch.setattr(fast_yaml, "_alone", lambda: True)


def typed(value: Any) -> Any:
    """Return `value` with the type of every part spelled out: True == 1 == 1.0 otherwise."""
    if isinstance(value, dict):
        return ("dict", [(key, typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, value)


def both(raw: bytes, name: str = "guides/services/guide.yaml") -> tuple[LoadedFile, LoadedFile]:
    """Load `raw` with the quick way allowed, then with the loader's own reader only."""
    path = REPO / name
    quick = load_bytes(raw, path, name)
    fast_yaml.ENABLED = False
    try:
        usual = load_bytes(raw, path, name)
    finally:
        fast_yaml.ENABLED = True
    return quick, usual


def answered(raw: bytes) -> bool:
    """Tell whether the quick way vouches for `raw` (what `load_bytes` asks it)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return fast_data(text) is not UNSURE


def same_reading(raw: bytes) -> bool:
    """Assert both ways read `raw` alike; return whether the quick way answered."""
    quick, usual = both(raw)
    assert typed(quick.data) == typed(usual.data)
    assert quick.problems == usual.problems
    if answered(raw):
        assert usual.problems == [], "the quick way answered for a file with a problem"
        return True
    return False


@pytest.fixture(scope="module")
def checking() -> tuple[SchemaSet, ReferenceIndex]:
    schemas = load_schemas()
    found = scan_tree(GUIDES).reference
    reference, files = load_reference(GUIDES, found, schemas, [])
    index = dataclasses.replace(build_index(reference), facts=build_facts(files))
    return schemas, index


def all_problems(
    raw: bytes, name: str, checking: tuple[SchemaSet, ReferenceIndex]
) -> tuple[list[Problem], list[Problem]]:
    """Every problem a guide gets, read the quick way and the usual way (lines included:
    a problem's line is looked up from the source after either reading)."""
    schemas, index = checking
    found = []
    for loaded in both(raw, name):
        loaded.untouched = True
        found.append(sorted(check_guide_file(loaded, schemas, index, today=TODAY)))
    return found[0], found[1]


def _edits() -> Iterator[tuple[str, str, bytes]]:
    """Every seeded edit of the repository: accuracy defects and YAML mistakes."""
    defects = yaml.safe_load((REPO / "tests/eval/accuracy/defects.yaml").read_text("utf-8"))
    for entry in defects["mistakes"]:
        text = (REPO / entry["file"]).read_text("utf-8")
        if entry["find"] in text:
            yield entry["id"], entry["file"], text.replace(entry["find"], entry["replace"], 1)
    rows = yaml.safe_load((REPO / "tests/yaml-mistakes.yaml").read_text("utf-8"))
    for row in rows:
        name = f"guides/services/{row['guide']}.yaml"
        text = (REPO / name).read_text("utf-8")
        yield row["name"], name, text.replace(row["find"], row["replace"], 1)


def test_every_file_of_the_repository_gets_the_same_problems(
    checking: tuple[SchemaSet, ReferenceIndex],
) -> None:
    """Samples, reference data and test fixtures: the same data and problems either way,
    and the quick way answers for the samples (else this compares nothing)."""
    files = sorted(GUIDES.rglob("*.yaml")) + sorted((REPO / "tests/fixtures").rglob("*.yaml"))
    quick_ones = 0
    for path in files:
        raw = path.read_bytes()
        name = str(path.relative_to(REPO))
        same_reading(raw)
        quick, usual = all_problems(raw, name, checking)
        assert quick == usual, name
        quick_ones += answered(raw)
    assert len(files) > 80
    assert sum(answered(path.read_bytes()) for path in SAMPLES) >= len(SAMPLES) - 3
    assert quick_ones > len(files) // 2


def test_every_seeded_edit_gets_the_same_problems(
    checking: tuple[SchemaSet, ReferenceIndex],
) -> None:
    """The accuracy defects (tests/eval/accuracy/defects.yaml) and the YAML mistakes
    (tests/yaml-mistakes.yaml): every problem, line and message the same either way."""
    count = quick_ones = 0
    for ident, name, text in _edits():
        raw = text.encode("utf-8")
        quick, usual = all_problems(raw, name, checking)
        assert [p.as_text() for p in quick] == [p.as_text() for p in usual], ident
        assert quick == usual, ident
        count += 1
        quick_ones += answered(raw)
    assert count > 200
    assert quick_ones > 100  # the accuracy defects are clean YAML: read the quick way


_INSERTS = [
    ":",
    ": ",
    " ",
    "  ",
    "-",
    "- ",
    "#",
    " #",
    "'",
    '"',
    "\n",
    "\n  ",
    "|",
    ">",
    "[",
    "]",
    "{",
    "}",
    ",",
    "*",
    "&",
    "!",
    "?",
    "~",
    "1",
    "0",
    ".",
    "\\",
    "：",
    "　",
    "%",
    "@",
    "`",
    "\t",
    "\r",
    "yes",
    "1.",
    ".5",
    "True",
    "null",
    "- - ",
    "  - ",
    "a: b",
    "\n---\n",
]


def _mutations(text: str, rng: random.Random) -> Iterator[str]:
    lines = text.split("\n")
    for _ in range(60):
        at = rng.randrange(len(text))
        kind = rng.randrange(5)
        if kind == 0:
            yield text[:at] + text[at + 1 :]
        elif kind <= 2:
            yield text[:at] + rng.choice(_INSERTS) + text[at:]
        elif kind == 3:
            number = rng.randrange(len(lines))
            yield "\n".join(lines[: number + 1] + lines[number:])  # a line written twice
        else:
            number = rng.randrange(len(lines))
            shifted = lines[number][2:] if rng.random() < 0.5 else "  " + lines[number]
            yield "\n".join([*lines[:number], shifted, *lines[number + 1 :]])


def test_seeded_random_edits_read_alike() -> None:
    """A few thousand random edits of the samples (characters YAML cares about inserted
    or deleted, lines repeated or re-indented): whenever the quick way answers, the
    loader's own reader finds no problem and the very same data."""
    rng = random.Random(15)
    total = quick_ones = 0
    for path in SAMPLES:
        for edited in _mutations(path.read_text("utf-8"), rng):
            quick_ones += same_reading(edited.encode("utf-8"))
            total += 1
    assert total >= 1500
    assert quick_ones > total // 5  # enough answered for the comparison to mean something


VOUCHED = [
    "a: yes\n",
    "a: no\n",
    "a: on\n",
    "a: 0755\n",
    "a: 1:30\n",
    "a: 2024-01-01\n",
    "a: 0599-12345\n",
    "a: 12345\nb: '12345'\n",
    "a: 1.5\nb: -0\nc: 1e3\nd: 0\n",
    "a: true\nb: false\nc: null\nd:\n",
    "a: [health, family]\n",
    "a: 'it''s'\nb: \"q\\\"x\"\n",
    "a: |\n  one\n  two\n\nb: >-\n  folded\n  text\n",
    "a: x\n  y\n",
    "a: text # comment\n",
    "a: |\n  Bring:\n  **both** copies\n  - **the form**\n",
    "a: {value: 10, unit: working_days}\nb: [1, 2]\nc: {zh-CN: 江滨区, en: Jiangbin District}\n",
]


@pytest.mark.parametrize("source", VOUCHED)
def test_what_the_quick_way_answers_is_what_the_loader_reads(source: str) -> None:
    """YAML 1.1 words, dates, octal-looking and sexagesimal-looking texts stay text, as the
    loader's rules say; numbers, booleans and null are the same; the quick way answers."""
    assert same_reading(source.encode("utf-8"))


UNSURE_CASES = {
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "alias alone": "a: *x\n",
    "tag": "a: !!str 1\n",
    "local tag": "a: !thing 1\n",
    "merge key": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "complex key": "? a\n: b\n",
    "tab": "a:\n\tb: 1\n",
    "tab in a value": "a: x\ty\n",
    "carriage return": "a: 1\r\nb: 2\r\n",
    "BOM": "\ufeffa: 1\n",
    "control character": "a: x\x01y\n",
    "next line": "a: x\x85y\n",
    "line separator": "a: x\u2028y\n",
    "tilde": "a: ~\n",
    "capital True": "a: True\n",
    "capital NULL": "a: NULL\n",
    "trailing dot": "a: 1.\n",
    "leading dot": "a: .5\n",
    "huge integer": "a: 123456789012345678901\n",
    "document marker": "---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "directive": "%YAML 1.2\n---\na: 1\n",
    "flow mapping in a flow list": "a: [{b: 1}]\n",
    "flow mapping with a quoted value": "a: {b: 'x'}\n",
    "nested flow": "a: [[b]]\n",
    "quoted flow item": "a: ['b', c]\n",
    "flow decimal": "a: [1.5, 2]\n",
    "flow over lines": "a: [b,\n  c]\n",
    "Markdown bold starting a value (an alias to YAML)": "a:\n  - **bold** line\n",
    "flow word True": "a: [True]\n",
    "reserved character": "a: @x\n",
    "backquote": "a: `x`\n",
    "colon starting a line": "a: 1\n: b\n",
    # A flow collection's end or a comma cannot start a plain value; rapidyaml read
    # `}  en: x` as a key of its own (found by test_seeded_random_edits_read_alike).
    "closing brace starting a line": "a:\n  b: x\n  }  c: y\n",
    "closing bracket starting a line": "a:\n  b: x\n  ]  c: y\n",
    "closing brace after a key": "a: } x\n",
    "comma starting a value": "a: , x\n",
    "a list at the top": "- a\n- b\n",
    "a text at the top": "just text\n",
    "syntax error": "a: b: c\n",
    "unclosed quote": "a: 'x\nb: 1\n",
    "bad indentation": "a:\n  - b\n c: d\n",
    "deep nesting": "".join("  " * level + f"k{level}:\n" for level in range(40))
    + "  " * 40
    + "v\n",
    "large file": "a: |\n" + "  line\n" * 20_000,
}


@pytest.mark.parametrize("name", sorted(UNSURE_CASES))
def test_what_it_cannot_vouch_for_is_read_the_usual_way(name: str) -> None:
    """Duplicate keys, anchors, tags, tabs, BOM, YAML 1.1 spellings rapidyaml reads
    otherwise, flow mappings, several documents, syntax errors, deep nesting...: the
    quick way gives no answer, so the loader's own reader gives today's message."""
    source = UNSURE_CASES[name].encode("utf-8")
    assert not answered(source)
    assert same_reading(source) is False


def test_the_messages_of_unsure_files_are_todays() -> None:
    """A few of them with the message spelled out, as an editor reads it."""
    quick, _usual = both(b"a: 1\nb: 2\na: 3\n")
    assert [p.code for p in quick.problems] == ["yaml.duplicate-key"]
    assert quick.problems[0].line == 3
    quick, _usual = both(b"a:\n\tb: 1\n")
    assert [(p.code, p.line) for p in quick.problems] == [("yaml.tab", 2)]
    quick, _usual = both(b"a: !!str 1\n")
    assert [p.code for p in quick.problems] == ["yaml.tag"]
    quick, _usual = both(b"a: 'x\nb: 1\n")
    assert quick.problems and quick.problems[0].code.startswith("yaml.")


def test_a_parse_error_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    """rapidyaml prints its own errors on the process's stderr: they are hidden."""
    quick, _usual = both(b"title: x\nsummary: a: b\n")
    assert quick.problems
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_another_thread_running_means_the_usual_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Hiding rapidyaml's stderr for a moment is only safe with one thread (the preview
    runs several): then the quick way does not answer."""
    monkeypatch.setattr(fast_yaml, "_alone", ALONE)
    raw = SAMPLES[0].read_bytes()
    if threading.active_count() == 1:  # nothing left running by an earlier test
        assert answered(raw)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not answered(raw)
    finally:
        stop.set()
        other.join()


def test_the_loader_keeps_positions_for_a_quickly_read_file() -> None:
    """Lines are found from the source when a problem needs one, as after the usual way."""
    raw = SAMPLES[0].read_bytes()
    quick, usual = both(raw)
    assert answered(raw)
    assert quick.positions == usual.positions
    assert quick.key_positions == usual.key_positions
    assert quick.comment_cuts == usual.comment_cuts


def test_disabled_means_never_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_yaml, "ENABLED", False)
    assert fast_data(SAMPLES[0].read_text("utf-8")) is UNSURE


NUMBER_SHAPES = [
    "0", "-0", "+0", "7", "-7", "+7", "10", "123456789012345678", "1234567890123456789",
    "00", "007", "0755", "1.5", "-1.5", "+1.5", "0.0", "10.25", "1.", ".5", "-.5", "1e3",
    "1E3", "1e+3", "1e-3", "1.5e10", "1.5E-10", "1e999", "1e1000", "1_000", "0x1F", "0o17",
    "0b101", ".inf", "-.inf", ".nan", "1:30", "1.2.3", "1e", "e3", "-", "1-2", "2024-01-01",
]  # fmt: skip


@pytest.mark.parametrize("shape", NUMBER_SHAPES)
def test_every_shape_of_number_reads_alike(shape: str) -> None:
    """rapidyaml's JSON and the loader's rules agree on every shape of number, where the
    quick way answers: as a value, an item, in a flow list and in a flow mapping."""
    for source in (
        f"a: {shape}\nb:\n  - {shape}\n",
        f"a: {shape} # comment\n",
        f"a: [{shape}, x]\n",
        f"a: {{v: {shape}, w: x}}\n",
    ):
        same_reading(source.encode("utf-8"))
    if shape in ("0", "7", "-7", "10", "1.5", "0755", "2024-01-01"):  # answered, so compared
        assert answered(f"a: {shape}\n".encode())


def test_reading_many_files_keeps_memory_flat() -> None:
    """rapidyaml's own `emit_json` never frees its output (80 MB more at 10,000 guides):
    reading a guide 3,000 times the quick way must not grow the process by a megabyte."""
    text = SAMPLES[0].read_text("utf-8")
    page = 4096

    def resident() -> int:
        return int(Path("/proc/self/statm").read_text().split()[1]) * page

    for _ in range(200):  # the buffer and the allocator's pools reach their size
        fast_data(text)
    before = resident()
    for _ in range(3000):
        assert fast_data(text) is not UNSURE
    assert resident() - before < 1_000_000


def test_a_json_larger_than_the_buffer_is_read_whole() -> None:
    """The JSON buffer grows for a file whose JSON does not fit (the buffer starts at 64 KB)."""
    items = "".join(f"  - {'x' * 35}-{number}\n" for number in range(1400))
    source = f"a:\n{items}".encode()
    written = fast_yaml._json_of(source.decode())
    assert written is not None
    assert len(source) < 65_536 < len(written)
    assert same_reading(source)


def _quick(source: str) -> Any:
    """What orjson's reading of rapidyaml's JSON gives for `source`, where `fast_data`
    lets orjson read it (`UNSURE` otherwise)."""
    written = fast_yaml._json_of(source)
    assert written is not None
    unsure, fraction = fast_yaml._look("\n" + source)
    assert not unsure
    return UNSURE if fraction else fast_yaml._quick_json(written)


def test_every_sample_is_read_by_orjson() -> None:
    """The samples are read the quickest way (orjson, no hook), not only the exact one."""
    for path in SAMPLES:
        assert _quick(path.read_text(encoding="utf-8")) is not UNSURE, path.name


@pytest.mark.parametrize(
    "source",
    [
        "a: 1\nb: 2\na: 3\n",
        "e: 'a\": b'\ne: 2\n",  # a text holding `": `, as rapidyaml's JSON writes a key's end
        "e: 'x\\\": y'\nf: 1\nf: 2\n",  # a backslash before the quote in a text
        "a:\n  b: 1\n  c: 2\n  b: 3\n",
        "f: {v: 10, v: 11}\n",
        "l:\n  - n: 1\n    n: 2\n",
    ],
)
def test_a_key_written_twice_is_never_read_by_orjson(source: str) -> None:
    """orjson keeps the last of two keys; the count of keys sends such a file to the exact
    way, and the loader's reader then names the key (test above)."""
    assert _quick(source) is UNSURE
    assert not answered(source.encode("utf-8"))


@pytest.mark.parametrize(
    "source",
    [
        "a: 1.5\nb: x\n",
        "a: 1e3\n",
        "a: .5\n",
        "a:\n  - -1.5 # comment\n",
        "a:\n  1.5\n",
        "a: 1234567890123456789\n",  # 19 digits: orjson reads some as a float
        "a: -9223372036854775809\n",
        "a: 18446744073709551616\n",
        "a: +5\n",
    ],
)
def test_numbers_orjson_may_read_otherwise_take_the_exact_way(source: str) -> None:
    """A value that may be a number with a fraction, an exponent or 19 digits and more is
    read by `json` with its hooks, and the data is the loader's."""
    assert _quick(source) is UNSURE
    same_reading(source.encode("utf-8"))


@pytest.mark.parametrize(
    "source",
    [
        "a: x\nb: the fee is 1.5 yuan\n",
        "a: |\n  under 16.\n  1. first\n",
        "a: 10\nb:\n  - 123456789012345678\n  - -7\n  - 0\n",
        "a: {value: 10, unit: minutes}\nb: [x, 2]\n",
        "a: '1.5'\nb: \"2e3\"\n",
    ],
)
def test_whole_numbers_and_decimals_in_texts_are_read_by_orjson(source: str) -> None:
    """Numbers in texts, quoted numbers and whole numbers of up to 18 digits leave a file to
    orjson, which reads it as the loader does."""
    assert _quick(source) is not UNSURE
    assert same_reading(source.encode("utf-8"))
