"""The whole accessibility suite over the built sample site: every page in every mode,
zero failures. The same run an office gets from `guides check site`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from generator.a11y.discover import discover_pages
from generator.a11y.modes import MODES
from generator.commands.check import run_check

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("site-a11y")]


def test_every_page_in_every_mode_passes(site: Path, tmp_path: Path) -> None:
    pages = discover_pages(site)
    assert len(pages) >= 20, f"the sample site should have its ~80 pages, found {pages}"
    started = time.monotonic()
    code = run_check(site, modes=[], pages=[], report_dir=tmp_path, workers=2)
    seconds = time.monotonic() - started
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["summary"]["page_modes"] == len(pages) * len(MODES)
    lines = [
        f"{r['page']} [{r['mode']}] {f['check']} ({f['criterion']}) {f['selector']}: "
        f"{f['message'][:160]}"
        for r in report["results"]
        for f in r["failures"]
    ]
    assert code == 0 and not lines, f"{len(lines)} failures:\n" + "\n".join(lines[:80])
    # Time is reported, never asserted: speed is the benchmark's business, not the test's.
    print(f"suite: {len(pages) * len(MODES)} page-modes in {seconds:.0f} s")
