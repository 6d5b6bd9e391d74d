"""Pages rendered in worker processes (generator/site/parallel.py): the same site as one
process makes, a worker's failure named and never a hang, progress on a terminal only.

The builds run as child processes: the pool forks only a single-threaded process, and a
test runner may have threads of its own (the in-process builds of the other tests take
the one-process path, the sample site having fewer pages than `PARALLEL_FROM`).
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, ProjectFactory
from test_build import tree_digest

from generator.site import parallel
from generator.site import target as site_target

pytestmark = pytest.mark.slow

#: Runs `guides` after the code given in SG_BEFORE (a test's sabotage), in a fresh process.
_RUN = (
    "import os, sys\n"
    "exec(os.environ.get('SG_BEFORE', ''))\n"
    "from generator.cli import main\n"
    "main(sys.argv[1:], prog_name='guides')\n"
)


def _env(workers: int | None, before: str = "") -> dict[str, str]:
    env = dict(os.environ, LANGUAGE="en", SG_BEFORE=before)
    env.pop(parallel.WORKERS_VARIABLE, None)
    if workers is not None:
        env[parallel.WORKERS_VARIABLE] = str(workers)
    return env


def guides(
    *args: str, workers: int | None, before: str = "", cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        env=_env(workers, before),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,  # a hang fails the test instead of the suite
        check=False,
    )


def test_workers_make_the_same_site_as_one_process(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    """Byte for byte: every page, the sitemap and its .gz, the search index's fragments.

    Pagefind's filter and entry files are left out: Pagefind names them differently from
    one run to the next even over the same records (two one-process builds differ there).
    """
    project = make_project(search=True)
    config = str(project / "mkdocs.yml")
    one = guides("build", "-v", "-f", config, "-d", str(tmp_path / "one"), workers=1)
    assert one.returncode == 0, one.stderr
    assert "processes" not in one.stderr
    two = guides("build", "-v", "-f", config, "-d", str(tmp_path / "two"), workers=2)
    assert two.returncode == 0, two.stderr
    assert re.search(r"Rendering \d+ guide pages in 2 processes", two.stderr), two.stderr
    assert "Page skipped" not in two.stderr
    assert "Traceback" not in two.stderr

    def comparable(site: Path) -> dict[str, str]:
        return {
            path: digest
            for path, digest in tree_digest(site).items()
            if not re.match(
                r"pagefind/(filter/|pagefind-entry\.json|pagefind\.zh_\w+\.pf_meta)", path
            )
        }

    first, second = comparable(tmp_path / "one"), comparable(tmp_path / "two")
    assert first == second
    assert "services/teacher-qualification/index.html" in first
    assert any(path.startswith("pagefind/fragment/") for path in first)
    # Every guide went into the index, counted across the workers.
    count = len(list((project / "guides" / "services").glob("*.yaml")))
    assert f"Indexed {count} guides for search" in two.stderr


_FAIL_IN_WORKERS = (
    "import os\n"
    "from generator.site import render\n"
    "parent, real = os.getpid(), render.text_html\n"
    "def text_html(text):\n"
    "    if os.getpid() != parent:\n"
    "        {action}\n"
    "    return real(text)\n"
    "render.text_html = text_html\n"
)


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("raise RuntimeError('the template broke')", "RuntimeError: the template broke"),
        ("os._exit(3)", "stopped unexpectedly"),
    ],
)
def test_a_failing_worker_fails_the_build_and_keeps_the_old_site(
    make_project: ProjectFactory, action: str, said: str
) -> None:
    """An exception in a worker, or a worker that dies, stops the build with a message
    naming it (the page, for an exception); the old site stays, nothing hangs."""
    project = make_project()
    site = project / "site"
    site.mkdir()
    (site / "old.html").write_text("the old site", "utf-8")
    site_target.mark_site(site, "0.1.0")
    before = tree_digest(site)
    started = time.monotonic()
    done = guides(
        "build",
        "-f",
        str(project / "mkdocs.yml"),
        workers=2,
        before=_FAIL_IN_WORKERS.replace("{action}", action),
    )
    assert done.returncode == 1, done.stderr
    assert said in done.stderr
    if "RuntimeError" in said:
        assert re.search(r"Cannot render the page of \S+\.md", done.stderr), done.stderr
    assert "was left as it was" in done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 120
    assert tree_digest(site) == before
    assert sorted(p.name for p in project.iterdir()) == ["guides", "mkdocs.yml", "site"]


_WARN_IN_WORKERS = (
    "import logging, os\n"
    "from generator.site import render\n"
    "parent, real = os.getpid(), render.text_html\n"
    "def text_html(text):\n"
    "    if os.getpid() != parent:\n"
    "        logging.getLogger('mkdocs.structure.pages').warning('a warning in a worker')\n"
    "    return real(text)\n"
    "render.text_html = text_html\n"
)


def test_a_warning_in_a_worker_counts_in_strict_mode(make_project: ProjectFactory) -> None:
    """MkDocs' warnings in a worker are said by the build's process, where MkDocs' strict
    mode (always on in `guides build`) counts them: the build fails, as in one process."""
    project = make_project()
    done = guides("build", "-f", str(project / "mkdocs.yml"), workers=2, before=_WARN_IN_WORKERS)
    assert done.returncode == 1, done.stderr
    assert "a warning in a worker" in done.stderr
    assert "the build failed" in done.stderr and "Traceback" not in done.stderr
    assert not (project / "site").exists()


def _read_all(fd: int, proc: subprocess.Popen[bytes]) -> bytes:
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    return b"".join(chunks)


def test_progress_is_shown_on_a_terminal_only(make_project: ProjectFactory, tmp_path: Path) -> None:
    """On a terminal, the pages rendered and the indexing are shown on one line, then
    erased; the same build into a pipe (a CI log) prints no progress at all."""
    project = make_project(search=True)
    config = str(project / "mkdocs.yml")
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUN, "build", "-f", config, "-d", str(tmp_path / "tty")],
        env=_env(2),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    try:
        shown = _read_all(controller, proc).decode("utf-8", "replace")
    finally:
        os.close(controller)
    assert proc.returncode == 0, shown
    pages = re.findall(r"Rendered (\d+) of (\d+) pages", shown)
    assert pages, shown
    assert pages[-1][0] == pages[-1][1]  # the last count is the whole
    assert re.search(r"Indexing \d+ guides for search\.\.\.", shown), shown
    assert "\r\x1b[K" in shown  # the line is erased, not left in the scrollback
    piped = guides("build", "-f", config, "-d", str(tmp_path / "pipe"), workers=2)
    assert piped.returncode == 0, piped.stderr
    assert "Rendered" not in piped.stderr and "Indexing" not in piped.stderr
    assert "\x1b" not in piped.stderr and "\r" not in piped.stderr


def test_worker_count_follows_the_cpus_and_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset: one process for a small site, one per usable CPU for a large one; set: as told."""
    monkeypatch.delenv(parallel.WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert parallel.worker_count(parallel.PARALLEL_FROM - 1) == 1
    assert parallel.worker_count(parallel.PARALLEL_FROM) == 3
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    assert parallel.worker_count(10_000) == 1
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "2")
    assert parallel.worker_count(5) == 2
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "many")
    assert parallel.worker_count(10_000) == 3


