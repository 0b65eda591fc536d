"""A regular (non-editable) install of lintnews for the benchmarks.

The development venv installs lintnews in editable mode: its
``__editable___lintnews_*_finder`` runs at every interpreter start-up (it
imports pathlib and friends inside ``site``), which a user's ``pip install
lintnews`` never does.  So start-up figures are taken from a wheel built from
the working tree and installed into its own venv under the benchmark's work
directory (like proselint's venv), rebuilt whenever a source file changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: what a wheel is built from (everything setuptools packages)
SOURCES = ("pyproject.toml", "README.md", "lintnews", "plugins")


def _source_stamp() -> str:
    """A hash of the packaged files' names, sizes and mtimes (rebuild when it changes)."""
    parts = []
    for top in SOURCES:
        root = REPO / top
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                parts.append(f"{path.relative_to(REPO)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def wheel_install(work: Path, *, quiet: bool = False) -> Path:
    """The ``lintnews`` script of a venv holding a wheel of the current tree.

    Builds the wheel from a copy of the packaged files (an in-tree build would
    leave ``build/`` behind in the checkout) and installs it with its
    dependencies from the configured package index; reuses the venv while the
    sources are unchanged.  Raises ``RuntimeError`` when a step fails.
    """
    venv = work / "venv-wheel"
    exe = venv / "bin" / "lintnews"
    stamp_file = venv / "lintnews-source-stamp"
    stamp = _source_stamp()
    if exe.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return exe
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr))
    src = work / "wheel-src"
    dist = work / "wheel-dist"
    for d in (src, dist):
        shutil.rmtree(d, ignore_errors=True)
    src.mkdir(parents=True)
    for top in SOURCES:
        path = REPO / top
        if path.is_dir():
            shutil.copytree(path, src / top, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / top)
    say(f"building a lintnews wheel in {dist}")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(src)])
    (wheel,) = dist.glob("lintnews-*.whl")
    if not (venv / "bin" / "python").exists():
        say(f"creating {venv}")
        _run([sys.executable, "-m", "venv", str(venv)])
    say(f"installing {wheel.name} into {venv}")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    _run([*pip, "--force-reinstall", "--no-deps", str(wheel)])
    _run([*pip, str(wheel)])  # dependencies (already satisfied after the first build)
    stamp_file.write_text(stamp)
    shutil.rmtree(src, ignore_errors=True)
    return exe


def dev_install() -> Path:
    """The ``lintnews`` script of the interpreter running the benchmark (the dev venv)."""
    return Path(sys.executable).parent / "lintnews"


def lintnews_exe(kind: str, work: Path) -> Path:
    """``wheel``: a regular install built from the tree; ``dev``: this venv's script."""
    if kind == "dev":
        return dev_install()
    return wheel_install(work)


def _run(cmd: list[str]) -> None:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # pip compiles the installed bytecode
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        tail = " | ".join((r.stderr or r.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"{' '.join(cmd[:5])}... failed: {tail}")


def reference_import(lintnews: Path | str) -> list[str]:
    """``python -c "import typer, rich, pluggy"``, the issue's start-up yardstick,
    run by the interpreter of ``lintnews``'s venv.

    Why not ``sys.executable``: the Python running the benchmark need not have
    typer installed, and then the reference dies at once with ImportError (exit
    1, which the timing loop accepts because lintnews exits 1 on violations):
    a fresh machine timed a failed import as the reference, 0.059 s.  The
    venv that holds lintnews holds its dependencies, typer, rich and pluggy.
    Exits with a message when the import fails there too.
    """
    python = Path(lintnews).parent / "python"
    cmd = [str(python if python.exists() else sys.executable), "-c", "import typer, rich, pluggy"]
    probe = subprocess.run(cmd, capture_output=True, text=True)
    if probe.returncode != 0:
        tail = " | ".join(probe.stderr.strip().splitlines()[-2:])
        sys.exit(f"the start-up reference {cmd[0]} -c 'import typer, rich, pluggy' failed: {tail}")
    return cmd
