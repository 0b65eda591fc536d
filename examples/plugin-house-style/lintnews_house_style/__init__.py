"""lintnews-house-style: a newsroom's banned phrases as a lintnews rule.

The whole plugin is one hook implementation returning the rules it owns; the
entry point ``house-style = "lintnews_house_style"`` in group ``lintnews``
(see pyproject.toml) is how lintnews finds it.
"""

from __future__ import annotations

from lintnews.hookspecs import hookimpl
from lintnews_house_style.rules import BANNED_PHRASE

__all__ = ["BANNED_PHRASE", "lintnews_rules"]


@hookimpl
def lintnews_rules():  # type: ignore[no-untyped-def]
    """The rules of this plugin; every code starts with its prefix, HS."""
    return [BANNED_PHRASE]
