"""How many of the seeded accuracy defects does the validator catch at the right line?

    .venv/bin/python benchmarks/accuracy_set.py [--verbose]

For each entry of tests/eval/accuracy/defects.yaml, apply its find-and-replace edit to a
temporary copy of guides/, run validate_tree on the copy and compare with the problems of
the unedited copy. A defect is caught "at the line" when a new problem in the edited file
lies within one line of the entry's `line` or within the lines the edit changed (computed
here, so an entry stays right when the sample above it grows); "elsewhere" when its new
problems are all at other lines; "missed" when there is none. For `kind: correct` entries
any new problem in any file is a false alarm. The unedited samples must have no problem.

This set is tuned: the rules were written looking at it. The held-back set is measured
by benchmarks/heldback_validate.py.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.seeded_edits import Validator, changed_lines, new_problems  # noqa: E402
from generator.validate.problems import Problem  # noqa: E402

SET = REPO / "tests" / "eval" / "accuracy" / "defects.yaml"
TODAY = date(2026, 12, 1)  # the day the sample guides are checked against elsewhere
NEAR = 1
OUTCOMES = ("at the line", "elsewhere", "missed")


@dataclass(frozen=True)
class Outcome:
    """What the validator said about one edit."""

    entry: dict[str, Any]
    new: list[Problem]
    outcome: str


def load_entries(path: Path = SET) -> list[dict[str, Any]]:
    """Return the entries of the seeded set."""
    # libyaml's loader where PyYAML has it: the pure-Python one took 2.4 s over the set.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return list(yaml.load(path.read_text(encoding="utf-8"), Loader=loader)["mistakes"])


def _same_file(problem: Problem, target: Path) -> bool:
    return Path(problem.file).name == target.name and Path(problem.file).parent.name == (
        target.parent.name
    )


def measure(entries: list[dict[str, Any]]) -> tuple[list[Problem], list[Outcome]]:
    """Apply every entry, one at a time; return the unedited problems and the outcomes."""
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="accuracy-set-") as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "guides", root / "guides")
        validate = Validator(TODAY)
        baseline = validate(root / "guides")
        for entry in entries:
            target = root / entry["file"]
            original = target.read_text(encoding="utf-8")
            if original.count(entry["find"]) != 1:
                raise SystemExit(f"{entry['id']}: the find string is not in {entry['file']} once")
            edited = original.replace(entry["find"], entry["replace"], 1)
            target.write_text(edited, encoding="utf-8")
            try:
                after = validate(root / "guides")
            finally:
                target.write_text(original, encoding="utf-8")
            new = new_problems(baseline, after)
            if entry["kind"] == "correct":
                outcomes.append(Outcome(entry, new, "missed" if not new else "elsewhere"))
                continue
            new = [p for p in new if _same_file(p, target)]
            span = changed_lines(original, edited)
            if not new:
                outcome = "missed"
            elif any(
                abs(p.line - entry["line"]) <= NEAR
                or span.start - NEAR <= p.line < span.stop + NEAR
                for p in new
            ):
                outcome = "at the line"
            else:
                outcome = "elsewhere"
            outcomes.append(Outcome(entry, new, outcome))
    return baseline, outcomes


def summary(baseline: list[Problem], outcomes: list[Outcome]) -> dict[str, Any]:
    """Recall at the line per kind, false alarms, and problems on the unedited samples."""
    by_kind: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for o in outcomes:
        if o.entry["kind"] != "correct":
            by_kind[o.entry["kind"]][o.outcome] += 1
    defects = [o for o in outcomes if o.entry["kind"] != "correct"]
    caught = sum(o.outcome == "at the line" for o in defects)
    return {
        "defects": len(defects),
        "caught": caught,
        "recall": caught / len(defects) if defects else 1.0,
        "by_kind": by_kind,
        "false_alarms": [o for o in outcomes if o.entry["kind"] == "correct" and o.new],
        "correct": sum(o.entry["kind"] == "correct" for o in outcomes),
        "baseline": baseline,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per entry")
    parser.add_argument(
        "--only",
        metavar="PREFIX",
        action="append",
        help="only the entries whose id starts with PREFIX (repeatable: --only r5- --only ok-)",
    )
    args = parser.parse_args(argv)
    entries = load_entries()
    if args.only:
        entries = [e for e in entries if str(e["id"]).startswith(tuple(args.only))]
    baseline, outcomes = measure(entries)
    result = summary(baseline, outcomes)
    print(f"unedited samples: {len(baseline)} problem(s)")
    print(
        f"defects caught at the line: {result['caught']} of {result['defects']} "
        f"({result['recall']:.0%})"
    )
    width = max(len(kind) for kind in result["by_kind"])
    for kind in sorted(result["by_kind"]):
        counts = result["by_kind"][kind]
        cells = ", ".join(f"{label} {counts[label]}" for label in OUTCOMES)
        print(f"  {kind:<{width}}  {sum(counts.values()):>3}: {cells}")
    print(f"false alarms: {len(result['false_alarms'])} of {result['correct']} correct edits")
    for o in outcomes:
        if args.verbose or o.outcome != "at the line" or o in result["false_alarms"]:
            if o.entry["kind"] == "correct" and not o.new:
                continue
            said = f"{o.new[0].line}: {o.new[0].message}" if o.new else "-"
            print(f"    {o.entry['id']:<7} line {o.entry['line']:>4}  {o.outcome:<11}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
