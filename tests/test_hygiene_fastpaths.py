"""Shortcuts of the TX rules answer exactly like the plain computations they replace.

Each test states the slow formulation (the code the shortcut replaced) and
compares on random and non-ASCII texts, so a later edit that breaks an
equivalence fails here rather than changing a report.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lintnews.plugins.hygiene.rules import (
    _CASE_SPECIAL,
    _MOJIBAKE_HINT,
    _MOJIBAKE_LEADS,
    _PROSE,
    _STOPS,
    REPEATED,
    _doubled,
    _duplicate_key,
    _hint_at_leads,
    _lowered_for,
    _may_end_in_stray_word,
    _needle_occurrences,
    _placeholder_hint,
    _repeat_pattern,
)
from lintnews.plugins.hygiene.text import INVISIBLE, has_words, words
from lintnews.plugins.quotes.scan import joined_text

from lintnews.article import Article
from lintnews.testing import read_article

_PIECES = [
    "the", "The", "THE", "a", "A", "an", "and", "its", "this", "thıs", "İts", "ſhould", "should",
    "Kan", "\u212aan", "can", "aba", "Africa", "É", "THÉ", "banana", " ", " ", " ", "  ",
    "\t", "\n", "\n\n", "\n\n",
    ".", ",", "“", "”", '"', "’", "é", "ß", "Σ", "ς", "ﬁ", "\u200b", "\ufeff", "\u00a0", "\u2028",
    "\x1c", "\u3000", "*", "_", "x_y", "[a](u)", "&amp;", "5",
]  # fmt: skip


_WORDS = ["the", "The", "a", "A", "an", "its", "İts", "thıs", "this", "aba", "Aba", "ſhould",
          "should", "Kan", "can", "Africa", "and", "é", "ab"]  # fmt: skip
_GAPS = [" "] * 8 + ["  ", "\t", ", ", ". ", "\n", "\u00a0", "_", "-", "“"]


def _random_words(rng: random.Random) -> str:
    """Words from a small pool, mostly one space apart: doubles are common."""
    return "".join(rng.choice(_WORDS) + rng.choice(_GAPS) for _ in range(rng.randint(1, 12)))


def _random_text(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return _random_words(rng)
    if rng.random() < 0.5:
        return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
    return "".join(
        chr(rng.choice([rng.randint(32, 126), rng.randint(0xA0, 0x3000), 0x20, 0x9, 0x130, 0x212A]))
        for _ in range(rng.randint(0, 40))
    )


@pytest.mark.parametrize("seed", range(3))
def test_duplicate_key_is_the_normalised_casefolded_text(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(20000):
        text = _random_text(rng)
        assert _duplicate_key(text) == " ".join(text.split()).strip(INVISIBLE).casefold(), text


def test_casefold_keeps_the_duplicate_shape() -> None:
    """TX003 compares keys only of paragraphs with equal numbers of spaces,
    commas and full stops, and measures length before casefolding: no
    character folds to one of those three or to nothing."""
    for c in map(chr, range(0x110000)):
        folded = c.casefold()
        assert folded
        if c not in " ,.":
            assert not any(x in folded for x in " ,."), hex(ord(c))


def test_isprintable_rules_out_every_whitespace_but_the_space() -> None:
    # _duplicate_key skips str.split() on printable texts without double spaces
    for c in map(chr, range(0x110000)):
        if c.isspace() and c != " ":
            assert not c.isprintable(), hex(ord(c))


def test_case_special_lists_every_non_ascii_ignorecase_equivalent() -> None:
    """TX007's shortcut assumes: IGNORECASE matches an ASCII letter only to
    its two cases and _CASE_SPECIAL; lowering changes no length but İ's and
    never turns a non-word character into a word character."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    word = re.compile(r"\w")
    found = set()
    for c in map(chr, range(0x80, 0x110000)):
        if letter.match(c):
            found.add(c)
        lowered = c.lower()
        assert len(lowered) == 1 or c == "\u0130"
        if not word.match(c):
            assert not word.search(lowered), hex(ord(c))
        elif len(lowered) == 1:  # and a word character stays one (_lowered_for)
            assert word.match(lowered), hex(ord(c))
    assert found == set(_CASE_SPECIAL)


