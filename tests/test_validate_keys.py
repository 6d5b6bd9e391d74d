"""The keys the rules across files compare (titles and aliases, normalised) are made where
a guide is read, in the worker processes, and not again in `check_across`, the one serial
step after the workers; a key made without them still gets them; and the clashes found are
the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.validate.rules import across
from generator.validate.rules.across import GuideKey, check_across, title_key


def _key(name: str, title: str | None, aliases: tuple[str, ...] = ()) -> GuideKey:
    return GuideKey(
        f"guides/services/{name}.yaml", Path(f"/x/{name}.yaml"), name, title, (), aliases
    )


def test_a_key_carries_its_title_and_alias_keys() -> None:
    key = _key("a", "居住证\u3000申领", ("居住证\u200b申领", "", "Ｐａｓｓ"))
    assert key.title_key == "居住证申领"
    assert key.alias_keys == ("居住证申领", "", "Pass")
    assert _key("b", None).title_key is None


def test_the_rules_across_files_normalise_no_title_themselves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = [
        _key("a", "居住证 申领", ("护照办理",)),
        _key("b", "居住证\u200b申领"),
        _key("c", "护照 办理", ("居住证申领", "无关")),
    ]

    def refuse(text: str) -> str:
        raise AssertionError(f"check_across normalised {text!r} again")

    monkeypatch.setattr(across, "title_key", refuse)
    problems = check_across(keys)
    codes = sorted((problem.file, problem.code) for problem in problems)
    assert codes == [
        ("guides/services/a.yaml", "across.alias-title"),
        ("guides/services/a.yaml", "across.duplicate-title"),
        ("guides/services/b.yaml", "across.duplicate-title"),
        ("guides/services/c.yaml", "across.alias-title"),
    ]


def test_the_worker_wire_and_the_cache_keep_the_keys() -> None:
    from generator.validate import tree

    key = _key("a", "居住证 申领", ("护照\u3000办理",))
    back = tree._received(tree._sent(key), key.path)
    assert back == key
    assert back is not None and back.alias_keys == (title_key("护照\u3000办理"),)
