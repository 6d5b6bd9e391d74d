"""The site ships no file that no page uses (issue 15).

Every stylesheet, script, font, image, WebAssembly or JSON file of the built sample site
must be referenced by an HTML page, a stylesheet or a script:

- HTML: any attribute whose value, resolved against the page's URL, names the file
  (href, src, srcset, and data attributes such as the search form's data-sg-pagefind);
  url() in style attributes and <style>;
- CSS: url() and @import, resolved against the stylesheet;
- JavaScript: a relative import or URL ("./x.js", "../x.css") resolved against the script,
  or the file's name ending a string ("sg-lexicon.pf_lexicon", `${base}x.js`): scripts
  build URLs at run time, so the name in a string is what can be checked.

Used means reached from an HTML page through these references: a stylesheet or script
that nothing reaches does not make the files it names used.

Pagefind's index is the one exception, and only its data files: pagefind.js fetches them
by names it composes at run time (pagefind-entry.json, then pagefind.<lang>_<hash>.pf_meta,
wasm.<lang>.pagefind, index/*.pf_index, fragment/*.pf_fragment, filter/*.pf_filter). They
count as used when pagefind.js itself is used and carries the piece of the name it
fetches them by. Pagefind's own user interfaces (pagefind-ui.js, the modular and component
UIs, pagefind-highlight.js) are not data and get no exception.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

ASSET_SUFFIXES = {
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".wasm",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".eot",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
    ".webp",
    ".avif",
    ".ico",
    ".pagefind",
    ".pf_meta",
    ".pf_index",
    ".pf_fragment",
    ".pf_filter",
    ".pf_lexicon",
}
"""What counts as a shipped asset: everything a page, stylesheet or script could load."""

PAGEFIND_DATA = [
    # (pattern of a path inside pagefind/, the text pagefind.js builds its URL from)
    (re.compile(r"pagefind-entry\.json"), "pagefind-entry.json"),
    (re.compile(r"pagefind\.[\w-]+_[0-9a-f]+\.pf_meta"), "pf_meta"),
    (re.compile(r"wasm\.[\w-]+\.pagefind"), ".pagefind"),
    (re.compile(r"index/[\w-]+\.pf_index"), "pf_index"),
    (re.compile(r"fragment/[\w-]+\.pf_fragment"), "pf_fragment"),
    (re.compile(r"filter/[\w-]+\.pf_filter"), "pf_filter"),
]
"""Pagefind's index data, fetched by pagefind.js under names it composes."""

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_JS_RELATIVE = re.compile(r"""(['"`])(\.\.?/[^'"`\s]+)\1""")


