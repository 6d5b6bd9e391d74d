"""Index search records in a process of its own, at the lowest CPU priority (`guides serve`).

The preview's search index follows an editor's changes in the background
(commands/serve.py, `_SearchFollower`). Run in a thread of the preview's own process, the
indexing shared its interpreter lock with the update rendering the editor's next save:
the Python part of it (reading every record again for the lexicon, thousands at 10,000
guides) slowed that update, and a thread at the lowest priority that holds the lock on a
busy machine keeps the update waiting until the scheduler runs it again. Here it runs in
a child process that lowers its own priority first: niceness 19 and, on Linux, the
SCHED_IDLE class (CPU time nothing else wants). Pagefind, started by it, inherits both.

It ends with the preview, however the preview ends (Ctrl-C, a closed terminal, a kill):
on Linux the kernel sends it SIGTERM when the thread that started it is gone
(PR_SET_PDEATHSIG), and SIGTERM ends Pagefind with it. Left running, it would write into
a folder the preview has removed, for minutes at 10,000 guides.

    python -m generator.search.background SITE_DIR RECORDS_DIR LANGUAGE
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

from generator.common import i18n
from generator.search.index import (
    OUTPUT_DIRNAME,
    PR_SET_PDEATHSIG,
    SearchIndexError,
    index_site,
)


def lowest_priority() -> None:
    """Give this process (and every process it starts) the lowest CPU priority there is."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, 0, 19)
    with contextlib.suppress(OSError, AttributeError):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


#: The process that started the indexer, as it told it (to see whether it has already gone).
PARENT_ENV = "GUIDES_INDEX_PARENT"


def end_with_parent() -> None:
    """End this process (and the Pagefind it runs) when the process that started it ends.

    SIGTERM is turned into SystemExit, so that subprocess.run kills Pagefind on the way
    out; the kernel sends SIGTERM when the parent ends (Linux). A parent already gone
    before this ran is seen by its pid: then this process ends at once.
    """
    signal.signal(signal.SIGTERM, _exit_on_signal)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    parent = os.environ.get(PARENT_ENV)
    if parent and parent.isdigit() and os.getppid() != int(parent):
        raise SystemExit(1)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def index_in_background(site_dir: Path, records: Path) -> Path:
    """Index `records` into `site_dir/pagefind/` in a child process at the lowest priority;
    return that folder. Raises SearchIndexError with the child's reason when it fails."""
    command = [
        sys.executable,
        "-m",
        "generator.search.background",
        str(site_dir),
        str(records),
        i18n.current_language(),
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, PARENT_ENV: str(os.getpid())},
        )
    except OSError as error:
        raise SearchIndexError(str(error)) from error
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise SearchIndexError(lines[-1] if lines else f"exit {done.returncode}")
    return site_dir / OUTPUT_DIRNAME


def main(argv: list[str]) -> int:
    end_with_parent()
    lowest_priority()
    site_dir, records, language = argv
    i18n.set_language(language)
    try:
        index_site(Path(site_dir), source_dir=Path(records))
    except SearchIndexError as error:
        print(" ".join(str(error).split()), file=sys.stderr)  # one line: the reason
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
