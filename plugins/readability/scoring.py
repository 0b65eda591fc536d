"""Word, sentence and syllable counts of an article's body, and its scores.

Only body prose is measured: the headline and front matter are not in
``article.paragraphs`` at all, headings are skipped by kind, and short lines
without terminal punctuation ("Register now to get free unlimited access
to", "New tools", "Share this article") are skipped as boilerplate or
crossheads, without importing the boilerplate plugin (plugins stay
independent).  Sentences are the article's own (segmented by the reader with
abbreviation handling), words are whitespace-delimited tokens holding at
least one letter or digit (textstat's definition), syllables come from
:mod:`.syllables`.

The Flesch formulas were fitted on English, so :func:`looks_english` keeps
articles that are clearly in another language out of the English rules.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain, filterfalse, islice
from typing import Any

from lintnews import recache
from lintnews.article import Article, Paragraph, Sentence

from .syllables import count_syllables as _word_syllables
from .syllables import normalise

__all__ = [
    "ENGLISH_FUNCTION_WORDS",
    "WORD_RE",
    "Analysis",
    "MeasuredParagraph",
    "Scores",
    "analyse_article",
    "body_paragraphs",
    "count_words",
    "looks_english",
    "score_article",
]

#: a word is a whitespace-delimited token with at least one word character
WORD_RE = re.compile(r"\S*?\w\S*")
_WORD_CHARACTER = re.compile(r"\w").search

#: a paragraph this short without terminal punctuation is not measured
SHORT_LINE_WORDS = 12
#: what ``[.!?…:;。！？][\"'”’»)\]]*\s*$`` tests, as two ``rstrip`` calls (the
#: regex tried its first class at every position of every paragraph)
_TERMINAL_CHARS = ".!?…:;。！？"
_TERMINAL_CLOSERS = "\"'”’»)]"

# The reader's segmenter keeps a quotation in one piece ("We started. However,
# we..." said X), which would make quoted speech one long sentence.  A unit
# boundary inside a sentence: sentence-final punctuation after a lowercase word
# or a number (not "U.S.", "Mr.", "Gov."), then space and a capital.
# The boundary is group 1; the regex starts on the stop itself (a character
# class the engine scans for quickly) and checks the letter before it with a
# lookbehind, which finds the same boundaries as starting with a lookbehind at
# every position.
_INNER_BOUNDARY = recache.compile(r"[.!?](?<=[a-z0-9%)][.!?])([\"'”’)]*\s+)(?=[\"'“‘(]?[A-Z])")
#: ``_INNER_BOUNDARY`` for a text without "!" and "?": the same matches, found
#: by scanning for one character (a character class is tested at every position)
_INNER_BOUNDARY_FULL_STOP = recache.compile(
    r"\.(?<=[a-z0-9%)][.!?])([\"'”’)]*\s+)(?=[\"'“‘(]?[A-Z])"
)

#: abbreviations ending in a full stop that do not end a sentence
_ABBREVIATION_LIST = (
    "mr mrs ms dr messrs gov sen rep gen col capt sgt lt inc corp co ltd jr sr st mt"
    " ft vs etc dept univ no approx est rev prof adm cmdr maj supt det insp jan feb"
    " mar apr aug sep sept oct nov dec"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())


def _ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` (ending in ".") ends with an abbreviation or an initial."""
    if not text.endswith("."):
        return False
    words = text[-12:].split()
    last = words[-1].rstrip(".").lstrip("\"'“‘(").lower() if words else ""
    return len(last) == 1 or last in _ABBREVIATIONS


#: the commonest English function words; English news runs at 30-45 % of tokens
_FUNCTION_WORDS = (
    "the of and to a in is was that for on with as by at from it he she his her"
    " they their be been are were has have had not but this which who said will"
    " an or its after about would there when more than"
)
ENGLISH_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

