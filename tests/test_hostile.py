"""Hostile and random input: the loader and validation only ever answer with Problems."""

from __future__ import annotations

import copy
import os
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.source.loader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    LoadedFile,
    load_bytes,
    load_file,
)
from generator.validate.problems import Problem
from generator.validate.rules import build_index, check_reference
from generator.validate.schema import load_schemas
from generator.validate.tree import check_guide_file

FIXTURES = Path(__file__).parent / "fixtures" / "guides"
REPO = Path(__file__).resolve().parent.parent
GUIDE = FIXTURES / "valid" / "teacher-qualification.yaml"
SCHEMAS = load_schemas()
INDEX = build_index(
    {
        key: yaml.safe_load((FIXTURES / "reference" / f"{stem}.yaml").read_text("utf-8"))[key]
        for stem, key in [
            ("departments", "departments"),
            ("offices", "offices"),
            ("topics", "topics"),
            ("life-events", "life_events"),
            ("e-licences", "e_licences"),
        ]
    }
)
TODAY = date(2026, 11, 26)
FAST = settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def check_source(source: bytes) -> list[Problem]:
    """Load and fully check bytes as the guide `teacher-qualification.yaml`."""
    loaded = load_bytes(source, Path("teacher-qualification.yaml"), "teacher-qualification.yaml")
    problems = check_guide_file(loaded, SCHEMAS, INDEX, today=TODAY)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message
    return problems


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(source: bytes) -> None:
    """Any bytes at all end in Problems or clean data, never an exception."""
    check_source(source)


@FAST
@given(st.text(alphabet=st.sampled_from(list("-:[]{},&*!|>'\"#%@` \n\t?abc01教")), max_size=300))
def test_random_yaml_punctuation_never_raises(text: str) -> None:
    """Text made of YAML's special characters never raises."""
    check_source(text.encode("utf-8"))


@FAST
@given(st.data())
def test_truncated_guide_never_raises(data: st.DataObject) -> None:
    """A valid guide cut off at any byte gives Problems, never an exception."""
    source = GUIDE.read_bytes()
    cut = data.draw(st.integers(min_value=0, max_value=len(source)))
    check_source(source[:cut])


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*here, key))
    elif isinstance(value, list):
        for number, child in enumerate(value):
            found += _paths(child, (*here, number))
    return found


@FAST
@given(st.data())
def test_any_value_anywhere_never_raises(data: st.DataObject) -> None:
    """Replacing any part of a valid guide with any value gives Problems, never an exception."""
    guide = yaml.safe_load(GUIDE.read_text("utf-8"))
    guide["reviewed"], guide["updated"] = "2026-09-15", "2026-08-30"
    path = data.draw(st.sampled_from(_paths(guide)[1:]))
    new = data.draw(JSONISH)
    target = copy.deepcopy(guide)
    parent = target
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new
    source = yaml.safe_dump(target, allow_unicode=True).encode("utf-8")
    check_source(source)


def test_valid_guide_checks_clean() -> None:
    """The property tests start from a guide that has no problem of its own."""
    assert check_source(GUIDE.read_bytes()) == []


def hostile(tmp_path: Path, content: bytes) -> LoadedFile:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    return load_file(path, "hostile.yaml")


def test_huge_file_is_refused(tmp_path: Path) -> None:
    """A 20 MB file is refused from its size alone."""
    path = tmp_path / "hostile.yaml"
    with path.open("wb") as stream:
        stream.truncate(20 * 1024 * 1024)
    (problem,) = load_file(path, "hostile.yaml").problems
    assert problem.message == f"the file is 20,971,520 bytes; the limit is {MAX_FILE_BYTES:,} bytes"


def test_deep_nesting_at_the_size_bound(tmp_path: Path) -> None:
    """A file of nothing but opening brackets stops at the depth bound."""
    (problem,) = hostile(tmp_path, b"[" * MAX_FILE_BYTES).problems
    assert problem.message == f"the data is nested more than {MAX_DEPTH} levels deep"


def test_binary_file(tmp_path: Path) -> None:
    """Random binary content is reported as not a text file."""
    (problem,) = hostile(tmp_path, os.urandom(256 * 1024) + b"\x00").problems
    assert problem.message in {
        "the file contains a NUL byte; it looks like a binary file, not YAML",
    }


