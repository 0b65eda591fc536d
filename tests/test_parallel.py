"""Parallel checking: same output whatever the jobs or the cache, and Ctrl-C stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lintnews import parallel
from lintnews.config import load_config
from lintnews.engine import Engine
from lintnews.errors import WorkerError

BODY = [
    "The council approved the new harbour budget on Tuesday after a long debate.",
    "Subscribe now to keep reading this story and get unlimited access.",
    '"We have waited years for this," said Mayor Ana Ruiz, who chairs the board.',
    "Officials said the ferry will run every hour from June, weather permitting.",
    "The plan adds 40 jobs, according to the port authority's annual report.",
]


def _corpus(root: Path, n: int = 30) -> Path:
    """``n`` articles: varied bodies, some shared headlines (run-level HL006)."""
    docs = root / "docs"
    docs.mkdir()
    for i in range(n):
        headline = f"Harbour story number {i % 7}" if i % 3 else f"Unique headline {i}"
        paragraphs = [BODY[(i + k) % len(BODY)] for k in range(3 + i % 3)]
        if i % 4 == 0:
            paragraphs.append(paragraphs[0])  # duplicate paragraph (TX003)
        ext = ".md" if i % 5 == 0 else ".txt"
        text = "\n\n".join([headline, *paragraphs]) + "\n"
        if ext == ".md":
            text = f"---\ntitle: {headline}\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        (docs / f"a{i:03d}{ext}").write_text(text, encoding="utf-8")
    return docs


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LINTNEWS_CACHE_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_output_is_identical_with_any_jobs_and_cache(tmp_path: Path) -> None:
    _corpus(tmp_path, n=max(30, parallel.PARALLEL_THRESHOLD + 6))
    json_out = ("check", "docs", "--format", "json")
    runs = {
        "jobs1": _cli(*json_out, "--jobs", "1", "--no-cache", cwd=tmp_path),
        "jobs2": _cli(*json_out, "--jobs", "2", "--no-cache", cwd=tmp_path),
        "fill": _cli(*json_out, "--jobs", "2", cwd=tmp_path),
        "cached": _cli(*json_out, "--jobs", "2", cwd=tmp_path),
        "cached1": _cli(*json_out, "--jobs", "1", cwd=tmp_path),
    }
    for name, proc in runs.items():
        assert proc.returncode == 1, (name, proc.stderr)
    reference = runs["jobs1"].stdout
    data = json.loads(reference)
    codes = {v["code"] for v in data["violations"]}
    assert {"HL006", "TX003", "PW001"} <= codes or {"HL006", "TX003"} <= codes, codes
    assert data["files_checked"] == len(list((tmp_path / "docs").iterdir()))
    for name, proc in runs.items():
        assert proc.stdout == reference, name
    assert (tmp_path / ".lintnews_cache").is_dir()


def test_engine_results_do_not_depend_on_scheduling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _corpus(tmp_path, n=12)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2)  # force a real pool on 12 files
    monkeypatch.setattr(parallel, "MAX_CHUNK", 1)  # one file per task: maximal reordering
    engine = Engine(load_config(tmp_path))
    serial = engine.lint_paths([str(docs)], jobs=1)
    pooled = engine.lint_paths([str(docs)], jobs=3)
    assert [f.path for f in pooled.files] == sorted(f.path for f in pooled.files)
    assert [v.to_dict() for v in pooled.violations()] == [v.to_dict() for v in serial.violations()]
    assert pooled.metrics() == serial.metrics()
    assert pooled.files_checked == serial.files_checked == 12


def test_worker_results_are_small_and_carry_no_article(tmp_path: Path) -> None:
    docs = _corpus(tmp_path, n=3)
    engine = Engine(load_config(tmp_path))
    result, digest = parallel.check_one(engine, str(docs / "a001.txt"))
    assert digest is not None and len(digest) == 16
    import pickle

    blob = pickle.dumps(result)
    source = (docs / "a001.txt").read_bytes()
    assert source not in blob  # the text itself does not travel back
    assert len(blob) < 20_000


def test_digests_are_made_only_when_asked(tmp_path: Path) -> None:
    """A run without a cache hashes no file; the results do not depend on it."""
    docs = _corpus(tmp_path, n=parallel.PARALLEL_THRESHOLD + 2)
    engine = Engine(load_config(tmp_path))
    paths = sorted(map(str, docs.iterdir()))
    for jobs in (1, 2):
        hashed = list(parallel.iter_results(engine, paths, jobs=jobs))
        plain = list(parallel.iter_results(engine, paths, jobs=jobs, digests=False))
        assert all(digest is not None and len(digest) == 16 for _, digest, _, _ in hashed)
        assert all(digest is None for _, digest, _, _ in plain)
        by_path = {r.path: r for r, *_ in hashed}
        assert sorted(by_path) == paths
        for result, *_ in plain:
            assert result.violations == by_path[result.path].violations
    result, digest = parallel.check_one(engine, paths[0], digest=False)
    assert digest is None and result.checked


def test_workers_keep_only_the_prepared_report_when_asked(tmp_path: Path) -> None:
    """A spooled JSON run whose reporter reads only what it prepared: the workers
    send no pickle for those files, and the report is the in-memory run's."""
    import io

    from lintnews.reporters.json import JsonReporter, prepare_file

    docs = _corpus(tmp_path, n=parallel.PARALLEL_THRESHOLD + 6)
    (docs / "a002.txt").write_text(  # a directive: this file is read back whole
        "Harbour story number 2\n\n<!-- lintnews: disable TX003 -->\n\n"
        + "\n\n".join(BODY[:2] + BODY[:1])
        + "\n",
        encoding="utf-8",
    )
    engine = Engine(load_config(tmp_path))
    reports = []
    for kwargs in (
        {"jobs": 1, "spool": False},
        {"jobs": 2, "spool": True, "prepare": prepare_file},
        {"jobs": 2, "spool": True, "prepare": prepare_file, "whole": False},
        {"jobs": 1, "spool": True, "prepare": prepare_file, "whole": False},
    ):
        result = engine.lint_paths([str(docs)], **kwargs)  # type: ignore[arg-type]
        out = io.StringIO()
        JsonReporter(out).report(result)
        reports.append(out.getvalue())
        if kwargs.get("whole") is False:
            files: Any = result.files
            kept = [i for i, _, prepared, _ in files.prepared() if prepared is None]
            assert len(kept) == 1 and files[kept[0]].path.endswith("a002.txt")
            with pytest.raises(LookupError):
                files[0 if kept[0] else 1]
    assert '"HL006"' in reports[0] and '"TX003"' in reports[0]
    assert reports[1:] == [reports[0]] * 3


