"""How big a 2,000-article HTML report is, and whether it opens without freezing.

    python benchmarks/report_size.py [--files 2000] [--work DIR]

Builds the same cycled corpus as ``benchmarks/run.py`` (real and seeded
articles of ``../shared/corpus``), runs ``lintnews check --format html
--output report.html`` on it once (timed), then opens the report in headless
Chromium (Debian's ``chromium`` through Playwright, as the tests do) and
prints:

- the file size and the size of its embedded JSON;
- time to ``DOMContentLoaded`` and ``load`` as the browser measured them;
- the longest main-thread task during load (Long Tasks API): a page
  "freezes" when this is long;
- scrolling top to bottom in 40 steps: total and worst step (scroll + two frames);
- time to open one article (its highlighted body is built on toggle);
- time to apply a severity filter across every article.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from run import WORK, build_corpus  # noqa: E402

LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({type: 'longtask', buffered: true});
"""


def build_report(corpus: Path, out: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "lintnews",
            "check",
            str(corpus),
            "--format",
            "html",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"lintnews failed ({proc.returncode}): {proc.stderr}")
    return elapsed


def measure(report: Path) -> dict[str, float]:
    from browser import launch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(LONG_TASKS)
        page.goto(report.as_uri(), wait_until="load", timeout=120_000)
        nav = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }"
        )
        page.wait_for_timeout(500)
        longest_load = page.evaluate("window.__longest")

        # scroll top to bottom in 40 steps inside the page; a frame is one step's paint
        frames = page.evaluate(
            """async () => { const out = []; const h = document.body.scrollHeight;
               for (let i = 1; i <= 40; i++) { const t0 = performance.now();
                 window.scrollTo(0, h * i / 40);
                 await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                 out.push(performance.now() - t0); }
               return out; }"""
        )
        opened = page.evaluate(
            """() => { const d = document.querySelectorAll('details.file')[1000]
                          || document.querySelector('details.file');
               const t0 = performance.now(); d.open = true;
               d.dispatchEvent(new Event('toggle'));
               return performance.now() - t0; }"""
        )
        filtered = page.evaluate(
            """() => { const b = document.querySelector('input.f-sev');
               const t0 = performance.now(); b.click(); return performance.now() - t0; }"""
        )
        longest_all = page.evaluate("window.__longest")
        browser.close()
    return {
        "dcl_ms": nav["dcl"],
        "load_ms": nav["load"],
        "longest_task_during_load_ms": longest_load,
        "longest_task_overall_ms": longest_all,
        "scroll_total_ms": sum(frames),
        "scroll_worst_step_ms": max(frames),
        "open_one_article_ms": opened,
        "severity_filter_ms": filtered,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--work", type=Path, default=WORK)
    args = parser.parse_args()

    import run

    run.WORK = args.work
    corpus = build_corpus(args.source, args.files)
    out = args.work / f"report-{args.files}.html"
    build_s = build_report(corpus, out)
    html = out.read_text("utf-8")
    found = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    data_bytes = sum(len(chunk.encode()) for chunk in found)
    articles = html.count('<details class="file"')
    figures = measure(out)
    size = out.stat().st_size
    print(f"corpus: {args.files} files, {articles} with violations listed in the report")
    print(f"lintnews check --format html: {build_s:.1f} s")
    print(f"report size: {size / 1e6:.2f} MB (embedded JSON {data_bytes / 1e6:.2f} MB)")
    print(f"DOMContentLoaded: {figures['dcl_ms']:.0f} ms, load: {figures['load_ms']:.0f} ms")
    print(
        f"longest main-thread task: {figures['longest_task_during_load_ms']:.0f} ms during load, "
        f"{figures['longest_task_overall_ms']:.0f} ms overall"
    )
    print(
        f"scroll top to bottom in 40 steps: {figures['scroll_total_ms']:.0f} ms, "
        f"worst step {figures['scroll_worst_step_ms']:.0f} ms"
    )
    print(f"open one article: {figures['open_one_article_ms']:.1f} ms")
    print(f"severity filter over every article: {figures['severity_filter_ms']:.1f} ms")


if __name__ == "__main__":
    main()
