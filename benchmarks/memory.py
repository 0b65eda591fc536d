"""Peak memory of ``lintnews check`` at two corpus sizes: does it grow with the files?

Usage::

    .venv/bin/python benchmarks/memory.py                    # 2,000 and 20,000 files
    .venv/bin/python benchmarks/memory.py --jobs 1 --runs 3  # in one process, max of 3
    .venv/bin/python benchmarks/memory.py --sizes 2000 20000 50000
    .venv/bin/python benchmarks/memory.py --vary             # edited copies (run.py --vary)

Why a script of its own: ``run.py --scale`` measures the same figure but
also times proselint and every other row; this one re-measures memory alone
in a minute or two.  It reuses ``run.py``'s corpus (the source articles
cycled to N files under ``$TMPDIR/lintnews-bench``, built on first use) and
its sampler: the peak total PSS of the process tree (lintnews and its
workers) polled every 10 ms while ``lintnews check CORPUS --format json
--no-cache`` writes to /dev/null.  It prints, per size, the peak (max over
``--runs``), CPU seconds, and the growth from the first size to each other
one, with the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402 - the sibling benchmark: corpus builder and memory sampler


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per CPU)")
    ap.add_argument("--runs", type=int, default=1, help="runs per size (peak: the largest)")
    ap.add_argument("--source", type=Path, default=run.REPO.parent / "shared" / "corpus")
    ap.add_argument("--work", type=Path, default=None, help="default: $TMPDIR/lintnews-bench")
    ap.add_argument("--lintnews", default=str(Path(sys.executable).parent / "lintnews"))
    ap.add_argument(
        "--vary",
        action="store_true",
        help="edit every copy after a story's first (run.py --vary): an archive of near-copies",
    )
    args = ap.parse_args()

    run.WORK = (args.work or run.WORK).resolve()
    run.WORK.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    jobs = args.jobs or "one per CPU"
    kind = "edited copies (--vary)" if args.vary else "exact copies"
    print(f"jobs: {jobs}; runs per size: {args.runs}; cores: {os.cpu_count()}; corpus: {kind}")
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    first: int | None = None
    for n in args.sizes:
        corpus = run.build_corpus(args.source, n, vary=args.vary)
        cmd = [args.lintnews, "check", str(corpus), "--format", "json", "--no-cache"]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        peaks, cpus = [], []
        for _ in range(args.runs):
            _, code, peak, cpu = run.timed(cmd, sample_memory=True, cwd=run.WORK)
            if code not in (0, 1):
                sys.exit(f"lintnews exited {code} on {corpus}")
            peaks.append(peak)
            cpus.append(cpu)
        peak = max(peaks)
        first = first or peak
        growth = f"{(peak - first) / first * 100:+.0f}%" if n != args.sizes[0] else ""
        print(
            f"{n:>7} files: peak {peak / 1024:6.0f} MB  cpu {min(cpus):6.1f} s  {growth}",
            flush=True,
        )
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
