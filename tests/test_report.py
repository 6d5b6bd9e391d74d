"""`guides report`: the service-capability figures, checked against counts made here from the
YAML files themselves (yaml.safe_load, never the report's code), its formats, --compare
and --output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from support import REPO, TODAY_EPOCH

from generator.cli import main

SAMPLES = REPO / "guides"
TODAY = dt.datetime.fromtimestamp(TODAY_EPOCH, tz=dt.UTC).date()


def report(*args: str) -> tuple[int, str, str]:
    """Run `guides report` in-process; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def sample_guides() -> list[dict[str, Any]]:
    return [
        yaml.safe_load(path.read_text("utf-8"))
        for path in sorted((SAMPLES / "services").glob("*.yaml"))
    ]


def reference(stem: str, key: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((SAMPLES / "reference" / f"{stem}.yaml").read_text("utf-8"))
    return list(data[key])


def zh(text: str | dict[str, str]) -> str:
    return text["zh-CN"] if isinstance(text, dict) else text


@pytest.fixture(scope="module")
def sample_report() -> dict[str, Any]:
    code, out, err = report("--format", "json", str(SAMPLES))
    assert code == 0, err
    return json.loads(out)


def test_online_depth_visits_and_instant_approval_match_the_yaml(
    sample_report: dict[str, Any],
) -> None:
    """Guides by online_depth, visits 0 / ≤1 / more, 秒批 and 秒报 are counted as in the files."""
    guides = sample_guides()
    total = sample_report["total"]
    assert total["guides"] == len(guides) == 32
    depth = Counter(g["online_depth"] for g in guides)
    for level, tally in total["online_depth"].items():
        assert (level, tally["count"], tally["total"]) == (level, depth[level], len(guides))
    assert total["online_depth"]["fully_online"]["share"] == round(
        depth["fully_online"] / len(guides), 4
    )
    assert total["visits"]["zero"]["count"] == sum(g["visits"] == 0 for g in guides)
    assert total["visits"]["at_most_one"]["count"] == sum(g["visits"] <= 1 for g in guides)
    more = [g for g in guides if g["visits"] > 1]
    assert total["visits"]["more"]["count"] == len(more) > 0
    assert sorted(r["reason"] for r in total["visits"]["reasons"]) == sorted(
        zh(g["visit_reason"]) for g in more
    )
    kinds = Counter(g["instant_approval"] for g in guides)
    assert (
        total["instant"]["instant_approval"]["count"] == kinds["instant_approval"] + kinds["both"]
    )
    assert total["instant"]["instant_filing"]["count"] == kinds["instant_filing"] + kinds["both"]


def test_e_licences_and_channels_match_the_yaml(sample_report: dict[str, Any]) -> None:
    """Materials an e-licence replaces, guides with no paper, the top e-licences, channels."""
    guides = sample_guides()
    total = sample_report["total"]
    materials = [m for g in guides for m in g["materials"]]
    licensed = [m for m in materials if m.get("e_licence")]
    assert total["e_licences"]["materials"] == len(materials)
    assert total["e_licences"]["materials_replaced"]["count"] == len(licensed)
    no_paper = sum(
        all(m.get("e_licence") or m.get("form") == "electronic" for m in g["materials"])
        for g in guides
    )
    assert total["e_licences"]["guides_no_paper"]["count"] == no_paper
    uses = Counter(m["e_licence"] for m in licensed)
    top = sample_report["e_licences_most_used"]
    assert top[0]["id"] == uses.most_common(1)[0][0]
    assert {item["id"]: item["materials"] for item in top} == {
        item["id"]: uses[item["id"]] for item in top
    }
    for kind, tally in total["channels"].items():
        assert tally["count"] == sum(any(c["type"] == kind for c in g["channels"]) for g in guides)


def test_time_limits_are_compared_only_in_the_same_unit(sample_report: dict[str, Any]) -> None:
    """Totals and medians per unit over guides giving both limits in one unit; the rest apart."""
    by_unit: dict[str, list[tuple[float, float]]] = {}
    apart = 0
    for guide in sample_guides():
        limit = guide["time_limit"]
        statutory, promised = limit.get("statutory"), limit.get("promised")
        if statutory and promised and statutory["unit"] == promised["unit"]:
            by_unit.setdefault(statutory["unit"], []).append(
                (statutory["value"], promised["value"])
            )
        else:
            apart += 1
    found = sample_report["total"]["time_limits"]
    assert set(found["by_unit"]) == set(by_unit) >= {"working_days", "calendar_days"}
    for unit, pairs in by_unit.items():
        figures = found["by_unit"][unit]
        assert figures["compared"] == len(pairs)
        assert figures["statutory_total"] == sum(s for s, _ in pairs)
        assert figures["reduction_total"] == sum(s - p for s, p in pairs)
        assert figures["median_reduction"] == statistics.median(s - p for s, p in pairs)
    assert sum(t["count"] for t in found["not_compared"].values()) == apart > 0


def test_coverage_and_unused_reference_items_match_the_yaml(sample_report: dict[str, Any]) -> None:
    """Guides per topic, life event and audience; reference items no guide uses."""
    guides = sample_guides()
    coverage = sample_report["coverage"]
    topics = Counter(t for g in guides for t in g["topics"])
    assert {t["id"]: t["guides"] for t in coverage["topics"]} == {
        t["id"]: topics[t["id"]] for t in reference("topics", "topics")
    }
    events = Counter(e for g in guides for e in g.get("life_events", []))
    assert {e["id"]: e["guides"] for e in coverage["life_events"]} == {
        e["id"]: events[e["id"]] for e in reference("life-events", "life_events")
    }
    audiences = Counter(a for g in guides for a in set(g["audience"]))
    assert {k: v["count"] for k, v in coverage["audiences"].items() if v["count"]} == audiences
    offices = {o for g in guides for c in g["channels"] for o in c.get("offices", [])}
    assert [o["id"] for o in coverage["unused"]["offices"]] == sorted(
        o["id"] for o in reference("offices", "offices") if o["id"] not in offices
    )
    licences = {m["e_licence"] for g in guides for m in g["materials"] if m.get("e_licence")}
    licences |= {g["result"]["e_licence"] for g in guides if g.get("result", {}).get("e_licence")}
    assert [e["id"] for e in coverage["unused"]["e_licences"]] == sorted(
        e["id"] for e in reference("e-licences", "e_licences") if e["id"] not in licences
    )


def test_departments_and_accuracy_match_the_yaml(sample_report: dict[str, Any]) -> None:
    """Per department (lead department only), and missing English and overdue reviews."""
    guides = sample_guides()
    lead = Counter(g["department"] for g in guides)
    found = {d["id"]: d["figures"] for d in sample_report["departments"]}
    assert {k: f["guides"] for k, f in found.items()} == lead
    for dept, figures in found.items():
        mine = [g for g in guides if g["department"] == dept]
        assert figures["online_depth"]["fully_online"]["count"] == sum(
            g["online_depth"] == "fully_online" for g in mine
        )
    accuracy = sample_report["total"]["accuracy"]
    no_english = sum(not (isinstance(g["title"], dict) and g["title"].get("en")) for g in guides)
    assert accuracy["missing_english"]["count"] == no_english
    due = TODAY - dt.timedelta(days=365)
    assert accuracy["review_overdue"]["count"] == sum(
        dt.date.fromisoformat(str(g["reviewed"])) < due for g in guides
    )
    assert sample_report["online_service_effectiveness"]["computable"] is False
    assert "satisfaction_ratings" in sample_report["online_service_effectiveness"]["needs"]


def test_text_is_the_default_and_csv_has_one_row_per_figure(sample_report: dict[str, Any]) -> None:
    """Text names the figures with counts and shares; CSV rows carry the same counts."""
    code, out, _ = report(str(SAMPLES))
    assert code == 0
    fully = sample_report["total"]["online_depth"]["fully_online"]
    assert f"  fully online: {fully['count']} of 32 ({100 * fully['share']:.1f}%)\n" in out
    assert "Online service effectiveness (在线服务成效度)" in out
    assert "satisfaction ratings" in out
    code, out, _ = report("--format", "csv", str(SAMPLES))
    assert code == 0
    rows = {(r["scope"], r["figure"]): r for r in csv.DictReader(io.StringIO(out))}
    row = rows[("total", "online_depth.fully_online")]
    assert (int(row["count"]), int(row["total"])) == (fully["count"], 32)
    dept = sample_report["departments"][0]
    assert int(rows[(f"department:{dept['id']}", "guides")]["count"]) == dept["figures"]["guides"]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample guides, in a temporary working directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLES, tmp_path / "guides")
    return tmp_path / "guides"


