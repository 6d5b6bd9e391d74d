"""The preview's fast path gives the site a full build gives, byte for byte.

`guides serve` renders again only the pages a change to the guides touches
(generator/site/incremental.py) and serves them over the last full build. Here a project
is built the preview's way, guides and reference data are edited, the update is laid over
the first build, and the result is compared with a full build of the edited project:
every file, every byte. The search index is left out: the preview does not rebuild it on
an update (the project here builds none).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from support import REPO, edit

from generator.commands.serve import PreviewBuilder
from generator.search.background import index_in_background
from generator.search.index import SearchIndexError
from generator.site.checked import check_tree, recheck
from generator.site.incremental import LISTED_FIELDS, NAMED_FIELDS
from generator.validate.tree import validate_tree

URL = "http://127.0.0.1:8000/"
GUIDE = Path("guides/services/teacher-qualification.yaml")
RELATED = Path("guides/services/birth-registration.yaml")
"""A guide whose `related` names BIRTH_CERTIFICATE."""
BIRTH_CERTIFICATE = Path("guides/services/birth-medical-certificate.yaml")
OFFICES = Path("guides/reference/offices.yaml")


def layered(base: Path, *overlays: Path) -> dict[str, bytes]:
    """Every file of the site the preview serves: the top overlay's files over the base."""
    files = {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}
    for overlay in overlays:
        files.update(
            (p.relative_to(overlay).as_posix(), p.read_bytes())
            for p in overlay.rglob("*")
            if p.is_file()
        )
    return files


def settled(builder: PreviewBuilder, folder: Path, update: Path) -> dict[str, bytes]:
    """The site served once the build that follows an update (with no change: the one the
    preview asks for at once) has rendered the pages the update deferred."""
    folder.mkdir()
    outcome = builder(folder, changed=frozenset())
    assert outcome.built and outcome.quiet and not outcome.pending, outcome
    assert builder.live is not None and not builder.live.deferred
    return layered(builder.live.base, update, folder)


