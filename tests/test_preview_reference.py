"""A change to the reference data under `guides serve`: the fast path (issue 15).

An edit to an office re-checks the guides that use that office (not every guide), renders
the office's own page first and the guide pages that show it when they are asked for (or
in the build that follows), and leaves the other pages alone. Its problems are the ones a
whole validation finds; a change the fast path cannot follow is a full build.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from support import edit
from test_preview_incremental import URL, assert_same_site, full_build, settled

from generator.commands.serve import PreviewBuilder
from generator.preview import banner
from generator.preview.server import PreviewServer
from generator.preview.state import BuildOutcome
from generator.site import checked as checked_module
from generator.site import incremental
from generator.site.checked import check_tree, recheck
from generator.validate.tree import validate_tree

OFFICES = Path("guides/reference/offices.yaml")
OFFICE = "citizen-centre"
SATURDAY = '      - days: [sat]\n        opens: "09:00"\n        closes: "12:00"\n'
"""citizen-centre's Saturday hours, the first of the file."""


def naming(guides: Path, office: str) -> set[str]:
    """The ids of the guides whose channels send people to `office`."""
    found: set[str] = set()
    for path in (guides / "services").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        for channel in data.get("channels") or ():
            if office in (channel.get("offices") or ()):
                found.add(data["id"])
    return found


def test_a_reference_edit_checks_again_only_the_guides_that_use_the_entry(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An office's hours: the guides sent to that office (or naming it in their text) are
    checked again, not every guide; the result is the whole validation's all the same."""
    guides = project / "guides"
    tree = check_tree(guides, review_max_age_days=365)
    checked_again: list[Path] = []
    real = checked_module._check

    def spy(tree: checked_module.CheckedTree, paths: list[Path], *rest: object) -> list:  # type: ignore[type-arg]
        checked_again.extend(paths)
        return real(tree, paths, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(checked_module, "_check", spy)
    edit(project / OFFICES, SATURDAY, SATURDAY.replace('"12:00"', '"11:30"'))
    rechecked = recheck(tree, {project / OFFICES})
    assert rechecked is not None
    assert rechecked.tree.result() == validate_tree(guides)
    sent = naming(guides, OFFICE)
    assert sent, "the sample guides send people to the office"
    ids = {path.stem for path in checked_again}
    assert sent <= ids, "every guide sent to the office is checked again"
    everyone = {path.stem for path in tree.files}
    assert ids < everyone, "a guide that does not use the office is not checked again"
    assert rechecked.touched is not None and {p.stem for p in rechecked.touched} == ids


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a name the guides' texts use for the office (the accuracy rules look for it)
        ("name: {zh-CN: 临江市民中心,", "name: {zh-CN: 临江市政务中心,"),
        # an office's departments: which guides' lead department it serves
        ("departments: [edu, hrss,", "departments: [hrss,"),
        # the hours and the weekend note that must agree with them
        (SATURDAY, SATURDAY.replace("[sat]", "[sun]")),
    ],
)
def test_every_traced_edit_finds_what_the_whole_validation_finds(
    project: Path, old: str, new: str
) -> None:
    guides = project / "guides"
    tree = check_tree(guides, review_max_age_days=365)
    edit(project / OFFICES, old, new)
    rechecked = recheck(tree, {project / OFFICES})
    assert rechecked is not None and rechecked.touched is not None
    assert rechecked.tree.result() == validate_tree(guides)


def test_texts_made_ahead_trace_the_same_guides(project: Path) -> None:
    """`prepare_texts` (run by `guides serve` after its first build) makes every guide's
    text ahead of the first reference edit; a text whose file changed since is made again."""
    guides = project / "guides"
    ahead = check_tree(guides, review_max_age_days=365)
    checked_module.prepare_texts(ahead)
    assert ahead.texts.keys() == {p for p, r in ahead.files.items() if r.data is not None}
    # A guide that did not name the office is saved naming it, after the texts were made:
    # its kept text is stale and must not be used.
    saved = next(
        path
        for path in sorted(ahead.files)
        if OFFICE not in path.read_text("utf-8") and "市民中心" not in path.read_text("utf-8")
    )
    edit(saved, "\nsummary:\n  zh-CN: ", "\nsummary:\n  zh-CN: 可到临江市民中心咨询。")
    rechecked = recheck(ahead, {saved})
    assert rechecked is not None
    assert "市民中心" not in ahead.texts[saved][1], "the text made before the save"
    edit(project / OFFICES, SATURDAY, SATURDAY.replace('"12:00"', '"11:30"'))
    found = recheck(rechecked.tree, {project / OFFICES})
    assert found is not None and found.touched is not None
    assert saved in found.touched
    assert found.tree.result() == validate_tree(guides)


