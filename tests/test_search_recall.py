"""Recall of the search on the sample site: do citizens' queries find the guide they mean?

Every query of tests/search_queries/*.yaml is pasted into the search page of the built
sample site in headless Chromium and sent as Enter sends it. One file per kind of query
(pinyin, initials, traditional, typo, english, plain, life-event, document, everyday;
`earlier` is the first, tuned list kept as a regression check; `none` must find nothing).
For each kind the test reports recall@5 (the share of queries whose expected guides are
all among the first five, or one of them for a file or a query marked `match: any`) and
MRR (the mean of 1 / rank of the first right guide). Run with `-s` to see the figures and
every miss.
"""

from __future__ import annotations

import collections
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from generator.a11y.browser import start_chrome
from generator.a11y.server import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("search-recall")]

REPO = Path(__file__).resolve().parent.parent
QUERIES_DIR = Path(__file__).resolve().parent / "search_queries"
TOP = 5
REQUIRED_RECALL = 0.95
REQUIRED_MRR = 0.85
#: The kinds each of which must reach REQUIRED_RECALL; `earlier` is reported, and `none`
#: must find nothing at all.
KINDS = (
    "pinyin",
    "initials",
    "traditional",
    "typo",
    "english",
    "plain",
    "life-event",
    "document",
    "everyday",
)
#: Rounds of queries still below the target, each held to what it reached when it was
#: merged: (queries found in the first five, meaningless ones quiet). Raise a floor when
#: the search does better; take the round's marks off once it meets the target.
ROUND_FLOORS = {
    9: (119, 20),
    10: (126, 24),
    11: (118, 24),
    12: (97, 29),
    13: (130, 22),
    # Round 14 before the search was changed for it: (98, 16), 82 found at 1.
    14: (103, 22),
}
#: A citizen reads the first result: rounds held also to how many of their queries have a
#: right guide first (found at 1), reported for every round beside found at 5.
FIRST_FLOORS = {14: 94}
#: What a query entry may hold.
QUERY_KEYS = ("q", "expect", "why", "held_out", "known", "round", "match")
#: The start of the search page's "nothing found" status (TEXT.none in search.js).
NOTHING_FOUND = "没有找到"

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
    kind: str = "earlier"
    match_any: bool = False
    known: str = ""
    """A `none` query the search is known to answer wrongly, and why: reported on every run,
    and the run fails when it is quiet (the mark must then go), so the list cannot go stale."""
    round: int = 0
    """The round a query was written in, when that round is held to a floor of its own
    (ROUND_FLOORS) rather than to the 95 % target: 0 for every other query."""

    def rank(self, top: list[str]) -> int | None:
        """The 1-based rank of the first right guide in top, or None."""
        for rank, guide in enumerate(top, start=1):
            if guide in self.expect:
                return rank
        return None

    def first(self, top: list[str]) -> bool:
        """Whether the first result is one of the expected guides (found at 1)."""
        return self.rank(top) == 1

    def found(self, top: list[str]) -> bool:
        """Whether top holds the expected guides: all of them, or one for `match: any`."""
        hits = set(self.expect) & set(top[:TOP])
        return bool(hits) if self.match_any else bool(self.expect) and hits == set(self.expect)


