"""Result cache: a re-run over unchanged articles costs about one read of each file.

Like ruff's cache, a file's result is reused only when *everything* that can
change it is unchanged:

- the file's bytes (BLAKE2b of the content, not its mtime: a ``touch`` or a
  checkout that rewrites identical bytes still hits, an edit that keeps the
  size and mtime still misses);
- the file's path (format by extension, ``per-file-ignores`` and the path in
  each violation depend on it);
- the resolved configuration (:meth:`Config.fingerprint`, every field that
  affects results) and the plugin set with versions
  (:meth:`PluginRegistry.fingerprint`, local plugins by size and mtime);
- the source of lintnews and of every loaded plugin package (size and mtime of
  each file: editable installs change code without changing versions), the
  mtime of each site-packages directory (a library the rules use was
  upgraded), and the Python version (pickles).

All of that except the bytes and the path forms the *run key*; one pickle per
run key holds ``path -> (content digest, pickled FileResult, last seen)``.
Results are stored pickled, so loading the cache does not rebuild thousands of
objects, a hit unpickles just its own result, and a result is frozen before
the run-level rules add their violations to it.  Results with errors are
never stored (a crash or a timeout is worth retrying).

The directory (``.lintnews_cache`` next to the config file, or in the working
directory) carries a ``CACHEDIR.TAG`` and a ``.gitignore`` of ``*``, so
backups and git leave it alone; ``lintnews clean`` removes it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from lintnews.userdirs import blake2b, user_cache_dir, write_atomic

if TYPE_CHECKING:
    from lintnews.checking import FileResult
    from lintnews.engine import Engine
    from lintnews.spool import Summary

__all__ = [
    "CACHE_DIR_NAME",
    "ResultCache",
    "clean",
    "content_digest",
    "default_cache_dir",
    "run_key",
]

CACHE_DIR_NAME = ".lintnews_cache"
#: bump when the layout of a cache file changes (3: entries carry a pickled
#: Summary, results pickled through ``_rebuild``)
FORMAT_VERSION = 3
#: entries not seen for this long are dropped when the cache is saved
MAX_AGE_SECONDS = 30 * 24 * 3600
#: run-key files kept per cache directory (older ones are deleted)
MAX_RUN_FILES = 16

_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by lintnews.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def content_digest(data: bytes) -> bytes:
    """The key of a file's content: 16 bytes of BLAKE2b (fast, stdlib)."""
    return blake2b(data, digest_size=16).digest()


# -- result pickles -------------------------------------------------------------------
#
# A cached re-run unpickles every file's result twice (the cache hit, then the
# spool's read-back for the reporter).  A result holds dozens of frozen
# slotted dataclasses (violations, spans, fixes, digests); pickle rebuilds
# each through dataclasses' ``__setstate__``, which calls ``fields()`` per
# object in Python: 40% of the load.  :func:`dumps_result` pickles those
# objects as ``_rebuild(cls, *values)`` instead: the same objects (same type,
# same attribute values), several times faster to load, and plain
# ``pickle.loads`` reads it.  ``_rebuild`` calls a function made once per
# class (:func:`_maker`) that sets each slot through its descriptor, unrolled:
# no loop over field names, no generic ``object.__setattr__`` lookup.

#: class -> its field names when it can be pickled through :func:`_rebuild`, else None
_RESTORABLE: dict[type, tuple[str, ...] | None] = {}
#: class -> its maker (see :func:`_maker`)
_MAKERS: dict[type, Any] = {}


def _rebuild(cls: type, *values: Any) -> Any:
    """Rebuild a frozen slotted dataclass from its field values, in field order."""
    maker = _MAKERS.get(cls)
    if maker is None:
        maker = _maker(cls)
    return maker(*values)


def maker(cls: type) -> Any:
    """``cls``'s maker (see :func:`_maker`): a function of its field values, in
    field order, that builds an instance without ``__init__`` (the spool
    rebuilds run-level violations with it)."""
    made = _MAKERS.get(cls)
    return _maker(cls) if made is None else made


