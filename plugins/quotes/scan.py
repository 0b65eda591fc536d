"""Finds the quotation marks of a paragraph and pairs them up.

Double quotation marks only: single marks double as apostrophes ("Japan’s",
"rock ’n’ roll", "’90s") and feet ("5'10"), so counting them would mostly
count apostrophes.  The direction of an ambiguous mark (the straight ``"``,
a ``”`` used as an opener in Swedish or Finnish copy, ``“`` closing a German
``„``) comes from its neighbours: a mark after a space and before a letter
opens, one after a letter and before a space or punctuation closes.  Two
single marks in a row (``’’``, ``''``, ``‘‘``) are read as one double mark,
as typewriter-era copy writes them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter

from lintnews import recache
from lintnews.article import Article

__all__ = [
    "QuoteScan",
    "joined_text",
    "line_text",
    "paragraph_ends",
    "paragraphs_holding",
    "reversed_line_text",
    "scan_quotes",
]

# One pattern so a paragraph is scanned in one pass: a double mark, or a
# doubled single mark (’’ '' ‘‘).  Every match starts with a character of the
# leading class, so the regex engine skips to candidates in C; the
# lookbehinds then accept a double mark alone, or a single mark followed by
# its twin.  (The plain alternation ``[...]|’’|''|‘‘`` finds the same marks,
# tests/test_quotes_fastpaths.py, but is tried at every position: twice the CPU.)
_MARKS = recache.compile(r"[\"“”„«»「」『』’'‘](?:(?<=’)’|(?<=')'|(?<=‘)‘|(?<=[\"“”„«»「」『』]))")
_OPEN_ONLY = {"„": "„", "「": "「", "『": "『", "‘‘": "“"}
_CLOSERS_OF = {"「": "」", "『": "』"}


@dataclass(frozen=True, slots=True, init=False)
class QuoteScan:
    """Result of pairing one paragraph's quotation marks.

    ``unclosed`` holds ``(offset, mark)`` of openers still open at the end of
    the paragraph, outermost first; ``stray`` the offsets of closing marks
    that close nothing.  ``marks`` counts the quotation marks seen.
    """

    unclosed: tuple[tuple[int, str], ...]
    stray: tuple[int, ...]
    marks: int
    straight: int
    curly: int

    def __init__(
        self,
        unclosed: tuple[tuple[int, str], ...],
        stray: tuple[int, ...],
        marks: int,
        straight: int,
        curly: int,
    ) -> None:
        # each field through its slot descriptor: the frozen dataclass
        # __init__ calls object.__setattr__ per field (lintnews.article does
        # the same for its classes)
        _set_unclosed(self, unclosed)
        _set_stray(self, stray)
        _set_marks(self, marks)
        _set_straight(self, straight)
        _set_curly(self, curly)


_set_unclosed, _set_stray, _set_marks, _set_straight, _set_curly = (
    QuoteScan.__dict__[name].__set__ for name in ("unclosed", "stray", "marks", "straight", "curly")
)


def _left_flanking(text: str, i: int, width: int) -> bool:
    """True when the mark at ``i`` looks like an opener ("␣“Word")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def _right_flanking(text: str, i: int, width: int) -> bool:
    """True when the mark at ``i`` looks like a closer ("word.”␣")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


#: the double marks ``_MARKS`` finds alone (besides ``"``, “ and ”)
_OTHER_DOUBLES = ("„", "«", "»", "「", "」", "『", "』")


def scan_quotes(text: str) -> QuoteScan:
    """Pair the double quotation marks of ``text`` with a stack.

    Shortcuts answer most paragraphs without the stack, and without the
    marks regex, whose leading class costs a test per character: which
    marks a text holds is found with one-character substring tests (C, a
    memchr each).  A text whose only marks are ``"`` is paired by
    ``_pair_straight``; one whose only marks are “ and ”, in the order
    “ ” “ ” ..., pairs off in order (each “ opens on an empty stack, each ”
    closes it).  Any other text is scanned with ``_MARKS``.
    """
    if text.isascii():
        if "''" in text:
            return _scan_marks(text)
        if '"' not in text:
            return _NO_MARKS
        return _pair_straight(text, text.count('"'))
    if "’’" in text or "''" in text or "‘‘" in text or any(map(text.__contains__, _OTHER_DOUBLES)):
        return _scan_marks(text)
    straight = '"' in text
    if "“" not in text and "”" not in text:
        return _pair_straight(text, text.count('"')) if straight else _NO_MARKS
    if straight:
        return _scan_marks(text)
    n = _curly_pairs(text)
    if n:
        return QuoteScan((), (), n, 0, n)
    return _pair_marks(text)


def _curly_pairs(text: str) -> int:
    """How many marks a text whose only marks are “ and ” holds, when they
    read “ ” “ ” ... in order; 0 otherwise."""
    n = 0
    at = 0
    find = text.find
    while True:
        opening = find("“", at)
        closing = find("”", at)
        if opening < 0:
            return n if closing < 0 else 0
        if closing < opening or find("“", opening + 1, closing) >= 0:
            return 0
        n += 2
        at = closing + 1


def _scan_marks(text: str) -> QuoteScan:
    """The marks of ``text`` found with ``_MARKS``: the general case."""
    found = _MARKS.findall(text)
    if not found:
        return _NO_MARKS
    n = len(found)
    marks = "".join(found)
    if not n % 2 and marks == _CURLY_PAIR * (n // 2):
        return QuoteScan((), (), n, 0, n)
    if marks == '"' * n:
        return _pair_straight(text, n)
    return _pair_marks(text)


def _pair_straight(text: str, n: int) -> QuoteScan:
    """``_pair_marks`` for a text whose ``n`` marks are all ``"``.

    Every ``"`` of such a text is a mark, and the stack only ever holds one
    ``"``: a mark closes it when it is open; otherwise the mark is an inch
    mark after a digit (skipped), an opener when it flanks a word on the
    left or starts the text, else a stray closer.  The same steps as the
    stack's (tests/test_quotes_fastpaths.py compares them).
    """
    open_at = -1
    stray: list[int] = []
    i = text.find('"')
    while i >= 0:
        if open_at >= 0:
            open_at = -1
        elif i == 0 or _left_flanking(text, i, 1):
            open_at = i
        elif not text[i - 1].isdigit():
            stray.append(i)
        i = text.find('"', i + 1)
    return QuoteScan(((open_at, '"'),) if open_at >= 0 else (), tuple(stray), n, n, 0)


def _pair_marks(text: str) -> QuoteScan:
    """The stack itself: every mark of ``text`` in order (``scan_quotes``)."""
    stack: list[tuple[int, str]] = []
    stray: list[int] = []
    marks = straight = curly = 0
    for m in _MARKS.finditer(text):
        mark = m.group()
        i, width = m.start(), len(mark)
        top = stack[-1][1] if stack else ""
        marks += 1
        if mark == '"':
            straight += 1
        elif mark in "“”":
            curly += 1
        if mark in _OPEN_ONLY:
            stack.append((i, _OPEN_ONLY[mark]))
        elif mark in "」』":
            if stack and _CLOSERS_OF.get(top) == mark:
                stack.pop()
            else:
                stray.append(i)
        elif mark in "«»":
            # «…» (French), »…« (German, Danish): the other one closes.
            if stack and top in "«»" and top != mark:
                stack.pop()
            else:
                stack.append((i, mark))
        elif mark == "“":
            if (
                stack
                and top in "„“"
                and (
                    top == "„"
                    or (_right_flanking(text, i, width) and not _left_flanking(text, i, 1))
                )
            ):
                stack.pop()  # German „…“, or a mistyped closing “
            else:
                stack.append((i, mark))
        else:  # ” " ’’ '' : closers, or openers by position
            if mark == '"' and not stack and i > 0 and text[i - 1].isdigit():
                continue  # inch mark: 65" TV, 5'10"
            if (
                stack
                and top in '"“„”'
                and not (mark == '"' and _left_flanking(text, i, width) and top != '"')
            ):
                stack.pop()
            elif _left_flanking(text, i, width) or (i == 0 and mark in '"”'):
                stack.append((i, '"' if mark == '"' else "”"))
            elif stack:
                stack.pop()
            else:
                stray.append(i)
    if not marks:
        return _NO_MARKS
    return QuoteScan(tuple(stack), tuple(stray), marks, straight, curly)


#: the scan of a paragraph without quotation marks (most of them), made once
_NO_MARKS = QuoteScan((), (), 0, 0, 0)
_CURLY_PAIR = "“”"


def opens_with_quote(text: str) -> bool:
    """Whether a paragraph begins with an opening quotation mark.

    The newsroom convention for a quotation that runs over several
    paragraphs leaves each paragraph but the last unclosed and opens the next
    one with a quotation mark.
    """
    stripped = text.lstrip(" \t\u200b\u2060\ufeff")
    return bool(stripped) and stripped[0] in "\"“„«»「『”‘'"


# One article's clean texts joined, for the first tests of QT002 and of the
# TX rules (hygiene imports it from here).  Several rules open with a
# substring test that most texts fail ("holds a quotation mark", "holds a
# character mojibake leaves", "holds & or <", "holds [ or TK"), run on every
# text.  On the article's texts joined by a line break the same test answers
# for all of them at once, in C: a text holding a substring without a line
# break makes the joined text hold it, so a joined text without it rules out
# every text (joining more texts than a rule reads only makes the test pass
# more often).  Only the current article is kept, compared by identity: never
# carried to the next file, like the boilerplate plugin's line view.
#
# ``paragraph_ends`` maps an offset of the joined text back to its paragraph,
# so a rule can find its candidates with one regex search over the joined
# text instead of a test per paragraph.
_joined: list[tuple[Article, str, list[str], int]] = []
_ends: list[tuple[Article, list[int]]] = []
_text = attrgetter("text")


def _view(article: Article) -> tuple[Article, str, list[str], int]:
    """``(article, joined text, texts, number of paragraphs)``, made once per article."""
    if _joined and _joined[0][0] is article:
        return _joined[0]
    texts = list(map(_text, article.paragraphs))
    n = len(texts)
    if article.headline is not None:
        texts.append(article.headline.text)
    view = (article, "\n".join(texts), texts, n)
    _joined[:] = [view]
    return view


def joined_text(article: Article) -> str:
    """Every paragraph's text and the headline's, joined by ``"\\n"``.

    For substring tests that stand for "some text of the article holds it":
    valid for any substring without a line break.
    """
    return _view(article)[1]


def paragraph_ends(article: Article) -> list[int]:
    """For each paragraph, the offset in ``joined_text`` just past its ``"\\n"``.

    Paragraph ``i`` is ``joined[ends[i - 1] : ends[i] - 1]`` (``ends[-1] - 1``
    ends the last paragraph, where the headline's line break is), so the
    paragraph holding offset ``x`` of the paragraphs' part is
    ``bisect_right(ends, x)``.
    """
    if _ends and _ends[0][0] is article:
        return _ends[0][1]
    _, _, texts, n = _view(article)
    ends = list(accumulate(map((1).__add__, map(len, texts[:n]))))
    _ends[:] = [(article, ends)]
    return ends


def paragraphs_holding(article: Article, needles: tuple[str, ...]) -> list[int]:
    """Ascending positions of the paragraphs whose text holds one of ``needles``.

    Found in ``joined_text`` with ``str.find``, one search per paragraph
    holding a needle at most (the search goes on from the next paragraph),
    mapped back with ``paragraph_ends``; the headline's part of the joined
    text is not looked at.  No needle may hold a line break.
    """
    joined = joined_text(article)
    ends = paragraph_ends(article)
    count = len(ends)
    found: set[int] = set()
    find = joined.find
    for needle in needles:
        at = find(needle)
        while at >= 0:
            i = bisect_right(ends, at)
            if i >= count:
                break  # the headline
            found.add(i)
            at = find(needle, ends[i])
    return sorted(found)


# The paragraphs' texts between line breaks: "\n" + texts joined by "\n" +
# "\n", so every paragraph starts after a "\n" and ends before one.  A rule
# then finds its candidate paragraphs with one regex search that starts with
# a literal "\n" (which the regex engine skips to in C) instead of tests on
# every paragraph: a start-of-paragraph test reads forwards, an
# end-of-paragraph test reads the reversed text forwards.  A paragraph text
# may hold line breaks of its own: each is one more place to test (a
# candidate too many at worst), and a test written as a lookahead after the
# "\n" never hides the next paragraph's, whatever it reads.  Current
# article only.
_lines: list[tuple[Article, str | None, list[str | None]]] = []


def _line_view(article: Article) -> tuple[Article, str | None, list[str | None]]:
    if _lines and _lines[0][0] is article:
        return _lines[0]
    _, joined, _, n = _view(article)
    lines = f"\n{joined[: paragraph_ends(article)[-1] - 1]}\n" if n else None
    view = (article, lines, [None])
    _lines[:] = [view]
    return view


def line_text(article: Article) -> str | None:
    """``"\\n" + "\\n".join(texts) + "\\n"`` of the paragraphs (None without any).

    Paragraph ``i`` starts after the "\\n" at ``ends[i - 1]`` (0 for the
    first) and ends before the "\\n" at ``ends[i]`` (``paragraph_ends``): an
    offset ``x`` from the first of those to before the second lies in
    paragraph ``bisect_right(ends, x)``.
    """
    return _line_view(article)[1]


def reversed_line_text(article: Article) -> str | None:
    """``line_text`` reversed: offset ``x`` here is ``len(lines) - 1 - x`` there."""
    _, lines, memo = _line_view(article)
    if lines is None:
        return None
    if memo[0] is None:
        memo[0] = lines[::-1]
    return memo[0]
