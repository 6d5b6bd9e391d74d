"""Time `guides validate` on N synthetic guides and report wall time, CPU time and peak memory.

    python benchmarks/validate.py 1000 10000
    python benchmarks/validate.py 10000 --before /tmp/main-export [--repeat 2]

Each run makes a fresh tree with benchmarks/synthetic.py in a temporary folder, then runs
`python -m generator validate --format json` on it as a child process three times:
**cold** (`--no-cache`: every file read, parsed and checked), **filling** (an empty results
cache, which every file is then written to) and **warm** (the same cache, nothing changed:
every guide answered from it). The cache is a temporary folder (GUIDES_CACHE_DIR), never
the user's. With `--before DIR` (an exported copy of an earlier commit: `git archive main |
tar -x -C DIR`), its cold run and this checkout's alternate on the same tree, `--repeat`
times each, before the filling and warm runs. CPU time and
resident memory are summed over the whole process tree (the command and its worker
processes), sampled from /proc every 50 ms, so the figures hold on a busy machine too:
on an idle 2-core machine wall time is close to CPU time / 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_synthetic_tree

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> tuple[int, float, int] | None:
    """Return (parent pid, CPU seconds, resident bytes) of a process, or None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS, int(fields[21]) * _PAGE


def _descendants(root: int) -> dict[int, tuple[float, int]]:
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            found = _stat(int(entry))
            if found is not None:
                stats[int(entry)] = found
    tree, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in stats:
            tree[pid] = stats[pid][1:]
            frontier.extend(child for child, (parent, *_) in stats.items() if parent == pid)
    return tree


def measure(
    guides: Path, *options: str, cache: Path | None = None, code: Path | None = None
) -> dict[str, float]:
    """Run the validator on `guides`; return wall seconds, CPU seconds, peak MB, exit code.

    `code`: a folder holding another `generator` package to run (an exported copy of an
    earlier commit, for a "before" figure); this checkout's otherwise."""
    command = [sys.executable, "-m", "generator", "validate", "--format", "json", *options]
    command.append(str(guides))
    env = dict(os.environ)
    if cache is not None:
        env["GUIDES_CACHE_DIR"] = str(cache)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    cpu: dict[int, float] = {}
    peak = 0
    while child.poll() is None:
        tree = _descendants(child.pid)
        for pid, (seconds, _) in tree.items():
            cpu[pid] = seconds
        peak = max(peak, sum(rss for _, rss in tree.values()))
        time.sleep(0.05)
    out, err = child.communicate()
    wall = time.perf_counter() - started
    if child.returncode == 2:
        raise SystemExit(err.decode())
    return {
        "wall": wall,
        "cpu": sum(cpu.values()),
        "peak_mb": peak / 1e6,
        "problems": len(out.splitlines()),
        "exit": child.returncode,
    }


def main(counts: list[int], before: Path | None = None, repeat: int = 2) -> None:
    print(
        f"{'guides':>7} {'run':>8} {'make s':>7} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} "
        f"{'problems':>8} {'exit':>4}"
    )
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="guides-bench-") as folder:
            started = time.perf_counter()
            guides = make_synthetic_tree(count, Path(folder))
            made = time.perf_counter() - started
            cache = Path(folder) / "cache"
            runs = []
            if before is not None:
                # the same tree, the code before and this checkout's in turn, so that
                # both meet the same load on a shared machine
                for _ in range(repeat):
                    runs.append(("before", measure(guides, "--no-cache", code=before)))
                    runs.append(("cold", measure(guides, "--no-cache")))
            else:
                runs.append(("cold", measure(guides, "--no-cache")))
            runs += [
                ("filling", measure(guides, cache=cache)),
                ("warm", measure(guides, cache=cache)),
            ]
            for name, figures in runs:
                print(
                    f"{count:>7} {name:>8} {made:>7.1f} {figures['wall']:>7.2f} "
                    f"{figures['cpu']:>7.2f} {figures['peak_mb']:>8.0f} "
                    f"{figures['problems']:>8} {figures['exit']:>4}",
                    flush=True,
                )
            print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument(
        "--before",
        type=Path,
        help="a folder with an earlier `generator` (git archive of a commit): its cold runs "
        "alternate with this checkout's on the same tree",
    )
    parser.add_argument("--repeat", type=int, default=2, help="cold runs of each with --before")
    arguments = parser.parse_args()
    main(arguments.counts, arguments.before, arguments.repeat)
