"""Recall@5 of the held-back citizen queries on the sample site, beside the tuned set's.

    .venv/bin/python benchmarks/heldback_search.py [--site DIR]

Builds the sample site with `guides build` (SOURCE_DATE_EPOCH fixed), serves it with
SiteServer and runs every query of each held-back set (tests/eval/heldback/search-queries.yaml,
then -2, -3 and -4) and of tests/search_queries.yaml through the search page in
headless Chromium, the way tests/test_search_recall.py does (whose helpers it reuses). Each
file is reported apart: recall per kind and overall, and the quiet share of its `none`
queries. A query is found when every guide it expects is among the first five results; a
`kind: none` query is quiet when the page says nothing was found. Pagefind's own ranking
(its JavaScript API, without our UI) is measured beside it.

The held-back set is never tuned to: this script only measures (tests/eval/heldback/README.md).
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from test_search_recall import TOP, SearchPage, _raw_top, load_queries  # noqa: E402

from generator.a11y.browser import start_chrome  # noqa: E402
from generator.a11y.server import SiteServer  # noqa: E402

HELDBACK = REPO / "tests" / "eval" / "heldback" / "search-queries.yaml"
#: Every held-back query set, each reported on its own, in the order they were written.
#: A new set is a new file (tests/eval/heldback/README.md): add it here.
HELDBACK_SETS = (
    ("held-back set (search-queries.yaml)", HELDBACK),
    ("held-back set 2 (search-queries-2.yaml)", HELDBACK.with_name("search-queries-2.yaml")),
    ("held-back set 3 (search-queries-3.yaml)", HELDBACK.with_name("search-queries-3.yaml")),
    ("held-back set 4 (search-queries-4.yaml)", HELDBACK.with_name("search-queries-4.yaml")),
)
#: 2026-12-01 00:00 UTC, the date the sample guides are checked against elsewhere.
SOURCE_DATE_EPOCH = "1796083200"
#: The start of the search page's "nothing found" status (TEXT.none in search.js).
NOTHING_FOUND = "没有找到与"


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Result:
    """What the search page and Pagefind alone answered to one query."""

    query: Query
    top: list[str]
    status: str
    raw: list[str]

    @property
    def found(self) -> bool:
        return bool(self.query.expect) and set(self.query.expect) <= set(self.top)

    @property
    def raw_found(self) -> bool:
        return bool(self.query.expect) and set(self.query.expect) <= set(self.raw)

    @property
    def quiet(self) -> bool:
        return not self.top and self.status.startswith(NOTHING_FOUND)


def load_heldback(path: Path = HELDBACK) -> list[Query]:
    """Read the held-back queries; `expect: []` is allowed (kind none)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(str(e["q"]), tuple(str(g) for g in e.get("expect") or ()), str(e["kind"]))
        for e in data["queries"]
    ]


def load_tuned() -> list[Query]:
    """The tuned set, read by the recall test's own loader."""
    return [Query(q.text, q.expect, "held out" if q.held_out else "tuned") for q in load_queries()]


def build_site(site: Path) -> None:
    """Build the sample site into site with `guides build`."""
    guides = Path(sys.executable).parent / "guides"
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    done = subprocess.run(
        [str(guides), "build", "--site-dir", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the build failed (exit {done.returncode})")


def run(driver: WebDriver, site_url: str, queries: list[Query]) -> list[Result]:
    """Every query through the search page, then through Pagefind alone."""
    page = SearchPage(driver, site_url)
    ui = [page.search(q.text, heard=not q.expect) for q in queries]
    raw = [_raw_top(driver, site_url, q.text) for q in queries]
    return [Result(q, top, status, r) for q, (top, status), r in zip(queries, ui, raw, strict=True)]


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "-"


def report(name: str, results: list[Result]) -> None:
    """Print recall@5 overall and per kind, quiet answers, and the misses."""
    answerable = [r for r in results if r.query.expect]
    none = [r for r in results if not r.query.expect]
    found = sum(r.found for r in answerable)
    raw = sum(r.raw_found for r in answerable)
    print(f"\n{name}: {len(results)} queries")
    print(
        f"  recall@{TOP} (every expected guide in the first {TOP}): "
        f"search page {_share(found, len(answerable))}, "
        f"Pagefind alone {_share(raw, len(answerable))}"
    )
    kinds: dict[str, list[Result]] = collections.defaultdict(list)
    for r in answerable:
        kinds[r.query.kind].append(r)
    width = max((len(k) for k in kinds), default=0)
    for kind, rs in sorted(kinds.items()):
        print(
            f"  {kind:<{width}}  search page {_share(sum(r.found for r in rs), len(rs)):>14}"
            f"   Pagefind alone {_share(sum(r.raw_found for r in rs), len(rs)):>14}"
        )
    if none:
        quiet = sum(r.quiet for r in none)
        raw_quiet = sum(not r.raw for r in none)
        print(
            f"  none (expect nothing): quiet on the search page {_share(quiet, len(none))}, "
            f"no result from Pagefind alone {_share(raw_quiet, len(none))}"
        )
    for r in answerable:
        if not r.found:
            print(f"    miss [{r.query.kind}] {r.query.text!r}: expected {list(r.query.expect)}")
            print(f"         got {r.top}")
    for r in none:
        if not r.quiet:
            print(f"    not quiet {r.query.text!r}: {r.status!r} {r.top}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="heldback-search-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(site)
        driver = start_chrome()
        driver.set_script_timeout(20)
        try:
            with SiteServer(site) as server:
                site_url = f"{server.origin}/"
                for name, path in HELDBACK_SETS:
                    report(name, run(driver, site_url, load_heldback(path)))
                report("tuned set (tests/search_queries.yaml)", run(driver, site_url, load_tuned()))
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
