"""Compiled regular expressions kept between runs (the pre-commit case).

Python compiles a regex in pure Python (``re._parser`` and
``re._compiler``), and the rules' phrase lists are long alternations: a
one-article run spent about a fifth of its time compiling patterns that are
the same in every run.  :func:`compile` stores the compiled program (the
list of SRE opcodes and the group tables) in the user's cache directory and
rebuilds the pattern from it with ``_sre.compile``, skipping the parse and
the code generation.

The result is the very object ``re.compile`` returns (same ``pattern``,
``flags``, code, groups; it compares equal).  Nothing here can change a
match: a stored entry is used only for the exact pattern string and flags
it was made from, under the same Python build and SRE version, and the
interpreter validates the code it is given (a corrupt entry raises, and the
pattern is compiled normally).  Any surprise (another Python
implementation, an ``re`` internals change, an unwritable cache) falls back
to ``re.compile``.

One small file per pattern (named by a hash of pattern and flags) under
``~/.cache/lintnews/regex-<python>/`` (``$XDG_CACHE_HOME`` respected);
``LINTNEWS_NO_REGEX_CACHE=1`` turns the store off.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lintnews.userdirs import blake2b, user_cache_dir, write_atomic

__all__ = ["compile", "compiles_stored", "derived_pattern"]

#: files kept in the store at most; writing past it removes the oldest quarter
#: (one lintnews install needs about 60; the rest are patterns of older versions,
#: of user configuration, of plugins since removed)
MAX_ENTRIES = 2048

#: derived patterns kept (see derived_pattern); past it the oldest go
MAX_DERIVED = 256

_MISSING = object()
_directory: Any = _MISSING  # resolved on first use: str, or None when the store is off
_derived: dict[tuple[str, ...], str] | None = None  # the store's derived.marshal, once read


def _store() -> str | None:
    global _directory
    if _directory is _MISSING:
        _directory = _find_store()
    return _directory  # type: ignore[no-any-return]


def _find_store() -> str | None:
    if sys.implementation.name != "cpython":
        return None
    try:
        import _sre
        from re import _compiler, _parser  # noqa: F401  (present on CPython 3.11+)

        magic = getattr(_sre, "MAGIC", 0)
        _compiler._code  # noqa: B018  (the private function this module relies on)
    except (ImportError, AttributeError):
        return None
    base = user_cache_dir("LINTNEWS_NO_REGEX_CACHE")
    if base is None:
        return None
    # the build string: a different interpreter (or a patched one) gets its own store
    build = f"{sys.implementation.cache_tag}-{magic}-{sys.version}"
    tag = blake2b(build.encode(), digest_size=6).hexdigest()
    return os.path.join(base, f"regex-{sys.implementation.cache_tag}-{tag}")


#: the real ``re.compile``, also while :func:`compiles_stored` stands in for it:
#: :func:`compile` falls back to it (a pattern that does not compile raises its
#: own ``re.error`` instead of recursing through the stand-in)
_re_compile = re.compile


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the store when this pattern was compiled before."""
    directory = _store()
    if directory is None or not isinstance(pattern, str):
        return _re_compile(pattern, flags)
    flags = int(flags)
    if flags & re.DEBUG:
        return _re_compile(pattern, flags)
    import marshal

    # surrogatepass: a pattern may hold lone surrogates (marshal stores them alike)
    key = f"{flags}:{pattern}".encode("utf-8", "surrogatepass")
    name = blake2b(key, digest_size=16).hexdigest()
    path = os.path.join(directory, name)
    try:
        with open(path, "rb") as fh:
            entry = marshal.loads(fh.read())
        if entry[0] == pattern and entry[1] == flags:
            return _build(pattern, *entry[2:])
    except Exception:  # missing, corrupt, from another version: compile afresh
        pass
    try:
        final_flags, code, groups, groupindex, indexgroup = _program(pattern, flags)
        compiled = _build(pattern, final_flags, code, groups, groupindex, indexgroup)
    except Exception:
        return _re_compile(pattern, flags)
    try:
        blob = marshal.dumps((pattern, flags, final_flags, code, groups, groupindex, indexgroup))
    except ValueError:  # pragma: no cover - ints, strings, dicts and tuples marshal
        return compiled
    # read-only home, full disk: not stored, this run is not slower than without the store
    if write_atomic(path, blob):
        _prune(directory)
    return compiled


