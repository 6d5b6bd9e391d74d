"""Time how long `guides serve` takes to show an editor's change, at N synthetic guides.

    python benchmarks/preview_latency.py 1000 10000        # figures
    python benchmarks/preview_latency.py 1000 --repeats 5  # more runs of each edit

For each N: make a project with benchmarks/synthetic.py (the sample mkdocs.yml's options,
search on), start `guides serve` on a free port as a child process, wait for its first
good build (the page of the guide to be edited answers with that guide), then time, each
`--repeats` times, from the moment a file is saved until the served pages, fetched over
HTTP every 50 ms, show the change:

  (a) guide edit     the title of one guide changed: until its page shows the new title
                     (and, printed below it, until the A–Z page does too: the preview
                     renders the guide's page first and the pages listing it after);
  (b) after an error the same guide saved as invalid YAML, left until the served page
                     changes (the preview's problems banner), then fixed with a new title:
                     timed from the fixing save until the page shows the fixed title
                     (the first good save after an error);
  (c) office hours   an office's Saturday closing time changed in guides/reference/
                     offices.yaml: until every sampled page showing that office (its own
                     page and up to five guide pages spread over the tree) shows it.

Files are written in place, as an editor saves them. Printed: the first build, the median
and largest time of each edit against its target (issue 15: (a) and (b) <= 2 s, (c) <= 10 s
at 10,000 guides), and the peak resident memory of the server's process tree (sampled
every 100 ms; Pagefind's processes apart). The server is always stopped, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.build import _is_pagefind, _tree_stats, write_config  # noqa: E402
from benchmarks.synthetic import make_synthetic_tree  # noqa: E402

POLL_SECONDS = 0.05
OFFICE = "citizen-centre"
"""The office whose hours (c) changes: the one most sample guides send people to."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Timeout(Exception):
    """The served pages did not show the change in time."""


def free_port() -> int:
    """Return a TCP port nobody listens on now (the server binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    """Return the body of url, or "" when the server does not answer it with 200 now."""
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace") if response.status == 200 else ""
    except (urllib.error.URLError, OSError):
        return ""


def wait_until(check: Callable[[], bool], timeout: float) -> float:
    """Call check every POLL_SECONDS until it is true; return the seconds it took."""
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > timeout:
            raise Timeout
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


class TreeMemory:
    """Sample the resident memory of a process tree on a thread; keep the peaks."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = self.peak_pagefind = self.peak_own = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            stats = _tree_stats(self.pid)
            pagefind = sum(rss for _, rss, name in stats.values() if _is_pagefind(name))
            total = sum(rss for _, rss, _ in stats.values())
            self.peak = max(self.peak, total)
            self.peak_pagefind = max(self.peak_pagefind, pagefind)
            self.peak_own = max(self.peak_own, total - pagefind)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@contextlib.contextmanager
