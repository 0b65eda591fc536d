"""Loads plugins and builds the registry of rules, readers and output formats.

Built-in and third-party plugins arrive the same way, through the
``lintnews`` entry-point group (as pytest's own plugins do), so the built-in
rules prove the path every outside plugin takes.  Local plugins (a module or
a ``.py`` file named in the config) load only when listed, like pytest's
``-p``.  Conflicts between plugins are load-time errors naming both, because
flake8 taught everyone how bad silently shadowed codes are.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from lintnews import hookspecs
from lintnews.errors import PluginError
from lintnews.rules import Rule

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "lintnews"

__all__ = ["ENTRY_POINT_GROUP", "PluginRegistry", "discover_entry_points"]


@cache
def discover_entry_points() -> tuple[EntryPoint, ...]:
    """The ``lintnews`` entry points, read from installed metadata once per process.

    The list is cached per environment (see ``lintnews.cache.cached_entry_points``):
    scanning every distribution's metadata is a sixth of a one-article run.
    """
    from lintnews.cache import cached_entry_points

    found: Any = cached_entry_points(ENTRY_POINT_GROUP)
    return tuple(sorted(found, key=lambda ep: ep.name))


class PluginRegistry:
    """The loaded plugins and what they declare, indexed for the engine."""

    def __init__(
        self,
        *,
        local_plugins: Sequence[str] = (),
        base_dir: Path | None = None,
        use_entry_points: bool = True,
        extra_plugins: Iterable[tuple[str, object]] = (),
    ) -> None:
        self.pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
        self.pm.add_hookspecs(hookspecs)
        self.load_errors: list[PluginError] = []
        self.versions: dict[str, str] = {}
        if use_entry_points:
            for ep in discover_entry_points():
                self._register_entry_point(ep)
        for spec in local_plugins:
            self._register_local(spec, base_dir or Path.cwd())
        for name, plugin in extra_plugins:
            self.pm.register(plugin, name=name)
        self.rules: dict[str, Rule] = {}
        self.rules_by_name: dict[str, Rule] = {}
        self._collect_rules()

    # -- loading ---------------------------------------------------------
    def _register_entry_point(self, ep: EntryPoint) -> None:
        if self.pm.get_plugin(ep.name) is not None:
            return
        try:
            plugin = ep.load()
        except (Exception, SystemExit) as exc:  # a broken plugin must not hide the rest
            self.load_errors.append(
                PluginError(
                    f"plugin {ep.name!r} ({ep.value}) failed to import: {type(exc).__name__}: {exc}"
                )
            )
            self.load_errors[-1].__cause__ = exc
            return
        self.pm.register(plugin, name=ep.name)
        dist = getattr(ep, "dist", None)
        if dist is not None:
            self.versions[ep.name] = f"{dist.name}=={dist.version}"

    def _register_local(self, spec: str, base_dir: Path) -> None:
        try:
            module = _import_local(spec, base_dir)
        except PluginError as exc:
            self.load_errors.append(exc)
            return
        name = f"local:{spec}"
        if self.pm.get_plugin(name) is None:
            self.pm.register(module, name=name)
            self.versions[name] = _file_fingerprint(module)

    # -- rules -----------------------------------------------------------
    def _collect_rules(self) -> None:
        owners: dict[str, str] = {}
        for impl in reversed(self.pm.hook.lintnews_rules.get_hookimpls()):
            plugin_name = impl.plugin_name
            try:
                declared = list(impl.function() or ())
            except Exception as exc:
                err = PluginError(
                    f"plugin {plugin_name!r} failed to declare its rules: "
                    f"{type(exc).__name__}: {exc}"
                )
                err.__cause__ = exc
                self.load_errors.append(err)
                continue
            for rule in declared:
                if not isinstance(rule, Rule):
                    self.load_errors.append(
                        PluginError(
                            f"plugin {plugin_name!r} declared {rule!r}, which is not a "
                            "lintnews.Rule"
                        )
                    )
                    continue
                owner = owners.setdefault(rule.prefix, plugin_name)
                if owner != plugin_name:
                    raise PluginError(
                        f"plugins {owner!r} and {plugin_name!r} both claim the rule "
                        f"prefix {rule.prefix} ({rule.code}); uninstall or disable one"
                    )
                if rule.code in self.rules:
                    raise PluginError(f"plugin {plugin_name!r} declares {rule.code} twice")
                if rule.name in self.rules_by_name:
                    other = self.rules_by_name[rule.name]
                    raise PluginError(
                        f"rule name {rule.name!r} is declared by {other.plugin!r} "
                        f"({other.code}) and {plugin_name!r} ({rule.code})"
                    )
                rule = replace(rule, plugin=plugin_name)
                self.rules[rule.code] = rule
                self.rules_by_name[rule.name] = rule
        self.rules = dict(sorted(self.rules.items()))

    def rule(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        return self.rules.get(key.upper()) or self.rules_by_name.get(key.lower())

    # -- readers and formats ---------------------------------------------
    def reader_formats(self) -> dict[str, str]:
        formats: dict[str, str] = {}
        for mapping in reversed(self.pm.hook.lintnews_reader_formats()):
            for ext, fmt in (mapping or {}).items():
                formats[ext.lower()] = fmt
        return formats

    def output_format_refs(self) -> dict[str, Any]:
        """Format name -> reporter class or lazy ``"module:Class"`` reference, by name.

        Nothing is imported: listing the formats (``--format`` validation,
        error messages) must not import every reporter module.
        """
        formats: dict[str, Any] = {}
        for mapping in reversed(self.pm.hook.lintnews_output_formats()):
            formats.update(mapping or {})
        return dict(sorted(formats.items()))

    def reporter(self, name: str) -> Any:
        """The reporter class of the format ``name`` (imported now), or None if unknown.

        Raises :class:`PluginError` when a lazy reference does not resolve.
        """
        ref = self.output_format_refs().get(name)
        return None if ref is None else resolve_reporter(name, ref)

    def output_formats(self) -> dict[str, Any]:
        """Format name -> reporter class, every lazy reference resolved (imports them all)."""
        return {
            name: resolve_reporter(name, ref) for name, ref in self.output_format_refs().items()
        }

    def fingerprint(self) -> str:
        """Identifies the plugin set and versions, for the result cache."""
        return ";".join(f"{k}={v}" for k, v in sorted(self.versions.items()))

    def describe_load_errors(self, verbose: bool = False) -> list[str]:
        lines = []
        for err in self.load_errors:
            lines.append(str(err))
            if verbose and err.__cause__ is not None:
                lines.append("".join(traceback.format_exception(err.__cause__)).rstrip())
        return lines


def resolve_reporter(name: str, ref: Any) -> Any:
    """A reporter class from what ``lintnews_output_formats`` returned for ``name``.

    ``ref`` is the class itself or a ``"package.module:Class"`` string,
    imported only now (see the hook's documentation).
    """
    if not isinstance(ref, str):
        return ref
    module, sep, attr = ref.partition(":")
    if not sep or not module.strip() or not attr.strip():
        raise PluginError(f"output format {name!r}: {ref!r} is not a 'module:Class' reference")
    try:
        obj: Any = importlib.import_module(module.strip())
        for part in attr.strip().split("."):
            obj = getattr(obj, part)
    except Exception as exc:
        raise PluginError(
            f"output format {name!r}: cannot load {ref!r}: {type(exc).__name__}: {exc}"
        ) from exc
    return obj


def _import_local(spec: str, base_dir: Path) -> ModuleType:
    """Import a local plugin given as ``path/to/file.py`` or ``dotted.module``."""
    try:
        if spec.endswith(".py") or "/" in spec or "\\" in spec:
            path = (base_dir / spec).resolve()
            if not path.is_file():
                raise PluginError(f"local plugin {spec!r}: no such file {path}")
            mod_name = f"lintnews_local_{abs(hash(str(path)))}"
            module_spec = importlib.util.spec_from_file_location(mod_name, path)
            if module_spec is None or module_spec.loader is None:
                raise PluginError(f"local plugin {spec!r}: cannot import {path}")
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[mod_name] = module
            module_spec.loader.exec_module(module)
            return module
        if str(base_dir) not in sys.path:
            sys.path.insert(0, str(base_dir))
        return importlib.import_module(spec)
    except PluginError:
        raise
    except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() must not end the run
        err = PluginError(f"local plugin {spec!r} failed to import: {type(exc).__name__}: {exc}")
        err.__cause__ = exc
        raise err from exc


def _file_fingerprint(module: ModuleType) -> str:
    path = getattr(module, "__file__", None)
    if not path:
        return "0"
    try:
        stat = Path(path).stat()
    except OSError:
        return "0"
    return f"{stat.st_size}:{stat.st_mtime_ns}"
