"""An office's short mkdocs.yml: the plugin supplies theme, nav and standard pages (issue 11)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support import REPO, load_sample_guide, run_guides

pytestmark = pytest.mark.slow


def office(tmp_path: Path, extra: dict[str, object] | None = None) -> Path:
    """An office repository with one guide, a pages folder and nothing of the theme."""
    root = tmp_path / "office"
    shutil.copytree(REPO / "guides" / "reference", root / "guides" / "reference")
    guide = load_sample_guide()
    guide.pop("related", None)
    (root / "guides" / "services").mkdir(parents=True)
    (root / "guides" / "services" / "teacher-qualification.yaml").write_text(
        yaml.safe_dump(guide, allow_unicode=True), "utf-8"
    )
    (root / "pages").mkdir()
    (root / "pages" / "about.md").write_text("# 关于本站\n\n示例。\n", "utf-8")
    config: dict[str, object] = {
        "site_name": "示例市办事指南",
        "site_url": "https://guides.example.gov.cn/",
        "docs_dir": "pages",
        "plugins": [{"guides": {"search": False}}],
        **(extra or {}),
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return root


def build(root: Path) -> Path:
    code, output = run_guides("build", "-f", str(root / "mkdocs.yml"))
    assert code == 0, output
    return root / "site"


def test_a_few_lines_of_configuration_build_the_whole_site(tmp_path: Path) -> None:
    """No theme, nav or standard pages in the office's repository: all come from the plugin."""
    site = build(office(tmp_path))
    guide = (site / "services" / "teacher-qualification" / "index.html").read_text("utf-8")
    assert 'class="sg-guide"' in guide  # our theme rendered it
    assert 'href="../../assets/stylesheets/base.css"' in guide
    assert (site / "assets" / "stylesheets" / "base.css").is_file()
    home = (site / "index.html").read_text("utf-8")
    for label in ("按主题", "人生事件", "按部门", "办事大厅", "A–Z 索引", "无障碍声明"):
        assert label in home
    assert (site / "search" / "index.html").is_file()
    statement = (site / "accessibility" / "index.html").read_text("utf-8")
    assert "无障碍声明" in statement and "临江" not in statement
    assert (site / "about" / "index.html").is_file()


def test_nothing_of_material_is_shipped_that_no_page_loads(tmp_path: Path) -> None:
    """No bundle, lunr, workers, source maps, Material stylesheets or Material logo."""
    site = build(office(tmp_path))
    shipped = sorted(p.relative_to(site).as_posix() for p in (site / "assets").rglob("*"))
    assert not [p for p in shipped if "bundle" in p or "lunr" in p or "workers" in p]
    assert not [p for p in shipped if p.endswith(".map") or p.startswith("assets/images")]
    assert not [p for p in shipped if p.startswith("stylesheets/main.") or "palette" in p]
    for page in site.rglob("*.html"):
        assert "favicon.png" not in page.read_text("utf-8"), page


def test_fonts_are_never_fetched_even_when_the_office_asks(tmp_path: Path) -> None:
    """Decision 5: `font:` in the office's theme is ignored; nothing comes from another host."""
    site = build(office(tmp_path, {"theme": {"name": "material", "font": {"text": "Roboto"}}}))
    home = (site / "index.html").read_text("utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_the_office_overrides_a_template_with_custom_dir(tmp_path: Path) -> None:
    """As with mkdocs-material: a file in custom_dir wins over ours."""
    root = office(tmp_path, {"theme": {"name": "material", "custom_dir": "overrides"}})
    footer = (REPO / "theme" / "partials" / "footer.html").read_text("utf-8")
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "footer.html").write_text(
        footer.replace("</footer>", "<p>示例市政务服务数据管理局 主办</p></footer>"), "utf-8"
    )
    site = build(root)
    assert "示例市政务服务数据管理局 主办" in (site / "index.html").read_text("utf-8")
    assert 'class="sg-guide"' in (
        site / "services" / "teacher-qualification" / "index.html"
    ).read_text("utf-8")


def test_an_office_statement_replaces_the_standard_one(tmp_path: Path) -> None:
    root = office(tmp_path)
    (root / "pages" / "accessibility.md").write_text(
        "# 无障碍声明\n\n请拨打 0000-1234567 反馈。\n", "utf-8"
    )
    site = build(root)
    assert "0000-1234567" in (site / "accessibility" / "index.html").read_text("utf-8")


def test_another_theme_is_a_clear_message(tmp_path: Path) -> None:
    root = office(tmp_path, {"theme": {"name": "readthedocs"}})
    code, output = run_guides("build", "-f", str(root / "mkdocs.yml"))
    assert code == 1
    assert "theme 'readthedocs' cannot be used" in output
    assert "Traceback" not in output
