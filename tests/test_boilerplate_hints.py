"""PW shortcuts: hint bits, the per-article line lists and the reordered PW010 tests.

Each shortcut skips work only where the slow path could not have matched; these
tests compare the two on many random lines, and prove the new hint-word covers
from the parsed regexes with the checker of test_rules_boilerplate.py.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from lintnews.plugins.boilerplate import RULES, hints, phrases, rules, shape
from lintnews.plugins.boilerplate.lines import (
    _TWINS,
    MASK_WORDS,
    MAX_LINE_CHARS,
    iter_lines,
    lines_upto,
    lowered_words,
)
from test_rules_boilerplate import HEAD, LEDE, TAIL, _covered, _sre_parse

from lintnews.article import Article
from lintnews.testing import read_article, run_rule

BY_CODE = {r.code: r for r in RULES}


def _groups() -> list[tuple[str, tuple[str, ...], int]]:
    """(name, hint words, bit) of every list the PW rules test by bit."""
    out = [(f"phrase:{k}", rules.PHRASE_HINTS[k], b) for k, b in rules.PHRASE_BITS.items()]
    out += [
        ("cookie", rules.COOKIE_HINTS, rules.COOKIE_BIT),
        ("footer", rules.FOOTER_HINTS, rules.FOOTER_BIT),
        ("anchored-footer", rules.ANCHORED_FOOTER_HINTS, rules.ANCHORED_FOOTER_BIT),
        ("navigation", rules.NAV_HINTS, rules.NAV_BIT),
    ]
    for name, bit in shape.FAMILY_BITS.items():
        out.append((f"family:{name}", shape.FAMILY_HINTS[name], bit & ~hints.DIGIT))
    return out


def _pieces() -> list[str]:
    """Fragments random lines are made of: every hint word, its pieces and parts of
    them, ordinary words, separators (Unicode spaces too), digits and twin letters."""
    out = [" ", " ", " ", "\t", "\u00a0", "\u2003", "\u3000", ",", ".", "-", "'", '"', "!"]
    out += ["x", "on", "us", "a", "the", "9", "1st", "é", "ü", "ß", "Σ", *_TWINS]
    out += ["you", "vous", "votre", "você", "vo", "yo", "please ", "now "]
    for _, words, _ in _groups():
        for w in words:
            out += [w, w.upper(), w.strip(), w[: len(w) // 2], w[len(w) // 2 :]]
    out += [*shape.IMPERATIVE_STARTS, *shape.TRUNCATED_WORDS]
    return out


def _random_lines(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    pieces = _pieces()
    return ["".join(rnd.choices(pieces, k=rnd.randint(1, 12))) for _ in range(n)]


def test_line_bits_are_set_wherever_a_hint_word_is() -> None:
    """A bit is a necessary condition: every line holding a hint word of a list
    (lower-cased, as rules test it) has that list's bit; a digit sets DIGIT."""
    groups = _groups()
    seen = 0
    for text in _random_lines(30_000, 7):
        low = text.lower()
        bits = hints.line_bits(low)
        for name, words, bit in groups:
            if any(w in low for w in words):
                seen += 1
                assert bits & bit, (name, text)
        if re.search(r"\d", low):
            assert bits & hints.DIGIT, text
    assert seen > 25_000


def test_trigger_pieces_keep_their_word_boundaries() -> None:
    assert hints.triggers(("on x", " us ", "read ", "become a ", "subscri")) == (
        ("x", True, False),
        ("us", True, True),
        ("read", False, True),
        ("become", False, True),
        ("subscri", False, False),
    )
    with pytest.raises(ValueError):
        hints.triggers((" ",))


def test_word_table_starts_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hints, "_MAX_WORDS", 3)
    hints._WORDS.clear()
    for word in ("alpha", "beta", "gamma", "newsletter"):
        hints.line_bits(word)
    assert len(hints._WORDS) <= 3
    assert hints.line_bits("newsletter") & rules.PHRASE_BITS["newsletter"]


def test_anchored_footer_hints_cover_the_line_start_patterns() -> None:
    sp = _sre_parse()
    anchored = rules._footer_compiled((), ())[0]
    assert anchored is not None
    (branch,) = [el for el in sp.parse(anchored.pattern, anchored.flags) if el[0] is sp.BRANCH]
    for alt in branch[1][1]:
        assert _covered(alt, rules.ANCHORED_FOOTER_HINTS), alt
    assert not all(_covered(alt, rules.ANCHORED_FOOTER_HINTS[1:]) for alt in branch[1][1])


def test_address_hints_cover_the_second_person_regex() -> None:
    sp = _sre_parse()
    rx = shape._ADDRESS
    (branch,) = [el for el in sp.parse(rx.pattern, rx.flags) if el[0] is sp.BRANCH]
    for alt in branch[1][1]:
        assert _covered(alt, shape._ADDRESS_HINTS), alt


def _literal_prefix(seq: list) -> str:
    """The lower-case ASCII literal text a parsed sequence starts with."""
    sp = _sre_parse()
    out = ""
    for op, av in seq:
        if op is not sp.LITERAL or av > 127:
            break
        out += chr(av).lower()
    return out


