"""Sentence boundaries with offsets, tuned for news copy.

sentencex (a compiled, rule-based segmenter with per-language abbreviation
lists) keeps "U.S.", "Gov.", "Mr." and "Jan. 5" inside their sentences and
runs at tens of MB/s here, where pysbd manages about 0.3 MB/s.  Its segments
concatenate back to the input, so offsets come from running lengths.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from lintnews import recache

__all__ = ["joined_segments", "one_sentence", "segment_ranges", "split_sentences"]

# A one-sentence English paragraph need not go through the segmenter: ASCII
# text without a line break and without ".", "!" or "?" except in one run at
# its very end is always returned whole (checked against sentencex on every
# paragraph of the corpora and 200,000 random strings; closing quotes or
# brackets after the final stop are left to the segmenter, which sometimes
# splits them off).  About four paragraphs in ten of news copy qualify.
# Tested with ``str.rstrip`` and ``in`` (C loops over the text) rather than
# the regexes ``[.!?]+\s*\Z`` and ``[.!?\n\r]`` this used to run.
_STOPS = ".!?"
_STOPS_TUPLE = tuple(_STOPS)

# The same shortcut for non-ASCII English text.  The class below holds every
# BMP code point on which sentencex ("en") returns anything but the input
# whole, found by running it on each code point in six contexts (between
# words, glued to letters, at either end, doubled, inside curly quotes),
# plus "\r" as the ASCII test has it, plus "\u2026" (an ellipsis before a
# final "?!" splits it: found by a second scan of contexts that end in
# stops); any character beyond the BMP counts as a break.  A text with none
# of them before its final run of ASCII stops is one sentence (checked
# against the segmenter on every corpus paragraph and on random strings of
# these, typographic quotes, dashes, Unicode spaces, Cyrillic, CJK and
# combining marks: tests/test_sentences_fastpath.py).  Most non-ASCII news
# paragraphs only add curly quotes and dashes, so about half of them skip
# the segmenter too.  Compiled on first use, through ``lintnews.recache``
# (~0.45 ms to compile: a one-article run of ASCII text never needs it).
_BREAK_PATTERN = (
    "[\x0a\x0d\x21\x2e\x3f\u0589\u061d-\u061f\u06d4\u0700-\u0702\u07f9\u0837\u0839"
    "\u083d\u083e\u0964\u0965\u104a\u104b\u1362\u1367\u1368\u166e\u1735\u1736\u1803"
    "\u1809\u1944\u1945\u1aa8-\u1aab\u1b5a\u1b5b\u1b5e\u1b5f\u1b7d\u1b7e\u1c3b\u1c3c"
    "\u1c7e\u1c7f\u2024\u2026\u203c\u203d\u2047-\u2049\u2e2e\u2e3c\u2e53\u2e54\u3002"
    "\ua4ff\ua60e\ua60f\ua6f3\ua6f7\ua876\ua877\ua8ce\ua8cf\ua92f\ua9c8\ua9c9\uaa5d-\uaa5f"
    "\uaaf0\uaaf1\uabeb\ufe52\ufe56\ufe57\uff01\uff0e\uff1f\uff61"
    # Beyond the BMP (emoji, historic scripts): always the segmenter.  The
    # scan's 75 astral breaks as ranges would leave the class a list the
    # engine walks per character (18 us per paragraph instead of 1.6 us).
    "\U00010000-\U0010ffff]"
)

#: ``sentencex.segment`` once imported (by the first paragraph that needs it)
_SEGMENT = None

#: ``_BREAK.search``, ``_PANIC_DOT.search``: bound on first use (see :func:`__getattr__`)
_BREAK_SEARCH: Callable[[str], Any] | None = None
_PANIC_DOT_SEARCH: Callable[[str], Any] | None = None


def break_search() -> Callable[[str], Any]:
    """``_BREAK.search``, the pattern compiled (or loaded from the regex store) once."""
    global _BREAK_SEARCH
    if _BREAK_SEARCH is None:
        _BREAK_SEARCH = _lazy("_BREAK").search
    return _BREAK_SEARCH


def _panic_dot_search() -> Callable[[str], Any]:
    global _PANIC_DOT_SEARCH
    if _PANIC_DOT_SEARCH is None:
        _PANIC_DOT_SEARCH = _lazy("_PANIC_DOT").search
    return _PANIC_DOT_SEARCH


# Patterns a run may never need are compiled when first read: the module's
# import compiled ~1.4 ms of them in every process (a one-article run pays
# that in full).  ``sentences._BREAK`` and the others still work as names.
_LAZY = {
    "_BREAK": lambda: recache.compile(_BREAK_PATTERN),
    "_PANIC_SPACE": lambda: recache.compile(_PANIC_SPACE_PATTERN),
    "_PANIC_DOT": lambda: recache.compile(_PANIC_DOT_PATTERN),
}


def _lazy(name: str) -> Any:
    """The pattern ``name`` of ``_LAZY``, compiled once and then a module global."""
    pattern = globals().get(name)
    if pattern is None:
        pattern = globals()[name] = _LAZY[name]()
    return pattern


def __getattr__(name: str) -> Any:
    """The lazily compiled patterns as module attributes (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _lazy(name)


def _segment():  # type: ignore[no-untyped-def]
    global _SEGMENT
    if _SEGMENT is None:
        import sentencex

        _SEGMENT = sentencex.segment
    return _SEGMENT


def one_sentence(text: str) -> bool:
    """Whether English ``text`` (non-empty, stripped) is one sentence without asking sentencex.

    The shortcut of :func:`split_sentences` for text that has no surrounding
    whitespace, as the readers' paragraphs have: true only where
    ``split_sentences(text)`` is ``[(0, len(text))]``.
    """
    # The text before its final run of stops, or the whole text when it does
    # not end in a stop.
    head = text.rstrip(_STOPS) if text.endswith(_STOPS_TUPLE) else text
    # The ASCII breaks by ``in`` (C scans), which also settle most non-ASCII
    # paragraphs of several sentences before the slower class search.
    return not ("." in head or "!" in head or "?" in head or "\n" in head or "\r" in head) and (
        text.isascii() or (_BREAK_SEARCH or break_search())(head) is None
    )


def split_sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Return ``(start, end)`` ranges of the sentences of ``text``.

    Ranges exclude surrounding whitespace; empty segments are dropped.
    """
    stripped = text.strip()
    if not stripped:
        return []
    if language == "en":
        # The text before its final run of stops (and trailing space), or the
        # whole text when it does not end in a stop.
        head = text.rstrip()
        head = head.rstrip(_STOPS) if head.endswith(_STOPS_TUPLE) else text
        # The ASCII breaks by ``in`` (C scans), which also settle most non-ASCII
        # paragraphs of several sentences before the slower class search.
        if not ("." in head or "!" in head or "?" in head or "\n" in head or "\r" in head) and (
            text.isascii() or (_BREAK_SEARCH or break_search())(head) is None
        ):
            start = len(text) - len(text.lstrip())
            return [(start, start + len(stripped))]
    return segment_ranges(text, language)


def segment_ranges(text: str, language: str = "en") -> list[tuple[int, int]]:
    """:func:`split_sentences` without its one-sentence shortcut (``text`` not blank).

    No memo by paragraph text: one that lived across files answered the
    benchmark corpus (121 articles cycled to 2,000 files) from memory and
    overstated throughput on archives whose paragraphs do not repeat.
    """
    return _segment_ranges(text, language)


# sentencex (0.x, Rust) panics on some non-ASCII spaces right before a full
# stop ("U\u00a0." -- it slices bytes inside the space while testing for a
# name initial); found by running it on every code point before a stop.  A
# text holding such a space before a stop is segmented with standard error
# silenced (the panic hook writes there) and, if it panics, segmented again
# with those spaces as ASCII spaces: one code point for one, so the segments
# still line up with the text.  A panic arrives as pyo3's PanicException, a
# BaseException: it may cost a paragraph its sentence boundaries, never the
# file or the run.
_PANIC_SPACE_PATTERN = "[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?=\\.)"
_PANIC_SPACES = frozenset("\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000").union(
    map(chr, range(0x2000, 0x200B))
)


# ``_PANIC_SPACE`` as a search that starts on the full stop: a pattern that
# opens with a literal lets the engine scan for it in C and test the class
# only on the character before each stop (lookbehind), where the class search
# tests every character.
_PANIC_DOT_PATTERN = "\\.(?<=[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]\\.)"


def _may_panic(text: str) -> bool:
    """``_PANIC_SPACE.search(text) is not None``, by the text's full stops.

    A paragraph has a few full stops and hundreds of characters: looking at
    the character before each stop costs less than the class search over
    every character (``_PANIC_DOT``: ~0.45 us per non-ASCII paragraph, where
    a ``str.find`` loop took ~1.1 us and the class search more).
    """
    return (_PANIC_DOT_SEARCH or _panic_dot_search())(text) is not None


def _quiet_segment(text: str, language: str) -> list[str] | None:
    """sentencex's segments with fd 2 silenced; ``None`` if it panicked."""
    import os

    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        try:
            return list(_segment()(language, text))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            return None
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _segments(text: str, language: str) -> list[str]:
    if text.isascii() or not _may_panic(text):
        try:
            return _segment()(language, text)  # a new list per call
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # a panic no scan has found yet: one sentence
            return [text]
    segments = _quiet_segment(text, language)
    if segments is None:
        panic_space: re.Pattern[str] = _lazy("_PANIC_SPACE")
        cleaned = panic_space.sub(" ", text)
        segments = _quiet_segment(cleaned, language)
        if segments is None:
            return [text]
        # same lengths: map the segments back onto the original characters
        out, pos = [], 0
        for segment in segments:
            idx = cleaned.find(segment, pos)
            if idx == -1:
                continue
            out.append(text[idx : idx + len(segment)])
            pos = idx + len(segment)
        return out
    return segments


def _raw_segments(text: str, language: str) -> list[str]:
    """sentencex's segments of ``text`` (a new list), panics contained."""
    if text.isascii() or (_PANIC_DOT_SEARCH or _panic_dot_search())(text) is None:
        # _segments' common case, written out: one call less per paragraph
        try:
            return (_SEGMENT or _segment())(language, text)  # type: ignore[no-any-return]
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # a panic no scan has found yet: one sentence
            return [text]
    return _segments(text, language)


def joined_segments(text: str, language: str = "en") -> list[str] | None:
    """sentencex's segments of ``text`` (not blank) if they concatenate back to it, else ``None``.

    sentencex's contract is that they do; then segment ``k`` starts where
    segment ``k - 1`` ended and a caller can build sentences straight from the
    strings (``readers.build.verbatim_paragraphs``) instead of from
    :func:`segment_ranges`' tuples.  ``None`` (the segmenter normalised
    something) sends the caller to :func:`segment_ranges`, which resynchronises.
    """
    segments = _raw_segments(text, language)
    return segments if "".join(segments) == text else None


def _segment_ranges(text: str, language: str) -> list[tuple[int, int]]:
    """sentencex's segments of ``text`` as stripped ``(start, end)`` ranges."""
    segments = _raw_segments(text, language)
    if "".join(segments) != text:  # the segmenter normalised something
        return _resync_ranges(text, segments)
    # The segments concatenate back to the text (sentencex's contract, checked
    # above in one C pass): each starts where the previous one ended, so the
    # offsets are running lengths, with no search per segment.
    ranges: list[tuple[int, int]] = []
    pos = 0
    for segment in segments:
        end = pos + len(segment)
        # str.strip() removes exactly the characters str.isspace() accepts.
        core = segment.rstrip()
        if core:
            ranges.append((end - len(segment.lstrip()), pos + len(core)))
        pos = end
    return ranges


def _resync_ranges(text: str, segments: list[str]) -> list[tuple[int, int]]:
    """Stripped ranges of ``segments`` located in ``text`` by searching forward."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for segment in segments:
        idx = text.find(segment, pos)
        if idx == -1:  # the segmenter normalised something: resynchronise
            stripped = segment.strip()
            idx = text.find(stripped, pos) if stripped else -1
            if idx == -1:
                continue
            segment = stripped
        pos = idx + len(segment)
        # str.strip() removes exactly the characters str.isspace() accepts.
        core = segment.strip()
        if core:
            start = idx + len(segment) - len(segment.lstrip())
            ranges.append((start, start + len(core)))
    return ranges
