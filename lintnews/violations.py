"""What rules report and what the engine hands to reporters.

A rule yields :class:`Diagnostic` objects (a span, a message, maybe a fix);
the engine stamps them with the rule's identity and resolved severity and
turns offsets into positions, producing :class:`Violation`.  Keeping the two
apart means a rule cannot lie about its code, severity or position.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from lintnews.article import Span

__all__ = ["Diagnostic", "Edit", "FileError", "Fix", "Severity", "Violation"]


class Severity(str, enum.Enum):
    """Ordered severities; ``fail-on`` compares with :meth:`rank`."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:
        return self.value


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the source characters of ``span`` with ``replacement``."""

    span: Span
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits that repair one diagnostic.

    ``safe`` fixes only remove or rewrite text that is itself the defect; an
    unsafe fix may remove words an author wanted, so it runs only with
    ``--unsafe-fixes``.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""

    @classmethod
    def delete(cls, span: Span, *, safe: bool = True, description: str = "") -> Fix:
        return cls((Edit(span, ""),), safe, description)

    @classmethod
    def replace(cls, span: Span, text: str, *, safe: bool = True, description: str = "") -> Fix:
        return cls((Edit(span, text),), safe, description)

    @property
    def span(self) -> Span:
        return Span(min(e.span.start for e in self.edits), max(e.span.end for e in self.edits))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of a rule, in source offsets."""

    span: Span
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """A finding as users see it: identity, severity and 1-based positions."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    plugin: str
    line: int
    column: int
    end_line: int
    end_column: int
    span: Span = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    #: the run allows unsafe fixes (``--unsafe-fixes``); set by the CLI
    unsafe_fixes: bool = field(default=False, compare=False)

    @property
    def fixable(self) -> bool:
        """Would ``--fix`` apply this violation's fix under the run's flags?

        Safe fixes always; unsafe ones only when :attr:`unsafe_fixes` is set
        (ruff's split between applicable and hidden unsafe fixes).
        """
        return self.fix is not None and (self.fix.safe or self.unsafe_fixes)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, object]:
        """The public JSON shape of one violation (a contract: only add keys)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "plugin": self.plugin,
            "fixable": self.fixable,
        }


class _ViolationSlots:
    """:class:`Violation`'s slots and nothing else, for the engine's inner loop.

    The frozen dataclass's ``__init__`` stores each of its 13 fields through
    ``object.__setattr__`` (a generic attribute lookup and call per field);
    ``lintnews.checking`` makes most violations by calling this twin, filling
    it with plain stores and giving it the real class (``v.__class__ =
    Violation``: CPython allows it between classes of the same layout), as
    ``lintnews.readers.build`` makes an article's objects.  The object is then
    the one ``Violation(...)`` makes (tests/test_engine.py compares them).
    """

    __slots__ = Violation.__slots__  # the same slots in the same order: the same layout


@dataclass(frozen=True, slots=True)
class FileError:
    """A problem that stopped part of the checking of one file (or the run)."""

    path: str
    message: str
    detail: str = field(default="", compare=False)
    #: the input itself is (partly) unreadable, e.g. broken front matter; the
    #: Python API raises InputError for these (plugin crashes it does not)
    input_error: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}
