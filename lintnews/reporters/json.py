"""The ``json`` format: a public contract other tools parse.

Shape (only additive changes allowed)::

    {"version": str, "files_checked": int,
     "violations": [{"path", "line", "column", "end_line", "end_column", "code",
                     "name", "severity", "message", "plugin", "fixable"}],
     "errors": [{"path", "message"}],
     "metrics": {path: {...}},
     "statistics": [{"code", "name", "count", "fixable"}],  # with --statistics
     "skipped": [{"path", "message"}],   # files skipped on purpose (binary, too large)
     "fixed": [{"path", "code", "name", "line", "column", "message", "safe"}]}  # with --fix

Lines and columns are 1-based, columns in Unicode code points.

The reporter writes the document as it goes, one violation per line and one
file's metrics per line (no indentation): a large run's results stream
from the spool (lintnews.spool) and never exist as one Python object, and
unindented encoding uses the C encoder (``indent`` would force the pure-Python
one, about 3x slower).  Whitespace is not part of the contract.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from lintnews.reporters.base import Reporter, notes_of, rule_statistics

if TYPE_CHECKING:
    from lintnews.engine import RunResult

__all__ = ["JsonReporter", "result_to_dict"]


def result_to_dict(result: RunResult, *, statistics: bool = False) -> dict[str, Any]:
    """The JSON contract as a Python object."""
    from lintnews import __version__

    violations = result.violations()
    out: dict[str, Any] = {
        "version": __version__,
        "files_checked": result.files_checked,
        "violations": [v.to_dict() for v in violations],
        "errors": [e.to_dict() for e in result.all_errors()],
        "metrics": result.metrics(),
    }
    fixed = getattr(result, "fixed", None)
    if fixed is not None:  # a --fix run: what was fixed before this check
        out["fixed"] = [f.to_dict() for f in fixed]
    skipped = notes_of(result)
    if skipped:
        out["skipped"] = [note.to_dict() for note in skipped]
    if statistics:
        out["statistics"] = [s.to_dict() for s in rule_statistics(violations)]
    return out


class JsonReporter(Reporter):
    """One JSON document for the whole run; errors go in it, not on stderr."""

    name = "json"
    description = "one JSON document: violations, errors, metrics (a stable contract)"

    def report(self, result: RunResult) -> None:
        import shutil
        import tempfile

        from lintnews import __version__

        dumps = json.JSONEncoder(ensure_ascii=False, default=_jsonable).encode
        write = self.stream.write
        checked = dumps(result.files_checked)
        write(f'{{"version": {dumps(__version__)}, "files_checked": {checked},')
        write('\n"violations": [')
        # One pass over the files: violations go out now, metrics (which come
        # after errors in the document) wait in a temporary file that stays in
        # memory up to a megabyte.
        with tempfile.SpooledTemporaryFile(
            max_size=1 << 20, mode="w+", encoding="utf-8", newline="\n"
        ) as metrics:
            first_violation = first_metrics = True
            for f in result.files:
                if f.violations:
                    for v in sorted(f.violations, key=lambda v: v.sort_key()):
                        write(("\n" if first_violation else ",\n") + dumps(v.to_dict()))
                        first_violation = False
                if f.metrics:
                    metrics.write("\n" if first_metrics else ",\n")
                    metrics.write(f"{dumps(f.path)}: {dumps(dict(f.metrics))}")
                    first_metrics = False
            write("]" if first_violation else "\n]")
            _write_list(write, "errors", (e.to_dict() for e in result.all_errors()), dumps)
            write(',\n"metrics": {')
            metrics.seek(0)
            shutil.copyfileobj(metrics, self.stream)
            write("}" if first_metrics else "\n}")
        fixed = getattr(result, "fixed", None)
        if fixed is not None:  # a --fix run: what was fixed before this check
            _write_list(write, "fixed", (f.to_dict() for f in fixed), dumps)
        skipped = notes_of(result)
        if skipped:
            _write_list(write, "skipped", (n.to_dict() for n in skipped), dumps)
        if self.statistics:
            stats = (s.to_dict() for s in result.rule_statistics())
            _write_list(write, "statistics", stats, dumps)
        write("\n}\n")
        self.stream.flush()


def _write_list(
    write: Callable[[str], Any],
    key: str,
    items: Iterable[Any],
    dumps: Callable[[Any], str],
) -> None:
    """``,"key": [`` then one item per line, then ``]``."""
    write(f',\n"{key}": [')
    first = True
    for item in items:
        write(("\n" if first else ",\n") + dumps(item))
        first = False
    write("]" if first else "\n]")


def _jsonable(value: Any) -> Any:
    """Metrics from plugins may hold tuples, sets or enums; make them JSON."""
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "value"):
        return value.value
    return str(value)
