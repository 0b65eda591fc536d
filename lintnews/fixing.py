"""Autofix: apply rules' edits, re-check, repeat until stable, write safely.

The promise is stronger than "apply what the rules propose": **a fix never
removes or alters text that is not part of the reported violation**.  The
core enforces it instead of trusting plugins (:func:`fix_reach_problem`, in
:mod:`lintnews.fixguard` so a plain ``check`` does not import the fixer; called
by the engine on every diagnostic, so a bad fix is an error on a plain
``check`` too and the violation is not marked fixable):

- every edit must lie inside the violation's span widened over the
  characters next to it that are whitespace or markup (characters that are
  in no paragraph's clean text, e.g. ``> **`` or ``](http://...)`` around a
  deleted Markdown paragraph, ``<p>``/``</p>`` around an HTML one);
- the widening stops at anything an author wrote: paragraph and headline
  text, front matter, inline ``lintnews:`` directives;
- an edit may not cut a ``\\r\\n`` pair in two.

The fix loop (:func:`fix_text`) checks the text, applies every
non-overlapping fix allowed under the flags (safe ones; unsafe ones too
with ``--unsafe-fixes``), and checks again, at most :data:`MAX_PASSES`
times; a text that is still changing after that is reported as not
converged (what was fixed is kept: every applied edit passed the guard).

``fixable`` in every output means "``--fix`` would apply it under the
current flags": safe fixes always, unsafe ones only with
``--unsafe-fixes`` (ruff shows the same split: ``[*]`` for applicable
fixes, unsafe ones hidden unless enabled).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from lintnews.decoding import BinaryFile, DecodedText, DecodeError, decode_bytes, encode_text
from lintnews.fixguard import fix_reach_problem, guard_fixes  # re-exported (the guarantee)
from lintnews.violations import Edit, FileError, Violation

if TYPE_CHECKING:
    from lintnews.engine import Engine, RunResult
    from lintnews.writing import Snapshot

__all__ = [
    "MAX_PASSES",
    "FileFix",
    "FixRun",
    "FixedViolation",
    "TextFix",
    "apply_fixes",
    "fix_file",
    "fix_paths",
    "fix_reach_problem",
    "fix_text",
    "guard_fixes",
    "mark_fix_applicability",
    "merge_fix_run",
    "report_diff",
    "select_fixes",
    "unified_diff",
]

#: passes of check-and-fix before a file is reported as not converging
MAX_PASSES = 10


# -- choosing and applying fixes ---------------------------------------------------------


def _applicable(v: Violation, unsafe: bool) -> bool:
    return v.fix is not None and (v.fix.safe or unsafe)


def select_fixes(violations: Iterable[Violation], *, unsafe: bool = False) -> list[Violation]:
    """The violations whose fixes one pass applies: applicable, non-overlapping.

    Fixes are taken in source order; one that overlaps (or touches with an
    insertion) an already taken fix waits for the next pass, when the text
    is checked again and the rule decides anew.
    """
    candidates = sorted(
        (v for v in violations if _applicable(v, unsafe)),
        key=lambda v: (v.fix.span.start, v.fix.span.end, v.code),  # type: ignore[union-attr]
    )
    taken: list[Violation] = []
    taken_edits: list[Edit] = []
    for v in candidates:
        assert v.fix is not None
        if any(_conflict(e, t) for e in v.fix.edits for t in taken_edits):
            continue
        taken.append(v)
        taken_edits.extend(v.fix.edits)
    return taken


def _conflict(a: Edit, b: Edit) -> bool:
    if a.span.start < b.span.end and b.span.start < a.span.end:
        return True
    # Two edits meeting at one point are ordered only if neither inserts there.
    if a.span.start == b.span.end or b.span.start == a.span.end:
        return (len(a.span) == 0 and bool(a.replacement)) or (
            len(b.span) == 0 and bool(b.replacement)
        )
    return False


def apply_fixes(text: str, violations: Sequence[Violation]) -> str:
    """``text`` with the edits of ``violations`` (non-overlapping) applied."""
    edits = sorted(
        (e for v in violations if v.fix is not None for e in v.fix.edits),
        key=lambda e: (e.span.start, e.span.end),
    )
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.span.start])
        out.append(e.replacement)
        pos = e.span.end
    out.append(text[pos:])
    return "".join(out)


def _keep_final_newline(original: str, fixed: str, newline: str) -> str:
    """Give ``fixed`` the original's final-newline state (whitespace only)."""
    if not fixed:
        return fixed
    had = original.endswith(("\n", "\r"))
    has = fixed.endswith(("\n", "\r"))
    if had and not has:
        return fixed + (newline or "\n")
    if has and not had:
        return fixed.rstrip("\r\n")
    return fixed


