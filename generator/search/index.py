"""Search indexing: run Pagefind over one small record per guide and write site_dir/pagefind/.

Pagefind's extended binary segments Chinese text, so 身份证 is found inside 居民身份证.
It does not read the built pages: its time and memory grow with every character it
reads, and a guide page carries much that nobody searches for (material tables, fees,
phone numbers, addresses). The plugin renders theme/search-record.html for each guide
into a SearchRecords folder inside the site being built (a dot folder, which MkDocs
never copies or cleans, removed once the index is written), at the path of the guide's
page so Pagefind gives each record the page's URL; that template's `data-pagefind-*`
attributes decide the words, weights, filters and metadata. Listing pages and the page
chrome have no record.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.common.i18n import ngettext
from generator.search.everyday import absent_names, entries_in
from generator.search.lexicon import names_in, thesaurus_words_in, write_lexicon

#: The folder inside the site that holds the index and Pagefind's search script.
OUTPUT_DIRNAME = "pagefind"

#: One index for the whole site, segmented as Chinese. Guide pages mix Chinese with
#: English glosses; a single index keeps both findable from a page of any `lang`.
INDEX_LANGUAGE = "zh"


#: What Pagefind writes beside its index for its own search interfaces (its default UI, the
#: modular and component UIs, the highlighter). Our search (theme/components/search/search.js)
#: loads only pagefind.js and the index it fetches, so these are not shipped: the site ships
#: no file that no page uses (tests/test_site_assets.py).
PAGEFIND_UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(Exception):
    """The search index could not be built; the message says why and what to do."""


@dataclass(frozen=True)
class IndexStats:
    """What one indexing run did."""

    pages: int
    """Records (pages) that went into the index."""
    seconds: float
    """Wall time of the run, binary start-up included."""
    output_dir: Path
    """Where the index was written (`site_dir/pagefind`)."""
    bytes_written: int
    """Total size of the files in output_dir."""
    peak_memory: int
    """Largest resident memory, in bytes, of any child process so far: Pagefind's, when it
    is the only program this process has run (as in a build)."""
    cpu_seconds: float
    """CPU time (user and system, all its threads) Pagefind took: steadier than the wall
    time on a shared machine, and what the records' words cost (docs/benchmarks.md)."""

    def summary(self) -> str:
        """Say what was indexed, in one line for the build's output."""
        return ngettext(
            "Indexed {count} guide for search in {seconds} s "
            "({cpu} s of CPU, {written} MB written, Pagefind used {memory} MB).",
            "Indexed {count} guides for search in {seconds} s "
            "({cpu} s of CPU, {written} MB written, Pagefind used {memory} MB).",
            self.pages,
        ).format(
            count=self.pages,
            seconds=f"{self.seconds:.1f}",
            cpu=f"{self.cpu_seconds:.1f}",
            written=f"{self.bytes_written / 1e6:.1f}",
            memory=f"{self.peak_memory / 1e6:,.0f}",
        )


def find_pagefind_binary() -> Path:
    """Return the extended Pagefind binary, or raise SearchIndexError saying how to get it.

    PAGEFIND_BINARY_PATH, when set, wins: an operator may point at a binary of their own.
    """
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        path = Path(override)
        if not path.is_file():
            raise SearchIndexError(
                f"PAGEFIND_BINARY_PATH is set to {override}, but no file is there. "
                "Unset it to use the binary from the pagefind[extended] package."
            )
        return path
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(
            "The extended Pagefind binary is missing, so the site cannot be indexed "
            "(the extended binary is the one that segments Chinese). "
            "Install it with: .venv/bin/pip install 'pagefind[extended]>=1.3,<2'"
        ) from None
    try:
        return Path(get_executable())
    except FileNotFoundError as error:
        raise SearchIndexError(
            f"The pagefind_bin_extended package is installed but its binary is missing "
            f"({error}). Reinstall it with: .venv/bin/pip install --force-reinstall "
            "'pagefind[extended]>=1.3,<2'"
        ) from None


