"""How many of the held-back mistakes does the validator catch, and where does it say so?

    .venv/bin/python benchmarks/heldback_validate.py [--verbose]

For each entry of tests/eval/heldback/yaml-mistakes.yaml, content-mistakes.yaml, -2,
-3 and -4 (each set reported apart), apply its find-and-replace edit to a
temporary copy of guides/ (byte-exact, as the sets' apply scripts do), run validate_tree on
the copy and compare with the problems of the unedited copy. A mistake is caught "at the
line" when a new problem (error or warning) in the edited file lies within one line of the
entry's `line`, "elsewhere" when the new problems in that file are all at other lines, and
"missed" when there is none. For `kind: correct` entries any new problem is a false alarm.
For the YAML set it also counts the new messages written in Chinese: any CJK character, and
CJK outside `quoted` guide text.

A second figure counts "at the edit": within one line of the lines the edit changed in
today's guides. The declared lines predate the `$schema` comment the sample guides gained
on their first line, so they can sit one line above the edit. Entries whose find string no
longer occurs exactly once are listed as not applying, never fixed here.

The sets are held back: this script only measures with them (tests/eval/heldback/README.md).
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.seeded_edits import Validator, changed_lines, new_problems  # noqa: E402
from generator.validate.problems import Problem  # noqa: E402

HELDBACK = REPO / "tests" / "eval" / "heldback"
SETS = (
    "yaml-mistakes.yaml",
    "content-mistakes.yaml",
    "content-mistakes-2.yaml",
    "content-mistakes-3.yaml",
    "content-mistakes-4.yaml",
)
#: 2026-12-01 00:00 UTC, the date the sample guides are checked against elsewhere.
SOURCE_DATE_EPOCH = "1796083200"
NEAR = 1
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
QUOTED = re.compile(r"`[^`]*`")

OUTCOMES = ("at the line", "elsewhere", "missed")


@dataclass(frozen=True)
class Outcome:
    """What the validator said about one edited guide."""

    entry: dict
    new: list[Problem]
    outcome: str
    at_edit: bool


def _in_file(problem: Problem, target: Path) -> bool:
    """True when the problem is about `target` (the validator may name it relative to cwd)."""
    return (Path.cwd() / problem.file).resolve() == target.resolve()


_validate = Validator()
"""Every set is measured on the same copy: a guide edit revalidates that guide only."""


def _apply(entry: dict, root: Path) -> tuple[Path, bytes, range] | None:
    """Apply the entry's edit under root; return the file, its old bytes and changed lines."""
    target = root / entry["file"]
    original = target.read_bytes()
    text = original.decode("utf-8")
    if text.count(entry["find"]) != 1:
        return None
    edited = text.replace(entry["find"], entry["replace"], 1)
    target.write_bytes(edited.encode("utf-8"))
    return target, original, changed_lines(text, edited)


def measure(set_path: Path, root: Path, baseline: list[Problem]) -> tuple[list[Outcome], list[str]]:
    """Apply every entry of one set, one at a time, to the copy under root.

    Return the outcomes and the ids of the entries that no longer apply.
    """
    data = yaml.safe_load(set_path.read_text(encoding="utf-8"))
    outcomes, stale = [], []
    for entry in data["mistakes"]:
        applied = _apply(entry, root)
        if applied is None:
            stale.append(entry["id"])
            continue
        target, original, changed = applied
        try:
            after = _validate(root / "guides")
        finally:
            target.write_bytes(original)
        new = [p for p in new_problems(baseline, after) if _in_file(p, target)]
        if not new:
            outcome = "missed"
        elif any(abs(p.line - entry["line"]) <= NEAR for p in new):
            outcome = "at the line"
        else:
            outcome = "elsewhere"
        at_edit = any(changed.start - NEAR <= p.line < changed.stop + NEAR for p in new)
        outcomes.append(Outcome(entry, new, outcome, at_edit))
    return outcomes, stale


def report(
    name: str, outcomes: list[Outcome], stale: list[str], *, chinese: bool, verbose: bool
) -> None:
    """Print caught/missed per kind, false alarms and, for the YAML set, Chinese messages."""
    mistakes = [o for o in outcomes if o.entry["kind"] != "correct"]
    correct = [o for o in outcomes if o.entry["kind"] == "correct"]
    by_kind: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for o in mistakes:
        by_kind[o.entry["kind"]][o.outcome] += 1
    total = collections.Counter(o.outcome for o in mistakes)
    n = len(mistakes)
    print(f"\n{name}: {n} mistakes, {len(correct)} correct edits measured")
    if stale:
        print(f"  not applying (find string not found exactly once): {', '.join(stale)}")
    print(
        "  all: "
        + ", ".join(f"{label} {total[label]} ({total[label] / n:.0%})" for label in OUTCOMES)
        if n
        else "  no mistakes"
    )
    at_edit = sum(o.at_edit for o in mistakes)
    if n:
        print(f"  at the edit (lines it changed, ±{NEAR}): {at_edit} ({at_edit / n:.0%})")
    width = max((len(k) for k in by_kind), default=0)
    for kind in sorted(by_kind):
        counts = by_kind[kind]
        cells = ", ".join(f"{label} {counts[label]}" for label in OUTCOMES)
        print(f"  {kind:<{width}}  {sum(counts.values()):>3}: {cells}")
    alarms = [o for o in correct if o.new]
    if correct:
        print(f"  false alarms: {len(alarms)} of {len(correct)} correct edits")
    if chinese:
        messages = [p.message for o in mistakes for p in o.new]
        any_cjk = sum(bool(CJK.search(m)) for m in messages)
        own_cjk = sum(bool(CJK.search(QUOTED.sub("", m))) for m in messages)
        print(
            f"  messages in Chinese: {any_cjk} of {len(messages)} new messages have a CJK "
            f"character, {own_cjk} outside `quoted` guide text"
        )
    if verbose:
        for o in outcomes:
            first = o.new[0] if o.new else None
            said = f"{first.line}: {first.message}" if first else "-"
            print(f"    {o.entry['id']:<24} line {o.entry['line']:>4}  {o.outcome:<11}  {said}")
    for o in alarms:
        print(f"    false alarm {o.entry['id']}: {o.new[0].line}: {o.new[0].message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per entry")
    args = parser.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    with tempfile.TemporaryDirectory(prefix="heldback-validate-") as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "guides", root / "guides")
        baseline = _validate(root / "guides")
        print(f"unedited guides: {len(baseline)} problem(s)")
        for name in SETS:
            outcomes, stale = measure(HELDBACK / name, root, baseline)
            report(name, outcomes, stale, chinese=name.startswith("yaml"), verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
