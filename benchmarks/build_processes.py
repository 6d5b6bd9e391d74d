"""Time `guides build` on N synthetic guides and report the memory of every process it runs.

    python benchmarks/build_processes.py 1000                 # workers as the build chooses
    python benchmarks/build_processes.py 10000 --workers 1    # GUIDES_BUILD_WORKERS=1
    python benchmarks/build_processes.py 10000 --no-search
    python benchmarks/build_processes.py 1000 --code /tmp/old # another checkout's generator

The build forks page workers (generator/site/parallel.py), which share the build
process's memory until they write to it. Adding the resident sizes of the processes
counts those shared pages once per process, so this script samples each process's PSS
(`/proc/<pid>/smaps_rollup`: a page shared by k processes counts 1/k in each), every
0.1 s, and prints the peak of the sum for our Python processes and, on its own,
Pagefind's. Also printed: wall time, CPU time of the whole tree, each of our processes'
PSS at our peak, and the load average at the start and the end (a busy machine swells
the wall time; CPU time and memory are the steadier figures).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.build import _pss, processes, write_config  # noqa: E402
from benchmarks.synthetic import make_synthetic_tree  # noqa: E402


def _processes() -> dict[int, tuple[int, str, float]]:
    """Return {pid: (parent pid, name, CPU seconds)} for every process."""
    return {pid: (parent, name, cpu) for pid, (parent, cpu, _, name) in processes().items()}


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> dict[str, object]:
    """Run command; sample its process tree until it ends; return the figures."""
    load_before = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    cpu: dict[int, float] = {}
    ours_peak, pagefind_peak, at_peak = 0, 0, []
    while child.poll() is None:
        table = _processes()
        tree, frontier = [], [child.pid]
        while frontier:
            pid = frontier.pop()
            if pid in table:
                tree.append(pid)
                frontier.extend(p for p, (parent, *_) in table.items() if parent == pid)
        ours, pagefind, each = 0, 0, []
        for pid in tree:
            cpu[pid] = table[pid][2]
            size = _pss(pid)
            if "pagefind" in table[pid][1]:
                pagefind += size
            else:
                ours += size
                each.append(size)
        if ours > ours_peak:
            ours_peak, at_peak = ours, sorted(each, reverse=True)
        pagefind_peak = max(pagefind_peak, pagefind)
        time.sleep(0.1)
    errors = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        print(errors[-3000:], file=sys.stderr)
    return {
        "exit": child.returncode,
        "wall": wall,
        "cpu": max(used, sum(cpu.values())),
        "ours_mb": ours_peak / 1e6,
        "each_mb": [round(size / 1e6) for size in at_peak if size > 20e6],
        "pagefind_mb": pagefind_peak / 1e6,
        "load": (load_before, os.getloadavg()[0]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("guides", type=int, nargs="+")
    parser.add_argument("--workers", type=int, help="GUIDES_BUILD_WORKERS (default: unset)")
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--code", type=Path, help="a checkout whose generator/ to build with")
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("GUIDES_BUILD_WORKERS", None)
    if args.workers is not None:
        env["GUIDES_BUILD_WORKERS"] = str(args.workers)
    if args.code is not None:
        env["PYTHONPATH"] = str(args.code.resolve())
    for n in args.guides:
        with tempfile.TemporaryDirectory(prefix=f"build-processes-{n}-") as folder:
            root = Path(folder)
            make_synthetic_tree(n, root)
            config = write_config(root, search=not args.no_search)
            command = [sys.executable, "-m", "generator", "build", "-f", str(config)]
            figures = measure(command, root, env)
        load = figures["load"]
        assert isinstance(load, tuple)
        print(
            f"{n:>6} guides, search {'off' if args.no_search else 'on'}, "
            f"workers {args.workers or 'auto'}: exit {figures['exit']}  "
            f"wall {figures['wall']:.1f} s  CPU {figures['cpu']:.1f} s  "
            f"ours {figures['ours_mb']:.0f} MB PSS {figures['each_mb']}  "
            f"Pagefind {figures['pagefind_mb']:.0f} MB  "
            f"load {load[0]:.1f} -> {load[1]:.1f}"
        )


if __name__ == "__main__":
    main()