def test_imperative_starts_cover_every_alternative() -> None:
    sp = _sre_parse()
    # ^ [\W_]* (?:please\s+|...)? (?:subscribe|...) \b
    rx = shape._IMPERATIVE
    at, skip, optional, main, _boundary = sp.parse(rx.pattern, rx.flags)
    ops = (at[0], skip[0], optional[0], main[0])
    assert ops == (sp.AT, sp.MAX_REPEAT, sp.MAX_REPEAT, sp.BRANCH)
    ((op, (_, opt_alts)),) = optional[1][2]
    assert op is sp.BRANCH
    branches = [opt_alts, main[1][1]]
    checked = 0
    for alts in branches:
        for alt in alts:
            prefix = _literal_prefix(alt)
            assert prefix, alt
            assert prefix.startswith(shape.IMPERATIVE_STARTS), prefix
            checked += 1
    assert checked > 80


def test_truncated_words_are_the_regex_words() -> None:
    sp = _sre_parse()
    rx = shape._TRUNCATED_END
    (branch,) = [el for el in sp.parse(rx.pattern, rx.flags) if el[0] is sp.BRANCH]
    words = {_literal_prefix(alt) for alt in branch[1][1]}
    assert all(len(_literal_prefix(alt)) == len(alt) for alt in branch[1][1])
    assert words == set(shape.TRUNCATED_WORDS)


def _lines_of(texts: list[str]) -> list:
    art = read_article("\n\n".join(texts))
    return list(iter_lines(art, max_chars=600))


def test_reader_address_shortcuts_match_the_full_scan() -> None:
    texts = _random_lines(30_000, 11)
    texts += [f"{w} {t}" for w in shape.IMPERATIVE_STARTS for t in ("it", "now.", "-x")]
    checked = 0
    for i in range(0, len(texts), 500):
        for line in _lines_of(texts[i : i + 500]):
            assert line.addressed == shape.has_reader_address(line.norm), line.norm
            checked += 1
    assert checked > 25_000


def test_guess_prompt_with_line_fields_matches_the_plain_call() -> None:
    """PW010 passes hint bits, lead and lower-case copies and tests may_be_prompt
    first; the answer must be that of guess_prompt on the text alone."""
    rnd = random.Random(5)
    words = [*_pieces(), "this article", "our journalism", "Get", "$5", "a month"]
    texts = [
        " ".join(rnd.choices(words, k=rnd.randint(3, 16))) + rnd.choice(["", ".", " to", "?"])
        for _ in range(15_000)
    ]
    fired = checked = 0
    for i in range(0, len(texts), 500):
        for line in _lines_of(texts[i : i + 500]):
            slow = shape.guess_prompt(line.norm)
            gate = shape.may_be_prompt(line.norm, line.low, line.mask)
            fast = shape.guess_prompt(
                line.norm,
                low=line.low,
                hint_low=line.hint_low,
                words=line.words,
                mask=line.mask,
                lead=line.lead,
            )
            assert fast == slow, line.norm
            assert gate or slow is None, line.norm
            fired += slow is not None
            checked += 1
    assert checked > 12_000 and fired > 200


def test_lines_upto_is_iter_lines() -> None:
    """``lines_upto`` is the article's lines of at most N characters, also where N is
    at or past the longest line's length (a plain copy then) or just below it."""
    for text in _random_lines(300, 3):
        art = read_article(HEAD + LEDE + text.replace(".", "\n") + TAIL)
        every = list(iter_lines(art, max_chars=MAX_LINE_CHARS, paragraphs=art.paragraphs))
        longest = max(len(line.text) for line in every)
        for n in (80, 120, 300, 525, 600, 900, longest - 1, longest, longest + 1):
            want = [line for line in every if len(line.text) <= min(n, MAX_LINE_CHARS)]
            assert lines_upto(art, n) == want
            assert list(iter_lines(art, max_chars=n)) == want


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("PW006", "Manage your pr\u0131vacy options"),
        ("PW006", "We use cook\u0131es"),
        ("PW007", "Hak c\u0130pta dilindungi undang-undang"),
        ("PW007", "Tutti i dir\u0131tti riservati"),
    ],
)
def test_cookie_and_footer_hints_hold_for_ignorecase_twins(code: str, text: str) -> None:
    """A letter IGNORECASE matches to an ASCII one but ``str.lower`` does not fold
    ("\u0131" for "i") used to hide a notice from the hint test; such a line now
    has every hint bit, so the regex decides, as it does without the shortcut."""
    art = read_article(HEAD + LEDE + text + TAIL)
    (v,) = run_rule(BY_CODE[code], art)
    assert v.span.start == len(HEAD + LEDE)
    assert run_rule(BY_CODE[code], art, **{"extend-phrases": ["zzz"]})


