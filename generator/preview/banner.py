"""The problems banner on every previewed page, and the problems page: plain HTML, preview only.

Both are made here from the last build's outcome and added to a page as `guides serve`
serves it (server.py), so no built site ever carries them. The banner is a `role="alert"`
region at the top of the page, so a screen reader announces it when the page loads, with
an ordinary link to the problems page that the keyboard reaches first.
"""

from __future__ import annotations

import re
from html import escape

from generator.common.i18n import _, ngettext
from generator.preview.state import BuildOutcome
from generator.validate.problems import Problem, Severity

SHOWN_IN_BANNER = 5
"""Problems listed in the banner itself; the page lists them all."""

_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)

# Colours of its own, whatever the page's display mode: dark text on a pale yellow
# (contrast above 12:1), a red edge, and a focus ring that shows on both.
_STYLE = """
.sg-preview-problems{all:revert;display:block;box-sizing:border-box;margin:0;padding:1rem 1.25rem;
background:#fff3c4;color:#1b1b1b;border-block-end:4px solid #a4000f;font:1rem/1.5 system-ui,
"Noto Sans CJK SC","Microsoft YaHei",sans-serif;position:relative;z-index:10}
.sg-preview-problems *{color:inherit;font:inherit}
.sg-preview-problems strong{font-weight:700}
.sg-preview-problems ul{margin:.5rem 0;padding-inline-start:1.25rem}
.sg-preview-problems code{font-family:ui-monospace,monospace;background:#fff;padding:0 .2em}
.sg-preview-problems a{color:#00336e;text-decoration:underline;font-weight:700}
.sg-preview-problems a:focus{outline:3px solid #1b1b1b;outline-offset:2px}
.sg-preview-problems pre{white-space:pre-wrap;margin:.5rem 0}
"""


def language() -> str:
    """The language tag of the texts below, for the `lang` attribute."""
    # TRANSLATORS: the language tag of this translation, such as zh-CN.
    return _("en")


def banner_html(outcome: BuildOutcome, problems_url: str) -> str:
    """Return the banner for a page, or "" when the last build had no error."""
    errors = outcome.errors
    if outcome.built and not errors:
        return ""
    parts = [
        f'<div class="sg-preview-problems" role="alert" lang="{language()}" '
        'data-sg-preview-banner="">',
        f"<style>{_STYLE}</style>",
        f"<p><strong>{escape(_headline(outcome))}</strong> {escape(_kept_note())}</p>",
    ]
    if errors:
        parts.append("<ul>")
        parts.extend(f"<li>{_problem_item(problem)}</li>" for problem in errors[:SHOWN_IN_BANNER])
        parts.append("</ul>")
    elif outcome.failure:
        parts.append(f"<pre>{escape(outcome.failure)}</pre>")
    more = len(errors) - SHOWN_IN_BANNER
    link = (
        ngettext("See all problems ({count} more)", "See all problems ({count} more)", more).format(
            count=more
        )
        if more > 0
        else _("See the problems with their hints")
    )
    parts.append(f'<p><a href="{escape(problems_url)}">{escape(link)}</a></p></div>')
    return "".join(parts)


_SEARCH_STYLE = """
.sg-preview-note{all:revert;display:block;box-sizing:border-box;margin:0;padding:.5rem 1.25rem;
background:#e8f1fb;color:#1b1b1b;border-block-end:2px solid #00336e;font:1rem/1.5 system-ui,
"Noto Sans CJK SC","Microsoft YaHei",sans-serif;position:relative;z-index:10}
"""


def search_note_html() -> str:
    """Return the note every page carries while the search index lags behind the pages.

    A status region (announced politely, not an alert): the pages are up to date, only
    the search results may not show the last change yet. live.js removes it once the
    index has caught up.
    """
    note = _(
        "The search index is being updated: search results may not show your latest "
        "changes yet. The pages themselves are up to date."
    )
    return (
        f'<div class="sg-preview-note" role="status" lang="{language()}" '
        f'data-sg-preview-search=""><style>{_SEARCH_STYLE}</style>{escape(note)}</div>'
    )


