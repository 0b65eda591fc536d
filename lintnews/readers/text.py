"""Plain-text articles: the first non-empty line is the headline, blank lines
separate paragraphs.  This is how wire copy and scraped bodies arrive."""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import add, methodcaller, sub

from lintnews import recache
from lintnews.article import Article, Headline, LineIndex, Span
from lintnews.directives import scan_directives
from lintnews.readers.build import verbatim_paragraphs

__all__ = ["read_text"]

# A blank line: ``\r?\n[ \t\f\v]*\r?\n(?:[ \t\f\v]*\r?\n)*``.  The pattern
# starts on the "\n" (a literal the engine scans for in C; an optional "\r"
# first made it try every position) and ``_blocks`` takes a "\r" just before
# it back into the separator.  Only files with directive lines need it:
# compiled by the first (``recache``; ``text._BLOCK_SPLIT`` reads it too).
_BLOCK_SPLIT_PATTERN = r"\n[ \t\f\v]*\r?\n(?:[ \t\f\v]*\r?\n)*"


def __getattr__(name: str) -> re.Pattern[str]:
    """``_BLOCK_SPLIT`` or ``_BLOCK``, compiled (``recache``) when first read (PEP 562)."""
    source = _LAZY.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    pattern = globals()[name] = recache.compile(source)
    return pattern