def test_offer_bits_cover_the_offer_regex() -> None:
    """Every "offer" alternative but the price one holds one of OFFER_WORDS; a price
    ("5p", "3 euros", "1.50 dollars") sets PRICE, or NUM_END and UNIT_START."""
    sp = _sre_parse()
    rx = shape._FAMILIES["offer"]
    (branch,) = [el for el in sp.parse(rx.pattern, rx.flags) if el[0] is sp.BRANCH]
    uncovered = [alt for alt in branch[1][1] if not _covered(alt, shape.OFFER_WORDS)]
    assert len(uncovered) == 1  # \d+(?:[.,]\d+)?\s?(?:p|cents?|pence|euros?|dollars?)
    rnd = random.Random(2)
    parts = ["5", "12", "1.50", "3,5", "\u0663", " ", "\t", "\u00a0", "p", "P", "pm"]
    parts += ["cents", "Cent", "pence", "euro", "EUROS", "dollars", "dollarx", ".", ",", "per"]
    fired = 0
    for _ in range(60_000):
        text = "".join(rnd.choices(parts, k=rnd.randint(1, 6)))
        if rx.search(text):
            fired += 1
            low = text.lower()
            assert shape.may_be_prompt(text, low, hints.line_bits(low)), text
            mask = hints.line_bits(low)
            assert mask & shape.FAMILY_BITS["offer"] or mask & shape._NUM_UNIT == shape._NUM_UNIT
    assert fired > 4_000


#: non-ASCII letters a derived prefix may hold: the lower-case Latin-1 letters, each of
#: which re.IGNORECASE matches only to itself and its capital, whose lower() it is
_LATIN1_LOWER = frozenset(map(chr, [*range(0xE0, 0xF7), *range(0xF8, 0xFF)]))
_UNKNOWN = ("unknown", None)  # "anything may follow" in _prefixes


def test_latin1_lower_letters_fold_only_to_their_capitals() -> None:
    cls = re.compile("[" + "".join(sorted(_LATIN1_LOWER)) + "]", re.IGNORECASE)
    for cp in range(0x110000):
        ch = chr(cp)
        if cls.match(ch):
            assert ch.lower() in _LATIN1_LOWER, hex(cp)


def _prefixes(seq: list, budget: int = 12) -> set[str]:
    """Lower-case strings one of which every match of the parsed ``seq`` starts with
    (case-insensitively); "" where nothing can be said."""
    sp = _sre_parse()
    if not seq or budget == 0:
        return {""}
    (op, av), rest = seq[0], seq[1:]
    if op is sp.LITERAL:
        if av > 127 and chr(av).lower() not in _LATIN1_LOWER:
            return {""}
        return {chr(av).lower() + t for t in _prefixes(rest, budget - 1)}
    if op is sp.AT:  # zero-width: ^, \b
        return _prefixes(rest, budget)
    if op is sp.SUBPATTERN:
        return _prefixes([*av[-1], *rest], budget)
    if op is sp.BRANCH:
        return {p for alt in av[1] for p in _prefixes([*alt, *rest], budget)}
    if op in (sp.MAX_REPEAT, sp.MIN_REPEAT):
        lo, _, body = av
        out = _prefixes([*body, _UNKNOWN], budget)  # one repetition, then anything
        return out | _prefixes(rest, budget) if lo == 0 else out
    return {""}


def _line_starts(rx: re.Pattern[str]) -> set[str] | None:
    """The prefixes, read off the parsed regex, one of which the word a match of a
    line-anchored regex (``^[\\W_]*...``) opens with starts with; None if unknown."""
    sp = _sre_parse()
    parsed = list(sp.parse(rx.pattern, rx.flags))
    tops = [parsed]
    if len(parsed) == 2 and parsed[0] == (sp.AT, sp.AT_BEGINNING) and parsed[1][0] is sp.BRANCH:
        tops = [[parsed[0], *alt] for alt in parsed[1][1][1]]  # "^a|^b" is parsed "^(?:a|b)"
    skip = [(sp.IN, [(sp.CATEGORY, sp.CATEGORY_NOT_WORD), (sp.LITERAL, 95)])]  # [\\W_]
    out: set[str] = set()
    for top in map(list, tops):
        assert top[0] == (sp.AT, sp.AT_BEGINNING) and top[1][0] is sp.MAX_REPEAT
        assert top[1][1][:2] == (0, sp.MAXREPEAT) and list(top[1][1][2]) == skip
        out |= _prefixes(top[2:])
    if any(not p or not p[0].isalnum() for p in out):
        return None  # an alternative may open with a non-word character
    return out


def _anchored_regexes() -> list[tuple[str, re.Pattern[str], tuple[str, ...] | None]]:
    from lintnews.plugins.boilerplate import phrases as ph

    out = []
    for name, starts in (
        ("advertisement", rules.AD_STARTS),
        ("related", rules.RELATED_LINE_STARTS),
        ("navigation", None),
    ):
        data = ph.load(name)
        rx = ph.compile_lines(data.lines, data.patterns)
        assert rx is not None
        out.append((name, rx, starts))
    prefix = ph.compile_prefixes(ph.load("related").prefixes)
    assert prefix is not None
    out += [("related-prefixes", prefix, rules.RELATED_PREFIX_STARTS)]
    out += [("byline", rules._BYLINE, rules.BYLINE_STARTS)]
    return out


