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
  worker is left behind and no worker prints a traceback;
- a worker that dies (a segfault in a plugin's C extension, ``os._exit``,
  the OOM killer) does not hang the run: the parent knows which chunks it
  held, starts another worker and checks those files again, each alone, so
  the file that kills a worker is named (see :func:`_pool_results`).
"""

from __future__ import annotations

import contextlib
import copyreg
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

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
#: chunks sent to a worker and not answered yet, at most: one it works on and
#: one waiting in its pipe, so it never idles between chunks; more would only
#: leave one worker with queued chunks while the other has none at the end
WINDOW = 2
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


def _serve(
    conn: Connection, init: Callable[..., None], initargs: tuple[Any, ...], options: Any
) -> None:
    """A worker's life: its initializer, "ready", then chunks of paths until told to stop.

    Each chunk's results go back as one message.  An exception outside the
    rules (which :func:`~lintnews.checking.check_article` contains) goes back
    instead of them, for the parent to raise, as ``multiprocessing.Pool``
    did.  A worker that dies (a C extension's crash, ``os._exit``, the
    kernel's OOM killer) sends nothing more, and the parent sees it end.
    """
    init(*initargs)
    conn.send(("ready", None))
    summaries, prepare, digests, whole = options
    while True:
        try:
            paths = conn.recv()
        except EOFError:  # the parent is gone
            return
        if paths is None:
            return
        try:
            message = ("chunk", _check_chunk(paths, summaries, prepare, digests, whole))
        except Exception as exc:
            message = ("raise", _sendable(exc))
        conn.send(message)


def _sendable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling, else a RuntimeError holding its traceback."""
    import pickle
    import traceback

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        text = "".join(traceback.format_exception(exc))
        return RuntimeError(f"a lintnews worker failed:\n{text}")
    return exc


class _Worker:
    """A worker process, the parent's end of its pipe, and the chunks it holds."""

    __slots__ = ("conn", "isolating", "process", "ready", "sent")

    def __init__(self, process: Any, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        #: chunks sent to it and not answered yet, oldest first
        self.sent: deque[list[str]] = deque()
        #: its one chunk is one file that was in a dead worker's hands
        self.isolating = False
        #: its initializer ran
        self.ready = False


def _death(exitcode: int | None) -> str:
    """How a worker process ended, in words ("killed by signal SIGSEGV")."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


def _lost_file(path: str, exitcode: int | None) -> FileResult:
    from lintnews.checking import FileResult
    from lintnews.violations import FileError

    message = (
        f"a worker process died while checking this file, twice ({_death(exitcode)}): "
        "no results for it (a plugin crashed the interpreter, or the process was killed)"
    )
    return FileResult(path, errors=[FileError(path, message)], checked=False)


def _pool_results(
    ctx: Any,
    jobs: int,
    chunks: list[list[str]],
    init: Callable[..., None],
    initargs: tuple[Any, ...],
    options: Any,
) -> Iterator[tuple[str, Any]]:
    """``("chunk", [worker results])`` as workers answer, and ``("lost", FileResult)``
    for each file that took its worker down twice.

    Why not ``multiprocessing.Pool``: when a worker died its chunk was lost
    and the pool waited for it for ever (the run hung, printing nothing); and
    its worker-handler thread woke for every message waiting in the result
    queue (~1,300 wake-ups and ~55 ms of the parent's CPU on the benchmark
    corpus, beside two more threads handing tasks and results over).

    Here each worker has its own pipe and the parent knows which chunks it
    holds.  It waits on every pipe and every worker's sentinel in one call,
    and sends a worker its next chunk when one comes back (at most
    :data:`WINDOW` outstanding per worker: bounded memory whatever the
    consumer's speed).  When a worker dies, the parent reads what it sent
    before dying, starts another, and checks the files of its unanswered
    chunks again, each alone on a worker (the other files wait): a file that
    kills its worker again is an error result, and every other file is
    checked as usual.  The workers are stopped (or being joined) when this ends.
    """
    from multiprocessing.connection import wait

    todo = deque(chunks)
    suspects: deque[str] = deque()  # files held by a dead worker, to try alone
    workers: list[_Worker] = []

    def start() -> None:
        parent_end, child_end = ctx.Pipe()
        process = ctx.Process(
            target=_serve, args=(child_end, init, initargs, options), name="lintnews-worker"
        )
        process.daemon = True
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        workers.append(worker)
        feed(worker)

    def send(worker: _Worker, chunk: list[str]) -> None:
        worker.sent.append(chunk)
        # a worker that died meanwhile: its sentinel says so, and the chunk is
        # then one of its unanswered ones
        with contextlib.suppress(OSError):
            worker.conn.send(chunk)

    def feed(worker: _Worker) -> None:
        if worker.isolating:
            return
        if suspects:  # no new chunk anywhere until every suspect has been tried
            if not worker.sent:
                worker.isolating = True
                send(worker, [suspects.popleft()])
            return
        while todo and len(worker.sent) < WINDOW:
            send(worker, todo.popleft())

    def answers(worker: _Worker) -> Iterator[tuple[str, Any]]:
        """The answers waiting in ``worker``'s pipe; stops at the first missing one."""
        while worker.sent:
            try:
                if not worker.conn.poll():
                    return
                kind, payload = worker.conn.recv()
            except (EOFError, OSError):  # it died; what it sent is read
                return
            if kind == "ready":
                worker.ready = True
                continue
            worker.sent.popleft()
            worker.isolating = False
            if kind == "raise":
                raise payload
            yield "chunk", payload

    def bury(worker: _Worker) -> Iterator[tuple[str, Any]]:
        yield from answers(worker)
        worker.process.join()
        workers.remove(worker)
        worker.conn.close()
        if not worker.ready:
            from lintnews.errors import WorkerError

            raise WorkerError(
                f"a worker process died while starting ({_death(worker.process.exitcode)}); "
                "--jobs 1 checks the files in this process"
            )
        if worker.isolating:  # its one file killed a worker a second time
            yield "lost", _lost_file(worker.sent[0][0], worker.process.exitcode)
        else:
            suspects.extend(path for chunk in worker.sent for path in chunk)
        if todo or suspects:
            start()

    finished = False
    try:
        for _ in range(jobs):
            start()
        while any(w.sent for w in workers):
            ends = {w.conn: w for w in workers if w.sent}
            ends.update((w.process.sentinel, w) for w in workers if w.sent)
            for ready in wait(list(ends)):
                worker = ends[ready]
                if worker not in workers:
                    continue  # its pipe and its sentinel were both ready: buried
                if ready is worker.process.sentinel:
                    yield from bury(worker)
                else:
                    yield from answers(worker)
            for worker in workers:
                feed(worker)
        finished = True
    finally:
        if finished:
            for worker in workers:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            _join_later(workers)
        else:  # Ctrl-C, a consumer that stopped early, an error: stop the workers now
            for worker in workers:
                worker.process.terminate()
            for worker in workers:
                worker.process.join()
                worker.conn.close()


def _join_later(workers: list[_Worker]) -> None:
    """Join the workers (told to stop) on a thread while the caller goes on.

    Every result is in; the workers now exit on their own (their exit
    handlers, then the kernel freeing their memory: ~15 ms on the benchmark
    corpus, during which both cores idled).  What the caller does next (the
    run-level rules, the report) does not need them gone.  Not a daemon: the
    interpreter waits for it at exit, before multiprocessing's own exit
    handler, so no worker outlives the run.
    """
    import threading

    def join() -> None:
        for worker in workers:
            worker.process.join()
            worker.conn.close()

    threading.Thread(target=join, name="lintnews-pool-join").start()


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
    """A read-only mapping of the config, for a spawned worker: rebuilt by
    :func:`_mappingproxy` (the type itself is not importable, so pickle cannot
    name it as the callable)."""
    return _mappingproxy, (dict(m),)


def _mappingproxy(d: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(d)


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
    import multiprocessing
    import pickle  # not at module level: a one-file run never unpickles a worker's result

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
    options = (summaries, prepare, digests, whole)
    results = _pool_results(ctx, jobs, _chunks(paths, jobs), init, initargs, options)
    try:
        # closed with this generator (a consumer that stops early): workers stopped at once
        with contextlib.closing(results):
            for kind, payload in results:
                if kind == "chunk":
                    for blob, digest, summary, prepared in payload:
                        yield (
                            pickle.loads(blob) if summary is None else summary,
                            digest,
                            blob,
                            prepared,
                        )
                else:  # a file that took its worker down twice: an error result made here
                    yield payload, None, None, _prepared(prepare, payload)
    finally:
        _INHERITED = None
