"""Property tests: arbitrary text, Markdown, HTML and bytes through readers and every rule.

What must hold for any input: no exception escapes the engine, no built-in
rule or reader crashes (the engine would catch it, but it would still be a
bug), and every reported position lies inside the file:
1 <= line <= number of lines, 1 <= column <= line length + 1, end >= start.

CI runs 200 examples per strategy.  A longer run (20,000 per strategy):
``LINTNEWS_FUZZ_PROFILE=nightly pytest tests/test_fuzz.py`` (see
docs/robustness.md).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.config import Config
from lintnews.decoding import BinaryFile, DecodeError, decode_bytes
from lintnews.engine import Engine, RunResult

_PROFILES = {"ci": 200, "nightly": 20_000}
_PROFILE = os.environ.get("LINTNEWS_FUZZ_PROFILE", "ci")
if _PROFILE not in _PROFILES:
    raise pytest.UsageError(f"LINTNEWS_FUZZ_PROFILE must be one of {sorted(_PROFILES)}")

FUZZ = settings(
    max_examples=_PROFILES[_PROFILE],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_ENGINE: Engine | None = None


def engine() -> Engine:
    """One engine with every rule (opt-in ones too), built once: plugins load slowly."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine(Config(select=("ALL",), report_unused_suppressions=True))
    return _ENGINE


def assert_sane(result: RunResult, text: str) -> None:
    lines = text.split("\n")
    for error in result.all_errors():
        assert "crashed" not in error.message, error.message + "\n" + (error.detail or "")
        assert "took" not in error.message or "rule-timeout" not in error.message
    for v in result.violations():
        where = f"{v.code} at {v.line}:{v.column}-{v.end_line}:{v.end_column}"
        assert 1 <= v.line <= len(lines), where
        assert 1 <= v.column <= len(lines[v.line - 1]) + 1, where
        assert v.line <= v.end_line <= len(lines), where
        assert 1 <= v.end_column <= len(lines[v.end_line - 1]) + 1, where
        assert (v.end_line, v.end_column) >= (v.line, v.column), where
        assert 0 <= v.span.start <= v.span.end <= len(text), where


def lint(text: str, filename: str) -> None:
    result = engine().lint_text(text, filename=filename)
    # lint_text drops a leading BOM, as decoding a file does
    assert_sane(result, text[1:] if text.startswith("\ufeff") else text)


# -- strategies -------------------------------------------------------------------------------

_NASTY = [
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\x0c",
    "\U0001f600",
    "\U0001f1eb\U0001f1f7",
    "中文",
    "e\u0301",
    "\u202e",
    "—",
    "“",
    "”",
    "’",
    "Subscribe now",
    "Sign up for our newsletter",
    "Read more:",
    "Advertisement",
    "lintnews: disable PW001",
    "<!-- lintnews: disable-next-line -->",
    "<!-- lintnews: enable -->",
    '"',
    "'",
    ".",
    "?",
    "!",
    "...",
    "Mr.",
    "U.S.",
    "(",
    ")",
    "©",
    "\\",
]
_MARKDOWN = [
    "---\n",
    "+++\n",
    "title: ",
    "title = ",
    "tags: [a, b]\n",
    "# ",
    "## ",
    "* ",
    "- ",
    "1. ",
    "> ",
    "```\n",
    "~~~\n",
    "    ",
    "**",
    "__",
    "*",
    "_",
    "`",
    "[link](http://x)",
    "![img](y)",
    "<https://example.com>",
    "<div>",
    "</div>",
    "| a | b |\n|---|---|\n",
    "---\n\n",
    "\\*",
    "&amp;",
    "&#169;",
    "<!--",
    "-->",
    "[^1]",
    "[ref]: http://x\n",
]
_HTML = [
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "<body>",
    "<h1>",
    "</h1>",
    "<p>",
    "</p>",
    "<br>",
    "<div class='x'>",
    "</div>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&lt;",
    "&#8212;",
    "&#x1F600;",
    "&nbsp;",
    "&bogus;",
    "&",
    "<a href='x'>",
    "</a>",
    "<b>",
    "<i>",
    "</b>",
    "<ul>",
    "<li>",
    "<table><tr><td>",
    "<",
    ">",
    '<meta name="description" content="x">',
    "<!DOCTYPE html>",
    "<?xml ?>",
    "<p title='",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    "&e;",
    "<noscript>",
    "<figure>",
]


def _assembled(fragments: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(fragments),
        st.sampled_from(_NASTY),
        st.text(max_size=12),
    )
    return st.lists(piece, max_size=60).map("".join)


TEXT = st.one_of(st.text(), _assembled(_NASTY))
MARKDOWN = _assembled(_MARKDOWN)
HTML = _assembled(_HTML)


# -- properties -------------------------------------------------------------------------------


@FUZZ
@given(TEXT)
def test_arbitrary_text(text: str) -> None:
    lint(text, "fuzz.txt")


@FUZZ
@given(MARKDOWN)
def test_arbitrary_markdown(text: str) -> None:
    lint(text, "fuzz.md")


@FUZZ
@given(HTML)
def test_arbitrary_html(text: str) -> None:
    lint(text, "fuzz.html")


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=400),
        MARKDOWN.map(lambda s: s.encode("utf-8")),
        HTML.map(lambda s: s.encode("utf-16")),
        st.tuples(TEXT, st.binary(max_size=4)).map(lambda t: t[0].encode() + t[1]),
    ),
    st.sampled_from(["fuzz.txt", "fuzz.md", "fuzz.html"]),
)
def test_arbitrary_bytes_decoded_then_linted(data: bytes, filename: str) -> None:
    try:
        decoded = decode_bytes(data)
    except (BinaryFile, DecodeError) as exc:
        assert "\n" not in str(exc)
        return
    lint(decoded.text, filename)
