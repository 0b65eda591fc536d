"""Per-file results on disk during a large run, so memory follows the largest file.

Why: a run's output is final only after the run-level rules (HL006, HL007)
have seen every file's digest, so results used to stay in memory until the
reporter ran: memory grew with the number of files (309 MB at 20,000).  A
:class:`ResultSpool` writes each :class:`~lintnews.checking.FileResult` to an
anonymous temporary file as it arrives (the worker's pickle, as is) and
keeps only what the run needs before reporting:

- a :class:`Tally` (counts by severity and by rule, fixable counts, files with
  violations) for the exit code, summaries and ``--statistics``;
- each file's errors and notes (few), the run-level digests (small), and,
  for files with inline directives, what merging run-level violations needs.

:meth:`ResultSpool.finish` returns :class:`SpooledFiles`, the ``files`` of the
:class:`~lintnews.engine.RunResult`: a re-iterable sequence that reads the
results back in path order, with the run-level violations merged in on the
way.  Each iteration yields fresh objects: editing them changes nothing
(``list(result.files)`` gives an editable, in-memory copy).
"""

from __future__ import annotations

import bisect
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from lintnews.article import Directive
    from lintnews.checking import FileResult
    from lintnews.reporters.base import RuleStatistic
    from lintnews.rules import ArticleDigest
    from lintnews.violations import FileError, Violation

__all__ = ["SPOOL_THRESHOLD", "ResultSpool", "SpooledFiles", "Tally"]

#: runs of at least this many files spool their results (``spool=None``);
#: output is the same either way, smaller runs just skip the disk round trip
SPOOL_THRESHOLD = 500

#: a merge function: (file result, its run-level violations) -> None, in place
Merge = Callable[["FileResult", list["Violation"]], None]


@dataclass(slots=True)
class Tally:
    """What summaries need from the violations, without the violations."""

    by_severity: Counter[str] = field(default_factory=Counter)
    #: code -> [name, count, fixable]
    by_rule: dict[str, list[Any]] = field(default_factory=dict)
    files_with_violations: int = 0

    @classmethod
    def of(cls, files: Iterable[FileResult]) -> Tally:
        tally = cls()
        for f in files:
            tally.add(f.violations)
            if f.violations:
                tally.files_with_violations += 1
        return tally

    def add(self, violations: Iterable[Violation], sign: int = 1) -> None:
        """Count ``violations`` in (``sign=-1``: out)."""
        for v in violations:
            self.by_severity[v.severity.value] += sign
            entry = self.by_rule.get(v.code)
            if entry is None:
                entry = self.by_rule[v.code] = [v.name, 0, 0]
            entry[0] = v.name
            entry[1] += sign
            if v.fixable:
                entry[2] += sign

    @property
    def total(self) -> int:
        return sum(entry[1] for entry in self.by_rule.values())

    @property
    def fixable(self) -> int:
        return sum(entry[2] for entry in self.by_rule.values())

    def statistics(self) -> list[RuleStatistic]:
        """Per-rule counts, most frequent first (ties by code), as ``rule_statistics``."""
        from lintnews.reporters.base import RuleStatistic

        rows = [(code, e) for code, e in self.by_rule.items() if e[1] > 0]
        rows.sort(key=lambda item: (-item[1][1], item[0]))
        return [RuleStatistic(code, e[0], e[1], e[2]) for code, e in rows]


@dataclass(slots=True)
class _Entry:
    """Where one file's pickled result is, and what its summary needs."""

    path: str
    offset: int
    length: int
    violations: int
    errors: tuple[FileError, ...]  # tuples: the empty one costs nothing per file
    notes: tuple[str, ...]
    checked: bool


