"""HS001 banned-phrase: phrases the house style guide rules out."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from lintnews.article import Article
from lintnews.rules import FixAvailability, Option, Rule
from lintnews.violations import Diagnostic, Fix

DEFAULT_PHRASES = (
    "at this point in time",
    "in order to",
    "slammed",
    "shock horror",
    "the fact that",
)
DEFAULT_REPLACEMENTS = {"at this point in time": "now", "in order to": "to"}


@lru_cache(maxsize=32)
def _pattern(phrases: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str] | None:
    """One alternation for the whole list, longest phrases first, on word boundaries."""
    words = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not words:
        return None
    # Any run of whitespace in the text matches a space in the phrase.
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", 0 if case_sensitive else re.IGNORECASE)


def _lookup(replacements: Mapping[str, str], found: str, case_sensitive: bool) -> str | None:
    key = " ".join(found.split())
    if case_sensitive:
        return replacements.get(key)
    lowered = {k.lower(): v for k, v in replacements.items()}
    return lowered.get(key.lower())


def check_banned_phrases(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    phrases: Sequence[str] = options["phrases"]
    case_sensitive = bool(options["case-sensitive"])
    pattern = _pattern(tuple(phrases), case_sensitive)
    if pattern is None:
        return
    replacements: Mapping[str, str] = options["replacements"]
    for paragraph in article.paragraphs:
        for m in pattern.finditer(paragraph.text):
            span = paragraph.span_of(m.start(), m.end())
            suggestion = _lookup(replacements, m.group(), case_sensitive)
            message = f"house style bans {m.group()!r}"
            fix = None
            if suggestion is not None:
                message += f"; write {suggestion!r}"
                # Unsafe: a replacement can change the grammar of the sentence.
                fix = Fix.replace(span, suggestion, safe=False, description=f"use {suggestion!r}")
            yield Diagnostic(span, message, fix)


BANNED_PHRASE = Rule(
    code="HS001",
    name="banned-phrase",
    summary="A phrase the newsroom style guide bans",
    explanation="""
Every newsroom keeps a list of phrases it does not print: clichés ("slammed"),
padding ("in order to") and words its lawyers prefer to avoid.  This rule
flags each one in the article body, with the suggested replacement when the
list has one.  Set the list in ``[rules.banned-phrase]``.
""",
    bad_example="The minister slammed the plan in order to score points.",
    good_example="The minister criticised the plan to score points.",
    check=check_banned_phrases,
    options={
        "phrases": Option(list(DEFAULT_PHRASES), "Phrases to flag (matched on word boundaries)."),
        "replacements": Option(
            dict(DEFAULT_REPLACEMENTS), "Suggested wording for some phrases: phrase = suggestion."
        ),
        "case-sensitive": Option(False, "Match the case of the phrases exactly."),
    },
    fix=FixAvailability.SOMETIMES,
    fix_safety="Unsafe: the suggested wording may not fit the sentence's grammar.",
)
