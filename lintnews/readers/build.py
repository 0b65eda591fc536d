"""Helpers every reader uses to turn blocks of text into paragraphs."""

from __future__ import annotations

from lintnews.article import Paragraph, Sentence, Span, TextMap
from lintnews.sentences import split_sentences

__all__ = ["make_paragraph", "verbatim_paragraph"]


def make_paragraph(
    index: int,
    text: str,
    textmap: TextMap,
    kind: str = "paragraph",
    raw: str = "",
    language: str = "en",
) -> Paragraph:
    """A paragraph with its sentences, spans mapped through ``textmap``."""
    ranges = split_sentences(text, language)
    n = len(text)
    if (
        n
        and textmap.text_starts == (0,)
        and not textmap.wide
        and textmap.text_length == n
        and textmap.source_end == textmap.source_starts[0] + n
    ):
        # A verbatim slice of the source (every plain-text paragraph, most
        # Markdown ones): for 0 <= s < e <= n, ``textmap.span(s, e)`` is
        # ``Span(base + s, base + e)``; skip its two bisections per sentence.
        return _verbatim(index, text, textmap.source_starts[0], ranges, textmap, kind, raw)
    sentences = tuple([Sentence(text[s:e], s, e, textmap.span(s, e)) for s, e in ranges])
    span = textmap.span(0, n)
    return Paragraph(
        index=index,
        text=text,
        span=span,
        kind=kind,
        sentences=sentences,
        textmap=textmap,
        raw=raw,
    )


def verbatim_paragraph(index: int, text: str, base: int, language: str = "en") -> Paragraph:
    """``make_paragraph(index, text, TextMap.identity(base, len(text)))`` for a
    non-empty ``text`` that is ``source[base:base + len(text)]`` (plain text)."""
    n = len(text)
    textmap = TextMap((0,), (base,), n, base + n)
    return _verbatim(index, text, base, split_sentences(text, language), textmap, "paragraph", "")


def _verbatim(
    index: int,
    text: str,
    base: int,
    ranges: list[tuple[int, int]],
    textmap: TextMap,
    kind: str,
    raw: str,
) -> Paragraph:
    n = len(text)
    span = Span(base, base + n)
    if len(ranges) == 1 and ranges[0] == (0, n):  # one sentence, the whole text
        sentences: tuple[Sentence, ...] = (Sentence(text, 0, n, span),)
    else:
        sentences = tuple([Sentence(text[s:e], s, e, Span(base + s, base + e)) for s, e in ranges])
    return Paragraph(index, text, span, kind, sentences, textmap, raw)
