"""Time `guides report` beyond validation on N synthetic guides.

    python benchmarks/report.py 10000

Makes a fresh tree with benchmarks/synthetic.py, validates it once (timed, for
reference), then times what `guides report` adds after validation, step by step: the
catalogue, the figures, and each output format (JSON, text, CSV), plus the 服务能力 page's
figures and charts. The target is ≤ 2 s beyond validation at 10,000 guides.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_synthetic_tree
from generator.common import clock
from generator.model.catalogue import build_catalogue
from generator.report.compare import compare_reports
from generator.report.figures import build_report, sources_with_warnings
from generator.report.formats import report_csv, report_data, report_json, report_text
from generator.site.report_page import service_capability
from generator.validate.tree import validate_tree


def _timed(label: str, times: dict[str, float], work):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = work()
    times[label] = time.perf_counter() - started
    return result


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        guides = make_synthetic_tree(n, Path(folder))
        times: dict[str, float] = {}
        today = clock.today()
        result = _timed("validation", times, lambda: validate_tree(guides, today=today))
        catalogue = _timed(
            "catalogue",
            times,
            lambda: build_catalogue(result, review_due=clock.review_due(today, 365)),
        )
        warned = _timed(
            "warnings", times, lambda: sources_with_warnings(catalogue, result.problems, guides)
        )
        report = _timed(
            "figures", times, lambda: build_report(catalogue, warned=warned, date=today)
        )
        data = _timed("json data", times, lambda: report_data(report))
        _timed("json text", times, lambda: report_json(data))
        _timed("text", times, lambda: report_text(report))
        _timed("csv", times, lambda: report_csv(data))
        _timed("compare", times, lambda: compare_reports(data, data))
        _timed(
            "page figures and charts",
            times,
            lambda: service_capability(catalogue, warned=warned, date=today),
        )
    beyond = times["catalogue"] + times["warnings"] + times["figures"]
    worst_format = max(times["json data"] + times["json text"], times["text"], times["csv"])
    print(f"{n} guides ({len(catalogue.guides)} in the catalogue)")
    for label, seconds in times.items():
        print(f"  {label:<24} {seconds:7.3f} s")
    print(
        f"  beyond validation: {beyond + worst_format:.3f} s for the slowest format "
        f"(catalogue + figures {beyond:.3f} s); target <= 2 s"
    )


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000"]:
        run(int(arg))
