"""Markdown articles: front matter, then CommonMark (plus tables) via markdown-it-py.

markdown-it gives each block its line range but inline tokens carry no
columns, so each block's inline tokens are located in the source by walking
a cursor forward through the block's lines: a text token is a verbatim run
found at or after the cursor, emphasis markers and link destinations are
stepped over, escapes (``\\*``) and entities (``&amp;``) map their clean
character to the source characters they stand for.  Every clean character of
a paragraph thus maps to the exact source character it came from.

Code blocks, fences and HTML blocks are not prose and are skipped.  One
exception: in news copy ``<The Palace: Tale of Jang Noksu>`` is a title in
angle brackets, not HTML, so "tags" whose name is not an HTML element are
kept as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import Any

from lintnews import recache
from lintnews.article import Article, Headline, LineIndex, Paragraph, Span, TextMap
from lintnews.directives import scan_directives
from lintnews.errors import InputError, PartialInputError
from lintnews.readers.build import make_paragraph, verbatim_paragraphs
from lintnews.readers.cleantext import CleanText, Normalized
from lintnews.readers.frontmatter import FrontMatter, front_matter_end, read_front_matter

__all__ = ["read_markdown"]

#: HTML element names: a "tag" with another name in Markdown is prose
HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "address",
        "applet",
        "area",
        "article",
        "aside",
        "audio",
        "b",
        "base",
        "basefont",
        "bdi",
        "bdo",
        "bgsound",
        "big",
        "blink",
        "blockquote",
        "body",
        "br",
        "button",
        "canvas",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "datalist",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "map",
        "mark",
        "marquee",
        "math",
        "menu",
        "meta",
        "meter",
        "nav",
        "nobr",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "param",
        "picture",
        "plaintext",
        "pre",
        "progress",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "script",
        "search",
        "section",
        "select",
        "slot",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    ]
)
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
#: how far the fallback matcher looks ahead for a character it cannot place
_WINDOW = 16


def _is_markup(raw: str) -> bool:
    """Whether raw inline/block "HTML" is real markup rather than bracketed prose."""
    if raw.startswith(("<!--", "<?", "<!")):
        return True
    m = _TAG_NAME.match(raw)
    return bool(m) and m.group(1).lower() in HTML_ELEMENTS


@lru_cache(maxsize=1)
def _parser() -> Any:
    # markdown-it compiles its patterns as its modules are imported: from the store
    with recache.compiles_stored():
        from markdown_it import MarkdownIt
    # Made outside the store: the one pattern compiled here (markdown-it 4.x's
    # inline terminators, a character class of a frozenset joined in hash
    # order) has another text in every process, so through the store it
    # missed in every run's workers: compiled, written as a new file, and
    # the store listed (~3.5M instructions and the system calls per worker;
    # the store filled with copies until its oldest quarter, the entries every
    # run needs, was pruned).
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep escapes and entities as separate ``text_special`` tokens: their
    # ``markup`` is the source text, which the position mapping needs.
    md.disable("text_join")
    # The core rule ``normalize`` turns "\r\n", "\r" and NUL into "\n" and
    # U+FFFD; everything parsed here comes from ``Normalized.text``, which has
    # none of them, so its two regex passes over the body changed nothing.
    md.disable("normalize")
    return md


# Anything that could make markdown-it read a body as more than paragraphs of
# plain text (lines end at "\n" only, as in ``Normalized.text``):
#   - a character an enabled inline rule starts on that always makes markup or
#     that tables and HTML need (escape, code, autolinks and inline HTML,
#     entities, table pipes);
#   - a link or image: brackets with "](" somewhere (an inline link's "(" follows
#     its "]" at once; reference links need a definition, and a definition
#     starts a block with "[", which the line test refuses);
#   - emphasis or strikethrough: two or more of one of "*", "_", "~" in a
#     paragraph (delimiters pair within one paragraph's inline content; a
#     run alone pairs with nothing, and markdown-it's ``fragments_join``
#     merges an unpaired run back into the text around it);
#   - a line starting with a block marker (ATX heading, blockquote, list
#     bullet, thematic break or setext underline, a link definition:
#     ``_BLOCK_START``; an ordered-list number: ``_ORDERED``, ASCII digits as
#     markdown-it reads them), except a line of three or more "_" or "*"
#     alone: a thematic break, read as the end of a paragraph;
#   - a line starting or ending with whitespace other than its "\n" (indented
#     code, lazy continuations, hard breaks, trimming), so a line is either
#     empty or starts and ends on a character ``str.isspace()`` rejects.
# Without any of these, CommonMark's blocks are exactly the runs of non-empty
# lines, each one paragraph whose inline tokens are a ``text`` token per line
# (every other character an enabled rule stops on is then plain text) and a
# ``softbreak`` per line break.  ``_plain_blocks`` builds those blocks
# directly (tests/test_readers_batch.py compares it with the parser's).  The
# markup test is ``in`` scans (C, ~1 us for a 5 kB body; one character-class
# regex took ~20 us), a count per paragraph for a "*", "_" or "~" the body
# holds more than once ("Boil for *10 minutes") and the line test a loop
# over the lines.
_BLOCK_START = frozenset("#>+=-[*_~")
_ORDERED = re.compile(r"[0-9]+[.)]")


def _plain_pieces(
    norm: str, body_start: int, lines: list[str] | None = None
) -> list[tuple[int, int]] | None:
    """``(start, end)`` of each paragraph's text when the body is plain, else ``None``.

    ``lines`` is the body's ``split("\n")`` if the caller has made it.
    """
    body = norm[body_start:] if body_start else norm
    if (
        "\\" in body
        or "`" in body
        or "<" in body
        or "&" in body
        or "|" in body
        or (("[" in body or "]" in body) and "](" in body)
    ):
        return None
    # delimiters that occur more than once: at most one per paragraph then
    paired = [c for c in "*_~" if c in body and body.count(c) > 1]
    pieces = []
    pos = body_start
    start = end = -1
    for line in body.split("\n") if lines is None else lines:
        if line:
            first = line[0]
            if (
                first in _BLOCK_START
                or first.isspace()
                or line[-1].isspace()
                or ("0" <= first <= "9" and _ORDERED.match(line) is not None)
            ):
                if (first == "_" or first == "*") and len(line) >= 3 and not line.strip(first):
                    # A thematic break ("___", "***": never a setext underline,
                    # which is "=" or "-"): it ends the paragraph and is no prose.
                    if start >= 0:
                        pieces.append((start, end))
                        start = -1
                    pos += len(line) + 1
                    continue
                return None
            if start < 0:
                start = pos
            end = pos + len(line)
        elif start >= 0:
            pieces.append((start, end))
            start = -1
        pos += len(line) + 1
    if start >= 0:
        pieces.append((start, end))
    for mark in paired:
        for start, end in pieces:
            if norm.count(mark, start, end) > 1:
                return None
    return pieces


def _plain_blocks(norm: str, pieces: list[tuple[int, int]]) -> list[_Block]:
    """The blocks ``_collect_blocks`` gives a plain body, from ``_plain_pieces``."""
    total = len(norm)
    blocks = []
    for s, e in pieces:
        clean = CleanText()
        pos = s
        nl = norm.find("\n", s, e)
        while nl != -1:
            clean.add_run(norm[pos:nl], pos)
            clean.add_char("\n", nl)
            pos = nl + 1
            nl = norm.find("\n", pos, e)
        clean.add_run(norm[pos:e], pos)
        blocks.append(_Block("paragraph", clean, s, e + 1 if e < total else total))
    return blocks


class _Inline:
    """Walks inline tokens, advancing a cursor through ``src[cursor:limit]``."""

    def __init__(self, src: str, start: int, limit: int, out: CleanText) -> None:
        self.src = src
        self.cursor = start
        self.limit = limit
        self.out = out

    # -- locating -------------------------------------------------------
    def _skip_blanks(self) -> None:
        src, limit = self.src, self.limit
        while self.cursor < limit and src[self.cursor] in " \t":
            self.cursor += 1

    def _find(self, needle: str) -> int:
        if not needle:
            return -1
        return self.src.find(needle, self.cursor, self.limit)

    def literal(self, text: str, out: CleanText | None) -> None:
        """``text`` appears verbatim at or after the cursor (else align it loosely)."""
        if not text:
            return
        pos = self._find(text)
        if pos != -1:
            if out is not None:
                out.add_run(text, pos)
            self.cursor = pos + len(text)
            return
        # Fallback (code spans turn newlines into spaces, tabs may be expanded):
        # place each character at its next occurrence nearby, or at the cursor.
        src, limit = self.src, self.limit
        for ch in text:
            window_end = min(self.cursor + _WINDOW, limit)
            pos = src.find(ch, self.cursor, window_end)
            if ch == " ":
                nl = src.find("\n", self.cursor, window_end)
                if nl != -1 and (pos == -1 or nl < pos):
                    pos = nl
            if pos == -1:
                if out is not None:
                    out.add_char(ch, min(self.cursor, max(limit - 1, 0)))
                continue
            if out is not None:
                out.add_char(ch, pos)
            self.cursor = pos + 1

    def _skip_link_tail(self) -> None:
        """Step over ``]`` and an inline destination ``(url "title")`` or ``[label]``."""
        src, limit = self.src, self.limit
        self._skip_blanks()
        pos = self._find("]")
        if pos == -1:
            return
        pos += 1
        if pos < limit and src[pos] == "(":
            end = _inline_destination_end(src, pos, limit)
            if end != -1:
                pos = end
        elif pos < limit and src[pos] == "[":
            end = src.find("]", pos + 1, limit)
            if end != -1:
                pos = end + 1
        self.cursor = pos

    # -- walking --------------------------------------------------------
    def walk(self, tokens: list[Any], out: CleanText | None) -> None:
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if kind == "text":
                self.literal(tok.content, out)
            elif kind == "text_special":
                self._special(tok, out)
            elif kind in ("softbreak", "hardbreak"):
                pos = self.src.find("\n", self.cursor, self.limit)
                if pos != -1:
                    if out is not None:
                        out.add_char("\n", pos)
                    self.cursor = pos + 1
                elif out is not None:
                    out.add_char("\n", max(min(self.cursor, self.limit) - 1, 0))
            elif kind == "code_inline":
                width = len(tok.markup)
                opening = _backtick_run(self.src, self.cursor, self.limit, width)
                if opening != -1:
                    self.cursor = opening + width
                # The content lies before the closing backticks: look nowhere else.
                close = _backtick_run(self.src, self.cursor, self.limit, width)
                limit = self.limit
                if close != -1:
                    self.limit = close
                self.literal(tok.content, out)
                self.limit = limit
                if close != -1:
                    self.cursor = close + width
            elif kind == "link_open":
                if tok.markup == "autolink":
                    i = self._autolink(tokens, i, out)
                    continue
                self._skip_blanks()
                if self.src.startswith("[", self.cursor):
                    self.cursor += 1
            elif kind == "link_close":
                self._skip_link_tail()
            elif kind == "image":
                # Alt text is not part of the prose; step over the whole image.
                pos = self._find("![")
                if pos != -1:
                    self.cursor = pos + 2
                    self.walk(tok.children or [], None)
                    self._skip_link_tail()
            elif kind == "html_inline":
                if _is_markup(tok.content):
                    pos = self._find(tok.content)
                    if pos != -1:
                        self.cursor = pos + len(tok.content)
                else:
                    self.literal(tok.content, out)
            elif kind.endswith(("_open", "_close")) and tok.markup:
                # emphasis, strong, strikethrough delimiters
                self._skip_blanks()
                if self.src.startswith(tok.markup, self.cursor):
                    self.cursor += len(tok.markup)
            elif tok.children:
                self.walk(tok.children, out)
            elif tok.content:
                self.literal(tok.content, out)
            i += 1

    def _special(self, tok: Any, out: CleanText | None) -> None:
        markup = tok.markup or ""
        pos = self._find(markup)
        if pos == -1 or pos - self.cursor > _WINDOW:
            self.literal(tok.content, out)
            return
        end = pos + len(markup)
        if out is not None:
            if tok.info == "escape" and len(markup) == len(tok.content) + 1:
                out.add_run(tok.content, pos + 1)  # the backslash is markup
            else:
                out.add_decoded(tok.content, pos, end)
        self.cursor = end

    def _autolink(self, tokens: list[Any], i: int, out: CleanText | None) -> int:
        """``<http://...>``: the clean text is the source between the brackets."""
        j = i + 1
        while j < len(tokens) and tokens[j].type != "link_close":
            j += 1
        pos = self._find("<")
        close = self.src.find(">", pos + 1, self.limit) if pos != -1 else -1
        if pos == -1 or close == -1:
            self.walk(tokens[i + 1 : j], out)
        else:
            if out is not None:
                out.add_run(self.src[pos + 1 : close], pos + 1)
            self.cursor = close + 1
        return j + 1


