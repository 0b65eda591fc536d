"""PW prefix tests by first character (``phrases.first_chars``).

``text.startswith(starts, i)`` with a long tuple of prefixes tries them one after
another; the rules look the prefixes up by the character at ``i`` instead.  These
tests compare the table tests with the tuple tests they replace (kept here as the
references) on random lines, every start list of the rules, and odd positions.
"""

from __future__ import annotations

import random

import pytest
from lintnews.plugins.boilerplate import phrases, rules, shape
from lintnews.plugins.boilerplate.lines import _TWINS, Line, iter_lines

from lintnews.testing import read_article


def _start_lists() -> list[tuple[str, ...]]:
    lists = [
        shape.IMPERATIVE_STARTS,
        rules.AD_STARTS,
        rules.RELATED_LINE_STARTS,
        rules.RELATED_PREFIX_STARTS,
        rules.RELATED_LINE_STARTS + rules.RELATED_PREFIX_STARTS,
        rules.BYLINE_STARTS,
    ]
    for name, key in (("share", "widget_words"), ("navigation", "chrome_words")):
        starts = rules._word_starts(phrases.load(name).words(key))
        assert starts is not None
        lists.append(starts)
    return lists


def _texts(n: int, seed: int) -> list[str]:
    """Lines opening with a prefix, a piece of one, a recased one, a digit, a
    non-ASCII letter or punctuation, then more of the same."""
    rnd = random.Random(seed)
    pieces = [p for starts in _start_lists() for p in starts]
    pieces += [p[:-1] for p in pieces if len(p) > 1] + [p.upper() for p in pieces[:40]]
    pieces += ["12", "3", "é", "É", "ß", "Σ", *_TWINS, "-", "(", "»", " ", "\u00a0", "x", ""]
    return [
        "".join(rnd.choice(["", " ", "- ", "("]) + rnd.choice(pieces) for _ in range(4)).strip()
        or "x"
        for _ in range(n)
    ]


def _lines(seed: int) -> list[Line]:
    texts = _texts(6_000, seed)
    out: list[Line] = []
    for i in range(0, len(texts), 500):
        out += iter_lines(read_article("\n\n".join(texts[i : i + 500])), max_chars=600)
    return out


def test_first_chars_groups_in_order() -> None:
    table = phrases.first_chars(("ab", "b", "a", "abc"))
    assert table == {"a": ("ab", "a", "abc"), "b": ("b",)}
    with pytest.raises(ValueError):
        phrases.first_chars(("a", ""))


@pytest.mark.parametrize("seed", [1, 2])
def test_table_tests_equal_the_tuple_tests(seed: int) -> None:
    """startswith by table == startswith by tuple at every position of random
    lines; _opens_at == _opens and _first_word_at == _first_word_in on their lines
    (None tables and lines without hint_low too)."""
    lists = _start_lists()
    tables = [rules._table(starts) for starts in lists]
    hits = 0
    for text in _texts(3_000, seed):
        low = text.lower()
        for starts, table in zip(lists, tables, strict=True):
            for i in range(len(low) + 1):
                sub = table.get(low[i : i + 1])
                fast = sub is not None and low.startswith(sub, i)
                assert fast == low.startswith(starts, i), (starts[:3], low, i)
                hits += fast
    assert hits > 3_000
    lines = _lines(seed)
    assert any(line.hint_low is None for line in lines)
    for line in lines:
        for starts, table in [*zip(lists, tables, strict=True), (None, None)]:
            low, lead = line.hint_low, line.lead
            assert rules._opens_at(low, lead, table) == rules._opens(low, lead, starts)
            assert rules._first_word_at(line, table) == rules._first_word_in(line, starts)
