"""The ``gitlab`` format: a GitLab Code Quality report.

GitLab reads it from ``artifacts: reports: codequality:`` and shows the
findings in merge requests.  The report is a JSON array of issues in GitLab's
subset of the Code Climate format::

    [{"description": "PW001 Paywall or registration prompt ...",
      "check_name": "PW001",
      "fingerprint": "…",
      "severity": "minor",
      "location": {"path": "news/a.md", "lines": {"begin": 14, "end": 14}}}]

Severities map error -> ``major``, warning -> ``minor``, info -> ``info``
(``critical`` and ``blocker`` are left for findings that break a build,
which lintnews does not make).  GitLab compares reports of the source and
target branches by ``fingerprint``, so it is a hash of path, code and the
violation's normalised content (see :mod:`lintnews.baseline`), never the line
number: a finding keeps its identity when text above it moves.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from lintnews.baseline import SourceCache, fingerprints, normalise_path
from lintnews.reporters.base import Reporter
from lintnews.violations import Severity

if TYPE_CHECKING:
    from lintnews.engine import RunResult

__all__ = ["GitlabReporter", "gitlab_severity"]

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_severity(severity: Severity) -> str:
    return _SEVERITIES[severity]


class GitlabReporter(Reporter):
    """A JSON array of Code Quality issues; file errors go to stderr."""

    name = "gitlab"
    description = "GitLab Code Quality report (JSON)"

    def __init__(self, stream: TextIO, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.texts = SourceCache(kwargs.get("sources"))

    def issues(self, result: RunResult) -> list[dict[str, Any]]:
        violations = result.violations()
        out = []
        for v, fp in zip(violations, fingerprints(violations, self.texts), strict=True):
            out.append(
                {
                    "type": "issue",
                    "description": f"{v.code} {v.message}",
                    "check_name": v.code,
                    "categories": ["Style"],
                    "fingerprint": fp.replace(":", "-"),
                    "severity": gitlab_severity(v.severity),
                    "location": {
                        "path": normalise_path(v.path),
                        "lines": {"begin": v.line, "end": v.end_line},
                    },
                }
            )
        return out

    def report(self, result: RunResult) -> None:
        json.dump(self.issues(result), self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
        self.stream.flush()
        for error in result.all_errors():
            where = f"{error.path}: " if error.path else ""
            self.error_stream.write(f"lintnews: error: {where}{error.message}\n")