def test_start_constants_cover_the_parsed_regexes() -> None:
    """Every prefix read off a built-in line-anchored regex starts with one of the
    rule's constant prefixes (so no match opens otherwise); navigation's cannot be
    read ("\\d+ comments"), which is why PW011 has hint words instead."""
    for name, rx, starts in _anchored_regexes():
        derived = _line_starts(rx)
        if starts is None:
            assert derived is None, name
            continue
        assert derived, name
        for p in derived:
            assert p.startswith(starts), (name, p)
        assert all(s.isascii() or s in _LATIN1_LOWER for s in "".join(starts)), name


def test_line_starts_cover_every_match() -> None:
    """A line a line-anchored regex matches starts (lower case, at Line.lead) with
    one of the rule's constant prefixes."""
    from lintnews.plugins.boilerplate import phrases as ph

    regexes = [(n, rx, s) for n, rx, s in _anchored_regexes() if s is not None]
    noise = [*_pieces(), "*", "#", "> ", "\u00bb", "more from the Times", "you may also like"]
    samples = ["by", "By:", "written by", "Author:", "posted by admin"]
    for name in ("advertisement", "related", "author"):
        data = ph.load(name)
        samples += [*data.lines, *data.prefixes, *data.phrases]
    rnd = random.Random(8)
    cases = [str, str.upper, str.title]
    texts = []
    for _ in range(40_000):
        body = rnd.choice(samples if rnd.random() < 0.8 else noise)
        texts.append(
            "".join(rnd.choices(["", "* ", "## ", "\u2014 ", "1. ", "_"]))
            + rnd.choice(cases)(body)
            + "".join(rnd.choices(["", ":", " \u00bb", " x", " staff", "."], k=2))
        )
    matched = 0
    for i in range(0, len(texts), 500):
        for line in _lines_of(texts[i : i + 500]):
            for name, rx, starts in regexes:
                if rx.match(line.norm):
                    matched += 1
                    assert rules._opens(line.hint_low, line.lead, starts), (name, line.norm)
    assert matched > 5_000


def test_first_word_shortcut_keeps_every_widget_and_chrome_row() -> None:
    from lintnews.plugins.boilerplate import phrases as ph

    share, nav = ph.load("share"), ph.load("navigation")
    widget = share.words("widget_words")
    chrome, strong = nav.words("chrome_words"), nav.words("strong_words")
    words = [*sorted(widget), *sorted(chrome), "12", "(30)", "\u00b9", "the", "S\u0131ms"]
    rnd = random.Random(4)
    texts = [
        "".join(rnd.choices(["", "* ", "| "]))
        + " ".join(w.title() if rnd.random() < 0.3 else w for w in rnd.choices(words, k=k))
        for k in [rnd.randint(1, 6) for _ in range(20_000)]
    ]
    hits = 0
    for i in range(0, len(texts), 500):
        for line in _lines_of(texts[i : i + 500]):
            if rules._is_widget_line(line.norm, widget):
                hits += 1
                assert rules._first_word_in(line, rules._word_starts(widget)), line.norm
            if rules._is_chrome_row(line.norm, chrome, strong):
                hits += 1
                assert rules._first_word_in(line, rules._word_starts(chrome)), line.norm
    assert hits > 2_000


def test_navigation_hints_cover_the_builtin_regex() -> None:
    from lintnews.plugins.boilerplate import phrases as ph

    sp = _sre_parse()
    data = ph.load("navigation")
    rx = ph.compile_lines(data.lines, data.patterns)
    assert rx is not None
    (branch,) = [el for el in sp.parse(rx.pattern, rx.flags) if el[0] is sp.BRANCH]
    for alt in branch[1][1]:
        assert _covered(alt, rules.NAV_HINTS), alt
    assert not all(_covered(alt, rules.NAV_HINTS[1:]) for alt in branch[1][1])
    art = read_article(HEAD + LEDE + "Mind the gap" + TAIL)
    assert run_rule(BY_CODE["PW011"], art, **{"extend-lines": ["mind the gap"]})


def test_word_bits_equal_the_plain_trigger_tests() -> None:
    """hints._WordBits finds triggers with one trie regex per kind; the bits must be
    those of testing every trigger on its own (in, startswith, endswith, ==)."""

    def slow(word: str) -> int:
        bits = 0
        for kind, pieces in enumerate(hints._PIECES):
            for piece, bit in pieces.items():
                tests = (piece in word, word.startswith(piece), word.endswith(piece))
                if tests[kind] if kind < 3 else word == piece:
                    bits |= bit
        return bits

    rnd = random.Random(3)
    frags = [p for kind in hints._PIECES for p in kind] + list("abdeiklmnoprstuxy$%'-.1")
    frags += ["\u00e9", "\u0131", "\u212a"]
    fixed = hints.DIGIT | hints.NUM_END | hints.UNIT_START | hints.PRICE
    for _ in range(20_000):
        word = "".join(rnd.choices(frags, k=rnd.randint(1, 4)))
        assert hints.line_bits(word) & ~fixed == slow(word), word


def test_words_bits_equals_line_bits() -> None:
    """``hints.words_bits`` (a set of the words' bit values) gives ``line_bits``,
    with the word table cold (new words take the slow path) and warm."""
    lows = [t.lower() for t in _random_lines(20_000, 11)]
    for _ in range(2):
        hints._clear()
        slow = [hints.line_bits(low) for low in lows]  # fills the table
        hints._clear()
        assert [hints.words_bits(low.split()) for low in lows] == slow  # cold
        assert [hints.words_bits(low.split()) for low in lows] == slow  # warm


