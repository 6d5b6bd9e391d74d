"""Render again only the pages a change to the guides touches (`guides serve`).

A full MkDocs build of 10,000 guides takes more than a minute. The preview keeps the
last good build's MkDocs state in its process (config, files, navigation, Jinja
environment, the plugin with its catalogue and page plan) and, when guide or reference
files change:

1. checks again only the files that changed (`site/checked.py`), then builds the
   catalogue and the page plan from the result, as the plugin's on_config does;
2. compares, page by page, what each generated page's template is given (its plan
   entry, breadcrumbs and context, all frozen dataclasses compared by value) under the
   old catalogue and the new one: a page whose inputs are equal renders to the same
   bytes, so only the others are rendered again, each through MkDocs' own per-page
   pipeline (`_populate_page`, `_build_page`: every plugin event runs as in a build);
3. writes them into a fresh folder that is served over the last full build (an overlay,
   see `preview/server.py`): nothing the server may be sending is written to.

A change to a few guides renders their own pages first (`FIRST_PASS_MOST`): what the
editor is looking at is served as soon as it is ready. The pages that list the whole
catalogue (A–Z and the search page's list of every name, home, the overviews, 服务能力,
the listings; at 10,000 guides these are nine tenths of an edit's work) are kept in
`LiveSite.deferred` and rendered by `finish` straight after; until then the preview
says on each of them that it is being updated (`BuildOutcome.pending`).

A change to the reference data re-checks only the guides that use the entries changed
(`checked.reference_touched`). When it touches many guide pages (an office's hours that
thousands of guides show), the update renders only the changed entries' own pages; the
guide pages are deferred too, and each is rendered at once when a request asks for it
(`render_now`, from the server's request thread, under `LiveSite.lock`), the others by
`finish`, which gives way to such a request between two pages and stops when a file
changed (the editor's next save first).

What this cannot follow falls back to a full build, so correctness never rests on it: a
change to the set of pages or to a page in the navigation, a guide file added, removed or
renamed, or anything outside the guides (mkdocs.yml, pages, theme, schemas).

The search index is not rebuilt here: it follows in the background (`SearchFollower`),
and the terminal says when it has caught up.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands import build as mkdocs_build_module
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from generator.common.i18n import _
from generator.model.types import Guide
from generator.site import render
from generator.site.checked import CheckedTree, check_tree, recheck
from generator.search.background import index_in_background
from generator.search.index import OUTPUT_DIRNAME
from generator.site.pages import SitePages, breadcrumbs, guide_uri
from generator.site.plugin import GuideProblems, GuidesPlugin, catalogue_from
from generator.validate.problems import Problem
from generator.validate.tree import ValidationResult

SEARCH_TEMPLATE = "search.html"
"""The search page without JavaScript lists every guide's names (the plugin's `sg_names`)."""


RECORDS = ".preview-search-records"
"""The full build's search records, kept inside its folder for the search to follow."""


