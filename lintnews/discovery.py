"""Which files a run checks: walk the given paths, apply include/exclude globs.

Globs use gitignore syntax (``pathspec``), matched against the path relative
to the config root: ``*.md`` matches at any depth, ``archive/**`` only below
``<root>/archive``, a bare name (``node_modules``) any file or directory of
that name.  ``.gitignore`` files of the walked directories (and of their
parents up to the repository root) are honoured unless
``respect-gitignore = false``.

As in ruff, a file named explicitly on the command line is checked even when
excluded or git-ignored, unless ``force-exclude`` is set; directories are
walked with loop detection, so symlink cycles end and broken links are
skipped.  Paths are reported as given, joined with the relative path below
a given directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintnews import recache
from lintnews.config import DEFAULT_INCLUDE, Config
from lintnews.violations import FileError

if TYPE_CHECKING:
    import pathspec

__all__ = ["GlobSet", "discover_files", "relative_to_root"]


def _gitignore_spec(lines: Iterable[str]) -> pathspec.PathSpec:
    """``lines`` compiled with gitignore semantics.

    pathspec is imported here, not at module level: importing it (with its
    optional backends and typing_extensions) costs about a tenth of a
    one-article run, which names its file and never matches a glob.
    """
    import pathspec

    # GitIgnoreSpec: gitignore semantics, and no deprecated pattern-factory name
    return pathspec.GitIgnoreSpec.from_lines(lines)


#: the one named group pathspec's gitignore regexes use (the directory marker)
_DIR_MARK_GROUP = "(?P<ps_d>"


def _one_regex(spec: pathspec.PathSpec) -> re.Pattern[str] | None:
    """``spec`` as one regex, when "any pattern matches" is exactly its answer.

    That holds when no pattern is a negation (``!keep.txt``): gitignore's
    last-match-wins and directory-marker rules only matter for those.  Each
    pattern's only named group (the directory marker) becomes a plain group,
    since one regex cannot define a name twice.  None: use pathspec itself.
    """
    parts = []
    for pattern in spec.patterns:
        include = getattr(pattern, "include", None)
        if include is None:  # blank line or comment
            continue
        regex = getattr(pattern, "regex", None)
        if include is not True or regex is None or not isinstance(regex.pattern, str):
            return None
        text = regex.pattern.replace(_DIR_MARK_GROUP, "(?:")
        if "(?P" in text or regex.flags & ~re.UNICODE:
            return None
        parts.append(text)
    if not parts:
        return None
    try:
        return recache.compile(_alternation(parts))
    except re.error:
        return None


def _alternation(parts: list[str]) -> str:
    """One regex matching where any of ``parts`` matches, their shared ends written once.

    pathspec's regexes all start ``^(?:.+/)?`` and end ``(?:(?:/)|$)``; joined
    as ``(?:p1)|(?:p2)|...`` a failing search (most exclude tests) backtracks
    ``.+`` over the whole path once per pattern.  The atoms every part starts
    (ends) with are taken out of the alternation: ``P(?:m1|m2)S`` matches
    exactly where ``Pm1S|Pm2S`` does, since concatenation distributes over
    alternation.  Only parts :func:`_atoms` can split are factored; anything
    else is joined as before.
    """
    split = [_atoms(part) for part in parts]
    if len(parts) < 2 or any(atoms is None for atoms in split):
        return "|".join(f"(?:{part})" for part in parts)
    lists: list[list[str]] = split  # type: ignore[assignment]
    shortest = min(len(atoms) for atoms in lists)
    head = 0
    while head < shortest and all(atoms[head] == lists[0][head] for atoms in lists):
        head += 1
    tail = 0
    while tail < shortest - head and all(
        atoms[-1 - tail] == lists[0][-1 - tail] for atoms in lists
    ):
        tail += 1
    prefix = "".join(lists[0][:head])
    suffix = "".join(lists[0][len(lists[0]) - tail :])
    middles = "|".join("".join(atoms[head : len(atoms) - tail]) for atoms in lists)
    return f"{prefix}(?:{middles}){suffix}"


#: escapes that are one atom of two characters (any other letter or digit may
#: start a longer escape or a back-reference: such a regex is not split)
_SHORT_ESCAPES = frozenset("dDsSwW")


def _atoms(text: str) -> list[str] | None:
    """``text`` as its top-level atoms, each with its quantifier; None if unsure.

    An atom is a character, an escape of a non-alphanumeric character or of
    one of :data:`_SHORT_ESCAPES`, a character class or a ``(...)``/``(?:...)``
    group, followed by ``*``, ``+`` or ``?`` and an optional lazy ``?``.
    None for a top-level ``|``, any ``{`` (a counted repeat, or a literal),
    other group kinds (lookarounds, flags, atomic groups, conditionals),
    possessive repeats, longer escapes and back-references: the
    concatenation argument of :func:`_alternation` holds for the rest.
    """
    atoms: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            if i + 1 >= n or (text[i + 1].isalnum() and text[i + 1] not in _SHORT_ESCAPES):
                return None
            end = i + 2
        elif c == "[":
            end = _class_end(text, i)
        elif c == "(":
            end = _group_end(text, i)
        elif c in "|){}*+?":
            return None
        else:
            end = i + 1
        if end < 0:
            return None
        if end < n and text[end] in "*+?":
            end += 1
            if end < n and text[end] == "?":
                end += 1
            if end < n and text[end] in "*+{":
                return None  # possessive, or a repeat of a repeat
        atoms.append(text[i:end])
        i = end
    return atoms


def _class_end(text: str, start: int) -> int:
    """Index after the character class opening at ``start``; -1 if unsure."""
    i = start + 1
    if i < len(text) and text[i] == "^":
        i += 1
    if i < len(text) and text[i] == "]":
        i += 1  # a leading "]" is a member
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
        elif c == "[":
            return -1  # a nested "[" (set operations to come in re): not split
        elif c == "]":
            return i + 1
        else:
            i += 1
    return -1


def _group_end(text: str, start: int) -> int:
    """Index after the plain or ``(?:`` group opening at ``start``; -1 if unsure."""
    if text.startswith("(?", start) and not text.startswith("(?:", start):
        return -1
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            if i + 1 >= len(text) or (text[i + 1].isalnum() and text[i + 1] not in _SHORT_ESCAPES):
                return -1
            i += 2
            continue
        if c == "[":
            i = _class_end(text, i)
            if i < 0:
                return -1
            continue
        if c == "{":
            return -1
        if c == "(":
            if text.startswith("(?", i) and not text.startswith("(?:", i):
                return -1
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif c in "*+?" and i + 1 < len(text) and text[i + 1] in "*+":
            return -1  # possessive (or invalid)
        i += 1
    return -1


class GlobSet:
    """A list of gitignore-style globs, compiled on first use.

    The engine builds include/exclude sets for every run, but a run given
    only file paths never matches them; compiling lazily keeps pathspec out
    of that path.  (Config loading already checked that each glob compiles.)
    Globs without negations are matched as one combined regex: a directory
    walk matches every entry against the include and exclude sets, and
    pathspec's per-pattern loop was most of a cached re-run's walk.
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        self._compiled: Any = None
        self._search: Any = _UNSET  # the combined regex's search, or None: see _combined

    @property
    def _spec(self) -> pathspec.PathSpec:
        if self._compiled is None:
            self._compiled = _gitignore_spec(self.patterns)
        return self._compiled

    def _combined(self) -> Callable[[str], object] | None:
        """The combined regex's search, or None when pathspec must match (negations).

        Its text is pathspec's translation of the globs, which costs the
        import of pathspec (~40M instructions) and a regex compile per glob;
        it is kept between runs (``recache.derived_pattern``), keyed by the
        globs and by pathspec's files (:func:`_pathspec_stamp`), and the
        regex itself comes from the compiled-regex store.  So a warm run with
        the default globs does not import pathspec at all.
        """
        search = self._search
        if search is _UNSET:
            stamp = _pathspec_stamp()
            if stamp is None:
                text = self._combined_text()
            else:
                key = ("glob-regex", stamp, *self.patterns)
                text = recache.derived_pattern(key, self._combined_text)
            search = self._search = None if text is None else recache.compile(text).search
        return search  # type: ignore[no-any-return]

    def _combined_text(self) -> str | None:
        combined = _one_regex(self._spec)
        return None if combined is None else combined.pattern

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def direct_search(self) -> Callable[[str], object] | None:
        """A function answering :meth:`match` for a path that needs no normalisation.

        Its result is not None exactly when ``match(path)`` is true, for a
        ``path`` that holds no alternative separator and starts with neither
        ``/`` nor ``./`` (every path a directory walk builds: see
        :func:`_walk`); a directory's ``is_dir`` test is a second call on
        ``path + "/"``.  None when only :meth:`match` can answer (a glob set
        with negations, which pathspec matches pattern by pattern, or a
        platform with another separator).  The walk calls it for every entry,
        where :meth:`match`'s method call and normalisation cost more than
        the search itself.
        """
        if not self.patterns:
            return _no_match
        if _ALT_SEPS:
            return None
        return self._combined()

    def match(self, rel: str, *, is_dir: bool = False) -> bool:
        if not self.patterns:
            return False
        search = self._combined()
        if search is None:
            spec = self._spec
            if spec.match_file(rel):
                return True
            return is_dir and spec.match_file(rel + "/")
        # pathspec's normalisation of the path (util.normalize_file)
        if _ALT_SEPS:
            for sep in _ALT_SEPS:
                rel = rel.replace(sep, "/")
        if rel.startswith("/"):
            rel = rel[1:]
        elif rel.startswith("./"):
            rel = rel[2:]
        if search(rel) is not None:
            return True
        return is_dir and search(rel + "/") is not None


#: separators pathspec turns into "/" before matching
_ALT_SEPS = [sep for sep in (os.sep, os.altsep) if sep and sep != "/"]


#: GlobSet._search before its first use
_UNSET: Any = object()

_stamp: Any = _UNSET  # _pathspec_stamp's answer, once found


def _pathspec_stamp() -> str | None:
    """What identifies the installed pathspec, found without importing it.

    Its location, the size and mtime of its ``__init__.py`` and the inode and
    mtime of its package directory: installing another version replaces
    them (the rule lintnews's other between-run stores follow for installed
    code: see ``lintnews.cache``).  None when pathspec cannot be located
    this way; the combined regex is then made afresh.
    """
    global _stamp
    if _stamp is _UNSET:
        _stamp = None
        import importlib.util

        try:
            spec = importlib.util.find_spec("pathspec")
            if spec is not None and spec.origin and spec.submodule_search_locations:
                package = next(iter(spec.submodule_search_locations))
                init, folder = os.stat(spec.origin), os.stat(package)
                _stamp = (
                    f"{spec.origin}:{init.st_size}:{init.st_mtime_ns}:"
                    f"{folder.st_ino}:{folder.st_mtime_ns}"
                )
        except (ImportError, ValueError, OSError, IndexError, TypeError):
            pass
    return _stamp  # type: ignore[no-any-return]


def _no_match(path: str) -> None:
    """:meth:`GlobSet.direct_search` of an empty glob set: nothing matches."""
    return None


def relative_to_root(path: str, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form, or as given if outside it."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        rel = ".."
    if rel == ".." or rel.startswith(".." + os.sep):
        rel = os.path.normpath(path)
    return Path(rel).as_posix()


@dataclass
class _Ignores:
    """The .gitignore specs in force for one directory, with their base dirs."""

    specs: tuple[tuple[str, pathspec.PathSpec], ...] = ()

    def with_dir(self, directory: str) -> _Ignores:
        spec = _read_gitignore(os.path.join(directory, ".gitignore"))
        if spec is None:
            return self
        return _Ignores((*self.specs, (directory, spec)))

    def ignored(self, path: str, is_dir: bool) -> bool:
        for base, spec in self.specs:
            rel = os.path.relpath(path, base).replace(os.sep, "/")
            if rel.startswith(".."):
                continue
            if spec.match_file(rel) or (is_dir and spec.match_file(rel + "/")):
                return True
        return False


def _read_gitignore(path: str) -> pathspec.PathSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    return _gitignore_spec(lines)


def _parent_ignores(directory: str) -> _Ignores:
    """.gitignore files above ``directory``, up to the enclosing git repository's root."""
    chain = []
    current = os.path.abspath(directory)
    while True:
        parent = os.path.dirname(current)
        if os.path.exists(os.path.join(current, ".git")) or parent == current:
            break
        chain.append(parent)
        current = parent
    if not os.path.exists(os.path.join(current, ".git")):
        return _Ignores()  # not in a repository: only the walked tree's own files count
    ignores = _Ignores()
    for d in reversed(chain):
        ignores = ignores.with_dir(d)
    return ignores


def _join(given: str, rel: str) -> str:
    if given in (".", "./"):
        return rel
    return os.path.join(given, rel)


def discover_files(
    paths: Sequence[str], config: Config, extensions: Iterable[str] = ()
) -> tuple[list[str], list[FileError]]:
    """Files to check for ``paths`` (as display paths) and errors for bad paths.

    ``extensions`` (``".news"``) are the reader plugins' extensions, added to
    the default include globs (not to an ``include`` the config sets).
    ``"-"`` (stdin) is passed through untouched.
    """
    # Reader plugins' extensions belong to the default include; a project that
    # sets ``include`` says exactly what it wants (``extend-include`` adds).
    plugin_globs = (
        tuple(f"**/*{ext}" for ext in extensions if ext.startswith("."))
        if config.include == DEFAULT_INCLUDE
        else ()
    )
    include = GlobSet((*config.include, *config.extend_include, *plugin_globs))
    exclude = GlobSet((*config.exclude, *config.extend_exclude))
    root = config.root.absolute()
    files: list[str] = []
    errors: list[FileError] = []
    seen: set[str] = set()

    cwd = os.getcwd()

    def add(display: str) -> None:
        key = os.path.normpath(os.path.join(cwd, display))  # abspath, one getcwd per run
        if key not in seen:
            seen.add(key)
            files.append(display)

    for given in paths:
        if given == "-":
            add("-")
            continue
        if not os.path.exists(given):
            what = "broken symbolic link" if os.path.islink(given) else "no such file or directory"
            errors.append(FileError(given, f"{what}: {given}"))
            continue
        if os.path.isdir(given):
            walked = _walk(given, root, include, exclude, config.respect_gitignore)
            if len(paths) == 1:
                # one walk names each file once (distinct relative paths below
                # ``given``, none "." or ".."), so none is a duplicate to drop
                files.extend(walked)
                continue
            for display in walked:
                add(display)
            continue
        if config.force_exclude and _excluded_file(given, root, exclude, config):
            continue
        add(given)
    return sorted(files), errors


def _excluded_file(path: str, root: Path, exclude: GlobSet, config: Config) -> bool:
    rel = relative_to_root(path, root)
    parts = rel.split("/")
    for i in range(1, len(parts) + 1):
        if exclude.match("/".join(parts[:i]), is_dir=i < len(parts)):
            return True
    if config.respect_gitignore:
        directory = os.path.dirname(os.path.abspath(path))
        ignores = _parent_ignores(directory).with_dir(directory)
        if ignores.ignored(os.path.abspath(path), False):
            return True
    return False


_by_name = attrgetter("name")


def _walk(
    given: str, root: Path, include: GlobSet, exclude: GlobSet, gitignore: bool
) -> Iterable[str]:
    """Files below ``given`` matching include and not excluded; no symlink loops."""
    base = os.path.abspath(given)
    inside_root = base == str(root) or base.startswith(str(root) + os.sep)
    visited: set[tuple[int, int]] = set()
    ignores = _parent_ignores(base) if gitignore else _Ignores()

    # Paths relative to the root (or to ``given`` outside it), built by
    # appending names: one relpath for the walk instead of one per entry.
    anchor = str(root) if inside_root else base
    base_rel = os.path.relpath(base, anchor).replace(os.sep, "/")
    stack: list[tuple[str, str, _Ignores]] = [(base, "", ignores)]
    # Where both glob sets have a direct search, entries are tested without
    # GlobSet.match calls and files are named without _join's os.path.join:
    # _join(given, below) is ``display_base + below`` (``below`` is relative,
    # never empty, and ``given`` is not empty: it exists).
    exclude_search = exclude.direct_search()
    include_search = include.direct_search()
    fast = exclude_search is not None and include_search is not None
    display_base = "" if given in (".", "./") else given if given.endswith("/") else f"{given}/"
    while stack:
        directory, rel_below, ign = stack.pop()
        if base_rel == ".":
            dir_prefix = f"{rel_below}/" if rel_below else ""
        else:
            dir_prefix = f"{base_rel}/{rel_below}/" if rel_below else f"{base_rel}/"
        try:
            st = os.stat(directory)
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:  # a symlink loop or a second link to the same tree
            continue
        visited.add(key)
        if gitignore:
            ign = ign.with_dir(directory)
        try:
            entries = sorted(os.scandir(directory), key=_by_name)
        except OSError:
            continue
        check_ignores = gitignore and bool(ign.specs)
        if fast:
            # the same tests as below, on the combined searches directly (see
            # GlobSet.direct_search): ``rel`` is already what match() would search
            shown = f"{display_base}{rel_below}/" if rel_below else display_base
            for entry in entries:
                name = entry.name
                try:
                    is_dir = entry.is_dir()  # follows symlinks; False for broken ones
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    continue
                if not is_dir and not is_file:
                    continue  # broken symlink, socket, fifo...
                rel = dir_prefix + name
                if exclude_search(rel) is not None:
                    continue
                if dir_prefix and exclude_search(name) is not None:
                    continue  # (no prefix: the name is ``rel``, searched above)
                if is_dir:
                    if exclude_search(rel + "/") is not None:
                        continue
                    if dir_prefix and exclude_search(name + "/") is not None:
                        continue
                if check_ignores and ign.ignored(entry.path, is_dir):
                    continue
                if is_dir:
                    stack.append((entry.path, f"{rel_below}/{name}" if rel_below else name, ign))
                elif include_search(rel) is not None:
                    yield shown + name
            continue
        for entry in entries:
            name = entry.name
            below = f"{rel_below}/{name}" if rel_below else name
            try:
                is_dir = entry.is_dir()  # follows symlinks; False for broken ones
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if not is_dir and not is_file:
                continue  # broken symlink, socket, fifo...
            rel = dir_prefix + name
            if exclude.match(rel, is_dir=is_dir) or exclude.match(name, is_dir=is_dir):
                continue
            if check_ignores and ign.ignored(entry.path, is_dir):
                continue
            if is_dir:
                stack.append((entry.path, below, ign))
            elif include.match(rel):
                yield _join(given, below)
