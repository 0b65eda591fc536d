"""Built-in readers (plain text, Markdown, HTML), registered as a plugin.

Each format is an ordinary ``lintnews_read_article`` implementation; a
newsroom adds its CMS export the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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


#: format -> (module, function) of the built-in readers, imported on first use
_READER_MODULES = {
    "text": ("lintnews.readers.text", "read_text"),
    "markdown": ("lintnews.readers.markdown", "read_markdown"),
    "html": ("lintnews.readers.html", "read_html"),
}
#: format -> its read function, once imported
_readers: dict[str, Callable[[str | None, str, str], Any]] = {}


def _import_reader(format: str) -> Callable[[str | None, str, str], Any]:
    """The read function of ``format``, its module imported under the compiled-regex store.

    Why the store: a reader module and what it imports compile their patterns
    at import, in every process that meets the format, and none of them is
    imported before the first article of that format (a worker, or a
    one-article run): ``html.parser`` and ``_markupbase`` compile sixteen,
    PyYAML (imported by the front matter reader when it needs it) ten, the
    Markdown and HTML readers and the front matter parser two each.  Under
    ``recache.compiles_stored`` each is the same pattern object, read from the
    store instead of compiled (see lintnews.recache).
    """
    import importlib

    from lintnews import recache

    module_name, function = _READER_MODULES[format]
    with recache.compiles_stored():
        module = importlib.import_module(module_name)
    read: Callable[[str | None, str, str], Any] = getattr(module, function)
    _readers[format] = read
    return read


@hookimpl(trylast=True)
def lintnews_read_article(path: str | None, text: str, format: str, config: Any) -> Any:
    read = _readers.get(format)
    if read is None:
        if format not in _READER_MODULES:
            return None
        read = _import_reader(format)
    language = getattr(config, "language", "en") if config is not None else "en"
    return read(path, text, language)
