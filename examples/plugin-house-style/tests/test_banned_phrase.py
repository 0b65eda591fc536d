"""Tests of HS001 with lintnews' own testing helpers (no CLI, no install needed)."""

from __future__ import annotations

from lintnews_house_style import BANNED_PHRASE

from lintnews.testing import read_article, run_rule

ARTICLE = """Minister under fire

The opposition slammed the minister on Monday.

She said she acted in order to protect jobs.
"""


def test_flags_default_phrases_with_positions() -> None:
    found = run_rule(BANNED_PHRASE, ARTICLE)
    assert [(v.code, v.line, v.column, v.end_column) for v in found] == [
        ("HS001", 3, 16, 23),
        ("HS001", 5, 20, 31),
    ]
    assert "write 'to'" in found[1].message
    # An unsafe fix: offered, but applied only with --unsafe-fixes.
    assert found[1].fix is not None and not found[1].fix.safe
    assert found[0].fix is None


def test_custom_list_replaces_the_default() -> None:
    found = run_rule(BANNED_PHRASE, ARTICLE, phrases=["Monday"], replacements={})
    assert [v.message for v in found] == ["house style bans 'Monday'"]


def test_case_sensitive_and_word_boundaries() -> None:
    text = "Headline\n\nSLAMMED. Unslammed doors.\n"
    assert len(run_rule(BANNED_PHRASE, text)) == 1
    assert run_rule(BANNED_PHRASE, text, **{"case-sensitive": True}) == []


def test_phrase_across_line_break_in_markdown() -> None:
    article = read_article("# Title\n\nThey met in order\nto talk.\n", format="markdown")
    found = run_rule(BANNED_PHRASE, article)
    assert [(v.line, v.column, v.end_line, v.end_column) for v in found] == [(3, 10, 4, 3)]
