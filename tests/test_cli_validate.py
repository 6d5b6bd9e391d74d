"""`guides validate`: what it prints in each format and the exit codes CI relies on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import run_guides
from test_validation import FIXTURES, REPO, make_tree


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean guides tree in a temporary working directory."""
    monkeypatch.chdir(tmp_path)
    return make_tree(tmp_path)


def add_invalid(tree: Path, name: str) -> None:
    shutil.copy(FIXTURES / "invalid" / f"{name}.yaml", tree / "services" / f"{name}.yaml")


def test_clean_tree_exits_0_with_a_summary(tree: Path) -> None:
    """A clean tree prints only the summary and exits 0."""
    code, output = run_guides("validate", "guides")
    assert (code, output) == (0, "7 files checked: 0 errors, 0 warnings.\n")


def test_problems_exit_1_in_text_format(tree: Path) -> None:
    """Each problem is a file:line:col line with its hint, then the summary."""
    add_invalid(tree, "phone-unquoted")
    code, output = run_guides("validate", "guides")
    assert code == 1
    assert output == (
        "guides/services/phone-unquoted.yaml:34:12: error: contacts[0].phone: must be text, but "
        '12345 is read as a number\n    hint: write it in quotes: "12345"\n'
        "8 files checked: 1 error, 0 warnings.\n"
    )


def test_json_format_is_one_object_a_line(tree: Path) -> None:
    """--format json prints one JSON object per problem."""
    add_invalid(tree, "yaml11-boolean")
    code, output = run_guides("validate", "--format", "json", "guides")
    assert code == 1
    assert [json.loads(line) for line in output.splitlines()] == [
        {
            "file": "guides/services/yaml11-boolean.yaml",
            "line": 19,
            "column": 12,
            "severity": "error",
            "path": "time_limit.instant",
            "message": "must be true or false, not `yes`",
            "hint": "write true or false (`yes` is text in this project, not a yes/no value)",
            "code": "schema.type",
        }
    ]


def test_github_format_annotates_the_line(tree: Path) -> None:
    """--format github prints workflow commands that GitHub shows on the line."""
    add_invalid(tree, "visits-without-reason")
    code, output = run_guides("validate", "--format", "github", "guides")
    assert code == 1
    assert output == (
        "::error file=guides/services/visits-without-reason.yaml,line=21,col=9,"
        "title=visits.no-reason::visits: visits "
        "is 1, but no reason is given (hint: add `visit_reason:` saying why the applicant must "
        "come in person)\n"
        "::error file=guides/services/visits-without-reason.yaml,line=22,col=15,"
        "title=accuracy.badge.fully-online-visits::online_depth: `online_depth` is fully_online "
        "(全程网办), but `visits` is 1: the page shows both (line 21, `visits`) (hint: a citizen "
        "reads 全程网办 and stays home: set the online depth the service really has, or correct "
        "`visits`)\n"
    )


def test_warnings_pass_unless_strict(tree: Path) -> None:
    """Warnings alone exit 0; --strict makes them fail."""
    add_invalid(tree, "units-differ")
    assert run_guides("validate", "guides")[0] == 0
    code, output = run_guides("validate", "--strict", "guides")
    assert code == 1
    assert output.endswith("8 files checked: 0 errors, 1 warning.\n")


def test_single_file_finds_its_reference_data(tree: Path) -> None:
    """Given one guide file, the reference data comes from the nearest guides root."""
    add_invalid(tree, "unknown-references")
    code, output = run_guides("validate", "guides/services/unknown-references.yaml")
    assert code == 1
    assert output.count("error: ") == 5
    assert output.endswith("6 files checked: 5 errors, 0 warnings.\n")
    assert run_guides("validate", "guides/services/minimal-service.yaml")[0] == 0


def test_a_reference_file_checks_the_whole_tree(tree: Path) -> None:
    """A change to shared data can break any guide, so naming a reference file checks them all."""
    add_invalid(tree, "unknown-references")
    code, output = run_guides("validate", "guides/reference/topics.yaml")
    assert code == 1
    assert output.endswith("8 files checked: 5 errors, 0 warnings.\n")


def test_all_files_reported_in_one_run(tree: Path) -> None:
    """Problems of every file come in one run."""
    for name in ("trap-bom", "trap-tab-indent", "bad-phones"):
        add_invalid(tree, name)
    code, output = run_guides("validate", "guides")
    assert code == 1
    assert output.endswith("10 files checked: 4 errors, 0 warnings.\n")
    for name in ("trap-bom", "trap-tab-indent", "bad-phones"):
        assert f"guides/services/{name}.yaml:" in output


