"""`guides new`: a commented guide to fill in, that validates once every marked place is filled."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, run_guides

from generator.commands.init import init_project
from generator.commands.new import guide_text, places_to_fill
from generator.common import clock
from generator.validate.problems import Severity
from generator.validate.rules.placeholders import PLACEHOLDER
from generator.validate.tree import validate_tree

FILLED = {
    "summary": "已登记的居民可以在网上申请，全程不用跑腿。",
    "item_type": "public_service",
    "audience[0]": "individual",
    "topics[0]": "education",
    "cross_region": "city",
    "eligibility": "本市户籍居民。",
    "materials[0].name": "居民身份证",
    "materials[0].requirement": "required",
    "materials[0].form": "electronic",
    "steps[0].title": "网上申请",
    "steps[0].description": "登录政务服务网提交申请。",
    "steps[0].actor": "applicant",
    "time_limit.statutory.value": "20",
    "time_limit.promised.value": "10",
    "instant_approval": "none",
    "visits": "0",
    "online_depth": "fully_online",
    "channels[0].name": "临江市政务服务网",
    "channels[0].url": "https://zwfw.linjiang.example/services/new-thing",
    "fees.free": "true",
    "contacts[0].name": "市教育局",
    "contacts[0].phone": "0599-8701 2345",
    "owner": "市教育局办公室",
}
"""What an editor writes in each place the new file marks, in the order of the file."""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the sample guides, to add a guide to."""
    shutil.copytree(REPO / "guides", tmp_path / "guides")
    return tmp_path / "guides"


def fill(text: str, values: list[str]) -> str:
    """Replace the marked places outside comments, one value each, in the file's order."""
    lines = []
    remaining = list(values)
    for line in text.splitlines(keepends=True):
        data, hash_, comment = line.partition("#")
        pieces = data.split(PLACEHOLDER)
        data = pieces[0] + "".join(remaining.pop(0) + piece for piece in pieces[1:])
        lines.append(data + hash_ + comment)
    assert remaining == []
    return "".join(lines)


def new(tree: Path, *args: str) -> tuple[int, str]:
    return run_guides("new", "--guides", str(tree), *args)


def test_the_filled_in_file_validates(tree: Path) -> None:
    """Filled in place by place, the new guide validates with no problem at all."""
    code, output = new(tree, "--id", "new-thing", "--title", "新事项", "--department", "edu")
    assert code == 0, output
    written = tree / "services" / "new-thing.yaml"
    assert output == (
        f"Wrote {written}. Fill in the 23 places marked 待填写, then check it with "
        "guides validate and preview it with guides serve.\n"
    )
    written.write_text(fill(written.read_text("utf-8"), list(FILLED.values())), "utf-8")
    result = validate_tree(tree, today=clock.today(), paths=[written])
    assert result.problems == []


def test_each_unfilled_place_is_one_problem_at_its_line(tree: Path) -> None:
    """Unfilled, each marked place gives exactly one "not yet filled" error, at its own line."""
    assert new(tree, "--id", "new-thing", "--title", "新事项", "--department", "edu")[0] == 0
    written = tree / "services" / "new-thing.yaml"
    lines = written.read_text("utf-8").splitlines()
    marked = [
        number for number, line in enumerate(lines, 1) if PLACEHOLDER in line.partition("#")[0]
    ]
    result = validate_tree(tree, today=clock.today(), paths=[written])
    assert [(p.line, p.path) for p in result.problems] == list(zip(marked, FILLED, strict=True))
    for problem in result.problems:
        assert problem.severity is Severity.ERROR
        assert problem.code == "placeholder.unfilled"
        assert problem.message == "not yet filled in: this place still says `待填写`"
        assert PLACEHOLDER in lines[problem.line - 1][problem.column - 1 :]


def test_a_half_filled_place_is_still_reported(tree: Path) -> None:
    """Text written beside the marker, with the marker left in, is not yet filled either."""
    assert new(tree, "--id", "new-thing", "--title", "新事项", "--department", "edu")[0] == 0
    written = tree / "services" / "new-thing.yaml"
    values = list(FILLED.values())
    values[0] = f"{PLACEHOLDER}：已登记的居民可以申请"
    written.write_text(fill(written.read_text("utf-8"), values), "utf-8")
    problems = validate_tree(tree, today=clock.today(), paths=[written]).problems
    assert [(p.path, p.code) for p in problems] == [("summary", "placeholder.unfilled")]


def test_places_to_fill_counts_what_validation_reports() -> None:
    """The count the command prints is the number of places validation will name."""
    assert places_to_fill(guide_text("x", "标题", "edu")) == len(FILLED)


