"""The immutable article model every rule sees, whatever the input format.

Readers turn a file into an :class:`Article`; rules only ever look at articles.
All offsets are indices into :attr:`Article.source` (the decoded file text) and
spans are half-open, so a violation found in a Markdown paragraph's *clean*
text can always be mapped back to the exact characters of the original file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add
from types import MappingProxyType
from typing import Any

__all__ = [
    "Article",
    "Directive",
    "Headline",
    "LineIndex",
    "Paragraph",
    "Sentence",
    "Span",
    "TextMap",
]


# -- construction --------------------------------------------------------------------
#
# A reader builds ~280 of these objects per article.  The ``__init__`` that
# dataclasses writes for a frozen class sets each field through
# ``object.__setattr__`` (a generic attribute lookup per field), and Span's
# check ran as a separate ``__post_init__`` call.  The classes below are still
# dataclasses (fields, equality, ordering, hashing, repr, pickling and
# ``dataclasses.replace`` are the generated ones) but their ``__init__`` is
# written here (``init=False``) and stores each field through its slot
# descriptor directly: ~40% less CPU per object, same values, same errors.
# The setters are bound below each class, once dataclasses has made the
# slotted class that owns the descriptors.


def _setters(cls: type, *names: str) -> tuple[Any, ...]:
    """The ``__set__`` of each named slot of ``cls`` (bypasses the frozen ``__setattr__``)."""
    return tuple(cls.__dict__[name].__set__ for name in names)


@dataclass(frozen=True, slots=True, order=True, init=False)
class Span:
    """A half-open range ``[start, end)`` of offsets into the article source."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        if start < 0 or end < start:
            raise ValueError(f"invalid span [{start}, {end})")
        _span_start(self, start)
        _span_end(self, end)

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # Pickled as ``Span(start, end)``: a result holds a span per violation
        # and per fix edit, and the parent of a --jobs run loads every result
        # twice; this loads ~5x faster than dataclasses' __setstate__ (or the
        # cache's generic ``_rebuild``) and is a smaller pickle.
        return Span, (self.start, self.end)


_span_start, _span_end = _setters(Span, "start", "end")


@dataclass(frozen=True, slots=True, init=False)
class TextMap:
    """Maps offsets in a block's clean text back to offsets in the source.

    Markdown emphasis, HTML tags and entities make a block's clean text differ
    from its source; a reader records an *anchor* wherever the two stop running
    in step.  Between anchors characters correspond one to one, so the map is
    two short sorted tuples and a bisection, not an array per character.
    """

    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    text_length: int
    source_end: int
    #: clean-text indices whose source is several characters (``&amp;`` -> ``&``)
    wide: frozenset[int] = frozenset()

    def __init__(
        self,
        text_starts: tuple[int, ...],
        source_starts: tuple[int, ...],
        text_length: int,
        source_end: int,
        wide: frozenset[int] = frozenset(),
    ) -> None:
        _tm_text_starts(self, text_starts)
        _tm_source_starts(self, source_starts)
        _tm_text_length(self, text_length)
        _tm_source_end(self, source_end)
        _tm_wide(self, wide)

    @classmethod
    def identity(cls, source_start: int, length: int) -> TextMap:
        """A map for text that is a verbatim slice of the source."""
        return cls((0,), (source_start,), length, source_start + length)

    def to_source(self, index: int) -> int:
        """Source offset of the clean-text boundary ``index`` (0..len)."""
        if index >= self.text_length:
            return self.source_end
        if index < 0:  # ``max(index, 0)`` without the builtin's call (~0.3 us)
            index = 0
        k = bisect_right(self.text_starts, index) - 1
        return self.source_starts[k] + (index - self.text_starts[k])

    def span(self, start: int, end: int) -> Span:
        """Source span of the clean-text range ``[start, end)``."""
        s = self.to_source(start)
        if end <= start:
            return Span(s, s)
        # The end is mapped from the last character inside the range, so that a
        # range ending before closing markup (``**``, ``</a>``) does not swallow
        # it, while one ending on an entity covers the whole entity.
        last = self.to_source(end - 1)
        e = self.to_source(end) if (end - 1) in self.wide else last + 1
        return Span(s, s if s > e else e)  # max(e, s)


