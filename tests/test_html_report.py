"""The ``html`` report: built from the engine, opened in a real headless Chromium.

Browser tests use Debian's chromium through Playwright (see tests/browser.py);
they skip loudly without it, and fail under CI.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser import browser, page  # noqa: F401  (fixtures)
from hypothesis import given
from hypothesis import strategies as st

from lintnews.config import load_config
from lintnews.engine import Engine
from lintnews.reporters.html import HtmlReporter, highlight_tree, script_json

SHARED = Path(__file__).resolve().parents[2] / "shared"  # beside the checkout (and in CI)
SAMPLE = SHARED / "samples" / "scraped-article.txt"
REAL = SHARED / "corpus" / "real"
#: the sample article and the real corpus live in ../shared, beside the checkout (CI has it)
needs_shared = pytest.mark.skipif(
    not (SAMPLE.exists() and REAL.is_dir()), reason="../shared (sample and corpus) is absent"
)

HOSTILE = (
    "Hostile headline <b>bold</b> & friends\n\n"
    "Body text <script>window.__pwned=1</script> continues here.\n\n"
    'An image <img src=x onerror="window.__pwned=2;alert(1)"> and '
    "</script><script>window.__pwned=3</script> and <svg onload=alert(2)>.\n\n"
    "Register now to get free unlimited access to\n"
)


# -- helpers ---------------------------------------------------------------------------------
def source_range(text: str, v: dict[str, Any]) -> str:
    """The source text between a violation's (line, column) and (end_line, end_column)."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(line: int, col: int) -> int:
        return starts[line - 1] + col - 1

    return text[offset(v["line"], v["column"]) : offset(v["end_line"], v["end_column"])]


def json_result(*paths: str, cwd: Path | None = None) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--format", "json", *paths],
        capture_output=True,
        text=True,
        cwd=cwd,
        encoding="utf-8",
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def build_report(tmp_path: Path, *paths: str, config_dir: Path | None = None) -> Path:
    """Run ``lintnews check --format html --output`` for real."""
    out = tmp_path / "report.html"
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--format", "html", "-o", str(out), *paths],
        capture_output=True,
        text=True,
        cwd=config_dir or tmp_path,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout == ""
    return out


def embedded_data(html: str) -> dict[str, Any]:
    """The report's shared JSON, with each article's payload under "files"."""
    m = re.search(r'<script type="application/json" id="lintnews-data">(.*?)</script>', html, re.S)
    assert m is not None
    data = json.loads(m.group(1))
    found = re.findall(r'<script type="application/json" class="file-data">(.*?)</script>', html)
    data["files"] = [json.loads(f) for f in found]
    return data


def open_article(pg: Any, path: str) -> Any:
    """Open the <details> of ``path`` and return its body element."""
    summary = pg.locator("details.file > summary", has_text=path).first
    summary.click()
    details = pg.locator("details.file", has=pg.locator("summary", has_text=path)).first
    body = details.locator(".file-body")
    body.locator("ol.vlist").wait_for()
    return body


def marked_text(body: Any) -> dict[int, str]:
    """Violation index -> concatenated text of its highlighted element(s)."""
    pieces = body.evaluate(
        """b => Array.from(b.querySelectorAll('mark.hl'))
                  .map(m => [Number(m.dataset.v), m.textContent])"""
    )
    out: dict[int, str] = {}
    for index, text in pieces:
        out[index] = out.get(index, "") + text
    return out


def visible_marks(body: Any) -> list[dict[str, str]]:
    return body.evaluate(
        """b => { const seen = new Map();
        for (const m of b.querySelectorAll('mark.hl:not(.off)'))
            seen.set(m.dataset.v, {code: m.dataset.code, sev: m.dataset.sev});
        return Array.from(seen.values()); }"""
    )


