"""Markdown and HTML readers: structure, metadata and exact source positions.

Expected positions are computed from the raw file text with ``str.index``,
independently of the readers' text maps.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.article import Article
from lintnews.errors import InputError
from lintnews.readers import lintnews_read_article
from lintnews.readers.html import read_html
from lintnews.readers.markdown import read_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def raw_text(name: str) -> str:
    # bytes -> str keeps CRLF line endings as they are in the file
    return (FIXTURES / name).read_bytes().decode("utf-8")


def read(name: str) -> tuple[Article, str]:
    raw = raw_text(name)
    fmt = "html" if name.endswith(".html") else "markdown"
    article = lintnews_read_article(name, raw, fmt, None)
    assert article is not None
    return article, raw


def expected_position(raw: str, needle: str) -> tuple[int, int]:
    """1-based line and code-point column of the only occurrence of ``needle``."""
    assert raw.count(needle) == 1, f"{needle!r} must occur once in the fixture"
    idx = raw.index(needle)
    line_start = raw.rfind("\n", 0, idx) + 1
    return raw.count("\n", 0, idx) + 1, idx - line_start + 1


def check_phrase(article: Article, raw: str, clean: str, source: str | None = None) -> None:
    """``clean`` (in a paragraph's text) maps to exactly ``source`` in the file."""
    source = clean if source is None else source
    hits = [(p, p.text.index(clean)) for p in article.paragraphs if clean in p.text]
    assert len(hits) == 1, f"{clean!r} found in {len(hits)} paragraphs"
    paragraph, i = hits[0]
    span = paragraph.span_of(i, i + len(clean))
    assert article.position(span.start) == expected_position(raw, source)
    assert raw[span.start : span.end] == source


def texts(article: Article) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in article.paragraphs]


# -- Markdown ---------------------------------------------------------------------


def test_markdown_yaml_front_matter() -> None:
    article, raw = read("yaml_front.md")
    assert article.format == "markdown"
    assert article.headline is not None
    assert article.headline.text == "City council approves “green” budget"
    assert article.headline.origin == "front-matter"
    h = article.headline.span
    assert raw[h.start : h.end] == "City council approves “green” budget"
    assert article.position(h.start) == (2, 9)
    assert dict(article.metadata) == {
        "title": "City council approves “green” budget",
        "author": "Jane Doe",
        "date": "2024-05-01",
        "tags": ["politics", "budget"],
        "lintnews": {"ignore": ["PW001"]},
    }
    assert texts(article) == [
        (
            "paragraph",
            "The council voted 7 to 2 on Tuesday to approve the plan, "
            "which critics called “reckless.”",
        ),
        (
            "paragraph",
            "Officials at the city's press office said AT&T and Ben & Jerry's "
            "would sponsor parks 🌳 next year.",
        ),
        ("heading", "What happens next"),
        (
            "paragraph",
            "Escaped *stars* stay literal, and code spans keep their text.\n"
            "A soft break continues here, and  images vanish.",
        ),
        ("blockquote", "“We are thrilled,” said Mayor Ana Peña in a statement."),
        ("list-item", "First item with emphasis"),
        ("list-item", "Second item naïvely written"),
    ]
    assert [d.action for d in article.directives] == ["disable"]
    assert article.directives[0].codes == ("TX001",)


@pytest.mark.parametrize(
    ("clean", "source"),
    [
        ("7 to 2", None),  # inside strong emphasis, closing ** not swallowed
        ("7 to 2 on Tuesday", "7 to 2** on Tuesday"),
        ("critics called “reckless.”", "critics_ called “reckless.”"),
        ("on Tuesday to approve", None),  # after closing emphasis
        (
            "the city's press office said",
            'the city\'s press office](https://example.com/press "Press office") said',
        ),
        ("said AT&T and", "said AT&amp;T and"),  # entity inside the range
        ("T and Ben", None),  # right after an entity
        ("Ben & Jerry's", "Ben &amp; Jerry's"),
        ("parks 🌳 next year.", None),  # after an emoji
        ("*stars* stay", "*stars\\* stay"),  # escapes: the backslash is markup
        ("code spans keep", "code spans` keep"),
        ("A soft break", None),  # second line of a paragraph
        ("images vanish.", None),
        ("“We are thrilled,” said Mayor Ana Peña", None),
        ("naïvely written", None),
        ("What happens next", None),
    ],
)
def test_markdown_positions(clean: str, source: str | None) -> None:
    article, raw = read("yaml_front.md")
    check_phrase(article, raw, clean, source)


