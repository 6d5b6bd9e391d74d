"""Under a Chinese locale, no line `guides validate` or `guides build` prints is in English.

The commands run as an editor runs them (a process of their own, LANG=zh_CN.UTF-8) over a
clean tree and over one holding every invalid fixture. What a line may keep in English is
what the editor wrote or must type: field keys and allowed values (from the schemas), file
paths, what a message quotes in `...` or "...", and a few names (YAML, UTF-8, Pagefind).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import REPO, ProjectFactory

FIXTURES = Path(__file__).parent / "fixtures" / "guides"
NAMES = {
    "YAML", "UTF-8", "BOM", "NUL", "GBK", "Tab", "FIFO", "socket", "KB", "MB", "HTML",
    "Markdown", "App", "Pagefind", "Ctrl-C", "U+", "YYYY-MM-DD", "HH", "MM", "id",
    "zh-CN", "en", "true", "false", "https", "http", "javascript", "data", "service-guides",
    "guides", "validate", "strict",
}  # fmt: skip
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _schema_words() -> set[str]:
    """Every key and allowed value the schemas name: an editor writes them as they are."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            words.update(str(key) for key in node.get("properties", {}))
            words.update(str(value) for value in node.get("enum", []) if isinstance(value, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (REPO / "schema").glob("*.schema.json"):
        walk(json.loads(path.read_text("utf-8")))
    return words


ALLOWED = NAMES | _schema_words()


def english_in(line: str) -> list[str]:
    """The English words of a printed line, once what may stay English is taken out."""
    # file:line:column: severity: field.path: message -- the location and the field go
    text = re.sub(
        r"^\S+:\d+:\d+: (\S+?): (?:[A-Za-z_][^:\s]*(?: [^:\s]+)*: )?",
        r"\1 ",
        line,
    )
    text = re.sub(r"`[^`]*`|\"[^\"]*\"|“[^”]*”", "", text)  # what the message quotes
    text = re.sub(r"\S*[/\\]\S*", "", text)  # paths and addresses
    text = re.sub(r"U\+[0-9A-F]{4,6}|0x[0-9a-f]+", "", text)  # a character's or byte's number
    words = re.findall(r"[A-Za-z][A-Za-z0-9_+-]*", text)
    return [word for word in words if word not in ALLOWED and word.strip("-_") not in ALLOWED]


def run(*args: str, cwd: Path) -> tuple[int, list[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "zh_CN.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, (done.stdout + done.stderr).splitlines()


def assert_chinese(lines: list[str]) -> None:
    assert lines
    english = {line: english_in(line) for line in lines if english_in(line)}
    assert english == {}
    for line in lines:
        assert not line.strip() or _CJK.search(line), line


def test_the_checker_finds_english() -> None:
    """The check itself: it fails on the English a line used to print."""
    assert english_in("guides/services/a.yaml:3:1: error: the file is empty") == [
        "error", "the", "file", "is", "empty"
    ]  # fmt: skip
    assert english_in("7 files checked: 0 errors, 0 warnings.") == [
        "files", "checked", "errors", "warnings"
    ]  # fmt: skip
    assert english_in("guides/services/a.yaml:3:1: 错误: time_limit.promised: `x` 不对") == []


def _tree(root: Path, *, broken: bool) -> Path:
    guides = root / "guides"
    shutil.copytree(FIXTURES / "reference", guides / "reference")
    (guides / "services").mkdir()
    chosen = [*(FIXTURES / "valid").glob("*.yaml")]
    if broken:
        chosen += (FIXTURES / "invalid").glob("*.yaml")
    for path in chosen:
        shutil.copy(path, guides / "services" / path.name)
    return guides


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "broken"])
def test_validate_speaks_chinese(tmp_path: Path, broken: bool) -> None:
    _tree(tmp_path, broken=broken)
    code, lines = run("validate", cwd=tmp_path)
    assert code == (1 if broken else 0)
    assert_chinese(lines)
    if broken:
        assert len(lines) > 100
        assert any(": 错误: " in line for line in lines)
        assert any(line.startswith("    提示：") for line in lines)


def test_validate_given_a_missing_path_speaks_chinese(tmp_path: Path) -> None:
    code, lines = run("validate", "guides/nowhere", cwd=tmp_path)
    assert code == 2
    assert_chinese(lines)


@pytest.mark.slow
def test_build_speaks_chinese(make_project: ProjectFactory) -> None:
    """A clean build (with a warning and the search index), then one that fails on errors."""
    project = make_project(search=True)
    guide = project / "guides" / "services" / "teacher-qualification.yaml"
    text = guide.read_text("utf-8").replace("reviewed: 2026-09-15", "reviewed: 2024-09-15")
    guide.write_text(text, "utf-8")  # reviewed long ago: a warning, and the site is built
    code, lines = run("build", cwd=project)
    assert code == 0, lines
    assert_chinese(lines)
    assert any("警告" in line for line in lines)
    assert any("搜索索引" in line for line in lines)
    shutil.copy(FIXTURES / "invalid" / "trap-syntax-error.yaml", project / "guides" / "services")
    code, lines = run("build", cwd=project)
    assert code == 1
    assert_chinese(lines)
