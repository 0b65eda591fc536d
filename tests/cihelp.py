"""Helpers for the CI-integration tests (formats, baseline, fail policy, pre-commit).

A local plugin (prefix ZY) with one rule per severity gives exact, stable
violations; the built-in rules are used only where a test is about them (the
sample article, paywall prompts).  Every run is the real CLI in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "scraped-article.txt"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

PLUGIN = '''
"""ZY: one rule per severity, and one whose message needs escaping everywhere."""
from lintnews.hookspecs import hookimpl
from lintnews.rules import Rule
from lintnews.violations import Diagnostic, Severity


def finder(word, message):
    def check(article, options):
        for p in article.paragraphs:
            start = p.text.find(word)
            while start != -1:
                yield Diagnostic(p.span_of(start, start + len(word)), message)
                start = p.text.find(word, start + 1)
    return check


def rule(code, name, word, severity, message):
    return Rule(code=code, name=name, summary=f"Finds {word}",
                explanation=f"## What it does\\nFlags {word}.", bad_example=word,
                good_example="calm", check=finder(word, message), severity=severity)


RULES = [
    rule("ZY001", "error-word", "ERRWORD", Severity.ERROR, "an error word"),
    rule("ZY002", "warning-word", "WARNWORD", Severity.WARNING, "a warning word"),
    rule("ZY003", "info-word", "INFOWORD", Severity.INFO, "an info word"),
    rule("ZY004", "tricky-word", "TRICKY", Severity.WARNING,
         "100% odd: a, b <c> & 'd' \\"e\\"\\nsecond line\\r\\nthird"),
]


def crash(article, options):
    if "CRASHWORD" in article.source:
        raise RuntimeError("crashed on purpose")
    return ()


RULES.append(Rule(code="ZY009", name="crashing-rule", summary="Crashes on CRASHWORD",
                  explanation="Raises on purpose.", bad_example="CRASHWORD",
                  good_example="calm", check=crash))


@hookimpl
def lintnews_rules():
    return RULES
'''

CONFIG = 'plugins = ["zy_plugin.py"]\nselect = ["ZY"]\n'


def lintnews(*args: str, cwd: Path | str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as CI would."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        input="",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )


def make_project(root: Path, files: dict[str, str], config: str = CONFIG) -> Path:
    """A directory with the ZY plugin, a config listing it and ``files``."""
    (root / "zy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (root / "lintnews.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def json_violations(*args: str, cwd: Path | str | None = None) -> list[dict[str, Any]]:
    """Violations of a run in the ``json`` contract (the reference for positions)."""
    proc = lintnews("check", "--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 1), (proc.returncode, proc.stdout[-2000:], proc.stderr)
    return json.loads(proc.stdout)["violations"]
