"""The per-user directory lintnews keeps its between-run stores in.

Four stores live there (the entry-point list, compiled regexes, dataclass
method code, parsed phrase data), each keyed by what could make it stale; one
function decides where, so ``$XDG_CACHE_HOME`` and a missing home are handled
the same way for all of them.  The result cache of checked files is not
here: it belongs to the project (``.lintnews_cache/``).
"""

from __future__ import annotations

import os

__all__ = ["user_cache_dir"]


def user_cache_dir() -> str | None:
    """``$XDG_CACHE_HOME/lintnews``, else ``~/.cache/lintnews``.

    ``None`` when the home directory cannot be resolved (``expanduser``
    returns ``~`` unchanged): the stores are then simply not used.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):
        return None
    return os.path.join(base, "lintnews")
