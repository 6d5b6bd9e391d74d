"""Planning the pages: which exist, their breadcrumbs, the A–Z order and the JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from support import catalogue_of, guide_data

from generator.search import pinyin
from generator.site.jsonld import guide_jsonld
from generator.site.pages import (
    A_Z,
    HOME,
    SitePages,
    a_to_z,
    a_to_z_names,
    breadcrumbs,
    guide_uri,
    plan_pages,
)
from generator.site.render import (
    date_text,
    days_text,
    duration_text,
    repo_path,
    strip_indentation,
    tel_href,
)


def plan(*guides: dict[str, Any]) -> SitePages:
    cat = catalogue_of(*guides)
    specs = plan_pages(
        cat,
        guide_edit_path=lambda g: f"guides/services/{g.id}.yaml",
        reference_dir="guides/reference",
    )
    return SitePages(cat, specs)


def test_every_guide_and_listing_gets_a_page() -> None:
    """One page per guide, and every browsing page the home page links to."""
    site = plan(guide_data("one"), guide_data("two"))
    assert {
        "index.md",
        "services/one.md",
        "services/two.md",
        "topics/index.md",
        "topics/a.md",
        "topics/b.md",
        "life-events/index.md",
        "life-events/work.md",
        "departments/index.md",
        "departments/edu.md",
        "departments/psb.md",
        "audiences/individual.md",
        "audiences/enterprise.md",
        "offices/index.md",
        "offices/hall.md",
        "a-z/index.md",
        "service-capability/index.md",
    } == set(site.specs)


def test_guide_pages_use_the_guide_template_and_edit_their_yaml() -> None:
    """A guide page is rendered by guide.html and its edit link opens its YAML file."""
    spec = plan(guide_data("one")).specs[guide_uri("one")]
    assert (spec.template, spec.edit_path, spec.title) == (
        "guide.html",
        "guides/services/one.yaml",
        "事项one",
    )


def test_breadcrumbs_run_from_home_through_the_first_topic() -> None:
    """Home › topic › guide, so a reader always knows where they are."""
    site = plan(guide_data("one"))
    trail = breadcrumbs(site.specs[guide_uri("one")], site.specs)
    assert [s.src_uri for s in trail] == [HOME, "topics/index.md", "topics/a.md", "services/one.md"]


def test_guide_without_topic_sits_under_a_to_z() -> None:
    """A guide in no topic is still reachable from its breadcrumbs."""
    site = plan(guide_data("one", topics=[]))
    assert site.specs[guide_uri("one")].parent == A_Z


def test_a_to_z_is_in_pinyin_order_with_letters() -> None:
    """居住证 (ju) files after 教师资格认定 (jiao), both under J; 营业执照 under Y."""
    guides = [
        guide_data("c", title="营业执照"),
        guide_data("b", title="居住证"),
        guide_data("a", title="教师资格认定"),
        guide_data("d", title="12345 热线"),
    ]
    letters = a_to_z(catalogue_of(*guides).guides)
    assert [(group.letter, [t for t, _ in group.entries]) for group in letters] == [
        ("J", ["教师资格认定", "居住证"]),
        ("Y", ["营业执照"]),
        ("#", ["12345 热线"]),
    ]


def test_english_titles_are_sorted_too() -> None:
    """The English list is alphabetical, ignoring case."""
    site = plan(
        guide_data("b", title={"zh-CN": "乙", "en": "beta"}),
        guide_data("a", title={"zh-CN": "甲", "en": "Alpha"}),
    )
    assert [(g.letter, [t for t, _ in g.entries]) for g in site.letters_en()] == [
        ("A", ["Alpha"]),
        ("B", ["beta"]),
    ]


def test_every_name_of_a_guide_is_filed_a_to_z() -> None:
    """The search page's list for visitors without JavaScript: titles, aliases and English
    titles, each filed under its own letter, pointing at its guide; a repeated name once."""
    guides = [
        guide_data("a", title={"zh-CN": "教师资格认定", "en": "Teacher qualification"}),
        guide_data("b", title="失业保险金申领", aliases=["领失业金", "失业金", "失业金"]),
    ]
    letters = a_to_z_names(catalogue_of(*guides).guides)
    assert [(g.letter, [(t, guide.id) for t, guide in g.entries]) for g in letters] == [
        ("J", [("教师资格认定", "a")]),
        ("L", [("领失业金", "b")]),
        ("S", [("失业保险金申领", "b"), ("失业金", "b")]),
        ("T", [("Teacher qualification", "a")]),
    ]


def test_pinyin_initial_of_polyphonic_and_latin_titles() -> None:
    """Letters come from pinyin; Latin titles file under their own first letter."""
    assert [pinyin.initial(t) for t in ("重庆", "App 办理", "《条例》")] == ["C", "A", "#"]


def test_featured_falls_back_to_the_first_guides() -> None:
    """Unknown featured ids are ignored; with none left the home page still shows some."""
    cat = catalogue_of(guide_data("one"), guide_data("two"))
    specs = plan_pages(cat, guide_edit_path=lambda g: "", reference_dir="r")
    assert [g.id for g in SitePages(cat, specs, ["two", "ghost"]).featured()] == ["two"]
    assert [g.id for g in SitePages(cat, specs, ["ghost"]).featured()] == ["one", "two"]


def test_jsonld_is_government_service_and_cannot_break_out() -> None:
    """The JSON-LD describes the service, and `</script>` in a title stays inside it."""
    cat = catalogue_of(guide_data("one", title="</script><script>alert(1)</script>"))
    g = cat.guide("one")
    assert g is not None
    text = str(guide_jsonld(g, "https://example.org/services/one/"))
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["provider"]["name"] == "临江市教育局"
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Individual"}]
    assert data["dateModified"] == "2026-08-30"
    assert data["lastReviewed"] == "2026-09-15"
    hours = data["availableChannel"][0]["serviceLocation"][0]["openingHoursSpecification"]
    assert hours[0]["dayOfWeek"] == ["Monday", "Tuesday"]


def test_small_renderings() -> None:
    """Phone links dial digits only; durations and dates read the Chinese way."""
    g = catalogue_of(guide_data("one")).guide("one")
    assert g is not None
    assert tel_href("0599-8701 2345") == "tel:059987012345"
    assert duration_text(g.steps[0].duration) == "1 个工作日"
    assert date_text(g.reviewed) == "2026年9月15日"
    assert days_text(("mon", "tue", "wed", "thu", "fri")) == "周一至周五"
    assert days_text(("sun", "sat", "mon", "tue", "thu")) == "周一、周二、周四、周六、周日"


def test_edit_path_is_found_from_the_guides_folder(tmp_path: Path) -> None:
    """Edit links name the YAML file under the repository, whatever the working directory."""
    assert repo_path("guides/services/00001/x.yaml", tmp_path, "guides", "x") == (
        "guides/services/00001/x.yaml"
    )
    assert repo_path("content/services/x.yaml", tmp_path, "data/content", "x") == (
        "data/content/services/x.yaml"
    )
    assert repo_path("", tmp_path, "guides", "x") == "guides/services/x.yaml"


def test_indentation_is_dropped_except_around_preformatted_text() -> None:
    """Template indentation goes; a page with <pre> or <textarea> is left untouched."""
    assert strip_indentation("<ul>\n    <li>a</li>\n\t</ul>") == "<ul>\n<li>a</li>\n</ul>"
    kept = "<pre>\n    indented code</pre>\n    <p>x</p>"
    assert strip_indentation(kept) == kept


def test_the_service_capability_page_gets_the_report_of_the_catalogue() -> None:
    """The 服务能力 page's template receives the figures of every guide and its charts."""
    site = plan(guide_data("one"), guide_data("two"))
    spec = site.specs["service-capability/index.md"]
    assert (spec.kind, spec.template, spec.parent) == (
        "service_capability",
        "service-capability.html",
        "index.md",
    )
    context = site.context(spec)
    assert context["report"].total.guides == 2
    assert set(context["charts"]) == {"depth", "visits", "channels", "topics", "departments"}
