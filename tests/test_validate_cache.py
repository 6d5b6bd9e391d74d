"""The results cache of `guides validate`: answers only for what it was keyed by.

Each test first proves the cache answered (every guide a hit), then changes one thing the
results depend on and checks that the problem it causes is found all the same.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_validation import make_tree

from generator.source.cache import ResultStore
from generator.validate import schema as schema_module
from generator.validate import tree as tree_module
from generator.validate.tree import ValidationResult, validate_tree

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def guides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_tree(tmp_path).relative_to(tmp_path)


def run(guides: Path, store: Path, *, today: dt.date = TODAY) -> tuple[ValidationResult, int]:
    """Validate with the store at `store`; return the result and how many guides it answered."""
    cache = ResultStore(store)
    result = validate_tree(guides, today=today, keep_data=False, cache=cache)
    return result, cache.hits


def codes(result: ValidationResult) -> list[tuple[str, str]]:
    return [(problem.file, problem.code) for problem in result.problems]


def warm(guides: Path, store: Path) -> None:
    """Fill the store and check that a second run is answered from it."""
    first, hits = run(guides, store)
    assert (codes(first), hits) == ([], 0)
    second, hits = run(guides, store)
    assert (codes(second), hits) == ([], 2)


def test_a_changed_guide_is_checked_again(guides: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache.json"
    warm(guides, store)
    path = guides / "services" / "minimal-service.yaml"
    path.write_text(path.read_text("utf-8").replace("topics: [education]", "topics: [edu]"))
    result, hits = run(guides, store)
    assert hits == 1  # the other guide
    assert ("guides/services/minimal-service.yaml", "reference.unknown-topic") in codes(result)


def test_a_changed_schema_checks_every_guide_again(
    guides: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "cache.json"
    warm(guides, store)
    schemas = tmp_path / "schema"
    shutil.copytree(schema_module.SCHEMA_DIR, schemas)
    guide_schema = schemas / "guide.schema.json"
    raw = json.loads(guide_schema.read_text("utf-8"))
    raw["required"] = [*raw["required"], "a_field_no_guide_has"]
    guide_schema.write_text(json.dumps(raw), "utf-8")
    monkeypatch.setattr(schema_module, "SCHEMA_DIR", schemas)
    result, hits = run(guides, store)
    assert hits == 0
    assert codes(result) == [
        ("guides/services/minimal-service.yaml", "schema.required"),
        ("guides/services/teacher-qualification.yaml", "schema.required"),
    ]


def test_schemas_are_compiled_once_and_again_when_a_file_is_edited(
    guides: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview validates on every save: the schemas are compiled once while they stay the
    same, and a schema edited in place in between is read and used at the next run."""
    schemas = tmp_path / "schema"
    shutil.copytree(schema_module.SCHEMA_DIR, schemas)
    monkeypatch.setattr(schema_module, "SCHEMA_DIR", schemas)
    first = schema_module.load_schemas()
    assert schema_module.load_schemas() is first
    assert codes(validate_tree(guides, today=TODAY)) == []
    guide_schema = schemas / "guide.schema.json"
    raw = json.loads(guide_schema.read_text("utf-8"))
    raw["required"] = [*raw["required"], "a_field_no_guide_has"]
    guide_schema.write_text(json.dumps(raw), "utf-8")
    assert schema_module.load_schemas() is not first
    assert schema_module.load_schemas().digest != first.digest
    assert ("guides/services/minimal-service.yaml", "schema.required") in codes(
        validate_tree(guides, today=TODAY)
    )


