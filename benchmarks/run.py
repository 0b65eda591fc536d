"""Benchmark harness: lintnews against proselint and Python's floor, in one run.

    python benchmarks/run.py [--files 2000] [--runs 5] [--pairs N] [--no-proselint]
                             [--scale 20000] [--vary] [--work DIR] [--sentences]
                             [--install wheel|dev]

Builds a corpus by cycling the real and seeded articles of ``../shared/corpus``
(or ``--source DIR``) to N files, then times whole processes, each command
``--runs`` times, and prints medians, ratios and peak memory:

- ``lintnews check CORPUS --format json --no-cache`` (default rules, output to /dev/null)
- the same with ``--jobs 1``
- ``lintnews check ONE_ARTICLE --no-cache`` (start-up dominated: the pre-commit case)
- a cached re-run of the corpus (after one warm-up run that fills the cache)
- ``proselint check`` on the same files (installed into its own venv under _work/)
- the floor: a Python process that reads every file and runs one regex
- ``python -c "import typer, rich, pluggy"`` as a start-up reference

and then the corpus run and the floor again, in pairs run back to back, for the
median of the pairs' ratios (the machine's speed drifts between blocks); with
``--pairs 6`` or more, also a 95% confidence interval for that median (order
statistics, no assumption about how the drift is distributed).

Peak memory is the largest total proportional set size (PSS; RSS where
PSS is unavailable) of the process tree (lintnews and its workers), sampled
from /proc every 10 ms in two further runs of each command (never in the
timed runs: the sampler would compete with them for the CPUs).  CPU is user +
system time of the process and its reaped children (from ``wait4``): on a
shared machine it moves less than wall-clock time.

The corpus lives outside the repository (``--work``, default
``$TMPDIR/lintnews-bench``): a corpus under a git-ignored directory would be
skipped by lintnews' ``.gitignore`` support, and the harness checks that
lintnews really checked every file.  ``PYTHONDONTWRITEBYTECODE`` is removed
from the environment and every command runs once untimed first, so timings
include neither compiling sources nor a cold page cache (as for an installed
lintnews, whose bytecode pip compiles at install time).

``--sentences`` also measures the sentence splitter (sentencex, as used by
lintnews) against pySBD on ``benchmarks/sentences.tsv`` (installed into the
benchmark's own venv, never a lintnews dependency).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = Path(tempfile.gettempdir()) / "lintnews-bench"

FLOOR_SCRIPT = r"""
import os, re, sys
pat = re.compile(r"Register now|Subscribe|Written by", re.I)
n = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as fh:
            n += len(pat.findall(fh.read()))
