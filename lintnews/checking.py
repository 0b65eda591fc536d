"""Runs the selected rules on one article and applies inline suppressions.

This is the one place where a rule's output is trusted to nothing: every
rule runs inside its own guard, and whatever it yields is validated (type,
span inside the file) before it becomes a violation.  A broken plugin costs
its own results, never another rule's or another file's.
"""

from __future__ import annotations

import time
import traceback
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from lintnews.article import Article, Directive, LineIndex, Span
from lintnews.rules import ArticleDigest, Rule
from lintnews.violations import (
    Diagnostic,
    FileError,
    Fix,
    Severity,
    Violation,
    _ViolationSlots,
)

__all__ = [
    "SLOW_RULE_SECONDS",
    "SUPPRESSION_CODE",
    "UNKNOWN_SUPPRESSION_CODE",
    "ActiveRule",
    "FileResult",
    "apply_directives",
    "check_article",
    "to_violation",
]

_perf_counter = time.perf_counter  # twice per rule per article

#: a rule taking longer than this on one article is reported as an error
SLOW_RULE_SECONDS = 10.0

SUPPRESSION_CODE = "LN001"
UNKNOWN_SUPPRESSION_CODE = "LN002"


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule as configured for one file: resolved options and severity."""

    rule: Rule
    options: Mapping[str, Any]
    severity: Severity


@dataclass(slots=True)
class FileResult:
    """Everything the run learned about one file."""

    path: str
    violations: list[Violation] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    digests: dict[str, ArticleDigest] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    checked: bool = True
    #: why the file was skipped on purpose (binary, too large); not errors
    notes: list[str] = field(default_factory=list)
    #: the file's inline directives, kept so run-level violations can be suppressed too
    directives: tuple[Directive, ...] = ()
    #: codes the file's front matter ignores
    ignored_codes: frozenset[str] = frozenset()


def to_violation(
    article: Article, path: str, rule: Rule, severity: Severity, diag: Diagnostic
) -> Violation:
    span = diag.span
    position = article.lines.position
    line, col = position(span.start)
    end_line, end_col = position(span.end)
    # positional, in field order: path, code, name, severity, message, plugin,
    # line, column, end_line, end_column, span, fix
    return Violation(
        path,
        rule.code,
        rule.name,
        severity,
        diag.message,
        rule.plugin,
        line,
        col,
        end_line,
        end_col,
        span,
        diag.fix,
    )


def _validate(diag: Any, rule: Rule, size: int) -> str | None:
    """Why ``diag`` is not a usable diagnostic, or None if it is."""
    if not isinstance(diag, Diagnostic):
        return f"yielded {type(diag).__name__}, not a Diagnostic"
    if not isinstance(diag.span, Span):
        return f"yielded a diagnostic whose span is {type(diag.span).__name__}"
    if diag.span.end > size:
        span = f"[{diag.span.start}, {diag.span.end})"
        return f"reported a span {span} outside the file ({size} characters)"
    if not isinstance(diag.message, str) or not diag.message:
        return "yielded a diagnostic without a message"
    if diag.fix is not None:
        for edit in diag.fix.edits:
            if edit.span.end > size:
                return "proposed a fix outside the file"
    return None


def _edits_inside(fix: Fix, size: int) -> bool:
    """No edit of ``fix`` ends past ``size`` (the fix test of :func:`_validate`)."""
    edits = fix.edits
    if len(edits) == 1:  # most fixes: no generator
        return bool(edits[0].span.end <= size)
    return all(edit.span.end <= size for edit in edits)


def _crashed(path: str, rule: Rule, exc: BaseException) -> FileError:
    return FileError(
        path,
        f"plugin {rule.plugin!r} rule {rule.code} ({rule.name}) crashed: "
        f"{type(exc).__name__}: {exc}",
        detail="".join(traceback.format_exception(exc)),
    )


def _too_slow(path: str, rule: Rule, elapsed: float, rule_timeout: float) -> FileError:
    return FileError(
        path,
        f"plugin {rule.plugin!r} rule {rule.code} ({rule.name}) took {elapsed:.1f} s "
        f"on this file (rule-timeout is {rule_timeout:g} s)",
    )


def check_article(
    article: Article,
    active_rules: Sequence[ActiveRule],
    path: str,
    *,
    ignored_codes: frozenset[str] = frozenset(),
    known_codes: frozenset[str] = frozenset(),
    report_unused_suppressions: bool = False,
    meta_rules: Mapping[str, Rule] | None = None,
    rule_timeout: float = SLOW_RULE_SECONDS,
) -> FileResult:
    """Run ``active_rules`` on ``article``; suppressions and ignores applied.

    A rule slower than ``rule_timeout`` seconds is reported as an error
    after it finishes (it is not interrupted: its results are kept).  A rule
    that crashes, or yields anything but a valid :class:`Diagnostic`, costs
    only its own violations on this article (an error says why).

    Why one loop and no call per rule or per diagnostic: 31 rules run on every
    article and yield ~5 diagnostics, and a call per rule (two clock reads, a
    list), a validation and a conversion call per diagnostic and a frozen
    dataclass ``__init__`` per violation were ~2% of a worker's CPU.  A plain
    :class:`Diagnostic` whose span and message pass the checks of
    :func:`_validate` becomes its violation here, written out (positions from
    the article's :class:`~lintnews.article.LineIndex`, the violation made as
    its slot twin, see ``lintnews.violations._ViolationSlots``); anything else
    goes through :func:`_validate` and :func:`to_violation`.  A rule's time
    runs from the clock read that ended the previous rule's (one read per
    rule instead of two).
    """
    result = FileResult(path)
    errors = result.errors
    found: list[Violation] = []
    append = found.append
    source_size = len(article.source)
    lines = article.lines
    if type(lines) is LineIndex:  # its offsets inline below; a subclass keeps its own
        line_starts: list[int] | None = lines._starts
        length = lines._length
    else:
        line_starts, length = None, 0
    if ignored_codes:
        active_rules = [a for a in active_rules if a.rule.code not in ignored_codes]
    clock = _perf_counter
    started = clock()
    for active in active_rules:
        rule = active.rule
        mark = len(found)
        try:
            if rule.check_run is not None:  # Rule.is_run_level
                assert rule.digest is not None
                result.digests[rule.code] = ArticleDigest(
                    path, rule.digest(article, active.options)
                )
            else:
                assert rule.check is not None
                for diag in rule.check(article, active.options) or ():
                    if (
                        diag.__class__ is Diagnostic
                        and (span := diag.span).__class__ is Span
                        and span.end <= source_size
                        and (message := diag.message).__class__ is str
                        and message
                        and line_starts is not None
                        and ((fix := diag.fix) is None or _edits_inside(fix, source_size))
                    ):
                        # to_violation, written out, for a diagnostic _validate passes
                        offset = span.start
                        if offset < 0:
                            offset = 0
                        elif offset > length:
                            offset = length
                        line = bisect_right(line_starts, offset)
                        column = offset - line_starts[line - 1] + 1
                        offset = span.end
                        if offset < 0:
                            offset = 0
                        elif offset > length:
                            offset = length
                        end_line = bisect_right(line_starts, offset)
                        violation = _ViolationSlots()
                        violation.path = path
                        violation.code = rule.code
                        violation.name = rule.name
                        violation.severity = active.severity
                        violation.message = message
                        violation.plugin = rule.plugin
                        violation.line = line
                        violation.column = column
                        violation.end_line = end_line
                        violation.end_column = offset - line_starts[end_line - 1] + 1
                        violation.span = span
                        violation.fix = fix
                        violation.unsafe_fixes = False
                        violation.__class__ = Violation
                        append(violation)  # type: ignore[arg-type]
                        continue
                    problem = _validate(diag, rule, source_size)
                    if problem:
                        errors.append(
                            FileError(path, f"plugin {rule.plugin!r} rule {rule.code} {problem}")
                        )
                        del found[mark:]
                        break
                    append(to_violation(article, path, rule, active.severity, diag))
                else:
                    # the rule ran to its end: its time counts
                    now = clock()
                    if now - started > rule_timeout:
                        errors.append(_too_slow(path, rule, now - started, rule_timeout))
                    started = now
                    continue
                started = clock()  # an invalid diagnostic ended the rule: no time check
                continue
        except (KeyboardInterrupt, GeneratorExit):
            raise
        # sys.exit() in a rule, or a panic in a compiled library it calls
        # (pyo3's PanicException is a BaseException), costs only that rule
        except BaseException as exc:
            del found[mark:]
            errors.append(_crashed(path, rule, exc))
            started = clock()
            continue
        now = clock()  # a digest
        if now - started > rule_timeout:
            errors.append(_too_slow(path, rule, now - started, rule_timeout))
        started = now
    kept, unused, unknown = apply_directives(article.directives, found, known_codes)
    meta = meta_rules or {}
    if report_unused_suppressions and SUPPRESSION_CODE in meta:
        rule = meta[SUPPRESSION_CODE]
        for directive in unused:
            kept.append(
                to_violation(
                    article,
                    path,
                    rule,
                    rule.severity,
                    Diagnostic(
                        directive.span,
                        f"suppression '{directive.action} {' '.join(directive.codes)}'"
                        " matches no violation; remove it",
                    ),
                )
            )
    if UNKNOWN_SUPPRESSION_CODE in meta:
        rule = meta[UNKNOWN_SUPPRESSION_CODE]
        for directive, code in unknown:
            kept.append(
                to_violation(
                    article,
                    path,
                    rule,
                    rule.severity,
                    Diagnostic(directive.span, f"suppression names unknown rule {code!r}"),
                )
            )
    # every item is a Violation made here: its sort_key, read by one C getter
    kept.sort(key=_sort_key)
    result.violations = kept
    return result


#: ``Violation.sort_key`` of a Violation (not of a subclass overriding it)
_sort_key = attrgetter("path", "line", "column", "code")


def _matches(codes: tuple[str, ...], violation: Violation) -> bool:
    if not codes:
        return True
    for code in codes:
        c = code.upper()
        if violation.code.startswith(c) or code.lower() == violation.name:
            return True
    return False


def _is_known(code: str, known: frozenset[str]) -> bool:
    if not known:
        return True
    if code.lower() == "all":
        return True
    up = code.upper()
    return any(k.startswith(up) or k == code.lower() for k in known)


def apply_directives(
    directives: Sequence[Directive], violations: list[Violation], known: frozenset[str]
) -> tuple[list[Violation], list[Directive], list[tuple[Directive, str]]]:
    """Drop suppressed violations; return (kept, unused directives, unknown codes)."""
    if not directives:
        return violations, [], []
    unknown = [(d, c) for d in directives for c in d.codes if not _is_known(c, known)]
    used: set[int] = set()
    # Ranges opened by "disable" and closed by the next matching "enable".
    ranges: list[tuple[int, int, tuple[str, ...], int]] = []
    open_ranges: list[tuple[int, tuple[str, ...], int]] = []
    for i, d in enumerate(directives):
        if d.action == "disable":
            open_ranges.append((d.line, d.codes, i))
        elif d.action == "enable":
            still = []
            for start, codes, idx in open_ranges:
                if (
                    not d.codes
                    or set(c.upper() for c in d.codes) & set(c.upper() for c in codes)
                    or not codes
                ):
                    ranges.append((start, d.line, codes, idx))
                else:
                    still.append((start, codes, idx))
            open_ranges = still
            used.add(i)
    for start, codes, idx in open_ranges:
        ranges.append((start, 10**12, codes, idx))
    line_rules: dict[int, list[tuple[tuple[str, ...], int]]] = {}
    for i, d in enumerate(directives):
        if d.action == "disable-next-line":
            line_rules.setdefault(d.line + 1, []).append((d.codes, i))
        elif d.action == "disable-line":
            line_rules.setdefault(d.line, []).append((d.codes, i))
    kept = []
    for v in violations:
        suppressed = False
        for codes, idx in line_rules.get(v.line, ()):
            if _matches(codes, v):
                used.add(idx)
                suppressed = True
        for start, end, codes, idx in ranges:
            if start <= v.line <= end and _matches(codes, v):
                used.add(idx)
                suppressed = True
        if not suppressed:
            kept.append(v)
    unused = [d for i, d in enumerate(directives) if i not in used]
    return kept, unused, unknown
