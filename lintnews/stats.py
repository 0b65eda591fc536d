"""``lintnews stats``: every article's scores as a table a desk can track.

Why a command of its own: ``check --format json`` already carries each file's
``metrics``, but a desk following readability over time wants one row per
article (text, JSON or CSV) and a summary, without the violations.

The figures are not recomputed here.  The run goes through the same engine as
``check`` (discovery, configuration, excludes, encodings, readers, the
``lintnews_article_metrics`` hook, workers and result cache), so a row holds
exactly what ``check --format json`` puts in ``metrics`` for that file: body
prose only (the readability plugin leaves out headline, front matter,
headings and boilerplate lines).  Only the rules are switched off: the
engine is built with every loaded rule code added to ``ignore``, which halves
the CPU of a cold run, and which validates the user's own selectors as
``check`` would (a bad config is still exit 2).  Such an engine keeps its
own entries in the result cache (its configuration differs from check's).

Rows are flat: the readability plugin's keys keep their names (``words``,
``flesch_reading_ease``...); another plugin's metrics become
``namespace.key`` columns, after the built-in ones, sorted.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import statistics
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from lintnews.errors import UsageError

if TYPE_CHECKING:
    from lintnews.config import Config
    from lintnews.engine import Engine, RunResult
    from lintnews.violations import FileError

__all__ = [
    "BASE_COLUMNS",
    "FORMATS",
    "StatsRun",
    "collect",
    "flatten",
    "metrics_engine",
    "render",
    "run_stats",
    "summarise",
]

FORMATS = ("text", "json", "csv")

#: the namespace whose keys are columns without a prefix (the built-in plugin)
BUILTIN_NAMESPACE = "readability"

#: columns always present, in this order (CSV files appended over time line up)
BASE_COLUMNS = (
    "path",
    "words",
    "sentences",
    "paragraphs",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "syllables",
    "polysyllabic_words",
    "longest_sentence_words",
    "avg_words_per_sentence",
    "avg_syllables_per_word",
    "language",
    "non_ascii_letter_share",
    "english_function_word_share",
)

#: short headers for the text table (other columns are shown by name)
TEXT_LABELS = {
    "path": "path",
    "words": "words",
    "sentences": "sentences",
    "paragraphs": "paragraphs",
    "flesch_reading_ease": "ease",
    "flesch_kincaid_grade": "grade",
    "syllables": "syllables",
    "polysyllabic_words": "polysyl",
    "longest_sentence_words": "longest",
    "avg_words_per_sentence": "words/sent",
    "avg_syllables_per_word": "syl/word",
    "language": "lang",
    "non_ascii_letter_share": "non-ascii",
    "english_function_word_share": "en-function",
}

#: what the short headers mean, printed under the text table
TEXT_LEGEND = (
    "ease: Flesch reading ease; grade: Flesch-Kincaid grade; longest: words in the longest sentence"
)

#: decimals of the summary's mean and median
SUMMARY_DECIMALS = 3


@dataclass
class StatsRun:
    """Rows (one per measured file, in path order) and what went wrong."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[FileError] = field(default_factory=list)

    def columns(self) -> list[str]:
        """:data:`BASE_COLUMNS` then every other column seen, sorted."""
        extra = sorted({k for row in self.rows for k in row} - set(BASE_COLUMNS))
        return [*BASE_COLUMNS, *extra]


# -- the engine ------------------------------------------------------------------------
def metrics_engine(config: Config) -> Engine:
    """An engine that reads and measures files like ``check``'s, with no rule running.

    The config's own selectors, options and globs are validated against the
    loaded plugins as for ``check``; every rule code is then added to
    ``ignore`` (a full code outranks any selector, so nothing is selected
    back).  The plugins are loaded once; where ``fork`` is not available such
    an engine runs in one process (see lintnews.parallel).
    """
    from lintnews.engine import Engine
    from lintnews.manager import PluginRegistry

    registry = PluginRegistry(local_plugins=config.plugins, base_dir=config.root)
    quiet = dataclasses.replace(
        config,
        ignore=(*config.ignore, *registry.rules),
        report_unused_suppressions=False,
    )
    return Engine(quiet, registry=registry)


