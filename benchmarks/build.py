"""Time `guides build` on N synthetic guides against Hugo + Pagefind and plain mkdocs-material.

    python benchmarks/build.py 1000 10000          # figures
    python benchmarks/build.py 1000 --profile      # and where the time goes (cProfile)
    python benchmarks/build.py 1000 --no-search    # leave the Pagefind step out of ours
    python benchmarks/build.py 1000 --no-plain     # skip plain Material
    python benchmarks/build.py 1000 --no-hugo      # skip Hugo + Pagefind

For each N: make a tree with benchmarks/synthetic.py, build it with `guides build` as a
child process (cold: a fresh project folder, and a fresh, empty XDG_CACHE_HOME and
GUIDES_CACHE_DIR, so no cache of ours can help), then:

- hugo: export the same catalogue to a Hugo project (benchmarks/hugo_site.py, timed
  apart and shown as "export"), build it with Hugo's binary (`--gc`, a fresh cacheDir,
  a fresh output folder: cold), then run Pagefind's binary (the one `guides build` uses)
  over Hugo's whole output; guide pages mark their <main> for Pagefind. "hugo+pf" is
  the two in a row, and "ratio" is ours / (Hugo + Pagefind), the issue-15 target (≤ 1.0);
- plain: the same guides as Markdown pages (kept out of the nav, as ours are) built with
  plain `mkdocs build` and Material.

Reported per run: wall time, CPU time of the whole process tree (worker processes and
Pagefind included), peak resident memory sampled every 50 ms over the process tree
("peak MB": the tree's sum; "own MB": the tree less any Pagefind process, the target
≤ 1 GB; "pf MB": Pagefind's processes alone; the timing harness itself is not counted),
"own PSS" (the peak of the PSS sum of the same processes as "own MB": a page that the
build process shares with the workers it forked counts once, not once per process, so
this is the truer figure, printed beside the resident sum, which counts it twice),
"child MB" (getrusage's largest single process of the tree), and the size of a guide
page (median and largest: target ≤ 40 KB). On a busy machine wall time swells; CPU time
is the steadier figure, and the load average is printed at the end.

Measured 2026-11-26 on the 2-core machine (see docs/benchmarks.md for the full table):

    10,000 guides, no search   wall 30.4 s  CPU 34.0 s  peak 652 MB  page 27 KB (max 34 KB)
    10,000 plain Material      wall 31.6 s  CPU 31.5 s  peak 183 MB  page 12 KB
    10,000 guides, Pagefind    wall 44.6 s  CPU 50.7 s  peak 2.1 GB (Pagefind alone 1.4 GB)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.hugo_site import hugo_binary  # noqa: E402
from benchmarks.synthetic import make_synthetic_tree  # noqa: E402

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def processes() -> dict[int, tuple[int, float, int, str]]:
    """Return {pid: (parent pid, CPU seconds, resident bytes, name)} for every process."""
    table: dict[int, tuple[int, float, int, str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / _TICKS
        table[int(entry)] = (int(fields[1]), cpu, int(fields[21]) * _PAGE, name)
    return table


def _tree_stats(root: int) -> dict[int, tuple[float, int, str]]:
    """Return {pid: (CPU seconds, resident bytes, name)} for a process and its descendants."""
    table = processes()
    found, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in table:
            found[pid] = table[pid][1:]
            frontier.extend(child for child, (parent, *_) in table.items() if parent == pid)
    return found


def _pss(pid: int) -> int:
    """A process's proportional set size in bytes (/proc/PID/smaps_rollup; 0 once gone).

    A page shared by k processes counts 1/k in each, so the PSS of a build process and the
    workers it forked adds up to the memory they really hold; their resident sizes count
    every page they still share once per process."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def _is_pagefind(name: str) -> bool:
    """Pagefind's binaries are called pagefind or pagefind_extended (cut to 15 characters)."""
    return name.startswith("pagefind")


