"""The `guides` command: parse the arguments and call one module of generator/commands/.

Exit codes (generator.commands.ExitCode): 0 clean, 1 problems found (in the guides or,
for `check`, on the site), 2 the command could not run (bad arguments, missing files,
no browser), 130 stopped by Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import click

from generator.common import i18n

LANG_CHOICE = click.Choice(["zh-CN", "en"], case_sensitive=False)


def _lang_option(function: Any) -> Any:
    """`--lang zh-CN|en`: the language of every message, over the environment and the site."""
    return click.option(
        "--lang",
        type=LANG_CHOICE,
        default=None,
        help="Language of the messages (default: LANGUAGE, LC_ALL, LC_MESSAGES or LANG, "
        "else the site's language in mkdocs.yml, else zh-CN).",
    )(function)


def _use_language(lang: str | None, config_file: Path = Path("mkdocs.yml")) -> None:
    """Choose the messages' language: --lang, else the environment, else the site's."""
    given = lang or click.get_current_context().find_root().params.get("lang")
    i18n.set_language(i18n.choose_language(given, config_file))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="service-guides")
@_lang_option
def main(lang: str | None) -> None:
    """Validate service guides and publish them as an accessible static site."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: file:line:col lines and a summary; json: one object per problem; "
    "github: workflow annotations.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as failures.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file again, without the results kept from earlier runs "
    "(in the user's cache folder, or GUIDES_CACHE_DIR).",
)
@_lang_option
def validate(
    paths: tuple[Path, ...], fmt: str, strict: bool, no_cache: bool, lang: str | None
) -> None:
    """Check guide files (default: guides/) against the schema and cross-file rules."""
    from generator.commands.validate import run_validate

    _use_language(lang)
    sys.exit(
        run_validate(list(paths) or [Path("guides")], fmt=fmt, strict=strict, cache=not no_cache)
    )


@main.command()
@click.option("-f", "--config-file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"))
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where the finished site goes (default: site_dir of mkdocs.yml). It must be empty, "
    "new, or a site an earlier build made.",
)
@click.option("--strict", is_flag=True, help="Treat warnings about guides as failures.")
@click.option(
    "--adopt",
    is_flag=True,
    help="Replace a site folder built by an older version of the tool (no marker file yet).",
)
@click.option("-v", "--verbose", is_flag=True, help="Also show MkDocs' own progress lines.")
@_lang_option
def build(
    config_file: Path,
    site_dir: Path | None,
    strict: bool,
    adopt: bool,
    verbose: bool,
    lang: str | None,
) -> None:
    """Validate, build, index, then swap the new site into place."""
    from generator.commands.build import run_build

    _use_language(lang, config_file)
    _stop_on_sigterm()
    sys.exit(run_build(config_file, site_dir, strict=strict, adopt=adopt, verbose=verbose))


@main.command()
@click.option("-f", "--config-file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"))
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Also show MkDocs' own progress lines.")
@_lang_option
def serve(config_file: Path, dev_addr: str, verbose: bool, lang: str | None) -> None:
    """Serve a live preview that rebuilds and reloads when guides, schema or theme change."""
    from generator.commands.serve import run_serve

    _use_language(lang, config_file)
    _stop_on_sigterm()
    sys.exit(run_serve(config_file, dev_addr, verbose=verbose))


@main.command()
@click.argument("site_dir", required=False, type=click.Path(path_type=Path), default=Path("site"))
@click.option(
    "--mode",
    "modes",
    multiple=True,
    help="Only these modes: the main ones (default, high-contrast, text-200, elder, "
    "narrow-320) check every page; the combined ones (elder-text-200[-320], "
    "elder-dark[-320], high-contrast-text-200[-320], forced-colors) one page of each kind.",
)
@click.option("--page", "pages", multiple=True, help="Only pages whose path contains this text.")
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Where report.json and report.html are written.",
)
@click.option(
    "--workers", type=int, default=2, show_default=True, help="Browsers run side by side."
)
@_lang_option
def check(
    site_dir: Path,
    modes: tuple[str, ...],
    pages: tuple[str, ...],
    report_dir: Path,
    workers: int,
    lang: str | None,
) -> None:
    """Run the accessibility suite on a built site; exit 1 on any failure."""
    from generator.commands.check import run_check

    _use_language(lang)
    _stop_on_sigterm()

    sys.exit(
        run_check(
            site_dir, modes=list(modes), pages=list(pages), report_dir=report_dir, workers=workers
        )
    )


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option(
    "--into-existing",
    is_flag=True,
    help="Write into a folder that is not empty; files already there are left alone.",
)
@click.option(
    "--refresh-schemas",
    is_flag=True,
    help="Only replace the schema copies in schema/ that guides init wrote (after an upgrade).",
)
@_lang_option
def init(directory: Path, into_existing: bool, refresh_schemas: bool, lang: str | None) -> None:
    """Make a new office repository (default: here) that validates and builds at once."""
    from generator.commands.init import run_init

    _use_language(lang)
    sys.exit(run_init(directory, into_existing=into_existing, refresh=refresh_schemas))


@main.command()
@click.option("--id", "guide_id", help="The new guide's id, which becomes its file name and URL.")
@click.option("--title", help="The official name of the service.")
@click.option("--department", help="The id of the department that carries it out.")
@click.option(
    "--guides",
    "guides_dir",
    type=click.Path(path_type=Path),
    default=Path("guides"),
    show_default=True,
    help="The guides folder.",
)
def new(guide_id: str | None, title: str | None, department: str | None, guides_dir: Path) -> None:
    """Write a new guide to fill in, asking for what is not given; never overwrites."""
    from generator.commands.new import run_new

    interactive = sys.stdin.isatty()
    sys.exit(
        run_new(
            guides_dir,
            guide_id=guide_id,
            title=title,
            department=department,
            interactive=interactive,
        )
    )


@main.command()
@click.argument(
    "guides_dir", required=False, type=click.Path(path_type=Path), default=Path("guides")
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text: for a person; json: for tools and --compare; csv: for a spreadsheet.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file (whole or not at all) instead of standard output.",
)
@click.option(
    "--compare",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A previous `guides report --format json`: show what changed since then.",
)
def report(guides_dir: Path, fmt: str, output: Path | None, compare: Path | None) -> None:
    """Print the service-capability figures (服务能力) of the guides, whole and per department."""
    from generator.commands.report import run_report

    sys.exit(run_report(guides_dir, fmt=fmt, output=output, compare=compare))


def _stop_on_sigterm() -> None:
    """Treat SIGTERM (CI cancellation, `timeout`, `docker stop`) as Ctrl-C.

    Both then end in the same clean-up: a build removes its work folder, and `serve`
    removes MkDocs' temporary site.
    """

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)
