"""Built-in plugin ``hygiene``: the TX rules for text hygiene."""

from __future__ import annotations

from collections.abc import Sequence

from lintnews.hookspecs import hookimpl
from lintnews.rules import Rule

from .rules import RULES


@hookimpl
def lintnews_rules() -> Sequence[Rule]:
    return RULES
