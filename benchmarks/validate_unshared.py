"""What validation costs a guide when no text is shared between guides, as in a real office.

    .venv/bin/python benchmarks/validate_unshared.py [N] [--before DIR] [--repeat 2]

The synthetic guides of `benchmarks/validate.py` are copies of the 32 samples: all but a
few texts of each (its title, its id) were met in an earlier guide, and the rules remember
for the run what each text gave (rules/walk.py, the `lru_cache`s of the claim finders and
gates, `walk.Quiet`). A real office's guides share their enum values, ids, hotlines and
some notes, but not their summaries, steps, answers and notes, so the synthetic figure
is a lower bound of theirs. This script validates N synthetic guides in one process
(`validate_tree(workers=1)`) in two ways, each in a fresh process:

- **as is**: what `benchmarks/validate.py` measures, in one process;
- **unshared**: everything the rules remember per text forgotten before each guide (every
  `lru_cache` of `generator.validate` holding 16,384 entries or more, which are the ones
  keyed by a text; the walk's memos; every `walk.Quiet`; the licences each English clause
  was found to name): each guide costs what it would if none of its texts had been seen
  before, an upper bound for a real office.

It prints the CPU seconds and the µs per guide of each. `--before DIR` (an exported copy
of an earlier commit: `git archive COMMIT | tar -x -C DIR`) runs that code too, in turns
with this checkout's. CPU time swings with the load of a shared machine: compare runs
made in turns, or count instructions (`valgrind --tool=callgrind` on the child command).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.synthetic import make_synthetic_tree  # noqa: E402

_TEXT_CACHES = 16_384
"""The caches keyed by a text hold this many entries or more; those keyed by the reference
data or a word list (a few entries) are kept, as a real run keeps them."""


def _child(guides: Path, unshared: bool) -> None:
    """Validate `guides` here and print CPU seconds and the number of problems."""
    import functools
    import gc
    import time
    from datetime import date

    import generator.validate.rules.accuracy.material_asks as material_asks
    import generator.validate.rules.walk as walk
    import generator.validate.tree as tree

    caches = [
        thing
        for thing in gc.get_objects()
        if isinstance(thing, functools._lru_cache_wrapper)
        and str(getattr(thing, "__module__", "")).startswith("generator.validate")
        and (thing.cache_parameters()["maxsize"] or 0) >= _TEXT_CACHES
    ]
    rules = [thing for thing in gc.get_objects() if isinstance(thing, walk.TextRules)]
    quiets = [thing for thing in gc.get_objects() if isinstance(thing, walk.Quiet)]
    checking = tree.check_guide
    forgot = [0.0]

    def forgetting(*given: object, **named: object) -> object:
        began = time.process_time()
        for cache in caches:
            cache.cache_clear()
        for text_rules in rules:
            text_rules.wanted = {}
            text_rules._clean = walk.Quiet()
        for quiet in quiets:
            quiet._clean = (object(), set())
        clauses = getattr(material_asks, "_CATALOGUE", (None, None))[1]
        if hasattr(clauses, "found"):  # what each clause names (code from before: none)
            clauses.found.clear()
        forgot[0] += time.process_time() - began  # not the guide's: taken off below
        return checking(*given, **named)  # type: ignore[arg-type]

    if unshared:
        tree.check_guide = forgetting  # type: ignore[assignment]
    started = time.process_time()
    result = tree.validate_tree(guides, workers=1, keep_data=False, today=date(2026, 12, 1))
    print(f"{time.process_time() - started - forgot[0]:.3f} {len(result.problems)}")


def _run(guides: Path, unshared: bool, code: Path | None) -> tuple[float, int]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(guides)]
    if unshared:
        command.append("--unshared")
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    seconds, problems = out.split()
    return float(seconds), int(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=500, help="how many guides")
    parser.add_argument("--before", type=Path, help="an exported copy of an earlier commit")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--unshared", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        _child(args.child, args.unshared)
        return 0
    codes: list[tuple[str, Path | None]] = [("this", None)]
    if args.before is not None:
        codes.insert(0, ("before", args.before))
    print(f"{'code':>7} {'texts':>9} {'CPU s':>7} {'µs/guide':>9} {'problems':>8}")
    with tempfile.TemporaryDirectory(prefix="guides-unshared-") as folder:
        guides = make_synthetic_tree(args.n, Path(folder))
        for _ in range(args.repeat):
            for unshared in (False, True):
                for name, code in codes:
                    seconds, problems = _run(guides, unshared, code)
                    print(
                        f"{name:>7} {'unshared' if unshared else 'as is':>9} {seconds:>7.2f} "
                        f"{seconds / args.n * 1e6:>9.0f} {problems:>8}",
                        flush=True,
                    )
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
