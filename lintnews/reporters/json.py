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
"""

from __future__ import annotations

import json
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
        json.dump(
            result_to_dict(result, statistics=self.statistics),
            self.stream,
            indent=2,
            ensure_ascii=False,
            default=_jsonable,
        )
        self.stream.write("\n")
        self.stream.flush()


def _jsonable(value: Any) -> Any:
    """Metrics from plugins may hold tuples, sets or enums; make them JSON."""
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "value"):
        return value.value
    return str(value)
