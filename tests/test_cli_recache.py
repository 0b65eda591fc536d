"""The CLI's import-time regexes come from the compiled-regex store, and nothing else changes.

``lintnews.cli`` imports typer, and ``loading()`` the core, the plugins and
the reporter, under ``recache.compiles_stored()``: the patterns those modules
compile at import (platform's, locale's, click's, the plugins') are rebuilt
from the store.  They must be the objects ``re.compile`` would have made,
and ``re.compile`` must be itself again afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_PROBE = """
import re, sys
original = re.compile
from lintnews import cli  # sys.argv[1] is "check": typer's patterns from the store
assert re.compile is original, "re.compile not restored after import typer"
with cli.loading():
    import lintnews.engine
    from lintnews.plugins.boilerplate import hints
assert re.compile is original, "re.compile not restored after loading()"
import platform, locale, difflib
pairs = [
    platform._sys_version_parser,
    locale._percent_re,
    hints.__dict__[sys.argv[2]],
]
compiler = getattr(re, "_compiler", None) or __import__("sre_compile")
for pattern in pairs:
    fresh = compiler.compile(pattern.pattern, pattern.flags)  # bypasses re's own cache
    assert pattern == fresh, pattern
print("STORED", sys.modules["lintnews.recache"]._store() is not None)
"""


def _hint_pattern_name() -> str:
    from lintnews.plugins.boilerplate import hints

    return next(
        name for name, value in vars(hints).items() if hasattr(value, "pattern") and name.isupper()
    )


def test_import_time_patterns_equal_re_compile_cold_and_warm(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "user-cache"))
    env.pop("LINTNEWS_NO_REGEX_CACHE", None)
    name = _hint_pattern_name()
    for _ in range(2):  # cold store, then warm
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, "check", name],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert "STORED" in done.stdout
    if sys.version_info >= (3, 11):
        assert "STORED True" in done.stdout
        assert any((tmp_path / "user-cache" / "lintnews").glob("regex-*/*"))
