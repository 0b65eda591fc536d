"""RD rules: reading ease, grade level, long sentences, long paragraphs.

Where the defaults come from.  Wire services and newsroom style guides aim
general news at about US school grade 8–10 (the Associated Press's own
guidance, echoed by most newsroom training, is to write for a reader of
roughly that level; the AP Stylebook's advice is short sentences and short
paragraphs), which is a Flesch reading ease of about 60–70 ("plain
English"), and Flesch's own table calls 50–60 "fairly difficult" and 30–50
"difficult" (college level).  Those are *targets*.  The defaults below are
*alarm* thresholds, set where copy is far past the target, because real
published news sits well above it: on the 55 English articles of the
development corpus (``../shared/corpus/real``) the median Flesch reading ease
is ~47 and the median Flesch–Kincaid grade ~11.7.  With these defaults, on the
61 clean articles, RD001 fires on 2, RD002 on 3, RD003 on 19 and RD004 on 8;
a desk that wants to enforce the target sets ``min-reading-ease = 50`` and
``max-grade = 10``.

All four rules measure body prose only (see :mod:`.scoring`) and stay silent
on articles that are clearly not English: the Flesch formulas and the
syllable counts are English-specific.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import countOf, itemgetter
from typing import Any

from lintnews.article import Article, Span
from lintnews.rules import Option, Rule
from lintnews.violations import Diagnostic, Severity

from .scoring import Scores, analyse_article, score_article

__all__ = ["RULES"]

LANGUAGES = ("auto", "en", "non-en")

_WORDS_OF_UNIT = itemgetter(2)

_LANGUAGE_OPTION = Option(
    "auto",
    'Which articles the English formulas apply to: "auto" skips articles that are clearly '
    "not English (more than 15 % non-ASCII letters, or fewer than 15 % of the words among "
    'the commonest English function words, on at least 20 words); "en" scores every '
    'article; "non-en" none.',
)
_MIN_WORDS_OPTION = Option(
    100,
    "Articles with fewer body words are not scored: on a few sentences the formulas "
    "swing by tens of points.",
)

_LANGUAGE_NOTE = """
Only body prose is measured: the headline, front matter, headings and short
lines without terminal punctuation (crossheads, widget text, bylines) are left
out.  Articles that are clearly not English are skipped (option `language`);
their figures still appear in the `metrics` output with `"language": "non-en"`.
"""


def _english_scores(article: Article, options: Mapping[str, Any]) -> Scores | None:
    language = options.get("language", "auto")
    if language not in LANGUAGES:
        raise ValueError(f"option language must be one of {', '.join(LANGUAGES)}")
    scores = score_article(article, options)
    return scores if scores.english else None


def _article_anchor(article: Article) -> Span | None:
    """Where an article-level finding points: the first measured paragraph."""
    paragraphs = analyse_article(article).paragraphs
    return paragraphs[0].paragraph.span if paragraphs else None


def check_reading_ease(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    scores = _english_scores(article, options)
    if scores is None or scores.words < options["min-words"]:
        return
    minimum = float(options["min-reading-ease"])
    ease = scores.flesch_reading_ease
    anchor = _article_anchor(article)
    if ease < minimum and anchor is not None:
        yield Diagnostic(
            anchor,
            f"Flesch reading ease is {ease:.1f} (minimum {minimum:g}; "
            f"{scores.words_per_sentence:.1f} words per sentence, "
            f"{scores.syllables_per_word:.2f} syllables per word); "
            "use shorter sentences and plainer words",
        )


def check_grade_level(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    scores = _english_scores(article, options)
    if scores is None or scores.words < options["min-words"]:
        return
    maximum = float(options["max-grade"])
    grade = scores.flesch_kincaid_grade
    anchor = _article_anchor(article)
    if grade > maximum and anchor is not None:
        yield Diagnostic(
            anchor,
            f"Flesch–Kincaid grade level is {grade:.1f} (maximum {maximum:g}); "
            "shorten sentences and prefer shorter words",
        )


def check_long_sentence(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    scores = _english_scores(article, options)
    if scores is None:
        return
    limit = int(options["max-words"])
    if scores.longest_sentence_words <= limit:
        # every unit's words are at most the longest's (and at least 0, so a
        # negative limit never gets here): none is over the limit
        return
    for measured in analyse_article(article).paragraphs:
        for start, end, n in measured.units:
            if n > limit:
                yield Diagnostic(
                    measured.paragraph.span_of(start, end),
                    f"Sentence has {n} words (limit {limit}); split it",
                )


def check_long_paragraph(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    if _english_scores(article, options) is None:
        return
    max_sentences = int(options["max-sentences"])
    max_words = int(options["max-words"])
    for measured in analyse_article(article).paragraphs:
        units = measured.units
        # no more units than the limit: no more sentences either (a unit of
        # no words is not a sentence), so they need not be counted
        if len(units) <= max_sentences:
            sentences = 0
        else:
            sentences = len(units) - countOf(map(_WORDS_OF_UNIT, units), 0)
        words = measured.words
        problems = []
        if max_sentences and sentences > max_sentences:
            problems.append(f"{sentences} sentences (limit {max_sentences})")
        if max_words and words > max_words:
            problems.append(f"{words} words (limit {max_words})")
        if problems:
            yield Diagnostic(
                measured.paragraph.span,
                f"Paragraph has {' and '.join(problems)}; split it",
            )


READING_EASE = Rule(
    code="RD001",
    name="low-reading-ease",
    summary="The article's Flesch reading ease is below the desk's minimum.",
    explanation=f"""
