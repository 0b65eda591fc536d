"""The ``junit`` format: JUnit XML, the report every CI system can show.

Jenkins, GitLab (``artifacts: reports: junit:``), Azure Pipelines and
CircleCI display JUnit XML as test results.  Layout:

- ``<testsuites>`` holding one ``<testsuite name="lintnews">``;
- one ``<testcase>`` per checked file (``classname`` and ``name`` are the
  path), so clean files show as passing tests;
- one ``<failure type="CODE" message="...">`` per violation, whose text is
  ``path:line:column: CODE message [name]`` and the span's end position;
- one ``<error>`` per file error, ``<skipped>`` for files skipped on purpose.

Counts: ``tests`` is the number of files, ``failures`` the number of
``<failure>`` elements (violations), ``errors`` the number of ``<error>``
elements, ``skipped`` the skipped files; the same on both levels.  The XML
is built with :mod:`xml.etree.ElementTree`, so escaping is right by
construction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from lintnews.reporters.base import Reporter, notes_of

if TYPE_CHECKING:
    from lintnews.engine import RunResult
    from lintnews.violations import FileError, Violation

__all__ = ["JunitReporter", "build_tree"]

#: the run-level pseudo test case for errors that belong to no file
_RUN = "lintnews"


def _failure_text(v: Violation) -> str:
    return (
        f"{v.path}:{v.line}:{v.column}: {v.code} {v.message} [{v.name}]\n"
        f"severity: {v.severity.value}; span ends at line {v.end_line}, column {v.end_column}"
    )


def _strip_invalid(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped; drop them."""
    return "".join(
        ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
    )


def build_tree(result: RunResult) -> ET.Element:
    by_path: dict[str, list[Violation]] = defaultdict(list)
    for v in result.violations():
        by_path[v.path].append(v)
    errors: dict[str, list[FileError]] = defaultdict(list)
    for e in result.all_errors():
        errors[e.path or _RUN].append(e)
    notes: dict[str, list[str]] = defaultdict(list)
    for n in notes_of(result):
        notes[n.path].append(n.message)

    paths = sorted({f.path for f in result.files} | set(by_path) | set(errors) | set(notes))
    root = ET.Element("testsuites", name="lintnews")
    suite = ET.SubElement(root, "testsuite", name="lintnews")
    n_fail = n_err = n_skip = 0
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname=_strip_invalid(path))
        case.set("name", _strip_invalid(path))
        for v in by_path.get(path, ()):
            failure = ET.SubElement(case, "failure", type=v.code, message=_strip_invalid(v.message))
            failure.text = _strip_invalid(_failure_text(v))
            n_fail += 1
        for e in errors.get(path, ()):
            error = ET.SubElement(case, "error", type="error", message=_strip_invalid(e.message))
            error.text = _strip_invalid(e.message)
            n_err += 1
        if path in notes and path not in by_path and path not in errors:
            ET.SubElement(case, "skipped", message=_strip_invalid("; ".join(notes[path])))
            n_skip += 1
    counts = {
        "tests": str(len(paths)),
        "failures": str(n_fail),
        "errors": str(n_err),
        "skipped": str(n_skip),
    }
    for element in (root, suite):
        for key, value in counts.items():
            element.set(key, value)
    return root


class JunitReporter(Reporter):
    """JUnit XML: a test case per file, a failure per violation."""

    name = "junit"
    description = "JUnit XML (a test case per file, a failure per violation)"

    def report(self, result: RunResult) -> None:
        tree = ET.ElementTree(build_tree(result))
        ET.indent(tree)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        tree.write(self.stream, encoding="unicode")
        self.stream.write("\n")
        self.stream.flush()