# -- without a browser ---------------------------------------------------------------------
@given(
    st.text(alphabet="ab \n😀<&", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_highlight_tree_covers_each_span_exactly(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [(min(a, len(text)), min(max(a, b), len(text))) for a, b in raw]
    tree = highlight_tree(text, spans)

    def flat(nodes: list[Any]) -> str:
        return "".join(n if isinstance(n, str) else flat(n[1:]) for n in nodes)

    pieces: dict[int, str] = {}

    def walk(nodes: list[Any]) -> None:
        for n in nodes:
            if not isinstance(n, str):
                pieces[n[0]] = pieces.get(n[0], "") + flat(n[1:])
                walk(n[1:])

    walk(tree)
    assert flat(tree) == text
    for i, (s, e) in enumerate(spans):
        assert pieces[i] == text[s:e]


def test_script_json_cannot_close_the_script_element() -> None:
    data = {"t": "</script><script>alert(1)</script> & <!--"}
    out = script_json(data)
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == data


@needs_shared
def test_report_is_self_contained_and_embeds_rule_docs(tmp_path: Path) -> None:
    html = build_report(tmp_path, str(SAMPLE)).read_text("utf-8")
    assert "Content-Security-Policy" in html
    # nothing is fetched: no external scripts, styles, images or fonts
    assert not re.search(r"<(link|iframe|img|object|embed)\b", html)
    assert not re.search(r"\bsrc\s*=", html)
    assert "@import" not in html and "url(" not in html
    assert "https://" not in html
    data = embedded_data(html)
    codes = {v[0] for f in data["files"] for v in f["v"]}
    assert codes
    for code in codes:
        assert f'id="rule-{code}"' in html  # each fired rule's documentation, with an anchor


@needs_shared
def test_thresholds_come_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text(
        "[rules.RD002]\nmax-grade = 12.5\n[rules.low-reading-ease]\nmin-reading-ease = 45\n"
    )
    html = build_report(tmp_path, str(SAMPLE), config_dir=tmp_path).read_text("utf-8")
    assert "max-grade 12.5 (RD002)" in html
    assert "min-reading-ease 45 (RD001)" in html


def test_non_utf8_file_is_shown_as_the_engine_decoded_it(tmp_path: Path) -> None:
    text = (
        "Café owners protest\n\nThe café’s owner said “no” to the plan. "
        "Register now to get free unlimited access to\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    config = load_config(tmp_path)
    engine = Engine(config)
    result = engine.lint_paths([str(path)])
    out = io.StringIO()
    HtmlReporter(out, registry=engine.registry, config=config, engine=engine).report(result)
    data = embedded_data(out.getvalue())
    (f,) = data["files"]

    def flat(nodes: list[Any]) -> str:
        return "".join(n if isinstance(n, str) else flat(n[1:]) for n in nodes)

    assert flat(f["b"]) == text
    violations = {v.code for v in result.violations()}
    assert "LN003" in violations or "PW001" in violations


# -- in the browser ----------------------------------------------------------------------------
@needs_shared
def test_highlights_match_the_violations_of_the_sample(page: Any, tmp_path: Path) -> None:  # noqa: F811
    report = build_report(tmp_path, str(SAMPLE))
    expected = [v for v in json_result(str(SAMPLE))["violations"] if v["path"] == str(SAMPLE)]
    assert len(expected) >= 5
    text = SAMPLE.read_text("utf-8")
    page.goto(report.as_uri())
    body = open_article(page, str(SAMPLE))
    marks = marked_text(body)
    assert sorted(marks) == list(range(len(expected)))
    for i, v in enumerate(expected):
        assert marks[i] == source_range(text, v), (v["code"], v["line"], v["column"])
    # each highlight carries the rule's code, name and message on hover
    first = body.locator('mark.hl[data-v="0"]').first
    title = first.get_attribute("title")
    assert expected[0]["code"] in title and expected[0]["message"] in title
    # the list beside the text links to the embedded documentation
    link = body.locator("ol.vlist a.code").first
    code = link.inner_text()
    link.click()
    doc = page.locator(f"details#rule-{code}")
    assert doc.get_attribute("open") is not None
    assert code in doc.inner_text()
    assert page.page_errors == []


@needs_shared
def test_filters_by_severity_and_rule(page: Any, tmp_path: Path) -> None:  # noqa: F811
    report = build_report(tmp_path, str(SAMPLE))
    expected = [v for v in json_result(str(SAMPLE))["violations"] if v["path"] == str(SAMPLE)]
    page.goto(report.as_uri())
    body = open_article(page, str(SAMPLE))
    assert len(visible_marks(body)) == len(expected)

    page.locator("input.f-sev[value=warning]").click()
    shown = visible_marks(body)
    assert len(shown) == sum(v["severity"] != "warning" for v in expected)
    assert all(m["sev"] != "warning" for m in shown)
    assert body.locator("ol.vlist li[data-v]:visible").count() == len(shown)
    page.locator("input.f-sev[value=warning]").click()

    code = expected[0]["code"]
    page.locator("#rules-none").click()
    assert visible_marks(body) == []
    page.locator(f"input.f-rule[value={code}]").click()
    shown = visible_marks(body)
    assert len(shown) == sum(v["code"] == code for v in expected)
    assert {m["code"] for m in shown} == {code}


@needs_shared
def test_histograms_render_with_thresholds(page: Any, tmp_path: Path) -> None:  # noqa: F811
    report = build_report(tmp_path, str(SAMPLE), str(REAL))
    page.goto(report.as_uri())
    for chart in ("#hist-grade", "#hist-ease"):
        bars = page.locator(f"{chart} rect.bar")
        assert bars.count() >= 3
        sizes = [bars.nth(i).bounding_box() for i in range(bars.count())]
        assert all(b is not None and b["width"] > 0 and b["height"] > 0 for b in sizes)
        line = page.locator(f"{chart} line.threshold").bounding_box()
        assert line is not None and line["height"] > 0
    # histogram totals: one bar count per measured article
    titles = page.locator("#hist-grade rect.bar title").all_text_contents()
    total = sum(int(re.search(r": (\d+) article", t).group(1)) for t in titles)
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "lintnews", "check", "--format", "json", str(SAMPLE), str(REAL)],
            capture_output=True,
            text=True,
        ).stdout
    )
    measured = [
        m for m in data["metrics"].values() if "flesch_kincaid_grade" in m.get("readability", {})
    ]
    assert total == len(measured)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_hostile_article_cannot_run_script(page: Any, tmp_path: Path, suffix: str) -> None:  # noqa: F811
    name = f"evil<img src=x onerror=alert(3)>{suffix}" if os.name != "nt" else f"evil{suffix}"
    article = tmp_path / name
    article.write_text(HOSTILE, encoding="utf-8")
    report = build_report(tmp_path, str(article))
    html = report.read_text("utf-8")
    assert "<script>window.__pwned" not in html
    page.goto(report.as_uri())
    page.locator("details.file > summary").first.click()
    body = page.locator("details.file .file-body").first
    body.locator("pre.src").wait_for()
    assert "<script>window.__pwned=1</script>" in body.locator("pre.src").inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.page_errors == []
