"""`guides validate` shows how far it has got on a terminal, and nowhere else.

The command runs as a child process with its stderr on a pseudo-terminal (as a person
runs it) or on a pipe (as CI and scripts do).
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from test_validation import FIXTURES, make_tree

from generator.commands.validate import PROGRESS_FROM

GUIDES = PROGRESS_FROM


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with enough guides for the progress line to be shown."""
    root = tmp_path_factory.mktemp("progress")
    guides = make_tree(root)
    text = (FIXTURES / "valid" / "minimal-service.yaml").read_text("utf-8")
    for number in range(GUIDES):
        guide_id = f"minimal-service-{number:03d}"
        copy = text.replace("id: minimal-service", f"id: {guide_id}").replace(
            "title: 学历证明查询", f"title: 学历证明查询（{number:03d}）"
        )
        (guides / "services" / f"{guide_id}.yaml").write_text(copy, "utf-8")
    return root


def run(project: Path, *args: str, terminal: bool) -> tuple[int, str, str]:
    """Run `guides validate ARGS` in `project`; return (exit code, stdout, stderr)."""
    env = {**os.environ, "LANGUAGE": "en", "GUIDES_CACHE_DIR": str(project / "cache")}
    env.pop("CI", None)
    command = [sys.executable, "-m", "generator", "validate", "--no-cache", *args, "guides"]
    if not terminal:
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, timeout=120)
        return done.returncode, done.stdout.decode(), done.stderr.decode()
    leader, follower = pty.openpty()
    try:
        child = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=follower
        )
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal (EIO on Linux)
                break
            if not chunk:
                break
            seen += chunk
        assert child.stdout is not None
        with child.stdout:
            out = child.stdout.read().decode()
        code = child.wait(timeout=120)
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    return code, out, seen.decode()


def test_a_terminal_is_shown_the_count_in_place(project: Path) -> None:
    code, out, err = run(project, terminal=True)
    assert code == 0, err
    total = GUIDES + 2
    assert f"Checked {total} / {total} guides" in err
    assert "\r" in err  # rewritten in place, not a line per count
    assert err.endswith("\r\x1b[K")  # and wiped before the summary
    assert out == f"{total + 5} files checked: 0 errors, 0 warnings.\n"


def test_a_pipe_is_shown_no_progress(project: Path) -> None:
    code, out, err = run(project, terminal=False)
    assert code == 0, err
    assert "Checked" not in err
    assert "\r" not in err
    assert out.endswith("files checked: 0 errors, 0 warnings.\n")


def test_json_output_has_no_progress_even_on_a_terminal(project: Path) -> None:
    code, out, err = run(project, "--format", "json", terminal=True)
    assert code == 0, err
    assert "Checked" not in err
    assert "\r" not in err
    assert out == ""


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_counts_every_guide_once_in_order(project: Path, workers: int) -> None:
    """From the worker processes as from one: a count that rises to the number of guides."""
    from generator.source.cache import ResultStore
    from generator.validate.tree import validate_tree

    seen: list[tuple[int, int]] = []
    cache = ResultStore(project / f"progress-cache-{workers}.json")
    validate_tree(
        project / "guides",
        workers=workers,
        keep_data=False,
        cache=cache,
        progress=lambda done, total: seen.append((done, total)),
    )
    total = GUIDES + 2
    assert [done for done, _total in seen] == list(range(total + 1))
    assert {seen_total for _done, seen_total in seen} == {total}
    # A second run is answered from the cache: it starts where the first ended.
    seen.clear()
    validate_tree(
        project / "guides",
        workers=workers,
        keep_data=False,
        cache=ResultStore(project / f"progress-cache-{workers}.json"),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(total, total)]


def test_a_parent_with_another_thread_starts_its_workers_by_forkserver(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As under `guides serve`'s watcher: the workers are not forked from a threaded parent,
    and find the same as one process does."""
    import multiprocessing
    import threading

    from generator.validate.tree import validate_tree

    methods: list[str | None] = []
    get_context = multiprocessing.get_context

    def recording(method: str | None = None) -> object:
        methods.append(method)
        return get_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", recording)

    guides = project / "guides"
    bad = guides / "services" / "minimal-service-000.yaml"
    text = bad.read_text("utf-8")
    bad.write_text(text.replace("topics: [education]", "topics: [edu]"), "utf-8")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert threading.active_count() > 1
        threaded = validate_tree(guides, workers=2)
    finally:
        stop.set()
        other.join()
        alone = validate_tree(guides, workers=1)
        bad.write_text(text, "utf-8")
    assert methods and set(methods) == {"forkserver"}
    assert [p.code for p in threaded.problems] == ["reference.unknown-topic"]
    assert threaded.problems == alone.problems
    assert len(threaded.guides) == len(alone.guides) == GUIDES + 2


def test_the_rules_across_files_find_the_same_with_workers(project: Path) -> None:
    """Worker processes send back each guide's key without its path (the parent puts its
    own back): a clash of titles and an unknown related guide are still told on the right
    files, at the right lines, as one process tells them."""
    from generator.validate.tree import validate_tree

    guides = project / "guides"
    second = guides / "services" / "minimal-service-001.yaml"
    third = guides / "services" / "minimal-service-002.yaml"
    texts = {path: path.read_text("utf-8") for path in (second, third)}
    second.write_text(texts[second].replace("（001）", "（000）"), "utf-8")
    third.write_text(texts[third] + "related:\n  - no-such-guide\n", "utf-8")
    try:
        parallel = validate_tree(guides, workers=2, keep_data=False)
        alone = validate_tree(guides, workers=1, keep_data=False)
    finally:
        for path, text in texts.items():
            path.write_text(text, "utf-8")
    found = [(Path(p.file).name, p.line, p.code) for p in parallel.problems]
    related_line = texts[third].count("\n") + 2
    assert found == [
        ("minimal-service-000.yaml", 3, "across.duplicate-title"),
        ("minimal-service-001.yaml", 3, "across.duplicate-title"),
        ("minimal-service-002.yaml", related_line, "related.unknown"),
    ]
    assert parallel.problems == alone.problems
