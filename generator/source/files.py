"""Where guides live: the guides root, its files, and how a file is named in messages.

A guides root is a folder holding `reference/` (shared data, one file per kind) and
`services/` (one guide per file, sub-folders allowed); see docs/architecture.md.

Nothing in the root is skipped without a word: `scan_tree` names every file that is not
read. A file whose name looks like YAML but is not read (`x.yaml.txt`, `.x.yaml`, or any
YAML file outside `services/` and `reference/`) is an error, because an editor wrote a
guide there and it would not be published; any other file (`README.md`) is a warning.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.validate.problems import Problem, Severity

REFERENCE_FILES = {
    "departments": "departments",
    "offices": "offices",
    "topics": "topics",
    "life-events": "life_events",
    "e-licences": "e_licences",
}
"""Reference file stem -> the key of its list (and of `ValidationResult.reference`)."""

YAML_SUFFIXES = (".yaml", ".yml")
"""How a file read as YAML ends, compared case-insensitively (`x.YAML` and `x.yml` are read)."""

HOUSEKEEPING = frozenset({".gitkeep", ".gitignore", ".gitattributes", ".keep"})
"""Files that git users put in folders on purpose; they are neither read nor named."""

_YAML_INSIDE = re.compile(r"(?i)\.ya?ml")


def is_yaml_name(name: str) -> bool:
    """Tell whether a file of this name is read as YAML: `.yaml` or `.yml`, any case, not hidden."""
    return name.lower().endswith(YAML_SUFFIXES) and not name.startswith(".")


@dataclass
class TreeScan:
    """What a walk of a guides root found: guide files, reference files, and what is not read."""

    guides: list[Path] = field(default_factory=list)
    reference: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def find_guides_root(path: Path) -> Path | None:
    """Return the nearest directory at or above `path` that holds `reference/`."""
    start = path if path.is_dir() else path.parent
    for candidate in (start, *start.parents):
        if (candidate / "reference").is_dir():
            return candidate
    return None


def scan_tree(guides_dir: Path) -> TreeScan:
    """Walk the guides root once: sort its files into guides, reference data and the rest.

    Symbolic links are never followed (a linked folder is named, not entered); whether a
    file is an ordinary file is checked when it is read (`generator.source.loader.load_file`).
    """
    scan = TreeScan()
    root = guides_dir
    services = root / "services"
    reference = root / "reference"
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        kept = []
        for name in sorted(dirnames):
            if name == ".git":
                continue
            if os.path.islink(here / name):
                filenames.append(name)  # named below like any other entry that is not read
            else:
                kept.append(name)
        dirnames[:] = kept
        # Where a folder lies is worked out once for all its files (a large office has
        # thousands in one folder).
        in_reference = here == reference
        in_services = _is_within(here, services)
        for name in sorted(filenames):
            # a child of a Path made once: half the cost of Path(directory, name)
            path = here / name
            if in_reference and _reference_stem(name) is not None:
                stem = _reference_stem(name)
                assert stem is not None
                if stem in scan.reference:
                    scan.problems.append(_twice(path, scan.reference[stem]))
                else:
                    scan.reference[stem] = path
            elif in_services and is_yaml_name(name):
                scan.guides.append(path)
            elif name not in HOUSEKEEPING:
                scan.problems.append(_not_read(path, root, services, reference))
    return scan


def guide_files(folder: Path) -> Iterator[Path]:
    """Yield every file under `folder` that is read as a guide (see `is_yaml_name`)."""
    if not folder.is_dir():
        return
    for directory, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if name != ".git")
        for name in sorted(filenames):
            if is_yaml_name(name):
                yield Path(directory, name)


def is_reference(path: Path, guides_dir: Path) -> bool:
    """Tell whether `path` is one of the root's reference files."""
    return path.resolve().parent == (guides_dir / "reference").resolve()


def is_inside(path: Path, guides_dir: Path) -> bool:
    """Tell whether the folder holding `path` lies inside the guides root, links resolved."""
    folder = os.path.realpath(path.parent)
    root = os.path.realpath(guides_dir)
    return folder == root or folder.startswith(root + os.sep)


def display_name(path: Path) -> str:
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


def _reference_stem(name: str) -> str | None:
    if not is_yaml_name(name):
        return None
    stem = name.rsplit(".", 1)[0]
    return stem if stem in REFERENCE_FILES else None


def _is_within(folder: Path, parent: Path) -> bool:
    return folder == parent or parent in folder.parents


def _twice(path: Path, first: Path) -> Problem:
    return Problem(
        display_name(path),
        1,
        1,
        Severity.ERROR,
        "",
        f"this file is not read: {first.name} holds the same reference data and is read instead",
        "keep one of the two files",
    )


def _not_read(path: Path, root: Path, services: Path, reference: Path) -> Problem:
    shown = display_name(path)
    name = path.name
    if os.path.islink(path):
        return Problem(
            shown,
            1,
            1,
            Severity.ERROR,
            "",
            "this is a symbolic link, which is not followed; nothing behind it is read",
            "put the files themselves inside the guides folder",
        )
    if not _YAML_INSIDE.search(name):
        return Problem(
            shown,
            1,
            1,
            Severity.WARNING,
            "",
            "this file is not read: only .yaml files are",
            "move it out of the guides folder, or delete it",
        )
    folder = path.parent
    if folder == reference and is_yaml_name(name):
        return Problem(
            shown,
            1,
            1,
            Severity.ERROR,
            "",
            "this reference file is not read",
            "reference files are: " + ", ".join(f"{stem}.yaml" for stem in REFERENCE_FILES),
        )
    if _is_within(folder, services) or folder == reference:
        fixed = _YAML_INSIDE.split(name.lstrip("."), maxsplit=1)[0] + ".yaml"
        return Problem(
            shown,
            1,
            1,
            Severity.ERROR,
            "",
            "this file is not read: only names ending in .yaml or .yml (and not starting "
            "with a dot) are",
            f"rename it to `{fixed}`",
        )
    if folder == root:
        where = "this file is not read: guides go in services/, shared data in reference/"
    else:
        where = (
            f"this file is not read: it is in {folder.name}/, but guides are read only "
            "from services/ and shared data from reference/"
        )
    return Problem(
        shown, 1, 1, Severity.ERROR, "", where, f"move it into {display_name(services)}/"
    )