def _plain_repeats(article: Article, words: list[str]) -> Iterator[tuple[int, int, str]]:
    """TX007 without shortcuts: the pattern on every paragraph holding "w w".

    (When the source holds none, nothing is reported: the rule's first test.)
    """
    doubled, needles = _doubled(tuple(words))
    pattern = _repeat_pattern(doubled)
    if not any(n in article.source.lower() for n in needles):
        return
    for p in article.paragraphs:
        if p.kind not in _PROSE and p.kind not in {"list-item", "heading"}:
            continue
        if any(n in p.text.lower() for n in needles):
            for m in pattern.finditer(p.text):
                span = p.span_of(m.start(), m.end())
                yield span.start, span.end, m.group()


@pytest.mark.parametrize("seed", range(3))
def test_repeated_word_shortcuts_report_like_the_plain_scan(seed: int) -> None:
    rng = random.Random(seed)
    lists = [
        list(REPEATED.options["words"].default),
        ["the", "a", "an", "aba"],  # "a" borders "aba"
        ["a a", "the"],  # a space: no doubling scan
        ["its", "should", "can", "this"],  # letters with non-ASCII case partners
    ]
    fired = 0
    for _ in range(1500):
        body = "\n\n".join(_random_text(rng) for _ in range(rng.randint(1, 6)))
        fmt = rng.choice(["text", "markdown"])
        article = read_article(body, fmt, "a.md" if fmt == "markdown" else "a.txt")
        words = rng.choice(lists)
        found = [
            (d.span.start, d.span.end, d.message)
            for d in REPEATED.check(article, {"words": words}) or ()
        ]
        plain = [(s, e, f"Word repeated: {g!r}; delete one copy.") for s, e, g in
                 _plain_repeats(article, words)]  # fmt: skip
        assert found == plain, (body, words)
        fired += bool(found)
    assert fired > 50


def _plain_may_end_in_stray_word(text: str) -> bool:
    """The test before it looked at the last 64 characters only."""
    t = text.rstrip()
    while t.endswith("\u200b"):
        t = t.rstrip("\u200b").rstrip()
    if not t.endswith(_STOPS):
        return False
    parts = t[:-1].rsplit(None, 1)
    return len(parts) == 2 and parts[0].rstrip('"”’»)').endswith((*_STOPS, "…"))


