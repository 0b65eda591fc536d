"""Offsets to positions and clean-text ranges to spans: the comparisons that
replaced ``min``/``max`` give what the builtins gave.

``LineIndex.position`` runs twice per violation (and per run-level violation
in the parent), ``Paragraph.span_of`` and ``TextMap.span`` once per mapped
range; each now clamps with comparisons instead of builtin calls.  The
references below are the code as it was, kept verbatim, and the new code is
compared with them on random texts, maps and offsets, including offsets
before the start and past the end, floats, NaN and bools.
"""

from __future__ import annotations

import bisect
import math
import random

from lintnews.article import LineIndex, Paragraph, Span, TextMap, _identity_span


def _old_position(index: LineIndex, offset: float) -> tuple[float, float]:
    starts = index.starts
    offset = min(max(offset, 0), index._length)  # type: ignore[attr-defined]
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def _old_to_source(tm: TextMap, index: float) -> float:
    if index >= tm.text_length:
        return tm.source_end
    index = max(index, 0)
    k = bisect.bisect_right(tm.text_starts, index) - 1
    return tm.source_starts[k] + (index - tm.text_starts[k])


def _old_map_span(tm: TextMap, start: int, end: int) -> Span:
    s = _old_to_source(tm, start)
    if end <= start:
        return Span(s, s)  # type: ignore[arg-type]
    last = _old_to_source(tm, end - 1)
    e = _old_to_source(tm, end) if (end - 1) in tm.wide else last + 1
    return Span(s, max(e, s))  # type: ignore[arg-type]


def _old_identity_span(span: Span, length: int, start: float, end: float) -> Span:
    base = span.start
    s = span.end if start >= length else base + max(start, 0)
    if end <= start:
        return Span(s, s)  # type: ignore[arg-type]
    last = span.end if end - 1 >= length else base + max(end - 1, 0)
    return Span(s, max(last + 1, s))  # type: ignore[arg-type]


def _same(a: object, b: object) -> bool:
    """Equal values of the same types (``5`` is not ``5.0``; NaN equals NaN)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, Span) and isinstance(b, Span):
        return _same((a.start, a.end), (b.start, b.end))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _random_text(rng: random.Random) -> str:
    pieces = ["a", "bc", "\u00e9", "\u201c", "\n", "\n\n", "\r\n", "\r", " ", "\U0001f600"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))


def test_position_equals_min_max_clamp() -> None:
    rng = random.Random(41)
    odd: list[float] = [True, False, 0.0, -0.0, 1.5, -2.5, math.nan, math.inf, -math.inf]
    checked = 0
    for _ in range(1200):
        text = _random_text(rng)
        indexes = [LineIndex(text)]
        indexes.append(LineIndex.from_starts(list(indexes[0].starts), len(text)))
        offsets: list[float] = list(range(-3, len(text) + 4))
        offsets += [rng.randint(-100, len(text) + 100) for _ in range(5)]
        offsets += [*odd, len(text) + 0.5, len(text) - 0.5]
        for index in indexes:
            for offset in offsets:
                assert _same(index.position(offset), _old_position(index, offset)), (
                    text,
                    offset,
                )
                checked += 1
    assert checked > 60_000


def _random_map(rng: random.Random) -> TextMap:
    text_starts = [0]
    source_starts = [rng.randint(0, 20)]
    for _ in range(rng.randint(0, 5)):
        text_starts.append(text_starts[-1] + rng.randint(1, 6))
        source_starts.append(
            source_starts[-1] + (text_starts[-1] - text_starts[-2]) + rng.randint(0, 5)
        )
    text_length = text_starts[-1] + rng.randint(0, 6)
    source_end = source_starts[-1] + (text_length - text_starts[-1]) + rng.randint(0, 4)
    wide = frozenset(rng.sample(range(max(text_length, 1)), rng.randint(0, min(3, text_length))))
    return TextMap(tuple(text_starts), tuple(source_starts), text_length, source_end, wide)


def test_textmap_span_equals_max_clamp() -> None:
    rng = random.Random(43)
    checked = 0
    for _ in range(600):
        tm = _random_map(rng)
        values = list(range(-3, tm.text_length + 4))
        for start in values:
            assert _same(tm.to_source(start), _old_to_source(tm, start))
            for end in values:
                assert _same(tm.span(start, end), _old_map_span(tm, start, end)), (tm, start, end)
                checked += 1
        for odd in (0.0, -0.0, 1.5, -2.5, True, False):
            assert _same(tm.to_source(odd), _old_to_source(tm, odd))  # type: ignore[arg-type]
    assert checked > 50_000


def test_identity_span_equals_max_clamp() -> None:
    """``_identity_span`` (and ``span_of`` of a verbatim paragraph) against the old
    ``max`` expressions and against the identity map itself."""
    rng = random.Random(47)
    odd: list[float] = [0.0, -0.0, 1.5, -2.5, True, False, math.nan]
    checked = 0
    for _ in range(600):
        base = rng.randint(0, 30)
        length = rng.randint(0, 12)
        span = Span(base, base + length)
        identity = TextMap.identity(base, length)
        values: list[float] = list(range(-3, length + 4))
        for start in values + odd:
            for end in values + odd:
                new = _identity_span(span, length, start, end)  # type: ignore[arg-type]
                assert _same(new, _old_identity_span(span, length, start, end)), (
                    span,
                    start,
                    end,
                )
                if isinstance(start, int) and isinstance(end, int):
                    assert new == identity.span(start, end)
                checked += 1
        text = "x" * length
        paragraph = Paragraph(0, text, span, "paragraph", (), identity)
        for start in range(-2, length + 3):
            assert paragraph.span_of(start, length) == identity.span(start, length)
    assert checked > 100_000
