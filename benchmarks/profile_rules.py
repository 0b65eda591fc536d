"""CPU per article spent in the reader, each rule and each metrics hook.

Usage::

    .venv/bin/python benchmarks/profile_rules.py DIR [--repeat N] [--limit N]
    .venv/bin/python benchmarks/profile_rules.py DIR --cprofile RD001 [--top 25]

Reads every file below ``DIR`` once (decoded as the engine would), then, for
each file, builds the article with the real reader hook, runs every active
article-level rule (``digest`` for run-level rules) and every
``lintnews_article_metrics`` implementation, each timed with
``time.process_time_ns`` into its own accumulator.  It prints milliseconds of
CPU per article per row, slowest first, and the total.

Why process time and one process: the figures are meant to be compared before
and after a change to a rule on a shared, loaded machine, where wall-clock
time moves with other people's work.  Rules that share a per-article cache
(``lintnews.analysis``) are charged in run order: the first rule that asks for
a shared view pays for it, as it would in a real run.

``--cprofile CODE`` profiles one row (a rule code, ``reader`` or a metrics
plugin name) with cProfile over the same files and prints its hottest
functions, so the hot spot can be found without the other rules' noise.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lintnews.config import load_config
from lintnews.decoding import decode_bytes
from lintnews.discovery import discover_files
from lintnews.engine import Engine


def _load(engine: Engine, root: str, limit: int | None) -> list[tuple[str, str, str]]:
    """``(path, text, format)`` of every checkable file below ``root``, read once."""
    paths, _ = discover_files([root], engine.config, engine.registry.reader_formats())
    files = []
    for path in paths[:limit] if limit else paths:
        try:
            decoded = decode_bytes(Path(path).read_bytes(), engine.encoding_for(path))
        except Exception:  # binary, undecodable: the engine would skip it too
            continue
        files.append((path, decoded.text, engine.format_for(path)))
    return files


def _steps(engine: Engine) -> list[tuple[str, Callable[[Any], Any]]]:
    """The timed steps after reading: ``(row name, fn(article))``."""
    steps: list[tuple[str, Callable[[Any], Any]]] = []
    for active in engine.selected_rules():
        rule, options = active.rule, active.options
        if rule.is_run_level:
            assert rule.digest is not None
            steps.append((rule.code, lambda a, r=rule, o=options: r.digest(a, o)))
        elif rule.check is not None:
            steps.append((rule.code, lambda a, r=rule, o=options: list(r.check(a, o) or ())))
    hook = engine.registry.pm.hook.lintnews_article_metrics
    config = engine.config
    for impl in hook.get_hookimpls():
        steps.append(
            (f"metrics:{impl.plugin_name}", lambda a, f=impl.function: f(article=a, config=config))
        )
    return steps


def _reader(engine: Engine) -> Callable[[str, str, str], Any]:
    hook = engine.registry.pm.hook.lintnews_read_article
    return lambda path, text, fmt: hook(path=path, text=text, format=fmt, config=engine.config)


def measure(engine: Engine, files: list[tuple[str, str, str]], repeat: int) -> dict[str, float]:
    """Total CPU nanoseconds per row over ``repeat`` passes of ``files``."""
    read = _reader(engine)
    steps = _steps(engine)
    totals: dict[str, int] = defaultdict(int)
    clock = time.process_time_ns
    for _ in range(repeat):
        for path, text, fmt in files:
            t0 = clock()
            article = read(path, text, fmt)
            totals[f"reader:{fmt}"] += clock() - t0
            for name, fn in steps:
                t0 = clock()
                try:
                    fn(article)
                except Exception as exc:  # report, as the engine would, and go on
                    print(f"{name} crashed on {path}: {exc!r}", file=sys.stderr)
                totals[name] += clock() - t0
    return dict(totals)


def profile_one(engine: Engine, files: list[tuple[str, str, str]], row: str, top: int) -> None:
    """cProfile only ``row`` over every file (other steps run unprofiled first).

    ``row`` is a rule code, ``metrics:PLUGIN``, ``reader`` (every format),
    ``reader:FORMAT`` or ``rules`` (every rule and metrics hook together).
    """
    read = _reader(engine)
    steps = _steps(engine)
    profiler = cProfile.Profile()
    target = [fn for name, fn in steps if name == row]
    if row == "rules":  # every rule and metrics hook, not the reader
        for path, text, fmt in files:
            article = read(path, text, fmt)
            profiler.enable()
            for _, fn in steps:
                fn(article)
            profiler.disable()
        files = []
    elif not row.startswith("reader") and not target:
        raise SystemExit(f"no row {row!r}; rows: reader, {', '.join(n for n, _ in steps)}")
    for path, text, fmt in files:
        if row in ("reader", f"reader:{fmt}"):
            profiler.runcall(read, path, text, fmt)
            continue
        if row.startswith("reader"):
            continue
        article = read(path, text, fmt)
        # Steps before the target run first, so shared caches are as warm as in a run.
        for name, fn in steps:
            if name == row:
                profiler.runcall(fn, article)
                break
            fn(article)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the files")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N files")
    parser.add_argument("--cprofile", metavar="ROW", help="profile one row with cProfile")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)

    engine = Engine(load_config(Path(args.directory)))
    files = _load(engine, os.path.abspath(args.directory), args.limit)
    if not files:
        raise SystemExit(f"no checkable files below {args.directory}")
    # One untimed pass: imports and lazily built tables are start-up, not per article.
    measure(engine, files[:20], 1)
    if args.cprofile:
        profile_one(engine, files, args.cprofile, args.top)
        return 0
    gc.collect()
    totals = measure(engine, files, args.repeat)
    n = len(files) * args.repeat
    total = sum(totals.values())
    print(f"{len(files)} files x {args.repeat}; CPU ms per article (process_time)")
    for name, ns in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{name:<24} {ns / n / 1e6:8.3f}")
    print(f"{'total':<24} {total / n / 1e6:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