def edit(tree: Path, guide_id: str, **changes: Any) -> None:
    path = tree / "services" / f"{guide_id}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_compare_says_what_changed(tree: Path) -> None:
    """A guide that is no longer fully online shows as one fewer, in text and in JSON."""
    assert report("--format", "json", "--output", "old.json", "guides")[0] == 0
    edit(tree, "birth-medical-certificate", online_depth="online_submission")
    code, out, _ = report("--compare", "old.json", "guides")
    assert code == 0
    assert "Changes since the report of 2026-12-01\n  Whole catalogue\n" in out
    assert "    guides fully online (全程网办): 1 fewer (25 → 24)\n" in out
    assert "  Department: 临江市卫生健康委员会\n" in out
    code, out, _ = report("--format", "json", "--compare", "old.json", "guides")
    changes = json.loads(out)["compared_with"]["changes"]
    assert {
        "scope": "total",
        "figure": "online_depth.fully_online.count",
        "before": 25,
        "after": 24,
        "change": -1,
    } in changes
    code, out, _ = report("--format", "csv", "--compare", "old.json", "guides")
    rows = {(r["scope"], r["figure"]): r for r in csv.DictReader(io.StringIO(out))}
    assert rows[("total", "online_depth.fully_online")]["change"] == "-1"


def test_compare_with_no_change_says_so(tree: Path) -> None:
    """Comparing with a report of the same guides names no change."""
    report("--format", "json", "--output", "old.json", "guides")
    code, out, _ = report("--compare", "old.json", "guides")
    assert code == 0
    assert out.endswith("Changes since the report of 2026-12-01\n  no figure changed\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "old.json: no such file"),
        ("{not json", "old.json is not JSON (line 1, column 2: Expecting property name"),
        (
            '{"guides": 3}',
            "old.json is not a report made by `guides report --format json` (it has no "
            '`"report": "guides-service-capability-report"`)',
        ),
        (
            '{"report": "guides-service-capability-report", "format_version": 99}',
            "old.json is a report of format version 99; this version reads 1",
        ),
    ],
)
def test_compare_refuses_a_file_that_is_not_a_report(
    tree: Path, content: str | None, message: str
) -> None:
    """Not a file, not JSON, not a report, another version: exit 2 with what is wrong."""
    if content is not None:
        Path("old.json").write_text(content, "utf-8")
    code, out, err = report("--compare", "old.json", "guides")
    assert (code, out) == (2, "")
    assert err.startswith(f"guides report: cannot compare: {message}")


