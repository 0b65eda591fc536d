"""``lintnews stats``: the real CLI in subprocesses, on real articles.

Every format is parsed back (``json``, ``csv``, the text table's columns)
and its figures are compared with the ``metrics`` that ``check --format json``
gives for the same files: the command must report, never recompute.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from clihelp import assert_one_line_error, lintnews

from lintnews.stats import BASE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
REAL = SHARED / "corpus" / "real"

NUMERIC = [c for c in BASE_COLUMNS if c not in ("path", "language")]

FRENCH = (
    "Le budget est voté\n\n"
    "Le conseil municipal a approuvé un budget de 412 millions de dollars mardi soir. "
    "Les élus ont débattu pendant des heures avant de voter.\n"
)


def run_json(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    proc = lintnews("stats", *args, "--format", "json", "--no-cache", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def check_metrics(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    proc = lintnews("check", *args, "--format", "json", "--no-cache", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["metrics"]


def as_check_row(path: str, metrics: dict[str, Any]) -> dict[str, Any]:
    """What a stats row must hold for a file whose check metrics are ``metrics``."""
    row = dict.fromkeys(BASE_COLUMNS)
    row.update(path=path, **metrics["readability"])
    return row


@pytest.fixture(scope="module")
def real_paths() -> list[str]:
    if not EXAMPLES.is_dir() or not SAMPLES.is_dir():
        pytest.skip("examples/articles or ../shared/samples is missing")
    return ["examples/articles", str(SAMPLES)]


# -- the figures are check's -----------------------------------------------------------------


def test_json_rows_equal_check_metrics(real_paths: list[str]) -> None:
    data = run_json(*real_paths)
    assert set(data) == {"files", "summary"}
    expected = check_metrics(*real_paths)
    assert [f["path"] for f in data["files"]] == sorted(expected)  # check's paths, in order
    assert len(data["files"]) == 7
    for row in data["files"]:
        assert list(row) == list(BASE_COLUMNS)  # stable keys, stable order
        assert row == as_check_row(row["path"], expected[row["path"]])
    assert "examples/articles/clean-council-budget.txt" in expected
    assert any(p.endswith("samples/scraped-article.txt") for p in expected)


def test_json_summary_is_computed_from_the_rows(real_paths: list[str]) -> None:
    data = run_json(*real_paths)
    summary = data["summary"]
    assert summary["files"] == len(data["files"]) == 7
    assert list(summary["metrics"]) == [
        c for c in NUMERIC if c not in ("non_ascii_letter_share", "english_function_word_share")
    ]
    for column, figures in summary["metrics"].items():
        values = [row[column] for row in data["files"]]
        assert figures == {
            "count": 7,
            "mean": round(statistics.fmean(values), 3),
            "median": round(float(statistics.median(values)), 3),
            "min": min(values),
            "max": max(values),
        }, column


def test_csv_parses_back_to_the_json_rows(real_paths: list[str], tmp_path: Path) -> None:
    data = run_json(*real_paths)
    out = tmp_path / "stats.csv"
    proc = lintnews("stats", *real_paths, "--format", "csv", "-o", str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    raw = out.read_bytes()
    assert b"\r\n" not in raw
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8")))
    assert reader.fieldnames == list(BASE_COLUMNS)
    rows = list(reader)
    assert len(rows) == len(data["files"])
    for got, want in zip(rows, data["files"], strict=True):
        for column in BASE_COLUMNS:
            value = want[column]
            if value is None:
                assert got[column] == ""
            elif isinstance(value, (int, float)):
                assert float(got[column]) == value, column
            else:
                assert got[column] == value
    # stdout gives the same document
    proc = lintnews("stats", *real_paths, "--format", "csv", cwd=ROOT)
    assert proc.stdout == raw.decode("utf-8")


def test_text_table_is_aligned_with_a_summary(real_paths: list[str]) -> None:
    data = run_json(*real_paths)
    proc = lintnews("stats", *real_paths, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    table, legend, summary = proc.stdout.rstrip("\n").split("\n\n")
    lines = table.splitlines()
    header = lines[0].split()
    assert header[:6] == ["path", "words", "sentences", "paragraphs", "ease", "grade"]
    # No file is non-English: those columns are left out of the table.
    assert "non-ascii" not in header
    assert len({len(line) for line in lines}) == 1  # right-aligned to one width
    for line, row in zip(lines[1:], data["files"], strict=True):
        cells = line.split()
        assert cells[0] == row["path"]
        assert int(cells[1]) == row["words"]
        assert int(cells[2]) == row["sentences"]
        assert int(cells[3]) == row["paragraphs"]
        assert float(cells[4]) == row["flesch_reading_ease"]
        assert float(cells[5]) == row["flesch_kincaid_grade"]
    assert legend.startswith("7 files measured;")
    stats_lines = summary.splitlines()
    assert stats_lines[0].split() == ["metric", "count", "mean", "median", "min", "max"]
    by_label = {line.split()[0]: line.split()[1:] for line in stats_lines[1:]}
    words = data["summary"]["metrics"]["words"]
    assert by_label["words"] == [
        "7",
        f"{words['mean']:.2f}",
        f"{words['median']:.2f}",
        str(words["min"]),
        str(words["max"]),
    ]
    ease = data["summary"]["metrics"]["flesch_reading_ease"]
    assert float(by_label["ease"][3]) == ease["min"]


def test_paths_are_reported_as_check_reports_them(tmp_path: Path) -> None:
    articles = tmp_path / "desk"
    shutil.copytree(EXAMPLES, articles / "today")
    data = run_json(".", cwd=articles)
    expected = check_metrics(".", cwd=articles)
    assert [f["path"] for f in data["files"]] == sorted(expected)
    assert all(p.startswith("today/") for p in expected)


# -- body only -------------------------------------------------------------------------------


def test_headline_front_matter_and_boilerplate_are_not_counted(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(
        "A headline of seven words right here\n\n"
        "One two three four five.\n\n"
        "Subscribe now to continue reading\n",
        encoding="utf-8",
    )
    (tmp_path / "front.md").write_text(
        "---\ntitle: Words in the front matter are not body words\nauthor: Ana Ruiz\n---\n"
        "# A Markdown headline\n\nOne two three four five. Six seven.\n",
        encoding="utf-8",
    )
    data = run_json(".", cwd=tmp_path)
    rows = {f["path"]: f for f in data["files"]}
    assert (rows["plain.txt"]["words"], rows["plain.txt"]["sentences"]) == (5, 1)
    assert rows["plain.txt"]["paragraphs"] == 1
    assert (rows["front.md"]["words"], rows["front.md"]["sentences"]) == (7, 2)
    expected = check_metrics(".", cwd=tmp_path)
    for path, row in rows.items():
        assert row == as_check_row(path, expected[path])


def test_non_english_article_has_no_reading_ease(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "clean-council-budget.txt", tmp_path / "en.txt")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    data = run_json(".", cwd=tmp_path)
    fr = next(f for f in data["files"] if f["path"] == "fr.txt")
    assert fr["language"] == "non-en"
    assert fr["flesch_reading_ease"] is None and fr["flesch_kincaid_grade"] is None
    assert fr == as_check_row("fr.txt", check_metrics("fr.txt", cwd=tmp_path)["fr.txt"])
    summary = data["summary"]["metrics"]
    assert summary["flesch_reading_ease"]["count"] == 1  # only the English file
    assert summary["words"]["count"] == 2
    assert summary["non_ascii_letter_share"]["count"] == 1
    csv_out = lintnews("stats", ".", "--format", "csv", cwd=tmp_path).stdout
    fr_csv = next(r for r in csv.DictReader(io.StringIO(csv_out)) if r["path"] == "fr.txt")
    assert fr_csv["flesch_reading_ease"] == ""
    text = lintnews("stats", ".", cwd=tmp_path).stdout
    fr_line = next(line for line in text.splitlines() if line.startswith("fr.txt"))
    assert fr_line.split()[4:6] == ["-", "-"]
    assert "non-ascii" in text.splitlines()[0]


# -- discovery, config, jobs, cache, stdin ----------------------------------------------------


def test_config_excludes_and_encodings_apply(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "clean-council-budget.txt", tmp_path / "a.txt")
    (tmp_path / "drafts").mkdir()
    shutil.copy(EXAMPLES / "clean-council-budget.txt", tmp_path / "drafts" / "b.txt")
    (tmp_path / "latin.txt").write_bytes(
        "Café news\n\nThe café on Main Street opened on Monday.\n".encode("latin-1")
    )
    (tmp_path / "lintnews.toml").write_text(
        'extend-exclude = ["drafts/**"]\n[encoding]\n"latin.txt" = "latin-1"\n',
        encoding="utf-8",
    )
    data = run_json(".", cwd=tmp_path)
    assert [f["path"] for f in data["files"]] == ["a.txt", "latin.txt"]
    assert data["files"][1]["words"] == 8
    assert data["files"] == [
        as_check_row(p, m) for p, m in sorted(check_metrics(".", cwd=tmp_path).items())
    ]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is missing")
def test_workers_and_cache_give_the_same_rows(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(REAL, corpus)
    assert len(list(corpus.iterdir())) >= 24  # enough for the process pool to start
    one = lintnews("stats", ".", "--format", "json", "--no-cache", "--jobs", "1", cwd=corpus)
    two = lintnews("stats", ".", "--format", "json", "--no-cache", "--jobs", "2", cwd=corpus)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    cold = lintnews("stats", ".", "--format", "json", *cache, cwd=corpus)
    warm = lintnews("stats", ".", "--format", "json", *cache, cwd=corpus)
    assert {p.returncode for p in (one, two, cold, warm)} == {0}
    assert one.stdout == two.stdout == cold.stdout == warm.stdout
    assert (tmp_path / "cache").is_dir()
    data = json.loads(one.stdout)
    expected = check_metrics(".", "--jobs", "2", cwd=corpus)
    assert data["files"] == [as_check_row(p, m) for p, m in sorted(expected.items())]


def test_standard_input(tmp_path: Path) -> None:
    text = (EXAMPLES / "clean-harbour-festival.md").read_text(encoding="utf-8")
    proc = lintnews("stats", "-", "--stdin-filename", "story.md", "--format", "json", stdin=text)
    assert proc.returncode == 0, proc.stderr
    [row] = json.loads(proc.stdout)["files"]
    expected = check_metrics(str(EXAMPLES / "clean-harbour-festival.md"))
    assert row == as_check_row("story.md", next(iter(expected.values())))


def test_check_does_not_import_stats() -> None:
    proc = subprocess.run(
        [
            *(sys.executable, "-X", "importtime", "-m", "lintnews", "check", "--no-cache"),
            str(EXAMPLES / "clean-council-budget.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "lintnews.engine" in proc.stderr  # the import log is there
    assert "lintnews.stats" not in proc.stderr


# -- bad input --------------------------------------------------------------------------------


def test_unreadable_files_are_reported_and_the_rest_measured(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "clean-council-budget.txt", tmp_path / "a.txt")
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 news\n\nThe caf\xe9 opened.\n")
    (tmp_path / "broken.md").write_text(
        "---\ntitle: [broken\n---\nThe body is still measured. It has two sentences.\n",
        encoding="utf-8",
    )
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "lintnews.toml").write_text('[encoding]\n"bad.txt" = "ascii"\n', encoding="utf-8")
    for fmt in ("text", "json", "csv"):
        proc = lintnews("stats", ".", "--format", fmt, "--no-cache", cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        problems = proc.stderr.splitlines()
        assert len(problems) == 3, proc.stderr
        assert problems[0].startswith("lintnews: skipped image.txt: binary file")
        assert problems[1].startswith("lintnews: error: bad.txt: not valid ascii")
        assert problems[2].startswith("lintnews: error: broken.md: front matter")
        if fmt == "json":
            paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
        elif fmt == "csv":
            paths = [r["path"] for r in csv.DictReader(io.StringIO(proc.stdout))]
        else:
            paths = [line.split()[0] for line in proc.stdout.split("\n\n")[0].splitlines()[1:]]
        assert paths == ["a.txt", "broken.md"]  # the body after broken front matter counts


def test_a_skipped_file_alone_is_not_an_error(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "clean-council-budget.txt", tmp_path / "a.txt")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02")
    proc = lintnews("stats", ".", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr.startswith("lintnews: skipped image.txt: ")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["missing.txt"], "missing.txt: no such file or directory"),
        (["--format", "xml", "."], "unknown format 'xml' for stats"),
        (["--config", "nope.toml", "."], "config file 'nope.toml' does not exist"),
        (["--stdin-filename", "x.md", "."], "--stdin-filename needs '-'"),
        (["-o", "no/such/dir/out.csv", "a.txt"], "cannot write 'no/such/dir/out.csv'"),
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    shutil.copy(EXAMPLES / "clean-council-budget.txt", tmp_path / "a.txt")
    proc = lintnews("stats", *args, cwd=tmp_path)
    assert_one_line_error(proc, fragment)
    assert proc.stdout == ""


def test_config_errors_are_one_line(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "clean-council-budget.txt", tmp_path / "a.txt")
    (tmp_path / "lintnews.toml").write_text('select = ["XX1"]\n', encoding="utf-8")
    proc = lintnews("stats", ".", cwd=tmp_path)
    assert_one_line_error(proc, "lintnews.toml: key 'select'")
    (tmp_path / "lintnews.toml").write_text("select = [\n", encoding="utf-8")
    assert_one_line_error(lintnews("stats", ".", cwd=tmp_path), "lintnews.toml")


def test_no_files(tmp_path: Path) -> None:
    data = run_json(".", cwd=tmp_path)
    assert data == {"files": [], "summary": {"files": 0, "metrics": {}}}
    proc = lintnews("stats", ".", "--format", "csv", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == ",".join(BASE_COLUMNS) + "\n"
    assert lintnews("stats", ".", cwd=tmp_path).stdout == "No files measured.\n"
