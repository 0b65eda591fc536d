"""Configuration: where it is found, how it is read, and what it may say.

A project's settings live in ``lintnews.toml``, ``.lintnews.toml`` or the
``[tool.lintnews]`` table of ``pyproject.toml``, found by walking up from the
checked path (a ``pyproject.toml`` without the table is skipped, as ruff
does).  Everything is validated here, with one-line errors that name the file,
the key and what was expected, because a typo in a linter's config that is
silently ignored is a bug report waiting to happen.

What needs the plugin registry (are these rule codes real?  do these options
exist?) cannot be checked here; :class:`lintnews.engine.Engine` does it when
it is built, from the raw strings kept in :class:`Config`.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lintnews.errors import ConfigError
from lintnews.violations import Severity

__all__ = [
    "CONFIG_FILES",
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "DEFAULT_MAX_FILE_SIZE",
    "Config",
    "config_from_mapping",
    "find_config_file",
    "load_config",
    "parse_config",
    "with_overrides",
]

#: names looked for in every directory, in this order
CONFIG_FILES = ("lintnews.toml", ".lintnews.toml", "pyproject.toml")

DEFAULT_INCLUDE = ("**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm")
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".lintnews_cache",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
)
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_RULE_TIMEOUT = 10.0


def _frozen(mapping: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Config:
    """Resolved settings for one run.  Immutable; derive with :func:`with_overrides`.

    Rule selectors (``select``, ``ignore``, the keys of ``severity`` and
    ``rule_options``...) are kept as written; the engine resolves them
    against the loaded plugins and reports unknown ones.
    """

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    severity: Mapping[str, Severity] = field(default_factory=_frozen)
    fail_on: Severity = Severity.WARNING
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=_frozen)
    plugins: tuple[str, ...] = ()
    readers: Mapping[str, str] = field(default_factory=_frozen)
    encoding: Mapping[str, str] = field(default_factory=_frozen)
    language: str = "en"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    report_unused_suppressions: bool = False
    #: seconds one rule may take on one article before it is reported as an error
    rule_timeout: float = DEFAULT_RULE_TIMEOUT
    # -- additions to the contract ------------------------------------------
    extend_include: tuple[str, ...] = ()
    #: apply exclude/.gitignore even to files named explicitly (ruff's --force-exclude)
    force_exclude: bool = False
    #: fields set from the command line (their errors are usage errors, not config errors)
    cli_fields: frozenset[str] = frozenset()

    @property
    def source_name(self) -> str:
        """How error messages name where the settings came from."""
        return _display(self.path) if self.path else "configuration"

    def key_label(self, key: str) -> str:
        """``tool.lintnews.<key>`` inside a pyproject.toml, ``<key>`` elsewhere."""
        if self.path is not None and self.path.name == "pyproject.toml":
            return f"tool.lintnews.{key}"
        return key

    def fingerprint(self) -> str:
        """A stable digest of every setting that can change results (cache keys)."""
        data = {}
        for f in dataclasses.fields(self):
            if f.name in ("path", "cli_fields"):
                continue
            data[f.name] = getattr(self, f.name)
        import hashlib  # here: only cache keys need it, and it loads OpenSSL
        import json  # here: a --no-cache run never fingerprints

        blob = json.dumps(data, sort_keys=True, default=_json_default)

        return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _json_default(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (Path, Severity)):
        return str(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def _display(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


# -- discovery -----------------------------------------------------------------


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "lintnews" not in text:  # cheap test before a full parse
        return False
    data = _parse_toml(pyproject, text)
    tool = data.get("tool")
    return isinstance(tool, dict) and "lintnews" in tool


def find_config_file(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or a directory).

    In each directory ``lintnews.toml`` wins over ``.lintnews.toml``, which
    wins over ``pyproject.toml``; a ``pyproject.toml`` without a
    ``[tool.lintnews]`` table does not count and the walk goes on upwards.
    """
    start = Path(start)
    try:
        here = start.resolve()
    except OSError:
        here = start.absolute()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
    return None


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Settings for checking ``start`` (default: the working directory).

    ``explicit`` (``--config FILE``) overrides discovery.  With no file, the
    defaults apply and ``root`` is the starting directory.  Raises
    :class:`~lintnews.errors.ConfigError`.
    """
    if explicit is not None:
        explicit = Path(explicit)
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return parse_config(explicit)
    start = Path(start) if start is not None else Path.cwd()
    found = find_config_file(start)
    if found is None:
        base = start.absolute()
        if not base.is_dir():
            base = base.parent
        return Config(root=base)
    return parse_config(found)


# -- parsing and validation ----------------------------------------------------

#: compiled on the error path only (re.match caches it), not at every start-up
_TOML_POS = r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)\s*$"


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    # imported here, not at start-up: a run without a config file (most
    # one-article runs: an editor, a CMS) never parses TOML, and tomllib
    # brings string.Template and compiles three regexes (~2 ms)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "invalid TOML"
        if message.endswith("(at end of document)"):
            last = text.rstrip("\n").rsplit("\n", 1)[-1]
            line = text.rstrip("\n").count("\n") + 1
            message = f"{message[: -len('(at end of document)')].rstrip()} at end of document"
            message += f" (at line {line}, column {len(last) + 1})"
        m = re.match(_TOML_POS, message)
        if m:
            where = f"{_display(path)}:{m['line']}:{m['col']}"
            raise ConfigError(f"{where}: invalid TOML: {m['msg']}") from None
        raise ConfigError(f"{_display(path)}: invalid TOML: {message}") from None


def parse_config(path: Path) -> Config:
    """Read and validate one config file (``pyproject.toml``: its tool table)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{_display(path)}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{_display(path)}: not UTF-8 (byte {exc.start})") from None
    data = _parse_toml(path, text)
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "lintnews" not in tool:
            raise ConfigError(f"{_display(path)}: no [tool.lintnews] table")
        data = tool["lintnews"]
        prefix = "tool.lintnews."
        if not isinstance(data, dict):
            raise ConfigError(f"{_display(path)}: key 'tool.lintnews': expected a table")
    return _build(data, path, prefix)