def test_lowering_and_splitting_hold_per_character() -> None:
    """What the one-pass line view relies on, for every code point: no character
    lowers to or from whitespace or a newline (so ``len(low.split())`` counts the
    words of ``norm``), and every whitespace character but " " is not printable."""
    for cp in range(0x110000):
        c = chr(cp)
        low = c.lower()
        if c.isspace():
            assert low == c, hex(cp)
            assert cp == 0x20 or not c.isprintable(), hex(cp)
        else:
            assert not any(x.isspace() for x in low), hex(cp)


def _reference_line(text: str) -> tuple[str, str, int, int, str | None, int]:
    """``(norm, low, words, lead, hint_low, mask)`` of one line, computed on its
    own as the first design of ``lines.Line`` did."""
    norm = phrases.normalize(text)
    low = norm.lower()
    words = len(norm.split())
    first = re.search(r"[^\W_]", norm)
    lead = first.start() if first else len(norm)
    if any(t in norm for t in _TWINS):
        return norm, low, words, lead, None, hints.ALL
    mask = hints.ALL if words > MASK_WORDS else hints.line_bits(low)
    return norm, low, words, lead, low, mask


@pytest.mark.parametrize("seed", range(4))
def test_line_view_equals_per_line_reference(seed: int) -> None:
    """The article-at-once line view (joined normalise and lower, one split per line,
    set-based bits) equals each line computed on its own, on random multi-line
    blocks with non-ASCII letters, final sigmas, twin letters and Unicode spaces."""
    rnd = random.Random(seed)
    lines = _random_lines(3_000, 20 + seed)
    extra = ["ΟΔΟΣ", "ΟΔΟΣ.", "Σ", "ΑΣ ΒΣ", "İstanbul", "KELVIN", "ſubscribe", "\u2028x"]
    lines += extra + [" ".join(rnd.choices(lines, k=8)) for _ in range(300)]
    rnd.shuffle(lines)
    blocks = []
    for i in range(0, len(lines), 5):
        chunk = lines[i : i + 5]
        blocks.append("\n".join(ln.replace("\n", " ") for ln in chunk))
    article = read_article("Headline here\n\n" + "\n\n".join(blocks) + "\n")
    checked = 0
    for line in iter_lines(article, max_chars=MAX_LINE_CHARS):
        assert line.text == line.paragraph.text[line.start : line.end]
        got = (line.norm, line.low, line.words, line.lead, line.hint_low, line.mask)
        assert got == _reference_line(line.text), line.text
        checked += 1
    assert checked > 2_000


@pytest.mark.parametrize("seed", range(3))
def test_line_view_of_one_line_blocks_equals_per_line_reference(seed: int) -> None:
    """Articles whose blocks are all one line take the line view's whole-article
    path (no per-block scan): the same lines (blocks over MAX_LINE_CHARS left out)
    with the same fields as each line computed on its own, and as the per-block
    path's ranges (``_paragraph_lines``)."""
    from lintnews.plugins.boilerplate.lines import _paragraph_lines

    rnd = random.Random(100 + seed)
    lines = [ln.replace("\n", " ").strip() for ln in _random_lines(2_000, 40 + seed)]
    lines = [ln for ln in lines if ln]
    lines += [" ".join(rnd.choices(lines, k=60)) for _ in range(40)]  # some too long
    rnd.shuffle(lines)
    left_out = checked = 0
    for start in range(0, len(lines), 200):
        article = read_article("Headline here\n\n" + "\n\n".join(lines[start : start + 200]))
        assert all("\n" not in p.text and p.text.strip() == p.text for p in article.paragraphs)
        expected = [
            (p, s, e, i, len(ranges))
            for p in article.paragraphs
            for ranges in [_paragraph_lines(p)]
            for i, (s, e) in enumerate(ranges)
            if e - s <= MAX_LINE_CHARS
        ]
        got = list(iter_lines(article, max_chars=MAX_LINE_CHARS))
        assert [(x.paragraph, x.start, x.end, x.number, x.count) for x in got] == expected
        left_out += len(article.paragraphs) - len(got)
        for line in got:
            assert line.text == line.paragraph.text[line.start : line.end]
            fields = (line.norm, line.low, line.words, line.lead, line.hint_low, line.mask)
            assert fields == _reference_line(line.text), line.text
            checked += 1
    assert left_out and checked > 300


def test_white_space_is_neither_cased_nor_case_ignorable() -> None:
    """What ``lowered_words`` relies on: the final-sigma rule of ``str.lower`` looks
    past case-ignorable characters to a cased one, so a white space character that
    were either would carry the context across words.  Each is tried on both sides
    of a capital sigma, for every white space code point."""
    for cp in range(0x110000):
        w = chr(cp)
        if w.isspace():
            # followed by ``w`` then a letter: final only if ``w`` stops the look-ahead
            assert ("A\u03a3" + w + "B").lower()[1] == "\u03c2", hex(cp)
            # preceded by a letter then ``w``: not final if ``w`` stops the look-behind
            assert ("A" + w + "\u03a3").lower()[-1] == "\u03c3", hex(cp)


