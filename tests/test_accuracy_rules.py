"""Accuracy rules over a copy of the sample guides: where each problem goes and what it says."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from support import REPO

from generator.validate.problems import Problem, Severity
from generator.validate.tree import validate_tree

TODAY = date(2026, 12, 1)


def _edit(guides: Path, name: str, find: str, replace: str) -> int:
    """Replace `find` once in a file; return the line the edit starts on."""
    path = guides / name
    text = path.read_text(encoding="utf-8")
    assert text.count(find) == 1, find
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    return text[: text.index(find)].count("\n") + 1


def _problems(guides: Path) -> list[Problem]:
    return validate_tree(guides, today=TODAY, workers=1).problems


Edits = dict[str, tuple[str, str, str]]
"""A round's edits by name: (file under guides/, text to find once, its replacement)."""


@dataclass(frozen=True)
class EditedSamples:
    """A copy of the samples with a round's edits, validated once (the later rounds' tests
    share one validation): the line each edit starts on, and the problems."""

    edits: Edits
    lines: dict[str, int]
    problems: list[Problem]

    @classmethod
    def make(cls, folder: Path, edits: Edits) -> EditedSamples:
        guides = folder / "guides"
        shutil.copytree(REPO / "guides", guides)
        lines = {key: _edit(guides, *edit) for key, edit in edits.items()}
        return cls(edits, lines, _problems(guides))

    def at(self, key: str, code: str) -> Problem:
        """The problem of `code` at the line of the edit `key` (or the one after it)."""
        name = self.file_of(key)
        found = [
            p
            for p in self.problems
            if p.code == code and p.file.endswith(name) and p.line - self.lines[key] in (0, 1)
        ]
        assert found, [(p.code, p.line) for p in self.problems if p.file.endswith(name)]
        return found[0]

    def file_of(self, key: str) -> str:
        """The name of the file the edit `key` changed."""
        return self.edits[key][0].split("/")[-1]

    def codes_in(self, name: str) -> list[str]:
        """The codes of the problems in the file called `name`."""
        return [p.code for p in self.problems if p.file.endswith(name)]


def test_an_office_edit_is_reported_in_the_office_file_and_in_the_guide(guides: Path) -> None:
    """Taking edu from the citizen centre: offices.yaml names the guide, the guide the office."""
    line = _edit(
        guides,
        "reference/offices.yaml",
        "departments: [edu, hrss, amr, psb, civil, transport, ndrc, sci, tax, health]",
        "departments: [hrss, amr, psb, civil, transport, ndrc, sci, tax, health]",
    )
    found = [p for p in _problems(guides) if p.code == "accuracy.office.wrong-department"]
    in_office = [p for p in found if p.file.endswith("offices.yaml")]
    in_guide = [p for p in found if p.file.endswith("teacher-qualification.yaml")]
    assert [p.line for p in in_office] == [line]
    assert "teacher-qualification.yaml:140" in in_office[0].message
    at_channel = [p for p in in_guide if p.path == "channels[2].offices[0]"]
    assert at_channel, in_guide
    assert at_channel[0].message.startswith("the office `citizen-centre` does not serve `edu` (")
    # and at the guide's department, the other side of the disagreement (naming the office)
    assert [p.path for p in in_guide if "citizen-centre" in p.message] == [
        "department",
        "channels[2].offices[0]",
    ]


def test_text_claim_against_visits_is_reported_at_both_lines(guides: Path) -> None:
    """零跑动 in the summary of a guide that needs two visits: at the phrase and at `visits`."""
    line = _edit(
        guides,
        "services/passport-application.yaml",
        "到窗口拍照、录指纹，7 天内做好",
        "全程零跑动，7 天内做好",
    )
    lines = (guides / "services/passport-application.yaml").read_text(encoding="utf-8")
    visits = lines.splitlines().index("visits: 2") + 1
    found = [p for p in _problems(guides) if p.code == "accuracy.text.visits"]
    assert sorted((p.path, p.line) for p in found) == [("summary.zh-CN", line), ("visits", visits)]
    assert found[0].severity is Severity.ERROR
    assert (
        found[0].message == f"the text says `零跑动`, but `visits` is 2 (line {visits}, `visits`)"
    )


def test_a_foreign_link_warns_and_a_look_alike_is_an_error(guides: Path) -> None:
    """A commercial site may be intended (warning); a look-alike of the city's domain is not."""
    _edit(
        guides,
        "services/student-financial-aid.yaml",
        "https://zizhu.linjiang.example",
        "https://www.zizhu-help.com",
    )
    _edit(
        guides,
        "services/invoice-application.yaml",
        "https://etax.linjiang.example",
        "https://etax.linjiang-gov.com",
    )
    found = {p.code: p.severity for p in _problems(guides) if p.code.startswith("accuracy.link")}
    assert found == {
        "accuracy.link.not-government": Severity.WARNING,
        "accuracy.link.look-alike": Severity.ERROR,
    }


def test_links_are_not_checked_until_domains_are_declared(guides: Path) -> None:
    """An office that has not declared its domains gets no link warnings."""
    _edit(guides, "reference/departments.yaml", "domains: [linjiang.example]\n", "")
    assert [p for p in _problems(guides) if p.code.startswith("accuracy.link")] == []


def test_correct_saturday_claim_raises_nothing(guides: Path) -> None:
    """The household hall really is open at weekends from 9:00 to 16:30."""
    _edit(
        guides,
        "services/passport-application.yaml",
        "户政和出入境服务大厅周六、周日也办理护照。",
        "户政和出入境服务大厅周六、周日 9:00–16:30 也办理护照。",
    )
    assert _problems(guides) == []
