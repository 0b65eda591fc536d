"""Front matter of Markdown articles: YAML between ``---`` or TOML between ``+++``.

News CMS exports put the headline, byline and dates there, so lintnews reads
it as typed fields instead of skipping it.  Values are kept as parsed, except
that dates and times become ISO strings (and other exotic YAML types plain
strings) so metadata can always be written as JSON.  Broken front matter is
an :class:`~lintnews.errors.InputError` naming the line of the file.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import sys
from dataclasses import dataclass
from typing import Any

from lintnews import recache
from lintnews.errors import InputError

__all__ = ["FrontMatter", "read_front_matter"]

_FENCES = {"---": "yaml", "+++": "toml"}
#: YAML documents may also end with ``...``
_CLOSERS = {"yaml": ("---", "..."), "toml": ("+++",)}
#: node visits allowed while checking YAML aliases (defeats "billion laughs")
_MAX_NODES = 20_000


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter; offsets index the text it was read from."""

    metadata: dict[str, Any]
    #: offset just past the closing fence line (where the Markdown body starts)
    end: int
    #: the title if it is a non-empty string, with the offsets of its value
    title: str | None = None
    title_start: int = 0
    title_end: int = 0


def _lines(text: str, start: int):  # type: ignore[no-untyped-def]
    """Yield ``(line_start, line_end_without_newline, next_line_start)``."""
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl == -1:
            yield pos, n, n
            return
        yield pos, nl, nl + 1
        pos = nl + 1


def front_matter_end(text: str) -> int | None:
    """Offset just past the closing fence of front matter at the start of ``text``.

    ``None`` when there is no fenced block (or it is never closed).  Used to
    skip broken front matter and still read the body after it.
    """
    start = 1 if text.startswith("\ufeff") else 0
    first_nl = text.find("\n", start)
    kind = _FENCES.get(text[start : first_nl if first_nl != -1 else len(text)].rstrip(" \t"))
    if kind is None or first_nl == -1:
        return None
    for ls, le, nxt in _lines(text, first_nl + 1):
        if text[ls:le].rstrip(" \t") in _CLOSERS[kind]:
            return nxt
    return None


def read_front_matter(text: str) -> FrontMatter | None:
    """Front matter at the very start of ``text`` (line endings ``\\n``), or ``None``."""
    start = 1 if text.startswith("\ufeff") else 0
    first_nl = text.find("\n", start)
    first = text[start : first_nl if first_nl != -1 else len(text)].rstrip(" \t")
    kind = _FENCES.get(first)
    if kind is None or first_nl == -1:
        if kind is not None:
            raise InputError(f"front matter: unclosed '{first}' fence opened at line 1")
        return None
    body_start = first_nl + 1
    close = None
    for line_no, (ls, le, nxt) in enumerate(_lines(text, body_start), start=2):
        if text[ls:le].rstrip(" \t") in _CLOSERS[kind]:
            close = (ls, nxt, line_no)
            break
    if close is None:
        raise InputError(f"front matter: unclosed '{first}' fence opened at line 1")
    content = text[body_start : close[0]]
    if kind == "yaml":
        data, title_pos = _parse_yaml(content)
    else:
        data, title_pos = _parse_toml(content)
    metadata = {str(k): _json_safe(v) for k, v in data.items()}
    title = metadata.get("title")
    if isinstance(title, str) and title.strip() and title_pos is not None:
        return FrontMatter(
            metadata, close[1], title, body_start + title_pos[0], body_start + title_pos[1]
        )
    return FrontMatter(metadata, close[1])


# Front matter as CMS exports write it: every line ``key: "value"`` with a
# plain identifier key and a double-quoted value without escapes.  For such a
# document PyYAML's answer is known without running its (pure-Python) scanner,
# which cost ~1 ms per Markdown article: a mapping of each key (a plain scalar
# that resolves to a string: not a YAML 1.1 boolean or null word) to the text
# between its quotes (no escapes, no line folding), the last of equal keys
# winning, and the title's offsets those of its value's characters.  The value
# class is the characters PyYAML's reader accepts (``Reader.NON_PRINTABLE``)
# less '"', "\\" and the line breaks "\x85", U+2028 and U+2029.  Anything
# else goes to PyYAML (tests/test_readers_batch.py compares the two).
_SIMPLE_LINE = (
    r'([A-Za-z_][A-Za-z0-9_]{0,63}): "'
    r'([\t\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*)"\n'
)
# from the compiled-regex store: their code-point class takes ~3 ms each to compile
_SIMPLE_YAML = recache.compile(f"(?:{_SIMPLE_LINE})+")
_SIMPLE_YAML_LINE = recache.compile(_SIMPLE_LINE)
#: plain scalars YAML 1.1 resolves to booleans or null (the only non-strings
#: a key of ``[A-Za-z_][A-Za-z0-9_]*`` can become)
_NOT_STR_KEYS = frozenset(
    [
        w
        for base in ("yes", "no", "true", "false", "on", "off", "null")
        for w in (base, base.title(), base.upper())
    ]
)


