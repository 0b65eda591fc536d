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

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lintnews.article import Article, Paragraph

from .syllables import token_syllables

__all__ = [
    "ENGLISH_FUNCTION_WORDS",
    "WORD_RE",
    "Scores",
    "body_paragraphs",
    "count_words",
    "looks_english",
    "score_article",
]

#: a word is a whitespace-delimited token with at least one word character
WORD_RE = re.compile(r"\S*?\w\S*")

#: a paragraph this short without terminal punctuation is not measured
SHORT_LINE_WORDS = 12
_TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*\s*$")

# The reader's segmenter keeps a quotation in one piece ("We started. However,
# we..." said X), which would make quoted speech one long sentence.  A unit
# boundary inside a sentence: sentence-final punctuation after a lowercase word
# or a number (not "U.S.", "Mr.", "Gov."), then space and a capital.
_INNER_BOUNDARY = re.compile(r"(?<=[a-z0-9%)][.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|messrs|gov|sen|rep|gen|col|capt|sgt|lt|inc|corp|co|ltd|jr|sr|st|mt|ft|vs|etc|dept|"
    r"univ|no|approx|est|rev|prof|adm|cmdr|maj|supt|det|insp|jan|feb|mar|apr|aug|sept?|oct|"
    r"nov|dec|[a-z])\.)$",
    re.IGNORECASE,
)

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
    if _TERMINAL.search(text):
        return True
    return count_words(text) >= SHORT_LINE_WORDS


def sentence_units(paragraph: Paragraph) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``paragraph`` (indices into its text).

    The reader's sentences, each further split where quoted speech holds
    several sentences (see ``_INNER_BOUNDARY``).
    """
    text = paragraph.text
    units: list[tuple[int, int]] = []
    for sentence in paragraph.sentences:
        start = sentence.start
        for m in _INNER_BOUNDARY.finditer(text, sentence.start, sentence.end):
            if _ABBREVIATION.search(text, start, m.start()):
                continue
            units.append((start, m.start()))
            start = m.end()
        units.append((start, sentence.end))
    return units


def body_paragraphs(article: Article) -> list[Paragraph]:
    return [p for p in article.paragraphs if is_measured(p)]


def looks_english(tokens: Iterable[str], min_words: int = 20) -> tuple[bool, float, float]:
    """(is English, share of non-ASCII letters, share of English function words).

    Too short a sample to tell counts as English: the English rules also need
    a minimum length before they report anything.
    """
    letters = non_ascii = words = function = 0
    for token in tokens:
        words += 1
        if token.lower().strip("\"'“”‘’()[],.;:!?") in ENGLISH_FUNCTION_WORDS:
            function += 1
        if not token.isascii():
            non_ascii += sum(1 for ch in token if ch.isalpha() and not ch.isascii())
        letters += sum(1 for ch in token if ch.isalpha()) if not token.isascii() else len(token)
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


def measure(paragraphs: Iterable[Paragraph], language: str = "auto") -> Scores:
    """Count ``paragraphs``; ``language`` is "auto" (detect), "en" or "non-en"."""
    n_paragraphs = n_sentences = n_syllables = n_poly = longest = 0
    tokens: list[str] = []
    for paragraph in paragraphs:
        n_paragraphs += 1
        text = paragraph.text
        for start, end in sentence_units(paragraph):
            words = WORD_RE.findall(text, start, end)
            if not words:
                continue
            n_sentences += 1
            longest = max(longest, len(words))
            tokens.extend(words)
    for token in tokens:
        s = token_syllables(token)
        n_syllables += s
        if s >= 3:
            n_poly += 1
    english, non_ascii, function = looks_english(tokens)
    if language == "en":
        english = True
    elif language == "non-en":
        english = False
    return Scores(
        paragraphs=n_paragraphs,
        sentences=n_sentences,
        words=len(tokens),
        syllables=n_syllables,
        polysyllabic_words=n_poly,
        longest_sentence_words=longest,
        english=english,
        non_ascii_share=non_ascii,
        function_word_share=function,
    )


_last: tuple[Article | None, str, Scores | None] = (None, "", None)


def score_article(article: Article, options: Mapping[str, Any] | None = None) -> Scores:
    """Scores of ``article``'s body, computed once for the rules and the metrics hook."""
    global _last
    language = str((options or {}).get("language", "auto"))
    cached_article, cached_language, cached = _last
    if cached_article is article and cached_language == language and cached is not None:
        return cached
    scores = measure(body_paragraphs(article), language)
    _last = (article, language, scores)
    return scores
