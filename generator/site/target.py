"""Where a build may put the site, and what it may delete on the way.

The rule: a build replaces only a folder that is empty or that a previous build made.
Every site carries a marker file, `.service-guides-site`, the one file in it that no
page uses. A file, a folder with anything else in it, the project folder, and any folder
that holds or is held by one of the project's own folders (guides, pages, theme,
schema, .git) or its configuration file is refused before any work starts.

Everything a build writes while it runs lives in one work folder beside the target,
named `.<target>.build-<pid>-<random>`; a build killed with SIGKILL leaves that folder
behind, and the next build removes it once the process that made it is gone.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MARKER = ".service-guides-site"
"""The file every built site carries, so a later build knows the folder is a site."""

_WORK_INFIX = ".build-"
_WORK_NAME = re.compile(r"^\.(?P<target>.+)\.build-(?P<pid>\d+)-[A-Za-z0-9_]+$")


class UnsafeSiteDir(Exception):
    """The site folder is not one a build may replace; the message says why and what to do."""


@dataclass(frozen=True)
class Project:
    """The folders and files of a project that a build must never replace or write into."""

    root: Path
    protected: tuple[Path, ...]

    @classmethod
    def of(cls, config_file: Path, folders: Iterable[Path | str | None]) -> Project:
        """Describe the project of `config_file`; `folders` are its own (guides, pages...)."""
        root = config_file.resolve().parent
        own = [config_file.resolve(), root / ".git"]
        own += [(root / folder).resolve() for folder in folders if folder]
        return cls(root, tuple(dict.fromkeys(own)))


def check_target(target: Path, project: Project, *, adopt: bool = False) -> None:
    """Raise UnsafeSiteDir unless a build may replace `target` (an absolute, resolved path).

    `adopt` accepts a folder without the marker that is not one of the project's own: an
    operator's way to take over a site built by an older version of the tool.
    """
    root = project.root
    if target == root or target in root.parents:
        raise UnsafeSiteDir(
            f"{target} holds the project itself (its guides, pages and configuration); "
            "building there would replace them. Choose a folder of its own for the site, "
            "for example --site-dir site."
        )
    for own in project.protected:
        if target == own or own.is_relative_to(target) or target.is_relative_to(own):
            raise UnsafeSiteDir(
                f"{target} is, holds or lies inside the project's {_name(own, root)}; "
                "building there would replace or mix with it. Choose a folder of its own "
                "for the site, for example --site-dir site."
            )
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UnsafeSiteDir(
            f"{target} is a file, not a site folder; the build will not replace it. "
            "Choose a folder for the site with --site-dir."
        )
    if not target.is_dir() or is_site(target) or not any(target.iterdir()):
        return
    if adopt:
        return
    raise UnsafeSiteDir(
        f"{target} already holds files that no build of this tool made (no {MARKER} in "
        "it), and building would delete them. If it is a site built by an older version, "
        f"adopt it once with: guides build --adopt --site-dir {target}; "
        "otherwise choose another folder with --site-dir."
    )


def is_site(folder: Path) -> bool:
    """True when `folder` carries the marker of a site this tool built."""
    return (folder / MARKER).is_file()


def mark_site(site: Path, version: str) -> None:
    """Write the marker that lets a later build replace this folder."""
    text = json.dumps({"made_by": "service-guides", "version": version}) + "\n"
    (site / MARKER).write_text(text, encoding="utf-8")


def publish_modes(site: Path) -> None:
    """Give the site the modes a web server expects: 0777/0666 less the umask.

    Folders made by mkdtemp are 0700, which a server running as another user cannot
    read, and `rsync -a` would copy that mode to the server.
    """
    umask = current_umask()
    for directory, _, files in os.walk(site):
        os.chmod(directory, 0o777 & ~umask)
        for name in files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                os.chmod(path, 0o666 & ~umask)


def current_umask() -> int:
    """The process's umask (reading it means setting it; it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_work_folder(target: Path) -> Path:
    """Make the one folder that holds everything a build writes before it is swapped in."""
    return Path(
        tempfile.mkdtemp(prefix=f".{target.name}{_WORK_INFIX}{os.getpid()}-", dir=target.parent)
    )


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the work folders of earlier builds into `target` whose process is gone.

    A build or `serve` still running beside this one keeps its own. Returns what was removed.
    """
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for entry in target.parent.iterdir():
        match = _WORK_NAME.match(entry.name)
        if not match or match["target"] != target.name or not entry.is_dir():
            continue
        if entry.is_symlink() or _alive(int(match["pid"])):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def swap_into_place(new: Path, target: Path, work: Path) -> None:
    """Put the finished site `new` where `target` is; the old site goes into `work`.

    The caller removes `work` afterwards. If the second rename fails the old site is put back.
    """
    if not target.exists():
        os.rename(new, target)
        return
    old = work / "previous-site"
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _name(path: Path, root: Path) -> str:
    with contextlib.suppress(ValueError):
        return path.relative_to(root).as_posix() or "."
    return str(path)
