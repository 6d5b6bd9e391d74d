"""The parts of the suite that need no browser: page discovery, modes, exceptions,
axe result mapping and the reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.a11y.axe import _criterion
from generator.a11y.checks import Failure, PageSession
from generator.a11y.discover import crawl, discover_pages, from_sitemap, kind_of, page_kinds
from generator.a11y.exceptions import ExceptionsError, load_exceptions
from generator.a11y.modes import MAIN_MODES, MODES, select_modes
from generator.a11y.report import write_html, write_json
from generator.a11y.runner import PAGE_CHECKS, Result, _per_kind_in_every_mode, _toolbar_due

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "a11y"


def page(root: Path, rel: str, links: list[str] = ()) -> None:  # type: ignore[assignment]
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'<a href="{href}">x</a>' for href in links)
    path.write_text(f"<!doctype html><title>t</title>{body}", encoding="utf-8")


def test_sitemap_paths_are_made_local_to_the_site(tmp_path: Path) -> None:
    page(tmp_path, "index.html")
    page(tmp_path, "guides/a/index.html")
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://x.example/sub/</loc></url>"
        "<url><loc>https://x.example/sub/guides/a/</loc></url>"
        "<url><loc>https://x.example/sub/gone/</loc></url></urlset>",
        encoding="utf-8",
    )
    assert from_sitemap(tmp_path) == ["/", "/guides/a/"]


def test_broken_sitemap_falls_back_to_crawling(tmp_path: Path) -> None:
    page(tmp_path, "index.html", ["a/", "b.html#part", "https://elsewhere.example/", "a/"])
    page(tmp_path, "a/index.html", ["../c/index.html", "mailto:x@example.com"])
    page(tmp_path, "b.html")
    page(tmp_path, "c/index.html")
    page(tmp_path, "orphan/index.html")
    (tmp_path / "sitemap.xml").write_text("<urlset", encoding="utf-8")
    assert from_sitemap(tmp_path) is None
    assert crawl(tmp_path) == ["/", "/a/", "/b.html", "/c/"]
    assert discover_pages(tmp_path) == ["/", "/a/", "/b.html", "/c/"]


def test_pages_only_linked_are_added_to_the_sitemap_ones(tmp_path: Path) -> None:
    page(tmp_path, "index.html", ["x/"])
    page(tmp_path, "x/index.html")
    page(tmp_path, "404.html")
    (tmp_path / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://s.example/</loc></url></urlset>",
        encoding="utf-8",
    )
    assert discover_pages(tmp_path) == ["/", "/x/", "/404.html"]


def test_broken_fixture_site_has_two_pages() -> None:
    assert discover_pages(FIXTURES / "broken-site") == ["/", "/services/teacher/"]


def test_modes_are_the_five_main_ones_then_the_combinations() -> None:
    assert MAIN_MODES == ["default", "high-contrast", "text-200", "elder", "narrow-320"]
    assert list(MODES)[5:] == [
        "elder-text-200-320",
        "elder-text-200",
        "elder-dark-320",
        "elder-dark",
        "high-contrast-text-200-320",
        "high-contrast-text-200",
        "forced-colors",
    ]
    combined = MODES["elder-text-200-320"]
    assert (combined.width, combined.min_target, combined.main) == (320, 44, False)
    assert combined.expected_root_attributes()["data-sg-elder"] == "on"
    assert combined.expected_root_attributes()["data-sg-text"] == "200"
    assert MODES["forced-colors"].forced_colors and not MODES["default"].forced_colors
    assert MODES["high-contrast-text-200"].settings["scheme"] == "high-contrast"
    assert [m.name for m in select_modes(["narrow-320", "default"])] == ["default", "narrow-320"]
    assert MODES["narrow-320"].width == 320
    assert MODES["elder"].min_target == 44
    assert MODES["text-200"].settings["text"] == 200
    assert MODES["high-contrast"].expected_root_attributes()["data-sg-scheme"] == "high-contrast"
    with pytest.raises(ValueError, match=r"unknown mode dark.*default, high-contrast"):
        select_modes(["dark"])


def test_axe_tags_map_to_success_criteria() -> None:
    assert _criterion(["cat.color", "wcag2aa", "wcag143"]) == "1.4.3"
    assert _criterion(["wcag22aa", "wcag258"]) == "2.5.8"
    assert _criterion(["wcag2a", "wcag1410"]) == "1.4.10"
    assert _criterion(["best-practice"]) == "best practice"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a11y-exceptions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_exceptions_load_with_selector_and_reason(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "exceptions:\n"
        "  - rule: axe:color-contrast\n"
        "    selector: .sg-map__label\n"
        "    reason: Text over the map photo; the table below repeats it.\n"
        "    modes: [default]\n",
    )
    (ex,) = load_exceptions(path)
    assert ex.rule == "color-contrast"
    assert ex.applies("color-contrast", "/offices/", "default")
    assert not ex.applies("color-contrast", "/offices/", "elder")
    assert not ex.applies("target-size", "/offices/", "default")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "exceptions:\n  - rule: region\n    selector: '*'\n    reason: too much text here ok\n",
            "everywhere",
        ),
        (
            "exceptions:\n  - rule: region\n    selector: body\n"
            "    reason: too much text here ok\n",
            "everywhere",
        ),
        ("exceptions:\n  - rule: region\n    selector: .x\n", "'reason' is required"),
        ("exceptions:\n  - rule: region\n    selector: .x\n    reason: why\n", "must say why"),
        ("exceptions:\n  - selector: .x\n    reason: a long enough reason\n", "'rule' is required"),
        (
            "exceptions:\n  - rule: r\n    selector: .x\n    reason: a long enough reason\n"
            "    everywhere: true\n",
            "unknown keys everywhere",
        ),
        ("exceptions: [oops\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
    ],
)
def test_bad_exceptions_are_refused_with_a_reason(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ExceptionsError, match=message):
        load_exceptions(write(tmp_path, text))


def test_no_exceptions_file_means_no_exceptions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SG_A11Y_EXCEPTIONS", raising=False)
    assert load_exceptions() == []


def test_reports_have_one_row_per_page_and_mode(tmp_path: Path) -> None:
    bad = Failure(
        "axe:image-alt",
        "1.1.1",
        "main > img",
        "Images must have <alt> text",
        "https://dequeuniversity.com/rules/axe/4.14/image-alt",
        "critical",
    )
    results = [
        Result("/", "default", "http://127.0.0.1:1/", [bad]),
        Result("/", "narrow-320", "http://127.0.0.1:1/"),
    ]
    write_json(tmp_path / "r.json", "site", results, 3.0)
    write_html(tmp_path / "r.html", "site", results, 3.0)
    data = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert data["summary"]["page_modes"] == 2
    assert data["summary"]["failures"] == 1
    assert data["results"][0]["failures"][0]["selector"] == "main > img"
    html = (tmp_path / "r.html").read_text("utf-8")
    assert html.count("<tr><td>") == 2
    assert "&lt;alt&gt;" in html and "main &gt; img" in html
    assert 'href="https://dequeuniversity.com/rules/axe/4.14/image-alt"' in html


def test_one_page_of_each_kind_the_largest_and_search_with_a_query(tmp_path: Path) -> None:
    paths = []

    def page(path: str, body: str) -> None:
        file = tmp_path / path.lstrip("/")
        file = file / "index.html" if path.endswith("/") else file
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"<html><body><main>{body}</main></body></html>", "utf-8")
        paths.append(path)

    page("/", "<h1>首页</h1>")
    page("/services/a/", "<h1>短</h1>")
    page("/services/teacher/", '<h1 class="t">教师资格认定 Teacher</h1>' + "<p>材料</p>" * 50)
    page("/offices/hall/", "<h1>大厅</h1>")
    page("/topics/edu/", "<h1>教育</h1>")
    page("/topics/", "<h1>主题</h1>")
    page("/search/", "<h1>搜索</h1>")
    page("/a-z/", "<h1>A–Z</h1>")
    page("/about/", "<h1>关于</h1>")
    page("/service-capability/", "<h1>服务能力</h1>")
    page("/404.html", "<h1>找不到</h1>")
    kinds = page_kinds(tmp_path, paths)
    assert kinds == {
        "home": "/",
        "listing": "/topics/edu/",
        "guide": "/services/teacher/",
        "office": "/offices/hall/",
        "search": "/search/?q=%E6%95%99%E5%B8%88%E8%B5%84%E6%A0%BC",
        "a-z": "/a-z/",
        "service-capability": "/service-capability/",
        "404": "/404.html",
        "page": "/about/",
    }
    assert kind_of("/about/") == "page" and kind_of("/accessibility/") == "page"
    assert kind_of("/topics/") is None and kind_of("/offices/") is None


def test_the_toolbar_is_pressed_through_on_one_page_of_each_kind() -> None:
    """The toolbar is the header's, the same on every page: pressed through on the page of
    each kind in the default mode and in elder mode with 200 % text at 320 px, on the home
    page in every mode; the pages `--page` chooses count as of their kind (runner.Worker)."""

    def due(path: str, mode: str, of_kind: bool = False) -> bool:
        return _toolbar_due(PageSession(None, "http://127.0.0.1:1", path, MODES[mode], of_kind))

    assert due("/services/passport/", "default", of_kind=True)
    assert not due("/services/id-card/", "default")
    assert due("/", "default") and due("/", "high-contrast") and due("/", "narrow-320")
    assert due("/offices/hall/", "elder-text-200-320", of_kind=True)
    assert not due("/offices/hall/", "elder", of_kind=True)


def test_typing_into_the_search_field_is_checked_on_one_page_of_each_kind() -> None:
    """The header's search field: typed into on the page of each kind and the home page in
    every mode (each mode restyles it), on every page `--page` chooses."""

    def due(path: str, mode: str, of_kind: bool = False) -> bool:
        page = PageSession(None, "http://127.0.0.1:1", path, MODES[mode], of_kind)
        return _per_kind_in_every_mode(page)

    assert due("/services/passport/", "elder", of_kind=True)
    assert due("/search/?q=x", "narrow-320", of_kind=True)
    assert not due("/services/id-card/", "default")
    assert not due("/offices/hall/", "high-contrast")
    assert due("/", "text-200") and due("/", "elder-dark-320")


def test_letters_are_pressed_on_one_page_of_each_kind_in_every_mode() -> None:
    """`shortcuts` (2.1.4) presses letters where the kind's scripts run, as `search` types:
    the page of each kind and the home page in every mode; the rest of the checks on
    every page."""
    due = {name: when for name, _check, when in PAGE_CHECKS}
    assert due["shortcuts"] is _per_kind_in_every_mode
    assert due["search"] is _per_kind_in_every_mode
    every_page = {"network", "mode", "static", "focus", "text-spacing"}
    guide = PageSession(None, "http://127.0.0.1:1", "/services/id-card/", MODES["elder"])
    assert {name for name, _check, when in PAGE_CHECKS if when(guide)} == every_page
    kind = PageSession(None, "http://127.0.0.1:1", "/services/passport/", MODES["elder"], True)
    assert {name for name, _check, when in PAGE_CHECKS if when(kind)} == every_page | {
        "shortcuts",
        "search",
    }
