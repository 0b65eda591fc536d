"""How a plugin describes a rule: identity, options, documentation, check.

Modelled on ruff: a rule is a code, a kebab-case name that describes the
pattern, a summary, and a documentation with fixed sections that feeds
``lintnews explain`` and the README.  The check itself is a plain function
``check(article, options)`` yielding :class:`~lintnews.violations.Diagnostic`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lintnews import recache
from lintnews.article import Article
from lintnews.violations import Diagnostic, Severity

__all__ = ["CODE_RE", "ArticleDigest", "FixAvailability", "Option", "Rule", "RunDiagnostic"]

CODE_RE = recache.compile(r"^[A-Z]{2}[0-9]{3}$")
NAME_RE = recache.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

Check = Callable[[Article, Mapping[str, Any]], Iterable[Diagnostic]]


class FixAvailability(str, enum.Enum):
    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES = "sometimes"


@dataclass(frozen=True, slots=True)
class Option:
    """A per-rule setting, configurable in ``[rules.CODE]`` or ``[rules.name]``."""

    default: Any
    doc: str
    type: type | tuple[type, ...] | None = None

    @property
    def expected_type(self) -> tuple[type, ...]:
        if self.type is not None:
            return self.type if isinstance(self.type, tuple) else (self.type,)
        if isinstance(self.default, bool):
            return (bool,)
        if isinstance(self.default, float):
            return (int, float)
        if isinstance(self.default, (list, tuple)):
            return (list,)
        return (type(self.default),)

    def type_name(self) -> str:
        names = {
            bool: "a boolean",
            int: "an integer",
            float: "a number",
            str: "a string",
            list: "a list",
            dict: "a table",
        }
        return " or ".join(names.get(t, t.__name__) for t in self.expected_type)


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    """What a run-level rule kept of one article, computed where it was read."""

    path: str
    data: Any


@dataclass(frozen=True, slots=True)
class RunDiagnostic:
    """A run-level finding for one of the run's files."""

    path: str
    diagnostic: Diagnostic
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


@dataclass(frozen=True)
class Rule:
    """A rule as declared by a plugin through ``lintnews_rules``.

    Article rules set ``check``.  Run-level rules (checks across the articles
    of one run) set ``digest`` (called on each article, in the worker that
    read it, returning something small and picklable) and ``check_run``
    (called once with every digest), so memory grows with the digests, not
    with the articles.
    """

    code: str
    name: str
    summary: str
    explanation: str
    bad_example: str
    good_example: str
    check: Check | None = None
    severity: Severity = Severity.WARNING
    options: Mapping[str, Option] = field(default_factory=dict)
    fix: FixAvailability = FixAvailability.NONE
    fix_safety: str = ""
    enabled_by_default: bool = True
    digest: Callable[[Article, Mapping[str, Any]], Any] | None = None
    check_run: (
        Callable[[Sequence[ArticleDigest], Mapping[str, Any]], Iterable[RunDiagnostic]] | None
    ) = None
    plugin: str = ""

    def __post_init__(self) -> None:
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} is not two capitals and three digits")
        if not NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        if (self.check is None) == (self.check_run is None):
            raise ValueError(f"rule {self.code} must define exactly one of check or check_run")
        if self.check_run is not None and self.digest is None:
            raise ValueError(f"run-level rule {self.code} needs a digest function")
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    @property
    def prefix(self) -> str:
        return self.code[:2]

    @property
    def fixable(self) -> bool:
        return self.fix is not FixAvailability.NONE

    @property
    def is_run_level(self) -> bool:
        return self.check_run is not None

    def default_options(self) -> dict[str, Any]:
        return {name: opt.default for name, opt in self.options.items()}

    def documentation(self) -> str:
        """The rule's full documentation as Markdown (``lintnews explain``)."""
        parts = [f"# {self.code} {self.name}", "", self.summary, "", self.explanation.strip(), ""]
        parts += ["## Example", "", "```text", self.bad_example.strip("\n"), "```", ""]
        parts += ["## Use instead", "", "```text", self.good_example.strip("\n"), "```", ""]
        if self.options:
            parts += ["## Options", ""]
            for name, opt in self.options.items():
                parts.append(f"- `{name}` (default `{opt.default!r}`): {opt.doc}")
            parts.append("")
        parts += ["## Fix", ""]
        if self.fixable:
            parts.append(f"{self.fix.value.capitalize()} fix. {self.fix_safety}".strip())
        else:
            parts.append("No automatic fix.")
        parts += ["", f"Default severity: {self.severity.value}. Plugin: {self.plugin}.", ""]
        return "\n".join(parts)
