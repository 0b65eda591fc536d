"""The ``json`` format: a public contract other tools parse.

Shape (only additive changes allowed)::

    {"version": str, "files_checked": int,
     "violations": [{"path", "line", "column", "end_line", "end_column", "code",
                     "name", "severity", "message", "plugin", "fixable"}],
     "errors": [{"path", "message"}],
     "metrics": {path: {...}},
     "statistics": [{"code", "name", "count", "fixable"}],  # with --statistics
     "skipped": [{"path", "message"}],   # files skipped on purpose (binary, too large)
     "fixed": [{"path", "code", "name", "line", "column", "message", "safe"}]}  # with --fix

Lines and columns are 1-based, columns in Unicode code points.

The reporter writes the document as it goes, one violation per line and one
file's metrics per line (no indentation): a large run's results stream
from the spool (lintnews.spool) and never exist as one Python object, and
unindented encoding uses the C encoder (``indent`` would force the pure-Python
one, about 3x slower).  Whitespace is not part of the contract.

On a spooled run the workers encode each file's violations and metrics as
they check it (:func:`prepare_file`), and the report concatenates those
texts in path order, merging in the run-level violations found after the
workers finished (:func:`_prepared_parts`).
"""

from __future__ import annotations

import codecs
import errno
import json
import marshal
import os
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from lintnews.reporters.base import Reporter, notes_of, rule_statistics
from lintnews.violations import Severity, Violation

# what JSONEncoder(ensure_ascii=False) encodes strings with
_encode_basestring = json.encoder.encode_basestring

if TYPE_CHECKING:
    from lintnews.checking import FileResult
    from lintnews.engine import RunResult

__all__ = ["JsonReporter", "result_to_dict"]


def result_to_dict(result: RunResult, *, statistics: bool = False) -> dict[str, Any]:
    """The JSON contract as a Python object."""
    from lintnews import __version__

    violations = result.violations()
    out: dict[str, Any] = {
        "version": __version__,
        "files_checked": result.files_checked,
        "violations": [v.to_dict() for v in violations],
        "errors": [e.to_dict() for e in result.all_errors()],
        "metrics": result.metrics(),
    }
    fixed = getattr(result, "fixed", None)
    if fixed is not None:  # a --fix run: what was fixed before this check
        out["fixed"] = [f.to_dict() for f in fixed]
    skipped = notes_of(result)
    if skipped:
        out["skipped"] = [note.to_dict() for note in skipped]
    if statistics:
        out["statistics"] = [s.to_dict() for s in rule_statistics(violations)]
    return out


def _dumps() -> Callable[[Any], str]:
    """The encoder of every value of the document (C encoder, no indent)."""
    global _DUMPS
    if _DUMPS is None:
        _DUMPS = json.JSONEncoder(ensure_ascii=False, default=_jsonable).encode
    return _DUMPS


_DUMPS: Callable[[Any], str] | None = None


def _file_parts(f: FileResult) -> tuple[list[str], str | None]:
    """One file's part of the document: its violations' JSON texts in
    report order and its ``"path": {metrics}`` entry (None: no metrics)."""
    texts = [_text(v) for v in sorted(f.violations, key=lambda v: v.sort_key())]
    return texts, _metrics_text(f)


def _text(v: Violation) -> str:
    """``v`` as JSON."""
    text = _violation_json(v)
    return _dumps()(v.to_dict()) if text is None else text


def _metrics_text(f: FileResult) -> str | None:
    """``"path": {metrics}`` for the ``metrics`` object (None: no metrics)."""
    if not f.metrics:
        return None
    dumps = _dumps()
    return f"{dumps(f.path)}: {dumps(dict(f.metrics))}"