def _maker(cls: type) -> Any:
    """A function of ``cls``'s field values that does what ``__setstate__`` does.

    Each value goes into its slot through the slot's member descriptor (what
    ``object.__setattr__`` finds and calls after looking it up), in one
    generated function per class with the assignments unrolled.
    """
    from types import MemberDescriptorType

    names = _RESTORABLE[cls] if cls in _RESTORABLE else _restorable(cls)
    if names is None:
        raise TypeError(f"{cls.__qualname__} is not a restorable dataclass")
    scope: dict[str, Any] = {"new": cls.__new__, "cls": cls}
    lines = []
    for i, name in enumerate(names):
        slot = next((k.__dict__[name] for k in cls.__mro__ if name in k.__dict__), None)
        if type(slot) is MemberDescriptorType:
            scope[f"set{i}"] = slot.__set__
            lines.append(f"    set{i}(obj, v{i})")
        else:  # pragma: no cover - a field that is not a slot of its own
            scope[f"name{i}"] = name
            lines.append(f"    setattr_(obj, name{i}, v{i})")
            scope["setattr_"] = object.__setattr__
    params = "".join(f"v{i}, " for i in range(len(names)))
    source = f"def make({params}):\n    obj = new(cls)\n" + "\n".join(lines) + "\n    return obj\n"
    exec(compile(source, f"<lintnews.cache maker of {cls.__qualname__}>", "exec"), scope)
    maker = _MAKERS[cls] = scope["make"]
    return maker


def _restorable(cls: type) -> tuple[str, ...] | None:
    """Field names of a frozen ``slots=True`` dataclass that pickles the default way.

    Anything else (a custom ``__reduce__`` or ``__setstate__``, a dict-based
    class) keeps pickle's own protocol.
    """
    import dataclasses

    names: tuple[str, ...] | None = None
    params = cls.__dict__.get("__dataclass_params__")
    if (
        params is not None
        and params.frozen
        and "__slots__" in cls.__dict__
        and getattr(cls.__setstate__, "__qualname__", "") == "_dataclass_setstate"
        and cls.__reduce_ex__ is object.__reduce_ex__
        and cls.__reduce__ is object.__reduce__
    ):
        names = tuple(f.name for f in dataclasses.fields(cls))
    _RESTORABLE[cls] = names
    return names


#: class -> a function giving its field values as a tuple (an attrgetter: C
#: code), or None when the class keeps pickle's own protocol
_GETTERS: dict[type, Any] = {}


def _getter(cls: type) -> Any:
    """The field getter of ``cls``; for an enum with Enum's own ``__reduce_ex__``
    (Severity), a dict of what that gives for each member (pickle would call
    it, in Python, for every violation)."""
    from enum import Enum
    from operator import attrgetter

    names = _RESTORABLE[cls] if cls in _RESTORABLE else _restorable(cls)
    getter: Any = None
    if isinstance(cls, type(Enum)) and cls.__reduce_ex__ is Enum.__reduce_ex__:
        getter = {member: member.__reduce_ex__(5) for member in cls}  # type: ignore[var-annotated]
    elif names is not None:
        if len(names) > 1:
            getter = attrgetter(*names)
        else:  # attrgetter of one name gives the value, not a tuple
            getter = lambda obj: tuple([getattr(obj, n) for n in names])  # noqa: E731
    _GETTERS[cls] = getter
    return getter


def _reduce(obj: Any) -> Any:
    """``reducer_override`` of the result pickler: called for every object that
    is not a str, bytes, number, tuple, list or dict, so it stays small."""
    cls = type(obj)
    getter = _GETTERS[cls] if cls in _GETTERS else _getter(cls)
    if getter is None:
        return NotImplemented
    if type(getter) is dict:  # an enum
        return getter.get(obj, NotImplemented)
    return _rebuild, (cls, *getter(obj))


_pickler: Any = None  # the Pickler subclass, made on first use (pickle is imported lazily)
#: idle (pickler, buffer) pairs: a new Pickler and BytesIO per call cost about a
#: third of pickling one violation (the spool pickles run-level ones one by
#: one).  list.pop/append are atomic, so threads never share a pair.
_idle: list[tuple[Any, Any]] = []


def dumps_result(result: Any) -> bytes:
    """``result`` pickled for the cache, the spool and workers' messages (see above).

    Each call's bytes are a complete pickle on their own, identical to what a
    fresh pickler writes: the reused pickler's memo is cleared after each call.
    """
    try:
        pickler, buffer = _idle.pop()
    except IndexError:
        pickler, buffer = _new_pickler()
    pickler.dump(result)  # a failure drops the pair (its state is unknown)
    blob: bytes = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    pickler.clear_memo()
    _idle.append((pickler, buffer))
    return blob


