"""``check --fix``/``--diff``/``--unsafe-fixes`` end to end, and the guarantee.

A local plugin supplies rules whose fixes the tests control: a safe one, an
unsafe one, one whose fix reaches outside its violation (the core must
reject it and name the plugin and rule), and one that never converges.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.article import Span
from lintnews.fixing import apply_fixes, fix_reach_problem, select_fixes
from lintnews.testing import read_article
from lintnews.violations import Edit, Fix, Severity, Violation

PLUGIN = """
from lintnews.hookspecs import hookimpl
from lintnews.rules import FixAvailability, Rule
from lintnews.violations import Diagnostic, Fix


def _find(article, word):
    for p in article.paragraphs:
        i = p.text.find(word)
        while i != -1:
            yield p, i, i + len(word)
            i = p.text.find(word, i + 1)


def banana(article, options):
    for p, s, e in _find(article, " banana"):
        yield Diagnostic(p.span_of(s + 1, e), "banana", Fix.delete(p.span_of(s, e)))


def maybe(article, options):
    for p, s, e in _find(article, " maybe"):
        yield Diagnostic(p.span_of(s + 1, e), "maybe", Fix.delete(p.span_of(s, e), safe=False))


def greedy(article, options):
    for p, s, e in _find(article, "spam"):
        # the violation is the word; the fix deletes the whole paragraph
        yield Diagnostic(p.span_of(s, e), "spam", Fix.delete(p.span))


def grow(article, options):
    for p, s, e in _find(article, "grow!"):
        yield Diagnostic(p.span_of(s, e), "grow", Fix.replace(p.span_of(s, e), "grow!!"))


def _rule(code, name, check, fix, **kw):
    return Rule(code=code, name=name, summary=name, explanation=name, bad_example="x",
                good_example="y", check=check, fix=fix, fix_safety="test" if fix.value != "none"
                else "", **kw)


RULES = [
    _rule("ZZ801", "banana-word", banana, FixAvailability.SAFE),
    _rule("ZZ802", "maybe-word", maybe, FixAvailability.UNSAFE),
    _rule("ZZ803", "spam-word", greedy, FixAvailability.SAFE),
    _rule("ZZ804", "grow-word", grow, FixAvailability.SAFE, enabled_by_default=False),
]


@hookimpl
def lintnews_rules():
    return RULES
