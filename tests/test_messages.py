"""The message catalogues: every text of the code is translated, and the catalogues follow the code.

The texts are extracted from the code as `pybabel extract` does (scripts/messages.py), then
compared with generator/locale/*/LC_MESSAGES/messages.po and the compiled messages.mo.
"""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
import string
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from support import REPO, run_guides

from generator.common import i18n
from generator.source.loader import load_bytes
from generator.validate.tree import validate_tree

FIXTURES = Path(__file__).parent / "fixtures" / "guides"
TODAY = date(2026, 11, 26)


def _messages_script() -> Any:
    spec = importlib.util.spec_from_file_location("messages", REPO / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages"] = module
    spec.loader.exec_module(module)
    return module


MESSAGES = _messages_script()


@pytest.fixture(scope="module")
def template() -> Any:
    return MESSAGES.extract()


def _ids(catalogue: Any) -> set[Any]:
    return {message.id for message in catalogue if message.id}


def _fields(text: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_the_code_has_texts_to_translate(template: Any) -> None:
    """Extraction finds the marked texts (a broken babel.cfg would find none)."""
    ids = _ids(template)
    assert "the required key `{key}` is missing" in ids
    assert ("{count} file checked", "{count} files checked") in ids
    assert "text" in ids  # an N_() constant (schema.py's type names)
    assert len(ids) > 200


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_catalogue_holds_exactly_the_code_s_texts(template: Any, language: str) -> None:
    """A text added to the code, or left in a catalogue after the code dropped it, fails here:
    run scripts/messages.py."""
    catalogue = MESSAGES.read_catalogue(language)
    assert sorted(map(str, _ids(template) - _ids(catalogue))) == [], "not in the catalogue"
    assert sorted(map(str, _ids(catalogue) - _ids(template))) == [], "no longer in the code"


def test_every_text_has_a_chinese_translation(template: Any) -> None:
    """Fuzzy or empty counts as missing: an editor would read English."""
    catalogue = MESSAGES.read_catalogue("zh_CN")
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == []


def test_translations_use_only_the_fields_of_their_text() -> None:
    """A translation naming a field its English text does not give would fail at run time."""
    catalogue = MESSAGES.read_catalogue("zh_CN")
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = set().union(*(_fields(text) for text in ids))
        for text in strings:
            if not _fields(text) <= allowed:
                wrong.append((message.id, text))
    assert wrong == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_compiled_catalogue_matches_its_po(language: str) -> None:
    """The .mo the package reads is the .po compiled: run scripts/messages.py after editing."""
    po = MESSAGES.po_path(language)
    with po.open("rb") as stream:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(stream, locale=language), use_fuzzy=False)
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue()


def test_the_chinese_catalogue_is_the_one_read() -> None:
    """gettext finds the compiled catalogue where i18n looks for it."""
    found = gettext.translation(i18n.DOMAIN, str(i18n.LOCALE_DIR), languages=["zh_CN"])
    assert found.gettext("error") == "错误"
    assert found.ngettext("{count} error", "{count} errors", 3) == "{count} 个错误"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANGUAGE": "fr:zh_CN"}, "en"),  # the first that names a language: no French, so English
        ({"LANG": "C.UTF-8"}, None),
        ({"LC_ALL": "POSIX", "LANG": "zh_CN.UTF-8"}, None),  # the first set one decides
        ({}, None),
    ],
)
def test_the_language_is_read_as_gettext_reads_it(
    environ: dict[str, str], expected: str | None
) -> None:
    assert i18n.language_from_environment(environ) == expected


def test_the_site_language_decides_in_the_c_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - guides\n", "utf-8")
    assert i18n.choose_language(None, config) == "zh_CN"  # the offices' default
    config.write_text("site_name: x\ntheme:\n  language: en\nextra: !ENV HOME\n", "utf-8")
    assert i18n.choose_language(None, config) == "en"
    assert i18n.choose_language("zh-CN", config) == "zh_CN"  # --lang wins
    assert i18n.choose_language(None, tmp_path / "missing.yml") == "zh_CN"


def test_worker_processes_translate_in_the_parent_s_language(tmp_path: Path) -> None:
    """Validation in two worker processes gives the same Chinese messages as in one."""
    import shutil

    guides = tmp_path / "guides"
    shutil.copytree(REPO / "guides" / "reference", guides / "reference")
    (guides / "services").mkdir()
    for number in range(3):
        (guides / "services" / f"g{number}.yaml").write_text(
            f"id: g{number}\ntitle：教师\nsummary: x\n", "utf-8"
        )
    i18n.set_language("zh_CN")
    try:
        alone = validate_tree(guides, workers=1).problems
        together = validate_tree(guides, workers=2).problems
    finally:
        i18n.set_language("en")
    assert [p.message for p in together] == [p.message for p in alone]
    assert together[0].message == "`title` 后面用了中文冒号“：”，这里要用英文冒号“:”"