def prepare_file(result: FileResult) -> bytes | None:
    """:func:`_file_parts` of ``result``, made in the worker that checked it.

    Why: after the workers finish, the parent alone read every result back
    from the spool and encoded it (about 0.2 s of CPU on the 2,000-file
    benchmark) while the other core idled.  Each worker encodes its own
    files instead; the parent concatenates.  Marshalled with each
    violation's sort key (line, column, code): the run-level violations
    (HL006/HL007), found after the workers finished, are merged into the
    texts in the order :func:`lintnews.engine._merge_run_violations` gives
    (see :func:`_prepared_parts`).

    None (the reporter reads the whole result back) for a file with inline
    directives (a merge may withdraw its LN001 violations) and for anything
    unusual: a Violation subclass, a violation of another path, values
    marshal does not take.

    Each text is :func:`_violation_json`'s, written here with the file's
    path encoded once and the text around the message encoded once per rule
    (:func:`_rule_pieces`, kept per process: ~30 rules) instead of five
    string encodings, a property and an enum ``value`` per violation (a
    worker prepares every file it checks); a violation it cannot write so
    goes through :func:`_text` as before.
    """
    if result.directives:
        return None
    path = result.path
    violations = result.violations
    for v in violations:
        if type(v) is not Violation or v.path != path:
            return None
    if len(violations) > 1:
        violations = sorted(violations, key=_sort_key)  # as _file_parts (no subclass here)
    texts = []
    if violations:
        # every path is ``path`` here: a str the encoder would write alike, or not
        encoded_path = _encode_basestring(path) if type(path) is str else None
        memo = _RULE_PIECES
        for v in violations:
            line, column, end_line, end_column, message, fix = (
                v.line,
                v.column,
                v.end_line,
                v.end_column,
                v.message,
                v.fix,
            )
            rule = (v.code, v.name, v.severity, v.plugin)
            parts = memo.get(rule, _UNSEEN)
            if parts is _UNSEEN:
                parts = _rule_pieces(rule)
            fixable = fix is not None and (fix.safe or v.unsafe_fixes)  # Violation.fixable
            if (
                parts is not None
                and encoded_path is not None
                and type(line) is int
                and type(column) is int
                and type(end_line) is int
                and type(end_column) is int
                and type(message) is str
                and (fixable is False or fixable is True)
            ):
                texts.append(
                    f'{{"path": {encoded_path}, "line": {line!r}, "column": {column!r}, '
                    f'"end_line": {end_line!r}, "end_column": {end_column!r}, '
                    f"{parts[0]}{_encode_basestring(message)}{parts[2 if fixable else 1]}"
                )
            else:
                texts.append(_text(v))
    keys = tuple([(v.line, v.column, v.code) for v in violations])
    # The texts go as their UTF-8, joined (see _prepared_parts: a JSON text holds
    # no raw newline, so ",\n" splits them again); a text UTF-8 cannot hold (a
    # lone surrogate) keeps them as strs, which the stream encodes as before.
    # Each text is encoded alone: an ASCII one is copied, while one character
    # past U+00FF in a joined str would make every text of the file go through
    # the per-character encoder.
    body: bytes | tuple[str, ...]
    try:
        body = b",\n".join([text.encode("utf-8") for text in texts])
    except UnicodeEncodeError:
        body = tuple(texts)
    try:
        return marshal.dumps((body, keys, _metrics_text(result)))
    except ValueError:  # an unexpected type in a key
        return None


#: (code, name, severity, plugin) -> :func:`_rule_pieces` of it (one entry per rule)
_RULE_PIECES: dict[tuple[Any, Any, Any, Any], tuple[str, str, str] | None] = {}
_UNSEEN: Any = object()


def _rule_pieces(rule: tuple[Any, Any, Any, Any]) -> tuple[str, str, str] | None:
    """The text of a plain violation of ``rule`` (code, name, severity, plugin)
    in :func:`_violation_json` before its message, and after it when not
    fixable and when fixable (None: it writes none: :func:`_text` decides);
    remembered in :data:`_RULE_PIECES`, at most :data:`_MAX_RULES` entries."""
    parts = _pieces(*rule)
    found = None if parts is None else (parts[0], parts[1], parts[1][: -len("false}")] + "true}")
    if len(_RULE_PIECES) >= _MAX_RULES:
        _RULE_PIECES.clear()
    _RULE_PIECES[rule] = found
    return found


#: rules remembered by :func:`_rule_pieces` at most (a run has a few dozen)
_MAX_RULES = 1024


_sort_key = Violation.sort_key


