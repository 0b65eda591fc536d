"""Per-file results on disk during a large run, so memory follows the largest file.

Why: a run's output is final only after the run-level rules (HL006, HL007)
have seen every file's digest, so results used to stay in memory until the
reporter ran: memory grew with the number of files (309 MB at 20,000).  A
:class:`ResultSpool` writes each :class:`~lintnews.checking.FileResult` to an
anonymous temporary file as it arrives (the worker's pickle, as is) and
keeps only what the run needs before reporting:

- a :class:`Tally` (counts by severity and by rule, fixable counts, files with
  violations) for the exit code, summaries and ``--statistics``;
- per file, its path, a few integers in arrays and the data of its run-level
  digests (a few hundred bytes for HL006 and HL007): no object per file;
- errors and notes, and what merging run-level violations needs (front-matter
  ignores, inline directives), only for the files that have them.

The run-level violations go to the same file as they are found
(:class:`RunFindings`): on an archive of copies, HL006 and HL007 report every
file with a message naming others.  Plain ones are stored as marshalled
tuples of their fields (pickling each was most of the engine's share of the
run-level step).

A run may also store, after each result, what the reporter's
``prepare_file`` made of it in the worker (:attr:`ResultSpool.prepared_by`;
the JSON reporter's encoded violations and metrics):
:meth:`SpooledFiles.prepared` hands those bytes back with each file's
run-level violations, so the reporter need not load and encode every result
after the workers finish.  A run whose reporter reads nothing else
(:attr:`ResultSpool.whole` False) does not keep those files' results at all:
workers do not pickle them, and reading one back raises ``LookupError``.

:meth:`ResultSpool.finish` returns :class:`SpooledFiles`, the ``files`` of the
:class:`~lintnews.engine.RunResult`: a re-iterable sequence that reads the
results back in path order, with the run-level violations merged in on the
way.  Each iteration yields fresh objects: editing them changes nothing
(``list(result.files)`` gives an editable, in-memory copy).
"""

from __future__ import annotations

import bisect
import dataclasses
import marshal
import os
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import IO, TYPE_CHECKING, Any, NamedTuple, overload

from lintnews.article import Span
from lintnews.violations import Severity, Violation

if TYPE_CHECKING:
    from lintnews.article import Directive
    from lintnews.checking import FileResult
    from lintnews.reporters.base import RuleStatistic
    from lintnews.rules import ArticleDigest
    from lintnews.violations import FileError

__all__ = [
    "SPOOL_THRESHOLD",
    "ResultSpool",
    "RunFindings",
    "SpooledFiles",
    "Summary",
    "Tally",
    "summarize",
]

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
            self.count(v.severity.value, v.code, v.name, v.fixable, sign)

    def count(self, severity: str, code: str, name: str, fixable: bool, sign: int = 1) -> None:
        """Count ``sign`` violations of this kind in (negative: out)."""
        self.by_severity[severity] += sign
        entry = self.by_rule.get(code)
        if entry is None:
            entry = self.by_rule[code] = [name, 0, 0]
        entry[0] = name
        entry[1] += sign
        if fixable:
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


class Summary(NamedTuple):
    """All :meth:`ResultSpool.add` reads of a result, without the result.

    Why: the spool stores a result's pickle and reads it back once, for the
    reporter.  Where the pickle comes from a worker or the cache, unpickling
    the whole result only to count its violations loaded every result twice;
    a worker (or the cache, stored next to the pickle) sends this instead: a
    few strings and integers, plus the digest data and, for files with
    directives or front-matter ignores, their LN001 violations.
    """

    path: str
    checked: bool
    #: number of violations
    count: int
    #: (severity, code, name, fixable, how many), one per kind of violation
    kinds: tuple[tuple[str, str, str, bool, int], ...]
    errors: tuple[FileError, ...]
    notes: tuple[str, ...]
    #: (rule code, digest data), in the result's order
    digests: tuple[tuple[str, Any], ...]
    #: (ignored codes, directives, LN001 violations) when the file has
    #: directives or ignores codes, else None
    light: tuple[frozenset[str], tuple[Directive, ...], list[Violation]] | None


