"""File discovery on real trees: globs, excludes, .gitignore, symlinks, display paths."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

from lintnews.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, Config
from lintnews.discovery import GlobSet, discover_files


def tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Headline\n\nBody.\n")


def found(root: Path, paths: list[str] | None = None, **settings: Any) -> list[str]:
    config = dataclasses.replace(Config(root=root), **settings)
    files, errors = discover_files(paths or [str(root)], config, (".txt", ".md"))
    assert errors == []
    return [os.path.relpath(f, root) for f in files]


def test_default_include_and_exclude(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "a.txt",
        "b.md",
        "c.markdown",
        "d.html",
        "e.htm",
        "f.py",
        "image.png",
        "sub/g.md",
        ".git/x.md",
        "node_modules/pkg/readme.md",
        ".venv/lib/y.txt",
        ".lintnews_cache/z.txt",
    )
    assert found(tmp_path) == ["a.txt", "b.md", "c.markdown", "d.html", "e.htm", "sub/g.md"]


def test_reader_extensions_extend_include(tmp_path: Path) -> None:
    tree(tmp_path, "a.news", "b.txt")
    config = Config(root=tmp_path)
    files, _ = discover_files([str(tmp_path)], config, (".news",))
    assert [Path(f).name for f in files] == ["a.news", "b.txt"]


def test_include_exclude_globs_relative_to_root(tmp_path: Path) -> None:
    tree(tmp_path, "news/a.md", "news/drafts/b.md", "archive/c.md", "archive/2001/d.md", "e.md")
    assert found(tmp_path, include=("news/**/*.md",)) == ["news/a.md", "news/drafts/b.md"]
    assert found(tmp_path, extend_exclude=("drafts", "archive/2001/")) == [
        "archive/c.md",
        "e.md",
        "news/a.md",
    ]
    # exclude globs still match when only a subdirectory is walked
    assert found(tmp_path, [str(tmp_path / "news")], exclude=("news/drafts",)) == ["news/a.md"]


def test_gitignore_respected_and_optional(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(tmp_path, "keep.md", "build/out.md", "notes/secret.md", "notes/public.md", "x.tmp.md")
    (tmp_path / ".gitignore").write_text("build/\n*.tmp.md\n")
    (tmp_path / "notes" / ".gitignore").write_text("secret.md\n")
    assert found(tmp_path) == ["keep.md", "notes/public.md"]
    # walking only a subdirectory still honours the parent .gitignore of the repository
    assert found(tmp_path, [str(tmp_path / "notes")]) == ["notes/public.md"]
    assert found(tmp_path, respect_gitignore=False) == [
        "build/out.md",
        "keep.md",
        "notes/public.md",
        "notes/secret.md",
        "x.tmp.md",
    ]


def test_explicit_file_checked_even_if_excluded_unless_forced(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(tmp_path, "drafts/a.md", "ignored.md")
    (tmp_path / ".gitignore").write_text("ignored.md\n")
    paths = [str(tmp_path / "drafts" / "a.md"), str(tmp_path / "ignored.md")]
    assert found(tmp_path, paths, exclude=("drafts",)) == ["drafts/a.md", "ignored.md"]
    assert found(tmp_path, paths, exclude=("drafts",), force_exclude=True) == []
    assert found(tmp_path, [str(tmp_path / "drafts")], exclude=("drafts",)) == []


def test_explicit_file_with_any_extension(tmp_path: Path) -> None:
    tree(tmp_path, "notes.rst")
    assert found(tmp_path, [str(tmp_path / "notes.rst")]) == ["notes.rst"]
    assert found(tmp_path) == []


def test_missing_path_and_broken_symlink_are_errors(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.md", tmp_path / "link.md")
    files, errors = discover_files(
        [str(tmp_path / "nope"), str(tmp_path / "link.md")], Config(root=tmp_path)
    )
    assert files == []
    assert [(Path(e.path).name, e.message.split(":")[0]) for e in errors] == [
        ("nope", "no such file or directory"),
        ("link.md", "broken symbolic link"),
    ]


def test_symlink_loops_and_broken_links_in_a_walk(tmp_path: Path) -> None:
    tree(tmp_path, "a/story.md")
    os.symlink(tmp_path, tmp_path / "a" / "loop")  # a/loop -> root: a cycle
    os.symlink(tmp_path / "a" / "nothing.md", tmp_path / "a" / "dangling.md")
    os.symlink(tmp_path / "a" / "story.md", tmp_path / "alias.md")
    assert found(tmp_path) == ["a/story.md", "alias.md"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [(".", "docs/a.md"), ("docs", "docs/a.md"), ("./docs", "./docs/a.md"), ("docs/", "docs/a.md")],
)
def test_paths_reported_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str, expected: str
) -> None:
    tree(tmp_path, "docs/a.md")
    monkeypatch.chdir(tmp_path)
    files, _ = discover_files([given], Config(root=tmp_path))
    assert files == [expected]


def test_duplicates_removed_and_stdin_passed_through(tmp_path: Path) -> None:
    tree(tmp_path, "a.md")
    files, _ = discover_files([str(tmp_path), str(tmp_path / "a.md"), "-"], Config(root=tmp_path))
    assert files == sorted(["-", str(tmp_path / "a.md")])


GLOBS = [
    *DEFAULT_INCLUDE,
    *DEFAULT_EXCLUDE,
    "archive/**",
    "/top.txt",
    "build/",
    "drafts/*.md",
    "**/tmp/**/*.txt",
    "a?c.txt",
    "[ab]*.html",
    "[!x]y.md",
    "name with space.txt",
    "\\#hash.txt",
    "*.(P<x>).txt",
    "# a comment",
    "",
]
PATHS = [
    "a.txt",
    "x/a.txt",
    "archive",
    "archive/old.md",
    "x/archive/old.md",
    "top.txt",
    "x/top.txt",
    "build",
    "build/out.txt",
    "x/build/y.md",
    "drafts/a.md",
    "drafts/sub/a.md",
    "x/drafts/a.md",
    "tmp/a.txt",
    "q/tmp/r/s.txt",
    "abc.txt",
    "ac.txt",
    "b1.html",
    "c1.html",
    "ay.md",
    "xy.md",
    "name with space.txt",
    "#hash.txt",
    "f.(P<x>).txt",
    ".venv",
    "x/.venv/lib/a.txt",
    "node_modules",
    "notes.rst",
    "./a.txt",
    "/abs/path.md",
    "A.TXT",
    "d.e.markdown",
]


@pytest.mark.parametrize("negation", [False, True])
def test_globset_matches_like_pathspec(negation: bool) -> None:
    """The combined regex answers exactly as pathspec's GitIgnoreSpec, pattern by pattern
    and all together (with a negation, GlobSet falls back to pathspec itself)."""
    import pathspec

    sets = [[g] for g in GLOBS if g and not g.startswith("#")] + [GLOBS]
    if negation:
        sets = [[*s, "!keep.txt", "!x/"] for s in sets]
    for patterns in sets:
        globs = GlobSet(patterns)
        spec = pathspec.GitIgnoreSpec.from_lines(patterns)
        for path in PATHS:
            for is_dir in (False, True):
                expected = bool(spec.match_file(path)) or (
                    is_dir and bool(spec.match_file(path + "/"))
                )
                assert globs.match(path, is_dir=is_dir) == expected, (patterns, path, is_dir)
        assert (globs._search is None) == negation


def test_walk_paths_relative_to_root_when_walking_a_subdirectory(tmp_path: Path) -> None:
    """Globs see root-relative paths below a walked subdirectory (built by appending names)."""
    tree(tmp_path, "docs/a.txt", "docs/drafts/b.txt", "docs/keep/c.txt", "drafts/d.txt")
    docs = [str(tmp_path / "docs")]
    assert found(tmp_path, docs, exclude=("docs/drafts",)) == ["docs/a.txt", "docs/keep/c.txt"]
    assert found(tmp_path, docs, exclude=("docs/keep/**",)) == ["docs/a.txt", "docs/drafts/b.txt"]
    assert found(tmp_path, docs, include=("docs/keep/*.txt",)) == ["docs/keep/c.txt"]
