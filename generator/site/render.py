"""What the templates need beyond the data: filters, links, page titles and paths.

MkDocs creates its Jinja environment without autoescaping, and Material's templates rely
on that. Our own templates (guide, listing, home, office and their partials) are compiled
with autoescaping on, so guide text is always escaped unless it went through the safe
Markdown renderer, which returns Markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.model.types import Catalogue, Duration, Guide, Text
from generator.site import jsonld
from generator.search.everyday import guide_everyday_words, record_keys
from generator.site.labels import label
from generator.site.markdown import render_markdown
from generator.site.pages import PageSpec, guide_uri

_OURS = (
    "guide.html",
    "listing.html",
    "home.html",
    "office.html",
    "search-record.html",
    "service-capability.html",
)
_OUR_FOLDERS = ("partials/guide/", "partials/listing/")


def is_our_template(name: str | None) -> bool:
    """Say whether a template is one of ours, compiled with autoescaping."""
    return name is not None and (name in _OURS or name.startswith(_OUR_FOLDERS))


def install(env: Environment, urls: Mapping[str, str]) -> None:
    """Add our filters and globals to the theme's Jinja environment."""
    env.autoescape = is_our_template
    # MkDocs makes a fresh environment for every build (Theme.get_env), and no template
    # changes during one; without this, every `{% include %}` of every page checks the
    # template's file on disk again (about 30 stat calls per guide page).
    env.auto_reload = False
    env.filters.update(
        md=markdown_block,
        sg_t=text_html,
        sg_md=markdown_html,
        sg_label=lambda code, kind: label(kind, code),
        sg_duration=duration_text,
        sg_date=date_text,
        sg_tel=tel_href,
        sg_days=days_text,
    )
    env.globals.update(
        sg_badges=badges,
        sg_href=lambda src_uri: urls.get(src_uri, ""),
        sg_guide_href=lambda guide_id: urls.get(guide_uri(guide_id), ""),
        sg_jsonld=_jsonld,
        sg_search_keys=record_keys,
        sg_everyday=guide_everyday_words,
    )


def _jsonld(guide: Guide, *args: Page | None) -> Markup:
    """Return a guide page's JSON-LD; the page comes last.

    theme/guide.html still calls `sg_jsonld(guide, none, page)`, from when the catalogue
    was passed too; `sg_jsonld(guide, page)` works as well, so the template can drop the
    empty argument on its own schedule.
    """
    page = args[-1] if args else None
    return jsonld.guide_jsonld(guide, page.canonical_url if page else None)


def badges(guide: Guide) -> list[str]:
    """Return what makes a service quick to use, as words: 秒批, 零跑动, 全程网办 and so on.

    One list for the page's badges and the search result's, so the two never disagree.
    """
    words = []
    if guide.instant_approval != "none":
        words.append(label("instant_approval", guide.instant_approval))
    if guide.visits == 0:
        words.append("零跑动")
    elif guide.visits == 1:
        words.append("最多跑一次")
    if guide.online_depth == "fully_online":
        words.append("全程网办")
    if any(m.e_licence for m in guide.materials):
        words.append("电子证照免提交")
    if guide.time_limit and guide.time_limit.instant:
        words.append("即办件")
    return words


def text_html(text: Text | None) -> Markup:
    """Return plain text, escaped, with any English beside it marked lang="en".

    A filter rather than a Jinja macro: it runs for every field of every page, and a
    Python function is many times faster than a macro call.
    """
    if not text:
        return Markup("")
    html = escape(text.default)
    if text.en:
        html += Markup(' <span class="sg-en" lang="en">%s</span>') % text.en
    return html


def markdown_html(text: Text | None) -> Markup:
    """Return a Markdown field as safe HTML, with any English in its own lang="en" block."""
    if not text:
        return Markup("")
    html = Markup('<div class="sg-md">%s</div>') % render_markdown(text.default)
    if text.en:
        html += Markup('<div class="sg-md sg-en" lang="en">%s</div>') % render_markdown(text.en)
    return html


def markdown_block(text: Text | str | None, lang: str | None = None) -> Markup:
    """Render a Markdown field (one language of it) as safe block HTML."""
    value = _pick(text, lang)
    return render_markdown(value) if value else Markup("")


