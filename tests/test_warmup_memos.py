"""The per-word memos a worker fills in its first files give what they gave.

A process learns each new word once: the readability token memo
(``scoring._learn``, syllables from ``syllables.count_syllables``) and the
boilerplate hint bits (``hints._WordBits.__missing__``).  Their learning
paths were written out for speed (fewer calls per new word); the previous
code is kept here and both are run on the shared corpus's tokens and on
random ones (non-ASCII letters and digits, marks, edge punctuation, case
variants): every memo value, every syllable count and every word's bits must
be the same.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import lintnews.plugins.boilerplate.rules  # noqa: F401  (registers the phrase lists' bits)
import pytest
from lintnews.plugins.boilerplate import hints
from lintnews.plugins.readability import scoring
from lintnews.plugins.readability.syllables import (
    cmu_syllables,
    count_syllables,
    hyphenation_syllables,
    normalise,
)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

#: letters, digits and marks the random tokens are made of
_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "'’“”\"()[],.;:!?-—_$%&/"
    "éèüößñçÉİıΣσςжДЖ中文ـ١٢٣\u0301\u00a0²½ⅣＡﬁ"
)


def _corpus_tokens() -> list[str]:
    tokens: set[str] = set()
    if CORPUS.is_dir():
        for path in sorted(CORPUS.rglob("*")):
            if path.suffix in {".txt", ".md"}:
                tokens.update(path.read_text("utf-8", errors="replace").split())
    return sorted(tokens)


def _tokens(rng: random.Random, random_count: int, variant_count: int) -> list[str]:
    """The corpus's tokens, random ones, and case / edge-punctuation variants of
    corpus tokens (and of a few common words, when the corpus is absent)."""
    corpus = _corpus_tokens()
    base = corpus or ["the", "said", "Minister", "2025", "(AP)", "“We", "Delhi."]
    out = list(corpus)
    for _ in range(random_count):
        size = rng.choice((1, 2, 3, 4, 5, 6, 8, 12, 20))
        out.append("".join(rng.choices(_ALPHABET, k=size)))
    for _ in range(variant_count):
        token = rng.choice(base)
        roll = rng.random()
        if roll < 0.3:
            token = token.upper()
        elif roll < 0.5:
            token = token.capitalize()
        elif roll < 0.8:
            lead = rng.choice(("(", "“", '"', "'", "[", ""))
            token = lead + token + rng.choice((",", ".", ")", "”", ";", ":", "'s", "’s", "?", ""))
        out.append(token)
    rng.shuffle(out)
    return out


# ---------------------------------------------------------------- previous code


def _old_count_syllables(word: str) -> int:
    """``count_syllables`` before the CMU lookup was written out in it."""
    if not word:
        return 0
    found = cmu_syllables(word) if word.isascii() else None
    return found if found is not None else hyphenation_syllables(word)


def _old_learn_word(word: str) -> int:
    """``scoring._learn_word`` before it was written out in ``_learn``."""
    count = scoring._word_syllables(word)
    packed = (
        (count & scoring._FIELD)
        | (count >= 3) << scoring._SHIFT_POLY
        | scoring._WORD_BIT
        | (word in scoring.ENGLISH_FUNCTION_WORDS) << scoring._SHIFT_FUNCTION
    )
    packed = scoring._WORD_PACKED[word] = scoring._VALUES.setdefault(packed, packed)
    if count > scoring._max_syllables:
        scoring._max_syllables = count
        scoring._safe_tokens = (scoring._FIELD + 1) // count
    return packed


def _old_learn(parts: Iterable[str]) -> None:
    """``scoring._learn`` before ``_learn_word`` was written out in it."""
    memo = scoring._PACKED
    words = scoring._WORD_PACKED
    for token in set(parts).difference(memo):
        if token.isalnum():
            word = token.lower()
        else:
            core = token.lstrip(scoring._LEADING_EDGE).rstrip(scoring._EDGE_PUNCTUATION)
            if not core.isalnum():
                memo[token] = scoring._learn_other(token)
                continue
            known = memo.get(core)
            if known is not None:
                memo[token] = known
                continue
            word = core.lower()
        packed = words.get(word)
        memo[token] = packed if packed is not None else _old_learn_word(word)


# ------------------------------------------------------------------------ tests


def _learnt(
    learn: Callable[[Iterable[str]], None],
    units: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[dict[str, int], dict[str, int], int, int]:
    monkeypatch.setattr(scoring, "_PACKED", {})
    monkeypatch.setattr(scoring, "_WORD_PACKED", {})
    monkeypatch.setattr(scoring, "_max_syllables", 1)
    monkeypatch.setattr(scoring, "_safe_tokens", scoring._FIELD + 1)
    for unit in units:
        learn(unit)
    return (
        dict(scoring._PACKED),
        dict(scoring._WORD_PACKED),
        scoring._max_syllables,
        scoring._safe_tokens,
    )


def test_learning_equals_the_previous_learning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every token's packed figures, every word's, and the syllable limit the
    sums rely on, after learning the same units with the new and the old code
    (100,000+ tokens in random units of 1-40, as a text's sentences give them,
    some holding a token more than once)."""
    rng = random.Random(61)
    tokens = _tokens(rng, 60_000, 30_000)
    assert len(tokens) >= 100_000 or not CORPUS.is_dir()
    units = []
    start = 0
    while start < len(tokens):
        size = rng.randint(1, 40)
        unit = tokens[start : start + size]
        if rng.random() < 0.3:  # a token met twice in a unit ("the", names)
            unit += rng.choices(unit, k=rng.randint(1, 4))
            rng.shuffle(unit)
        units.append(unit)
        start += size
    new = _learnt(scoring._learn, units, monkeypatch)
    old = _learnt(_old_learn, units, monkeypatch)
    assert new[0] == old[0]
    assert new[1] == old[1]
    assert new[2:] == old[2:]
    # and word by word: the counts of every word the memo learnt, normalised tokens too
    for token in tokens[:40_000]:
        word = normalise(token)
        assert count_syllables(word) == _old_count_syllables(word), word
    for word in ("", "a", "the", "government", "kishidaesque", "2025", "ΟΔΟΣ", "école", "中文"):
        assert count_syllables(word) == _old_count_syllables(word), word