def summarize(result: FileResult) -> Summary:
    """``result``'s :class:`Summary` (made where the result is: worker, cache)."""
    from lintnews.checking import SUPPRESSION_CODE

    kinds: dict[tuple[str, str, str, bool], int] = {}
    for v in result.violations:
        kind = (v.severity.value, v.code, v.name, v.fixable)
        kinds[kind] = kinds.get(kind, 0) + 1
    light = None
    if result.directives or result.ignored_codes:
        ln001 = [v for v in result.violations if v.code == SUPPRESSION_CODE]
        light = (result.ignored_codes, result.directives, ln001)
    return Summary(
        result.path,
        result.checked,
        len(result.violations),
        tuple([(*kind, n) for kind, n in kinds.items()]),
        tuple(result.errors),
        tuple(result.notes),
        tuple([(code, digest.data) for code, digest in result.digests.items()]),
        light,
    )


_NO_DIGEST: Any = object()  # a file without a digest for a rule (per-file ignores)
_MISSING, _NONE = -1, -2  # ids of a missing digest and of a digest whose data is None


class _DataColumn:
    """Each file's digest data for one rule, in one buffer (no object per file).

    ``bytes`` data (what HL006/HL007 keep) is stored as is, anything else
    pickled; equal data is stored once (copies of one story: an archive of
    syndicated copy is mostly copies), so a file costs an 8-byte id plus its
    data when it is new.  Reading gives an equal copy.
    """

    def __init__(self, missing: int = 0) -> None:
        self._blob = bytearray()
        self._ends = array("q")  # unique value -> end of its bytes in the buffer
        self._pickled = bytearray()  # unique value -> 1 if pickled, 0 if bytes
        self._first: dict[int, int] = {}  # hash of the bytes -> first value with it
        self._ids = array("q", [_MISSING]) * missing  # file -> unique value

    def __len__(self) -> int:
        return len(self._ids)

    def _raw(self, u: int) -> bytearray:
        return self._blob[self._ends[u - 1] if u else 0 : self._ends[u]]

    def append(self, data: Any) -> None:
        if data is _NO_DIGEST or data is None:
            self._ids.append(_MISSING if data is _NO_DIGEST else _NONE)
            return
        pickled = type(data) is not bytes
        if pickled:
            import pickle

            data = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
        key = hash(data)
        u = self._first.get(key)
        if u is None or self._pickled[u] != pickled or self._raw(u) != data:
            u = len(self._ends)
            self._blob += data
            self._ends.append(len(self._blob))
            self._pickled.append(pickled)
            self._first.setdefault(key, u)
        self._ids.append(u)

    def present(self, i: int) -> bool:
        return self._ids[i] != _MISSING

    def __getitem__(self, i: int) -> Any:
        u = self._ids[i]
        if u < 0:
            return None if u == _NONE else _NO_DIGEST
        if self._pickled[u]:
            import pickle

            return pickle.loads(self._raw(u))
        return bytes(self._raw(u))

    def permuted(self, order: Iterable[int]) -> _DataColumn:
        """The column in ``order`` (the data stays where it is: only ids move)."""
        out = _DataColumn()
        out._blob, out._ends, out._pickled = self._blob, self._ends, self._pickled
        out._ids = array("q", (self._ids[i] for i in order))
        return out


class _DigestColumn(Sequence["ArticleDigest"]):
    """One run-level rule's digests in path order, built on access.

    The spool keeps each digest's data (a few hundred bytes) in one buffer
    and the path once; an :class:`~lintnews.rules.ArticleDigest` per file and
    per rule would add about 100 bytes per file for the whole run.
    """

    def __init__(self, paths: list[str], data: _DataColumn) -> None:
        self._paths = paths
        self._data = data
        self._at = array("q", (i for i in range(len(data)) if data.present(i)))

    def __len__(self) -> int:
        return len(self._at)

    @overload
    def __getitem__(self, index: int) -> ArticleDigest: ...
    @overload
    def __getitem__(self, index: slice) -> list[ArticleDigest]: ...
    def __getitem__(self, index: int | slice) -> ArticleDigest | list[ArticleDigest]:
        from lintnews.rules import ArticleDigest

        if isinstance(index, slice):
            return [ArticleDigest(self._paths[i], self._data[i]) for i in self._at[index]]
        i = self._at[index]
        return ArticleDigest(self._paths[i], self._data[i])

    def __iter__(self) -> Iterator[ArticleDigest]:
        from lintnews.rules import ArticleDigest

        paths, data = self._paths, self._data
        for i in self._at:
            yield ArticleDigest(paths[i], data[i])


