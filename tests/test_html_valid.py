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
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.slow, pytest.mark.tools]


# A page with one error the Nu checker must report (the search page had it): checked in
# the same run as the site, so one Java start serves both tests.
PLANTED = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head>'
    '<body><form action=""><input name="q"></form></body></html>'
)


def nu_errors(pages: list[Path]) -> dict[Path, list[str]]:
    """Every error the Nu checker reports, by page, as `line: message`, in one Java run."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            "the Nu checker needs Java and node_modules/vnu-jar: run `make test`, or "
            "`bash scripts/ensure-apt.sh default-jre-headless && npm ci`"
        )
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(run.stderr or run.stdout)
    errors: dict[Path, list[str]] = {page: [] for page in pages}
    for message in report["messages"]:
        if message.get("type") != "error":
            continue
        page = Path(urllib.parse.unquote(message["url"].removeprefix("file:")))
        errors.setdefault(page, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    return errors


@pytest.fixture(scope="module")
def nu_report(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[str]]:
    planted = tmp_path_factory.mktemp("nu") / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")
    return nu_errors([*sorted(built_site.rglob("*.html")), planted])


def test_every_built_page_is_valid_html(built_site: Path, nu_report: dict[Path, list[str]]) -> None:
    """The Nu checker finds no error on any page of the sample site."""
    found = [
        f"{page.relative_to(built_site)}:{error}"
        for page, errors in nu_report.items()
        if page.is_relative_to(built_site)
        for error in errors
    ]
    assert len(nu_report) > 30
    assert found == []


def test_the_nu_checker_reports_what_it_finds(nu_report: dict[Path, list[str]]) -> None:
    """The check can fail: an empty form action, as the search page had, is an error."""
    planted = [errors for page, errors in nu_report.items() if page.name == "planted.html"]
    assert len(planted) == 1
    assert len(planted[0]) == 1 and "action" in planted[0][0], planted


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
