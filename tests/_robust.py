"""Helpers for the robustness tests: run the real CLI in a subprocess, read its JSON.

Every robustness test goes through ``python -m lintnews`` in a fresh process,
because what must hold (no traceback, the right exit code, nothing lost) is
a property of the whole program, not of one function.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: a local plugin with one rule that marks every "zebra" in the body and headline:
#: a precise, predictable position to check columns and "the good file was checked"
MARKER_PLUGIN = """
import re
from lintnews import Diagnostic, Rule, hookimpl

def _zebras(article, options):
    if article.headline is not None:
        for m in re.finditer(r"zebra", article.headline.text):
            yield Diagnostic(article.headline.span, "zebra in headline")
    for p in article.paragraphs:
        for m in re.finditer(r"zebra", p.text):
            yield Diagnostic(p.span_of(m.start(), m.end()), "zebra")

@hookimpl
def lintnews_rules():
    return [Rule("RB001", "zebra-marker", "Marks zebras.", "Marks every zebra.",
                 "a zebra", "a horse", check=_zebras)]
"""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    rusage_maxrss_kb: int = 0

    def json(self) -> dict[str, Any]:
        try:
            return json.loads(self.stdout)
        except json.JSONDecodeError:  # say what the run said instead of a bare decode error
            raise AssertionError(
                f"no JSON on stdout (exit {self.returncode}); stderr: {self.stderr[-2000:]!r}; "
                f"stdout: {self.stdout[:500]!r}"
            ) from None


def cli(
    args: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    stdin: str | None = None,
    prefix: list[str] | None = None,
    check_traceback: bool = True,
) -> Run:
    """Run ``lintnews ARGS`` in ``cwd``; assert there is no traceback (unless told)."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    cmd = [*(prefix or []), sys.executable, "-m", "lintnews", *args]
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
    )
    if check_traceback:
        assert "Traceback" not in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stdout, proc.stdout
    return Run(proc.returncode, proc.stdout, proc.stderr)


def check_json(paths: list[str], cwd: Path, *extra: str, **kw: Any) -> tuple[Run, dict[str, Any]]:
    """``lintnews check --format json PATHS``; returns the run and the parsed report."""
    run = cli(["check", "--format", "json", *extra, *paths], cwd, **kw)
    assert run.returncode in (0, 1, 2), run.stderr
    return run, run.json()


def write_marker_config(root: Path, extra: str = "") -> None:
    """A lintnews.toml that loads the zebra marker plugin and only its rule + LN003."""
    (root / "marker.py").write_text(MARKER_PLUGIN, encoding="utf-8")
    (root / "lintnews.toml").write_text(
        f'plugins = ["marker.py"]\nselect = ["RB001", "LN003"]\n{extra}', encoding="utf-8"
    )


def by_path(report: dict[str, Any]) -> dict[str, list[tuple[int, int, int, int, str]]]:
    out: dict[str, list[tuple[int, int, int, int, str]]] = {}
    for v in report["violations"]:
        out.setdefault(v["path"], []).append(
            (v["line"], v["column"], v["end_line"], v["end_column"], v["code"])
        )
    return out


def errors_by_path(report: dict[str, Any]) -> dict[str, str]:
    return {e["path"]: e["message"] for e in report["errors"]}
