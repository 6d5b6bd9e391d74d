"""The text rules skip a file whose source cannot hold what they look for; never wrongly.

A text written with an escape (`"\\u200b"` in double quotes) has a character its source
does not: such files are still walked, so the problem is found as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validation import FIXTURES, TODAY, make_tree

from generator.validate.tree import validate_tree


@pytest.mark.parametrize(
    ("summary", "code"),
    [
        ('"在网上查询\\u200b本人的学历。"', "text.invisible"),
        ('"在网上查询本人的学历\\x3cbr>。"', "text.html"),
        ('"见 [说明](\\x68ttp://example.cn)。"', "link.not-https"),
        ('"\\u5f85\\u586b\\u5199"', "placeholder.unfilled"),
        ("在网上查询\u200b本人的学历。", "text.invisible"),
        ("在网上查询本人的学历<br>。", "text.html"),
        ("见 [说明](http://example.cn)。", "link.not-https"),
        ("待填写", "placeholder.unfilled"),
    ],
    ids=[
        "escaped-invisible",
        "escaped-html",
        "escaped-link",
        "escaped-placeholder",
        "invisible",
        "html",
        "link",
        "placeholder",
    ],
)
def test_what_a_text_holds_is_found_however_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, summary: str, code: str
) -> None:
    monkeypatch.chdir(tmp_path)
    guides = make_tree(tmp_path).relative_to(tmp_path)
    path = guides / "services" / "minimal-service.yaml"
    text = (FIXTURES / "valid" / "minimal-service.yaml").read_text("utf-8")
    original = "summary: 在网上查询本人在本市取得的学历，当场出结果。"
    assert original in text
    path.write_text(text.replace(original, f"summary: {summary}"), "utf-8")
    for workers in (1, 2):
        result = validate_tree(guides, today=TODAY, workers=workers)
        found = [(p.file, p.path, p.code) for p in result.problems]
        assert found == [("guides/services/minimal-service.yaml", "summary", code)], workers
