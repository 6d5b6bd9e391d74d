"""The 服务能力 page through the whole accessibility suite, in every mode: its charts and
tables must pass like any other page (the full-site run covers it too; this runs it alone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.a11y.modes import MODES
from generator.commands.check import run_check

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("report-a11y")]


def test_service_capability_page_passes_in_every_mode(site: Path, tmp_path: Path) -> None:
    """Zero failures for /service-capability/ in each of the suite's modes."""
    code = run_check(site, modes=[], pages=["service-capability"], report_dir=tmp_path, workers=1)
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert {r["page"] for r in report["results"]} == {"/service-capability/"}
    assert report["summary"]["page_modes"] == len(MODES)
    failures = [
        f"[{r['mode']}] {f['check']} ({f['criterion']}) {f['selector']}: {f['message'][:160]}"
        for r in report["results"]
        for f in r["failures"]
    ]
    assert code == 0 and not failures, "\n".join(failures)
