"""Quotation rules (QT): orphaned attributions, unbalanced and mixed marks.

Scrapers and careless edits damage quotations in typical ways: the quoted
words vanish and leave their attribution behind ("said Daniel Russell, who
served as ..."), or a closing mark is lost.  These rules look for exactly
those kinds of damage and stay silent on the many legitimate shapes of
quotation in real copy (multi-paragraph quotes, German „…“, French «…»,
Japanese 「…」, inch marks, apostrophes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from lintnews import recache
from lintnews.article import Article, Paragraph
from lintnews.rules import FixAvailability, Option, Rule
from lintnews.violations import Diagnostic, Fix, Severity

from .._data import load_toml
from .scan import (
    joined_text,
    line_text,
    opens_with_quote,
    paragraph_ends,
    paragraphs_holding,
    scan_quotes,
)

__all__ = ["RULES", "candidate_starts", "mark_needles", "may_hold_marks", "orphaned_attribution"]

#: block kinds whose text is prose a quotation can live in
_PROSE = frozenset({"paragraph", "blockquote"})
#: text a block may start with that is not part of its first word
_LEAD = " \t\u200b\u2060\ufeff"


@cache
def _data() -> dict[str, Any]:
    return load_toml(__package__, "data", "attribution.toml")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _data()
    verbs = "|".join(sorted(map(re.escape, data["verbs"]), key=len, reverse=True))
    tail = "|".join(sorted(map(re.escape, data["tail_verbs"]), key=len, reverse=True))
    # ties alphabetical: a set's order changes per process, the regex must not
    verb_first = sorted(
        set(data["verbs"]) - set(data["not_verb_first"]), key=lambda v: (-len(v), v)
    )
    pronouns = "|".join(map(re.escape, data["pronouns"]))
    name = r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*"
    speaker = r"(?:(?i:" + pronouns + r")|" + name + r")\s+(?:" + tail + r")\b"
    # What "speaker" needs, cheaply: a token (the pronoun or the first name
    # word: a whole run of non-space characters, as "speaker" ends each with
    # white space), white space, then up to three more tokens starting with
    # a capital (the other name words) and a token starting with a verb.
    # Each token is captured by a lookahead and consumed by a backreference,
    # so a failure does not backtrack through its characters (a shorter run
    # would be followed by a non-space character, and \s+ would fail).  Most
    # paragraphs fail at their second word ("The government ..."), instead
    # of running "speaker", whose repeated name words backtrack at length.
    token = r"(?=(\S*))\{n}\s+"
    verb = r"(?:" + tail + r")"
    guard = verb
    for n in (4, 3, 2):
        guard = verb + r"|[A-Z]" + token.format(n=n) + r"(?:" + guard + r")"
    guard = r"(?=(?=(\S+))\1\s+(?:" + guard + r"))"
    return {
        # "said Daniel Russell, who ..." / "” said X" / "according to X."
        "verb_first": recache.compile(
            r"[\"”’»]?\s*,?\s*(?:(?:" + "|".join(map(re.escape, verb_first)) + r")\s+\S"
            r"|according\s+to\s)"
        ),
        # what "pronoun" and "name" start with: one test rules both out
        "speaker": recache.compile(speaker),
        # the paragraphs _check_orphaned tests, found from the "\n" before
        # each (line_text): a first character _speaker_only does not rule
        # out, or the speaker start behind its guard (lookaheads: a match
        # never takes more than the "\n", so none hides the next paragraph's)
        "candidate": recache.compile(
            r"\n(?:(?![" + _SAFE_FIRST + r"])|" + guard + r"(?=" + speaker + r"))"
        ),
        # a paragraph ending with ":" then white space: a ":" that only
        # white space separates from a "\n" (line_text; a lookahead, so the
        # match is the ":" alone)
        "colon_end": recache.compile(r":(?=\s*\n)"),
        # "he added." / "it said in a statement."
        "pronoun": recache.compile(
            r"(?i:" + pronouns + r")\s+(?:" + tail + r")\b(?P<rest>[^.!?\"“”]{0,60}?)[.!?](?=\s|$)"
        ),
        # "Hamilton said." / "Raab told the BBC." / "Heyward said, via ..."
        "name": recache.compile(
            name + r"\s+(?:" + tail + r")\b(?P<rest>[^.!?\"“”]{0,80}?)[.!?](?=\s|$)"
        ),
        # "the spokesperson said." / "an officer told the girl." (lower case: the
        # quotation that opened the sentence is gone)
        "noun": recache.compile(
            r"(?:the|a|an|one|another|his|her|their|its|our|two|three|several|some)\s+"
            r"(?:[\w’'-]+\s+){0,4}?(?:" + tail + r")\b(?P<rest>[^.!?\"“”]{0,60}?)[.!?](?=\s|$)"
        ),
        # "Hrafnsson said:" / "Nair told reporters:" with no quotation after the colon
        "colon": recache.compile(
            r"(?:[^\s\"“”«»]+\s+){0,12}?(?:" + tail + r")\b[^.!?:\"“”«»\n]{0,40}:\s*$"
        ),
        "attribution": recache.compile(r"\b(?:" + verbs + r")\b|\baccording to\b", re.IGNORECASE),
        "lone_close": recache.compile(r"[\"”’»」』\s.,]+"),
    }


def _lead(text: str) -> int:
    i = 0
    while i < len(text) and text[i] in _LEAD:
        i += 1
    return i


def _short_tail(rest: str, max_words: int) -> bool:
    """Whether what follows "X said" is a short attribution, not reported speech."""
    words = rest.replace(",", " ").split()
    if len(words) > max_words:
        return False
    return not any(w.lower() in _CLAUSE_WORDS for w in words)


#: words that make the rest of "X said ..." a reported clause, not an attribution
_CLAUSE_WORDS = frozenset(
    {
        "that",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "is",
        "was",
        "were",
        "are",
        "will",
        "would",
        "has",
        "have",
        "had",
        "could",
        "can",
        "should",
        "did",
        "does",
        "do",
        "may",
        "might",
        "must",
        "be",
        "been",
    }
)


#: first characters the lone-mark, verb-first and lead tests of _orphan_match
#: look for (besides lower case and white space)
_MAY_LEAD = frozenset('"”’»」』.,\u200b\u2060\ufeff')


def _speaker_only(text: str) -> bool:
    """Whether only the "pronoun" and "name" patterns can match ``text``."""
    c = text[:1]
    return bool(c) and not c.islower() and not c.isspace() and c not in _MAY_LEAD


def _orphan_match(text: str, max_words: int) -> tuple[int, int, str] | None:
    """``(start, end, kind)`` of an attribution left without its quotation.

    Most paragraphs start with a capital, a digit or a dash: when the first
    character is not lower case, white space or one of ``_MAY_LEAD``, only
    the "pronoun" and "name" patterns can match (the other tests need one of
    those first), and "speaker", the start both share, usually fails at once.
    """
    pats = _patterns()
    if _speaker_only(text) and not pats["speaker"].match(text):
        return None
    start = _lead(text)
    if start >= len(text):
        return None
    if pats["lone_close"].fullmatch(text, start) and any(c in text for c in '"”»」』'):
        return start, len(text), "a lone closing quotation mark"
    first = text[start]
    if (first.islower() or first in '"”’»,') and pats["verb_first"].match(text, start):
        return start, len(text), "attribution"
    if first.islower():
        m = pats["noun"].match(text, start)
        if m and _short_tail(m.group("rest"), max_words):
            return start, m.end(), "attribution"
    if opens_with_quote(text[start:]):
        return None
    for key in ("pronoun", "name"):
        m = pats[key].match(text, start)
        after = text[m.end() : m.end() + 2].strip() if m else ""
        if after[:1].isdigit() or after[:1].islower():
            continue  # the full stop was an abbreviation's: "added Nov. 18"
        if m and _short_tail(m.group("rest"), max_words):
            return start, m.end(), "attribution"
    return None


def orphaned_attribution(text: str, max_words: int = 8) -> bool:
    """Whether ``text`` opens with an attribution whose quotation is missing."""
    return _orphan_match(text, max_words) is not None


def _colon_orphan(article: Article, p: Paragraph) -> tuple[int, int, str] | None:
    """ "X said:" closing a paragraph when no quotation follows it.

    The quotation an introducing colon announces opens the next paragraph
    (with a quotation mark) or is set as a block quotation or list; when the
    next block is ordinary prose without a quotation mark, or there is none,
    the quotation was lost.
    """
    text = p.text
    if not text.rstrip().endswith(":") or len(text.split()) > 16:
        return None
    start = _lead(text)
    if not _patterns()["colon"].fullmatch(text, start):
        return None
    nxt = _next_prose(article, p)
    if nxt is not None and (nxt.kind != "paragraph" or opens_with_quote(nxt.text)):
        return None
    if nxt is not None and nxt.text.lstrip()[:1] in "-–—•*(":
        return None
    # Written words (a tweet, a post, a letter) are often reproduced without
    # quotation marks: "Trump tweeted:" followed by the tweet's text.
    if _written().search(text) or (nxt is not None and "@" in nxt.text):
        return None
    return start, len(text.rstrip()), "attribution"


@cache
def _written() -> re.Pattern[str]:
    """Verbs of written words (compiled on first use: few paragraphs end "X said:")."""
    return recache.compile(r"\b(?:wrote|writes|tweeted|tweets|posted|posts|reads|read)\b")


#: first characters after which _speaker_only holds (none is lower case,
#: white space or in _MAY_LEAD): a paragraph starting otherwise is a QT001
#: candidate without a speaker test
_SAFE_FIRST = r"A-Z0-9À-ÖØ-ÞΑ-ΩЀ-Я“«(—–\-‘\[*#•$€£@&/%+"


#: the "\n" offsets in ``line_text`` the current article's start search
#: matched (TX001 filters them instead of searching every "\n" again)
_starts: list[tuple[Article, list[int]]] = []


def candidate_starts(article: Article) -> list[int] | None:
    """The "\n" offsets QT001's start search matched in ``line_text(article)``.

    None unless QT001 has searched this article (the current one only).
    Every "\n" followed by white space or by a letter that is not a capital
    of ``_SAFE_FIRST`` is among them: the search matches where the first
    character is not in ``_SAFE_FIRST``.
    """
    if _starts and _starts[0][0] is article:
        return _starts[0][1]
    return None


def _orphan_candidates(article: Article) -> Sequence[Paragraph]:
    """The paragraphs ``_check_orphaned`` may report, in order.

    A paragraph is tested only when _speaker_only does not hold, or the
    speaker pattern matches its start, or it ends with a colon: two
    searches over the texts between line breaks (``line_text``), one for a
    "\n" and a lookahead, one for a ":" and a lookahead (literals the regex
    engine skips to in C), instead of tests on every paragraph
    (tests/test_quotes_fastpaths.py compares with every paragraph).
    """
    lines = line_text(article)
    if lines is None:
        return ()
    pats = _patterns()
    ends = paragraph_ends(article)
    last = len(lines) - 1  # the final "\n" starts no paragraph
    starts = [m.start() for m in pats["candidate"].finditer(lines, 0, last)]
    _starts[:] = [(article, starts)]
    found = {bisect_right(ends, x) for x in starts}
    # the ":" found with str.find (a memchr) instead of the regex engine's
    # character-by-character search for its literal first character
    colon_end = pats["colon_end"].match
    find = lines.find
    at = find(":")
    while at >= 0:
        if colon_end(lines, at):
            found.add(bisect_right(ends, at))
        at = find(":", at + 1)
    paras = article.paragraphs
    return [paras[i] for i in sorted(found)]


def _check_orphaned(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    max_words = int(options["max-tail-words"])
    speaker = _patterns()["speaker"].match
    for p in _orphan_candidates(article):
        if p.kind not in _PROSE:
            continue
        text = p.text
        # _orphan_match's first test, inlined: it rules out most paragraphs
        if _speaker_only(text) and not speaker(text):
            found = None
        else:
            found = _orphan_match(text, max_words)
        if not found and text.rstrip().endswith(":"):
            found = _colon_orphan(article, p)
        if not found:
            continue
        start, end, what = found
        if what == "attribution":
            snippet = p.text[start:end]
            if len(snippet) > 60:
                snippet = snippet[:57].rstrip() + "..."
            message = (
                f"Paragraph starts with the attribution {snippet!r} of a quotation that is "
                "not there; restore the quotation or delete the fragment."
            )
        else:
            message = "Paragraph is a lone closing quotation mark; delete it."
        span = p.span_of(start, len(p.text)) if what != "attribution" else p.span_of(start, end)
        # Deleting the paragraph is a fix only when the fragment is all of it:
        # words after the attribution are the author's, which the fix
        # guarantee (lintnews.fixing) protects.
        whole = not p.text[:start].strip() and not p.text[end:].strip(" \t\n\r.,;:")
        fix = (
            Fix.delete(p.span, safe=False, description="delete the orphaned fragment")
            if what != "attribution" or whole
            else None
        )
        yield Diagnostic(span, message, fix)


def _next_prose(article: Article, p: Paragraph) -> Paragraph | None:
    following = article.paragraphs[p.index + 1 : p.index + 2]
    return following[0] if following else None


#: every mark ``scan_quotes`` finds is one of these, or a single mark doubled
_DOUBLE_MARKS = ('"', "“", "”", "„", "«", "»", "「", "」", "『", "』")
_SINGLE_MARKS = ("’", "'", "‘")


#: ``mark_needles`` of the current article only (QT002 and TX002 ask for it)
_needles: list[tuple[Article, tuple[str, ...]]] = []


def mark_needles(article: Article) -> tuple[str, ...]:
    """Substrings of which a paragraph with a quotation mark holds one.

    The double marks some text of the article holds, and each single mark
    doubled (’’ '' ‘‘) that some text holds: a mark no text holds is not in
    the joined texts (``joined_text``).  A doubled mark is looked for only
    when the single one is there (one-character searches are ~10x cheaper
    than longer ones); most articles hold apostrophes but no doubled one,
    and every search of a needle (``paragraphs_holding``, ``may_hold_marks``
    on each text) would cost what this one does.
    """
    if _needles and _needles[0][0] is article:
        return _needles[0][1]
    joined = joined_text(article)
    doubled = tuple(m + m for m in _SINGLE_MARKS if m in joined and m + m in joined)
    needles = tuple(m for m in _DOUBLE_MARKS if m in joined) + doubled
    _needles[:] = [(article, needles)]
    return needles


def may_hold_marks(text: str, needles: tuple[str, ...]) -> bool:
    """Whether ``text``, one of the article's texts, may hold a quotation mark.

    ``scan_quotes(text).marks`` is 0 when this is false: ASCII text needs
    ``"`` or ``''``, any other text one of the article's ``mark_needles``.
    """
    if text.isascii():
        return '"' in text or "''" in text
    return any(map(text.__contains__, needles))


def _check_unbalanced(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    report_stray = bool(options["report-stray-closing"])
    needles = mark_needles(article)
    if not needles:
        return  # no quotation mark anywhere: every scan would be empty
    # Only the paragraphs holding a needle can hold a mark (may_hold_marks:
    # an ASCII text holding " or '' holds a needle, and none other): found
    # in the joined texts, not by tests on every paragraph (most paragraphs
    # of an article whose apostrophes make it non-ASCII hold no quotation).
    paras = article.paragraphs
    for i in paragraphs_holding(article, needles):
        p = paras[i]
        text = p.text
        if "code" in p.kind:
            continue
        scan = scan_quotes(text)
        if scan.unclosed:
            nxt = _next_prose(article, p)
            if nxt is not None and opens_with_quote(nxt.text):
                continue  # a quotation running on into the next paragraph
            pos, _mark = scan.unclosed[0]
            yield Diagnostic(
                p.span_of(pos, pos + 1),
                f"Quotation opened with {p.text[pos]} is never closed; add the closing mark, "
                "or open the next paragraph with a quotation mark if the quotation continues.",
            )
        elif report_stray and scan.stray:
            pos = scan.stray[0]
            yield Diagnostic(
                p.span_of(pos, pos + 1),
                f"Closing quotation mark {p.text[pos]} closes no quotation; add the opening "
                "mark or delete this one.",
            )


def _check_unattributed(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    min_words = int(options["min-words"])
    attribution = _patterns()["attribution"]
    paras = article.paragraphs
    for p in paras:
        if p.kind not in _PROSE:
            continue
        start = _lead(p.text)
        text = p.text[start:].rstrip()
        if not text or not opens_with_quote(text) or len(text.split()) < min_words:
            continue
        scan = scan_quotes(text)
        if scan.unclosed or scan.marks < 2:
            continue
        last = max(text.rfind(c) for c in '"”»」』')
        if len(text) - last > 3:
            continue  # the quotation is followed by other words: its attribution, say
        window = [q.text for q in paras[max(p.index - 1, 0) : p.index + 2]]
        if any(attribution.search(t) for t in window) or (
            p.index > 0 and paras[p.index - 1].text.rstrip().endswith(":")
        ):
            continue
        yield Diagnostic(
            p.span_of(start, start + 1),
            "Quotation has no attribution in this or the neighbouring paragraphs; say who "
            "is speaking.",
        )


def _check_mixed(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    straight: list[tuple[Paragraph, int]] = []
    curly: list[tuple[Paragraph, int]] = []
    for p in article.paragraphs:
        if "code" in p.kind:
            continue
        for m in re.finditer(r"[\"“”]", p.text):
            i = m.start()
            if m.group() == '"':
                if i > 0 and p.text[i - 1].isdigit():
                    continue  # inch mark
                straight.append((p, i))
            else:
                curly.append((p, i))
    if not straight or not curly:
        return
    minority, style = (straight, "straight") if len(straight) <= len(curly) else (curly, "curly")
    p, i = minority[0]
    yield Diagnostic(
        p.span_of(i, i + 1),
        f"Article mixes straight and curly quotation marks; this {style} one is in the "
        f"minority ({len(minority)} of {len(straight) + len(curly)}): use one style throughout.",
    )


ORPHANED = Rule(
    code="QT001",
    name="orphaned-quote-fragment",
    summary="A paragraph starts with the attribution of a quotation that is missing.",
    explanation="""
