"""CPU time the accuracy rules take per guide, on N synthetic guides, in one process.

    .venv/bin/python benchmarks/accuracy_cost.py [N] [--runs 3]

Makes a synthetic tree (benchmarks/synthetic.py), validates it once to load everything,
then times `validate_tree(workers=1)` again `--runs` times with the rules' remembered
answers (their lru caches) emptied before each run, as in a fresh `guides validate`. The
accuracy rules of a guide (`check_guide_accuracy`) are timed with `time.process_time`
around each call, no profiler; the least of the runs is printed, with the whole
validation's CPU for scale. To compare two versions on a busy machine, run the script of
each in turn, several times (issue 15 budgets the whole validation: ≤ 3 s for 10,000).
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import generator.validate.rules.guide as guide_rules  # noqa: E402
from benchmarks.synthetic import make_synthetic_tree  # noqa: E402
from generator.validate.tree import validate_tree  # noqa: E402

TODAY = date(2026, 12, 1)


def _forget() -> None:
    """Empty every lru cache of the generator's modules (a fresh process starts empty)."""
    for thing in gc.get_objects():
        if isinstance(thing, functools._lru_cache_wrapper) and str(
            getattr(thing, "__module__", "")
        ).startswith("generator"):
            thing.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000, help="how many guides")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    spent = [0.0]
    rules = guide_rules.check_guide_accuracy

    def timed(*given: Any, **named: Any) -> None:
        started = time.process_time()
        try:
            rules(*given, **named)
        finally:
            spent[0] += time.process_time() - started

    guide_rules.check_guide_accuracy = timed  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="accuracy-cost-") as tmp:
        guides = make_synthetic_tree(args.n, Path(tmp))
        validate_tree(guides, today=TODAY, workers=1, keep_data=False)
        runs = []
        for _ in range(args.runs):
            _forget()
            spent[0] = 0.0
            started = time.process_time()
            result = validate_tree(guides, today=TODAY, workers=1, keep_data=False)
            runs.append((spent[0], time.process_time() - started, len(result.problems)))
    rules_cpu, total, problems = min(runs)
    print(
        f"{args.n} guides, validate_tree(workers=1): accuracy rules {rules_cpu:.2f} s CPU "
        f"= {rules_cpu / args.n * 1e3:.2f} ms a guide, {rules_cpu / total:.0%} of the "
        f"validation's {total:.2f} s CPU (least of {args.runs} runs); {problems} problem(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
