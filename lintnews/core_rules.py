"""Meta rules about lintnews itself (prefix LN), declared by the ``core`` plugin.

These rules are *produced by the engine*, not by a ``check`` function:
LN001 and LN002 come out of :func:`lintnews.checking.check_article` when it
applies suppressions, LN003 out of the engine when it had to guess a file's
encoding.  Declaring them as ordinary rules means they can be selected,
ignored, given a severity and explained like any other; their ``check`` is a
no-op that yields nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lintnews.article import Article
from lintnews.hookspecs import hookimpl
from lintnews.rules import Rule
from lintnews.violations import Diagnostic, Severity

__all__ = ["NON_UTF8_CODE", "RULES", "lintnews_rules"]

NON_UTF8_CODE = "LN003"


def _produced_by_engine(article: Article, options: Mapping[str, Any]) -> Iterable[Diagnostic]:
    """No-op: the engine reports this rule itself (see the module docstring)."""
    return ()


RULES = (
    Rule(
        code="LN001",
        name="unused-suppression",
        summary="A suppression comment matches no violation.",
        explanation="""
## What it does
Reports `lintnews: disable...` comments that suppressed nothing in this run.

## Why is this bad?
A stale suppression hides the next real problem on that line or range, and
tells the next editor that something is wrong when it no longer is.  Off by
default (like ruff's RUF100): turn it on with
`report-unused-suppressions = true` or by selecting `LN001`.
""",
        bad_example="<!-- lintnews: disable-next-line PW001 -->\nA clean sentence.",
        good_example="A clean sentence.",
        check=_produced_by_engine,
        severity=Severity.WARNING,
        enabled_by_default=False,
    ),
    Rule(
        code="LN002",
        name="unknown-suppression-code",
        summary="A suppression comment names a rule that does not exist.",
        explanation="""
## What it does
Reports codes, prefixes or names in `lintnews:` comments that match no loaded
rule.

## Why is this bad?
A misspelt code suppresses nothing, so the violation it was meant to silence
is still reported, or the comment refers to a plugin that is not installed.
""",
        bad_example="<!-- lintnews: disable-next-line PW0001 -->",
        good_example="<!-- lintnews: disable-next-line PW001 -->",
        check=_produced_by_engine,
        severity=Severity.WARNING,
    ),
    Rule(
        code=NON_UTF8_CODE,
        name="non-utf8-encoding",
        summary="The file is not UTF-8; its encoding was guessed.",
        explanation="""
## What it does
Notes, once per file at line 1, that the file was not valid UTF-8 and that
its encoding was detected (charset-normalizer) rather than known.

## Why is this bad?
A guess can be wrong, and then every accented name in the article is
mangled.  Convert the file to UTF-8, or state its encoding in the `[encoding]`
table of the configuration (then this note disappears).
""",
        bad_example="caf\\xe9 (a Latin-1 byte in a .txt file)",
        good_example="café (UTF-8)",
        check=_produced_by_engine,
        severity=Severity.INFO,
    ),
)


@hookimpl
def lintnews_rules() -> tuple[Rule, ...]:
    return RULES
