#!/usr/bin/env python3
"""Apply every held-back YAML mistake to a temporary copy of its guide and check the entry.

For each entry in yaml-mistakes.yaml (next to this script) it checks that:

* the guide exists and its untouched text loads with yaml.safe_load;
* ``find`` occurs exactly once in the guide (the text is read byte-exactly,
  with no newline translation, so byte edits such as CRLF or a BOM are real);
* the first character the edit changes lies on the declared ``line``
  (1-based, counted in the edited file, which is the file the editor sees);
* yaml.safe_load on the edited copy succeeds or fails as ``parses`` says;
* for an edit that does not parse, ``pyyaml_line`` is the line PyYAML names in
  its error (recorded only for comparison: it is where a parser notices, not
  where the editor must act).

The guides themselves are never written to; each edit goes to a fresh copy in a
temporary directory.  Standard library and PyYAML only.

Usage:  python tests/eval/heldback/apply_yaml_check.py [--verbose] [--set FILE]
Exit status 0 when every entry applies and matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SET_FILE = os.path.join(HERE, "yaml-mistakes.yaml")

REQUIRED = ("id", "file", "find", "replace", "line", "kind", "parses", "message_should_say")


def read_text(path: str) -> str:
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8")


def write_text(path: str, text: str) -> None:
    with open(path, "wb") as fh:
        fh.write(text.encode("utf-8"))


def first_changed_line(old: str, new: str) -> int:
    """1-based line, in ``new``, of the first character where ``new`` differs from ``old``."""
    i = 0
    limit = min(len(old), len(new))
    while i < limit and old[i] == new[i]:
        i += 1
    return new.count("\n", 0, i) + 1


def try_load(path: str):
    """Return (parses, pyyaml_line or None, error message or None)."""
    try:
        with open(path, "rb") as fh:
            yaml.safe_load(fh)
        return True, None, None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return False, (mark.line + 1 if mark else None), str(exc).splitlines()[0]
    except yaml.YAMLError as exc:  # unmarked errors
        return False, None, str(exc).splitlines()[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="print one line per entry")
    ap.add_argument(
        "--set", default=SET_FILE, help="mistake set to check (default: yaml-mistakes.yaml here)"
    )
    args = ap.parse_args()

    with open(args.set, "rb") as fh:
        doc = yaml.safe_load(fh)
    mistakes = doc.get("mistakes") or []
    failures: list[str] = []
    seen_ids: set[str] = set()
    kinds: collections.Counter = collections.Counter()
    silent = 0

    with tempfile.TemporaryDirectory(prefix="heldback-yaml-") as tmp:
        for n, m in enumerate(mistakes, 1):
            mid = m.get("id", f"#{n}")
            missing = [k for k in REQUIRED if k not in m]
            if missing:
                failures.append(f"{mid}: missing field(s) {', '.join(missing)}")
                continue
            if mid in seen_ids:
                failures.append(f"{mid}: duplicate id")
            seen_ids.add(mid)

            src = os.path.join(REPO, m["file"])
            if not m["file"].startswith("guides/services/") or not os.path.isfile(src):
                failures.append(f"{mid}: no such guide {m['file']}")
                continue
            original = read_text(src)
            ok, _, err = try_load(src)
            if not ok:
                failures.append(f"{mid}: the untouched guide does not load: {err}")
                continue

            find, replace = m["find"], m["replace"]
            count = original.count(find)
            if count != 1:
                failures.append(
                    f"{mid}: find occurs {count} times in {m['file']} (must be exactly once)"
                )
                continue
            if find == replace:
                failures.append(f"{mid}: replace is identical to find")
                continue
            edited = original.replace(find, replace, 1)

            line = first_changed_line(original, edited)
            if line != m["line"]:
                failures.append(
                    f"{mid}: declared line {m['line']} but the edit starts on line {line}"
                )

            dst = os.path.join(tmp, mid, m["file"])
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            write_text(dst, edited)
            parses, pline, err = try_load(dst)
            if parses != m["parses"]:
                failures.append(
                    f"{mid}: parses is {m['parses']} but yaml.safe_load says {parses} ({err})"
                )
            if not parses and m.get("pyyaml_line") != pline:
                failures.append(
                    f"{mid}: pyyaml_line is {m.get('pyyaml_line')} but PyYAML reports line {pline}"
                )
            if parses and "pyyaml_line" in m:
                failures.append(f"{mid}: pyyaml_line given for an edit that parses")

            kinds[m["kind"]] += 1
            silent += bool(parses)
            if args.verbose:
                where = "parses" if parses else f"fails, PyYAML line {pline}: {err}"
                print(f"{mid:12} line {m['line']:>4}  {m['kind']:26} {where}")

    print(f"{len(mistakes)} mistakes, {len(kinds)} kinds, {silent} parse silently")
    for kind, c in sorted(kinds.items()):
        print(f"  {kind:28} {c}")
    if failures:
        print(f"\n{len(failures)} problem(s):", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        return 1
    print("every entry applies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
