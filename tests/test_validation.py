"""Validation of whole trees: each invalid fixture gives exactly the problems in its .expected."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.validate.problems import Severity
from generator.validate.tree import CannotValidate, validate_tree

FIXTURES = Path(__file__).parent / "fixtures" / "guides"
REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 26)
INVALID = sorted(path.stem for path in (FIXTURES / "invalid").glob("*.yaml"))


def make_tree(root: Path, *extra: Path) -> Path:
    """Lay out guides/reference and guides/services from the valid fixtures, plus `extra` guides."""
    guides = root / "guides"
    shutil.copytree(FIXTURES / "reference", guides / "reference")
    (guides / "services").mkdir()
    for path in [*sorted((FIXTURES / "valid").glob("*.yaml")), *extra]:
        shutil.copy(path, guides / "services" / path.name)
    return guides


def test_valid_fixtures_have_no_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The valid fixtures pass with no error and no warning."""
    monkeypatch.chdir(tmp_path)
    result = validate_tree(make_tree(tmp_path).relative_to(tmp_path), today=TODAY)
    assert [p.as_text() for p in result.problems] == []
    assert result.ok
    assert result.files_checked == 5 + 2


def test_result_carries_data_for_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Guides come back as loaded, with `_source`, dates as ISO text, and the reference lists."""
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path)
    result = validate_tree(Path("guides"), today=TODAY)
    by_id = {guide["id"]: guide for guide in result.guides}
    teacher = by_id["teacher-qualification"]
    assert teacher["_source"] == "guides/services/teacher-qualification.yaml"
    assert teacher["reviewed"] == "2026-09-15"
    assert teacher["contacts"][0]["phone"] == "0599-8701 2345"
    assert by_id["minimal-service"]["updated"] == "2026-09-30"
    assert sorted(result.reference) == [
        "departments",
        "e_licences",
        "life_events",
        "offices",
        "topics",
    ]
    assert result.reference["offices"][0]["hours"][0]["opens"] == "09:00"


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture_gives_exact_problems(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each invalid fixture yields exactly the located messages written in its .expected file."""
    fixture = FIXTURES / "invalid" / f"{name}.yaml"
    expected = fixture.with_suffix(".expected").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path, fixture)
    result = validate_tree(Path("guides"), today=TODAY)
    assert "\n".join(p.as_text() for p in result.problems) + "\n" == expected


def test_every_invalid_fixture_has_expected_messages() -> None:
    """No invalid fixture is left without the messages it must produce."""
    for name in INVALID:
        expected = (FIXTURES / "invalid" / f"{name}.expected").read_text(encoding="utf-8")
        assert expected.strip(), name


def test_single_file_checks_related_against_the_whole_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking one file still knows the other guides' ids, so related links resolve."""
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path)
    target = Path("guides/services/teacher-qualification.yaml")
    result = validate_tree(Path("guides"), paths=[target], today=TODAY)
    assert result.problems == []
    assert [guide["id"] for guide in result.guides] == ["teacher-qualification"]
    assert result.files_checked == 5 + 1


def test_review_age_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shorter review age turns an otherwise clean guide into a warning, not an error."""
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path)
    result = validate_tree(Path("guides"), today=TODAY, review_max_age_days=60)
    assert [(p.file, p.severity, p.path) for p in result.problems] == [
        ("guides/services/teacher-qualification.yaml", Severity.WARNING, "reviewed")
    ]
    assert result.ok


def test_missing_reference_file_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guides root without one of its reference files says which one to create."""
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path)
    (tmp_path / "guides/reference/topics.yaml").unlink()
    result = validate_tree(Path("guides"), today=TODAY)
    texts = [p.as_text() for p in result.problems]
    assert texts[0] == (
        "guides/reference/topics.yaml:1:1: error: this reference file is missing"
        "\n    hint: create it with a `topics:` list"
    )
    assert "`education` is not a known topic" in texts[1]


