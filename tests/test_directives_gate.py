"""``scan_directives``' cheap gates never hide a directive the patterns would find.

The gates ("<!--" or "#" present, then a case-insensitive search for what a
match must start with) decide whether the two directive patterns run at all;
here they are compared with running the patterns on every text.
"""

from __future__ import annotations

import random

from lintnews import directives
from lintnews.article import Directive, LineIndex, Span
from lintnews.directives import scan_directives


def _ungated(source: str, line_comments: bool) -> tuple[Directive, ...]:
    """The directives the patterns find, with no gate in front of them."""
    lines = LineIndex(source)
    found = []
    patterns = [directives._COMMENT_RE, directives._LINE_RE]
    for pattern in patterns if line_comments else patterns[:1]:
        for m in pattern.finditer(source):
            codes = tuple(c for c in directives._CODE_SPLIT.split(m.group("codes").strip()) if c)
            line, _ = lines.position(m.start())
            found.append(
                Directive(m.group("action").lower(), codes, line, Span(m.start(), m.end()))
            )
    found.sort(key=lambda d: d.span.start)
    return tuple(found)


#: pieces of directives and near misses: case variants (also the dotless i and
#: the long s, which IGNORECASE matches), spaces, line breaks, other markup
_PIECES = [
    *["#", "# ", "#\t", "<!--", "<!-- ", "-->", " -->", "<!-", "##", "\n", "\r\n", " ", "\t"],
    *["lintnews:", "LINTNEWS:", "LintNews:", "l\u0131ntnews:", "lintnew\u017f:", "lintnews"],
    *["lint news:", "disable", "enable", "disable-line", "disable-next-line", "DISABLE"],
    *[" PW001", ",TX002", " HL001, RD003", "x", "\u00e9", "\u201c", "\u3000", "\xa0"],
]


def _source(rng: random.Random) -> str:
    """Random pieces, half of the time around a directive-like line."""

    def noise() -> str:
        return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 6)))

    if rng.random() < 0.5:
        return noise() + noise() + noise()
    opener = rng.choice(["#", "# ", " #\t", "<!--", "<!-- ", "##", "\n#"])
    word = rng.choice(_PIECES[13:19])
    action = rng.choice(_PIECES[20:25])
    closer = rng.choice(["", " -->", "-->", "\n", "\r\n", " x"])
    return (
        noise()
        + "\n"
        + opener
        + word
        + " "
        + action
        + rng.choice(_PIECES[25:28])
        + closer
        + noise()
    )


def test_gates_equal_the_ungated_patterns() -> None:
    """120,000 random texts, each with and without line comments."""
    rng = random.Random(41)
    hits = 0
    for _ in range(120_000):
        source = _source(rng)
        for line_comments in (True, False):
            expected = _ungated(source, line_comments)
            assert scan_directives(source, line_comments=line_comments) == expected, repr(source)
            hits += bool(expected)
    assert hits > 10_000


def test_gates_find_case_variants() -> None:
    source = "Head\n\n# LINTNEWS: disable PW001\n\n<!-- l\u0131ntnews: enable -->\n"
    found = scan_directives(source, line_comments=True)
    assert [(d.action, d.codes, d.line) for d in found] == [
        ("disable", ("PW001",), 3),
        ("enable", (), 5),
    ]
    assert scan_directives("a # b <!-- c -->\n", line_comments=True) == ()
