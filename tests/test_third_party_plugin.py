"""The plugin author's path, end to end: pip-install the example third-party
package from ``examples/plugin-house-style`` into this interpreter's
environment, then drive the real CLI in subprocesses.  Uninstalled at the end.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from clihelp import lintnews

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plugin-house-style"
DIST = "lintnews-house-style"


def _pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def _can_build_without_isolation() -> bool:
    """setuptools is here and can build wheels (built in since 70.1, else via ``wheel``)."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    if importlib.util.find_spec("wheel") is not None:
        return True
    from importlib.metadata import version

    major, minor = (int(x) for x in version("setuptools").split(".")[:2])
    return (major, minor) >= (70, 1)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if _pip("--version").returncode != 0:
        pytest.skip("pip is not available in this environment")
    if _pip("show", DIST).returncode == 0:
        pytest.fail(f"{DIST} is already installed; uninstall it before running this test")
    # Build from a copy so the build leaves no egg-info/build dirs in the repository.
    src = tmp_path_factory.mktemp("plugin") / "plugin-house-style"
    shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("*.egg-info", "build"))
    if _can_build_without_isolation():
        args = ["install", "--no-deps", "--no-build-isolation", str(src)]
    else:  # let pip fetch the build backend into an isolated environment
        args = ["install", "--no-deps", str(src)]
    proc = _pip(*args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    try:
        yield src
    finally:
        proc = _pip("uninstall", "-y", DIST)
        assert proc.returncode == 0, proc.stdout + proc.stderr


ARTICLE = "Minister under fire\n\nThe opposition slammed the plan.\n\nShe acted in order to help.\n"


def test_rules_lists_the_plugin(installed: Path, tmp_path: Path) -> None:
    data = json.loads(lintnews("rules", "--format", "json", cwd=tmp_path).stdout)
    rule = next(r for r in data if r["code"] == "HS001")
    assert rule["name"] == "banned-phrase"
    assert rule["plugin"] == "house-style"
    assert rule["distribution"] == DIST
    text = lintnews("rules", cwd=tmp_path).stdout
    assert re.search(r"^HS001\s+banned-phrase\s+house-style\s+warning", text, re.M)
    explained = lintnews("explain", "banned-phrase", cwd=tmp_path)
    assert explained.returncode == 0 and explained.stdout.startswith("# HS001 banned-phrase")


def test_check_applies_the_plugin(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = lintnews("check", "a.txt", "--select", "HS", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = [(v["line"], v["column"], v["code"], v["message"])
             for v in json.loads(proc.stdout)["violations"]]  # fmt: skip
    assert found == [
        (3, 16, "HS001", "house style bans 'slammed'"),
        (5, 11, "HS001", "house style bans 'in order to'; write 'to'"),
    ]


def test_plugin_options_from_config(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text(
        'select = ["HS"]\n[rules.banned-phrase]\nphrases = ["the plan"]\n', encoding="utf-8"
    )
    proc = lintnews("check", "a.txt", "--format", "json", cwd=tmp_path)
    messages = [v["message"] for v in json.loads(proc.stdout)["violations"]]
    assert messages == ["house style bans 'the plan'"]


def test_the_plugins_own_tests_pass(installed: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=installed,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert " passed" in proc.stdout
