"""The cached re-run against the floor, and where its CPU goes.

    python benchmarks/cached.py [--files 2000] [--runs 7] [--lintnews PATH] [--phases 3]

Issue 6 asks for a cached re-run of an unchanged corpus within 2x the floor
(a Python process reading every file and running one regex, as in
``run.py``).  This script times both the way ``run.py`` does (whole
processes, median wall and CPU seconds, one untimed run first, the cache in
a working directory of its own under ``$TMPDIR/lintnews-bench``), alternating
floor and lintnews runs so the machine's load hits both alike, and prints
the load average.  A lintnews run that took over 5x the median of the
others missed the cache (a source file of lintnews or a plugin changed: the
run key covers them) and is reported, not counted.

``--phases N`` then runs the same check N times in this process and prints
the median CPU seconds of each step (discovery, reading and hashing, cache
lookups, the spool, run-level rules, the reporter): what a change to one of
them would win.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as harness  # noqa: E402  (benchmarks/run.py: corpus and floor script)


def _timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system of the process and its children) seconds of ``cmd``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.pop("LINTNEWS_CACHE_DIR", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def whole_process(corpus: Path, lintnews: str, runs: int, cwd: Path) -> None:
    floor_cmd = [sys.executable, "-c", harness.FLOOR_SCRIPT, str(corpus)]
    cached_cmd = [lintnews, "check", str(corpus), "--format", "json"]
    load = os.getloadavg()
    _timed(floor_cmd, cwd)
    _timed(cached_cmd, cwd)  # fills the cache (or finds it filled)
    floor: list[tuple[float, float]] = []
    cached: list[tuple[float, float]] = []
    for _ in range(runs):
        floor.append(_timed(floor_cmd, cwd))
        cached.append(_timed(cached_cmd, cwd))
    typical = statistics.median(w for w, _ in cached)
    misses = [w for w, _ in cached if w > 5 * typical]
    cached = [(w, c) for w, c in cached if w <= 5 * typical]
    after = os.getloadavg()
    fw, fc = (statistics.median(x) for x in zip(*floor, strict=True))
    cw, cc = (statistics.median(x) for x in zip(*cached, strict=True))
    print(f"load average before {load[0]:.2f}, after {after[0]:.2f}")
    print(f"{'':34} {'wall s':>7} {'cpu s':>7}")
    print(f"{'floor: read every file + regex':34} {fw:7.3f} {fc:7.3f}")
    print(f"{'lintnews check CORPUS (cached)':34} {cw:7.3f} {cc:7.3f}")
    print(f"cached re-run: {cw / fw:.2f}x the floor (wall), {cc / fc:.2f}x (CPU)")
    if misses:
        print(f"  ({len(misses)} run(s) missed the cache and were left out: {misses})")


def phases(corpus: Path, runs: int, cwd: Path) -> None:
    """Median in-process CPU seconds per step of a cached run."""
    import lintnews.cache as cache
    import lintnews.cli as cli
    import lintnews.engine as engine
    import lintnews.reporters.json as json_reporter
    import lintnews.spool as spool

    spent: dict[str, float] = {}

    def wrap(owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:  # a step this version does not have
            return

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        setattr(owner, name, timed)

    steps: list[tuple[Any, str, str]] = [
        # run_check's module (lintnews.checkrun since the typer-free check; cli before)
        (sys.modules[cli.run_check.__module__], "make_engine", "engine and plugins"),
        (cache, "run_key", "run key"),
        (cache.ResultCache, "_load", "cache file load"),
        (engine.Engine, "discover", "discovery"),
        (engine.Engine, "read_file", "reading files"),
        (cache, "content_digest", "hashing"),
        (cache.ResultCache, "lookup", "cache lookups (unpickle)"),
        (spool.ResultSpool, "add", "spool add"),
        (engine.Engine, "_run_rules", "run-level rules"),
        (spool.ResultSpool, "finish", "spool finish"),
        (spool.SpooledFiles, "_load", "spool read-back (unpickle)"),
        (json_reporter.JsonReporter, "report", "json report (incl. read-back)"),
    ]
    for owner, name, label in steps:
        wrap(owner, name, label)
    totals: dict[str, list[float]] = {}
    argv = ["lintnews", "check", str(corpus), "--format", "json"]
    here = os.getcwd()
    os.chdir(cwd)
    try:
        for _ in range(runs + 1):  # the first fills the cache if needed
            spent.clear()
            saved = sys.argv, sys.stdout
            sys.argv, sys.stdout = argv, io.StringIO()
            start = time.process_time()
            try:
                cli.main()
            except SystemExit:
                pass
            finally:
                sys.argv, sys.stdout = saved
            spent["whole check (after imports)"] = time.process_time() - start
            for label, seconds in spent.items():
                totals.setdefault(label, []).append(seconds)
    finally:
        os.chdir(here)
    print(f"\nin-process CPU seconds, median of {runs} cached runs:")
    order: list[str] = [label for _, _, label in steps] + ["whole check (after imports)"]
    for label in order:
        if label in totals:
            print(f"  {label:32} {statistics.median(totals[label][1:]):7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--phases", type=int, default=3, help="in-process runs (0: none)")
    parser.add_argument("--source", type=Path, default=harness.REPO.parent / "shared" / "corpus")
    parser.add_argument(
        "--lintnews",
        default=str(Path(sys.executable).with_name("lintnews")),
        help="the lintnews script to time (default: this interpreter's)",
    )
    args = parser.parse_args()
    harness.WORK.mkdir(parents=True, exist_ok=True)
    corpus = harness.build_corpus(args.source, args.files)
    cwd = harness.WORK / "cache-cwd-cached"
    shutil.rmtree(cwd, ignore_errors=True)
    cwd.mkdir()
    print(f"corpus: {args.files} files ({corpus}); cache in {cwd}")
    whole_process(corpus, args.lintnews, args.runs, cwd)
    if args.phases:
        phases(corpus, args.phases, cwd)


if __name__ == "__main__":
    main()