#: Runs a command and reports getrusage of its children: the largest single process of
#: that command's tree (a fresh wrapper per run, so earlier runs do not count).
_WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print('MAXRSS_KB=%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.exit(code)"
)


def run_measured(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Run a command; return wall s, CPU s, peak MB (tree sum, without and with Pagefind
    alone, largest child; and the peak of our processes' PSS sum) and the exit code. The
    wrapper process itself is not counted.

    The output goes to a file, not a pipe: a chatty child never blocks on a full pipe.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu: dict[int, float] = {}
    peak = peak_own = peak_pagefind = peak_own_pss = 0
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        # A session of its own: on Ctrl-C the whole tree (workers, Pagefind) is ended.
        child = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, *command],
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            while child.poll() is None:
                stats = _tree_stats(child.pid)
                for pid, (seconds, _, _) in stats.items():
                    cpu[pid] = seconds
                stats.pop(child.pid, None)
                pagefind = sum(rss for _, rss, name in stats.values() if _is_pagefind(name))
                total = sum(rss for _, rss, _ in stats.values())
                peak = max(peak, total)
                peak_own = max(peak_own, total - pagefind)
                peak_pagefind = max(peak_pagefind, pagefind)
                own_pss = sum(
                    _pss(pid) for pid, (_, _, name) in stats.items() if not _is_pagefind(name)
                )
                peak_own_pss = max(peak_own_pss, own_pss)
                time.sleep(0.05)
        finally:
            if child.poll() is None:  # interrupted: leave nothing running
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        wall = time.perf_counter() - started
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        print(output[-3000:], file=sys.stderr)
    largest = [line for line in output.splitlines() if line.startswith("MAXRSS_KB=")]
    return {
        "wall": wall,
        "cpu": max(used, sum(cpu.values())),
        "peak_mb": peak / 1e6,
        "own_mb": peak_own / 1e6,
        "pf_mb": peak_pagefind / 1e6,
        "own_pss_mb": peak_own_pss / 1e6,
        "child_mb": int(largest[-1].split("=")[1]) / 1024 if largest else 0.0,
        "exit": child.returncode,
    }


def write_config(root: Path, *, search: bool) -> Path:
    """Write an mkdocs.yml for the synthetic tree, using the repository's theme and pages."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    config["docs_dir"] = str(REPO / "pages")
    config["site_dir"] = str(root / "site")
    config["plugins"] = [{"guides": {"guides_dir": "guides", "search": search}}]
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("zh-CN") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def guide_markdown(guide: dict[str, Any]) -> str:
    """Write a guide's content as one Markdown page, the way a plain Material site would."""
    lines = [f"# {_text(guide.get('title'))}", "", _text(guide.get("summary")), ""]
    lines += ["## 谁可以办", "", _text(guide.get("eligibility")), ""]
    materials = guide.get("materials") or []
    if materials:
        lines += [
            "## 需要准备的材料",
            "",
            "| 材料 | 要求 | 形式 | 份数 | 说明 |",
            "| --- | --- | --- | --- | --- |",
        ]
        for m in materials:
            cells = [
                _text(m.get("name")),
                str(m.get("requirement", "")),
                str(m.get("form", "")),
                str(m.get("copies", "")),
                _text(m.get("notes")).replace("\n", " "),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## 办理流程", ""]
    for number, step in enumerate(guide.get("steps") or [], 1):
        lines.append(f"{number}. **{_text(step.get('title'))}** {_text(step.get('description'))}")
    lines += ["", "## 在哪里办", ""]
    for channel in guide.get("channels") or []:
        name = _text(channel.get("name")) or channel.get("type", "")
        url = channel.get("url")
        lines.append(f"- [{name}]({url})" if url else f"- {name}")
    lines += ["", "## 咨询和投诉", ""]
    for contact in guide.get("contacts") or []:
        lines.append(f"- {_text(contact.get('name'))}：{contact.get('phone', '')}")
    lines += ["", "## 常见问题", ""]
    for item in guide.get("faq") or []:
        lines += [f"### {_text(item.get('question'))}", "", _text(item.get("answer")), ""]
    return "\n".join(lines) + "\n"


def write_plain_site(guides: Path, root: Path) -> Path:
    """Write the guides as a plain mkdocs-material project of Markdown pages; return its config."""
    docs = root / "docs"
    (docs / "services").mkdir(parents=True)
    (docs / "index.md").write_text("# 办事指南\n", "utf-8")
    for path in sorted((guides / "services").rglob("*.yaml")):
        data = yaml.load(
            path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        (docs / "services" / f"{data['id']}.md").write_text(guide_markdown(data), "utf-8")
    config = {
        "site_name": "办事指南",
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": [],
        "markdown_extensions": ["tables", "attr_list", {"toc": {"permalink": False}}],
        "nav": [{"首页": "index.md"}],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def page_sizes(site: Path) -> tuple[float, int]:
    """Return the median and largest size in KB of the guide pages of a built site."""
    sizes = [p.stat().st_size for p in (site / "services").glob("*/index.html")]
    return statistics.median(sizes) / 1024, max(sizes) // 1024


def profile_build(config: Path, top: int = 25) -> None:
    """Build in this process under cProfile and print where the time goes."""
    from generator.commands.build import run_build

    profiler = cProfile.Profile()
    profiler.enable()
    code = run_build(config, config.parent / "site-profiled")
    profiler.disable()
    print(f"\nprofile of one build (exit {code}), by cumulative time:")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(top)
    print("by own time:")
    stats.sort_stats("tottime").print_stats(top)


def run_hugo(guides: Path, root: Path, count: int) -> dict[str, dict[str, float]]:
    """Export the guides for Hugo, build them with Hugo, index the output with Pagefind.

    Every step is cold: a fresh project, output folder and Hugo cache folder, `--gc`.
    Returns the figures of each step ("export", "hugo", "pagefind") and of Hugo and
    Pagefind in a row ("hugo+pf": times added, memory the larger of the two).
    """
    from generator.search.index import INDEX_LANGUAGE, find_pagefind_binary

    project, public, cache = root / "hugo", root / "hugo-public", root / "hugo-cache"
    cache.mkdir()
    export = run_measured(
        [sys.executable, str(REPO / "benchmarks" / "hugo_site.py"), str(guides), str(project)],
        REPO,
    )
    figures = {"export": export}
    if export["exit"] != 0:
        return figures
    figures["hugo"] = run_measured(
        [str(hugo_binary()), "--gc", "--quiet", "--cacheDir", str(cache), "-d", str(public)],
        project,
    )
    if figures["hugo"]["exit"] != 0:
        return figures
    built = len(list((public / "services").glob("*/index.html")))
    if built != count:
        print(f"hugo built {built} guide pages of {count}", file=sys.stderr)
    # As generator/search/index.py runs it: the same binary, language and quiet output.
    figures["pagefind"] = run_measured(
        [
            str(find_pagefind_binary()),
            "--site",
            str(public),
            "--output-path",
            str(public / "pagefind"),
            "--force-language",
            INDEX_LANGUAGE,
            "--quiet",
        ],
        root,
    )
    hugo, pagefind = figures["hugo"], figures["pagefind"]
    figures["hugo+pf"] = {
        "wall": hugo["wall"] + pagefind["wall"],
        "cpu": hugo["cpu"] + pagefind["cpu"],
        "peak_mb": max(hugo["peak_mb"], pagefind["peak_mb"]),
        "own_mb": hugo["own_mb"],
        "pf_mb": pagefind["pf_mb"],
        "own_pss_mb": hugo["own_pss_mb"],
        "child_mb": max(hugo["child_mb"], pagefind["child_mb"]),
        "exit": max(hugo["exit"], pagefind["exit"]),
    }
    return figures


def main(
    counts: Iterable[int],
    *,
    search: bool,
    profile: bool,
    plain: bool,
    ours: bool = True,
    hugo: bool = True,
) -> None:
    header = (
        f"{'guides':>7} {'what':>8} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'own MB':>7} "
        f"{'pf MB':>6} {'own PSS':>7} {'child MB':>8} {'page KB':>8} {'max KB':>7} {'exit':>4}"
    )
    print(header)
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="build-bench-") as folder:
            root = Path(folder)
            guides = make_synthetic_tree(count, root)
            config = write_config(root, search=search)
            figures: dict[str, float] = {}
            if ours:
                # No cache anywhere: the project is fresh, and so are the cache home and
                # the validation cache's folder (GUIDES_CACHE_DIR wins over the home).
                empty = root / "empty-cache"
                env = dict(
                    os.environ, XDG_CACHE_HOME=str(empty), GUIDES_CACHE_DIR=str(empty / "guides")
                )
                figures = run_measured(
                    [sys.executable, "-m", "generator", "build", "-f", str(config)], root, env
                )
                median_kb, max_kb = page_sizes(root / "site") if figures["exit"] == 0 else (0, 0)
                _row(count, "guides", figures, median_kb, max_kb)
            if hugo:
                steps = run_hugo(guides, root, count)
                public = root / "hugo-public"
                h_median, h_max = page_sizes(public) if "pagefind" in steps else (0, 0)
                for what, step in steps.items():
                    sized = what in ("hugo", "hugo+pf")
                    _row(count, what, step, h_median if sized else 0, h_max if sized else 0)
                both = steps.get("hugo+pf")
                if figures and both and both["wall"] and both["cpu"]:
                    _ratio(figures, both, "ratio", "ours / (Hugo + Pagefind): target <= 1.0")
                    _ratio(figures, steps["hugo"], "/hugo", "ours / Hugo alone")
            if plain:
                plain_root = root / "plain"
                plain_config = write_plain_site(guides, plain_root)
                theirs = run_measured(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config)],
                    plain_root,
                )
                p_median, p_max = page_sizes(plain_root / "site") if theirs["exit"] == 0 else (0, 0)
                _row(count, "plain", theirs, p_median, p_max)
                if figures and theirs["wall"] and theirs["cpu"]:
                    _ratio(figures, theirs, "/plain", "ours / plain Material")
            if profile:
                profile_build(config)
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")


def _ratio(ours: dict[str, float], theirs: dict[str, float], what: str, note: str) -> None:
    print(
        f"{'':>7} {what:>8} {ours['wall'] / theirs['wall']:>7.2f} "
        f"{ours['cpu'] / theirs['cpu']:>7.2f} "
        f"{ours['peak_mb'] / max(theirs['peak_mb'], 1):>8.2f}   ({note}; wall, CPU, peak)",
        flush=True,
    )


def _row(count: int, what: str, figures: dict[str, float], median_kb: float, max_kb: int) -> None:
    print(
        f"{count:>7} {what:>8} {figures['wall']:>7.1f} {figures['cpu']:>7.1f} "
        f"{figures['peak_mb']:>8.0f} {figures['own_mb']:>7.0f} {figures['pf_mb']:>6.0f} "
        f"{figures.get('own_pss_mb', 0):>7.0f} {figures['child_mb']:>8.0f} "
        f"{median_kb:>8.1f} {max_kb:>7} {figures['exit']:>4.0f}",
        flush=True,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--no-search", action="store_true", help="build ours without Pagefind")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material build")
    parser.add_argument("--only-plain", action="store_true", help="only the plain Material build")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo + Pagefind build")
    parser.add_argument("--profile", action="store_true", help="also profile one build")
    args = parser.parse_args()
    main(
        args.counts,
        search=not args.no_search,
        profile=args.profile,
        plain=not args.no_plain,
        ours=not args.only_plain,
        hugo=not (args.no_hugo or args.only_plain),
    )