def load_file(path: Path) -> list[Query]:
    """Read one query file: a `kind`, optionally `match: any`, and `queries`, each with q
    and a non-empty expect list (an empty one only in the `none` file), and optionally a
    `match: any` of its own: any one of several guides answers it (a material many guides
    ask for), where the others must all be in the first five."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kind = str(data.get("kind") or path.stem)
    match_any = data.get("match") == "any"
    queries = []
    for number, entry in enumerate(data["queries"], start=1):
        text, expect = entry.get("q"), entry.get("expect", [])
        # A comma in an unquoted `why` of a flow mapping ends it and makes the rest a key.
        stray = sorted(str(key) for key in entry if key not in QUERY_KEYS)
        if stray:
            raise ValueError(
                f"{path.name}: query {number} ({text}) has unknown keys {stray}: "
                "quote a `why` that holds a comma"
            )
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{path.name}: query {number} has no text in `q`")
        if entry.get("match", "any") != "any" or ("match" in entry and len(expect) < 2):
            raise ValueError(
                f"{path.name}: query {number} ({text}): `match: any` is the only match, "
                "for a query that lists several guides"
            )
        if not isinstance(expect, list) or (kind != "none" and not expect):
            raise ValueError(f"{path.name}: query {number} ({text}) has no `expect` list")
        if kind == "none" and expect:
            raise ValueError(f"{path.name}: query {number} ({text}) must expect nothing")
        queries.append(
            Query(
                text,
                tuple(str(e) for e in expect),
                str(entry.get("why", "")),
                entry.get("held_out") is True,
                kind,
                match_any or entry.get("match") == "any",
                str(entry.get("known", "")),
                int(entry.get("round", 0) or 0),
            )
        )
        if queries[-1].known and kind != "none":
            raise ValueError(f"{path.name}: query {number} ({text}): `known` is for `none` only")
    return queries


def load_queries(directory: Path = QUERIES_DIR) -> list[Query]:
    """Every query of every file in directory, file by file."""
    return [q for path in sorted(directory.glob("*.yaml")) for q in load_file(path)]


def test_the_query_sets_are_balanced_and_name_real_guides() -> None:
    """At least 25 queries of each kind and 20 that must find nothing, each expecting
    guides that exist."""
    queries = load_queries()
    counts = collections.Counter(q.kind for q in queries)
    assert {k: counts[k] for k in KINDS if counts[k] < 25} == {}
    assert counts["none"] >= 20
    existing = {p.stem for p in (REPO / "guides" / "services").glob("*.yaml")}
    unknown = sorted({g for q in queries for g in q.expect} - existing)
    assert unknown == [], f"queries expect guides that do not exist: {unknown}"
    texts = collections.Counter((q.kind, q.text) for q in queries)
    assert [t for t, n in texts.items() if n > 1] == []


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


WAIT_SECONDS = 15  # within the driver's script timeout (20 s)
#: Waits in the page until the search form shows the results of a query (the title names
#: it, the form is not busy, and with `heard` its status says something); answers the
#: first result addresses and the status, or null after the time given.
SHOWN_JS = """
const [form, title, heard, top, limit] = arguments;
const done = arguments[arguments.length - 1];
const status = form.querySelector("[role=status]");
const shown = () =>
  document.title.startsWith(title) &&
  form.getAttribute("aria-busy") !== "true" &&
  (!heard || status.innerText.trim() !== "");
const started = performance.now();
(function look() {
  if (shown()) {
    const links = [...form.querySelectorAll("[data-sg-search-results] a")].slice(0, top);
    done([links.map((a) => a.href), heard ? status.innerText.trim() : ""]);
  } else if (performance.now() - started > limit) {
    done(null);
  } else {
    setTimeout(look, 10);
  }
})();
"""


#: Sends a query as a citizen pasting it and pressing Enter does: the last query's title
#: and status are cleared first, so that SHOWN_JS waits for this query's; then the text is
#: put in the field with the input event of a paste, and the form is submitted (the
#: submit event Enter fires in a form's field).
SEND_JS = """
const [sendForm, , , , , field, text] = arguments;
document.title = "";
sendForm.querySelector("[role=status]").textContent = "";
field.value = text;
const paste = { bubbles: true, inputType: "insertFromPaste", data: text };
field.dispatchEvent(new InputEvent("input", paste));
sendForm.requestSubmit();
"""


class SearchPage:
    """The search page of a running site, loaded once; each query is pasted into its field
    and the form sent, as Enter sends it, all in one call that then waits for the results
    (SEND_JS). Loading the page afresh for each of 560 queries cost three times as long,
    in Pagefind's and the lexicon's start-up; typing each query with WebDriver's keys
    (Escape, the text, Enter) cost 0.4 s a query against 0.1 s so, with the same results
    (80 queries of round 11, 2026-12-02): how keystrokes are searched is the UI tests'
    business (tests/browser/test_search_ui.py), not this one's."""

    def __init__(self, driver: WebDriver, site_url: str) -> None:
        self.driver = driver
        driver.get(urllib.parse.urljoin(site_url, "search/"))
        self.form = driver.find_element(By.CSS_SELECTOR, "form[data-sg-search=page]")
        self.field = self.form.find_element(By.CSS_SELECTOR, "input[type=search]")
        self.status = self.form.find_element(By.CSS_SELECTOR, "[role=status]")

    def search(self, query: str, *, heard: bool = True) -> tuple[list[str], str]:
        """Run query; return the first result ids and what the page announced (with
        heard=False, not waited for; sent with Enter, it is said as the results show)."""
        # The page is watched from inside until the title names the query and the results
        # are shown: one call a query. Asked from here every 20 ms, three calls a look,
        # the waiting cost more than the searches (about 20 calls a query).
        found = self.driver.execute_async_script(
            SEND_JS + SHOWN_JS,
            self.form,
            f"“{query.strip()}”：",
            heard,
            TOP,
            WAIT_SECONDS * 1000,
            self.field,
            query,
        )
        assert found is not None, f"{query!r}: no results shown in {WAIT_SECONDS} s"
        hrefs, said = found
        return [_guide_id(href) for href in hrefs], said


