"""Print what `guides validate --no-cache --format json` says about a fixed set of trees, so
that a change meant only to make validation faster can be shown to change nothing it says.

    .venv/bin/python benchmarks/validate_identity.py OUT.txt [--code DIR] [--compare OLD.txt]
        [--root DIR]

The trees are made under a fixed folder (/tmp/guides-identity, or `--root`, the same for
the runs compared, so that the file names in the output are the same from run to run)
and checked with SOURCE_DATE_EPOCH fixed, in both languages of the messages:

- `samples`: guides/ with every fixture of tests/fixtures/guides/ (valid and invalid)
  copied among the services;
- `defects`: every edit of tests/eval/accuracy/defects.yaml to a guide applied to its
  sample, each edited file in a folder of its own beside the unedited samples (most rules
  find something here);
- `reference-1`, `reference-2`, ...: the edits to reference files, applied one after
  the other to the samples' reference data while each still applies (the next tree takes
  the rest);
- `synthetic`: 1,000 guides of benchmarks/synthetic.py (two worker processes).

`--code DIR` runs the generator found in DIR (an exported copy of an earlier commit, for
the "before"); the default is this checkout. The output file holds every line printed,
under a header per tree and language; `--compare OLD.txt` then says whether the two are
byte-for-byte the same and shows the first lines that differ.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.scratch import fresh_folder  # noqa: E402
from benchmarks.synthetic import make_synthetic_tree  # noqa: E402

ROOT = Path("/tmp/guides-identity")
EPOCH = "1795996800"  # 2026-12-01, the day the samples are checked against elsewhere
DEFECTS = REPO / "tests" / "eval" / "accuracy" / "defects.yaml"


def make_trees(root: Path) -> dict[str, Path]:
    """Write the three trees under `root` (made afresh) and return them by name."""
    fresh_folder(root)
    samples = root / "samples" / "guides"
    shutil.copytree(REPO / "guides", samples)
    for kind in ("valid", "invalid"):
        shutil.copytree(
            REPO / "tests" / "fixtures" / "guides" / kind, samples / "services" / f"fixture-{kind}"
        )
    defects = root / "defects" / "guides"
    shutil.copytree(REPO / "guides", defects)
    entries = yaml.safe_load(DEFECTS.read_text(encoding="utf-8"))["mistakes"]
    to_reference = [entry for entry in entries if "/reference/" in entry["file"]]
    for entry in entries:
        if "/reference/" in entry["file"]:
            continue
        original = (REPO / entry["file"]).read_text(encoding="utf-8")
        if entry["find"] not in original:
            raise SystemExit(f"{entry['id']}: its text is no longer in {entry['file']}")
        edited = original.replace(entry["find"], entry["replace"], 1)
        target = defects / "services" / "defects" / entry["id"] / Path(entry["file"]).name
        target.parent.mkdir(parents=True)
        target.write_text(edited, encoding="utf-8")
    trees = {"samples": samples, "defects": defects}
    while to_reference:
        name = f"reference-{len(trees) - 1}"
        tree = root / name / "guides"
        shutil.copytree(REPO / "guides", tree)
        left = []
        for entry in to_reference:
            target = tree / Path(entry["file"]).relative_to("guides")
            text = target.read_text(encoding="utf-8")
            if entry["find"] in text:
                target.write_text(text.replace(entry["find"], entry["replace"], 1), "utf-8")
            else:
                left.append(entry)
        if len(left) == len(to_reference):
            raise SystemExit(f"{left[0]['id']}: its text is not in {left[0]['file']}")
        trees[name], to_reference = tree, left
    trees["synthetic"] = make_synthetic_tree(1000, root / "synthetic")
    return trees


def run(trees: dict[str, Path], code: Path) -> str:
    """Return everything the validator printed for each tree, in each language."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(code))
    env.pop("GUIDES_CACHE_DIR", None)
    out = []
    for name, tree in trees.items():
        for lang in ("zh-CN", "en"):
            command = [sys.executable, "-m", "generator", "validate", "--no-cache"]
            command += ["--format", "json", "--lang", lang, str(tree)]
            done = subprocess.run(
                command, cwd=tree.parent, env=env, capture_output=True, check=False
            )
            if done.returncode == 2:
                raise SystemExit(done.stderr.decode())
            text = done.stdout.decode("utf-8")
            out.append(f"=== {name} {lang} exit {done.returncode} lines {text.count(chr(10))}\n")
            out.append(text)
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--code", type=Path, default=REPO)
    parser.add_argument("--compare", type=Path)
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="where the trees are made (the same for both runs compared: names are printed)",
    )
    args = parser.parse_args()
    trees = make_trees(args.root)
    text = run(trees, args.code.resolve())
    args.out.write_text(text, encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("=== "):
            print(line[4:])
    print(f"sha256 {hashlib.sha256(text.encode()).hexdigest()}  {args.out}")
    if args.compare is not None:
        old = args.compare.read_text(encoding="utf-8")
        if old == text:
            print(f"identical to {args.compare}")
            return
        diff = difflib.unified_diff(
            old.splitlines(), text.splitlines(), str(args.compare), str(args.out), lineterm=""
        )
        for number, line in enumerate(diff):
            if number == 40:
                break
            print(line)
        raise SystemExit(f"DIFFERENT from {args.compare}")


if __name__ == "__main__":
    main()