# -- the fix loop -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FixedViolation:
    """A violation whose fix was applied (as reported in the pass that fixed it)."""

    path: str
    code: str
    name: str
    line: int
    column: int
    message: str
    safe: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "safe": self.safe,
        }


@dataclass
class TextFix:
    """Outcome of the fix loop on one text."""

    text: str
    fixed: list[FixedViolation] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    #: fixes left out because the file's encoding cannot hold their text
    notes: list[str] = field(default_factory=list)
    passes: int = 0
    converged: bool = True


def _encodable(v: Violation, encoding: str) -> bool:
    assert v.fix is not None
    try:
        for e in v.fix.edits:
            e.replacement.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def fix_text(
    engine: Engine,
    path: str,
    decoded: DecodedText,
    *,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
) -> TextFix:
    """Check, fix, re-check ``decoded`` as the file ``path`` until nothing changes.

    Only per-file rules are re-run (run-level rules propose no fixes).  The
    edits apply to the decoded source as is (``\\r\\n`` kept), so encoding
    the result with the original encoding and BOM reproduces every byte
    outside the fixed spans.
    """
    original = decoded.text
    text = original
    out = TextFix(text)
    seen = {text}
    for _ in range(max_passes):
        # Rejected fixes (guard errors) are not repeated here: the check that
        # follows every --fix run reports them with the remaining violations.
        result = engine.check_decoded(path, dataclasses.replace(decoded, text=text))
        chosen = []
        for v in select_fixes(result.violations, unsafe=unsafe):
            if _encodable(v, decoded.encoding):
                chosen.append(v)
            else:
                note = (
                    f"{path}:{v.line}:{v.column}: {v.code} not fixed: its replacement "
                    f"cannot be written in the file's encoding ({decoded.encoding})"
                )
                if note not in out.notes:
                    out.notes.append(note)
        if not chosen:
            break
        new = _keep_final_newline(original, apply_fixes(text, chosen), decoded.newline)
        out.passes += 1
        out.fixed.extend(
            FixedViolation(path, v.code, v.name, v.line, v.column, v.message, v.fix.safe)  # type: ignore[union-attr]
            for v in chosen
        )
        if new == text or new in seen:
            # Nothing changed, or back to an earlier state: fixes fight each other.
            out.converged = new == text
            text = new
            break
        seen.add(new)
        text = new
    else:
        out.converged = False
    if not out.converged:
        out.errors.append(
            FileError(
                path,
                f"fixes did not converge after {out.passes} passes; the fixed text so far "
                "was kept (please report this as a bug of the rules involved: "
                f"{', '.join(sorted({f.code for f in out.fixed[-5:]}))})",
            )
        )
    out.text = text
    return out


@dataclass
class FileFix:
    """What fixing one file did (or, for ``--diff``, would do)."""

    path: str
    before: str = ""
    after: str = ""
    fixed: list[FixedViolation] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.before != self.after


def fix_file(
    engine: Engine,
    path: str,
    *,
    unsafe: bool = False,
    write: bool = True,
    before_write: Callable[[str], None] | None = None,
) -> FileFix:
    """Fix one file in place (``write=False``: compute only, for ``--diff``).

    ``before_write(path)`` runs between the check and the write; tests use it
    to change the file on disk and prove the newer content is not overwritten.
    Never raises for file problems: they come back in ``FileFix.errors``.
    """
    # imported here: a plain check imports this module (guard_fixes) but never writes
    from lintnews.writing import WriteError, snapshot, write_atomic

    out = FileFix(path)
    try:
        snap: Snapshot = snapshot(path)
    except OSError as exc:
        out.errors.append(FileError(path, exc.strerror or str(exc)))
        return out
    if snap.size > engine.config.max_file_size:
        return out
    try:
        decoded = decode_bytes(snap.data, engine.encoding_for(path))
    except (BinaryFile, DecodeError):
        return out  # the check reports it; nothing to fix
    result = fix_text(engine, path, decoded, unsafe=unsafe)
    out.before, out.after = decoded.text, result.text
    out.errors.extend(result.errors)
    out.notes.extend(result.notes)
    if not out.changed:
        out.fixed = []
        return out
    out.fixed = result.fixed
    if not write:
        return out
    if before_write is not None:
        before_write(path)
    try:
        write_atomic(path, encode_text(decoded, result.text), snap)
    except WriteError as exc:
        out.errors.append(FileError(path, str(exc).removeprefix(f"{path}: ")))
        out.fixed = []
        return out
    out.written = True
    return out


