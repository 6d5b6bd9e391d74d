"""The `guides` MkDocs plugin: hooks that orchestrate; the work is in pages.py and render.py."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.common import clock, resources
from generator.common.i18n import _, ngettext
from generator.model.catalogue import build_catalogue
from generator.model.types import Catalogue, Guide
from generator.report.figures import sources_with_warnings
from generator.search.index import IndexStats, SearchIndexError, SearchRecords
from generator.common.progress import Progress
from generator.site import parallel, render
from generator.site import supply as site_config
from generator.site import target as site_target
from generator.site.config import GuidesConfig
from generator.site.pages import PageSpec, SitePages, plan_pages
from generator.validate.problems import Problem

if TYPE_CHECKING:
    from generator.validate.tree import ValidationResult

log = get_plugin_logger(__name__)

GUIDE_PROBLEMS = "generator.guides"
"""The logger of problems found in the guides. It is outside MkDocs' logger tree, so
MkDocs' strict mode never counts a guide's warning: warnings never block publishing
unless `guides build --strict` asks for it (decision 9 in docs/architecture.md)."""


class GuideProblems(PluginError):
    """The guides have errors (or warnings under --strict); the site was not built."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """Turn the guides into one page each, plus topic, department, A–Z and office pages."""

    supports_multiple_instances = False
    site: SitePages | None = None
    urls: dict[str, str]
    record_template: Template | None = None
    """theme/search-record.html, looked up once per build, rendered once per guide."""
    records: SearchRecords | None = None
    last_index: IndexStats | None = None
    """What the last build's search indexing did; `guides build` reports it."""
    strict_guides = False
    """Fail the build on a warning about a guide (`guides build --strict`)."""
    last_problems: list[Problem]
    """The problems the last validation found, errors and warnings; `guides serve` shows them."""
    validate: Callable[[Path, int], ValidationResult] | None = None
    """Validates the guides folder in on_config instead of `validate_tree` (given the
    folder and review_max_age_days): `guides serve` keeps each file's result this way."""
    nav: Navigation | None = None
    renderer: parallel.ParallelRender | None = None
    """The worker processes rendering the generated pages during a build (site/parallel.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.last_problems = []
        self._edit_paths: dict[tuple[str, str], str] = {}

    def project(self, config: MkDocsConfig) -> site_target.Project:
        """The project's own files and folders, which no site may replace, hold or lie in."""
        return site_target.Project.of(
            Path(config.config_file_path or "mkdocs.yml"),
            [config.docs_dir, config.theme.custom_dir, self.config.guides_dir, "schema"],
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and validate the guides once per build; errors stop the build.

        Before anything, refuse a site folder that MkDocs would empty and that no build
        made (this guards `mkdocs build` too; `guides build` checks its own target).
        Then supply what an office's short mkdocs.yml leaves out (generator/site/supply.py).
        """
        self.site, self.urls = None, {}
        site_config.supply_theme(config)
        site_config.supply_markdown(config)
        site_config.supply_nav(config)
        try:
            site_target.check_target(Path(config.site_dir).resolve(), self.project(config))
        except site_target.UnsafeSiteDir as error:
            raise PluginError(str(error)) from None
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path or ".").resolve().parent
        self.last_problems = []
        try:
            catalogue, warned = load_catalogue(
                root / self.config.guides_dir,
                self.config.review_max_age_days,
                strict=self.strict_guides,
                found=self.last_problems,
                validate=self.validate,
            )
        except GuideProblems as error:
            self.last_problems = error.problems
            raise
        self.site = self.plan_site(catalogue, warned, config)
        return config

    def plan_site(
        self, catalogue: Catalogue, warned: frozenset[str], config: MkDocsConfig
    ) -> SitePages:
        """The generated pages of a catalogue (on_config; `guides serve` when guides change)."""
        root = Path(config.config_file_path or ".").resolve().parent
        # Resolving each guide's path is most of planning; `guides serve` plans again on
        # every save, so what this plugin (one per build) resolved once is kept.
        edit_paths = self._edit_paths

        def edit_path(guide: Guide) -> str:
            key = (guide.source, guide.id)
            if key not in edit_paths:
                edit_paths[key] = render.repo_path(
                    guide.source, root, self.config.guides_dir, guide.id
                )
            return edit_paths[key]

        specs = plan_pages(
            catalogue,
            guide_edit_path=edit_path,
            reference_dir=f"{self.config.guides_dir}/reference",
        )
        return SitePages(catalogue, specs, self.config.featured, warned=warned)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add a virtual page for every guide and listing page, each editable at its YAML,
        and the standard pages; drop mkdocs-material's static files, which no page loads."""
        docs_dir = render.repo_relative(config.docs_dir, config.config_file_path)
        for file in files.documentation_pages():
            file.edit_uri = f"{docs_dir}/{file.src_uri}" if docs_dir else file.src_uri
        site_config.add_standard_pages(files, config)
        site_config.drop_unused_theme_files(files, config)
        if self.site is None:
            return files
        self.urls = {}
        # A page listed in `nav:` keeps the label given there, as MkDocs' own pages do.
        nav_titles = {
            path: title
            for item in config.nav or []
            if isinstance(item, dict)
            for title, path in item.items()
            if isinstance(path, str)
        }
        for spec in self.site.specs.values():
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                files.remove(existing)
            # Guide and item pages are reached through listings, never the nav; saying so
            # keeps MkDocs from listing 10,000 of them as "not included in the nav".
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
            file.edit_uri = spec.edit_path
            render.DataPage(nav_titles.get(spec.src_uri), file, config)  # sets file.page
            files.append(file)
            self.urls[spec.src_uri] = file.url
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        """Keep the navigation for the worker processes that render pages."""
        self.nav = nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give the templates their filters and turn on autoescaping for our own templates;
        then start rendering the generated pages in worker processes, when worth it."""
        render.install(env, self.urls)
        self.record_template = env.get_template("search-record.html")
        self._start_rendering(env, config, files)
        return env

    def _start_rendering(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        self._stop_rendering()
        if self.site is None or self.nav is None:
            return
        # This process renders its share of the guide pages in MkDocs' loop, as before,
        # with the listings, hand-written pages and static files; forked workers render
        # the rest. One process fewer to fork is one copy fewer of what a worker writes
        # to (each worker ends up with a private copy of much of the shared heap).
        specs = self.site.specs
        pages = [
            file.page
            for file in files.documentation_pages()
            if file.page is not None
            and file.src_uri in specs
            and specs[file.src_uri].kind == "guide"
        ]
        workers = parallel.worker_count(len(pages))
        if workers < 2 or not parallel.can_fork():
            return  # MkDocs' own loop renders them, one after the other
        records = self.records
        here = len(pages) // workers
        renderer = parallel.ParallelRender(
            pages[here:],
            config=config,
            nav=self.nav,
            env=env,
            doc_files=files.documentation_pages(),
            workers=workers - 1,
            total=len(pages),
            collect=records.take if records is not None else None,
            merge=records.merge if records is not None else None,
            progress=Progress(),
        )
        log.info(
            ngettext(
                "Rendering {count} guide page in {workers} processes.",
                "Rendering {count} guide pages in {workers} processes.",
                len(pages),
            ).format(count=len(pages), workers=workers)
        )
        try:
            renderer.start()  # counts the pages it renders here before the fork itself
        except parallel.RenderFailed as error:
            renderer.close()
            raise PluginError(str(error)) from None
        except parallel.CannotFork as error:
            log.info(_("Rendering in one process: {error}").format(error=error))
            return  # MkDocs' loop renders every page (the first one again, the same bytes)
        self.renderer = renderer

    def stop_rendering(self) -> None:
        """Stop the page workers of a build cut short (Ctrl-C reaches no MkDocs event)."""
        self._stop_rendering()

    def _stop_rendering(self) -> None:
        if self.renderer is not None:
            self.renderer.close()
            self.renderer = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start a fresh folder of search records for this build."""
        self._discard_records()
        self.last_index = None
        if self.site is not None and self.config.search:
            self.records = SearchRecords(Path(config.site_dir))

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Choose the template and title of a generated page; date every page from the data."""
        if self.site is None:
            return None
        spec = self._spec(page)
        if spec is not None:
            render.prepare_page(page, spec, self.site.catalogue)
        render.stamp_update_date(page, spec, self.site.catalogue)
        return None

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Hand the page's data to its template."""
        if parallel.rendered_elsewhere(page):
            return None
        spec = self._spec(page)
        if spec is not None and self.site is not None:
            context.update(self.site.context(spec))  # type: ignore[typeddict-item]
        elif self.site is not None and page.meta.get("template") == "search.html":
            # The search page without JavaScript: every name of every guide, A–Z.
            context["sg_names"] = self.site.names  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Write a guide's search record; drop template indentation (6 % of a guide page)."""
        spec = self._spec(page)
        if spec is None or parallel.rendered_elsewhere(page):
            return None
        if spec.kind == "guide" and self.records is not None:
            self._write_record(page, spec)
        if spec.kind == "guide" and self.renderer is not None:
            self.renderer.rendered_here()
        return render.strip_indentation(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the pages rendered in worker processes; mark the folder as a built site,
        then index the guides' search records into it."""
        if self.renderer is not None:
            try:
                self.renderer.wait()
            except parallel.RenderFailed as error:
                raise PluginError(str(error)) from None
            finally:
                self.renderer = None
        site_target.mark_site(Path(config.site_dir), _version())
        if self.records is None:
            return
        if self.records.count == 0:
            # Pagefind refuses to write an empty index; the search UI then says search is
            # unavailable and offers the A–Z index and topics, which is all there is.
            log.info(_("No guides yet, so no search index was built."))
            self._discard_records()
            return
        progress = Progress()
        progress.show(
            ngettext(
                "Indexing {count} guide for search...",
                "Indexing {count} guides for search...",
                self.records.count,
            ).format(count=self.records.count),
            force=True,
        )
        try:
            self.last_index = self.records.index_into(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        finally:
            progress.clear()
            self._discard_records()
        log.info(self.last_index.summary())

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no worker running and no record folder behind."""
        self._stop_rendering()
        self._discard_records()

    def on_shutdown(self) -> None:
        """`guides serve` stopped: remove a record folder a cut-short build left."""
        self._stop_rendering()
        self._discard_records()

    def _write_record(self, page: Page, spec: PageSpec) -> None:
        assert self.records is not None and self.site is not None
        assert self.record_template is not None
        guide = self.site.catalogue.by_id[spec.key or ""]
        self.records.add(page.file.dest_uri, self.record_template.render(guide=guide))

    def _discard_records(self) -> None:
        if self.records is not None:
            self.records.discard()
            self.records = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when guides or the package's schemas change (mkdocs.yml and the theme
        folders, ours included, are watched by MkDocs)."""
        root = Path(config.config_file_path or ".").resolve().parent
        for folder in (root / self.config.guides_dir, resources.schema_dir()):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def _spec(self, page: Page) -> PageSpec | None:
        return self.site.specs.get(page.file.src_uri) if self.site is not None else None


def load_catalogue(
    guides_dir: Path,
    review_max_age_days: int,
    *,
    strict: bool,
    found: list[Problem] | None = None,
    validate: Callable[[Path, int], ValidationResult] | None = None,
) -> tuple[Catalogue, frozenset[str]]:
    """Validate the guides and build the model; errors become GuideProblems with the text.

    Returns the catalogue and the `source` of every guide with a warning (the 服务能力 page
    counts them).

    Warnings are shown and the guides are published (a guide overdue for review carries a
    notice for the citizen); with `strict` a warning stops the build like an error. The
    warnings of a build that goes on are added to `found`.
    """
    from generator.validate.tree import validate_tree

    if validate is not None:
        result = validate(guides_dir, review_max_age_days)
    else:
        result = validate_tree(
            guides_dir, today=clock.today(), review_max_age_days=review_max_age_days
        )
    return catalogue_from(result, guides_dir, review_max_age_days, strict=strict, found=found)


def catalogue_from(
    result: ValidationResult,
    guides_dir: Path,
    review_max_age_days: int,
    *,
    strict: bool,
    found: list[Problem] | None = None,
    known: dict[int, tuple[Mapping[str, Any], Guide]] | None = None,
) -> tuple[Catalogue, frozenset[str]]:
    """`load_catalogue` after validation: `guides serve` validates only what changed, and
    hands in the guides it already made (`build_catalogue`'s `known`)."""
    from generator.validate.problems import Severity, format_problems

    today = clock.today()
    warnings = [p for p in result.problems if p.severity is Severity.WARNING]
    if not result.ok or (strict and warnings):
        text = format_problems(result.problems, "text", result.files_checked)
        why = (
            _("The guides have problems; the site was not built.")
            if not result.ok
            else _("The guides have warnings, and --strict was given; the site was not built.")
        )
        raise GuideProblems(f"{why}\n{text}", result.problems)
    if found is not None:
        found.extend(warnings)
    problems_log = logging.getLogger(GUIDE_PROBLEMS)
    for problem in warnings:
        problems_log.warning(problem.as_text())
    catalogue = build_catalogue(
        result, review_due=clock.review_due(today, review_max_age_days), known=known
    )
    return catalogue, sources_with_warnings(catalogue, warnings, guides_dir)


def _version() -> str:
    try:
        return metadata.version("service-guides")
    except metadata.PackageNotFoundError:
        return "unknown"
