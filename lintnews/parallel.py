"""Checking many files on every core: a process pool fed with chunks of paths.

Why processes: the rules are pure Python, so threads would share one GIL.
Why this shape:

- each worker gets its engine once, in the pool initializer (with ``fork``
  it inherits the parent's engine, plugins already imported and regexes
  compiled; with ``spawn``/``forkserver`` it builds ``Engine(config)``);
- paths go out in chunks (one message per few files, not per file) and small
  picklable :class:`~lintnews.checking.FileResult` objects come back (no
  article, no source text), with the content digest for the cache and the
  run-level digests inside the result;
- results arrive in any order; the engine sorts them by path afterwards, so
  output does not depend on scheduling;
- runs of a few files stay in the calling process: starting a pool costs
  more than checking them;
- workers ignore SIGINT (the terminal sends it to the whole process group):
  the parent alone handles Ctrl-C, terminates the pool and re-raises, so no
  worker is left behind and no worker prints a traceback.
"""

from __future__ import annotations

import copyreg
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lintnews.checking import FileResult
    from lintnews.config import Config
    from lintnews.engine import Engine
    from lintnews.spool import Summary

    #: a reporter's per-file preparation (see Reporter.prepare_file)
    Prepare = Callable[[FileResult], bytes | None]

__all__ = ["PARALLEL_THRESHOLD", "check_one", "default_jobs", "iter_results"]

#: fewer files than this are checked in-process whatever ``jobs`` says
PARALLEL_THRESHOLD = 24
#: at most this many files per message to a worker
MAX_CHUNK = 32
#: chunks in flight per worker (sent, or finished and not yet consumed)
WINDOW = 4
#: a worker's cyclic-GC trigger (net new objects; Python's default is 700)
GC_THRESHOLD = 5000

_ENGINE: Engine | None = None  # the worker's engine (set by the initializer)
_INHERITED: Engine | None = None  # the parent's engine, inherited by forked workers