def _raw_top(driver: WebDriver, site_url: str, query: str) -> list[str]:
    """Run query through Pagefind's JavaScript API directly and return the first result ids."""
    script = urllib.parse.urljoin(site_url, "pagefind/pagefind.js")
    urls = driver.execute_async_script(RAW_SEARCH, script, query, TOP)
    assert isinstance(urls, list), urls
    return [_guide_id(urllib.parse.urljoin(site_url, u)) for u in urls]


def _recall(results: dict[Query, list[str]]) -> float:
    """Partial credit per query, as the first version of this test counted (earlier set)."""
    found = sum(len(set(q.expect) & set(top)) / len(q.expect) for q, top in results.items())
    return found / len(results)


@dataclass(frozen=True)
class KindFigures:
    kind: str
    queries: int
    found: int
    mrr: float
    first: int = 0
    """Queries whose first result is a right guide (found at 1)."""

    @property
    def recall(self) -> float:
        return self.found / self.queries if self.queries else 0.0


def figures(results: dict[Query, list[str]]) -> list[KindFigures]:
    """recall@5 and MRR per kind, in the order of KINDS, then the others."""
    kinds: dict[str, list[Query]] = collections.defaultdict(list)
    for q in results:
        if q.expect:
            kinds[q.kind].append(q)
    order = [k for k in KINDS if k in kinds] + sorted(set(kinds) - set(KINDS))
    out = []
    for kind in order:
        qs = kinds[kind]
        ranks = [q.rank(results[q]) for q in qs]
        out.append(
            KindFigures(
                kind,
                len(qs),
                sum(q.found(results[q]) for q in qs),
                sum(1 / r for r in ranks if r) / len(qs),
                sum(r == 1 for r in ranks),
            )
        )
    return out