def _blocks(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the blocks of ``source[start:end]`` between blank lines."""
    blocks = []
    pos = start
    block_split = globals().get("_BLOCK_SPLIT") or __getattr__("_BLOCK_SPLIT")
    for m in block_split.finditer(source, start, end):
        sep = m.start()
        if sep > start and source[sep - 1] == "\r":
            sep -= 1
        blocks.append((pos, sep))
        pos = m.end()
    blocks.append((pos, end))
    return blocks


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


# A block's text from its first non-space character (``[^\s]``: exactly the
# characters ``str.isspace()`` rejects) to the end of the line before a blank
# line: a line is taken while the line after it is not blank (the separator
# of ``_BLOCK_SPLIT`` starts on that ``"\n"``).  One ``finditer`` over the file
# yields the blocks already stripped at the start, where ``_blocks`` gave
# ranges to slice and strip one by one; only a block's end may still need an
# ``rstrip`` (tests/test_readers_batch.py compares both on random texts).
# Written ``[^\s]``, not ``\S``: the same class, but ``\S`` makes the engine
# test every character of a Latin-1 file against it (twice the CPU).  Only
# files with a blank line holding a space or the like need it (see
# ``_NOT_EMPTY_BLANK``): compiled by the first (``recache``).
_BLOCK_PATTERN = r"[^\s][^\n]*(?:\n(?![ \t\f\v]*\r?\n)[^\n]*)*"

#: patterns compiled when first read (``__getattr__``): name -> pattern string
_LAZY = {"_BLOCK_SPLIT": _BLOCK_SPLIT_PATTERN, "_BLOCK": _BLOCK_PATTERN}


_GROUP = methodcaller("group")
_START = methodcaller("start")


# A line break followed by a character a blank line may hold before its own
# break (``[ \t\f\v]*\r?\n``).  Without one, every blank line is empty: the
# blocks of ``_BLOCK`` are the stripped pieces of ``source.split("\n\n")``
# (a piece holds no "\n\n", so ``_BLOCK`` takes it from its first
# non-space character to its end; a piece of whitespace yields nothing).
# News copy has none (every corpus text file), and the split plus a strip
# per piece costs about half the ``finditer``, its groups and its rstrips.
_NOT_EMPTY_BLANK = recache.compile(r"\n[ \t\f\v\r]")


def _split_pieces(source: str) -> list[tuple[str, int]]:
    """``_pieces(source, [])`` for a ``source`` without ``_NOT_EMPTY_BLANK``."""
    out = []
    append = out.append
    pos = 0
    for block in source.split("\n\n"):
        # str.strip removes exactly the characters ``[^\s]`` rejects; a block
        # without surrounding whitespace is returned as it is (no copy)
        lead = block.lstrip()
        if lead:
            append((lead.rstrip(), pos + len(block) - len(lead)))
        pos += len(block) + 2
    return out


def _one_line_blocks(source: str) -> tuple[list[tuple[str, int]], LineIndex] | None:
    """``(_pieces(source, []), LineIndex(source))`` when every block of ``source``
    is one line without surrounding whitespace, else ``None``.

    News copy is a line per paragraph with an empty line between them and a
    final line break: then ``source.split("\\n\\n")`` gives the stripped blocks
    as they are (no strip, no ``_NOT_EMPTY_BLANK`` search: a ``"\\n"`` of a
    separator is followed by the other one or by a block's first, non-space
    character) and every line break belongs to a separator (or to the final
    white space), so the line starts are two per separator.  The tests are C
    passes over the list of blocks (lengths, strips, one join searched for a
    line break); the general path strips each block in a Python loop,
    searches the source for ``_NOT_EMPTY_BLANK`` and splits it again by
    ``"\\n"`` for the line index (~320,000 instructions per corpus-2000 text
    article, against ~170,000 here); 473 of the first 502 corpus-2000 text
    files are such copy.
    """
    blocks = source.split("\n\n")
    n = len(blocks)
    last = blocks[-1]
    core = last.rstrip()
    tail = last[len(core) :]
    if tail:
        # the final white space: the blank lines it may hold are not empty ones
        if _NOT_EMPTY_BLANK.search(tail) is not None:
            return None
        blocks[-1] = core
    lengths = list(map(len, blocks))
    # no empty block, none with white space at either end (``str.strip``
    # returns such a block itself: no copy), no line break inside a block
    # (the blocks joined and searched by memchr: a sixth of ``source.count``)
    if (
        0 in lengths
        or sum(map(len, map(str.strip, blocks))) != sum(lengths)
        or "\n" in "".join(blocks)
    ):
        return None
    # block k starts at starts[k]: the lengths before it plus two per separator
    starts = list(accumulate(map(add, lengths, repeat(2)), initial=0))
    pieces = list(zip(blocks, starts, strict=False))  # starts has one more
    # lines: 0, then both lines after each separator, then the tail's
    line_starts = [0] * (2 * n - 1)
    block_starts = starts[1:n]
    line_starts[2::2] = block_starts
    line_starts[1::2] = map(sub, block_starts, repeat(1))
    if "\n" in tail:
        pos = len(source) - len(tail)
        line_starts += [pos + i + 1 for i, ch in enumerate(tail) if ch == "\n"]
    return pieces, LineIndex.from_starts(line_starts, len(source))


def _pieces(source: str, hidden: list[Span]) -> list[tuple[str, int]]:
    """``(text, start)`` of the stripped, non-empty blocks, directive lines cut out."""
    if not hidden:
        if _NOT_EMPTY_BLANK.search(source) is None:
            return _split_pieces(source)
        # The loop runs in C (map/zip over the matches): ``str.rstrip`` returns
        # a block without trailing whitespace as it is.
        block = globals().get("_BLOCK") or __getattr__("_BLOCK")
        matches = list(block.finditer(source))
        return list(zip(map(str.rstrip, map(_GROUP, matches)), map(_START, matches), strict=True))
    out = []
    for block in _blocks(source, 0, len(source)):
        parts = [block]
        # Directive lines are markup: split the block around them.
        for span in hidden:
            next_parts = []
            for s, e in parts:
                if span.start >= e or span.end <= s:
                    next_parts.append((s, e))
                else:
                    next_parts += [(s, span.start), (span.end, e)]
            parts = next_parts
        for s, e in parts:
            s, e = _trim(source, s, e)
            if s < e:
                out.append((source[s:e], s))
    return out


def read_text(path: str | None, source: str, language: str = "en") -> Article:
    directives = scan_directives(source, line_comments=True)
    one_line = None if directives else _one_line_blocks(source)
    if one_line is None:
        pieces = _pieces(source, [d.span for d in directives])
        lines = None  # the Article makes it
    else:
        pieces, lines = one_line
    headline = None
    if pieces:
        # The first line of the first block is the headline; the rest of that
        # block, if any, is the first paragraph.
        text, s = pieces[0]
        line_end = text.find("\n")
        h_text = text if line_end == -1 else text[:line_end].rstrip()
        headline = Headline(h_text, Span(s, s + len(h_text)), "first-line")
        rest = text[len(h_text) :]
        stripped = rest.strip()
        if stripped:
            pieces[0] = (stripped, s + len(h_text) + len(rest) - len(rest.lstrip()))
        else:
            del pieces[0]
    paragraphs = verbatim_paragraphs(pieces, language)
    body_span = Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None
    return Article(
        path=path,
        source=source,
        format="text",
        headline=headline,
        paragraphs=tuple(paragraphs),
        directives=directives,
        body_span=body_span,
        lines=lines,  # type: ignore[arg-type]
    )
