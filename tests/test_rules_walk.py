"""The one walk over a file's texts (generator/validate/rules/walk.py): which rules see which
texts, and what a run remembers about texts that gave no problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.source.loader import FieldPath, LoadedFile, load_file
from generator.validate.rules import build_index, check_guide
from generator.validate.rules.checker import Checker
from generator.validate.rules.walk import Quiet, TextContext, TextRule, TextRules, walk_texts

FIXTURES = Path(__file__).parent / "fixtures" / "guides"

GUIDE = {
    "id": "x",
    "summary": {"zh-CN": "办事要带 BAD 证件", "en": "Bring the BAD card"},
    "steps": [{"title": "第一步"}, {"title": "BAD"}],
    "url": "BAD",
}


def _checker(data: Any, name: str = "a.yaml") -> Checker:
    return Checker(LoadedFile(path=Path(name), display=name, data=data))


class _Recorder:
    """A rule that reports every text holding BAD, and notes each text it is asked about."""

    def __init__(self) -> None:
        self.seen: list[tuple[FieldPath, str]] = []

    def __call__(self, check: Checker, path: FieldPath, text: str, context: TextContext) -> None:
        self.seen.append((path, text))
        if "BAD" in text and "card" not in text:
            check.error(path, f"bad at {context.year}", code="test.bad")


def _rules(
    recorder: _Recorder, *, by_year: bool = False, pairs: Any = ()
) -> tuple[TextRules, _Recorder]:
    rule = TextRule(
        "test", lambda text: "BAD" in text, recorder, skip_keys=frozenset({"url"}), by_year=by_year
    )
    return TextRules((rule,), pairs), recorder


def test_a_rule_sees_only_the_texts_it_wants_with_their_paths() -> None:
    rules, seen = _rules(_Recorder())
    check = _checker(GUIDE)
    walk_texts(check, GUIDE, rules, TextContext(facts=object()))
    assert sorted(seen.seen) == [
        (("steps", 1, "title"), "BAD"),
        (("summary", "en"), "Bring the BAD card"),
        (("summary", "zh-CN"), "办事要带 BAD 证件"),
    ]  # `url` is skipped: the rule leaves that key to the schema
    assert sorted(p.path for p in check.problems) == ["steps[1].title", "summary.zh-CN"]


def test_pair_rules_get_each_mapping_with_both_languages() -> None:
    pairs: list[tuple[FieldPath, str, str]] = []
    rules, _seen = _rules(
        _Recorder(), pairs=(lambda _check, path, zh, en: pairs.append((path, zh, en)),)
    )
    data = {
        "a": {"zh-CN": "中", "en": "E"},
        "b": [{"zh-CN": "只有中文"}, {"zh-CN": "二", "en": "2"}],
    }
    walk_texts(_checker(data), data, rules, TextContext(facts=object()))
    assert sorted(pairs) == [(("a",), "中", "E"), (("b", 1), "二", "2")]


def test_a_text_that_gave_no_problem_is_not_checked_again_in_the_run() -> None:
    rules, seen = _rules(_Recorder())
    facts = object()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        walk_texts(_checker(GUIDE, name), GUIDE, rules, TextContext(facts=facts))
    clean = [text for _path, text in seen.seen if text == "Bring the BAD card"]
    assert len(clean) == 1


def test_a_rule_that_reads_more_than_the_text_is_asked_every_time() -> None:
    recorder = _Recorder()
    rule = TextRule("test", lambda text: "BAD" in text, recorder, remember=False)
    rules = TextRules((rule,))
    facts = object()
    data = {"note": "fine BAD card"}
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        walk_texts(_checker(data, name), data, rules, TextContext(facts=facts))
    assert len(recorder.seen) == 3


def test_a_text_with_a_problem_is_reported_in_every_file() -> None:
    rules, _seen = _rules(_Recorder())
    facts = object()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        check = _checker(GUIDE, name)
        walk_texts(check, GUIDE, rules, TextContext(facts=facts))
        assert sorted(p.path for p in check.problems) == ["steps[1].title", "summary.zh-CN"]
        assert {p.file for p in check.problems} == {name}


def test_other_facts_or_another_review_year_start_afresh() -> None:
    rules, seen = _rules(_Recorder(), by_year=True)
    data = {"note": "fine BAD card"}
    first = object()
    walk_texts(_checker(data), data, rules, TextContext(facts=first, year=2025))
    walk_texts(_checker(data), data, rules, TextContext(facts=first, year=2025))
    assert len(seen.seen) == 1
    walk_texts(_checker(data), data, rules, TextContext(facts=first, year=2026))
    assert len(seen.seen) == 2  # by_year: the year is part of what was remembered
    walk_texts(_checker(data), data, rules, TextContext(facts=object(), year=2026))
    assert len(seen.seen) == 3  # new facts: nothing remembered


def test_quiet_skips_only_calls_that_reported_nothing() -> None:
    quiet = Quiet()
    facts = object()
    calls: list[str] = []

    def rule(check: Checker, text: str) -> None:
        calls.append(text)
        if "BAD" in text:
            check.error(("note",), "bad", code="test.bad")

    for name in ("a.yaml", "b.yaml"):
        check = _checker({}, name)
        quiet.run(check, facts, ("fine",), rule, check, "fine")
        quiet.run(check, facts, ("BAD",), rule, check, "BAD")
        assert [p.file for p in check.problems] == [name]
    assert calls == ["fine", "BAD", "BAD"]
    quiet.run(_checker({}), object(), ("fine",), rule, _checker({}), "fine")
    assert calls[-1] == "fine"  # other facts: asked again


def _reference_index() -> Any:
    from generator.validate.tree import load_reference, open_tree

    schemas = open_tree(FIXTURES)
    reference, _files = load_reference(
        FIXTURES,
        {p.stem: p for p in (FIXTURES / "reference").glob("*.yaml")},
        schemas,
        [],
    )
    return build_index(reference)


def test_two_guides_with_the_same_faulty_text_both_get_the_problem() -> None:
    """Through check_guide: what one guide taught the walk must not hide another's problem."""
    index = _reference_index()
    source = FIXTURES / "invalid" / "invisible-characters.yaml"
    found = []
    for _ in range(2):
        loaded = load_file(source)
        loaded.untouched = True
        problems = check_guide(
            loaded, index, expected_id=source.stem, today=date(2026, 12, 1), review_max_age_days=365
        )
        found.append(sorted((p.line, p.code) for p in problems))
    assert found[0] == found[1]
    assert any(code == "text.invisible" for _line, code in found[0])
