"""The ``lintnews`` console script and ``python -m lintnews``: check without typer when it can.

A one-article ``lintnews check FILE`` (pre-commit hooks, editors) spent about
a quarter of its instructions importing typer and click and building the
command.  So a command line that starts with ``check`` is first given to
:func:`lintnews.checkargs.parse_check_args`; when it accepts, the check runs
straight from :mod:`lintnews.checkrun` and typer is never imported.  Every
other command line, and every check line the small parser declines (help,
typos, unusual spellings), goes to the typer app in :mod:`lintnews.cli` as
before, so its messages and exit codes are click's.
"""

from __future__ import annotations

import gc
import os
import sys

#: typer answers shell-completion requests (this variable set) before parsing
_COMPLETE_VAR = "_LINTNEWS_COMPLETE"


def _fast_check_kwargs(args: list[str]) -> dict[str, object] | None:
    """run_check's keywords when typer would parse ``args`` the plain way, else None.

    Not on Windows (click expands wildcards in the arguments there) and not for
    a shell-completion request.
    """
    if args[:1] != ["check"] or os.name == "nt" or os.environ.get(_COMPLETE_VAR):
        return None
    from lintnews.checkargs import parse_check_args

    return parse_check_args(args[1:])


def main() -> None:
    """Console-script entry point: exits with the command's code."""
    was_enabled = gc.isenabled()
    gc.disable()  # no collections while start-up imports (see checkrun.gc_paused)
    try:
        kwargs = _fast_check_kwargs(sys.argv[1:])
        if kwargs is not None:
            from lintnews import checkrun

            checkrun.freeze_startup()  # as lintnews.cli.main: start-up objects are never walked
    finally:
        if was_enabled:
            gc.enable()
    if kwargs is None:
        from lintnews.cli import main as typer_main  # pauses the collector itself

        typer_main()
        return
    sys.exit(checkrun.main_check(kwargs))
