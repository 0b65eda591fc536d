"""The plugins' TOML data files, loaded without ``tomllib`` on a warm start.

A one-article run (the pre-commit case) used to import ``tomllib`` (~3.5 ms)
and ``importlib.resources`` (which pulls in ``tempfile``, ``random``,
``zipfile``: ~6 ms) and parse up to eleven data files (~5-10 ms), the same
files with the same result in every run.  :func:`load_toml` reads the file's
bytes with a plain ``open`` when the package is a regular directory (it is,
for a wheel or an editable install; ``importlib.resources`` stays the
fallback for zip imports and the like) and keeps the parsed table, marshalled,
in the user's cache directory next to the compiled-regex store
(``lintnews.recache``), under a hash of the file's bytes.

Nothing here can change what a rule sees: an entry is used only for the
exact bytes it was parsed from (its name is their hash, and it repeats the
hash), under the same Python build (the store's directory is named by it),
and ``marshal`` round-trips the dicts, lists, strings, numbers and booleans
TOML produces (a table holding anything else, such as a datetime, is never
stored).  A missing, corrupt or unwritable store means the file is parsed as
before.  ``LINTNEWS_NO_REGEX_CACHE=1`` turns this store off too.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from lintnews.userdirs import blake2b, user_cache_dir, write_atomic

__all__ = ["load_toml"]

_MISSING = object()
_directory: Any = _MISSING  # resolved on first use: str, or None when the store is off


def load_toml(package: str, *parts: str) -> dict[str, Any]:
    """The TOML file ``parts`` inside ``package`` (an imported package), parsed.

    Returns a fresh dict each call: callers memoise it themselves.
    """
    raw = _read(package, parts)
    directory = _store()
    if directory is None:
        return _parse(raw)
    import marshal

    digest = blake2b(raw, digest_size=16).hexdigest()
    path = os.path.join(directory, digest)
    try:
        with open(path, "rb") as fh:
            entry = marshal.loads(fh.read())
        if type(entry) is tuple and len(entry) == 2 and entry[0] == digest:
            data = entry[1]
            if type(data) is dict:
                return data
    except Exception:  # missing, corrupt, from another version: parse afresh
        pass
    data = _parse(raw)
    try:
        blob = marshal.dumps((digest, data))
    except ValueError:  # a value marshal cannot hold (a datetime): parsed each run, as before
        return data
    if marshal.loads(blob) != (digest, data):  # pragma: no cover - defensive
        return data
    write_atomic(path, blob)  # a read-only home, a full disk: parsed each run, as before
    return data


def _read(package: str, parts: tuple[str, ...]) -> bytes:
    """The file's bytes: ``open`` on the package directory, else ``importlib.resources``."""
    module = sys.modules.get(package)
    init = getattr(module, "__file__", None)
    if init:
        path = os.path.join(os.path.dirname(init), *parts)
        try:
            with open(path, "rb") as fh:
                return fh.read()
        except OSError:  # inside a zip archive or a custom loader
            pass
    from importlib import resources

    return resources.files(package).joinpath(*parts).read_bytes()


def _parse(raw: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(raw.decode("utf-8"))


def _store() -> str | None:
    global _directory
    if _directory is _MISSING:
        _directory = _find_store()
    return _directory  # type: ignore[no-any-return]


def _find_store() -> str | None:
    base = user_cache_dir("LINTNEWS_NO_REGEX_CACHE")
    if base is None:
        return None
    # marshal's format may change between interpreters: one store per build
    tag = blake2b(sys.version.encode(), digest_size=6).hexdigest()
    return os.path.join(base, f"data-{sys.implementation.cache_tag}-{tag}")