def updating_note_html(*, reference: bool = False) -> str:
    """Return the note on a page the preview is rendering again (after the edited guides'
    own pages): it shows the page as it was, says so, and reloads by itself (live.js).

    `reference`: the page waits after a change to the reference data (an office's hours
    on a guide's page, or on home), not because it lists guides the editor changed."""
    if reference:
        note = _(
            "This page is being updated after your change to the reference data (offices, "
            "departments and the like): it may not show that change yet, and reloads by "
            "itself in a moment."
        )
    else:
        note = _(
            "This page lists guides you have just changed and is being updated: it may not "
            "show your latest changes yet, and reloads by itself in a moment."
        )
    return (
        f'<div class="sg-preview-note" role="status" lang="{language()}" '
        f'data-sg-preview-updating=""><style>{_SEARCH_STYLE}</style>{escape(note)}</div>'
    )


def add_banner(page: bytes, banner: str) -> bytes:
    """Put the banner first in the page's body (or first of all when it has no body tag)."""
    if not banner:
        return page
    opening = _BODY_OPEN.search(page)
    at = opening.end() if opening else 0
    return page[:at] + banner.encode("utf-8") + page[at:]


def add_script(page: bytes, script: str) -> bytes:
    """Put `script` just before the end of the body, where it runs after the page is read."""
    end = page.lower().rfind(b"</body>")
    at = end if end >= 0 else len(page)
    return page[:at] + script.encode("utf-8") + page[at:]


def problems_page(outcome: BuildOutcome | None, home_url: str, script: str) -> str:
    """Return the page that lists every problem of the last build, with its hint."""
    title = _("Problems in the guides")
    if outcome is None:
        # Served at every address until the first build ends: nothing is known yet.
        title = _("Building the preview")
        waiting = _("The first build is still running; this page reloads when it ends.")
        body = f"<p>{escape(waiting)}</p>"
    elif outcome.problems:
        body = _problem_list(outcome)
    elif not outcome.built:
        body = f"<p>{escape(_headline(outcome))}</p><pre>{escape(outcome.failure)}</pre>"
    else:
        body = f"<p>{escape(_('No problems: the preview shows the guides as they are now.'))}</p>"
    home = escape(_("Back to the site"))
    return (
        f'<!doctype html><html lang="{language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}"
        "body{margin:0;font:1rem/1.6 system-ui,sans-serif;color:#1b1b1b;background:#fff}"
        "main{max-width:60rem;margin:0 auto;padding:1rem}"
        "main li{margin-block-end:.75rem}main a{color:#00336e}"
        "main a:focus{outline:3px solid #1b1b1b;outline-offset:2px}</style></head><body>"
        f"<main><h1>{escape(title)}</h1>{body}"
        f'<p><a href="{escape(home_url)}">{home}</a></p></main>{script}</body></html>'
    )


def _headline(outcome: BuildOutcome) -> str:
    count = len(outcome.errors)
    if count:
        return ngettext(
            "The guides have {count} error, so the site was not rebuilt.",
            "The guides have {count} errors, so the site was not rebuilt.",
            count,
        ).format(count=count)
    return _("The site could not be built.")


def _kept_note() -> str:
    return _(
        "This preview shows the last version that had no error. "
        "Fix the problems and save: this notice goes away by itself."
    )


def _problem_line(problem: Problem) -> str:
    where = _("{file}, line {line}").format(file=problem.file, line=problem.line)
    field = f" <code>{escape(problem.path)}</code>" if problem.path else ""
    return f"<code>{escape(where)}</code>{field}: {escape(problem.message)}"


def _problem_item(problem: Problem) -> str:
    if not problem.hint:
        return _problem_line(problem)
    hint = _("How to fix it: {hint}").format(hint=problem.hint)
    return f"{_problem_line(problem)}<br>{escape(hint)}"


def _problem_list(outcome: BuildOutcome) -> str:
    errors = outcome.errors
    warnings = [p for p in outcome.problems if p.severity is Severity.WARNING]
    parts = [f"<p>{escape(_headline(outcome))}</p>"] if errors else []
    for heading, problems in ((_("Errors"), errors), (_("Warnings"), warnings)):
        if not problems:
            continue
        parts.append(f"<h2>{escape(heading)}</h2><ol>")
        parts.extend(f"<li>{_problem_item(problem)}</li>" for problem in problems)
        parts.append("</ol>")
    return "".join(parts)