def _body_words_reference(article: Article) -> list[str]:
    """HL007's words of a body: the blocks joined by newlines, typography folded,
    lowered, split."""
    return phrases.normalize("\n".join([p.text for p in article.paragraphs])).lower().split()


@pytest.mark.parametrize("seed", range(4))
def test_lowered_words_equal_the_split_of_the_lowered_body(seed: int) -> None:
    """``lowered_words`` (the view's splits, blocks it left out normalised, lowered
    and split here) equals the split of the normalised, lowered joined blocks, on
    random articles: one-line and multi-line blocks, blank and padded lines, lines
    and blocks over MAX_LINE_CHARS, typographic quotes and dashes, zero-width and
    no-break spaces, final sigmas, dotted capital I, Markdown.  None while the view
    of the article is not built."""
    from lintnews.plugins.boilerplate import lines as view

    rnd = random.Random(300 + seed)
    pool = [ln.replace("\n", " ") for ln in _random_lines(2_000, 60 + seed)]
    pool += ["ΟΔΟΣ", "ΟΔΟΣ.", "ΑΣ ΒΣ", "Σ’", "İstanbul", "don’t", "“Quote”", "a\u200bb", "x\u00a0y"]
    pool += ["a — b", "c–d", "\u02bcokina", "ſ", "Ⅻ", "ǅemal", "\u0345Σ"]
    long_line = " ".join(rnd.choices(pool, k=150))
    checked = 0
    for _ in range(120):
        blocks = []
        for _ in range(rnd.randint(0, 12)):
            k = rnd.choice((1, 1, 1, 2, 3))
            lines = [" ".join(rnd.choices(pool, k=rnd.randint(1, 12))) for _ in range(k)]
            if rnd.random() < 0.1:
                lines.append(long_line[: rnd.randint(550, 700)])
            if rnd.random() < 0.1:
                lines.insert(rnd.randint(0, len(lines)), rnd.choice(("", " ", "\u00a0")))
            blocks.append("\n".join(lines))
        head = rnd.choice(("Headline here\n\n", "# Headline here\n\n", ""))
        article = read_article(head + "\n\n".join(blocks) + "\n")
        assert lowered_words(article) is None or view._cache[0][0] is article
        view._cache.clear()
        assert lowered_words(article) is None
        list(iter_lines(article))  # builds the view
        assert lowered_words(article) == _body_words_reference(article)
        checked += len(article.paragraphs)
    assert checked > 500


def test_lowered_words_of_corpus_articles() -> None:
    """The same on the shared corpus, clean and damaged files."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    files = sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".md"))
    if not files:
        pytest.skip("../shared/corpus is absent")
    for path in files:
        article = read_article(path.read_text(encoding="utf-8", errors="replace"))
        list(iter_lines(article))
        assert lowered_words(article) == _body_words_reference(article), path


def test_prebuilt_tables_equal_what_the_code_computes() -> None:
    """``_prebuilt.py`` (written by ``python -m lintnews.plugins.boilerplate.prebuild``)
    holds exactly the fragments and the finder the code builds: every phrase of the
    built-in lists, and the trie and closure of the registered hint pieces."""
    from lintnews.plugins.boilerplate import _prebuilt, prebuild

    assert prebuild.fragments() == _prebuilt.FRAGMENTS
    pieces, body, closure = prebuild.finder_table()
    assert pieces == _prebuilt.FINDER_PIECES
    assert body == _prebuilt.FINDER_BODY
    assert closure == _prebuilt.FINDER_CLOSURE
    # a phrase the table lacks is built as before; one it holds comes from it
    assert phrases._phrase_regex("Read our brand-new offer!") == phrases.build_phrase_regex(
        "Read our brand-new offer!"
    )
    assert all(phrases._phrase_regex(p) == f for p, f in _prebuilt.FRAGMENTS.items())


def test_finder_of_other_pieces_is_built_not_read() -> None:
    """A finder for pieces other than the built-in ones computes its own tables."""
    finder = hints._Finder({"abc": 1, "ab": 2, "\x02x": 4})
    assert finder.closure == {"abc": 3, "ab": 2, "\x02x": 4}
    assert finder.bits("zabcz") == 3 and finder.bits("\x02xy") == 4 and finder.bits("q") == 0


def _related_reference(article: Article, options: dict[str, Any]) -> list[tuple[int, int]]:
    """PW005's line loop before its one-comprehension filter: every line tried."""
    data = phrases.load("related")
    rx_prefix = phrases.compile_prefixes(
        data.prefixes + tuple(options.get("extend-prefixes") or ())
    )
    extra_lines = tuple(options.get("extend-lines") or ())
    rx_lines = phrases.compile_lines(data.lines + extra_lines, data.patterns)
    starts_lines = None if extra_lines else rules.RELATED_LINE_STARTS
    starts_prefix = None if options.get("extend-prefixes") else rules.RELATED_PREFIX_STARTS
    max_words = int(options.get("max-words", 30))
    out = []
    for line in lines_upto(article, max_words * 15):
        if line.words > max_words:
            continue
        arrows = rules._has_arrow(line.text) and rules._ARROWS.search(line.text)
        if arrows:
            norm, low = phrases.normalize(rules._ARROWS.sub(">", line.text)), None
        else:
            norm, low = line.norm, line.hint_low
        if (
            (rx_lines and rules._opens(low, line.lead, starts_lines) and rx_lines.match(norm))
            or (rx_prefix and rules._opens(low, line.lead, starts_prefix) and rx_prefix.match(norm))
        ) and not shape.is_reported_or_quoted(norm):
            out.append((line.span.start, line.span.end))
    return out