class RunFindings:
    """Run-level violations by file, on disk in the spool's file.

    Why: on an archive of syndicated copy HL006/HL007 report every file, with
    messages naming other files: ~1 KB per file in memory until the reporter
    ran.  Each violation is pickled to the end of the spool file as it is
    found; in memory stay six integers per violation and one per file (a
    linked list per file, newest first).  :meth:`mark` and :meth:`rollback`
    withdraw what a rule reported before it crashed.

    Violations are pickled by :func:`~lintnews.cache.dumps_result` (plain
    pickle rebuilds each frozen dataclass through ``fields()``: twice as slow
    to load), and each record keeps the id of its kind (severity, code, name,
    fixable), so :meth:`ResultSpool.finish` counts a file's run-level
    violations without reading them back unless directives may drop some.
    """

    def __init__(self, fh: IO[bytes], end: int, paths: list[str]) -> None:
        self._fh = fh
        self._end = end
        self._paths = paths  # sorted
        self._head = array("q", [-1]) * len(paths)  # file -> its newest record
        self._next = array("q")  # record -> the file's previous record
        self._file = array("q")  # record -> file
        self._offset = array("q")
        self._length = array("q")
        self._kind = array("q")  # record -> its kind in _kinds
        self._compact = bytearray()  # record -> 1: _pack_violation's tuple, 0: a pickle
        self._kinds: list[tuple[str, str, str, bool]] = []
        self._kind_ids: dict[tuple[str, str, str, bool], int] = {}
        self._last: tuple[str | None, int] = (None, -1)  # the last path added and its index

    def index(self, path: str) -> int:
        """Position of ``path`` in the run (-1: not in the run)."""
        i = bisect.bisect_left(self._paths, path)
        return i if i < len(self._paths) and self._paths[i] == path else -1

    def add(self, path: str, violation: Violation) -> None:
        if path == self._last[0]:  # a rule reports a file's violations one after another
            i = self._last[1]
        else:
            i = self.index(path)
            if i < 0:
                raise KeyError(path)
            self._last = (path, i)
        blob = _pack_violation(violation)
        compact = blob is not None
        if blob is None:
            from lintnews.cache import dumps_result

            blob = dumps_result(violation)
        if self._fh.tell() != self._end:  # a seek flushes the write buffer: only when needed
            self._fh.seek(self._end)
        self._fh.write(blob)
        if compact:  # a Severity, no fix (Enum's .value is a Python-level property)
            kind = (violation.severity._value_, violation.code, violation.name, False)
        else:
            kind = (violation.severity.value, violation.code, violation.name, violation.fixable)
        k = self._kind_ids.get(kind)
        if k is None:
            k = self._kind_ids[kind] = len(self._kinds)
            self._kinds.append(kind)
        self._kind.append(k)
        self._compact.append(compact)
        self._next.append(self._head[i])
        self._file.append(i)
        self._offset.append(self._end)
        self._length.append(len(blob))
        self._head[i] = len(self._offset) - 1
        self._end += len(blob)

    def mark(self) -> int:
        return len(self._offset)

    def rollback(self, mark: int) -> None:
        """Withdraw the records added since :meth:`mark` returned ``mark``."""
        for r in range(len(self._offset) - 1, mark - 1, -1):
            self._head[self._file[r]] = self._next[r]
        for column in (self._next, self._file, self._offset, self._length, self._kind):
            del column[mark:]
        del self._compact[mark:]

    def kinds(self, i: int) -> Iterator[tuple[str, str, str, bool]]:
        """(severity, code, name, fixable) of file ``i``'s run-level violations."""
        kinds, kind, r = self._kinds, self._kind, self._head[i]
        while r >= 0:
            yield kinds[kind[r]]
            r = self._next[r]

    def get(self, i: int) -> list[Violation] | None:
        """File ``i``'s run-level violations in the order they were found (None: none)."""
        import pickle

        r = self._head[i]
        if r < 0:
            return None
        out = []
        fh = self._fh
        while r >= 0:
            fh.seek(self._offset[r])
            blob = fh.read(self._length[r])
            out.append(_unpack_violation(blob) if self._compact[r] else pickle.loads(blob))
            r = self._next[r]
        out.reverse()
        return out

    def files(self) -> Iterator[int]:
        """Indices of the files with run-level violations, in path order."""
        return (i for i, r in enumerate(self._head) if r >= 0)