_tm_text_starts, _tm_source_starts, _tm_text_length, _tm_source_end, _tm_wide = _setters(
    TextMap, "text_starts", "source_starts", "text_length", "source_end", "wide"
)


@dataclass(frozen=True, slots=True, init=False)
class Sentence:
    """A sentence of a paragraph; ``start``/``end`` index the paragraph text."""

    text: str
    start: int
    end: int
    span: Span

    def __init__(self, text: str, start: int, end: int, span: Span) -> None:
        _sentence_text(self, text)
        _sentence_start(self, start)
        _sentence_end(self, end)
        _sentence_span(self, span)


_sentence_text, _sentence_start, _sentence_end, _sentence_span = _setters(
    Sentence, "text", "start", "end", "span"
)
_sentence_span_slot = Sentence.__dict__["span"].__get__


@dataclass(frozen=True, slots=True, init=False)
class Paragraph:
    """One block of body text (a paragraph, heading, list item, quote...).

    ``text`` is the clean text a reader of the article sees (markup removed,
    entities decoded for HTML and Markdown; verbatim for plain text).  Use
    :meth:`span_of` to turn a range of ``text`` into a source span.
    """

    index: int
    text: str
    span: Span
    kind: str
    sentences: tuple[Sentence, ...]
    textmap: TextMap = field(repr=False)
    raw: str = field(default="", repr=False)

    def __init__(
        self,
        index: int,
        text: str,
        span: Span,
        kind: str,
        sentences: tuple[Sentence, ...],
        textmap: TextMap,
        raw: str = "",
    ) -> None:
        _par_index(self, index)
        _par_text(self, text)
        _par_span(self, span)
        _par_kind(self, kind)
        _par_sentences(self, sentences)
        _par_textmap(self, textmap)
        _par_raw(self, raw)

    def span_of(self, start: int, end: int) -> Span:
        """Source span of ``text[start:end]``."""
        try:
            textmap = _par_textmap_slot(self)
        except AttributeError:
            # A verbatim paragraph whose map nobody has read (see
            # ``_paragraph_textmap``): what its identity map's ``span`` gives,
            # without making the map.
            return _identity_span(self.span, len(self.text), start, end)
        return textmap.span(start, end)  # type: ignore[no-any-return]

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


(_par_index, _par_text, _par_span, _par_kind, _par_sentences, _par_textmap, _par_raw) = _setters(
    Paragraph, "index", "text", "span", "kind", "sentences", "textmap", "raw"
)
_par_textmap_slot = Paragraph.__dict__["textmap"].__get__


# -- building many at once -------------------------------------------------------------
#
# A reader builds a Span, a TextMap, a Paragraph and a Sentence or more per
# paragraph of every article.  Each ``__init__`` above is a Python call that
# then calls a slot setter per field (a C call with an argument tuple).  The
# classes below have the very same slots and nothing else (no frozen
# ``__setattr__``, no ``__init__``): a reader's inner loop makes one by
# calling the twin (``_SpanSlots()``), fills it with plain attribute stores and gives it the
# real class with ``obj.__class__ = Sentence`` (CPython allows it between
# classes of the same layout; the object is then indistinguishable from one
# made by ``Sentence(...)``: tests/test_readers_batch.py).  Measured with
# valgrind: ~2,000 instructions per object instead of ~3,200 (Span) to ~4,300
# (Sentence).  Only for values the constructor would accept (Span's check is
# skipped); used by ``readers.build``.


class _SpanSlots:
    __slots__ = Span.__slots__  # the same slots in the same order: the same layout


