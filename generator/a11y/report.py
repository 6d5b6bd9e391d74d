"""The suite's reports: report.json for machines, report.html for people."""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from generator.a11y.runner import Result


def summary(results: list[Result]) -> dict[str, Any]:
    by_check = Counter(f.check for r in results for f in r.failures)
    return {
        "page_modes": len(results),
        "pages": len({r.page for r in results}),
        "modes": sorted({r.mode for r in results}),
        "failing_page_modes": sum(1 for r in results if r.failures),
        "failures": sum(len(r.failures) for r in results),
        "excepted": sum(len(r.excepted) for r in results),
        "by_check": dict(by_check.most_common()),
    }


def write_json(path: Path, site: str, results: list[Result], seconds: float) -> None:
    data = {
        "site": site,
        "seconds": round(seconds, 1),
        "summary": summary(results),
        "results": [r.to_dict() for r in results],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


_CSS = """
body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;margin:1rem 2rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.4rem;
text-align:left;vertical-align:top}th{background:#eee}.ok{color:#0a5c0a}.bad{color:#a00}
code{font-size:.9em;word-break:break-all}ul{margin:0;padding-left:1.2rem}
a{color:#0645ad}a:focus{outline:3px solid #000;outline-offset:2px}
.gallery{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.gallery figure{margin:0;width:12rem}.gallery img{width:100%;height:18rem;object-fit:cover;
object-position:top;border:1px solid #888}.gallery figcaption{font-size:.9em}
"""


def _gallery(path: Path, results: list[Result], kinds: dict[str, str]) -> str:
    """Screenshots of each page kind in each mode, as `guides check` saved them beside the
    report (screenshots/<kind>/<mode>.png): a person reviews the layout at a glance."""
    esc = html.escape
    modes = list(dict.fromkeys(r.mode for r in results))
    failing = {(r.page, r.mode) for r in results if r.failures}
    sections = []
    for kind, page in kinds.items():
        figures = []
        for mode in modes:
            shot = Path("screenshots") / kind / f"{mode}.png"
            if not (path.parent / shot).is_file():
                continue
            verdict = "fails" if (page, mode) in failing else "passes"
            figures.append(
                f'<li><figure><a href="{esc(shot.as_posix())}"><img src="{esc(shot.as_posix())}" '
                f'alt="{esc(kind)} page in {esc(mode)} mode" loading="lazy"></a>'
                f"<figcaption>{esc(mode)} ({verdict})</figcaption></figure></li>"
            )
        if figures:
            sections.append(
                f"<h3>{esc(kind)}: <code>{esc(page)}</code></h3>"
                f'<ul class="gallery">{"".join(figures)}</ul>'
            )
    if not sections:
        return ""
    return (
        "<h2>Screenshots: each page kind in each mode</h2><p>Each page from its top to "
        "2,400 px into its main content, as the suite loaded it, before any check touched "
        "it. Select a picture for full size."
        f"</p>{''.join(sections)}"
    )


def _failure_item(f: dict[str, str]) -> str:
    esc = html.escape
    help_link = f' <a href="{esc(f["help"])}">help</a>' if f.get("help") else ""
    impact = f" ({esc(f['impact'])})" if f.get("impact") else ""
    return (
        f"<li><strong>{esc(f['check'])}</strong>{impact} — {esc(f['criterion'])}: "
        f"{esc(f['message'])}<br>element: <code>{esc(f['selector'])}</code>{help_link}</li>"
    )


def _file_link(site: str, page: str) -> str:
    """The page's file in the site folder (the server the suite used is gone by now)."""
    target = Path(site).resolve() / page.lstrip("/")
    if page.endswith("/"):
        target = target / "index.html"
    return target.as_uri()


def write_html(
    path: Path,
    site: str,
    results: list[Result],
    seconds: float,
    kinds: dict[str, str] | None = None,
) -> None:
    esc = html.escape
    s = summary(results)
    rows = []
    for r in results:
        d = r.to_dict()
        n = len(r.failures)
        status = (
            '<span class="ok">pass</span>'
            if not n
            else f'<span class="bad">{n} failure{"s" if n > 1 else ""}</span>'
        )
        items = "".join(_failure_item(f) for f in d["failures"])
        items += "".join(
            f"<li>excepted: {esc(e['check'])} on <code>{esc(e['selector'])}</code> — "
            f"{esc(e['reason'])}</li>"
            for e in d["excepted"]
        )
        detail = f"<ul>{items}</ul>" if items else ""
        rows.append(
            f'<tr><td><a href="{esc(_file_link(site, r.page))}">{esc(r.page)}</a></td>'
            f"<td>{esc(r.mode)}</td>"
            f"<td>{status}</td><td>{detail}</td></tr>"
        )
    by_check = ""
    if s["by_check"]:
        items = "".join(
            f"<li><strong>{esc(check)}</strong>: {count}</li>"
            for check, count in s["by_check"].items()
        )
        by_check = f"<h2>Failures by check</h2><ul>{items}</ul>"
    verdict = "passes" if not s["failures"] else f"fails: {s['failures']} failures"
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Accessibility report — {esc(site)}</title><style>{_CSS}</style></head>
<body><main>
<h1>Accessibility report</h1>
<p>Site <code>{esc(site)}</code> {esc(verdict)}. {s["pages"]} pages × {len(s["modes"])} modes
= {s["page_modes"]} page-modes checked in {seconds:.0f} s;
{s["failing_page_modes"]} page-modes fail; {s["excepted"]} failures excepted by
the exceptions file.</p>
{by_check}
{_gallery(path, results, kinds or {})}
<h2>Every page and mode</h2>
<table><caption>One row per page and mode</caption>
<thead><tr><th scope="col">Page</th><th scope="col">Mode</th><th scope="col">Result</th>
<th scope="col">Failures (check — criterion: message, element, help)</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody></table></main></body></html>
"""
    path.write_text(page, encoding="utf-8")