class _Checker:
    """Type checks that raise errors naming the file and the key."""

    def __init__(self, path: Path | None, prefix: str, where: str | None = None) -> None:
        self.where = where or (_display(path) if path else "configuration")
        self.prefix = prefix

    def fail(self, key: str, expected: str, got: Any = dataclasses.MISSING) -> ConfigError:
        tail = "" if got is dataclasses.MISSING else f", got {show_value(got)}"
        return ConfigError(f"{self.where}: key '{self.prefix}{key}': expected {expected}{tail}")

    def str_list(self, key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, list):
            raise self.fail(key, "a list of strings", value)
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(key, "a list of non-empty strings", item)
        return tuple(item.strip() for item in value)

    def glob(self, key: str, pattern: str) -> str:
        """``pattern`` if it compiles as a gitignore-style glob (discovery's syntax)."""
        import pathspec

        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (ValueError, re.error) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else "invalid"
            raise self.fail(key, f"a glob (gitignore syntax), got {pattern!r} ({detail})") from None
        return pattern

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "true or false", value)
        return value

    def table(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "a table", value)
        return value

    def severity(self, key: str, value: Any) -> Severity:
        if isinstance(value, str):
            try:
                return Severity(value.lower())
            except ValueError:
                pass
        raise self.fail(key, "one of error, warning, info", value)


