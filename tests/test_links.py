"""Crawl the built sample site: every internal link and #anchor leads somewhere."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from htmlscan import Scan, scan_file

pytestmark = pytest.mark.slow


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """Return the file and fragment an internal link points at, or None if it is external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    base = "/" + page.relative_to(site).as_posix()
    resolved = urlsplit(urljoin(base, href))
    path = site / unquote(resolved.path).lstrip("/")
    if resolved.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(resolved.fragment)


def test_every_internal_link_and_anchor_exists(built_site: Path) -> None:
    """No page of the site links to a page or an anchor that does not exist."""
    scans: dict[Path, Scan] = {p: scan_file(p) for p in built_site.rglob("*.html")}
    broken: list[str] = []
    for page, scan in scans.items():
        if page.relative_to(built_site).parts[0] == "pagefind":
            continue
        for href in scan.links:
            target = _target(built_site, page, href)
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append(f"{page.relative_to(built_site)}: {href} (no such file)")
            elif fragment and path.suffix == ".html":
                ids = scans[path].ids if path in scans else scan_file(path).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {href} (no such anchor)")
    assert broken == []


def test_only_https_mailto_tel_or_internal_links(built_site: Path) -> None:
    """Links leave the site only over https (or to mail and phone)."""
    schemes = {
        urlsplit(href).scheme
        for page in built_site.rglob("*.html")
        for href in scan_file(page).links
    }
    assert schemes <= {"", "https", "mailto", "tel"}
