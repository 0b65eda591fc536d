"""Text-hygiene rules (TX): fragments, truncation, duplicates, mojibake, markup.

These catch what a scraper or a hurried paste leaves in copy.  Every check
makes one pass over a paragraph's clean text with precompiled patterns;
duplicates are found by hashing normalised paragraphs, never by comparing
pairs.  The rules err on the side of silence: lists, tables flattened to
lines, headings without a full stop, tweets, URLs and lowercase brand names
are all normal in real articles.
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

# The quotes plugin owns quotation parsing and attribution patterns; hygiene
# reuses them so a fragment is never reported twice under two codes.
from lintnews.plugins.quotes.rules import (
    candidate_starts,
    mark_needles,
    may_hold_marks,
    orphaned_attribution,
)
from lintnews.plugins.quotes.scan import (
    joined_text,
    line_text,
    paragraph_ends,
    paragraphs_holding,
    reversed_line_text,
    scan_quotes,
)

from lintnews import recache
from lintnews.article import Article, Paragraph, Span
from lintnews.rules import FixAvailability, Option, Rule
from lintnews.violations import Diagnostic, Edit, Fix, Severity

from .align import changed_ranges
from .text import (
    INVISIBLE,
    data,
    ends_with_link,
    first_word,
    function_words,
    has_words,
    is_terminated,
    last_word,
    starts_mid_sentence,
    words,
)

__all__ = ["RULES"]

_PROSE = frozenset({"paragraph", "blockquote"})
_TEXT = attrgetter("text")


def _neighbour(article: Article, p: Paragraph, step: int) -> Paragraph | None:
    i = p.index + step
    if 0 <= i < len(article.paragraphs):
        return article.paragraphs[i]
    return None


def _open_quote_at_end(text: str) -> bool:
    """An opened double quotation with no closing mark."""
    return bool(scan_quotes(text).unclosed)


def _is_split_tail(p: Paragraph | None) -> bool:
    """A paragraph that carries on a sentence begun in the previous one."""
    return (
        p is not None and p.kind in _PROSE and starts_mid_sentence(p.text) and is_terminated(p.text)
    )


# --------------------------------------------------------------------------- TX001

# ". concentration." -- a lowercase word standing as a sentence of its own.
_STRAY_WORD = recache.compile(
    r"(?:(?<=[^\W\d_]{3}[.!?…])|(?<=[^\W\d_]{2}[)\"”’»][.!?…]))[\"”’»)]?\s+(?P<word>[^\W\d_][^\W\d_’'-]*)[.!?][\s\u200b]*$"
)


_STOPS = (".", "!", "?")
_STOPS_ELLIPSIS = (*_STOPS, "…")


def _may_end_in_stray_word(text: str) -> bool:
    """Cheap necessary condition for ``_STRAY_WORD``: the text ends ``[.!?…] word.``.

    The regex tries two lookbehinds at each of the last 64 positions of every
    paragraph; almost every paragraph fails this test first.  Looser than the
    regex (several closing marks may precede the space), never stricter.
    """
    t = text.rstrip()
    while t.endswith("\u200b"):
        t = t.rstrip("\u200b").rstrip()
    if not t.endswith(_STOPS):
        return False
    # t[:-1].rsplit(None, 1) copies the whole paragraph twice; its last 64
    # characters answer alike when they hold the last space with a character
    # that is not a closing mark before it (the same one the whole text
    # ends on once the marks are stripped)
    parts = t[-65:-1].rsplit(None, 1)
    if len(parts) == 2:
        head = parts[0].rstrip('"”’»)')
        if head:
            return head.endswith(_STOPS_ELLIPSIS)
    parts = t[:-1].rsplit(None, 1)
    return len(parts) == 2 and parts[0].rstrip('"”’»)').endswith(_STOPS_ELLIPSIS)


def _after_colon(article: Article, p: Paragraph) -> bool:
    """Whether the previous paragraph ends with a colon (it introduces ``p``)."""
    prev = _neighbour(article, p, -1)
    return prev is not None and prev.text.rstrip(INVISIBLE).endswith(":")


#: a paragraph start each of TX001's first two tests needs: its first
#: character after INVISIBLE ones is a letter (the first word's, lower case),
#: so not an upper-case one (Latin, Latin-1, Greek, Cyrillic capitals here);
#: a lookahead after the "\n" before the paragraph (``line_text``)
_UPPER = "A-ZÀ-ÖØ-ÞΑ-ΩЀ-Я"
_LOWER_START = recache.compile(
    r"\n(?=[ \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff]*[^\W\d_" + _UPPER + "])"
)
#: ``_may_end_in_stray_word``'s shape: ``[.!?…]``, closing marks, white space,
#: a token, white space, ``[.!?]``, then white space or ZWSP to the end; read
#: backwards, a lookahead after the "\n" after the paragraph
#: (``reversed_line_text``).  The token is captured by a lookahead and
#: consumed by a backreference: a shorter run of non-space characters would
#: be followed by one, where \s+ fails, so giving characters back (what the
#: plain ``\S+`` did at every paragraph end) never finds a match.
_STRAY_END_REVERSED = recache.compile(r"\n(?=(?:\s|\u200b)*[.!?]\s*(?=(\S+))\1\s+[\"”’»)]*[.!?…])")


#: ``_lower_starts`` of the current article only (TX001 and TX002 ask for it)
_lower: list[tuple[Article, frozenset[int]]] = []


def _lower_starts(article: Article) -> frozenset[int]:
    """Positions of the paragraphs whose first character after INVISIBLE ones
    is a letter but not a capital (``_LOWER_START``, one search over
    ``line_text``): every paragraph ``starts_mid_sentence`` accepts is here
    (tests/test_hygiene_fastpaths.py), with a few others (a paragraph with
    a line break of its own adds the paragraph its next line starts).
    """
    if _lower and _lower[0][0] is article:
        return _lower[0][1]
    lines = line_text(article)
    found: frozenset[int] = frozenset()
    if lines is not None:
        ends = paragraph_ends(article)
        last = len(lines) - 1  # the final "\n" starts no paragraph
        starts = candidate_starts(article)
        if starts is None:
            found = frozenset(
                bisect_right(ends, m.start()) for m in _LOWER_START.finditer(lines, 0, last)
            )
        else:
            # QT001 matched every "\n" _LOWER_START can match (a first
            # character that is white space or a letter outside _UPPER is
            # not in its _SAFE_FIRST, tests/test_hygiene_fastpaths.py): test
            # those few instead of searching every "\n" again
            match = _LOWER_START.match
            found = frozenset(bisect_right(ends, x) for x in starts if match(lines, x, last))
    _lower[:] = [(article, found)]
    return found


def _fragment_candidates(article: Article) -> Sequence[Paragraph]:
    """The paragraphs TX001 may report, in order.

    Each of its tests needs a paragraph that starts with a letter that is
    not a capital or that ends the way ``_may_end_in_stray_word`` accepts:
    two searches over the article's texts between line breaks, each
    starting with a literal "\n" the regex engine skips to in C, instead of
    three tests on every paragraph (tests/test_hygiene_fastpaths.py
    compares with the per-paragraph tests).
    """
    lines = line_text(article)
    if lines is None:
        return ()
    ends = paragraph_ends(article)
    last = len(lines) - 1  # the final "\n" starts no paragraph
    found = set(_lower_starts(article))
    found.update(
        bisect_left(ends, last - m.start())
        for m in _STRAY_END_REVERSED.finditer(reversed_line_text(article) or "", 0, last)
    )
    paras = article.paragraphs
    return [paras[i] for i in sorted(found)]


def _check_fragment(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    max_words = int(options["max-fragment-words"])
    allowed = frozenset(data()["fragments"]["allowed"])
    abbreviations = frozenset(data()["fragments"]["abbreviations"])
    for p in _fragment_candidates(article):
        if p.kind not in _PROSE:
            continue
        text = p.text
        stripped = text.strip(INVISIBLE)
        # A paragraph of one or two lowercase words: "titles."  (Cheap tests
        # first: this runs on every paragraph.)
        if (
            len(stripped) <= 24 * max_words
            and stripped[-1:] in ".!?"
            and 0 < len(words(stripped)) <= max_words
            and starts_mid_sentence(stripped)
            and words(stripped)[0].lower() not in allowed
        ):
            start = text.find(stripped)
            yield Diagnostic(
                p.span_of(start, start + len(stripped)),
                f"Stray fragment {stripped!r} stands as a paragraph of its own; delete it.",
                Fix.delete(_block_span(article, p), safe=False, description="delete fragment"),
            )
            continue
        # A lowercase paragraph finishing a sentence begun elsewhere.
        if (
            stripped[:1].islower()
            and _is_split_tail(p)
            and not _after_colon(article, p)
            and not orphaned_attribution(p.text)
        ):
            first = p.sentences[0] if p.sentences else None
            end = first.end if first else len(text)
            yield Diagnostic(
                p.span_of(first_word(text)[0], end),
                "Paragraph starts in the middle of a sentence begun in the previous "
                "paragraph; join the two paragraphs.",
            )
            continue
        # A lowercase one-word sentence after a complete one: "role. concentration."
        # anchored at the end: only the last few dozen characters can match
        if not _may_end_in_stray_word(text):
            continue
        for m in _STRAY_WORD.finditer(text, max(0, len(text) - 64)):
            word = m.group("word")
            before = text[: m.start()].split()
            prev = before[-1].strip('"”’»).!?…').lower() if before else ""
            if not word.islower() or word.lower() in allowed or prev in abbreviations:
                continue
            if len(words(text[: m.start()])) < 3:
                continue
            s, e = m.start("word"), m.end()
            # delete the word and the space before it
            ws = m.start("word")
            while ws > 0 and text[ws - 1].isspace():
                ws -= 1
            yield Diagnostic(
                p.span_of(s, e),
                f"Stray fragment {text[s:e]!r} after a complete sentence; delete it.",
                Fix.delete(p.span_of(ws, e), safe=False, description="delete fragment"),
            )


# --------------------------------------------------------------------------- TX002


#: a text ending on one of these is terminated (``is_terminated``'s first tests)
_ENDS_TERMINATED = frozenset(".!?…:;。！？)]}」』")


@cache
def _function_words_by_end() -> dict[str, tuple[str, ...]]:
    """The function words by their last character."""
    by_end: dict[str, list[str]] = {}
    for word in sorted(function_words()):
        by_end.setdefault(word[-1], []).append(word)
    return {end: tuple(words) for end, words in by_end.items()}


@cache
def _function_word_sizes_by_end() -> dict[str, tuple[tuple[int, frozenset[str]], ...]]:
    """The function words by their last character, then by their length."""
    by_size: dict[str, dict[int, set[str]]] = {}
    for word in function_words():
        by_size.setdefault(word[-1], {}).setdefault(len(word), set()).add(word)
    return {
        end: tuple((size, frozenset(words)) for size, words in sorted(sizes.items()))
        for end, sizes in by_size.items()
    }


def _may_end_on_function_word(text: str) -> bool:
    r"""False when ``last_word(text)`` cannot be a function word: cheaper than finding it.

    When the text ends with a letter or digit (``[^\W_]``, ``str.isalnum``:
    what a word starts with), the last word ``_WORD`` finds ends the text (a
    word ends before a character it cannot take, and the final character
    would start another), so a function word it is ends the text too; and
    the character before that word is not a letter or digit, or the word
    starts the text: a word runs on over letters and digits, so one before
    it would have started the word earlier (both lie in ``last_word``'s
    last 80 characters: function words are shorter than 79).  Most texts
    ending on a function word's last letters ("time" on "e") fail the
    second test, so ``last_word`` is seldom needed.
    """
    end = text[-1:]
    if not end.isalnum():
        return True
    if not text.endswith(_function_words_by_end().get(end, ())):
        return False
    n = len(text)
    for size, words_of_size in _function_word_sizes_by_end()[end]:
        if text[-size:] in words_of_size and (n == size or not text[n - size - 1].isalnum()):
            return True
    return False


def _check_truncated(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    min_words = int(options["min-words"])
    fwords = function_words()
    # Necessary conditions of the three reasons, from article-level scans:
    # the next paragraph starts with a small letter (_lower_starts), the
    # text may hold a quotation mark (mark_needles).
    lower = _lower_starts(article)
    needles = mark_needles(article)
    paras = article.paragraphs
    count = len(paras)
    for p in paras:
        # A paragraph that stops without finishing its sentence, with two
        # words or more.  Most paragraphs end on a terminal mark or a closing
        # bracket: is_terminated's first test.
        if p.kind not in _PROSE:
            continue
        text = p.text.rstrip(INVISIBLE)
        end = text[-1:]
        if end in _ENDS_TERMINATED:
            continue
        # Then paragraphs ending on a closing quotation mark after a stop
        # ('said.”'): is_terminated, which rules a paragraph out below, is
        # false for every text ending on a letter, a digit or a comma, so it
        # is asked first only of the others.
        if not end.isalnum() and end != "," and is_terminated(text):
            continue
        # The reason first: most paragraphs left here have none (table
        # rows, credits), and its tests cost less than the ones that rule a
        # paragraph out (terminated, a link, fewer than two words), which
        # follow; every test is pure, so the order changes no answer.
        # ``nxt`` is _neighbour(article, p, 1), looked up only when needed.
        at = p.index + 1
        last = None
        reason = ""
        continued = (
            at in lower
            and 0 <= at < count
            and paras[at].kind in _PROSE
            and starts_mid_sentence(paras[at].text)
        )
        if continued:
            reason = "its sentence continues in the next paragraph; join them"
        else:
            if end == "," or _may_end_on_function_word(text):
                last = last_word(text)
            if (
                last is not None
                and (end == "," or (last.islower() and last in fwords))
                and has_words(text, min_words)
            ):
                reason = f"it ends on {last!r}, mid-sentence; finish or delete the sentence"
            elif (
                may_hold_marks(text, needles)
                and _open_quote_at_end(text)
                and not (0 <= at < count and paras[at].text.lstrip(INVISIBLE)[:1] in '"“„«')
            ):
                reason = "it stops inside an open quotation; finish or delete the sentence"
        if not reason:
            continue
        if is_terminated(text) or ends_with_link(text) or not has_words(text, 2):
            continue
        if continued and not is_terminated(paras[at].text):
            continue  # hard-wrapped lines or list lines: judged at the last line
        if last is None:
            last = last_word(text)
        lw_start = text.rfind(last) if last else max(len(text) - 1, 0)
        yield Diagnostic(
            p.span_of(lw_start, len(text)),
            f"Paragraph is cut off: {reason}.",
        )


# --------------------------------------------------------------------------- TX003


def _block_span(article: Article, p: Paragraph) -> Span:
    """The paragraph plus the blank line that separates it from the previous one."""
    prev = _neighbour(article, p, -1)
    if prev is not None and not article.source[prev.span.end : p.span.start].strip():
        return Span(prev.span.end, p.span.end)
    nxt = _neighbour(article, p, 1)
    if nxt is not None and not article.source[p.span.end : nxt.span.start].strip():
        return Span(p.span.start, nxt.span.start)
    return p.span


def _normalised(text: str) -> str:
    """``" ".join(text.split()).strip(INVISIBLE)``, computed cheaply.

    Most paragraphs are already normalised: no whitespace but single spaces
    (``isprintable`` is false for every other whitespace character), none at
    either end.  Splitting and joining such a text gives it back, so the
    split (a list of every word) is skipped.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.strip(INVISIBLE)
    return " ".join(text.split()).strip(INVISIBLE)


