"""The files the package carries besides its code: schemas, theme, standard pages.

In the repository they live in the top-level `schema/` and `theme/` folders (and in
`generator/standard_pages/`); the wheel maps the first two into the package as
`generator/schema/` and `generator/theme/` (hatchling's `force-include`, see
pyproject.toml and docs/packaging.md). This module is the one place that knows both
layouts: an installed package reads its own copy through importlib.resources, a
source checkout (an editable install) the top-level folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def package_folder(name: str) -> Path:
    """Return the folder `name` (schema, theme or standard_pages) that the package carries."""
    packaged = resources.files("generator").joinpath(name)
    if packaged.is_dir():
        # Wheels are installed as plain folders, so the Traversable is a real path.
        return Path(str(packaged))
    source = _SOURCE_ROOT / name
    if source.is_dir():
        return source
    raise FileNotFoundError(
        f"the package's {name}/ folder is missing (looked in {packaged} and {source}); "
        "reinstall service-guides"
    )


def schema_dir() -> Path:
    """The JSON Schemas every guide and reference file is checked against."""
    return package_folder("schema")


def theme_dir() -> Path:
    """The templates, CSS and JavaScript the plugin puts on top of mkdocs-material."""
    return package_folder("theme")


def theme_file_text(relative: str) -> str:
    """Read a file of the theme (`relative` to theme/), even from a zipped package."""
    packaged = resources.files("generator").joinpath("theme", *relative.split("/"))
    if packaged.is_file():
        return packaged.read_text("utf-8")
    return (theme_dir() / relative).read_text("utf-8")


def standard_pages_dir() -> Path:
    """Pages every site has unless the office writes its own (search, accessibility)."""
    return package_folder("standard_pages")