def _parse_simple_yaml(content: str) -> tuple[dict[str, Any], tuple[int, int] | None] | None:
    """``_parse_yaml(content)`` for ``key: "value"`` lines, or ``None`` for other YAML."""
    if _SIMPLE_YAML.fullmatch(content) is None:
        return None
    data: dict[str, Any] = {}
    title_pos = None
    for count, m in enumerate(_SIMPLE_YAML_LINE.finditer(content)):
        key = m.group(1)
        if key in _NOT_STR_KEYS or count >= 1000:  # the node limit is _check_aliases'
            return None
        data[key] = m.group(2)
        if key == "title":
            title_pos = m.span(2)
    return data, title_pos


def _parse_yaml(content: str) -> tuple[dict[str, Any], tuple[int, int] | None]:
    simple = _parse_simple_yaml(content)
    return simple if simple is not None else _parse_pyyaml(content)


def _yaml() -> Any:
    """PyYAML, imported on first use under the compiled-regex store.

    Its resolver, reader and constructor compile ten patterns at import:
    ~67M of the ~98M instructions of ``import yaml``, in every process whose
    first front matter the simple-line parser above cannot read.  Under
    ``recache.compiles_stored`` they are the same pattern objects, read from
    the store (see lintnews.recache).
    """
    yaml = sys.modules.get("yaml")
    if yaml is None:
        with recache.compiles_stored():
            import yaml
    return yaml


def _parse_pyyaml(content: str) -> tuple[dict[str, Any], tuple[int, int] | None]:
    yaml = _yaml()

    loader = None
    try:
        loader = yaml.SafeLoader(content)
        node = loader.get_single_node()
        if node is None:
            return {}, None
        _check_aliases(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 2
        problem = exc.problem or exc.context or "syntax error"
        raise InputError(f"front matter: invalid YAML at line {line}: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = content.count("\n", 0, exc.position) + 2
        raise InputError(
            f"front matter: invalid YAML at line {line}: unacceptable character "
            f"U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X}"
        ) from None
    except yaml.YAMLError as exc:
        msg = " ".join(str(exc).split())
        raise InputError(f"front matter: invalid YAML: {msg}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise InputError(
            f"front matter: expected key: value pairs, got a {type(data).__name__} (line 2)"
        )
    title_pos = None
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "title" and isinstance(value_node.value, str):
            s, e = value_node.start_mark.index, value_node.end_mark.index
            if value_node.style in ('"', "'") and e - s >= 2:
                s, e = s + 1, e - 1
            title_pos = (s, e)
    return data, title_pos


def _check_aliases(node: Any) -> None:
    """Refuse documents whose aliases expand enormously or refer to themselves."""
    yaml = _yaml()

    count = 0
    stack: list[tuple[Any, frozenset[int]]] = [(node, frozenset())]
    while stack:
        current, ancestors = stack.pop()
        count += 1
        if count > _MAX_NODES:
            raise InputError("front matter: YAML too large or too many aliases")
        if id(current) in ancestors:
            raise InputError("front matter: YAML refers to itself (recursive alias)")
        if isinstance(current, yaml.SequenceNode):
            inner = ancestors | {id(current)}
            stack.extend((child, inner) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            inner = ancestors | {id(current)}
            for k, v in current.value:
                stack.append((k, inner))
                stack.append((v, inner))


_TOML_LINE = re.compile(r"(?:(?<=\n)|^)[ \t]*(?P<key>[^\n=]+?)[ \t]*=[ \t]*(?P<value>[^\n]*)")
_TOML_ERROR_LINE = re.compile(r"at line (\d+)")


def _parse_toml(content: str) -> tuple[dict[str, Any], tuple[int, int] | None]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_ERROR_LINE.search(msg)
        line = int(m.group(1)) + 1 if m else 2
        problem = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", msg)
        raise InputError(f"front matter: invalid TOML at line {line}: {problem}") from None
    return data, _toml_title_pos(content)


def _toml_title_pos(content: str) -> tuple[int, int] | None:
    """Offsets of the top-level ``title = "..."`` value (tomllib gives no positions)."""
    for m in _TOML_LINE.finditer(content):
        key = m.group("key").strip()
        if key.startswith("["):
            return None  # tables start: no more top-level keys
        if key.strip("\"'") != "title":
            continue
        s = m.start("value")
        value = m.group("value")
        for quote in ('"""', "'''", '"', "'"):
            if value.startswith(quote):
                if len(quote) == 3:
                    return s, m.end("value")
                close = _closing_quote(value, quote)
                if close == -1:
                    return s, m.end("value")
                return s + 1, s + close
        return s, s + len(value.split("#", 1)[0].rstrip())
    return None


def _closing_quote(value: str, quote: str) -> int:
    i = 1
    while i < len(value):
        ch = value[i]
        if ch == "\\" and quote == '"':
            i += 2
            continue
        if ch == quote:
            return i
        i += 1
    return -1


def _json_safe(value: Any) -> Any:
    """Dates to ISO strings, sets and tuples to lists, bytes and the rest to strings."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (_dt.date, _dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_json_safe(v) for v in value), key=str)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
