"""Time `guides report` beyond validation on N synthetic guides.

    python benchmarks/report.py 10000

Makes a fresh tree with benchmarks/synthetic.py, validates it once (timed, for
reference), then times what `guides report` adds after validation, step by step, as the
command runs it: the report (catalogue, then figures: commands/report.compute_report),
then each output format (JSON, text, CSV) and a comparison, plus the 服务能力 page's
figures and charts. Wall and CPU time of this process are both printed: on a busy shared
machine CPU time is the steadier figure. The target is ≤ 2 s beyond validation at 10,000
guides, for the slowest format.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_synthetic_tree
from generator.commands.report import compute_report
from generator.common import clock
from generator.model.catalogue import build_catalogue
from generator.report.compare import compare_reports
from generator.report.formats import report_csv, report_data, report_json
from generator.report.text import report_text
from generator.site.report_page import service_capability
from generator.validate.tree import validate_tree


def _timed(label: str, times: dict[str, tuple[float, float]], work: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    times[label] = (time.perf_counter() - wall, time.process_time() - cpu)
    return result


def run(n: int) -> None:
    """Print the time of each step of `guides report` on n guides."""
    times: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        guides = make_synthetic_tree(n, Path(folder))
        today = clock.today()
        result = _timed("validation", times, lambda: validate_tree(guides, today=today))
        report = _timed(
            "catalogue and figures",
            times,
            lambda: compute_report(result, guides, today=today, review_max_age_days=365),
        )
        data = _timed("json data", times, lambda: report_data(report))
        _timed("json text", times, lambda: report_json(data))
        _timed("text", times, lambda: report_text(report))
        _timed("csv", times, lambda: report_csv(data))
        _timed("compare", times, lambda: compare_reports(data, data))
        catalogue = build_catalogue(result)
        _timed(
            "page figures and charts (in a build)",
            times,
            lambda: service_capability(catalogue, warned=frozenset(), date=today),
        )
    print(f"{n} guides ({report.total.guides} in the report)")
    print(f"  {'step':<38} {'wall':>8} {'CPU':>8}")
    for label, (wall, cpu) in times.items():
        print(f"  {label:<38} {wall:7.3f}s {cpu:7.3f}s")
    formats = {
        "json": ("json data", "json text"),
        "text": ("text",),
        "csv": ("json data", "csv"),
    }
    for index, kind in ((0, "wall"), (1, "CPU")):
        beyond = max(
            times["catalogue and figures"][index] + sum(times[step][index] for step in steps)
            for steps in formats.values()
        )
        print(f"  beyond validation, slowest format ({kind}): {beyond:.3f} s (target <= 2 s)")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000"]:
        run(int(arg))