def _pick(text: Text | str | None, lang: str | None) -> str | None:
    if text is None or isinstance(text, str):
        return text
    return text.default if lang is None else text.get(lang)


def duration_text(duration: Duration | None) -> str:
    """Return `10 个工作日` for a duration."""
    if duration is None:
        return ""
    return f"{duration.value_text} {label('unit', duration.unit)}"


_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def days_text(days: tuple[str, ...]) -> str:
    """Return weekdays the short way: 周一至周五、周日."""
    order = sorted(_WEEK.index(d) for d in days if d in _WEEK)
    runs: list[list[int]] = []
    for index in order:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    words = []
    for run in runs:
        first, last = label("day", _WEEK[run[0]]), label("day", _WEEK[run[-1]])
        words.append(
            first if len(run) == 1 else f"{first}、{last}" if len(run) == 2 else f"{first}至{last}"
        )
    return "、".join(words)


def date_text(date: dt.date | None) -> str:
    """Return a date the Chinese way: 2026年9月15日."""
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


_NOT_DIALLED = re.compile(r"[^0-9+]")


def tel_href(phone: str) -> str:
    """Return the `tel:` link for a phone number as written (`0599-8701 2345`)."""
    return "tel:" + _NOT_DIALLED.sub("", phone)


_INDENT = re.compile(r"\n[ \t]+")


def strip_indentation(html: str) -> str:
    """Remove the indentation templates leave at the start of lines.

    Whitespace at a line start is insignificant in HTML except inside `pre` and
    `textarea`, so a page holding either is left exactly as it is.
    """
    if "<pre" in html or "<textarea" in html:
        return html
    return _INDENT.sub("\n", html)


def prepare_page(page: Page, spec: PageSpec, catalogue: Catalogue) -> None:
    """Set the template and title of a generated page; guides also get a date and summary."""
    page.meta["template"] = spec.template
    # Escaped here because the page chrome prints the title without autoescaping.
    page.meta["title"] = escape(spec.title)
    if spec.kind == "guide" and spec.key is not None:
        guide: Guide = catalogue.by_id[spec.key]
        page.meta["description"] = escape(guide.summary.default)


class DataPage(Page):
    """A generated page: its template renders it from data, so it has no Markdown body.

    MkDocs builds a Markdown converter with every extension for every page, the largest
    cost of a page after its template; a DataPage skips it. MkDocs lets a plugin give a
    file its own Page subclass by creating it in `on_files` (File.page).
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def stamp_update_date(page: Page, spec: PageSpec | None, catalogue: Catalogue) -> None:
    """Date a page from the data, not the clock, so two builds are byte identical.

    The date is the sitemap's <lastmod> and the mtime inside sitemap.xml.gz: a guide page
    takes the guide's `updated`, every other page the latest date of any guide.
    """
    guide = catalogue.by_id.get(spec.key or "") if spec and spec.kind == "guide" else None
    date = guide.updated if guide and guide.updated else latest_date(catalogue)
    if date is not None:
        page.update_date = date.isoformat()


def latest_date(catalogue: Catalogue) -> dt.date | None:
    """Return the latest `updated` or `reviewed` date of all guides."""
    dates = [d for g in catalogue.guides for d in (g.updated, g.reviewed) if d]
    return max(dates, default=None)


def repo_relative(path: str, config_file: str | None) -> str:
    """Return `path` relative to the folder of mkdocs.yml, in POSIX form."""
    root = Path(config_file or ".").resolve().parent
    try:
        return Path(path).resolve().relative_to(root).as_posix().strip(".")
    except ValueError:
        return Path(path).name


def repo_path(source: str, root: Path, guides_dir: str, guide_id: str) -> str:
    """Return the guide's YAML file relative to the repository (mkdocs.yml's folder).

    Validation names a file from the guides folder's parent (`guides/services/x.yaml`),
    whatever the working directory, so the path is resolved from there.
    """
    if source:
        path = Path(source)
        if not path.is_absolute():
            path = (root / guides_dir).parent / path
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return f"{guides_dir}/services/{guide_id}.yaml"
