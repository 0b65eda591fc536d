"""The ``sarif`` format: SARIF 2.1.0 for code-scanning dashboards.

GitHub code scanning (``github/codeql-action/upload-sarif``), Azure DevOps
and editors' SARIF viewers read it.  One run, with:

- ``tool.driver``: name, version, informationUri and every rule that ran
  (id, name, short and full description, default level, help text);
- one result per violation: ruleId, ruleIndex, level, message, a physical
  location (artifact URI relative to ``%SRCROOT%``, the directory lintnews
  ran in; 1-based region, end column exclusive as SARIF defines it), and
  ``partialFingerprints`` that survive unrelated edits (see
  :mod:`lintnews.baseline`);
- ``columnKind: unicodeCodePoints``, because lintnews counts columns in code
  points;
- an invocation whose notifications carry file and plugin errors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from lintnews.baseline import SourceCache, fingerprints, normalise_path
from lintnews.reporters.base import Reporter, notes_of
from lintnews.violations import Severity

if TYPE_CHECKING:
    from lintnews.engine import RunResult
    from lintnews.rules import Rule
    from lintnews.violations import Violation

__all__ = ["SARIF_SCHEMA", "SarifReporter", "artifact_location", "sarif_level"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: key of lintnews' fingerprint in ``partialFingerprints`` (versioned: a new
#: hashing scheme gets a new key instead of silently re-keying alerts)
FINGERPRINT_KEY = "lintnewsContent/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_level(severity: Severity) -> str:
    return _LEVELS[severity]


def information_uri() -> str:
    """The project's home page from the installed metadata, else its PyPI page."""
    try:
        from importlib.metadata import metadata

        for entry in metadata("lintnews").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("homepage", "home", "source", "repository"):
                return url.strip()
    except Exception:
        pass
    return "https://pypi.org/project/lintnews/"


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI against ``%SRCROOT%``, or an absolute ``file:`` URI."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(normalise_path(path)), "uriBaseId": "%SRCROOT%"}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    # The explanation is Markdown with "## What it does"-style headings; the
    # plain-text description keeps the prose (help.markdown keeps it all).
    prose = [line for line in rule.explanation.splitlines() if not line.lstrip().startswith("#")]
    full = " ".join(" ".join(prose).split()) or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": sarif_level(rule.severity)},
        "help": {"text": f"{rule.summary}\n\n{full}", "markdown": rule.documentation()},
        "properties": {"tags": [rule.plugin] if rule.plugin else [], "fixable": rule.fixable},
    }


class SarifReporter(Reporter):
    """One SARIF 2.1.0 log with one run."""

    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning, SARIF viewers)"

    def __init__(self, stream: TextIO, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        #: decoded texts for fingerprints (stdin comes from the CLI, files are read)
        self.texts = SourceCache(kwargs.get("sources"))

    def _rules(self, result: RunResult, violations: list[Violation]) -> list[Rule]:
        """The rules that ran, plus any rule a violation names that is not among them."""
        rules: dict[str, Rule] = {r.code: r for r in result.rules}
        for v in violations:
            if v.code not in rules and self.registry is not None:
                rule = self.registry.rule(v.code)
                if rule is not None:
                    rules[v.code] = rule
        return [rules[code] for code in sorted(rules)]

    def to_dict(self, result: RunResult) -> dict[str, Any]:
        from lintnews import __version__

        violations = result.violations()
        rules = self._rules(result, violations)
        index = {rule.code: i for i, rule in enumerate(rules)}
        prints = fingerprints(violations, self.texts)
        results = []
        for v, fp in zip(violations, prints, strict=True):
            item: dict[str, Any] = {
                "ruleId": v.code,
                "level": sarif_level(v.severity),
                "message": {"text": v.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": artifact_location(v.path),
                            "region": {
                                "startLine": v.line,
                                "startColumn": v.column,
                                "endLine": v.end_line,
                                "endColumn": v.end_column,
                            },
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: fp},
                "properties": {"name": v.name, "plugin": v.plugin, "fixable": v.fixable},
            }
            if v.code in index:
                item["ruleIndex"] = index[v.code]
            results.append(item)
        notifications = [_notification("error", e.path, e.message) for e in result.all_errors()] + [
            _notification("note", n.path, n.message) for n in notes_of(result)
        ]
        invocation: dict[str, Any] = {"executionSuccessful": not result.all_errors()}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "lintnews",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": information_uri(),
                    "rules": [_rule_descriptor(r) for r in rules],
                }
            },
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}

    def report(self, result: RunResult) -> None:
        json.dump(self.to_dict(result), self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
        self.stream.flush()


def _notification(level: str, path: str, message: str) -> dict[str, Any]:
    note: dict[str, Any] = {"level": level, "message": {"text": message}}
    if path and path != "-":
        note["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]
    return note
