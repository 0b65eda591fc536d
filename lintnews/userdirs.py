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

__all__ = ["STORE_PREFIXES", "blake2b", "remove_user_stores", "user_cache_dir", "write_atomic"]

#: how the stores name their entries in the user cache directory (lintnews.cache's
#: entry-point lists, lintnews.recache's regexes, lintnews.codecache's method code,
#: plugins/_data.py's phrase data); ``remove_user_stores`` removes these and nothing else
STORE_PREFIXES = ("entry-points-", "regex-", "dataclass-code-", "data-")


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


def remove_user_stores() -> tuple[str | None, int]:
    """Remove every store entry in the user cache directory: ``(directory, entries removed)``.

    Why it exists: the stores are keyed by interpreter and environment (one
    entry-point list per virtual environment), so entries of deleted venvs and
    old interpreters stay behind; each is rebuilt on demand by the next run.
    Only names the stores use are removed (an unknown file there is someone
    else's), and the directory itself once it is empty.  ``(None, 0)`` when
    there is no user cache directory.
    """
    base = user_cache_dir()
    if base is None or not os.path.isdir(base):
        return base, 0
    import shutil

    removed = 0
    with os.scandir(base) as entries:
        ours = [e for e in entries if e.name.startswith(STORE_PREFIXES)]
    for entry in ours:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
        removed += 1
    with contextlib.suppress(OSError):
        os.rmdir(base)  # only when nothing else is left in it
    return base, removed
