"""Stable identities for violations, and the baseline that adopts lintnews on an archive.

A newsroom that turns lintnews on for an archive of thousands of articles
cannot fix every old finding first.  ``lintnews check --baseline FILE
--write-baseline`` records what the archive has today; later runs with
``--baseline FILE`` hide those findings so only new ones fail.

A line number is a poor identity: inserting one paragraph at the top of an
article moves every finding below it.  So a finding is identified by its
path, its rule code and a hash of its *content*: the normalised source text
of the violation's span (whitespace runs collapsed, Unicode NFC), or of its
line when the span is empty.  The same identity is what the SARIF
``partialFingerprints`` and the GitLab Code Quality ``fingerprint`` carry, so
code-scanning dashboards track a finding across unrelated edits too.

Two identical findings in one file (the same prompt pasted twice) share an
identity, so the baseline keeps a count per identity, and fingerprints add
an occurrence number.

The baseline file is JSON, sorted, one entry per line group, with a
``version`` field, so it diffs well in review::

    {
      "version": 1,
      "files": {
        "archive/2019/ferry.md": [
          {"code": "PW001", "name": "paywall-prompt", "hash": "…", "count": 1,
           "text": "Subscribe to keep reading"}
        ]
      }
    }

Paths in the file are relative to the baseline file's directory, so the
baseline works whether lintnews is run as ``lintnews check .`` or
``lintnews check archive/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lintnews.errors import UsageError

if TYPE_CHECKING:
    from lintnews.engine import RunResult
    from lintnews.violations import Violation

__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "SourceCache",
    "apply_baseline",
    "content_hash",
    "content_of",
    "fingerprints",
    "finish",
    "normalise_path",
    "prepare",
]

BASELINE_VERSION = 1
#: length of the excerpt kept in the baseline for reviewers (not used to match)
_EXCERPT = 80
#: spans shorter than this (normalised) are identified together with their line
_SHORT = 12


def normalise_path(path: str) -> str:
    """A path as reports should print it: forward slashes, no leading ``./``."""
    out = path.replace(os.sep, "/") if os.sep != "/" else path
    while out.startswith("./"):
        out = out[2:]
    return out


def _normalise_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class SourceCache:
    """Decoded file texts by path, read once, decoded as the engine decodes them.

    Offsets in a violation's span index the decoded text, so the text must be
    decoded the same way (BOM stripped, the same detection).  Texts that were
    not read from disk (stdin) are passed in ``sources``.
    """

    def __init__(self, sources: Mapping[str, str] | None = None) -> None:
        self._texts: dict[str, str | None] = dict(sources or {})

    def text(self, path: str) -> str | None:
        if path not in self._texts:
            self._texts[path] = _read_decoded(path)
        return self._texts[path]


def _read_decoded(path: str) -> str | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    from lintnews.decoding import BinaryFile, DecodeError, decode_bytes

    try:
        return decode_bytes(data).text
    except (BinaryFile, DecodeError):
        return data.decode("utf-8", errors="replace")


def content_of(violation: Violation, sources: SourceCache) -> str:
    """The normalised text a violation is about: its span, with its line if short."""
    text = sources.text(violation.path)
    if text is None:
        return ""
    span = violation.span
    content = _normalise_text(text[span.start : span.end])
    if len(content) >= _SHORT:
        return content
    # A short span ('to' at the end of a cut-off paragraph) says little on its
    # own: add the text of its line, so it stays apart from other short spans.
    lines = text.split("\n")
    if 1 <= violation.line <= len(lines):
        return f"{_normalise_text(lines[violation.line - 1])}\0{content}"
    return content


def content_hash(path: str, code: str, content: str) -> str:
    """16 hex digits identifying (path, code, content); 64 bits is plenty per archive."""
    key = "\0".join((normalise_path(path), code, content))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def fingerprints(violations: Iterable[Violation], sources: SourceCache) -> list[str]:
    """A stable, unique fingerprint per violation (for SARIF and GitLab).

    ``hash`` of path, code and content, plus ``:n`` for the n-th identical
    finding in the same file (in reading order), so two identical findings
    stay two alerts.
    """
    seen: Counter[str] = Counter()
    out = []
    for v in violations:
        h = content_hash(v.path, v.code, content_of(v, sources))
        seen[h] += 1
        out.append(f"{h}:{seen[h]}")
    return out


# -- the baseline file ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    name: str
    hash: str
    count: int
    text: str


class Baseline:
    """Recorded findings by (path, code, content hash), with counts."""

    def __init__(self, path: Path, files: Mapping[str, list[_Entry]] | None = None) -> None:
        self.path = path
        self.files: dict[str, list[_Entry]] = {k: list(v) for k, v in (files or {}).items()}

    # -- reading and writing ---------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; a missing or malformed file is a usage error."""
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsageError(
                f"baseline file {str(path)!r} does not exist (create it with --write-baseline)"
            ) from None
        except OSError as exc:
            raise UsageError(f"cannot read baseline file {str(path)!r}: {exc}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise UsageError(
                f"baseline file {str(path)!r} is not valid JSON "
                f"(line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            version = data.get("version") if isinstance(data, dict) else None
            raise UsageError(
                f"baseline file {str(path)!r} has version {version!r}; "
                f"this lintnews reads version {BASELINE_VERSION}"
            )
        files = data.get("files", {})
        if not isinstance(files, dict):
            raise UsageError(f"baseline file {str(path)!r}: 'files' must be an object")
        out: dict[str, list[_Entry]] = {}
        for file_path, entries in files.items():
            try:
                out[file_path] = [
                    _Entry(
                        str(e["code"]),
                        str(e.get("name", "")),
                        str(e["hash"]),
                        int(e.get("count", 1)),
                        str(e.get("text", "")),
                    )
                    for e in entries
                ]
            except (KeyError, TypeError, ValueError):
                raise UsageError(
                    f"baseline file {str(path)!r}: malformed entry for {file_path!r}"
                ) from None
        return cls(path, out)

    def dumps(self) -> str:
        """Sorted, indented JSON ending in a newline: stable for diffs."""
        files = {}
        for file_path in sorted(self.files):
            entries = sorted(self.files[file_path], key=lambda e: (e.code, e.hash))
            if entries:
                files[file_path] = [
                    {
                        "code": e.code,
                        "name": e.name,
                        "hash": e.hash,
                        "count": e.count,
                        "text": e.text,
                    }
                    for e in entries
                ]
        doc = {"version": BASELINE_VERSION, "files": files}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def write(self) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(self.dumps(), encoding="utf-8", newline="\n")
        os.replace(tmp, self.path)

    # -- paths -------------------------------------------------------------------------
    def key_path(self, path: str) -> str:
        """``path`` relative to the baseline's directory (stdin names stay as they are)."""
        if path == "-" or path.startswith("<"):
            return path
        base = self.path.resolve().parent
        try:
            rel = os.path.relpath(os.path.abspath(path), base)
        except ValueError:  # another drive on Windows
            rel = os.path.abspath(path)
        return normalise_path(rel)

    # -- building ------------------------------------------------------------------------
    def record(self, result: RunResult, sources: SourceCache) -> int:
        """Replace the entries of every file of ``result`` with its current findings.

        Files outside this run keep their entries, so a baseline can be
        written one directory at a time.  Returns the number of findings recorded.
        """
        for f in result.files:
            self.files.pop(self.key_path(f.path), None)
        counts: Counter[tuple[str, str, str]] = Counter()
        info: dict[tuple[str, str, str], tuple[str, str]] = {}
        total = 0
        for v in result.violations():
            key_path = self.key_path(v.path)
            content = content_of(v, sources)
            key = (key_path, v.code, content_hash(key_path, v.code, content))
            counts[key] += 1
            info.setdefault(key, (v.name, content.split("\0", 1)[0][:_EXCERPT]))
            total += 1
        for (key_path, code, h), n in counts.items():
            name, text = info[(key_path, code, h)]
            self.files.setdefault(key_path, []).append(_Entry(code, name, h, n, text))
        return total

    def remaining(self) -> Counter[tuple[str, str, str]]:
        """How many findings each (path, code, hash) may still hide."""
        out: Counter[tuple[str, str, str]] = Counter()
        for file_path, entries in self.files.items():
            for e in entries:
                out[(file_path, e.code, e.hash)] += e.count
        return out


def apply_baseline(result: RunResult, baseline: Baseline, sources: SourceCache) -> int:
    """Drop findings recorded in ``baseline`` from ``result`` (in place).

    Each entry hides at most ``count`` findings, taken in reading order.
    Returns the number of findings hidden.
    """
    budget = baseline.remaining()
    hidden = 0
    for f in result.files:
        if not f.violations:
            continue
        key_path = baseline.key_path(f.path)
        kept = []
        for v in sorted(f.violations, key=lambda v: v.sort_key()):
            key = (key_path, v.code, content_hash(key_path, v.code, content_of(v, sources)))
            if budget[key] > 0:
                budget[key] -= 1
                hidden += 1
            else:
                kept.append(v)
        f.violations = kept
    return hidden


# -- the command line's use of a baseline ----------------------------------------------


def prepare(path: Path | None, write: bool) -> Baseline | None:
    """Check the baseline options before any file is read.

    ``--write-baseline`` needs ``--baseline FILE``; reading needs the file to
    exist, writing merges into it when it does.
    """
    if write and path is None:
        raise UsageError("--write-baseline needs --baseline FILE")
    if path is None:
        return None
    if write and not path.exists():
        return Baseline(path)
    return Baseline.load(path)


def finish(
    baseline: Baseline,
    *,
    write: bool,
    result: RunResult,
    sources: Mapping[str, str] | None,
    quiet: bool,
    stream: TextIO,
) -> int | None:
    """Write the baseline (returning the exit code) or filter ``result`` (returning None)."""
    cache = SourceCache(sources)
    if write:
        recorded = baseline.record(result, cache)
        baseline.write()
        errors = result.all_errors()
        for error in errors:
            where = f"{error.path}: " if error.path else ""
            stream.write(f"lintnews: error: {where}{error.message}\n")
        if not quiet:
            files = len({v.path for v in result.violations()})
            stream.write(
                f"lintnews: recorded {recorded} violation{'s' if recorded != 1 else ''} "
                f"in {files} file{'s' if files != 1 else ''} to {baseline.path}\n"
            )
        # A file that could not be read is missing from the baseline: say so.
        return 2 if errors else 0
    hidden = apply_baseline(result, baseline, cache)
    if hidden and not quiet:
        stream.write(
            f"lintnews: {hidden} violation{'s' if hidden != 1 else ''} "
            f"recorded in {baseline.path} not shown\n"
        )
    return None
