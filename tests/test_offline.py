"""Offline and private: no page of the built site makes a request to another host.

The browser's side of it is the accessibility sweep's: `guides check` runs its `network`
check (Chromium's performance log, every request and WebSocket) on every page it finds,
in every main mode, before and after the page's key presses
(tests/browser/test_site_accessibility.py), and the fixture `fail-network.html` shows the
check catches a request to another host (tests/a11y/test_a11y_checks.py). Until 2026-12-02
this module loaded every page once more in a browser of its own for the same log (25 s of
CI). What it proves now without a browser: that the pages the sweep finds are every HTML
file of the built site, so none escapes that check, that the check runs on every page in
every mode, and that no page or stylesheet names a resource on another host.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.a11y.checks import check_network, leaves_localhost
from generator.a11y.discover import discover_pages
from generator.a11y.runner import PAGE_CHECKS

#: Markup and CSS that make the browser fetch something: a link to follow is not a request,
#: nor is a `<link>` that only names a page (canonical, alternate).
RESOURCE = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed)\b[^>]*?\ssrc=["']?([^"'\s>]+)"""
    r"""|<link\b(?=[^>]*\srel=["']?[^"'>]*\b(?:stylesheet|icon|preload|prefetch|modulepreload"""
    r"""|manifest|preconnect|dns-prefetch)\b)[^>]*?\shref=["']?([^"'\s>]+)"""
    r"""|url\(\s*["']?([^"')\s]+)"""
    r"""|@import\s+["']([^"']+)""",
    re.IGNORECASE,
)


def _pages_of(site: Path) -> list[str]:
    """Every HTML file of a built site as the path a browser asks for."""
    pages = []
    for file in site.rglob("*.html"):
        if "pagefind" in file.parts:
            continue
        path = "/" + file.relative_to(site).as_posix()
        pages.append(path.removesuffix("index.html"))
    return sorted(pages)


def test_the_sweep_checks_every_html_file_of_the_site_for_requests(built_site: Path) -> None:
    """The pages `guides check` finds (sitemap, links from home, 404) are every HTML file,
    and its network check runs on each of them in every mode."""
    files = _pages_of(built_site)
    assert len(files) > 20
    found = set(discover_pages(built_site))
    assert [page for page in files if page not in found] == []
    network = [due for name, check, due in PAGE_CHECKS if check is check_network]
    assert network and all(due.__name__ == "_always" for due in network)


def _resources(site: Path) -> dict[str, list[str]]:
    """Every resource each page and stylesheet of a site names, by file."""
    out = {}
    for file in sorted(site.rglob("*")):
        if file.suffix not in (".html", ".css") or "pagefind" in file.parts:
            continue
        text = file.read_text("utf-8", errors="replace")
        out[file.relative_to(site).as_posix()] = [
            next(g for g in m.groups() if g) for m in RESOURCE.finditer(text)
        ]
    return out


def _foreign_resources(site: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, urls in _resources(site).items():
        # A scheme-relative address (//host/x) is fetched over the page's own scheme.
        foreign = [u for u in urls if leaves_localhost("https:" + u if u[:2] == "//" else u)]
        if foreign:
            out[name] = foreign
    return out


def test_no_page_or_stylesheet_names_a_resource_on_another_host(built_site: Path) -> None:
    """Scripts, styles, images, fonts and frames come from the site itself."""
    named = _resources(built_site)
    # The scan reads what the pages load: every page its stylesheet and scripts.
    assert all(len(urls) >= 2 for name, urls in named.items() if name.endswith(".html"))
    assert _foreign_resources(built_site) == {}


def test_a_resource_on_another_host_is_found(tmp_path: Path) -> None:
    """The scan above finds what it looks for: a font on a CDN, a script, an image."""
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.com/a.css">'
        '<script src="//cdn.example.com/b.js"></script><img src=/local.png>'
        '<a href="https://www.gov.cn/">a link is not a request</a>'
        '<link rel="canonical" href="https://guides.example.gov.cn/">'
        "<link rel=icon href=https://cdn.example.com/i.png>",
        "utf-8",
    )
    (tmp_path / "site.css").write_text(
        "@font-face { src: url('https://fonts.example.com/x.woff2') }", "utf-8"
    )
    assert _foreign_resources(tmp_path) == {
        "index.html": [
            "https://cdn.example.com/a.css",
            "//cdn.example.com/b.js",
            "https://cdn.example.com/i.png",
        ],
        "site.css": ["https://fonts.example.com/x.woff2"],
    }