#: Flesch–Kincaid / Flesch reading ease constants (textstat's English values)
FRE_BASE, FRE_SENTENCE, FRE_SYLLABLE = 206.835, 1.015, 84.6
FKG_SENTENCE, FKG_SYLLABLE, FKG_BASE = 0.39, 11.8, -15.59


def count_words(text: str) -> int:
    return len(WORD_RE.findall(text))


def is_measured(paragraph: Paragraph) -> bool:
    """Whether ``paragraph`` is body prose (not a heading, crosshead or widget line)."""
    if paragraph.kind == "heading" or not paragraph.sentences:
        return False
    text = paragraph.text
    return text[-1:] in _TERMINAL_SET or _is_long_unterminated(text)


def _is_long_unterminated(text: str) -> bool:
    """``is_measured`` for a text whose last character is not terminal punctuation.

    Terminal punctuation may still end it before closing quotes and spaces;
    otherwise it is measured if it holds ``SHORT_LINE_WORDS`` words or more.
    """
    if text.rstrip().rstrip(_TERMINAL_CLOSERS).endswith(_TERMINAL_ENDINGS):
        return True
    # Every word is a whitespace-delimited token, so fewer tokens than the
    # limit settle it without the regex (crossheads, bylines: most such lines).
    # ``maxsplit`` stops the split after the limit (long lists and tables): the
    # first pieces are single tokens, and when each holds a word character
    # they are that many words; else the words are counted up to the limit.
    parts = text.split(None, SHORT_LINE_WORDS)
    if len(parts) < SHORT_LINE_WORDS:
        return False
    if all(map(_WORD_CHARACTER, parts[:SHORT_LINE_WORDS])):
        return True
    return len(list(islice(WORD_RE.finditer(text), SHORT_LINE_WORDS))) == SHORT_LINE_WORDS


_TERMINAL_ENDINGS = tuple(_TERMINAL_CHARS)
#: a text whose last character is one of these ends in terminal punctuation
#: (the test ``_is_long_unterminated`` starts with, settled by one set lookup)
_TERMINAL_SET = frozenset(_TERMINAL_CHARS)


def sentence_units(paragraph: Paragraph) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``paragraph`` (indices into its text).

    The reader's sentences, each further split where quoted speech holds
    several sentences (see ``_INNER_BOUNDARY``).
    """
    if _may_split(paragraph.sentences):
        return _split_units(paragraph)
    return [(sentence.start, sentence.end) for sentence in paragraph.sentences]


def _may_split(sentences: Sequence[Sentence]) -> bool:
    """Whether a sentence holds a stop before its last character.

    A boundary that is kept lies inside a sentence, after a stop that is not
    the sentence's last character: most sentences hold none (a C-speed ``in``
    test each), and then there is nothing to split.
    """
    for sentence in sentences:
        inner = sentence.text[:-1]
        if "." in inner or "!" in inner or "?" in inner:
            return True
    return False


def _split_units(paragraph: Paragraph) -> list[tuple[int, int]]:
    """``sentence_units`` when a sentence may hold a boundary: the regex pass."""
    sentences = paragraph.sentences
    text = paragraph.text
    if "!" in text or "?" in text:
        found = _INNER_BOUNDARY.finditer(text)
    else:
        found = _INNER_BOUNDARY_FULL_STOP.finditer(text)
    boundaries = [m.span(1) for m in found]
    if not boundaries:
        return [(sentence.start, sentence.end) for sentence in sentences]
    units: list[tuple[int, int]] = []
    for sentence in sentences:
        start = sentence.start
        for b_start, b_end in boundaries:
            if b_start <= sentence.start or b_end >= sentence.end:
                continue
            if _ends_with_abbreviation(text[start:b_start]):
                continue
            units.append((start, b_start))
            start = b_end
        units.append((start, sentence.end))
    return units


def body_paragraphs(article: Article) -> list[Paragraph]:
    """The paragraphs ``is_measured`` keeps (its tests inlined: one call per article)."""
    terminal = _TERMINAL_SET
    return [
        p
        for p in article.paragraphs
        if p.kind != "heading"
        and p.sentences
        and (p.text[-1:] in terminal or _is_long_unterminated(p.text))
    ]


_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
#: finds what ``_NON_ASCII_LETTER`` finds, but tests the letter class only at
#: non-ASCII characters (a range check the engine scans with quickly): news in
#: English owes its non-ASCII characters to quotes and dashes
_NON_ASCII_LETTER_AFTER = re.compile(r"[^\x00-\x7f](?<=[^\W\d_])")
_EDGE_PUNCTUATION = "\"'“”‘’()[],.;:!?"
#: every ASCII byte, which ``bytes.translate`` deletes in ``_has_non_ascii_letter``
_ASCII_BYTES = bytes(range(128))


def _has_non_ascii_letter(text: str) -> bool:
    """Whether ``_NON_ASCII_LETTER`` finds a letter in ``text``.

    Only its non-ASCII characters can match, so the search runs on them
    alone: they are what is left of its UTF-8 bytes once the ASCII bytes are
    deleted (a multi-byte sequence holds no ASCII byte; "surrogatepass" keeps
    lone surrogates both ways).  Encoding and deleting cost a few
    instructions a character, a regex scan for the first non-ASCII character
    many more, and a paragraph in English owes its non-ASCII characters to a
    few quotes and dashes, so the scan is short.
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return _NON_ASCII_LETTER_AFTER.search(rest.decode("utf-8", "surrogatepass")) is not None