def test_markdown_code_and_html_blocks_are_not_prose() -> None:
    article, _ = read("yaml_front.md")
    body = article.body_text
    assert "fenced code" not in body
    assert "HTML block" not in body
    assert "lintnews" not in body


def test_markdown_toml_front_matter_and_crlf() -> None:
    article, raw = read("toml_crlf.md")
    assert "\r\n" in raw
    assert article.headline is not None
    assert article.headline.text == "Storm closes schools across the région"
    assert article.headline.origin == "front-matter"
    h = article.headline.span
    assert raw[h.start : h.end] == article.headline.text
    assert article.metadata["date"] == "2024-01-15T08:30:00+00:00"
    assert article.metadata["extra"] == {"section": "weather"}
    assert texts(article) == [
        (
            "paragraph",
            "Schools in three districts closed on Monday as the “storm” moved east.\n"
            "The second line of the paragraph — after a CRLF — mentions snow 🌨️ depth.",
        ),
        ("heading", "Aftermath"),
        ("paragraph", "Crews worked through the night — officials said roads would reopen."),
    ]
    check_phrase(article, raw, "three districts closed", "three districts** closed")
    check_phrase(article, raw, "after a CRLF — mentions snow 🌨️ depth.")
    check_phrase(article, raw, "the night — officials", "the night &mdash; officials")
    check_phrase(article, raw, "Aftermath")


def test_markdown_soft_break_maps_to_line_end() -> None:
    article, raw = read("toml_crlf.md")
    paragraph = article.paragraphs[0]
    i = paragraph.text.index("\n")
    span = paragraph.span_of(i, i + 1)
    assert raw[span.start] in "\r\n"
    assert article.position(span.start)[0] == 10


def test_markdown_heading_is_headline_without_front_matter() -> None:
    article, raw = read("no_front.md")
    assert article.metadata == {}
    assert article.headline is not None
    assert article.headline.text == "The real headline with style"
    assert article.headline.origin == "heading"
    h = article.headline.span
    assert raw[h.start : h.end] == "The real headline with *style"
    assert texts(article) == [
        ("paragraph", "Intro line before any heading."),
        ("heading", "Section first"),
        (
            "paragraph",
            "Body paragraph with a reference link and an https://example.org/autolink inside.",
        ),
        (
            "paragraph",
            "Tabs\tand   spaces stay; so does <The Palace: Tale of Jang Noksu> in angle brackets.",
        ),
        ("table-row", "Team | Score"),
        ("table-row", "Reds | 3 & 4"),
    ]
    check_phrase(
        article,
        raw,
        "and an https://example.org/autolink inside",
        "and an <https://example.org/autolink> inside",
    )
    check_phrase(article, raw, "reference link and", "reference link][ref] and")
    check_phrase(article, raw, "<The Palace: Tale of Jang Noksu> in")
    check_phrase(article, raw, "3 & 4", "3 &amp; 4")


def test_markdown_first_heading_when_no_h1() -> None:
    article = read_markdown(None, "Intro.\n\n## Only a subhead\n\nBody text.\n")
    assert article.headline is not None
    assert (article.headline.text, article.headline.origin) == ("Only a subhead", "heading")
    assert [p.text for p in article.paragraphs] == ["Intro.", "Body text."]


def test_markdown_title_not_a_string_falls_back_to_heading() -> None:
    article = read_markdown(None, "---\ntitle: [a, b]\n---\n# Heading\n\nBody.\n")
    assert article.headline is not None
    assert article.headline.origin == "heading"
    assert article.metadata["title"] == ["a", "b"]


def test_markdown_broken_yaml_names_line() -> None:
    with pytest.raises(InputError, match=r"front matter: invalid YAML at line 3: mapping"):
        read("broken_yaml.md")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: x\n\nBody.\n", "unclosed '---' fence opened at line 1"),
        ("+++\ntitle = 'x'\nauthor = \n+++\nBody.\n", "invalid TOML at line 3"),
        ("---\n- a list\n---\nBody.\n", "expected key: value pairs"),
        ("---\na: &a [*a]\n---\n", "front matter"),
    ],
)
def test_markdown_front_matter_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        read_markdown(None, text)


def test_markdown_sentences_map_into_source() -> None:
    article, raw = read("yaml_front.md")
    paragraph = article.paragraphs[0]
    assert len(paragraph.sentences) == 1
    sentence = paragraph.sentences[0]
    assert raw[sentence.span.start : sentence.span.end].startswith("The council voted **7")
    assert raw[sentence.span.start : sentence.span.end].endswith("“reckless.”")


# -- HTML -------------------------------------------------------------------------