@dataclass
class FixRun:
    """Every file's fix outcome for one ``--fix``/``--diff`` run."""

    files: list[FileFix]
    errors: list[FileError]

    @property
    def fixed(self) -> list[FixedViolation]:
        return [f for ff in self.files for f in ff.fixed]

    @property
    def changed(self) -> list[FileFix]:
        return [ff for ff in self.files if ff.changed]

    def all_errors(self) -> list[FileError]:
        return [*self.errors, *(e for ff in self.files for e in ff.errors)]

    #: remaining violations with an unsafe fix not enabled (set by merge_fix_run)
    hidden: int = 0

    def summary(self, *, diff: bool = False) -> str:
        n, files = len(self.fixed), len({f.path for f in self.fixed})
        verb = "Would fix" if diff else "Fixed"
        text = f"{verb} {_plural(n, 'violation')} in {_plural(files, 'file')}."
        if self.hidden:
            text += f" {self.hidden} more with --unsafe-fixes."
        return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def fix_paths(
    engine: Engine, paths: Sequence[str], *, unsafe: bool = False, write: bool = True
) -> FixRun:
    """Fix every file below ``paths`` (standard input is not fixed in place)."""
    files, errors = engine.discover(paths)
    outcomes = [fix_file(engine, p, unsafe=unsafe, write=write) for p in files if p != "-" and p]
    return FixRun(outcomes, list(errors))


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``diff -u`` of one file (line endings shown as they are)."""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def report_diff(run: FixRun, out: TextIO, err: TextIO, *, quiet: bool = False) -> int:
    """``--diff``: the diffs on ``out``, summary and errors on ``err``; the exit code.

    Exit 1 when a file would change (as ruff does), 2 on errors, else 0.
    """
    for ff in run.changed:
        out.write(unified_diff(display_path(ff.path), ff.before, ff.after))
    out.flush()
    for ff in run.files:
        for note in ff.notes:
            err.write(f"lintnews: {note}\n")
    errors = run.all_errors()
    for e in errors:
        where = f"{e.path}: " if e.path else ""
        err.write(f"lintnews: error: {where}{e.message}\n")
    if not quiet:
        err.write(run.summary(diff=True) + "\n")
    if errors:
        return 2
    return 1 if run.changed else 0


def merge_fix_run(result: RunResult, run: FixRun | None, *, unsafe: bool) -> None:
    """Fold a fix run into the final check's result before it is reported.

    ``result.fixed`` lists what was fixed (the JSON ``fixed`` key); errors
    only the fix run saw (write refused, file changed on disk, no
    convergence) join the result's, so they show and set the exit code.
    """
    mark_fix_applicability(result, unsafe=unsafe)
    if run is None:
        return
    result.fixed = run.fixed
    run.hidden = sum(1 for v in result.violations() if v.fix is not None and not v.fixable)
    seen = {(e.path, e.message) for e in result.all_errors()}
    for e in (e for ff in run.files for e in ff.errors):
        if (e.path, e.message) not in seen:
            result.errors.append(e)
            seen.add((e.path, e.message))
    for ff in run.files:
        for note in ff.notes:
            sys.stderr.write(f"lintnews: {note}\n")


def mark_fix_applicability(result: RunResult, *, unsafe: bool) -> None:
    """Let every violation's ``fixable`` say whether ``--fix`` would apply it now."""
    if not unsafe:
        return
    for f in result.files:
        f.violations = [
            dataclasses.replace(v, unsafe_fixes=True) if v.fix is not None else v
            for v in f.violations
        ]


def display_path(path: str) -> str:
    """Paths in diffs as given (no leading ``./``)."""
    return path[2:] if path.startswith("./") else os.path.normpath(path)
