"""Indexing the built site with Pagefind: what goes in, what stays out, and clear failures."""

from __future__ import annotations

import gzip
import json
import sys
from html import escape
from pathlib import Path

import pytest
import yaml

from generator.search.index import IndexStats, SearchIndexError, SearchRecords, index_site

REPO = Path(__file__).resolve().parent.parent

GUIDE_PAGE = """<!doctype html>
<html lang="zh-CN"><head><title>{title} - 临江市办事指南</title></head>
<body>
<header><form role="search"><label>搜索办事指南 <input name="q"></label></form></header>
<main><article data-pagefind-body>
  <h1 data-pagefind-weight="10" data-pagefind-meta="title">{title}</h1>
  <p data-pagefind-weight="8">也叫 / Also called：{aliases}</p>
  <p data-pagefind-weight="5" data-pagefind-meta="summary">{summary}</p>
  <p>办理部门：<span data-pagefind-filter="department"
     data-pagefind-meta="department">{department}</span></p>
  <p data-pagefind-filter="audience">个人</p>
  <p data-pagefind-filter="topic">户籍居住</p>
  <p data-pagefind-filter="channel">网上办理</p>
  <p data-pagefind-meta="badges">零跑动 全程网办</p>
  <p>{body}</p>
</article></main>
<footer>临江市人民政府 版权所有</footer>
</body></html>
"""

LISTING_PAGE = """<!doctype html>
<html lang="zh-CN"><head><title>全部事项</title></head>
<body><main><h1>全部事项 A–Z</h1><ul><li>居民身份证申领</li><li>营业执照</li></ul></main></body>
</html>
"""


def _write_site(root: Path) -> Path:
    """Write a tiny built site: two guide pages and one listing page."""
    pages = {
        "guides/id-card/index.html": GUIDE_PAGE.format(
            title="居民身份证申领",
            aliases="身份证、办身份证、ID card",
            summary="年满十六周岁的居民可以申领居民身份证。",
            department="市公安局",
            body="带户口簿到派出所办理。Apply for a resident identity card.",
        ),
        "guides/business-licence/index.html": GUIDE_PAGE.format(
            title="个体工商户设立登记",
            aliases="营业执照、business licence",
            summary="开小店、做个体生意，先领营业执照。",
            department="市市场监管局",
            body="网上提交申请，三个工作日内发照。",
        ),
        "a-z/index.html": LISTING_PAGE,
    }
    for path, html in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return root


def _fragments(output_dir: Path) -> dict[str, dict[str, object]]:
    """Read Pagefind's per-page fragments (gzipped JSON after a signature) by URL."""
    fragments = {}
    for file in (output_dir / "fragment").iterdir():
        raw = gzip.decompress(file.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        data = json.loads(raw[len(b"pagefind_dcd") :])
        fragments[data["url"]] = data
    return fragments


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IndexStats]:
    site = _write_site(tmp_path_factory.mktemp("site"))
    return site, index_site(site)


def test_index_is_written_into_the_site(indexed: tuple[Path, IndexStats]) -> None:
    """The index and Pagefind's own script land in site/pagefind/, where search.js loads them."""
    site, stats = indexed
    assert stats.output_dir == site.resolve() / "pagefind"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert stats.bytes_written > 0
    assert stats.seconds > 0
    # Pagefind's own CPU time, which the build reports beside the wall time.
    assert stats.cpu_seconds > 0
    assert f"({stats.cpu_seconds:.1f} s of CPU, " in stats.summary()


def test_only_guide_bodies_are_indexed(indexed: tuple[Path, IndexStats]) -> None:
    """Pages without data-pagefind-body (listing pages) stay out, and so does the chrome."""
    site, stats = indexed
    fragments = _fragments(site / "pagefind")
    assert stats.pages == 2
    assert sorted(fragments) == ["/guides/business-licence/", "/guides/id-card/"]
    content = str(fragments["/guides/id-card/"]["content"])
    assert "版权所有" not in content
    assert "搜索办事指南" not in content


def test_one_chinese_index_for_the_whole_site(indexed: tuple[Path, IndexStats]) -> None:
    """Every page goes into one index segmented as Chinese, whatever its lang says."""
    site, _ = indexed
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert entry["languages"]["zh"]["page_count"] == 2