def test_long_single_line(tmp_path: Path) -> None:
    """One enormous scalar just under the bound is read as data, then checked by the schema."""
    loaded = hostile(tmp_path, b"id: " + b"a" * (MAX_FILE_BYTES - 10))
    assert loaded.problems == []
    assert len(loaded.data["id"]) == MAX_FILE_BYTES - 10


def test_too_many_values_without_aliases(tmp_path: Path) -> None:
    """A file of more values than any guide has is refused without blaming aliases."""
    body = b"".join(b"k%d: v\n" % number for number in range(120_000))[:MAX_FILE_BYTES]
    (problem,) = hostile(tmp_path, body).problems
    assert problem.as_text() == (
        f"hostile.yaml:{MAX_NODES}:9: error: the file holds more than {MAX_NODES:,} "
        "values\n    hint: a guide has a few hundred; check that this is the right file, or "
        "split it"
    )


def test_many_keys(tmp_path: Path) -> None:
    """A flat mapping with many keys near the size bound is read, not refused."""
    body = b"".join(b"k%d: v\n" % number for number in range(40_000))
    loaded = hostile(tmp_path, body)
    assert loaded.problems == []
    assert len(loaded.data) == 40_000


def test_alias_bomb_in_a_small_file(tmp_path: Path) -> None:
    """Nine levels of ten aliases each (10^9 values) stop at the node bound."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    (problem,) = hostile(tmp_path, "\n".join(lines).encode()).problems
    assert problem.message.startswith("the file expands to more than")


@FAST
@given(st.data())
def test_any_value_in_reference_data_never_raises(data: st.DataObject) -> None:
    """Replacing any part of the offices file with any value gives Problems, never an exception."""
    offices = yaml.safe_load((FIXTURES / "reference" / "offices.yaml").read_text("utf-8"))
    path = data.draw(st.sampled_from(_paths(offices)[1:]))
    parent = offices
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = data.draw(JSONISH)
    source = yaml.safe_dump(offices, allow_unicode=True).encode("utf-8")
    loaded = load_bytes(source, Path("offices.yaml"), "offices.yaml")
    index = build_index({"offices": offices["offices"] if isinstance(offices, dict) else []})
    problems = [*SCHEMAS.check("offices", loaded), *check_reference("offices", loaded, index)]
    assert all(isinstance(problem, Problem) for problem in problems)


def test_a_list_as_instant_approval_is_a_problem_not_a_crash() -> None:
    """`instant_approval: []` once raised TypeError in the time-limit rule (found by hypothesis)."""
    guide = yaml.safe_load(GUIDE.read_text("utf-8"))
    guide["reviewed"], guide["updated"] = "2026-09-15", "2026-08-30"
    guide["instant_approval"] = []
    problems = check_source(yaml.safe_dump(guide, allow_unicode=True).encode("utf-8"))
    assert {problem.path for problem in problems} == {"instant_approval"}


def _check_each_field_as(
    base: dict[str, Any], values: tuple[Any, ...], last: tuple[str, ...] = ()
) -> None:
    """Check `base` with each field in turn (only those named `last`, when given) set to each
    of `values`."""
    for path in _paths(base)[1:]:
        if last and path[-1] not in last:
            continue
        for value in values:
            data = copy.deepcopy(base)
            node = data
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
            check_source(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


def test_every_field_of_a_guide_as_a_list_a_mapping_or_a_number_never_raises() -> None:
    """Each field of a sample guide in turn given a value of the wrong shape ends in
    Problems: a deterministic sweep beside the random one above, which found two rules
    (the e-licence catalogue lookup, the cross-region claim) using such a value as a key."""
    _check_each_field_as(yaml.safe_load(GUIDE.read_text("utf-8")), ([], {"a": 1}, 5))


def test_every_sample_guide_with_a_wrongly_shaped_field_never_raises() -> None:
    """The sweep above on each sample guide, for the fields that name their kind (a channel's
    `type`, a time limit's `unit`) given a list or a mapping: found raising in the unit's
    name of a promise the text contradicts, and in two rules of the twelfth accuracy round,
    each using such a value as a key."""
    for guide in sorted((REPO / "guides" / "services").glob("*.yaml")):
        _check_each_field_as(
            yaml.safe_load(guide.read_text("utf-8")), ([], {"a": 1}), ("type", "unit")
        )