def test_changed_reference_data_checks_every_guide_again(guides: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache.json"
    warm(guides, store)
    topics = guides / "reference" / "topics.yaml"
    text = topics.read_text("utf-8")
    assert "id: talent" in text
    topics.write_text(text.replace("id: talent", "id: talents"), "utf-8")
    result, hits = run(guides, store)
    assert hits == 0
    assert ("guides/services/teacher-qualification.yaml", "reference.unknown-topic") in codes(
        result
    )


def test_another_day_checks_every_guide_again(guides: Path, tmp_path: Path) -> None:
    """The review age counts from today: a cached "no problem" expires with the date."""
    store = tmp_path / "cache.json"
    warm(guides, store)
    result, hits = run(guides, store, today=TODAY + dt.timedelta(days=800))
    assert hits == 0
    assert ("guides/services/minimal-service.yaml", "review.overdue") in codes(result)


@pytest.mark.parametrize(
    "stored",
    [
        b"{not json",
        b'{"format": 1, "entries": [1, 2]}',
        b'{"format": 999, "entries": {}}',
        b"\x00\xff\xfe",
    ],
    ids=["cut-short", "entries-not-a-mapping", "another-format", "binary"],
)
def test_an_unreadable_store_is_treated_as_empty(
    guides: Path, tmp_path: Path, stored: bytes
) -> None:
    store = tmp_path / "cache.json"
    store.write_bytes(stored)
    result, hits = run(guides, store)
    assert (codes(result), hits) == ([], 0)
    assert json.loads(store.read_text("utf-8"))["format"] == 1  # written again, whole


def test_an_entry_of_the_wrong_shape_is_checked_again(guides: Path, tmp_path: Path) -> None:
    """A store whose entries were damaged answers for none of them, and nothing is lost."""
    store = tmp_path / "cache.json"
    warm(guides, store)
    path = guides / "services" / "minimal-service.yaml"
    path.write_text(path.read_text("utf-8").replace("topics: [education]", "topics: [edu]"))
    run(guides, store)  # the store now holds the problem of minimal-service
    stored = json.loads(store.read_text("utf-8"))
    damaged = [
        {"problems": "none", "key": None},
        {"problems": [[1, 2, 3]], "key": None},
        {"problems": [], "key": [1, 2, 3]},
        ["not", "a", "mapping"],
    ]
    for damage in damaged:
        stored["entries"] = {key: damage for key in stored["entries"]}
        store.write_text(json.dumps(stored), "utf-8")
        result, hits = run(guides, store)
        assert hits == 0, damage
        assert ("guides/services/minimal-service.yaml", "reference.unknown-topic") in codes(result)


def test_a_store_that_cannot_be_written_is_left_alone(guides: Path, tmp_path: Path) -> None:
    """The cache is only an aid: a folder in the way of the store does not stop validation."""
    store = tmp_path / "cache.json"
    store.mkdir()
    result, hits = run(guides, store)
    assert (codes(result), hits) == ([], 0)
    assert store.is_dir()


def test_cached_messages_are_in_the_language_asked_for(guides: Path, tmp_path: Path) -> None:
    from generator.common import i18n

    store = tmp_path / "cache.json"
    path = guides / "services" / "minimal-service.yaml"
    path.write_text(path.read_text("utf-8").replace("topics: [education]", "topics: [edu]"))
    english, _hits = run(guides, store)
    previous = i18n.current_language()
    try:
        i18n.set_language("zh_CN")
        chinese, hits = run(guides, store)
    finally:
        i18n.set_language(previous)
    assert hits == 0
    assert [p.message for p in chinese.problems] != [p.message for p in english.problems]


def test_only_the_files_asked_for_are_checked_and_the_others_answered(
    guides: Path, tmp_path: Path
) -> None:
    """What `guides serve` needs: check one changed guide, the others' keys from the cache."""
    store = tmp_path / "cache.json"
    warm(guides, store)
    teacher = guides / "services" / "teacher-qualification.yaml"
    minimal = guides / "services" / "minimal-service.yaml"
    text = minimal.read_text("utf-8")
    minimal.write_text(text.replace("id: minimal-service", "id: teacher-qualification"))
    cache = ResultStore(store)
    result = validate_tree(guides, today=TODAY, paths=[minimal], cache=cache)
    assert cache.hits == 1  # teacher-qualification's key, for the rules across files
    assert ("guides/services/minimal-service.yaml", "across.duplicate-id") in codes(result)
    assert [guide["_source"] for guide in result.guides] == ["guides/services/minimal-service.yaml"]
    minimal.write_text(text)
    cache = ResultStore(store)
    validate_tree(guides, today=TODAY, paths=[teacher], keep_data=False, cache=cache)
    # both: teacher-qualification itself, and minimal-service as it was before (its
    # result was kept by the run over one file, which did not use it)
    assert cache.hits == 2


def test_no_cache_reads_and_writes_no_store(
    guides: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support import run_guides

    folder = tmp_path / "cache-folder"
    monkeypatch.setenv("GUIDES_CACHE_DIR", str(folder))
    code, _output = run_guides("validate", "--no-cache", "guides")
    assert code == 0
    assert not folder.exists()
    code, _output = run_guides("validate", "guides")
    assert code == 0
    assert [path.suffix for path in folder.iterdir()] == [".json"]


def test_a_run_over_some_files_keeps_the_store_bounded(
    guides: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs over one file keep the others' results, but not without end."""
    from generator.source import cache as cache_module

    store = tmp_path / "cache.json"
    warm(guides, store)
    minimal = guides / "services" / "minimal-service.yaml"
    text = minimal.read_text("utf-8")
    monkeypatch.setattr(cache_module, "MAX_KEPT", 3)
    for number in range(3):
        minimal.write_text(text.replace("学历证明查询", f"学历证明查询{number}"), "utf-8")
        validate_tree(guides, today=TODAY, paths=[minimal], cache=ResultStore(store))
    entries = json.loads(store.read_text("utf-8"))["entries"]
    assert len(entries) <= 3


def test_the_reference_stage_is_kept_while_its_files_stay_the_same(
    guides: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store used run after run (an editor's saves, the seeded accuracy set) keeps the
    reference data as loaded and checked, with its own problems, until a reference file
    changes; then the stage is made again from the new bytes."""
    loads: list[int] = []
    load_reference = tree_module.load_reference

    def counted(*args: Any, **kwargs: Any) -> Any:
        loads.append(1)
        return load_reference(*args, **kwargs)

    monkeypatch.setattr(tree_module, "load_reference", counted)
    store = ResultStore(None)
    topics = guides / "reference" / "topics.yaml"
    text = topics.read_text("utf-8")
    topics.write_text(text.replace("id: talent", "id: Talent"), "utf-8")  # not a slug
    found = [codes(validate_tree(guides, today=TODAY, cache=store)) for _ in range(3)]
    assert len(loads) == 1
    assert found[0] == found[1] == found[2]
    assert ("guides/reference/topics.yaml", "schema.pattern") in found[2]

    topics.write_text(text, "utf-8")
    assert codes(validate_tree(guides, today=TODAY, cache=store)) == []
    assert len(loads) == 2
    assert codes(validate_tree(guides, today=TODAY, cache=store)) == []
    assert len(loads) == 2
    assert codes(validate_tree(guides, today=TODAY + dt.timedelta(days=1), cache=store)) == []
    assert len(loads) == 3  # the day is in the key, as it is in every result's
