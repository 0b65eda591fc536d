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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        parts.append(f"(?:{text})")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


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
        self._search: Any = None  # the combined regex's search, or None

    @property
    def _spec(self) -> pathspec.PathSpec:
        if self._compiled is None:
            self._compiled = _gitignore_spec(self.patterns)
            combined = _one_regex(self._compiled)
            self._search = combined.search if combined is not None else None
        return self._compiled

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, rel: str, *, is_dir: bool = False) -> bool:
        if not self.patterns:
            return False
        spec = self._spec
        search = self._search
        if search is None:
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
            for display in _walk(given, root, include, exclude, config.respect_gitignore):
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
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        check_ignores = gitignore and bool(ign.specs)
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