#: Violation's fields in the order :func:`_pack_violation` relies on
_LAYOUT = (
    "path",
    "code",
    "name",
    "severity",
    "message",
    "plugin",
    "line",
    "column",
    "end_line",
    "end_column",
    "span",
    "fix",
    "unsafe_fixes",
)
#: Violation's field values as a tuple (C code); None if the fields differ from _LAYOUT
_violation_fields = (
    attrgetter(*_LAYOUT)
    if tuple(f.name for f in dataclasses.fields(Violation)) == _LAYOUT
    else None
)
_SEVERITIES = {s.value: s for s in Severity}
_make_violation: Any = None  # lintnews.cache.maker(Violation), on first use


def _pack_violation(v: Violation) -> bytes | None:
    """A plain run-level violation as a marshalled tuple of its fields (None: not plain).

    Why: pickling each run-level violation (3,917 on the benchmark corpus)
    was most of the engine's share of the run-level step, and loading them
    back a good part of the report; a tuple of strings and ints marshals and
    loads several times faster.  Plain means: a :class:`Violation` (no
    subclass) without a fix or unsafe fixes, with a :class:`Severity` and a
    :class:`~lintnews.article.Span`, and only values marshal takes (which
    come back of the same exact type: no subclass of str or int); anything
    else is pickled as before.
    """
    if type(v) is not Violation or _violation_fields is None:
        return None
    values = _violation_fields(v)
    severity, span = values[3], values[10]
    if (
        type(severity) is not Severity
        or type(span) is not Span
        or values[11] is not None
        or values[12] is not False
    ):
        return None
    try:
        return marshal.dumps((*values[:3], severity._value_, *values[4:10], span.start, span.end))
    except ValueError:  # a value of a type marshal does not take (a str or int subclass...)
        return None


def _unpack_violation(blob: bytes) -> Violation:
    """The violation :func:`_pack_violation` packed (an equal one, fields of the same types)."""
    global _make_violation
    if _make_violation is None:
        from lintnews.cache import maker

        _make_violation = maker(Violation)
    f = marshal.loads(blob)
    return _make_violation(  # type: ignore[no-any-return]
        f[0],
        f[1],
        f[2],
        _SEVERITIES[f[3]],
        f[4],
        f[5],
        f[6],
        f[7],
        f[8],
        f[9],
        Span(f[10], f[11]),
        None,
        False,
    )


