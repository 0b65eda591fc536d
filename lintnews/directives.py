"""Inline suppression comments: ``<!-- lintnews: disable PW001 -->`` and friends.

Markdown and HTML use comments; plain text has no comment syntax, so a line
of its own starting with ``#lintnews:`` or ``# lintnews:`` is the equivalent
(the HTML-comment form works there too).  Directive lines are markup, not
prose: readers leave them out of paragraphs.
"""

from __future__ import annotations

import re

from lintnews import recache
from lintnews.article import Directive, LineIndex, Span

__all__ = ["ACTIONS", "scan_directives"]

ACTIONS = ("disable-next-line", "disable-line", "disable", "enable")

_BODY = (
    r"lintnews:\s*(?P<action>disable-next-line|disable-line|disable|enable)\b(?P<codes>[^\n>]*?)"
)
# recache: compiled once per machine, not once per run (see lintnews.recache)
_COMMENT_RE = recache.compile(r"<!--\s*" + _BODY + r"\s*-->", re.IGNORECASE)
_LINE_RE = recache.compile(r"(?m)^[ \t]*#[ \t]*" + _BODY + r"[ \t]*\r?$", re.IGNORECASE)
_CODE_SPLIT = recache.compile(r"[\s,]+")


def scan_directives(source: str, *, line_comments: bool) -> tuple[Directive, ...]:
    """Every directive in ``source``, in order of appearance."""
    if "lintnews" not in source:
        # Every directive holds "<!--" or, in plain text, a "#" (neither has
        # case variants), so most files are ruled out without ``upper()``,
        # which copied the whole source (~45 us per article; a case-insensitive
        # regex search was slower still).  Those that are not take the old test.
        if "<!--" not in source and not (line_comments and "#" in source):
            return ()
        if "LINTNEWS" not in source.upper():
            return ()
    lines = LineIndex(source)
    found = []
    patterns = [_COMMENT_RE, _LINE_RE] if line_comments else [_COMMENT_RE]
    for pattern in patterns:
        for m in pattern.finditer(source):
            codes = tuple(c for c in _CODE_SPLIT.split(m.group("codes").strip()) if c)
            line, _ = lines.position(m.start())
            found.append(
                Directive(m.group("action").lower(), codes, line, Span(m.start(), m.end()))
            )
    found.sort(key=lambda d: d.span.start)
    return tuple(found)
