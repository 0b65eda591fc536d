"""Inline suppression comments: ``<!-- lintnews: disable PW001 -->`` and friends.

Markdown and HTML use comments; plain text has no comment syntax, so a line
of its own starting with ``#lintnews:`` or ``# lintnews:`` is the equivalent
(the HTML-comment form works there too).  Directive lines are markup, not
prose: readers leave them out of paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

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
# What a match of _COMMENT_RE or _LINE_RE starts with (same flags): a file
# without one has no directive.  Compiled when a file first holds "<!--" or
# "#" (:func:`_gates`).
_COMMENT_GATE_PATTERN = r"<!--\s*lintnews:"
_LINE_GATE_PATTERN = r"#[ \t]*lintnews:"
_GATES: tuple[Callable[[str], Any], Callable[[str], Any]] | None = None


def _gates() -> tuple[Callable[[str], Any], Callable[[str], Any]]:
    """``.search`` of the comment and line gates, compiled once."""
    global _GATES
    if _GATES is None:
        _GATES = (
            recache.compile(_COMMENT_GATE_PATTERN, re.IGNORECASE).search,
            recache.compile(_LINE_GATE_PATTERN, re.IGNORECASE).search,
        )
    return _GATES


def scan_directives(source: str, *, line_comments: bool) -> tuple[Directive, ...]:
    """Every directive in ``source``, in order of appearance."""
    # Every directive holds "<!--" or, in plain text, a "#" (neither has case
    # variants, and "#" is found by memchr): most files are ruled out here.
    comment = "<!--" in source
    line = line_comments and "#" in source
    if not (comment or line):
        return ()
    # The rest need "lintnews:" right after one of them, in any case (the
    # patterns' own prefixes, with their flags): a search that starts on the
    # literal "<!--" or "#", where ``"LINTNEWS" in source.upper()`` copied the
    # whole source a character at a time (~300,000 instructions per corpus
    # article holding a "#").
    comment_gate, line_gate = _GATES or _gates()
    if not (
        (comment and comment_gate(source) is not None) or (line and line_gate(source) is not None)
    ):
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
