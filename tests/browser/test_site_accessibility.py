"""The whole accessibility suite over the built sample site: every page in the main modes,
one page of each kind in the combined ones, zero failures. The same run an office gets
from `guides check site`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from generator.a11y.discover import PAGE_KINDS, discover_pages, page_kinds
from generator.a11y.modes import MAIN_MODES, MODES
from generator.commands.check import run_check

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("site-a11y")]


def test_every_page_in_every_mode_passes(site: Path, tmp_path: Path) -> None:
    pages = discover_pages(site)
    assert len(pages) >= 20, f"the sample site should have its ~80 pages, found {pages}"
    started = time.monotonic()
    code = run_check(site, modes=[], pages=[], report_dir=tmp_path, workers=2)
    seconds = time.monotonic() - started
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    kinds = page_kinds(site, pages)
    assert list(kinds) == list(PAGE_KINDS), kinds
    main = len(pages) + 1  # and the search page with results
    expected = main * len(MAIN_MODES) + len(kinds) * (len(MODES) - len(MAIN_MODES))
    assert report["summary"]["page_modes"] == expected
    for kind in kinds:
        assert len(list((tmp_path / "screenshots" / kind).glob("*.png"))) == len(MODES)
    lines = [
        f"{r['page']} [{r['mode']}] {f['check']} ({f['criterion']}) {f['selector']}: "
        f"{f['message'][:160]}"
        for r in report["results"]
        for f in r["failures"]
    ]
    assert code == 0 and not lines, f"{len(lines)} failures:\n" + "\n".join(lines[:80])
    # Time is reported, never asserted: speed is the benchmark's business, not the test's.
    print(f"suite: {expected} page-modes in {seconds:.0f} s")
