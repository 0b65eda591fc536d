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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import compress, filterfalse, repeat
from typing import Any

from lintnews import recache
from lintnews.article import Article, Paragraph, Sentence

from .syllables import token_syllables

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
    if text.rstrip().rstrip(_TERMINAL_CLOSERS).endswith(_TERMINAL_ENDINGS):
        return True
    # Every word is a whitespace-delimited token, so fewer tokens than the
    # limit settle it without the regex (crossheads, bylines: most such lines).
    if len(text.split()) < SHORT_LINE_WORDS:
        return False
    return count_words(text) >= SHORT_LINE_WORDS


_TERMINAL_ENDINGS = tuple(_TERMINAL_CHARS)


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
    boundaries = [m.span(1) for m in _INNER_BOUNDARY.finditer(text)]
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
    return [p for p in article.paragraphs if is_measured(p)]


_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
_EDGE_PUNCTUATION = "\"'“”‘’()[],.;:!?"


#: token -> is a function word; a plain dict so a sample is looked up with
#: ``map(dict.__getitem__)`` in C (an lru_cache call per token costs more than
#: the test itself).  Emptied when it grows past this many tokens.
_FUNCTION_MEMO: dict[str, bool] = {}
_FUNCTION_MEMO_MAX = 65536


def _count_function_words(sample: Sequence[str]) -> int:
    memo = _FUNCTION_MEMO
    if len(memo) > _FUNCTION_MEMO_MAX:
        memo.clear()
    for token in set(sample).difference(memo):
        memo[token] = token.lower().strip(_EDGE_PUNCTUATION) in ENGLISH_FUNCTION_WORDS
    return sum(map(memo.__getitem__, sample))


#: token -> its letters, and its non-ASCII letters (``_letters``), read like
#: ``_FUNCTION_MEMO``
_LETTER_MEMO: dict[str, int] = {}
_NON_ASCII_MEMO: dict[str, int] = {}


def _letters(token: str) -> tuple[int, int]:
    """(letters, non-ASCII letters) of ``token``."""
    if token.isascii():
        return sum(1 for ch in token if ch.isalpha()), 0
    return len(_LETTER.findall(token)), len(_NON_ASCII_LETTER.findall(token))


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
    words = len(sample)
    function = _count_function_words(sample)
    non_ascii_share = 0.0
    joined = "".join(sample)
    # Most non-ASCII English owes it to quotes and dashes: without a non-ASCII
    # letter (one regex scan in C) the share is 0.0 whatever the letter count.
    if not joined.isascii() and _NON_ASCII_LETTER.search(joined) is not None:
        letters_memo, non_ascii_memo = _LETTER_MEMO, _NON_ASCII_MEMO
        if len(letters_memo) > _FUNCTION_MEMO_MAX:
            letters_memo.clear()
            non_ascii_memo.clear()
        for token in filterfalse(letters_memo.__contains__, sample):
            letters_memo[token], non_ascii_memo[token] = _letters(token)
        letters = sum(map(letters_memo.__getitem__, sample))
        non_ascii = sum(map(non_ascii_memo.__getitem__, sample))
        non_ascii_share = non_ascii / letters if letters else 0.0
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


@dataclass(frozen=True, slots=True)
class MeasuredParagraph:
    """A body paragraph with its sentence units and their word counts."""

    paragraph: Paragraph
    units: tuple[tuple[int, int, int], ...]  # (start, end, words) in paragraph text

    @property
    def words(self) -> int:
        return sum(unit[2] for unit in self.units)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything measured on one article body, whatever the options."""

    paragraphs: tuple[MeasuredParagraph, ...]
    scores: Scores


#: token -> its syllables (``token_syllables``), for every token met (words
#: and non-words alike); emptied past ``_MEMO_MAX`` tokens
_SYLLABLE_MEMO: dict[str, int] = {}
#: the tokens of ``_SYLLABLE_MEMO`` without a word character ("—", "•"): few
_NON_WORDS: set[str] = set()
_MEMO_MAX = 65536


def _is_word(token: str) -> bool:
    return WORD_RE.search(token) is not None


def analyse(paragraphs: Iterable[Paragraph]) -> Analysis:
    """Measure ``paragraphs`` (already filtered to body prose).

    Words are whitespace-delimited tokens holding a word character, which
    equals ``len(WORD_RE.findall(...))``.  Why it is shaped this way: a lookup
    in a memo of tens of thousands of tokens misses the CPU caches, so the
    memo is read once per *distinct* token of the article (C set operations
    on its ``Counter``), not once per token.  Units are counted with
    ``str.split``; non-words are rare, and only a paragraph holding one (a
    small set, known after the count) is counted again.  A non-word has no
    syllables (``token_syllables`` strips it to nothing), so it may stay in
    the syllable sums.
    """
    measured: list[MeasuredParagraph] = []
    all_tokens: list[str] = []
    unit_parts: list[list[str]] = []  # every unit's tokens, in order
    keep = unit_parts.append
    for paragraph in paragraphs:
        text = paragraph.text
        sentences = paragraph.sentences
        units = []
        if _may_split(sentences):
            for start, end in _split_units(paragraph):
                parts = text[start:end].split()
                units.append((start, end, len(parts)))
                all_tokens += parts
                keep(parts)
        else:
            for sentence in sentences:
                start = sentence.start
                end = sentence.end
                parts = text[start:end].split()
                units.append((start, end, len(parts)))
                all_tokens += parts
                keep(parts)
        measured.append(MeasuredParagraph(paragraph, tuple(units)))
    tokens = Counter(all_tokens)
    distinct = set(tokens)
    memo = _SYLLABLE_MEMO
    if len(memo) > _MEMO_MAX:
        memo.clear()
        _NON_WORDS.clear()
    for token in distinct.difference(memo):
        memo[token] = token_syllables(token)
        if not _is_word(token):
            _NON_WORDS.add(token)
    non_words = distinct & _NON_WORDS
    if non_words:
        measured = _without(measured, unit_parts, non_words)
        all_tokens = list(filterfalse(non_words.__contains__, all_tokens))
    syllables = list(map(memo.__getitem__, tokens))
    counts = list(tokens.values())
    longest = n_sentences = 0
    for m in measured:
        for unit in m.units:
            n = unit[2]
            if n:
                n_sentences += 1
                if n > longest:
                    longest = n
    english, non_ascii, function = looks_english(all_tokens)
    scores = Scores(
        paragraphs=len(measured),
        sentences=n_sentences,
        words=len(all_tokens),
        syllables=sum(map(operator.mul, syllables, counts)),
        polysyllabic_words=sum(compress(counts, map(operator.ge, syllables, repeat(3)))),
        longest_sentence_words=longest,
        english=english,
        non_ascii_share=non_ascii,
        function_word_share=function,
    )
    return Analysis(tuple(measured), scores)


def _without(
    measured: list[MeasuredParagraph], unit_parts: list[list[str]], non_words: set[str]
) -> list[MeasuredParagraph]:
    """``measured`` with the word counts of its units leaving out ``non_words``.

    ``unit_parts`` holds the tokens of every unit of ``measured``, in order.
    """
    out = []
    k = 0
    for m in measured:
        units = m.units
        parts = unit_parts[k : k + len(units)]
        k += len(units)
        if all(map(non_words.isdisjoint, parts)):
            out.append(m)
            continue
        counted = [
            (start, end, n - sum(map(non_words.__contains__, p)))
            for (start, end, n), p in zip(units, parts, strict=True)
        ]
        out.append(MeasuredParagraph(m.paragraph, tuple(counted)))
    return out


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
