"""PW regexes run without ``re.IGNORECASE`` on ``Line.hint_low`` (``phrases.lowered``).

A case-insensitive regex written in lower case, run on a line, and the same
regex without the flag, run on the line's ``str.lower``, match alike when the
line holds none of the letters ``re.IGNORECASE`` folds to ASCII (İ ı ſ K: such
a line has no ``hint_low`` and keeps the case-insensitive regex).  These tests
prove that per character for every built-in regex lowered (each literal, each
category, every code point), compare the two on random and recased lines, and
compare the rules' per-line tests with their implementations before lowering.
"""

from __future__ import annotations

import random
import re
import sys
from typing import Any

import pytest
from lintnews.plugins.boilerplate import phrases, rules, shape
from lintnews.plugins.boilerplate.lines import _TWINS, Line, iter_lines
from test_rules_boilerplate import MUST_FIRE, _sre_parse

from lintnews.testing import read_article


def _pairs() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(name, case-insensitive regex, its lowered twin) of every regex lowered."""
    out = [(f"family:{n}", rx, shape._FAMILIES_LOW[n]) for n, rx in shape._FAMILIES.items()]
    out += [
        ("self", shape._SELF, shape._SELF_LOW),
        ("address", shape._ADDRESS, shape._ADDRESS_LOW),
        ("imperative", shape._IMPERATIVE, shape._IMPERATIVE_LOW),
        ("reporting", shape._REPORTING, shape._REPORTING_LOW),
        ("truncated", shape._TRUNCATED_END, shape._TRUNCATED_END_LOW),
        ("reported", rules._REPORTED, rules._REPORTED_LOW),
    ]
    for name in ("paywall", "newsletter", "share", "cookie"):
        rx, low = rules._builtin_regex(name), rules._builtin_lowered(name)
        assert rx is not None and low is not None
        out.append((name, rx, low))
    for user, extend in (((), ()), ((), ("extra footer",))):
        anchored, free, _, low_anchored, low_free = rules._footer_compiled(user, extend)
        assert anchored is not None and low_anchored is not None
        out.append((f"footer-anchored{extend}", anchored, low_anchored))
        if not extend:
            assert free is not None and low_free is not None
            out.append(("footer", free, low_free))
        else:  # the free regex holds a user phrase: not lowered
            assert low_free is None
    nav, low_nav = rules._builtin_lines("navigation"), rules._builtin_lines_lowered("navigation")
    assert nav is not None and low_nav is not None
    out.append(("navigation", nav, low_nav))
    return out


def test_lowered_is_the_pattern_without_ignorecase() -> None:
    for name, rx, low in _pairs():
        assert rx.flags & re.IGNORECASE, name
        assert low.pattern == rx.pattern, name
        assert low.flags == rx.flags & ~re.IGNORECASE, name


def test_user_phrases_are_not_lowered() -> None:
    assert rules._lowered_regex("paywall", {"extend-phrases": ["x"]}) is None
    assert rules._lowered_regex("paywall", {"phrases": ["x"]}) is None
    assert rules._lowered_regex("paywall", {}) is rules._builtin_lowered("paywall")
    assert rules._footer_compiled(("x",), ())[3:] == (None, None)


def _atoms(sp: Any, seq: Any, atoms: dict[Any, Any]) -> None:
    r"""Collect the single-character elements (literals, classes, ``.``) of a parsed
    regex; fail on what the per-character argument does not cover (flags set inside
    the pattern, back-references)."""
    c = sp  # opcodes live in the parser's namespace
    for op, av in seq:
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY):
            atoms[(op, av)] = (op, av)
        elif op is c.IN:
            atoms[(op, repr(av))] = (op, av)
        elif op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            assert not (add_flags | del_flags) & re.IGNORECASE, "flags set inside"
            _atoms(sp, sub, atoms)
        elif op is c.BRANCH:
            for sub in av[1]:
                _atoms(sp, sub, atoms)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
            _atoms(sp, av[2], atoms)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            _atoms(sp, av[1], atoms)
        elif op is getattr(c, "ATOMIC_GROUP", None):
            _atoms(sp, av, atoms)
        else:  # ^ $ \b \B: built of \w and "\n", checked below
            assert op is c.AT, f"opcode {op} not covered by the per-character proof"


def _compiler() -> Any:
    try:
        import re._compiler as sc  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10
        import sre_compile as sc
    return sc


def test_lowered_regexes_are_exact_per_character() -> None:
    r"""Every code point but the twins, as one string and lowered (same length: the
    only code point whose lower case is longer, İ, is a twin): each single-character
    element (literal, class, ``.``) of each lowered regex, compiled on its own as
    the regex compiles it, matches case-insensitively in the string exactly where it
    matches without the flag in the lowered string.  ``\w`` (``\b``'s test) and
    "\n" (``$``'s) hold alike of a character and its lower case.  So the two regexes
    take the same steps on a line and on its lower case: same matches and groups."""
    sp, sc = _sre_parse(), _compiler()
    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp) not in _TWINS)
    lowered = "".join(ch.lower() for ch in every)
    assert len(lowered) == len(every)
    atoms: dict[Any, Any] = {}
    for _, rx, _ in _pairs():
        _atoms(sp, sp.parse(rx.pattern, rx.flags), atoms)
    assert len(atoms) > 60

    def where(rx: re.Pattern[str], text: str) -> list[int]:
        return [m.start() for m in rx.finditer(text)]

    for op, av in atoms.values():
        one = []
        for flags in (re.IGNORECASE, 0):
            state = sp.State()
            state.flags = flags | re.UNICODE
            one.append(sc.compile(sp.SubPattern(state, [(op, av)]), flags))
        assert where(one[0], every) == where(one[1], lowered), (op, av)
    for cls in (r"\w", r"\W", "\n"):
        assert where(re.compile(cls), every) == where(re.compile(cls), lowered), cls


_CASED = [
    "É", "Í", "Ó", "Ú", "Ç", "À", "Ä", "Ü", "é", "í", "ó", "ç", "ä", "ß", "ẞ", "Σ", "σ", "ς",
    "ǅ", "Ⅰ", "Ⓐ", "µ", "Μ", "ﬅ", "ﬆ", "Ω", "\u1e9b", "\u00a0", "\u2003", "’", "“", "—",
]  # fmt: skip


def _words() -> list[str]:
    """Pieces of lines: the phrases of the lists and the literal runs of every lowered
    regex, recased, with digits, punctuation and cased non-ASCII letters."""
    out = ["$5", "10%", "2024", "5p", "3-day", "@x", "€9.99", "£1", "50% off", "99 Cents", *_CASED]
    runs = [*shape.TRUNCATED_WORDS, *shape.IMPERATIVE_STARTS]
    for name in ("paywall", "newsletter", "share", "cookie", "syndication", "navigation"):
        data = phrases.load(name)
        runs += [*data.phrases, *data.lines]
    for _, rx, _ in _pairs():
        runs += re.findall(r"[^\W\d_]{2,}(?: [^\W\d_]+)*", rx.pattern)
    for run in runs:
        out += [run, run, run.upper(), run.title(), run[: len(run) // 2]]
    return out


#: whole lines the anchored regexes (footers, navigation) match
_WHOLE = [
    "Copyright 2024 Example Media", "© 2023 Reuters. All rights reserved", "(c) Example, 2022",
    "This article first appeared on The Conversation", "Originally published on Example",
    "The views expressed are those of the author", "Dieser Artikel erschien zuerst bei X",
    "Cet article a été initialement publié sur X", "Este artículo fue publicado originalmente",
    "Artikel ini pertama kali tayang di X", "Republished with permission from X",
    "This story was republished from X", "Skip to main content", "Back to top", "12 comments",
    "Leave a reply", "Download the Example app", "Listen to this article", "Text size A+ A-",
]  # fmt: skip


def _whole_texts() -> list[str]:
    """Whole prompts and labels: the rules' must-fire examples, the lists' whole
    lines and ``_WHOLE``, as written, in capitals, in title case and swapped."""
    texts = [*_WHOLE, *(t for ts in MUST_FIRE.values() for t in ts)]
    for name in ("advertisement", "related", "navigation"):
        texts += phrases.load(name).lines
    return [v for t in texts for v in (t, t.upper(), t.title(), t.swapcase())]


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    words = _words()
    whole = _whole_texts()
    seps = [" "] * 14 + ["", ", ", ": ", ". ", "-", "'", '"', "! ", "\u00a0", "\u2003", " ("]
    texts = []
    for _ in range(n):
        text = "".join(rnd.choice(seps) + w for w in rnd.choices(words, k=rnd.randint(1, 8)))
        text += rnd.choice(["", "", ".", " to", " FOR", "?", " the "])
        if rnd.random() < 0.25:  # a whole prompt or label, alone or with a piece
            text = rnd.choice(whole) + rnd.choice(["", "", "", " " + text, ". "])
        texts.append(text)
    return texts


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    # the same spans for the match and each group (the texts differ in case)
    return [a.span(i) for i in range(a.re.groups + 1)] == [
        b.span(i) for i in range(b.re.groups + 1)
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_lowered_regexes_match_like_the_originals(seed: int) -> None:
    """search, and match at the first word and at 0, give the same span and groups."""
    pairs = _pairs()
    checked = matched = 0
    for text in _random_texts(6_000, seed):
        norm = phrases.normalize(text)
        if any(t in norm for t in _TWINS):
            continue
        low = norm.lower()
        first = re.search(r"[^\W_]", norm)
        lead = first.start() if first else len(norm)
        for _, rx, lrx in pairs:
            found = rx.search(norm)
            assert _same(found, lrx.search(low)), (rx.pattern[:40], norm)
            assert _same(rx.match(norm, lead), lrx.match(low, lead)), norm
            assert _same(rx.match(norm), lrx.match(low)), norm
            matched += found is not None
            checked += 1
    assert checked > 100_000 and matched > 5_000, (checked, matched)


# --- the per-line tests before lowering (references) --------------------------------------


def _old_is_reported_or_quoted(norm: str) -> bool:
    return '"' in norm or norm.lstrip().startswith("'") or bool(shape._REPORTING.search(norm))


def _old_find_prompt(
    rx: re.Pattern[str], line: Line, max_words: int, bit: int = 0
) -> re.Match[str] | None:
    if line.words > max_words or (bit and not line.mask & bit):
        return None
    if line.addressed:
        m = rx.search(line.norm)
        if m is None or len(rules._LEAD.findall(line.norm, 0, m.start())) > 8:
            return None
    else:
        m = rx.match(line.norm, line.lead)
    if m is None or _old_is_reported_or_quoted(line.norm):
        return None
    return m


def _old_find_cookie(rx: re.Pattern[str], line: Line, max_words: int) -> re.Match[str] | None:
    if line.words > max_words:
        return None
    m = rx.search(line.norm)
    if m is None or len(rules._LEAD.findall(line.norm, 0, m.start())) > 12:
        return None
    return None if rules._REPORTED.search(line.norm) else m


def _old_is_footer_with(line: Line, regexes: Any, max_words: int) -> bool:
    if line.words > max_words or line.norm[line.lead - 1 : line.lead] in ('"', "'"):
        return False
    anchored, free, hinted = regexes[:3]
    mask = line.mask
    if anchored is not None and mask & rules.ANCHORED_FOOTER_BIT and anchored.match(line.norm):
        return True
    if free is None:
        return False
    if hinted and not mask & rules.FOOTER_BIT:
        return False
    return free.search(line.norm) is not None


def _old_truncated(norm: str, hint_low: str | None) -> bool:
    stripped = norm.rstrip()
    return (
        not stripped.endswith(shape._CLOSED)
        and (hint_low is None or hint_low.rstrip().endswith(shape.TRUNCATED_WORDS))
        and bool(shape._TRUNCATED_END.search(stripped))
    )


def _lines(seed: int) -> list[Line]:
    texts = _random_texts(4_000, seed)
    rnd = random.Random(seed)
    # some lines with a twin letter: they keep the case-insensitive regexes
    texts += [t + rnd.choice(_TWINS) + t for t in texts[:300]]
    texts += [t + " " + rnd.choice(shape.TRUNCATED_WORDS).upper() for t in texts[:600]]
    out = []
    for i in range(0, len(texts), 400):
        article = read_article("\n\n".join(t.strip() or "x" for t in texts[i : i + 400]))
        out += iter_lines(article, max_chars=600)
    return out


@pytest.mark.parametrize("seed", [3, 4])
def test_per_line_tests_answer_as_before_lowering(seed: int) -> None:
    """_find_prompt, _find_cookie, _is_footer_with, the PW011 regex test, the
    reported-speech test and the cut-off test, each against its implementation
    before lowering, on random lines (twin letters too)."""
    lines = _lines(seed)
    assert any(line.hint_low is None for line in lines)
    footer = rules._footer_regexes({})
    nav = rules._builtin_lines("navigation")
    low_nav = rules._builtin_lines_lowered("navigation")
    assert nav is not None and low_nav is not None
    found = 0
    for line in lines:
        for name, bit in (*rules.PHRASE_BITS.items(), ("cookie", 0)):
            rx = rules._builtin_regex(name)
            assert rx is not None
            old = _old_find_prompt(rx, line, 40, bit)
            new = rules._find_prompt(rx, line, 40, bit, rules._lowered_regex(name, {}))
            assert _same(old, new), (name, line.norm)
            found += old is not None
        cookie = rules._builtin_regex("cookie")
        assert cookie is not None
        old = _old_find_cookie(cookie, line, 50)
        assert _same(old, rules._find_cookie(cookie, line, 50, rules._builtin_lowered("cookie")))
        assert _old_is_footer_with(line, footer, 60) == rules._is_footer_with(line, footer, 60)
        low = line.hint_low
        new_nav = nav.match(line.norm) if low is None else low_nav.match(low)
        assert _same(nav.match(line.norm), new_nav), line.norm
        assert _old_is_reported_or_quoted(line.norm) == shape.is_reported_or_quoted(
            line.norm, line.hint_low
        )
        old_cut = _old_truncated(line.norm, line.hint_low)
        assert shape.is_cut_off(line.norm, line.hint_low) == old_cut, line.norm
        assert shape.is_cut_off(line.norm) == old_cut, line.norm
        found += old_cut
    assert found > 500


def test_case_insensitive_regexes_compile_on_first_use() -> None:
    """A run over lines without twin letters compiles no case-insensitive PW010 regex
    (fresh interpreter); read as module attributes they are the regexes of old."""
    import subprocess

    code = (
        "from lintnews.plugins.boilerplate import RULES, shape\n"
        "from lintnews.testing import run_rule\n"
        "text = 'Council meets\\n\\nSubscribe now to continue reading\\n\\nThey met.\\n'\n"
        "assert [r.code for r in RULES for v in run_rule(r, text)] == ['PW001']\n"
        "print(shape._case_insensitive.cache_info().currsize,"
        " shape._families_ic.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "0"]
    assert shape._SELF.pattern == shape._SELF_SOURCE
    assert shape._SELF.flags & re.IGNORECASE
    assert shape._FAMILIES["offer"] is shape._families_ic()["offer"]
    with pytest.raises(AttributeError):
        shape._NOT_THERE  # noqa: B018
