"""`guides build`: the sample site, atomic swaps, identical rebuilds, no executable text."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from htmlscan import scan_file
from support import REPO, ProjectFactory, load_sample_guide, run_guides

from generator.site import target as site_target
from generator.site.markdown import is_safe_link

pytestmark = pytest.mark.slow

SAMPLE_IDS = sorted(p.stem for p in (REPO / "guides" / "services").glob("*.yaml"))


def tree_digest(root: Path) -> dict[str, str]:
    """Return every file under root with the SHA-256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def build(project: Path, site: Path | None = None) -> tuple[int, str]:
    args = ["build", "-f", str(project / "mkdocs.yml")]
    if site is not None:
        args += ["--site-dir", str(site)]
    return run_guides(*args)


# --- the sample site ---------------------------------------------------------------


@pytest.mark.parametrize("guide_id", SAMPLE_IDS)
def test_every_sample_guide_has_its_page(built_site: Path, guide_id: str) -> None:
    """Each guide in guides/services/ becomes services/<id>/index.html with its title."""
    page = built_site / "services" / guide_id / "index.html"
    title = load_sample_guide(guide_id)["title"]
    title = title["zh-CN"] if isinstance(title, dict) else title
    assert f">{title}" in page.read_text("utf-8")


def test_browsing_pages_exist(built_site: Path) -> None:
    """Home, overviews, audiences and the A–Z index are built."""
    for path in [
        "index.html",
        "topics/index.html",
        "life-events/index.html",
        "departments/index.html",
        "offices/index.html",
        "offices/citizen-centre/index.html",
        "audiences/individual/index.html",
        "audiences/enterprise/index.html",
        "a-z/index.html",
        "topics/education/index.html",
    ]:
        assert (built_site / path).is_file(), path


def test_guide_pages_are_in_the_sitemap(built_site: Path) -> None:
    """Search engines find every guide through sitemap.xml."""
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    for guide_id in SAMPLE_IDS:
        assert f"/services/{guide_id}/</loc>" in sitemap


def test_guide_page_edit_link_opens_its_yaml(built_site: Path) -> None:
    """The edit link of a guide points at its YAML file in the repository."""
    html = (built_site / "services" / "teacher-qualification" / "index.html").read_text("utf-8")
    assert (
        'href="https://git.linjiang.example/zwfw/guides/edit/main/'
        'guides/services/teacher-qualification.yaml"' in html
    )


def test_every_page_has_one_h1_and_no_skipped_heading_level(built_site: Path) -> None:
    """h1 → h2 → h3 without gaps, on every page."""
    for page in built_site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        levels = scan_file(page).headings
        assert levels.count(1) == 1, page
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (page, levels)


def test_no_page_repeats_an_id(built_site: Path) -> None:
    """Ids are unique on every page, so every #anchor has one target."""
    for page in built_site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        ids = [value for _, name, value in scan_file(page).attributes if name == "id"]
        assert len(ids) == len(set(ids)), (page, sorted({i for i in ids if ids.count(i) > 1}))


def test_guide_page_structure(built_site: Path) -> None:
    """Tables have captions and header scope, steps are an ordered list, dates are <time>."""
    page = built_site / "services" / "teacher-qualification" / "index.html"
    html = page.read_text("utf-8")
    scan = scan_file(page)
    assert "<caption>申请材料" in html
    assert ("th", "scope", "row") in scan.attributes
    assert '<ol class="sg-steps">' in html
    assert '<time datetime="2026-09-15">' in html
    assert 'aria-label="面包屑"' in html and 'aria-current="page"' in html
    assert "<details" in html and "<summary" in html
    assert ("span", "lang", "en") in scan.attributes
    assert 'href="tel:0599' in html