def full_build(project: Path, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    outcome = PreviewBuilder(project / "mkdocs.yml", URL)(folder)
    assert outcome.built, outcome.failure or outcome.problems
    return layered(folder)


def assert_same_site(served: dict[str, bytes], full: dict[str, bytes]) -> None:
    assert sorted(served) == sorted(full)
    differ = [name for name in sorted(full) if served[name] != full[name]]
    assert differ == [], f"the preview serves other bytes than a full build in {differ[:10]}"


def test_updates_give_the_site_a_full_build_gives(project: Path, tmp_path: Path) -> None:
    """A guide's title, a save with an error and the save that fixes it, then an office's
    hours: after each good update, the preview serves what a full build makes."""
    work = tmp_path / "work"
    work.mkdir()
    builder = PreviewBuilder(project / "mkdocs.yml", URL)
    base = work / "site-1"
    base.mkdir()
    assert builder(base).built
    guide, related, offices = project / GUIDE, project / RELATED, project / OFFICES

    # A guide's title shows on its page, the pages listing it, A–Z, the search page's
    # list, and the pages of the guides related to it.
    certificate = project / BIRTH_CERTIFICATE
    edit(certificate, "zh-CN: 出生医学证明首次签发", "zh-CN: 出生医学证明（改）")
    first = work / "site-2"
    first.mkdir()
    outcome = builder(first, changed=frozenset({certificate}))
    assert outcome.built and outcome.over == base, outcome
    # The guide's own page and its related guides' first; the listings follow.
    assert {"a-z/index.html", "search/index.html"} <= outcome.pending, outcome
    served = layered(base, first)
    page = "services/birth-medical-certificate/index.html"
    assert "出生医学证明（改）" in served[page].decode("utf-8")
    assert "出生医学证明（改）" not in served["a-z/index.html"].decode("utf-8")
    full = full_build(project, tmp_path / "full-1")
    assert served[page] == full[page]

    # An error keeps the site, and the pages the last update deferred are rendered all the
    # same, from the last good guides; the save that fixes it (another guide changed
    # meanwhile) renders both changes.
    edit(guide, "\nvisits: 0\n", "\nvisits: zero\n")
    broken = work / "site-3"
    broken.mkdir()
    asked: list[bool] = []
    builder.build_again = lambda: asked.append(True)
    outcome = builder(broken, changed=frozenset({guide}))
    assert not outcome.built and outcome.errors
    assert asked, "the pages deferred must not wait for the errors to be fixed"
    assert_same_site(settled(builder, work / "site-3b", first), full)
    edit(guide, "\nvisits: zero\n", "\nvisits: 0\n")
    edit(related, "\nsummary:\n  zh-CN: ", "\nsummary:\n  zh-CN: 新：")
    fixed = work / "site-4"
    fixed.mkdir()
    outcome = builder(fixed, changed=frozenset({guide, related}))
    assert outcome.built and outcome.over == base, outcome
    assert_same_site(
        settled(builder, work / "site-4b", fixed), full_build(project, tmp_path / "full-2")
    )

    # A guide updated today: the latest date of all guides is every other page's date in
    # the sitemap.
    today = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
    text = certificate.read_text("utf-8")
    updated = re.search(r"\nupdated: (\S+)\n", text)
    assert updated is not None
    certificate.write_text(
        text.replace(updated.group(0), f"\nupdated: {today.date().isoformat()}\n"), "utf-8"
    )
    dated = work / "site-5"
    dated.mkdir()
    outcome = builder(dated, changed=frozenset({certificate}))
    assert outcome.built and outcome.over == base, outcome
    assert_same_site(
        settled(builder, work / "site-5b", dated), full_build(project, tmp_path / "full-3")
    )

    # An office's hours show on its page and on the page of every guide handled there.
    edit(offices, 'closes: "17:00"', 'closes: "17:30"')
    hours = work / "site-6"
    hours.mkdir()
    outcome = builder(hours, changed=frozenset({offices}))
    assert outcome.built and outcome.over == base, outcome
    # Every guide was made again: the new model is kept out of the cycle collector's
    # sight (frozen), as the full build's is, or every later update would walk it.
    assert builder.live is not None and builder.live.plugin.site is not None
    remade = builder.live.plugin.site.catalogue.by_id["birth-medical-certificate"]
    assert gc.is_tracked(remade)
    assert not any(obj is remade for obj in gc.get_objects()), "the new model is not frozen"
    assert_same_site(
        settled(builder, work / "site-6b", hours), full_build(project, tmp_path / "full-4")
    )


def test_what_the_fast_path_cannot_follow_is_built_in_full(project: Path, tmp_path: Path) -> None:
    """A guide file added, or a change outside the guides, gives a full build."""
    builder = PreviewBuilder(project / "mkdocs.yml", URL)
    first = tmp_path / "site-1"
    first.mkdir()
    assert builder(first).built
    copy = project / "guides" / "services" / "teacher-qualification-copy.yaml"
    text = (project / GUIDE).read_text("utf-8")
    copy.write_text(
        text.replace("id: teacher-qualification", "id: teacher-qualification-copy", 1)
        .replace("zh-CN: 教师资格认定", "zh-CN: 教师资格认定副本", 1)
        .replace("en: Teacher qualification certification", "en: Copy", 1),
        "utf-8",
    )
    added = tmp_path / "site-2"
    added.mkdir()
    outcome = builder(added, changed=frozenset({copy}))
    assert outcome.built and outcome.over is None, outcome
    assert (added / "services" / "teacher-qualification-copy" / "index.html").is_file()
    page = next((project / "pages").glob("*.md"))
    page.write_text(page.read_text("utf-8") + "\n", "utf-8")
    outside = tmp_path / "site-3"
    outside.mkdir()
    outcome = builder(outside, changed=frozenset({page}))
    assert outcome.built and outcome.over is None, outcome


def test_checking_only_what_changed_finds_what_checking_everything_finds(project: Path) -> None:
    """The per-file validation the preview keeps gives validate_tree's result after edits."""
    guides = project / "guides"
    tree = check_tree(guides, review_max_age_days=365)
    assert tree.result() == validate_tree(guides)
    guide = project / GUIDE
    edit(guide, "\nvisits: 0\n", "\nvisits: zero\n")
    rechecked = recheck(tree, {guide})
    assert rechecked is not None
    tree, differ, _touched = rechecked
    assert differ == {next(path for path in tree.files if path.samefile(guide))}
    assert tree.result() == validate_tree(guides)
    assert not tree.result().ok
    edit(project / OFFICES, 'closes: "17:00"', 'closes: "17:30"')
    rechecked = recheck(tree, {project / OFFICES})
    assert rechecked is not None
    assert rechecked[0].result() == validate_tree(guides)
    (guides / "services" / "new.yaml").write_text("id: new\n", "utf-8")
    assert recheck(rechecked[0], {guides / "services" / "new.yaml"}) is None


def test_the_fields_compared_are_the_fields_the_templates_show() -> None:
    """A listing page, A–Z and the search page are rendered again only when what they show
    of a guide changed: the fields compared must cover what their templates read."""
    theme = REPO / "theme"
    listed = set(
        re.findall(r"\bg\.([\w.]+)", (theme / "partials/listing/guide-list.html").read_text())
    )
    assert listed and listed <= set(LISTED_FIELDS)
    named = set(re.findall(r"\bg\.([\w.]+)", (theme / "partials/listing/a-z.html").read_text()))
    named |= set(re.findall(r"\bg\.([\w.]+)", (theme / "search.html").read_text()))
    assert named and named <= set(NAMED_FIELDS)


def test_the_search_index_follows_an_update(project: Path, tmp_path: Path) -> None:
    """After an update the search records are written again and indexed in the background;
    the index is then put in place without reloading the open pages (a quiet build)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    config["plugins"][0]["guides"]["search"] = True
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    ready = threading.Event()
    builder = PreviewBuilder(project / "mkdocs.yml", URL, search_ready=ready.set)
    try:
        base = tmp_path / "site-1"
        base.mkdir()
        assert builder(base).built
        certificate = project / BIRTH_CERTIFICATE
        edit(certificate, "zh-CN: 出生医学证明首次签发", "zh-CN: 出生医学证明（新）")
        update = tmp_path / "site-2"
        update.mkdir()
        outcome = builder(update, changed=frozenset({certificate}))
        assert outcome.built and outcome.over == base and not (update / "pagefind").exists()
        assert outcome.search_behind, "the preview must say the search index lags"
        assert builder.live is not None and builder.live.records is not None
        record = builder.live.records / "services/birth-medical-certificate/index.html"
        assert "出生医学证明（新）" in record.read_text("utf-8")
        listings = tmp_path / "site-2b"
        listings.mkdir()
        outcome = builder(listings, changed=frozenset())  # the pages the update deferred
        assert outcome.built and outcome.quiet and not outcome.pending
        assert ready.wait(timeout=300), "the search index did not follow"
        indexed = tmp_path / "site-3"
        indexed.mkdir()
        outcome = builder(indexed, changed=frozenset())
        assert outcome.built and outcome.quiet and outcome.over == base
        assert not outcome.search_behind
        entry = indexed / "pagefind" / "pagefind-entry.json"
        assert entry.read_bytes() != (base / "pagefind" / "pagefind-entry.json").read_bytes()
        # The pages of the update are still served with it.
        page = indexed / "services/birth-medical-certificate/index.html"
        assert "出生医学证明（新）" in page.read_text("utf-8")
    finally:
        builder.close()


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux's")
def test_the_search_follower_indexes_in_a_process_of_its_own_at_the_lowest_priority(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind runs in a child process (not a thread sharing the interpreter lock with
    the update rendering the next save), at niceness 19 in the SCHED_IDLE class; the
    preview's own process keeps its priority. A stand-in Pagefind notes how it was run,
    then fails: its reason reaches the preview."""
    noted = tmp_path / "noted"
    fake = tmp_path / "pagefind"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        f"open({str(noted)!r}, 'w').write("
        "f'{os.getppid()} {os.sched_getscheduler(0)} {os.getpriority(os.PRIO_PROCESS, 0)}')\n"
        "sys.exit('no index today')\n",
        "utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    (tmp_path / "records").mkdir()
    (tmp_path / "site").mkdir()
    with pytest.raises(SearchIndexError, match="no index today"):
        index_in_background(tmp_path / "site", tmp_path / "records")
    parent, policy, niceness = (int(word) for word in noted.read_text().split())
    assert parent != os.getpid(), "Pagefind was started by the preview's own process"
    assert (policy, niceness) == (os.SCHED_IDLE, 19)
    assert os.sched_getscheduler(0) != os.SCHED_IDLE


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize(
    "index",
    [
        # The preview: its indexer process, started as the follower starts it.
        "from generator.search.background import index_in_background as index",
        # `guides build`: Pagefind started by the build's own process.
        "from generator.search.index import index_site as index",
    ],
    ids=["preview", "build"],
)
def test_pagefind_ends_with_the_process_that_started_it(tmp_path: Path, index: str) -> None:
    """A preview or a build killed while Pagefind indexes (a CI job cancelled, the
    out-of-memory killer) leaves no Pagefind running: seen once in CI, a Pagefind orphaned
    by a stopped preview was still there an hour later. The stand-in Pagefind notes its
    pid and waits; the process that started it is killed with SIGKILL, which it cannot
    catch."""
    noted = tmp_path / "pagefind.pid"
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\necho $$ > {noted}\nexec sleep 120\n", "utf-8")
    fake.chmod(0o755)
    (tmp_path / "records").mkdir()
    (tmp_path / "site").mkdir()
    started = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys; from pathlib import Path; {index}; "
            "index(Path(sys.argv[1]), Path(sys.argv[2]))",
            str(tmp_path / "site"),
            str(tmp_path / "records"),
        ],
        cwd=REPO,
        env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)},
    )
    try:
        deadline = time.monotonic() + 30
        while not noted.exists() or not noted.read_text().strip():
            assert time.monotonic() < deadline, "the stand-in Pagefind never started"
            time.sleep(0.05)
        pagefind = int(noted.read_text())
        started.kill()
        started.wait()
        deadline = time.monotonic() + 10
        while _running(pagefind):
            assert time.monotonic() < deadline, "Pagefind outlived the process that started it"
            time.sleep(0.05)
    finally:
        started.kill()
        with contextlib.suppress(ProcessLookupError, ValueError, FileNotFoundError):
            os.kill(int(noted.read_text()), signal.SIGKILL)


def _running(pid: int) -> bool:
    """Whether pid is a live process (not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
