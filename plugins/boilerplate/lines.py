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
from functools import reduce
from itertools import compress, repeat
from operator import attrgetter, or_

from lintnews.plugins.boilerplate.hints import ALL, word_bits
from lintnews.plugins.boilerplate.phrases import TWINS, normalize, word_count
from lintnews.plugins.boilerplate.shape import has_reader_address

from lintnews.article import Article, Paragraph, Span
from lintnews.violations import Fix

__all__ = [
    "Line",
    "delete_line",
    "delete_paragraphs",
    "iter_lines",
    "lines_upto",
    "lowered_words",
    "word_count",
]

_TEXT = attrgetter("text")
# What may precede or follow a block on its source lines and still be deleted
# with it: Markdown list/quote/heading markers and whitespace, no words.
_FIRST_WORD = re.compile(r"[^\W_]")
_MARKUP_ONLY = re.compile(r"^[\s>*+\-#\d.)]*$")
_TWINS = TWINS  # letters re.IGNORECASE folds to ASCII and str.lower does not


class Line:
    """One line of a block's clean text; ``start``/``end`` index ``paragraph.text``.

    A plain slotted class, not a frozen dataclass: thousands are built per
    megabyte, and treat them as read-only all the same.
    """

    __slots__ = (
        "_addressed",
        "article",
        "count",
        "end",
        "hint_low",
        "lead",
        "low",
        "mask",
        "norm",
        "number",
        "paragraph",
        "start",
        "text",
        "words",
    )

    # No __init__: ``_all_lines`` builds every line of an article in one pass
    # (whole-article normalising, lowering and hint bits) and fills the slots.
    article: Article
    paragraph: Paragraph
    #: ``start``/``end``: the line's range in ``paragraph.text``; ``text`` that slice
    start: int
    end: int
    text: str
    #: typographic quotes, dashes and spaces folded; same length as ``text``
    norm: str
    number: int  # 0-based line number inside the paragraph
    count: int  # lines in the paragraph
    #: ``len(norm.split())`` (``phrases.word_count``)
    words: int
    #: offset of the first word character (``[^\W_]``) in ``norm``, else ``len(norm)``
    lead: int
    _addressed: bool | None
    #: ``norm.lower()``, shared by every rule's hint-word tests
    low: str
    #: ``low`` when a substring test on it is exact for a case-insensitive regex
    #: made of ASCII literals, else None (run the regex): ``re.IGNORECASE`` also
    #: matches four non-ASCII letters to ASCII ones (dotted and dotless i, long s,
    #: Kelvin sign) that ``str.lower`` does not fold to them.
    hint_low: str | None
    #: hint bits (``hints.line_bits``); a rule skips a line that lacks its bit.
    #: Computed for the lines rules look at (at most ``MASK_WORDS`` words); the
    #: others, and lines holding a twin letter, get every bit.
    mask: int

    @property
    def addressed(self) -> bool:
        """Imperative opening or "you": only such lines are searched for a phrase
        anywhere; other lines only where the phrase opens the line."""
        if self._addressed is None:
            self._addressed = has_reader_address(self.norm, self.hint_low, self.lead)
        return self._addressed

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
        n = len(piece)
        # str.strip's whitespace is str.isspace's, character for character
        body = piece.lstrip()
        if body:
            s = pos + n - len(body)
            out.append((s, s + len(body.rstrip())))
        pos += n + 1
    return out


#: Most words of a line any built-in rule looks at (PW007); longer lines get every
#: hint bit, so a user's larger ``max-words`` still sees them.
MASK_WORDS = 60

#: Longest line (in characters) any rule here looks at: boilerplate is short, and
#: skipping long lines before normalising them is most of this plugin's speed.
MAX_LINE_CHARS = 600