def test_html_article() -> None:
    article, _ = read("article.html")
    assert article.format == "html"
    assert article.headline is not None
    assert article.headline.text == "Fire at the harbor destroys two warehouses"
    assert article.headline.origin == "h1"
    assert article.metadata["author"] == "Rita Ólafsdóttir"
    assert article.metadata["og:title"] == "Harbor fire"
    assert article.metadata["date"] == "2024-03-02T10:00:00Z"
    assert article.metadata["title"] == "Harbor fire & cleanup — Example News"
    assert texts(article) == [
        (
            "paragraph",
            "Firefighters fought the blaze for six hours on Sunday, officials said. "
            "Damage was estimated at €2\xa0million — a record.",
        ),
        ("paragraph", "“It was terrifying,” said José Ortiz, who lives nearby 🔥 with his family."),
        ("heading", "Cleanup & investigation"),
        ("list-item", "Roads reopened Monday."),
        ("list-item", "Investigators are looking at wiring.\nMore updates soon."),
        ("blockquote", "We will rebuild, the owner said."),
        ("table-cell", "Day"),
        ("table-cell", "Sunday <late>"),
    ]
    assert [(d.action, d.codes) for d in article.directives] == [("disable", ("PW002",))]


@pytest.mark.parametrize(
    ("clean", "source"),
    [
        ("six hours on Sunday", "six hours</strong> on Sunday"),
        ("on Sunday, officials said.", "on Sunday,\n     officials said."),
        ("officials said.", None),
        ("€2\xa0million — a record.", "&euro;2&nbsp;million &#8212; a record."),
        ("a record.", None),
        ("“It was terrifying,” said José Ortiz", None),
        ("🔥 with his family.", None),
        ("Cleanup & investigation", "Cleanup &amp; investigation"),
        ("are looking at wiring.", "are looking</a> at wiring."),
        ("More updates soon.", None),
        ("Sunday <late>", "Sunday &lt;late&gt;"),
    ],
)
def test_html_positions(clean: str, source: str | None) -> None:
    article, raw = read("article.html")
    check_phrase(article, raw, clean, source)


def test_html_headline_span() -> None:
    article, raw = read("article.html")
    assert article.headline is not None
    span = article.headline.span
    assert raw[span.start : span.end] == "Fire at the <em>harbor</em> destroys two warehouses"
    assert article.position(span.start) == expected_position(raw, "Fire at the <em>")


def test_html_hidden_content_is_not_prose() -> None:
    article, _ = read("article.html")
    body = article.body_text
    for hidden in ("SCRIPT", "NOSCRIPT", "TEMPLATE", "COMMENT", "font-family", "lintnews"):
        assert hidden not in body


def test_html_break_maps_to_tag() -> None:
    article, raw = read("article.html")
    paragraph = next(p for p in article.paragraphs if "\n" in p.text)
    i = paragraph.text.index("\n")
    span = paragraph.span_of(i, i + 1)
    assert raw[span.start : span.start + 4] == "<br>"


def test_html_title_when_no_h1_and_malformed_markup() -> None:
    article, raw = read("malformed.html")
    assert article.headline is not None
    assert (article.headline.text, article.headline.origin) == ("Broken page", "title")
    assert texts(article) == [
        ("paragraph", "Loose text in a div"),
        ("paragraph", "First unclosed paragraph"),
        ("paragraph", "Second unclosed paragraph with bold nested garbage"),
        ("list-item", "one"),
        ("list-item", "two"),
        ("paragraph", "Text after"),
        ("paragraph", "a double break"),
        ("paragraph", "Tail &unknownentity; and & stray amp"),
    ]
    check_phrase(article, raw, "nested garbage", "nested</b> garbage")
    check_phrase(
        article, raw, "Tail &unknownentity; and & stray", "Tail &unknownentity; and &amp stray"
    )


def test_html_plain_text_without_tags() -> None:
    article = read_html(None, "Just some text &amp; more.")
    assert article.headline is None
    assert [p.text for p in article.paragraphs] == ["Just some text & more."]


# -- properties -------------------------------------------------------------------

