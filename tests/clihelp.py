"""Shared helpers for the CLI tests: run ``python -m lintnews`` for real, and a
local plugin with rules whose results the tests control (the built-in rules
are written by other people and change, so no test here depends on them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MYPLUGIN = '''
"""A local test plugin: two rules, one opt-in crashing rule, one output format."""
from lintnews.hookspecs import hookimpl
from lintnews.reporters.base import Reporter
from lintnews.rules import FixAvailability, Option, Rule
from lintnews.violations import Diagnostic, Fix, Severity


def _find(article, word):
    for p in article.paragraphs:
        start = p.text.find(word)
        while start != -1:
            yield p, start, start + len(word)
            start = p.text.find(word, start + 1)


def check_word(article, options):
    word = options["word"]
    for p, s, e in _find(article, word):
        span = p.span_of(s, e)
        yield Diagnostic(span, f"found {word!r}", Fix.delete(span))


def check_apple(article, options):
    for p, s, e in _find(article, "apple"):
        yield Diagnostic(p.span_of(s, e), "an apple")


def check_crash(article, options):
    if "crash" in article.source:
        raise RuntimeError("boom on purpose")
    return ()


RULES = [
    Rule(code="ZZ901", name="forbidden-word", summary="A forbidden word",
         explanation="Flags the configured word.", bad_example="banana", good_example="pear",
         check=check_word, severity=Severity.ERROR, fix=FixAvailability.SAFE,
         options={"word": Option("banana", "the word to flag")}),
    Rule(code="ZZ902", name="apple-mention", summary="Mentions an apple",
         explanation="Flags apples.", bad_example="apple", good_example="pear",
         check=check_apple, severity=Severity.INFO),
    Rule(code="ZZ903", name="crashing-rule", summary="Crashes on purpose",
         explanation="Raises when the text says crash.", bad_example="crash",
         good_example="calm", check=check_crash, enabled_by_default=False),
]


@hookimpl
def lintnews_rules():
    return RULES


class CountReporter(Reporter):
    name = "count"
    description = "just the number of violations"

    def report(self, result):
        self.stream.write(f"{len(result.violations())}\\n")


@hookimpl
def lintnews_output_formats():
    return {"count": CountReporter}
'''

CONFIG = 'plugins = ["myplugin.py"]\nselect = ["ZZ901", "ZZ902"]\n'

ARTICLE = "Fruit news\n\nWe ate a banana today.\n\nThen an apple.\n"


def lintnews(
    *args: str, cwd: Path | str | None = None, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as a user would."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
    )


def make_project(root: Path, config: str = CONFIG, article: str = ARTICLE) -> Path:
    """A directory with the local plugin, a config listing it and one article."""
    (root / "myplugin.py").write_text(MYPLUGIN, encoding="utf-8")
    (root / "lintnews.toml").write_text(config, encoding="utf-8")
    (root / "a.txt").write_text(article, encoding="utf-8")
    return root


def assert_one_line_error(proc: subprocess.CompletedProcess[str], fragment: str = "") -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("lintnews: error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert fragment in lines[0], (fragment, lines[0])