class ResultSpool:
    """Collects results on disk; see the module docstring.

    ``dir``: where the temporary file goes (default ``$TMPDIR``).  The file
    is anonymous where the OS allows it, so it disappears even if the
    process is killed; :meth:`close` (or garbage collection) removes it too.

    What stays in memory per file is its path and a few integers in arrays
    (no object per file); errors, notes and the directives merging needs are
    kept only for the files that have them.
    """

    def __init__(
        self, dir: str | os.PathLike[str] | None = None, paths: Sequence[str] = ()
    ) -> None:
        """``paths``: the run's files, sorted; a result's path found there is
        kept as that string, not as the copy unpickled from the worker."""
        import tempfile  # here, not at import: one-file runs never spool

        self._fh: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115 - lives as long as the result
            prefix="lintnews-spool-", dir=dir
        )
        self._end = 0
        self._paths: list[str] = []
        self._known = paths
        self._offsets = array("q")
        self._lengths = array("q")
        self._prepared = array("q")  # length of what prepared_by made, after the result
        self._counts = array("q")  # violations per file
        self._checked = bytearray()
        #: the reporter's per-file preparation the run's results went through
        #: (see Reporter.prepare_file); its bytes follow each result's pickle
        self.prepared_by: Callable[[FileResult], bytes | None] | None = None
        #: False: a result with prepared bytes is not kept (only those bytes
        #: are); for a run whose reporter reads nothing but them
        self.whole = True
        #: path -> (errors, notes), only for files that have any
        self._extra: dict[str, tuple[tuple[FileError, ...], tuple[str, ...]]] = {}
        #: rule code -> each file's digest data (_NO_DIGEST where it has none)
        self._digests: dict[str, _DataColumn] = {}
        self.tally = Tally()
        #: path -> (ignored codes, directives, LN001 violations), only for
        #: files whose front matter ignores codes or that have directives
        self.light: dict[str, tuple[frozenset[str], tuple[Directive, ...], list[Violation]]] = {}
        self._sorted = False

    def __len__(self) -> int:
        return len(self._paths)

    def add(
        self, result: FileResult | Summary, blob: bytes | None = None, prepared: bytes | None = None
    ) -> None:
        """Spool ``result`` (``blob``: its pickle, when a worker already made one).

        ``result`` may be its :class:`Summary` (then with ``blob``): what
        workers and the cache hand over, so the parent does not unpickle it.
        ``prepared``: what :attr:`prepared_by` made of it (None: nothing).
        Without :attr:`whole`, a result with ``prepared`` is not kept (its
        ``blob`` is empty, or ignored).
        """
        if prepared and not self.whole:
            blob = b""
        elif blob is None:  # --jobs 1: pickled as workers do (loads without fields() per object)
            from lintnews.cache import dumps_result

            blob = dumps_result(result)
        summary = result if type(result) is Summary else summarize(result)  # type: ignore[arg-type]
        if self._fh.tell() != self._end:  # a seek flushes the write buffer: only when needed
            self._fh.seek(self._end)
        self._fh.write(blob)
        if prepared:
            self._fh.write(prepared)
            self._prepared.append(len(prepared))
        else:
            self._prepared.append(0)
        n = len(self._paths)
        path = summary.path
        at = bisect.bisect_left(self._known, path)
        if at < len(self._known) and self._known[at] == path:
            path = self._known[at]
        self._paths.append(path)
        self._offsets.append(self._end)
        self._lengths.append(len(blob))
        self._counts.append(summary.count)
        self._checked.append(summary.checked)
        self._end += len(blob) + self._prepared[-1]
        self._sorted = False
        if summary.errors or summary.notes:
            self._extra[summary.path] = (summary.errors, summary.notes)
        tally = self.tally
        for severity, code, name, fixable, count in summary.kinds:
            tally.count(severity, code, name, fixable, count)
        if summary.count:
            tally.files_with_violations += 1
        digests = dict(summary.digests)
        for code, column in self._digests.items():
            column.append(digests.get(code, _NO_DIGEST))
        for code, data in summary.digests:
            if code not in self._digests:
                column = self._digests[code] = _DataColumn(n)
                column.append(data)
        if summary.light is not None:
            self.light[summary.path] = summary.light

    def sort(self) -> None:
        """Path order, as the in-memory run sorts its results."""
        if self._sorted:
            return
        order = sorted(range(len(self._paths)), key=self._paths.__getitem__)
        self._paths = [self._paths[i] for i in order]
        for name in ("_offsets", "_lengths", "_prepared", "_counts"):
            column = getattr(self, name)
            setattr(self, name, array("q", (column[i] for i in order)))
        self._checked = bytearray(self._checked[i] for i in order)
        for code, data in self._digests.items():
            self._digests[code] = data.permuted(order)
        self._sorted = True

    def digests(self, code: str) -> Sequence[ArticleDigest]:
        """Rule ``code``'s digests in path order (after :meth:`sort`), built on access."""
        self.sort()
        return _DigestColumn(self._paths, self._digests.get(code) or _DataColumn())

    def all_digests(self) -> list[ArticleDigest]:
        """Every digest, per file in path order (the ``lintnews_check_run`` observers)."""
        from lintnews.rules import ArticleDigest

        self.sort()
        columns = list(self._digests.values())
        return [
            ArticleDigest(path, column[i])
            for i, path in enumerate(self._paths)
            for column in columns
            if column.present(i)
        ]

    def findings(self) -> RunFindings:
        """An empty on-disk store for the run-level violations (after :meth:`sort`)."""
        self.sort()
        return RunFindings(self._fh, self._end, self._paths)

    def ignored_codes(self, path: str) -> frozenset[str] | None:
        """What ``path``'s front matter ignores; None if ``path`` is not in the run."""
        self.sort()
        i = bisect.bisect_left(self._paths, path)
        if i == len(self._paths) or self._paths[i] != path:
            return None
        light = self.light.get(path)
        return light[0] if light is not None else frozenset()

    def finish(
        self, found: Mapping[str, list[Violation]] | RunFindings, merge: Merge
    ) -> SpooledFiles:
        """Fold the run-level violations ``found`` (by path) into the tally.

        ``merge`` is the engine's merge; it runs here on a stand-in holding
        the file's directives and LN001 violations (all a merge can withdraw),
        and again on each full result as it is read back.
        """
        from lintnews.checking import FileResult

        if not isinstance(found, RunFindings):
            store = self.findings()
            for path, violations in found.items():
                for v in violations:
                    store.add(path, v)
            found = store
        self._digests = {}
        tally = self.tally
        for i in found.files():
            path = self._paths[i]
            if path not in self.light:  # no directive: the merge keeps every one
                before = self._counts[i]
                added = 0
                for kind in found.kinds(i):
                    tally.count(*kind)
                    added += 1
                tally.files_with_violations += before == 0
                self._counts[i] = before + added
                continue
            violations = found.get(i)
            assert violations is not None
            _, directives, ln001 = self.light[path]
            stand_in = FileResult(path, violations=list(ln001), directives=directives)
            before = self._counts[i]
            merge(stand_in, violations)
            self.tally.add(ln001, -1)
            self.tally.add(stand_in.violations)
            after = before - len(ln001) + len(stand_in.violations)
            self.tally.files_with_violations += (after > 0) - (before > 0)
            self._counts[i] = after
        self.light = {}
        return SpooledFiles(self, found, merge)