#: token -> is a function word; a plain dict so a sample is looked up with
#: ``map(dict.__getitem__)`` in C (an lru_cache call per token costs more than
#: the test itself).  Emptied when it grows past this many tokens.
_FUNCTION_MEMO: dict[str, bool] = {}
_FUNCTION_MEMO_MAX = 32768


def _count_function_words(sample: Sequence[str]) -> int:
    memo = _FUNCTION_MEMO
    if len(memo) > _FUNCTION_MEMO_MAX:
        memo.clear()
    for token in set(sample).difference(memo):
        memo[token] = token.lower().strip(_EDGE_PUNCTUATION) in ENGLISH_FUNCTION_WORDS
    return sum(map(memo.__getitem__, sample))


#: the language guess looks at this many words at most
LANGUAGE_SAMPLE_WORDS = 400


def looks_english(tokens: Sequence[str], min_words: int = 20) -> tuple[bool, float, float]:
    """(is English, share of non-ASCII letters, share of English function words).

    ``tokens`` are the words of the text, of which the first
    ``LANGUAGE_SAMPLE_WORDS`` are examined.  Too short a sample to tell counts
    as English: the English rules also need a minimum length before they
    report anything.
    """
    sample = tokens[:LANGUAGE_SAMPLE_WORDS]
    function = _count_function_words(sample)
    return _language(len(sample), function, _non_ascii_share(sample), min_words)


def _non_ascii_share(sample: Sequence[str]) -> float:
    """The share of non-ASCII letters among the letters of ``sample``'s tokens.

    A letter is a ``[^\\W\\d_]`` character.  News in English owes most of
    its non-ASCII characters to quotes and dashes, so only the tokens holding
    one are looked at for non-ASCII letters (counted once per distinct token,
    ``_NON_ASCII_MEMO``), and the share is 0.0 without any.  The ASCII letters
    (a-z, A-Z: ``[^\\W\\d_]`` on ASCII) of all the tokens are counted on
    their ASCII characters by one ``bytes.translate``: the pattern matches one
    character at a time, so the tokens' counts add up to their
    concatenation's.  Letter memos for every token and a regex scan of the
    whole sample did this before: ~0.4M instructions per article that got
    here, ~0.17M now (a quarter of the corpus: a name with an accent suffices).
    """
    wide = list(filterfalse(str.isascii, sample))
    if not wide:
        return 0.0
    memo = _NON_ASCII_MEMO
    if len(memo) > _FUNCTION_MEMO_MAX:
        memo.clear()
    for token in filterfalse(memo.__contains__, wide):
        memo[token] = len(_NON_ASCII_LETTER_AFTER.findall(token))
    non_ascii = sum(map(memo.__getitem__, wide))
    if not non_ascii:
        return 0.0
    ascii_part = "".join(sample).encode("ascii", "ignore")  # surrogates go too
    letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS)) + non_ascii
    return non_ascii / letters