@pytest.mark.parametrize("seed", range(3))
def test_stray_word_gate_reads_the_tail_like_the_whole_text(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["word", "a", " ", " ", "\t", ".", "!", "?", "…", ")", '"', "”", "’", "»", "\u200b"]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.3:
            text = rng.choice(["", "x", "x "]) + ")" * rng.randint(60, 70) + " y."
        assert _may_end_in_stray_word(text) is _plain_may_end_in_stray_word(text), text


@pytest.mark.parametrize("seed", range(3))
def test_mojibake_hint_matches_where_the_plain_alternation_does(seed: int) -> None:
    plain = re.compile(r"[ÃÂÐÑÅ][\u0080-\u00ff\u0152-\u02dc\u2013-\u2122]|â€|ï¿½|\ufffd")
    rng = random.Random(seed)
    pieces = list("ÃÂÐÑÅâï€¿½\ufffd©\u0080\u00ff\u0152\u02dc\u02dd\u2013\u2122\u2123a éЯ")
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        a, b = plain.search(text), _MOJIBAKE_HINT.search(text)
        assert (a and a.start()) == (b and b.start()), text
        # TX004's per-text gate: the hint tried at each leading character
        leads = tuple(c for c in _MOJIBAKE_LEADS if c in text)
        for given in (leads, _MOJIBAKE_LEADS):
            assert _hint_at_leads(text, given) is (b is not None), text


@pytest.mark.parametrize("seed", range(3))
def test_ascii_lowering_finds_the_same_occurrences(seed: int) -> None:
    rng = random.Random(seed)
    lists = [
        tuple(REPEATED.options["words"].default), ("the", "a", "aba"), ("é", "the"), ("a?", "the")
    ]  # fmt: skip
    for _ in range(20000):
        text = _random_text(rng)
        words = rng.choice(lists)
        (fast, bounds), full = _lowered_for(text, words), text.lower()
        assert len(fast) == len(full) or fast == full
        assert len(bounds) == len(fast)
        found = _needle_occurrences(fast, words)
        assert found == _needle_occurrences(full, words), text
        assert {fast[s:e] for s, e in found} == {full[s:e] for s, e in found}
        word = re.compile(r"\w")
        if len(fast) == len(full):
            for s, e in found:
                for k in (s - 1, e):
                    if 0 <= k < len(fast):
                        assert bool(word.match(bounds, k)) == bool(word.match(full, k)), text


@pytest.mark.parametrize("seed", range(3))
def test_has_words_counts_like_the_word_list(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["a", "B", "5", "_", "’", "'", "-", " ", ".", "é", "Я", "\u200b", "x_y", "-z"]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        count = rng.randint(-1, 6)
        assert has_words(text, count) is (len(words(text)) >= count), (text, count)


# --------------------------------------------------------------- gates (TX004-TX006)

_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_HINT_PIECES = [
    "[", "]", "X", "XX", "x", "T", "K", "k", "TK", "Tk", "tK", "orem", "lorem", "Lorem", "LOREM",
    "LoReM", "OREM", "l", "L", "o", "re", "m", " ", "\n", "é", "’", "Я", "\u0130", "\u212a", "ẞ",
]  # fmt: skip


def _plain_placeholder_hint(text: str) -> bool:
    """TX006's gate as seven substring tests (before the one-character shortcuts)."""
    return any(h in text for h in ("[", "XX", "TK", "Tk", "lorem", "Lorem", "LOREM"))


def _corpus_texts(limit: int = 400) -> list[str]:
    if not _CORPUS.is_dir():
        return []
    paths = sorted(_CORPUS.rglob("*.txt")) + sorted(_CORPUS.rglob("*.md"))
    return [p.read_text("utf-8", errors="replace") for p in paths[:limit]]


@pytest.mark.parametrize("seed", range(3))
def test_placeholder_hint_answers_like_the_seven_substring_tests(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40000):
        if rng.random() < 0.5:
            text = "".join(rng.choice(_HINT_PIECES) for _ in range(rng.randint(0, 12)))
        else:
            text = _random_text(rng)
        assert _placeholder_hint(text) is _plain_placeholder_hint(text), text


def test_placeholder_hint_on_corpus_lines() -> None:
    """Every line, and every 40-character window, of the shared corpus."""
    checked = 0
    for source in _corpus_texts():
        for line in source.splitlines():
            for piece in (line, *(line[i : i + 40] for i in range(0, len(line), 17))):
                assert _placeholder_hint(piece) is _plain_placeholder_hint(piece), piece
                checked += 1
    assert checked > 10000 or not _CORPUS.is_dir()


def test_mojibake_leads_start_every_hint_match() -> None:
    """TX004's article test looks for the leading characters alone: the hint
    pattern is one character class followed by a group, and that class
    matches exactly the leading characters."""
    pattern = _MOJIBAKE_HINT.pattern
    assert pattern.startswith("[") and pattern[pattern.index("]") + 1 :].startswith("(?:")
    lead = re.compile(pattern[: pattern.index("]") + 1])
    for c in map(chr, range(0x110000)):
        assert bool(lead.match(c)) is (c in _MOJIBAKE_LEADS), hex(ord(c))


_GATE_PIECES = [
    *_PIECES, "Ã©", "Ã", "â€™", "â€", "ï¿½", "\ufffd", "Â ", "Ð", "Ñ", "Å", "&amp;", "&nbsp;",
    "&#8217;", "&", "<p>", "</div>", "<br/>", "<", "a < b", "[TK]", "[INSERT NAME]", "TKTK",
    "TK TK", "$XX", "XX%", "lorem ipsum", "Lorem Ipsum", "[", "# ", "> ", "`", "```\n", "- ",
    "[a](http://x)", "**", "\n\n",
]  # fmt: skip


_PATHS = {"text": "a.txt", "markdown": "a.md", "html": "a.html"}


def _always(_: Article) -> str:
    """A joined text that passes every article test: the rules' per-text path."""
    return "ÃÂÐÑÅâï\ufffd&<[XXTKTkloremLoremLOREM"


@pytest.mark.parametrize("seed", range(3))
def test_article_gates_report_like_the_per_text_tests(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TX004-TX006 with their joined-text tests equal the rules without them."""
    from lintnews.plugins.hygiene import rules

    rng = random.Random(seed)
    articles = []
    for _ in range(500):
        body = "".join(rng.choice(_GATE_PIECES) for _ in range(rng.randint(0, 60)))
        fmt = rng.choice(["text", "markdown", "html"])
        if fmt == "html":
            body = f"<html><body><h1>{body[:20]}</h1><p>{body}</p></body></html>"
        articles.append(read_article(body, fmt, _PATHS[fmt]))
    if seed == 0:
        articles += [read_article(s[:4000]) for s in _corpus_texts(150)]
    checks = [rules.MOJIBAKE, rules.HTML_LEFTOVER, rules.PLACEHOLDER]

    def run() -> list[list[tuple[int, int, str]]]:
        return [
            [(d.span.start, d.span.end, d.message) for d in rule.check(a, {}) or ()]
            for a in articles
            for rule in checks
        ]

    fast = run()
    monkeypatch.setattr(rules, "joined_text", _always)
    monkeypatch.setattr(rules, "paragraphs_holding", lambda a, chars: range(len(a.paragraphs)))
    assert fast == run()
    assert sum(map(bool, fast)) > 50


@pytest.mark.parametrize("seed", range(2))
def test_holding_finds_the_paragraphs_holding_a_character(seed: int) -> None:
    """TX004/TX005 read only the paragraphs paragraphs_holding finds: exactly those
    holding one (QT002 too, with its needles: tests/test_quotes_fastpaths.py)."""
    from lintnews.plugins.hygiene.rules import _MOJIBAKE_LEADS
    from lintnews.plugins.quotes.scan import paragraphs_holding

    rng = random.Random(seed)
    for _ in range(3000):
        paras = [
            "".join(rng.choice(_GATE_PIECES) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(1, 6))
        ]
        source = "\n\n".join(paras)
        if rng.random() < 0.5:
            source = "Ã headline & <b>\n\n" + source
        article = read_article(source, "markdown", "a.md")
        for chars in (_MOJIBAKE_LEADS, ("&", "<"), ("Ã",), ("â€", "&amp;"), ()):
            expected = [
                i for i, p in enumerate(article.paragraphs) if any(c in p.text for c in chars)
            ]
            assert paragraphs_holding(article, chars) == expected, (source, chars)


def test_joined_text_holds_every_text_for_the_current_article_only() -> None:
    a = read_article("Title here\n\nFirst paragraph.\n\nSecond one.")
    b = read_article("Other\n\nText.")
    ja = joined_text(a)
    assert all(p.text in ja for p in a.paragraphs)
    assert a.headline is not None and a.headline.text in ja
    assert joined_text(b) != ja and joined_text(a) == ja


def test_doubling_scan_pattern_is_the_same_in_every_process() -> None:
    """The TX007 scan pattern must not depend on set order (hash randomisation).

    Its text is the key of the compiled-regex store: a pattern that changed
    from one process to the next missed the store on every run (a regex
    compile per start-up) and left one more file in it each time.
    """
    import os
    import subprocess
    import sys

    script = (
        "from lintnews.plugins.hygiene import rules as r\n"
        "d, _ = r._doubled(tuple(r.data()['repeated']['words']))\n"
        "print(r._doubling_scan(d).pattern)\n"
    )
    patterns = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(patterns) == 1
    assert next(iter(patterns)).startswith(" (?:")


# --- paragraph candidates (TX001, TX002, TX003): the rules with their
# article-level candidate searches report exactly what they report when every
# paragraph is a candidate.

_PARA_PIECES = [
    "word", "Word", "said", "he", "the", "a", "of", "and", "etc", "iPhone", "www.x.com",
    "de", "Hamilton", "É", "é", "Я", "я", "Ω", "中", "ǅ", "ⓐ", "1", "_",
    " ", " ", " ", " ", "  ", "\t", "\n", "\u200b", "\ufeff", "\u00a0", "\u2028",
    ".", ". ", "? ", "!", "…", ":", ";", ",", '"', "“", "”", "’", "»", ")", "]", "—", "-",
    "#tag", "@x", "🙂", "«",
]  # fmt: skip


def _candidate_articles(rng: random.Random, count: int) -> list[Article]:
    """Articles of short random paragraphs: lower-case starts, stops, marks,
    white space and line breaks inside paragraphs, copies of paragraphs."""
    articles = []
    for _ in range(count):
        paras: list[str] = []
        for _ in range(rng.randint(1, 7)):
            if paras and rng.random() < 0.2:
                para = rng.choice(paras)  # a copy, maybe recased or respaced
                if rng.random() < 0.5:
                    para = rng.choice([para.upper(), para.lower(), para.replace(" ", "  ", 1)])
            else:
                para = "".join(rng.choice(_PARA_PIECES) for _ in range(rng.randint(0, 16)))
                if rng.random() < 0.3:  # long enough for TX003
                    para += " The weather should ease by Thursday morning, allowing crews."
            paras.append(para)
        fmt = rng.choice(["text", "markdown"])
        body = "\n\n".join(paras)
        articles.append(read_article(body, fmt, "a.md" if fmt == "markdown" else "a.txt"))
    return articles


def _reports(rule: Any, articles: list[Article], options: dict[str, Any]) -> list[Any]:
    return [
        [
            (d.span, d.message, d.fix and (d.fix.edits, d.fix.safe))
            for d in rule.check(a, options) or ()
        ]
        for a in articles
    ]


@pytest.mark.parametrize("seed", range(3))
def test_paragraph_candidates_report_like_every_paragraph(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintnews.plugins.hygiene import rules

    rng = random.Random(seed)
    articles = _candidate_articles(rng, 1500)
    if seed == 0:
        articles += [read_article(s) for s in _corpus_texts(200)]
    checks = [
        (rules.SENTENCE_FRAGMENT, {"max-fragment-words": 2}),
        (rules.DUPLICATE, {"min-length": 40, "min-words": 6}),
        (rules.DUPLICATE, {"min-length": 8, "min-words": 2}),
    ]
    fast = [_reports(rule, articles, options) for rule, options in checks]
    monkeypatch.setattr(rules, "_fragment_candidates", lambda a: a.paragraphs)
    monkeypatch.setattr(rules, "_copy_candidates", lambda a, n: None)
    plain = [_reports(rule, articles, options) for rule, options in checks]
    assert fast == plain
    for reports in fast:
        assert sum(map(bool, reports)) > 20


def test_upper_class_holds_capitals_only() -> None:
    """TX001's start search skips letters of _UPPER: none starts a lower-case word."""
    from lintnews.plugins.hygiene.rules import _UPPER

    upper = re.compile(f"[{_UPPER}]")
    for c in map(chr, range(0x110000)):
        if upper.match(c):
            assert c.isupper() or not c.isalnum(), hex(ord(c))


def _plain_starts_mid_sentence(text: str) -> bool:
    """starts_mid_sentence before its first-character test."""
    from lintnews.plugins.hygiene.text import _NAME_PARTICLES, first_word

    start, word = first_word(text)
    core = word.replace("’", "").replace("'", "").replace("-", "")
    if start < 0 or not core.isalpha() or not word.islower():
        return False
    after = text[start + len(word) : start + len(word) + 2]
    if after[:1] in {"/", "@", ":"} or (after[:1] == "." and after[1:2].isalnum()):
        return False
    return word not in _NAME_PARTICLES


def test_starts_mid_sentence_first_character_test() -> None:
    from lintnews.plugins.hygiene.text import starts_mid_sentence

    rng = random.Random(7)
    for _ in range(30000):
        text = "".join(rng.choice(_PARA_PIECES) for _ in range(rng.randint(0, 5)))
        assert starts_mid_sentence(text) is _plain_starts_mid_sentence(text), text
    for c in map(chr, range(0x110000)):
        for text in (c, c + "bc", c + "’s."):
            assert starts_mid_sentence(text) is _plain_starts_mid_sentence(text), hex(ord(c))


@pytest.mark.parametrize("seed", range(3))
def test_paragraph_candidates_hold_every_paragraph_the_first_tests_pass(seed: int) -> None:
    """TX001's candidate searches find every paragraph its first tests let through."""
    from lintnews.plugins.hygiene.rules import _fragment_candidates
    from lintnews.plugins.hygiene.text import starts_mid_sentence

    rng = random.Random(seed)
    checked = 0
    for article in _candidate_articles(rng, 3000):
        fragments = {p.index for p in _fragment_candidates(article)}
        for p in article.paragraphs:
            text = p.text
            if (
                starts_mid_sentence(text.strip(INVISIBLE))
                or starts_mid_sentence(text)
                or _may_end_in_stray_word(text)
            ):
                checked += 1
                assert p.index in fragments, text
    assert checked > 1500


def _plain_truncated(article: Article, min_words: int) -> list[tuple[int, int, str]]:
    """TX002 with its tests in their first order: ruled out first, reason after."""
    from lintnews.plugins.hygiene.rules import _ENDS_TERMINATED, _neighbour, _open_quote_at_end
    from lintnews.plugins.hygiene.text import (
        ends_with_link,
        function_words,
        is_terminated,
        last_word,
        starts_mid_sentence,
    )

    found = []
    for p in article.paragraphs:
        if p.kind not in _PROSE:
            continue
        text = p.text.rstrip(INVISIBLE)
        if text[-1:] in _ENDS_TERMINATED or is_terminated(text) or ends_with_link(text):
            continue
        if not has_words(text, 2):
            continue
        last = last_word(text)
        nxt = _neighbour(article, p, 1)
        reason = ""
        if nxt is not None and nxt.kind in _PROSE and starts_mid_sentence(nxt.text):
            if not is_terminated(nxt.text):
                continue
            reason = "its sentence continues in the next paragraph; join them"
        elif (text.endswith(",") or (last.islower() and last in function_words())) and has_words(
            text, min_words
        ):
            reason = f"it ends on {last!r}, mid-sentence; finish or delete the sentence"
        elif _open_quote_at_end(text) and not (
            nxt is not None and nxt.text.lstrip(INVISIBLE)[:1] in '"“„«'
        ):
            reason = "it stops inside an open quotation; finish or delete the sentence"
        if reason:
            span = p.span_of(text.rfind(last) if last else max(len(text) - 1, 0), len(text))
            found.append((span.start, span.end, f"Paragraph is cut off: {reason}."))
    return found


@pytest.mark.parametrize("seed", range(3))
def test_truncated_reports_like_the_first_order_of_tests(seed: int) -> None:
    from lintnews.plugins.hygiene.rules import TRUNCATED

    rng = random.Random(seed)
    articles = _candidate_articles(rng, 2000)
    if seed == 0:
        articles += [read_article(s) for s in _corpus_texts(200)]
    fired = 0
    for article in articles:
        for min_words in (2, 4):
            found = [
                (d.span.start, d.span.end, d.message)
                for d in TRUNCATED.check(article, {"min-words": min_words}) or ()
            ]
            assert found == _plain_truncated(article, min_words)
            fired += bool(found)
    assert fired > 200


def test_function_word_end_test_rules_out_only_other_last_words() -> None:
    """TX002's _may_end_on_function_word is false only when last_word(text)
    is no lower-case function word (so the word need not be found)."""
    from lintnews.plugins.hygiene.rules import _may_end_on_function_word
    from lintnews.plugins.hygiene.text import function_words, last_word

    fwords = function_words()
    pool = [
        *sorted(fwords), "format", "Of", "OF", "theme", "x-", "-", "_", "’", "'", "1", "²",
        "Ⅻ", "\u0660", "Ü", "ß", "ǅ", "中", " ", " ", " ", ",", ".", "\u200b", "🙂",
        "de", "a", "e", "o", "и", "и", "_", "-", "’", "'", "x", "5",
    ]  # fmt: skip
    rng = random.Random(11)
    ruled_out = 0
    for _ in range(100_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.1:
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(20, 40)))
        if not _may_end_on_function_word(text):
            last = last_word(text)
            assert not (last.islower() and last in fwords), text
            ruled_out += 1
    assert ruled_out > 3000
    for c in map(chr, range(0x110000)):
        for text in ("of" + c, c + "of", "x " + c + "de", c + "и"):
            if not _may_end_on_function_word(text):
                last = last_word(text)
                assert not (last.islower() and last in fwords), hex(ord(c))
    assert max(map(len, fwords)) < 79  # the character before one is in last_word's window


@pytest.mark.parametrize("seed", range(2))
def test_lower_starts_hold_every_paragraph_starting_mid_sentence(seed: int) -> None:
    """TX002 looks a paragraph's successor up in _lower_starts before starts_mid_sentence."""
    from lintnews.plugins.hygiene.rules import _lower_starts
    from lintnews.plugins.hygiene.text import starts_mid_sentence

    rng = random.Random(seed)
    found = 0
    for article in _candidate_articles(rng, 3000):
        lower = _lower_starts(article)
        for i, p in enumerate(article.paragraphs):
            if starts_mid_sentence(p.text):
                found += 1
                assert i in lower, p.text
    assert found > 1000


_MARK_PIECES = [
    "word", "Word", " ", "  ", "\t", "\n", "\u200b", ".", ",", "é", "5",
    '"', "“", "”", "„", "«", "»", "「", "」", "『", "』", "’", "'", "‘", "’’", "''", "‘‘",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(2))
def test_may_hold_marks_is_false_only_for_texts_without_marks(seed: int) -> None:
    """TX002 scans a text's quotation marks only when may_hold_marks allows it."""
    from lintnews.plugins.quotes.rules import mark_needles, may_hold_marks
    from lintnews.plugins.quotes.scan import scan_quotes

    rng = random.Random(seed)
    ruled_out = 0
    for _ in range(3000):
        paras = [
            "".join(rng.choice(_MARK_PIECES) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(1, 6))
        ]
        article = read_article("\n\n".join(paras))
        needles = mark_needles(article)
        for p in article.paragraphs:
            for text in (p.text, p.text.rstrip(INVISIBLE)):
                if not may_hold_marks(text, needles):
                    ruled_out += 1
                    assert not scan_quotes(text).marks, text
    assert ruled_out > 1000


# --- TX006: the placeholder pattern starts each alternative with a literal.

_PLAIN_PLACEHOLDER = re.compile(
    r"\bTK(?:\s?TK)+\b"
    r"|\[\s*(?:TK|TBD|TKTK|XX+|(?i:insert|placeholder|to come|add)\b[^\]\n]{0,80})\s*\]"
    r"|\b(?i:lorem ipsum)\b"
    r"|\$XX\b|\bXX(?:,XXX)*%"
)
_PLACEHOLDER_PIECES = [
    "TK", "Tk", "TKTK", "TBD", "T", "K", " ", " ", " ", "\t", "\n", "[", "]", "[ ", " ]", "XX",
    "X", ",XXX", "%", "$", "insert", "INSERT", "Insert", "placeholder", "to come", "add",
    "lorem ipsum", "Lorem Ipsum", "LOREM IPSUM", "lorem", "ipsum", "a", "_", "5", "é", "İ",
    "ı", "\u212a", "ſ", "word", "quote", "-",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_placeholder_pattern_matches_like_the_plain_pattern(seed: int) -> None:
    from lintnews.plugins.hygiene.rules import _PLACEHOLDER

    rng = random.Random(seed)
    matched = 0
    for _ in range(40000):
        text = "".join(rng.choice(_PLACEHOLDER_PIECES) for _ in range(rng.randint(0, 20)))
        found = [(m.span(), m.group()) for m in _PLACEHOLDER.finditer(text)]
        assert found == [(m.span(), m.group()) for m in _PLAIN_PLACEHOLDER.finditer(text)], text
        matched += bool(found)
    assert matched > 3000
    if seed == 0:
        for text in _corpus_texts():
            assert [m.span() for m in _PLACEHOLDER.finditer(text)] == [
                m.span() for m in _PLAIN_PLACEHOLDER.finditer(text)
            ]


def test_placeholder_lead_letters_match_only_themselves() -> None:
    """(?i:l) matches L and l only: the pattern's two literal leads cover it."""
    lead = re.compile("(?i:l)")
    assert [c for c in map(chr, range(0x110000)) if lead.match(c)] == ["L", "l"]


@pytest.mark.parametrize("seed", range(2))
def test_stray_end_search_matches_the_backtracking_pattern(seed: int) -> None:
    """TX001's reversed end search takes the last token whole: same matches."""
    from lintnews.plugins.hygiene.rules import _STRAY_END_REVERSED

    plain = re.compile(r"\n(?=(?:\s|\u200b)*[.!?]\s*\S+\s+[\"”’»)]*[.!?…])")
    pieces = [*_PARA_PIECES, "\n", "\n", ".", ". ", " .", "!", "?", "…", "”", ")", "x"]
    rng = random.Random(seed)
    matched = 0
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        if rng.random() < 0.5:  # the shape searched for, often nearly
            text += rng.choice([".", "…", "!", ","]) + rng.choice(["", "”", ")", "”)"])
            text += rng.choice([" ", "  ", "\n", ""]) + rng.choice(["word", "x", "é", "a.b", ""])
            text += rng.choice([".", " .", "!", "?", ""]) + rng.choice(["", " ", "\u200b", "\n"])
        text = ("\n" + text)[::-1] if rng.random() < 0.7 else "\n" + text
        end = rng.randint(0, len(text)) if rng.random() < 0.2 else len(text)
        found = [m.start() for m in _STRAY_END_REVERSED.finditer(text, 0, end)]
        assert found == [m.start() for m in plain.finditer(text, 0, end)], text
        matched += bool(found)
    assert matched > 2000


@pytest.mark.parametrize("seed", range(2))
def test_lower_starts_from_qt001_starts_equal_the_plain_search(seed: int) -> None:
    """TX001's _lower_starts tests QT001's matched starts when QT001 has
    searched the article: the same set as searching every "\\n"."""
    from lintnews.plugins.hygiene import rules
    from lintnews.plugins.quotes import rules as quotes_rules
    from lintnews.plugins.quotes.rules import ORPHANED, candidate_starts
    from lintnews.plugins.quotes.scan import line_text, paragraph_ends

    rng = random.Random(seed)
    articles = _candidate_articles(rng, 3000)
    if seed == 0:
        articles += [read_article(s) for s in _corpus_texts(200)]
    nonempty = 0
    for article in articles:
        lines = line_text(article)
        plain = frozenset()
        if lines is not None:
            ends = paragraph_ends(article)
            plain = frozenset(
                bisect_right(ends, m.start())
                for m in rules._LOWER_START.finditer(lines, 0, len(lines) - 1)
            )
        rules._lower.clear()
        quotes_rules._starts.clear()
        alone = rules._lower_starts(article)  # QT001 has not searched it
        list(ORPHANED.check(article, {"max-tail-words": 8}))
        assert lines is None or candidate_starts(article) is not None
        rules._lower.clear()
        assert rules._lower_starts(article) == plain == alone, lines
        nonempty += bool(plain)
    assert nonempty > 1000