# One-entry cache: the rules of a plugin run one after another on one article,
# so each article's lines are split and normalised once, not once per rule.
# (Per article only: the entry is replaced by the next article's.)
_cache: list[tuple[Article, tuple[Line, ...]]] = []
#: the current article's lines of at most N characters, per N asked (``lines_upto``)
_upto: dict[int, list[Line]] = {}
#: the length of the current article's longest line (set with ``_cache``)
_longest: list[int] = [0]
#: ``(article, [low.split() of each line])``: the words the view split for the hint
#: bits, kept for ``lowered_words`` (set with ``_cache``)
_splits: list[tuple[Article, list[list[str]]]] = []


def _ranges(article: Article) -> tuple[list[tuple[Paragraph, int, int, int, int]], list[str]]:
    """``(paragraph, start, end, number, count)`` of every non-blank line of at most
    ``MAX_LINE_CHARS`` characters, in order, and the texts of those lines."""
    paragraphs = article.paragraphs
    texts = list(map(_TEXT, paragraphs))
    # Most articles: every block one line, none blank nor padded (readers strip the
    # clean text).  Then each block is its line, found in C: str.strip returns the
    # very string when it strips nothing, so the list compares by identity.
    if all(texts) and "\n" not in "".join(texts) and list(map(str.strip, texts)) == texts:
        lens = list(map(len, texts))
        if max(lens, default=0) > MAX_LINE_CHARS:
            keep = list(map(MAX_LINE_CHARS.__ge__, lens))
            paragraphs = list(compress(paragraphs, keep))
            texts = list(compress(texts, keep))
            lens = list(compress(lens, keep))
        n = len(texts)
        starts, numbers, counts = repeat(0, n), repeat(0, n), repeat(1, n)
        return list(zip(paragraphs, starts, lens, numbers, counts, strict=True)), texts
    out = []
    for p in paragraphs:
        text = p.text
        if "\n" not in text:  # one line, most blocks: _paragraph_lines without the split
            body = text.lstrip()
            if body:
                s = len(text) - len(body)
                e = s + len(body.rstrip())
                if e - s <= MAX_LINE_CHARS:
                    out.append((p, s, e, 0, 1))
            continue
        ranges = _paragraph_lines(p)
        n = len(ranges)
        for i, (s, e) in enumerate(ranges):
            if e - s <= MAX_LINE_CHARS:
                out.append((p, s, e, i, n))
    return out, [p.text[s:e] for p, s, e, _, _ in out]


def _all_lines(article: Article) -> tuple[Line, ...]:
    """Every line of the article, built in one pass.

    The per-line work of the first design (normalise, lower, split twice, a table
    look-up and an OR per word) is done for the whole article at once where that
    is exact: the lines joined by "\n" (which no line holds) are normalised in one
    call and split back.  ``normalize`` maps characters one to one, never to "\n".
    An ASCII article is lowered in one call too (``str.lower`` is per character
    but for the final sigma, whose context "\n" (neither cased nor
    case-ignorable) cuts); otherwise each line is lowered on its own: the split
    gives each line the narrowest string kind, so the lines that normalising left
    ASCII take str.lower's ASCII path instead of a Unicode-database look-up per
    character of the whole text.  No character lowers to or from whitespace or
    "\n" (every code point checked, tests/test_boilerplate_hints.py), so
    ``len(low.split())`` is ``words``.  A line's hint bits are
    ``hints.words_bits`` of those words (inlined).
    """
    if _cache and _cache[0][0] is article:
        return _cache[0][1]
    _upto.clear()
    ranges, texts = _ranges(article)
    # every line is at most this long: lines_upto of that or more is every line
    longest = max(map(len, texts), default=0)
    joined = "\n".join(texts)
    if joined.isascii():
        norms = texts
        twins = False
        lows = joined.lower().split("\n") if texts else []
    else:
        joined = normalize(joined)
        norms = joined.split("\n")
        twins = any(map(joined.__contains__, _TWINS))
        lows = list(map(str.lower, norms))
    new = object.__new__
    first_word = _FIRST_WORD.search
    bits_of = word_bits
    out = []
    splits: list[list[str]] = []
    keep = splits.append
    for (p, s, e, number, count), text, norm, low in zip(ranges, texts, norms, lows, strict=True):
        line = new(Line)
        line.article = article
        line.paragraph = p
        line.start = s
        line.end = e
        line.text = text
        line.norm = norm
        line.number = number
        line.count = count
        line.low = low
        line._addressed = None
        split = low.split()
        keep(split)
        line.words = words = len(split)
        # ``[^\W_]`` matches exactly the characters for which str.isalnum() holds
        # (every code point compared), so a line opening with one costs no search
        if norm[:1].isalnum():
            line.lead = 0
        else:
            m = first_word(norm)
            line.lead = m.start() if m else len(norm)
        if twins and any(map(norm.__contains__, _TWINS)):
            line.hint_low = None
            line.mask = ALL
        else:
            line.hint_low = low
            # ``hints.words_bits(split)``, inline: no Python call per line
            line.mask = ALL if words > MASK_WORDS else reduce(or_, set(map(bits_of, split)), 0)
        out.append(line)
    lines = tuple(out)
    _cache[:] = [(article, lines)]
    _splits[:] = [(article, splits)]
    _longest[0] = longest
    return lines


