"""The default human-readable formats: ``text`` and ``full``.

One line per violation, ``path:line:col: CODE message [rule-name]``, in the
shape editors and ``grep`` already understand (flake8, ruff, Vale).  A
fixable violation gets ruff's ``[*]`` marker.  ``full`` (or ``--show-source``)
adds the offending line with a caret underline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from lintnews.reporters.base import Reporter, iter_violations, notes_of

if TYPE_CHECKING:
    from lintnews.checking import FileResult
    from lintnews.engine import RunResult
    from lintnews.violations import FileError, Violation

__all__ = ["FullReporter", "TextReporter"]

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_CARET = "\033[35m"

#: longest source line shown in full; longer ones are cut around the span
_MAX_SOURCE_WIDTH = 120


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _count(files: list[FileResult]) -> tuple[int, int, int, Counter[str]]:
    """(violations, files with violations, fixable violations, count by severity value)."""
    by_severity: Counter[str] = Counter()
    total = in_files = fixable = 0
    for f in files:
        if f.violations:
            in_files += 1
            for v in f.violations:
                total += 1
                by_severity[v.severity.value] += 1
                if v.fixable:
                    fixable += 1
    return total, in_files, fixable, by_severity


class TextReporter(Reporter):
    """``path:line:col: CODE message [name]`` lines and a summary."""

    name = "text"
    description = "one line per violation, a summary (default)"

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def format_violation(self, v: Violation) -> str:
        sev = v.severity.value
        location = self._c(_BOLD, f"{v.path}:{v.line}:{v.column}:")
        code = self._c(_BOLD + _COLORS.get(sev, ""), v.code)
        marker = "[*] " if v.fixable else ""
        name = self._c(_DIM, f"[{v.name}]")
        return f"{location} {code} {marker}{v.message} {name}"

    def format_source(self, v: Violation) -> list[str]:
        """The offending line and a caret underline under the violation's span."""
        text = self.source_line(v.path, v.line)
        if text is None:
            return []
        start = max(v.column - 1, 0)
        end = v.end_column - 1 if v.end_line == v.line else len(text)
        end = min(max(end, start + 1), max(len(text), start + 1))
        # Cut very long lines (a whole paragraph is one line in most articles)
        # to a window around the span, so the caret stays on screen.
        offset = 0
        shown = text
        if len(text) > _MAX_SOURCE_WIDTH:
            offset = max(0, min(start - 20, len(text) - _MAX_SOURCE_WIDTH))
            shown = text[offset : offset + _MAX_SOURCE_WIDTH]
            if offset:
                shown = "…" + shown[1:]
            if offset + _MAX_SOURCE_WIDTH < len(text):
                shown = shown[:-1] + "…"
        s, e = start - offset, min(end - offset, len(shown) + 1)
        # Keep tabs in the padding so the caret lines up under tab-indented text.
        pad = "".join(ch if ch == "\t" else " " for ch in shown[:s])
        caret = "^" * max(e - s, 1)
        gutter = str(v.line)
        blank = " " * len(gutter)
        return [
            self._c(_DIM, f"{blank} |"),
            self._c(_DIM, f"{gutter} |") + f" {shown}",
            self._c(_DIM, f"{blank} |") + f" {pad}" + self._c(_CARET, caret),
            "",
        ]

    def format_error(self, error: FileError) -> list[str]:
        where = f"{error.path}: " if error.path else ""
        lines = [f"lintnews: error: {where}{error.message}"]
        if self.verbose and error.detail:
            lines.append(error.detail.rstrip())
        return lines

    def summary(self, result: RunResult, violations: list[Violation] | None = None) -> str:
        """The last line; counts from ``violations``, or from the run's tally."""
        files = _plural(result.files_checked, "file")
        counts: Mapping[str, int] | None = None
        if violations is not None:
            total = len(violations)
            in_files = len({v.path for v in violations})
            fixable = sum(1 for v in violations if v.fixable)
        elif type(result.files) is list:
            # results in memory: counted here, as Tally.of would count them,
            # without importing lintnews.spool (a one-file run never spools)
            total, in_files, fixable, counts = _count(result.files)
        else:
            tally = result.tally()
            total, in_files, fixable = tally.total, tally.files_with_violations, tally.fixable
        if not total:
            return f"All clear: {files} checked, no violations."
        if counts is None:
            counts = result.counts_by_severity()
        parts = [
            _plural(counts[sev], sev, "info" if sev == "info" else None)
            for sev in ("error", "warning", "info")
            if counts.get(sev)
        ]
        text = f"Found {_plural(total, 'violation')} ({', '.join(parts)}) in {in_files} of {files}"
        if fixable:
            text += f"; {fixable} fixable ([*])"
        return text + "."

    def report(self, result: RunResult) -> None:
        write = self.stream.write
        found = False
        for v in iter_violations(result):  # one file at a time: large runs stream
            found = True
            write(self.format_violation(v) + "\n")
            if self.show_source:
                for line in self.format_source(v):
                    write(line + "\n")
        for note in notes_of(result):
            where = f"{note.path}: " if note.path else ""
            self.error_stream.write(f"lintnews: skipped {where}{note.message}\n")
        for error in result.all_errors():
            for line in self.format_error(error):
                self.error_stream.write(line + "\n")
        if self.statistics and found:
            write("Statistics:\n" if self.show_source else "\nStatistics:\n")
            for stat in result.rule_statistics():
                marker = "[*]" if stat.fixable else "   "
                write(f"{stat.count:6d}  {stat.code}  {marker} {stat.name}\n")
        if not self.quiet:
            if found and (self.statistics or not self.show_source):
                write("\n")
            write(self.summary(result) + "\n")
        self.stream.flush()


class FullReporter(TextReporter):
    """``text`` with the offending source line and a caret under the span."""

    name = "full"
    description = "like text, with the offending line and a caret under it"

    def __init__(self, stream, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs["show_source"] = True
        super().__init__(stream, **kwargs)