class _SentenceSlots:
    __slots__ = Sentence.__slots__


class _ParagraphSlots:
    __slots__ = Paragraph.__slots__


# -- fields made when first read ---------------------------------------------------------
#
# Rules read a paragraph's ``textmap`` and a sentence's ``span`` rarely (a
# fix, a span mapped through ``span_of``), but a reader made both for every
# paragraph and sentence: ~2,000 instructions per object, ~60 objects per
# plain-text article.  ``readers.build`` now leaves a verbatim paragraph's
# ``textmap`` slot empty and stores in a sentence's ``span`` slot the int
# offset of its paragraph in the source; these two properties (in place of
# the slots' own descriptors, which still hold the values) make the object
# the constructor would have made on first read and keep it there.  Every
# reader of the field goes through them: attribute access, the generated
# ``__eq__``/``__hash__``/``__repr__``, pickling (dataclasses' ``__getstate__``
# reads each field) and ``dataclasses.replace``; the constructors store
# through the slot setters as before.  Sentence.span is read through a
# Python call now (~0.1 us): rules do not read it per character.


def _paragraph_textmap(paragraph: Paragraph) -> TextMap:
    """``Paragraph.textmap``; an empty slot is a verbatim paragraph's identity map."""
    try:
        return _par_textmap_slot(paragraph)  # type: ignore[no-any-return]
    except AttributeError:
        pass
    span = paragraph.span
    textmap = TextMap.identity(span.start, len(paragraph.text))
    _par_textmap(paragraph, textmap)
    return textmap


def _identity_span(span: Span, length: int, start: int, end: int) -> Span:
    """``TextMap.identity(span.start, length).span(start, end)`` for a paragraph
    at ``span`` (``span.end == span.start + length``), written out."""
    # ``max(x, 0)`` and ``max(x, s)`` as comparisons: the builtins cost a
    # call with an argument tuple and an iterator each (~0.3 us)
    base = span.start
    s = span.end if start >= length else base + (0 if start < 0 else start)
    if end <= start:
        return Span(s, s)
    last = span.end if end - 1 >= length else base + (0 if end - 1 < 0 else end - 1)
    return Span(s, s if s > last + 1 else last + 1)


def _sentence_source_span(sentence: Sentence) -> Span:
    """``Sentence.span``; an int in the slot is the paragraph's source offset."""
    span = _sentence_span_slot(sentence)
    if span.__class__ is int:
        span = Span(span + sentence.start, span + sentence.end)
        _sentence_span(sentence, span)
    return span  # type: ignore[no-any-return]


Paragraph.textmap = property(  # type: ignore[assignment, method-assign]
    _paragraph_textmap, _par_textmap, doc="The paragraph's clean-text to source map."
)
Sentence.span = property(  # type: ignore[assignment, method-assign]
    _sentence_source_span, _sentence_span, doc="Source span of the sentence."
)


