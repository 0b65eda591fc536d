"""Built-in plugin ``headlines``: HL rules a headline desk would apply."""

from __future__ import annotations

from collections.abc import Sequence

from lintnews.plugins.headlines.rules import RULES

from lintnews.hookspecs import hookimpl
from lintnews.rules import Rule

__all__ = ["RULES", "lintnews_rules"]


@hookimpl
def lintnews_rules() -> Sequence[Rule]:
    return RULES
