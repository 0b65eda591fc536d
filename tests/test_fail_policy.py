"""Exit codes and failure policy: ``--fail-on``, config ``fail-on``, ``--exit-zero``.

0 clean (or only violations below the threshold, which are still printed),
1 a violation at or above ``fail-on``, 2 usage/config/input/plugin errors,
whatever the output format.  The ZY test plugin has one rule per severity.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cihelp import CONFIG, lintnews, make_project

WORDS = {"error": "ERRWORD", "warning": "WARNWORD", "info": "INFOWORD"}


def article(*severities: str) -> str:
    body = " and ".join(WORDS[s] for s in severities) or "nothing at all"
    return f"Headline\n\nA paragraph with {body}.\n"


@pytest.mark.parametrize(
    ("found", "fail_on", "expected"),
    [
        ((), "info", 0),
        (("info",), "info", 1),
        (("info",), "warning", 0),
        (("info",), "error", 0),
        (("warning",), "info", 1),
        (("warning",), "warning", 1),
        (("warning",), "error", 0),
        (("error",), "error", 1),
        (("info", "warning"), "error", 0),
        (("info", "error"), "error", 1),
    ],
)
def test_fail_on_threshold(
    tmp_path: Path, found: tuple[str, ...], fail_on: str, expected: int
) -> None:
    make_project(tmp_path, {"a.txt": article(*found)})
    proc = lintnews("check", "--fail-on", fail_on, ".", cwd=tmp_path)
    assert proc.returncode == expected, (proc.stdout, proc.stderr)
    # Below the threshold or not, every violation is printed.
    assert len([line for line in proc.stdout.splitlines() if ": ZY00" in line]) == len(found)


def test_default_threshold_is_warning_and_info_still_prints(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.txt": article("info")})
    proc = lintnews("check", ".", cwd=tmp_path)
    assert proc.returncode == 0
    assert "a.txt:3:18: ZY003 an info word [info-word]" in proc.stdout
    assert "Found 1 violation (1 info) in 1 of 1 file." in proc.stdout


def test_config_fail_on_and_the_flag_wins(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.txt": article("warning")}, config=CONFIG + 'fail-on = "error"\n')
    assert lintnews("check", ".", cwd=tmp_path).returncode == 0
    assert lintnews("check", "--fail-on", "warning", ".", cwd=tmp_path).returncode == 1
    (tmp_path / "lintnews.toml").write_text(CONFIG + 'fail-on = "info"\n')
    (tmp_path / "a.txt").write_text(article("info"))
    assert lintnews("check", ".", cwd=tmp_path).returncode == 1
    assert lintnews("check", "--fail-on", "ERROR", ".", cwd=tmp_path).returncode == 0


def test_severity_overrides_feed_the_threshold(tmp_path: Path) -> None:
    config = CONFIG + '[severity]\nZY003 = "error"\n'
    make_project(tmp_path, {"a.txt": article("info")}, config=config)
    proc = lintnews("check", "--fail-on", "error", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert "(1 error)" in proc.stdout


@pytest.mark.parametrize(
    ("args", "config", "fragment"),
    [
        (("--fail-on", "fatal"), CONFIG, "--fail-on"),
        ((), CONFIG + 'fail-on = "fatal"\n', "fail-on"),
    ],
)
def test_bad_fail_on_is_a_usage_error(
    tmp_path: Path, args: tuple[str, ...], config: str, fragment: str
) -> None:
    make_project(tmp_path, {"a.txt": article("error")}, config=config)
    proc = lintnews("check", *args, ".", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lintnews: error: ")
    assert fragment in lines[0] and "fatal" in lines[0]


def test_exit_zero_keeps_the_report_but_not_errors(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.txt": article("error", "warning")})
    proc = lintnews("check", "--exit-zero", ".", cwd=tmp_path)
    assert proc.returncode == 0
    assert "Found 2 violations (1 error, 1 warning)" in proc.stdout
    # A crashing plugin is an error, not a violation: --exit-zero does not hide it.
    (tmp_path / "b.txt").write_text("Boom\n\nCRASHWORD.\n")
    proc = lintnews("check", "--exit-zero", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "crashed on purpose" in proc.stderr


def test_summary_counts_every_severity(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "a.txt": article("error", "warning", "info"),
            "b.txt": article("warning", "info"),
            "c.txt": article(),
        },
    )
    proc = lintnews("check", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.rstrip().splitlines()[-1] == (
        "Found 5 violations (1 error, 2 warnings, 2 info) in 2 of 3 files."
    )
    quiet = lintnews("check", "--quiet", ".", cwd=tmp_path)
    assert "Found" not in quiet.stdout and quiet.returncode == 1
    data = json.loads(lintnews("check", "--format", "json", ".", cwd=tmp_path).stdout)
    counts = {s: sum(v["severity"] == s for v in data["violations"]) for s in WORDS}
    assert counts == {"error": 1, "warning": 2, "info": 2}


@pytest.mark.parametrize(
    "fmt", ["text", "json", "sarif", "github", "junit", "gitlab", "json-lines"]
)
def test_exit_codes_do_not_depend_on_the_format(tmp_path: Path, fmt: str) -> None:
    make_project(tmp_path, {"a.txt": article("warning", "info")})
    assert lintnews("check", "--format", fmt, ".", cwd=tmp_path).returncode == 1
    proc = lintnews("check", "--format", fmt, "--fail-on", "error", ".", cwd=tmp_path)
    assert proc.returncode == 0
    assert "WARNWORD" in (tmp_path / "a.txt").read_text() and proc.stdout.strip()
