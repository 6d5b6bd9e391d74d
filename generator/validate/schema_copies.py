"""The copies of the schemas an office keeps in its own `schema/` folder, for its editor.

`guides init` writes them, each stamped with the version of the tool that wrote it, so
that an editor (VS Code's YAML extension) can show the help of every field without the
package installed. Validation never reads them: it always uses the package's own
schemas (generator/common/resources.py). The stamp lets `guides init --refresh-schemas` replace
exactly the files the tool made, and lets `guides validate` notice copies older than
the installed tool, whose help may no longer match what validation checks.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.common import resources
from generator.common.i18n import _

STAMP_KEY = "x-service-guides-version"
"""The key that marks a schema file as a copy the tool wrote. JSON Schema ignores
keywords it does not know, so the copy checks exactly what the original does."""

REFRESH_COMMAND = "guides init --refresh-schemas"


def installed_version() -> str:
    """The version of service-guides that is running."""
    # imported here: importlib.metadata costs `guides validate` 20-40 ms before any guide
    # is read, and only a project with stamped schema copies needs the version
    from importlib import metadata

    try:
        return metadata.version("service-guides")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def package_schemas() -> list[Path]:
    """The package's schema files, by name."""
    return sorted(resources.schema_dir().glob("*.schema.json"))


def stamped_text(source: Path, version: str) -> str:
    """Return the text of the schema `source`, stamped as written by `version`."""
    schema = json.loads(source.read_text("utf-8"))
    stamp = {
        STAMP_KEY: version,
        "$comment": f"Written by service-guides {version}; refresh with: {REFRESH_COMMAND}",
    }
    # Right under $schema and $id, where a person opening the file sees it first.
    head = {key: schema[key] for key in ("$schema", "$id") if key in schema}
    rest = {key: value for key, value in schema.items() if key not in head}
    return json.dumps({**head, **stamp, **rest}, ensure_ascii=False, indent=2) + "\n"


def stamp_of(path: Path) -> str | None:
    """Return the version stamped in the schema file `path`, or None if the tool did not write it.

    Only an ordinary file is read: a symbolic link is the office's own doing.
    """
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    stamp = data.get(STAMP_KEY) if isinstance(data, dict) else None
    return stamp if isinstance(stamp, str) else None


def is_older(stamp: str, version: str) -> bool:
    """True when the release `stamp` comes before the release `version` (0.1.0 < 0.2.0)."""
    return _release(stamp) < _release(version)


def stale_schema_note(project_dir: Path, version: str | None = None) -> str | None:
    """Return one line about stamped schema copies older than the installed tool, if any."""
    folder = project_dir / "schema"
    if not folder.is_dir():
        return None
    stamps = {
        stamp for path in folder.glob("*.schema.json") if (stamp := stamp_of(path)) is not None
    }
    if not stamps:
        return None
    version = version or installed_version()
    old = sorted({stamp for stamp in stamps if is_older(stamp, version)}, key=_release)
    if not old:
        return None
    where = "" if _shown(project_dir) == "." else f" {_shown(project_dir)}"
    return _(
        "note: the schemas in {folder}/ were written by service-guides {old}, but {version} "
        "is installed, so your editor's help may be out of date; refresh them with: {command}"
    ).format(
        folder=_shown(folder),
        old=", ".join(old),
        version=version,
        command=f"{REFRESH_COMMAND}{where}",
    )


@dataclass
class Refresh:
    """What a refresh of the schema copies did."""

    written: list[Path] = field(default_factory=list)
    left_alone: list[Path] = field(default_factory=list)
    """Schema files the tool did not write (no stamp): never replaced."""


def refresh_schemas(folder: Path, version: str | None = None) -> Refresh:
    """Replace the stamped schema copies in `folder` and add missing ones; keep the rest.

    A file without the stamp is the office's own and is left alone.
    """
    version = version or installed_version()
    done = Refresh()
    folder.mkdir(parents=True, exist_ok=True)
    for source in package_schemas():
        target = folder / source.name
        if os.path.lexists(target) and stamp_of(target) is None:
            done.left_alone.append(target)
            continue
        _replace(target, stamped_text(source, version))
        done.written.append(target)
    return done


def _replace(target: Path, text: str) -> None:
    """Write `text` to `target` at once: an editor never reads half a schema."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # Mode "x": a fresh file with the usual modes (umask), never one that was there.
        with temporary.open("x", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _shown(path: Path) -> str:
    """`path` relative to the working folder when it is inside it, as a person typed it."""
    here = Path.cwd().resolve()
    full = path.resolve()
    return os.path.relpath(full, here) if full.is_relative_to(here) else str(path)


def _release(version: str) -> tuple[int, ...]:
    match = re.match(r"v?(\d+(?:\.\d+)*)", version)
    if match is None:
        return ()
    parts = [int(part) for part in match.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()  # 0.2 and 0.2.0 are the same release
    return tuple(parts)
