"""Where guides live: the guides root, its files, and how a file is named in messages.

A guides root is a folder holding `reference/` (shared data, one file per kind) and
`services/` (one guide per file, sub-folders allowed); see docs/architecture.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from generator.problems import Problem, Severity

REFERENCE_FILES = {
    "departments": "departments",
    "offices": "offices",
    "topics": "topics",
    "life-events": "life_events",
    "e-licences": "e_licences",
}
"""Reference file stem -> the key of its list (and of `ValidationResult.reference`)."""

YAML_SUFFIXES = (".yaml", ".yml")


def find_guides_root(path: Path) -> Path | None:
    """Return the nearest directory at or above `path` that holds `reference/`."""
    start = path if path.is_dir() else path.parent
    for candidate in (start, *start.parents):
        if (candidate / "reference").is_dir():
            return candidate
    return None


def guide_files(folder: Path) -> Iterator[Path]:
    """Yield every YAML file under `folder`, skipping hidden files and folders."""
    if not folder.is_dir():
        return
    for directory, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in filenames:
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield Path(directory, name)


def stray_files(guides_dir: Path) -> Iterator[Problem]:
    """Warn about YAML files at the top of the guides root, where nothing reads them."""
    for path in sorted(guides_dir.iterdir()):
        if path.is_file() and path.suffix in YAML_SUFFIXES:
            yield Problem(
                display_name(path, guides_dir),
                1,
                1,
                Severity.WARNING,
                "",
                "this file is not read: guides go in services/, shared data in reference/",
                "move it into guides/services/",
            )


def is_reference(path: Path, guides_dir: Path) -> bool:
    """Tell whether `path` is one of the root's reference files."""
    return path.resolve().parent == (guides_dir / "reference").resolve()


def display_name(path: Path, guides_dir: Path) -> str:
    """Show a path as the editor can open it: relative to the working directory if inside it.

    String operations only (no symlink resolution): this runs once per guide.
    """
    text = os.path.abspath(path)
    cwd = os.getcwd()
    if text.startswith(cwd + os.sep):
        text = text[len(cwd) + 1 :]
    return text.replace(os.sep, "/")


def source_name(path: Path, guides_dir: Path) -> str:
    """Name a guide file from the guides root, as in `guides/services/x.yaml`."""
    root = os.path.abspath(guides_dir)
    text = os.path.abspath(path)
    if text.startswith(root + os.sep):
        text = os.path.join(os.path.basename(root), text[len(root) + 1 :])
    return text.replace(os.sep, "/")
