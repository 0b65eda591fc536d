"""The reporter protocol: how an output format plugin turns a run into text.

A reporter is a class registered through the ``lintnews_output_formats``
hook.  The CLI builds one per run and calls :meth:`Reporter.report` once with
the whole :class:`~lintnews.engine.RunResult`; a reporter never re-reads or
re-parses articles (apart from fetching the offending source line for
``--show-source``, which :meth:`Reporter.source_line` does for it).

A large run's ``result.files`` is read back from disk on each iteration
(see lintnews.spool): a reporter that iterates it once and writes as it goes
(:func:`iter_violations`, ``result.tally()`` for counts) keeps memory flat;
``result.violations()`` and ``result.metrics()`` build everything in memory.

Subclass it for a new format::

    class SarifReporter(Reporter):
        name = "sarif"
        description = "SARIF 2.1.0 for code-scanning dashboards"

        def report(self, result):
            self.stream.write(json.dumps(...))

If a subclass overrides ``__init__`` it must accept and forward ``**kwargs``:
the CLI may pass keyword arguments added after it was written.
"""

from __future__ import annotations

import sys
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

if TYPE_CHECKING:
    from lintnews.checking import FileResult
    from lintnews.engine import RunResult
    from lintnews.violations import FileError, Violation

__all__ = ["Reporter", "RuleStatistic", "iter_violations", "notes_of", "rule_statistics"]

#: files read by :meth:`Reporter.source_line` kept at once (violations come in path order)
_SOURCE_CACHE = 4


@dataclass(frozen=True, slots=True)
class RuleStatistic:
    """How often one rule fired in a run (``--statistics``)."""

    code: str
    name: str
    count: int
    fixable: int

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "count": self.count, "fixable": self.fixable}


def rule_statistics(violations: list[Violation]) -> list[RuleStatistic]:
    """Per-rule counts, most frequent first (ties by code)."""
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    names: dict[str, str] = {}
    for v in violations:
        counts[v.code] += 1
        names[v.code] = v.name
        if v.fixable:
            fixable[v.code] += 1
    return [
        RuleStatistic(code, names[code], n, fixable[code])
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def iter_violations(result: RunResult) -> Iterator[Violation]:
    """``result.violations()`` one file at a time: the same order, nothing held.

    Files come sorted by path and a violation's path is its file's, so
    sorting each file's violations by (path, line, column, code) gives the
    global order.
    """
    for f in result.files:
        if f.violations:
            yield from sorted(f.violations, key=lambda v: v.sort_key())


def notes_of(result: RunResult) -> list[FileError]:
    """Files the engine skipped on purpose (binary, too large): not errors."""
    notes = getattr(result, "notes", None)
    return list(notes()) if callable(notes) else []


class Reporter:
    """Base class of every output format.

    :param stream: where the report goes (stdout or the ``--output`` file).
    :param color: whether ANSI colour is wanted (decided by the CLI: a TTY,
        or ``--color``); formats meant for machines ignore it.
    :param show_source: print the offending line under each violation.
    :param registry: the :class:`~lintnews.manager.PluginRegistry` (rule
        metadata for formats that describe rules, such as SARIF).
    :param config: the resolved :class:`~lintnews.config.Config`.
    :param statistics: include per-rule counts.
    :param quiet: only the violations, no summary.
    :param verbose: include details (tracebacks) of errors.
    :param error_stream: where human-oriented formats print file errors.
    :param sources: already decoded texts by path (stdin), for ``source_line``.
    """

    #: the ``--format`` name
    name: ClassVar[str] = ""
    #: one line for ``lintnews check --help`` and the README
    description: ClassVar[str] = ""
    #: optional per-file work done where each result is made, in the workers,
    #: while a large run is checked: a picklable module-level function
    #: ``(FileResult) -> bytes | None``.  Its bytes wait in the spool and
    #: ``result.files.prepared()`` hands them back, with each file's
    #: run-level violations, to :meth:`report` (which must still accept a
    #: run without them: small runs, cached results, other formats).  Why:
    #: after the workers finish, the parent alone writes the report while the
    #: other cores idle (see lintnews.reporters.json).
    prepare_file: ClassVar[Callable[[FileResult], bytes | None] | None] = None
    #: False: with :attr:`prepare_file`, :meth:`report` reads a large run's
    #: files only through ``result.files.prepared()`` (and ``result.files[i]``
    #: where that gives None), so the run need not keep the results it
    #: prepared: workers skip pickling them (see lintnews.spool)
    reads_whole_results: ClassVar[bool] = True

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool = False,
        show_source: bool = False,
        registry: Any = None,
        config: Any = None,
        statistics: bool = False,
        quiet: bool = False,
        verbose: bool = False,
        error_stream: TextIO | None = None,
        sources: Mapping[str, str] | None = None,
        **_future: Any,
    ) -> None:
        self.stream = stream
        self.color = color
        self.show_source = show_source
        self.registry = registry
        self.config = config
        self.statistics = statistics
        self.quiet = quiet
        self.verbose = verbose
        self.error_stream = error_stream if error_stream is not None else sys.stderr
        self._sources: dict[str, list[str] | None] = {
            path: _split_lines(text) for path, text in (sources or {}).items()
        }
        #: files read from disk, the most recent few (a large run has many)
        self._read: OrderedDict[str, list[str] | None] = OrderedDict()

    def report(self, result: RunResult) -> None:
        """Write the whole report for ``result`` to :attr:`stream`."""
        raise NotImplementedError

    # -- helpers for subclasses --------------------------------------------
    def source_line(self, path: str, line: int) -> str | None:
        """The text of 1-based ``line`` of ``path``, or None if unavailable.

        Files are decoded as UTF-8 with replacement, which matches the
        engine's decoding for every UTF-8 file; for other encodings the caret
        may be off, which is acceptable for a display aid.
        """
        if path in self._sources:
            lines = self._sources[path]
        elif path in self._read:
            lines = self._read[path]
            self._read.move_to_end(path)
        else:
            try:
                with open(path, encoding="utf-8", errors="replace", newline="") as fh:
                    lines = _split_lines(fh.read())
            except OSError:
                lines = None
            self._read[path] = lines
            if len(self._read) > _SOURCE_CACHE:
                self._read.popitem(last=False)
        if lines is None or not 1 <= line <= len(lines):
            return None
        return lines[line - 1]


def _split_lines(text: str) -> list[str]:
    """Lines as the engine counts them: only ``\\n`` ends a line."""
    return [line.removesuffix("\r") for line in text.split("\n")]
