"""Shortcuts of the quotation scan and the QT rules answer like the plain code.

Random texts are dense in quotation marks, apostrophes and attribution
words, so every branch of the pairing stack and of the attribution patterns
is reached.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from lintnews.plugins.quotes.rules import (
    _DOUBLE_MARKS,
    _SINGLE_MARKS,
    UNBALANCED,
    _data,
    _orphan_match,
    _patterns,
    _speaker_only,
)
from lintnews.plugins.quotes.scan import _MARKS, _pair_marks, opens_with_quote, scan_quotes

from lintnews.article import Article
from lintnews.testing import read_article

_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

_PLAIN_MARKS = re.compile(r"[\"“”„«»「」『』]|’’|''|‘‘")
_PIECES = [
    "“", "”", '"', "„", "«", "»", "「", "」", "『", "』", "’", "'", "‘", "’’", "''", "‘‘",
    " ", " ", " ", "a", "Word", "5", ".", ",", ":", "(", "—", "\t", "é", "\u200b", "\n",
]  # fmt: skip
_ATTRIBUTION = [
    "He", "he", "She", "They", "It", "Hamilton", "Daniel", "Russell", "The", "the", "spokesperson",
    "said", "told", "added", "says", "according", "to", "reporters", "in", "a", "statement",
    "Nov.", "18", "that", "who", "was", "“", "”", '"', "’", ",", ".", ":", "!", "?", "  ", "\t",
    "U.S.", "O’Neil", "Jean-Luc", "ſaid", "ИТАР", "İt", "ſhe", "—", "5", "%", "»", "„",
    "\u200b", "Kelvin", "I",
]  # fmt: skip


def _random(rng: random.Random, pieces: list[str], sep: str = "") -> str:
    return sep.join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))


@pytest.mark.parametrize("seed", range(3))
def test_marks_pattern_finds_what_the_plain_alternation_finds(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(20000):
        text = _random(rng, _PIECES)
        found = [m.span() for m in _MARKS.finditer(text)]
        assert found == [m.span() for m in _PLAIN_MARKS.finditer(text)], text


@pytest.mark.parametrize("seed", range(3))
def test_scan_shortcuts_answer_like_the_stack(seed: int) -> None:
    rng = random.Random(seed)
    curly = ["“", "”", "Word ", " ", "’s", "a"]
    straight = ['"', '"', "Word", " ", "5", "(", ",", "’s", "'", "é"]
    for _ in range(30000):
        pieces = rng.choice([curly, straight, [*curly, *straight], _PIECES])
        text = _random(rng, pieces)
        assert scan_quotes(text) == _pair_marks(text), text


@pytest.mark.parametrize("seed", range(3))
def test_speaker_rules_out_pronoun_and_name(seed: int) -> None:
    """What the shortcut in _orphan_match relies on."""
    rng = random.Random(seed)
    pats = _patterns()
    pronouns = list(_data()["pronouns"])
    checked = 0
    for _ in range(20000):
        words = _ATTRIBUTION + pronouns if rng.random() < 0.5 else _ATTRIBUTION
        text = _random(rng, words, rng.choice([" ", " ", "\t", ""]))
        if not pats["speaker"].match(text):
            assert not pats["pronoun"].match(text) and not pats["name"].match(text), text
            if _speaker_only(text):
                checked += 1
                assert _orphan_match(text, 8) is None
        else:
            checked += 1
    assert checked > 3000


def _plain_unbalanced(article: Article, report_stray: bool) -> list[tuple[int, int]]:
    """QT002 without its first tests: every paragraph but code is scanned."""
    found = []
    paras = article.paragraphs
    for p in paras:
        if "code" in p.kind:
            continue
        scan = scan_quotes(p.text)
        if scan.unclosed:
            nxt = paras[p.index + 1] if p.index + 1 < len(paras) else None
            if nxt is not None and opens_with_quote(nxt.text):
                continue
            found.append(p.span_of(scan.unclosed[0][0], scan.unclosed[0][0] + 1))
        elif report_stray and scan.stray:
            found.append(p.span_of(scan.stray[0], scan.stray[0] + 1))
    return [(s.start, s.end) for s in found]


def test_mark_needles_cover_every_mark() -> None:
    """A _MARKS match is a double mark, or a single mark doubled: the pattern's
    leading class holds exactly those characters, and a single mark matches
    only before its twin."""
    # _PLAIN_MARKS (which _MARKS equals, tests above) spelt from the two lists
    doubles = "".join(_DOUBLE_MARKS).replace('"', '\\"')
    assert _PLAIN_MARKS.pattern == f"[{doubles}]|" + "|".join(m + m for m in _SINGLE_MARKS)
    pattern = _MARKS.pattern
    lead = re.compile(pattern[: pattern.index("]") + 1])
    for c in map(chr, range(0x110000)):
        assert bool(lead.match(c)) is (c in _DOUBLE_MARKS or c in _SINGLE_MARKS), hex(ord(c))
    for c in map(chr, range(0x10000)):
        for single in _SINGLE_MARKS:
            assert bool(_MARKS.match(single + c)) is (c == single), (single, hex(ord(c)))


@pytest.mark.parametrize("seed", range(3))
def test_unbalanced_reports_like_scanning_every_paragraph(seed: int) -> None:
    """QT002's article-level needles (joined texts) skip no paragraph with a mark."""
    rng = random.Random(seed)
    bodies = []
    for _ in range(1500):
        pieces = _PIECES if rng.random() < 0.5 else [*_PIECES, "Word", "’s", "it’s", "é", "Я"] * 3
        bodies.append("\n\n".join(_random(rng, pieces) for _ in range(rng.randint(1, 6))))
    if seed == 0 and _CORPUS.is_dir():
        paths = sorted(_CORPUS.rglob("*.txt"))[:200]
        bodies += [p.read_text("utf-8", errors="replace") for p in paths]
    fired = 0
    for body in bodies:
        fmt = rng.choice(["text", "markdown"])
        article = read_article(body, fmt, "a.md" if fmt == "markdown" else "a.txt")
        for stray in (False, True):
            found = [
                (d.span.start, d.span.end)
                for d in UNBALANCED.check(article, {"report-stray-closing": stray}) or ()
            ]
            assert found == _plain_unbalanced(article, stray), body
            fired += bool(found)
    assert fired > 300


