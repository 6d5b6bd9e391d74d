"""Index search records in a process of its own, at the lowest CPU priority (`guides serve`).

The preview's search index follows an editor's changes in the background
(commands/serve.py, `_SearchFollower`). Run in a thread of the preview's own process, the
indexing shared its interpreter lock with the update rendering the editor's next save:
the Python part of it (reading every record again for the lexicon, thousands at 10,000
guides) slowed that update, and a thread at the lowest priority that holds the lock on a
busy machine keeps the update waiting until the scheduler runs it again. Here it runs in
a child process that lowers its own priority first: niceness 19 and, on Linux, the
SCHED_IDLE class (CPU time nothing else wants). Pagefind, started by it, inherits both.

    python -m generator.search.background SITE_DIR RECORDS_DIR LANGUAGE
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from generator.common import i18n
from generator.search.index import OUTPUT_DIRNAME, SearchIndexError, index_site


def lowest_priority() -> None:
    """Give this process (and every process it starts) the lowest CPU priority there is."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, 0, 19)
    with contextlib.suppress(OSError, AttributeError):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


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
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(str(error)) from error
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise SearchIndexError(lines[-1] if lines else f"exit {done.returncode}")
    return site_dir / OUTPUT_DIRNAME


def main(argv: list[str]) -> int:
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