def _new_pickler() -> tuple[Any, Any]:
    global _pickler
    import io

    if _pickler is None:
        import pickle

        class _ResultPickler(pickle.Pickler):
            # the function itself, not a method calling it: one Python call per object
            reducer_override = staticmethod(_reduce)

        _pickler = _ResultPickler
    buffer = io.BytesIO()
    return _pickler(buffer, -1), buffer  # -1: the highest protocol


def default_cache_dir(config_path: Path | None, cwd: Path | None = None) -> Path:
    """``$LINTNEWS_CACHE_DIR``, else ``.lintnews_cache`` next to the config file or in cwd."""
    env = os.environ.get("LINTNEWS_CACHE_DIR")
    if env:
        return Path(env)
    base = config_path.parent if config_path is not None else (cwd or Path.cwd())
    return base / CACHE_DIR_NAME


def _source_stamps(modules: Iterable[ModuleType]) -> list[str]:
    """Size and mtime of each source/data file of ``modules``.

    A package contributes every file below its directory; a plain module
    only its own file (never its whole directory: that may be site-packages).
    """
    stamps: list[str] = []
    seen: set[str] = set()
    for module in modules:
        file = getattr(module, "__file__", None)
        if not file:
            continue
        if hasattr(module, "__path__"):
            roots = [str(p) for p in module.__path__]
            for root in roots:
                if root in seen:
                    continue
                seen.add(root)
                for dirpath, dirnames, filenames in os.walk(root):
                    dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                    for name in sorted(filenames):
                        if name.endswith((".pyc", ".pyo")):
                            continue
                        stamps.append(_stamp(os.path.join(dirpath, name)))
        elif file not in seen:
            seen.add(file)
            stamps.append(_stamp(file))
    return stamps


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


#: hooks that only shape output, never a file's result
_OUTPUT_ONLY_HOOKS = frozenset({"lintnews_output_formats"})
#: lintnews modules that never change a file's result (presentation, plumbing)
_OUTPUT_ONLY_MODULES = frozenset(
    {"__main__", "baseline", "cache", "cli", "init_template", "parallel", "ruletable", "serve"}
)


def run_key(engine: Engine) -> str:
    """Everything but a file's path and bytes that its result depends on, hashed."""
    import lintnews

    # lintnews' own top-level modules (the engine, readers' helpers, core rules),
    # except those that only present results (so editing a reporter or the CLI
    # in a development checkout does not throw the cache away)...
    core = os.path.dirname(lintnews.__file__ or "")
    stamps = [
        _stamp(os.path.join(core, n))
        for n in os.listdir(core)
        if n.endswith(".py") and n[:-3] not in _OUTPUT_ONLY_MODULES
    ]
    # ...and every plugin that can change a file's result (not output-only ones).
    modules: list[ModuleType] = []
    pm = engine.registry.pm
    for plugin in pm.get_plugins():
        hooks = {c.name for c in pm.get_hookcallers(plugin) or ()}
        if not hooks - _OUTPUT_ONLY_HOOKS:
            continue
        if isinstance(plugin, ModuleType):
            modules.append(plugin)
        else:
            owner = sys.modules.get(type(plugin).__module__)
            if owner is not None:
                modules.append(owner)
    stamps += _source_stamps(modules)
    # Libraries the rules use (sentencex, textstat, ftfy, charset-normalizer...)
    # can change results across upgrades: installing or removing any
    # distribution changes its site-packages directory's mtime.
    stamps += [_stamp(e) for e in sys.path if e.endswith(("site-packages", "dist-packages"))]
    parts = [
        f"format={FORMAT_VERSION}",
        f"python={sys.version_info[0]}.{sys.version_info[1]}",
        f"lintnews={lintnews.__version__}",
        engine.fingerprint(),
        *sorted(set(stamps)),  # get_plugins() is a set: no stable order
    ]
    return blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


