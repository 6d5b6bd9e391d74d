"""What a seeded edit changed, and what the validator newly said about it.

Shared by the scripts that apply seeded mistakes to copies of the sample guides and
measure the validator (benchmarks/accuracy_set.py for the tuned accuracy set,
benchmarks/heldback_validate.py for the held-back sets), so both count the same way.
"""

from __future__ import annotations

import collections
from datetime import date
from pathlib import Path

from generator.source.cache import ResultStore
from generator.validate.problems import Problem
from generator.validate.tree import validate_tree


class Validator:
    """Validates one guides tree again and again, as an editor's saves do, on a fixed day.

    The result of each file whose bytes and reference data have not changed since an
    earlier call comes from an in-memory results cache (generator/source/cache.py, whose
    keys leave no room for a stale answer), so an edit to one guide costs the validation
    of that guide and the rules across files; an edit to reference data changes every
    key and validates the whole tree, as it must. The problems are those of an uncached
    run: tests/test_validate_cache.py holds the cache to that."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today
        self.store = ResultStore(None)

    def __call__(self, guides: Path) -> list[Problem]:
        return validate_tree(
            guides, today=self.today, workers=1, keep_data=False, cache=self.store
        ).problems


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common start of a and b, by halving: slices compare in C
    (a loop over characters took 6 ms for each edit of the seeded set, a tenth of its run)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common end of a and b, at most limit."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def changed_lines(old: str, new: str) -> range:
    """1-based lines of `new` from the first to the last character that differs from `old`."""
    start = _common_prefix(old, new)
    end = _common_suffix(old, new, min(len(old), len(new)) - start)
    first = new.count("\n", 0, start) + 1
    last = new.count("\n", 0, max(start, len(new) - end)) + 1
    return range(first, last + 1)


def problem_key(problem: Problem) -> tuple[str, str, str, str, str]:
    """A problem without its position, so that an edit which moves lines moves nothing else."""
    return (problem.file, str(problem.severity), problem.path, problem.message, problem.hint)


def new_problems(before: list[Problem], after: list[Problem]) -> list[Problem]:
    """Problems of `after` that `before` does not have (as a multiset, positions aside)."""
    left = collections.Counter(problem_key(p) for p in before)
    new = []
    for problem in sorted(after):
        if left[problem_key(problem)]:
            left[problem_key(problem)] -= 1
        else:
            new.append(problem)
    return new
