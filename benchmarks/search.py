"""Search at scale: index 10,000 synthetic guide pages, then measure queries in Chromium.

    .venv/bin/python benchmarks/search.py [--pages 10000] [--keep DIR]

Prints the index time and size, then for the first query on a fresh page and for later
queries: bytes fetched from the server and the time from the keystroke to the first
result shown by our search UI (debounce included, as a citizen experiences it).
Targets (issue 6): index < 15 s for 10,000 guides, first query < 300 KB, results < 300 ms.

The pages are written directly as HTML shaped like a built guide page (the same
data-pagefind-* attributes, the real header search form, search.js and search.css), so
the figure is Pagefind's and the UI's, not the MkDocs build's.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.a11y.browser import start_chrome  # noqa: E402
from generator.search import index_site  # noqa: E402

# Words to build plausible, distinct guide titles and bodies from.
PLACES = ["", "江滨区", "城北区", "临江新区", "西山县", "东湖镇", "高新区"]
SUBJECTS = [
    "个体工商户",
    "农民专业合作社",
    "企业",
    "社会组织",
    "外国人",
    "退役军人",
    "残疾人",
    "高校毕业生",
    "老年人",
    "失业人员",
    "新生儿",
    "港澳台居民",
    "出租汽车",
    "民办学校",
    "医疗机构",
    "食品经营者",
    "建设项目",
    "道路运输企业",
    "律师事务所",
    "养老机构",
]
THINGS = [
    "营业执照",
    "居住证",
    "身份证",
    "社会保障卡",
    "驾驶证",
    "出生医学证明",
    "结婚登记",
    "户口迁移",
    "公积金",
    "医保",
    "养老保险",
    "失业保险金",
    "创业补贴",
    "就业登记",
    "食品经营许可证",
    "卫生许可证",
    "排水许可",
    "施工许可证",
    "教师资格",
    "执业医师注册",
    "护士执业",
    "道路运输证",
    "船舶登记",
    "档案查询",
    "税务登记",
    "发票申领",
    "低保",
    "临时救助",
    "高龄津贴",
    "残疾人证",
    "退役军人优待证",
    "户籍证明",
    "无犯罪记录证明",
]
ACTIONS = ["申领", "变更", "补领", "换领", "注销", "延续", "核发", "登记", "备案", "认定", "查询"]
PHRASES = [
    "申请人可以通过临江政务服务网或临江办事App在线提交申请",
    "材料齐全、符合法定形式的，当场受理",
    "审核通过后发放电子证照，同时可以免费邮寄纸质证件",
    "不方便上网的，可以到市民中心综合窗口由工作人员帮助办理",
    "办理过程中可以拨打12345政务服务便民热线咨询",
    "已经在线核验身份的，无需另行提交身份证明材料",
    "承诺时限内办结，逾期未办结的可以投诉",
    "符合条件的老年人和残疾人可以预约上门服务",
    "同一事项在全省范围内通办，可以就近选择办理地点",
]
DEPARTMENTS = [
    "市公安局",
    "市市场监管局",
    "市人社局",
    "市民政局",
    "市卫健委",
    "市教育局",
    "市交通运输局",
    "市税务局",
    "市发改委",
    "市住建局",
]
AUDIENCES = ["个人", "企业法人", "事业法人", "社会组织"]
TOPICS = [
    "教育",
    "人才服务",
    "就业创业",
    "社会保障",
    "养老服务",
    "企业开办",
    "投资建设",
    "交通出行",
    "户籍居住",
    "医疗卫生",
]
CHANNELS = ["网上办理", "手机办理", "窗口办理", "自助终端", "邮寄办理"]
BADGES = ["零跑动", "最多跑一次", "全程网办", "秒批", "即办件", "电子证照免提交"]

PAGE = """<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title} - 临江市办事指南</title></head>
<body>
<header class="sg-header"><a href="{root}">临江市办事指南</a>
{search_form}
<nav aria-label="主导航"><a href="{root}topics/">主题</a> <a href="{root}a-z/">A–Z</a></nav>
</header>
<main id="sg-main"><article class="sg-guide" data-pagefind-body>
<h1 data-pagefind-weight="10" data-pagefind-meta="title[data-sg-title]"
 data-sg-title="{title}">{title}</h1>