class _Capture(BasePlugin):
    """Added to a full build's plugins: keeps what MkDocs builds the pages from."""

    files: Files | None = None
    env: Environment | None = None
    nav: Navigation | None = None
    records: Path | None = None

    @event_priority(100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep the search records before our plugin indexes and deletes them."""
        plugin = config.plugins.get("guides")
        if isinstance(plugin, GuidesPlugin) and plugin.records is not None:
            if plugin.records.count:
                kept = Path(config.site_dir) / RECORDS
                shutil.copytree(plugin.records.folder, kept, copy_function=os.link)
                self.records = kept

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        return nav

    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env


@dataclass
class LiveSite:
    """The last good build, kept in the preview's process to render single pages again."""

    config: MkDocsConfig
    plugin: GuidesPlugin
    files: Files
    nav: Navigation
    env: Environment
    checked: CheckedTree
    base: Path
    """The folder the full build wrote; never written to again."""
    overlay: dict[str, Path] = field(default_factory=dict)
    """Every file rendered since the full build (dest path -> the folder holding it now)."""
    pending: set[Path] = field(default_factory=set)
    """Guide files whose result changed since the pages were last rendered (while the
    guides have errors, saves add up here until one renders)."""
    reference_pending: bool = False
    """The reference data (or the day) changed since the pages were last rendered."""
    touched: set[Path] | None = field(default_factory=set)
    """While `reference_pending`: the guide files that use the reference entries changed
    (None: every guide)."""
    known: dict[int, tuple[Mapping[str, Any], Guide]] = field(default_factory=dict)
    """The Guide made from each validated dict (`build_catalogue`'s `known`)."""
    records: Path | None = None
    """Every guide's search record as of the last update (None: the site has no search)."""
    deferred: set[str] = field(default_factory=set)
    """Pages (src paths, as `pages_to_render` gives them) an update left to `finish`: the
    site served is behind on these until it has rendered them (or `render_now` has)."""
    deferred_reference: set[str] = field(default_factory=set)
    """Of `deferred`, the pages an update left after a change to the reference data (an
    office's hours): the preview's note on them says so (`deferred_dests`)."""
    records_deferred: set[str] = field(default_factory=set)
    """Guides whose search record an update left to `finish` (a change to many guides:
    their pages come first, the search follows)."""
    folder: Path | None = None
    """The folder of the last update served or about to be: `render_now` writes there."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while this state is used to render: by an update throughout, by `finish` and
    `render_now` one page at a time (a request asks for its page between two of finish's)."""
    waiting: int = 0
    """Requests waiting for `lock` to render their page: `finish` lets them in first."""
    counting: threading.Lock = field(default_factory=threading.Lock)
    """Guards `waiting` (requests come on threads of their own)."""
    doc_files: list[File] | None = None
    """MkDocs' documentation pages (the files do not change while this state is kept)."""
    src_by_dest: dict[str, str] | None = None
    """A page's src path by the path it is written to."""

    @property
    def guides_dir(self) -> Path:
        root = Path(self.config.config_file_path or ".").resolve().parent
        return root / self.plugin.config.guides_dir


def prepare(config: MkDocsConfig) -> tuple[_Capture, GuidesPlugin, list[CheckedTree]] | None:
    """Set up a full build so that its state can be kept: call before `mkdocs build`.

    The plugin validates through `check_tree`, which keeps each file's result. Returns
    None when the site does not use the guides plugin.
    """
    plugin = config.plugins.get("guides")
    if not isinstance(plugin, GuidesPlugin) or not plugin.config.enabled:
        return None
    capture = _Capture()
    config.plugins["guides-preview-state"] = capture
    kept: list[CheckedTree] = []

    def validate(guides_dir: Path, review_max_age_days: int) -> ValidationResult:
        tree = check_tree(guides_dir, review_max_age_days=review_max_age_days)
        kept.append(tree)
        return tree.result()

    plugin.validate = validate
    return capture, plugin, kept


def keep(
    config: MkDocsConfig, prepared: tuple[_Capture, GuidesPlugin, list[CheckedTree]]
) -> LiveSite | None:
    """The state of a full build that succeeded, or None if it cannot be kept."""
    capture, plugin, kept = prepared
    if capture.files is None or capture.env is None or capture.nav is None or not kept:
        return None
    live = LiveSite(
        config, plugin, capture.files, capture.nav, capture.env, kept[-1], Path(config.site_dir)
    )
    live.records = capture.records
    if plugin.site is not None:
        by_id = plugin.site.catalogue.by_id
        for checked in live.checked.files.values():
            guide = by_id.get(str((checked.data or {}).get("id")))
            if checked.data is not None and guide is not None:
                live.known[id(checked.data)] = (checked.data, guide)
    return live


class NeedsFullBuild(Exception):
    """The change is not one the incremental path follows."""


@dataclass
class Update:
    """What one incremental update did."""

    problems: list[Problem]
    """The guides' problems; errors mean nothing was rendered."""
    rendered: list[str] = field(default_factory=list)
    """The dest paths written, into the new folder."""
    changed_guides: set[str] = field(default_factory=set)
    """Ids of guides whose search record may have changed."""
    search_behind: bool = False
    """Search records were written again: the served index is behind until `index_search`."""
    seconds: dict[str, float] = field(default_factory=dict)
    deferred: list[str] = field(default_factory=list)
    """The dest paths of the pages left for `finish` (served as they were until then)."""
    remade: bool = False
    """Every guide was made again (the reference data or the day changed): the model is a
    new large heap."""
    deferred_reference: list[str] = field(default_factory=list)
    """Of `deferred`, the pages left after a change to the reference data."""


FIRST_PASS_MOST = 50
"""An update that changes at most this many guide pages renders them first, and the other
pages it touches (the listings and the pages of the whole catalogue) in `finish`."""


def update(live: LiveSite, changed: set[Path], folder: Path, *, defer: bool = False) -> Update:
    """Render into `folder` the pages `changed` files touch (`_update`), holding `live.lock`."""
    with live.lock:
        return _update(live, changed, folder, defer=defer)


def _update(live: LiveSite, changed: set[Path], folder: Path, *, defer: bool) -> Update:
    """Render into `folder` the pages `changed` files touch; keep the rest in `live.overlay`.

    On errors in the guides, nothing is rendered and the state of the last good build is
    kept (the files' new results are kept too, so the save that fixes them is fast).
    Raises NeedsFullBuild when only a full build can say what the site is.

    With `defer`, when few guide pages changed, only those are rendered now: the other
    pages to render (with any an earlier update deferred) wait in `live.deferred` for
    `finish`.
    """
    timings: dict[str, float] = {}
    started = time.monotonic()
    plugin, config = live.plugin, live.config
    outcome = recheck(live.checked, changed)
    if outcome is None:
        raise NeedsFullBuild(_("the files of the guides tree changed"))
    if (live.checked.reference_digests, live.checked.today) != (
        outcome.tree.reference_digests,
        outcome.tree.today,
    ):
        live.touched = (
            None
            if outcome.touched is None or live.touched is None
            else live.touched | outcome.touched
        )
        live.reference_pending = True
    live.checked, differ = outcome.tree, outcome.differ
    live.pending |= differ
    result = live.checked.result()
    timings["validate"] = time.monotonic() - started
    warnings: list[Problem] = []
    reference = live.reference_pending
    remade = live.reference_pending and (
        live.touched is None or len(live.touched) > FIRST_PASS_MOST
    )
    if live.reference_pending and live.touched is None:
        live.known = {}  # every guide is made again from the new reference data
    elif live.reference_pending:
        # A guide that uses a changed entry keeps its data (its file did not change) but
        # is made into a Guide again, with the new entry; the others' Guides hold no
        # entry that changed.
        for path in live.touched or ():
            data = live.checked.files[path].data if path in live.checked.files else None
            if data is not None:
                live.known.pop(id(data), None)
    try:
        catalogue, warned = catalogue_from(
            result,
            live.guides_dir,
            plugin.config.review_max_age_days,
            strict=plugin.strict_guides,
            found=warnings,
            known=live.known,
        )
    except GuideProblems as error:
        return Update(error.problems, seconds=timings)
    old = plugin.site
    assert old is not None
    new = plugin.plan_site(catalogue, warned, config)
    timings["model"] = time.monotonic() - started - sum(timings.values())
    files = live.checked.files
    if live.reference_pending and live.touched is None:
        suspects = None
    else:
        paths = live.pending | (live.touched or set())
        suspects = {str((files[path].data or {}).get("id")) for path in paths if path in files}
    guides = changed_guides(old, new, suspects)
    fresh = pages_to_render(old, new, guides)
    timings["compare"] = time.monotonic() - started - sum(timings.values())
    plugin.site = new
    plugin.last_problems = warnings
    if render.latest_date(old.catalogue) != render.latest_date(new.catalogue):
        _restamp(live, new)
    if defer:
        wanted = {os.path.abspath(path) for path in changed}
        saved = {path for path in files if os.path.abspath(path) in wanted}
        saved |= live.pending - (live.touched or set())  # saved while the guides had errors
        edited = {str((files[path].data or {}).get("id")) for path in saved if path in files}
        now, later = _first_pass(old, new, fresh, edited)
        live.deferred_reference &= live.deferred  # not those rendered since
        if reference:
            live.deferred_reference |= later & fresh
        later |= live.deferred - now
    else:
        now, later = fresh | live.deferred, set()
    rendered = _render(live, now, folder)
    _carry_over(live, folder, set(rendered))
    live.pending, live.reference_pending, live.touched = set(), False, set()
    live.deferred, live.folder = later, folder
    live.deferred_reference &= later
    searched = live.records is not None and live.plugin.record_template is not None
    if defer and searched and len(guides) > FIRST_PASS_MOST:
        # Many guides changed (the reference data): their pages first, their search
        # records after the pages, in `finish`.
        live.records_deferred |= guides
        behind = False
    else:
        behind = _write_records(live, new, guides)
    timings["render"] = time.monotonic() - started - sum(timings.values())
    return Update(
        warnings,
        rendered,
        guides,
        behind,
        timings,
        deferred_dests(live),
        remade,
        deferred_dests(live, after_reference=True),
    )


def _first_pass(
    old: SitePages, site: SitePages, pages: set[str], edited: set[str]
) -> tuple[set[str], set[str]]:
    """Split the pages to render into those rendered first and those left to `finish`.

    Few guide pages (an edit): those first, the pages listing them later. Many (reference
    data every guide of an office shows): the pages of the changed entries themselves (the
    office's page) and of the guides whose files were saved (`edited`, ids) first; the
    other guide pages and the rest later, each rendered at once when it is asked for
    (`render_now`). No guide page: all of them now.
    """
    first = {uri for uri in pages if uri in site.specs and site.specs[uri].kind == "guide"}
    if not first or first == pages:
        return pages, set()
    if len(first) <= FIRST_PASS_MOST:
        return first, pages - first
    own = {uri for uri in pages if _entry_changed(old, site, uri)}
    if len(edited) <= FIRST_PASS_MOST:
        own |= {guide_uri(key) for key in edited} & pages
    return own, pages - own


def _entry_changed(old: SitePages, new: SitePages, uri: str) -> bool:
    """Say whether this is the page of a reference entry (an office...) that changed."""
    spec = new.specs.get(uri)
    items = _ITEMS.get(spec.kind) if spec is not None else None
    if spec is None or items is None:
        return False
    key = spec.key or ""
    return bool(getattr(old.catalogue, items).get(key) != getattr(new.catalogue, items).get(key))


def deferred_dests(live: LiveSite, *, after_reference: bool = False) -> list[str]:
    """The dest paths of the pages waiting in `live.deferred`, as the server names files
    (`after_reference`: only those left after a change to the reference data)."""
    waiting = live.deferred & live.deferred_reference if after_reference else live.deferred
    dests: list[str] = []
    for file in _doc_files(live):
        page = file.page
        if page is None:
            continue
        if file.src_uri in waiting or (
            SEARCH_TEMPLATE in waiting and page.meta.get("template") == SEARCH_TEMPLATE
        ):
            dests.append(file.dest_uri)
    if "sitemap.xml" in waiting:
        dests.extend(["sitemap.xml", "sitemap.xml.gz"])
    return sorted(dests)


def finish(
    live: LiveSite, folder: Path, stop: Callable[[], bool] = lambda: False
) -> list[str]:
    """Render into `folder` the pages an update deferred; return their dest paths.

    The caller lays the rest of the update over it (`republish`). Rendered from the last
    good plan: an edit made meanwhile that has errors changed nothing here. Stops between
    two pages when `stop()` says so (an editor saved again): the pages not rendered stay
    in `live.deferred`. The search records an update left are written once every page is.
    """
    rendered = _render(live, live.deferred, folder, stop=stop, shared=True)
    with live.lock:
        if not live.deferred and live.records_deferred and live.plugin.site is not None:
            _write_records(live, live.plugin.site, live.records_deferred)
            live.records_deferred = set()
    return rendered


def render_now(live: LiveSite, dest: str, wait: float = 1.0) -> Path | None:
    """Render at once a page an update deferred, when a request asks for it; return the
    file to serve (None: serve the page as it was, saying it is being updated).

    Called from a request's thread while the builder's thread may be in `finish`: the
    page is rendered under `live.lock`, into the folder of the last update (served, or
    about to be, and laid under the next one by `_carry_over`). An update holds the lock
    for its whole run: a request that cannot have it within `wait` seconds gets None.
    """
    with live.counting:
        live.waiting += 1
    try:
        if not live.lock.acquire(timeout=wait):
            return None
    finally:
        with live.counting:
            live.waiting -= 1
    try:
        file = live.files.get_file_from_path(_src_of(live, dest) or "")
        folder = live.folder
        if file is None or file.page is None or folder is None:
            return None
        if file.src_uri in live.deferred:
            _render_page(live, file, folder)
            live.deferred.discard(file.src_uri)
            live.overlay[file.dest_uri] = folder
        where = live.overlay.get(dest)
        return Path(where) / dest if where is not None else None
    finally:
        live.lock.release()


def _src_of(live: LiveSite, dest: str) -> str | None:
    """The src path of the documentation page written to `dest`."""
    if live.src_by_dest is None:
        live.src_by_dest = {file.dest_uri: file.src_uri for file in _doc_files(live)}
    return live.src_by_dest.get(dest)


_LISTS = {
    "topic": "by_topic",
    "life_event": "by_life_event",
    "department": "by_department",
    "audience": "by_audience",
    "office": "by_office",
}
"""The listing pages of one item and the catalogue's index of the guides each lists."""
_ITEMS = {
    "topic": "topics",
    "life_event": "life_events",
    "department": "departments",
    "office": "offices",
}


LISTED_FIELDS = ("id", "title.default", "summary.default")
"""What a listing page shows of each guide it lists (theme/partials/listing/guide-list.html);
tests/test_preview_incremental.py checks this against the template."""
NAMED_FIELDS = ("id", "title.default", "title.en", "aliases")
"""What A–Z and the search page's list show of a guide (partials/listing/a-z.html and
search.html show the names, pages.a_to_z* order them by these)."""


def _view(guide: Guide, fields: tuple[str, ...]) -> tuple[Any, ...]:
    values: list[Any] = []
    for name in fields:
        value: Any = guide
        for part in name.split("."):
            value = getattr(value, part, None)
        values.append(value)
    return tuple(values)


def changed_guides(old: SitePages, new: SitePages, suspects: set[str] | None) -> set[str]:
    """The ids of the guides whose model differs between two plans.

    `suspects` are the only guides that can differ (those whose file changed, when the
    reference data and the day did not); None compares every guide.
    """
    before, after = old.catalogue.by_id, new.catalogue.by_id
    ids = after.keys() if suspects is None else suspects & after.keys()
    return {guide_id for guide_id in ids if before.get(guide_id) != after[guide_id]}


def pages_to_render(old: SitePages, new: SitePages, changed: set[str]) -> set[str]:
    """The src paths of the pages whose output can differ between two plans.

    A page is rendered again when its plan entry or breadcrumbs changed; a guide's page
    when it or a guide it relates to changed; a listing page when its item or the guides it
    lists (which, in what order) changed, or what it shows of a changed guide
    (LISTED_FIELDS); A–Z and the search page's list when a guide's names changed
    (NAMED_FIELDS); and the other pages of the whole catalogue (home, the overviews,
    服务能力) as soon as any guide did.
    """
    if old.specs.keys() != new.specs.keys():
        raise NeedsFullBuild(_("pages were added or removed"))
    pages: set[str] = set()
    cat_old, cat_new = old.catalogue, new.catalogue
    old_date, new_date = render.latest_date(cat_old), render.latest_date(cat_new)
    renamed = any(
        _view(cat_old.by_id[key], NAMED_FIELDS) != _view(cat_new.by_id[key], NAMED_FIELDS)
        for key in changed
    )
    for uri, spec in new.specs.items():
        before = old.specs[uri]
        if before != spec:
            if spec.in_nav or before.in_nav:
                raise NeedsFullBuild(_("a page in the navigation changed"))
            pages.add(uri)
        elif breadcrumbs(before, old.specs) != breadcrumbs(spec, new.specs):
            pages.add(uri)
        elif spec.kind == "guide":
            key = spec.key or ""
            if key in changed or any(g in changed for g in cat_new.by_id[key].related_ids):
                pages.add(uri)
        elif spec.kind in _LISTS:
            key, index = spec.key or "", _LISTS[spec.kind]
            listed_old = getattr(cat_old, index).get(key, ())
            listed_new = getattr(cat_new, index).get(key, ())
            items = _ITEMS.get(spec.kind)
            if (items and getattr(cat_old, items)[key] != getattr(cat_new, items)[key]) or (
                [g.id for g in listed_old] != [g.id for g in listed_new]
            ):
                pages.add(uri)
            elif any(g.id in changed for g in listed_new) and [
                _view(g, LISTED_FIELDS) for g in listed_old if g.id in changed
            ] != [_view(g, LISTED_FIELDS) for g in listed_new if g.id in changed]:
                pages.add(uri)
        elif spec.kind == "a_z":
            if renamed:
                pages.add(uri)
        elif changed or old.warned != new.warned:
            pages.add(uri)  # a page of the whole catalogue: home, the overviews, 服务能力
    if renamed:
        pages.add(SEARCH_TEMPLATE)
    # The sitemap lists every page with its date: it changes only when a date does.
    if old_date != new_date or any(
        cat_old.by_id[key].updated != cat_new.by_id[key].updated for key in changed
    ):
        pages.add("sitemap.xml")
    return pages


def _write_records(live: LiveSite, site: SitePages, guides: set[str]) -> bool:
    """Write the search record of each changed guide (as the plugin's on_post_page does)."""
    template = live.plugin.record_template
    if live.records is None or template is None or not guides:
        return False
    for key in sorted(guides):
        file = live.files.get_file_from_path(guide_uri(key))
        if file is None:
            continue
        target = live.records / file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(template.render(guide=site.catalogue.by_id[key]), encoding="utf-8")
        os.replace(partial, target)  # the index being made reads the old or the new, whole
    return True


def index_search(live: LiveSite) -> Path:
    """Index the current search records into a fresh folder; return its `pagefind/`.

    Runs in the background while the preview serves and updates, in a process of its own
    at the lowest priority (search/background.py): the records are only ever replaced
    whole, and the folder is inside the full build's (removed with it).
    """
    assert live.records is not None
    into = Path(tempfile.mkdtemp(prefix=".preview-search-", dir=live.base))
    return index_in_background(into, live.records)


def republish(live: LiveSite, folder: Path, pagefind: Path | None) -> None:
    """Make `folder` the pages of the last update again, with a new search index if given."""
    with live.lock:
        _republish(live, folder, pagefind)
        live.folder = folder


def _republish(live: LiveSite, folder: Path, pagefind: Path | None) -> None:
    if pagefind is not None:
        for dest in [dest for dest in live.overlay if dest.startswith(f"{OUTPUT_DIRNAME}/")]:
            del live.overlay[dest]
        for path in pagefind.rglob("*"):
            if path.is_file():
                dest = f"{OUTPUT_DIRNAME}/{path.relative_to(pagefind).as_posix()}"
                target = folder / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(path, target)
    written = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    _carry_over(live, folder, written)


def _restamp(live: LiveSite, site: SitePages) -> None:
    """Date every page again: all but dated guides take the latest date of any guide.

    The dates show only in the sitemap (rendered again with them); this is
    `render.stamp_update_date` for every page, with the latest date found once.
    """
    latest = render.latest_date(site.catalogue)
    for file in live.files.documentation_pages():
        if file.page is None:
            continue
        spec = site.specs.get(file.src_uri)
        guide = site.catalogue.by_id.get(spec.key or "") if spec and spec.kind == "guide" else None
        date = guide.updated if guide and guide.updated else latest
        if date is not None:
            file.page.update_date = date.isoformat()


def _render(
    live: LiveSite,
    pages: set[str],
    folder: Path,
    *,
    stop: Callable[[], bool] = lambda: False,
    shared: bool = False,
) -> list[str]:
    """Render these pages into `folder` with MkDocs' own per-page steps; return dest paths.

    `shared` (finish): `live.lock` is taken for each page, a page `render_now` rendered
    meanwhile is not rendered again, and each page rendered leaves `live.deferred`.
    """
    config, files = live.config, live.files
    written: list[str] = []
    for file in _doc_files(live):
        page = file.page
        if page is None:
            continue
        wanted = file.src_uri in pages or (
            SEARCH_TEMPLATE in pages and page.meta.get("template") == SEARCH_TEMPLATE
        )
        if not wanted:
            continue
        if not shared:
            _render_page(live, file, folder)
            written.append(file.dest_uri)
            continue
        if stop():
            return written
        if live.waiting:
            time.sleep(0.002)  # a request is waiting to render its page: let it in first
        with live.lock:
            if file.src_uri not in live.deferred and page.meta.get("template") != SEARCH_TEMPLATE:
                continue  # rendered by render_now meanwhile
            _render_page(live, file, folder)
            live.deferred.discard(file.src_uri)
            live.overlay[file.dest_uri] = folder  # what render_now serves from now on
            written.append(file.dest_uri)
    if "sitemap.xml" in pages and "sitemap.xml" in config.theme.static_templates:
        with live.lock if shared else _no_lock():
            with _writing_into(config, folder):
                mkdocs_build_module._build_theme_template(
                    "sitemap.xml", live.env, files, config, live.nav
                )
            live.deferred.discard("sitemap.xml")
        written.extend(["sitemap.xml", "sitemap.xml.gz"])
    if shared and SEARCH_TEMPLATE in pages:
        live.deferred.discard(SEARCH_TEMPLATE)
    return written


def _render_page(live: LiveSite, file: File, folder: Path) -> None:
    """Render one page into `folder` through MkDocs' `_populate_page` and `_build_page`."""
    config, files = live.config, live.files
    page = file.page
    assert page is not None
    with _writing_into(config, folder), _dest_in(file, folder):
        mkdocs_build_module._populate_page(page, config, files)
        mkdocs_build_module._build_page(page, config, _doc_files(live), live.nav, live.env)


def _doc_files(live: LiveSite) -> list[File]:
    """The documentation pages MkDocs renders (the same list for as long as `live` lives)."""
    if live.doc_files is None:
        live.doc_files = list(live.files.documentation_pages(inclusion=InclusionLevel.is_in_serve))
    return live.doc_files


@contextmanager
def _no_lock() -> Iterator[None]:
    yield


@contextmanager
def _writing_into(config: MkDocsConfig, folder: Path) -> Iterator[None]:
    """Point MkDocs' site folder at `folder` while single pages are written."""
    site_dir = config.site_dir
    config.site_dir = str(folder)
    try:
        yield
    finally:
        config.site_dir = site_dir


@contextmanager
def _dest_in(file: File, folder: Path) -> Iterator[None]:
    """Write this file's page into `folder` (File.abs_dest_path is a cached property)."""
    kept: dict[str, Any] = file.__dict__
    before = kept.get("abs_dest_path")
    kept["abs_dest_path"] = os.path.normpath(os.path.join(folder, file.dest_uri))
    try:
        yield
    finally:
        if before is None:
            kept.pop("abs_dest_path", None)
        else:
            kept["abs_dest_path"] = before


def _carry_over(live: LiveSite, folder: Path, rendered: set[str]) -> None:
    """Hard-link into `folder` what earlier updates rendered and this one did not."""
    made: set[str] = set()  # after the search index caught up, thousands of its files
    for dest, source in live.overlay.items():
        if dest in rendered:
            continue
        parent = os.path.dirname(dest)
        if parent not in made:
            os.makedirs(os.path.join(folder, parent), exist_ok=True)
            made.add(parent)
        target = os.path.join(folder, dest)
        try:
            os.link(os.path.join(source, dest), target)
        except OSError:
            shutil.copy2(os.path.join(source, dest), target)
    for dest in rendered:
        live.overlay[dest] = folder
    for dest in live.overlay:
        live.overlay[dest] = folder
