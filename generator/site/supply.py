"""What the `guides` plugin adds to an office's short mkdocs.yml.

An office writes the site's name, address and the plugin with its options; the plugin
supplies the rest the way mkdocs-material's users expect of a theme: mkdocs-material
with our theme on top (the office's `custom_dir` still overrides any template), the
Markdown extensions our pages use, the browsing navigation, and the standard pages.
Anything the office does set is kept, except what would break a promise of the site:
fonts are never fetched from another host, and Material's own CSS, JavaScript and logo
are never shipped (our theme loads none of them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.theme import Theme

from generator.common import resources

DEFAULT_NAV: list[dict[str, str]] = [
    {"首页": "index.md"},
    {"按主题": "topics/index.md"},
    {"人生事件": "life-events/index.md"},
    {"按部门": "departments/index.md"},
    {"办事大厅": "offices/index.md"},
    {"A–Z 索引": "a-z/index.md"},
    {"无障碍声明": "accessibility.md"},
]
"""Small on purpose: guide pages are never in the navigation (a nav of N pages makes a
build O(N²)); people reach them through these listing pages, search and breadcrumbs."""

MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "attr_list": {},
    "tables": {},
    "toc": {"permalink": False},
}
"""What the hand-written pages (the accessibility statement) are written with."""

STANDARD_PAGES = {"search.md": InclusionLevel.NOT_IN_NAV, "accessibility.md": None}
"""Pages every site has unless the office writes its own: the search page is reached
from the header's search form, never from the navigation."""

_THEME_KEYS_OF_MKDOCS = {"name", "custom_dir", "static_templates", "locale"}


def supply_theme(config: MkDocsConfig) -> None:
    """Make the theme mkdocs-material + our theme, under the office's custom_dir if any."""
    given = config.theme
    if given.name not in ("material", "mkdocs"):
        raise PluginError(
            f"theme '{given.name}' cannot be used: the guides plugin supplies its own theme on "
            "top of mkdocs-material. Remove `name:` under `theme:` (keep `custom_dir:` to "
            "override templates)."
        )
    options: dict[str, Any] = {"language": "zh", "features": [], "palette": []}
    if given.name == "material":
        options.update({key: given[key] for key in given if key not in _THEME_KEYS_OF_MKDOCS})
    theme = Theme("material", custom_dir=given.custom_dir, **options)
    # Decision 5: nothing is fetched from another host (Material's default font is
    # loaded from Google Fonts), and Material's logo is not the office's favicon.
    theme["font"] = False
    if theme["favicon"] == "assets/images/favicon.png":
        theme["favicon"] = None
    ours = str(resources.theme_dir())
    theme.dirs.insert(1 if given.custom_dir else 0, ours)
    config.theme = theme


def supply_markdown(config: MkDocsConfig) -> None:
    """Add the Markdown extensions our pages use, keeping the office's own settings."""
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs.setdefault(name, dict(options))


def supply_nav(config: MkDocsConfig) -> None:
    """Give the site the browsing navigation unless the office wrote a `nav:`."""
    if config.nav is None:
        config.nav = [dict(item) for item in DEFAULT_NAV]


def add_standard_pages(files: Files, config: MkDocsConfig) -> None:
    """Add the standard pages the office has not written itself."""
    folder = resources.standard_pages_dir()
    for name, inclusion in STANDARD_PAGES.items():
        if files.get_file_from_path(name) is not None:
            continue
        file = File.generated(
            config,
            name,
            abs_src_path=str(folder / name),
            inclusion=inclusion or InclusionLevel.UNDEFINED,
        )
        file.edit_uri = None  # not in the office's repository
        files.append(file)


INLINED_THEME_FILES = frozenset(
    {"components/toolbar/apply-settings.js", "components/toolbar/settings.json"}
)
"""Our theme's files that main.html writes into every page (`{% include %}`): the toolbar's
settings and the script applying them before the first paint. No page loads them by URL,
so they are not shipped (tests/test_site_assets.py)."""


def drop_unused_theme_files(files: Files, config: MkDocsConfig) -> None:
    """Ship none of mkdocs-material's static files, nor our theme's inlined ones: no page
    loads them.

    Material's JavaScript bundle, lunr search, workers, stylesheets, source maps and logo
    are about 2.5 MB that our templates never reference (docs/theme.md says why). An
    office's custom_dir file of the same name as an inlined one is the office's, and kept.
    """
    material = _material_dir(config)
    ours = resources.theme_dir().resolve()
    for file in list(files.static_pages()) + list(files.media_files()):
        source = Path(file.abs_src_path).resolve() if file.abs_src_path else None
        if source is None:
            continue
        if material is not None and source.is_relative_to(material):
            files.remove(file)
        elif file.src_uri in INLINED_THEME_FILES and source.is_relative_to(ours):
            files.remove(file)


def _material_dir(config: MkDocsConfig) -> Path | None:
    from mkdocs.utils import get_theme_dir

    try:
        return Path(get_theme_dir("material")).resolve()
    except KeyError:
        return None