def _fold(normalised: str) -> str:
    """``casefold``; ``lower`` equals it on ASCII and skips its table lookups."""
    return normalised.lower() if normalised.isascii() else normalised.casefold()


def _duplicate_key(text: str) -> str:
    """What TX003 compares: the text with spacing normalised, casefolded."""
    return _fold(_normalised(text))


#: paragraph kind -> whether TX003 compares paragraphs of that kind
_COMPARED_KINDS: dict[str, bool] = {}
#: characters of each text's start that ``_copy_candidates`` compares
_HEAD = 40


def _compared_kind(kind: str) -> bool:
    return not (kind == "heading" or kind == "list-item" or "code" in kind or "table" in kind)


def _copy_candidates(article: Article, min_chars: int) -> list[Paragraph] | None:
    """The paragraphs that may be copies of one another (TX003), in order.

    It compares what each key starts with: ``key[:_HEAD].rstrip(" ")``, a
    function of the key, so equal keys give equal starts and only paragraphs
    sharing a start can be copies (a paragraph with a key of its own neither
    is reported nor changes another's report).  For a text whose first
    ``_HEAD`` characters are printable, without a double space and not
    starting with one, that start is the casefolded head with its one
    trailing space dropped: the normalised text (``_normalised``) starts
    with the head so trimmed (every INVISIBLE character but the space is
    unprintable, tests/test_hygiene_fastpaths.py).  The heads are joined by
    NUL (unprintable: in no head) and casefolded at once, character by
    character (``lower`` on ASCII).  Texts the rule skips on their length
    alone (short ASCII) are left out.  None when some head cannot be read
    this way (or a casefold lengthens one: ß, ligatures): every paragraph
    is then a candidate.
    """
    kinds = _COMPARED_KINDS
    try:
        paras = [p for p in article.paragraphs if kinds[p.kind]]
    except KeyError:
        for p in article.paragraphs:
            kinds.setdefault(p.kind, _compared_kind(p.kind))
        paras = [p for p in article.paragraphs if kinds[p.kind]]
    texts = list(map(_TEXT, paras))
    heads = [t[:_HEAD] for t in texts if len(t) >= min_chars or not t.isascii()]
    if len(heads) < 2:
        return []
    if not all(map(str.isprintable, heads)):
        return None
    joined = "\x00".join(heads)
    if "  " in joined or "\x00 " in joined or joined[:1] == " ":
        return None
    # each head has one trailing space at most: drop it
    joined = joined.replace(" \x00", "\x00")
    if joined[-1:] == " ":
        joined = joined[:-1]
    folded = joined.lower() if joined.isascii() else joined.casefold()
    if len(folded) != len(joined):
        return None
    starts = folded.split("\x00")
    if len(set(starts)) == len(starts):
        return []  # most articles
    shared = {start for start, n in Counter(starts).items() if n > 1}
    kept = [p for p, t in zip(paras, texts, strict=True) if len(t) >= min_chars or not t.isascii()]
    return [p for p, start in zip(kept, starts, strict=True) if start in shared]