class _Attributes(HTMLParser):
    """Collect every attribute value of a page and the text of its <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name == "srcset":
                self.values.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name == "style":
                self.styles.append(value)
            else:
                self.values.append(value)
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def _resolve(reference: str, from_file: str) -> str | None:
    """Return the site path a reference names, relative to the file it is in, or None."""
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = "" if path.startswith("/") else posixpath.dirname(from_file)
    resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if resolved.startswith(".."):
        return None
    return resolved


def _css_references(text: str, from_file: str) -> set[str]:
    found = set()
    for match in _CSS_URL.finditer(text):
        target = _resolve(match.group(2) or match.group(4), from_file)
        if target:
            found.add(target)
    return found


def unused_assets(site: Path) -> list[str]:
    """Return the site paths of shipped assets that no page, stylesheet or script uses.

    Used means reachable from an HTML page: a stylesheet or script nothing reaches does
    not make the files it names used.
    """
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assets = {f for f in files if Path(f).suffix.lower() in ASSET_SUFFIXES}
    pages = {f for f in files if f.endswith(".html")}
    reached: set[str] = set(pages)
    todo = sorted(pages)
    while todo:
        name = todo.pop()
        for target in _references(site, name, assets) & (files - reached):
            reached.add(target)
            todo.append(target)
    return sorted(assets - reached)


def _references(site: Path, name: str, assets: set[str]) -> set[str]:
    """Return the site paths one HTML page, stylesheet or script refers to."""
    suffix = Path(name).suffix.lower()
    if suffix not in (".html", ".css", ".js", ".mjs"):
        return set()
    text = (site / name).read_text("utf-8", errors="replace")
    found: set[str] = set()
    if suffix == ".html":
        scan = _Attributes()
        scan.feed(text)
        for value in scan.values:
            target = _resolve(value, name)
            if target:
                found |= {target, posixpath.join(target, "index.html")}
        for style in scan.styles:
            found |= _css_references(style, name)
    elif suffix == ".css":
        found |= _css_references(text, name)
    else:
        for match in _JS_RELATIVE.finditer(text):
            target = _resolve(match.group(2), name)
            if target:
                found.add(target)
        found |= {asset for asset in assets if _named_in_string(posixpath.basename(asset), text)}
        if posixpath.basename(name) == "pagefind.js":
            found |= _pagefind_data(name, text, assets)
    return found


def _named_in_string(basename: str, code: str) -> bool:
    """True when a script has the file's name at the end of a string: `"x.js"`, `"./x.js"`,
    `${base}x.js` in a template, `"x.json?v=2"`. A name in a comment does not count."""
    pattern = rf"""(?:['"`/}}]){re.escape(basename)}(?:['"`?#])"""
    return re.search(pattern, code) is not None


def _pagefind_data(script: str, code: str, assets: set[str]) -> set[str]:
    """Return the index files of Pagefind beside pagefind.js that it fetches by their name."""
    folder = posixpath.dirname(script)
    found = set()
    for asset in assets:
        inside = posixpath.relpath(asset, folder) if folder else asset
        if inside.startswith(".."):
            continue
        if any(pattern.fullmatch(inside) and marker in code for pattern, marker in PAGEFIND_DATA):
            found.add(asset)
    return found


def test_the_built_site_ships_no_unused_file(built_site: Path) -> None:
    # The walk has something to judge: the theme's files and a search index are there.
    shipped = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.*")}
    assert {"assets/stylesheets/base.css", "pagefind/pagefind.js"} <= shipped
    assert any(name.endswith(".pf_fragment") for name in shipped)
    unused = unused_assets(built_site)
    assert not unused, f"files no page, stylesheet or script uses: {unused}"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


def test_unused_assets_names_a_file_nothing_references(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "index.html": (
                '<link rel="stylesheet" href="assets/site.css">'
                '<script type="module" src="/js/app.js"></script>'
                '<form data-search="pagefind/pagefind.js"></form>'
                '<img srcset="img/a.png 1x, img/b.png 2x" alt="">'
            ),
            "guide/index.html": '<link rel="icon" href="../favicon.ico">',
            "assets/site.css": '@import "print.css"; body { background: url(../img/bg.svg) }',
            "assets/print.css": "",
            "js/app.js": 'import { x } from "./lib.js"; fetch(new URL("data.json", base));',
            "js/lib.js": "export const x = 1;",
            "js/data.json": "{}",
            "img/a.png": "",
            "img/b.png": "",
            "img/bg.svg": "",
            "favicon.ico": "",
            "pagefind/pagefind.js": "`pagefind-entry.json` `fragment/${h}.pf_fragment`",
            "pagefind/pagefind-entry.json": "{}",
            "pagefind/fragment/zh_1a2b.pf_fragment": "",
            # Not used: a stray stylesheet, a script nothing imports, an image, a font,
            # and Pagefind's UI bundle (not index data: no exception for it).
            "assets/old.css": "",
            "js/unused.js": "",
            "img/logo.png": "",
            "fonts/x.woff2": "",
            "pagefind/pagefind-ui.js": "",
            "pagefind/filter/zh_1.pf_filter": "",
        },
    )
    assert unused_assets(site) == [
        "assets/old.css",
        "fonts/x.woff2",
        "img/logo.png",
        "js/unused.js",
        # pagefind.js here never composes a filter's name, so the filter is not its data.
        "pagefind/filter/zh_1.pf_filter",
        "pagefind/pagefind-ui.js",
    ]


def test_pagefind_data_is_unused_when_nothing_loads_pagefind(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "index.html": "<p>no search here</p>",
            "pagefind/pagefind.js": "`pagefind-entry.json`",
            "pagefind/pagefind-entry.json": "{}",
        },
    )
    assert unused_assets(site) == ["pagefind/pagefind-entry.json", "pagefind/pagefind.js"]
