"""Everyday names (generator/search/everyday.py): 户口本 finds what asks for a 居民户口簿."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator.search.everyday import (
    EverydayNamesError,
    NameEntry,
    absent_names,
    entries_in,
    everyday_words,
    read_table,
    table,
)
from generator.search.index import SearchRecords
from generator.search.lexicon import LEXICON_NAME
from tests.test_search import GUIDE_PAGE, _fragments

ENTRIES = (
    NameEntry(("居民户口簿", "户口簿"), ("户口本",)),
    NameEntry(("近期免冠证件照", "证件照"), ("一寸照",)),
    NameEntry(("两人合影证件照",), ("结婚照",)),
    NameEntry(("社会保障卡",), ("社保卡", "医保卡")),
)


def test_the_shipped_table_reads_and_covers_documents_benefits_and_services() -> None:
    entries = read_table()
    assert len(entries) >= 40
    names = [n for e in entries for n in e.names]
    assert len(names) == len(set(names)), "a name belongs to one entry only"
    for everyday, official in (
        ("户口本", "居民户口簿"),
        ("驾照", "机动车驾驶证"),
        ("房产证", "不动产权证书"),
        ("社保卡", "社会保障卡"),
        ("离职证明", "解除或终止劳动合同证明"),
        ("准生证", "生育服务证"),
        ("暂住证", "居住证"),
        ("老年证", "老年人优待证"),
        ("残疾证", "残疾人证"),
        ("毕业证", "学历证书"),
        ("港澳通行证", "往来港澳通行证"),
        ("退休金", "基本养老金"),
    ):
        entry = next(e for e in entries if everyday in e.everyday)
        assert official in entry.official, everyday


def test_a_name_brings_its_entrys_other_names_at_the_weight_of_its_field() -> None:
    names, summary, result, materials = everyday_words(
        (["新生儿出生登记"], ["宝宝的社保卡一起办。"], ["居民户口簿"], ["居民户口簿", "证件照"]),
        ENTRIES,
    )
    assert names == ()
    assert summary == ("社会保障卡", "医保卡")
    assert result == ("户口本",)  # 户口簿 is already inside 居民户口簿
    # Already given with the result, which weighs as much: not repeated.
    assert materials == ("近期免冠证件照", "一寸照")


def test_a_stronger_field_keeps_its_names_from_a_weaker_one() -> None:
    names, summary, _result, _materials = everyday_words(
        (["社会保障卡申领", "社保卡"], ["医保卡也是它。"], [], []), ENTRIES
    )
    assert names == ("医保卡",)
    assert summary == ()


def test_a_name_inside_a_longer_name_of_another_entry_does_not_count() -> None:
    """证件照 inside 两人合影证件照 is the wedding photo, not a one-inch photo."""
    (materials,) = everyday_words((["两人合影证件照"],), ENTRIES)
    assert materials == ("结婚照",)


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (
            "- official: [户口簿]\n  everyday: [户口本]\n"
            "- official: [户口本]\n  everyday: [户口册]\n",
            3,
            "户口本 is already a name of entry 1",
        ),
        (
            "- official: [户口簿]\n  everyday: [户口本]\n- official: [驾驶证]\n",
            3,
            "exactly the keys",
        ),
        ("- official: [户口簿]\n  everyday: [本]\n", 2, "at least two characters"),
        ("- official: 户口簿\n  everyday: [户口本]\n", 1, "must be a list of names"),
        ("official: [户口簿]\n", 1, "must be a list of entries"),
    ],
)
def test_a_mistake_in_the_table_names_its_line_and_the_fix(
    tmp_path: Path, text: str, line: int, says: str
) -> None:
    path = tmp_path / "everyday-names.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EverydayNamesError) as caught:
        read_table(path, "everyday-names.yaml")
    message = str(caught.value)
    assert f"everyday-names.yaml, line {line}:" in message
    assert says in message


def test_a_yaml_mistake_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "everyday-names.yaml"
    path.write_text("- official: [户口簿\n  everyday: [户口本]\n", encoding="utf-8")
    with pytest.raises(EverydayNamesError, match=r"everyday-names\.yaml"):
        read_table(path, "everyday-names.yaml")


def test_the_lexicon_lists_the_things_no_guide_offers(tmp_path: Path) -> None:
    """The UI answers 离婚证 with 没有找到 on a site without a divorce guide, but 户口本
    searches on when a guide asks for a 户口簿."""
    site = tmp_path / "site"
    site.mkdir()
    page = GUIDE_PAGE.format(
        title="居民身份证申领",
        aliases="身份证",
        summary="带户口簿申领。",
        department="市公安局",
        body="",
    )
    with SearchRecords(site) as records:
        records.add("services/id-card/index.html", page)
        records.index_into(site)
    data = json.loads(gzip.decompress((site / "pagefind" / LEXICON_NAME).read_bytes()))
    assert data["guides"] == 1
    assert "离婚证" in data["absent"] and "准生证" in data["absent"]
    assert "户口本" not in data["absent"] and "身份证" not in data["absent"]
    held = entries_in(page)
    assert set(absent_names(held)) == {
        n for i, e in enumerate(table()) if i not in held for n in e.names
    }


@pytest.mark.slow
def test_sample_records_carry_everyday_names_by_weight(built_site: Path) -> None:
    """household-transfer issues a 居民户口簿: its record holds 户口本, and names it in the
    `names` meta the UI checks a query's words against."""
    fragments = _fragments(built_site / "pagefind")
    household = fragments["/services/household-transfer/"]
    assert "户口本" in str(household["content"]).replace("\u200b", "")
    meta = household["meta"]
    assert isinstance(meta, dict)
    assert "户口本" in meta["names"] and "购房落户" in meta["names"]
    unemployment = str(fragments["/services/unemployment-benefit/"]["content"])
    assert "离职证明" in unemployment.replace("\u200b", "")
