"""The ``lintnews`` command line: parses options, calls the engine, picks a reporter.

Start-up time matters (pre-commit hooks and editors run this per file), so
this module imports only typer at import time; the engine, config loader,
plugins and reporters are imported inside the commands that need them, and
typer's rich integration is switched off so ``rich`` is never imported.

Every expected failure (bad config, unknown code, missing path, broken
plugin) becomes one line ``lintnews: error: ...`` on stderr and exit code 2;
tracebacks only with ``-v``.

No ``from __future__ import annotations`` here, on purpose: typer reads
the commands' ``Annotated[...]`` parameters with ``get_type_hints``, which
would ``eval`` every string annotation (a sixth of a one-article run's
start-up); real annotation objects cost nothing to read.
"""

import gc

# No cyclic GC while this module's imports and typer load (see gc_paused):
# pathlib and typing alone cost ten collections, typer ~14,000 objects.
_GC_WAS_ENABLED = gc.isenabled()
gc.disable()

import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Annotated, Any, NoReturn  # noqa: E402

#: set by :func:`main` (the command-line process): start-up objects are frozen
_FREEZE_STARTUP = False


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
    ``import typer``, which this module imports before :func:`main` can say
    it is the command-line process: ~11M instructions, 2% of a one-article
    run).  So when nothing is frozen yet, those objects are moved to the
    oldest generation without being examined (``gc.freeze()`` then
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
        _resume_gc()


def _resume_gc() -> None:
    """Switch the collector back on at the end of a :func:`gc_paused` block."""
    if _FREEZE_STARTUP:
        gc.freeze()
    elif gc.get_freeze_count() == 0:  # someone else's frozen objects stay frozen
        gc.freeze()
        gc.unfreeze()
    gc.enable()


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


try:
    # still under the pause begun at the top of this module.  typer's imports
    # (platform, locale, difflib, gettext, click) compile ~15 patterns at
    # import: a check run takes them from the compiled-regex store.  Only a
    # check run: the store is written on a miss, and `lintnews clean --user`
    # must not make the stores it has just removed.
    if sys.argv[1:2] == ["check"]:
        from lintnews import recache

        with recache.compiles_stored():
            import typer
    else:
        import typer
finally:
    if _GC_WAS_ENABLED:
        _resume_gc()

if TYPE_CHECKING:
    from lintnews.config import Config
    from lintnews.engine import Engine

__all__ = ["app", "main"]

EXIT_CLEAN = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2
#: standard output was closed by its reader (``lintnews check | head``): 128 +
#: SIGPIPE, the status a shell reports for ``cat``/``grep`` stopped the same way,
#: so ``set -o pipefail`` scripts see one convention and never mistake it for
#: 1 (violations) or 2 (an error)
EXIT_BROKEN_PIPE = 141

#: progress appears only for runs that take longer than this (and on a TTY)
PROGRESS_AFTER_SECONDS = 1.0

app = typer.Typer(
    name="lintnews",
    help="A plugin-based content-quality linter for news articles.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- errors --------------------------------------------------------------------
def fail(message: str) -> NoReturn:
    """Print a one-line error and exit 2."""
    one_line = " ".join(str(message).split()) or "unknown error"
    sys.stderr.write(f"lintnews: error: {one_line}\n")
    raise typer.Exit(EXIT_ERROR)


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
    raise typer.Exit(EXIT_BROKEN_PIPE)


def flush_stdout() -> None:
    """Flush while a closed pipe can still be handled (not at interpreter exit)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        stop_on_broken_pipe()


@contextmanager
def guarded(verbose: bool) -> Iterator[None]:
    """Turn lintnews' own exceptions (and unexpected ones) into one-line errors."""
    from lintnews.errors import LintnewsError

    try:
        yield
        flush_stdout()
    except typer.Exit:
        flush_stdout()
        raise
    except (typer.Abort, KeyboardInterrupt):
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
        raise typer.Exit(130) from None


def open_cache(engine: "Engine", cache_dir: Path | None) -> Any:
    """The result cache for this engine (see lintnews.cache)."""
    from lintnews.cache import ResultCache

    return ResultCache.for_engine(engine, cache_dir)


def split_codes(values: list[str] | None) -> tuple[str, ...]:
    """``--select A,B --select C`` -> ("A", "B", "C")."""
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(out)


# -- shared setup ----------------------------------------------------------------
def load(config_file: Path | None, **overrides: Any) -> "Config":
    """The configuration for the current directory, with command-line overrides."""
    from lintnews.config import load_config, with_overrides

    if config_file is not None and not config_file.is_file():
        fail(f"config file {str(config_file)!r} does not exist")
    config = load_config(Path.cwd(), explicit=config_file)
    changes = {k: v for k, v in overrides.items() if v is not None}
    return with_overrides(config, **changes) if changes else config


def make_engine(config: "Config") -> "Engine":
    from lintnews.engine import Engine

    return Engine(config)


def show_load_errors(engine: "Engine", verbose: bool, *, messages: bool) -> bool:
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


# -- commands ----------------------------------------------------------------------
# Options several commands share, declared once so their spelling and help
# cannot drift apart between `check`, `stats`, `clean` and `serve`.
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="Use this config file (no discovery)."),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        min=0,
        help="Worker processes (default: one per CPU; 1: no workers).",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the result cache.")
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="Result cache directory (default: .lintnews_cache next to the config "
        "file, else in the current directory; or $LINTNEWS_CACHE_DIR).",
    ),
]
StdinFilenameOption = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="NAME",
        help="Name (and so format, by extension) of the text read from '-'.",
    ),
]


