"""Shared fixtures for the accessibility suite's own tests: the fixture pages, served, and
one browser per test worker.

A fixture page is a fragment (tests/fixtures/a11y/pages/*.html) inside the real page
chrome. The chrome is taken from a page that `guides build` makes of a new office
project, never written by hand, so the fixtures test the same skip links, header,
toolbar and scripts as every published page and cannot drift from them: a change to
the theme reaches the fixtures at the next run, whatever its templates are called.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import run_guides

from generator.a11y.axe import find_axe_script
from generator.a11y.runner import Result, Worker
from generator.a11y.server import SiteServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "a11y"
FRAGMENTS = FIXTURES / "pages"
BROKEN_SITE = FIXTURES / "broken-site"

# Ordinary guide text after each fixture's heading, so every check has a link, a list
# and a second heading level to read, as on a real guide page.
ORDINARY_TEXT = (FIXTURES / "ordinary-text.html").read_text("utf-8")

_STYLE = re.compile(r"<style>.*?</style>\n?", re.S)
_SCRIPT = re.compile(r"<script>.*?</script>\n?", re.S)
_H1 = re.compile(r"<h1>(.*?)</h1>\n?", re.S)
_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.S)
_MAIN = re.compile(r"(<main\b[^>]*>).*?(</main>)", re.S)


def fixture_page(skeleton: str, fragment: str) -> str:
    """Put a fixture fragment into a built page: its h1 and markup become <main>'s content
    (and the page title), its <style> goes at the end of <head>, its <script> at the end
    of <body>, after the theme's own scripts."""
    styles = "".join(_STYLE.findall(fragment))
    scripts = "".join(_SCRIPT.findall(fragment))
    body = _SCRIPT.sub("", _STYLE.sub("", fragment))
    heading = _H1.search(body)
    assert heading, "a fixture fragment starts with its <h1>"
    body = body[: heading.end()] + ORDINARY_TEXT + body[heading.end() :]
    page = _TITLE.sub(lambda m: f"{m[1]}{heading[1]} - {m[2]}{m[3]}", skeleton, count=1)
    page, found = _MAIN.subn(lambda m: f"{m[1]}\n{body}{m[2]}", page, count=1)
    assert found, "the built page has no <main>"
    page = page.replace("</head>", styles + "</head>", 1)
    return page.replace("</body>", scripts + "</body>", 1)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a new office project once, then add every fixture page beside its home page."""
    project = tmp_path_factory.mktemp("a11y-fixtures") / "office"
    code, output = run_guides("init", str(project))
    assert code == 0, output
    site = project / "site"
    code, output = run_guides("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site))
    assert code == 0, output
    # The home page sits at the site's root, so its links to assets hold for pages beside it.
    skeleton = (site / "index.html").read_text("utf-8")
    for source in FRAGMENTS.rglob("*"):
        target = site / source.relative_to(FRAGMENTS)
        if source.suffix == ".html":
            target.write_text(fixture_page(skeleton, source.read_text("utf-8")), "utf-8")
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return site


@pytest.fixture(scope="session")
def fixture_worker(fixture_site: Path) -> Iterator[Worker]:
    """A worker (one headless Chromium) pointed at the fixture pages."""
    # As `guides check` runs it: axe-core served beside the site, loaded by each page.
    axe = find_axe_script()
    with SiteServer(fixture_site, tools={"axe.min.js": axe}) as server:
        # Each fixture page is chosen, as `guides check --page` chooses pages: every check
        # that runs on one page of each kind (the toolbar) runs on it.
        worker = Worker(
            server.origin,
            axe,
            [],
            axe_url=server.tool_url("axe.min.js"),
            every_page_of_kind=True,
        )
        try:
            yield worker
        finally:
            worker.close()


def checks_of(result: Result) -> set[str]:
    return {f.check for f in result.failures}