def _prepared_parts(files: Any) -> Iterator[tuple[str | bytes, str | None]]:
    """Each file's violation texts of a spooled run prepared by :func:`prepare_file`,
    joined by ``",\n"`` (UTF-8 bytes where the worker encoded them, else str),
    and its metrics text.

    A file's run-level violations are merged in by their sort key: stably,
    after the file's own violations with the same key, as
    ``sorted([*own, *run_level], key=Violation.sort_key)`` in the engine's
    merge, which the report order then keeps.  Only files without a prepared
    part are read back whole (merged by the engine), as without preparation:
    a run whose reporter is this one keeps no other result
    (``reads_whole_results``).  Plain run-level violations come as their
    text after the path, rendered once per repeat (no Violation made: see
    :meth:`_RunLevelTexts.render`).
    """
    run_texts = _RunLevelTexts()
    for i, path, prepared, run_level in files.prepared(render=run_texts.render):
        if prepared is None:
            yield _joined_parts(files[i])
            continue
        body, keys, metrics = marshal.loads(prepared)
        if run_level is None:
            yield body if type(body) is bytes else ",\n".join(body), metrics
            continue
        if type(body) is bytes:
            # no text holds a raw newline (the encoder escapes it): ",\n" splits them
            texts = body.split(b",\n") if body else []
            merged_bytes = run_texts.insert_bytes(path, list(keys), texts, run_level)
            if merged_bytes is not None:
                yield b",\n".join(merged_bytes), metrics
                continue
            body = body.decode("utf-8").split(",\n") if body else []
        merged = run_texts.insert(path, list(keys), list(body), run_level)
        if merged is not None:
            yield ",\n".join(merged), metrics
            continue
        run_level = files.run_level(i)  # as Violations
        items: list[tuple[Any, str]]
        if all(type(v) is Violation and v.path == path for v in run_level):
            # every key has this path first: the keys without it sort alike
            items = list(zip(keys, body, strict=True))
            items += [((v.line, v.column, v.code), _text(v)) for v in run_level]
        else:  # a subclass or another path: the engine's key, whole
            items = [((path, *key), text) for key, text in zip(keys, body, strict=True)]
            items += [(_sort_key(v), _text(v)) for v in run_level]
        items.sort(key=_first)
        yield ",\n".join([text for _, text in items]), metrics


def _joined_parts(f: FileResult) -> tuple[str, str | None]:
    """:func:`_file_parts` with the violation texts joined by ``",\n"``."""
    texts, metrics = _file_parts(f)
    return ",\n".join(texts), metrics