def _backtick_run(src: str, pos: int, limit: int, length: int) -> int:
    """Offset of the next run of exactly ``length`` backticks in ``src[pos:limit]``."""
    while True:
        pos = src.find("`", pos, limit)
        if pos == -1:
            return -1
        end = pos
        while end < limit and src[end] == "`":
            end += 1
        if end - pos == length:
            return pos
        pos = end


def _inline_destination_end(src: str, pos: int, limit: int) -> int:
    """Offset after the ``)`` of an inline link tail starting at ``src[pos] == "("``."""
    i = pos + 1
    while i < limit and src[i] in " \t\n":
        i += 1
    if i < limit and src[i] == "<":
        close = src.find(">", i + 1, limit)
        if close == -1:
            return -1
        i = close + 1
    else:
        depth = 0
        while i < limit:
            ch = src[i]
            if ch == "\\":
                i += 2
                continue
            if ch in " \t\n":
                break
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
    while i < limit and src[i] in " \t\n":
        i += 1
    if i < limit and src[i] in "\"'(":
        closing = ")" if src[i] == "(" else src[i]
        i += 1
        while i < limit and src[i] != closing:
            i += 2 if src[i] == "\\" else 1
        i += 1
    while i < limit and src[i] in " \t\n":
        i += 1
    if i < limit and src[i] == ")":
        return i + 1
    return -1


