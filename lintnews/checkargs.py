"""A small parser for the common ``lintnews check`` command lines, without typer.

Importing typer (and click) and building the ``check`` command is about a
quarter of the instructions of a one-article run (the pre-commit case), so
:mod:`lintnews.console` asks this parser first.  It understands only a
conservative subset of what click accepts and returns exactly the keyword
arguments typer's ``check`` command passes to :func:`lintnews.checkrun.run_check`
(after typer's conversions), or ``None`` for anything else: the typer app then
parses the line, so every help text, error message and exit code stays click's.

Declined (``None``): ``--help``/``-h``, ``--version``, any unknown option,
combined short flags (``-qv``), attached short values (``-oFILE``), a value on
a flag (``--quiet=1``), a missing value or one that starts with ``-``, a
``--jobs`` value that is not plain ASCII digits, and a path option naming an
existing path this process cannot read (click's ``Path`` type rejects those).
``tests/test_checkargs.py`` checks the accepted lines against typer's own
parsing.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

# what a value-taking option's text becomes (typer's conversion)
_LIST = "list"  # repeatable; joined and split by split_codes
_STR = "str"
_PATH = "path"  # pathlib.Path, after click.Path's readability check
_JOBS = "jobs"  # click.IntRange(min=0)

#: long option -> (keyword of run_check, kind); flags carry the value they set
_VALUED: dict[str, tuple[str, str]] = {
    "--select": ("select", _LIST),
    "--ignore": ("ignore", _LIST),
    "--extend-select": ("extend_select", _LIST),
    "--format": ("output_format", _STR),
    "--output": ("output", _PATH),
    "--fail-on": ("fail_on", _STR),
    "--config": ("config_file", _PATH),
    "--stdin-filename": ("stdin_filename", _STR),
    "--baseline": ("baseline", _PATH),
    "--jobs": ("jobs", _JOBS),
    "--cache-dir": ("cache_dir", _PATH),
}
_FLAGS: dict[str, tuple[str, bool]] = {
    "--exit-zero": ("exit_zero", True),
    "--quiet": ("quiet", True),
    "--statistics": ("statistics", True),
    "--show-source": ("show_source", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--verbose": ("verbose", True),
    "--write-baseline": ("write_baseline", True),
    "--no-cache": ("use_cache", False),
    "--fix": ("fix", True),
    "--diff": ("diff", True),
    "--unsafe-fixes": ("unsafe_fixes", True),
}
#: the short spellings check declares (-h is help: declined)
_SHORT = {"-o": "--output", "-q": "--quiet", "-v": "--verbose", "-j": "--jobs"}

#: run_check's keywords for ``lintnews check`` with no options (typer's defaults)
DEFAULTS: dict[str, Any] = {
    "paths": [],
    "select": (),
    "ignore": (),
    "extend_select": (),
    "output_format": "text",
    "output": None,
    "exit_zero": False,
    "fail_on": None,
    "quiet": False,
    "statistics": False,
    "show_source": False,
    "config_file": None,
    "color": None,
    "verbose": False,
    "stdin_filename": None,
    "baseline": None,
    "write_baseline": False,
    "jobs": None,
    "use_cache": True,
    "cache_dir": None,
    "fix": False,
    "diff": False,
    "unsafe_fixes": False,
}


def split_codes(values: Sequence[str] | None) -> tuple[str, ...]:
    """``--select A,B --select C`` -> ("A", "B", "C")."""
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(out)


def _readable_or_absent(value: str) -> bool:
    """What click.Path (typer's default: readable=True) lets through without an error.

    A path that does not exist is fine (``exists=False``); an existing one
    must be readable.  Anything ``os.stat`` does not answer with OSError (a
    NUL, a surrogate the file system encoding cannot hold) is declined.
    """
    try:
        os.stat(value)
    except OSError:
        return True
    except Exception:
        return False
    return os.access(value, os.R_OK)


def parse_check_args(args: Sequence[str]) -> dict[str, Any] | None:
    """run_check's keyword arguments for ``lintnews check ARGS``, or None to let typer parse.

    ``args`` is the command line after ``check``.  Like click: options and
    paths may interleave, ``--`` ends the options, ``-`` and the empty string
    are paths, a repeated scalar option keeps its last value, list options
    accumulate.
    """
    paths: list[str] = []
    lists: dict[str, list[str]] = {"select": [], "ignore": [], "extend_select": []}
    values: dict[str, Any] = {}
    count = len(args)
    i = 0
    while i < count:
        arg = args[i]
        i += 1
        if arg == "--":
            paths.extend(args[i:])
            break
        if arg[:1] != "-" or arg == "-":  # click: "-" and "" are arguments
            paths.append(arg)
            continue
        if arg[:2] == "--":
            name, equals, attached = arg.partition("=")
        elif len(arg) == 2 and arg in _SHORT:  # no -qv, no -oFILE, no -o=FILE
            name, equals, attached = _SHORT[arg], "", ""
        else:
            return None
        flag = _FLAGS.get(name)
        if flag is not None:
            if equals:  # click: "Option '--quiet' does not take a value."
                return None
            values[flag[0]] = flag[1]
            continue
        valued = _VALUED.get(name)
        if valued is None:  # --help, --version, a typo: click's message
            return None
        if equals:
            value = attached
        elif i < count:
            value = args[i]
            i += 1
        else:
            return None  # click: "Option '--format' requires an argument."
        if value[:1] == "-":
            return None
        key, kind = valued
        if kind == _LIST:
            lists[key].append(value)
        elif kind == _STR:
            values[key] = value
        elif kind == _JOBS:
            if not (value.isascii() and value.isdigit()):
                return None
            values[key] = int(value)
        else:  # _PATH
            if not _readable_or_absent(value):
                return None
            values[key] = value

    kwargs = dict(DEFAULTS)
    kwargs["paths"] = paths
    for key, listed in lists.items():
        kwargs[key] = split_codes(listed)
    if values:
        from pathlib import Path  # only for a path option: a plain run never needs it here

        for key, value in values.items():
            kind = _VALUED_KIND.get(key)
            kwargs[key] = Path(value) if kind == _PATH else value
    return kwargs


#: keyword -> kind, for the conversions after parsing
_VALUED_KIND = {key: kind for key, kind in _VALUED.values()}