print(n)
"""


def build_corpus(source: Path, n: int, vary: bool = False) -> Path:
    """Cycle the source articles to ``n`` files (idempotent).

    ``vary``: every copy after a story's first is made different (``varied``), so
    the corpus is an archive of edited versions rather than of exact copies.
    """
    target = WORK / (f"corpus-{n}-varied" if vary else f"corpus-{n}")
    marker = target / ".complete"
    if marker.exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    originals = sorted(
        p
        for sub in ("real", "seeded")
        for p in (source / sub).glob("*")
        if p.suffix in {".txt", ".md"}
    )
    if not originals:
        sys.exit(f"no articles found under {source}")
    texts = [(p.suffix, p.read_bytes()) for p in originals]
    for i in range(n):
        suffix, data = texts[i % len(texts)]
        if vary and i >= len(texts):
            data = varied(data, i // len(texts))
        sub = target / f"d{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:06d}{suffix}").write_bytes(data)
    marker.touch()
    return target


_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")


def varied(data: bytes, copy: int) -> bytes:
    """Copy number ``copy`` of an article, edited: every sixth lower-case word of six
    or more letters in the body gets a suffix that depends on ``copy``.

    Why: cycled exact copies flatter a linter in two ways an archive does not.
    Its per-word memos (syllables, hint bits) stop growing once the few hundred
    stories are seen, and its near-duplicate check meets identical sketches
    (grouped without comparing them).  Edited copies keep the words new
    (one made-up word in about thirty: proper names and rare words behave so)
    and make the copies of a story near-duplicates, not duplicates.  The first
    line (a text file's headline) and any front matter are kept,
    so the files still parse as they did.
    """
    text = data.decode("utf-8")
    lines = text.split("\n")
    keep = 1
    if lines[0].strip() in ("---", "+++"):  # front matter: keep it whole
        keep = next((k + 1 for k in range(1, len(lines)) if lines[k] == lines[0]), 1)
    letters = "bcdfghjklmnpqrstvwxz"
    count = 0

    def edit(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count % 6:
            return m.group(0)
        k, tag = copy * 7 + count % 7, ""
        while True:
            tag += letters[k % 20]
            k //= 20
            if not k:
                return m.group(0) + tag

    body = [_LONG_WORD.sub(edit, line) for line in lines[keep:]]
    return "\n".join(lines[:keep] + body).encode("utf-8")


def corpus_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _pss_kib(pid: int) -> int:
    """Proportional set size: shared pages (forked workers) counted once overall."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_rss_kib(root_pid: int) -> int:
    """Total memory of ``root_pid`` and its descendants, in KiB.

    PSS where the kernel provides it (forked workers share the parent's
    pages copy-on-write; summing their RSS would count those pages once per
    worker), else VmRSS.
    """
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                ppid = vm = 0
                for line in fh:
                    if line.startswith("PPid:"):
                        ppid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        vm = int(line.split()[1])
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = vm
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += _pss_kib(pid) or rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def timed(
    cmd: list[str], *, sample_memory: bool = False, cwd: Path | None = None
) -> tuple[float, int, int, float]:
    """Run ``cmd`` once; return (seconds, exit code, peak tree RSS in KiB, CPU seconds)."""
    with tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err_file, cwd=cwd, env=_env()
        )
        peak = 0
        while True:
            pid, raw, usage = os.wait4(proc.pid, os.WNOHANG if sample_memory else 0)
            if pid:
                break
            peak = max(peak, _tree_rss_kib(proc.pid))
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(raw)
        cpu = usage.ru_utime + usage.ru_stime
        if proc.returncode not in (0, 1):
            err_file.seek(0)
            tail = err_file.read().decode(errors="replace").strip().splitlines()[-3:]
            print(f"  ! {' '.join(cmd[:4])}... exited {proc.returncode}: {' | '.join(tail)}")
    return elapsed, proc.returncode, peak, cpu


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("PYTHONDEVMODE", "PYTHONDONTWRITEBYTECODE", "LINTNEWS_CACHE_DIR"):
        env.pop(name, None)
    return env


#: extra runs per command that sample memory (never the timed ones)
MEMORY_RUNS = 2


def paired_ratio(
    cmd: list[str], base: list[str], runs: int, *, cwd: Path | None = None
) -> tuple[float, float, float, list[float]]:
    """Median over ``runs`` pairs of ``cmd``'s wall time over ``base``'s, each pair
    run back to back (alternating which goes first); also both medians and every
    pair's ratio (for :func:`median_interval`).

    Why: this machine's speed drifts by a third within minutes, and the table
    times each command's runs in a block, so a ratio of two blocks can move by
    as much (the floor alone measured 0.60 s and 0.89 s an hour apart).  A
    pair sees one state of the machine; the median of the pairs' ratios is
    the steadier figure.
    """
    times, base_times = [], []
    for k in range(runs):
        if k % 2:
            times.append(timed(cmd, cwd=cwd)[0])
            base_times.append(timed(base)[0])
        else:
            base_times.append(timed(base)[0])
            times.append(timed(cmd, cwd=cwd)[0])
    ratios = [t / b for t, b in zip(times, base_times, strict=True)]
    return (
        statistics.median(ratios),
        statistics.median(times),
        statistics.median(base_times),
        ratios,
    )