def test_recall_at_5_on_the_sample_site(driver: WebDriver, site_url: str) -> None:
    """Every kind of query finds its guides among the first five at least 95 % of the time,
    MRR at least 0.85, and the queries that mean nothing find nothing."""
    queries = load_queries()
    page = SearchPage(driver, site_url)
    answers = {q: page.search(q.text, heard=q.kind == "none") for q in queries}
    ui = {q: top for q, (top, _) in answers.items() if not q.round}
    # A round still below the target (`round: N`, ROUND_FLOORS): reported apart and held
    # to what it reached, so the gap to the target shows and a drop fails.
    apart = {q: top for q, (top, _) in answers.items() if q.round}
    rows = figures(ui)
    tuned = [r for r in rows if r.kind in KINDS]
    total = sum(r.queries for r in tuned)
    print(f"\nsearch page, recall@{TOP}, found at 1 and MRR per kind of query:")
    for r in rows:
        print(
            f"  {r.kind:12} {r.found:3}/{r.queries:<3} {r.recall:6.1%}  at 1 {r.first:3}  "
            f"MRR {r.mrr:.3f}"
        )
    mrr = sum(r.mrr * r.queries for r in tuned) / total
    print(
        f"  {'all kinds':12} {sum(r.found for r in tuned):3}/{total:<3} "
        f"{sum(r.found for r in tuned) / total:6.1%}  at 1 {sum(r.first for r in tuned):3}  "
        f"MRR {mrr:.3f}"
    )
    if apart:
        print(f"rounds below the target, recall@{TOP}, found at 1 and MRR per kind of query:")
        for r in figures(apart):
            print(
                f"  {r.kind:12} {r.found:3}/{r.queries:<3} {r.recall:6.1%}  at 1 {r.first:3}  "
                f"MRR {r.mrr:.3f}"
            )
        loud = [
            q
            for q in apart
            if q.kind == "none" and (apart[q] or not answers[q][1].startswith(NOTHING_FOUND))
        ]
        quiet_apart = sum(q.kind == "none" for q in apart) - len(loud)
        print(f"  none: {quiet_apart}/{sum(q.kind == 'none' for q in apart)} say nothing was found")
        for q, top in apart.items():
            if q.expect and not (q.first(top) and q.found(top)):
                print(
                    f"  round {q.round} [{q.kind}] {q.text!r}: expected {list(q.expect)}, got {top}"
                    + ("" if q.found(top) else " (not in the first five)")
                )
        for q in loud:
            print(f"  round {q.round}, heard {q.text!r}: {answers[q][0]} ({answers[q][1]})")
        for number, (floor_found, floor_quiet) in ROUND_FLOORS.items():
            of_round = [q for q in apart if q.round == number]
            found = sum(q.found(apart[q]) for q in of_round if q.expect)
            first = sum(q.first(apart[q]) for q in of_round if q.expect)
            quiet_round = sum(q.kind == "none" and q not in loud for q in of_round)
            floor_first = FIRST_FLOORS.get(number)
            print(
                f"  round {number}: {found} found (floor {floor_found}), {first} found at 1"
                + ("" if floor_first is None else f" (floor {floor_first})")
                + f" of {sum(bool(q.expect) for q in of_round)}, "
                f"{quiet_round} quiet (floor {floor_quiet})"
            )
            assert floor_first is None or first >= floor_first, (
                f"round {number}: {first} found at 1, below its floor {floor_first}"
            )
            assert found >= floor_found, (
                f"round {number}: {found} found, below its floor {floor_found}"
            )
            assert quiet_round >= floor_quiet, (
                f"round {number}: {quiet_round} quiet, below {floor_quiet}"
            )
        unfloored = sorted({q.round for q in apart} - set(ROUND_FLOORS))
        assert unfloored == [], f"rounds marked in the query files with no floor: {unfloored}"
    heard = {
        q: bool(top) or not status.startswith(NOTHING_FOUND)
        for q, (top, status) in answers.items()
        if q.kind == "none" and not q.round
    }
    noisy = [
        f"  {q.text!r}: {answers[q][0]} ({answers[q][1]})"
        + (f" [known: {q.known}]" if q.known else "")
        for q, found in heard.items()
        if found
    ]
    quiet = len(heard) - len(noisy)
    print(f"  none: {quiet}/{len(heard)} say nothing was found")
    misses = [
        f"  [{q.kind}] {q.text!r}: expected {list(q.expect)}, got {top}"
        for q, top in ui.items()
        if q.expect and not q.found(top)
    ]
    print("\n".join(misses + noisy) or "  no misses")
    low = [f"{r.kind} {r.recall:.1%}" for r in tuned if r.recall < REQUIRED_RECALL]
    assert low == [], "recall@5 below 95 %:\n" + "\n".join(misses)
    assert mrr >= REQUIRED_MRR, f"MRR {mrr:.3f} below {REQUIRED_MRR}"
    unknown = [line for line in noisy if "[known: " not in line]
    assert unknown == [], "queries that mean nothing found guides:\n" + "\n".join(unknown)
    fixed = [q.text for q, found in heard.items() if q.known and not found]
    assert fixed == [], f"now quiet, take their `known` mark off: {fixed}"


def test_a_query_marked_match_any_is_answered_by_one_of_its_guides(tmp_path: Path) -> None:
    """A query of its own marked `match: any` needs one of its guides in the first five;
    the others of the same file still need them all; a lone guide cannot be marked so."""
    (tmp_path / "plain.yaml").write_text(
        "kind: plain\nqueries:\n"
        "  - {q: 户口本, expect: [birth-registration, household-transfer], match: any}\n"
        "  - {q: 生孩子, expect: [birth-registration, birth-medical-certificate]}\n",
        encoding="utf-8",
    )
    some, every = load_queries(tmp_path)
    assert some.found(["household-transfer"]) is True
    assert every.found(["birth-registration"]) is False
    assert every.found(["birth-medical-certificate", "birth-registration"]) is True
    (tmp_path / "plain.yaml").write_text(
        "kind: plain\nqueries:\n  - {q: 户口本, expect: [household-transfer], match: any}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="`match: any` is the only match"):
        load_queries(tmp_path)


def test_found_at_1_is_a_right_guide_first_and_counted_per_kind() -> None:
    """A citizen reads the first result: found at 1 counts a query only when its first
    result is one of its guides, whatever follows; figures() counts them per kind."""
    query = Query("restaurant permit", ("food-business-licence",), "", kind="english")
    other = Query("开饭店", ("food-business-licence", "individual-business-registration"), "")
    assert query.first(["food-business-licence", "residence-permit"]) is True
    assert query.first(["residence-permit", "food-business-licence"]) is False
    assert query.found(["residence-permit", "food-business-licence"]) is True
    assert query.first([]) is False
    assert other.first(["individual-business-registration"]) is True
    rows = figures(
        {query: ["residence-permit", "food-business-licence"], other: ["food-business-licence"]}
    )
    assert [(r.kind, r.found, r.first) for r in rows] == [("english", 1, 0), ("earlier", 0, 1)]
