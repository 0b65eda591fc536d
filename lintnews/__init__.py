"""lintnews: a plugin-based content-quality linter for news articles.

Python API (everything is imported lazily, so ``import lintnews`` costs
almost nothing; a pre-commit hook or a CMS pays only for what it uses)::

    import lintnews

    for v in lintnews.lint_text(body, filename="story.md"):
        print(v.line, v.column, v.code, v.message)

    result = lintnews.lint_paths(["articles/"])
    print(result.counts_by_severity(), lintnews.exit_code(result, "warning"))

Also exported: ``Article``, ``Violation``, ``Rule``, ``Option``,
``Diagnostic``, ``Fix``, ``Severity``, ``hookimpl`` (for plugin authors),
``Config``, ``load_config``, ``Engine``, ``RunResult``, ``exit_code``.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

TYPE_CHECKING = False  # typing itself is not imported at run time: it costs milliseconds
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from lintnews.article import Article
    from lintnews.config import Config, load_config
    from lintnews.engine import Engine, RunResult, exit_code
    from lintnews.hookspecs import hookimpl
    from lintnews.rules import Option, Rule
    from lintnews.violations import Diagnostic, Fix, Severity, Violation

_LAZY = {
    "Article": "lintnews.article",
    "Violation": "lintnews.violations",
    "Diagnostic": "lintnews.violations",
    "Fix": "lintnews.violations",
    "Severity": "lintnews.violations",
    "Rule": "lintnews.rules",
    "Option": "lintnews.rules",
    "hookimpl": "lintnews.hookspecs",
    "Config": "lintnews.config",
    "load_config": "lintnews.config",
    "Engine": "lintnews.engine",
    "RunResult": "lintnews.engine",
    "exit_code": "lintnews.engine",
}

__all__ = [
    "Article",
    "Config",
    "Diagnostic",
    "Engine",
    "Fix",
    "Option",
    "Rule",
    "RunResult",
    "Severity",
    "Violation",
    "__version__",
    "exit_code",
    "hookimpl",
    "lint_paths",
    "lint_text",
    "load_config",
]

#: engines kept for repeated lint_text calls (building one loads the plugins)
_ENGINES: dict[str, Any] = {}
_MAX_ENGINES = 8


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lintnews' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def _engine(config: Config) -> Engine:
    from lintnews.engine import Engine

    key = f"{config.root}|{config.plugins}|{config.fingerprint()}"
    engine = _ENGINES.get(key)
    if engine is None:
        if len(_ENGINES) >= _MAX_ENGINES:
            _ENGINES.pop(next(iter(_ENGINES)))
        engine = _ENGINES[key] = Engine(config)
    return engine


def lint_text(
    text: str, *, filename: str = "article.txt", config: Config | None = None
) -> list[Violation]:
    """Check one article given as text; return its violations, sorted by position.

    ``filename`` picks the reader by extension (``.md`` Markdown, ``.html``
    HTML, anything else plain text) and is the path in the violations and for
    ``per-file-ignores``.  ``config`` defaults to the built-in defaults, not
    to a file found from the working directory, so a CMS gets the same
    answer wherever it runs; pass ``lintnews.load_config(path)`` to use a
    project's settings.  Engines are reused across calls with the same config.

    Raises :class:`lintnews.errors.InputError` when the text cannot be read
    at all (broken front matter...), :class:`lintnews.errors.ConfigError` or
    :class:`lintnews.errors.UsageError` for a bad config.  A crashing rule or
    plugin does not raise; use ``Engine(config).lint_text()`` to see those
    errors in ``RunResult.all_errors()``.
    """
    from lintnews.config import Config
    from lintnews.errors import InputError

    engine = _engine(config if config is not None else Config())
    result = engine.lint_text(text, filename=filename)
    for file in result.files:
        if not file.checked and file.errors:
            raise InputError(f"{file.path}: {file.errors[0].message}")
        unreadable = [e for e in file.errors if e.input_error]
        if unreadable:  # broken front matter: the body was checked, but say so
            raise InputError(f"{file.path}: {unreadable[0].message}")
    return result.violations()


def lint_paths(paths: Sequence[str] | str, *, config: Config | None = None) -> RunResult:
    """Check files and directories as the command line does; return a ``RunResult``.

    ``config`` defaults to the configuration found by walking up from the
    first path (``lintnews.toml``, ``.lintnews.toml``, ``[tool.lintnews]``).
    Missing paths, unreadable files and plugin failures are in
    ``result.all_errors()``; ``lintnews.exit_code(result, config.fail_on)``
    gives the CLI's exit status.
    """
    from pathlib import Path

    from lintnews.config import load_config

    if isinstance(paths, str):
        paths = [paths]
    if config is None:
        first = next((p for p in paths if p != "-"), None)
        config = load_config(Path(first) if first else None)
    return _engine(config).lint_paths(list(paths))
