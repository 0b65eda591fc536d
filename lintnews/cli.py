"""The ``lintnews`` command line (typer): parses options, calls the engine, picks a reporter.

The common ``lintnews check`` command lines never come here:
:mod:`lintnews.console` (the console script and ``python -m lintnews``)
parses them itself and runs :func:`lintnews.checkrun.run_check` without
importing typer or click.  This typer app handles every other command line
(other commands, ``--help``, ``--version``, anything the small parser
declines), so help texts, usage errors and exit codes stay click's.

Start-up time still matters here, so this module imports only typer at
import time; the engine, config loader, plugins and reporters are imported
inside the commands that need them, and typer's rich integration is switched
off so ``rich`` is never imported.

The commands share the typer-free helpers of :mod:`lintnews.checkrun`, which
raise :class:`~lintnews.checkrun.CommandExit`; :func:`guarded` turns it into
``typer.Exit`` at the typer boundary.

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

import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated  # noqa: E402

from lintnews import checkrun  # noqa: E402
from lintnews.checkargs import split_codes  # noqa: E402
from lintnews.checkrun import (  # noqa: E402  (re-exported: tests and benchmarks use them here)
    EXIT_BROKEN_PIPE,
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_VIOLATIONS,
    PROGRESS_AFTER_SECONDS,
    CommandExit,
    fail,
    flush_stdout,
    gc_paused,
    interruptible,
    load,
    loading,
    make_engine,
    make_progress,
    open_cache,
    run_check,
    show_load_errors,
    stop_on_broken_pipe,
    use_color,
)

try:
    # still under the pause begun at the top of this module.  typer's imports
    # (platform, locale, difflib, gettext, click) compile ~15 patterns at
    # import: a check run takes them from the compiled-regex store (a check
    # line that lintnews.console left to typer: --help, a typo, -qv...).  Only
    # a check run: the store is written on a miss, and `lintnews clean --user`
    # must not make the stores it has just removed.
    if sys.argv[1:2] == ["check"]:
        from lintnews import recache

        with recache.compiles_stored():
            import typer
    else:
        import typer
finally:
    if _GC_WAS_ENABLED:
        checkrun.resume_gc()

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_CLEAN",
    "EXIT_ERROR",
    "EXIT_VIOLATIONS",
    "PROGRESS_AFTER_SECONDS",
    "CommandExit",
    "app",
    "app_for",
    "fail",
    "flush_stdout",
    "gc_paused",
    "guarded",
    "interruptible",
    "load",
    "loading",
    "main",
    "make_engine",
    "make_progress",
    "open_cache",
    "run_check",
    "show_load_errors",
    "split_codes",
    "stop_on_broken_pipe",
    "use_color",
]


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
@contextmanager
def guarded(verbose: bool) -> Iterator[None]:
    """:func:`lintnews.checkrun.guarded` for a typer command: ``typer.Exit`` out.

    The shared helpers raise :class:`CommandExit` (they run without typer in
    a plain ``lintnews check``); click expects ``typer.Exit``, which a command
    may also raise itself (flushed and passed on, as ``typer.Abort`` is).
    """
    try:
        with checkrun.guarded(verbose, exits=(typer.Exit,), aborts=(typer.Abort,)):
            yield
    except CommandExit as exc:
        raise typer.Exit(exc.code) from None


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
    rules: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="CODE|NAME...",
            help="Rule codes or names (one or more).",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every registered rule, in code order.")
    ] = False,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", help="Use this config file (local plugins)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks.")] = False,
) -> None:
    """Show rules' documentation, with their examples and options.

    Several rules are shown one after the other, separated by a blank line.
    Every name is checked before anything is written: an unknown one is an
    error and nothing else is shown (as a typo in a list of codes should not
    scroll past).
    """
    with guarded(verbose):
        if every and rules:
            fail("give rule codes or --all, not both")
        if not every and not rules:
            fail("give at least one rule code or name, or --all")
        engine = make_engine(load(config_file))
        show_load_errors(engine, verbose, messages=True)
        registry = engine.registry
        if every:
            found = [registry.rules[code] for code in sorted(registry.rules)]
        else:
            found = []
            for key in rules or ():
                rule = registry.rule(key)
                if rule is None:
                    import difflib

                    known = [*registry.rules, *registry.rules_by_name]
                    close = difflib.get_close_matches(key, known, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else "; see 'lintnews rules'"
                    fail(f"unknown rule {key!r}{hint}")
                found.append(rule)
        sys.stdout.write("\n".join(rule.documentation().rstrip("\n") + "\n" for rule in found))


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
    """The typer command line for ``sys.argv`` (what :mod:`lintnews.console` falls back to)."""
    checkrun.freeze_startup()  # typer and this module, imported under gc_paused() (see there)
    app_for(sys.argv[1:])(prog_name="lintnews")
