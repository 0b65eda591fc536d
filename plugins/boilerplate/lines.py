"""Line-level view of an article, and deletion spans that leave tidy copy.

Boilerplate is a *line* thing: scraped prompts usually stand as their own
paragraph, but a placeholder byline shares its paragraph with a repeated
headline.  Rules look at each line of each block once; a fix deletes the
line, or the whole block together with one blank-line separator, so the
copy left behind has no doubled blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lintnews.plugins.boilerplate.phrases import normalize

from lintnews.article import Article, Paragraph, Span
from lintnews.violations import Fix

__all__ = ["Line", "delete_line", "delete_paragraphs", "iter_lines", "word_count"]

_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
# What may precede or follow a block on its source lines and still be deleted
# with it: Markdown list/quote/heading markers and whitespace, no words.
_MARKUP_ONLY = re.compile(r"^[\s>*+\-#\d.)]*$")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a block's clean text; ``start``/``end`` index ``paragraph.text``."""

    article: Article
    paragraph: Paragraph
    start: int
    end: int
    text: str
    norm: str
    number: int  # 0-based line number inside the paragraph
    count: int  # lines in the paragraph

    @property
    def span(self) -> Span:
        return self.paragraph.span_of(self.start, self.end)

    @property
    def is_whole_paragraph(self) -> bool:
        return self.count == 1


def _paragraph_lines(paragraph: Paragraph) -> list[tuple[int, int]]:
    text = paragraph.text
    out: list[tuple[int, int]] = []
    pos = 0
    for piece in text.split("\n"):
        s, e = pos, pos + len(piece)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def iter_lines(article: Article, paragraphs: Sequence[Paragraph] | None = None) -> Iterator[Line]:
    """Every non-blank line of every block, in order."""
    for p in article.paragraphs if paragraphs is None else paragraphs:
        ranges = _paragraph_lines(p)
        for i, (s, e) in enumerate(ranges):
            text = p.text[s:e]
            yield Line(article, p, s, e, text, normalize(text), i, len(ranges))


def _line_bounds(source: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole source lines when the extra is markup only."""
    ls = source.rfind("\n", 0, start) + 1
    le = source.find("\n", end)
    le = len(source) if le == -1 else le
    if le > ls and source[le - 1] == "\r":
        le -= 1
    if _MARKUP_ONLY.match(source[ls:start]) and not source[end:le].strip():
        return ls, le
    return start, end


def delete_paragraphs(article: Article, first: Paragraph, last: Paragraph) -> Span:
    """Source span that removes blocks ``first..last`` and one separator."""
    source = article.source
    start, end = _line_bounds(source, first.span.start, last.span.end)
    rest = source[end:]
    if rest.strip():
        # Something follows: take the blank lines after the block with it.
        nxt = end + (len(rest) - len(rest.lstrip()))
        cut = source.rfind("\n", end, nxt)
        return Span(start, cut + 1 if cut != -1 else nxt)
    # Last block: take the separator before it, keep the file's final newline.
    before = source[:start].rstrip()
    return Span(len(before), end) if before else Span(start, end)


def delete_line(line: Line) -> Span:
    """Source span that removes one line: the whole block if it is alone in it."""
    p = line.paragraph
    if line.is_whole_paragraph:
        return delete_paragraphs(line.article, p, p)
    ranges = _paragraph_lines(p)
    tm = p.textmap
    if line.number + 1 < len(ranges):
        return Span(tm.to_source(line.start), tm.to_source(ranges[line.number + 1][0]))
    prev_end = ranges[line.number - 1][1]
    return Span(tm.to_source(prev_end), p.span_of(line.start, line.end).end)


def line_fix(line: Line, *, safe: bool, description: str) -> Fix:
    return Fix.delete(delete_line(line), safe=safe, description=description)
