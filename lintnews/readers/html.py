"""HTML articles, read with the standard library's lenient ``html.parser``.

``HTMLParser`` never fetches anything (no external entities, no DTDs) and
reports where each token starts via ``getpos()``; with
``convert_charrefs=False`` entities arrive as separate events, so each decoded
character can be mapped to the whole ``&amp;`` it came from.

Blocks follow what a reader sees: ``p``, headings, list items, quotes, table
cells, captions; text directly inside a ``div``/``section``/``article`` (not
inside a nested block) becomes its own paragraph, and ``<br><br>`` splits a
block the way scraped pages use it.  Whitespace collapses as in rendering.
Malformed markup (unclosed or stray tags) is repaired with a few of the HTML
parsing rules (a new block closes an open ``p``, a ``li`` closes the previous
``li``...), never by failing.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from lintnews.article import Article, Headline, Span, TextMap
from lintnews.directives import scan_directives
from lintnews.errors import InputError
from lintnews.readers.build import make_paragraph
from lintnews.readers.cleantext import CleanText

__all__ = ["read_html"]

#: elements whose whole content is not prose
SKIPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "pre",
        "select",
        "textarea",
    ]
)
#: block elements: each starts a new paragraph; value is the paragraph kind
BLOCKS: dict[str, str] = {
    "p": "paragraph",
    "div": "paragraph",
    "section": "paragraph",
    "article": "paragraph",
    "main": "paragraph",
    "header": "paragraph",
    "footer": "paragraph",
    "aside": "paragraph",
    "nav": "paragraph",
    "form": "paragraph",
    "fieldset": "paragraph",
    "address": "paragraph",
    "details": "paragraph",
    "summary": "paragraph",
    "center": "paragraph",
    "body": "paragraph",
    "html": "paragraph",
    "figure": "paragraph",
    "hgroup": "paragraph",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "li": "list-item",
    "dt": "list-item",
    "dd": "list-item",
    "ul": "paragraph",
    "ol": "paragraph",
    "dl": "paragraph",
    "blockquote": "blockquote",
    "td": "table-cell",
    "th": "table-cell",
    "tr": "paragraph",
    "table": "paragraph",
    "thead": "paragraph",
    "tbody": "paragraph",
    "tfoot": "paragraph",
    "caption": "caption",
    "figcaption": "caption",
}
#: a ``p`` or a generic block inside one of these takes its kind
_CONTEXT_KINDS = ("list-item", "blockquote", "table-cell", "caption")
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
#: start tags that close an open ``p`` (HTML's "close a p element")
_CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
        "li",
        "dd",
        "dt",
    ]
)
#: start tag -> tags it implicitly ends (up to, not past, the given boundaries)
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
}
_META_NAMES = {
    "author": "author",
    "byline": "byline",
    "description": "description",
    "date": "date",
    "article:published_time": "date",
    "og:title": "og:title",
    "og:description": "og:description",
    "article:author": "author",
}
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);?")
_ENTITYREF = re.compile(r"&[a-zA-Z][-.a-zA-Z0-9]*;?")
_WS = frozenset(" \t\n\r\f")


class _Open:
    """An open element; block elements carry the text gathered since their start."""

    __slots__ = ("clean", "kind", "start", "tag")

    def __init__(self, tag: str, kind: str | None, start: int) -> None:
        self.tag = tag
        self.kind = kind
        self.start = start
        self.clean = CleanText() if kind is not None else None


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        starts = [0]
        pos = source.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = source.find("\n", pos + 1)
        self.line_starts = starts
        root = _Open("#root", "paragraph", 0)
        self.stack: list[_Open] = [root]
        self.skip_depth = 0
        #: finished blocks: (kind, tag, clean text, source start, source end)
        self.blocks: list[tuple[str, str, CleanText, int, int]] = []
        self.title: CleanText | None = None
        self.in_title = False
        self.metadata: dict[str, Any] = {}
        self.pending_breaks = 0

    # -- positions -------------------------------------------------------
    def _here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col

    # -- structure ----------------------------------------------------------
    def _block(self) -> _Open:
        for item in reversed(self.stack):
            if item.clean is not None:
                return item
        return self.stack[0]

    def _flush(self, item: _Open, end: int) -> None:
        """Emit the text gathered in ``item`` so far as a paragraph."""
        if item.clean is None or not len(item.clean):
            return
        kind = item.kind or "paragraph"
        if kind == "paragraph":
            for outer in reversed(self.stack):
                if outer is not item and outer.kind in _CONTEXT_KINDS:
                    kind = outer.kind
                    break
        self.blocks.append((kind, item.tag, item.clean, item.start, end))
        item.clean = CleanText()
        item.start = end
        self.pending_breaks = 0

    def _close_to(self, index: int, end: int) -> None:
        """Close every element from the top of the stack down to ``stack[index]``."""
        while len(self.stack) > index:
            item = self.stack.pop()
            if item.tag in SKIPPED:
                self.skip_depth -= 1
            if item.tag == "title":
                self.in_title = False
            self._flush(item, end)
        block = self._block()
        if block.clean is not None and not len(block.clean):
            block.start = end

    def _in_foreign(self) -> bool:
        return any(item.tag in ("svg", "math") for item in self.stack)

    def _find_open(self, tags: frozenset[str], boundary: frozenset[str]) -> int:
        for k in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[k].tag
            if tag in tags:
                return k
            if tag in boundary:
                return -1
        return -1

    # -- events ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        if tag == "meta":
            self._meta(attrs)
            return
        if tag == "br":
            self._break(start)
            return
        if tag == "body" or (tag in BLOCKS and tag != "html"):
            # content starts: an unclosed <head> ends here, as in browsers
            k = self._find_open(frozenset({"head"}), frozenset())
            if k != -1:
                self._close_to(k, start)
        if tag == "title" and self.title is None and not self._in_foreign():
            self.in_title = True
            self.title = CleanText()
            self.stack.append(_Open("title", None, start))
            return
        if self.skip_depth and tag not in SKIPPED:
            if tag not in VOID:
                self.stack.append(_Open(tag, None, start))
            return
        if tag in _CLOSES_P:
            k = self._find_open(frozenset({"p"}), frozenset({"button", "table", "td", "th"}))
            if k != -1:
                self._close_to(k, start)
        implied = _IMPLIED_END.get(tag)
        if implied is not None:
            k = self._find_open(*implied)
            if k != -1:
                self._close_to(k, start)
        if tag in VOID:
            if tag == "hr":
                block = self._block()
                self._flush(block, start)
            return
        kind = BLOCKS.get(tag)
        if kind is not None:
            # Text gathered so far in the enclosing block is a paragraph of its own.
            self._flush(self._block(), start)
        item = _Open(tag, kind, start + len(self.get_starttag_text() or ""))
        if tag in SKIPPED:
            self.skip_depth += 1
        self.stack.append(item)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        if tag == "br":  # browsers read a stray </br> as <br>
            if not self.skip_depth:
                self._break(start)
            return
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                self._close_to(k, start)
                return
        if tag == "p" and not self.skip_depth:
            # a stray </p> ends the text gathered so far, as a paragraph
            self._flush(self._block(), start)

    def handle_data(self, data: str) -> None:
        start = self._here()
        if self.in_title and self.title is not None:
            _add_collapsed(self.title, data, start)
            return
        if self.skip_depth:
            return
        if self.pending_breaks and data.strip(" \t\n\r\f"):
            self.pending_breaks = 0
        _add_collapsed(self._block().clean, data, start)  # type: ignore[arg-type]

    def _ref(self, pattern: re.Pattern[str]) -> None:
        start = self._here()
        target = self.title if self.in_title else None
        if target is None:
            if self.skip_depth:
                return
            target = self._block().clean
        m = pattern.match(self.source, start)
        if m is None or target is None:
            return
        raw = m.group()
        decoded = html.unescape(raw)
        if decoded == raw:
            _add_collapsed(target, raw, start)
            return
        # Legacy entities without ";" decode only a prefix ("&notit;" -> "¬it;"):
        # map the undecoded tail one to one.
        k = 0
        while k < len(decoded) - 1 and k < len(raw) - 1 and decoded[-1 - k] == raw[-1 - k]:
            k += 1
        head_end = start + len(raw) - k
        target.add_decoded(decoded[: len(decoded) - k], start, head_end)
        if k:
            target.add_run(raw[len(raw) - k :], head_end)
        self.pending_breaks = 0

    def handle_entityref(self, name: str) -> None:
        self._ref(_ENTITYREF)

    def handle_charref(self, name: str) -> None:
        self._ref(_CHARREF)

    def _break(self, start: int) -> None:
        if self.skip_depth or self.in_title:
            return
        block = self._block()
        clean = block.clean
        if clean is None:
            return
        self.pending_breaks += 1
        if self.pending_breaks >= 2:
            # <br><br>: the way scraped pages separate paragraphs
            while len(clean) and clean.last_char in "\n ":
                clean.pop()
            self._flush(block, start)
            block.start = start
            return
        while len(clean) and clean.last_char == " ":
            clean.pop()
        clean.add_char("\n", start, start + 1)

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        name = (values.get("name") or values.get("property") or "").lower()
        key = _META_NAMES.get(name)
        content = values.get("content", "").strip()
        if key is not None and content and key not in self.metadata:
            self.metadata[key] = content

    def finish(self) -> None:
        self.close()
        self._close_to(1, len(self.source))
        self._flush(self.stack[0], len(self.source))


def _add_collapsed(clean: CleanText | None, data: str, start: int) -> None:
    """Append ``data`` (a verbatim source run) with whitespace collapsed."""
    if clean is None:
        return
    last = clean.last_char
    i = 0
    n = len(data)
    while i < n:
        ch = data[i]
        if ch in _WS:
            j = i + 1
            while j < n and data[j] in _WS:
                j += 1
            if last and last not in " \n":
                clean.add_char(" ", start + i)
                last = " "
            i = j
            continue
        j = i + 1
        while j < n and data[j] not in _WS:
            j += 1
        clean.add_run(data[i:j], start + i)
        last = data[j - 1]
        i = j


def read_html(path: str | None, source: str, language: str = "en") -> Article:
    """Read an HTML article: headline from the first ``h1`` (else ``title``), blocks."""
    reader = _Reader(source)
    try:
        reader.feed(source)
        reader.finish()
    except (AssertionError, AttributeError, ValueError, IndexError) as exc:  # pragma: no cover
        line, _ = reader.getpos()
        raise InputError(f"html: cannot parse markup near line {line}: {exc}") from None

    built: list[tuple[str, str, str, TextMap, int, int]] = []
    for kind, tag, clean, start, end in reader.blocks:
        result = clean.build()
        if result is not None:
            built.append((kind, tag, result[0], result[1], start, end))
    built.sort(key=lambda b: b[3].to_source(0))

    metadata = dict(reader.metadata)
    title_text = None
    title_span = None
    if reader.title is not None:
        result = reader.title.build()
        if result is not None:
            title_text, title_map = result
            title_span = title_map.span(0, len(title_text))
            metadata.setdefault("title", title_text)

    headline = None
    for k, (_, tag, text, textmap, _, _) in enumerate(built):
        if tag == "h1":
            headline = Headline(text, textmap.span(0, len(text)), "h1")
            del built[k]
            break
    if headline is None and title_text is not None and title_span is not None:
        headline = Headline(title_text, title_span, "title")

    paragraphs = tuple(
        make_paragraph(
            i,
            text,
            textmap,
            kind=kind,
            raw=source[start:end] if start <= end else "",
            language=language,
        )
        for i, (kind, _, text, textmap, start, end) in enumerate(built)
    )
    body_span = Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None
    return Article(
        path=path,
        source=source,
        format="html",
        headline=headline,
        paragraphs=paragraphs,
        metadata=metadata,
        directives=scan_directives(source, line_comments=False),
        body_span=body_span,
    )