class _Block:
    __slots__ = ("clean", "end", "kind", "level", "start")

    def __init__(self, kind: str, clean: CleanText, start: int, end: int, level: int = 0):
        self.kind = kind
        self.clean = clean
        self.start = start
        self.end = end
        self.level = level


def _collect_blocks(norm: str, body_start: int, starts: list[int] | None = None) -> list[_Block]:
    """Prose blocks of the Markdown body, with clean text in normalised offsets.

    ``starts``: the body's line starts in ``norm`` if the caller has them.
    """
    body = norm[body_start:]
    tokens = _parser().parse(body)
    if starts is None:
        starts = [s + body_start for s in LineIndex(body).starts]
    n_lines = len(starts)
    total = len(norm)

    def line_offset(line: int) -> int:
        return starts[line] if line < n_lines else total

    blocks: list[_Block] = []
    containers: list[str] = []
    pending: tuple[str, int] | None = None  # kind, heading level
    row: _Block | None = None
    row_walker: _Inline | None = None
    for tok in tokens:
        t = tok.type
        if t == "blockquote_open":
            containers.append("blockquote")
        elif t == "list_item_open":
            containers.append("list-item")
        elif t in ("blockquote_close", "list_item_close"):
            if containers:
                containers.pop()
        elif t == "heading_open":
            pending = ("heading", int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1)
        elif t == "paragraph_open":
            pending = (containers[-1] if containers else "paragraph", 0)
        elif t == "tr_open" and tok.map:
            s, e = line_offset(tok.map[0]), line_offset(tok.map[1])
            row = _Block("table-row", CleanText(), s, e)
            row_walker = _Inline(norm, s, e, row.clean)
        elif t == "tr_close":
            if row is not None and len(row.clean):
                blocks.append(row)
            row, row_walker = None, None
        elif t == "inline" and row is not None and row_walker is not None:
            if len(row.clean):
                # Cells are joined by " | ": the spaces map to the characters
                # either side of the source's pipe, the bar to the pipe.
                at = min(row_walker.cursor, max(row.end - 1, row.start))
                pipe = norm.find("|", at, row.end)
                pipe = at if pipe == -1 else pipe
                row.clean.add_char(" ", at)
                row.clean.add_char("|", pipe)
                row.clean.add_char(" ", min(pipe + 1, max(row.end - 1, row.start)))
            row_walker.walk(tok.children or [], row.clean)
        elif t == "inline" and pending is not None and tok.map:
            s, e = line_offset(tok.map[0]), line_offset(tok.map[1])
            block = _Block(pending[0], CleanText(), s, e, pending[1])
            _Inline(norm, s, e, block.clean).walk(tok.children or [], block.clean)
            blocks.append(block)
            pending = None
        elif t == "html_block" and tok.map and not _is_markup(tok.content.lstrip()):
            # Bracketed prose that CommonMark took for an HTML block.
            s, e = line_offset(tok.map[0]), line_offset(tok.map[1])
            block = _Block(containers[-1] if containers else "paragraph", CleanText(), s, e)
            inline = _parser().parseInline(tok.content)
            children = inline[0].children if inline else []
            _Inline(norm, s, e, block.clean).walk(children or [], block.clean)
            blocks.append(block)
    return blocks