# -- rows --------------------------------------------------------------------------------
def flatten(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """One file's ``metrics`` object as flat columns (see the module docstring)."""
    row: dict[str, Any] = {}
    for namespace, value in metrics.items():
        prefix = "" if namespace == BUILTIN_NAMESPACE else f"{namespace}."
        if isinstance(value, Mapping):
            _flatten_into(row, prefix, value)
        else:
            row[namespace] = value
    return row


def _flatten_into(row: dict[str, Any], prefix: str, value: Mapping[str, Any]) -> None:
    for key, item in value.items():
        if isinstance(item, Mapping):
            _flatten_into(row, f"{prefix}{key}.", item)
        else:
            row[f"{prefix}{key}"] = item


def collect(result: RunResult) -> StatsRun:
    """Rows for the files that were read (one pass over ``result.files``)."""
    run = StatsRun(errors=list(result.all_errors()), notes=list(result.notes()))
    for f in result.files:
        if f.checked:
            run.rows.append({"path": f.path, **flatten(f.metrics)})
    return run


# -- summary -----------------------------------------------------------------------------
def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def summarise(rows: Sequence[Mapping[str, Any]], columns: Iterable[str]) -> dict[str, Any]:
    """``{"files": N, "metrics": {column: {count, mean, median, min, max}}}``.

    Only numeric columns, each over the files that have a value (reading ease
    is absent for non-English articles); mean and median are rounded to
    :data:`SUMMARY_DECIMALS`, min and max are the files' own figures.
    """
    out: dict[str, Any] = {}
    for column in columns:
        values = [row[column] for row in rows if _is_number(row.get(column))]
        if not values:
            continue
        out[column] = {
            "count": len(values),
            "mean": round(statistics.fmean(values), SUMMARY_DECIMALS),
            "median": round(float(statistics.median(values)), SUMMARY_DECIMALS),
            "min": min(values),
            "max": max(values),
        }
    return {"files": len(rows), "metrics": out}


# -- output ------------------------------------------------------------------------------
def render(run: StatsRun, output_format: str, stream: TextIO) -> None:
    """Write ``run`` as ``text``, ``json`` or ``csv`` to ``stream``."""
    columns = run.columns()
    if output_format == "json":
        _render_json(run, columns, stream)
    elif output_format == "csv":
        _render_csv(run, columns, stream)
    else:
        _render_text(run, columns, stream)


def _render_json(run: StatsRun, columns: list[str], stream: TextIO) -> None:
    files = [{c: row.get(c) for c in columns} for row in run.rows]
    doc = {"files": files, "summary": summarise(run.rows, columns)}
    json.dump(doc, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _render_csv(run: StatsRun, columns: list[str], stream: TextIO) -> None:
    # lineterminator "\n": the stream may be a text file opened with newline="\n"
    # or standard output; csv's default "\r\n" would give CRLF on POSIX.
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in run.rows:
        writer.writerow({c: "" if row.get(c) is None else row[c] for c in columns})


def _decimals(values: Iterable[Any]) -> int:
    """Decimals to show a column with: as many as its figures have (at most 3)."""
    most = 0
    for value in values:
        if isinstance(value, float) and math.isfinite(value):
            text = repr(value)
            most = max(most, len(text) - text.index(".") - 1 if "." in text else 0)
    return min(most, SUMMARY_DECIMALS)


def _cell(value: Any, decimals: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) or (decimals and _is_number(value)):
        return f"{value:.{decimals}f}"
    return str(value)


def _table(header: list[str], body: list[list[str]], left: int = 1) -> list[str]:
    """Aligned columns: the first ``left`` flush left, the rest right (numbers)."""
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = []
    for r in [header, *body]:
        cells = [
            cell.ljust(width) if i < left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _render_text(run: StatsRun, columns: list[str], stream: TextIO) -> None:
    if not run.rows:
        stream.write("No files measured.\n")
        return
    # Columns no file has a value for (the non-English shares, usually) are left out.
    shown = [c for c in columns if c == "path" or any(row.get(c) is not None for row in run.rows)]
    header = [TEXT_LABELS.get(c, c) for c in shown]
    places = {c: _decimals(row.get(c) for row in run.rows) for c in shown}
    body = [[_cell(row.get(c), places[c]) for c in shown] for row in run.rows]
    out = _table(header, body)
    summary = summarise(run.rows, shown)
    n = summary["files"]
    out += ["", f"{n} file{'s' if n != 1 else ''} measured; {TEXT_LEGEND}.", ""]
    stats_rows = [
        [
            TEXT_LABELS.get(column, column),
            str(s["count"]),
            _cell(s["mean"], max(places[column], 2)),
            _cell(s["median"], max(places[column], 2)),
            _cell(s["min"], places[column]),
            _cell(s["max"], places[column]),
        ]
        for column, s in summary["metrics"].items()
    ]
    out += _table(["metric", "count", "mean", "median", "min", "max"], stats_rows)
    stream.write("\n".join(out) + "\n")


# -- the command -------------------------------------------------------------------------
def report_problems(run: StatsRun, stream: TextIO, *, verbose: bool = False) -> None:
    """One line per skipped file and per error, as ``check``'s text output has them."""
    for note in run.notes:
        where = f"{note.path}: " if note.path else ""
        stream.write(f"lintnews: skipped {where}{' '.join(note.message.split())}\n")
    for error in run.errors:
        where = f"{error.path}: " if error.path else ""
        stream.write(f"lintnews: error: {where}{' '.join(error.message.split())}\n")
        if verbose and error.detail:
            stream.write(error.detail.rstrip() + "\n")


def run_stats(
    config: Config,
    paths: Sequence[str],
    *,
    output_format: str = "text",
    output: Path | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    stdin_filename: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    verbose: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """The body of ``lintnews stats``: 0, or 2 when any file (or plugin) had an error.

    Usage errors (unknown format, missing path, unwritable output) raise
    :class:`~lintnews.errors.UsageError` before any file is read.
    """
    import os

    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    if output_format not in FORMATS:
        raise UsageError(
            f"unknown format {output_format!r} for stats (choose from {', '.join(FORMATS)})"
        )
    paths = list(paths) or ["."]
    use_stdin = "-" in paths
    file_paths = [p for p in paths if p != "-"]
    missing = [p for p in file_paths if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    if stdin_filename is not None and (not use_stdin or file_paths):
        raise UsageError("--stdin-filename needs '-' as the only path")

    engine = metrics_engine(config)
    if use_stdin and not file_paths:
        # As `check -`: bytes decoded as UTF-8 whatever the locale says.
        text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
        result = engine.lint_text(text, filename=stdin_filename or "-")
    else:
        cache = None
        if use_cache:
            from lintnews.cache import ResultCache

            cache = ResultCache.for_engine(engine, cache_dir)
        result = engine.lint_paths(paths, progress=progress, jobs=jobs, cache=cache, spool=None)
    run = collect(result)

    # Render into memory first: a bad --output leaves no half-written file behind.
    buffer = io.StringIO()
    render(run, output_format, buffer)
    if output is not None:
        try:
            with open(output, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(buffer.getvalue())
        except OSError as exc:
            raise UsageError(f"cannot write {str(output)!r}: {exc.strerror or exc}") from None
    else:
        stdout.write(buffer.getvalue())
    report_problems(run, stderr, verbose=verbose)
    return 2 if run.errors else 0