def test_guide_page_carries_government_service_jsonld(built_site: Path) -> None:
    """One JSON-LD script per guide page, a schema.org GovernmentService."""
    scripts = scan_file(built_site / "services" / "teacher-qualification" / "index.html").scripts
    data = [
        json.loads(text) for attrs, text in scripts if attrs.get("type") == "application/ld+json"
    ]
    assert len(data) == 1
    assert data[0]["@type"] == "GovernmentService"
    assert data[0]["url"] == "https://guides.linjiang.example/services/teacher-qualification/"
    assert data[0]["lastReviewed"] == "2026-09-15"


def test_office_page_has_hours_and_guides(built_site: Path) -> None:
    """An office page shows its opening hours and the services handled there."""
    html = (built_site / "offices" / "citizen-centre" / "index.html").read_text("utf-8")
    assert '<time datetime="09:00">' in html
    assert "午间延时服务" in html and "周末服务" in html
    assert "/services/" in html


def test_a_to_z_has_letter_headings(built_site: Path) -> None:
    """The A–Z index files 教师资格认定 under J."""
    html = (built_site / "a-z" / "index.html").read_text("utf-8")
    j = html.index('id="letter-J"')
    assert html.index("教师资格认定", j) > j


def test_no_request_to_another_host_is_written_into_pages(built_site: Path) -> None:
    """Stylesheets, scripts and fonts all come from the site itself."""
    fetching = {"link", "script", "img", "iframe", "source", "video", "audio", "embed"}
    for page in built_site.rglob("*.html"):
        for tag, attrs in scan_file(page).elements:
            if tag not in fetching or attrs.get("rel") == "canonical":
                continue
            for name in ("href", "src"):
                assert "//" not in attrs.get(name, ""), (page, attrs)


# --- builds of small projects --------------------------------------------------------


def test_missing_config_cannot_run(tmp_path: Path) -> None:
    """No mkdocs.yml: exit 2 and say so."""
    code, output = run_guides("build", "-f", str(tmp_path / "nope.yml"))
    assert code == 2
    assert "no such configuration file" in output


def test_missing_guides_folder_cannot_run(make_project: ProjectFactory) -> None:
    """A guides_dir that does not exist: exit 2 with the path, no traceback, no site."""
    project = make_project([])
    shutil.rmtree(project / "guides")
    code, output = build(project)
    assert code == 2
    assert f"cannot build: {project / 'guides'}: no such directory" in output
    assert not (project / "site").exists()


def test_a_stale_guide_is_published_with_a_notice(make_project: ProjectFactory) -> None:
    """A guide not reviewed for over a year is a warning: shown, never blocking the build,
    and its page tells the citizen to confirm before making a trip."""
    stale = load_sample_guide()
    stale.update(reviewed="2020-01-02", updated="2020-01-01", related=[])
    fresh = load_sample_guide("passport-application")
    fresh.pop("related", None)
    project = make_project([stale, fresh])
    code, output = build(project)
    assert code == 0, output
    assert re.search(r"teacher-qualification\.yaml:\d+:\d+: warning: reviewed", output)
    stale_page = project / "site" / "services" / "teacher-qualification" / "index.html"
    fresh_page = project / "site" / "services" / "passport-application" / "index.html"
    assert "本指南已超过复核期限未重新核对" in stale_page.read_text("utf-8")
    assert '<time datetime="2020-01-02">' in stale_page.read_text("utf-8")
    assert "sg-notice" not in fresh_page.read_text("utf-8")


def test_strict_build_fails_on_a_warning_and_keeps_the_old_site(
    make_project: ProjectFactory,
) -> None:
    """`guides build --strict`, as `guides validate --strict`, fails on a guide's warning."""
    guide = load_sample_guide()
    guide.update(related=[])
    project = make_project([guide])
    assert build(project)[0] == 0
    before = tree_digest(project / "site")
    guide.update(reviewed="2020-01-02", updated="2020-01-01")
    (project / "guides" / "services" / "teacher-qualification.yaml").write_text(
        yaml.safe_dump(guide, allow_unicode=True), "utf-8"
    )
    code, output = run_guides("build", "-f", str(project / "mkdocs.yml"), "--strict")
    assert code == 1
    assert "warnings, and --strict was given" in output
    assert "was left as it was" in output
    assert tree_digest(project / "site") == before


