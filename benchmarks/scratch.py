"""The folders benchmarks write into: made afresh on every run, and never one they did not make.

A benchmark that is pointed at a folder (`search.py --keep DIR`, `hugo_site.py GUIDES DEST`)
empties it first. It used to delete whatever was there; now it deletes a folder only when
a benchmark made it (it holds MARK) or it is empty, and otherwise stops, naming the
folder, before anything is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: The file a benchmark leaves in each folder it makes, so the next run knows it may go.
MARK = ".made-by-benchmarks"


def fresh_folder(path: Path) -> Path:
    """Make path an empty folder (but for MARK) and return it; raise SystemExit, deleting
    nothing, when path is a file or a non-empty folder no benchmark made."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise SystemExit(f"{path} is not a folder: point the benchmark at a new folder")
    if path.exists():
        if any(path.iterdir()) and not (path / MARK).is_file():
            raise SystemExit(
                f"{path} already holds files that no benchmark made; nothing was deleted. "
                "Point the benchmark at a new or empty folder, or remove this one yourself."
            )
        shutil.rmtree(path)
    path.mkdir(parents=True)
    (path / MARK).write_text(
        "Made by a benchmark of service-guides; the next run deletes and makes it again.\n",
        "utf-8",
    )
    return path
