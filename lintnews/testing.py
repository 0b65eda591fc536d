"""Helpers for rule authors' tests: build an article, run one rule on it.

Used by lintnews' own fixture tests and meant for third-party plugins too.
"""

from __future__ import annotations

from typing import Any

from lintnews.article import Article
from lintnews.checking import ActiveRule, check_article
from lintnews.rules import Rule
from lintnews.violations import Violation

__all__ = ["read_article", "run_rule"]


def read_article(text: str, format: str = "text", path: str = "article.txt") -> Article:
    """Parse ``text`` with the built-in reader for ``format``."""
    from lintnews.readers import lintnews_read_article

    article = lintnews_read_article(path, text, format, None)
    if article is None:
        raise ValueError(f"no built-in reader for format {format!r}")
    return article


def run_rule(rule: Rule, article: Article | str, **options: Any) -> list[Violation]:
    """Violations of ``rule`` on ``article`` (text is read as plain text)."""
    if isinstance(article, str):
        article = read_article(article)
    merged = rule.default_options()
    merged.update(options)
    result = check_article(
        article, [ActiveRule(rule, merged, rule.severity)], article.path or "article.txt"
    )
    if result.errors:
        raise AssertionError("; ".join(e.message for e in result.errors))
    return result.violations