class SpooledFiles(Sequence["FileResult"]):
    """The run's file results, read back from the spool in path order.

    Iterating reads the file sequentially, one result at a time; indexing
    reads one result.  Errors, notes and the tally are in memory.
    """

    def __init__(self, spool: ResultSpool, found: RunFindings, merge: Merge) -> None:
        self._fh = spool._fh
        self._paths = spool._paths
        self._offsets = spool._offsets
        self._lengths = spool._lengths
        self._prepared = spool._prepared
        self._extra = spool._extra
        #: see ResultSpool.prepared_by and :meth:`prepared`
        self.prepared_by = spool.prepared_by
        self._found = found
        self._merge = merge
        self.tally = spool.tally
        self.files_checked = sum(spool._checked)

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, index: int) -> FileResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[FileResult]: ...
    def __getitem__(self, index: int | slice) -> FileResult | list[FileResult]:
        if isinstance(index, slice):
            return [self._load(i) for i in range(len(self._paths))[index]]
        if index < 0:
            index += len(self._paths)
        if not 0 <= index < len(self._paths):
            raise IndexError(index)
        return self._load(index)

    def __iter__(self) -> Iterator[FileResult]:
        for i in range(len(self._paths)):
            yield self._load(i)

    def index_of(self, path: str) -> int:
        """Position of ``path`` (ValueError if it is not in the run)."""
        i = self._found.index(path)
        if i < 0:
            raise ValueError(path)
        return i

    def _load(self, i: int) -> FileResult:
        import pickle

        size = self._lengths[i]
        if not size:  # a pickle is never empty
            raise LookupError(
                f"{self._paths[i]}: the run kept only the reporter's prepared output of this "
                "file (ResultSpool.whole is False)"
            )
        self._fh.seek(self._offsets[i])
        result: FileResult = pickle.loads(self._fh.read(size))
        result.digests = {}  # served the run-level rules; not part of the output
        extra = self._found.get(i)
        if extra is not None:
            self._merge(result, extra)
        return result

    def prepared(self) -> Iterator[tuple[int, str, bytes | None, list[Violation] | None]]:
        """Per file in path order: ``(index, path, prepared, run-level violations)``.

        ``prepared`` is what :attr:`prepared_by` made of the file's result
        as the worker checked it (None: nothing; then ``self[index]`` is the
        whole result), ``run-level violations`` those found for the file, in
        the order found, not merged (None: none).  A reporter that prepared
        its output per file merges them itself (see lintnews.reporters.json).
        """
        fh, found = self._fh, self._found
        offsets, lengths, prepared = self._offsets, self._lengths, self._prepared
        for i, path in enumerate(self._paths):
            size = prepared[i]
            if size:
                fh.seek(offsets[i] + lengths[i])
                yield i, path, fh.read(size), found.get(i)
            else:
                yield i, path, None, found.get(i)

    def errors(self) -> Iterator[FileError]:
        """Each file's errors, in path order."""
        for path in self._paths:
            extra = self._extra.get(path)
            if extra is not None:
                yield from extra[0]

    def notes(self) -> Iterator[tuple[str, str]]:
        """``(path, note)`` for files skipped on purpose, in path order."""
        for path in self._paths:
            extra = self._extra.get(path)
            if extra is not None:
                for note in extra[1]:
                    yield path, note

    def close(self) -> None:
        self._fh.close()

    def __del__(self) -> None:
        fh = getattr(self, "_fh", None)
        if fh is not None:
            fh.close()
