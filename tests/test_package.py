"""The tool as an office meets it: the wheel, installed into a fresh virtual environment.

No editable install and no access to this repository's files: the wheel built from this
tree is installed into a new venv, `guides init` makes an office repository in an empty
folder outside the repository, and there `guides validate`, `guides build` and
`guides check` run, and the pre-commit hook is tried on a valid and on a broken guide
(issue 11). Slow (it installs every dependency), so it runs once, in one worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("package")]


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from this tree and install it with [check] into a fresh venv."""
    root = tmp_path_factory.mktemp("package")
    dist = root / "dist"
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, REPO, cwd=root)
    wheel = next(dist.glob("service_guides-*.whl"))
    venv = root / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=root)
    run(venv / "bin" / "pip", "install", "--quiet", f"{wheel}[check]", cwd=root)
    return venv


def clean_env(venv: Path) -> dict[str, str]:
    """The environment of an office's shell: the venv first on PATH, nothing of ours."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_wheel_carries_everything_and_nothing_of_the_repository(installed: Path) -> None:
    """The package reads its schemas, theme, pages and axe-core from site-packages."""
    code = (
        "from generator.common import resources; import generator, generator.a11y.axe as a;"
        "print(generator.__file__); print(resources.schema_dir()); print(resources.theme_dir());"
        "print(resources.standard_pages_dir()); print(a.find_axe_script());"
        "import importlib.resources as r; print(r.files('generator.preview') / 'live.js');"
        "print(r.files('generator.commands') / 'new_guide.yaml')"
    )
    out = run(installed / "bin" / "python", "-c", code, cwd=installed, env=clean_env(installed))
    for line in out.split():
        assert "site-packages" in line, out
        assert not Path(line).is_relative_to(REPO), out


def test_an_office_from_guides_init_validates_builds_and_passes_the_checks(
    installed: Path, tmp_path: Path
) -> None:
    env = clean_env(installed)
    office = tmp_path / "示例市"
    office.mkdir()
    run("guides", "init", office, cwd=tmp_path, env=env)
    # In the C locale of CI the office's site language (zh-CN) decides: the catalogues
    # are read from the installed wheel.
    chinese = {k: v for k, v in env.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    out = run("guides", "validate", cwd=office, env={**chinese, "LANG": "C.UTF-8"})
    assert "检查了 6 个文件：0 个错误，0 个警告。" in out, out
    out = run("guides", "validate", cwd=office, env=env)
    assert "0 errors, 0 warnings" in out, out
    run("guides", "new", "--id", "new-guide", "--title", "新事项", "--department", "civil",
        cwd=office, env=env)  # fmt: skip
    assert "待填写" in (office / "guides" / "services" / "new-guide.yaml").read_text("utf-8")
    (office / "guides" / "services" / "new-guide.yaml").unlink()
    run("guides", "build", cwd=office, env=env)
    assert (office / "site" / "index.html").is_file()
    assert list((office / "site" / "services").glob("*/index.html"))
    assert (office / "site" / "pagefind" / "pagefind.js").is_file()
    # The installed tool checks the office's own pages (its guide and office); the pages
    # every site shares (listings, A–Z, search, 404) are the theme's, which the sweep over
    # the sample site checks on every page in every mode (tests/browser).
    pages = ["--page", "/services/", "--page", "/offices/"]
    out = run("guides", "check", "site", "--mode", "default", *pages, "--report-dir",
              tmp_path / "r", cwd=office, env=env)  # fmt: skip
    assert "/services/senior-citizen-card/" in out and "/offices/citizen-centre/" in out, out


def test_the_pre_commit_hook_passes_a_valid_guide_and_stops_a_broken_one(
    installed: Path, tmp_path: Path
) -> None:
    """`pre-commit try-repo` installs the hook from this repository, as an office's would."""
    env = clean_env(installed)
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-cache")
    office = tmp_path / "office"
    office.mkdir()
    run("guides", "init", office, cwd=tmp_path, env=env)
    git = ["git", "-c", "user.name=editor", "-c", "user.email=editor@example.gov.cn"]
    run("git", "init", "-q", cwd=office, env=env)
    run("git", "add", "-A", cwd=office, env=env)
    run(*git, "commit", "-qm", "start", cwd=office, env=env)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "guides-validate"]
    run(*pre_commit, "--all-files", cwd=office, env=env)

    guide = next((office / "guides" / "services").glob("*.yaml"))
    text = guide.read_text("utf-8")
    guide.write_text(text.replace("\nsummary:", "\nsumary:", 1), "utf-8")
    run("git", "add", "-A", cwd=office, env=env)
    done = subprocess.run(
        [*pre_commit, "--all-files"], cwd=office, env=env, capture_output=True, text=True,
        timeout=900,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert guide.name in done.stdout and "sumary" in done.stdout, done.stdout
