"""Time the preview's update step on N synthetic guides, in one process, without HTTP.

    python benchmarks/preview_update.py 1000 10000

For each N: a fresh synthetic project (benchmarks/synthetic.py) is built once the way
`guides serve` builds it (commands/serve.py's PreviewBuilder), then, each timed:

- a guide's summary edited (its page first; then, in the build that follows at once, the
  listings, home, A–Z...: "then N deferred pages");
- the same guide broken (`visits: zero`): the error is found, nothing is rendered;
- the first good save after the error;
- an office's opening hours edited (every guide is checked again, the pages showing the
  office rendered again).

It prints the seconds each took, with the steps inside (validate, model, compare,
render) and the number of pages rendered, and CPU seconds beside wall time: on a busy
machine, CPU time is the steadier figure. What an editor waits for in the browser adds
the watcher's settling time (0.2 s) and the page's reload to these;
benchmarks/preview_latency.py measures that under a running `guides serve`.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import write_config
from benchmarks.synthetic import make_synthetic_tree
from generator.commands.serve import PreviewBuilder
from generator.preview.state import BuildOutcome

URL = "http://127.0.0.1:8000/"
SEARCH = os.environ.get("PREVIEW_SEARCH", "1") != "0"
"""Index the first build as `guides serve` does (PREVIEW_SEARCH=0 skips it: an update never
indexes, so the figures after the first build are the same)."""


def _timed(
    builder: PreviewBuilder, folder: Path, changed: set[Path]
) -> tuple[BuildOutcome, float, float]:
    folder.mkdir()
    wall, cpu = time.monotonic(), time.process_time()
    outcome = builder(folder, changed=frozenset(changed))
    return outcome, time.monotonic() - wall, time.process_time() - cpu


def _line(
    what: str, outcome: BuildOutcome, wall: float, cpu: float, update: dict[str, float]
) -> None:
    steps = " ".join(f"{step} {took:.2f}" for step, took in update.items())
    state = (
        "full build"
        if outcome.built and outcome.over is None
        else ("updated" if outcome.built else f"{len(outcome.errors)} error(s)")
    )
    print(f"  {what:<32} {wall:6.2f} s wall {cpu:6.2f} s CPU  {state}; {steps}  {outcome.note}")


def measure(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="preview-update-") as temp:
        root = Path(temp)
        make_synthetic_tree(count, root)
        config = write_config(root, search=SEARCH)
        work = root / "work"
        work.mkdir()
        builder = PreviewBuilder(config, URL)
        started = time.monotonic()
        first = work / "full"
        first.mkdir()
        outcome = builder(first)
        assert outcome.built, outcome.failure or outcome.problems[:3]
        print(f"{count} guides: first (full) build {time.monotonic() - started:.1f} s")
        guide = sorted((root / "guides" / "services").rglob("*.yaml"))[count // 2]
        text = guide.read_text("utf-8")
        assert "\nsummary:\n  zh-CN: " in text and "\nvisits: " in text
        steps = [
            (
                "guide summary edited",
                guide,
                text.replace("\nsummary:\n  zh-CN: ", "\nsummary:\n  zh-CN: 改", 1),
            ),
            (
                "guide broken (visits: zero)",
                guide,
                text.replace("\nvisits: ", "\nvisits: zero #", 1),
            ),
            (
                "first good save after the error",
                guide,
                text.replace("\nsummary:\n  zh-CN: ", "\nsummary:\n  zh-CN: 再改", 1),
            ),
        ]
        offices = root / "guides" / "reference" / "offices.yaml"
        hours = offices.read_text("utf-8")
        assert 'closes: "17:00"' in hours
        steps.append(
            ("office hours edited", offices, hours.replace('closes: "17:00"', 'closes: "17:30"', 1))
        )
        for number, (what, path, new) in enumerate(steps):
            path.write_text(new, "utf-8")
            builder.last_update = None
            outcome, wall, cpu = _timed(builder, work / f"update-{number}", {path})
            _line(
                what, outcome, wall, cpu, builder.last_update.seconds if builder.last_update else {}
            )
            if outcome.pending:
                # The pages the update deferred (the listings), as the next build renders them.
                deferred = len(outcome.pending)
                outcome, wall, cpu = _timed(builder, work / f"update-{number}b", set())
                _line(f"  then {deferred} deferred pages", outcome, wall, cpu, {})
        shutil.rmtree(work, ignore_errors=True)


def main(counts: list[int]) -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
    for count in counts:
        measure(count)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000])