class _RunLevelTexts:
    """The JSON texts of run-level violations, merged into a file's prepared texts.

    Why: on an archive of copies every file has run-level violations (HL006,
    HL007: ~4,000 on the benchmark corpus), rendered in the parent after the
    workers finished, while the other cores idle.  Their code, name, severity
    and plugin repeat (one rule) and so do most messages (the copies of one
    story share their group's message): those pieces are encoded once (a
    bounded memo) instead of once per violation, and the spool's plain ones
    come as :meth:`render`'s text after the path, made from the row of their
    fields once per repeat (copies share kind, positions and message: the
    spool remembers the text, see :meth:`lintnews.spool.RunFindings.rendered`),
    not as Violations.  The text is :func:`_violation_json`'s, byte for byte
    (tested).
    """

    #: messages remembered at most (each file's message differs on an archive of pairs)
    MAX_MESSAGES = 4096

    def __init__(self) -> None:
        #: id(a row's rule tuple) -> (that tuple, its pieces): the spool keeps the tuple
        self._rows: dict[int, tuple[Any, tuple[str, str]]] = {}
        self._rules: dict[tuple[str, str, Any, str], tuple[str, str]] = {}
        self._messages: dict[str, str] = {}

    def render(self, row: tuple[Any, ...]) -> tuple[tuple[int, int, str], str] | None:
        """A spool row's sort key and its text after the path (``"line": ...}``);
        None when the rule's strings are not plain (the caller makes the Violation).
        The spool keeps the value for the row's repeats (see
        :meth:`lintnews.spool.RunFindings.rendered`): it must not depend on the path."""
        rule, message, line, column, end_line, end_column, _, _ = row
        entry = self._rows.get(id(rule))
        if entry is None or entry[0] is not rule:
            parts = _pieces(*rule)
            if parts is None:
                return None
            entry = self._rows[id(rule)] = (rule, parts)
        parts = entry[1]
        return (
            (line, column, rule[0]),
            f'"line": {line!r}, "column": {column!r}, '
            f'"end_line": {end_line!r}, "end_column": {end_column!r}, '
            f"{parts[0]}{self._encoded(message)}{parts[1]}",
        )

    def _encoded(self, message: str) -> str:
        encoded = self._messages.get(message)
        if encoded is None:
            encoded = _encode_basestring(message)
            if len(self._messages) >= self.MAX_MESSAGES:
                self._messages.clear()
            self._messages[message] = encoded
        return encoded

    def insert_bytes(
        self, path: str, keys: list[Any], texts: list[bytes], run_level: list[Any]
    ) -> list[bytes] | None:
        """:meth:`insert` for texts in UTF-8: the rendered rows' texts are encoded as
        they go in; None (the caller takes :meth:`insert` on strs) for anything
        else or a text UTF-8 cannot hold."""
        if type(path) is not str:
            return None
        head = None  # '{"path": <path>, ' in UTF-8
        try:
            for v in run_level:
                if type(v) is not tuple:
                    return None
                if head is None:
                    head = f'{{"path": {_encode_basestring(path)}, '.encode()
                key = v[0]
                at = bisect_right(keys, key)
                keys.insert(at, key)
                texts.insert(at, head + v[1].encode("utf-8"))
        except UnicodeEncodeError:
            return None
        return texts

    def insert(
        self, path: str, keys: list[Any], texts: list[str], run_level: list[Any]
    ) -> list[str] | None:
        """``texts`` (sorted by ``keys``) with ``run_level``'s texts inserted, each
        after the texts whose key is not greater (a stable sort's place); None
        when a violation is not plain: the caller sorts (``keys`` and ``texts``
        are the caller's copies, maybe changed).
        ``run_level``: Violations and :meth:`render`'s values."""
        if type(path) is not str:
            return None
        head = None  # '{"path": <path>, '
        for v in run_level:
            if type(v) is tuple:  # rendered (a spool row): plain by construction
                if head is None:
                    head = f'{{"path": {_encode_basestring(path)}, '
                key = v[0]
                at = bisect_right(keys, key)
                keys.insert(at, key)
                texts.insert(at, head + v[1])
                continue
            if not (type(v) is Violation and v.path == path):
                return None
            line, column, end_line, end_column, code, message = (
                v.line,
                v.column,
                v.end_line,
                v.end_column,
                v.code,
                v.message,
            )
            if not (
                type(line) is int
                and type(column) is int
                and type(end_line) is int
                and type(end_column) is int
                and v.fix is None  # not fixable
                and type(message) is str
            ):
                return None
            key = (code, v.name, v.severity, v.plugin)
            found = self._rules.get(key)
            if found is None:
                found = _pieces(*key)
                if found is None:
                    return None
                self._rules[key] = found
            parts = found
            if head is None:
                head = f'{{"path": {_encode_basestring(path)}, '
            key = (line, column, code)
            at = bisect_right(keys, key)
            keys.insert(at, key)
            texts.insert(
                at,
                f'{head}"line": {line!r}, "column": {column!r}, '
                f'"end_line": {end_line!r}, "end_column": {end_column!r}, '
                f"{parts[0]}{self._encoded(message)}{parts[1]}",
            )
        return texts


def _pieces(code: str, name: str, severity: Any, plugin: str) -> tuple[str, str] | None:
    """The text around the message of a plain violation of this rule in
    :func:`_violation_json` (None: it would not write one: the encoder decides)."""
    global _template_ok
    if _template_ok is None:
        _template_ok = tuple(_probe().to_dict()) == _VIOLATION_KEYS
    if not (
        _template_ok
        and type(code) is str
        and type(name) is str
        and type(severity) is Severity
        and type(plugin) is str
    ):
        return None
    s = _encode_str
    return (
        f'"code": {s(code)}, "name": {s(name)}, "severity": {s(severity.value)}, "message": ',
        f', "plugin": {s(plugin)}, "fixable": false}}',
    )


def _first(item: tuple[Any, str]) -> Any:
    return item[0]