def lowered_words(article: Article) -> list[str] | None:
    """``normalize("\n".join(p.text for p in article.paragraphs)).lower().split()``
    (HL007's ``body_words`` of the body) from the words the line view already split,
    or None when the view of ``article`` is not built (building it costs more than
    the split; the caller splits the text itself).

    The view lowered and split every line's normalised text: those are its words.
    A block with a line the view left out (over ``MAX_LINE_CHARS``) is normalised,
    lowered and split here.  The concatenation is the split of the whole text so
    made: ``normalize`` maps character to character; ``str.lower`` is per character
    but for the final sigma, whose context white space cuts (no white space
    character is cased or case-ignorable), and no character lowers to or from white
    space (every code point checked, tests/test_boilerplate_hints.py), so the words
    of a text are the words of its lines, and the words of the joined blocks those
    of each block in order.

    Before the words were normalised, a line with a typographic quote or dash (most
    lines of most news copy) was lowered and split again here: about 0.3 million
    instructions an article, a seventh of HL007's digest.
    """
    if not _cache or _cache[0][0] is not article or _splits[0][0] is not article:
        return None
    lines = _cache[0][1]
    splits = _splits[0][1]
    words: list[str] = []
    extend = words.extend
    i = 0
    n = len(lines)
    for p in article.paragraphs:
        if i < n and lines[i].paragraph is p:
            j = i + 1
            while j < n and lines[j].paragraph is p:
                j += 1
            if j - i == lines[i].count:  # every non-blank line of the block is in the view
                for k in range(i, j):
                    extend(splits[k])
                i = j
                continue
            i = j
        extend(normalize(p.text).lower().split())
    return words


def lines_upto(article: Article, max_chars: int) -> list[Line]:
    """The article's non-blank lines of at most ``max_chars`` characters, in order:
    ``list(iter_lines(article, max_chars=max_chars))``, built once per article and
    length (rules ask for a handful of lengths).  Do not modify the list."""
    lines = _all_lines(article)
    n = min(max_chars, MAX_LINE_CHARS)
    got = _upto.get(n)
    if got is None:
        if n >= _longest[0]:  # no line is longer: a copy in C (most articles, most n)
            got = _upto[n] = list(lines)
        else:
            got = _upto[n] = [line for line in lines if len(line.text) <= n]
    return got


def iter_lines(
    article: Article, paragraphs: Sequence[Paragraph] | None = None, max_chars: int = 400
) -> Iterator[Line]:
    """Non-blank lines of at most ``max_chars`` characters, in order.

    ``paragraphs`` restricts the lines to those blocks (compared by identity).
    Without it, an iterator over ``lines_upto``'s list: no generator step per line.
    """
    if paragraphs is None:
        return iter(lines_upto(article, max_chars))
    max_chars = min(max_chars, MAX_LINE_CHARS)
    wanted = {id(p) for p in paragraphs}
    return (
        line
        for line in _all_lines(article)
        if len(line.text) <= max_chars and id(line.paragraph) in wanted
    )


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
