"""Helpers every reader uses to turn blocks of text into paragraphs."""

from __future__ import annotations

from lintnews.article import Paragraph, Sentence, Span, TextMap
from lintnews.sentences import split_sentences

__all__ = ["make_paragraph"]


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
        base = textmap.source_starts[0]
        span = Span(base, base + n)
        if len(ranges) == 1 and ranges[0] == (0, n):  # one sentence, the whole text
            sentences: tuple[Sentence, ...] = (Sentence(text, 0, n, span),)
        else:
            sentences = tuple(
                [Sentence(text[s:e], s, e, Span(base + s, base + e)) for s, e in ranges]
            )
    else:
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