def test_chinese_text_is_cut_into_words(indexed: tuple[Path, IndexStats]) -> None:
    """The extended binary segments Chinese, so 身份证 is a word of its own in 居民身份证."""
    site, _ = indexed
    content = str(_fragments(site / "pagefind")["/guides/id-card/"]["content"])
    # Pagefind marks word boundaries in the stored text with zero-width spaces.
    words = content.replace("\u200b", " ").split()
    assert "居民" in words
    assert any(word.startswith("身份") for word in words)


def test_metadata_and_filters_come_from_the_page(indexed: tuple[Path, IndexStats]) -> None:
    """Title, summary, department and badges feed the result list; four facets filter it."""
    site, _ = indexed
    fragment = _fragments(site / "pagefind")["/guides/id-card/"]
    meta = fragment["meta"]
    assert isinstance(meta, dict)
    assert meta["title"] == "居民身份证申领"
    assert meta["summary"] == "年满十六周岁的居民可以申领居民身份证。"
    assert meta["department"] == "市公安局"
    assert meta["badges"] == "零跑动 全程网办"
    assert fragment["filters"] == {
        "department": ["市公安局"],
        "audience": ["个人"],
        "topic": ["户籍居住"],
        "channel": ["网上办理"],
    }


def test_a_stale_index_is_replaced(tmp_path: Path) -> None:
    """Re-indexing (as `guides serve` does) leaves no files of the previous index behind."""
    site = _write_site(tmp_path)
    stale = site / "pagefind" / "fragment" / "zh_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    index_site(site)
    assert not stale.exists()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_missing_site_folder_is_a_clear_error(tmp_path: Path) -> None:
    """Indexing before building says so instead of failing inside Pagefind."""
    missing = tmp_path / "site"
    with pytest.raises(SearchIndexError) as caught:
        index_site(missing)
    assert str(caught.value) == f"Cannot index {missing}: no such folder. Build the site first."


def test_missing_binary_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the extended binary the message names the package to install."""
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)
    with pytest.raises(SearchIndexError) as caught:
        index_site(_write_site(tmp_path))
    assert str(caught.value) == (
        "The extended Pagefind binary is missing, so the site cannot be indexed "
        "(the extended binary is the one that segments Chinese). "
        "Install it with: .venv/bin/pip install 'pagefind[extended]>=1.3,<2'"
    )


def test_a_wrong_binary_path_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PAGEFIND_BINARY_PATH pointing nowhere is reported with the path it holds."""
    nowhere = tmp_path / "no-pagefind"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(nowhere))
    with pytest.raises(SearchIndexError) as caught:
        index_site(_write_site(tmp_path / "site"))
    assert str(caught.value) == (
        f"PAGEFIND_BINARY_PATH is set to {nowhere}, but no file is there. "
        "Unset it to use the binary from the pagefind[extended] package."
    )


