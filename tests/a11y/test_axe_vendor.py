"""The axe-core that ships inside the package: the version npm's lock names, its licences
beside it, and found without Node.js or node_modules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.a11y.axe import AxeMissing, find_axe_script

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "generator" / "a11y" / "vendor"


def locked_axe_version() -> str:
    lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))
    return str(lock["packages"]["node_modules/axe-core"]["version"])


def test_vendored_axe_is_the_version_in_the_npm_lock() -> None:
    """axe.min.js's header names the axe-core version package-lock.json pins."""
    with (VENDOR / "axe.min.js").open(encoding="utf-8") as script:
        header = script.readline()
    match = re.match(r"/\*! axe v(\S+)", header)
    assert match, f"no axe version in the header of axe.min.js: {header!r}"
    assert match.group(1) == locked_axe_version(), "run scripts/vendor-axe.sh"


def test_vendor_readme_names_the_locked_version() -> None:
    """The vendor folder's README says which version is vendored."""
    readme = (VENDOR / "README.md").read_text("utf-8")
    assert f"axe-core](https://github.com/dequelabs/axe-core) {locked_axe_version()} " in readme


def test_axe_licences_travel_with_the_script() -> None:
    """axe-core's MPL-2.0 licence and its bundled code's notices sit beside the script."""
    licence = (VENDOR / "axe-core.LICENSE").read_text("utf-8")
    assert licence.startswith("Mozilla Public License, version 2.0")
    assert "MIT License" in (VENDOR / "axe-core.LICENSE-3RD-PARTY.txt").read_text("utf-8")


def test_the_vendored_script_is_found_anywhere_without_node_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no SG_AXE_PATH, any working directory gets the package's own copy."""
    monkeypatch.delenv("SG_AXE_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_axe_script() == VENDOR / "axe.min.js"


def test_sg_axe_path_overrides_the_vendored_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operator's SG_AXE_PATH wins; a wrong one is an error that names it."""
    own = tmp_path / "axe.min.js"
    own.write_text("/*! axe v9.9.9 */", encoding="utf-8")
    monkeypatch.setenv("SG_AXE_PATH", str(own))
    assert find_axe_script() == own
    missing = tmp_path / "missing.js"
    monkeypatch.setenv("SG_AXE_PATH", str(missing))
    with pytest.raises(AxeMissing) as error:
        find_axe_script()
    assert str(error.value) == f"SG_AXE_PATH={missing} is not a file."


def test_a_zipped_package_gets_a_real_file_for_selenium(tmp_path: Path) -> None:
    """Imported from a zip, the script is extracted to a file axe-selenium-python can open."""
    archive = tmp_path / "generator.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (REPO / "generator" / "a11y").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(REPO).as_posix())
        zf.write(REPO / "generator" / "__init__.py", "generator/__init__.py")
        # What generator.a11y reads besides itself, where a wheel puts it: the toolbar's
        # settings define the modes it checks.
        for module in ("__init__.py", "resources.py"):
            zf.write(REPO / "generator" / "common" / module, f"generator/common/{module}")
        settings = "components/toolbar/settings.json"
        zf.write(REPO / "theme" / settings, f"generator/theme/{settings}")
    probe = (
        "import sys; from generator.a11y.axe import find_axe_script; "
        "p = find_axe_script(); assert 'generator.zip' in sys.modules['generator'].__file__; "
        # as axe-selenium-python opens it
        "print(open(str(p), 'rb').read() == open(sys.argv[1], 'rb').read())"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(VENDOR / "axe.min.js")],
        env={"PYTHONPATH": str(archive), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "True", done.stderr
