"""Helpers every reader uses to turn blocks of text into paragraphs."""

from __future__ import annotations

from lintnews import sentences as _sentences_module
from lintnews.article import (
    Paragraph,
    Sentence,
    Span,
    TextMap,
    _ParagraphSlots,
    _SentenceSlots,
    _SpanSlots,
)
from lintnews.sentences import (
    _STOPS,
    _panic_dot_search,
    _segment,
    _segments,
    break_search,
    segment_ranges,
    split_sentences,
)

__all__ = ["make_paragraph", "verbatim_paragraph", "verbatim_paragraphs"]


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


def _whole_sentence(text: str, span: Span) -> Sentence:
    """The one sentence of a paragraph that is a single sentence: its whole
    ``text``, sharing the paragraph's ``span`` (made as a slot twin, as in
    :func:`verbatim_paragraphs`)."""
    sentence = _SentenceSlots()
    sentence.text = text
    sentence.start = 0
    sentence.end = len(text)
    sentence.span = span
    sentence.__class__ = Sentence
    return sentence  # type: ignore[return-value]


def verbatim_paragraphs(
    pieces: list[tuple[str, int]],
    language: str = "en",
    kind: str = "paragraph",
    raws: list[str] | None = None,
) -> list[Paragraph]:
    """``verbatim_paragraph`` for each ``(text, base)`` of ``pieces`` in turn (with
    ``kind`` and the matching ``raws`` item); ``text`` is
    ``source[base:base + len(text)]``, non-empty and stripped (no surrounding
    ``str.isspace()`` characters).

    One loop for a whole article: plain text and most Markdown arrive as dozens
    of such paragraphs, and a call, a ``TextMap`` test and a sentence split per
    paragraph were most of a reader's time.  The one-sentence shortcut is
    :func:`~lintnews.sentences.one_sentence`, written out here (a stripped
    text needs no ``rstrip``); the rest go to the segmenter.  Same objects as
    ``verbatim_paragraph`` (tests/test_readers_batch.py).
    """
    english = language == "en"
    # ``_BREAK.search``: None until the first non-ASCII paragraph compiles it
    search_break = _sentences_module._BREAK_SEARCH
    # ``_PANIC_DOT.search`` and ``sentencex.segment``: None until first needed
    panic_dot = _sentences_module._PANIC_DOT_SEARCH
    segment = _sentences_module._SEGMENT
    out: list[Paragraph] = []
    append = out.append
    sentences: tuple[Sentence, ...]
    # Every object is made as its slot twin, filled by plain stores and then
    # given its class (see lintnews.article._SpanSlots): the same objects as
    # the constructors make, for about half the CPU.  The twin is made by
    # calling it (``_SpanSlots()``: type_call, no argument tuple), not by
    # ``object.__new__(_SpanSlots)`` (a wrapper that parses its arguments):
    # ~60 ns less per object.  0 <= base <= s <= e holds for every span, so
    # Span's check has nothing to refuse.  A paragraph's ``textmap`` and a
    # sentence's own ``span`` are left for ``lintnews.article`` to make when
    # first read (rules seldom read either).
    for index, (text, base) in enumerate(pieces):
        n = len(text)
        span = _SpanSlots()
        span.start = base
        span.end = base + n
        span.__class__ = Span
        # the text before its final run of stops (the text itself if none)
        head = text.rstrip(_STOPS)
        if (
            english
            and not ("." in head or "!" in head or "?" in head or "\n" in head or "\r" in head)
            and (text.isascii() or (search_break or (search_break := break_search()))(head) is None)
        ):
            # One sentence, the whole text (``_whole_sentence``, written out:
            # more than half the paragraphs of news copy come this way).
            sentence = _SentenceSlots()
            sentence.text = text
            sentence.start = 0
            sentence.end = n
            sentence.span = span
            sentence.__class__ = Sentence
            sentences = (sentence,)
        else:
            # sentences._raw_segments, written out: an ASCII text (or one
            # without a space before a full stop that panics sentencex) goes
            # straight to the segmenter, bound when first needed
            if text.isascii() or (panic_dot or (panic_dot := _panic_dot_search()))(text) is None:
                try:
                    segments = (segment or (segment := _segment()))(language, text)
                except (KeyboardInterrupt, SystemExit):
                    raise
                except BaseException:  # a panic no scan has found yet: one sentence
                    segments = [text]
            else:
                segments = _segments(text, language)
            if len(segments) == 1 and segments[0] == text:
                # the segmenter gave the (stripped) text back as its only segment
                sentences = (_whole_sentence(text, span),)
            elif "".join(segments) != text:  # normalised: segment_ranges resyncs
                sentences = _sentences(text, base, span, segment_ranges(text, language))
            else:
                # The segments concatenate back to the text: segment k starts
                # where k - 1 ended, so a sentence is a segment without its
                # surrounding white space (the ``str.strip`` of
                # ``segment_ranges``) and its offsets are running lengths; its
                # text is that stripped segment, equal to ``text[s:e]``.
                made = []
                pos = 0
                for piece in segments:
                    core = piece.lstrip()
                    s = pos + len(piece) - len(core)
                    pos += len(piece)
                    if core:
                        core = core.rstrip()
                        sentence = _SentenceSlots()
                        sentence.text = core
                        sentence.start = s
                        sentence.end = s + len(core)
                        # the paragraph's offset: ``Sentence.span`` makes the
                        # Span ``[base + start, base + end)`` when first read
                        sentence.span = base
                        sentence.__class__ = Sentence
                        made.append(sentence)
                if len(made) == 1 and made[0].start == 0 and made[0].end == n:
                    # white-space-only segments around the text: the
                    # one-sentence objects, the paragraph's span shared
                    made[0] = _whole_sentence(text, span)
                sentences = tuple(made)
        # ``textmap`` stays empty: ``Paragraph.textmap`` makes the identity
        # map from ``span`` and ``text`` when a rule first reads it
        paragraph = _ParagraphSlots()
        paragraph.index = index
        paragraph.text = text
        paragraph.span = span
        paragraph.kind = kind
        paragraph.sentences = sentences
        paragraph.raw = "" if raws is None else raws[index]
        paragraph.__class__ = Paragraph
        append(paragraph)
    return out


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


def _sentences(
    text: str, base: int, span: Span, ranges: list[tuple[int, int]]
) -> tuple[Sentence, ...]:
    """The sentences of ``_verbatim`` for a paragraph at ``base`` with ``ranges``."""
    if len(ranges) == 1 and ranges[0] == (0, len(text)):  # one sentence, the whole text
        return (Sentence(text, 0, len(text), span),)
    return tuple([Sentence(text[s:e], s, e, Span(base + s, base + e)) for s, e in ranges])
