"""What a build may delete: only an empty folder or a site a build made (issue 10).

The data-loss cases run the real `guides` command in a temporary copy of a project and
compare every byte around it before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from support import REPO, ProjectFactory, load_sample_guide, run_guides

from generator.site import target as site_target

pytestmark = pytest.mark.slow

GUIDES = str(Path(sys.executable).parent / "guides")


def digest(root: Path) -> dict[str, str]:
    """Every file and folder under root (dot files and .git included), with its bytes' hash."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file():
            found[key] = "folder" if path.is_dir() else "other"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A copy of the sample project (guides, pages, mkdocs.yml, a git repository) with a
    theme override folder, inside a parent folder that holds other work of its own."""
    parent = tmp_path / "work"
    root = parent / "office"
    for folder in ("guides", "pages"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "overrides" / "partials").mkdir(parents=True)
    shutil.copy(REPO / "theme" / "partials" / "footer.html", root / "overrides" / "partials")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    config["theme"] = {"name": "material", "custom_dir": "overrides"}
    config["plugins"][0]["guides"]["search"] = False
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    draft = load_sample_guide()
    draft.update(id="new-guide-not-yet-committed", title="尚未提交的新指南", related=[])
    (root / "guides" / "services" / "new-guide-not-yet-committed.yaml").write_text(
        yaml.safe_dump(draft, allow_unicode=True), "utf-8"
    )
    (root / "notes.txt").write_text("an editor's notes\n", "utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (parent / "other-project.txt").write_text("not ours\n", "utf-8")
    return root


def guides(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = subprocess.run(
        [GUIDES, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize(
    "site_dir", ["guides", ".", "..", ".git", "pages", "overrides", "mkdocs.yml", "notes.txt",
                 "guides/services", "guides/site", "pages/site", "../.."],
)  # fmt: skip
def test_the_build_refuses_a_folder_it_did_not_make(office: Path, site_dir: str) -> None:
    """Exit 2 before any work, a message that says why, and not one byte changed anywhere."""
    around = office.parent.parent
    before = digest(around)
    code, output = guides("build", "--site-dir", site_dir, cwd=office)
    assert code == 2, output
    assert "Traceback" not in output
    assert "--site-dir" in output
    assert digest(around) == before


def test_site_dir_in_the_configuration_is_refused_too(office: Path) -> None:
    """`site_dir: guides` in mkdocs.yml is refused like --site-dir guides."""
    config = yaml.safe_load((office / "mkdocs.yml").read_text("utf-8"))
    config["site_dir"] = "guides"
    (office / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    before = digest(office.parent)
    code, output = guides("build", cwd=office)
    assert code == 2, output
    assert "guides" in output and "Traceback" not in output
    assert digest(office.parent) == before


def test_a_folder_with_other_files_is_refused(office: Path) -> None:
    """A folder holding anything but a previous site is not emptied."""
    photos = office.parent / "photos"
    photos.mkdir()
    (photos / "2026.jpg").write_bytes(b"\xff\xd8 a photo")
    before = digest(office.parent)
    code, output = guides("build", "--site-dir", str(photos), cwd=office)
    assert code == 2, output
    assert "no build of this tool made" in output
    assert digest(office.parent) == before


def test_building_twice_into_the_same_folder_works(office: Path) -> None:
    """The first build marks its site; the second replaces it; nothing else changes."""
    code, output = guides("build", cwd=office)
    assert code == 0, output
    assert site_target.is_site(office / "site")
    (office / "site" / "stale-page.html").write_text("old", "utf-8")
    outside = {k: v for k, v in digest(office.parent).items() if not k.startswith("office/site")}
    code, output = guides("build", cwd=office)
    assert code == 0, output
    assert not (office / "site" / "stale-page.html").exists()
    assert (office / "site" / "index.html").is_file()
    after = {k: v for k, v in digest(office.parent).items() if not k.startswith("office/site")}
    assert after == outside


def test_an_old_unmarked_site_is_adopted_on_request(office: Path) -> None:
    """A site/ from an older version (no marker): one line with the command, then --adopt."""
    old = office / "site"
    old.mkdir()
    (old / "index.html").write_text("<html>old site</html>", "utf-8")
    code, output = guides("build", cwd=office)
    assert code == 2
    assert f"guides build --adopt --site-dir {old}" in output
    assert (old / "index.html").read_text("utf-8") == "<html>old site</html>"
    code, output = guides("build", "--adopt", cwd=office)
    assert code == 0, output
    assert site_target.is_site(old)
    assert "old site" not in (old / "index.html").read_text("utf-8")


def test_adopt_never_takes_a_project_folder(office: Path) -> None:
    before = digest(office)
    code, output = guides("build", "--adopt", "--site-dir", "guides", cwd=office)
    assert code == 2, output
    assert digest(office) == before


def test_the_published_site_has_the_modes_a_web_server_expects(office: Path) -> None:
    """Folders 0777 and files 0666 less the umask, the site folder itself included."""
    done = subprocess.run(
        ["sh", "-c", f"umask 022 && exec {GUIDES} build"],
        cwd=office,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    site = office / "site"
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_leftovers_of_killed_builds_are_removed_but_not_a_running_ones(office: Path) -> None:
    """A work folder whose process is gone is removed; one of a live process is kept."""
    dead = office / ".site.build-4194303-abcd1234"
    alive = office / f".site.build-{os.getpid()}-efgh5678"
    for folder in (dead, alive):
        (folder / "site").mkdir(parents=True)
    code, output = guides("build", cwd=office)
    assert code == 0, output
    assert not dead.exists()
    assert alive.is_dir()
    assert "Removed .site.build-4194303-abcd1234" in output


def test_gitignore_covers_the_work_folder() -> None:
    """A killed build's work folder is never committed by `git add -A`."""
    done = subprocess.run(
        ["git", "check-ignore", "-q", ".site.build-123-abcdef/previous-site.html"], cwd=REPO
    )
    assert done.returncode == 0


