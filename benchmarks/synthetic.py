"""Make a guides tree of N synthetic guides from the samples, for benchmarks.

    python benchmarks/synthetic.py 1000 /tmp/guides-1000

The tree is `<dest>/guides/reference/` (copied from the repository) and
`<dest>/guides/services/NNNNN/<id>.yaml`: each guide is a sample with a unique id and
title, its topics rotated through the reference data (its department stays), and `related`
pointing at its neighbours, so the cross-file rules have real work to do.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
GUIDES = REPO / "guides"
PER_FOLDER = 1000
"""Guides per sub-folder of services/, as a large office might group them."""

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def make_synthetic_tree(n: int, dest: Path) -> Path:
    """Write n synthetic guides and the reference data under dest/guides; return that folder."""
    from generator.source.loader import load_file

    guides = dest / "guides"
    shutil.copytree(GUIDES / "reference", guides / "reference", dirs_exist_ok=True)
    reference = {
        key: _ids(load_file(guides / "reference" / f"{stem}.yaml").data, key)
        for stem, key in [("topics", "topics")]
    }
    samples = []
    for path in sorted((GUIDES / "services").glob("*.yaml")):
        loaded = load_file(path)
        if not loaded.problems and isinstance(loaded.data, dict):
            samples.append(loaded.data)
    if not samples:
        raise SystemExit(f"no loadable sample guides in {GUIDES / 'services'}")
    topics = reference["topics"]
    for number in range(n):
        guide = dict(samples[number % len(samples)])
        guide_id = _synthetic_id(guide, number)
        guide["id"] = guide_id
        guide["title"] = _numbered(guide.get("title"), number)
        # The department stays the sample's: a guide moved to another department would send
        # people to offices that do not serve it and name licences it does not issue, which
        # the accuracy rules report (docs/accuracy.md); the samples span every department.
        if topics:
            picked = {topics[number % len(topics)], topics[(number * 7 + 3) % len(topics)]}
            guide["topics"] = sorted(picked)
        neighbours = [number - 1, number + 1]
        guide["related"] = [
            _synthetic_id(samples[other % len(samples)], other)
            for other in neighbours
            if 0 <= other < n
        ]
        folder = guides / "services" / f"{number // PER_FOLDER:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(guide, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{guide_id}.yaml").write_text(text, encoding="utf-8")
    return guides


def _ids(data: Any, key: str) -> list[str]:
    items = data.get(key, []) if isinstance(data, dict) else []
    return [item["id"] for item in items if isinstance(item, dict) and "id" in item]


def _synthetic_id(guide: dict[str, Any], number: int) -> str:
    return f"{guide.get('id', 'guide')}-{number:05d}"


def _numbered(title: Any, number: int) -> Any:
    if isinstance(title, dict):
        return {lang: f"{text}（{number:05d}）" for lang, text in title.items()}
    return f"{title}（{number:05d}）"


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python benchmarks/synthetic.py N DEST")
    root = make_synthetic_tree(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[1]} guides written under {root}")