def derived_pattern(key: tuple[str, ...], make: Callable[[], str | None]) -> str | None:
    """``make()``, a pattern's text computed from what ``key`` names, kept between runs.

    For a pattern whose *text* costs more to find than to compile: discovery's
    combined glob regex is pathspec's translation of each glob, and importing
    pathspec and translating the default globs was ~10% of a directory run's
    start-up.  ``key`` must name everything the text depends on (the globs,
    and what identifies the code that translates them); an entry is used only
    for an equal key.  ``make()`` returning None (no such pattern) is not
    kept.  The entries live in one file of the regex store (``derived.marshal``,
    at most :data:`MAX_DERIVED`), read once per process; with the store off,
    ``make()`` is simply called.
    """
    global _derived
    directory = _store()
    if directory is None:
        return make()
    import marshal

    path = os.path.join(directory, "derived.marshal")
    if _derived is None:
        _derived = {}
        try:
            with open(path, "rb") as fh:
                data = marshal.loads(fh.read())
            if type(data) is dict and all(
                type(k) is tuple and all(type(part) is str for part in k) and type(v) is str
                for k, v in data.items()
            ):
                _derived = data
        except Exception:  # missing, corrupt, from another version: start afresh
            pass
    text = _derived.get(key)
    if text is not None:
        return text
    text = make()
    if text is None or type(text) is not str:
        return text
    _derived[key] = text
    while len(_derived) > MAX_DERIVED:  # insertion order: the oldest first
        del _derived[next(iter(_derived))]
    write_atomic(path, marshal.dumps(_derived))  # unwritable: made again next run
    return text


@contextmanager
def compiles_stored() -> Iterator[None]:
    """While the block runs, ``re.compile`` of a ``str`` pattern goes through :func:`compile`.

    For importing a library whose modules compile their patterns at import
    time (ftfy: ~110M instructions, a fifth of its import, in every worker
    that meets a mojibake candidate).  The patterns are the objects
    ``re.compile`` returns (see the module docstring); ``re.compile`` is
    restored when the block ends, however it ends.  Meant for a process's
    own imports, not for a block that other threads share.
    """
    original = re.compile
    if _store() is None:  # no store: nothing to gain
        yield
        return

    def stored(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str):
            return compile(pattern, flags)
        return original(pattern, flags)

    re.compile = stored  # type: ignore[assignment]
    try:
        yield
    finally:
        if re.compile is stored:
            re.compile = original


def _prune(directory: str) -> None:
    """Keep the store bounded: past :data:`MAX_ENTRIES` files, drop the oldest quarter.

    Runs only after a write (a pattern this store had not seen), never on the
    read path of a warm start-up.  Oldest by modification time, i.e. by when
    the entry was written: an entry still in use that goes is written again
    by the next run that needs it, once.
    """
    import contextlib

    try:
        with os.scandir(directory) as it:
            entries = list(it)
        if len(entries) <= MAX_ENTRIES:
            return
        dated = []
        for e in entries:
            try:
                dated.append((e.stat().st_mtime_ns, e.path))
            except OSError:  # removed meanwhile by another process
                continue
        dated.sort()
        for _, path in dated[: len(dated) - MAX_ENTRIES * 3 // 4]:
            with contextlib.suppress(OSError):  # gone already, or not ours to remove
                os.unlink(path)
    except OSError:
        return


def _program(
    pattern: str, flags: int
) -> tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` (same steps, same order)."""
    from re import _compiler, _parser

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # opcodes are named int constants: plain ints marshal (and compile) the same
    plain = [int(c) for c in code]
    return int(flags | p.state.flags), plain, p.state.groups - 1, groupindex, tuple(indexgroup)


def _build(
    pattern: str,
    final_flags: int,
    code: list[int],
    groups: int,
    groupindex: dict[str, int],
    indexgroup: tuple[Any, ...],
) -> re.Pattern[str]:
    import _sre

    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
