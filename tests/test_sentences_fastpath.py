"""The segmenter shortcut in ``split_sentences`` must give sentencex's answer.

``split_sentences`` skips sentencex for one-sentence ASCII English text; these
tests compare it with a direct use of the segmenter on corpus paragraphs and
on random strings built from the characters the shortcut has to judge.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import sentencex

from lintnews.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _reference(text: str) -> list[tuple[int, int]]:
    """Sentence ranges straight from sentencex (the pre-shortcut algorithm)."""
    ranges = []
    pos = 0
    for segment in sentencex.segment("en", text):
        idx = text.find(segment, pos)
        if idx == -1:
            continue
        start, end = idx, idx + len(segment)
        pos = end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            ranges.append((start, end))
    return ranges


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the vote would go ahead",
        "Officials said the vote would go ahead.",
        "Will the vote go ahead?!",
        "  The U.S. said so.",
        'He said: "It\'s over."',
        "It is over.)",
        "One line\nand another",
        "Two sentences. Here they are.",
        "Costs rose 3.5% in May",
        "Wait...",
        "",
        "   ",
    ],
)
def test_examples_match_sentencex(text: str) -> None:
    assert split_sentences(text) == _reference(text)


def test_random_strings_match_sentencex() -> None:
    rnd = random.Random(6)
    alphabet = [*"abc XY,;:'\"()-.!?$%\t0123456789[]<>*#&_/ ", "Mr", "U", "Jan", " the "]
    for _ in range(20_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 25)))
        assert split_sentences(text) == _reference(text), text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_corpus_paragraphs_match_sentencex() -> None:
    checked = 0
    for path in sorted(CORPUS.rglob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
            if block.strip():
                assert split_sentences(block) == _reference(block), block[:80]
                checked += 1
    assert checked > 1000