def _version(value: bool) -> None:
    if value:
        from lintnews import __version__

        typer.echo(f"lintnews {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A plugin-based content-quality linter for news articles.

    Exit codes: 0 clean, 1 violations at or above fail-on, 2 usage, config,
    input or plugin errors.
    """


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATHS]...",
            help="Files or directories to check; '-' reads standard input. Default: '.'.",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these rules (codes, prefixes or names; comma-separated, repeatable).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODES", help="Skip these rules."),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(
            "--extend-select", metavar="CODES", help="Add rules to the selection (opt-in rules)."
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="Output format: text, full, json or any format a plugin adds.",
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when violations are found.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help="Lowest severity that makes the exit code 1: error, warning or info.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print violations only, no summary.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count violations per rule.")
    ] = False,
    show_source: Annotated[
        bool,
        typer.Option("--show-source", help="Show the offending line with a caret under it."),
    ] = False,
    config_file: ConfigOption = None,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Force colour on or off (default: on a TTY)."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show tracebacks of plugin errors.")
    ] = False,
    stdin_filename: StdinFilenameOption = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Do not report violations recorded in FILE (adopting lintnews on an archive).",
        ),
    ] = None,
    write_baseline: Annotated[
        bool,
        typer.Option(
            "--write-baseline",
            help="Record the current violations in the --baseline FILE and exit 0.",
        ),
    ] = False,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Apply safe fixes in place, then report what remains."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Print the fixes as a unified diff instead of writing (exit 1 if any)."
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes",
            help="Also apply (and mark fixable) fixes that may remove text a human wants.",
        ),
    ] = False,
) -> None:
    """Check articles and report violations."""
    with guarded(verbose), interruptible():
        code = run_check(
            paths=paths or [],
            select=split_codes(select),
            ignore=split_codes(ignore),
            extend_select=split_codes(extend_select),
            output_format=output_format,
            output=output,
            exit_zero=exit_zero,
            fail_on=fail_on,
            quiet=quiet,
            statistics=statistics,
            show_source=show_source,
            config_file=config_file,
            color=color,
            verbose=verbose,
            stdin_filename=stdin_filename,
            baseline=baseline,
            write_baseline=write_baseline,
            jobs=jobs,
            use_cache=not no_cache,
            cache_dir=cache_dir,
            fix=fix,
            diff=diff,
            unsafe_fixes=unsafe_fixes,
        )
    raise typer.Exit(code)


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


@app.command()
def rules(
    output_format: Annotated[
        str,
        typer.Option("--format", metavar="FORMAT", help="text, json or markdown."),
    ] = "text",
    config_file: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", help="Use this config file (local plugins)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks.")] = False,
) -> None:
    """List every rule of every loaded plugin."""
    with guarded(verbose):
        from lintnews import ruletable

        if output_format not in ruletable.FORMATS:
            fail(
                f"unknown format {output_format!r} for rules "
                f"(choose from {', '.join(ruletable.FORMATS)})"
            )
        engine = make_engine(load(config_file))
        broken = show_load_errors(engine, verbose, messages=True)
        rules_list = list(engine.registry.rules.values())
        sys.stdout.write(ruletable.render(rules_list, output_format, engine.registry))
    if broken:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(metavar="CODE|NAME", help="A rule code or name.")],
    config_file: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", help="Use this config file (local plugins)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks.")] = False,
) -> None:
    """Show a rule's documentation, with its examples and options."""
    with guarded(verbose):
        engine = make_engine(load(config_file))
        show_load_errors(engine, verbose, messages=True)
        registry = engine.registry
        found = registry.rule(rule)
        if found is None:
            import difflib

            known = [*registry.rules, *registry.rules_by_name]
            close = difflib.get_close_matches(rule, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see 'lintnews rules'"
            fail(f"unknown rule {rule!r}{hint}")
        sys.stdout.write(found.documentation().rstrip("\n") + "\n")


@app.command()
def stats(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATHS]...",
            help="Files or directories to measure; '-' reads standard input. Default: '.'.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="text, json or csv.")
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the table to FILE."),
    ] = None,
    config_file: ConfigOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    stdin_filename: StdinFilenameOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks.")] = False,
) -> None:
    """Per-article readability and counts (body only) as a table, JSON or CSV."""
    with guarded(verbose), interruptible():
        from lintnews.stats import run_stats  # lazily: `check` never imports it

        code = run_stats(
            load(config_file),
            paths or [],
            output_format=output_format,
            output=output,
            jobs=jobs,
            use_cache=not no_cache,
            cache_dir=cache_dir,
            stdin_filename=stdin_filename,
            progress=make_progress(),
            verbose=verbose,
        )
    raise typer.Exit(code)