## What it does
Flags a paragraph that opens with what is left of a quotation once the quoted
words are gone: a speech verb in lower case ("said Daniel Russell, who ..."),
"according to ..." in lower case, a bare "he added.", "Hamilton said." or
"the spokesperson said.", an introduction ending in a colon ("Hrafnsson
said:") that no quotation, block quotation or list follows, or a lone
closing quotation mark.

## Why is this bad?
Scrapers and careless cuts drop the quotation and keep its attribution.  The
reader meets an attribution of nothing, and the quote the reporter gathered is
lost.

Reported speech ("Hamilton said the plan would fail.") and attributions that
introduce a quotation ("He added: “...”") do not fire: after a capitalised
name or pronoun the speech verb must end its sentence within
`max-tail-words` words.
""",
    bad_example="""“The alliance is solid,” she said.

said Daniel Russell, who served as Obama’s chief US diplomat for Asia.""",
    good_example="""“This is a powerful expression of alliance solidarity,” said Daniel Russell,
who served as Obama’s chief US diplomat for Asia.""",
    check=_check_orphaned,
    severity=Severity.ERROR,
    options={
        "max-tail-words": Option(
            8,
            "Most words allowed between the speech verb and the full stop in a "
            "'Name said ...' fragment; longer sentences are reported speech.",
        )
    },
    fix=FixAvailability.UNSAFE,
    fix_safety="Deletes the fragment's paragraph; unsafe because restoring the quotation "
    "is usually the right repair.",
)

UNBALANCED = Rule(
    code="QT002",
    name="unbalanced-quotes",
    summary="A quotation is opened and never closed (or closed and never opened).",
    explanation="""
## What it does
Pairs the double quotation marks of each paragraph ("…", “…”, „…“, «…»,
»…«, 「…」) and reports an opening mark with no closing mark.  It follows the
newsroom convention for long quotations: a paragraph may leave a quotation
open when the next paragraph opens with a quotation mark.  Single marks are
ignored (they are mostly apostrophes: "Japan’s", "rock ’n’ roll", "’90s"), as
are inch marks ('65" TV').

## Why is this bad?
A lost closing mark makes the reporter's words read as the source's, which
is an accuracy problem as well as a typo.
""",
    bad_example="""Malaska asked, “Could it live deep in the crust where it is warmer?

Scientists are not sure.""",
    good_example="""Malaska asked, “Could it live deep in the crust where it is warmer?”

Scientists are not sure.""",
    check=_check_unbalanced,
    options={
        "report-stray-closing": Option(
            False,
            "Also report closing marks that close nothing (off by default: real copy "
            "uses ” and ’’ as openers often enough to be noisy).",
        )
    },
)

UNATTRIBUTED = Rule(
    code="QT003",
    name="unattributed-quote",
    summary="A quotation paragraph with no attribution in it or next to it.",
    explanation="""
## What it does
Reports a paragraph that is entirely a quotation of at least `min-words`
words when neither it nor the paragraph before or after names a speaker with
a speech verb ("said", "told", "according to", ...), and the paragraph before
does not introduce it with a colon.

## Why is this bad?
Every quotation needs a source; a scraper that drops attribution paragraphs
leaves quotes that nobody said.  Off by default: feature copy sometimes
attributes a quote several paragraphs away.
""",
    bad_example="""The council met on Monday.

“We will not raise taxes this year, whatever happens.”

The budget is due in March.""",
    good_example="""The council met on Monday.

“We will not raise taxes this year, whatever happens,” the mayor said.""",
    check=_check_unattributed,
    severity=Severity.INFO,
    options={"min-words": Option(8, "Shortest quotation paragraph, in words, to check.")},
    enabled_by_default=False,
)

MIXED = Rule(
    code="QT004",
    name="mixed-quote-styles",
    summary='An article mixes straight (") and curly (“ ”) double quotation marks.',
    explanation="""
## What it does
Counts straight and curly double quotation marks in the article (inch marks
after a digit excluded) and, when both occur, points at the first mark of
the less used style.

## Why is this bad?
Mixed styles are a sign of text pasted from several sources and look
careless.  Off by default: much syndicated copy mixes styles harmlessly.
""",
    bad_example="""“We are ready,” she said. He replied, "So are we."\n""",
    good_example="""“We are ready,” she said. He replied, “So are we.”\n""",
    check=_check_mixed,
    severity=Severity.INFO,
    enabled_by_default=False,
)

RULES = (ORPHANED, UNBALANCED, UNATTRIBUTED, MIXED)