def test_safe_first_characters_leave_only_the_speaker_test() -> None:
    """A paragraph starting with a _SAFE_FIRST character is a QT001 candidate
    only through the speaker pattern: _speaker_only holds for it."""
    from lintnews.plugins.quotes.rules import _SAFE_FIRST

    safe = re.compile(f"[{_SAFE_FIRST}]")
    for c in map(chr, range(0x110000)):
        if safe.match(c):
            assert _speaker_only(c + "x"), hex(ord(c))


_ORPHAN_PIECES = [
    *_ATTRIBUTION, "\n", "\n", " ", " ", "  ", "\ufeff", "\u00a0", "é", "Я", "中", "(", "“", "«",
    "-", "*", "1",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_orphan_candidates_report_like_every_paragraph(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QT001 with its candidate searches equals QT001 testing every paragraph."""
    from lintnews.plugins.quotes import rules

    rng = random.Random(seed)
    articles = []
    for _ in range(1500):
        paras = [
            _random(rng, _ORPHAN_PIECES, rng.choice([" ", " ", ""]))
            + rng.choice(["", ".", ":", " :"])
            for _ in range(rng.randint(1, 6))
        ]
        fmt = rng.choice(["text", "markdown"])
        articles.append(
            read_article("\n\n".join(paras), fmt, f"a.{'md' if fmt == 'markdown' else 'txt'}")
        )
    if seed == 0 and _CORPUS.is_dir():
        paths = sorted(_CORPUS.rglob("*.txt"))[:200]
        articles += [read_article(p.read_text("utf-8", errors="replace")) for p in paths]

    def reports() -> list[list[tuple[int, int, str]]]:
        return [
            [
                (d.span.start, d.span.end, d.message)
                for d in rules.ORPHANED.check(a, {"max-tail-words": 8}) or ()
            ]
            for a in articles
        ]

    fast = reports()
    monkeypatch.setattr(rules, "_orphan_candidates", lambda a: a.paragraphs)
    assert fast == reports()
    assert sum(map(bool, fast)) > 100


@pytest.mark.parametrize("seed", range(3))
def test_orphan_candidates_hold_every_paragraph_the_first_tests_pass(seed: int) -> None:
    from lintnews.plugins.quotes.rules import _orphan_candidates

    rng = random.Random(seed)
    speaker = _patterns()["speaker"]
    checked = 0
    for _ in range(3000):
        paras = [
            _random(rng, _ORPHAN_PIECES, rng.choice([" ", " ", ""]))
            + rng.choice(["", ".", ":", " :"])
            for _ in range(rng.randint(1, 6))
        ]
        article = read_article("\n\n".join(paras))
        found = {p.index for p in _orphan_candidates(article)}
        for p in article.paragraphs:
            text = p.text
            if not _speaker_only(text) or speaker.match(text) or text.rstrip().endswith(":"):
                checked += 1
                assert p.index in found, text
    assert checked > 3000


_CANDIDATE_PIECES = [
    *_ATTRIBUTION, "explained", "continued", "explains", "recalled", "insisted", "tweeted",
    "writes", "stated", "tells", "wrote", "noted", "adds", "saidx", "Saïd", "Mr.", "New", "York",
    "X", "HE", "wE", "yOU", "ı", "Ğ", "\u00a0", "\u2028", "\n", "\n", " ", " ", " ", "‘", "«",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_candidate_guard_finds_what_the_speaker_lookahead_finds(seed: int) -> None:
    """QT001's start search puts a guard before the speaker lookahead: the
    same matches as the unguarded search (lookahead after each "\\n", also
    with the search ending early, as _orphan_candidates ends it)."""
    from lintnews.plugins.quotes.rules import _SAFE_FIRST

    speaker = _patterns()["speaker"].pattern
    plain = re.compile(r"\n(?:(?![" + _SAFE_FIRST + r"])|(?=" + speaker + r"))")
    guarded = _patterns()["candidate"]
    rng = random.Random(seed)
    matched = 0
    for _ in range(40000):
        text = "\n" + _random(rng, _CANDIDATE_PIECES, rng.choice([" ", " ", "", "\n", "  "]))
        text += rng.choice(["", "\n"])
        end = rng.randint(0, len(text)) if rng.random() < 0.2 else len(text)
        found = [m.start() for m in guarded.finditer(text, 0, end)]
        assert found == [m.start() for m in plain.finditer(text, 0, end)], text
        matched += bool(re.match(speaker, text[1:]))
    assert matched > 1500
