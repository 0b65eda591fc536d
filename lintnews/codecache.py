"""Compiled code of the methods ``dataclasses`` generates, kept between runs.

The core and the plugins define about forty dataclasses.  For each one,
``dataclasses`` writes the source of ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` (and ``__setattr__``/``__delattr__`` when frozen, four
comparisons when ordered) and compiles it with ``exec``: about a millisecond
of CPU per class, a sixth of a one-article run, spent compiling the same
text in every process.

:func:`dataclass_code` stores the compiled code objects in the user's cache
directory and, while the block runs, gives ``dataclasses`` an ``exec`` that
looks the source text up there before compiling.  The classes are the very
classes ``dataclasses`` makes (same methods, fields, parameters; ``fields()``,
``replace()``, pickling unchanged): a code object is reused only for the exact
source text it was compiled from, with the same compiler flags, under the same
Python build.  Anything unexpected (no ``exec`` lookup in ``dataclasses``, a
corrupt or unreadable store, a read-only home) means plain compilation.

One file per Python build under ``~/.cache/lintnews/`` (``$XDG_CACHE_HOME``
respected); ``LINTNEWS_NO_CODE_CACHE=1`` turns it off.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import CodeType
from typing import Any

from lintnews.userdirs import blake2b, user_cache_dir, write_atomic

__all__ = ["dataclass_code"]

#: entries kept at most (the store of one lintnews install needs about 250).  The
#: whole store is read by every run (a few microseconds per entry), so it stays small:
#: entries this run did not use go first when it is full
MAX_ENTRIES = 1024


def _store_file() -> str | None:
    base = user_cache_dir("LINTNEWS_NO_CODE_CACHE")
    if base is None:
        return None
    # the build string: another interpreter (or a patched one) gets its own store
    tag = blake2b(f"{sys.version}|{sys.implementation.cache_tag}".encode(), digest_size=6)
    name = f"dataclass-code-{sys.implementation.cache_tag}-{tag.hexdigest()}.marshal"
    return os.path.join(base, name)


class _CodeStore:
    """Source text -> code object, loaded once, written back when it grew."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.codes: dict[str, CodeType] = {}
        self.used: set[str] = set()  # source texts this process looked up
        self.dirty = False
        import marshal

        try:
            with open(path, "rb") as fh:
                data = marshal.loads(fh.read())
            if isinstance(data, dict):
                self.codes = {
                    k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, CodeType)
                }
        except Exception:  # missing, corrupt, from another version: start empty
            self.codes = {}

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        if not isinstance(source, str):
            return builtins.exec(source, globals, locals)
        code = self.codes.get(source)
        self.used.add(source)
        if code is None:
            # exec(str) from dataclasses compiles with that module's future
            # flags, which are none: dont_inherit keeps this module's out.
            code = compile(source, "<string>", "exec", dont_inherit=True)
            self.codes[source] = code
            self.dirty = True
        return builtins.exec(code, globals, locals)

    def save(self) -> None:
        import marshal

        # what this process used last, so that it survives the cut; then the
        # newest of the rest (texts of older lintnews versions age out)
        ordered = [kv for kv in self.codes.items() if kv[0] not in self.used]
        ordered += [kv for kv in self.codes.items() if kv[0] in self.used]
        keep = dict(ordered[-MAX_ENTRIES:])
        try:
            blob = marshal.dumps(keep)
        except ValueError:  # pragma: no cover - code objects always marshal
            return
        # read-only home, full disk: not written, the next run compiles again
        write_atomic(self.path, blob)


_stores: dict[str, _CodeStore] = {}


@contextmanager
def dataclass_code() -> Iterator[None]:
    """Within this block, dataclasses reuse code compiled by an earlier run."""
    import dataclasses

    path = _store_file()
    # dataclasses looks ``exec`` up as a global (CPython 3.10-3.13); where it
    # does not, the name set here is never read.  Never replace someone else's.
    if path is None or "exec" in vars(dataclasses):
        yield
        return
    store = _stores.get(path)
    if store is None:  # read once per process, however many blocks
        store = _stores[path] = _CodeStore(path)
    dataclasses.exec = store.exec  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if vars(dataclasses).get("exec") == store.exec:
            del dataclasses.exec  # type: ignore[attr-defined]
        if store.dirty:
            store.save()
            store.dirty = False