## What it does
Computes the Flesch reading ease of the article body,
206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words),
and reports it when it falls below `min-reading-ease`.  Syllables come from
the CMU Pronouncing Dictionary, with pyphen's hyphenation patterns for words
it lacks (the same sources as textstat, whose constants these are).

## Why is this bad?
Scores fall with long sentences and long words.  Wire services aim general
news at grade 8–10 (reading ease about 60–70); Flesch rated 30–50 "difficult"
(college) and below 30 "very difficult" (graduate).  The default, 30, flags
only copy in that last band: real published news has a median near 47, and a
desk that wants to hold copy to the wire target sets 50 or 60.
{_LANGUAGE_NOTE}
Severity is info: the score describes the whole article and is advice for the
editor, not a defect at a place in the text.  The finding points at the first
body paragraph; the figures are in the `metrics` output of every file.
""",
    bad_example=(
        "Notwithstanding considerable institutional reluctance, the administration's "
        "comprehensive reconsideration of intergovernmental appropriations "
        "necessitated unprecedented consultations with municipalities..."
    ),
    good_example=(
        "The city had not wanted to do it. But the new budget plan meant talks with "
        "every town in the county, and those talks start next week."
    ),
    check=check_reading_ease,
    severity=Severity.INFO,
    options={
        "min-reading-ease": Option(30.0, "Report articles scoring below this (0–100+)."),
        "min-words": _MIN_WORDS_OPTION,
        "language": _LANGUAGE_OPTION,
    },
)

GRADE_LEVEL = Rule(
    code="RD002",
    name="high-grade-level",
    summary="The article's Flesch–Kincaid grade level is above the desk's maximum.",
    explanation=f"""
## What it does
Computes the Flesch–Kincaid grade level of the article body,
0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59,
and reports it when it exceeds `max-grade`.

## Why is this bad?
The grade is the US school year a reader needs to follow the text on first
reading.  Wire-service guidance is to write general news for about grade
8–10.  The default maximum, 16 (past a four-year degree), flags only copy far
beyond that target: the median of real published news in the development
corpus is ~11.7.  Set `max-grade = 10` to enforce the wire target.
{_LANGUAGE_NOTE}
Severity is info, as for RD001.
""",
    bad_example=(
        "The committee's determination, communicated subsequent to extensive "
        "deliberations involving numerous stakeholders representing heterogeneous "
        "constituencies, was characterized as provisional."
    ),
    good_example=(
        "The committee made its choice after long talks with many groups. It called "
        "the decision provisional."
    ),
    check=check_grade_level,
    severity=Severity.INFO,
    options={
        "max-grade": Option(16.0, "Report articles whose grade level is above this."),
        "min-words": _MIN_WORDS_OPTION,
        "language": _LANGUAGE_OPTION,
    },
)

LONG_SENTENCE = Rule(
    code="RD003",
    name="long-sentence",
    summary="A sentence has more words than the limit.",
    explanation=f"""
## What it does
Counts the words (whitespace-delimited tokens holding a letter or a digit, not
characters) of every body sentence and reports sentences longer than
`max-words`.  Quoted speech that the sentence splitter keeps whole ("We
started. However, ...") is counted sentence by sentence.

## Why is this bad?
Comprehension drops sharply past 25–30 words; news style guides advise one
idea per sentence and an average under 20 words.  The default limit, 45, is
where a sentence is long by any newsroom's standard: on the development corpus
40 would flag more than half of the clean articles (30 of 55), 45 flags 19,
50 flags 13.
{_LANGUAGE_NOTE}
""",
    bad_example=(
        "The mayor, who had earlier told reporters that the council would not meet "
        "again before the budget deadline and that any changes to the transit plan "
        "would have to wait until after the election, said on Tuesday that she had "
        "changed her mind after talking to residents, business owners and the heads "
        "of the two unions that run the city's buses."
    ),
    good_example=(
        "The mayor changed her mind on Tuesday. She had said the council would not "
        "meet again before the budget deadline. Talks with residents, business owners "
        "and the bus unions persuaded her otherwise."
    ),
    check=check_long_sentence,
    severity=Severity.INFO,
    options={
        "max-words": Option(45, "Report sentences with more words than this."),
        "language": _LANGUAGE_OPTION,
    },
)

LONG_PARAGRAPH = Rule(
    code="RD004",
    name="long-paragraph",
    summary="A paragraph has more sentences or words than the limit.",
    explanation=f"""
## What it does
Reports body paragraphs with more than `max-sentences` sentences or more than
`max-words` words (set either to 0 to turn that check off).

## Why is this bad?
News paragraphs are short (one to three sentences is the wire norm) because
readers scan, and on a phone a 150-word paragraph fills the screen.  The
defaults, 6 sentences or 150 words, flag only blocks far past that norm.
{_LANGUAGE_NOTE}
""",
    bad_example=(
        "The council met. It discussed the budget. Then it discussed buses. Then "
        "trains. Members argued. The mayor left. A vote was taken. It failed."
    ),
    good_example=(
        "The council met to discuss the budget and transit.\n\n"
        "Members argued, and the mayor left before the vote, which failed."
    ),
    check=check_long_paragraph,
    severity=Severity.INFO,
    options={
        "max-sentences": Option(6, "Report paragraphs with more sentences than this (0: off)."),
        "max-words": Option(150, "Report paragraphs with more words than this (0: off)."),
        "language": _LANGUAGE_OPTION,
    },
)

RULES: tuple[Rule, ...] = (READING_EASE, GRADE_LEVEL, LONG_SENTENCE, LONG_PARAGRAPH)