@app.command()
def init(
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Overwrite an existing lintnews.toml.")
    ] = False,
) -> None:
    """Write a commented starter lintnews.toml in the current directory."""
    with guarded(False):
        from lintnews.init_template import TEMPLATE

        target = Path.cwd() / "lintnews.toml"
        if target.exists() and not force:
            fail("lintnews.toml already exists here; use --force to overwrite it")
        target.write_text(TEMPLATE, encoding="utf-8")
        typer.echo(f"wrote {target.name}")


@app.command()
def clean(
    cache_dir: Annotated[
        Path | None,
        typer.Option("--cache-dir", metavar="DIR", help="The cache directory to remove."),
    ] = None,
    config_file: ConfigOption = None,
    user: Annotated[
        bool,
        typer.Option(
            "--user",
            help="Also remove the per-user stores (~/.cache/lintnews: plugin lists, "
            "compiled regexes); the next run rebuilds them.",
        ),
    ] = False,
) -> None:
    """Remove the result cache (.lintnews_cache)."""
    with guarded(False):
        from lintnews.cache import clean as remove_cache
        from lintnews.cache import default_cache_dir
        from lintnews.config import find_config_file

        if cache_dir is None:
            found = config_file or find_config_file(Path.cwd())
            cache_dir = default_cache_dir(found)
        try:
            removed = remove_cache(cache_dir)
        except OSError as exc:
            fail(str(exc))
        typer.echo(f"removed {cache_dir}" if removed else f"no cache at {cache_dir}")
        if user:
            from lintnews.userdirs import remove_user_stores

            try:
                base, count = remove_user_stores()
            except OSError as exc:
                fail(f"{exc.filename or 'user cache'}: {exc.strerror or exc}")
            if count:
                typer.echo(f"removed {count} per-user stores from {base}")
            else:
                typer.echo(f"no per-user stores at {base or '(no home directory)'}")


@app.command()
def serve(
    port: Annotated[
        int,
        typer.Option(
            "--port", "-p", min=0, max=65535, help="Port to listen on (0: pick a free one)."
        ),
    ] = 8765,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to bind (default: this computer only).", metavar="ADDRESS"
        ),
    ] = "127.0.0.1",
    config_file: ConfigOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log requests and tracebacks to stderr.")
    ] = False,
) -> None:
    """Serve a local page where editors paste or drop an article and see its violations."""
    with guarded(verbose):
        from lintnews.serve import run_server

        config = load(config_file)
        engine = make_engine(config)
        show_load_errors(engine, verbose, messages=True)
        label = str(config.path) if config.path is not None else "defaults"
        code = run_server(engine, host=host, port=port, config_label=label, verbose=verbose)
    raise typer.Exit(code)


def app_for(args: list[str]) -> typer.Typer:
    """``app``, or for ``lintnews check ...`` a copy of it that holds only ``check``.

    Before it parses anything, typer turns every registered command into a
    click command, reading each function's signature and annotations: the
    other six commands cost a one-article check ~2.5 ms for nothing.  The copy
    keeps every setting and the root callback (``--version``), so what
    ``check`` does, prints and exits with is the same; a command line that
    does not start with ``check`` gets the whole app.
    """
    if not args or args[0] != "check":
        return app
    import copy

    only = copy.copy(app)  # shallow: the settings are shared, the command list is new
    only.registered_commands = [c for c in app.registered_commands if c.callback is check]
    return only


def main() -> None:
    """Console-script entry point."""
    global _FREEZE_STARTUP
    _FREEZE_STARTUP = True
    gc.freeze()  # typer and this module, imported under gc_paused() (see there)
    app_for(sys.argv[1:])(prog_name="lintnews")
