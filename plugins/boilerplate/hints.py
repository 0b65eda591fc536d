"""Hint bits: which lists of hint words a line may hold, from a per-word table.

Every PW phrase list (and every PW010 family) comes with hint words one of which
every match of its regex holds (the tests prove each cover from the parsed
regex).  Testing a line against each list with ``in`` costs one C scan per hint
word, about two hundred per line.  Instead each list gets a bit; a line's bits
are the OR of its whitespace-separated words' bits, and a word's bits are
computed once per distinct word (``_WordBits``).  Rules then skip a line with
one integer test.

Why words: a hint word without whitespace lies inside one whitespace-free run
of the line, i.e. inside one of ``low.split()``'s words.  A hint with spaces
("on x", " us ", "read ") is represented by one of its space-free pieces, which
any line holding the hint also holds inside a word, and where the hint has
whitespace before (after) the piece, at the start (end) of that word: "on x" by
a word starting with "x".  A necessary condition, so a bit may be set where the
hint itself is absent (the rule's regex then decides), and is never clear where
it is present.
"""

from __future__ import annotations

import re
from functools import reduce
from operator import or_

from lintnews import recache

__all__ = [
    "ALL",
    "DIGIT",
    "NUM_END",
    "PRICE",
    "UNIT_START",
    "line_bits",
    "register",
    "word_bits",
    "words_bits",
]

#: every bit: what a line gets when its bits cannot be trusted (letters that
#: ``re.IGNORECASE`` folds to ASCII but ``str.lower`` does not; very long lines)
ALL = -1
#: a decimal digit (``\d``) somewhere in the line
DIGIT = 1
#: a word that ends with a digit ("$5", "2024")
NUM_END = 2
#: a word that starts with a price unit, then no word character: "p", "cents."
UNIT_START = 4
#: a word with a digit just before a price unit as above ("5p", "10euros,")
PRICE = 8
_FIXED = 4  # bits above, before the registered lists' bits

_DIGIT = re.compile(r"\d")
# the unit part of PW010's "offer" family regex, lower case
_UNIT = r"(?:p|cents?|pence|euros?|dollars?)(?!\w)"
_UNIT_START = re.compile(_UNIT)
#: the first letters ``_UNIT_START`` can match
_UNIT_FIRST = frozenset("pced")
_PRICE = re.compile(r"\d" + _UNIT)
#: bits of the registered lists: ``_PIECES[kind][piece]`` is the OR of the bits of
#: the lists with ``piece`` as a trigger of that kind (0 anywhere in a word, 1 at its
#: start, 2 at its end, 3 the whole word)
_PIECES: tuple[dict[str, int], ...] = ({}, {}, {}, {})
_registered = 0


class _Finder:
    """The bits of the triggers of one kind a word holds, in one regex call.

    The regex is a trie of the triggers inside a lookahead, so ``findall`` gives,
    at every position where a trigger starts, the longest one starting there (a
    trie node's children start with distinct characters, and a node that ends a
    trigger makes the rest optional, greedily).  Every trigger starting at that
    position is a prefix of that longest one, so ``closure[longest]``, the OR of
    the bits of all triggers that are its prefixes, is what that position adds.
    """

    def __init__(self, pieces: dict[str, int]) -> None:
        from lintnews.plugins.boilerplate import _prebuilt

        if pieces == _prebuilt.FINDER_PIECES:  # the built-in lists: computed at build time
            body, self.closure = _prebuilt.FINDER_BODY, _prebuilt.FINDER_CLOSURE
        else:
            body, self.closure = build_finder(pieces)
        # through the compiled-regex store: a warm process does not compile it again
        self.findall = recache.compile(finder_pattern(pieces, body)).findall

    def bits(self, word: str) -> int:
        found = self.findall(word)
        return reduce(or_, map(self.closure.__getitem__, found)) if found else 0


def finder_pattern(pieces: dict[str, int], body: str) -> str:
    """The ``_Finder`` regex of ``pieces`` given their trie ``body``.

    ``(?=(body))`` tried at every position finds what ``findall`` needs, but a
    pattern that starts with a lookahead makes the regex engine run its matcher
    at every position of the word (~850 instructions each).  So the pattern
    starts with a class of the pieces' first characters, which the engine scans
    for in C before it tries a position (it skips the others), consumes that
    one character (the next search starts at the next position, so every
    position is still tried), and looks back over it to find the longest piece
    starting there: ``[F](?<=(?=(body)).)``.  Same list as ``(?=(body))``
    (tests/test_boilerplate_hints.py fuzzes both).
    """
    if not pieces:
        return "(?=(" + body + "))"
    first = "".join(re.escape(c) for c in sorted({piece[0] for piece in pieces}))
    return "(?s:[" + first + "])(?<=(?=(" + body + ")).)"


def build_finder(pieces: dict[str, int]) -> tuple[str, dict[str, int]]:
    """``(trie regex body, closure)`` of a ``_Finder`` of ``pieces`` (marked pieces)."""
    closure = {}
    for t in pieces:
        bits = 0
        for k in range(1, len(t) + 1):
            bits |= pieces.get(t[:k], 0)
        closure[t] = bits
    return (_trie(sorted(pieces)) if pieces else "(?!)"), closure


def _trie(words: list[str]) -> str:
    """A regex matching the longest of ``words`` (sorted, non-empty) at a position."""
    alts = []
    i = 0
    while i < len(words):
        head = words[i][0]
        group = []
        while i < len(words) and words[i][0] == head:
            group.append(words[i][1:])
            i += 1
        rest = [w for w in group if w]
        tail = _trie(rest) if rest else ""
        if rest and "" in group:  # a trigger ends here: the longer ones are optional
            tail = "(?:" + tail + ")?"
        alts.append(re.escape(head) + tail)
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