def test_sigterm_stops_a_build_and_leaves_nothing(office: Path, tmp_path: Path) -> None:
    """SIGTERM is Ctrl-C: the old site stays, no work folder, nothing in the temp folder."""
    config = yaml.safe_load((office / "mkdocs.yml").read_text("utf-8"))
    config["plugins"][0]["guides"]["search"] = True
    (office / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    assert guides("build", cwd=office)[0] == 0
    before = digest(office)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [GUIDES, "build"], cwd=office, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while not list(office.glob(".site.build-*/site/*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=60)[0].decode()
    assert process.returncode == 130, output
    assert "Traceback" not in output
    assert not list(office.glob(".site.build-*"))
    assert list(temp.iterdir()) == []
    assert digest(office) == before


def test_a_build_writes_nothing_to_the_system_temp_folder(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    """The search records live in the build's work folder, not in TMPDIR."""
    project = make_project(search=True)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    code, output = guides("build", cwd=project, env=env)
    assert code == 0, output
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in project.iterdir()) == ["guides", "mkdocs.yml", "site"]


def test_a_site_that_cannot_be_replaced_is_one_clear_line(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename refused by the system (`chattr +i site`) is a message and exit 2."""
    project = make_project([])
    assert run_guides("build", "-f", str(project / "mkdocs.yml"))[0] == 0
    real_rename = os.rename

    def refuse(src: object, dst: object) -> None:
        if Path(str(src)).name == "site":
            raise PermissionError(1, "Operation not permitted", str(src))
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", refuse)
    code, output = run_guides("build", "-f", str(project / "mkdocs.yml"))
    assert code == 2, output
    assert "cannot put the new site in place" in output and "Operation not permitted" in output
    assert sorted(p.name for p in project.iterdir()) == ["guides", "mkdocs.yml", "site"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_on_a_port_in_use_is_one_clear_line(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    project = make_project([])
    temp = tmp_path / "tmp"
    temp.mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, output = guides(
            "serve", "--dev-addr", f"127.0.0.1:{port}", cwd=project,
            env={**os.environ, "TMPDIR": str(temp)},
        )  # fmt: skip
    assert code == 2, output
    assert "Traceback" not in output
    assert "already listening" in output and "--dev-addr" in output
    assert list(temp.iterdir()) == []


def test_sigterm_stops_serve_and_removes_its_temporary_site(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    project = make_project([])
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = _free_port()
    process = subprocess.Popen(
        [GUIDES, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    assert list(temp.glob("guides-serve-*")), "serve did not start"
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=60)[0].decode()
    assert process.returncode == 0, output
    assert list(temp.iterdir()) == []
