"""The autofix guarantee, checked on every ``check``: a fix never reaches past its violation.

Split from :mod:`lintnews.fixing` because the engine calls :func:`guard_fixes`
on every article whose violations carry fixes, while the rest of the fixer
(the fix loop, safe writing, diffs) only runs with ``--fix``/``--diff``: a
plain one-article check imports this small module, not the fixer.  The rules
it enforces are described in :mod:`lintnews.fixing`.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from lintnews.violations import FileError

if TYPE_CHECKING:
    from lintnews.article import Article, Span
    from lintnews.checking import FileResult
    from lintnews.violations import Edit, Fix, Violation

__all__ = ["fix_reach_problem", "guard_fixes"]


# -- the guarantee ---------------------------------------------------------------------


class _AuthorMask:
    """Which source characters an author wrote (text, headline, front matter, directives).

    Built lazily, only for an article with a fix that reaches past its span
    over something other than whitespace.
    """

    def __init__(self, article: Article) -> None:
        n = len(article.source)
        mask = bytearray(n)

        def mark(start: int, end: int) -> None:
            start, end = max(start, 0), min(end, n)
            if end > start:
                mask[start:end] = b"\x01" * (end - start)

        for p in article.paragraphs:
            tm = p.textmap
            starts = tm.text_starts
            for k, ts in enumerate(starts):
                te = starts[k + 1] if k + 1 < len(starts) else tm.text_length
                ss = tm.source_starts[k]
                mark(ss, min(ss + (te - ts), tm.source_end))
            for w in tm.wide:
                s = p.span_of(w, w + 1)
                mark(s.start, s.end)
        if article.headline is not None:
            mark(article.headline.span.start, article.headline.span.end)
        body = article.body_span
        if article.metadata and body is not None and body.start > 0:
            mark(0, body.start)  # front matter
        for d in article.directives:
            mark(d.span.start, d.span.end)
        self.mask = mask


def _widen(source: str, span: Span, free: Callable[[int], bool]) -> tuple[int, int]:
    lo, hi = span.start, span.end
    while lo > 0 and free(lo - 1):
        lo -= 1
    while hi < len(source) and free(hi):
        hi += 1
    return lo, hi


def _edit_order(edit: Edit) -> tuple[int, int]:
    return edit.span.start, edit.span.end


def fix_reach_problem(
    article: Article, span: Span, fix: Fix, mask: list[_AuthorMask] | None = None
) -> str | None:
    """Why ``fix`` breaks the guarantee for a violation at ``span``, or None.

    ``mask`` is a one-element cache the caller may pass to share the author
    mask between the diagnostics of one article.

    Called for every fix of every article (~3.6 per benchmark article, most
    of them one edit deleting a line with its line break), so the common
    answers take one pass over the edits and C calls: a one-edit fix needs
    no sort and no pair test, and "every edit outside the span stays within
    the span widened over white space" is ``source[first:start].isspace()``
    and ``source[end:last].isspace()`` for the outside edits' first start
    and last end (the widening stops at the first other character, so an
    edit reaches past it exactly when that slice holds one) instead of a
    Python step per character widened.
    """
    source = article.source
    edits = fix.edits
    if type(edits) is not tuple or len(edits) != 1:
        edits = sorted(edits, key=_edit_order)
        if not edits:
            return "proposed a fix without edits"
        for a, b in itertools.pairwise(edits):
            if a.span.end > b.span.start:
                return "proposed a fix whose edits overlap"
    start, end = span.start, span.end
    n = len(source)
    # the first start and last end of the edits reaching outside the span
    first, last = start, end
    reaching = False
    for e in edits:
        es = e.span
        s, t = es.start, es.end
        # either end between the \r and the \n of a CRLF
        if (0 < s < n and source[s - 1] == "\r" and source[s] == "\n") or (
            0 < t < n and source[t - 1] == "\r" and source[t] == "\n"
        ):
            return "proposed a fix that cuts a CRLF line ending in two"
        if s < start or t > end:
            reaching = True
            if s < first:
                first = s
            if t > last:
                last = t
    if not reaching:
        return None
    if (first >= start or source[first:start].isspace()) and (
        last <= end or (last <= n and source[end:last].isspace())
    ):
        return None
    outside = [e for e in edits if e.span.start < start or e.span.end > end]
    if mask is None:
        mask = []
    if not mask:
        mask.append(_AuthorMask(article))
    m = mask[0].mask
    lo, hi = _widen(source, span, lambda i: source[i].isspace() or not m[i])
    for e in outside:
        if e.span.start < lo or e.span.end > hi:
            bad = e.span.start if e.span.start < lo else hi
            snippet = source[bad : bad + 30].split("\n")[0]
            return (
                f"proposed a fix that reaches outside its violation "
                f"(edit [{e.span.start}, {e.span.end}) vs violation [{span.start}, {span.end})"
                f", touching {snippet!r})"
            )
    return None


def guard_fixes(article: Article, result: FileResult) -> None:
    """Drop every fix that breaks the guarantee, with an error naming plugin and rule.

    The violation itself stays (the finding is right; only its fix is
    unusable), now without a fix, so it is not reported as fixable.
    """
    mask: list[_AuthorMask] = []
    kept: list[Violation] = []
    changed = False
    for v in result.violations:
        if v.fix is not None:
            problem = fix_reach_problem(article, v.span, v.fix, mask)
            if problem:
                result.errors.append(
                    FileError(
                        result.path,
                        f"plugin {v.plugin!r} rule {v.code} ({v.name}) {problem}; "
                        f"fix rejected (line {v.line})",
                    )
                )
                v = dataclasses.replace(v, fix=None)
                changed = True
        kept.append(v)
    if changed:
        result.violations = kept
