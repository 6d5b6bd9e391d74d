"""Recall of the search on the sample site: do citizens' queries find the guide they mean?

Every query of tests/search_queries.yaml is typed into the search page of the built sample
site in headless Chromium; the guides it expects must be among the first five results.
Run with `-s` to see the figure and every miss.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from generator.a11y.browser import start_chrome
from generator.a11y.server import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("search-recall")]

REPO = Path(__file__).resolve().parent.parent
QUERIES_FILE = Path(__file__).resolve().parent / "search_queries.yaml"
TOP = 5
REQUIRED_RECALL = 0.95

# Pagefind's own JavaScript API, without our UI: the raw ranking, for comparison.
RAW_SEARCH = """
const [script, query, top, done] = arguments;
import(script)
  .then(async (pagefind) => {
    await pagefind.init();
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, top).map((r) => r.data()));
    done(data.map((d) => d.url));
  })
  .catch((error) => done(String(error)));
"""


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]
    why: str
    held_out: bool = False


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    """Read the query list; each entry needs q and a non-empty expect list."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for number, entry in enumerate(data["queries"], start=1):
        text, expect = entry.get("q"), entry.get("expect")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{path.name}: query {number} has no text in `q`")
        if not isinstance(expect, list) or not expect:
            raise ValueError(f"{path.name}: query {number} ({text}) has no `expect` list")
        queries.append(
            Query(
                text,
                tuple(str(e) for e in expect),
                str(entry.get("why", "")),
                entry.get("held_out") is True,
            )
        )
    return queries


def test_the_query_list_is_big_enough_and_names_real_guides() -> None:
    """At least 40 queries, Chinese and English, each expecting guides that exist."""
    queries = load_queries()
    assert len(queries) >= 40
    assert any(q.text.isascii() for q in queries)
    assert sum(not q.text.isascii() for q in queries) >= 30
    existing = {p.stem for p in (REPO / "guides" / "services").glob("*.yaml")}
    unknown = sorted({g for q in queries for g in q.expect} - existing)
    assert unknown == [], f"queries expect guides that do not exist: {unknown}"


@pytest.fixture(scope="module")
def recall_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built sample site: the suite's shared build when there is one, else our own."""
    try:
        return Path(request.getfixturevalue("built_site"))
    except pytest.FixtureLookupError:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        dest = tmp_path_factory.mktemp("recall-site")
        build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(dest)))
        return dest


@pytest.fixture(scope="module")
def site_url(recall_site: Path) -> Iterator[str]:
    with SiteServer(recall_site) as server:
        yield f"{server.origin}/"


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    chrome = start_chrome()
    chrome.set_script_timeout(20)
    yield chrome
    chrome.quit()


def _guide_id(url: str) -> str:
    """services/<id>/ -> id; anything else is returned as it is."""
    parts = [p for p in urllib.parse.urlsplit(url).path.split("/") if p]
    return parts[-1] if len(parts) >= 2 and parts[-2] == "services" else url


def _ui_top(driver: WebDriver, site_url: str, query: str) -> list[str]:
    """Run query on the search page, as a citizen would, and return the first result ids."""
    driver.get(urllib.parse.urljoin(site_url, "search/?" + urllib.parse.urlencode({"q": query})))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    WebDriverWait(driver, 30).until(
        lambda _: status.text and form.get_attribute("aria-busy") != "true"
    )
    links = form.find_elements(By.CSS_SELECTOR, "[data-sg-search-results] a")
    return [_guide_id(link.get_attribute("href") or "") for link in links[:TOP]]


def _raw_top(driver: WebDriver, site_url: str, query: str) -> list[str]:
    """Run query through Pagefind's JavaScript API directly and return the first result ids."""
    script = urllib.parse.urljoin(site_url, "pagefind/pagefind.js")
    urls = driver.execute_async_script(RAW_SEARCH, script, query, TOP)
    assert isinstance(urls, list), urls
    return [_guide_id(urllib.parse.urljoin(site_url, u)) for u in urls]


def _recall(results: dict[Query, list[str]]) -> float:
    found = sum(len(set(q.expect) & set(top)) / len(q.expect) for q, top in results.items())
    return found / len(results)


def test_recall_at_5_on_the_sample_site(driver: WebDriver, site_url: str) -> None:
    """At least 95 % of what the queries expect is among the first five results."""
    queries = load_queries()
    ui = {q: _ui_top(driver, site_url, q.text) for q in queries}
    driver.get(urllib.parse.urljoin(site_url, "search/"))
    raw = {q: _raw_top(driver, site_url, q.text) for q in queries}
    ui_recall, raw_recall = _recall(ui), _recall(raw)
    misses = [
        f"  {q.text!r}: expected {list(q.expect)}, got {top}"
        for q, top in ui.items()
        if not set(q.expect) <= set(top)
    ]
    held_out = {q: top for q, top in ui.items() if q.held_out}
    print(
        f"\nsearch recall@{TOP} over {len(queries)} queries: "
        f"search page {ui_recall:.1%}, Pagefind alone {raw_recall:.1%}"
    )
    if held_out:
        print(f"  of which {len(held_out)} held out: search page {_recall(held_out):.1%}")
    print("\n".join(misses) or "  no misses")
    assert ui_recall >= REQUIRED_RECALL, "recall below 95 %:\n" + "\n".join(misses)
