"""``--baseline`` / ``--write-baseline``: adopting lintnews on a legacy archive.

The acceptance scenario uses the built-in paywall rule on a real article:
record the archive, make an unrelated edit that moves every line, and only
a newly added prompt fails the run.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from cihelp import json_violations, lintnews, make_project

HEADLINE = "Riverton council approves budget with more money for bus routes"
PARAGRAPHS = [
    "RIVERTON — The city council approved a $412 million budget on Tuesday night after a "
    "four-hour meeting, adding two bus routes to the east side and delaying repairs to the "
    "old library roof by a year.",
    "The vote was 7-2. Councillor Maria Okafor, who chairs the finance committee, said the "
    "transport money answered complaints that had filled the council's inbox since spring.",
    "Subscribe now to continue reading this article.",
    "“People told us they were waiting forty minutes for a bus to get to work,” Okafor said. "
    "“We heard them, and this budget is the answer.”",
    "Already a subscriber? Log in to keep reading.",
    "The new routes will start in March. The library repairs are now scheduled for the spring "
    "of next year, the city's facilities office said.",
]
NEW_PROMPT = "Subscribe today to unlock unlimited access to every story."
CLEAN_PARAGRAPH = (
    "Bus riders on the east side had asked for the new routes at three public meetings this year."
)


def article(paragraphs: list[str]) -> str:
    return "\n\n".join([HEADLINE, *paragraphs]) + "\n"


def check(*args: str, cwd: Path) -> tuple[int, list[dict[str, object]], str]:
    proc = lintnews("check", "--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 1), (proc.returncode, proc.stdout, proc.stderr)
    return proc.returncode, json.loads(proc.stdout)["violations"], proc.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "budget.txt").write_text(article(PARAGRAPHS), encoding="utf-8")
    return tmp_path


def test_write_then_unrelated_edit_then_new_prompt(archive: Path) -> None:
    code, before, _ = check("archive", cwd=archive)
    assert code == 1 and [v["code"] for v in before] == ["PW001", "PW001"]

    proc = lintnews("check", "--baseline", "lintnews-baseline.json", "--write-baseline", "archive",
                    cwd=archive)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert "recorded 2 violations in 1 file" in proc.stderr

    # An unrelated edit: a clean paragraph at the top moves every line down by 2.
    target = archive / "archive" / "budget.txt"
    target.write_text(article([CLEAN_PARAGRAPH, *PARAGRAPHS]), encoding="utf-8")
    code, moved, _ = check("archive", cwd=archive)
    assert code == 1 and [v["line"] for v in moved] == [v["line"] + 2 for v in before]
    code, shown, stderr = check("--baseline", "lintnews-baseline.json", "archive", cwd=archive)
    assert (code, shown) == (0, [])
    assert "2 violations recorded in lintnews-baseline.json not shown" in stderr

    # A new paywall prompt: exit 1, and it is the only violation reported.
    paragraphs = [CLEAN_PARAGRAPH, *PARAGRAPHS]
    paragraphs.insert(3, NEW_PROMPT)
    target.write_text(article(paragraphs), encoding="utf-8")
    code, shown, _ = check("--baseline", "lintnews-baseline.json", "archive", cwd=archive)
    assert code == 1
    assert [(v["code"], v["line"]) for v in shown] == [("PW001", 9)]
    assert target.read_text(encoding="utf-8").split("\n")[8] == NEW_PROMPT

    # The text format says the same, and exits the same.
    proc = lintnews("check", "--baseline", "lintnews-baseline.json", "archive", cwd=archive)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("archive/budget.txt:9:1: PW001")
    assert "Found 1 violation" in proc.stdout


def test_counts_two_identical_violations_need_two_entries(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.txt": "Title\n\nWARNWORD one.\n\nWARNWORD one.\n"})
    proc = lintnews("check", "--baseline", "b.json", "--write-baseline", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    entries = json.loads((tmp_path / "b.json").read_text())["files"]["a.txt"]
    # Short spans are identified together with their line, and both lines read the same.
    assert [(e["code"], e["count"]) for e in entries] == [("ZY002", 2)]
    (tmp_path / "a.txt").write_text("Title\n\nWARNWORD one.\n\nWARNWORD one.\n\nWARNWORD one.\n")
    code, shown, _ = check("--baseline", "b.json", ".", cwd=tmp_path)
    assert code == 1 and len(shown) == 1
    # Removing findings never fails the run.
    (tmp_path / "a.txt").write_text("Title\n\nWARNWORD one.\n")
    assert check("--baseline", "b.json", ".", cwd=tmp_path)[:2] == (0, [])


def test_the_baseline_file_is_sorted_stable_and_versioned(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "z.txt": "Zed\n\nERRWORD and INFOWORD here.\n",
            "a/b.md": "# Bee\n\nA WARNWORD in markdown.\n",
            "clean.txt": "Calm\n\nNothing here.\n",
        },
    )
    args = ("check", "--baseline", "base.json", "--write-baseline", ".")
    assert lintnews(*args, cwd=tmp_path).returncode == 0
    first = (tmp_path / "base.json").read_text(encoding="utf-8")
    assert lintnews(*args, cwd=tmp_path).returncode == 0
    assert (tmp_path / "base.json").read_text(encoding="utf-8") == first, "byte-for-byte stable"
    doc = json.loads(first)
    assert doc["version"] == 1
    assert list(doc["files"]) == ["a/b.md", "z.txt"], "sorted, clean files left out"
    z = doc["files"]["z.txt"]
    assert [e["code"] for e in z] == ["ZY001", "ZY003"]
    assert all(set(e) == {"code", "name", "hash", "count", "text"} for e in z)
    assert first.endswith("}\n") and "\n  " in first, "indented: one key per line"


def test_paths_are_relative_to_the_baseline_file(tmp_path: Path) -> None:
    make_project(tmp_path, {"desk/a.txt": "Title\n\nA WARNWORD here.\n"})
    (tmp_path / "desk" / "zy_plugin.py").write_text((tmp_path / "zy_plugin.py").read_text())
    (tmp_path / "desk" / "lintnews.toml").write_text((tmp_path / "lintnews.toml").read_text())
    # Written from the parent directory ...
    proc = lintnews(
        "check", "--baseline", "desk/base.json", "--write-baseline", "desk", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert list(json.loads((tmp_path / "desk" / "base.json").read_text())["files"]) == ["a.txt"]
    # ... used from inside it, with another spelling of the same file.
    assert check("--baseline", "base.json", "./a.txt", cwd=tmp_path / "desk")[:2] == (0, [])


def test_writing_for_some_files_keeps_the_others(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.txt": "A\n\nWARNWORD.\n", "b.txt": "B\n\nERRWORD.\n"})
    assert (
        lintnews("check", "--baseline", "x.json", "--write-baseline", ".", cwd=tmp_path).returncode
        == 0
    )
    (tmp_path / "a.txt").write_text("A\n\nWARNWORD.\n\nINFOWORD too.\n")
    proc = lintnews("check", "--baseline", "x.json", "--write-baseline", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0
    files = json.loads((tmp_path / "x.json").read_text())["files"]
    assert [e["code"] for e in files["a.txt"]] == ["ZY002", "ZY003"]
    assert [e["code"] for e in files["b.txt"]] == ["ZY001"]
    assert check("--baseline", "x.json", ".", cwd=tmp_path)[:2] == (0, [])


@pytest.mark.parametrize(
    ("args", "content", "fragment"),
    [
        (("--write-baseline",), None, "--write-baseline needs --baseline FILE"),
        (("--baseline", "missing.json"), None, "does not exist"),
        (("--baseline", "bad.json"), "{not json", "is not valid JSON (line 1"),
        (("--baseline", "bad.json"), '{"version": 99, "files": {}}', "has version 99"),
        (("--baseline", "bad.json"), '{"version": 1, "files": {"a.txt": [{}]}}', "malformed"),
    ],
)
def test_baseline_usage_errors(
    tmp_path: Path, args: tuple[str, ...], content: str | None, fragment: str
) -> None:
    make_project(tmp_path, {"a.txt": "A\n\nWARNWORD.\n"})
    if content is not None:
        (tmp_path / "bad.json").write_text(content)
    proc = lintnews("check", *args, ".", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lintnews: error: ")
    assert fragment in lines[0]
    assert proc.stdout == ""


def test_baseline_with_other_formats_and_fail_policy(archive: Path) -> None:
    assert (
        lintnews("check", "--baseline", "b.json", "--write-baseline", ".", cwd=archive).returncode
        == 0
    )
    target = archive / "archive" / "budget.txt"
    target.write_text(article([*PARAGRAPHS, NEW_PROMPT]), encoding="utf-8")
    proc = lintnews("check", "--baseline", "b.json", "--format", "github", ".", cwd=archive)
    assert proc.returncode == 1
    assert proc.stdout.count("::warning ") == 1
    proc = lintnews("check", "--baseline", "b.json", "--fail-on", "error", ".", cwd=archive)
    assert proc.returncode == 0 and "PW001" in proc.stdout


def test_archive_scale(tmp_path: Path) -> None:
    """A few hundred articles: writing and applying a baseline stays cheap."""
    files = {
        f"archive/{year}/story-{i:03d}.txt": (
            f"Story {i}\n\nA WARNWORD in story {i}.\n\nAn INFOWORD and a second WARNWORD.\n"
        )
        for year in (2019, 2020)
        for i in range(150)
    }
    make_project(tmp_path, files)
    started = time.perf_counter()
    code, plain, _ = check(".", cwd=tmp_path)
    plain_seconds = time.perf_counter() - started
    assert code == 1 and len(plain) == 900
    proc = lintnews("check", "--baseline", "b.json", "--write-baseline", ".", cwd=tmp_path)
    assert proc.returncode == 0 and "recorded 900 violations in 300 files" in proc.stderr
    started = time.perf_counter()
    assert check("--baseline", "b.json", ".", cwd=tmp_path)[:2] == (0, [])
    with_baseline = time.perf_counter() - started
    # Matching is a hash lookup per finding: it must not dominate the run.
    assert with_baseline < plain_seconds * 2 + 2, (plain_seconds, with_baseline)
    assert json_violations(".", cwd=tmp_path) == plain