def test_reference_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reference files: ids unique, departments known, hours in order, breaks inside them."""
    monkeypatch.chdir(tmp_path)
    guides = make_tree(tmp_path)
    offices = guides / "reference/offices.yaml"
    text = offices.read_text(encoding="utf-8")
    text = text.replace("departments: [edu, hrss, psb, health]", "departments: [edu, hrs]")
    text = text.replace('closes: "12:00"', 'closes: "08:00"')
    text = text.replace('{starts: "12:00", ends: "13:00"}', '{starts: "12:00", ends: "18:00"}')
    text = text.replace("id: records-room", "id: citizen-centre")
    offices.write_text(text, encoding="utf-8")
    result = validate_tree(Path("guides"), today=TODAY)
    assert [p.as_text() for p in result.problems if p.file.endswith("offices.yaml")] == [
        "guides/reference/offices.yaml:4:24: error: offices[0].departments[1]: `hrs` is not a "
        "known department\n    hint: did you mean `hrss`? use an id from "
        "guides/reference/departments.yaml, or add it there",
        "guides/reference/offices.yaml:13:13: error: offices[0].hours[0].breaks[0]: the break "
        "12:00–18:00 is not inside the opening hours 09:00–17:00\n    hint: a break starts "
        "after opening and ends before closing",
        "guides/reference/offices.yaml:16:17: error: offices[0].hours[1].closes: closes at 08:00,"
        " not after it opens at 09:00\n    hint: check the times; use 24-hour HH:MM",
        "guides/reference/offices.yaml:23:9: error: offices[1].id: the id `citizen-centre` is "
        "used twice (first in offices[0])\n    hint: give each entry its own id",
    ]


def test_missing_directory_cannot_run(tmp_path: Path) -> None:
    """A guides root that does not exist stops the run instead of reporting problems."""
    with pytest.raises(CannotValidate, match="no such directory"):
        validate_tree(tmp_path / "nowhere")


@pytest.mark.samples
def test_sample_guides_validate_clean() -> None:
    """SAMPLE CONTENT: the guides shipped in guides/ have no errors (content, not code)."""
    result = validate_tree(REPO / "guides")
    errors = [p.as_text() for p in result.problems if p.severity is Severity.ERROR]
    assert errors == []
    assert len(result.guides) >= 1


def test_worker_processes_give_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two worker processes find the same problems and data as one process."""
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path, FIXTURES / "invalid" / "unknown-references.yaml")
    alone = validate_tree(Path("guides"), today=TODAY, workers=1)
    together = validate_tree(Path("guides"), today=TODAY, workers=2)
    assert together.problems == alone.problems
    assert len(alone.problems) == 5
    assert together.guides == alone.guides


@pytest.mark.samples
def test_synthetic_tree_from_the_samples_is_clean(tmp_path: Path) -> None:
    """SAMPLE CONTENT: the benchmark's synthetic guides, made from the samples, validate clean."""
    spec = importlib.util.spec_from_file_location("synthetic", REPO / "benchmarks/synthetic.py")
    assert spec is not None and spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    guides = synthetic.make_synthetic_tree(40, tmp_path)
    result = validate_tree(guides, workers=2)
    assert [p.as_text() for p in result.problems if p.severity is Severity.ERROR] == []
    assert len(result.guides) == 40
    assert len({guide["id"] for guide in result.guides}) == 40


def _schema_nodes(node: object, where: str) -> list[tuple[str, dict[str, object]]]:
    """Every schema object that describes an object, with a readable location."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append((where, node))
        for key, child in node.items():
            found += _schema_nodes(child, f"{where}/{key}")
    elif isinstance(node, list):
        for number, child in enumerate(node):
            found += _schema_nodes(child, f"{where}/{number}")
    return found


SCHEMA_FILES = sorted((REPO / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda path: path.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    """Each schema file is itself a valid JSON Schema 2020-12 document."""
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda path: path.name)
def test_every_property_is_described_in_chinese_and_english(path: Path) -> None:
    """Every property has a title and a description, each with Chinese and English, and no
    object accepts unknown keys."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    latin = re.compile(r"[A-Za-z]{2}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    nodes = _schema_nodes(schema, path.name)
    assert nodes
    for where, node in nodes:
        assert node.get("additionalProperties") is False, where
        for name, prop in node["properties"].items():  # type: ignore[union-attr]
            for key in ("title", "description"):
                text = prop.get(key, "")
                assert cjk.search(text) and latin.search(text), f"{where}/{name}: {key}"


def _rule_messages(guide_changes: dict[str, object]) -> list[str]:
    """Check the minimal valid guide with some keys replaced; return the rule messages."""
    from generator.source.loader import load_bytes
    from generator.validate.rules import build_index, check_guide

    text = (FIXTURES / "valid" / "minimal-service.yaml").read_text(encoding="utf-8")
    loaded = load_bytes(text.encode(), Path("minimal-service.yaml"), "m.yaml")
    assert isinstance(loaded.data, dict)
    loaded.data.update(guide_changes)
    index = build_index({"departments": [{"id": "edu"}], "topics": [{"id": "education"}]})
    found = check_guide(
        loaded, index, expected_id="minimal-service", today=TODAY, review_max_age_days=365
    )
    return [f"{p.severity}: {p.path}: {p.message}" for p in found]