def test_a_chinese_message_names_units_and_days_in_chinese(guides: Path) -> None:
    """The values put into a Chinese message are Chinese too: an editor was told
    承诺办结时限是 1 working days, 中文写的是 Saturday, Sunday and 在Saturday不办公."""
    guide = guides / "services" / "birth-medical-certificate.yaml"
    text = guide.read_text("utf-8")
    text = text.replace("电子出生证当天就能用", "15 个工作日内办结，周六、周日也可以到窗口办理", 1)
    guide.write_text(text, "utf-8")
    i18n.set_language("zh_CN")
    try:
        messages = [
            p.message for p in validate_tree(guides).problems if p.file.endswith(guide.name)
        ]
    finally:
        i18n.set_language("en")
    assert any("承诺办结时限是 1 个工作日" in m for m in messages), messages
    assert any("星期六" in m for m in messages), messages
    english = re.compile(r"minutes|hours|working days|calendar days|Saturday|Sunday|weekend")
    assert [m for m in messages if english.search(m)] == []


def test_a_chinese_message_names_an_office_s_day_in_chinese(tmp_path: Path) -> None:
    """An office closed on Saturday, in the starter project `guides init` writes: the
    editor was told citizen-centre 在Saturday不办公."""
    assert run_guides("init", str(tmp_path))[0] == 0
    guide = tmp_path / "guides" / "services" / "senior-citizen-card.yaml"
    text = guide.read_text("utf-8").replace(
        "年满 60 周岁、", "年满 60 周岁（周六也可到窗口办理）、", 1
    )
    guide.write_text(text, "utf-8")
    i18n.set_language("zh_CN")
    try:
        messages = [p.message for p in validate_tree(tmp_path / "guides").problems]
    finally:
        i18n.set_language("en")
    assert any("在星期六不办公" in m for m in messages), messages
    assert [m for m in messages if "Saturday" in m] == []


def test_every_problem_of_the_fixtures_has_a_code(tmp_path: Path) -> None:
    """CI and tools read the code, not the wording: every problem carries a dotted one."""
    import shutil

    guides = tmp_path / "guides"
    shutil.copytree(FIXTURES / "reference", guides / "reference")
    (guides / "services").mkdir()
    for path in [*(FIXTURES / "valid").glob("*.yaml"), *(FIXTURES / "invalid").glob("*.yaml")]:
        shutil.copy(path, guides / "services" / path.name)
    result = validate_tree(guides, today=TODAY)
    codes = {problem.code for problem in result.problems}
    assert len(result.problems) > 50
    assert all(code and "." in code for code in codes), sorted(codes)
    assert {"schema.required", "yaml.tab", "visits.no-reason", "yaml.duplicate-key"} <= codes


def test_a_loader_problem_has_a_code() -> None:
    loaded = load_bytes(b"id: a\n\ttitle: b\n", Path("g.yaml"), "g.yaml")
    assert [p.code for p in loaded.problems] == ["yaml.tab"]


def _codes_in_the_code() -> set[str]:
    """Every problem code the package can give, read from its source."""
    import ast

    from generator.validate import schema

    shape = re.compile(r"[a-z][a-z-]*\.[a-z][a-z-]*")
    makers = {"Problem", "problem", "made", "_fail", "_failed"}
    codes = {f"schema.{code}" for code in schema._CODES.values()} | {"schema.other"}
    for path in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef):  # a default, `code: str = "reference.unknown"`
                pairs = zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
                codes.update(
                    default.value
                    for arg, default in pairs
                    if arg.arg == "code" and isinstance(default, ast.Constant) and default.value
                )
            if not isinstance(node, ast.Call):
                continue
            found = [k.value for k in node.keywords if k.arg == "code"]
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in makers and node.args:
                found.append(node.args[-1])
            codes.update(
                value.value
                for value in found
                if isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and shape.fullmatch(value.value)
            )
    # Codes kept beside their texts in tuples (rules/across.py).
    for path in (REPO / "generator" / "validate").rglob("*.py"):
        codes.update(re.findall(r'"(across\.[a-z-]+)"', path.read_text("utf-8")))
    return codes


def test_every_code_is_listed_in_the_content_model() -> None:
    """docs/content-model.md lists every code CI may meet (section "Problem codes")."""
    doc = (REPO / "docs" / "content-model.md").read_text("utf-8")
    table = doc.split("## Problem codes", 1)[1]
    listed = set(re.findall(r"`([a-z][a-z-]*\.[a-z][a-z-]*)`", table))
    codes = _codes_in_the_code()
    assert len(codes) > 60
    assert sorted(codes - listed) == []
    assert sorted(listed - codes) == []