def test_mkdocs_warnings_still_fail_the_build(make_project: ProjectFactory, tmp_path: Path) -> None:
    """A broken link in a hand-written page is MkDocs' own warning: it fails the build."""
    project = make_project([])
    pages = tmp_path / "pages"
    shutil.copytree(REPO / "pages", pages)
    (pages / "accessibility.md").write_text("# 无障碍声明\n\n见[旧页面](missing.md)。\n", "utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    config["docs_dir"] = str(pages)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    code, output = build(project)
    assert code == 1
    assert "missing.md" in output
    assert not (project / "site").exists()


def test_two_builds_are_byte_identical(make_project: ProjectFactory, tmp_path: Path) -> None:
    """The same input gives the same bytes: no build time, no unordered output."""
    project = make_project()
    assert build(project, tmp_path / "one")[0] == 0
    assert build(project, tmp_path / "two")[0] == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_failed_validation_leaves_the_old_site(make_project: ProjectFactory) -> None:
    """A guide with an error stops the build, prints the problem, keeps the old site."""
    project = make_project()
    site = project / "site"
    assert build(project)[0] == 0
    before = tree_digest(site)
    guide_file = project / "guides" / "services" / "teacher-qualification.yaml"
    data = yaml.safe_load(guide_file.read_text("utf-8"))
    del data["summary"]
    guide_file.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    code, output = build(project)
    assert code == 1
    assert "teacher-qualification.yaml" in output and "summary" in output
    assert "was left as it was" in output
    assert "Traceback" not in output
    assert tree_digest(site) == before
    assert sorted(p.name for p in project.iterdir()) == ["guides", "mkdocs.yml", "site"]


def test_the_build_reports_what_it_indexed(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With search on, guides build says how many guides went into the index, and the
    records Pagefind read are gone afterwards, never having been part of the site."""
    from generator.search import index as search

    guides = [load_sample_guide(), load_sample_guide("passport-application")]
    for guide in guides:
        guide.pop("related", None)
    project = make_project(guides, search=True)
    records: list[Path] = []
    real_index_site = search.index_site

    def watched_index_site(
        site_dir: Path,
        source_dir: Path | None = None,
        chars: set[str] | None = None,
        named: set[int] | None = None,
        names: Counter[str] | None = None,
        held: set[str] | None = None,
    ) -> Any:
        assert source_dir is not None
        records.append(source_dir)
        assert sorted(p.relative_to(source_dir).as_posix() for p in source_dir.rglob("*.html")) == [
            "services/passport-application/index.html",
            "services/teacher-qualification/index.html",
        ]
        return real_index_site(site_dir, source_dir, chars, named, names, held)

    monkeypatch.setattr(search, "index_site", watched_index_site)
    code, output = build(project)
    assert code == 0, output
    assert re.search(r"Indexed 2 guides for search in [\d.]+ s", output), output
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
    assert records and not records[0].exists()
    # Inside the build's one work folder, never in the system's temporary folder.
    assert records[0].parent.parent.name.startswith(".site.build-")
    assert sorted(p.name for p in project.iterdir()) == ["guides", "mkdocs.yml", "site"]


def test_a_project_without_guides_builds_without_an_index(make_project: ProjectFactory) -> None:
    """An office with no guides yet gets its site; Pagefind has nothing to index."""
    project = make_project([], search=True)
    code, output = build(project)
    assert code == 0, output
    assert "Traceback" not in output
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site" / "pagefind").exists()


def test_failure_after_rendering_leaves_the_old_site(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a failure in the very last step (the search index) keeps the old site.

    The search records written for the index are removed too.
    """
    from generator.search import index as search

    project = make_project(search=True)
    site = project / "site"
    site.mkdir()
    (site / "old.html").write_text("the old site", "utf-8")
    site_target.mark_site(site, "0.1.0")
    before = tree_digest(site)
    records: list[Path] = []

    def broken_index(
        site_dir: Path,
        source_dir: Path | None = None,
        chars: set[str] | None = None,
        named: set[int] | None = None,
        names: Counter[str] | None = None,
        held: set[str] | None = None,
    ) -> Any:
        assert (site_dir / "index.html").is_file()  # the new site was fully written
        assert source_dir is not None and any(source_dir.rglob("index.html"))
        records.append(source_dir)
        raise search.SearchIndexError("pagefind failed")

    monkeypatch.setattr(search, "index_site", broken_index)
    code, output = build(project)
    assert code == 1
    assert "pagefind failed" in output
    assert tree_digest(site) == before
    assert sorted(p.name for p in project.iterdir()) == ["guides", "mkdocs.yml", "site"]
    assert records and not records[0].exists()


def test_a_minimal_guide_builds_a_complete_page(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    """Only the required fields, no materials, a fee table: the page still reads in order."""
    guide = load_sample_guide()
    for optional in ("task_code", "catalog_code", "aliases", "joint_departments", "life_events",
                     "visit_reason", "result", "legal_basis", "faq", "related"):  # fmt: skip
        guide.pop(optional, None)
    guide["materials"] = []
    guide["channels"] = [guide["channels"][0]]
    guide["fees"] = {"free": False, "items": [{"name": "工本费", "amount": 20, "reducible": True}]}
    code, output = build(make_project([guide]), tmp_path / "site")
    assert code == 0, output
    page = tmp_path / "site" / "services" / "teacher-qualification" / "index.html"
    html = page.read_text("utf-8")
    assert "不需要提交材料。" in html
    assert "<caption>收费标准</caption>" in html and '<td data-label="金额（元）">20</td>' in html
    assert "常见问题" not in html and "设定依据" not in html
    levels = scan_file(page).headings
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


# --- hostile text ------------------------------------------------------------------

#: Markup and handlers an editor might paste; validation lets text through, so the page
#: itself must stay inert. (`javascript:` in text is refused by validation: see below.)
PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror="alert(1)"> '
    "</script><!-- \"'><svg onload=alert(1)> <a href=x onclick=alert(1)>x</a>"
)
TEXT_KEYS = {
    "title", "summary", "eligibility", "name", "notes", "description", "note", "path",
    "question", "answer", "law", "article", "hours", "owner", "visit_reason", "validity",
}  # fmt: skip
URL_KEYS = {"url", "blank_form", "sample"}


def _poison(node: Any, keys: set[str], value: str) -> Any:
    """Replace every text (or link) field of a guide with the hostile value."""
    if isinstance(node, list):
        return [_poison(item, keys, value) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, child in node.items():
        if key in keys and isinstance(child, str):
            out[key] = value
        elif key in keys and isinstance(child, dict) and "zh-CN" in child:
            out[key] = {lang: value for lang in child}
        else:
            out[key] = _poison(child, keys, value)
    return out


def _assert_no_executable_content(page: Path) -> None:
    scan = scan_file(page)
    for attrs, text in scan.scripts:
        if attrs.get("type") == "application/ld+json":
            json.loads(text)  # data, and still valid JSON
            assert "<" not in text
        else:
            assert "alert" not in text, text
    for tag, name, value in scan.attributes:
        assert not name.startswith("on"), (tag, name, value)
        if name in ("href", "src", "action", "formaction"):
            assert is_safe_link(value) or value.startswith("https://"), (tag, name, value)
    assert "svg" not in scan.tags and "iframe" not in scan.tags
    assert ("img", "src", "x") not in scan.attributes


def test_hostile_text_fields_are_refused_before_any_page(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    """Scripts and handlers in any text field stop the build at validation, each field named.

    Raw HTML in a text is an error since it would show as literal tags; that the Markdown
    renderer keeps such text inert all the same is pinned in tests/test_markdown.py.
    """
    guide = _poison(load_sample_guide(), TEXT_KEYS, PAYLOAD)
    guide["aliases"] = [PAYLOAD]
    guide["related"] = []
    project = make_project([guide])
    code, output = build(project, tmp_path / "site")
    assert code == 1
    assert "Traceback" not in output
    assert re.search(
        r"teacher-qualification\.yaml:\d+:\d+: error: aliases\[0\]: the text "
        r"contains the HTML `<script>`",
        output,
    ), output
    assert re.search(r"error: summary\.zh-CN: the text contains the HTML `<script>`", output)
    assert not (tmp_path / "site").exists()


def test_javascript_links_in_text_are_refused(make_project: ProjectFactory) -> None:
    """A `javascript:` link written into a Markdown field is refused with the field named."""
    guide = load_sample_guide()
    guide["eligibility"] = "[点这里](javascript:alert(1))"
    guide["related"] = []
    code, output = build(make_project([guide]))
    assert code == 1
    assert re.search(r"teacher-qualification\.yaml:\d+:\d+: error: eligibility: ", output), output
    assert "Traceback" not in output


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<script>x</script>"])
def test_hostile_link_fields_are_refused(make_project: ProjectFactory, link: str) -> None:
    """A javascript: or data: URL in a link field stops the build with the field named."""
    guide = _poison(load_sample_guide(), URL_KEYS, link)
    guide["related"] = []
    project = make_project([guide])
    code, output = build(project)
    assert code == 1
    assert "Traceback" not in output
    assert re.search(r"teacher-qualification\.yaml:\d+:\d+: error: channels\[0\]\.url", output)
    assert not (project / "site").exists()


def test_serve_watches_config_pages_theme_guides_and_schema(make_project: ProjectFactory) -> None:
    """The preview rebuilds on a change of mkdocs.yml, the pages, the theme, and what the
    plugin watches under MkDocs' server (the guides and the package's schemas)."""
    from mkdocs.config import load_config

    from generator.commands.serve import watched_paths
    from generator.common import resources

    project = make_project([])
    config = load_config(str(project / "mkdocs.yml"))
    watched = watched_paths(config, project / "mkdocs.yml")
    assert project / "mkdocs.yml" in watched
    assert Path(config.docs_dir) in watched
    assert resources.theme_dir() in watched
    assert project / "guides" in watched
    assert resources.schema_dir() in watched


def test_plugin_watches_guides_and_schema(make_project: ProjectFactory) -> None:
    """Under serve, a change in the project's guides/ or in the package's schemas (the
    top-level schema/ of a source checkout) triggers a rebuild."""
    from mkdocs.config import load_config

    from generator.common import resources

    project = make_project([])
    config = load_config(str(project / "mkdocs.yml"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["guides"].on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    assert watched == [str(project / "guides"), str(resources.schema_dir())]


def test_sign_language_is_told_as_the_schema_codes_it(built_site: Path) -> None:
    """`none` reads 不提供 on the office page and is not offered on a guide page."""
    offices = built_site / "offices"
    station = (offices / "binjiang-street-station" / "index.html").read_text("utf-8")
    assert "<li>手语服务：不提供</li>" in station
    centre = (offices / "citizen-centre" / "index.html").read_text("utf-8")
    assert "<li>手语服务：提供</li>" in centre
    hall = (offices / "hexi-district-centre" / "index.html").read_text("utf-8")
    assert "<li>手语服务：可预约</li>" in hall
    guide = (built_site / "services" / "old-age-allowance" / "index.html").read_text("utf-8")
    card = guide[guide.index('id="office-binjiang-street-station"') :]
    access = card[card.index("<p>无障碍：") : card.index("</p>", card.index("<p>无障碍："))]
    assert access.startswith("<p>无障碍：无台阶通行、绿色通道窗口、轮椅借用。")
    assert "手语" not in access.split("。")[0]
