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
    """Clean characters of one block and the source range of each."""

    __slots__ = ("chars", "ends", "starts")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def last_char(self) -> str:
        return self.chars[-1] if self.chars else ""

    def add_run(self, text: str, start: int) -> None:
        """``text`` is a verbatim copy of ``source[start:start + len(text)]``."""
        self.chars.extend(text)
        self.starts.extend(range(start, start + len(text)))
        self.ends.extend(range(start + 1, start + len(text) + 1))

    def add_char(self, char: str, start: int, end: int | None = None) -> None:
        """One clean character standing for ``source[start:end]`` (default one char)."""
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(start + 1 if end is None else end)

    def add_decoded(self, text: str, start: int, end: int) -> None:
        """``text`` (an entity's expansion) stands for all of ``source[start:end]``."""
        if not text:
            return
        if len(text) == 1:
            self.add_char(text, start, end)
            return
        # Rare multi-code-point expansions: all but the last character map to
        # the entity's start, the last to its final character.
        for ch in text[:-1]:
            self.add_char(ch, start, end)
        self.add_char(text[-1], max(end - 1, start), end)

    def pop(self) -> None:
        self.chars.pop()
        self.starts.pop()
        self.ends.pop()

    def strip(self) -> tuple[int, int]:
        """The ``[first, last)`` range of characters without surrounding whitespace."""
        first, last = 0, len(self.chars)
        while first < last and self.chars[first].isspace():
            first += 1
        while last > first and self.chars[last - 1].isspace():
            last -= 1
        return first, last

    def build(self, to_source: Callable[[int], int] | None = None) -> tuple[str, TextMap] | None:
        """Stripped clean text and its map, or ``None`` when there is no text.

        ``to_source`` converts the recorded offsets (e.g. of a line-ending
        normalised copy of the file) to offsets of the real source.
        """
        first, last = self.strip()
        if first >= last:
            return None
        conv = to_source or (lambda x: x)
        text_starts: list[int] = []
        source_starts: list[int] = []
        wide: set[int] = set()
        prev = -2
        for i in range(first, last):
            s = conv(self.starts[i])
            e = conv(self.ends[i])
            if s != prev + 1:
                text_starts.append(i - first)
                source_starts.append(s)
            if e - s > 1:
                wide.add(i - first)
            prev = s
        source_end = max(conv(self.ends[last - 1]), source_starts[-1])
        text = "".join(self.chars[first:last])
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

    def to_source(self, offset: int) -> int:
        if not self._crlf:
            return offset
        return offset + bisect.bisect_left(self._crlf, offset)
