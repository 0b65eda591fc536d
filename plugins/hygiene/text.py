"""Small text predicates the hygiene rules share.

They work on a paragraph's clean text, so they answer the same for plain
text, Markdown and HTML input.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from lintnews import recache

from .._data import load_toml

__all__ = [
    "INVISIBLE",
    "data",
    "ends_with_link",
    "first_word",
    "function_words",
    "has_words",
    "is_terminated",
    "last_word",
    "starts_mid_sentence",
    "words",
]

#: zero-width and formatting characters scrapers leave at block edges
INVISIBLE = " \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff"
_CLOSING = "\"”’'»)]}」』›"
_TERMINAL = ".!?…:;。！？"
#: lowercase particles that start names ("de Blasio", "van Gogh", "bin Salman")
_NAME_PARTICLES = frozenset(
    {
        "de",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "dos",
        "das",
        "del",
        "della",
        "ter",
        "ten",
        "zu",
    }
)
_WORD = recache.compile(r"[^\W_][\w’'-]*")


@cache
def _linkish() -> re.Pattern[str]:
    """A URL, hashtag or handle start (compiled on first use, from the regex store)."""
    return recache.compile(r"(?:https?://|www\.|pic\.twitter\.com/|[#@]\w)", re.IGNORECASE)


@cache
def data() -> dict[str, Any]:
    return load_toml(__package__, "data", "words.toml")


@cache
def function_words() -> frozenset[str]:
    return frozenset(w for ws in data()["function_words"].values() for w in ws)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def has_words(text: str, count: int) -> bool:
    """``len(words(text)) >= count``, without listing every word.

    Each search finds the leftmost word after the previous one, as
    ``findall`` does (the pattern has no context and never matches empty).
    """
    at = 0
    for _ in range(count):
        m = _WORD.search(text, at)
        if m is None:
            return False
        at = m.end()
    return True


def is_terminated(text: str) -> bool:
    """Whether ``text`` ends the way a finished sentence, caption or list ends.

    Terminal punctuation (possibly inside closing quotes or brackets), a
    closing bracket, an emoji or other symbol all count: captions end in
    ")", social copy in an emoji.
    """
    t = text.rstrip(INVISIBLE)
    if not t:
        return True
    if t[-1] in ")]}」』":
        return True
    stripped = t.rstrip(_CLOSING + INVISIBLE)
    if not stripped:
        return True
    last = stripped[-1]
    if last in _TERMINAL:
        return True
    return unicodedata.category(last) in {"So", "Sk", "Sm", "Co", "Cs"}


def ends_with_link(text: str) -> bool:
    """Whether the last token is a URL, hashtag or handle (tweets, credits)."""
    t = text.rstrip(INVISIBLE)
    last = t.rsplit(None, 1)[-1] if t else ""
    return bool(_linkish().match(last)) or "/" in last or "." in last.rstrip(".")


def first_word(text: str) -> tuple[int, str]:
    """Offset and text of the first word, after invisible characters."""
    m = _WORD.search(text)
    if not m or text[: m.start()].strip(INVISIBLE):
        return -1, ""
    return m.start(), m.group()


def last_word(text: str) -> str:
    ws = _WORD.findall(text[-80:])
    return ws[-1] if ws else ""


def starts_mid_sentence(text: str) -> bool:
    """A lowercase first word that is not a brand ("iPhone", "eBay") or a link."""
    c = text[:1]
    if c and c not in INVISIBLE and (c.isupper() or not c.isalpha()):
        # the first word would start with c: not a lower-case letter, so the
        # word fails isalpha or islower below (most texts: a capital)
        return False
    start, word = first_word(text)
    core = word.replace("’", "").replace("'", "").replace("-", "")
    if start < 0 or not core.isalpha() or not word.islower():
        return False
    after = text[start + len(word) : start + len(word) + 2]
    if after[:1] in {"/", "@", ":"} or (after[:1] == "." and after[1:2].isalnum()):
        return False  # www.example.com, user@host, http:
    return word not in _NAME_PARTICLES