def test_output_replaces_the_file_whole(tree: Path) -> None:
    """--output writes the report, readable by others, and leaves no temporary file."""
    Path("figures.json").write_text("old content", "utf-8")
    code, out, _ = report("--format", "json", "--output", "figures.json", "guides")
    assert (code, out) == (0, "")
    assert json.loads(Path("figures.json").read_text("utf-8"))["total"]["guides"] == 32
    assert sorted(os.listdir(".")) == ["figures.json", "guides"]
    assert Path("figures.json").stat().st_mode & 0o044 == 0o044


def test_output_that_fails_leaves_the_old_file_and_no_half_file(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure before the rename keeps the previous report and removes the partial one."""
    Path("figures.json").write_text("old content", "utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, out, err = report("--format", "json", "--output", "figures.json", "guides")
    assert (code, out) == (2, "")
    assert err == "guides report: cannot write figures.json: No space left on device\n"
    assert Path("figures.json").read_text("utf-8") == "old content"
    assert sorted(os.listdir(".")) == ["figures.json", "guides"]


def test_output_into_a_missing_folder_cannot_run(tree: Path) -> None:
    """A folder that does not exist is a clear error (exit 2), not a traceback."""
    code, _, err = report("--output", "nowhere/figures.txt", "guides")
    assert code == 2
    assert err.startswith("guides report: cannot write nowhere/figures.txt: ")


def test_guides_with_errors_are_left_out_and_named(tree: Path) -> None:
    """A guide with a broken reference is left out of the figures and named; exit 1."""
    edit(tree, "birth-medical-certificate", department="nowhere", related=["no-such-guide"])
    code, out, err = report("--format", "json", "guides")
    assert code == 1
    data = json.loads(out)
    assert data["total"]["guides"] == 31
    assert data["skipped"] == {
        "guides": 1,
        "broken_references": 1,
        "files": [
            {
                "file": "guides/services/birth-medical-certificate.yaml",
                "errors": 2,
                "broken_references": 2,
            }
        ],
    }
    assert "1 guide file(s) with errors were left out of the figures" in err
    code, out, _ = report("guides")
    assert "    guides/services/birth-medical-certificate.yaml\n" in out


def test_errors_in_reference_data_stop_the_report(tree: Path) -> None:
    """Every figure depends on the reference data: an error there prints it, exit 1."""
    path = tree / "reference" / "topics.yaml"
    path.write_text(path.read_text("utf-8").replace("topics:", "topicz:", 1), "utf-8")
    code, out, err = report("guides")
    assert (code, out) == (1, "")
    assert "guides/reference/topics.yaml:" in err
    assert "the reference data has errors" in err


def test_a_missing_guides_folder_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No guides folder: exit 2 and say so."""
    monkeypatch.chdir(tmp_path)
    code, _, err = report("guides")
    assert (code, err) == (2, "guides report: cannot run: guides: no such directory\n")


def test_warnings_are_counted_per_guide(tree: Path) -> None:
    """A guide overdue for review has a warning: both accuracy figures count it once."""
    edit(tree, "birth-medical-certificate", reviewed="2024-01-02", updated="2024-01-01")
    code, out, _ = report("--format", "json", "guides")
    assert code == 0
    accuracy = json.loads(out)["total"]["accuracy"]
    assert accuracy["with_warnings"]["count"] == 1
    assert accuracy["review_overdue"]["count"] == 1


def test_compare_names_a_department_that_no_longer_leads_a_guide(tree: Path) -> None:
    """Moving a department's only guide away shows its figures falling to nothing."""
    report("--format", "json", "--output", "old.json", "guides")
    old = json.loads(Path("old.json").read_text("utf-8"))
    singles = [d for d in old["departments"] if d["figures"]["guides"] == 1]
    # A move the accuracy rules accept: the guide's offices also serve the new department and
    # no e-licence it issues names the old one (a refused guide would be left out instead).
    for single in singles:
        guide = next(
            yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((tree / "services").glob("*.yaml"))
            if yaml.safe_load(p.read_text("utf-8"))["department"] == single["id"]
        )
        original = (tree / "services" / f"{guide['id']}.yaml").read_text("utf-8")
        for other in (d["id"] for d in old["departments"] if d["id"] != single["id"]):
            edit(tree, guide["id"], department=other)
            code, out, _ = report("--compare", "old.json", "guides")
            if code == 0:
                break
        if code == 0:
            break
        (tree / "services" / f"{guide['id']}.yaml").write_text(original, "utf-8")
    assert code == 0
    assert f"  Department: {single['name']}\n    guides: 1 fewer (1 → 0)\n" in out


def test_a_tree_without_guides_has_shares_of_nothing(tree: Path) -> None:
    """No guides: every count is 0 and every share null (JSON) or left out (text)."""
    for path in (tree / "services").glob("*.yaml"):
        path.unlink()
    code, out, _ = report("--format", "json", "guides")
    assert code == 0
    total = json.loads(out)["total"]
    assert total["guides"] == 0
    assert total["online_depth"]["fully_online"] == {"count": 0, "total": 0, "share": None}
    assert total["time_limits"]["by_unit"] == {}
    code, out, _ = report("guides")
    assert "  fully online: 0 of 0\n" in out
