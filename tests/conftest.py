"""Shared fixtures: the sample site built once per worker, and small throwaway projects."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import REPO, TODAY_EPOCH, ProjectFactory, run_guides

# Every rule and page that depends on the date counts from this day, so the suite gives
# the same result on any date (a sample guide reviewed in March would otherwise make
# the sample site's build fail a year later). Child processes inherit it.
os.environ["SOURCE_DATE_EPOCH"] = str(TODAY_EPOCH)
# The tests written about content read the English messages; the language is chosen
# here, not by the machine's locale or the sample site's zh-CN. Tests about the editor's
# language set it themselves (tests/test_messages.py, tests/test_chinese_output.py).
os.environ["LANGUAGE"] = "en"
# `guides validate` keeps results between runs (generator/source/cache.py); the suite's
# go to a folder of its own, never the user's cache, and start empty on every run.
os.environ["GUIDES_CACHE_DIR"] = tempfile.mkdtemp(prefix="guides-test-cache-")
atexit.register(shutil.rmtree, os.environ["GUIDES_CACHE_DIR"], ignore_errors=True)


#: The tests that take minutes each, started first: left where they fall in the queue, the
#: site-wide accessibility sweep (about 13 minutes) began a third of the way into the
#: run and the other worker sat idle at the end, waiting for it (docs/ci.md).
SLOW_FIRST = (
    "tests/browser/test_site_accessibility.py::test_every_page_in_every_mode_passes",
    "tests/test_search_recall.py::test_recall_at_5_on_the_sample_site",
)


# tryfirst: before pytest-xdist's own hook, which reads the groups into the test ids.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put SLOW_FIRST at the front of the run, in that order (the rest keeps its order),
    and put every test without an `xdist_group` in its module's group.

    `--dist loadgroup` hands out a test without a group on its own, so a module's tests
    were spread over both workers and a module-scoped fixture (a validated copy of the
    guides, a browser, a built index) was made on each, and made again whenever another
    module's test ran in between: the accuracy set's 38 s fixture ran twice a run."""
    rank = {name: number for number, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("[")[0], len(rank)))
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    """Stop a `--dist loadgroup` run whose groups did not take.

    pytest-xdist tells its scheduler a test's group by adding `@group` to the test's id.
    With pytest 9.2 that no longer takes (pytest-xdist#1386): every test is then handed
    out on its own and the run still passes, only slower, each module's browser and
    fixtures started on both workers. pyproject.toml keeps pytest below 9.2; this says so
    at once if another release breaks it again."""
    if node.config.getvalue("dist") != "loadgroup":
        return
    lost = [nodeid for nodeid in ids if "@" not in nodeid]
    if lost:
        pytest.exit(
            f"pytest-xdist did not group {len(lost)} tests (first: {lost[0]}): this pytest and "
            "pytest-xdist do not work together (pytest-xdist#1386). Keep pytest below 9.2 "
            "in pyproject.toml, or run without --dist loadgroup.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sample site once per worker through `guides build` and return its folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    code, output = run_guides("build", "-f", str(REPO / "mkdocs.yml"), "--site-dir", str(site))
    assert code == 0, output
    return site


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Return a function that writes a small project (mkdocs.yml, guides/) under tmp_path.

    The project uses the repository's theme and static pages and the sample reference
    data; `guides` replaces the sample guides (default: all sample guides), `search`
    turns the Pagefind step on.
    """

    def make(
        guides: Iterable[Mapping[str, Any]] | None = None,
        *,
        search: bool = False,
        name: str = "project",
    ) -> Path:
        root = tmp_path / name
        shutil.copytree(REPO / "guides" / "reference", root / "guides" / "reference")
        services = root / "guides" / "services"
        if guides is None:
            shutil.copytree(REPO / "guides" / "services", services)
        else:
            services.mkdir(parents=True)
            for guide in guides:
                text = yaml.safe_dump(dict(guide), allow_unicode=True, sort_keys=False)
                (services / f"{guide['id']}.yaml").write_text(text, "utf-8")
        config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
        config["docs_dir"] = str(REPO / "pages")
        config["plugins"] = [{"guides": {"guides_dir": "guides", "search": search}}]
        config["site_dir"] = str(root / "site")
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        return root

    return make


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the whole sample project (guides and pages), without search, with the
    build date of now: what the preview's tests edit under a builder or a server."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
    root = tmp_path / "project"
    shutil.copytree(REPO / "guides", root / "guides")
    shutil.copytree(REPO / "pages", root / "pages")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    config["plugins"][0]["guides"]["search"] = False
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return root


@pytest.fixture
def guides(tmp_path: Path) -> Path:
    """A copy of the sample guides folder (services and reference data) to edit."""
    shutil.copytree(REPO / "guides", tmp_path / "guides")
    return tmp_path / "guides"