class ResultCache:
    """The cached results of one run key, loaded once and saved once per run."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key
        self.file = directory / f"results-{key}.pickle"
        #: path -> (content digest, pickled result, last seen, pickled Summary)
        self._entries: dict[str, tuple[bytes, bytes, float, bytes]] = {}
        self._now = time.time()
        self._dirty = False
        self.hits = 0
        self.misses = 0
        self._load()

    @classmethod
    def for_engine(cls, engine: Engine, directory: Path | None = None) -> ResultCache:
        if directory is None:
            directory = default_cache_dir(engine.config.path)
        return cls(directory, run_key(engine))

    def _load(self) -> None:
        import pickle  # here, not at import: a --no-cache run never unpickles

        try:
            with open(self.file, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            return
        except Exception:  # a corrupt cache must never break a run
            return
        if isinstance(data, dict) and data.get("format") == FORMAT_VERSION:
            entries = data.get("entries")
            if isinstance(entries, dict):
                self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, path: str, digest: bytes) -> FileResult | None:
        """The stored result for ``path`` with exactly this content, else None."""
        hit = self.lookup(path, digest)
        return None if hit is None else hit[0]

    def lookup(
        self, path: str, digest: bytes, *, summary: bool = False
    ) -> tuple[FileResult | Summary, bytes] | None:
        """As :meth:`get`, with the result's pickle (the spool stores it as it is).

        ``summary``: give the result's :class:`~lintnews.spool.Summary` instead
        of the result (a spool needs no more, and it loads several times
        faster than the result).
        """
        entry = self._entries.get(path)
        if entry is None or entry[0] != digest:
            self.misses += 1
            return None
        import pickle

        try:
            result = pickle.loads(entry[3] if summary else entry[1])
        except Exception:
            self.misses += 1
            return None
        self.hits += 1
        if self._now - entry[2] > 24 * 3600:  # refresh "last seen" at most daily
            self._entries[path] = (entry[0], entry[1], self._now, entry[3])
            self._dirty = True
        return result, entry[1]

    def put(
        self,
        path: str,
        digest: bytes | None,
        result: FileResult | Summary,
        blob: bytes | None = None,
    ) -> bytes | None:
        """Remember ``result`` (pickled now, before the run-level rules touch it).

        ``blob``: the result already pickled (by a worker process); then
        ``result`` may be its :class:`~lintnews.spool.Summary`.  Returns the
        pickle stored (None if not stored), for the spool to reuse.
        """
        if digest is None or path == "-" or result.errors:
            return None
        from lintnews.spool import Summary, summarize

        if blob is None:
            blob = dumps_result(result)
        summary = result if type(result) is Summary else summarize(result)  # type: ignore[arg-type]
        self._entries[path] = (digest, blob, self._now, dumps_result(summary))
        self._dirty = True
        return blob

    def save(self) -> None:
        """Write the cache atomically; never raises (a read-only tree just stays uncached)."""
        if not self._dirty:
            return
        cutoff = self._now - MAX_AGE_SECONDS
        entries = {p: e for p, e in self._entries.items() if e[2] >= cutoff}
        import pickle
        import tempfile

        try:
            ensure_cache_dir(self.directory)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(
                        {"format": FORMAT_VERSION, "entries": entries},
                        fh,
                        pickle.HIGHEST_PROTOCOL,
                    )
                os.replace(tmp, self.file)
            except BaseException:
                with _suppress():
                    os.unlink(tmp)
                raise
            self._dirty = False
            _prune(self.directory, keep=self.file)
        except OSError:
            return


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def ensure_cache_dir(directory: Path) -> None:
    """Create the directory with its CACHEDIR.TAG and a ``*`` .gitignore."""
    directory.mkdir(parents=True, exist_ok=True)
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(_TAG, encoding="ascii")
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by lintnews\n*\n", encoding="ascii")


def _prune(directory: Path, keep: Path) -> None:
    """Keep the newest ``MAX_RUN_FILES`` run files (configs come and go)."""
    files = sorted(
        directory.glob("results-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in files[MAX_RUN_FILES:]:
        if old != keep:
            with _suppress():
                old.unlink()


def clean(directory: Path) -> bool:
    """Remove a lintnews cache directory; True if there was one.

    Refuses a directory that lintnews did not create (no CACHEDIR.TAG of ours),
    so a mistyped ``--cache-dir`` cannot delete someone's files.
    """
    if not directory.is_dir():
        return False
    tag = directory / "CACHEDIR.TAG"
    try:
        ours = "created by lintnews" in tag.read_text(encoding="ascii", errors="replace")
    except OSError:
        ours = False
    if not ours:
        raise OSError(f"{directory} is not a lintnews cache directory (no CACHEDIR.TAG)")
    import shutil

    shutil.rmtree(directory)
    return True


# -- entry points -----------------------------------------------------------------
#
# Finding the ``lintnews`` entry points means importing importlib.metadata
# (with email and zipfile) and reading the metadata of every installed
# distribution: about a sixth of a one-article run.  The list is cached per
# environment in the user's cache directory, keyed by sys.path and the mtime of
# each of its directories (installing, upgrading or removing a distribution
# adds or removes a ``.dist-info`` directory, which changes that mtime).
#
# The file is marshalled (``marshal`` is built in and already loaded by the
# import system), not JSON: importing ``json`` cost a one-article run ~1 ms.
# Only plain strings go in, and whatever comes out is checked field by field,
# so a corrupt, truncated or foreign file means one scan of the metadata.

#: entry-point lists kept per venv (sys.path[0] differs between `lintnews` and
#: `python -m lintnews`, and between the directories `-c` runs in)
_ENTRY_POINT_KEYS = 8


class CachedEntryPoint:
    """The parts of ``importlib.metadata.EntryPoint`` the plugin registry uses."""

    __slots__ = ("dist", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, dist: CachedDist | None) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> object:
        import importlib

        module, _, attrs = self.value.partition(":")
        obj: object = importlib.import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj

    def __repr__(self) -> str:
        return f"CachedEntryPoint({self.name!r}, {self.value!r})"


class CachedDist:
    __slots__ = ("name", "version")

    def __init__(self, name: str, version: str) -> None:
        self.name, self.version = name, version


def _entry_point_cache_file() -> Path | None:
    base = user_cache_dir("LINTNEWS_NO_ENTRY_POINT_CACHE")
    if base is None:
        return None
    tag = blake2b(sys.prefix.encode(), digest_size=8).hexdigest()
    return Path(base) / f"entry-points-{tag}.marshal"


def _metadata_names(directory: str) -> str:
    """The ``*.dist-info``/``*.egg-info`` entries of ``directory`` with their mtimes."""
    try:
        with os.scandir(directory) as it:
            found = []
            for e in it:
                if e.name.lower().endswith((".dist-info", ".egg-info")):
                    try:
                        found.append(f"{e.name}@{e.stat().st_mtime_ns}")
                    except OSError:
                        found.append(e.name)
    except OSError:
        return "-"
    return ",".join(sorted(found))


def _environment_key(group: str) -> str:
    parts = [group, sys.version, sys.prefix]
    cwd = os.getcwd()
    for entry in sys.path:
        if entry in ("", cwd):
            # `python -m lintnews` / `-c` put the working directory first: its
            # mtime changes whenever a file there is created or removed (an
            # editor's swap file, `2> imp.txt`), which says nothing about
            # installed plugins.  Key it by the metadata directories it holds,
            # not by its path: the cache keeps a few keys per venv, and one key
            # per directory `python -m lintnews` ran in pushed the others out.
            parts.append(f"<cwd>:{_metadata_names(cwd)}")
            continue
        try:
            parts.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}:-")
    return blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _read_entry_point_cache(file: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The stored ``environment key -> records``; empty when missing or not ours.

    A record is ``(name, value, distribution name or None, its version or None)``.
    """
    import marshal

    try:
        with open(file, "rb") as fh:
            data = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    known: dict[str, list[tuple[Any, ...]]] = {}
    for key, records in data.items():
        if not isinstance(key, str) or not isinstance(records, list):
            return {}
        for record in records:
            if not (
                type(record) is tuple
                and len(record) == 4
                and type(record[0]) is str
                and type(record[1]) is str
                and (record[2] is None or type(record[2]) is str)
                and (record[3] is None or type(record[3]) is str)
            ):
                return {}
        known[key] = records
    return known


def _text(value: Any) -> str | None:
    """A metadata string as marshal stores it (a plain ``str``; ``None`` stays)."""
    return None if value is None else str(value)


def cached_entry_points(group: str) -> list[CachedEntryPoint] | list[object]:
    """The entry points of ``group``, from the cache when the environment is unchanged."""
    file = _entry_point_cache_file()
    key = _environment_key(group)
    known = _read_entry_point_cache(file) if file is not None else {}
    records = known.get(key)
    if records is not None:
        return [
            CachedEntryPoint(name, value, group, CachedDist(dist, version) if dist else None)
            for name, value, dist, version in records
        ]
    from importlib.metadata import entry_points

    found = list(entry_points(group=group))
    if file is not None:
        import marshal

        records = []
        for ep in found:
            dist = getattr(ep, "dist", None)
            records.append(
                (
                    _text(ep.name),
                    _text(ep.value),
                    None if dist is None else _text(dist.name),
                    None if dist is None else _text(dist.version),
                )
            )
        # several environment keys per venv: keep the last few
        kept = dict(list(known.items())[1 - _ENTRY_POINT_KEYS :])
        kept[key] = records
        write_atomic(str(file), marshal.dumps(kept))  # unwritable: not kept
    return found