def read_markdown(path: str | None, source: str, language: str = "en") -> Article:
    """Read a Markdown article (front matter, headline, prose blocks).

    Broken but closed front matter raises :class:`PartialInputError` carrying
    the article read without it, so the engine reports the error and still
    checks the body; unclosed front matter is a plain :class:`InputError`.
    """
    normalized = Normalized(source)
    try:
        front = read_front_matter(normalized.text)
    except InputError as exc:
        end = front_matter_end(normalized.text)
        if end is None:
            raise
        article = _read_markdown(path, source, language, normalized, FrontMatter({}, end))
        raise PartialInputError(f"{exc} (the body after it was checked)", article) from None
    return _read_markdown(path, source, language, normalized, front)


def _read_markdown(
    path: str | None,
    source: str,
    language: str,
    normalized: Normalized,
    front: FrontMatter | None,
) -> Article:
    norm = normalized.text
    to_source = normalized.to_source
    metadata: dict[str, Any] = dict(front.metadata) if front else {}
    body_start = front.end if front else 0

    # The body's lines, split once: the plain test walks them, and their
    # starts are ``_collect_blocks``' line offsets and most of the article's
    # line index (``LineIndex`` split the whole source again).
    lines = (norm[body_start:] if body_start else norm).split("\n")
    starts = list(map(add, accumulate(map(len, lines), initial=body_start), range(len(lines))))
    line_index = None
    # (only when the text is the source itself: a lone "\r" or a NUL keeps the
    # offsets but not the line breaks)
    if norm is source and (body_start == 0 or norm[body_start - 1] == "\n"):
        # the front matter's lines (its last start is the body's first), then the body's
        head = LineIndex(norm[:body_start]).starts[:-1] if body_start else []
        line_index = LineIndex.from_starts(head + starts, len(norm))
    pieces = _plain_pieces(norm, body_start, lines)
    if pieces is not None and normalized.identity:
        # Plain paragraphs whose text is the source itself: no parse, no
        # CleanText; the same paragraphs as ``make_paragraph`` would build.
        total = len(norm)
        paragraph_list = verbatim_paragraphs(
            [(norm[s:e], s) for s, e in pieces],
            language,
            raws=[source[s : e + 1 if e < total else total] for s, e in pieces],
        )
        return _article(
            path, source, front, metadata, None, tuple(paragraph_list), to_source, line_index
        )
    blocks = (
        _collect_blocks(norm, body_start, starts) if pieces is None else _plain_blocks(norm, pieces)
    )
    built: list[tuple[_Block, str, TextMap]] = []
    for block in blocks:
        result = block.clean.build(None if normalized.identity else to_source)
        if result is not None:
            built.append((block, result[0], result[1]))

    headline = None
    if front is None or front.title is None:
        headings = [k for k, (b, _, _) in enumerate(built) if b.kind == "heading"]
        if headings:
            h1 = [k for k in headings if built[k][0].level == 1]
            chosen = (h1 or headings)[0]
            _, text, textmap = built.pop(chosen)
            headline = Headline(text, textmap.span(0, len(text)), "heading")

    paragraphs = tuple(
        make_paragraph(
            i,
            text,
            textmap,
            kind=block.kind,
            raw=source[to_source(block.start) : to_source(block.end)],
            language=language,
        )
        for i, (block, text, textmap) in enumerate(built)
    )
    return _article(path, source, front, metadata, headline, paragraphs, to_source, line_index)


def _article(
    path: str | None,
    source: str,
    front: FrontMatter | None,
    metadata: dict[str, Any],
    headline: Headline | None,
    paragraphs: tuple[Paragraph, ...],
    to_source: Callable[[int], int],
    lines: LineIndex | None = None,
) -> Article:
    """The article, its headline from the front matter's title if it has one."""
    if front is not None and front.title is not None:
        headline = Headline(
            front.title,
            Span(to_source(front.title_start), to_source(front.title_end)),
            "front-matter",
        )
    body_span = Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None
    return Article(
        path=path,
        source=source,
        format="markdown",
        headline=headline,
        paragraphs=paragraphs,
        metadata=metadata,
        directives=scan_directives(source, line_comments=False),
        body_span=body_span,
        lines=lines,  # type: ignore[arg-type]  # None: the Article makes it
    )
