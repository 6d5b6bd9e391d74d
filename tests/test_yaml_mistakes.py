"""The table of common YAML mistakes (tests/yaml-mistakes.yaml, shown in docs/yaml-mistakes.md).

Every row is an edit of a sample guide. The test makes the edit and checks the first problem
`guides validate` would report for the file: the line the editor must change, the stable
code, and the message in Chinese and in English (a text without its Chinese translation
fails here as well as in test_messages.py).

    python tests/test_yaml_mistakes.py     # write docs/yaml-mistakes.md from the table
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.common import i18n  # noqa: E402
from generator.source.loader import load_bytes  # noqa: E402
from generator.validate.problems import Problem  # noqa: E402
from generator.validate.rules import ReferenceIndex, build_index  # noqa: E402
from generator.validate.schema import SchemaSet, load_schemas  # noqa: E402
from generator.validate.tree import check_guide_file, validate_tree  # noqa: E402

TABLE = Path(__file__).parent / "yaml-mistakes.yaml"
DOC = REPO / "docs" / "yaml-mistakes.md"
TODAY = date(2026, 11, 26)
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text("utf-8"))
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def checking() -> tuple[SchemaSet, ReferenceIndex]:
    reference = validate_tree(REPO / "guides", today=TODAY).reference
    return load_schemas(), build_index(reference)


def first_problem(row: dict[str, Any], checking: tuple[SchemaSet, ReferenceIndex]) -> Problem:
    """Make the row's edit on its sample guide; return the first problem reported."""
    path = REPO / "guides" / "services" / f"{row['guide']}.yaml"
    text = path.read_text("utf-8")
    assert text.count(row["find"]) == 1, f"{row['name']}: `find` must occur once in {path.name}"
    edited = text.replace(row["find"], row["replace"])
    loaded = load_bytes(edited.encode("utf-8"), path, f"guides/services/{path.name}")
    schemas, index = checking
    problems = sorted(check_guide_file(loaded, schemas, index, today=TODAY))
    assert problems, f"{row['name']}: the edit is not reported at all"
    return problems[0]


def test_the_table_has_at_least_30_mistakes() -> None:
    names = [row["name"] for row in ROWS]
    assert len(names) >= 30
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("row", ROWS, ids=[row["name"] for row in ROWS])
def test_each_mistake_is_reported_at_its_line_in_both_languages(
    row: dict[str, Any], checking: tuple[SchemaSet, ReferenceIndex]
) -> None:
    shown: dict[str, Problem] = {}
    try:
        for language in ("zh_CN", "en"):
            i18n.set_language(language)
            shown[language] = first_problem(row, checking)
    finally:
        i18n.set_language("en")
    chinese, english = shown["zh_CN"], shown["en"]
    assert (chinese.line, chinese.code) == (row["line"], row["code"])
    assert chinese.message == row["zh-CN"]
    assert english.message == row["en"]
    # Translated in both: the Chinese reads Chinese beyond the quoted values, the English not.
    assert _CJK.search(_unquoted(chinese.message)), chinese.message
    assert not _CJK.search(_unquoted(english.message)), english.message
    assert chinese.hint and english.hint and chinese.hint != english.hint


_MISTAKES = st.sampled_from(
    [
        "：",
        "\u3000",
        "\t",
        " ",
        "  ",
        '"',
        "'",
        "- ",
        "-",
        ":",
        "[",
        "{",
        "|",
        "@",
        "*",
        "\\",
        "#",
        "\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3), _MISTAKES), max_size=4))
def test_any_edit_gives_problems_inside_the_file_never_a_traceback(
    edits: list[tuple[int, int, str]],
) -> None:
    """Whatever an editor types or deletes, every problem points at a line of the file."""
    text = (REPO / "guides" / "services" / "teacher-qualification.yaml").read_text("utf-8")
    for at, delete, insert in edits:
        at %= len(text)
        text = text[:at] + insert + text[at + delete :]
    loaded = load_bytes(text.encode("utf-8"), Path("teacher-qualification.yaml"), "g.yaml")
    lines = text.count("\n") + 1
    for problem in loaded.problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.message and problem.code, problem


def _unquoted(text: str) -> str:
    """The message without what it quotes from the file (`...`)."""
    return re.sub(r"`[^`]*`", "", text)


def render() -> str:
    """docs/yaml-mistakes.md, from the table."""
    lines = [
        "# 常见的 YAML 写法错误 · Common YAML mistakes",
        "",
        "<!-- Generated from tests/yaml-mistakes.yaml by `python tests/test_yaml_mistakes.py`;",
        "     tests/test_yaml_mistakes.py fails when this page and the table disagree. -->",
        "",
        "每一行是在示例办事指南 `guides/services/teacher-qualification.yaml` 上犯的一个常见错误，",
        "以及 `guides validate` 显示的第一条提示和它指出的行号。行号就是要改的那一行。",
        "",
        "Each row is one common mistake made on the sample guide, with the first message",
        "`guides validate` shows (in Chinese; the English text is in tests/yaml-mistakes.yaml) and",
        "the line it points at, which is the line to change. The test runs every row in both",
        "languages; `code` is the stable problem code in `--format json` and `--format github`.",
        "",
        "| # | 错误 | 改成了 | 行 | 显示的提示 | code |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for number, row in enumerate(ROWS, start=1):
        cells = [
            str(number),
            row["mistake"],
            _code(row["replace"]),
            str(row["line"]),
            _cell(row["zh-CN"]),
            f"`{row['code']}`",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "〔全角空格〕 marks a full-width space (U+3000), 〔Tab〕 a tab, ⏎ a new line.",
        "",
    ]
    return "\n".join(lines)


def _code(text: str) -> str:
    shown = text.replace("\u3000", "〔全角空格〕").replace("\t", "〔Tab〕").replace("\n", " ⏎ ")
    return "<code>" + _cell(shown).replace("`", "&#96;") + "</code>"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def test_the_doc_shows_the_table() -> None:
    """docs/yaml-mistakes.md is the table as it is: regenerate it after changing the table."""
    assert DOC.read_text("utf-8") == render()


if __name__ == "__main__":
    DOC.write_text(render(), "utf-8")
    print(f"wrote {DOC}")
