"""The ``github`` format: GitHub Actions workflow commands, shown as annotations.

Each violation becomes one line the Actions runner turns into an annotation
on the pull request's diff::

    ::warning file=a.md,line=3,col=1,endLine=3,endColumn=9,title=PW001 paywall-prompt::Paywall …

Severities map to ``error``, ``warning`` and ``notice``.  Escaping follows
the runner's rules (actions/toolkit ``escapeData``/``escapeProperty``): in
the message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; property
values (file, title) also escape ``:`` and ``,`` as ``%3A`` and ``%2C``,
which would otherwise end the property list.  Columns are 1-based code
points; ``endColumn`` is the column just after the span, as in every other
lintnews format.  File errors become ``::error`` annotations too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lintnews.baseline import normalise_path
from lintnews.reporters.base import Reporter, iter_violations
from lintnews.violations import Severity

if TYPE_CHECKING:
    from lintnews.engine import RunResult
    from lintnews.violations import Violation

__all__ = ["GithubReporter", "escape_data", "escape_property"]

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%`` first, so escapes stay intact)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_violation(v: Violation) -> str:
    props = [
        ("file", normalise_path(v.path)),
        ("line", str(v.line)),
        ("col", str(v.column)),
        ("endLine", str(v.end_line)),
        ("endColumn", str(v.end_column)),
        ("title", f"{v.code} {v.name}"),
    ]
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_COMMANDS[v.severity]} {joined}::{escape_data(v.message)}"


class GithubReporter(Reporter):
    """Workflow commands on stdout: annotations in the Actions UI."""

    name = "github"
    description = "GitHub Actions annotations (workflow commands)"

    def report(self, result: RunResult) -> None:
        write = self.stream.write
        for v in iter_violations(result):  # one file at a time: large runs stream
            write(format_violation(v) + "\n")
        for error in result.all_errors():
            props = [("title", "lintnews")]
            if error.path and error.path != "-":
                props.insert(0, ("file", normalise_path(error.path)))
            joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
            write(f"::error {joined}::{escape_data(error.message)}\n")
        self.stream.flush()