<div data-pagefind-weight="4"><p data-pagefind-meta="summary">{summary}</p></div>
<p data-pagefind-weight="9">也叫 / Also called：{aliases}</p>
<ul data-pagefind-meta="badges:{badges}">{badge_items}</ul>
<dl><dt>办理部门</dt><dd><a href="#" data-pagefind-filter="department"
 data-pagefind-meta="department">{department}</a></dd>
<dt>服务对象</dt><dd><span data-pagefind-filter="audience">{audience}</span></dd>
<dt>主题</dt><dd><a href="#" data-pagefind-filter="topic">{topic}</a></dd></dl>
<h2>需要准备的材料</h2><ul>{materials}</ul>
<h2>办理流程</h2><ol>{steps}</ol>
<h2>在哪里办</h2><h3><span data-pagefind-filter="channel">{channel}</span></h3><p>{body}</p>
</article></main>
<footer>临江市人民政府 主办</footer>
</body></html>
"""


def _render_search_form(depth: int) -> str:
    """Render the real header search partial for a page `depth` folders below the root."""
    import jinja2

    root = "../" * depth
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "theme")), autoescape=True)
    env.filters["url"] = lambda path: root + path
    return env.get_template("partials/search.html").render()


def make_pages(dest: Path, count: int, seed: int = 6) -> list[str]:
    """Write count synthetic guide pages under dest/services/; return their titles."""
    rng = random.Random(seed)
    form = _render_search_form(depth=2)
    titles: list[str] = []
    seen: set[str] = set()
    for number in range(count):
        while True:
            title = (
                rng.choice(PLACES) + rng.choice(SUBJECTS) + rng.choice(THINGS) + rng.choice(ACTIONS)
            )
            if title not in seen:
                break
            title = f"{title}（第{number}号）"
            if title not in seen:
                break
        seen.add(title)
        titles.append(title)
        badges = rng.sample(BADGES, 2)
        page = PAGE.format(
            root="../../",
            search_form=form,
            title=title,
            summary="，".join(rng.sample(PHRASES, 2)) + "。",
            aliases="、".join(rng.sample(THINGS, 2)),
            badges=" · ".join(badges),
            badge_items="".join(f"<li>{b}</li>" for b in badges),
            department=rng.choice(DEPARTMENTS),
            audience=rng.choice(AUDIENCES),
            topic=rng.choice(TOPICS),
            channel=rng.choice(CHANNELS),
            materials="".join(f"<li>{t}</li>" for t in rng.sample(THINGS, 4)),
            steps="".join(f"<li>{p}。</li>" for p in rng.sample(PHRASES, 4)),
            body="。".join(rng.sample(PHRASES, 5)) + "。",
        )
        target = dest / "services" / f"g{number:05d}" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    assets = dest / "assets"
    for part in ("javascripts/search.js", "stylesheets/search.css"):
        (assets / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "theme" / "assets" / part, assets / part)
    return titles


def build_real_site(root: Path, count: int) -> Path:
    """Build count synthetic guides with the real plugin and theme (no index); return the site."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from build import write_config
    from synthetic import make_synthetic_tree

    make_synthetic_tree(count, root)
    config = write_config(root, search=False)
    site = root / "site"
    guides = Path(sys.executable).parent / "guides"
    subprocess.run([str(guides), "build", "-f", str(config), "--site-dir", str(site)], check=True)
    return site


class _CountingHandler(SimpleHTTPRequestHandler):
    """Serve files and count the bytes of every response body, page and workers alike."""

    served: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        """No line per request."""

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.served.append((self.path, len(data)))