def test_a_title_that_needs_quotes_is_written_safely(tree: Path) -> None:
    """A title with YAML's special characters is read back exactly as it was typed."""
    title = '#1 "甲": 乙 - [丙]'
    assert new(tree, "--id", "odd-title", "--title", title, "--department", "edu")[0] == 0
    import yaml

    data = yaml.safe_load((tree / "services" / "odd-title.yaml").read_text("utf-8"))
    assert data["title"] == title


def test_an_existing_id_is_refused(tree: Path) -> None:
    """An id that names a guide file already there is refused, and that file is untouched."""
    existing = tree / "services" / "teacher-qualification.yaml"
    before = existing.read_bytes()
    code, output = new(tree, "--id", "teacher-qualification", "--title", "x", "--department", "edu")
    assert code == 2
    assert output == (
        f"error: the id `teacher-qualification` is taken by {existing}; choose another id\n"
    )
    assert existing.read_bytes() == before


def test_an_id_used_inside_another_file_is_refused(tree: Path) -> None:
    """An id a guide carries under another file name is taken too."""
    (tree / "services" / "Old-Name.yml").write_text("id: renamed-guide\n", "utf-8")
    code, output = new(tree, "--id", "renamed-guide", "--title", "x", "--department", "edu")
    assert code == 2
    assert "the id `renamed-guide` is taken by" in output and "Old-Name.yml" in output
    assert not (tree / "services" / "renamed-guide.yaml").exists()


def test_a_bad_id_and_an_unknown_department_are_refused_with_help(tree: Path) -> None:
    """The id's shape and the department are checked, with a suggestion for a near miss."""
    code, output = new(tree, "--id", "Bad_Id", "--title", "x", "--department", "edu")
    assert (code, output) == (
        2,
        "error: `Bad_Id` is not an id: use lower-case letters a–z, digits and hyphens, "
        "at most 80 characters, such as teacher-qualification\n",
    )
    code, output = new(tree, "--id", "ok-id", "--title", "x", "--department", "edux")
    assert (code, output) == (
        2,
        "error: `edux` is not a department id; did you mean `edu` (临江市教育局)?\n",
    )
    code, output = new(tree, "--id", "ok-id", "--title", "x", "--department", "教育局")
    assert "did you mean `edu` (临江市教育局)?" in output
    assert list((tree / "services").glob("ok-id*")) == []


def test_no_terminal_and_a_missing_option_stops_with_a_message(tree: Path) -> None:
    """Without a terminal to ask on, a missing option is named and nothing is written."""
    code, output = new(tree, "--id", "new-thing")
    assert (code, output) == (
        2,
        "error: missing --title, --department, and there is no terminal to ask on. Give them, "
        "for example: guides new --id teacher-qualification --title 教师资格认定 "
        "--department edu\n",
    )
    assert not (tree / "services" / "new-thing.yaml").exists()


def test_works_in_an_office_repository(tmp_path: Path) -> None:
    """In a repository made by `guides init`, the new guide filled in validates with the rest."""
    office = tmp_path / "office"
    init_project(office)
    guides = office / "guides"
    code, output = new(guides, "--id", "new-thing", "--title", "新事项", "--department", "civil")
    assert code == 0, output
    written = guides / "services" / "new-thing.yaml"
    values = dict(FILLED, **{"topics[0]": "elderly"})
    written.write_text(fill(written.read_text("utf-8"), list(values.values())), "utf-8")
    result = validate_tree(guides, today=clock.today())
    assert result.problems == []
    assert result.files_checked == 7


def _read_until(fd: int, wanted: str, seen: list[str], timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while wanted not in "".join(seen):
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {wanted!r} in {''.join(seen)!r}")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen.append(os.read(fd, 4096).decode("utf-8", "replace"))
            except OSError:
                break
    return "".join(seen)


def test_asks_on_a_terminal_and_asks_again_after_a_wrong_answer(tree: Path) -> None:
    """On a terminal each missing value is asked for; a wrong answer is explained, asked again."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "new", "--guides", str(tree)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    seen: list[str] = []
    try:
        _read_until(leader, "Id (lower-case letters, digits and hyphens):", seen)
        os.write(leader, b"teacher-qualification\n")
        _read_until(leader, "is taken by", seen)
        os.write(leader, b"asked-guide\n")
        _read_until(leader, "Title (the official name of the service):", seen)
        os.write(leader, "问来的事项\n".encode())
        _read_until(leader, "Department id:", seen)
        os.write(leader, b"edux\n")
        _read_until(leader, "did you mean `edu`", seen)
        os.write(leader, b"edu\n")
        assert process.wait(timeout=30) == 0
        _read_until(leader, "Wrote", seen)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    transcript = "".join(seen)
    assert "Departments: edu (临江市教育局)" in transcript
    text = (tree / "services" / "asked-guide.yaml").read_text("utf-8")
    assert "id: asked-guide\n" in text
    assert 'title: "问来的事项"\n' in text
    assert "department: edu\n" in text
