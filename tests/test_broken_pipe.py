"""A reader that closes standard output early (``lintnews check | head -1``).

Real pipes, real subprocesses: lintnews must stop quietly (no traceback, no
``lintnews: error`` line, no "Exception ignored" from the interpreter's last
flush) and exit 141 (128 + SIGPIPE, what a shell reports for any tool stopped
this way), for every command that writes to standard output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.cli import EXIT_BROKEN_PIPE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SEEDED = ROOT.parent / "shared" / "corpus" / "seeded"


def lintnews_popen(*args: str, cwd: Path = ROOT) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=120), err


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(EXAMPLES), "--no-cache"],
        ["check", str(EXAMPLES), "--no-cache", "--format", "json"],
        ["rules"],
        ["rules", "--format", "markdown"],
        ["explain", "PW001"],
        ["stats", str(EXAMPLES), "--no-cache"],
        ["stats", str(EXAMPLES), "--no-cache", "--format", "csv"],
    ],
    ids=lambda args: " ".join(a for a in args if not a.startswith("/")),
)
def test_reader_gone_before_the_first_write(args: list[str]) -> None:
    # The read end is closed before lintnews has started: its first write (or
    # flush) of standard output fails with EPIPE, whatever the output's size.
    proc = lintnews_popen(*args)
    assert proc.stdout is not None
    proc.stdout.close()
    code, err = finish(proc)
    assert (code, err) == (EXIT_BROKEN_PIPE, "")


@pytest.mark.skipif(not SEEDED.is_dir(), reason="../shared/corpus/seeded is missing")
def test_head_one_on_a_long_report(tmp_path: Path) -> None:
    """``| head -1``: one line read, then the pipe closes mid-report (about 100 KB)."""
    proc = lintnews_popen("check", str(SEEDED), "--cache-dir", str(tmp_path / "cache"))
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    code, err = finish(proc)
    assert first.startswith(str(SEEDED).encode())
    assert (code, err) == (EXIT_BROKEN_PIPE, "")


def test_shell_pipeline_reports_sigpipe_status(tmp_path: Path) -> None:
    """The command from the bug report, through a shell with pipefail."""
    if not SEEDED.is_dir():
        pytest.skip("../shared/corpus/seeded is missing")
    script = (
        "set -o pipefail; "
        f"{sys.executable} -m lintnews check {SEEDED} --cache-dir {tmp_path / 'c'} | head -1"
    )
    proc = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == EXIT_BROKEN_PIPE
    assert len(proc.stdout.splitlines()) == 1
    assert proc.stderr == ""


def test_output_that_fits_is_unchanged() -> None:
    """A reader that reads everything sees the whole report and the usual exit code."""
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "stats", str(EXAMPLES), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert "6 files measured" in proc.stdout