#: a word is searched as _START + word + _END, so a trigger pinned to the start or
#: the end of a word is a plain trigger with the mark: one search finds every kind.
#: (A word holding a mark itself can only gain bits, never lose one.)
_START, _END = "\x02", "\x03"
_finders: list[_Finder] = []  # the one finder, built on first use


def _marked_pieces() -> dict[str, int]:
    out: dict[str, int] = {}
    anywhere, starts, ends, whole = _PIECES
    for marked, pieces in (
        ("{}", anywhere),
        (_START + "{}", starts),
        ("{}" + _END, ends),
        (_START + "{}" + _END, whole),
    ):
        for piece, bits in pieces.items():
            key = marked.format(piece)
            out[key] = out.get(key, 0) | bits
    return out


#: pieces too common to stand for a hint when it has another ("on x": "x", not "on")
_COMMON = frozenset({"a", "an", "the", "on", "in", "to", "of", "at", "by", "la", "us"})
#: distinct words kept before the table starts over: the benchmark corpus has 16,000
#: (lower case); an archive of real copy keeps adding names and numbers, and the
#: table is most of a worker's growth then (~7 MB at 100,000 words, ~4 MB at this)
_MAX_WORDS = 50_000


def triggers(hints: tuple[str, ...]) -> tuple[tuple[str, bool, bool], ...]:
    """Per hint, ``(piece, at word start, at word end)``: the space-free piece (by
    ``str.split``'s whitespace) a word of any line holding the hint holds, preferring
    uncommon pieces, then pieces pinned at both ends, then longer ones."""
    out = []
    for h in hints:
        pieces = h.split()
        if not pieces:
            raise ValueError(f"hint word {h!r} has no non-space character")
        found = []
        pos = 0
        for piece in pieces:
            at = h.index(piece, pos)
            pos = at + len(piece)
            start = at > 0  # h[at - 1] is whitespace: the piece starts a word
            end = pos < len(h)  # h[pos] is whitespace: the piece ends a word
            found.append((piece not in _COMMON, start + end, len(piece), piece, start, end))
        best = max(found)
        out.append((best[3], best[4], best[5]))
    return tuple(dict.fromkeys(out))


def register(hints: tuple[str, ...]) -> int:
    """A new bit, set on every word that holds a trigger of ``hints`` (lower case)."""
    global _registered
    bit = 1 << (_registered + _FIXED)
    _registered += 1
    for piece, start, end in triggers(hints):
        kind = start + 2 * end
        _PIECES[kind][piece] = _PIECES[kind].get(piece, 0) | bit
    _finders.clear()  # rebuilt on first use
    _clear()  # words seen before lack the new bit
    return bit


def _word_bits(word: str) -> int:
    """The bits of one lower-cased whitespace-free word, computed (no table)."""
    bits = 0
    if _DIGIT.search(word):
        bits = DIGIT
        if _DIGIT.match(word, len(word) - 1):
            bits |= NUM_END
        if _PRICE.search(word):
            bits |= PRICE
    if _UNIT_START.match(word):
        bits |= UNIT_START
    if not _finders:
        _finders.append(_Finder(_marked_pieces()))
    return bits | _finders[0].bits(_START + word + _END)


class _WordBits(dict[str, int]):
    r"""word -> bits, computed on first use (``dict.__getitem__`` calls ``__missing__``).

    Called once per new word of a process (~9,600 in each worker's first 250
    files of the benchmark), so ``_word_bits`` is written out here (no two
    Python calls per word): a word of letters alone (``str.isalpha``: most
    words) holds no ``\d`` (a decimal digit is no letter), so it skips the
    digit tests; the unit test is made only for a word starting with a unit's
    first letter (the regex starts with a literal ``p``, ``c``, ``e`` or
    ``d``).  The empty word, and any word before the finder is built, goes to
    ``_word_bits``.
    """

    def __missing__(self, word: str) -> int:
        if not _finders or not word:
            bits = _word_bits(word)
        else:
            finder = _finders[0]
            found = finder.findall(f"\x02{word}\x03")  # _START + word + _END, one string built
            bits = reduce(or_, map(finder.closure.__getitem__, found)) if found else 0
            if word[0] in _UNIT_FIRST and _UNIT_START.match(word):
                bits |= UNIT_START
            if not word.isalpha() and _DIGIT.search(word):
                bits |= DIGIT
                if _DIGIT.match(word, len(word) - 1):
                    bits |= NUM_END
                if _PRICE.search(word):
                    bits |= PRICE
        if len(self) >= _MAX_WORDS:
            self.clear()
        self[word] = bits
        return bits


_WORDS = _WordBits()
#: the bits of one lower-cased whitespace-free word, from the table (computed on
#: first sight): ``words_bits`` is the OR of these over a line's words
word_bits = _WORDS.__getitem__


def _clear() -> None:
    _WORDS.clear()


def line_bits(low: str) -> int:
    """Bits of a lower-cased line: the OR of its words' bits, in C but for new words."""
    return reduce(or_, map(word_bits, low.split()), 0)


def words_bits(words: list[str]) -> int:
    """``line_bits`` of a line given as its words (``low.split()``, which the caller
    has anyway): one table look-up per word in C, gathered into a set of the few
    distinct bit values (most words have none), which are OR-ed.  (Testing the
    words against a set of known words first, as before, built a set of the line's
    words on every call: ~20% more CPU.)"""
    return reduce(or_, set(map(word_bits, words)), 0)
