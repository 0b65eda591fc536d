"""Phrase lists: loaded once from the TOML files in ``data/``, compiled once.

Each list becomes one combined, case-insensitive regular expression (longest
alternatives first), cached per distinct user extension, so a run compiles a
list once however many articles it checks (and through ``lintnews.recache``
a later run reuses the compiled program instead of compiling it again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from lintnews import recache

from .._data import load_toml

__all__ = [
    "TWINS",
    "PhraseList",
    "compile_lines",
    "compile_phrases",
    "compile_prefixes",
    "first_chars",
    "load",
    "lowered",
    "normalize",
    "word_count",
]


def word_count(text: str) -> int:
    """Whitespace-separated words: cheap, and all the length gates need."""
    return len(text.split())


# Typographic variants folded to ASCII, one character for one, so offsets in
# the normalised text are offsets in the original.
#: non-ASCII letters ``re.IGNORECASE`` matches to ASCII letters but ``str.lower`` does
#: not fold to them (İ ı ſ K; found by scanning every code point against ``[a-z]``,
#: tests/test_rules_boilerplate.py): a test on lowered text stands in for a
#: case-insensitive regex only on text without them
TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": " ",
    }
)


_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


def normalize(text: str) -> str:
    """Fold curly quotes, dashes and odd spaces; same length as ``text``.

    A chain of ``str.replace`` (each a C-speed scan) beats ``str.translate``
    with a mapping several times over on short lines.
    """
    if text.isascii():
        return text
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class PhraseList:
    """One data file: literal phrases, regexes, whole lines, prefixes, extras."""

    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    extra: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def words(self, key: str) -> frozenset[str]:
        """The lower-cased word list ``key`` (empty when absent), built once per list:
        rules ask for it on every article, some on every line."""
        memo: dict[str, frozenset[str]] = self.__dict__.setdefault("_words", {})
        got = memo.get(key)
        if got is None:
            got = frozenset()
            for k, values in self.extra:
                if k == key:
                    got = frozenset(v.lower() for v in values)
                    break
            memo[key] = got
        return got


@cache
def load(name: str) -> PhraseList:
    """The built-in list ``data/<name>.toml`` (package data)."""
    data: dict[str, Any] = load_toml(__package__, "data", f"{name}.toml")
    known = {"phrases", "patterns", "lines", "prefixes"}
    extra = tuple((k, tuple(v)) for k, v in data.items() if k not in known and isinstance(v, list))
    return PhraseList(
        phrases=tuple(data.get("phrases", ())),
        patterns=tuple(data.get("patterns", ())),
        lines=tuple(data.get("lines", ())),
        prefixes=tuple(data.get("prefixes", ())),
        extra=extra,
    )


_fragments: list[dict[str, str]] = []  # the shipped table, imported on first use


def _phrase_regex(phrase: str) -> str:
    """``build_phrase_regex(phrase)``, from the table built with the package when it
    holds ``phrase`` (every phrase of the built-in lists: see ``prebuild.py``)."""
    if not _fragments:
        from lintnews.plugins.boilerplate._prebuilt import FRAGMENTS

        _fragments.append(FRAGMENTS)
    got = _fragments[0].get(phrase)
    return build_phrase_regex(phrase) if got is None else got


def build_phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex: flexible spaces and punctuation between words."""
    words = re.findall(r"[^\W_]+(?:['\-][^\W_]+)*|[^\w\s]", normalize(phrase.lower()))
    parts = []
    for w in words:
        if w.isalnum() or "'" in w or "-" in w:
            parts.append(re.escape(w).replace("'", "'?").replace(r"\-", "[-\\s]?"))
        else:
            # punctuation in a phrase is optional in the text
            parts.append(re.escape(w) + "?")
    return r"[\s,;:.!?\-]*".join(parts)


def _longest_first(phrase: str) -> tuple[int, str]:
    """Longest alternatives first; ties alphabetical, so the regex is the same in every
    run (a set's order follows string hashing, which changes per process)."""
    return -len(phrase), phrase


def first_chars(starts: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``starts`` (non-empty strings) grouped by their first character, in order.

    ``text.startswith(starts, i)`` is ``text.startswith(table[text[i]], i)`` where
    ``text[i:i + 1]`` is a key of the table, and False where it is not: a prefix can
    only match where its first character is.  ``str.startswith`` tries a tuple one
    prefix after another (~20 ns each: ~1 us for PW011's 46 control words, ~2 us
    for the 81 imperative starts); a dictionary look-up leaves a handful.
    """
    table: dict[str, list[str]] = {}
    for p in starts:
        if not p:
            raise ValueError("an empty prefix matches everywhere")
        table.setdefault(p[0], []).append(p)
    return {first: tuple(group) for first, group in table.items()}


def lowered(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` (a case-insensitive regex written in lower case) without ``re.IGNORECASE``,
    to be run on ``Line.hint_low`` where ``rx`` would run on ``Line.norm``.

    Same matches, spans and groups: on a line without the letters ``re.IGNORECASE``
    folds to ASCII (İ ı ſ K: ``hint_low`` is None there), each of ``rx``'s literals
    matches a character exactly when it equals the character's ``str.lower``, and
    ``\\w``/``\\s``/``\\d``/``.`` hold of a character exactly when they hold of its
    lower case (every code point checked; tests/test_boilerplate_lowered.py proves
    both for each built-in regex lowered here).  Why: a case-insensitive literal
    costs a Unicode case look-up per comparison, and a search compares every
    alternative at every position; the exact comparisons are two to five times
    cheaper.  Only for built-in lists: a user's phrase may hold a letter (ſ) whose
    case-insensitive match is wider than its lower case.
    """
    return recache.compile(rx.pattern, rx.flags & ~(re.IGNORECASE | re.UNICODE))


@lru_cache(maxsize=64)
def compile_phrases(phrases: tuple[str, ...], patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for all phrases and patterns; None when both are empty."""
    alts = [_phrase_regex(p) for p in sorted(set(phrases), key=_longest_first) if p.strip()]
    alts += [f"(?:{p})" for p in patterns if p.strip()]
    if not alts:
        return None
    return recache.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=64)
def compile_lines(lines: tuple[str, ...], patterns: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    """A regex that matches a whole (stripped) line equal to one of ``lines``."""
    alts = [_phrase_regex(p) for p in sorted(set(lines), key=_longest_first) if p.strip()]
    alts += [f"(?:{p})" for p in patterns if p.strip()]
    if not alts:
        return None
    body = "|".join(alts)
    return recache.compile(r"^[\W_]*(?:" + body + r")[\W_]*$", re.IGNORECASE)


@lru_cache(maxsize=64)
def compile_prefixes(prefixes: tuple[str, ...]) -> re.Pattern[str] | None:
    """Lines starting with a label followed by ':', '|', '»', ' - ' or nothing."""
    alts = [_phrase_regex(p) for p in sorted(set(prefixes), key=_longest_first) if p.strip()]
    if not alts:
        return None
    return recache.compile(
        r"^[\W_]*(?:" + "|".join(alts) + r")\s*(?:$|[:|»›>]|\s-\s|\s--\s)", re.IGNORECASE
    )