class JsonReporter(Reporter):
    """One JSON document for the whole run; errors go in it, not on stderr."""

    name = "json"
    description = "one JSON document: violations, errors, metrics (a stable contract)"
    prepare_file = staticmethod(prepare_file)
    reads_whole_results = False  # see _prepared_parts: files[i] only where nothing was prepared

    def report(self, result: RunResult) -> None:
        from lintnews import __version__

        dumps = _dumps()
        write = self.stream.write
        checked = dumps(result.files_checked)
        write(f'{{"version": {dumps(__version__)}, "files_checked": {checked},')
        write('\n"violations": [')
        # One pass over the files: violations go out now (a writelines call per
        # ~64 KB: fewer Python-level calls; not one joined string, which a single
        # character past U+00FF would make wide and slow to encode whole),
        # metrics (which come after errors in the document) wait in memory up to
        # a megabyte, then in a temporary file.
        writelines = self.stream.writelines
        with _Pending(_METRICS_IN_MEMORY) as metrics:
            first_violation = first_metrics = True
            files = result.files
            parts: Iterable[tuple[str | bytes, str | None]]
            if getattr(files, "prepared_by", None) is prepare_file:
                parts = _prepared_parts(files)
            else:
                parts = map(_joined_parts, files)
            # The workers' UTF-8 goes straight to the byte buffer of a UTF-8 stdout
            # (no decode and encode again, ~10% of the report); any other stream
            # gets it as text.
            buffer = _utf8_buffer(self.stream)
            put: Callable[[list[Any]], object]
            convert: Callable[[Any], str | bytes]
            if buffer is None:
                put = writelines
                first_sep: str | bytes = "\n"
                sep: str | bytes = ",\n"
                foreign: type = bytes  # a worker's UTF-8, decoded for the text layer
                convert = _decode_utf8
            else:
                self.stream.flush()  # what the text layer holds goes first
                raw = buffer

                def put(pending: list[Any]) -> None:
                    _write_all(raw, b"".join(pending))

                errors = self.stream.errors or "strict"
                first_sep = b"\n"
                sep = b",\n"
                foreign = str  # a text kept as str (a lone surrogate in its path)

                def convert(text: Any) -> bytes:
                    return text.encode("utf-8", errors)  # type: ignore[no-any-return]

            pending: list[Any] = []
            size = 0
            for text, metrics_text in parts:
                if text:
                    if type(text) is foreign:
                        text = convert(text)
                    pending.append(sep if not first_violation else first_sep)
                    pending.append(text)
                    first_violation = False
                    size += len(text)
                    if size > _WRITE_SIZE:
                        put(pending)
                        pending.clear()
                        size = 0
                if metrics_text is not None:
                    metrics.add("\n" if first_metrics else ",\n", metrics_text)
                    first_metrics = False
            put(pending)
            write("]" if first_violation else "\n]")
            _write_list(write, "errors", (e.to_dict() for e in result.all_errors()), dumps)
            write(',\n"metrics": {')
            metrics.copy_to(self.stream)
            write("}" if first_metrics else "\n}")
        fixed = getattr(result, "fixed", None)
        if fixed is not None:  # a --fix run: what was fixed before this check
            _write_list(write, "fixed", (f.to_dict() for f in fixed), dumps)
        skipped = notes_of(result)
        if skipped:
            _write_list(write, "skipped", (n.to_dict() for n in skipped), dumps)
        if self.statistics:
            stats = (s.to_dict() for s in result.rule_statistics())
            _write_list(write, "statistics", stats, dumps)
        write("\n}\n")
        self.stream.flush()


def _utf8_buffer(stream: Any) -> Any:
    """The byte buffer under ``stream`` when UTF-8 written to it gives the bytes
    the stream would write for the same text: the process's own stdout (no
    newline translation where the line separator is "\n") in UTF-8.  None:
    write text (a StringIO, a file, a captured or replaced stdout, Windows)."""
    if stream is not sys.__stdout__ or os.linesep != "\n":
        return None
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not isinstance(encoding, str):
        return None
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    return buffer


def _decode_utf8(text: bytes) -> str:
    return text.decode("utf-8")


def _write_all(buffer: Any, data: bytes) -> None:
    """``data`` written to ``buffer`` whole: one call for a buffered stream; an
    unbuffered stdout (``python -u``, PYTHONUNBUFFERED) is raw, where a write
    may take part of it."""
    view = memoryview(data)
    while view:
        n = buffer.write(view)
        if n is None:  # a non-blocking stdout that is full
            raise BlockingIOError(errno.EAGAIN, "stdout would block")
        view = view[n:]


