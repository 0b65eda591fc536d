"""The body of ``lintnews check`` and the helpers the commands share, without typer.

``lintnews check FILE`` (the pre-commit case) runs from here without ever
importing typer or click: :mod:`lintnews.console` parses the common command
lines itself (:mod:`lintnews.checkargs`) and calls :func:`main_check`;
anything else goes to the typer app in :mod:`lintnews.cli`, whose commands use
these same helpers.  So nothing here may raise typer's exceptions: an
expected stop raises :class:`CommandExit`, which :func:`main_check` turns into
the exit code and :func:`lintnews.cli.guarded` into ``typer.Exit``.

Every expected failure (bad config, unknown code, missing path, broken
plugin) becomes one line ``lintnews: error: ...`` on stderr and exit code 2;
tracebacks only with ``-v``.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any, NoReturn

    from lintnews.config import Config
    from lintnews.engine import Engine

EXIT_CLEAN = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2
#: standard output was closed by its reader (``lintnews check | head``): 128 +
#: SIGPIPE, the status a shell reports for ``cat``/``grep`` stopped the same way,
#: so ``set -o pipefail`` scripts see one convention and never mistake it for
#: 1 (violations) or 2 (an error)
EXIT_BROKEN_PIPE = 141
#: Ctrl-C (128 + SIGINT)
EXIT_INTERRUPTED = 130

#: progress appears only for runs that take longer than this (and on a TTY)
PROGRESS_AFTER_SECONDS = 1.0

#: set by :func:`freeze_startup` (the command-line process): start-up objects are frozen
_FREEZE_STARTUP = False


class CommandExit(Exception):
    """Stop the command with this exit code (what has to be said is already on stderr).

    The typer-free counterpart of ``typer.Exit``: :func:`main_check` returns
    its code, and the typer commands convert it at their boundary
    (:func:`lintnews.cli.guarded`), so click still sees ``typer.Exit``.
    """

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


# -- garbage collection at start-up ------------------------------------------------
@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while importing typer or the plugins.

    Imports allocate thousands of objects that live as long as the process
    (modules, classes, functions, compiled patterns), and the collector walks
    each of them once or twice for nothing.  In the command-line process they
    are then frozen (``gc.freeze()``: never examined again, which also keeps
    forked workers from touching their pages); elsewhere (the Python API,
    tests calling the typer app) the collector just resumes afterwards.

    Resuming would start with a collection of the youngest generation, which
    by then holds everything allocated in the block (~14,000 objects after
    ``import typer``, which :mod:`lintnews.cli` imports before its ``main``
    can say it is the command-line process: ~11M instructions, 2% of a
    one-article run).  So when nothing is frozen yet, those objects are moved
    to the oldest generation without being examined (``gc.freeze()`` then
    ``gc.unfreeze()``: two list splices); a full collection still looks at
    them, as it would have.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        resume_gc()


def resume_gc() -> None:
    """Switch the collector back on at the end of a :func:`gc_paused` block."""
    if _FREEZE_STARTUP:
        gc.freeze()
    elif gc.get_freeze_count() == 0:  # someone else's frozen objects stay frozen
        gc.freeze()
        gc.unfreeze()
    gc.enable()


def freeze_startup() -> None:
    """This is the command-line process: freeze what start-up made, and what
    each later :func:`gc_paused` block makes (see there)."""
    global _FREEZE_STARTUP
    _FREEZE_STARTUP = True
    gc.freeze()


@contextmanager
def loading() -> Iterator[None]:
    """Importing the core and the plugins: no GC, dataclass code from lintnews.codecache,
    import-time regexes from lintnews.recache.

    The core, the plugins and the chosen reporter (with ``json``) compile
    about twenty patterns at import; under ``recache.compiles_stored`` each
    comes from the compiled-regex store (the same objects, see there).  The
    CLI process has no other thread yet, as that block requires.
    """
    from lintnews import recache
    from lintnews.codecache import dataclass_code

    with gc_paused(), dataclass_code(), recache.compiles_stored():
        yield


# -- errors --------------------------------------------------------------------
def fail(message: str) -> NoReturn:
    """Print a one-line error and exit 2."""
    one_line = " ".join(str(message).split()) or "unknown error"
    sys.stderr.write(f"lintnews: error: {one_line}\n")
    raise CommandExit(EXIT_ERROR)


def stop_on_broken_pipe() -> NoReturn:
    """The reader of standard output has gone: stop quietly, exit 141.

    No traceback and no error line, like other Unix tools.  Standard output
    is pointed at /dev/null (the Python documentation's recipe, "Note on
    SIGPIPE"), so the interpreter's last flush of what is still buffered does
    not fail again with "Exception ignored ... BrokenPipeError".
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    raise CommandExit(EXIT_BROKEN_PIPE)


def flush_stdout() -> None:
    """Flush while a closed pipe can still be handled (not at interpreter exit)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        stop_on_broken_pipe()


@contextmanager
def guarded(
    verbose: bool,
    *,
    exits: tuple[type[BaseException], ...] = (),
    aborts: tuple[type[BaseException], ...] = (),
) -> Iterator[None]:
    """Turn lintnews' own exceptions (and unexpected ones) into one-line errors.

    :class:`CommandExit` (and ``exits``: the typer commands pass
    ``typer.Exit``) goes through after a flush, ``KeyboardInterrupt`` (and
    ``aborts``: ``typer.Abort``) as it is.
    """
    from lintnews.errors import LintnewsError

    try:
        yield
        flush_stdout()
    except (CommandExit, *exits):
        flush_stdout()
        raise
    except (KeyboardInterrupt, *aborts):
        raise
    except LintnewsError as exc:
        if verbose:
            import traceback

            traceback.print_exc()
        fail(str(exc))
    except BrokenPipeError:
        stop_on_broken_pipe()
    except Exception as exc:
        if verbose:
            import traceback

            traceback.print_exc()
        fail(f"internal error: {type(exc).__name__}: {exc} (run with -v for a traceback)")


@contextmanager
def interruptible() -> Iterator[None]:
    """Ctrl-C: one line on stderr and exit 130 (workers are already stopped)."""
    try:
        yield
    except KeyboardInterrupt:
        sys.stderr.write("lintnews: interrupted\n")
        raise CommandExit(EXIT_INTERRUPTED) from None


def main_check(kwargs: dict[str, Any]) -> int:
    """``lintnews check`` as typer's command runs it (guarded, interruptible): the exit code.

    ``kwargs`` are :func:`run_check`'s (from :func:`lintnews.checkargs.parse_check_args`).
    Ctrl-C outside :func:`interruptible` exits 130 silently, as typer's main does.
    """
    try:
        with guarded(kwargs["verbose"]), interruptible():
            return run_check(**kwargs)
    except CommandExit as exc:
        return exc.code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def open_cache(engine: Engine, cache_dir: Path | None) -> Any:
    """The result cache for this engine (see lintnews.cache)."""
    from lintnews.cache import ResultCache

    return ResultCache.for_engine(engine, cache_dir)


# -- shared setup ----------------------------------------------------------------
def load(config_file: Path | None, **overrides: Any) -> Config:
    """The configuration for the current directory, with command-line overrides."""
    from lintnews.config import load_config, with_overrides

    if config_file is not None and not config_file.is_file():
        fail(f"config file {str(config_file)!r} does not exist")
    config = load_config(Path.cwd(), explicit=config_file)
    changes = {k: v for k, v in overrides.items() if v is not None}
    return with_overrides(config, **changes) if changes else config


def make_engine(config: Config) -> Engine:
    from lintnews.engine import Engine

    return Engine(config)


def show_load_errors(engine: Engine, verbose: bool, *, messages: bool) -> bool:
    """Print plugins that failed to load; True if any did.

    ``messages``: one ``lintnews: error:`` line each (``check`` leaves that to
    the reporter, which gets them as run errors); ``verbose`` adds tracebacks.
    """
    errors = engine.registry.load_errors
    for err in errors:
        if messages:
            sys.stderr.write(f"lintnews: error: {' '.join(str(err).split())}\n")
        if verbose and err.__cause__ is not None:
            import traceback

            traceback.print_exception(err.__cause__)
    return bool(errors)


def use_color(flag: bool | None, stream: Any) -> bool:
    """``--color``/``--no-color`` win; else colour on a TTY unless NO_COLOR is set."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def make_progress() -> Callable[[int, int], None] | None:
    """A stderr progress line, only on a TTY and only once a run is slow."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()
    last = [0.0]  # when the line was last written (0: never)

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total:
            if last[0]:
                sys.stderr.write("\r\033[K")
                sys.stderr.flush()
            return
        # Redraw at most ten times a second: a terminal is slow to scroll.
        if now - started < PROGRESS_AFTER_SECONDS or now - last[0] < 0.1:
            return
        last[0] = now
        sys.stderr.write(f"\rlintnews: checked {done}/{total} files")
        sys.stderr.flush()

    return progress


# -- check ---------------------------------------------------------------------------
def run_check(
    *,
    paths: list[str],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    output_format: str,
    output: Path | None,
    exit_zero: bool,
    fail_on: str | None,
    quiet: bool,
    statistics: bool,
    show_source: bool,
    config_file: Path | None,
    color: bool | None,
    verbose: bool,
    stdin_filename: str | None,
    baseline: Path | None = None,
    write_baseline: bool = False,
    jobs: int | None = None,
    use_cache: bool = False,
    cache_dir: Path | None = None,
    fix: bool = False,
    diff: bool = False,
    unsafe_fixes: bool = False,
) -> int:
    """The body of ``lintnews check``; returns the exit code."""
    with loading():  # the core's dataclasses (the plugins' below)
        from lintnews.violations import Severity

    severity = None
    if fail_on is not None:
        try:
            severity = Severity.parse(fail_on)
        except ValueError as exc:
            fail(f"--fail-on: {exc}")
    overrides: dict[str, Any] = {"fail_on": severity}
    if select:
        overrides["select"] = select
    if ignore:
        overrides["ignore"] = ignore
    if extend_select:
        overrides["extend_select"] = extend_select
    with loading():  # imports the plugins
        config = load(config_file, **overrides)
        engine = make_engine(config)
    show_load_errors(engine, verbose, messages=False)

    # only the chosen reporter is imported (formats may be lazy "module:Class" references),
    # like the plugins under loading(): its dataclasses (RuleStatistic) from the code store
    with loading():
        reporter_cls = engine.registry.reporter(output_format)
    if reporter_cls is None:
        formats = engine.registry.output_format_refs()
        fail(f"unknown output format {output_format!r} (choose from {', '.join(formats)})")

    use_stdin = "-" in paths
    file_paths = [p for p in paths if p != "-"]
    missing = [p for p in file_paths if not os.path.lexists(p)]
    if missing:
        fail(f"{missing[0]}: no such file or directory")
    if stdin_filename is not None and (not use_stdin or file_paths):
        fail("--stdin-filename needs '-' as the only path")
    recorded = None
    if baseline is not None or write_baseline:  # a plain run never imports the baseline module
        from lintnews import baseline as baselines

        recorded = baselines.prepare(baseline, write_baseline)  # usage errors before any work

    fix_run = None
    if fix or diff:  # see lintnews.fixing: fix first, then the normal check reports the rest
        from lintnews import fixing

        if use_stdin:
            fail("--fix and --diff work on files, not on standard input")
        fix_run = fixing.fix_paths(engine, paths or ["."], unsafe=unsafe_fixes, write=not diff)
        if diff:
            return fixing.report_diff(fix_run, sys.stdout, sys.stderr, quiet=quiet)

    sources: dict[str, str] = {}
    if use_stdin and not file_paths:
        name = stdin_filename or "-"
        # Bytes, decoded as UTF-8 whatever the locale says: articles are UTF-8.
        text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
        sources[name] = text
        result = engine.lint_text(text, filename=name)
    else:
        one_file = len(file_paths) == 1 and not use_stdin and not os.path.isdir(file_paths[0])
        # The engine reads '-' itself when it comes with other paths, so
        # run-level rules (across articles) see stdin and files together.
        result = engine.lint_paths(
            paths or ["."],
            progress=make_progress(),
            jobs=jobs,
            cache=open_cache(engine, cache_dir) if use_cache else None,
            # Large runs keep results on disk until the reporter streams them
            # (lintnews.spool); a baseline or --fix/--unsafe-fixes edits the
            # results in place before reporting, so those runs keep them in memory.
            # One named file (not a directory) is one result: never spooled, so
            # the engine does not import lintnews.spool to read its threshold.
            spool=None
            if recorded is None and fix_run is None and not unsafe_fixes and not one_file
            else False,
            # the reporter's per-file work, done by the workers of a spooled run
            prepare=getattr(reporter_cls, "prepare_file", None),
            whole=getattr(reporter_cls, "reads_whole_results", True),
        )
    if recorded is not None:
        done = baselines.finish(
            recorded,
            write=write_baseline,
            result=result,
            sources=sources,
            quiet=quiet,
            stream=sys.stderr,
        )
        if done is not None:
            return done

    if fix_run is not None or unsafe_fixes:
        from lintnews.fixing import merge_fix_run

        merge_fix_run(result, fix_run, unsafe=unsafe_fixes)

    stream: Any
    if output is not None:
        try:
            stream = open(output, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            fail(f"cannot write {str(output)!r}: {exc.strerror or exc}")
    else:
        stream = sys.stdout
    try:
        reporter = reporter_cls(
            stream,
            color=use_color(color, stream),
            show_source=show_source,
            registry=engine.registry,
            config=config,
            statistics=statistics,
            quiet=quiet,
            verbose=verbose,
            error_stream=sys.stderr,
            sources=sources,
            engine=engine,
        )
        reporter.report(result)
        if fix_run is not None and not quiet:
            text_like = output_format in ("text", "full")
            (stream if text_like else sys.stderr).write(fix_run.summary() + "\n")
    finally:
        if output is not None:
            stream.close()

    from lintnews.engine import exit_code

    code = exit_code(result, config.fail_on)
    if exit_zero and code == EXIT_VIOLATIONS:
        code = EXIT_CLEAN
    return code