class SearchRecords:
    """A temporary folder of search records, one small HTML document per guide.

    It lives inside `parent` (the site folder being built), so that everything a build
    writes stays in the one folder that a killed build leaves and the next one removes.
    Use it as a context manager, or call discard(): it never stays in a finished site.
    """

    def __init__(self, parent: Path) -> None:
        parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".search-records-", dir=parent))
        self.count = 0
        self.chars: set[str] = set()
        self.named: set[int] = set()
        self.names: Counter[str] = Counter()
        self.held: set[str] = set()

    def add(self, dest_uri: str, html: str) -> None:
        """Write the record of the page built at dest_uri (such as services/x/index.html)."""
        target = self.folder / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.chars.update(html)
        self.named.update(entries_in(html))
        self.names.update(names_in(html))
        self.held.update(thesaurus_words_in(html))
        self.count += 1

    def take(self) -> tuple[int, set[str], set[int], Counter[str], set[str]]:
        """Return, and forget, the count, characters, everyday names, the site's own words
        and the thesaurus's words held by the records added so far (in a worker process rendering
        pages, for `merge` in the build's own process)."""
        taken = (self.count, self.chars, self.named, self.names, self.held)
        self.count, self.chars, self.named, self.names = 0, set(), set(), Counter()
        self.held = set()
        return taken

    def merge(self, taken: tuple[int, set[str], set[int], Counter[str], set[str]]) -> None:
        """Count the records a worker process wrote into this folder (what its `take` gave)."""
        count, chars, named, names, held = taken
        self.count += count
        self.chars.update(chars)
        self.named.update(named)
        self.names.update(names)
        self.held.update(held)

    def index_into(self, site_dir: Path) -> IndexStats:
        """Index the records and write the index to site_dir/pagefind/."""
        return index_site(
            site_dir,
            source_dir=self.folder,
            chars=self.chars,
            named=self.named,
            names=self.names,
            held=self.held,
        )

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> SearchRecords:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def index_site(
    site_dir: Path,
    source_dir: Path | None = None,
    chars: set[str] | None = None,
    named: set[int] | None = None,
    names: Counter[str] | None = None,
    held: set[str] | None = None,
) -> IndexStats:
    """Index the HTML files in source_dir (site_dir itself by default) into site_dir/pagefind/,
    and write the search UI's lexicon beside the index (generator/search/lexicon.py).

    Only files with a `data-pagefind-body` element are indexed once any file has one.
    chars, the characters of everything indexed, restricts the lexicon's traditional
    characters to those the index can match; named, the entries of the everyday-names
    table that some record names (generator/search/everyday.py), tells the lexicon which
    things no guide offers; names, the site's own words (lexicon.names_in), what the UI
    cuts a query with; held, the thesaurus's words that the records' titles, names and
    summaries hold (lexicon.thesaurus_words_in), which it must not replace. All four are
    read from the HTML files by default.
    """
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexError(f"Cannot index {site_dir}: no such folder. Build the site first.")
    source_dir = site_dir if source_dir is None else Path(source_dir).resolve()
    if not source_dir.is_dir():
        raise SearchIndexError(f"Cannot index {source_dir}: no such folder.")
    # PAGEFIND_BINARY_PATH first, then the extended package's binary (the one that
    # segments Chinese); a clear message when neither is there.
    binary = find_pagefind_binary()
    output_dir = site_dir / OUTPUT_DIRNAME
    # Pagefind names its fragments by content hash; a stale index left by an earlier
    # build (under `guides serve`) would otherwise grow without end.
    if output_dir.exists():
        shutil.rmtree(output_dir)
    started = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    _index(binary, source_dir, output_dir)
    ran = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ran.ru_utime - children.ru_utime) + (ran.ru_stime - children.ru_stime)
    for name in PAGEFIND_UI_FILES:
        (output_dir / name).unlink(missing_ok=True)
    if chars is None or named is None or names is None or held is None:
        chars, named, names, held = set(), set(), Counter(), set()
        for page in source_dir.rglob("*.html"):
            text = page.read_text(encoding="utf-8", errors="replace")
            chars.update(text)
            named.update(entries_in(text))
            names.update(names_in(text))
            held.update(thesaurus_words_in(text))
    pages = _indexed_page_count(output_dir)
    write_lexicon(
        output_dir, chars, guides=pages, absent=absent_names(named), names=names, held=held
    )
    seconds = time.perf_counter() - started
    written = sum(f.stat().st_size for f in output_dir.rglob("*") if f.is_file())
    # ru_maxrss is in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return IndexStats(
        pages=pages,
        seconds=seconds,
        output_dir=output_dir,
        bytes_written=written,
        peak_memory=peak,
        cpu_seconds=cpu,
    )


def _indexed_page_count(output_dir: Path) -> int:
    """Return how many pages the written index holds, from its entry file."""
    entry_file = output_dir / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        return sum(int(lang["page_count"]) for lang in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(
            f"Pagefind ran but its index at {output_dir} is unreadable ({error})."
        ) from error


def _index(binary: Path, source_dir: Path, output_dir: Path) -> None:
    """Run the Pagefind binary over source_dir and write the index to output_dir.

    The command line, not the package's async service API: the service answered before
    its files were all on disk under load (an empty pagefind-entry.json), and held every
    page in memory (4.3 GB at 10,000 guides). The binary writes everything before it
    exits, in about 75 MB for the sample site.
    """
    command = [
        str(binary),
        "--site",
        str(source_dir),
        "--output-path",
        str(output_dir),
        "--force-language",
        INDEX_LANGUAGE,
        "--quiet",
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, preexec_fn=_ends_with_us()
        )
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not be started ({binary}): {error}") from error
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchIndexError(
            f"Pagefind failed while indexing {source_dir} (exit {done.returncode}): {output}"
        )


#: prctl's option "send me this signal when my parent ends" (linux/prctl.h).
PR_SET_PDEATHSIG = 1


def _ends_with_us() -> Callable[[], None] | None:
    """What Pagefind runs first, on Linux: have the kernel end it (SIGKILL) when the process
    that started it ends, killed or not, so that a cancelled build leaves no Pagefind
    writing on. None elsewhere, and while this process runs other threads (a function run
    between fork and exec is unsafe then; the preview indexes in a process of its own,
    generator/search/background.py)."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def end_with_parent() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent ended before the line above
            os._exit(1)

    return end_with_parent
