"""Refresh docs/screenshots/ from the picture report of `guides check`.

    .venv/bin/guides build && .venv/bin/python scripts/update_screenshots.py [SITE_DIR]

Runs the accessibility suite on the site's guide page (the one `guides check` photographs
for the gallery: the guide with the most markup) in every mode, and copies its pictures
to docs/screenshots/<mode>.png, so the pictures in README.md are the ones a reviewer sees
in reports/report.html. SITE_DIR defaults to site/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator.a11y.discover import discover_pages, page_kinds
from generator.commands.check import run_check

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "site"
    if not (site / "index.html").is_file():
        print(f"{site} is not a built site: run `guides build` first", file=sys.stderr)
        return 2
    guide = page_kinds(site, discover_pages(site)).get("guide")
    if guide is None:
        print(f"{site} has no guide page to photograph", file=sys.stderr)
        return 2
    out = REPO / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        code = run_check(site, modes=[], pages=[guide], report_dir=Path(tmp), workers=2)
        shots = sorted((Path(tmp) / "screenshots" / "guide").glob("*.png"))
        for png in shots:
            shutil.copyfile(png, out / png.name)
            print(f"{out / png.name} ({png.stat().st_size // 1024} KB)")
    print(f"{len(shots)} pictures of {guide}; the suite said {'pass' if code == 0 else 'fail'}")
    return 0 if shots else 1


if __name__ == "__main__":
    sys.exit(main())