#: token (holding a non-ASCII character) -> its non-ASCII letters; emptied
#: past ``_FUNCTION_MEMO_MAX`` tokens
_NON_ASCII_MEMO: dict[str, int] = {}
#: ``bytes.translate`` deletes these to count ASCII letters
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _language(
    words: int, function: int, non_ascii_share: float, min_words: int = 20
) -> tuple[bool, float, float]:
    """``looks_english`` from a sample's word count, function words and letter share."""
    function_share = function / words if words else 0.0
    if words < min_words:
        return True, non_ascii_share, function_share
    english = non_ascii_share <= 0.15 and function_share >= 0.15
    return english, non_ascii_share, function_share


@dataclass(frozen=True, slots=True)
class Scores:
    """The measurements of one article body."""

    paragraphs: int
    sentences: int
    words: int
    syllables: int
    polysyllabic_words: int
    longest_sentence_words: int
    english: bool
    non_ascii_share: float
    function_word_share: float

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_reading_ease(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return (
            FRE_BASE
            - FRE_SENTENCE * self.words_per_sentence
            - FRE_SYLLABLE * self.syllables_per_word
        )

    @property
    def flesch_kincaid_grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return (
            FKG_SENTENCE * self.words_per_sentence
            + FKG_SYLLABLE * self.syllables_per_word
            + FKG_BASE
        )

    def as_metrics(self) -> dict[str, Any]:
        """The ``readability`` object of the JSON ``metrics`` (rounded floats)."""
        data: dict[str, Any] = {
            "language": "en" if self.english else "non-en",
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "words": self.words,
            "syllables": self.syllables,
            "polysyllabic_words": self.polysyllabic_words,
            "longest_sentence_words": self.longest_sentence_words,
            "avg_words_per_sentence": round(self.words_per_sentence, 2),
            "avg_syllables_per_word": round(self.syllables_per_word, 3),
        }
        if self.english and self.words:
            data["flesch_reading_ease"] = round(self.flesch_reading_ease, 2)
            data["flesch_kincaid_grade"] = round(self.flesch_kincaid_grade, 2)
        else:
            data["non_ascii_letter_share"] = round(self.non_ascii_share, 3)
            data["english_function_word_share"] = round(self.function_word_share, 3)
        return data


_WORDS_OF_UNIT = operator.itemgetter(2)


@dataclass(frozen=True, slots=True)
class MeasuredParagraph:
    """A body paragraph with its sentence units and their word counts."""

    paragraph: Paragraph
    units: tuple[tuple[int, int, int], ...]  # (start, end, words) in paragraph text

    @property
    def words(self) -> int:
        return sum(map(_WORDS_OF_UNIT, self.units))


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything measured on one article body, whatever the options."""

    paragraphs: tuple[MeasuredParagraph, ...]
    scores: Scores


# One memo serves every per-token figure: token -> its syllables, whether it
# has 3 or more, whether it is a word, whether it is an English function word,
# packed into one int of four 16-bit fields.  The packed values of a unit's
# tokens then add up, in one ``sum(map(...))`` in C, to the unit's syllables,
# polysyllabic words, words and function words at once: one memo lookup per
# token, where the layout before built a ``Counter`` and a set per article
# and read three memos (syllables, non-words, function words).
_SHIFT_POLY, _SHIFT_WORD, _SHIFT_FUNCTION = 16, 32, 48
_FIELD = 0xFFFF
#: token -> packed figures (``_pack``); emptied past ``_MEMO_MAX`` tokens.
#: A worker keeps this, ``_WORD_PACKED`` and the boilerplate hint table (~19 MB
#: together when full at 65,536 / 100,000); an archive's vocabulary fills them
#: (names, numbers, typos), so the cap is what bounds a worker's memory.  32,768
#: holds the benchmark corpus' 17,000 distinct tokens and halves that bound.
_PACKED: dict[str, int] = {}
_MEMO_MAX = 32768
#: the packed values met so far, each to itself (see ``_learn``)
_VALUES: dict[int, int] = {}
#: the most syllables of any token packed so far (never lowered): a unit of
#: ``n`` tokens sums within its fields when ``n * _max_syllables < 2**16``
_max_syllables = 1
#: units with at least this many tokens are summed field by field
_safe_tokens = (_FIELD + 1) // _max_syllables


def _is_word(token: str) -> bool:
    return WORD_RE.search(token) is not None


def _is_function_word(token: str) -> bool:
    return token.lower().strip(_EDGE_PUNCTUATION) in ENGLISH_FUNCTION_WORDS


def _token_syllables(token: str) -> int:
    """``token_syllables(token)`` without its cache (``_PACKED`` is the cache here)."""
    return _word_syllables(normalise(token))


def _pack(token: str, count: int) -> int:
    """``token``'s four figures in one int (see ``_PACKED``).

    ``count`` is ``token_syllables(token)``; a count past the 16-bit
    field is cut to it, which leaves the other fields right, and is never
    summed from the packed value (``_safe_tokens`` is then 0).  A
    non-word ("—", "•") has no syllables (``token_syllables`` strips it to
    nothing) and is never a function word, but its syllable fields are
    whatever ``token_syllables`` says, as the sums always counted them.
    """
    word = _is_word(token)
    return (
        (count & _FIELD)
        | (count >= 3) << _SHIFT_POLY
        | word << _SHIFT_WORD
        | (word and _is_function_word(token)) << _SHIFT_FUNCTION
    )


_WORD_BIT = 1 << _SHIFT_WORD
#: ``_EDGE_PUNCTUATION`` without the ASCII apostrophe, which textstat's
#: normalisation keeps before a contraction ending ("'tis", "'s")
_LEADING_EDGE = _EDGE_PUNCTUATION.replace("'", "")


def _letters_within(token: str) -> str:
    """The letters and digits of ``token`` when it is letters and digits with
    edge punctuation around them, else "".

    Such a token packs like its letters alone: its edge characters are not word
    characters, so it is a word and normalises to its letters' lower case
    (the trailing ones and a leading non-apostrophe are what ``normalise``
    removes: an apostrophe at the end is followed by no contraction ending),
    and ``_is_function_word`` strips them.  A leading apostrophe is not
    stripped here: ``normalise`` keeps "'t" of "'tis".
    """
    core = token.lstrip(_LEADING_EDGE).rstrip(_EDGE_PUNCTUATION)
    return core if core.isalnum() else ""


def _learn(parts: Iterable[str]) -> None:
    """Pack the tokens of ``parts`` that ``_PACKED`` lacks.

    A token of letters and digits only ("said", "2025": ``str.isalnum``,
    which is what the regex engine calls a word character, less "_") is its
    own word, normalises to its lower case and holds no edge punctuation, so
    ``_pack``'s three tests reduce to one set lookup of that lower case.  So
    does such a token with edge punctuation before or after it (a third of
    the tokens learnt in a run, ``_letters_within``), whose figures are its
    letters'.  Either is packed once per lower case (``_WORD_PACKED``:
    "The", "the" and "the," share it); any other token goes through
    ``normalise`` and ``_pack`` (``_learn_other``).
    """
    global _max_syllables, _safe_tokens
    memo = _PACKED
    words = _WORD_PACKED
    leading = _LEADING_EDGE
    edge = _EDGE_PUNCTUATION
    figures = _WORD_FIGURES
    # The unit's tokens the memo lacks, filtered in C as the loop goes: every
    # pass of the loop stores its token, so a token met again in the unit is
    # skipped then (a set of the unit's tokens and its difference with the
    # memo hashed and stored every token of the unit twice).
    for token in filterfalse(memo.__contains__, parts):
        if token.isalnum():
            word = token.lower()
        else:
            # "said,", "(AP)", "“We": often the letters are learnt already
            # (``_letters_within``, inlined)
            core = token.lstrip(leading).rstrip(edge)
            if not core.isalnum():
                memo[token] = _learn_other(token)
                continue
            known = memo.get(core)
            if known is not None:
                memo[token] = known
                continue
            word = core.lower()
        packed = words.get(word)
        if packed is None:
            # ``_learn_word``, inlined: ~11,000 new words in a worker's first
            # 250 files of the benchmark
            count = _word_syllables(word)
            if count < _FIGURES_KEPT and word not in ENGLISH_FUNCTION_WORDS:
                packed = words[word] = figures[count]
                if count > _max_syllables:
                    _max_syllables = count
                    _safe_tokens = (_FIELD + 1) // count
            else:
                packed = _learn_counted(word, count)
        memo[token] = packed


#: lower case of letters and digits -> its packed figures (``_learn``); emptied
#: with ``_PACKED``, so it never holds more words than that holds tokens
_WORD_PACKED: dict[str, int] = {}

#: syllables below this are packed from ``_WORD_FIGURES``
_FIGURES_KEPT = 64
#: the packed figures of a word that is no function word, by its syllables:
#: what ``_learn_counted`` packs, made once (and so one int object each,
#: as ``_VALUES`` makes them)
_WORD_FIGURES = tuple(
    _VALUES.setdefault(packed, packed)
    for packed in (
        (count & _FIELD) | (count >= 3) << _SHIFT_POLY | _WORD_BIT for count in range(_FIGURES_KEPT)
    )
)


def _learn_word(word: str) -> int:
    """The packed figures of ``word`` (letters and digits, in lower case), kept."""
    return _learn_counted(word, _word_syllables(word))


def _learn_counted(word: str, count: int) -> int:
    """``_learn_word`` of ``word``, whose syllables are ``count``."""
    global _max_syllables, _safe_tokens
    packed = (
        (count & _FIELD)
        | (count >= 3) << _SHIFT_POLY
        | _WORD_BIT
        | (word in ENGLISH_FUNCTION_WORDS) << _SHIFT_FUNCTION
    )
    # Tokens share a few dozen values: one int object each, so reading a
    # memo value never touches memory of its own.
    packed = _WORD_PACKED[word] = _VALUES.setdefault(packed, packed)
    if count > _max_syllables:
        _max_syllables = count
        _safe_tokens = (_FIELD + 1) // count
    return packed


def _learn_other(token: str) -> int:
    """The packed figures of a token that is not letters and digits within edge punctuation."""
    global _max_syllables, _safe_tokens
    count = _word_syllables(normalise(token))
    packed = _pack(token, count)
    if count > _max_syllables:
        _max_syllables = count
        _safe_tokens = (_FIELD + 1) // count
    return _VALUES.setdefault(packed, packed)


def _learnt_figures(parts: list[str]) -> int:
    """The packed sum of ``parts`` (one unit's tokens), learning them first.

    A unit too long for the 16-bit fields (``_safe_tokens``: thousands of
    tokens on any text) is summed field by field (``_wide_figures``).
    """
    _learn(parts)
    if len(parts) < _safe_tokens:
        return sum(map(_PACKED.__getitem__, parts))
    return _wide_figures(parts)


#: ``_wide_figures`` marks its results with this bit, far above any field
_WIDE = 1 << 256
_WIDE_SHIFT = 64


def _wide_figures(parts: list[str]) -> int:
    """``parts``' figures from their definitions, in 64-bit fields, marked ``_WIDE``."""
    syllables = [_token_syllables(token) for token in parts]
    words = [token for token in parts if _is_word(token)]
    return (
        _WIDE
        | sum(syllables)
        | sum(1 for s in syllables if s >= 3) << _WIDE_SHIFT
        | len(words) << 2 * _WIDE_SHIFT
        | sum(map(_is_function_word, words)) << 3 * _WIDE_SHIFT
    )


def _decode(packed: int) -> tuple[int, int, int, int]:
    """(syllables, polysyllabic words, words, function words) of a unit's sum."""
    if packed >= _WIDE:
        mask = (1 << _WIDE_SHIFT) - 1
        return (
            packed & mask,
            packed >> _WIDE_SHIFT & mask,
            packed >> 2 * _WIDE_SHIFT & mask,
            packed >> 3 * _WIDE_SHIFT & mask,
        )
    return (
        packed & _FIELD,
        packed >> _SHIFT_POLY & _FIELD,
        packed >> _SHIFT_WORD & _FIELD,
        packed >> _SHIFT_FUNCTION,
    )


def _crossing_unit(parts: list[str], needed: int) -> tuple[int, int]:
    """(function words among the first ``needed`` words of ``parts``, how many of
    ``parts`` hold those words): the unit that crosses the language sample's
    limit.  Every token is in ``_PACKED``; a token's own function field is its
    function-word bit (set only on words)."""
    word_bit = _WORD_BIT
    function = seen = 0
    for cut, packed in enumerate(map(_PACKED.__getitem__, parts), 1):
        if packed & word_bit:
            function += packed >> _SHIFT_FUNCTION
            seen += 1
            if seen == needed:
                return function, cut
    return function, len(parts)


#: a ``MeasuredParagraph`` made without its generated ``__init__`` (a Python
#: frame and two frozen-class ``object.__setattr__`` calls per paragraph)
_new_measured = MeasuredParagraph.__new__
_set_measured_paragraph = MeasuredParagraph.__dict__["paragraph"].__set__
_set_measured_units = MeasuredParagraph.__dict__["units"].__set__
_SPAN = operator.attrgetter("start", "end")


def analyse(paragraphs: Iterable[Paragraph]) -> Analysis:
    """Measure ``paragraphs`` (already filtered to body prose).

    Words are whitespace-delimited tokens holding a word character, which
    equals ``len(WORD_RE.findall(...))``.  Each unit's tokens come from one
    ``str.split`` and its figures from one packed sum over the memo
    (``_PACKED``).  The language guess reads the first
    ``LANGUAGE_SAMPLE_WORDS`` words: their function words come from the units'
    sums (the unit that crosses the limit is counted word by word), and their
    letters are looked at only when a paragraph they come from holds a
    non-ASCII character (``str.isascii`` reads a flag).

    A unit has at most half its length (rounded up) in tokens, so a paragraph
    shorter than twice ``_safe_tokens`` (thousands of tokens on any text)
    holds no unit too long for the packed fields, and its units skip that
    test (learning a token may lower the limit: the test is then made again).

    Why one lookup per token and not per distinct token: in a full run the
    memo's memory has gone cold by the time RD001 runs, so what counts is how
    many cache lines are fetched, and a token met again in the same article
    finds its lines already fetched; a set of the article's distinct tokens
    cost more to build than the repeated lookups (A/B in the commit message).
    """
    memo = _PACKED
    if len(memo) > _MEMO_MAX:
        memo.clear()
        _WORD_PACKED.clear()
    get = memo.__getitem__
    measured: list[MeasuredParagraph] = []
    syllables = polysyllabic = words = function = 0
    longest = n_sentences = 0
    # the tokens of the units holding the sample's words, up to its last word:
    # the non-words among them hold no letter, so the letter shares over them
    # are the shares over the sample's words
    sample_parts: list[list[str]] = []
    ascii_sample = True  # no sample paragraph holds a non-ASCII letter
    for paragraph in paragraphs:
        text = paragraph.text
        sentences = paragraph.sentences
        spans: Iterable[tuple[int, int]] = (
            _split_units(paragraph) if _may_split(sentences) else map(_SPAN, sentences)
        )
        if ascii_sample and words < LANGUAGE_SAMPLE_WORDS and not text.isascii():
            ascii_sample = not _has_non_ascii_letter(text)
        short = len(text) < 2 * _safe_tokens - 2  # every unit under _safe_tokens tokens
        units = []
        for start, end in spans:
            parts = text[start:end].split()
            if short or len(parts) < _safe_tokens:
                try:
                    packed = sum(map(get, parts))
                except KeyError:
                    packed = _learnt_figures(parts)
                    short = len(text) < 2 * _safe_tokens - 2
            else:
                packed = _learnt_figures(parts)
            if packed < _WIDE:
                syllables += packed & 0xFFFF  # the fields: _FIELD, _SHIFT_POLY, ...
                polysyllabic += packed >> 16 & 0xFFFF
                n = packed >> 32 & 0xFFFF
            else:
                s, p, n, f = _decode(packed)
                syllables += s
                polysyllabic += p
                packed = f << _SHIFT_FUNCTION  # for the sample below
            if words < LANGUAGE_SAMPLE_WORDS:
                if words + n <= LANGUAGE_SAMPLE_WORDS:
                    function += packed >> _SHIFT_FUNCTION
                    sample_parts.append(parts)
                else:
                    crossing, cut = _crossing_unit(parts, LANGUAGE_SAMPLE_WORDS - words)
                    function += crossing
                    sample_parts.append(parts[:cut])
            words += n
            if n:
                n_sentences += 1
                if n > longest:
                    longest = n
            units.append((start, end, n))
        item = _new_measured(MeasuredParagraph)
        _set_measured_paragraph(item, paragraph)
        _set_measured_units(item, tuple(units))
        measured.append(item)
    non_ascii = 0.0
    if not ascii_sample:
        non_ascii = _non_ascii_share(list(chain.from_iterable(sample_parts)))
    english, non_ascii, function_share = _language(
        min(words, LANGUAGE_SAMPLE_WORDS), function, non_ascii
    )
    scores = Scores(
        paragraphs=len(measured),
        sentences=n_sentences,
        words=words,
        syllables=syllables,
        polysyllabic_words=polysyllabic,
        longest_sentence_words=longest,
        english=english,
        non_ascii_share=non_ascii,
        function_word_share=function_share,
    )
    return Analysis(tuple(measured), scores)


def measure(paragraphs: Iterable[Paragraph], language: str = "auto") -> Scores:
    """Scores of ``paragraphs``; ``language`` is "auto" (detect), "en" or "non-en"."""
    return _with_language(analyse(paragraphs).scores, language)


def _with_language(scores: Scores, language: str) -> Scores:
    if language == "en" and not scores.english:
        return replace(scores, english=True)
    if language == "non-en" and scores.english:
        return replace(scores, english=False)
    return scores


#: the last article analysed: its rules and its metrics hook all ask in turn
_last: tuple[Article | None, Analysis | None] = (None, None)


def analyse_article(article: Article) -> Analysis:
    """The (cached) analysis of ``article``'s body prose."""
    global _last
    cached_article, cached = _last
    if cached_article is article and cached is not None:
        return cached
    analysis = analyse(body_paragraphs(article))
    _last = (article, analysis)
    return analysis


def score_article(article: Article, options: Mapping[str, Any] | None = None) -> Scores:
    """Scores of ``article``'s body; ``options["language"]`` as for the rules."""
    language = str((options or {}).get("language", "auto"))
    return _with_language(analyse_article(article).scores, language)