@dataclass(frozen=True, slots=True)
class Headline:
    """The article's headline and where it came from (front matter, h1, first line)."""

    text: str
    span: Span
    origin: str


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline ``lintnews:`` comment that enables or disables codes.

    ``action`` is ``disable``, ``enable``, ``disable-next-line`` or
    ``disable-line``; ``codes`` is empty for "all codes".
    """

    action: str
    codes: tuple[str, ...]
    line: int
    span: Span


class LineIndex:
    """Converts source offsets to 1-based (line, column) positions.

    Columns count Unicode code points of the decoded line, 1-based: the
    convention of ruff, Vale and GitHub annotations for text files.  A
    ``\\r\\n`` pair ends a line; the ``\\r`` belongs to the line it ends.
    """

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        # Line i starts after the i line breaks and the i lines before it:
        # len(lines[0]) + ... + len(lines[i - 1]) + i.  Summed by C iterators
        # (split, accumulate, map) rather than a Python loop over str.find:
        # every article builds one, and news copy has a line per paragraph.
        lengths = list(map(len, text.split("\n")))
        self._starts = list(map(add, accumulate(lengths, initial=0), range(len(lengths))))
        self._length = len(text)

    @classmethod
    def from_starts(cls, starts: list[int], length: int) -> LineIndex:
        """The index of a text of ``length`` characters whose lines start at
        ``starts`` (0, then one past each ``"\\n"``), which a reader found while
        splitting the text: ``LineIndex(text)`` without a second pass over it."""
        index = cls.__new__(cls)
        index._starts = starts
        index._length = length
        return index

    @property
    def starts(self) -> list[int]:
        """Offset of the first character of each line (do not modify)."""
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        # ``min(max(offset, 0), length)`` as comparisons, and 1-based ``line``
        # straight from the bisection: called twice per violation, and the
        # builtins' calls were half of its ~1.3 us
        if offset < 0:
            offset = 0
        elif offset > self._length:
            offset = self._length
        starts = self._starts
        line = bisect_right(starts, offset)  # >= 1: starts[0] == 0 <= offset
        return line, offset - starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of ``line``, line break excluded."""
        if line >= len(self._starts):
            return self._length
        return max(self._starts[line] - 1, self._starts[line - 1])


def _read_only(*_: Any, **__: Any) -> Any:
    raise TypeError("article metadata is read-only")


class FrozenList(list):  # type: ignore[type-arg]
    """A list that refuses changes: still equal to lists and JSON-serialisable."""

    __slots__ = ()
    append = extend = insert = remove = pop = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self))


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict that refuses changes: still equal to dicts and JSON-serialisable."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only


def _deep_freeze(value: Any, top: bool = True) -> Any:
    """Read-only copy of parsed metadata (nested lists and tables included)."""
    if isinstance(value, Mapping):
        items = {k: _deep_freeze(v, False) for k, v in value.items()}
        return MappingProxyType(items) if top else FrozenDict(items)
    if isinstance(value, list):
        return FrozenList(_deep_freeze(v, False) for v in value)
    if isinstance(value, tuple):
        return tuple(_deep_freeze(v, False) for v in value)
    if isinstance(value, set):
        return frozenset(value)
    if isinstance(value, bytearray):
        return bytes(value)
    return value


#: the metadata of an article made without any: one read-only empty mapping
#: nobody else holds, so ``Article.__post_init__`` need not copy it
_NO_METADATA: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True, eq=False)
class Article:
    """Everything a rule may look at; built once per file by a reader.

    Frozen, and its collections are tuples and read-only mappings, so one rule
    cannot change what the next one sees.
    """

    path: str | None
    source: str
    format: str
    headline: Headline | None
    paragraphs: tuple[Paragraph, ...]
    metadata: Mapping[str, Any] = field(default_factory=lambda: _NO_METADATA)
    directives: tuple[Directive, ...] = ()
    body_span: Span | None = None
    lines: LineIndex = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        # Deep: a rule that appends to ``metadata["tags"]`` must fail, not
        # change what the next rule sees.  The shared empty default is
        # already frozen (~9,000 instructions per plain-text article).
        if self.metadata is not _NO_METADATA:
            object.__setattr__(self, "metadata", _deep_freeze(self.metadata))
        if self.lines is None:
            object.__setattr__(self, "lines", LineIndex(self.source))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        return self.lines.position(offset)

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """Body blocks that are prose (headings excluded)."""
        return tuple(p for p in self.paragraphs if p.kind != "heading")

    @property
    def body_text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    def sentences(self) -> Iterator[tuple[Paragraph, Sentence]]:
        for paragraph in self.paragraphs:
            for sentence in paragraph.sentences:
                yield paragraph, sentence

    def line_text(self, line: int) -> str:
        return self.source[self.lines.line_start(line) : self.lines.line_end(line)].rstrip("\r")
