"""The per-user directory lintnews keeps its between-run stores in.

Four stores live there (the entry-point list, compiled regexes, dataclass
method code, parsed phrase data), each keyed by what could make it stale; one
function decides where, so ``$XDG_CACHE_HOME`` and a missing home are handled
the same way for all of them.  The result cache of checked files is not
here: it belongs to the project (``.lintnews_cache/``).
"""

from __future__ import annotations

import contextlib
import os

try:  # hashlib's own blake2b, without hashlib: that loads OpenSSL, ~3 ms of every start-up;
    # the stores name their files by hashes, and the CLI's start-up imports this module
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    from hashlib import blake2b

__all__ = ["blake2b", "user_cache_dir", "write_atomic"]


def user_cache_dir(off_switch: str | None = None) -> str | None:
    """``$XDG_CACHE_HOME/lintnews``, else ``~/.cache/lintnews``.

    ``None`` -- the store is simply not used -- when the environment variable
    ``off_switch`` (each store has one, e.g. ``LINTNEWS_NO_CODE_CACHE``) is set,
    or the home directory cannot be resolved (``expanduser`` returns ``~``).
    """
    if off_switch and os.environ.get(off_switch):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):
        return None
    return os.path.join(base, "lintnews")


def write_atomic(path: str, data: bytes) -> bool:
    """Give ``path`` the content ``data`` in one rename (directories made as needed).

    Another lintnews process reading the file sees the old or the new bytes,
    never part of them; two writing it at once each replace it whole (the
    last one wins).  ``False`` when it cannot be written (read-only home,
    full disk): the temporary file is removed, so failed runs leave nothing.
    """
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True