#: Builds a project, then renders its guide pages again with `render_pages` (as the preview
#: would after an edit) into the built site, once in this process and once in workers.
_RERENDER = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from generator.site import parallel
from generator.site.plugin import GuidesPlugin

seen = {}
real_env = GuidesPlugin.on_env
def on_env(self, env, *, config, files):
    seen.update(env=real_env(self, env, config=config, files=files), files=files)
    return seen["env"]
GuidesPlugin.on_env = on_env
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
build(config)
plugin = config.plugins["guides"]
files = seen["files"]
pages = [f.page for f in files.documentation_pages() if f.src_uri.startswith("services/")]
site = Path(sys.argv[2])
before = {p: p.read_bytes() for p in site.glob("services/*/index.html")}
for workers in (1, 2):
    for path in before:
        path.unlink()
    count = parallel.render_pages(
        pages, config=config, nav=plugin.nav, env=seen["env"],
        doc_files=files.documentation_pages(), workers=workers,
    )
    assert count == len(pages) == len(before), (count, len(pages), len(before))
    again = {p: p.read_bytes() for p in site.glob("services/*/index.html")}
    assert again == before, workers
print("same", len(before))
"""


def test_render_pages_renders_a_given_list_again(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    """`render_pages` (for the preview) writes the same pages as the build, in one process
    and in workers."""
    project = make_project()
    done = subprocess.run(
        [sys.executable, "-c", _RERENDER, str(project / "mkdocs.yml"), str(tmp_path / "site")],
        env=_env(None),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    count = len(list((project / "guides" / "services").glob("*.yaml")))
    assert done.stdout.strip() == f"same {count}"


_NO_FORK = (
    "from generator.site import parallel\n"
    "class NoPool:\n"
    "    def __init__(self, *args, **kwargs):\n"
    "        raise OSError('no semaphores here')\n"
    "parallel.ProcessPoolExecutor = NoPool\n"
)


def test_without_worker_processes_the_build_renders_in_one(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    """Where no worker can be started (a sandbox without semaphores), the build renders
    every page in its own process and the site is the same."""
    project = make_project()
    config = str(project / "mkdocs.yml")
    one = guides("build", "-f", config, "-d", str(tmp_path / "one"), workers=1)
    assert one.returncode == 0, one.stderr
    fallback = guides(
        "build", "-v", "-f", config, "-d", str(tmp_path / "two"), workers=2, before=_NO_FORK
    )
    assert fallback.returncode == 0, fallback.stderr
    assert "Rendering in one process: no semaphores here" in fallback.stderr
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")
