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
    "PhraseList",
    "compile_lines",
    "compile_phrases",
    "compile_prefixes",
    "load",
    "normalize",
    "word_count",
]


def word_count(text: str) -> int:
    """Whitespace-separated words: cheap, and all the length gates need."""
    return len(text.split())


# Typographic variants folded to ASCII, one character for one, so offsets in
# the normalised text are offsets in the original.
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


def _phrase_regex(phrase: str) -> str:
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


# --- first-word prefilter for line-anchored regexes -------------------------------

_PREFIX_CAP = 12  # characters kept of a literal prefix: enough to tell words apart
_UNKNOWN = ("unknown", None)  # stands for "anything may follow" in _prefixes
#: non-ASCII letters a literal prefix may hold: the lower-case Latin-1 letters, each
#: of which re.IGNORECASE matches only to itself and to its capital, whose lower()
#: it is (every code point scanned by tests/test_boilerplate_hints.py)
_LATIN1_LOWER = frozenset(map(chr, [*range(0xE0, 0xF7), *range(0xF8, 0xFF)]))


def _sre() -> Any:
    """The regex parser module: ``re._parser`` from 3.11, ``sre_parse`` on 3.10."""
    try:
        import re._parser as sp  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10
        import sre_parse as sp  # type: ignore[no-redef]
    return sp


def _prefixes(seq: list[Any], sp: Any) -> set[str]:
    """Lower-case ASCII strings one of which every match of the parsed ``seq`` starts
    with (case-insensitively); "" where nothing can be said."""
    if not seq:
        return {""}
    (op, av), rest = seq[0], seq[1:]
    if op is sp.LITERAL:
        if av > 127 and chr(av).lower() not in _LATIN1_LOWER:
            return {""}
        tail = _prefixes(rest, sp) if rest else {""}
        return {(chr(av).lower() + t)[:_PREFIX_CAP] for t in tail}
    if op is sp.AT:  # zero-width: ^, \b
        return _prefixes(rest, sp)
    if op is sp.SUBPATTERN:
        return _prefixes([*av[-1], *rest], sp)
    if op is sp.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _prefixes([*alt, *rest], sp)
        return out
    if op in (sp.MAX_REPEAT, sp.MIN_REPEAT):
        lo, _, body = av
        out = _prefixes([*body, _UNKNOWN], sp)  # one repetition, then anything
        if lo == 0:
            out |= _prefixes(rest, sp)
        return out
    return {""}


#: id(pattern) -> (pattern, line_starts): an lru_cache would hash the pattern, and
#: ``hash(re.Pattern)`` hashes its whole compiled program (~13 us for a phrase list)
_STARTS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def line_starts(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case words one of which a line matched by ``rx`` starts with at its first
    ``[^\\W_]`` character (``Line.lead``), or None when that cannot be told.

    For the line-anchored regexes built here (``^[\\W_]*(?:...)``): ``[\\W_]*`` stops
    just before the first ``[^\\W_]``, so an alternative starting with a letter or
    digit starts exactly there.  The prefixes are read off the parsed regex (its
    leading literals, through groups, branches and optional parts); an alternative
    that may start with anything else turns the prefilter off.  A line whose
    lower-cased text (without the letters ``re.IGNORECASE`` folds to ASCII that
    ``str.lower`` does not) starts at ``lead`` with none of them cannot match.
    """
    got = _STARTS.get(id(rx))
    if got is not None and got[0] is rx:
        return got[1]
    if len(_STARTS) >= 64:
        _STARTS.clear()
    starts = _STARTS[id(rx)] = (rx, _line_starts(rx))
    return starts[1]


def _line_starts(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    sp = _sre()
    parsed = list(sp.parse(rx.pattern, rx.flags))
    tops = [parsed]
    if len(parsed) == 2 and parsed[0] == (sp.AT, sp.AT_BEGINNING) and parsed[1][0] is sp.BRANCH:
        # "^a|^b": the parser moves the common "^" before the branch
        tops = [[parsed[0], *alt] for alt in parsed[1][1][1]]
    skip = [(sp.IN, [(sp.CATEGORY, sp.CATEGORY_NOT_WORD), (sp.LITERAL, 95)])]  # [\W_]
    out: set[str] = set()
    for top in tops:
        top = list(top)
        if (
            len(top) < 3
            or top[0] != (sp.AT, sp.AT_BEGINNING)
            or top[1][0] is not sp.MAX_REPEAT
            or top[1][1][:2] != (0, sp.MAXREPEAT)
            or list(top[1][1][2]) != skip
        ):
            return None
        out |= _prefixes(top[2:], sp)
    if not out or any(not p or not p[0].isalnum() for p in out):
        return None
    # a prefix that starts with another is implied by it: keep the shortest
    kept: list[str] = []
    for p in sorted(out):
        if not kept or not p.startswith(kept[-1]):
            kept.append(p)
    return tuple(kept)
