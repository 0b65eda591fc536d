"""``verbatim_paragraphs`` with the segmenter call and the sentence loop written
into it gives the objects the old helper calls gave.

The reference below is ``verbatim_paragraphs`` as it was before
``sentences._raw_segments`` and ``build._joined_sentences`` were written out,
kept verbatim (with ``_joined_sentences``).  Both run on corpus paragraphs and
random stripped texts built from the characters the segmenter path has to
judge (stops, abbreviations, quotes, Unicode spaces before a full stop that
make sentencex panic, astral characters); every paragraph and sentence field
is compared, including which sentence shares its paragraph's span object and
which keeps its paragraph's offset for ``Sentence.span`` to make on first read.
"""

from __future__ import annotations

import random
from pathlib import Path

from lintnews import sentences as _sentences_module
from lintnews.article import (
    Paragraph,
    Sentence,
    Span,
    _par_textmap_slot,
    _ParagraphSlots,
    _sentence_span_slot,
    _SentenceSlots,
    _SpanSlots,
)
from lintnews.readers.build import _sentences, _whole_sentence, verbatim_paragraphs
from lintnews.sentences import _STOPS, _raw_segments, break_search, segment_ranges

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _old_joined_sentences(
    text: str, base: int, span: Span, segments: list[str]
) -> tuple[Sentence, ...]:
    made = []
    pos = 0
    for segment in segments:
        core = segment.lstrip()
        s = pos + len(segment) - len(core)
        pos += len(segment)
        if core:
            core = core.rstrip()
            sentence = _SentenceSlots()
            sentence.text = core
            sentence.start = s
            sentence.end = s + len(core)
            sentence.span = base
            sentence.__class__ = Sentence
            made.append(sentence)
    if len(made) == 1 and made[0].start == 0 and made[0].end == len(text):
        made[0] = _whole_sentence(text, span)
    return tuple(made)  # type: ignore[arg-type]


def _old_verbatim_paragraphs(
    pieces: list[tuple[str, int]],
    language: str = "en",
    kind: str = "paragraph",
    raws: list[str] | None = None,
) -> list[Paragraph]:
    english = language == "en"
    search_break = _sentences_module._BREAK_SEARCH
    out: list[Paragraph] = []
    sentences: tuple[Sentence, ...]
    for index, (text, base) in enumerate(pieces):
        n = len(text)
        span = _SpanSlots()
        span.start = base
        span.end = base + n
        span.__class__ = Span
        head = text.rstrip(_STOPS)
        if (
            english
            and not ("." in head or "!" in head or "?" in head or "\n" in head or "\r" in head)
            and (text.isascii() or (search_break or (search_break := break_search()))(head) is None)
        ):
            sentence = _SentenceSlots()
            sentence.text = text
            sentence.start = 0
            sentence.end = n
            sentence.span = span
            sentence.__class__ = Sentence
            sentences = (sentence,)  # type: ignore[assignment]
        else:
            segments = _raw_segments(text, language)
            if len(segments) == 1 and segments[0] == text:
                sentences = (_whole_sentence(text, span),)  # type: ignore[arg-type]
            elif "".join(segments) != text:
                sentences = _sentences(
                    text,
                    base,
                    span,  # type: ignore[arg-type]
                    segment_ranges(text, language),
                )
            else:
                sentences = _old_joined_sentences(text, base, span, segments)  # type: ignore[arg-type]
        paragraph = _ParagraphSlots()
        paragraph.index = index
        paragraph.text = text
        paragraph.span = span
        paragraph.kind = kind
        paragraph.sentences = sentences
        paragraph.raw = "" if raws is None else raws[index]
        paragraph.__class__ = Paragraph
        out.append(paragraph)  # type: ignore[arg-type]
    return out


#: what the segmenter path has to judge: stops and abbreviations, quotes and
#: brackets after stops, white space around segments, the spaces before a
#: full stop that panic sentencex, non-ASCII breaks, astral characters
_PIECES = [
    *"abcXYZ019 .,;:!?()'\"",
    *["\u00a0", "\u2003", "\u3000", "\u202f", "\x85", "\u2028", "\t", "\n", "\r\n"],
    *["\u00e9", "\U0001f600", "\u201c", "\u201d", "\u2019", "\u2014", "\u2026", "\u3002"],
    *["\u0964", "\uff01", "e\u0301", "\u0434\u0430"],
    *["U.S.", "Mr.", "Dr.", "Jan. 5", "3.5%", "said.", "Why?", "No!", "end.\u201d", "(a.)"],
    *["e.g.", "1.", "a)", "\u00a0.", "\u2003.", "x.\u202f."],
    *["Officials said", "the vote", "would go ahead", "Gov. Smith", "he said. She"],
]


def _samples() -> list[str]:
    samples = []
    for path in sorted((CORPUS / "real").glob("*.txt"))[:60]:
        source = path.read_text(encoding="utf-8")
        samples += [block.strip() for block in source.split("\n\n") if block.strip()]
    rng = random.Random(53)
    for _ in range(6_000):
        sample = "".join(
            rng.choice(_PIECES) + (" " if rng.random() < 0.5 else "")
            for _ in range(rng.randint(1, 16))
        ).strip()
        if sample:
            samples.append(sample)
    return samples


def _fields(paragraphs: list[Paragraph]) -> list[tuple[object, ...]]:
    out = []
    for p in paragraphs:
        try:
            textmap: object = _par_textmap_slot(p)
        except AttributeError:
            textmap = "empty"
        sentences = tuple(
            (
                type(s),
                s.text,
                s.start,
                s.end,
                _sentence_span_slot(s) is p.span,
                _sentence_span_slot(s).__class__,
                s.span,
            )
            for s in p.sentences
        )
        out.append((type(p), p.index, p.text, p.span, p.kind, p.raw, textmap, sentences))
    return out


def test_verbatim_paragraphs_equal_the_helper_calls() -> None:
    samples = _samples()
    pieces = [(sample, 5 * k) for k, sample in enumerate(samples)]
    raws = [sample + "\n" for sample in samples]
    segmented = 0
    for language in ("en", "de"):
        new = verbatim_paragraphs(pieces, language, kind="list-item", raws=raws)
        old = _old_verbatim_paragraphs(pieces, language, kind="list-item", raws=raws)
        assert new == old
        assert _fields(new) == _fields(old)
        segmented += sum(len(p.sentences) > 1 for p in new)
    assert segmented > 4_000
    # in pieces of one article each, too (the segmenter bound mid-call or before)
    for k in range(0, len(pieces), 40):
        batch = pieces[k : k + 40]
        assert _fields(verbatim_paragraphs(batch)) == _fields(_old_verbatim_paragraphs(batch))
