"""Helpers every reader uses to turn blocks of text into paragraphs."""

from __future__ import annotations

from lintnews.article import Paragraph, Sentence, TextMap
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
    sentences = tuple(
        Sentence(text[s:e], s, e, textmap.span(s, e)) for s, e in split_sentences(text, language)
    )
    return Paragraph(
        index=index,
        text=text,
        span=textmap.span(0, len(text)),
        kind=kind,
        sentences=sentences,
        textmap=textmap,
        raw=raw,
    )
