"""Find the pages of a built site: from sitemap.xml when there is one, else by crawling."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urldefrag, urljoin, urlparse

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page_path_for_file(site_dir: Path, file: Path) -> str:
    """'guides/x/index.html' -> '/guides/x/'; 'a.html' -> '/a.html'."""
    rel = file.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def _file_for_path(site_dir: Path, path: str) -> Path | None:
    rel = unquote(path).lstrip("/")
    candidate = site_dir / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        candidate.resolve().relative_to(site_dir.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


def from_sitemap(site_dir: Path) -> list[str] | None:
    """Paths listed in sitemap.xml that exist in site_dir; None when there is no usable sitemap."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return None
    try:
        root = ET.parse(sitemap).getroot()
    except ET.ParseError:
        return None
    paths: list[str] = []
    base_path: str | None = None
    for loc in root.iter(f"{_SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        if not url:
            continue
        path = urlparse(url).path or "/"
        if base_path is None:
            # The first entry is the home page; its path is the site's base (site_url's path).
            base_path = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
        local = "/" + path[len(base_path) :] if path.startswith(base_path) else path
        if _file_for_path(site_dir, local) is not None and local not in paths:
            paths.append(local)
    return paths or None


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value:
                    self.hrefs.append(value)


def crawl(site_dir: Path, start: str = "/", limit: int = 20000) -> list[str]:
    """Follow same-site links from the home page; every HTML page reached, in order found."""
    seen: list[str] = []
    queue = [start]
    known = {start}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        file = _file_for_path(site_dir, path)
        if file is None or file.suffix != ".html":
            continue
        seen.append(path)
        parser = _Links()
        parser.feed(file.read_text(encoding="utf-8", errors="replace"))
        for href in parser.hrefs:
            url, _ = urldefrag(urljoin("http://site" + path, href))
            parsed = urlparse(url)
            if parsed.netloc != "site" or not parsed.path:
                continue
            target = re.sub(r"/index\.html$", "/", parsed.path)
            if target not in known:
                known.add(target)
                queue.append(target)
    return seen


def discover_pages(site_dir: Path) -> list[str]:
    """Every page to check, as URL paths from the site root.

    The sitemap's pages come first, then any page only reachable by links (a sitemap can
    leave generated pages out); 404.html is checked too.
    """
    paths = from_sitemap(site_dir) or []
    listed = set(paths)
    paths += [p for p in crawl(site_dir) if p not in listed]
    if "/" not in paths and _file_for_path(site_dir, "/") is not None:
        paths.insert(0, "/")
    if (site_dir / "404.html").is_file() and "/404.html" not in paths:
        paths.append("/404.html")
    return paths


#: The kinds of page the generator makes, in the order the reports show them, and the
#: first part of their paths (a page kind is where its template puts it).
PAGE_KINDS = (
    "home", "listing", "guide", "office", "search", "a-z", "service-capability", "404", "page"
)  # fmt: skip
_LISTING_PREFIXES = ("/topics/", "/departments/", "/life-events/", "/audiences/")
#: The indexes of the generated sections: lists of links, of no kind of their own.
_INDEXES = frozenset((*_LISTING_PREFIXES, "/offices/"))
_TITLE = re.compile(r"<h1\b[^>]*>([^<]+)")


def kind_of(path: str) -> str | None:
    """The kind of a page from its path: a generated page's, or `page` for one an office
    writes in Markdown (the accessibility statement, an about page: their tables and lists
    are checked in the combined modes too); None for the generated sections' indexes."""
    if path == "/":
        return "home"
    if path == "/404.html":
        return "404"
    if path == "/a-z/":
        return "a-z"
    if path == "/service-capability/":
        return "service-capability"
    if path.startswith("/search/"):
        return "search"
    parts = [p for p in path.split("/") if p]
    if len(parts) == 2 and parts[0] == "services":
        return "guide"
    if len(parts) == 2 and parts[0] == "offices":
        return "office"
    if len(parts) >= 2 and any(path.startswith(p) for p in _LISTING_PREFIXES):
        return "listing"
    if path in _INDEXES:
        return None
    return "page"


def page_kinds(site_dir: Path, paths: list[str]) -> dict[str, str]:
    """One page of each kind, the one with the most markup (the likeliest to break a layout).

    The search page is given a query taken from the chosen guide's title, so it is checked
    with results on it, as a visitor sees it after searching.
    """
    chosen: dict[str, tuple[int, str]] = {}
    for path in paths:
        kind = kind_of(path)
        file = _file_for_path(site_dir, path)
        if kind is None or file is None:
            continue
        size = file.stat().st_size
        if kind not in chosen or size > chosen[kind][0]:
            chosen[kind] = (size, path)
    kinds = {k: chosen[k][1] for k in PAGE_KINDS if k in chosen}
    if "search" in kinds and "guide" in kinds:
        guide = _file_for_path(site_dir, kinds["guide"])
        found = _TITLE.search(guide.read_text("utf-8")) if guide else None
        words = found[1].split()[0][:4] if found and found[1].split() else ""
        if words:
            kinds["search"] = kinds["search"].split("?")[0] + "?q=" + quote(words)
    return kinds
