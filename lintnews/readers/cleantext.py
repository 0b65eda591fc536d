"""Build a block's clean text together with its map back to the source.

Markdown and HTML readers both turn markup into clean text piece by piece:
a verbatim run of characters, a decoded entity, an inserted separator.  A
:class:`CleanText` records, for every clean character, the source range it
came from, then compresses that into the anchors of a
:class:`~lintnews.article.TextMap`.  Keeping one record per character while a
block is built is simple and cheap (blocks are short); the article keeps only
the compact map.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from lintnews.article import TextMap

__all__ = ["CleanText", "Normalized"]


class CleanText:
    """Clean characters of one block and the source range they came from.

    Stored as runs: a verbatim run ``(text, start, start + len(text))``, or a
    single character standing for ``source[start:end]`` (an entity, an
    inserted separator).  Most of a paragraph is a handful of verbatim runs,
    so building the map costs per run, not per character.
    """

    __slots__ = ("_len", "ends", "starts", "texts")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._len = 0

    def __len__(self) -> int:
        return self._len

    @property
    def last_char(self) -> str:
        return self.texts[-1][-1] if self.texts else ""

    def add_run(self, text: str, start: int) -> None:
        """``text`` is a verbatim copy of ``source[start:start + len(text)]``."""
        if text:
            self.texts.append(text)
            self.starts.append(start)
            self.ends.append(start + len(text))
            self._len += len(text)

    def add_char(self, char: str, start: int, end: int | None = None) -> None:
        """One clean character standing for ``source[start:end]`` (default one char)."""
        self.texts.append(char)
        self.starts.append(start)
        self.ends.append(start + 1 if end is None else max(end, start + 1))
        self._len += 1

    def add_decoded(self, text: str, start: int, end: int) -> None:
        """``text`` (an entity's expansion) stands for all of ``source[start:end]``."""
        if not text:
            return
        # Rare multi-code-point expansions: all but the last character map to
        # the entity's start, the last to its final character.
        for ch in text[:-1]:
            self.add_char(ch, start, end)
        self.add_char(text[-1], max(end - 1, start) if len(text) > 1 else start, end)

    def pop(self) -> None:
        """Drop the last character."""
        text = self.texts[-1]
        if len(text) == 1:
            self.texts.pop()
            self.starts.pop()
            self.ends.pop()
        else:  # only verbatim runs are longer than one character
            self.texts[-1] = text[:-1]
            self.ends[-1] -= 1
        self._len -= 1

    def build(self, to_source: Callable[[int], int] | None = None) -> tuple[str, TextMap] | None:
        """Stripped clean text and its map, or ``None`` when there is no text.

        ``to_source`` converts the recorded offsets (e.g. of a line-ending
        normalised copy of the file) to offsets of the real source.
        """
        full = "".join(self.texts)
        text = full.strip()
        if not text:
            return None
        first = len(full) - len(full.lstrip())
        last = first + len(text)
        conv = to_source or (lambda x: x)
        text_starts: list[int] = []
        source_starts: list[int] = []
        wide: set[int] = set()
        prev = -2
        source_end = 0
        ci = 0  # clean index of the current run's first character
        for run, rs, re_ in zip(self.texts, self.starts, self.ends, strict=True):
            n = len(run)
            a, b = max(first - ci, 0), min(last - ci, n)
            base = ci - first
            ci += n
            if a >= b:
                continue
            verbatim = re_ - rs == n
            if verbatim:
                s, e = conv(rs + a), conv(rs + b)
                if e - s == b - a:  # still one to one in the real source
                    if s != prev + 1:
                        text_starts.append(base + a)
                        source_starts.append(s)
                    prev, source_end = e - 1, e
                    continue
                pieces = [(k, conv(rs + k), conv(rs + k + 1)) for k in range(a, b)]
            else:
                pieces = [(0, conv(rs), conv(re_))]
            for k, s, e in pieces:
                if s != prev + 1:
                    text_starts.append(base + k)
                    source_starts.append(s)
                if e - s > 1:
                    wide.add(base + k)
                prev, source_end = s, e
        source_end = max(source_end, source_starts[-1])
        return text, TextMap(
            tuple(text_starts), tuple(source_starts), len(text), source_end, frozenset(wide)
        )


class Normalized:
    """A copy of the source with ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    markdown-it normalises line endings before parsing, so its token contents
    match this copy; :meth:`to_source` takes an offset of the copy back to the
    original (a ``\\n`` that was ``\\r\\n`` maps to the ``\\r``).
    """

    __slots__ = ("_crlf", "text")

    def __init__(self, source: str) -> None:
        crlf: list[int] = []
        if "\r" in source:
            pos = source.find("\r\n")
            while pos != -1:
                crlf.append(pos - len(crlf))
                pos = source.find("\r\n", pos + 2)
            text = source.replace("\r\n", "\n").replace("\r", "\n")
        else:
            text = source
        self._crlf = crlf
        self.text = text.replace("\0", "\ufffd") if "\0" in text else text

    @property
    def identity(self) -> bool:
        """Whether offsets of the copy are offsets of the source (no ``\r\n``)."""
        return not self._crlf

    def to_source(self, offset: int) -> int:
        if not self._crlf:
            return offset
        return offset + bisect.bisect_left(self._crlf, offset)
