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
file with a message naming others.  Plain ones are stored as a few integers
and their message, written once per distinct recent message (pickling each
was most of the engine's share of the run-level step).

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
import os
import struct
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
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
    """``result``'s :class:`Summary` (made where the result is: worker, cache).

    A worker summarizes every file it checks: a plain Violation's kind is read
    without its two Python-level properties (the enum's ``value``, from a
    dict of the three severities; ``fixable``, written out), and the tuple is
    made without the named tuple's Python ``__new__`` (``Summary._make`` does
    the same).
    """
    violations = result.violations
    kinds: dict[tuple[str, str, str, bool], int] = {}
    values = _SEVERITY_VALUES
    for v in violations:
        severity = v.severity
        if type(v) is Violation and type(severity) is Severity:
            fix = v.fix
            # Severity.value and Violation.fixable
            kind = (
                values[severity],
                v.code,
                v.name,
                fix is not None and (fix.safe or v.unsafe_fixes),
            )
        else:
            kind = (severity.value, v.code, v.name, v.fixable)
        kinds[kind] = kinds.get(kind, 0) + 1
    light = None
    if result.directives or result.ignored_codes:
        from lintnews.checking import SUPPRESSION_CODE

        ln001 = [v for v in violations if v.code == SUPPRESSION_CODE]
        light = (result.ignored_codes, result.directives, ln001)
    digests = result.digests
    return _new_summary(
        Summary,
        (
            result.path,
            result.checked,
            len(violations),
            tuple([(*kind, n) for kind, n in kinds.items()]) if kinds else (),
            tuple(result.errors),
            tuple(result.notes),
            tuple([(code, digest.data) for code, digest in digests.items()]) if digests else (),
            light,
        ),
    )


#: each severity's ``value`` (the enum's ``value`` is a Python-level property)
_SEVERITY_VALUES = {severity: severity.value for severity in Severity}
_new_summary: Callable[..., Summary] = tuple.__new__


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
        if u is not None and self._pickled[u] == pickled:
            # _raw(u) == data, without copying the stored bytes out
            start = self._ends[u - 1] if u else 0
            if self._ends[u] - start == len(data) and self._blob.startswith(data, start):
                self._ids.append(u)
                return
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
        # the files whose id is not _MISSING, picked in C (no call of present() per file)
        self._at = array("q", compress(range(len(data)), map(_MISSING.__ne__, data._ids)))

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
        # What indexing does per digest, inlined (a run-level rule reads every digest
        # once or twice, in the parent, after the workers finished), with the bytes
        # of a recent value made once: copies of a story share their digest data.
        global _make_digest
        if _make_digest is None:
            from lintnews.cache import maker
            from lintnews.rules import ArticleDigest

            _make_digest = maker(ArticleDigest)
        make, paths, data = _make_digest, self._paths, self._data
        ids, pickled, blob, ends = data._ids, data._pickled, data._blob, data._ends
        recent: dict[int, bytes] = {}
        for i in self._at:
            u = ids[i]
            if u < 0:  # _NONE (a missing digest is not in _at)
                yield make(paths[i], None)
            elif pickled[u]:
                yield make(paths[i], data[i])  # a fresh copy of a mutable value
            else:
                value = recent.get(u)
                if value is None:
                    if len(recent) >= _RECENT_VALUES:
                        recent.clear()
                    value = recent[u] = bytes(blob[ends[u - 1] if u else 0 : ends[u]])
                yield make(paths[i], value)


#: digest values whose bytes a column's iteration keeps (see _DigestColumn.__iter__)
_RECENT_VALUES = 1024
_make_digest: Any = None  # lintnews.cache.maker(ArticleDigest), on first use


class RunFindings:
    """Run-level violations by file, on disk in the spool's file.

    Why: on an archive of syndicated copy HL006/HL007 report every file, with
    messages naming other files: ~1 KB per file in memory until the reporter
    ran.  What a violation holds beyond a few integers goes to the end of the
    spool file as it is found; in memory stay ~60 bytes per violation and 8
    per file (a linked list per file, newest first).  :meth:`mark` and
    :meth:`rollback` withdraw what a rule reported before it crashed.

    A *plain* violation (a :class:`Violation` of the file's own path without
    a fix, with exact ``str`` and ``int`` fields and positions that fit 32
    bits: every one the engine makes from a diagnostic without a fix, see
    :meth:`add_plain`) is a record of integers: its kind (code, name,
    severity, plugin), its six positions, and where its message is in the
    file.  A message is written once while it is recent (the copies of a
    story share their group's message) and read back once while it is
    recent.  Anything else is pickled by :func:`~lintnews.cache.dumps_result`
    (plain pickle rebuilds each frozen dataclass through ``fields()``: twice
    as slow to load).  Each record keeps the id of its kind (severity, code,
    name, fixable), so :meth:`ResultSpool.finish` counts the run-level
    violations without reading them back unless directives may drop some.
    """

    def __init__(
        self,
        fh: IO[bytes],
        end: int,
        paths: list[str],
        light: Mapping[str, tuple[frozenset[str], Any, Any]] | None = None,
    ) -> None:
        self._fh = fh
        self._end = end
        self._paths = paths  # sorted
        #: path -> (ignored codes, ...) for files whose front matter ignores codes
        #: (ResultSpool.light; see ignored_codes)
        self._light = {} if light is None else light
        self._head = array("q", [-1]) * len(paths)  # file -> its newest record
        #: record -> _RECORD: the file's previous record, where its pickle (plain:
        #: its message's UTF-8) is in the file and its length, 1 if plain, and
        #: the six positions of a plain one (zeros for a pickle)
        self._records = bytearray()
        self._file = array("q")  # record -> file
        self._kind = array("q")  # record -> its kind in _kinds
        #: kind id -> (severity, code, name, fixable), what the tally counts
        self._kinds: list[tuple[str, str, str, bool]] = []
        #: kind id -> (code, name, severity, plugin) of a plain kind (None: pickles)
        self._rules: list[tuple[str, str, Severity, str] | None] = []
        self._kind_ids: dict[tuple[Any, ...], int] = {}
        #: recent message -> (offset, length) of its UTF-8 in the file
        self._written: dict[str, tuple[int, int]] = {}
        #: recently read message offsets -> the message
        self._read: dict[int, str] = {}
        self._pread: Callable[[int, int], bytes] | None = None  # see _preader
        self._last: tuple[str | None, int] = (None, -1)  # the last path added and its index

    def __len__(self) -> int:
        """How many violations were added (and not withdrawn)."""
        return len(self._file)

    def index(self, path: str) -> int:
        """Position of ``path`` in the run (-1: not in the run)."""
        i = bisect.bisect_left(self._paths, path)
        return i if i < len(self._paths) and self._paths[i] == path else -1

    def ignored_codes(self, path: str) -> frozenset[str] | None:
        """What ``path``'s front matter ignores; None if ``path`` is not in the run
        (as :meth:`ResultSpool.ignored_codes`).  The engine asks once per file a
        run-level rule reports, just before adding its violations: the path's
        place is kept for them, so :meth:`add_plain` does not search again."""
        last = self._last
        if path != last[0]:
            paths = self._paths
            i = bisect.bisect_left(paths, path)
            if i == len(paths) or paths[i] != path:
                return None
            self._last = (path, i)
        light = self._light.get(path)
        return _NO_CODES if light is None else light[0]

    def _locate(self, path: str) -> int:
        if path == self._last[0]:  # a rule reports a file's violations one after another
            return self._last[1]
        i = self.index(path)
        if i < 0:
            raise KeyError(path)
        self._last = (path, i)
        return i

    def plain_kind(self, code: str, name: str, severity: Severity, plugin: str) -> int | None:
        """The id :meth:`add_plain` takes for this rule's violations (None: there is
        none, the rule's strings are not exact ``str``; use :meth:`add`)."""
        if not (
            type(code) is str
            and type(name) is str
            and type(plugin) is str
            and type(severity) is Severity
        ):
            return None
        return self._kind_id((severity._value_, code, name, False), (code, name, severity, plugin))

    def _kind_id(
        self, kind: tuple[str, str, str, bool], rule: tuple[str, str, Severity, str] | None
    ) -> int:
        key = (*kind, rule)
        k = self._kind_ids.get(key)
        if k is None:
            k = self._kind_ids[key] = len(self._kinds)
            self._kinds.append(kind)
            self._rules.append(rule)
        return k

    def add_plain(
        self,
        path: str,
        kind: int,
        message: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        start: int,
        end: int,
    ) -> None:
        """:meth:`add` of ``Violation(path, code, name, severity, message, plugin, line,
        column, end_line, end_column, Span(start, end))``, where ``kind`` is what
        :meth:`plain_kind` returned for the rule, without making it (unless a
        value is not plain: see the class docstring).  One call per violation: it
        runs ~4,000 times on the benchmark corpus, after the workers finished."""
        last = self._last
        if path == last[0]:  # a rule reports a file's violations one after another
            i = last[1]
        else:
            i = bisect.bisect_left(self._paths, path)
            if i == len(self._paths) or self._paths[i] != path:
                raise KeyError(path)
            self._last = (path, i)
        if (
            type(message) is str
            and type(line) is int
            and type(column) is int
            and type(end_line) is int
            and type(end_column) is int
            and type(start) is int
            and type(end) is int
        ):
            head = self._head
            at = self._written.get(message)
            if at is None:
                at = (-1, 0)  # written below, once the record is known to fit
            try:
                record = _RECORD.pack(
                    head[i], at[0], at[1], 1, line, column, end_line, end_column, start, end
                )
            except struct.error:  # a position past 32 bits: pickled below
                pass
            else:
                if at[0] < 0:
                    data = message.encode("utf-8", "surrogatepass")  # any str comes back
                    if len(self._written) >= _RECENT_MESSAGES:
                        self._written.clear()
                    at = self._written[message] = (self._write(data), len(data))
                    record = _RECORD.pack(
                        head[i], at[0], at[1], 1, line, column, end_line, end_column, start, end
                    )
                head[i] = len(self._file)
                self._records += record
                self._file.append(i)
                self._kind.append(kind)
                return
        rule = self._rules[kind]
        assert rule is not None
        code, name, severity, plugin = rule
        violation = Violation(
            path, code, name, severity, message, plugin, line, column, end_line, end_column,
            Span(start, end),
        )  # fmt: skip
        self._add_pickled(i, violation)

    def add(self, path: str, violation: Violation) -> None:
        values = _violation_fields(violation) if type(violation) is Violation else None
        if (
            values is not None
            and values[11] is None  # no fix
            and values[12] is False  # no unsafe fixes
            and type(values[0]) is str
            and values[0] == path
            and type(values[10]) is Span
        ):
            kind = self.plain_kind(values[1], values[2], values[3], values[5])
            if kind is not None:
                span = values[10]
                self.add_plain(path, kind, values[4], *values[6:10], span.start, span.end)
                return
        self._add_pickled(self._locate(path), violation)

    def _add_pickled(self, i: int, violation: Violation) -> None:
        from lintnews.cache import dumps_result

        blob = dumps_result(violation)
        kind = self._kind_id(
            (violation.severity.value, violation.code, violation.name, violation.fixable), None
        )
        record = _RECORD.pack(self._head[i], self._write(blob), len(blob), 0, 0, 0, 0, 0, 0, 0)
        self._head[i] = len(self._file)
        self._records += record
        self._file.append(i)
        self._kind.append(kind)

    def _write(self, data: bytes) -> int:
        """Write ``data`` at the end of the file; where it starts."""
        if self._fh.tell() != self._end:  # a seek flushes the write buffer: only when needed
            self._fh.seek(self._end)
        self._fh.write(data)
        self._pread = None  # the next read flushes it
        at = self._end
        self._end += len(data)
        return at

    def mark(self) -> int:
        return len(self._file)

    def rollback(self, mark: int) -> None:
        """Withdraw the records added since :meth:`mark` returned ``mark``."""
        for r in range(len(self._file) - 1, mark - 1, -1):
            self._head[self._file[r]] = _RECORD.unpack_from(self._records, r * _RECORD.size)[0]
        del self._file[mark:]
        del self._kind[mark:]
        del self._records[mark * _RECORD.size :]
        # A withdrawn record's message stays in the file, unreferenced; a later
        # record with the same message may point at it.

    def kinds(self, i: int) -> Iterator[tuple[str, str, str, bool]]:
        """(severity, code, name, fixable) of file ``i``'s run-level violations."""
        kinds, kind, records, r = self._kinds, self._kind, self._records, self._head[i]
        while r >= 0:
            yield kinds[kind[r]]
            r = _RECORD.unpack_from(records, r * _RECORD.size)[0]

    def counts(self) -> tuple[Counter[int], Counter[tuple[str, str, str, bool]]]:
        """How many run-level violations per file index, and per kind."""
        kinds = self._kinds
        by_kind: Counter[tuple[str, str, str, bool]] = Counter()
        for k, n in Counter(self._kind).items():
            by_kind[kinds[k]] += n
        return Counter(self._file), by_kind

    def get(self, i: int, rows: bool = False) -> list[Any] | None:
        """File ``i``'s run-level violations in the order they were found (None: none).

        ``rows``: a plain one comes as the tuple ``(rule, message, line, column,
        end_line, end_column, start, end)``, where ``rule`` is ``(code, name,
        severity, plugin)``, the same tuple for every violation of the rule,
        instead of a :class:`Violation` (see :func:`plain_violation`).
        """
        global _make_violation

        r = self._head[i]
        if r < 0:
            return None
        if _make_violation is None:
            from lintnews.cache import maker

            _make_violation = maker(Violation)
        make = _make_violation
        pread = self._pread
        if pread is None:  # flushes what was written since the last read
            pread = self._pread = _preader(self._fh)
        read, records, unpack = self._read, self._records, _RECORD.unpack_from
        path = self._paths[i]
        out = []
        while r >= 0:
            record = unpack(records, r * _RECORD.size)
            if record[3]:  # plain
                offset = record[1]
                # (an empty message takes no bytes: the next message starts at its offset)
                message = read.get(offset) if record[2] else ""
                if message is None:
                    message = pread(record[2], offset).decode("utf-8", "surrogatepass")
                    if len(read) >= _RECENT_MESSAGES:
                        read.clear()
                    read[offset] = message
                if rows:
                    out.append((self._rules[self._kind[r]], message, *record[4:]))
                    r = record[0]
                    continue
                code, name, severity, plugin = self._rules[self._kind[r]]  # type: ignore[misc]
                out.append(
                    make(
                        path,
                        code,
                        name,
                        severity,
                        message,
                        plugin,
                        record[4],
                        record[5],
                        record[6],
                        record[7],
                        Span(record[8], record[9]),
                        None,
                        False,
                    )
                )
            else:
                import pickle

                out.append(pickle.loads(pread(record[2], record[1])))
            r = record[0]
        out.reverse()
        return out

    def rendered(
        self, i: int, render: Callable[[tuple[Any, ...]], Any], memo: dict[Any, Any]
    ) -> list[Any] | None:
        """File ``i``'s run-level violations in the order found, a plain one as
        ``render(row)`` (``row`` as :meth:`get` gives it with ``rows``), anything
        else (or a plain one ``render`` gives None for) as its :class:`Violation`.

        Why: the copies of a story share their run-level violations but for the
        path (same rule, positions and message), so ``render``'s value is kept
        in ``memo`` keyed by the record's kind and bytes past its link (message
        offset and length, positions): a repeat costs a dict lookup, not a row
        and its rendering.  ``memo`` is the caller's (one per pass over the
        files), at most :data:`_RECENT_MESSAGES` entries; ``render`` must not
        depend on the path.
        """
        r = self._head[i]
        if r < 0:
            return None
        records, kinds, split, size = self._records, self._kind, _SPLIT.unpack_from, _RECORD.size
        out = []
        while r >= 0:
            prev, tail = split(records, r * size)
            if tail[_PLAIN_AT]:
                key = (kinds[r], tail)
                value = memo.get(key)
                if value is None:
                    row = self._row(r)
                    value = render(row)
                    if value is None:
                        value = plain_violation(self._paths[i], row)
                    else:
                        if len(memo) >= _RECENT_MESSAGES:
                            memo.clear()
                        memo[key] = value
                out.append(value)
            else:
                import pickle

                record = _RECORD.unpack_from(records, r * size)
                out.append(pickle.loads(self._pread_now()(record[2], record[1])))
            r = prev
        out.reverse()
        return out

    def _pread_now(self) -> Callable[[int, int], bytes]:
        pread = self._pread
        if pread is None:  # flushes what was written since the last read
            pread = self._pread = _preader(self._fh)
        return pread

    def _row(self, r: int) -> tuple[Any, ...]:
        """Plain record ``r`` as :meth:`get`'s row (its message read back, or recalled)."""
        record = _RECORD.unpack_from(self._records, r * _RECORD.size)
        offset = record[1]
        message = self._read.get(offset) if record[2] else ""
        if message is None:
            message = self._pread_now()(record[2], offset).decode("utf-8", "surrogatepass")
            if len(self._read) >= _RECENT_MESSAGES:
                self._read.clear()
            self._read[offset] = message
        return (self._rules[self._kind[r]], message, *record[4:])

    def files(self) -> Iterator[int]:
        """Indices of the files with run-level violations, in path order."""
        return (i for i, r in enumerate(self._head) if r >= 0)


def plain_violation(path: str, row: tuple[Any, ...]) -> Violation:
    """The :class:`Violation` of file ``path`` that ``row`` stands for (see
    :meth:`RunFindings.get` with ``rows``)."""
    (code, name, severity, plugin), message, line, column, end_line, end_column, start, end = row
    return Violation(
        path, code, name, severity, message, plugin, line, column, end_line, end_column,
        Span(start, end),
    )  # fmt: skip


def _preader(fh: IO[bytes]) -> Callable[[int, int], bytes]:
    """``read(size, offset)`` of ``fh``'s bytes (``os.pread``: one call, no seek)."""
    fh.flush()
    if hasattr(os, "pread"):
        fd = fh.fileno()
        return lambda size, offset: os.pread(fd, size, offset)

    def read(size: int, offset: int) -> bytes:  # pragma: no cover - Windows
        fh.seek(offset)
        return fh.read(size)

    return read


#: a run-level violation's record in RunFindings: the file's previous record, offset
#: and length in the file, 1 if plain, and a plain one's line, column, end line, end
#: column, span start and end
_RECORD = struct.Struct("<qqiB6i")
_NO_CODES: frozenset[str] = frozenset()
#: a record as its link to the file's previous record and the bytes after it
_SPLIT = struct.Struct(f"<q{_RECORD.size - 8}s")
#: where the plain flag is in those bytes (after the message's offset and length)
_PLAIN_AT = 12
#: distinct messages remembered when written (and when read back): a bound on
#: memory where every file's message differs (an archive of pairs of copies)
_RECENT_MESSAGES = 4096
#: Violation's fields in the order :meth:`RunFindings.add` relies on
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
_make_violation: Any = None  # lintnews.cache.maker(Violation), on first use


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
        # the fields as locals: one unpacking of the tuple instead of eight attribute reads
        path, checked, count, kinds, errors, notes, digests, light = summary
        fh = self._fh
        if fh.tell() != self._end:  # a seek flushes the write buffer: only when needed
            fh.seek(self._end)
        size = len(blob)
        if size:  # empty for a result the run does not keep (see whole)
            fh.write(blob)
        if prepared:
            fh.write(prepared)
            size += len(prepared)
            self._prepared.append(len(prepared))
        else:
            self._prepared.append(0)
        n = len(self._paths)
        known = self._known
        at = bisect.bisect_left(known, path)
        self._paths.append(known[at] if at < len(known) and known[at] == path else path)
        self._offsets.append(self._end)
        self._lengths.append(len(blob))
        self._counts.append(count)
        self._checked.append(checked)
        self._end += size
        self._sorted = False
        if errors or notes:
            self._extra[path] = (errors, notes)
        tally = self.tally
        if kinds:  # Tally.count of each kind, written out (a call per kind per file)
            by_severity, by_rule = tally.by_severity, tally.by_rule
            for severity, code, name, fixable, k in kinds:
                by_severity[severity] += k
                entry = by_rule.get(code)
                if entry is None:
                    entry = by_rule[code] = [name, 0, 0]
                entry[0] = name
                entry[1] += k
                if fixable:
                    entry[2] += k
        if count:
            tally.files_with_violations += 1
        columns = self._digests
        if digests or columns:
            found = dict(digests)
            for code, column in columns.items():
                column.append(found.get(code, _NO_DIGEST))
            for code, data in digests:
                if code not in columns:
                    column = columns[code] = _DataColumn(n)
                    column.append(data)
        if light is not None:
            self.light[path] = light

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
        return RunFindings(self._fh, self._end, self._paths, self.light)

    def ignored_codes(self, path: str) -> frozenset[str] | None:
        """What ``path``'s front matter ignores; None if ``path`` is not in the run."""
        if not self._sorted:
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
        per_file, by_kind = found.counts()
        light = self.light
        merged = []
        for i, added in per_file.items():
            if self._paths[i] in light:  # directives may drop some: merged below
                merged.append(i)
                by_kind.subtract(found.kinds(i))
                continue
            before = self._counts[i]  # no directive: the merge keeps every one
            tally.files_with_violations += before == 0
            self._counts[i] = before + added
        for kind, n in by_kind.items():
            if n:
                tally.count(*kind, n)
        for i in sorted(merged):
            path = self._paths[i]
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

    def prepared(
        self, rows: bool = False, render: Callable[[tuple[Any, ...]], Any] | None = None
    ) -> Iterator[tuple[int, str, bytes | None, list[Any] | None]]:
        """Per file in path order: ``(index, path, prepared, run-level violations)``.

        ``prepared`` is what :attr:`prepared_by` made of the file's result
        as the worker checked it (None: nothing; then ``self[index]`` is the
        whole result), ``run-level violations`` those found for the file, in
        the order found, not merged (None: none).  A reporter that prepared
        its output per file merges them itself (see lintnews.reporters.json).
        ``rows``: the plain run-level violations come as rows (see
        :meth:`RunFindings.get`; :func:`plain_violation` makes one a Violation).
        ``render``: they come as ``render(row)``, remembered for repeats (see
        :meth:`RunFindings.rendered`); :meth:`run_level` gives the Violations.
        """
        found, pread = self._found, _preader(self._fh)
        offsets, lengths, prepared = self._offsets, self._lengths, self._prepared
        if render is not None:
            memo: dict[Any, Any] = {}
            rendered = found.rendered
            for i, path in enumerate(self._paths):
                size = prepared[i]
                yield (
                    i,
                    path,
                    pread(size, offsets[i] + lengths[i]) if size else None,
                    rendered(i, render, memo),
                )
            return
        for i, path in enumerate(self._paths):
            size = prepared[i]
            if size:
                yield i, path, pread(size, offsets[i] + lengths[i]), found.get(i, rows)
            else:
                yield i, path, None, found.get(i, rows)

    def run_level(self, index: int) -> list[Violation] | None:
        """File ``index``'s run-level violations, in the order found, not merged
        (None: none)."""
        return self._found.get(index)

    def errors(self) -> Iterator[FileError]:
        """Each file's errors, in path order."""
        if not self._extra:  # the common case: no file has any (no loop over every path)
            return
        for path in self._paths:
            extra = self._extra.get(path)
            if extra is not None:
                yield from extra[0]

    def notes(self) -> Iterator[tuple[str, str]]:
        """``(path, note)`` for files skipped on purpose, in path order."""
        if not self._extra:
            return
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
