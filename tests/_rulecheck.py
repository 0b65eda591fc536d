"""Shared helpers for the QT/TX rule tests: run a rule, apply its fixes."""

from __future__ import annotations

from lintnews.rules import Rule
from lintnews.testing import read_article, run_rule
from lintnews.violations import Violation

HEAD = "Headline of the test article\n\n"


def fire(rule: Rule, body: str, **options: object) -> list[Violation]:
    """Violations of ``rule`` on an article with a headline and ``body``."""
    return run_rule(rule, read_article(HEAD + body), **options)


def apply_fix(source: str, violation: Violation) -> str:
    """``source`` with the violation's fix applied (edits end to start)."""
    assert violation.fix is not None
    out = source
    for edit in sorted(violation.fix.edits, key=lambda e: e.span.start, reverse=True):
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out