_MD_PIECES = st.sampled_from(
    [
        "word", "Ünïcödé", "“q”", "😀", " ", "  ", "\n", "\r\n", "\n\n", "*", "**", "_", "`",
        "[", "]", "(", ")", "<", ">", "&amp;", "&#233;", "&bogus;", "&", "\\", "\\*", "#",
        "# ", "> ", "- ", "1. ", "---", "+++", "```", "    ", "\t", "|", "![", "<b>", "</b>",
        "<!-- lintnews: disable X -->", "<http://x.y>", "title: x", "=", '"', "'", ".",
    ]
)  # fmt: skip
_HTML_PIECES = st.sampled_from(
    [
        "word", "Ünïcödé", "“q”", "😀", " ", "\n", "\r\n", "<p>", "</p>", "<div>", "</div>",
        "<br>", "<br/>", "<li>", "<ul>", "</ul>", "<h1>", "</h1>", "<h2>", "<title>",
        "</title>", "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>",
        "&amp;", "&#x1F600;", "&#0;", "&#xD800;", "&notit;", "&", "<", ">", "</", "<td>",
        "<table>", "<meta name=author content='x'>", "<b>", "</i>", "<!DOCTYPE html>", "<?x?>",
        "<head>", "<body>", '<a href="x">', "</a>", "<pre>", "<noscript>", "<template>",
    ]
)  # fmt: skip


def _check_article(article: Article, source: str) -> None:
    n = len(source)
    for p in article.paragraphs:
        assert 0 <= p.span.start <= p.span.end <= n
        for s in p.sentences:
            assert p.span.start <= s.span.start <= s.span.end <= p.span.end
        # Every clean character maps inside the source, in order, and each
        # alphanumeric character comes from that very character or from an
        # entity / escape that starts where it maps.
        last = -1
        for i, ch in enumerate(p.text):
            span = p.span_of(i, i + 1)
            assert 0 <= span.start <= span.end <= n
            assert span.start >= last
            last = span.start
            if ch.isalnum() and source[span.start : span.end] != ch:
                assert source[span.start] in "&\\", (ch, source[span.start : span.end])
    if article.headline is not None:
        assert 0 <= article.headline.span.start <= article.headline.span.end <= n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_MD_PIECES, max_size=40).map("".join))
def test_markdown_property(source: str) -> None:
    try:
        article = read_markdown(None, source)
    except InputError:
        return
    _check_article(article, source)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_HTML_PIECES, max_size=40).map("".join))
def test_html_property(source: str) -> None:
    article = read_html(None, source)
    _check_article(article, source)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_readers_on_arbitrary_text(source: str) -> None:
    try:
        article = read_markdown(None, source)
    except InputError:
        pass
    else:
        _check_article(article, source)
    _check_article(read_html(None, source), source)


# -- the model's hand-written constructors ------------------------------------------


def _model_examples() -> list[object]:
    from lintnews.article import Paragraph, Sentence, Span, TextMap

    span = Span(2, 9)
    textmap = TextMap((0, 3), (2, 6), 7, 9, frozenset({2}))
    sentence = Sentence("One two", 0, 7, span)
    return [
        span,
        textmap,
        TextMap.identity(4, 3),
        sentence,
        Paragraph(0, "One two", span, "paragraph", (sentence,), textmap),
        Paragraph(1, "Head", Span(0, 4), "heading", (), TextMap.identity(0, 4), raw="# Head"),
    ]


@pytest.mark.parametrize("obj", _model_examples(), ids=lambda o: type(o).__name__)
def test_model_constructors_match_their_dataclass_fields(obj: object) -> None:
    """Span, TextMap, Sentence and Paragraph write their own __init__ (speed):
    it must take exactly the dataclass fields, set every one, and the objects
    must compare, hash, copy and pickle as the generated ones did."""
    import copy
    import dataclasses
    import inspect
    import pickle

    from lintnews.cache import dumps_result

    cls = type(obj)
    fields = dataclasses.fields(cls)
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        assert (p.default is inspect.Parameter.empty) == (f.default is dataclasses.MISSING)
        if f.default is not dataclasses.MISSING:
            assert p.default == f.default
    values = {f.name: getattr(obj, f.name) for f in fields}  # every slot set
    again = cls(**values)
    assert again == obj and hash(again) == hash(obj) and repr(again) == repr(obj)
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert pickle.loads(dumps_result(obj)) == obj
    assert copy.deepcopy(obj) == obj
    assert dataclasses.replace(obj) == obj
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, fields[0].name, values[fields[0].name])


def test_span_checks_and_orders() -> None:
    from lintnews.article import Span

    for start, end in [(-1, 3), (5, 4)]:
        with pytest.raises(ValueError, match=r"invalid span"):
            Span(start, end)
    with pytest.raises(TypeError):
        Span(1)  # type: ignore[call-arg]
    assert Span(end=3, start=1) == Span(1, 3) < Span(1, 4) < Span(2, 2)
    assert sorted([Span(3, 4), Span(0, 9), Span(0, 2)]) == [Span(0, 2), Span(0, 9), Span(3, 4)]
    assert len(Span(2, 7)) == 5 and Span(0, 9).contains(Span(2, 3))