def default_jobs() -> int:
    """Usable CPUs (respects affinity masks and cgroup-pinned containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_one(engine: Engine, path: str, digest: bool = True) -> tuple[FileResult, bytes | None]:
    """Check one file; return its result and the digest of the bytes that were checked.

    ``digest=False`` (a run without a cache: nothing would read it) gives None
    instead of hashing every file.
    """
    data = engine.read_file(path)
    if not isinstance(data, bytes):
        return data, None
    result = engine.check_bytes(path, data)
    if not digest:
        return result, None
    from lintnews.cache import content_digest

    return result, content_digest(data)


def _quiet_gc() -> None:
    """Fewer cyclic collections in a worker, none over what it inherited.

    A worker's objects are freed by reference counting when a file is done
    (results leave as bytes); the collector's default trigger (700 net new
    objects) fired ~200 times per worker over the benchmark corpus, each
    collection also walking the growing per-word memos: ~1.5% of a worker's
    CPU, ~0.2% with a trigger of 5,000.  Frozen objects (the engine, the
    plugins) are never examined, so their pages are not touched either.
    """
    import gc

    gc.freeze()
    gc.set_threshold(max(gc.get_threshold()[0], GC_THRESHOLD), *gc.get_threshold()[1:])


def _init_forked() -> None:
    global _ENGINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _quiet_gc()
    _ENGINE = _INHERITED


def _init_spawned(config: Config) -> None:
    global _ENGINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from lintnews.engine import Engine

    _ENGINE = Engine(config)
    _quiet_gc()


def _prepared(prepare: Prepare | None, result: FileResult) -> bytes | None:
    """``prepare(result)``; None when there is no ``prepare`` or it fails.

    What a reporter prepares is only a shortcut: when it is missing the
    reporter reads the whole result back (and meets any error there, in the
    parent, as it did before the shortcut existed).
    """
    if prepare is None:
        return None
    try:
        return prepare(result)
    except Exception:
        return None


def _check_chunk(
    paths: list[str],
    summaries: bool = False,
    prepare: Prepare | None = None,
    digests: bool = True,
    whole: bool = True,
) -> list[tuple[bytes, bytes | None, Summary | None, bytes | None]]:
    """Results pickled here, once: the parent stores these bytes in the cache as they are.

    ``summaries``: each with its :class:`~lintnews.spool.Summary`, so a parent
    that spools the results never unpickles them (the spool reads each back
    once, for the reporter).  ``prepare``: the reporter's per-file work done
    here, on every core, instead of in the parent after the run (see
    :attr:`lintnews.reporters.base.Reporter.prepare_file`).  ``digests``: as
    :func:`check_one`'s ``digest``.  ``whole=False`` (with ``summaries``): a
    result that ``prepare`` made something of is not pickled at all (empty
    bytes), since nothing in the run will read it back.
    """
    assert _ENGINE is not None, "worker used before its initializer ran"
    from lintnews.cache import dumps_result  # loads faster than a plain pickle
    from lintnews.spool import summarize

    out = []
    for path in paths:
        result, digest = check_one(_ENGINE, path, digests)
        prepared = _prepared(prepare, result)
        out.append(
            (
                dumps_result(result) if whole or not prepared or not summaries else b"",
                digest,
                summarize(result) if summaries else None,
                prepared,
            )
        )
    return out


def _chunks(paths: Sequence[str], jobs: int) -> list[list[str]]:
    """Chunks that shrink towards the end of the run (guided scheduling).

    Up to :data:`MAX_CHUNK` files per message while much is left, then a
    quarter of each worker's share of what remains, down to one file: with
    equal chunks one worker idled for about half a chunk (~50 ms of the
    benchmark corpus) while the other finished its last one.
    """
    out = []
    i, n = 0, len(paths)
    while i < n:
        size = max(1, min(MAX_CHUNK, (n - i) // (jobs * 4)))
        out.append(list(paths[i : i + size]))
        i += size
    return out


def _pickle_mappingproxy(m: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return MappingProxyType, (dict(m),)


def iter_results(
    engine: Engine,
    paths: Sequence[str],
    *,
    jobs: int | None = None,
    spawn_safe: bool = True,
    summaries: bool = False,
    prepare: Prepare | None = None,
    digests: bool = True,
    whole: bool = True,
) -> Iterator[tuple[FileResult | Summary, bytes | None, bytes | None, bytes | None]]:
    """``(result, content digest, pickled result, prepared)`` for each of ``paths``,
    in completion order.

    The pickled result is the worker's message (None for results computed in
    this process); the cache stores it without pickling again.  With
    ``summaries``, a worker's result comes as its
    :class:`~lintnews.spool.Summary` and is never unpickled here (a spooling
    run reads it back later, once); results computed here come whole.
    ``prepared`` is ``prepare(result)`` (None without ``prepare``, or when it
    returns None or fails), made where the result is.  ``digests=False``:
    every content digest is None (a run without a cache does not hash files).
    ``whole=False`` with ``summaries``: a worker's result that ``prepare`` made
    something of comes as its Summary with empty bytes instead of its pickle
    (see :func:`_check_chunk`); results computed here come whole as always.

    ``jobs`` defaults to the number of usable CPUs; ``1`` (or fewer than
    :data:`PARALLEL_THRESHOLD` paths) runs in this process.  ``spawn_safe``
    says whether ``Engine(engine.config)`` rebuilds an equivalent engine (not
    true for an engine built on a hand-made registry); where ``fork`` is not
    available and it is False, the run stays in-process.
    """
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    jobs = min(jobs, len(paths))
    # multiprocessing is imported only once a pool may start: a one-file run
    # (pre-commit, editors) pays neither its import nor its atexit hooks.
    use_fork = False
    if jobs > 1 and len(paths) >= PARALLEL_THRESHOLD:
        import multiprocessing

        use_fork = "fork" in multiprocessing.get_all_start_methods()
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD or not (use_fork or spawn_safe):
        for path in paths:
            result, digest = check_one(engine, path, digests)
            yield result, digest, None, _prepared(prepare, result)
        return
    import functools
    import multiprocessing
    import pickle
    import threading

    global _INHERITED
    if use_fork:
        ctx = multiprocessing.get_context("fork")
        _INHERITED = engine
        init: Callable[..., None] = _init_forked
        initargs: tuple[Any, ...] = ()
    else:
        copyreg.pickle(MappingProxyType, _pickle_mappingproxy)  # type: ignore[arg-type]
        ctx = multiprocessing.get_context()
        init, initargs = _init_spawned, (engine.config,)
    pool = ctx.Pool(jobs, initializer=init, initargs=initargs)
    # At most WINDOW chunks sent and not yet consumed: the pool's result thread
    # queues finished chunks without limit, so a parent starved of CPU (a busy
    # machine) would otherwise hold a backlog of results growing with the run.
    window = threading.BoundedSemaphore(jobs * WINDOW)
    stop = threading.Event()

    def feed() -> Iterator[list[str]]:
        for chunk in _chunks(paths, jobs):
            while not window.acquire(timeout=0.05):
                if stop.is_set():  # terminate() joins the thread feeding the pool
                    return
            yield chunk

    try:
        work = functools.partial(
            _check_chunk, summaries=summaries, prepare=prepare, digests=digests, whole=whole
        )
        for chunk in pool.imap_unordered(work, feed()):
            window.release()
            for blob, digest, summary, prepared in chunk:
                yield pickle.loads(blob) if summary is None else summary, digest, blob, prepared
        pool.close()
    except BaseException:  # KeyboardInterrupt, a consumer that stops early, errors
        stop.set()
        pool.terminate()
        pool.join()
        raise
    else:
        # Every result is in; the workers now exit on their own (their exit
        # handlers, then the kernel freeing their memory: ~15 ms on the benchmark
        # corpus, during which both cores idled).  What the caller does next (the
        # run-level rules, the report) does not need them gone, so a thread joins
        # them meanwhile.  Not a daemon: the interpreter waits for it at exit,
        # before multiprocessing's own exit handler, so no worker outlives the run.
        threading.Thread(target=pool.join, name="lintnews-pool-join").start()
    finally:
        _INHERITED = None
