"""The ``json-lines`` format: one violation per line, for streaming into other tools.

Each line is exactly the violation object of the ``json`` contract
(``path, line, column, end_line, end_column, code, name, severity, message,
plugin, fixable``), so ``jq``, log shippers and databases can consume a run
line by line without holding the whole document.  File errors do not fit
that shape; they go to stderr as ``lintnews: PATH: MESSAGE`` lines.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lintnews.reporters.base import Reporter, iter_violations

if TYPE_CHECKING:
    from lintnews.engine import RunResult

__all__ = ["JsonLinesReporter"]


class JsonLinesReporter(Reporter):
    """``{...violation...}\\n`` per violation; errors on stderr."""

    name = "json-lines"
    description = "one JSON violation object per line (streaming)"

    def report(self, result: RunResult) -> None:
        write = self.stream.write
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for v in iter_violations(result):  # one file at a time: large runs stream
            write(dumps(v.to_dict()) + "\n")
        self.stream.flush()
        for error in result.all_errors():
            where = f"{error.path}: " if error.path else ""
            self.error_stream.write(f"lintnews: error: {where}{error.message}\n")
