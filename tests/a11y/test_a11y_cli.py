"""`guides check` from the command line: exit codes and a report that names page, mode,
element and criterion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

BROKEN_SITE = Path(__file__).resolve().parents[1] / "fixtures" / "a11y" / "broken-site"


def guides(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.browser
@pytest.mark.xdist_group("a11y-cli")
def test_broken_site_fails_with_a_report_naming_page_mode_element_criterion(
    tmp_path: Path,
) -> None:
    code, output = guides(
        "check",
        str(BROKEN_SITE),
        "--mode",
        "default",
        "--mode",
        "narrow-320",
        "--report-dir",
        str(tmp_path),
        "--workers",
        "2",
    )
    assert code == 1, output
    data = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert data["summary"]["page_modes"] == 4
    rows = {(r["page"], r["mode"]): r["failures"] for r in data["results"]}
    for row in data["results"]:  # where each page-mode's time went
        assert {"load", "static", "axe", "focus", "search"} <= set(row["steps"]), row
        assert 0 < sum(row["steps"].values()) <= row["seconds"] + 0.01, row
    assert "toolbar" in next(r["steps"] for r in data["results"] if r["mode"] == "default")
    assert set(rows) == {
        (p, m) for p in ("/", "/services/teacher/") for m in ("default", "narrow-320")
    }
    home_default = {(f["check"], f["criterion"]) for f in rows[("/", "default")]}
    assert ("axe:image-alt", "1.1.1") in home_default
    assert ("skip-link", "2.4.1 Bypass Blocks") in home_default
    assert ("toolbar", "2.1.1 Keyboard") in home_default
    reflow = [f for f in rows[("/", "narrow-320")] if f["check"] == "reflow"]
    assert reflow and reflow[0]["criterion"] == "1.4.10 Reflow"
    assert reflow[0]["selector"] == "body > main > div"
    teacher = {f["check"] for f in rows[("/services/teacher/", "default")]}
    assert "headings" in teacher  # h1 then h3
    assert "reflow" not in teacher
    html = (tmp_path / "report.html").read_text("utf-8")
    assert "/services/teacher/" in html and "narrow-320" in html and "1.4.10 Reflow" in html
    assert "FAIL / [narrow-320] reflow (1.4.10 Reflow) body > main > div: " in output
    # The picture report: each page kind in each mode, beside the reports, in a gallery.
    for kind in ("home", "guide"):
        for mode in ("default", "narrow-320"):
            shot = tmp_path / "screenshots" / kind / f"{mode}.png"
            assert shot.read_bytes().startswith(b"\x89PNG"), shot
            assert f'src="screenshots/{kind}/{mode}.png"' in html


@pytest.mark.browser
def test_page_filter_and_no_match(tmp_path: Path) -> None:
    code, output = guides(
        "check", str(BROKEN_SITE), "--page", "nothing-like-this", "--report-dir", str(tmp_path)
    )
    assert code == 2
    assert "no page matches nothing-like-this" in output


def test_not_a_site_cannot_run(tmp_path: Path) -> None:
    code, output = guides("check", str(tmp_path), "--report-dir", str(tmp_path / "r"))
    assert code == 2
    assert "not a built site" in output
    assert "Traceback" not in output


def test_unknown_mode_cannot_run(tmp_path: Path) -> None:
    code, output = guides(
        "check", str(BROKEN_SITE), "--mode", "sepia", "--report-dir", str(tmp_path)
    )
    assert code == 2
    assert "unknown mode sepia" in output


def test_missing_browser_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SG_CHROMIUM", str(tmp_path / "no-such-chromium"))
    code, output = guides("check", str(BROKEN_SITE), "--report-dir", str(tmp_path))
    assert code == 2
    assert "cannot start the browser" in output and "SG_CHROMIUM" in output
    assert "Traceback" not in output


def test_missing_axe_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SG_AXE_PATH", str(tmp_path / "axe.min.js"))
    code, output = guides("check", str(BROKEN_SITE), "--report-dir", str(tmp_path))
    assert code == 2
    assert "SG_AXE_PATH" in output


def test_bad_exceptions_file_cannot_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "ex.yaml"
    bad.write_text(
        "exceptions:\n  - rule: region\n    selector: '*'\n    reason: hide it all\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SG_A11Y_EXCEPTIONS", str(bad))
    code, output = guides("check", str(BROKEN_SITE), "--report-dir", str(tmp_path))
    assert code == 2
    assert "exceptions file" in output