"""

ARTICLE = (
    "Fruit news\n\n"
    "We ate a banana today, maybe.\n\n"
    "Then spam arrived with more words an author wrote.\n\n"
    "Nothing else happened.\n"
)


def lintnews(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "fixplugin.py").write_text(PLUGIN)
    (tmp_path / "lintnews.toml").write_text('plugins = ["fixplugin.py"]\nselect = ["ZZ8"]\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    return tmp_path


def by_code(data: dict) -> dict[str, dict]:
    return {v["code"]: v for v in data["violations"]}


def test_fixable_means_applied_under_current_flags(project: Path) -> None:
    data = json.loads(lintnews("--format", "json", "a.txt", cwd=project).stdout)
    found = by_code(data)
    assert found["ZZ801"]["fixable"] is True  # safe
    assert found["ZZ802"]["fixable"] is False  # unsafe, not enabled
    assert found["ZZ803"]["fixable"] is False  # fix rejected by the guard
    data = json.loads(lintnews("--format", "json", "--unsafe-fixes", "a.txt", cwd=project).stdout)
    assert by_code(data)["ZZ802"]["fixable"] is True
    assert "fixed" not in data  # only --fix runs add the key


def test_guard_rejects_fix_reaching_outside_and_names_plugin_and_rule(project: Path) -> None:
    proc = lintnews("a.txt", cwd=project)
    errors = [line for line in proc.stderr.splitlines() if "ZZ803" in line]
    assert len(errors) == 1
    assert errors[0].startswith("lintnews: error: a.txt: plugin 'local:fixplugin.py' rule ZZ803")
    assert "reaches outside its violation" in errors[0] and "fix rejected" in errors[0]
    assert proc.returncode == 2
    proc = lintnews("--fix", "--unsafe-fixes", "a.txt", cwd=project)
    text = (project / "a.txt").read_text()
    assert "Then spam arrived with more words an author wrote." in text  # nothing lost


def test_fix_applies_safe_only_and_reports(project: Path) -> None:
    proc = lintnews("--fix", "--select", "ZZ801,ZZ802", "a.txt", cwd=project)
    assert (project / "a.txt").read_text() == ARTICLE.replace(" banana", "")
    assert "Fixed 1 violation in 1 file. 1 more with --unsafe-fixes.\n" in proc.stdout
    assert "a.txt:3:" in proc.stdout and "ZZ802 maybe" in proc.stdout  # what remains
    assert "[*]" not in proc.stdout
    assert proc.returncode == 1


def test_unsafe_fixes_flag(project: Path) -> None:
    proc = lintnews("--fix", "--unsafe-fixes", "--select", "ZZ801,ZZ802", "a.txt", cwd=project)
    want = ARTICLE.replace(" banana", "").replace(" maybe", "")
    assert (project / "a.txt").read_text() == want
    assert "Fixed 2 violations in 1 file." in proc.stdout
    assert proc.returncode == 0


def test_fix_with_select_fixes_only_those_rules(project: Path) -> None:
    lintnews("--fix", "--unsafe-fixes", "--select", "ZZ802", "a.txt", cwd=project)
    assert (project / "a.txt").read_text() == ARTICLE.replace(" maybe", "")


def test_json_fixed_key(project: Path) -> None:
    proc = lintnews("--fix", "--select", "ZZ801", "--format", "json", "a.txt", cwd=project)
    data = json.loads(proc.stdout)
    assert data["fixed"] == [
        {
            "path": "a.txt",
            "code": "ZZ801",
            "name": "banana-word",
            "line": 3,
            "column": 10,
            "message": "banana",
            "safe": True,
        }
    ]
    assert data["violations"] == []
    assert "Fixed 1 violation in 1 file." in proc.stderr


def test_diff_prints_and_does_not_write(project: Path) -> None:
    path = project / "a.txt"
    before = path.stat().st_mtime_ns
    proc = lintnews("--diff", "--select", "ZZ801", "a.txt", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,6 +1,6 @@\n Fruit news\n \n"
        "-We ate a banana today, maybe.\n+We ate a today, maybe.\n \n"
        " Then spam arrived with more words an author wrote.\n \n"
    )
    assert "Would fix 1 violation in 1 file." in proc.stderr
    assert path.read_text() == ARTICLE and path.stat().st_mtime_ns == before
    clean = lintnews("--diff", "--select", "ZZ802", "a.txt", cwd=project)
    assert clean.returncode == 0 and clean.stdout == ""


def test_not_converging_is_reported_and_bounded(project: Path) -> None:
    (project / "b.txt").write_text("Title\n\nWatch it grow! today.\n")
    proc = lintnews("--fix", "--select", "ZZ804", "b.txt", cwd=project)
    assert "fixes did not converge after 10 passes" in proc.stderr
    assert proc.returncode == 2
    # ten passes, ten guarded edits, each inside its own violation
    assert (project / "b.txt").read_text() == "Title\n\nWatch it grow" + "!" * 11 + " today.\n"


def test_fix_stdin_refused(project: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--fix", "-"],
        cwd=project,
        input="x",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "not on standard input" in proc.stderr


# -- units ---------------------------------------------------------------------------


def _v(span: Span, fix: Fix | None, code: str = "ZZ001") -> Violation:
    return Violation("a", code, "n", Severity.WARNING, "m", "p", 1, 1, 1, 1, span, fix)


def test_select_fixes_skips_overlaps_until_next_pass() -> None:
    a = _v(Span(0, 5), Fix.delete(Span(0, 5)))
    b = _v(Span(3, 8), Fix.delete(Span(3, 8)))
    c = _v(Span(5, 6), Fix.delete(Span(5, 6)))  # touches a: fine
    d = _v(Span(10, 11), Fix.delete(Span(10, 11), safe=False))
    assert select_fixes([b, c, a, d]) == [a, c]
    assert select_fixes([b, c, a, d], unsafe=True) == [a, c, d]
    assert apply_fixes("0123456789ab", [a, c, d]) == "6789b"


def test_guard_allows_adjacent_whitespace_and_markup_only() -> None:
    src = "Title\n\n> **Subscribe** to [our news](http://x.com)\n\nBody text here.\n"
    article = read_article(src, format="markdown")
    p = next(p for p in article.paragraphs if "Subscribe" in p.text)
    span = p.span_of(0, len(p.text))
    whole = Span(src.index("> **"), src.index("Body"))
    assert fix_reach_problem(article, span, Fix.delete(whole)) is None
    into_body = Span(whole.start, whole.end + 4)
    assert "reaches outside" in (fix_reach_problem(article, span, Fix.delete(into_body)) or "")
    into_title = Span(0, whole.end)
    assert fix_reach_problem(article, span, Fix.delete(into_title)) is not None


def test_guard_rejects_split_crlf_and_overlapping_edits() -> None:
    src = "Title\r\n\r\nA b.\r\n\r\nC d.\r\n"
    article = read_article(src)
    span = Span(src.index("A"), src.index("A") + 4)
    assert fix_reach_problem(article, span, Fix.delete(Span(span.start, span.end + 1)))
    assert fix_reach_problem(article, span, Fix.delete(Span(span.start, span.end + 2))) is None
    overlap = Fix((Edit(Span(span.start, span.start + 2)), Edit(Span(span.start + 1, span.end))))
    assert "overlap" in (fix_reach_problem(article, span, overlap) or "")


def test_guard_protects_front_matter_and_directives() -> None:
    src = "---\ntitle: T\n---\n\nSpam here.\n<!-- lintnews: disable TX001 -->\n\nMore.\n"
    article = read_article(src, format="markdown")
    p = next(p for p in article.paragraphs if "Spam" in p.text)
    span = p.span_of(0, len(p.text))
    assert fix_reach_problem(article, span, Fix.delete(Span(span.start - 5, span.end)))
    directive = src.index("<!--")
    assert fix_reach_problem(article, span, Fix.delete(Span(span.start, directive + 4)))
