"""`guides check`: the accessibility suite (generator/a11y/) on every page of a built site."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from generator.a11y.axe import AxeMissing, find_axe_script
from generator.a11y.browser import Browser, BrowserUnavailable
from generator.a11y.discover import discover_pages, page_kinds
from generator.a11y.exceptions import ExceptionsError, load_exceptions
from generator.a11y.modes import select_modes
from generator.a11y.report import summary, write_html, write_json
from generator.a11y.runner import print_progress, run_all
from generator.commands import ExitCode, say
from generator.common.i18n import _

MAX_PRINTED = 300  # failure lines on stderr; the reports have them all


def run_check(
    site_dir: Path,
    *,
    modes: list[str],
    pages: list[str],
    report_dir: Path,
    workers: int,
) -> int:
    """Check a built site; write report.json and report.html; 0 pass, 1 failures, 2 cannot run."""
    from generator.a11y.server import SiteServer

    if not (site_dir / "index.html").is_file():
        say(
            _(
                "error: {folder} is not a built site (no index.html); run `guides build` first."
            ).format(folder=site_dir)
        )
        return ExitCode.CANNOT_RUN
    if (
        importlib.util.find_spec("selenium") is None
        or importlib.util.find_spec("axe_selenium_python") is None
    ):
        say(
            _(
                "error: the accessibility suite needs the [check] extra: "
                "pip install 'service-guides[check]'"
            )
        )
        return ExitCode.CANNOT_RUN
    try:
        chosen_modes = select_modes(modes)
        exceptions = load_exceptions()
        axe_script = find_axe_script()
    except (ValueError, AxeMissing) as exc:  # ExceptionsError is a ValueError
        if isinstance(exc, ExceptionsError):
            say(_("error (exceptions file): {error}").format(error=exc))
        else:
            say(_("error (setup): {error}").format(error=exc))
        return ExitCode.CANNOT_RUN
    all_pages = discover_pages(site_dir)
    chosen_pages = [p for p in all_pages if not pages or any(f in p for f in pages)]
    if not chosen_pages:
        say(
            _("error: no page matches {pages} (the site has {count} pages)").format(
                pages=", ".join(pages), count=len(all_pages)
            )
        )
        return ExitCode.CANNOT_RUN
    if workers < 1:
        say(_("error: --workers must be at least 1"))
        return ExitCode.CANNOT_RUN
    try:
        Browser().close()  # fail early and clearly when there is no browser
    except BrowserUnavailable as exc:
        say(_("error: cannot start the browser: {error}").format(error=exc))
        return ExitCode.CANNOT_RUN

    # One page of each kind (the search page with results) is checked in every mode and
    # photographed; main modes check every page, the combined ones the pages of each kind.
    kinds = page_kinds(site_dir, all_pages)
    if pages:
        kinds = {k: p for k, p in kinds.items() if any(f in p for f in pages)}
    elif kinds.get("search") and kinds["search"] not in chosen_pages:
        chosen_pages.append(kinds["search"])
    kind_pages = list(dict.fromkeys(kinds.values()))
    tasks = [
        (p, m)
        for m in chosen_modes
        for p in (chosen_pages if m.main or pages else kind_pages or chosen_pages[:1])
    ]
    shots_dir = report_dir / "screenshots"
    screenshots = {path: shots_dir / kind for kind, path in kinds.items()}
    for folder in screenshots.values():  # pictures of an earlier run would mislead
        for mode in chosen_modes:
            (folder / f"{mode.name}.png").unlink(missing_ok=True)
    say(
        _(
            "Checking {pages} pages in the main modes and {kinds} pages (one of each kind) "
            "in the others: {tasks} page-modes with {workers} browsers (axe-core from {axe})"
        ).format(
            pages=len(chosen_pages),
            kinds=len(kind_pages),
            tasks=len(tasks),
            workers=workers,
            axe=axe_script,
        )
    )
    started = time.monotonic()
    try:
        with SiteServer(site_dir, tools={"axe.min.js": axe_script}) as server:
            results = run_all(
                server.origin,
                tasks,
                workers=workers,
                axe_script=axe_script,
                axe_url=server.tool_url("axe.min.js"),
                exceptions=exceptions,
                progress=print_progress,
                screenshots=screenshots,
                every_page_of_kind=bool(pages),
            )
    except BrowserUnavailable as exc:
        say(_("error: cannot start the browser: {error}").format(error=exc))
        return ExitCode.CANNOT_RUN
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see cli.py)
        say(_("interrupted: the browsers were closed; no report written"))
        return ExitCode.INTERRUPTED
    seconds = time.monotonic() - started
    report_dir.mkdir(parents=True, exist_ok=True)
    site = str(site_dir)
    write_json(report_dir / "report.json", site, results, seconds)
    write_html(report_dir / "report.html", site, results, seconds, kinds=kinds)
    s = summary(results)
    lines = [
        f"FAIL {r.page} [{r.mode}] {f.check} ({f.criterion}) {f.selector}: {f.message}"
        for r in results
        for f in r.failures
    ]
    for line in lines[:MAX_PRINTED]:
        say(line)
    if len(lines) > MAX_PRINTED:
        say(
            _("... and {count} more failures in the reports").format(count=len(lines) - MAX_PRINTED)
        )
    say(
        _(
            "{page_modes} page-modes in {seconds} s: {failures} failures on "
            "{failing} page-modes. Reports: {html}, {json}"
        ).format(
            page_modes=s["page_modes"],
            seconds=f"{seconds:.0f}",
            failures=s["failures"],
            failing=s["failing_page_modes"],
            html=report_dir / "report.html",
            json=report_dir / "report.json",
        )
    )
    return ExitCode.PROBLEMS if s["failures"] else ExitCode.OK
