"""The built sample site is valid HTML for the W3C Nu checker, and every link has its text
in the markup (not only after a script has run).

The Nu checker is `vnu.jar` from the npm package `vnu-jar` (pinned in package-lock.json),
run by the system's Java (`make test` installs Debian's default-jre-headless when missing):
one Java start checks every page, as the JVM takes seconds to start.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.slow, pytest.mark.tools]


def nu_errors(site: Path) -> list[str]:
    """Every error the Nu checker reports on the site's HTML pages, as `page:line: message`."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            "the Nu checker needs Java and node_modules/vnu-jar: run `make test`, or "
            "`bash scripts/ensure-apt.sh default-jre-headless && npm ci`"
        )
    pages = sorted(str(p) for p in site.rglob("*.html"))
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(run.stderr or run.stdout)
    return [
        f"{Path(m['url'].removeprefix('file:')).relative_to(site)}:{m.get('lastLine', '?')}: "
        f"{m['message']}"
        for m in report["messages"]
        if m.get("type") == "error"
    ]


def test_every_built_page_is_valid_html(built_site: Path) -> None:
    """The Nu checker finds no error on any page of the sample site."""
    assert nu_errors(built_site) == []


def test_the_nu_checker_reports_what_it_finds(tmp_path: Path) -> None:
    """The check can fail: an empty form action, as the search page had, is an error."""
    page = tmp_path / "index.html"
    page.write_text(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><form action=""><input name="q"></form></body></html>',
        encoding="utf-8",
    )
    errors = nu_errors(tmp_path)
    assert len(errors) == 1 and "action" in errors[0], errors


class _Links(HTMLParser):
    """Links whose markup gives them no name: no text, no aria-label, no image with alt."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[dict[str, str], list[str]]] = []
        self.nameless: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in values:
            self.open.append((values, []))
        elif tag == "img" and self.open and values.get("alt", "").strip():
            self.open[-1][1].append(values["alt"])

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.open:
            values, text = self.open.pop()
            named = "".join(text).strip() or values.get("aria-label", "").strip()
            if not named and not values.get("aria-labelledby"):
                self.nameless.append(f'<a href="{values["href"]}">')


def test_every_link_has_its_text_in_the_markup(built_site: Path) -> None:
    """No link is empty in the HTML as built, hidden or not (a script may fill it later)."""
    nameless = []
    for page in sorted(built_site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        nameless += [f"{page.relative_to(built_site)}: {link}" for link in parser.nameless]
    assert nameless == []
