"""`guides init`: a new office repository that validates and builds at once, and never
replaces a file an office already has."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from support import REPO, run_guides

from generator.commands.init import init_project, starter_files
from generator.common import resources
from generator.validate import schema_copies
from generator.validate.schema import load_schemas
from generator.validate.tree import validate_tree

GUIDES = str(Path(sys.executable).parent / "guides")
VERSION = schema_copies.installed_version()
EXAMPLE = "senior-citizen-card"
TODAY = date(2026, 12, 1)
REFERENCE = ["departments", "offices", "topics", "life-events", "e-licences"]


def guides(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `guides` command, as an office would."""
    return subprocess.run(
        [GUIDES, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.mark.slow
def test_a_new_repository_validates_and_builds(tmp_path: Path) -> None:
    """init into an empty folder; there, validate is clean and build makes the example's page."""
    office = tmp_path / "office"
    office.mkdir()
    done = guides("init", cwd=office)
    assert done.returncode == 0, done.stderr
    assert "Wrote 21 files in ." in done.stdout

    checked = guides("validate", cwd=office)
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0,
        "6 files checked: 0 errors, 0 warnings.\n",
        "",
    )
    assert guides("validate", "--strict", cwd=office).returncode == 0

    built = guides("build", cwd=office)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (office / "site" / "services" / EXAMPLE / "index.html").read_text("utf-8")
    assert "老年人优待证办理" in page
    statement = (office / "site" / "accessibility" / "index.html").read_text("utf-8")
    assert "无障碍声明" in statement and "自带的标准无障碍声明" not in statement


def test_writes_every_starter_file(tmp_path: Path) -> None:
    """The repository has the guides, pages, site settings, schemas, CI and editor files."""
    result = init_project(tmp_path / "office")
    assert result.left_alone == []
    assert set(result.written) == {
        *(f"guides/reference/{name}.yaml" for name in REFERENCE),
        f"guides/services/{EXAMPLE}.yaml",
        "pages/accessibility.md",
        "mkdocs.yml",
        ".pre-commit-config.yaml",
        ".github/workflows/guides.yml",
        ".gitignore",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        "README.md",
        *(f"schema/{path.name}" for path in resources.schema_dir().glob("*.schema.json")),
    }


def test_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path) -> None:
    """A folder with anything in it is refused with one line and exit 2; nothing is written."""
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    done = guides("init", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"guides init: cannot run: {tmp_path} is not empty (notes.txt); choose an empty "
        "folder, or add --into-existing to write only the files that are missing\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_a_new_folder_is_made_with_its_parents(tmp_path: Path) -> None:
    """A folder that does not exist yet is made, however deep."""
    assert "README.md" in init_project(tmp_path / "a" / "b" / "office").written
    assert (tmp_path / "a" / "b" / "office" / "README.md").is_file()


def test_a_folder_holding_only_git_counts_as_empty(tmp_path: Path) -> None:
    """`git init` first, then `guides init`, is a usual start."""
    (tmp_path / ".git").mkdir()
    assert init_project(tmp_path).left_alone == []


def test_a_file_in_place_of_the_folder_cannot_run(tmp_path: Path) -> None:
    """A file where the folder should be is one line and exit 2."""
    (tmp_path / "office").write_text("", "utf-8")
    code, output = run_guides("init", str(tmp_path / "office"))
    assert (code, output) == (
        2,
        f"guides init: cannot run: {tmp_path / 'office'} is not a folder\n",
    )


def test_into_existing_leaves_every_file_there_byte_identical(tmp_path: Path) -> None:
    """With --into-existing the files already there are untouched and named; the rest written."""
    office = tmp_path / "office"
    (office / "guides" / "reference").mkdir(parents=True)
    (office / "mkdocs.yml").write_text("site_name: 本单位\n", "utf-8")
    (office / "README.md").write_bytes(b"\xff not even text")
    (office / "guides" / "reference" / "topics.yaml").write_text("topics: []\n", "utf-8")
    (office / "schema").mkdir()
    (office / "schema" / "guide.schema.json").write_text("{}", "utf-8")
    (office / ".vscode").write_text("a file where init wants a folder", "utf-8")
    (office / ".gitignore").symlink_to(tmp_path / "nowhere")
    before = tree_bytes(office)

    done = guides("init", "--into-existing", str(office), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        "Left 7 files alone (something is already there):\n"
        "  .gitignore\n"
        "  .vscode/extensions.json\n"
        "  .vscode/settings.json\n"
        "  README.md\n"
        "  guides/reference/topics.yaml\n"
        "  mkdocs.yml\n"
        "  schema/guide.schema.json\n"
    ) in done.stdout
    after = tree_bytes(office)
    assert {name: after[name] for name in before} == before
    assert not (tmp_path / "nowhere").exists()
    assert (office / "guides" / "services" / f"{EXAMPLE}.yaml").is_file()


def test_refresh_replaces_only_stamped_schemas(tmp_path: Path) -> None:
    """--refresh-schemas rewrites the tool's stamped copies, and nothing else."""
    office = tmp_path / "office"
    init_project(office, version="0.0.1")
    own = office / "schema" / "topics.schema.json"
    own.write_text('{"title": "our own"}\n', "utf-8")
    (office / "schema" / "notes.schema.json").write_text("{}", "utf-8")
    (office / "schema" / "guide.schema.json").unlink()
    guide_file = office / "guides" / "services" / f"{EXAMPLE}.yaml"
    others = {path: path.read_bytes() for path in office.rglob("*") if path.is_file()}

    done = guides("init", "--refresh-schemas", str(office), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"Refreshed 6 schema files in {office / 'schema'}.\n"
        "Left alone, not written by guides init:\n"
        "  schema/topics.schema.json\n"
    )
    for path in (office / "schema").glob("*.schema.json"):
        if path not in (own, office / "schema" / "notes.schema.json"):
            assert schema_copies.stamp_of(path) == VERSION, path
    assert own.read_text("utf-8") == '{"title": "our own"}\n'
    for path, content in others.items():
        if path.parent.name != "schema":
            assert path.read_bytes() == content, path
    assert guide_file.read_bytes() == others[guide_file]


def test_refresh_outside_a_guides_repository_cannot_run(tmp_path: Path) -> None:
    """--refresh-schemas in a folder with neither schema/ nor guides/ writes nothing."""
    code, output = run_guides("init", "--refresh-schemas", str(tmp_path))
    assert code == 2
    assert output.startswith(f"guides init: cannot run: {tmp_path} holds neither schema/ nor")
    assert os.listdir(tmp_path) == []


def test_validate_notes_schemas_older_than_the_tool(tmp_path: Path) -> None:
    """An older stamp gives one note with the refresh command; it never fails --strict."""
    office = tmp_path / "office"
    init_project(office, version="0.0.1")
    done = guides("validate", "--strict", cwd=office)
    assert done.returncode == 0
    assert done.stdout == "6 files checked: 0 errors, 0 warnings.\n"
    assert done.stderr == (
        "note: the schemas in schema/ were written by service-guides 0.0.1, but "
        f"{VERSION} is installed, so your editor's help may be out of date; refresh them "
        "with: guides init --refresh-schemas\n"
    )
    elsewhere = guides("validate", "office/guides", cwd=tmp_path)
    assert elsewhere.stderr.startswith("note: the schemas in office/schema/ were written")
    assert elsewhere.stderr.endswith("refresh them with: guides init --refresh-schemas office\n")


def test_validate_says_nothing_of_current_schemas(tmp_path: Path) -> None:
    """Copies stamped with the installed version, or not stamped at all, give no note."""
    office = tmp_path / "office"
    init_project(office)
    assert guides("validate", cwd=office).stderr == ""
    assert schema_copies.stale_schema_note(REPO) is None  # the source schemas: no stamp


def test_stamped_schemas_compile_and_check_like_the_originals(tmp_path: Path) -> None:
    """The stamp is a keyword JSON Schema ignores: jsonschema-rs compiles the copies."""
    folder = tmp_path / "schema"
    folder.mkdir()
    for source in schema_copies.package_schemas():
        (folder / source.name).write_text(schema_copies.stamped_text(source, "9.9.9"), "utf-8")
        assert schema_copies.stamp_of(folder / source.name) == "9.9.9"
    copies = load_schemas(folder)
    assert sorted(copies.validators) == sorted(load_schemas().validators)
    text = (folder / "guide.schema.json").read_text("utf-8")
    assert '"$comment": "Written by service-guides 9.9.9; refresh with: guides init' in text


def test_example_guide_and_reference_files_are_valid(tmp_path: Path) -> None:
    """The example guide and reference data have no error and no warning."""
    init_project(tmp_path)
    result = validate_tree(tmp_path / "guides")
    assert result.problems == []
    assert [guide["id"] for guide in result.guides] == [EXAMPLE]
    assert {key: len(items) for key, items in result.reference.items()} == {
        "departments": 1,
        "offices": 1,
        "topics": 1,
        "life_events": 1,
        "e_licences": 1,
    }


def test_every_yaml_file_names_its_schema_on_the_first_line() -> None:
    """Guides and reference files, the samples and the starter, point the editor at a schema."""
    written = starter_files(version=VERSION, today=TODAY)
    files = {name: text for name, text in written.items() if name.startswith("guides/")}
    files |= {
        str(path.relative_to(REPO)): path.read_text("utf-8")
        for path in sorted((REPO / "guides").rglob("*.yaml"))
    }
    for name, text in files.items():
        kind = "guide" if "/services/" in name else Path(name).stem
        first = text.splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json", name


def test_editor_settings_map_every_schema() -> None:
    """VS Code's YAML extension gets each schema for the files it checks."""
    text = starter_files(version=VERSION, today=TODAY)[".vscode/settings.json"]
    mapping = json.loads(text)["yaml.schemas"]
    assert mapping["schema/guide.schema.json"] == [
        "guides/services/**/*.yaml",
        "guides/services/**/*.yml",
    ]
    for name in REFERENCE:
        assert mapping[f"schema/{name}.schema.json"] == f"guides/reference/{name}.yaml"


def test_ci_and_pre_commit_pin_the_installed_version() -> None:
    """The workflow installs, and pre-commit runs, the version that wrote them."""
    files = starter_files(version="1.2.3", today=TODAY)
    workflow = yaml.safe_load(files[".github/workflows/guides.yml"])
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["guides"]["steps"])
    assert 'pip install "service-guides[check]==1.2.3"' in runs
    assert "chromium chromium-driver fonts-noto-cjk" in runs
    for command in ("guides validate", "guides build", "guides check site"):
        assert command in runs
    hooks = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"][0]
    assert hooks["rev"] == "v1.2.3"
    assert hooks["hooks"] == [{"id": "guides-validate"}]
    assert all("@VERSION@" not in text and "@TODAY@" not in text for text in files.values())
