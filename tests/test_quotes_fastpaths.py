"""Shortcuts of the quotation scan and the QT rules answer like the plain code.

Random texts are dense in quotation marks, apostrophes and attribution
words, so every branch of the pairing stack and of the attribution patterns
is reached.
"""

from __future__ import annotations

import random
import re

import pytest
from lintnews.plugins.quotes.rules import _data, _orphan_match, _patterns, _speaker_only
from lintnews.plugins.quotes.scan import _MARKS, _pair_marks, scan_quotes

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
    for _ in range(20000):
        text = _random(rng, curly if rng.random() < 0.3 else _PIECES)
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