def _check_duplicate(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    min_chars = int(options["min-length"])
    min_words = int(options["min-words"])
    candidates = _copy_candidates(article, min_chars)
    if candidates is not None and not candidates:
        return  # most articles: no paragraph is normalised one by one
    # Paragraphs long enough to compare, with a cheap shape: the numbers of
    # spaces, commas and full stops, which casefolding keeps (no character
    # folds to one of them; tests/test_hygiene_fastpaths.py), so equal keys
    # have equal shapes.  Only paragraphs sharing a shape need their key.
    shaped: list[tuple[Paragraph, str, tuple[int, int, int]]] = []
    for p in article.paragraphs if candidates is None else candidates:
        kind = p.kind
        if kind == "heading" or kind == "list-item" or "code" in kind or "table" in kind:
            continue
        text = p.text
        if len(text) < min_chars and text.isascii():
            continue  # on ASCII the key is never longer than the text
        normalised = _normalised(text)
        spaces = normalised.count(" ")  # the key's spaces too
        if spaces + 1 < min_words:
            continue
        # casefold never shortens a text: only a short one needs it measured
        if len(normalised) < min_chars and (
            normalised.isascii() or len(normalised.casefold()) < min_chars
        ):
            continue
        shaped.append((p, normalised, (spaces, normalised.count(","), normalised.count("."))))
    shapes = Counter(shape for _, _, shape in shaped)
    keyed = [(p, _fold(normalised)) for p, normalised, shape in shaped if shapes[shape] > 1]
    seen: dict[str, Paragraph] = {}
    for p, key in keyed:
        seen.setdefault(key, p)
    if len(seen) == len(keyed):
        return  # every key distinct: no copies (most articles)
    # A paragraph that occurs three or more times is structure (the same
    # interview question to each guest, a recipe step), not a scraping
    # accident: deleting its copies is never a safe fix (lintnews.fixing).
    occurrences = Counter(key for _, key in keyed)
    for p, key in keyed:
        first = seen[key]
        if first is p:
            continue
        line = article.position(first.span.start)[0]
        identical = (
            article.source[p.span.start : p.span.end]
            == (article.source[first.span.start : first.span.end])
        )
        yield Diagnostic(
            p.span,
            f"Paragraph repeats paragraph {first.index + 1} (line {line}); delete this copy.",
            Fix.delete(
                _block_span(article, p),
                safe=identical and occurrences[key] == 2,
                description="delete the repeated copy",
            ),
        )


# --------------------------------------------------------------------------- TX004

# Cheap gate before ftfy: UTF-8 read as cp1252/latin-1 leaves these behind:
# [ÃÂÐÑÅ] and a character of [\u0080-\u00ff\u0152-\u02dc\u2013-\u2122], â€,
# ï¿½ or \ufffd.  Written with one leading character class, which the regex
# engine scans for in C (the alternation was tried at every position); the
# lookbehinds then pick the alternative, so it matches where the alternation
# does (tests/test_hygiene_fastpaths.py).
_MOJIBAKE_HINT = recache.compile(
    r"[ÃÂÐÑÅâï\ufffd]"
    r"(?:(?<=[ÃÂÐÑÅ])[\u0080-\u00ff\u0152-\u02dc\u2013-\u2122]|(?<=â)€|(?<=ï)¿½|(?<=\ufffd))"
)


#: what ftfy's package imports from ``ftfy.formatting``: functions, which
#: ``_DeferredModule`` stands in for until first called
_FORMATTING_FUNCTIONS = frozenset(
    {"character_width", "monospaced_width", "display_ljust", "display_rjust", "display_center"}
)


class _DeferredModule(types.ModuleType):
    """Stands in for ``ftfy.formatting`` while ftfy's package is imported.

    Each of the functions it is asked for (``_FORMATTING_FUNCTIONS``) is
    a wrapper that imports the real module on its first call and calls
    the real function; any other name imports the real module at once and
    is read from it, so a name that is not a function still reads right.
    """

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name not in _FORMATTING_FUNCTIONS:
            return getattr(self._real(), name)

        def deferred(*args: Any, **kwargs: Any) -> Any:
            return getattr(self._real(), name)(*args, **kwargs)

        deferred.__name__ = deferred.__qualname__ = name
        return deferred

    def _real(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)


@contextmanager
def _quick_entity_unescape() -> Iterator[None]:
    """While the block runs, ``html.unescape`` answers ``"&NAME;"`` without its regex.

    Importing ``ftfy.chardata`` builds its entity table by asking
    ``html.unescape`` whether the upper case of each of the ~1,400 lower-case
    HTML5 entity names is an entity too (~18M instructions, a fifth of
    importing ftfy, in every worker that meets a mojibake candidate; TX004
    never reads that table, but the import builds it).  For a string that is
    "&", 1 to 32 ASCII letters or digits and ";", ``html.unescape`` makes one
    match of the whole string and answers from the table (``_entity_prefix``);
    any other string goes to the real function.  Restored however the block
    ends.
    """
    import html
    from html.entities import html5

    real = html.unescape
    # "NAME;" is an entity, or its longest entity prefix of two characters or
    # more is one of the keys without ";" (what the start test rules out)
    starts = frozenset(key[:2] for key in html5 if not key.endswith(";"))

    def quick(s: str) -> str:
        if 3 <= len(s) <= 34 and s[0] == "&" and s[-1] == ";":
            name = s[1:]
            letters = name[:-1]
            if letters.isascii() and letters.isalnum():
                found = html5.get(name)
                if found is not None:
                    return found
                return _entity_prefix(name, html5) if name[:2] in starts else s
        return real(s)

    html.unescape = quick
    try:
        yield
    finally:
        if html.unescape is quick:
            html.unescape = real


def _entity_prefix(name: str, html5: Mapping[str, str]) -> str:
    """``html.unescape("&" + name)`` for ``name`` (letters and digits + ";") that is
    no entity: what ``html._replace_charref`` does with the one match, the
    longest entity among its prefixes of two characters or more followed by
    the rest, else the text unchanged."""
    for x in range(len(name) - 1, 1, -1):
        prefix = name[:x]
        if prefix in html5:
            return html5[prefix] + name[x:]
    return "&" + name


@cache
def _fix_encoding() -> Callable[[str], str]:
    """``ftfy.fix_encoding``, imported on first use without ``ftfy.formatting``.

    ftfy's package imports ``ftfy.formatting`` (terminal-width helpers for
    ``ftfy.explain_unicode``), and it imports ``wcwidth``: about half of the
    cost of importing ftfy (~67M of ~142M instructions, ~20 ms of CPU in
    every worker that meets a mojibake candidate), which ``fix_encoding``
    never uses.  While ftfy's package runs, a ``_DeferredModule`` stands in
    for ``ftfy.formatting`` in ``sys.modules``; it is removed afterwards, so
    a later ``import ftfy.formatting`` imports the real module, and
    ``ftfy.display_ljust`` imports it on its first call.  When ftfy (or
    ``ftfy.formatting``) is imported already, it is used as it is.  The
    patterns ftfy compiles as it is imported come from the compiled-regex
    store (``recache.compiles_stored``: ~110M fewer instructions).
    """
    name = "ftfy.formatting"
    if "ftfy" not in sys.modules and name not in sys.modules:
        stand_in = _DeferredModule(name)
        sys.modules[name] = stand_in
        try:
            # ftfy's patterns compile at import; its entity table asks html.unescape
            with recache.compiles_stored(), _quick_entity_unescape():
                import ftfy
        finally:
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    import ftfy

    return ftfy.fix_encoding  # type: ignore[no-any-return]


def _damaged_edits(text: str) -> list[tuple[int, int, str]]:
    fixed = _fix_encoding()(text)
    if fixed == text:
        return []
    edits: list[tuple[int, int, str]] = []
    # the non-"equal" opcodes of difflib.SequenceMatcher(None, text, fixed,
    # autojunk=False), a quarter of its cost (see .align)
    for i1, i2, j1, j2 in changed_ranges(text, fixed):
        if edits and i1 - edits[-1][1] <= 1:  # merge edits one character apart
            s, _e, r = edits.pop()
            gap = text[_e:i1]
            edits.append((s, i2, r + gap + fixed[j1:j2]))
        else:
            edits.append((i1, i2, fixed[j1:j2]))
    return edits


def _texts_to_scan(
    article: Article,
    keep: Callable[[str], Any] | None = None,
    positions: Sequence[int] | None = None,
) -> Iterator[tuple[str, Any]]:
    """Clean texts with a ``(start, end) -> Span`` mapper: headline and paragraphs.

    With ``keep``, only the texts it accepts: tested inside the loop, so the
    many texts a rule's first test rejects are never yielded.  With
    ``positions``, only the paragraphs at those positions (ascending) are
    read: those the others are known to fail ``keep``.
    """
    h = article.headline
    if (
        h is not None
        and (keep is None or keep(h.text))
        and article.source[h.span.start : h.span.end] == h.text
    ):
        base = h.span.start
        yield h.text, lambda s, e, b=base: Span(b + s, b + e)
    paras = article.paragraphs
    for p in paras if positions is None else [paras[i] for i in positions]:
        text = p.text
        if (keep is not None and not keep(text)) or "code" in p.kind:
            continue
        yield text, p.span_of


#: the characters every ``_MOJIBAKE_HINT`` match starts with
_MOJIBAKE_LEADS = ("Ã", "Â", "Ð", "Ñ", "Å", "â", "ï", "\ufffd")


def _hint_at_leads(text: str, leads: tuple[str, ...]) -> bool:
    """TX004's gate, ``_MOJIBAKE_HINT.search(text) is not None``, when ``leads``
    holds every leading character of ``text``.

    A hint match starts on a leading character (``_MOJIBAKE_LEADS``), so
    trying the hint at each of their occurrences (found with ``str.find``,
    in C) answers like a search, without the search's class test at every
    character of the text.
    """
    match = _MOJIBAKE_HINT.match
    for lead in leads:
        at = text.find(lead)
        while at >= 0:
            if match(text, at):
                return True
            at = text.find(lead, at + 1)
    return False


def _check_mojibake(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    # Most articles hold none of the leading characters in any text: one
    # test of the joined texts (joined_text) instead of a regex search per
    # text.  The others search only texts holding a leading character that
    # some text holds (one-character searches, ~30x cheaper than the regex).
    joined = joined_text(article)
    if joined.isascii():
        return
    leads = tuple(c for c in _MOJIBAKE_LEADS if c in joined)
    if not leads:
        return

    def keep(text: str) -> bool:
        return _hint_at_leads(text, leads)

    # a paragraph passing keep holds a leading character
    for text, span_of in _texts_to_scan(article, keep, paragraphs_holding(article, leads)):
        edits = _damaged_edits(text)
        if not edits:
            if "\ufffd" in text:
                i = text.index("\ufffd")
                yield Diagnostic(
                    span_of(i, i + 1),
                    "Replacement character � marks a character lost in decoding; "
                    "restore it from the original.",
                )
            continue
        s, e = edits[0][0], edits[-1][1]
        bad, good = text[edits[0][0] : edits[0][1]], edits[0][2]
        more = f" (and {len(edits) - 1} more)" if len(edits) > 1 else ""
        yield Diagnostic(
            span_of(s, e),
            f"Mojibake {bad!r} should read {good!r}{more}: the text was decoded with the "
            "wrong encoding; apply the fix.",
            Fix(
                tuple(Edit(span_of(a, b), r) for a, b, r in edits),
                safe=True,
                description="repair the encoding damage",
            ),
        )


# --------------------------------------------------------------------------- TX005

_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_TAG_NAMES = (
    "a|abbr|article|aside|audio|b|blockquote|br|button|center|code|div|em|figcaption|figure|"
    "font|footer|form|h[1-6]|header|hr|i|iframe|img|input|label|li|link|meta|nav|noscript|"
    "ol|p|picture|pre|s|script|section|small|source|span|strong|style|sub|sup|svg|table|"
    "tbody|td|th|thead|tr|u|ul|video"
)
_TAG = r"</?(?:" + _TAG_NAMES + r")(?:\s[^<>]{0,300})?/?>"


@lru_cache(maxsize=1)
def _markup() -> tuple[re.Pattern[str], re.Pattern[str], Callable[[str], str]]:
    """TX005's entity and tag patterns and ``html.unescape``, on first use.

    Few articles hold "&" or "<": a run that meets none never compiles the
    patterns nor imports ``html`` (its entity table costs ~1.5 ms to import).
    """
    from html import unescape

    return recache.compile(_ENTITY), recache.compile(_TAG, re.IGNORECASE), unescape


def _has_markup(text: str) -> bool:
    """TX005's gate: an entity or a tag needs "&" or "<"."""
    return "&" in text or "<" in text


def _check_html(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    if not _has_markup(joined_text(article)):
        return  # no text holds "&" or "<" (joined_text)
    entity, tag, unescape = _markup()
    for text, span_of in _texts_to_scan(
        article, _has_markup, paragraphs_holding(article, ("&", "<"))
    ):
        for m in entity.finditer(text):
            decoded = unescape(m.group())
            if decoded == m.group():
                continue
            span = span_of(m.start(), m.end())
            yield Diagnostic(
                span,
                f"HTML entity {m.group()} left in the text; replace it with {decoded!r}.",
                Fix.replace(span, decoded, description=f"decode {m.group()}"),
            )
        for m in tag.finditer(text):
            span = span_of(m.start(), m.end())
            yield Diagnostic(
                span,
                f"HTML tag {m.group()[:40]} left in the text; delete it.",
                Fix.delete(span, description="delete the tag"),
            )


# --------------------------------------------------------------------------- TX006

# Every alternative starts with a literal character (T, [, L, l, $ or X:
# (?i:l) matches only L and l, checked over all code points), so the regex
# engine skips in C to the characters a match can start on instead of trying
# the alternation, and its word-boundary tests, at every position of the
# text.  "\bT" is written "T(?<!\wT)": before a word character, a boundary
# is a character that is not one, or the start of the text.  The same
# matches as the plain pattern (_PLAIN_PLACEHOLDER in
# tests/test_hygiene_fastpaths.py).
_PLACEHOLDER = recache.compile(
    r"T(?<!\wT)K(?:\s?TK)+\b"
    r"|\[\s*(?:TK|TBD|TKTK|XX+|(?i:insert|placeholder|to come|add)\b[^\]\n]{0,80})\s*\]"
    r"|L(?<!\wL)(?i:orem ipsum)\b|l(?<!\wl)(?i:orem ipsum)\b"
    r"|\$XX\b|X(?<!\wX)X(?:,XXX)*%"
)


#: "TK" or "Tk": one regex search with a literal first character, which the
#: engine skips to in C (two two-character substring searches cost 5x more)
_T_K = recache.compile("T[Kk]")


def _placeholder_hint(text: str) -> bool:
    """Whether ``text`` holds "[", "XX", "TK", "Tk", "Lorem", "lorem" or "LOREM".

    The gate the rule has always had (so "LoReM ipsum" stays unreported).
    A one-character search is ~10x cheaper than a longer one on a UCS-2 text,
    so "XX" is looked for only in a text holding "X", and "lorem"/"Lorem"
    only in one holding "orem" (tests/test_hygiene_fastpaths.py compares with
    the seven plain substring tests).
    """
    return (
        "[" in text
        or ("X" in text and "XX" in text)
        or _T_K.search(text) is not None
        or ("orem" in text and ("lorem" in text or "Lorem" in text))
        or "LOREM" in text
    )


def _check_placeholder(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    # A text holding a hint makes the joined texts hold it (joined_text): when
    # they hold none, no text passes the gate (most markdown sources pass the
    # source test on a link's "[", which the clean texts no longer hold).
    if not _placeholder_hint(article.source) or not _placeholder_hint(joined_text(article)):
        return
    for text, span_of in _texts_to_scan(article, _placeholder_hint):
        for m in _PLACEHOLDER.finditer(text):
            yield Diagnostic(
                span_of(m.start(), m.end()),
                f"Placeholder {m.group()!r} left in the copy; replace it with the real text.",
            )


# --------------------------------------------------------------------------- TX007


@lru_cache(maxsize=8)
def _repeat_pattern(doubled: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of the listed words, so other words fail on their first letter."""
    alternatives = "|".join(sorted(map(re.escape, doubled), key=len, reverse=True))
    return recache.compile(r"\b(?P<w>" + alternatives + r")(?P<gap>[ \t]+)(?P=w)\b", re.IGNORECASE)


@lru_cache(maxsize=8)
def _doubling_scan(doubled: tuple[str, ...]) -> re.Pattern[str] | None:
    """A space, then a listed word that the same word and a space precede.

    The literal space lets the regex engine jump from space to space in C;
    at each it tries the words shortest first, grouped by their first letter
    so that a space followed by any other letter costs one test per group,
    not one per word (only one group can match after a given space, and
    within it the order is the same).  None when a word is empty or holds a
    space (the match would not be the occurrence at one space).
    """
    if not all(doubled) or any(" " in w for w in doubled):
        return None
    groups: dict[str, list[str]] = {}
    for w in sorted(dict.fromkeys(doubled), key=len):
        groups.setdefault(w[0], []).append(w)
    return recache.compile(
        " (?:"
        + "|".join(
            re.escape(first)
            + "(?:"
            + "|".join(f"{re.escape(w[1:])}(?<={re.escape(w)} {re.escape(w)})" for w in ws)
            + ")"
            for first, ws in groups.items()
        )
        + ")"
    )


@lru_cache(maxsize=8)
def _has_border(doubled: tuple[str, ...]) -> bool:
    """Whether a listed word starts and ends with another ("a" in "aba").

    Only then can the shortest word doubled around a space differ from the
    word a repeat doubles there (``_bounded``).
    """
    return any(v != w and w.startswith(v) and w.endswith(v) for w in doubled for v in doubled if v)


#: characters ``re.IGNORECASE`` matches to an ASCII letter other than its two
#: cases (İ ı to "i", ſ to "s", the Kelvin sign to "k"; found by trying every
#: code point, tests/test_rules_hygiene.py)
_CASE_SPECIAL = "İıſK"
_WORD_CHAR = recache.compile(r"\w")


def _bounded(lowered: str, s: int, e: int, start: int, end: int) -> bool:
    """Whether the occurrence ``lowered[s:e]`` is a whole word pair in ``[start, end)``."""
    return (s == start or not _WORD_CHAR.match(lowered, s - 1)) and (
        e == end or not _WORD_CHAR.match(lowered, e)
    )


def _needle_occurrences(source: str, doubled: tuple[str, ...]) -> list[tuple[int, int]]:
    """``(start, end)`` of "w w" in ``source`` for the listed words, sorted.

    With ``_doubling_scan``: at every space, the occurrence of the shortest
    word doubled around it (one scan, instead of one ``find`` per word).  A
    longer word doubled around the same space spans more on both sides, so
    any text holding its occurrence holds the shorter one: for "does this
    text hold a needle" both lists answer the same.
    """
    scan = _doubling_scan(doubled)
    found: list[tuple[int, int]] = []
    if scan is not None:
        for m in scan.finditer(source):
            space, end = m.span()
            found.append((2 * space + 1 - end, end))
        return found
    for n in {f"{w} {w}" for w in doubled}:
        at = source.find(n)
        while at >= 0:
            found.append((at, at + len(n)))
            at = source.find(n, at + 1)
    found.sort()
    return found


@lru_cache(maxsize=8)
def _doubled(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The listed words lowered, and each doubled ("the the"): made once per list."""
    doubled = tuple(w.lower() for w in words)
    return doubled, tuple(f"{w} {w}" for w in doubled)


_REPEAT_KINDS = _PROSE | {"list-item", "heading"}


@lru_cache(maxsize=8)
def _ascii_words(doubled: tuple[str, ...]) -> bool:
    """Whether the words are ASCII without "?" (what ``_lowered_for`` puts
    in place of other characters)."""
    return all(w.isascii() and "?" not in w for w in doubled)


def _lowered_for(raw: str, doubled: tuple[str, ...]) -> tuple[str, str]:
    """``raw.lower()``, or a text TX007 reads the same way, made faster; and
    the text whose word characters ``_bounded`` reads.

    Lowering a non-ASCII text goes through Unicode tables character by
    character.  When the words are ASCII (without "?") and ``raw`` holds
    neither İ nor the Kelvin sign (the non-ASCII characters that lower to
    ASCII letters), ``raw`` encoded as Latin-1 with "?" for every other
    character, its ASCII letters lowered (in C) and decoded, puts the same
    ASCII letters and spaces at the same offsets, so the words' occurrences
    are the same (they hold no "?").  ``_bounded`` then reads ``raw``,
    whose characters are word characters where the lowered ones are
    (checked over all code points), instead of the "?".
    """
    if raw.isascii() or not _ascii_words(doubled) or "\u0130" in raw or "\u212a" in raw:
        lowered = raw.lower()
        return lowered, lowered
    return raw.encode("latin-1", "replace").lower().decode("latin-1"), raw


def _check_repeated(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    doubled, needles = _doubled(tuple(options["words"]))
    pattern = _repeat_pattern(doubled)
    source, bounds = _lowered_for(article.source, doubled)
    occurrences = _needle_occurrences(source, doubled)
    if not occurrences:
        return  # one scan of the whole article settles most articles
    present = {source[s:e] for s, e in occurrences}
    raw = article.source
    # When lowering kept every character in place, a verbatim paragraph holds
    # a needle iff an occurrence lies within its span (the only
    # context-dependent lowering, final sigma, never yields ASCII): found by
    # bisection instead of lowering the paragraph and searching it.
    in_place = len(source) == len(raw)
    # Most occurrences lie inside words ("Afric[a a]nd").  A repeat the
    # pattern can report in such a paragraph is a listed word, twice, at
    # word boundaries, around one space when the text holds no tab or double
    # space, in ASCII cases when it holds none of _CASE_SPECIAL: lowered in
    # place, that is an occurrence (the shortest word doubled around that
    # space is the repeated one when no word borders another) whose ends are
    # word boundaries.  Without one the pattern finds nothing: skip it.
    exact_words = _doubling_scan(doubled) is not None and not _has_border(doubled)
    starts = [s for s, _ in occurrences]
    for p in article.paragraphs:
        if p.kind not in _REPEAT_KINDS:
            continue
        # Substring search runs in C and rejects almost every paragraph; only
        # a hit pays for the regex (which also checks word boundaries).  A
        # paragraph that is a verbatim slice of the source can only hold the
        # needles the source holds; clean text (markup removed) may hold others.
        span = p.span
        start, end = span.start, span.end
        text = p.text
        verbatim = raw[start:end] == text
        if verbatim and in_place:
            x = bisect_left(starts, start)
            inside = []
            while x < len(occurrences) and starts[x] < end:
                if occurrences[x][1] <= end:
                    inside.append(occurrences[x])
                x += 1
            if not inside:
                continue
            if (
                exact_words
                and "\t" not in text
                and "  " not in text
                and (text.isascii() or not any(c in text for c in _CASE_SPECIAL))
                and not any(_bounded(bounds, s, e, start, end) for s, e in inside)
            ):
                continue
        else:
            lowered = text.lower()
            if not any(n in lowered for n in (present if verbatim else needles)):
                continue
        for m in pattern.finditer(text):
            yield Diagnostic(
                p.span_of(m.start(), m.end()),
                f"Word repeated: {m.group()!r}; delete one copy.",
                Fix.delete(p.span_of(m.start("gap"), m.end()), description="delete the repeat"),
            )


# --------------------------------------------------------------------------- rules

SENTENCE_FRAGMENT = Rule(
    code="TX001",
    name="sentence-fragment",
    summary="A stray word or the tail of a split sentence stands on its own.",
    explanation="""
## What it does
Reports three kinds of fragment:

- a lowercase word standing as a sentence after a complete one
  ("... increased security role. concentration.");
- a paragraph of at most `max-fragment-words` words that starts in lower case
  and ends with a full stop ("titles.");
- a paragraph that starts in lower case and finishes a sentence the previous
  paragraph left open (a sentence split across paragraphs).

Datelines, lowercase brand names ("iPhone", "eBay"), URLs, addresses and
list lines that are themselves unpunctuated do not fire.

## Why is this bad?
Fragments are debris from scraping and editing; they read as typos and
break the sentence they came from.
""",
    bad_example="""The ministers pledged closer defence ties. concentration.

Although Hitler was born in Braunau in 1889, Austria argued for

decades that it was the first victim of National Socialism.""",
    good_example="""The ministers pledged closer defence ties.

Although Hitler was born in Braunau in 1889, Austria argued for decades that it was
the first victim of National Socialism.""",
    check=_check_fragment,
    options={
        "max-fragment-words": Option(
            2, "Longest lowercase paragraph, in words, reported as a stray fragment."
        )
    },
    fix=FixAvailability.SOMETIMES,
    fix_safety="Stray words and one-word paragraphs can be deleted (unsafe: the word may "
    "belong to a sentence that lost it); split sentences must be joined by hand.",
)

TRUNCATED = Rule(
    code="TX002",
    name="truncated-paragraph",
    summary="A paragraph stops in the middle of a sentence.",
    explanation="""
## What it does
Reports a paragraph with no closing punctuation that

- ends on a comma or a function word ("the", "of", "and", "für", "dan"...),
  with at least `min-words` words;
- or whose sentence carries on in the next paragraph, which starts in lower
  case;
- or stops inside an open quotation that the next paragraph does not carry on.

Headings without a full stop ("New tools"), captions in brackets, list and
table lines, tweets ending in a link or hashtag, and lines ending in an emoji
do not fire.

## Why is this bad?
A cut paragraph loses information and tells the reader the copy is broken:
typical of paywalls, scrapers and truncated feeds.
""",
    bad_example="""The house where Adolf Hitler was born will be turned into a police station,
Austria's interior minister said on""",
    good_example="""The house where Adolf Hitler was born will be turned into a police station,
Austria's interior minister said on Tuesday.""",
    check=_check_truncated,
    options={
        "min-words": Option(
            4, "Fewest words a paragraph ending on a function word needs to be reported."
        )
    },
)

DUPLICATE = Rule(
    code="TX003",
    name="duplicate-paragraph",
    summary="A paragraph appears twice in the article.",
    explanation="""
## What it does
Hashes every paragraph's text (case and spacing normalised) and reports the
second and later copies, naming the first.  Short lines (fewer than
`min-length` characters or `min-words` words), headings and list items are
ignored: recipes, tables and tweet credits repeat them legitimately.

## Why is this bad?
Duplicated paragraphs come from scrapers and copy-paste accidents, and make
the article look broken.
""",
    bad_example="""The weather should ease by Thursday morning, allowing crews to restore power.

Officials urged residents to stay indoors.

The weather should ease by Thursday morning, allowing crews to restore power.""",
    good_example="""The weather should ease by Thursday morning, allowing crews to restore power.

Officials urged residents to stay indoors.""",
    check=_check_duplicate,
    options={
        "min-length": Option(40, "Shortest paragraph, in characters, to compare."),
        "min-words": Option(6, "Shortest paragraph, in words, to compare."),
    },
    fix=FixAvailability.SOMETIMES,
    fix_safety="Deleting a byte-identical copy (with one separating blank line) is safe; "
    "copies that differ in case or spacing, and copies of a paragraph that occurs three or "
    "more times (a repeated interview question, a recipe step), get an unsafe fix.",
)

MOJIBAKE = Rule(
    code="TX004",
    name="mojibake",
    summary="Text decoded with the wrong encoding (â€™ for ’, Ã© for é).",
    explanation="""
## What it does
Looks for the characters that UTF-8 text read as Windows-1252 or Latin-1
leaves behind (Ã, Â, â€, Ð, ï¿½...) and, only then, asks ftfy (a library
built to undo this damage) to repair the text; a violation is reported when
ftfy changes something.  A lone replacement character (�) is reported
without a fix: the original character is lost.

## Why is this bad?
Mojibake makes names and quotations unreadable and signals a broken feed.
""",
    bad_example="Saturnâ€™s moon Titan has vast plains and dunes.",
    good_example="Saturn’s moon Titan has vast plains and dunes.",
    check=_check_mojibake,
    severity=Severity.ERROR,
    fix=FixAvailability.SAFE,
    fix_safety="Replaces only the damaged characters with ftfy's repair.",
)

HTML_LEFTOVER = Rule(
    code="TX005",
    name="html-leftover",
    summary="HTML tags or entities left in the text (&nbsp;, &amp;, <p>, </div>).",
    explanation="""
## What it does
Reports HTML character references that decode to something (`&nbsp;`,
`&amp;`, `&#8217;`) and tags of common HTML elements (`<p>`, `</div>`,
`<br>`) in the clean text.  "a < b", "<3" and `<name@example.com>` are not
tags.  For HTML input the reader has already decoded the markup, so what
is left here was escaped twice at the source.

## Why is this bad?
Readers see the raw markup; it shows the copy went through a broken
conversion.
""",
    bad_example="Taylor Swift&nbsp;will be honored at the awards. <p>Read on.</p>",
    good_example="Taylor Swift will be honored at the awards. Read on.",
    check=_check_html,
    fix=FixAvailability.SAFE,
    fix_safety="Entities are replaced by the character they stand for; tags are deleted.",
)

PLACEHOLDER = Rule(
    code="TX006",
    name="placeholder-text",
    summary="Placeholder text left in the copy (TKTK, [INSERT ...], lorem ipsum, $XX).",
    explanation="""
## What it does
Reports the markers editors use for copy still to come: "TKTK", "[TK]",
"[INSERT QUOTE]", "[TBD]", "lorem ipsum", "$XX", "XX%".  A bare "TK" or
"XX" is not reported: it is also an abbreviation (Techniker Krankenkasse)
and a Roman numeral.

## Why is this bad?
Published placeholders are an embarrassing sign that copy went out unfinished.
""",
    bad_example="The company expects revenue of $XX million, said [INSERT NAME].",
    good_example="The company expects revenue of $40 million, said Jane Smith.",
    check=_check_placeholder,
    severity=Severity.ERROR,
)

REPEATED = Rule(
    code="TX007",
    name="repeated-word",
    summary='A word is typed twice in a row ("the the").',
    explanation="""
## What it does
Reports a word immediately repeated, case-insensitively, when it is in the
`words` list of words whose doubling is never grammatical ("the the",
"of of", "to to").  "had had", "that that" and "is is" are left alone: they
can be correct.

## Why is this bad?
It is the commonest typo that spell checkers miss.
""",
    bad_example="The the minister said the plan would go ahead.",
    good_example="The minister said the plan would go ahead.",
    check=_check_repeated,
    options={
        "words": Option(
            list(data()["repeated"]["words"]),
            "Words reported when doubled; extend it for your language.",
        )
    },
    fix=FixAvailability.SAFE,
    fix_safety="Deletes the second copy and the space before it.",
)

RULES = (
    SENTENCE_FRAGMENT,
    TRUNCATED,
    DUPLICATE,
    MOJIBAKE,
    HTML_LEFTOVER,
    PLACEHOLDER,
    REPEATED,
)