def median_interval(values: list[float], confidence: float = 0.95) -> tuple[float, float] | None:
    """A distribution-free confidence interval for the median of ``values``.

    Why: whether a ratio of 4.7x is "within 5x" depends on how far the pairs
    scatter, and this machine's drift is not normal (it comes in bursts).  The
    interval is the pair of order statistics ``(x_(k), x_(n+1-k))`` with the
    largest ``k`` whose binomial coverage ``1 - 2 * P(Bin(n, 1/2) < k)`` is at
    least ``confidence``: it assumes only that the pairs are independent draws
    of one distribution.  None when there are too few values (n < 6 at 95%).
    """
    n = len(values)
    ordered = sorted(values)
    best = None
    for k in range(1, n // 2 + 1):
        below = sum(math.comb(n, i) for i in range(k)) / 2**n
        if 1 - 2 * below >= confidence:
            best = k
    if best is None:
        return None
    return ordered[best - 1], ordered[n - best]


def median_of(
    cmd: list[str], runs: int, *, memory: bool = False, cwd: Path | None = None
) -> tuple[float, int, float]:
    """Median wall seconds, max peak KiB, median CPU seconds (after one untimed run).

    Why memory is sampled in separate runs: the sampler is a Python loop
    reading ``/proc`` every 10 ms, and on a 2-core machine it competes with
    the command it watches (about 1 s of wall time on the 2,000-file run, CPU
    the floor row never pays).  Timed runs are left alone; peak memory is the
    maximum over ``MEMORY_RUNS`` further, untimed runs.
    """
    timed(cmd, cwd=cwd)  # warm-up: bytecode, page cache
    times, cpus = [], []
    for _ in range(runs):
        t, _, _, cpu = timed(cmd, cwd=cwd)
        times.append(t)
        cpus.append(cpu)
    peak = 0
    for _ in range(MEMORY_RUNS if memory else 0):
        peak = max(peak, timed(cmd, sample_memory=True, cwd=cwd)[2])
    return statistics.median(times), peak, statistics.median(cpus)


def proselint_cmd() -> list[str] | None:
    venv = WORK / "venv-proselint"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        print("installing proselint into", venv)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        r = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "proselint==0.16.0"],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            print("  ! could not install proselint:", r.stderr.strip().splitlines()[-1:])
            return None
    return [str(exe), "check"]


def lintnews_supports(flag: str, lintnews: list[str]) -> bool:
    out = subprocess.run([*lintnews, "check", "--help"], capture_output=True, text=True)
    return flag in out.stdout


def files_checked(cmd: list[str], cwd: Path) -> int:
    """How many files a JSON run reports as checked (guards against silent skips)."""
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=_env())
    try:
        return int(json.loads(out.stdout)["files_checked"])
    except (ValueError, KeyError):
        sys.exit(f"lintnews did not produce JSON: {out.stderr.strip()[-300:]}")


def install_lintnews(kind: str) -> Path:
    """The lintnews script to time; a wheel install falls back to this venv's if it fails."""
    from _install import dev_install, wheel_install

    if kind == "dev":
        return dev_install()
    try:
        return wheel_install(WORK)
    except (RuntimeError, ValueError, OSError) as exc:
        print(f"  ! no wheel install ({exc}); timing the development install")
        return dev_install()


