"""The segmenter shortcut in ``split_sentences`` must give sentencex's answer.

``split_sentences`` skips sentencex for one-sentence English text (ASCII, or
non-ASCII without a character of ``_BREAK``); these tests compare it with a
direct use of the segmenter on corpus paragraphs and on random strings built
from the characters the shortcut has to judge, and check that a sentencex
panic costs no more than the paragraph.
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


_UNICODE_PIECES = [
    *"abc XY,;:'\"()-.!?0123456789 \n\r",
    *("Mr", "U", "Jan", " the ", "U.S.", "...", "\u2018", "\u2019", "\u201c", "\u201d"),
    *("\u2014", "\u2013", "\u2026", "\u00a0", "\u2009", "\u3000", "\u2028", "\x85", "\x0c"),
    *("\u00e9", "\u0131", "\u0130", "\u043f\u0440\u0438", "\u4e2d\u6587", "\u0301", "\u200b"),
    *("\u2060", "\ufeff", "\U0001f600", "\u00ab", "\u00bb", "\u00bf", "\u00a1", "\uff0c"),
    *("\u3002", "\u061f", "\u0964", "\u203c", "\uff01", "\uff0e", "\u2024", "\ufe52"),
]


def _stop_free(text: str) -> str:
    from lintnews.sentences import _BREAK

    return "".join(ch for ch in text if _BREAK.search(ch) is None)


def test_random_unicode_strings_match_sentencex() -> None:
    """The non-ASCII shortcut: random strings, half with every break removed and
    an ASCII stop run appended (sentencex panics on a few inputs: skipped)."""
    rnd = random.Random(7)
    shortcut = 0
    for _ in range(20_000):
        text = "".join(rnd.choice(_UNICODE_PIECES) for _ in range(rnd.randint(1, 25)))
        if rnd.random() < 0.5:
            text = _stop_free(text) + rnd.choice(["", ".", "?!", "...", ". ", ".\u00a0"])
        try:
            expected = _reference(text)
        except BaseException:  # pyo3 PanicException (a BaseException) inside sentencex
            continue
        got = split_sentences(text)
        assert got == expected, text
        shortcut += not text.isascii() and len(got) == 1
    assert shortcut > 2000


def test_break_class_covers_sentencex_breaks_between_words() -> None:
    """Every 11th code point: one that splits 'Alpha beta<c> Gamma delta' is in the class."""
    from lintnews.sentences import _BREAK

    for cp in range(0, 0x110000, 11):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        text = f"Alpha beta{chr(cp)} Gamma delta"
        if sentencex.segment("en", text) != [text]:
            assert _BREAK.search(chr(cp)), hex(cp)


#: the non-ASCII spaces sentencex 0.x panics on before a full stop (scan of all code points)
PANIC_SPACES = ["\x85", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u2028", "\u2029"]
PANIC_SPACES += ["\u202f", "\u205f", "\u3000"]


@pytest.mark.parametrize(
    "space",
    PANIC_SPACES,
)
def test_a_space_that_panics_sentencex_still_splits(space: str) -> None:
    """sentencex panics on a non-ASCII space before a stop; the split must not."""
    with pytest.raises(BaseException):  # noqa: B017 - pyo3's PanicException is a BaseException
        list(sentencex.segment("en", f"U{space}."))
    text = f"It rained all day{space}. Roads were closed. Schools stayed shut{space}."
    ranges = split_sentences(text)
    assert [text[a:b] for a, b in ranges] == [
        f"It rained all day{space}.",
        "Roads were closed.",
        f"Schools stayed shut{space}.",
    ]


def test_patterns_are_compiled_on_first_use_only() -> None:
    """Importing the splitter and the text reader compiles none of the splitter's
    patterns nor ``_BLOCK_SPLIT`` and ``_BLOCK``; an ASCII article needs none of them; a
    non-ASCII one compiles ``_BREAK`` and ``_PANIC_DOT`` (never ``_PANIC_SPACE``
    without a space before a stop)."""
    import subprocess
    import sys

    code = (
        "import lintnews.readers.text as T, lintnews.sentences as S\n"
        "names = ('_BREAK', '_PANIC_SPACE', '_PANIC_DOT')\n"
        "text = sorted(n for n in ('_BLOCK', '_BLOCK_SPLIT') if n in vars(T))\n"
        "print(sorted(n for n in names if n in vars(S)), text)\n"
        "T.read_text(None, 'Head\\n\\nOne. Two three.\\n\\nFour five')\n"
        "print(sorted(n for n in names if n in vars(S)))\n"
        "T.read_text(None, 'Head\\n\\nOne\\u2019s. Two \\u201cthree\\u201d.'\n"
        "            '\\n\\nFour \\u2014 five')\n"
        "print(sorted(n for n in names if n in vars(S)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[] []", "[]", "['_BREAK', '_PANIC_DOT']"]


def test_lazy_patterns_are_the_patterns_re_compiles() -> None:
    """The lazily built patterns (from ``lintnews.recache``) equal ``re.compile``'s
    (same pattern, flags and code), and the module attributes are the objects the
    splitter searches with."""
    from lintnews import sentences as S
    from lintnews.readers import text as T

    for name in ("_BREAK", "_PANIC_SPACE", "_PANIC_DOT"):
        pattern = getattr(S, name)
        assert pattern == re.compile(pattern.pattern)
        assert getattr(S, name) is pattern
    assert S.break_search().__self__ is S._BREAK
    assert S._panic_dot_search().__self__ is S._PANIC_DOT
    for pattern, source in ((T._BLOCK_SPLIT, T._BLOCK_SPLIT_PATTERN), (T._BLOCK, T._BLOCK.pattern)):
        assert pattern == re.compile(source)
    with pytest.raises(AttributeError):
        S.no_such_name  # noqa: B018