@contextmanager
def serve(root: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    served: list[tuple[str, int]] = []
    handler = type("Handler", (_CountingHandler,), {"served": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()


# Timestamps the keystroke (first input event) and the first result shown.
WATCH = """
window.__sg = {};
const field = document.getElementById('sg-search-input');
const list = document.querySelector('[data-sg-search-results]');
field.addEventListener('input', () => { window.__sg.typed ??= performance.now(); }, true);
new MutationObserver(() => {
  if (list.querySelector('li') && window.__sg.typed && !window.__sg.shown) {
    window.__sg.shown = performance.now();
  }
}).observe(list, {childList: true});
"""


def _cdp_bytes(driver: Any) -> tuple[int, list[str]]:
    """Sum encodedDataLength of finished requests in the page's CDP Network log."""
    urls: dict[str, str] = {}
    total = 0
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message.get("method") == "Network.loadingFinished":
            total += int(params.get("encodedDataLength", 0))
    return total, sorted(set(urls.values()))


def _query(driver: Any, text: str) -> float:
    """Type text into the header field and return ms from keystroke to first result."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script(WATCH)
    field = driver.find_element(By.ID, "sg-search-input")
    field.clear()
    field.send_keys(text)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.__sg.shown"))
    shown, typed = driver.execute_script("return [window.__sg.shown, window.__sg.typed]")
    return float(shown - typed)


def measure_queries(site: Path, first: str, later: list[str]) -> dict[str, Any]:
    """Measure the first query on a fresh page and then the later ones on the same page."""
    driver = start_chrome(network_log=True)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        with serve(site) as (base, served):
            first_page = min((site / "services").glob("**/index.html"))
            driver.get(base + first_page.parent.relative_to(site).as_posix() + "/")
            driver.get_log("performance")  # drop the page load's own requests
            served.clear()
            first_ms = _query(driver, first)
            time.sleep(0.3)  # let fragments of results below the fold finish
            first_cdp, first_urls = _cdp_bytes(driver)
            first_served = sum(size for _, size in served)
            driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
            later_figures = []
            for text in later:
                driver.get_log("performance")
                served.clear()
                ms = _query(driver, text)
                time.sleep(0.2)
                cdp, _ = _cdp_bytes(driver)
                later_figures.append((text, ms, cdp, sum(size for _, size in served)))
    finally:
        driver.quit()
    return {
        "first": {
            "query": first,
            "ms": first_ms,
            "cdp_bytes": first_cdp,
            "served_bytes": first_served,
            "urls": first_urls,
        },
        "later": later_figures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the site here and keep it")
    parser.add_argument(
        "--real",
        action="store_true",
        help="build real guide pages (benchmarks/synthetic.py + `guides build`, search off) "
        "instead of writing small HTML pages directly; slower, but pages of true size",
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="reuse the site and index in --keep; copy the current search.js and measure queries",
    )
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="sg-search-bench-"))
    site = work / "site" if args.real else work
    try:
        if args.queries_only and args.keep and (site / "pagefind").is_dir():
            for part in ("javascripts/search.js", "stylesheets/search.css"):
                shutil.copyfile(REPO / "theme" / "assets" / part, site / "assets" / part)
        else:
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            started = time.perf_counter()
            if args.real:
                site = build_real_site(work, args.pages)
                print(f"built {args.pages} guide pages in {time.perf_counter() - started:.1f} s")
            else:
                make_pages(work, args.pages)
                print(f"wrote {args.pages} pages in {time.perf_counter() - started:.1f} s")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            stats = index_site(site)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(
                f"index: {stats.pages} pages in {stats.seconds:.2f} s wall (target < 15 s), "
                f"{cpu:.2f} s CPU in Pagefind, {stats.bytes_written / 1e6:.1f} MB written; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
            )
        result = measure_queries(
            site, "营业执照", ["身份证", "失业保险金", "教师资格", "江滨区 低保", "公积金 变更"]
        )
        first = result["first"]
        print(f"queries measured at load average {os.getloadavg()[0]:.1f}")
        print(
            f"first query {first['query']!r}: {first['ms']:.0f} ms to first result "
            f"(target < 300 ms); {first['cdp_bytes'] / 1024:.0f} KB in the page's CDP log, "
            f"{first['served_bytes'] / 1024:.0f} KB served incl. workers (target < 300 KB)"
        )
        times = []
        for text, ms, cdp, served in result["later"]:
            times.append(ms)
            print(
                f"later query {text!r}: {ms:.0f} ms; {cdp / 1024:.0f} KB CDP, "
                f"{served / 1024:.0f} KB served"
            )
        print(f"later queries: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
