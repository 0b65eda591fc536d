"""Regenerate docs/screenshots/report.png and serve.png (headless system Chromium).

    python docs/screenshots/take.py

Builds the HTML report for the sample article and the example articles, and
starts ``lintnews serve --port 0`` with the sample pasted in.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SAMPLE = REPO.parent / "shared" / "samples" / "scraped-article.txt"
PATHS = [os.path.relpath(SAMPLE, REPO), "examples/articles"]
sys.path.insert(0, str(REPO / "tests"))

from browser import launch  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp())
    report = work / "report.html"
    subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--format", "html", "-o", str(report), *PATHS],
        cwd=REPO,
        check=False,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "lintnews", "serve", "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    url = re.search(r"http://\S+/", server.stdout.readline()).group(0)  # type: ignore[union-attr]
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 1500})
            page.goto(report.as_uri())
            page.locator("details.file > summary", has_text="scraped-article").first.click()
            page.locator("details.file pre.src").first.wait_for()
            page.evaluate("scrollTo(0, document.getElementById('readability').offsetTop - 8)")
            page.screenshot(path=str(HERE / "report.png"), full_page=False)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(url)
            page.locator("#article").fill(SAMPLE.read_text("utf-8"))
            page.locator("#check").click()
            page.locator("#result mark.hl").first.wait_for()
            page.screenshot(path=str(HERE / "serve.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