def test_huge_syllable_counts_still_widen_the_sums(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word past the kept figures (``_FIGURES_KEPT``) and a function word take
    the packing path, which lowers the limit of tokens summed in the fields."""
    real = scoring._word_syllables
    counts = {"huge": 70_000, "long": scoring._FIGURES_KEPT}
    monkeypatch.setattr(scoring, "_word_syllables", lambda w: counts.get(w) or real(w))
    for word, count in (("huge", 70_000), ("long", scoring._FIGURES_KEPT), ("the", 1)):
        new = _learnt(scoring._learn, [[word.capitalize(), word, f"({word},"]], monkeypatch)
        old = _learnt(_old_learn, [[word.capitalize(), word, f"({word},"]], monkeypatch)
        assert new == old
        assert new[2] == max(count, 1)


def _words(rng: random.Random) -> list[str]:
    """Lower-cased whitespace-free words: the corpus's, random ones, and the
    shapes the bits test for (digits, prices, units, non-ASCII digits)."""
    words = {token.lower() for token in _tokens(rng, 90_000, 30_000)}
    units = ("p", "cent", "cents", "pence", "euro", "euros", "dollar", "dollars", "pp", "centsx")
    for _ in range(30_000):
        number = rng.choice(("", "5", "10", "١٢", "²", "2024", "$3"))
        tail = rng.choice(("", ".", ",", "x", "s", "é", "_"))
        words.add(rng.choice(("", "(", "$")) + number + rng.choice(units) + tail)
    return sorted(words)


def test_word_bits_equal_the_computed_bits() -> None:
    """``_WordBits`` (its letters-only shortcut) gives ``_word_bits`` of every word."""
    words = _words(random.Random(67))
    assert len(words) >= 100_000 or not CORPUS.is_dir()
    hints._word_bits("x")  # the finder is built
    table = hints._WordBits()
    for word in words:
        assert table[word] == hints._word_bits(word), word
    # before the finder exists, the first word builds it through ``_word_bits``
    hints._finders.clear()
    assert hints._WordBits()["subscribe"] == hints._word_bits("subscribe") != 0


def test_markdown_parser_writes_no_store_entry_per_process(tmp_path: Path) -> None:
    """A warm store serves every pattern the Markdown parser needs, whatever
    the process's hash seed: no new entry (markdown-it's inline terminator
    class, a frozenset joined in hash order, was one in every process)."""
    code = """if True:
        import os
        from lintnews import recache
        from lintnews.readers import markdown
        md = markdown._parser()
        assert md.render("*a* <b>x</b> `c` [d](e)") == (
            '<p><em>a</em> <b>x</b> <code>c</code> <a href="e">d</a></p>\\n'
        )
        store = recache._store()
        print(len(os.listdir(store)) if store else -1)
    """
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LINTNEWS_NO_REGEX_CACHE", None)
    counts = []
    for seed in ("1", "2", "3"):
        run = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**env, "PYTHONHASHSEED": seed},
        )
        assert run.returncode == 0, run.stderr
        counts.append(int(run.stdout))
    if counts[0] < 0:
        pytest.skip("no compiled-regex store here")
    assert counts[0] > 0
    assert counts[1] == counts[2] == counts[0]