def _navigation_reference(article: Article, options: dict[str, Any]) -> list[tuple[int, int]]:
    """PW011's line loop before its one-comprehension filter: every line tried."""
    data = phrases.load("navigation")
    extend = tuple(options.get("extend-lines") or ())
    rx = phrases.compile_lines(data.lines + extend, data.patterns)
    bit = 0 if extend else rules.NAV_BIT
    sections = data.words("section_words")
    if options.get("extend-sections"):
        sections = sections | {w.lower() for w in options["extend-sections"]}
    chrome, strong = data.words("chrome_words"), data.words("strong_words")
    starts = rules._word_starts(chrome)
    out = []
    for line in lines_upto(article, 120):
        if line.words > 14:
            continue
        if (
            (rx is not None and (not bit or line.mask & bit) and rx.match(line.norm))
            or rules._is_menu(line.text, sections)
            or (
                rules._first_word_in(line, starts)
                and rules._is_chrome_row(line.norm, chrome, strong)
            )
        ):
            out.append((line.span.start, line.span.end))
    return out


#: what PW005 and PW011 look for, in pieces: link arrows, menu marks, section and
#: control words, line starts
_LINK_PIECES = [
    *"|›»>→/·•«‹←⟶▶", "::", " | ", " › ", " / ", "Home", "home", "World", "News", "Sport",
    "Gadgets", "Menu", "Search", "Sign in", "Previous article", "Next", "Read more",
    "Related:", "See also", "Keep reading", "More from", "Lire aussi", "Weiterlesen",
    "Top stories", "Load more", "Zap", "My custom line", "12", "3 comments", "\u00a0",
]  # fmt: skip


@pytest.mark.parametrize(
    "options",
    [{}, {"extend-lines": ["My custom line"]}, {"extend-prefixes": ["Zap"]},
     {"extend-sections": ["Gadgets"]}, {"max-words": 8}],
)  # fmt: skip
def test_link_rules_filter_lines_like_trying_each(options: dict[str, Any]) -> None:
    """PW005 and PW011 keep only the lines their tests can accept (first words,
    arrows, menu marks, hint bits) in one comprehension: they report exactly the
    lines of a loop trying every line, on random short lines of link pieces, hint
    words and non-ASCII text, with and without user options."""
    rnd = random.Random(len(str(options)))
    pieces = _pieces() + _LINK_PIECES * 8
    reported = 0
    for _ in range(150):
        lines = [
            "".join(rnd.choices(pieces, k=rnd.randint(1, 9))).replace("\n", " ").strip() or "x"
            for _ in range(20)
        ]
        article = read_article("Headline here\n\n" + "\n\n".join(lines) + "\n")
        for check, reference in (
            (rules._check_related, _related_reference),
            (rules._check_navigation, _navigation_reference),
        ):
            got = [(d.span.start, d.span.end) for d in check(article, options)]
            assert got == reference(article, options), lines
            reported += len(got)
    assert reported > 20  # each rule reports some of these lines


def _prompt_reference(
    code: str, article: Article, options: dict[str, Any]
) -> list[tuple[int, int]]:
    """PW001-PW003, PW006, PW007 and PW010's line loops before their one-comprehension
    filters: every line of the view tried with the rule's per-line test."""
    out = []
    if code in ("PW001", "PW002"):
        name = "paywall" if code == "PW001" else "newsletter"
        rx = rules._regex(name, options)
        bit = rules._hint_bit(name, options)
        max_words = int(options.get("max-words", 40))
        for line in lines_upto(article, max_words * 15):
            if rx is not None and rules._find_prompt(rx, line, max_words, bit):
                out.append(line)
    elif code == "PW003":
        rx = rules._regex("share", options)
        bit = rules._hint_bit("share", options)
        widget = phrases.load("share").words("widget_words")
        starts = rules._word_starts(widget)
        max_words = int(options.get("max-words", 40))
        for line in lines_upto(article, max_words * 15):
            if (rx and rules._find_prompt(rx, line, max_words, bit)) or (
                line.words <= 12
                and rules._first_word_in(line, starts)
                and rules._is_widget_line(line.norm, widget)
            ):
                out.append(line)
    elif code == "PW006":
        rx = rules._regex("cookie", options)
        hinted = not (options.get("phrases") or options.get("extend-phrases"))
        max_words = int(options.get("max-words", 40))
        for line in lines_upto(article, max_words * 15):
            if hinted and not line.mask & rules.COOKIE_BIT:
                continue
            if rx is not None and rules._find_cookie(rx, line, max_words):
                out.append(line)
    elif code == "PW007":
        max_words = int(options.get("max-words", 60))
        regexes = rules._footer_regexes(options)
        out = [
            line
            for line in lines_upto(article, max_words * 15)
            if rules._is_footer_with(line, regexes, max_words)
        ]
    else:  # PW010
        max_words = int(options.get("max-words", 35))
        for line in lines_upto(article, max_words * 15):
            if not 3 <= line.words <= max_words:
                continue
            if not (
                line.mask & shape.ANY_FAMILY_BITS
                or shape.may_be_prompt(line.norm, line.low, line.mask)
            ):
                continue
            guess = shape.guess_prompt(
                line.norm,
                max_words,
                low=line.low,
                hint_low=line.hint_low,
                words=line.words,
                mask=line.mask,
                lead=line.lead,
            )
            if guess is not None and not rules._known_line(line):
                out.append(line)
    return [(line.span.start, line.span.end) for line in out]


