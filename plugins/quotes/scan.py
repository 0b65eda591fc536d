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

from dataclasses import dataclass
from operator import attrgetter

from lintnews import recache
from lintnews.article import Article

__all__ = ["QuoteScan", "joined_text", "scan_quotes"]

# One pattern so a paragraph is scanned in one pass: a double mark, or a
# doubled single mark (’’ '' ‘‘).  Every match starts with a character of the
# leading class, so the regex engine skips to candidates in C; the
# lookbehinds then accept a double mark alone, or a single mark followed by
# its twin.  (The plain alternation ``[...]|’’|''|‘‘`` finds the same marks,
# tests/test_quotes_fastpaths.py, but is tried at every position: twice the CPU.)
_MARKS = recache.compile(r"[\"“”„«»「」『』’'‘](?:(?<=’)’|(?<=')'|(?<=‘)‘|(?<=[\"“”„«»「」『』]))")
_OPEN_ONLY = {"„": "„", "「": "「", "『": "『", "‘‘": "“"}
_CLOSERS_OF = {"「": "」", "『": "』"}


@dataclass(frozen=True, slots=True)
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


def scan_quotes(text: str) -> QuoteScan:
    """Pair the double quotation marks of ``text`` with a stack.

    Two shortcuts answer most paragraphs without the stack: ASCII text can
    only hold ``"`` and ``''`` (two substring tests in C), and marks that
    are exactly “ ” “ ” ... pair off in order (each “ opens on an empty
    stack, each ” closes it).
    """
    if text.isascii() and '"' not in text and "''" not in text:
        return _NO_MARKS
    found = _MARKS.findall(text)
    if not found:
        return _NO_MARKS
    n = len(found)
    if not n % 2 and "".join(found) == _CURLY_PAIR * (n // 2):
        return QuoteScan((), (), n, 0, n)
    return _pair_marks(text)


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
_joined: list[tuple[Article, str]] = []
_text = attrgetter("text")


def joined_text(article: Article) -> str:
    """Every paragraph's text and the headline's, joined by ``"\\n"``.

    For substring tests that stand for "some text of the article holds it":
    valid for any substring without a line break.
    """
    if _joined and _joined[0][0] is article:
        return _joined[0][1]
    texts = list(map(_text, article.paragraphs))
    if article.headline is not None:
        texts.append(article.headline.text)
    joined = "\n".join(texts)
    _joined[:] = [(article, joined)]
    return joined
