#!/usr/bin/env python3
"""Check that every entry of a held-back content-mistakes set still applies.

For each entry: copy the repository's guides/ into a temporary folder, apply the
find/replace edit to the named file, and check that

- the find string occurs exactly once in the original file and the edit changes it;
- the edited file still parses as YAML and every value that exists both before
  and after the edit keeps its type (no string turned into a number, and so on);
- the reported `line` (1-based, in the edited file) lies on, or next to, the
  lines covered by the replacement text.

It also checks the shape of each entry and the minimum count for each kind.
This script never runs the validator and never changes the repository.

Usage: python3 tests/eval/heldback/apply_check.py [content-mistakes.yaml ...]
Standard library and PyYAML only. Exit status 0 when every entry applies.
"""

from __future__ import annotations

import collections
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

MIN_COUNTS = {
    "text-vs-data": 8,
    "english": 8,
    "accessibility": 3,
    "hours": 12,
    "references": 10,
    "materials": 8,
    "e-licence": 6,
    "time-limit": 8,
    "links": 6,
    "fees": 4,
    "correct": 8,
}
REQUIRED_KEYS = ("id", "file", "find", "replace", "line", "kind", "why")


def type_paths(node, path=()):
    """Yield (path, type name) for every node of a parsed YAML document."""
    yield path, type(node).__name__
    if isinstance(node, dict):
        for key, value in node.items():
            yield from type_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from type_paths(value, (*path, index))


def check_entry(entry: dict, guides_src: Path) -> list[str]:
    problems = []
    missing = [k for k in REQUIRED_KEYS if k not in entry]
    if missing:
        return [f"missing keys {missing}"]
    if entry["kind"] not in MIN_COUNTS:
        problems.append(f"unknown kind {entry['kind']!r}")
    if not isinstance(entry["line"], int) or entry["line"] < 1:
        return [*problems, "line must be a positive integer"]
    rel = Path(entry["file"])
    if rel.parts[0] != "guides" or ".." in rel.parts:
        return [*problems, f"file must be under guides/: {rel}"]
    find, replace = entry["find"], entry["replace"]
    if find == replace:
        problems.append("find and replace are the same")

    with tempfile.TemporaryDirectory() as tmp:
        guides = Path(tmp) / "guides"
        shutil.copytree(guides_src, guides)
        target = Path(tmp) / rel
        if not target.is_file():
            return [*problems, f"no such file {rel}"]
        original = target.read_text(encoding="utf-8")
        count = original.count(find)
        if count != 1:
            return [*problems, f"find string occurs {count} times, not once"]
        start = original.index(find)
        edited = original[:start] + replace + original[start + len(find) :]
        target.write_text(edited, encoding="utf-8")

        try:
            after = yaml.safe_load(target.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            return [*problems, f"edited file does not parse: {exc}"]
        before = yaml.safe_load(original)
        before_types = dict(type_paths(before))
        for path, type_name in type_paths(after):
            if path in before_types and before_types[path] != type_name:
                problems.append(
                    f"type of {'/'.join(map(str, path)) or '<root>'} changed "
                    f"from {before_types[path]} to {type_name}"
                )

        first = edited.count("\n", 0, start) + 1
        body = replace.rstrip("\n") or replace
        last = first + body.count("\n")
        if not first - 1 <= entry["line"] <= last + 1:
            problems.append(
                f"line {entry['line']} is not on or next to the edited lines {first}-{last}"
            )
    return problems


def main(argv: list[str]) -> int:
    sets = [Path(a) for a in argv] or sorted(HERE.glob("content-mistakes*.yaml"))
    guides_src = REPO / "guides"
    failed = 0
    for set_path in sets:
        data = yaml.safe_load(set_path.read_text(encoding="utf-8"))
        entries = data.get("mistakes") or []
        ids = collections.Counter(e.get("id") for e in entries)
        for dup in [i for i, n in ids.items() if n > 1]:
            print(f"{set_path.name}: duplicate id {dup}")
            failed += 1
        for entry in entries:
            for problem in check_entry(entry, guides_src):
                print(f"{set_path.name}: {entry.get('id')}: {problem}")
                failed += 1
        kinds = collections.Counter(e.get("kind") for e in entries)
        for kind, minimum in MIN_COUNTS.items():
            if kinds[kind] < minimum:
                print(f"{set_path.name}: only {kinds[kind]} entries of kind {kind}, need {minimum}")
                failed += 1
        mistakes = sum(n for k, n in kinds.items() if k != "correct")
        summary = ", ".join(f"{k} {kinds[k]}" for k in MIN_COUNTS)
        print(
            f"{set_path.name}: {len(entries)} entries ({mistakes} mistakes, "
            f"{kinds['correct']} correct): {summary}"
        )
    print("all entries apply" if not failed else f"{failed} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
