"""Built-in plugin ``boilerplate``: PW rules for page furniture left in copy."""

from __future__ import annotations

from collections.abc import Sequence

from lintnews.plugins.boilerplate.rules import RULES

from lintnews.hookspecs import hookimpl
from lintnews.rules import Rule

__all__ = ["RULES", "lintnews_rules"]


@hookimpl
def lintnews_rules() -> Sequence[Rule]:
    return RULES
