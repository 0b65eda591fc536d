"""Start-up of one ``lintnews check`` run (issue 6: one article at most 1.75x the
time of ``python -c "import typer, rich, pluggy"``).

    python benchmarks/startup.py [--runs 20] [--install wheel|dev] [--article FILE]
                                 [--top 15] [--work DIR] [--lintnews SCRIPT]

Times ``lintnews check ARTICLE --no-cache`` (default rules, text output) and
the import reference as whole processes, alternating the two so both see the
same machine load, each once untimed first; prints the median wall and CPU
seconds (user + system, from ``wait4``) and their ratio, then one
``-X importtime`` run's top offenders: the modules with the largest own import
time and the largest top-level imports (what a lazy import would save).

``--install wheel`` (default) times a regular install built from the working
tree into its own venv under ``--work`` (see ``_install.py``): what users
run.  ``--install dev`` times this venv's editable install, whose import
hook costs every process a few milliseconds more.  Runs happen in an empty
directory under ``--work`` so no project configuration is found.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _install import lintnews_exe, reference_import
from run import REPO, timed

DEFAULT_ARTICLE = REPO.parent / "shared" / "samples" / "scraped-article.txt"


def importtime(cmd: list[str], cwd: Path) -> list[tuple[int, int, int, str]]:
    """One run's ``-X importtime`` rows: (self us, cumulative us, depth, module)."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((int(own), int(cumulative), depth, name.strip()))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--install", choices=("wheel", "dev"), default="wheel")
    ap.add_argument("--lintnews", type=Path, help="time this lintnews script instead")
    ap.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    ap.add_argument("--top", type=int, default=15, help="importtime rows to show")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "lintnews-bench")
    args = ap.parse_args()

    work = args.work.resolve()
    cwd = work / "startup-cwd"
    cwd.mkdir(parents=True, exist_ok=True)
    exe = args.lintnews or lintnews_exe(args.install, work)
    article = str(args.article.resolve())
    cmd = [str(exe), "check", article, "--no-cache"]
    reference = reference_import(exe)

    load = os.getloadavg()
    kind = "given" if args.lintnews else args.install
    print(f"lintnews: {exe} ({kind} install); article: {article}")
    print(f"python {sys.version.split()[0]}; cores: {os.cpu_count()}; runs: {args.runs}")
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    timed(reference, cwd=cwd)  # warm-up: bytecode, page cache, entry-point cache
    timed(cmd, cwd=cwd)
    samples: dict[str, tuple[list[float], list[float]]] = {"ref": ([], []), "one": ([], [])}
    for _ in range(args.runs):
        for key, c in (("ref", reference), ("one", cmd)):
            wall, code, _, cpu = timed(c, cwd=cwd)
            if key == "one" and code not in (0, 1):
                sys.exit(f"lintnews exited {code}")
            samples[key][0].append(wall)
            samples[key][1].append(cpu)
    load = os.getloadavg()

    med = {k: (statistics.median(w), statistics.median(c)) for k, (w, c) in samples.items()}
    print()
    print(f"{'command':<44} {'wall s':>8} {'cpu s':>7}")
    names = {
        "ref": 'python -c "import typer, rich, pluggy"',
        "one": "lintnews check ARTICLE --no-cache",
    }
    for key, name in names.items():
        print(f"{name:<44} {med[key][0]:8.3f} {med[key][1]:7.3f}")
    print(
        f"ratio to the reference: wall {med['one'][0] / med['ref'][0]:.2f}x, "
        f"cpu {med['one'][1] / med['ref'][1]:.2f}x (target 1.75x)"
    )
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    rows = importtime(cmd, cwd)
    total = sum(r[0] for r in rows)
    print(f"\n-X importtime (one run): {len(rows)} modules, {total / 1000:.1f} ms in total")
    print(f"\nlargest own time (top {args.top}):")
    for own, _cumulative, _, name in sorted(rows, reverse=True)[: args.top]:
        print(f"  {own / 1000:7.1f} ms  {name}")
    print(f"\nlargest top-level imports, with what they import (top {args.top}):")
    top = sorted((r for r in rows if r[2] == 0), key=lambda r: r[1], reverse=True)
    for _, cumulative, _, name in top[: args.top]:
        print(f"  {cumulative / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