def test_a_change_that_cannot_be_traced_checks_every_guide(project: Path) -> None:
    """An entry without an id (a mistake) cannot be traced to the guides that use it."""
    guides = project / "guides"
    tree = check_tree(guides, review_max_age_days=365)
    edit(project / OFFICES, f"  - id: {OFFICE}\n", "  - name_only: true\n")
    rechecked = recheck(tree, {project / OFFICES})
    assert rechecked is not None and rechecked.touched is None
    assert rechecked.tree.result() == validate_tree(guides)


def unnumbered(page: str) -> str:
    """The page without the build number live.js compares (it moves with every build)."""
    return re.sub(r'data-sg-preview-epoch="\d+"', "", page)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


@contextmanager
def serving(project: Path, builder: PreviewBuilder) -> Iterator[tuple[PreviewServer, str]]:
    """The preview of `project`, its builder given, watching the guides."""
    server = PreviewServer(("127.0.0.1", 0), builder, incremental=True)
    server.render_now = builder.render_now
    builder.interrupted = server.change_waiting
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        server.watch([project / "guides"])
        yield server, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.stop()
        thread.join(timeout=60)


def wait_for_epoch(base: str, epoch: int, timeout: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = json.loads(get(base + "_preview/state"))
        if state["epoch"] >= epoch:
            return dict(state)
        time.sleep(0.05)
    raise AssertionError(f"no build {epoch} within {timeout} s")


def test_an_office_edit_under_a_running_preview_updates_the_pages_that_show_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office's page is rendered by the update; every guide page showing the office is
    served with the new hours as soon as it is asked for, though the build that renders
    the rest has not run; a guide page that does not show the office is not rendered."""
    # The sample has a handful of guides per office: make "many" small enough that the
    # office's guide pages are left to be asked for, as at 10,000 guides.
    monkeypatch.setattr(incremental, "FIRST_PASS_MOST", 1)
    builder = PreviewBuilder(project / "mkdocs.yml", "http://127.0.0.1/")
    with serving(project, builder) as (server, base):
        wait_for_epoch(base, 1)
        builder.build_again = lambda: None  # hold the build that renders the rest
        sent = sorted(naming(project / "guides", OFFICE))
        assert len(sent) > 1
        other = next(
            path.stem
            for path in sorted((project / "guides" / "services").rglob("*.yaml"))
            if path.stem not in sent
            and OFFICE not in path.read_text("utf-8")
            and "市民中心" not in path.read_text("utf-8")
        )
        other_before = get(f"{base}services/{other}/")
        assert ">11:41<" not in get(f"{base}services/{sent[0]}/")
        edit(project / OFFICES, SATURDAY, SATURDAY.replace('"12:00"', '"11:41"'))
        state = wait_for_epoch(base, 2)
        assert state["updating"], "the guide pages showing the office are left to be asked for"
        assert builder.live is not None
        update = builder.last_update
        assert update is not None and update.rendered == [f"offices/{OFFICE}/index.html"]
        assert ">11:41<" in get(f"{base}offices/{OFFICE}/")
        for guide in sent:
            page = get(f"{base}services/{guide}/")
            assert ">11:41<" in page, guide
            assert banner.updating_note_html() not in page, guide
        assert unnumbered(get(f"{base}services/{other}/")) == unnumbered(other_before)
        assert f"services/{other}/index.html" not in server.state.pending()
        # The build that follows renders what was not asked for, and is quiet.
        builder.build_again = server.request_build
        server.request_build()
        deadline = time.monotonic() + 60
        while server.state.pending() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not server.state.pending()
        assert not builder.live.deferred


def test_a_guide_page_waiting_after_an_office_edit_says_why(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guide page an office edit left to be rendered, served as it was (here: an update
    holds the state, so it cannot be rendered at once), says it waits for the change to
    the reference data, not that it lists guides the editor changed."""
    monkeypatch.setattr(incremental, "FIRST_PASS_MOST", 1)
    builder = PreviewBuilder(project / "mkdocs.yml", "http://127.0.0.1/")
    with serving(project, builder) as (server, base):
        wait_for_epoch(base, 1)
        builder.build_again = lambda: None  # hold the build that renders the rest
        guide = sorted(naming(project / "guides", OFFICE))[0]
        edit(project / OFFICES, SATURDAY, SATURDAY.replace('"12:00"', '"11:42"'))
        wait_for_epoch(base, 2)
        dest = f"services/{guide}/index.html"
        assert dest in server.state.pending_reference() <= server.state.pending()
        assert builder.live is not None
        with builder.live.lock:  # an update is running: render_now gives up after 1 s
            page = get(f"{base}services/{guide}/")
        assert ">11:42<" not in page, "served as it was"
        assert banner.updating_note_html(reference=True) in page
        assert banner.updating_note_html() not in page
        assert 'data-sg-preview-updating=""' in page  # live.js reloads it when done
        # Asked for again with the state free: rendered at once, with no note.
        page = get(f"{base}services/{guide}/")
        assert ">11:42<" in page and "data-sg-preview-updating" not in page


def test_a_page_waiting_after_a_guide_edit_keeps_its_own_note(project: Path) -> None:
    """After a guide edit, the listing pages left for the next build still say that they
    list guides just changed (the reference data did not change)."""
    builder = PreviewBuilder(project / "mkdocs.yml", "http://127.0.0.1/")
    with serving(project, builder) as (server, base):
        wait_for_epoch(base, 1)
        builder.build_again = lambda: None  # hold the build that renders the listings
        guide = sorted((project / "guides" / "services").glob("*.yaml"))[0]
        edit(guide, "\nsummary:\n  zh-CN: ", "\nsummary:\n  zh-CN: 改：")
        wait_for_epoch(base, 2)
        assert "index.html" in server.state.pending()
        assert not server.state.pending_reference()
        assert builder.live is not None
        with builder.live.lock:  # served as it was, with its note
            page = get(base)
        assert banner.updating_note_html() in page
        assert banner.updating_note_html(reference=True) not in page


def test_an_office_edit_with_errors_keeps_the_site_and_shows_the_problems(
    project: Path,
) -> None:
    """An office's id renamed: every guide sent there names an unknown office. The
    problems are the whole validation's, and the site served stays as it was."""
    builder = PreviewBuilder(project / "mkdocs.yml", "http://127.0.0.1/")
    with serving(project, builder) as (_server, base):
        wait_for_epoch(base, 1)
        before = get(f"{base}offices/{OFFICE}/")
        edit(project / OFFICES, f"  - id: {OFFICE}\n", f"  - id: {OFFICE}-renamed\n")
        state = wait_for_epoch(base, 2)
        whole = validate_tree(project / "guides")
        errors = [p for p in whole.problems if p.severity.value == "error"]
        assert errors and state["errors"] == len(errors)
        problems = get(f"{base}_problems/")
        for guide in naming(project / "guides", OFFICE):
            assert f"guides/services/{guide}.yaml" in problems, guide
        assert get(f"{base}offices/{OFFICE}/").count("citizen") >= before.count("citizen") > 0


def test_a_new_office_is_a_full_build(project: Path, tmp_path: Path) -> None:
    """An office added makes a page: the fast path gives way to a full build."""
    builder = PreviewBuilder(project / "mkdocs.yml", "http://127.0.0.1/")
    first = tmp_path / "site-1"
    first.mkdir()
    assert builder(first).built
    text = (project / OFFICES).read_text("utf-8")
    start = text.index(f"  - id: {OFFICE}\n")
    end = text.index("\n  - id: ", start + 1) + 1
    copy = text[start:end].replace(f"id: {OFFICE}", "id: citizen-centre-east", 1)
    copy = copy.replace("临江市民中心", "临江市民中心东厅").replace(
        "Linjiang Citizen Centre", "Linjiang Citizen Centre East"
    )
    (project / OFFICES).write_text(text[:end] + copy + text[end:], "utf-8")
    second = tmp_path / "site-2"
    second.mkdir()
    outcome = builder(second, changed=frozenset({project / OFFICES}))
    assert outcome.built and outcome.over is None, outcome
    assert (second / "offices" / "citizen-centre-east" / "index.html").is_file()


def built_then_office_edited(
    project: Path, tmp_path: Path
) -> tuple[PreviewBuilder, Path, Path, BuildOutcome]:
    """A preview builder's first build (work/site-1), then the update after the office's
    Saturday closing moved to 11:30 (work/site-2): the builder, work, site-1, the update."""
    work = tmp_path / "work"
    work.mkdir()
    builder = PreviewBuilder(project / "mkdocs.yml", URL)
    base = work / "site-1"
    base.mkdir()
    assert builder(base).built
    edit(project / OFFICES, SATURDAY, SATURDAY.replace('"12:00"', '"11:30"'))
    hours = work / "site-2"
    hours.mkdir()
    return builder, work, base, builder(hours, changed=frozenset({project / OFFICES}))


def test_pages_rendered_when_asked_for_and_after_give_the_full_build_site(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office's page in the update, two guide pages asked for, the rest in the build
    that follows: the site served is a full build's of the edited project, byte for byte."""
    monkeypatch.setattr(incremental, "FIRST_PASS_MOST", 1)
    builder, work, base, outcome = built_then_office_edited(project, tmp_path)
    hours = work / "site-2"
    assert outcome.built and outcome.over == base, outcome
    asked = sorted(f"services/{guide}/index.html" for guide in naming(project / "guides", OFFICE))
    assert set(asked) <= outcome.pending
    for dest in asked[:2]:
        fresh = builder.render_now(dest)
        assert fresh is not None and fresh == hours / dest
        assert ">11:30<" in fresh.read_text("utf-8")
    assert_same_site(
        settled(builder, work / "site-2b", hours), full_build(project, tmp_path / "full")
    )


def test_a_save_during_the_build_after_an_office_edit_comes_first(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build rendering the pages an office edit deferred stops when a file changes;
    the editor's next save renders its own guide's page first, and the pages still
    deferred follow in the build after it."""
    monkeypatch.setattr(incremental, "FIRST_PASS_MOST", 1)
    builder, work, _, outcome = built_then_office_edited(project, tmp_path)
    assert builder.live is not None
    deferred = set(builder.live.deferred)
    assert len(deferred) > 2

    calls = iter(range(1_000_000))
    builder.interrupted = lambda: next(calls) >= 2  # a file changes after two pages
    asked: list[bool] = []
    builder.build_again = lambda: asked.append(True)
    part = work / "site-2b"
    part.mkdir()
    settling = builder(part, changed=frozenset())
    assert settling.built and settling.quiet
    assert asked, "the pages left must follow in the build after the save"
    left = set(builder.live.deferred)
    assert len(left) == len(deferred) - 2 and left < deferred
    assert settling.pending  # still said to be being updated

    builder.interrupted = lambda: False
    guide = sorted((project / "guides" / "services").glob("*.yaml"))[0]
    edit(guide, "\nsummary:\n  zh-CN: ", "\nsummary:\n  zh-CN: 改：")
    saved = work / "site-3"
    saved.mkdir()
    outcome = builder(saved, changed=frozenset({guide}))
    assert outcome.built, outcome
    assert builder.last_update is not None
    assert f"services/{guide.stem}/index.html" in builder.last_update.rendered
    assert len(builder.last_update.rendered) < len(left), "the deferred pages wait"
    assert left - {f"services/{guide.stem}.md"} <= builder.live.deferred
    assert_same_site(
        settled(builder, work / "site-3b", saved), full_build(project, tmp_path / "full")
    )


def test_an_edit_that_moves_other_entries_lines_finds_what_the_whole_validation_finds(
    project: Path,
) -> None:
    """A problem of a guide may cite the line of an office it does not share with the edit
    (here: a note naming 社保大厅, which does not serve the guide's department, cites that
    office's `departments` line). Lines added to the first office move that line: the
    guide must be checked again, though the office it names did not change."""
    guides = project / "guides"
    edit(
        guides / "services" / "birth-medical-certificate.yaml",
        "提交后在手机上确认。",
        "提交后到社保大厅确认。",
    )
    tree = check_tree(guides, review_max_age_days=365)
    cited = [p for p in tree.result().problems if "offices.yaml:" in p.message]
    assert cited, "the guide's problem cites a line of offices.yaml"
    sunday = '      - days: [sun]\n        opens: "09:00"\n        closes: "11:00"\n'
    edit(project / OFFICES, SATURDAY, SATURDAY + sunday)
    rechecked = recheck(tree, {project / OFFICES})
    assert rechecked is not None
    assert rechecked.tree.result() == validate_tree(guides)


def test_a_guide_naming_an_office_by_its_street_is_traced(project: Path) -> None:
    """The accuracy rules find an office in a text by its street and number (人民路 301 号)
    too: editing that office's address checks such a guide again, and the error it had
    (the hall does not serve civil affairs) goes, as in a whole validation."""
    guides = project / "guides"
    edit(
        guides / "services/elderly-care-subsidy.yaml",
        "也可以到户籍所在的社区居委会，由工作人员帮你提交。",
        "也可以到人民路 301 号大厅，由工作人员帮你提交。",
    )
    tree = check_tree(guides, review_max_age_days=365)
    assert any(p.code == "accuracy.office.named-wrong-department" for p in tree.result().problems)
    edit(project / OFFICES, "江滨区人民路 301 号,", "江滨区人民路 303 号,")
    rechecked = recheck(tree, {project / OFFICES})
    assert rechecked is not None and rechecked.touched is not None
    assert guides / "services/elderly-care-subsidy.yaml" in rechecked.touched
    assert rechecked.tree.result() == validate_tree(guides)