def main() -> None:
    global WORK
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--source", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument(
        "--work",
        type=Path,
        default=None,
        help="corpus, venvs, cache (default: $TMPDIR/lintnews-bench)",
    )
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument(
        "--pairs",
        type=int,
        default=0,
        help="corpus/floor pairs run back to back for the paired ratio (default: --runs); "
        "from 6 on, a 95%% interval of its median is printed",
    )
    ap.add_argument(
        "--vary",
        action="store_true",
        help="edit each repeated copy (see varied()): an archive of edited versions",
    )
    ap.add_argument("--sentences", action="store_true", help="also run the splitter benchmark")
    ap.add_argument(
        "--scale", type=int, default=0, help="also measure peak memory at this many files"
    )
    ap.add_argument(
        "--install",
        choices=("wheel", "dev"),
        default="wheel",
        help="wheel: a regular install built from the tree into its own venv under --work "
        "(what users run; see _install.py); dev: this venv's editable install",
    )
    ap.add_argument("--lintnews", default=None, help="a lintnews script to time instead")
    args = ap.parse_args()

    WORK = (args.work or WORK).resolve()
    WORK.mkdir(parents=True, exist_ok=True)
    lintnews = [args.lintnews or str(install_lintnews(args.install))]
    print(f"lintnews: {lintnews[0]}")
    corpus = build_corpus(args.source, args.files, args.vary)
    size = corpus_size(corpus)
    one = next(iter(sorted(corpus.rglob("*.txt"))))
    no_cache = ["--no-cache"] if lintnews_supports("--no-cache", lintnews) else []
    has_jobs = lintnews_supports("--jobs", lintnews)
    cache_dir = WORK / "cache-cwd"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir()

    load = os.getloadavg()
    print(
        f"corpus: {args.files} files, {size / 1e6:.1f} MB ({corpus}); runs per command: {args.runs}"
    )
    print(
        f"python: {sys.version.split()[0]}; cores: {os.cpu_count()}; "
        f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    full = [*lintnews, "check", str(corpus), "--format", "json", *no_cache]
    checked = files_checked(full, cache_dir)
    if checked != args.files:
        sys.exit(f"lintnews checked {checked} of {args.files} files: is the corpus ignored?")

    rows: list[tuple[str, float, int, float]] = []
    floor, _, floor_cpu = median_of([sys.executable, "-c", FLOOR_SCRIPT, str(corpus)], args.runs)
    rows.append(("floor: read every file + one regex", floor, 0, floor_cpu))
    from _install import reference_import

    ref, _, ref_cpu = median_of(reference_import(lintnews[0]), args.runs)
    rows.append(('python -c "import typer, rich, pluggy"', ref, 0, ref_cpu))

    t_full, mem_full, cpu_full = median_of(full, args.runs, memory=True, cwd=cache_dir)
    rows.append(("lintnews check CORPUS (json, uncached)", t_full, mem_full, cpu_full))
    if has_jobs:
        t_j1, mem_j1, cpu_j1 = median_of(
            [*full, "--jobs", "1"], args.runs, memory=True, cwd=cache_dir
        )
        rows.append(("lintnews check CORPUS --jobs 1", t_j1, mem_j1, cpu_j1))
    t_one, mem_one, cpu_one = median_of(
        [*lintnews, "check", str(one), *no_cache], args.runs, memory=True
    )
    rows.append(("lintnews check ONE_ARTICLE (uncached)", t_one, mem_one, cpu_one))
    t_cached = None
    if no_cache:
        warm = [*lintnews, "check", str(corpus), "--format", "json"]
        t_cached, mem_cached, cpu_cached = median_of(warm, args.runs, memory=True, cwd=cache_dir)
        rows.append(("lintnews check CORPUS (cached re-run)", t_cached, mem_cached, cpu_cached))
    t_prose = t_prose_one = None
    if not args.no_proselint:
        cmd = proselint_cmd()
        if cmd:
            runs = max(1, min(args.runs, 3))
            t_prose, _, cpu_prose = median_of([*cmd, str(corpus)], runs)
            rows.append((f"proselint 0.16 check CORPUS (median of {runs})", t_prose, 0, cpu_prose))
            t_prose_one, _, cpu_p1 = median_of([*cmd, str(one)], args.runs)
            rows.append(("proselint 0.16 check ONE_ARTICLE", t_prose_one, 0, cpu_p1))

    print()
    print(f"{'command':<48} {'median s':>9} {'x floor':>8} {'cpu s':>7} {'peak MB':>8}")
    for name, t, mem, cpu in rows:
        peak = f"{mem / 1024:.0f}" if mem else "-"
        print(f"{name:<48} {t:9.3f} {t / floor:8.2f} {cpu:7.2f} {peak:>8}")
    print()
    print(f"throughput: {size / 1e6 / t_full:.1f} MB/s; within {t_full / floor:.1f}x of the floor")
    floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT, str(corpus)]
    pairs = args.pairs or args.runs
    ratio, t_pair, floor_pair, ratios = paired_ratio(full, floor_cmd, pairs, cwd=cache_dir)
    interval = median_interval(ratios)
    spread = ""
    if interval:
        spread = f"; 95% interval of the median {interval[0]:.2f}-{interval[1]:.2f}x"
    print(
        f"alternated with the floor ({pairs} pairs run back to back): {ratio:.2f}x "
        f"(medians {t_pair:.3f} s and {floor_pair:.3f} s{spread})"
    )
    print("  pair ratios: " + " ".join(f"{r:.2f}" for r in sorted(ratios)))
    if t_cached is not None:
        print(f"cached re-run: {t_cached / floor:.2f}x the floor")
    print(f"one article: {t_one:.3f} s ({t_one / ref:.2f}x 'import typer, rich, pluggy')")
    if t_prose:
        print(f"proselint / lintnews (corpus): {t_prose / t_full:.1f}x")
    if t_prose_one:
        print(f"proselint / lintnews (one article): {t_prose_one / t_one:.1f}x")
    if args.scale:
        big = build_corpus(args.source, args.scale, args.vary)
        _, _, mem_big, _ = timed(
            [*lintnews, "check", str(big), "--format", "json", *no_cache],
            sample_memory=True,
            cwd=cache_dir,
        )
        growth = (mem_big - mem_full) / mem_full * 100 if mem_full else 0.0
        print(
            f"peak memory: {mem_full / 1024:.0f} MB at {args.files} files, "
            f"{mem_big / 1024:.0f} MB at {args.scale} files ({growth:+.0f}%)"
        )
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.sentences:
        subprocess.run([sys.executable, str(HERE / "sentences.py"), "--work", str(WORK)])


if __name__ == "__main__":
    main()