def test_workers_are_joined_after_the_last_result_without_waiting(tmp_path: Path) -> None:
    """Once every result is in, a thread joins the pool while the caller goes on
    (the run-level rules, the report); the workers are then gone, and a run cut
    short still stops them at once."""
    import multiprocessing
    import threading

    docs = _corpus(tmp_path, n=parallel.PARALLEL_THRESHOLD + 2)
    engine = Engine(load_config(tmp_path))
    paths = sorted(map(str, docs.iterdir()))
    assert len(list(parallel.iter_results(engine, paths, jobs=2))) == len(paths)
    joiners = [t for t in threading.enumerate() if t.name == "lintnews-pool-join"]
    assert all(not t.daemon for t in joiners)  # the interpreter waits for them at exit
    for t in joiners:
        t.join(timeout=30)
    assert not multiprocessing.active_children()
    run = parallel.iter_results(engine, paths, jobs=2)
    next(run)
    run.close()  # a consumer that stops early: terminated and joined before close returns
    assert not multiprocessing.active_children()


def test_small_runs_stay_in_process(tmp_path: Path) -> None:
    docs = _corpus(tmp_path, n=3)
    engine = Engine(load_config(tmp_path))
    before = set(_children(os.getpid()))
    results = list(parallel.iter_results(engine, sorted(map(str, docs.iterdir())), jobs=4))
    assert len(results) == 3
    assert set(_children(os.getpid())) == before


def test_chunks_cover_every_path_in_order_and_shrink_towards_the_end() -> None:
    for n, jobs in [(1, 2), (7, 2), (30, 3), (2000, 2), (5000, 8)]:
        paths = [f"p{i:05d}" for i in range(n)]
        chunks = parallel._chunks(paths, jobs)
        assert [p for chunk in chunks for p in chunk] == paths
        sizes = [len(c) for c in chunks]
        assert all(1 <= s <= parallel.MAX_CHUNK for s in sizes)
        assert sizes == sorted(sizes, reverse=True)  # never grows
        assert sizes[-1] == 1  # the last file goes alone: no worker waits on a big chunk
    sizes = [len(c) for c in parallel._chunks([str(i) for i in range(2000)], 2)]
    assert sizes[0] == parallel.MAX_CHUNK and len(sizes) < 150


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_workers_and_exits_130(tmp_path: Path) -> None:
    _corpus(tmp_path, n=400)
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintnews", "check", "docs", "--jobs", "2", "--no-cache"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool never started"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    started = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - started < 10
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip() == "lintnews: interrupted"
    time.sleep(0.2)
    assert not [w for w in workers if os.path.exists(f"/proc/{w}")], "workers left behind"


def test_workers_that_die_while_starting_stop_the_run_with_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that dies before it can check anything says nothing about the
    files: the run stops with WorkerError instead of retrying file after file
    (or waiting for ever, as multiprocessing.Pool did)."""
    docs = _corpus(tmp_path, n=parallel.PARALLEL_THRESHOLD + 2)
    engine = Engine(load_config(tmp_path))

    def dies() -> None:  # runs in the forked worker, in place of its initializer
        os._exit(7)

    import multiprocessing

    monkeypatch.setattr(parallel, "_init_forked", dies)
    started = time.monotonic()
    with pytest.raises(WorkerError, match=r"died while starting \(exit status 7\)"):
        list(parallel.iter_results(engine, sorted(map(str, docs.iterdir())), jobs=2))
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()  # the other worker was stopped too


def test_spawned_workers_give_the_results_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where ``fork`` is missing (Windows; macOS's default), each worker is a
    fresh interpreter that builds ``Engine(config)``: same results."""
    import multiprocessing
    import threading

    docs = _corpus(tmp_path, n=parallel.PARALLEL_THRESHOLD + 2)
    engine = Engine(load_config(tmp_path))
    serial = engine.lint_paths([str(docs)], jobs=1)
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: spawn)
    pooled = engine.lint_paths([str(docs)], jobs=2)
    assert [v.to_dict() for v in pooled.violations()] == [v.to_dict() for v in serial.violations()]
    assert pooled.metrics() == serial.metrics()
    assert pooled.files_checked == serial.files_checked == len(list(docs.iterdir()))
    for t in threading.enumerate():
        if t.name == "lintnews-pool-join":
            t.join(timeout=30)
    assert not multiprocessing.active_children()
