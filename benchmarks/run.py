"""Benchmark harness: lintnews against proselint and Python's floor, in one run.

    python benchmarks/run.py [--files 2000] [--runs 5] [--no-proselint] [--scale 20000]

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

Peak memory is the largest total resident set size of the process tree
(lintnews and its workers), sampled from /proc every 10 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_work"

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


def build_corpus(source: Path, n: int) -> Path:
    """Cycle the source articles to ``n`` files (idempotent)."""
    target = WORK / f"corpus-{n}"
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
        sub = target / f"d{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:06d}{suffix}").write_bytes(data)
    marker.touch()
    return target


def corpus_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _tree_rss_kib(root_pid: int) -> int:
    """Total VmRSS of ``root_pid`` and its descendants, in KiB."""
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
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def timed(
    cmd: list[str], *, sample_memory: bool = False, cwd: Path | None = None
) -> tuple[float, int, int]:
    """Run ``cmd`` once; return (seconds, exit code, peak tree RSS in KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=_env()
    )
    peak = 0
    if sample_memory:
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kib(proc.pid))
            time.sleep(0.01)
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        print(f"  ! {' '.join(cmd[:4])}... exited {proc.returncode}: {' | '.join(tail)}")
    return elapsed, proc.returncode, peak


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDEVMODE", None)
    return env


def median_of(
    cmd: list[str], runs: int, *, memory: bool = False, cwd: Path | None = None
) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        t, _, peak = timed(cmd, sample_memory=memory, cwd=cwd)
        times.append(t)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


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


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--source", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument(
        "--scale", type=int, default=0, help="also measure peak memory at this many files"
    )
    ap.add_argument("--lintnews", default=str(Path(sys.executable).parent / "lintnews"))
    args = ap.parse_args()

    WORK.mkdir(exist_ok=True)
    lintnews = [args.lintnews]
    corpus = build_corpus(args.source, args.files)
    size = corpus_size(corpus)
    one = next(iter(sorted(corpus.rglob("*.txt"))))
    no_cache = ["--no-cache"] if lintnews_supports("--no-cache", lintnews) else []
    has_jobs = lintnews_supports("--jobs", lintnews)
    cache_dir = WORK / "cache-cwd"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir()

    print(
        f"corpus: {args.files} files, {size / 1e6:.1f} MB ({corpus}); runs per command: {args.runs}"
    )
    print(f"python: {sys.version.split()[0]}; cores: {os.cpu_count()}")
    rows: list[tuple[str, float, int]] = []

    floor, _ = median_of([sys.executable, "-c", FLOOR_SCRIPT, str(corpus)], args.runs)
    rows.append(("floor: read every file + one regex", floor, 0))
    ref, _ = median_of([sys.executable, "-c", "import typer, rich, pluggy"], args.runs)
    rows.append(('python -c "import typer, rich, pluggy"', ref, 0))

    full = [*lintnews, "check", str(corpus), "--format", "json", *no_cache]
    t_full, mem_full = median_of(full, args.runs, memory=True, cwd=cache_dir)
    rows.append(("lintnews check CORPUS (json, uncached)", t_full, mem_full))
    if has_jobs:
        t_j1, mem_j1 = median_of([*full, "--jobs", "1"], args.runs, memory=True, cwd=cache_dir)
        rows.append(("lintnews check CORPUS --jobs 1", t_j1, mem_j1))
    t_one, mem_one = median_of([*lintnews, "check", str(one), *no_cache], args.runs, memory=True)
    rows.append(("lintnews check ONE_ARTICLE (uncached)", t_one, mem_one))
    if no_cache:
        warm = [*lintnews, "check", str(corpus), "--format", "json"]
        timed(warm, cwd=cache_dir)
        t_cached, mem_cached = median_of(warm, args.runs, memory=True, cwd=cache_dir)
        rows.append(("lintnews check CORPUS (cached re-run)", t_cached, mem_cached))
    t_prose = None
    if not args.no_proselint:
        cmd = proselint_cmd()
        if cmd:
            runs = max(1, min(args.runs, 3))
            t_prose, _ = median_of([*cmd, str(corpus)], runs)
            rows.append((f"proselint 0.16 check CORPUS (median of {runs})", t_prose, 0))
            t_prose_one, _ = median_of([*cmd, str(one)], args.runs)
            rows.append(("proselint 0.16 check ONE_ARTICLE", t_prose_one, 0))

    print()
    print(f"{'command':<48} {'median s':>9} {'x floor':>8} {'peak MB':>8}")
    for name, t, mem in rows:
        peak = f"{mem / 1024:.0f}" if mem else "-"
        print(f"{name:<48} {t:9.3f} {t / floor:8.2f} {peak:>8}")
    print()
    print(f"throughput: {size / 1e6 / t_full:.1f} MB/s; within {t_full / floor:.1f}x of the floor")
    if t_prose:
        print(f"proselint / lintnews (corpus): {t_prose / t_full:.1f}x")
    if args.scale:
        big = build_corpus(args.source, args.scale)
        _, mem_big = median_of(
            [*lintnews, "check", str(big), "--format", "json", *no_cache],
            1,
            memory=True,
            cwd=cache_dir,
        )
        growth = (mem_big - mem_full) / mem_full * 100 if mem_full else 0.0
        print(
            f"peak memory: {mem_full / 1024:.0f} MB at {args.files} files, "
            f"{mem_big / 1024:.0f} MB at {args.scale} files ({growth:+.0f}%)"
        )


if __name__ == "__main__":
    main()
