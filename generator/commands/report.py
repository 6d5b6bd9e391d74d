"""`guides report`: validate a guides tree, compute the service-capability figures, print them.

Guides with errors are left out of the figures and named (exit 1, as `guides validate`
would); errors in the reference data stop the report, since every figure depends on it.
With `--output` the file is written whole or not at all: a temporary file beside it is
renamed over it only once everything is written.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

from generator.commands import ExitCode, say
from generator.common import clock
from generator.common.i18n import _
from generator.model.catalogue import build_catalogue
from generator.report.compare import (
    NotAReport,
    check_report,
    compare_reports,
    comparison_text,
)
from generator.report.figures import Report, Skipped, build_report, sources_with_warnings
from generator.report.formats import report_csv, report_data, report_json
from generator.report.text import report_text
from generator.source.files import is_reference
from generator.validate.problems import Problem, Severity, format_problems
from generator.validate.tree import CannotValidate, ValidationResult, validate_tree

REFERENCE_FIELD = re.compile(
    r"(department|joint_departments\[\d+\]|topics\[\d+\]|life_events\[\d+\]"
    r"|channels\[\d+\]\.offices\[\d+\]|materials\[\d+\]\.e_licence"
    r"|materials\[\d+\]\.source\.issuer|result\.e_licence|related\[\d+\])"
)
"""Fields that hold the id of a reference item or of another guide (an internal reference)."""


def run_report(
    guides_dir: Path,
    *,
    fmt: str,
    output: Path | None,
    compare: Path | None,
    review_max_age_days: int = 365,
) -> int:
    """Print (or write) the report of the guides under `guides_dir`; return the exit code."""
    previous = None
    if compare is not None:
        try:
            previous = _read_previous(compare)
        except NotAReport as error:
            say(_("guides report: cannot compare: {error}").format(error=error))
            return ExitCode.CANNOT_RUN
    today = clock.today()
    try:
        result = validate_tree(guides_dir, today=today, review_max_age_days=review_max_age_days)
    except CannotValidate as error:
        say(_("guides report: cannot run: {error}").format(error=error))
        return ExitCode.CANNOT_RUN
    root = Path(os.path.abspath(guides_dir))
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    reference_errors = [p for p in errors if is_reference(Path(os.path.abspath(p.file)), root)]
    if reference_errors:
        say(format_problems(reference_errors, "text", result.files_checked))
        say(
            _(
                "guides report: the reference data has errors, and every figure depends on "
                "it; fix them (see `guides validate`) and run the report again."
            )
        )
        return ExitCode.PROBLEMS
    report = compute_report(
        result, guides_dir, today=today, review_max_age_days=review_max_age_days
    )
    data = report_data(report)
    changes = compare_reports(data, previous) if previous is not None else None
    if fmt == "json":
        if changes is not None:
            data["compared_with"] = {
                "date": previous.get("date") if previous else None,
                "changes": [c.as_dict() for c in changes],
            }
        text = report_json(data)
    elif fmt == "csv":
        text = report_csv(data, previous)
    else:
        text = report_text(report)
        if changes is not None and previous is not None:
            text += "\n" + comparison_text(data, previous, changes)
    try:
        _write(text, output)
    except OSError as error:
        say(
            _("guides report: cannot write {file}: {error}").format(
                file=output, error=error.strerror or error
            )
        )
        return ExitCode.CANNOT_RUN
    if report.skipped:
        say(
            _(
                "guides report: {count} guide file(s) with errors were left out of the "
                "figures; run `guides validate` to see why."
            ).format(count=len(report.skipped))
        )
        return ExitCode.PROBLEMS
    return ExitCode.OK


def compute_report(
    result: ValidationResult, guides_dir: Path, *, today: dt.date, review_max_age_days: int
) -> Report:
    """Compute the report of a validation result whose reference data has no error.

    Guides with errors are left out and named; the rest become the catalogue.
    """
    root = Path(os.path.abspath(guides_dir))
    skipped = _skipped([p for p in result.problems if p.severity is Severity.ERROR])
    left_out = {os.path.abspath(s.file) for s in skipped}
    guides = [
        g
        for g in result.guides
        if os.path.abspath(root.parent / str(g.get("_source", ""))) not in left_out
    ]
    # The catalogue and the figures make hundreds of thousands of small objects and no
    # reference cycles; the cyclic garbage collector would rescan every validated guide
    # again and again meanwhile (about half the report's time at 10,000 guides).
    gc.disable()
    try:
        catalogue = build_catalogue(
            _Validated(guides, result.reference),
            review_due=clock.review_due(today, review_max_age_days),
        )
        warned = sources_with_warnings(catalogue, result.problems, guides_dir)
        return build_report(catalogue, warned=warned, skipped=skipped, date=today)
    finally:
        gc.enable()


class _Validated:
    """The guides and reference data the catalogue is built from (ValidationResultLike)."""

    def __init__(self, guides: list[dict[str, object]], reference: dict[str, list]) -> None:
        self.guides = guides
        self.reference = reference


def _skipped(errors: list[Problem]) -> list[Skipped]:
    per_file: Counter[str] = Counter()
    broken: Counter[str] = Counter()
    for problem in errors:
        per_file[problem.file] += 1
        if REFERENCE_FIELD.fullmatch(problem.path):
            broken[problem.file] += 1
    return [Skipped(file, per_file[file], broken[file]) for file in sorted(per_file)]


def _read_previous(path: Path) -> dict[str, object]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotAReport(_("{name}: no such file").format(name=name)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise NotAReport(
            _("{name} cannot be read: {error}").format(name=name, error=error)
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotAReport(
            _("{name} is not JSON (line {line}, column {column}: {what})").format(
                name=name, line=error.lineno, column=error.colno, what=error.msg
            )
        ) from None
    return dict(check_report(data, name))


def _write(text: str, output: Path | None) -> None:
    """Print `text`, or write it to `output` whole: into a temporary file, then renamed."""
    if output is None:
        print(text, end="")
        return
    folder = output.parent if str(output.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); a report is for sharing, as any file the
        # user makes: the usual mode under their umask.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