class ResultSpool:
    """Collects results on disk; see the module docstring.

    ``dir``: where the temporary file goes (default ``$TMPDIR``).  The file
    is anonymous where the OS allows it, so it disappears even if the
    process is killed; :meth:`close` (or garbage collection) removes it too.
    """

    def __init__(self, dir: str | os.PathLike[str] | None = None) -> None:
        import tempfile  # here, not at import: one-file runs never spool

        self._fh: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115 - lives as long as the result
            prefix="lintnews-spool-", dir=dir
        )
        self._end = 0
        self._entries: list[_Entry] = []
        self.tally = Tally()
        #: path -> the file's run-level digests, for the run-level rules
        self.digests: list[tuple[str, dict[str, ArticleDigest]]] = []
        #: path -> (ignored codes, directives, LN001 violations), only for
        #: files whose front matter ignores codes or that have directives
        self.light: dict[str, tuple[frozenset[str], tuple[Directive, ...], list[Violation]]] = {}
        self._paths: set[str] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, result: FileResult, blob: bytes | None = None) -> None:
        """Spool ``result`` (``blob``: its pickle, when a worker already made one)."""
        import pickle

        from lintnews.checking import SUPPRESSION_CODE

        if blob is None:
            blob = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        self._fh.write(blob)
        self._entries.append(
            _Entry(
                result.path,
                self._end,
                len(blob),
                len(result.violations),
                tuple(result.errors),
                tuple(result.notes),
                result.checked,
            )
        )
        self._end += len(blob)
        self.tally.add(result.violations)
        if result.violations:
            self.tally.files_with_violations += 1
        if result.digests:
            self.digests.append((result.path, result.digests))
        if result.directives or result.ignored_codes:
            ln001 = [v for v in result.violations if v.code == SUPPRESSION_CODE]
            self.light[result.path] = (result.ignored_codes, result.directives, ln001)

    def sort(self) -> None:
        """Path order, as the in-memory run sorts its results."""
        self._entries.sort(key=lambda e: e.path)
        self.digests.sort(key=lambda item: item[0])

    def ignored_codes(self, path: str) -> frozenset[str] | None:
        """What ``path``'s front matter ignores; None if ``path`` is not in the run."""
        if self._paths is None:
            self._paths = {e.path for e in self._entries}
        if path not in self._paths:
            return None
        light = self.light.get(path)
        return light[0] if light is not None else frozenset()

    def finish(self, found: dict[str, list[Violation]], merge: Merge) -> SpooledFiles:
        """Fold the run-level violations ``found`` (by path) into the tally.

        ``merge`` is the engine's merge; it runs here on a stand-in holding
        the file's directives and LN001 violations (all a merge can withdraw),
        and again on each full result as it is read back.
        """
        from lintnews.checking import FileResult

        self.digests = []
        counts = {e.path: e for e in self._entries}
        for path, violations in found.items():
            _, directives, ln001 = self.light.get(path, (frozenset(), (), []))
            stand_in = FileResult(path, violations=list(ln001), directives=directives)
            before = counts[path].violations
            merge(stand_in, violations)
            self.tally.add(ln001, -1)
            self.tally.add(stand_in.violations)
            after = before - len(ln001) + len(stand_in.violations)
            self.tally.files_with_violations += (after > 0) - (before > 0)
            counts[path].violations = after
        self.light = {}
        self._paths = None
        return SpooledFiles(self._fh, self._entries, found, merge, self.tally)


class SpooledFiles(Sequence["FileResult"]):
    """The run's file results, read back from the spool in path order.

    Iterating reads the file sequentially, one result at a time; indexing
    reads one result.  Errors, notes and the tally are in memory.
    """

    def __init__(
        self,
        fh: IO[bytes],
        entries: list[_Entry],
        found: dict[str, list[Violation]],
        merge: Merge,
        tally: Tally,
    ) -> None:
        self._fh = fh
        self._entries = entries
        self._found = found
        self._merge = merge
        self.tally = tally
        self.files_checked = sum(1 for e in entries if e.checked)

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> FileResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[FileResult]: ...
    def __getitem__(self, index: int | slice) -> FileResult | list[FileResult]:
        if isinstance(index, slice):
            return [self._load(e) for e in self._entries[index]]
        return self._load(self._entries[index])

    def __iter__(self) -> Iterator[FileResult]:
        for entry in self._entries:
            yield self._load(entry)

    def index_of(self, path: str) -> int:
        """Position of ``path`` (ValueError if it is not in the run)."""
        keys = [e.path for e in self._entries]
        i = bisect.bisect_left(keys, path)
        if i == len(keys) or keys[i] != path:
            raise ValueError(path)
        return i

    def _load(self, entry: _Entry) -> FileResult:
        import pickle

        self._fh.seek(entry.offset)
        result: FileResult = pickle.loads(self._fh.read(entry.length))
        result.digests = {}  # served the run-level rules; not part of the output
        extra = self._found.get(entry.path)
        if extra is not None:
            self._merge(result, extra)
        return result

    def errors(self) -> Iterator[FileError]:
        """Each file's errors, in path order."""
        for e in self._entries:
            yield from e.errors

    def notes(self) -> Iterator[tuple[str, str]]:
        """``(path, note)`` for files skipped on purpose, in path order."""
        for e in self._entries:
            for note in e.notes:
                yield e.path, note

    def close(self) -> None:
        self._fh.close()

    def __del__(self) -> None:
        fh = getattr(self, "_fh", None)
        if fh is not None:
            fh.close()
