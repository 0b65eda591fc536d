"""PW rules: paywall prompts and other page furniture left in article copy.

One code per kind of leftover.  The phrase lists live in ``data/*.toml``;
a phrase only counts where the line around it has the shape of boilerplate
(short, standing on its own, addressed to the reader, not quoted or
reported), so an article *about* a paywall does not fire.  PW010 catches
prompts in wordings no list holds, from their shape alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from typing import Any

from lintnews.plugins.boilerplate import hints as hb
from lintnews.plugins.boilerplate import phrases as ph
from lintnews.plugins.boilerplate.lines import (
    Line,
    delete_paragraphs,
    line_fix,
    lines_upto,
)
from lintnews.plugins.boilerplate.phrases import word_count
from lintnews.plugins.boilerplate.shape import (
    _CLOSED,
    _NUM_UNIT,
    ANY_FAMILY_BITS,
    TRUNCATED_WORDS,
    guess_prompt,
    is_reported_or_quoted,
)

from lintnews import recache
from lintnews.article import Article
from lintnews.rules import FixAvailability, Option, Rule
from lintnews.violations import Diagnostic, Fix

__all__ = ["RULES"]

_SAFE_LINE = (
    "The fix deletes the line (the whole paragraph and one blank-line separator when the "
    "line stands alone), and only when the line is nothing but the boilerplate."
)


def _phrase_options(max_words: int) -> dict[str, Option]:
    return {
        "phrases": Option(
            [], "Phrases that replace the built-in list when non-empty (case-insensitive)."
        ),
        "extend-phrases": Option([], "Phrases added to the built-in list."),
        "max-words": Option(
            max_words, "Lines longer than this many words are never taken for boilerplate."
        ),
    }


def _regex(name: str, options: Mapping[str, Any]) -> re.Pattern[str] | None:
    if not options.get("phrases") and not options.get("extend-phrases"):
        return _builtin_regex(name)
    data = ph.load(name)
    base = tuple(options.get("phrases") or ()) or data.phrases
    phrases = base + tuple(options.get("extend-phrases") or ())
    patterns = data.patterns if not options.get("phrases") else ()
    return ph.compile_phrases(phrases, patterns)


@cache
def _builtin_regex(name: str) -> re.Pattern[str] | None:
    """``_regex`` without user phrases: the same compiled object, found by name (the
    lru_cache of compile_phrases hashes every phrase of the list on each call)."""
    data = ph.load(name)
    return ph.compile_phrases(data.phrases, data.patterns)


@cache
def _builtin_lowered(name: str) -> re.Pattern[str] | None:
    """``phrases.lowered`` of ``_builtin_regex(name)``: the same matches on
    ``Line.hint_low`` (built-in lists only: tests/test_boilerplate_lowered.py)."""
    rx = _builtin_regex(name)
    return None if rx is None else ph.lowered(rx)


def _lowered_regex(name: str, options: Mapping[str, Any]) -> re.Pattern[str] | None:
    """``_regex(name, options)`` for ``Line.hint_low``, or None when the user gave
    phrases (their regex is only run on ``Line.norm``)."""
    if options.get("phrases") or options.get("extend-phrases"):
        return None
    return _builtin_lowered(name)


_LEAD = re.compile(r"[^\W_]+")


def _find_prompt(
    rx: re.Pattern[str],
    line: Line,
    max_words: int,
    bit: int = 0,
    low_rx: re.Pattern[str] | None = None,
) -> re.Match[str] | None:
    """The phrase of ``rx`` in ``line`` where the line has the shape of a prompt.

    The phrase must open the line, or the line must speak to the reader
    (imperative or "you") with the phrase among its first words; the line
    must be short and neither quote nor report.  Lines that do not address
    the reader are only tried at their first word, which keeps this cheap.
    ``bit`` (the list's ``PHRASE_BITS`` entry, 0 for none) skips a line that holds
    none of the list's hint words before anything else: every match of the
    built-in regex holds one, wherever it starts.  ``low_rx`` (``phrases.lowered``
    of ``rx``, built-in lists only) is run on ``Line.hint_low`` instead where the
    line has one: same match positions, cheaper comparisons.
    """
    if line.words > max_words or (bit and not line.mask & bit):
        return None
    text = line.hint_low
    if text is None or low_rx is None:
        text, low_rx = line.norm, rx
    if line.addressed:
        m = low_rx.search(text)
        if m is None or len(_LEAD.findall(line.norm, 0, m.start())) > 8:
            return None
    else:
        m = low_rx.match(text, line.lead)
    if m is None or is_reported_or_quoted(line.norm, line.hint_low):
        return None
    return m


#: Per phrase list, words one of which every match of its built-in combined regex
#: holds (tests/test_rules_boilerplate.py proves it from the parsed regex): a line
#: with none of them cannot match and skips the scan.  User phrases turn it off.
PHRASE_HINTS: dict[str, tuple[str, ...]] = {
    "paywall": (
        "subscri", "regist", "continu", "log", "sign", "account", "trial", "unlimited",
        "access", "journalism", "unlock", "plan", "preview", "reading", "support",
        "contribution", "free", "allowance", "abonn", "suscr", "assin", "berlangganan",
        "melden", "connectez", "inici", "masuk", "daftar", "exklusiv", "nur f", "exclusiv",
        "khusus", "stories", "article", "reads", "member", "plus", "paid", "premium",
        "limit", "content",
    ),
    "newsletter": (
        "newsletter", "inbox", "mail", "subscri", "sign", "alert", "briefing", "digest",
        "bulletin", "bolet", "lettre",
    ),
    "share": (
        "share", "tweet", "follow", "facebook", "join", "copy link", "article", "story",
        "page", "link", "partag", "teilen", "compart", "bagikan",
    ),
}  # fmt: skip


#: the hint bit (``hints.register``) of each list of ``PHRASE_HINTS``
PHRASE_BITS: dict[str, int] = {name: hb.register(h) for name, h in PHRASE_HINTS.items()}


def _hint_bit(name: str, options: Mapping[str, Any]) -> int:
    """The hint bit of list ``name``, or 0 (no shortcut) when the user changed the list."""
    if options.get("phrases") or options.get("extend-phrases"):
        return 0
    return PHRASE_BITS.get(name, 0)


def _phrase_rule_check(
    name: str, message: str
) -> Callable[[Article, Mapping[str, Any]], Iterator[Diagnostic]]:
    def check(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
        rx = _regex(name, options)
        if rx is None:
            return
        low_rx = _lowered_regex(name, options)
        bit = _hint_bit(name, options)
        max_words = int(options.get("max-words", 40))
        for line in _hinted(lines_upto(article, max_words * 15), bit, max_words):
            if _find_prompt(rx, line, max_words, bit, low_rx):
                yield _diag(line, message, safe=True)

    return check


def _hinted(lines: list[Line], bit: int, max_words: int) -> list[Line]:
    """The ``lines`` of at most ``max_words`` words with hint bit ``bit`` (any bits
    when 0): ``_find_prompt``'s first test in one comprehension, so most lines cost
    no call."""
    if bit:
        return [ln for ln in lines if ln.mask & bit and ln.words <= max_words]
    return [ln for ln in lines if ln.words <= max_words]


def _diag(line: Line, message: str, *, safe: bool) -> Diagnostic:
    desc = "delete the boilerplate line"
    return Diagnostic(line.span, message, line_fix(line, safe=safe, description=desc))


# --- PW001-PW002, PW006, PW007: phrase kinds --------------------------------------------

_check_paywall = _phrase_rule_check(
    "paywall",
    "Paywall or registration prompt left in the copy; delete it",
)
_check_newsletter = _phrase_rule_check(
    "newsletter",
    "Newsletter sign-up prompt left in the copy; delete it",
)


#: Words one of which every built-in cookie phrase and pattern holds (checked by
#: tests/test_rules_boilerplate.py): a line with none of them is skipped before the
#: combined regex scans it.  User phrases turn the shortcut off.
COOKIE_HINTS = (
    "cooki",
    "consent",
    "privacy",
    "accept",
    "reject",
    "agree",
    "continu",
    "using",
    "personal",
)
COOKIE_BIT = hb.register(COOKIE_HINTS)


def _find_cookie(
    rx: re.Pattern[str], line: Line, max_words: int, low_rx: re.Pattern[str] | None = None
) -> re.Match[str] | None:
    """Consent banners quote their buttons ("By clicking “Accept all” you agree ..."):
    quotation marks do not disqualify a line here, reported speech still does.
    ``low_rx``: as in ``_find_prompt``."""
    if line.words > max_words:
        return None
    low = line.hint_low
    m = low_rx.search(low) if low is not None and low_rx is not None else rx.search(line.norm)
    if m is None or len(_LEAD.findall(line.norm, 0, m.start())) > 12:
        return None
    if low is not None:
        return None if _REPORTED_LOW.search(low) else m
    return None if _REPORTED.search(line.norm) else m


_REPORTED = recache.compile(
    r"(?<!\w)(?:said|says|told|according to|reported|announced|fined|ruled|found)(?!\w)",
    re.IGNORECASE,
)
_REPORTED_LOW = ph.lowered(_REPORTED)


def _check_cookie(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    rx = _regex("cookie", options)
    if rx is None:
        return
    low_rx = _lowered_regex("cookie", options)
    hinted = not (options.get("phrases") or options.get("extend-phrases"))
    max_words = int(options.get("max-words", 40))
    # the bit is exact also for the letters IGNORECASE folds to ASCII (such a line
    # has every bit), which a test on ``line.low`` missed; _find_cookie's word count
    # test too, in one comprehension
    lines = lines_upto(article, max_words * 15)
    if hinted:
        lines = [ln for ln in lines if ln.mask & COOKIE_BIT]
    for line in lines:
        if line.words <= max_words and _find_cookie(rx, line, max_words, low_rx):
            yield _diag(line, "Cookie notice left in the copy; delete it", safe=True)


#: ``_footer_regexes``: (line-start patterns, everything else, hint shortcut on, and
#: the first two for ``Line.hint_low``, ``phrases.lowered``, None where user phrases
#: are in them)
_FooterRegexes = tuple[
    re.Pattern[str] | None, re.Pattern[str] | None, bool, re.Pattern[str] | None,
    re.Pattern[str] | None,
]  # fmt: skip


def _footer_regexes(options: Mapping[str, Any]) -> _FooterRegexes:
    """(line-start patterns, everything else, hint shortcut on, and the first two
    lowered) of the footer list.

    Most footer patterns are anchored at the start of the line; tried with
    ``match`` on their own they cost one attempt per line instead of one per
    character, which keeps PW007 as cheap as it was with half the patterns.
    Built once per distinct option set (``_footer_compiled``), not per line.
    """
    user = tuple(options.get("phrases") or ())
    extend = tuple(options.get("extend-phrases") or ())
    return _footer_compiled(user, extend)


@lru_cache(maxsize=64)
def _footer_compiled(user: tuple[str, ...], extend: tuple[str, ...]) -> _FooterRegexes:
    data = ph.load("syndication")
    phrases = (user or data.phrases) + extend
    patterns = data.patterns if not user else ()
    anchored = tuple(p for p in patterns if p.startswith("^"))
    free = tuple(p for p in patterns if not p.startswith("^"))
    hinted = not (user or extend)
    rx_anchored = ph.compile_phrases((), anchored)
    rx_free = ph.compile_phrases(phrases, free)
    # the line-start patterns are always built-in ones (or none: user phrases)
    low_anchored = None if rx_anchored is None else ph.lowered(rx_anchored)
    low_free = None if rx_free is None or not hinted else ph.lowered(rx_free)
    return rx_anchored, rx_free, hinted, low_anchored, low_free


#: Words one of which every built-in footer phrase and unanchored footer pattern
#: holds (checked by tests/test_rules_boilerplate.py): only lines with one of them
#: are scanned for those.  User phrases turn the shortcut off.
FOOTER_HINTS = (
    "reuters",
    "material",
    "reserv",
    "original",
    "rechte",
    "droits",
    "derechos",
    "direitos",
    "diritti",
    "hak cipta",
    "permission",
    "copyright",
    "distribution",
    "standards",
)
FOOTER_BIT = hb.register(FOOTER_HINTS)

#: Words one of which every line-start footer pattern holds (proved from the
#: parsed regex by tests/test_rules_boilerplate.py): the anchored regex is only
#: tried on lines with one.  Those patterns are always the built-in ones.
ANCHORED_FOOTER_HINTS = (
    "first ", "originally ", "previously ", "publish", "reprod", "syndicat", "reprint",
    "shared", "adapted", "feed", "views", "opinions", "zuerst", "erstmals", "glich",
    "article", "original", "primeiro", "primera", " ini", "reserv", "\u00a9", "(c)",
    "copyright", "may not be", "licen", "distribut", "supplied", "provided",
    "partnership", "collaboration", "association", "support", "funding", "arrangement",
)  # fmt: skip
ANCHORED_FOOTER_BIT = hb.register(ANCHORED_FOOTER_HINTS)


def _is_footer(line: Line, options: Mapping[str, Any], max_words: int) -> bool:
    return _is_footer_with(line, _footer_regexes(options), max_words)


def _is_footer_with(line: Line, regexes: _FooterRegexes, max_words: int) -> bool:
    if line.words > max_words or line.norm[line.lead - 1 : line.lead] in ('"', "'"):
        return False
    anchored, free, hinted, low_anchored, low_free = regexes
    # the lowered regexes on ``hint_low`` where the line has one (``phrases.lowered``)
    text = line.hint_low
    if text is None:
        text, low_anchored, low_free = line.norm, anchored, free
    mask = line.mask
    if low_anchored is not None and mask & ANCHORED_FOOTER_BIT and low_anchored.match(text):
        return True
    if free is None:
        return False
    # exact also for IGNORECASE's twin letters (every bit set), unlike a test on line.low
    if hinted and not mask & FOOTER_BIT:
        return False
    if low_free is None:  # user phrases: only on ``norm``
        return free.search(line.norm) is not None
    return low_free.search(text) is not None


_SYNDICATION = (
    "Syndication or copyright footer left in the copy; delete it (credit lines such as "
    "'Editing by ...' are kept)"
)


def _check_syndication(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    max_words = int(options.get("max-words", 60))
    regexes = _footer_regexes(options)
    anchored, free, hinted = regexes[:3]
    # _is_footer_with's gates in one comprehension: a line can only be a footer by the
    # anchored regex with its bit or by the free one (with its bit when hinted)
    lines = lines_upto(article, max_words * 15)
    if free is None or hinted:
        need = (ANCHORED_FOOTER_BIT if anchored is not None else 0) | (
            FOOTER_BIT if free is not None else 0
        )
        lines = [ln for ln in lines if ln.mask & need and ln.words <= max_words]
    else:  # the free regex may match any line
        lines = [ln for ln in lines if ln.words <= max_words]
    for line in lines:
        if _is_footer_with(line, regexes, max_words):
            yield _diag(line, _SYNDICATION, safe=True)


# --- PW003 share and follow widgets ------------------------------------------------------------


def _is_widget_line(norm: str, words: frozenset[str]) -> bool:
    """Only button labels and their counters: "Facebook Twitter Email", "Share 12",
    "Comments (30)"."""
    found = _LEAD.findall(norm)
    if len(found) < 2:
        return False
    # word by word, so a line of copy stops at its first word that is no label
    tokens = []
    labelled = False
    for t in found:
        t = t.lower()
        if not t.isdigit():
            if t not in words:
                return False
            labelled = True
        tokens.append(t)
    return labelled and len(set(tokens)) >= 2


@lru_cache(maxsize=16)
def _word_starts(words: frozenset[str]) -> tuple[str, ...] | None:
    r"""``words`` as a ``str.startswith`` tuple, or None when one is not ASCII.

    A line whose every word must be in ``words`` (or a number) starts with one of
    them at ``Line.lead``: the first ``[^\W_]+`` word starts there, and lower-cased
    on its own it equals the same characters of ``Line.hint_low`` when it lowers to
    ASCII (``str.lower`` folds character by character but for final sigma and the
    twin letters ``hint_low`` excludes).
    """
    if not all(w.isascii() for w in words):
        return None
    return tuple(sorted(words))


def _first_word_in(line: Line, starts: tuple[str, ...] | None) -> bool:
    """False only when the line's first word is neither a number nor one of ``starts``
    (``_word_starts``): a row of labels cannot start so."""
    low = line.hint_low
    if starts is None or low is None:
        return True
    lead = line.lead
    return low.startswith(starts, lead) or low[lead : lead + 1].isdigit()


@cache
def _table(starts: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``phrases.first_chars(starts)``, once per tuple of prefixes."""
    return ph.first_chars(starts)


def _first_word_at(line: Line, table: dict[str, tuple[str, ...]] | None) -> bool:
    """``_first_word_in(line, starts)`` with ``table = _table(starts)`` (None for None):
    the prefixes that start with the line's character at ``Line.lead`` only."""
    low = line.hint_low
    if table is None or low is None:
        return True
    lead = line.lead
    first = low[lead : lead + 1]
    starts = table.get(first)
    return (starts is not None and low.startswith(starts, lead)) or first.isdigit()


def _check_share(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    rx = _regex("share", options)
    low_rx = _lowered_regex("share", options)
    bit = _hint_bit("share", options)
    widget = ph.load("share").words("widget_words")
    starts = _word_starts(widget)
    table = None if starts is None else _table(starts)
    get = table.get if table is not None else None
    max_words = int(options.get("max-words", 40))
    # The lines one of the two tests below can accept, in one comprehension (most
    # lines cost no call): _find_prompt's first tests (hint bit, words), or a widget
    # row's (at most 12 words; _first_word_at, inline)
    lines = [
        ln
        for ln in lines_upto(article, max_words * 15)
        if (rx and (not bit or ln.mask & bit) and ln.words <= max_words)
        or (
            ln.words <= 12
            and (
                get is None
                or (low := ln.hint_low) is None
                or (
                    (sub := get(first := low[(lead := ln.lead) : lead + 1])) is not None
                    and low.startswith(sub, lead)
                )
                or first.isdigit()
            )
        )
    ]
    for line in lines:
        if (
            rx and (not bit or line.mask & bit) and _find_prompt(rx, line, max_words, bit, low_rx)
        ) or (
            line.words <= 12 and _first_word_at(line, table) and _is_widget_line(line.norm, widget)
        ):
            yield _diag(line, "Share or follow widget left in the copy; delete it", safe=True)


# --- PW004 advertisement markers -----------------------------------------------------------


@cache
def _builtin_lines(name: str) -> re.Pattern[str] | None:
    """``compile_lines`` of list ``name``'s built-in lines and patterns, found by name:
    the lru_cache of compile_lines hashes every line of the list on each call (about
    a microsecond per article and list)."""
    data = ph.load(name)
    return ph.compile_lines(data.lines, data.patterns)


@cache
def _builtin_lines_lowered(name: str) -> re.Pattern[str] | None:
    """``phrases.lowered`` of ``_builtin_lines(name)``, for ``Line.hint_low``."""
    rx = _builtin_lines(name)
    return None if rx is None else ph.lowered(rx)


def _lines_regex(name: str, extend: tuple[str, ...]) -> re.Pattern[str] | None:
    """``compile_lines`` of list ``name``'s lines plus ``extend``, and its patterns."""
    if not extend:
        return _builtin_lines(name)
    data = ph.load(name)
    return ph.compile_lines(data.lines + extend, data.patterns)


@cache
def _builtin_prefixes() -> re.Pattern[str] | None:
    """PW005's prefix regex of the built-in prefixes (see ``_builtin_lines``)."""
    return ph.compile_prefixes(ph.load("related").prefixes)


def _check_ads(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    rx = _lines_regex("advertisement", tuple(options.get("extend-lines") or ()))
    if rx is None:
        return
    starts = None if options.get("extend-lines") else AD_STARTS
    for line in _opening(lines_upto(article, 80), starts):
        if rx.match(line.norm):
            yield _diag(line, "Advertisement marker left in the copy; delete it", safe=True)


#: Per built-in line-anchored regex (``^[\W_]*(?:...)``), lower-case prefixes one of
#: which the word it matches first starts with.  ``[\W_]*`` stops just before the
#: first ``[^\W_]``, so such a word starts at ``Line.lead``; a line whose
#: ``hint_low`` starts there with none of them cannot match.  The tests read the
#: prefixes off the parsed regexes and check these cover them (a regex parse costs
#: milliseconds per process, so nothing is derived at run time).  User lines and
#: prefixes turn the shortcut off.
AD_STARTS = (
    "ad", "anzeige", "article", "content", "continue", "from", "iklan", "keep", "paid",
    "partner", "post", "promoted", "pubblicit", "publicidad", "publicit", "recommended",
    "reklame", "report", "scroll", "sponsored", "story", "text", "the ", "werbung",
)  # fmt: skip
RELATED_LINE_STARTS = (
    "browse", "click", "continue", "editor", "featured", "keep", "latest", "load", "more",
    "most", "other", "popular", "read", "recommended", "related", "see", "show", "similar",
    "suggested", "top", "trending", "up", "view", "we", "what", "you",
)  # fmt: skip
RELATED_PREFIX_STARTS = (
    "a", "baca", "berita", "continue", "don", "explore", "full", "keep", "latest", "le",
    "lies", "lire", "listen", "mehr", "more", "must", "read", "recommended", "related",
    "saiba", "see", "simak", "sur", "tambi", "te", "top", "veja", "voir", "watch",
    "weiterlesen", "\u00e0",
)  # fmt: skip
BYLINE_STARTS = (
    "author", "by", "compiled", "edited", "posted", "published", "reported", "story",
    "text", "words", "written",
)  # fmt: skip


def _opening(lines: list[Line], starts: tuple[str, ...] | None) -> list[Line]:
    """The ``lines`` that may match a line-anchored regex with prefixes ``starts``
    (``AD_STARTS``...): ``_opens`` in one comprehension, no call per line, with the
    prefixes by first character (``_table``)."""
    if starts is None:
        return lines
    get = _table(starts).get
    return [
        ln
        for ln in lines
        if (low := ln.hint_low) is None
        or (
            (sub := get(low[(lead := ln.lead) : lead + 1])) is not None
            and low.startswith(sub, lead)
        )
    ]


def _opens(low: str | None, lead: int, starts: tuple[str, ...] | None) -> bool:
    """Can a line-anchored regex with prefixes ``starts`` (``AD_STARTS``...) match the
    line?  ``low`` is ``Line.hint_low`` (None: cannot tell), ``lead`` ``Line.lead``."""
    return starts is None or low is None or low.startswith(starts, lead)


def _opens_at(low: str | None, lead: int, table: dict[str, tuple[str, ...]] | None) -> bool:
    """``_opens(low, lead, starts)`` with ``table = _table(starts)`` (None for None)."""
    if table is None or low is None:
        return True
    starts = table.get(low[lead : lead + 1])
    return starts is not None and low.startswith(starts, lead)


# --- PW005 read-more and related links -----------------------------------------------------

_ARROWS = recache.compile(r"\s*[»›→⟶➔➜▸▶>]+\s*$|^\s*[«‹←]+\s*")
#: every ``_ARROWS`` match holds one of these; the ``\s*`` it starts with makes its
#: scan cost a try at every character, so lines without one skip it
_ARROW_CHARS = recache.compile(r"[»›→⟶➔➜▸▶>«‹←]")


def _has_arrow(text: str) -> bool:
    return ">" in text or (not text.isascii() and _ARROW_CHARS.search(text) is not None)


def _check_related(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    extra_prefixes = tuple(options.get("extend-prefixes") or ())
    if extra_prefixes:
        rx_prefix = ph.compile_prefixes(ph.load("related").prefixes + extra_prefixes)
    else:
        rx_prefix = _builtin_prefixes()
    extra_lines = tuple(options.get("extend-lines") or ())
    rx_lines = _lines_regex("related", extra_lines)
    starts_lines = None if extra_lines else RELATED_LINE_STARTS
    starts_prefix = None if options.get("extend-prefixes") else RELATED_PREFIX_STARTS
    max_words = int(options.get("max-words", 30))
    # Either anchored match needs the line to open with one of its starts (or to be
    # one _opens cannot tell about: no hint_low), unless the line has an arrow (then
    # another text is matched): one comprehension drops the other lines, instead of
    # two _opens calls and an arrow test each.  Without starts for a list in use
    # (user lines or prefixes) every line is tried.
    has_arrow_char = _ARROW_CHARS.search
    either: tuple[str, ...] | None = ()
    for rx, starts in ((rx_lines, starts_lines), (rx_prefix, starts_prefix)):
        if rx:
            either = None if starts is None or either is None else either + starts
    # the prefixes by first character (``_table``); () matches no line
    get = _table(either).get if either else (None if either is None else {}.get)
    table_lines = None if starts_lines is None else _table(starts_lines)
    table_prefix = None if starts_prefix is None else _table(starts_prefix)
    lines = [
        ln
        for ln in lines_upto(article, max_words * 15)
        if ln.words <= max_words
        and (
            get is None
            or (low := ln.hint_low) is None
            or (
                (sub := get(low[(lead := ln.lead) : lead + 1])) is not None
                and low.startswith(sub, lead)
            )
            or ">" in (text := ln.text)  # _has_arrow, inline
            or (not text.isascii() and has_arrow_char(text) is not None)
        )
    ]
    for line in lines:
        # "Read more »", "Keep reading →": link arrows, not quotation marks.
        # (``line.norm`` is already normalised; normalising is idempotent.)
        arrows = _has_arrow(line.text) and _ARROWS.search(line.text)
        if arrows:  # another text: no first-word shortcut
            norm, low = ph.normalize(_ARROWS.sub(">", line.text)), None
        else:
            norm, low = line.norm, line.hint_low
        # The anchored matches reject almost every line (most at their first word,
        # without running); the reported-speech search (a scan of the whole line)
        # runs only on the few they accept.
        if (
            (rx_lines and _opens_at(low, line.lead, table_lines) and rx_lines.match(norm))
            or (rx_prefix and _opens_at(low, line.lead, table_prefix) and rx_prefix.match(norm))
        ) and not is_reported_or_quoted(norm, low):
            yield _diag(
                line, "'Read more' or related-link line left in the copy; delete it", safe=True
            )


# --- PW008 author box, PW009 placeholder byline --------------------------------------------

_BYLINE = recache.compile(
    r"^[\W_]*(?:(?:written|posted|published|reported|story|words|text|compiled|edited)\s+)?"
    r"by\s*:?\s+(?P<name>[^\n]{1,60}?)[\s.]*$|^[\W_]*(?:author|byline)\s*:\s*(?P<name2>[^\n]{1,60}?)"
    r"[\s.]*$",
    re.IGNORECASE,
)


def _is_placeholder_name(name: str) -> bool:
    data = ph.load("author")
    tokens = [t.lower() for t in _LEAD.findall(name)]
    if not tokens or len(tokens) > 5:
        return False
    generic, strong = data.words("generic_words"), data.words("placeholder_words")
    return all(t in generic for t in tokens) and any(t in strong for t in tokens)


def _check_byline(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    extra = {w.lower() for w in options.get("extend-names") or ()}
    for line in _opening(lines_upto(article, 80), BYLINE_STARTS):
        m = _BYLINE.match(line.norm)
        if not m:
            continue
        name = (m.group("name") or m.group("name2") or "").strip()
        if _is_placeholder_name(name) or name.lower() in extra:
            yield _diag(
                line,
                f"Placeholder byline '{line.text}' names no author; put the reporter's name "
                "or delete it",
                safe=True,
            )


@cache
def _box_headings() -> re.Pattern[str] | None:
    """PW008's heading regex, found once (it sorted the headings on every article)."""
    return ph.compile_lines(tuple(sorted(ph.load("author").words("box_headings"))))


def _author_box(article: Article) -> Iterator[tuple[int, int, bool]]:
    """(first, last, empty) paragraph indexes of author boxes at the end of the copy."""
    rx = _box_headings()
    if rx is None:
        return
    paras = article.paragraphs
    n = len(paras)
    for i in range(max(0, n - 4), n):  # the last four blocks
        p = paras[i]
        first, _, rest = p.text.partition("\n")
        if not rx.match(ph.normalize(first.strip())):
            continue
        contents = [rest.strip()] if rest.strip() else []
        contents += [q.text for q in paras[i + 1 :]]
        if len(contents) > 3 or any(word_count(c) > 80 for c in contents):
            continue
        empty = all(_is_placeholder_name(c) or not c.strip() for c in contents)
        yield i, n - 1, empty
        return


#: a contributor bio with its contact line: "Ana Ruiz is a staff writer. Follow her on X."
_BIO = recache.compile(
    r"^(?:[A-Z][\w'.-]+ ){1,3}is (?:a|an|the|our) (?:[\w-]+ ){0,3}(?:writer|reporter|correspondent"
    r"|editor|journalist|columnist|contributor|producer|photographer)\b[^\n]{0,160}?"
    r"(?i:\bfollow (?:him|her|them) on\b|\b(?:he|she|they) can be (?:reached|contacted)\b"
    r"|\bemail (?:him|her|them)\b)"
)


def _check_author_box(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    paras = article.paragraphs
    # every _BIO match holds " is " (case-sensitive part of the regex); the cheap
    # tests in one comprehension (``count == 1``: ``Line.is_whole_paragraph``)
    bios = [
        ln
        for ln in lines_upto(article, 300)
        if ln.count == 1 and ln.words <= 40 and " is " in ln.norm
    ]
    for line in bios:
        if _BIO.match(line.norm):
            yield Diagnostic(
                line.span,
                "Author bio from the page template left in the copy; delete it or move it to "
                "metadata",
                line_fix(line, safe=False, description="delete the author bio"),
            )
    for first, last, empty in _author_box(article):
        a, b = paras[first], paras[last]
        span = a.span.__class__(a.span.start, b.span.end)
        if empty:
            msg = "Empty author box left in the copy (no author, or a placeholder name); delete it"
        else:
            msg = "Author box left over from the page template; delete it or move it to metadata"
        fix = Fix.delete(
            delete_paragraphs(article, a, b),
            safe=empty,
            description="delete the author box",
        )
        yield Diagnostic(span, msg, fix)


# --- PW011 site navigation -----------------------------------------------------------------

_MENU_SEP = re.compile(r"\s*(?:\||›|»|>|→|/|·|•|::)\s*")
_BREADCRUMB = recache.compile(r"[›»>→/]")
#: ``_MENU_SEP`` finds a match exactly when one of these is in the text (its
#: ``\s*`` may be empty), without trying ``\s*`` at every character
_MENU_MARK = recache.compile(r"[|›»>→/·•]|::")
#: what ``_MENU_MARK`` can find in ASCII text, each found by a C substring scan
_ASCII_MENU_MARKS = ("|", ">", "/", "::")


def _is_menu(text: str, sections: frozenset[str]) -> bool:
    """A menu or breadcrumb trail: "Home | World | Business", "Home › Tech › Europe".

    Three or more short items (at most three words, no sentence punctuation), at
    least two and at least half of them section names; a trail of two that starts
    at "Home" also counts.
    """
    if not _MENU_MARK.search(text):
        return False
    items = [i.strip(" .:-") for i in _MENU_SEP.split(text)]
    items = [i for i in items if i]
    if len(items) < 2 or any(len(i.split()) > 3 or i[-1:] in "!?," for i in items):
        return False
    known = sum(i.lower() in sections for i in items)
    if len(items) == 2:
        return items[0].lower() == "home" and bool(_BREADCRUMB.search(text))
    return known >= 2 and 2 * known >= len(items)


def _is_chrome_row(norm: str, words: frozenset[str], strong: frozenset[str]) -> bool:
    """A row of page controls: "Menu Search Sign in", "Previous article Next article"."""
    found = _LEAD.findall(norm)
    if not 2 <= len(found) <= 8:
        return False
    tokens = []
    for t in found:
        t = t.lower()
        if t not in words:
            return False
        tokens.append(t)
    return any(t in strong for t in tokens)


#: Words one of which every alternative of the built-in navigation regex holds
#: (proved from the parsed regex by tests/test_boilerplate_hints.py); its
#: "\d+ comments" and "Got a tip? ... comments below" alternatives defeat
#: a first-word shortcut (``AD_STARTS``).  User lines turn the shortcut off.
NAV_HINTS = (
    "skip", "top", "comment", "menu", "navigation", "reply", "conversation", "discussion",
    "say", "app", "print", "listen", "home", "kommentar", "startseite", "seitenanfang",
    "oben", "accueil", "haut", "coment", "size", "replies", "email", "report", "volver",
    "komentar", "play", "below", "kembali",
)  # fmt: skip
NAV_BIT = hb.register(NAV_HINTS)


def _check_navigation(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    data = ph.load("navigation")
    extend = tuple(options.get("extend-lines") or ())
    rx = _lines_regex("navigation", extend)
    # the built-in regex runs on ``hint_low`` where the line has one (``phrases.lowered``)
    low_rx = None if extend else _builtin_lines_lowered("navigation")
    bit = 0 if extend else NAV_BIT
    sections = data.words("section_words")
    if options.get("extend-sections"):  # a copy of the built-in words only when extended
        sections = sections | {w.lower() for w in options["extend-sections"]}
    chrome, strong = data.words("chrome_words"), data.words("strong_words")
    starts = _word_starts(chrome)
    table = None if starts is None else _table(starts)  # the prefixes by first character
    get = table.get if table is not None else None
    # The lines one of the three tests below can accept, in one comprehension (most
    # lines cost no call): the regex where the hint bit allows it, a menu where
    # _is_menu's first test (_MENU_MARK; on ASCII text, its four ASCII marks) finds a
    # mark, a chrome row where _first_word_in holds (inline).
    unhinted = rx is not None and not bit  # the regex runs on every line
    menu_mark = _MENU_MARK.search
    lines = [
        ln
        for ln in lines_upto(article, 120)
        if ln.words <= 14
        and (
            unhinted
            or (rx is not None and ln.mask & bit)
            or (
                menu_mark(text) is not None
                if not (text := ln.text).isascii()
                else any(map(text.__contains__, _ASCII_MENU_MARKS))
            )
            or get is None
            or (low := ln.hint_low) is None
            or (
                (sub := get(first := low[(lead := ln.lead) : lead + 1])) is not None
                and low.startswith(sub, lead)
            )
            or first.isdigit()
        )
    ]
    for line in lines:
        if (
            (
                rx is not None
                and (not bit or line.mask & bit)
                and (
                    rx.match(line.norm)
                    if low_rx is None or (low := line.hint_low) is None
                    else low_rx.match(low)
                )
            )
            or _is_menu(line.text, sections)
            or (_first_word_at(line, table) and _is_chrome_row(line.norm, chrome, strong))
        ):
            yield _diag(
                line, "Site navigation or page control left in the copy; delete it", safe=True
            )


# --- PW010 shape-based call-to-action ------------------------------------------------------

_KNOWN = ("paywall", "newsletter", "share", "cookie")


def _known_line(line: Line) -> bool:
    """Would a phrase rule (built-in lists) report this line already?"""
    for name in _KNOWN:
        rx = _builtin_regex(name)  # ``_regex(name, {})``
        if rx and _find_prompt(rx, line, 40, PHRASE_BITS.get(name, 0), _builtin_lowered(name)):
            return True
    return _is_footer(line, {}, 60)


def _check_shape(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    max_words = int(options.get("max-words", 35))
    # shape.may_be_prompt inline, in one comprehension: most lines of copy cost no call
    lines = [
        ln
        for ln in lines_upto(article, max_words * 15)
        if 3 <= ln.words <= max_words
        and (
            (mask := ln.mask) & ANY_FAMILY_BITS
            or mask & _NUM_UNIT == _NUM_UNIT
            or (
                not ln.norm.rstrip().endswith(_CLOSED) and ln.low.rstrip().endswith(TRUNCATED_WORDS)
            )
        )
    ]
    for line in lines:
        guess = guess_prompt(
            line.norm,
            max_words,
            # Line.addressed where a phrase rule has already computed it (the same
            # has_reader_address call guess_prompt makes; None: computed if needed)
            addressed=line._addressed,
            low=line.low,
            hint_low=line.hint_low,
            words=line.words,
            mask=line.mask,
            lead=line.lead,
        )
        if guess is None or _known_line(line):
            continue
        yield Diagnostic(
            line.span,
            f"Looks like a reader prompt left from the page ({guess.describe()}); delete it if "
            "it is not part of the story",
            line_fix(line, safe=False, description="delete the probable prompt"),
        )


def _p(text: str) -> str:
    return text.strip("\n") + "\n"


RULES: tuple[Rule, ...] = (
    Rule(
        code="PW001",
        name="paywall-prompt",
        summary="Paywall, registration or log-in prompt left in the article",
        explanation="""
## What it does
Finds lines such as "Register now to get free unlimited access to" or "Subscribe to
continue reading" that a scraper or CMS import copied from the page around the story.

## Why is this bad?
The prompt belongs to the page, not the story: in the article body it interrupts the
copy, often mid-paragraph, and republishes another site's sales pitch.

A phrase only counts on a short line of its own that speaks to the reader; a sentence
that reports or quotes a prompt (an article about paywalls) is left alone.  The list
holds the common prompts in English, German, French, Spanish, Portuguese and
Indonesian, and locked-story labels ("Exclusive for subscribers", "Plus article").
Prompts in wordings the list does not hold are caught by PW010.
""",
        bad_example=_p("""
The ministers met on Friday.

Register now to get free unlimited access to

The statement followed.
"""),
        good_example=_p("""
The ministers met on Friday.

The statement followed.
"""),
        check=_check_paywall,
        options=_phrase_options(40),
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
    Rule(
        code="PW002",
        name="newsletter-signup",
        summary="Newsletter or e-mail alert sign-up prompt left in the article",
        explanation="""
## What it does
Finds sign-up prompts ("Sign up for our newsletter", "... delivered to your inbox").

## Why is this bad?
Sign-up boxes are page furniture; flattened into the body they read as copy.
""",
        bad_example=_p("""
Sign up for our morning newsletter and get the news delivered to your inbox.
"""),
        good_example=_p("""
The council will publish its decision next week.
"""),
        check=_check_newsletter,
        options=_phrase_options(40),
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
    Rule(
        code="PW003",
        name="share-widget",
        summary="Share or follow widget text left in the article",
        explanation="""
## What it does
Finds share and follow widgets flattened into text ("Share this article", "Follow us
on Twitter", or a line of button labels such as "Facebook Twitter Email").

## Why is this bad?
The buttons do nothing in the copy and make the article look scraped.
""",
        bad_example=_p("""
Share this article on Facebook or Twitter
"""),
        good_example=_p("""
The video was shared widely on Twitter, the company said.
"""),
        check=_check_share,
        options=_phrase_options(40),
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
    Rule(
        code="PW004",
        name="advertisement-marker",
        summary="Advertisement marker left in the article",
        explanation="""
## What it does
Finds lines that are only an advertisement slot's label: "Advertisement", "Sponsored
content", "Story continues below advertisement", "Ads by Google", and the labels of
other languages ("Anzeige", "Publicité", "Publicidad", "Iklan").

## Why is this bad?
The ad is gone; its label is noise in the middle of the story.  Only whole lines match:
a sentence that mentions advertising is not a marker.
""",
        bad_example=_p("""
The plant will close in March.

ADVERTISEMENT

Workers were told on Monday.
"""),
        good_example=_p("""
The plant will close in March.

Workers were told on Monday.
"""),
        check=_check_ads,
        options={"extend-lines": Option([], "Whole-line markers added to the built-in list.")},
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
    Rule(
        code="PW005",
        name="related-link",
        summary="'Read more' or related-content link line left in the article",
        explanation="""
## What it does
Finds link lines ("Read more: ...", "RELATED: ...", "See also: ...", "Lesen Sie auch:
...", "Baca juga: ...") and labels of related-content blocks ("Related stories", "You
may also like", "Popular on Example News").  Only whole lines or a label followed by a
separator count: "Latest figures show ..." is copy.

## Why is this bad?
The links pointed to other pages; in the copy they read as stray headlines.
""",
        bad_example=_p("""
READ MORE: Japan and U.S. vow to collaborate on defence
"""),
        good_example=_p("""
Japan and the U.S. said they would work together on defence.
"""),
        check=_check_related,
        options={
            "extend-prefixes": Option([], "Line-starting labels added to the built-in list."),
            "extend-lines": Option([], "Whole-line labels added to the built-in list."),
            "max-words": Option(30, "Longer lines are never taken for link lines."),
        },
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
    Rule(
        code="PW006",
        name="cookie-notice",
        summary="Cookie or consent notice left in the article",
        explanation="""
## What it does
Finds cookie banners flattened into text ("We use cookies to improve your experience",
"We value your privacy", "Do Not Sell My Personal Information", "Ce site utilise des
cookies").  Reported speech ("regulators said ...") is left alone.

## Why is this bad?
A consent banner is not part of the story.
""",
        bad_example=_p("""
We use cookies to give you the best experience. By continuing to use this site you agree.
"""),
        good_example=_p("""
Regulators fined the company for tracking users without consent.
"""),
        check=_check_cookie,
        options=_phrase_options(50),
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
    Rule(
        code="PW007",
        name="syndication-footer",
        summary="Syndication or copyright footer left in the article",
        explanation="""
## What it does
Finds footers that travelled with syndicated copy: "Our Standards: The Thomson Reuters
Trust Principles.", "This article first appeared in ...", "Reproduced with permission",
"All rights reserved" (and "Alle Rechte vorbehalten", "Tous droits réservés", ...),
wire-feed notes and opinion disclaimers ("The views expressed are those of the author").
A sentence that only starts like a footer ("Originally published in 1851, the novel
sold poorly") is copy.

## Why is this bad?
The footer belongs to the original publisher's page.  Credit lines that are part of the
story ("Additional reporting by ...; Editing by ...") are not footers and do not match.
""",
        bad_example=_p("""
Additional reporting by Go Min Park; Editing by David Dolan

Our Standards: Thomson Reuters Trust Principles.
"""),
        good_example=_p("""
Additional reporting by Go Min Park; Editing by David Dolan
"""),
        check=_check_syndication,
        options=_phrase_options(60),
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
    Rule(
        code="PW008",
        name="author-box",
        summary="Author box (often empty) left at the end of the article",
        explanation="""
## What it does
Finds an "About the author" heading near the end of the copy together with what follows
it: nothing, a placeholder name ("publishing team") or a short template bio.

## Why is this bad?
The author box is part of the page template.  An empty one says nothing; a filled one
belongs in the article's metadata, not its body.
""",
        bad_example=_p("""
Editing by David Dolan

About the author

publishing team
"""),
        good_example=_p("""
Editing by David Dolan
"""),
        check=_check_author_box,
        fix=FixAvailability.SOMETIMES,
        fix_safety=(
            "The fix deletes the heading and the box.  It is safe when the box is empty or "
            "holds only a placeholder name, unsafe when it holds a bio someone may want to keep."
        ),
    ),
    Rule(
        code="PW009",
        name="placeholder-byline",
        summary="Byline that names a placeholder, not an author",
        explanation="""
## What it does
Finds bylines whose name is made only of generic words, with at least one word that no
real byline uses: "Written by publishing team", "By Newsroom Staff", "Posted by admin".
"By Reuters Staff" and "By Staff" are left alone.

## Why is this bad?
A placeholder byline is a CMS default, not a credit: readers cannot tell who wrote the
story.
""",
        bad_example=_p("""
Japan and U.S. vow to collaborate more on defence
Written by publishing team
"""),
        good_example=_p("""
Japan and U.S. vow to collaborate more on defence
By Kiyoshi Takenaka
"""),
        check=_check_byline,
        options={
            "extend-names": Option(
                [], "Whole byline names to treat as placeholders (case-insensitive)."
            )
        },
        fix=FixAvailability.SAFE,
        fix_safety="The fix deletes the byline line only.",
    ),
    Rule(
        code="PW010",
        name="call-to-action",
        summary="Line shaped like a reader prompt (subscribe, sign up, share) in the article",
        explanation="""
## What it does
Finds prompts that no phrase list holds, from their shape: a short line of its own,
addressed to the reader (imperative or "you"), made of the vocabulary of subscriptions,
access, newsletters, sharing, support ("your support", "donate") or offers (prices,
"cancel anytime"), pointing at the publication itself ("this article", "our
journalism", "in your inbox") or cut off mid-phrase ("... get access to").  It needs
two families of vocabulary, or one with the self-reference or the cut; the vocabulary
covers English, German, French, Spanish, Portuguese and Indonesian stems.  Lines that
quote or report ("the paper said", "she urged") are left alone, and a price next to a
named product ("Get Dashlane for $1") is a deal in the copy, not an offer of the page.

## Why is this bad?
Same as PW001-PW003; this rule is the safety net for new wordings.  It is a guess, so
its fix is unsafe.
""",
        bad_example=_p("""
Enjoying our coverage? Become a member today and unlock every premium story.
"""),
        good_example=_p("""
The paper asked readers to subscribe after ten free articles a month, its editor said.
"""),
        check=_check_shape,
        options={"max-words": Option(35, "Longer lines are never taken for prompts.")},
        fix=FixAvailability.UNSAFE,
        fix_safety="The fix deletes the line; it is unsafe because the rule guesses from shape.",
    ),
    Rule(
        code="PW011",
        name="site-navigation",
        summary="Site navigation, breadcrumb or page-control line left in the article",
        explanation="""
## What it does
Finds lines that were the page's controls, not its copy: skip links ("Skip to main
content"), menus and breadcrumb trails ("Home | World | Business", "Home › Tech ›
Europe"), rows of controls ("Menu Search Sign in", "Previous article Next article"),
"Back to top", "Listen to this article", app prompts ("Download the ... app",
"Available on the App Store") and comment prompts ("Leave a reply", "Let us know in
the comments", "Show 12 comments", "Kommentare").

A menu is a line of three or more short items (at most three words each) separated by
`|`, `›`, `»`, `>`, `/`, `·` or `•`, at least half of them section names (list in
`data/navigation.toml`); a row of controls is a short line made only of control words
with at least one that only controls use ("menu", "search", "previous", "next",
"comments").

## Why is this bad?
Extractors and copy-paste flatten the page around the story into its text; the
controls do nothing there and read as stray words.
""",
        bad_example=_p("""
Home | World | Business | Opinion

The ministers met on Friday.
"""),
        good_example=_p("""
The ministers met on Friday.
"""),
        check=_check_navigation,
        options={
            "extend-lines": Option([], "Whole-line control labels added to the built-in list."),
            "extend-sections": Option([], "Section names added to the built-in menu words."),
        },
        fix=FixAvailability.SAFE,
        fix_safety=_SAFE_LINE,
    ),
)