#: prompt pieces: phrases of the built-in lists, cut off and recased, and words of copy
_PROMPT_PIECES = [
    "Subscribe now", "subscribe to continue reading", "Sign up for our newsletter",
    "We use cookies", "accept all cookies", "Share this article", "Facebook", "Twitter",
    "Email", "Copyright 2024 Reuters", "All rights reserved", "This article was originally "
    "published", "Support our journalism", "get unlimited access to", "your inbox",
    "$1 a week", "he said", '"', "Follow us on", "Custom prompt here", "the", "council",
]  # fmt: skip


@pytest.mark.parametrize(
    "options",
    [{}, {"extend-phrases": ["Custom prompt here"]}, {"phrases": ["Custom prompt here"]},
     {"max-words": 8}],
)  # fmt: skip
def test_prompt_rules_filter_lines_like_trying_each(options: dict[str, Any]) -> None:
    """PW001-PW003, PW006, PW007 and PW010 keep only the lines their per-line tests can
    accept (word counts, hint bits) before calling them: they report exactly the lines
    of a loop trying every line, on random lines of prompt phrases, hint words and
    non-ASCII text (twin letters too), with and without user phrases."""
    rnd = random.Random(7 + len(str(options)))
    pieces = _pieces() + _PROMPT_PIECES * 6
    reported: dict[str, int] = {}
    for _ in range(120):
        lines = [
            "".join(rnd.choices(pieces, k=rnd.randint(1, 14))).replace("\n", " ").strip() or "x"
            for _ in range(20)
        ]
        article = read_article("Headline here\n\n" + "\n\n".join(lines) + "\n")
        for code in ("PW001", "PW002", "PW003", "PW006", "PW007", "PW010"):
            got = [(d.span.start, d.span.end) for d in BY_CODE[code].check(article, options)]
            assert got == _prompt_reference(code, article, options), (code, lines)
            reported[code] = reported.get(code, 0) + len(got)
    assert sum(1 for n in reported.values() if n) >= 4, reported  # most rules report some


def _finder_words(rng: random.Random, alphabet: str, count: int) -> list[str]:
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(count)]


def test_finder_pattern_finds_what_the_lookahead_finds() -> None:
    """``finder_pattern``'s ``[F](?<=(?=(body)).)`` gives the same ``findall`` list as
    ``(?=(body))`` on every word: the built-in pieces over the shared corpus's words
    and random ones (letters of the pieces, accents, Greek, CJK, marks, newlines),
    and random piece sets holding class metacharacters; 100,000+ words in all."""
    from pathlib import Path

    from lintnews.plugins.boilerplate import _prebuilt

    rng = random.Random(29)
    builtin = _prebuilt.FINDER_PIECES
    letters = "".join(sorted({c for piece in builtin for c in piece}))
    odd = "éüñßøİﬀЖλ中\u0301\u00a0\n'’-.,0_—]^\\[$£€©%()"
    root = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    vocabulary: set[str] = set()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".txt", ".md"):
            vocabulary.update(path.read_text("utf-8", errors="replace").lower().split())
    words = sorted(vocabulary) + _finder_words(rng, letters, 40_000)
    words += _finder_words(rng, letters + odd, 20_000)
    words += [w[: rng.randint(0, len(w))] + rng.choice(odd) + w for w in sorted(builtin)[:150]]
    cases = [(builtin, _prebuilt.FINDER_BODY, words)]
    pool = "ab-]^\\[.c\x02\x03é中"
    for _ in range(200):
        pieces = {
            "".join(rng.choices(pool, k=rng.randint(1, 4))): rng.randint(1, 15)
            for _ in range(rng.randint(1, 8))
        }
        body, _ = hints.build_finder(pieces)
        cases.append((pieces, body, _finder_words(rng, pool + "xyz", 250)))
    total = 0
    for pieces, body, subjects in cases:
        new = re.compile(hints.finder_pattern(pieces, body)).findall
        old = re.compile("(?=(" + body + "))").findall
        for word in subjects:
            for marked in (word, hints._START + word + hints._END):
                assert new(marked) == old(marked), (pieces, marked)
                total += 1
    assert total >= 100_000
    # the class leaves out no first character: a piece at a word's start is found
    for piece in builtin:
        assert re.compile(hints.finder_pattern(builtin, _prebuilt.FINDER_BODY)).findall(piece)