def test_missing_path_exits_2(tree: Path) -> None:
    """A path that does not exist means the command could not run."""
    code, output = run_guides("validate", "nowhere")
    assert code == 2
    assert output == "guides validate: cannot run: nowhere: no such file or directory\n"


def test_folder_without_reference_data_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that is not inside a guides root cannot be validated."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loose").mkdir()
    code, output = run_guides("validate", "loose")
    assert code == 2
    assert "no guides root found" in output


def test_unreadable_schema_exits_2(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken schema stops the run with exit code 2."""
    schemas = tmp_path / "schema"
    shutil.copytree(Path(__file__).resolve().parent.parent / "schema", schemas)
    (schemas / "guide.schema.json").write_text("{ not json", encoding="utf-8")
    monkeypatch.setattr("generator.validate.schema.SCHEMA_DIR", schemas)
    code, output = run_guides("validate", "guides")
    assert code == 2
    assert output.startswith("guides validate: cannot run: cannot read schema ")


def test_single_file_is_checked_against_the_whole_tree(tree: Path) -> None:
    """`guides validate FILE` finds a duplicate id and title among the files not named."""
    copy = tree / "services" / "more" / "teacher-qualification.yaml"
    copy.parent.mkdir()
    shutil.copy(tree / "services" / "teacher-qualification.yaml", copy)
    code, output = run_guides("validate", "guides/services/more/teacher-qualification.yaml")
    assert code == 1
    assert (
        "guides/services/more/teacher-qualification.yaml:3:5: error: id: the id "
        "`teacher-qualification` is also used by guides/services/teacher-qualification.yaml\n"
    ) in output
    assert output.count("error: title: the title `教师资格认定` is also used by") == 2
    assert output.endswith("6 files checked: 4 errors, 0 warnings.\n")
    # Another guide is not involved in the clash, so it stays clean.
    assert run_guides("validate", "guides/services/minimal-service.yaml")[0] == 0


def _hook_run(hook: dict[str, object], staged: list[str]) -> tuple[int, str] | None:
    """Do what pre-commit does with a hook: None when skipped, else the command's outcome.

    pre-commit passes only staged files that still exist (a deletion is not passed), and
    skips the hook when none of them matches `files`, unless `always_run` is set.
    """
    import re

    matching = [name for name in staged if re.search(str(hook["files"]), name)]
    matching = [name for name in matching if Path(name).exists()]
    if not matching and not hook.get("always_run", False):
        return None
    entry = str(hook["entry"]).split()
    assert entry[0] == "guides"
    args = entry[1:] + (matching if hook.get("pass_filenames", True) else [])
    return run_guides(*args)


def test_hook_catches_a_deleted_guide_that_another_relates_to(tree: Path) -> None:
    """`git rm` of a guide listed under another's `related` fails the hook, not "Skipped"."""
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (tree / "services" / "minimal-service.yaml").unlink()
    for hook in hooks:
        outcome = _hook_run(hook, ["guides/services/minimal-service.yaml"])
        assert outcome is not None, hook["id"]
        code, output = outcome
        assert code == 1
        assert "there is no guide with the id `minimal-service`" in output


def test_hook_catches_a_second_guide_with_the_same_id(tree: Path) -> None:
    """A new guide that repeats an existing id and title fails the hook."""
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    copy = tree / "services" / "more" / "minimal-service.yaml"
    copy.parent.mkdir()
    shutil.copy(tree / "services" / "minimal-service.yaml", copy)
    for hook in hooks:
        outcome = _hook_run(hook, ["guides/services/more/minimal-service.yaml"])
        assert outcome is not None and outcome[0] == 1, hook["id"]
        assert "the id `minimal-service` is also used by" in outcome[1]


def test_github_format_escapes_file_names_and_messages() -> None:
    """`,` and `:` in a file name, and `%` or line breaks anywhere, cannot break the command."""
    from generator.validate.problems import Problem, Severity

    problem = Problem(
        "guides/services/a,b:c%.yaml", 3, 5, Severity.WARNING, "title", "50% done\r\nnext"
    )
    assert problem.as_github() == (
        "::warning file=guides/services/a%2Cb%3Ac%25.yaml,line=3,col=5::title: 50%25 done%0D%0Anext"
    )