#: characters (bytes) of violation texts gathered before one write to the stream
_WRITE_SIZE = 1 << 16
#: characters of metrics texts kept in memory before they go to a temporary file
_METRICS_IN_MEMORY = 1 << 20


class _Pending:
    """Texts kept for later in order: in memory up to ``max_size`` characters, then
    (all of them, in order) in a temporary file; for the ``metrics`` object,
    which the document writes after the violations and errors.  Each text is
    written as it is (``writelines``), not joined: see :meth:`JsonReporter.report`."""

    def __init__(self, max_size: int) -> None:
        self._max = max_size
        self._texts: list[str] = []
        self._size = 0
        self._file: Any = None

    def __enter__(self) -> _Pending:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()

    def add(self, separator: str, text: str) -> None:
        self._texts.append(separator)
        self._texts.append(text)
        self._size += len(text)
        if self._size > self._max:
            if self._file is None:
                import tempfile

                self._file = tempfile.TemporaryFile(  # noqa: SIM115 - closed by __exit__
                    mode="w+", encoding="utf-8", newline="\n"
                )
            self._file.writelines(self._texts)
            self._texts.clear()
            self._size = 0

    def copy_to(self, stream: Any) -> None:
        """Write every text added, in order, to ``stream``."""
        if self._file is not None:
            import shutil

            self._file.seek(0)
            shutil.copyfileobj(self._file, stream)
        stream.writelines(self._texts)


def _write_list(
    write: Callable[[str], Any],
    key: str,
    items: Iterable[Any],
    dumps: Callable[[Any], str],
) -> None:
    """``,"key": [`` then one item per line, then ``]``."""
    write(f',\n"{key}": [')
    first = True
    for item in items:
        write(("\n" if first else ",\n") + dumps(item))
        first = False
    write("]" if first else "\n]")


#: the keys of Violation.to_dict, in order, that :func:`_violation_json` writes
_VIOLATION_KEYS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "severity",
    "message",
    "plugin",
    "fixable",
)
_template_ok: bool | None = None  # does Violation.to_dict still have those keys?


def _probe() -> Violation:
    from lintnews.article import Span

    return Violation("p", "c", "n", Severity.WARNING, "m", "p", 1, 1, 1, 1, Span(0, 0))


def _violation_json(v: Any) -> str | None:
    """``dumps(v.to_dict())`` for a plain Violation, written by one f-string.

    Encoding one small dict per violation set up the JSON encoder each time:
    a third of writing a large report.  The output is the encoder's, byte for
    byte: strings go through its own ``encode_basestring``, ints are exact
    ints (``repr``, as the encoder writes them) and ``fixable`` an exact bool.
    Anything else (a subclass, an unexpected type, a changed ``to_dict``)
    returns None and takes the encoder.
    """
    global _template_ok
    if type(v) is not Violation:
        return None
    if _template_ok is None:
        _template_ok = tuple(v.to_dict()) == _VIOLATION_KEYS
    line, column, end_line, end_column, fixable = (
        v.line,
        v.column,
        v.end_line,
        v.end_column,
        v.fixable,
    )
    if not (
        _template_ok
        and type(line) is int
        and type(column) is int
        and type(end_line) is int
        and type(end_column) is int
        and (fixable is True or fixable is False)
    ):
        return None
    s = _encode_str
    try:
        return (
            f'{{"path": {s(v.path)}, "line": {line!r}, "column": {column!r}, '
            f'"end_line": {end_line!r}, "end_column": {end_column!r}, "code": {s(v.code)}, '
            f'"name": {s(v.name)}, "severity": {s(v.severity.value)}, '
            f'"message": {s(v.message)}, "plugin": {s(v.plugin)}, '
            f'"fixable": {"true" if fixable else "false"}}}'
        )
    except (TypeError, AttributeError):  # a non-str field: the encoder decides
        return None


def _encode_str(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(value)
    return _encode_basestring(value)


def _jsonable(value: Any) -> Any:
    """Metrics from plugins may hold tuples, sets or enums; make them JSON."""
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "value"):
        return value.value
    return str(value)
