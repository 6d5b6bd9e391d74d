"""The 服务能力 page: built from the sample guides, its figures as the YAML files say, its
charts accessible SVG with the same numbers in a table beside them, linked from every
page's footer and from the home page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml
from htmlscan import scan_file
from support import REPO

from generator.site.charts import BAR_MAX, Bar, bar_chart

PAGE = Path("service-capability") / "index.html"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def page(built_site: Path) -> str:
    return (built_site / PAGE).read_text("utf-8")


def sample_guides() -> list[dict]:
    return [
        yaml.safe_load(p.read_text("utf-8"))
        for p in sorted((REPO / "guides" / "services").glob("*.yaml"))
    ]


def figure_text(page: str, name: str) -> str:
    """Return the headline figure shown under `name`."""
    found = re.search(rf'<div class="sg-report__figure"><dt>{name}</dt><dd>(.*?)</dd></div>', page)
    assert found, f"no headline figure {name}"
    return found[1]


def test_headline_figures_are_those_of_the_yaml(page: str) -> None:
    """全程网办, 零跑动 and 秒批 on the page are the counts made from the guide files."""
    guides = sample_guides()
    n = len(guides)
    fully = sum(g["online_depth"] == "fully_online" for g in guides)
    zero = sum(g["visits"] == 0 for g in guides)
    approval = sum(g["instant_approval"] in ("instant_approval", "both") for g in guides)
    assert figure_text(page, "办事指南") == f"{n} 项"
    assert figure_text(page, "全程网办") == f"{fully} 项（{100 * fully / n:.1f}%）"
    assert figure_text(page, "零跑动") == f"{zero} 项（{100 * zero / n:.1f}%）"
    assert figure_text(page, "秒批") == f"{approval} 项（{100 * approval / n:.1f}%）"


def test_each_department_leading_a_guide_has_a_row(page: str) -> None:
    """The per-department table has one row per lead department, with its number of guides."""
    lead = Counter(g["department"] for g in sample_guides())
    table = page.split("<caption>各部门服务能力</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'departments/([a-z0-9-]+)/">[^<]*</a></th>\s*<td>(\d+)</td>', table)
    assert {dept: int(count) for dept, count in rows} == lead


def test_every_chart_is_a_named_described_image_with_its_table_beside(page: str) -> None:
    """role="img", named by its <title> and described by its <desc> (every value in words),
    and the next element after the chart's figure is a data table."""
    charts = re.findall(
        r'<figure class="sg-report__chart">\s*(<svg.*?</svg>)\s*</figure>\s*(<\S+[^>]*>)',
        page,
        re.S,
    )
    assert len(charts) == 5
    for svg_text, after in charts:
        svg = ET.fromstring(svg_text)
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby", "").split()
        title = svg.find(f"{SVG}title")
        desc = svg.find(f"{SVG}desc")
        assert title is not None and title.get("id") == title_id and title.text
        assert desc is not None and desc.get("id") == desc_id
        # Direct labels: every bar's label and value are written in the chart and the
        # description, so no value is told by colour or length alone.
        texts = [t.text for t in svg.iter(f"{SVG}text")]
        for label, value in zip(texts[::2], texts[1::2], strict=True):
            assert f"{label} {value}" in (desc.text or "")
        assert 'class="sg-table"' in after


def test_the_page_is_linked_from_the_footer_and_the_home_page(built_site: Path) -> None:
    """Every page's footer and the home page's body link to the 服务能力 page."""
    home = scan_file(built_site / "index.html")
    assert home.links.count("service-capability/") == 2
    guide = scan_file(built_site / "services" / "teacher-qualification" / "index.html")
    assert "../../service-capability/" in guide.links
    assert scan_file(built_site / PAGE).headings.count(1) == 1


def test_bars_are_as_long_as_their_share_and_text_is_escaped() -> None:
    """A bar's length is its count against its scale; labels are escaped, never markup."""
    svg = ET.fromstring(
        str(
            bar_chart(
                "c",
                "T <b>",
                "D",
                [Bar("全部", 4, 4, "4 项"), Bar("一半 <i>", 2, 4, "2 项"), Bar("无", 0, 0, "0")],
            )
        )
    )
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "sg-chart__bar"]
    assert [float(r.get("width", "")) for r in bars] == [BAR_MAX, BAR_MAX / 2, 0.0]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["全部", "4 项", "一半 <i>", "2 项", "无", "0"]
    assert svg.find(f"{SVG}title").text == "T <b>"  # type: ignore[union-attr]