def serving(config: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run `guides serve` for the body of the with statement; always stop it and its tree."""
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "-f",
                str(config),
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=config.parent,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole below
        )
        try:
            yield server
        finally:
            _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group (it cleans up its folders), SIGKILL if it lingers."""
    for sig, grace in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
        # The server has gone; end any child it left (a worker, Pagefind) as well.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        return


_EDITIONS = [("甲", "A"), ("乙", "B"), ("丙", "C"), ("丁", "D"), ("戊", "E"), ("己", "F")]
"""Words for successive titles: no digits, which the accuracy rules compare across languages."""


class Guide:
    """One synthetic guide: its file, its page, and edits to its title."""

    def __init__(self, path: Path, base: str) -> None:
        self.path = path
        self.data = yaml.load(path.read_text("utf-8"), Loader=_LOADER)
        self.url = f"{base}services/{self.data['id']}/"
        self.edits = 0

    @property
    def title(self) -> str:
        title = self.data["title"]
        return str(title.get("zh-CN") if isinstance(title, dict) else title)

    def retitle(self) -> str:
        """Give the guide a new title (saved in place); return the text to look for.

        The synthetic number goes and a word comes in both languages: a number in one
        language only is an error of the accuracy rules (title.en must say the same).
        """
        self.edits += 1
        word = _EDITIONS[self.edits % len(_EDITIONS)]
        title = self.data["title"]
        if not isinstance(title, dict):
            title = self.data["title"] = {"zh-CN": title}
        marker = f"{title['zh-CN'].split('（', 1)[0]}（修订{word[0]}）"
        title["zh-CN"] = marker
        if title.get("en"):
            title["en"] = f"{title['en'].split('（', 1)[0].split(' (', 1)[0]} (revision {word[1]})"
        self.save()
        return marker

    def save(self) -> None:
        text = yaml.dump(self.data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
        self.path.write_text(text, encoding="utf-8")

    def break_yaml(self) -> None:
        """Save the file with a YAML syntax error, as a stray edit would leave it."""
        text = self.path.read_text("utf-8")
        self.path.write_text(text.replace("title:", "title: [unclosed\n  oops:", 1), "utf-8")


def set_office_closing(offices_file: Path, office: str, closes: str) -> None:
    """Set the closing time of the office's last row of hours (its Saturday), as text."""
    text = offices_file.read_text("utf-8")
    start = text.index(f"- id: {office}\n")
    following = text.find("\n  - id: ", start + 1)
    end = len(text) if following == -1 else following
    block = text[start:end]
    rows = list(re.finditer(r'closes: "?(\d\d:\d\d)"?', block))
    if not rows:
        raise SystemExit(f"{offices_file}: no `closes:` under {office}; update this script")
    last = rows[-1]
    block = f'{block[: last.start()]}closes: "{closes}"{block[last.end() :]}'
    offices_file.write_text(text[:start] + block + text[end:], "utf-8")


def pages_with_office(guides: Path, office: str, base: str, most: int = 5) -> list[str]:
    """Return the office's page and up to `most` guide pages showing it, spread over the tree."""
    showing = []
    for path in sorted((guides / "services").rglob("*.yaml")):
        data = yaml.load(path.read_text("utf-8"), Loader=_LOADER)
        channels = data.get("channels") or []
        if any(office in (channel.get("offices") or []) for channel in channels):
            showing.append(f"{base}services/{data['id']}/")
    if not showing:
        raise SystemExit(f"no guide sends people to {office}; choose another office")
    step = max(1, len(showing) // most)
    return [f"{base}offices/{office}/", *showing[::step][:most]]


def measure(count: int, repeats: int, timeout: float, search: bool) -> None:
    """Run the three kinds of edit `repeats` times on a served project of `count` guides."""
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as folder:
        root = Path(folder)
        guides = make_synthetic_tree(count, root)
        config = write_config(root, search=search)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        files = sorted((guides / "services").rglob("*.yaml"))
        guide = Guide(files[len(files) // 2], base)
        office_pages = pages_with_office(guides, OFFICE, base)
        offices_file = guides / "reference" / "offices.yaml"
        log = root / "serve.log"
        times: dict[str, list[float]] = {"a": [], "a-z": [], "b": [], "c": []}
        failed: dict[str, int] = {"a": 0, "a-z": 0, "b": 0, "c": 0}
        unseen = 0
        with serving(config, port, log) as server:
            memory = TreeMemory(server.pid)
            try:
                title = guide.title

                def first_build() -> bool:
                    if server.poll() is not None:
                        print(log.read_text("utf-8", "replace")[-3000:], file=sys.stderr)
                        raise SystemExit(f"guides serve stopped (exit {server.returncode})")
                    return title in fetch(guide.url)

                first = wait_until(first_build, timeout * 3)
                print(f"{count:>7}  first build served after {first:.1f} s", flush=True)
                for run in range(repeats):
                    time.sleep(1.0)  # let the watcher settle between edits
                    # (a) one guide's title
                    marker = guide.retitle()
                    saved = time.perf_counter()
                    _timed(times, failed, "a", lambda m=marker: m in fetch(guide.url), timeout)
                    # ... and the A–Z list (the preview renders it after the guide's page)
                    with contextlib.suppress(Timeout):
                        wait_until(lambda m=marker: m in fetch(f"{base}a-z/"), timeout)
                        times["a-z"].append(time.perf_counter() - saved)
                        print(f"{'':>7}  (a) on A–Z: {times['a-z'][-1]:.2f} s", flush=True)
                    time.sleep(1.0)
                    # (b) a broken save, seen on the page; then the fixing save
                    before = fetch(guide.url)
                    guide.break_yaml()
                    try:
                        wait_until(
                            lambda b=before: fetch(guide.url) not in ("", b), min(timeout, 120)
                        )
                    except Timeout:
                        unseen += 1  # fixed anyway: the editor saw the error elsewhere
                    marker = guide.retitle()
                    _timed(times, failed, "b", lambda m=marker: m in fetch(guide.url), timeout)
                    time.sleep(1.0)
                    # (c) an office's hours, on every sampled page that shows the office
                    closes = f"11:{(41 + run) % 60:02d}"
                    set_office_closing(offices_file, OFFICE, closes)
                    shown = f">{closes}<"
                    _timed(
                        times,
                        failed,
                        "c",
                        lambda s=shown: all(s in fetch(url) for url in office_pages),
                        timeout,
                    )
            except Timeout:
                print(f"{count:>7}  the first build was not served within {timeout * 3:.0f} s")
                print(log.read_text("utf-8", "replace")[-3000:], file=sys.stderr)
                return
            finally:
                memory.stop()
        labels = {
            "a": ("(a) guide edit", 2.0),
            "a-z": ("    ... and on the A–Z page", 0.0),
            "b": ("(b) first good save after an error", 2.0),
            "c": (f"(c) office hours, {len(office_pages)} pages", 10.0),
        }
        for key, (label, target) in labels.items():
            values = times[key]
            median = f"{statistics.median(values):8.2f}" if values else f"{'-':>8}"
            largest = f"{max(values):8.2f}" if values else f"{'-':>8}"
            missed = f"  ({failed[key]} not shown within {timeout:.0f} s)" if failed[key] else ""
            wanted = f"   <= {target:.0f} s" if target else ""
            print(
                f"{count:>7}  {label:<38} {len(values):>4} {median} {largest}{wanted}{missed}",
                flush=True,
            )
        if unseen:
            print(
                f"{count:>7}  (b): {unseen} broken save(s) never changed the served page "
                "within 120 s (no banner in the HTML?); the fix was saved anyway"
            )
        print(
            f"{count:>7}  peak memory of the server's process tree: {memory.peak / 1e6:,.0f} MB"
            f" (ours {memory.peak_own / 1e6:,.0f} MB,"
            f" Pagefind {memory.peak_pagefind / 1e6:,.0f} MB)",
            flush=True,
        )


def _timed(
    times: dict[str, list[float]],
    failed: dict[str, int],
    key: str,
    check: Callable[[], bool],
    timeout: float,
) -> None:
    try:
        times[key].append(wait_until(check, timeout))
    except Timeout:
        failed[key] += 1
        return
    # Each figure as it comes: a long run cut short still leaves what it measured.
    print(f"{'':>7}  ({key}) run {len(times[key])}: {times[key][-1]:.2f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each edit (default 3)")
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds to wait for one change (default 300)"
    )
    parser.add_argument("--no-search", action="store_true", help="serve without Pagefind")
    args = parser.parse_args()
    # SIGTERM ends this script the way Ctrl-C does: through the finally that stops the server.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    print(f"{'guides':>7}  {'what':<38} {'runs':>4} {'median s':>8} {'max s':>8}   target")
    for count in args.counts:
        measure(count, args.repeats, args.timeout, search=not args.no_search)
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")


if __name__ == "__main__":
    main()