def test_material_search_plugin_stays_off() -> None:
    """Material's lunr search would ship the whole index on the first query: it is not enabled."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config.get("plugins", [])]
    assert "search" not in names
    assert "material/search" not in names


@pytest.mark.slow
def test_the_sample_site_indexes_every_guide_and_nothing_else(built_site: Path) -> None:
    """One index entry per guide: listing pages, the home page and the search page stay out."""
    guides = sorted(p.stem for p in (REPO / "guides" / "services").glob("*.yaml"))
    fragments = _fragments(built_site / "pagefind")
    assert sorted(fragments) == [f"/services/{guide}/" for guide in guides]


@pytest.mark.slow
def test_guide_records_carry_what_the_index_needs(built_site: Path) -> None:
    """Title, aliases and summary are weighted; filters and metadata come from the record."""
    fragment = _fragments(built_site / "pagefind")["/services/teacher-qualification/"]
    meta = fragment["meta"]
    assert isinstance(meta, dict)
    # The names besides the title (aliases, everyday names, result, materials), which the
    # UI checks a query's words against (generator/search/everyday.py).
    names = meta.pop("names")
    assert "教资认定" in names and "教师资格体检合格证明" in names and "毕业证" in names
    # Its life event, 工作就业, and how people say it (guides/reference/life-events.yaml).
    assert "工作就业" in names and "找工作" in names
    # Its aliases alone, which the UI weighs as it weighs the title (search.js namesStrongly).
    assert meta.pop("aliases") == "教师资格证、教资认定、教资、教师证、teacher certificate"
    assert meta == {
        "title": "教师资格认定",
        "summary": (
            "已通过教师资格考试、准备当老师的人，可以在网上申请认定教师资格。"
            "审核通过后发放教师资格证书，同时生成电子证书，全程不用跑腿。"
        ),
        "department": "临江市教育局",
        "badges": "零跑动 · 全程网办 · 电子证照免提交",
        # What an English query's result shows (search.js renderResult).
        "title_en": "Teacher qualification certification",
        "summary_en": (
            "If you have passed the teacher qualification exam, you can apply online to be "
            "certified as a teacher. Once approved you receive a paper certificate and an "
            "electronic one, with no need to visit an office."
        ),
    }
    filters = fragment["filters"]
    assert isinstance(filters, dict)
    assert filters["department"] == ["临江市教育局"]
    assert filters["audience"] == ["个人"]
    assert sorted(filters["topic"]) == ["人才服务", "教育"]
    assert sorted(filters["channel"]) == ["手机办理", "现场办理", "网上办理"]


@pytest.mark.slow
def test_records_hold_what_people_search_for_and_nothing_else(built_site: Path) -> None:
    """Names, summary and materials are in; tables, phones, laws and the page's prose (who
    can apply, steps, questions, departments) are out: Pagefind's time follows the words it
    reads, and the prose found no tuned query that the names and summary do not."""
    fragment = _fragments(built_site / "pagefind")["/services/teacher-qualification/"]
    text = str(fragment["content"]).replace("\u200b", "")
    for wanted in (
        "教资认定",  # an alias
        "Teacher qualification certification",  # the English title
        "准备当老师的人",  # the summary
        "教育",  # a topic
        "参加工作",  # how people say its life event
        "教师资格体检合格证明",  # a material
    ):
        assert wanted in text, wanted
    for unwanted in (
        "0599",  # phone numbers
        "教师资格条例",  # the legal basis
        "材料名称",  # the materials table
        "原件",
        "工作日",  # time limits
        "合格证明有效期为 3 年",  # answers are read on the page
        "实施编码",
        "在本市有户籍",  # who can apply: read on the page
        "参加体检",  # a step's title
        "户籍不在本市可以申请吗",  # a question
        "临江市教育局",  # the department: a filter and the result list's metadata
        "Education Bureau",  # its English name
        "全程网办",  # a badge: metadata
    ):
        assert unwanted not in text, unwanted


@pytest.mark.slow
def test_pages_carry_no_index_markup(built_site: Path) -> None:
    """Pagefind reads the records, not the pages: the pages carry no Pagefind attributes."""
    html = (built_site / "services" / "teacher-qualification" / "index.html").read_text("utf-8")
    assert "data-pagefind" not in html


def test_records_are_written_at_page_paths_and_discarded(tmp_path: Path) -> None:
    """A record at services/x/index.html is indexed under the page's URL /services/x/;
    the records live in a dot folder inside the site and are gone once it is indexed."""
    site = tmp_path / "site"
    site.mkdir()
    page = GUIDE_PAGE.format(
        title="居民身份证申领",
        aliases="身份证",
        summary="年满十六周岁的居民可以申领居民身份证。",
        department="市公安局",
        body="",
    )
    with SearchRecords(site) as records:
        records.add("services/id-card/index.html", page)
        assert records.count == 1
        stats = records.index_into(site)
        folder = records.folder
        assert folder.is_dir() and folder.parent == site and folder.name.startswith(".")
    assert not folder.exists()
    assert stats.pages == 1
    assert sorted(_fragments(site / "pagefind")) == ["/services/id-card/"]
    assert sorted(p.name for p in site.iterdir()) == ["pagefind"]


@pytest.mark.slow
def test_the_search_page_works_without_javascript(built_site: Path) -> None:
    """Without JavaScript the search page says why it cannot search, lists every guide's
    name with a link for find-in-page, and links the A–Z index and the topics."""
    html = (built_site / "search" / "index.html").read_text("utf-8")
    assert "data-pagefind-body" not in html
    assert "不能按关键词搜索" in html and "在页面中查找" in html
    for source in sorted((REPO / "guides" / "services").glob("*.yaml")):
        guide = yaml.safe_load(source.read_text("utf-8"))
        title = guide["title"]["zh-CN"] if isinstance(guide["title"], dict) else guide["title"]
        assert f'href="../services/{guide["id"]}/"' in html, guide["id"]
        assert escape(title) in html, title
    assert 'href="../a-z/"' in html
    assert 'href="../topics/"' in html
    assert (built_site / "a-z" / "index.html").is_file()
    assert (built_site / "topics" / "index.html").is_file()


def test_pinyin_keys_come_from_a_names_own_characters() -> None:
    """A Chinese name gives its pinyin and initials from each character on; a polyphonic
    character keeps both its reading in the phrase and its usual one; English gives none."""
    from generator.search.lexicon import guide_keys, name_keys

    keys = name_keys("居民身份证补领")
    for wanted in ("juminshenfenzhengbuling", "shenfenzhengbuling", "buling", "jmsfzbl", "sfzbl"):
        assert wanted in keys, wanted
    assert "yinhangka" in name_keys("银行卡") and "yinxingka" in name_keys("银行卡")
    assert "lvsetongdao" in name_keys("绿色通道")
    assert name_keys("ID card") == [] and name_keys("证") == []
    assert guide_keys(["护照", "passport"]).split() == ["huzhao", "hz"]


def test_the_lexicon_reads_traditional_and_same_sound_characters() -> None:
    """OpenCC's traditional forms of the index's characters, variants included, and the
    usual pinyin of common characters that are not in the index (分 of 身分证)."""
    from generator.search.lexicon import build_lexicon

    lexicon = build_lexicon(set("身份证发护照"))
    pairs = str(lexicon["t2s"])
    mapping = dict(zip(pairs[::2], pairs[1::2], strict=True))
    assert mapping["證"] == "证" and mapping["護"] == "护"
    assert mapping["發"] == "发" and mapping["髮"] == "发"
    assert "劉" not in mapping, "only characters whose simplified form the index holds"
    syllables = lexicon["py"]
    assert isinstance(syllables, dict)
    assert "分" in syllables["fen"] and "份" in syllables["fen"]
    assert "证" in syllables["zheng"]


def test_indexing_writes_the_lexicon_beside_the_index(tmp_path: Path) -> None:
    """The search UI's lexicon is gzipped JSON in site/pagefind/, from the records' text."""
    from generator.search.lexicon import LEXICON_NAME

    site = tmp_path / "site"
    site.mkdir()
    page = GUIDE_PAGE.format(
        title="身份证申领", aliases="身份证", summary="申领。", department="市公安局", body=""
    )
    with SearchRecords(site) as records:
        records.add("services/id-card/index.html", page)
        records.index_into(site)
    data = json.loads(gzip.decompress((site / "pagefind" / LEXICON_NAME).read_bytes()))
    pairs = data["t2s"]
    assert dict(zip(pairs[::2], pairs[1::2], strict=True))["證"] == "证"
    assert "營" not in pairs, "营 is not in the index"
    assert "身" in data["py"]["shen"]
    assert data["names"] == ["身份证申领"], "the title, the site's own word"


def test_the_lexicon_names_are_the_guides_own_words() -> None:
    """The names the UI cuts a query with: each run of Chinese characters, two to six long,
    of a record's title and `names` metadata; never its summary or steps."""
    from collections import Counter

    from generator.search.lexicon import MAX_NAMES, build_lexicon, names_in

    record = (
        '<h1 data-pagefind-meta="title">社保卡补领</h1>'
        '<p data-pagefind-meta="summary">办理社保卡。</p>'
        '<p data-pagefind-meta="names">社保卡、医保卡、证、social security card、'
        "近6个月在本市缴纳社会保险费的参保缴费凭证原件、</p><p>第一步：网上申请</p>"
    )
    # 证 is one character, the material's name a phrase of 21: neither is a word to cut by.
    assert names_in(record) == {"社保卡补领", "社保卡", "医保卡"}
    # A site of many guides keeps the names most of them use, within the first query's budget.
    many = Counter({f"名称{i:05d}": 1 for i in range(MAX_NAMES + 10)} | {"社保卡": 3})
    names = build_lexicon(set(), names=many)["names"]
    assert isinstance(names, list) and len(names) == MAX_NAMES and "社保卡" in names


@pytest.mark.slow
def test_records_carry_pinyin_keys_and_materials(built_site: Path) -> None:
    """A guide's record holds its names' pinyin keys and the names of its materials, each
    below the names in weight."""
    fragment = _fragments(built_site / "pagefind")["/services/teacher-qualification/"]
    text = str(fragment["content"]).replace("\u200b", "")
    for wanted in ("jiaoshizigerending", "jszgrd", "jiaoshizigezheng", "教师资格体检合格证明"):
        assert wanted in text, wanted
    record = (REPO / "theme" / "search-record.html").read_text(encoding="utf-8")
    assert '<p data-pagefind-weight="8">{{ keys }}</p>' in record
    assert '<p data-pagefind-weight="2">\n  {%- for m in guide.materials %}' in record