@pytest.mark.parametrize(
    "phone",
    [
        "0599-8701 2345",
        "0599-87012345",
        "010-6512 3456",
        "0599-12345",
        "13812345678",
        "138 1234 5678",
        "12345",
        "12366",
        "12123",
        "110",
        "95588",
        "400-123-4567",
        "4001234567",
    ],
)
def test_recognised_phone_shapes(phone: str) -> None:
    """Landlines, city and national hotlines, emergency numbers, mobiles, 95xxx and 400 pass."""
    contacts = [{"purpose": "consultation", "phone": phone}]
    assert _rule_messages({"contacts": contacts}) == []


@pytest.mark.parametrize("phone", ["8701 2345", "+86 599 8701 2345", "12", "1381234567", "110x"])
def test_unrecognised_phone_shapes(phone: str) -> None:
    """Numbers without an area code, with a country code or cut short are errors."""
    contacts = [{"purpose": "consultation", "phone": phone}]
    assert _rule_messages({"contacts": contacts}) == [
        f"error: contacts[0].phone: `{phone}` is not a recognised phone number"
    ]


@pytest.mark.parametrize(
    ("statutory", "promised", "expected"),
    [
        ((20, "working_days"), (20, "working_days"), []),
        ((2, "hours"), (30, "minutes"), []),
        (
            (1, "hours"),
            (90, "minutes"),
            [
                "error: time_limit.promised: the promised time (90 minutes) is longer than the "
                "statutory time (1 hours)"
            ],
        ),
        ((1, "working_days"), (30, "minutes"), []),
        (
            (1, "calendar_days"),
            (36, "hours"),
            [
                "error: time_limit.promised: the promised time (36 hours) is longer than the "
                "statutory time (1 calendar days)"
            ],
        ),
        (
            (20, "calendar_days"),
            (15, "working_days"),
            [
                "warning: time_limit.promised: the promised time is in working days and the "
                "statutory time in calendar days, so they cannot be compared"
            ],
        ),
        (
            (3, "hours"),
            (1, "working_days"),
            [
                "warning: time_limit.promised: the promised time is in working days and the "
                "statutory time in hours, so they cannot be compared"
            ],
        ),
    ],
)
def test_promised_against_statutory(
    statutory: tuple[int, str], promised: tuple[int, str], expected: list[str]
) -> None:
    """Like units are compared (minutes with hours too); unlike day units only warn."""
    limit = {
        "statutory": {"value": statutory[0], "unit": statutory[1]},
        "promised": {"value": promised[0], "unit": promised[1]},
    }
    # instant_approval none: a 秒批 guide with a promise in days is an accuracy error of its own.
    assert _rule_messages({"time_limit": limit, "instant_approval": "none"}) == expected


def _texts(result: object) -> list[str]:
    return [p.as_text() for p in result.problems]  # type: ignore[attr-defined]


def test_misnamed_services_folder_names_every_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`git mv guides/services guides/service`: the guides are named as not read, an error."""
    monkeypatch.chdir(tmp_path)
    guides = make_tree(tmp_path)
    (guides / "services").rename(guides / "service")
    result = validate_tree(Path("guides"), today=TODAY)
    assert not result.ok
    assert _texts(result) == [
        f"guides/service/{name}.yaml:1:1: error: this file is not read: it is in service/, "
        "but guides are read only from services/ and shared data from reference/"
        "\n    hint: move it into guides/services/"
        for name in ("minimal-service", "teacher-qualification")
    ]


def test_yaml_spellings_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`x.YAML` and `x.yml` are guides like `x.yaml`; the id still matches the name."""
    monkeypatch.chdir(tmp_path)
    guides = make_tree(tmp_path)
    services = guides / "services"
    (services / "minimal-service.yaml").rename(services / "minimal-service.YAML")
    (services / "teacher-qualification.yaml").rename(services / "teacher-qualification.yml")
    result = validate_tree(Path("guides"), today=TODAY)
    assert _texts(result) == []
    assert sorted(guide["id"] for guide in result.guides) == [
        "minimal-service",
        "teacher-qualification",
    ]


