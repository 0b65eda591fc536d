"""Built-in readers (plain text, Markdown, HTML), registered as a plugin.

Each format is an ordinary ``lintnews_read_article`` implementation; a
newsroom adds its CMS export the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lintnews.hookspecs import hookimpl

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


@hookimpl
def lintnews_reader_formats() -> Mapping[str, str]:
    return FORMATS


@hookimpl(trylast=True)
def lintnews_read_article(path: str | None, text: str, format: str, config: Any) -> Any:
    language = getattr(config, "language", "en") if config is not None else "en"
    if format == "text":
        from lintnews.readers.text import read_text

        return read_text(path, text, language)
    if format == "markdown":
        from lintnews.readers.markdown import read_markdown

        return read_markdown(path, text, language)
    if format == "html":
        from lintnews.readers.html import read_html

        return read_html(path, text, language)
    return None
