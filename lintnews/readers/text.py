"""Plain-text articles: the first non-empty line is the headline, blank lines
separate paragraphs.  This is how wire copy and scraped bodies arrive."""

from __future__ import annotations

import re

from lintnews.article import Article, Headline, Paragraph, Span
from lintnews.directives import scan_directives
from lintnews.readers.build import verbatim_paragraph

__all__ = ["read_text"]

# A blank line: ``\r?\n[ \t\f\v]*\r?\n(?:[ \t\f\v]*\r?\n)*``.  The pattern
# starts on the "\n" (a literal the engine scans for in C; an optional "\r"
# first made it try every position) and ``_blocks`` takes a "\r" just before
# it back into the separator.
_BLOCK_SPLIT = re.compile(r"\n[ \t\f\v]*\r?\n(?:[ \t\f\v]*\r?\n)*")


def _blocks(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the blocks of ``source[start:end]`` between blank lines."""
    blocks = []
    pos = start
    for m in _BLOCK_SPLIT.finditer(source, start, end):
        sep = m.start()
        if sep > start and source[sep - 1] == "\r":
            sep -= 1
        blocks.append((pos, sep))
        pos = m.end()
    blocks.append((pos, end))
    return blocks


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def read_text(path: str | None, source: str, language: str = "en") -> Article:
    directives = scan_directives(source, line_comments=True)
    hidden = [d.span for d in directives]

    headline = None
    paragraphs: list[Paragraph] = []
    for block in _blocks(source, 0, len(source)):
        pieces = [block]
        # Directive lines are markup: split the block around them.
        for span in hidden:  # nearly always none
            next_pieces = []
            for s, e in pieces:
                if span.start >= e or span.end <= s:
                    next_pieces.append((s, e))
                else:
                    next_pieces += [(s, span.start), (span.end, e)]
            pieces = next_pieces
        for s, e in pieces:
            # _trim, inline: blocks rarely start or end on whitespace
            while s < e and source[s].isspace():
                s += 1
            while e > s and source[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            if headline is None:
                line_end = source.find("\n", s, e)
                h_end = e if line_end == -1 else _trim(source, s, line_end)[1]
                headline = Headline(source[s:h_end], Span(s, h_end), "first-line")
                s, e = _trim(source, h_end, e)
                if s >= e:
                    continue
            paragraphs.append(verbatim_paragraph(len(paragraphs), source[s:e], s, language))
    body_span = Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None
    return Article(
        path=path,
        source=source,
        format="text",
        headline=headline,
        paragraphs=tuple(paragraphs),
        directives=directives,
        body_span=body_span,
    )