def show_value(value: Any) -> str:
    """A config value as error messages name it (TOML words for booleans and tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "include",
    "extend-include",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "force-exclude",
    "severity",
    "fail-on",
    "rules",
    "plugins",
    "readers",
    "encoding",
    "language",
    "max-file-size",
    "report-unused-suppressions",
    "rule-timeout",
)


_LIST_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "include",
    "extend-include",
    "exclude",
    "extend-exclude",
    "plugins",
)


_GLOB_KEYS = ("include", "extend-include", "exclude", "extend-exclude")


def _build(
    data: dict[str, Any], path: Path | None, prefix: str = "", where: str | None = None
) -> Config:
    c = _Checker(path, prefix, where)
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            hint = ""
            if key.replace("_", "-") in _KEYS:
                hint = f" (did you mean '{key.replace('_', '-')}'?)"
            raise ConfigError(f"{c.where}: unknown key '{prefix}{key}'{hint}")
        attr = key.replace("-", "_")
        if key in _LIST_KEYS:
            changes[attr] = c.str_list(key, value)
            if key in _GLOB_KEYS:
                for pattern in changes[attr]:
                    c.glob(key, pattern)
        elif key in ("respect-gitignore", "force-exclude", "report-unused-suppressions"):
            changes[attr] = c.boolean(key, value)
        elif key == "fail-on":
            changes[attr] = c.severity(key, value)
        elif key == "per-file-ignores":
            table = c.table(key, value)
            for glob in table:
                c.glob(f"{key}.{glob}", glob)
            changes[attr] = _frozen(
                {glob: c.str_list(f"{key}.{glob}", codes) for glob, codes in table.items()}
            )
        elif key == "severity":
            table = c.table(key, value)
            changes[attr] = _frozen(
                {sel: c.severity(f"{key}.{sel}", sev) for sel, sev in table.items()}
            )
        elif key == "rules":
            table = c.table(key, value)
            rules = {}
            for sel, opts in table.items():
                rules[sel] = _frozen(c.table(f"rules.{sel}", opts))
            changes["rule_options"] = _frozen(rules)
        elif key == "readers":
            table = c.table(key, value)
            for glob, fmt in table.items():
                c.glob(f"{key}.{glob}", glob)
                if not isinstance(fmt, str) or not fmt:
                    raise c.fail(f"{key}.{glob}", "a format name such as 'markdown'", fmt)
            changes[attr] = _frozen(table)
        elif key == "encoding":
            table = c.table(key, value)
            for glob, enc in table.items():
                c.glob(f"{key}.{glob}", glob)
                if not isinstance(enc, str) or not _is_codec(enc):
                    raise c.fail(f"{key}.{glob}", "a Python codec name such as 'latin-1'", enc)
            changes[attr] = _frozen(table)
        elif key == "language":
            if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}([-_]\w+)?", value):
                raise c.fail(key, "a language code such as 'en'", value)
            changes[attr] = value
        elif key == "max-file-size":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise c.fail(key, "a positive number of bytes", value)
            changes[attr] = value
        elif key == "rule-timeout":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise c.fail(key, "a positive number of seconds", value)
            changes[attr] = float(value)
    root = path.parent.absolute() if path is not None else Path.cwd()
    return Config(path=path.absolute() if path else None, root=root, **changes)


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def config_from_mapping(
    data: Mapping[str, Any], *, root: Path | None = None, name: str = "configuration"
) -> Config:
    """Build a config from a dict shaped like the TOML file (the Python API's way).

    Validated exactly like a file; errors name ``name``.
    """
    config = _build(dict(data), None, where=name)
    return dataclasses.replace(config, root=Path(root).absolute() if root else Path.cwd())


_OVERRIDABLE = {f.name for f in dataclasses.fields(Config)} - {"path", "cli_fields"}


def with_overrides(config: Config, **changes: Any) -> Config:
    """``config`` with command-line settings applied (``select=("PW",)``...).

    ``None`` values are ignored, so the CLI can pass every option through.
    Strings are accepted for ``fail_on``; lists become tuples.  Fields set
    here are remembered in ``cli_fields`` so that an unknown rule code in
    ``--select`` is reported as a usage error rather than a config error.
    """
    applied: dict[str, Any] = {}
    for key, value in changes.items():
        if value is None:
            continue
        if key not in _OVERRIDABLE:
            raise TypeError(f"with_overrides: unknown setting {key!r}")
        if key in ("fail_on",) and isinstance(value, str):
            value = Severity.parse(value)
        elif key == "severity":
            value = _frozen(
                {k: Severity.parse(v) if isinstance(v, str) else v for k, v in value.items()}
            )
        elif key == "per_file_ignores":
            value = _frozen({glob: tuple(codes) for glob, codes in value.items()})
        elif isinstance(value, (list, set, frozenset)):
            value = tuple(value)
        elif isinstance(value, dict):
            value = _frozen(value)
        applied[key] = value
    if not applied:
        return config
    return dataclasses.replace(config, **applied, cli_fields=config.cli_fields | frozenset(applied))