def test_files_that_are_not_read_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML-looking names that are not read are errors; other files are warnings."""
    monkeypatch.chdir(tmp_path)
    guides = make_tree(tmp_path)
    services = guides / "services"
    (services / "minimal-service.yaml").rename(services / "minimal-service.yaml.txt")
    (services / "teacher-qualification.yaml").rename(services / ".teacher-qualification.yaml")
    (services / "README.md").write_text("notes", encoding="utf-8")
    (services / ".gitkeep").write_text("", encoding="utf-8")
    (guides / "reference" / "holidays.yaml").write_text("holidays: []\n", encoding="utf-8")
    result = validate_tree(Path("guides"), today=TODAY)
    assert _texts(result) == [
        "guides/reference/holidays.yaml:1:1: error: this reference file is not read\n    hint: "
        "reference files are: departments.yaml, offices.yaml, topics.yaml, life-events.yaml, "
        "e-licences.yaml",
        "guides/services/.teacher-qualification.yaml:1:1: error: this file is not read: only "
        "names ending in .yaml or .yml (and not starting with a dot) are"
        "\n    hint: rename it to `teacher-qualification.yaml`",
        "guides/services/README.md:1:1: warning: this file is not read: only .yaml files are"
        "\n    hint: move it out of the guides folder, or delete it",
        "guides/services/minimal-service.yaml.txt:1:1: error: this file is not read: only "
        "names ending in .yaml or .yml (and not starting with a dot) are"
        "\n    hint: rename it to `minimal-service.yaml`",
    ]


def test_linked_guides_are_named_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guide that is a symbolic link (outside the project, to /dev/stdin) is never read."""
    monkeypatch.chdir(tmp_path)
    guides = make_tree(tmp_path)
    services = guides / "services"
    outside = tmp_path / "elsewhere.yaml"
    (services / "minimal-service.yaml").rename(outside)
    (services / "minimal-service.yaml").symlink_to(outside)
    (services / "stdin.yaml").symlink_to("/dev/stdin")
    (services / "linked-folder").symlink_to(tmp_path)
    result = validate_tree(Path("guides"), today=TODAY)
    hint = "\n    hint: replace it with the guide file itself, saved inside the guides folder"
    assert _texts(result) == [
        "guides/services/linked-folder:1:1: error: this is a symbolic link, which is not "
        "followed; nothing behind it is read\n    hint: put the files themselves inside the "
        "guides folder",
        "guides/services/minimal-service.yaml:1:1: error: this is a symbolic link, not an "
        "ordinary file, so it is not read" + hint,
        "guides/services/stdin.yaml:1:1: error: this is a symbolic link, not an ordinary file, "
        "so it is not read" + hint,
        "guides/services/teacher-qualification.yaml:188:11: error: related[0]: there is no "
        "guide with the id `minimal-service`\n    hint: use the id of a guide in guides/services/",
    ]
    assert [guide["id"] for guide in result.guides] == ["teacher-qualification"]


def test_a_pipe_named_like_a_guide_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO named `x.yaml` is named as an error; validation never opens it, so never waits."""
    import os
    import threading

    monkeypatch.chdir(tmp_path)
    guides = make_tree(tmp_path)
    pipe = guides / "services" / "pipe.yaml"
    os.mkfifo(pipe)
    found: list[list[str]] = []
    worker = threading.Thread(
        target=lambda: found.append(_texts(validate_tree(Path("guides"), today=TODAY))),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # the old behaviour: release the reader before failing
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=5)
        pytest.fail("validate waited on a named pipe")
    assert found == [
        [
            "guides/services/pipe.yaml:1:1: error: this is a named pipe (FIFO), not an ordinary "
            "file, so it is not read\n    hint: replace it with the guide file itself, saved "
            "inside the guides folder"
        ]
    ]


@pytest.mark.parametrize(
    "title",
    ["学历证明查询", "学历证明\u3000查询", "学历证明 查询", "学历证明\u200b查询", "学歷證明查詢"],
)
def test_titles_compare_after_nfkc_without_spaces(title: str) -> None:
    """Titles that read the same compare the same; a different script does not."""
    from generator.validate.rules.across import title_key

    assert (title_key(title) == title_key("学历证明查询")) is (title != "学歷證明查詢")


def test_rtl_override_title_is_an_error() -> None:
    """A right-to-left override makes `领申证住居` show as `居住证申领`: an error at the title."""
    assert _rule_messages({"title": "\u202e领申证住居"}) == [
        "error: title: the text contains an invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"
    ]


@pytest.mark.parametrize(
    ("instant", "approval", "flagged"),
    [
        (False, "none", ["statutory", "promised"]),
        (False, "instant_filing", ["statutory", "promised"]),
        (False, "instant_approval", []),
        (False, "both", []),
        (True, "none", []),
    ],
)
def test_zero_time_limit_needs_an_instant_service(
    instant: bool, approval: str, flagged: list[str]
) -> None:
    """0 working days is only right for a service marked 即办 (`time_limit.instant`) or 秒批."""
    zero = {"value": 0, "unit": "working_days"}
    limit = {"statutory": zero, "promised": zero, "instant": instant}
    assert _rule_messages({"time_limit": limit, "instant_approval": approval}) == [
        f"error: time_limit.{which}.value: the {which} time limit is 0 working days, but the "
        "guide is not marked as decided on the spot"
        for which in flagged
    ]
