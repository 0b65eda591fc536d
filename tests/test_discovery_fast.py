"""The walk's fast path and the factored glob regex answer like the plain ones.

``GlobSet`` joins pathspec's per-pattern regexes into one, with the atoms all
of them start and end with written once (``discovery._alternation``), and
``_walk`` calls that regex's search directly instead of ``GlobSet.match``.
These tests compare both with what they replace, on random input: pathspec's
own ``match_file`` (pattern by pattern) for the glob sets, the plain
``"|".join("(?:p)")`` alternation for random regexes, and the walk's
``GlobSet.match`` path (still used for glob sets with negations) on random
trees.
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
import sys
from pathlib import Path

import pathspec
import pytest

from lintnews import discovery
from lintnews.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, Config
from lintnews.discovery import GlobSet, _alternation, _atoms, discover_files

# -- the combined glob regex against pathspec ---------------------------------------

_NAME_CHARS = "ab.-_x1é ü\n"
_GLOB_PIECES = ["a", "b", ".", "x", "é", "*", "**", "?", "[ab]", "[!a]", "\\*", "-", "ab", "1"]


def _random_name(rng: random.Random) -> str:
    """A directory entry's name: never "." or ".." (a walk builds no such component)."""
    while True:
        name = "".join(rng.choice(_NAME_CHARS) for _ in range(rng.randint(1, 5)))
        if name not in (".", ".."):
            return name


def _random_path(rng: random.Random) -> str:
    return "/".join(_random_name(rng) for _ in range(rng.randint(1, 4)))


def _random_glob(rng: random.Random) -> str:
    segments = []
    for _ in range(rng.randint(1, 3)):
        segments.append("".join(rng.choice(_GLOB_PIECES) for _ in range(rng.randint(1, 3))))
    glob = "/".join(segments)
    if rng.random() < 0.2:
        glob = "/" + glob
    if rng.random() < 0.2:
        glob += "/"
    if rng.random() < 0.1:
        glob = "**/" + glob
    return glob


def _pathspec_match(spec: pathspec.PathSpec, rel: str, is_dir: bool) -> bool:
    """What GlobSet.match answers without its combined regex (its slow path)."""
    return bool(spec.match_file(rel) or (is_dir and spec.match_file(rel + "/")))


def test_combined_glob_regex_matches_like_pathspec(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews import recache

    monkeypatch.setattr(recache, "_directory", None)  # translated here, not kept
    rng = random.Random(20261128)
    sets = [(*DEFAULT_INCLUDE, "**/*.news"), DEFAULT_EXCLUDE]
    sets += [tuple(_random_glob(rng) for _ in range(rng.randint(1, 6))) for _ in range(400)]
    cases = factored = 0
    for globs in sets:
        try:
            spec = pathspec.GitIgnoreSpec.from_lines(globs)
        except Exception:  # an invalid random glob: config loading rejects it
            continue
        glob_set = GlobSet(globs)
        search = glob_set.direct_search()
        if search is None:
            continue
        factored += "(?:" in glob_set._search.__self__.pattern[:12]  # type: ignore[attr-defined]
        paths = [_random_path(rng) for _ in range(300)]
        paths += [g.strip("/").replace("**", "q").replace("*", "zz") for g in globs]
        paths = [p for p in paths if p and "." not in p.split("/") and ".." not in p.split("/")]
        for rel in paths:
            for is_dir in (False, True):
                expected = _pathspec_match(spec, rel, is_dir)
                assert glob_set.match(rel, is_dir=is_dir) is expected, (globs, rel, is_dir)
                direct = search(rel) is not None or (is_dir and search(rel + "/") is not None)
                assert direct is expected, (globs, rel, is_dir)
                cases += 1
    assert cases > 100_000
    assert factored > 100  # most sets did get a shared prefix out of the alternation


def test_default_globs_are_factored() -> None:
    for globs in (DEFAULT_INCLUDE, DEFAULT_EXCLUDE):
        glob_set = GlobSet(globs)
        assert glob_set.direct_search() is not None
        text = glob_set._search.__self__.pattern  # type: ignore[union-attr]
        assert text.count("(?:.+/)?") == 1, text


# -- _alternation against the plain alternation on random regexes -----------------

_ATOMS = ["a", "b", "/", ".", "\\.", "\\d", "\\/", "[ab]", "[^/]", "[]a]", "^", "$", "é"]
_REPEATS = ["", "", "", "*", "+", "?", "*?", "+?", "??"]


def _random_regex(rng: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.15 and depth < 2:
            inner = "|".join(_random_regex(rng, depth + 1) for _ in range(rng.randint(1, 2)))
            atom = f"(?:{inner})" if rng.random() < 0.7 else f"({inner})"
        else:
            atom = rng.choice(_ATOMS)
        repeat = rng.choice(_REPEATS) if atom not in ("^", "$") else ""
        out.append(atom + repeat)
    return "".join(out)


def test_alternation_matches_like_the_plain_join() -> None:
    rng = random.Random(6)
    shared = ["^(?:.+/)?", "a*", "(?:/|$)", "[^/]*\\.", ""]
    subjects = ["", "a", "ab/a.b", "/a", "b//", "a.b", "1/é.a", "aa\nb/", "[]", "x/y/z.d"]
    cases = 0
    for _ in range(6_000):
        head, tail = rng.choice(shared), rng.choice(shared)
        parts = [head + _random_regex(rng) + tail for _ in range(rng.randint(2, 4))]
        try:
            plain = re.compile("|".join(f"(?:{p})" for p in parts))
        except re.error:
            continue
        combined = re.compile(_alternation(parts))
        extra = [
            "".join(rng.choice("ab/.\n1é") for _ in range(rng.randint(0, 8))) for _ in range(8)
        ]
        for s in subjects + extra:
            assert (plain.search(s) is None) is (combined.search(s) is None), (parts, s)
            cases += 1
    assert cases > 100_000


@pytest.mark.parametrize(
    "text",
    ["a{2}", "a|b", "(?=a)b", "(?i)a", "a*+", "\\1", "\\x41", "(?P<n>a)", "a)", "[a", "*a"],
)
def test_atoms_refuses_what_it_cannot_split(text: str) -> None:
    assert _atoms(text) is None
    assert _alternation([text, "b"]) == f"(?:{text})|(?:b)"


def test_atoms_splits_pathspec_shapes() -> None:
    assert _atoms("^(?:.+/)?[^/]*\\.txt(?:(?:/)|$)") == [
        "^",
        "(?:.+/)?",
        "[^/]*",
        "\\.",
        "t",
        "x",
        "t",
        "(?:(?:/)|$)",
    ]


# -- the walk's fast path against its GlobSet.match path ----------------------------


def _random_tree(root: Path, rng: random.Random) -> None:
    names = ["a", "b.txt", "c.md", "node_modules", ".git", "venv", "x.html", "d.news", "e.py"]
    names += ["archive", "f.markdown", "g.htm", "sub"]
    # fixed: directories only a directory glob ("sub/") excludes, at the top and deeper
    for fixed in ("sub/x.txt", "a0/sub/y.md", "a0/venv/z.txt", "node_modules/n.md"):
        (root / fixed).parent.mkdir(parents=True, exist_ok=True)
        (root / fixed).write_text("x")
    dirs = [root, root / "sub", root / "a0"]
    for _ in range(rng.randint(5, 40)):
        parent = rng.choice(dirs)
        name = rng.choice(names) + rng.choice(["", "", "1", "\n", " z"])
        path = parent / name
        if path.exists():
            continue
        if rng.random() < 0.35:
            path.mkdir()
            dirs.append(path)
        elif rng.random() < 0.1 and hasattr(os, "symlink"):
            os.symlink(rng.choice(dirs), path)  # loops and second links included
        else:
            path.write_text("x")


def _slow_search(self: GlobSet) -> None:
    return None


@pytest.mark.skipif(os.sep != "/", reason="the fast path is for '/' separators")
def test_fast_walk_finds_what_the_match_path_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(11)
    glob_choices = [
        (),
        ("archive/**",),
        ("sub",),
        ("*.md", "/a"),
        ("**/x*",),
        ("sub/", "b.txt"),
        ("sub/",),
        ("/sub/",),
    ]
    for trial in range(60):
        root = tmp_path / f"t{trial}"
        root.mkdir()
        _random_tree(root, rng)
        config = dataclasses.replace(
            Config(root=root if trial % 3 else tmp_path),
            extend_exclude=rng.choice(glob_choices),
            extend_include=rng.choice(glob_choices),
        )
        givens = [[str(root)], [str(root) + "/"], [os.path.relpath(root)]]
        givens.append([str(root), str(root / "sub")])
        for given in givens:
            fast = discover_files(given, config, (".news",))
            with monkeypatch.context() as patched:
                patched.setattr(GlobSet, "direct_search", _slow_search)
                slow = discover_files(given, config, (".news",))
            assert fast == slow, (trial, given)


def test_walk_of_cwd_names_files_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "b.md").write_text("x")
    monkeypatch.chdir(tmp_path)
    for given in (".", "./", "sub", "sub/", str(tmp_path)):
        fast = discover_files([given], Config(root=tmp_path), ())
        with monkeypatch.context() as patched:
            patched.setattr(discovery.GlobSet, "direct_search", _slow_search)
            slow = discover_files([given], Config(root=tmp_path), ())
        assert fast == slow
    assert discover_files(["."], Config(root=tmp_path), ())[0] == ["b.md", "sub/a.txt"]


# -- the combined regex's text kept between runs ------------------------------------


def test_derived_pattern_is_kept_between_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintnews import recache

    monkeypatch.setattr(recache, "_directory", str(tmp_path / "store"))
    monkeypatch.setattr(recache, "_derived", None)
    made: list[str] = []

    def make() -> str:
        made.append("x")
        return "a(?:b|c)"

    assert recache.derived_pattern(("k", "1"), make) == "a(?:b|c)"
    assert recache.derived_pattern(("k", "1"), make) == "a(?:b|c)"
    assert made == ["x"]
    monkeypatch.setattr(recache, "_derived", None)  # a new process reads the file
    assert recache.derived_pattern(("k", "1"), make) == "a(?:b|c)"
    assert made == ["x"]
    assert recache.derived_pattern(("k", "2"), make) == "a(?:b|c)"  # another key: made
    assert made == ["x", "x"]
    assert recache.derived_pattern(("none",), lambda: None) is None  # None is not kept
    (tmp_path / "store" / "derived.marshal").write_bytes(b"\x00garbage")
    monkeypatch.setattr(recache, "_derived", None)
    assert recache.derived_pattern(("k", "1"), make) == "a(?:b|c)"  # corrupt: made again
    assert made == ["x", "x", "x"]
    monkeypatch.setattr(recache, "MAX_DERIVED", 2)
    for i in range(5):
        recache.derived_pattern(("n", str(i)), lambda i=i: f"p{i}")
    assert list(recache._derived or {}) == [("n", "3"), ("n", "4")]  # the newest kept


def test_stored_glob_regex_equals_pathspecs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintnews import recache

    monkeypatch.setattr(recache, "_directory", str(tmp_path / "store"))
    monkeypatch.setattr(recache, "_derived", None)
    globs = ("**/*.txt", "archive/**", "node_modules")
    cold = GlobSet(globs)
    cold_search = cold.direct_search()
    assert cold._compiled is not None  # made by pathspec
    monkeypatch.setattr(recache, "_derived", None)
    warm = GlobSet(globs)
    warm_search = warm.direct_search()
    assert warm._compiled is None  # from the store: pathspec not needed
    assert cold_search.__self__ == warm_search.__self__  # type: ignore[union-attr]
    stamp = discovery._pathspec_stamp()
    assert stamp is not None and stamp.startswith(os.path.dirname(pathspec.__file__))
    negated = GlobSet(("*.txt", "!keep.txt"))
    assert negated.direct_search() is None
    assert negated.match("a.txt") and not negated.match("keep.txt")


_RUN_AND_LIST = """
import sys
from lintnews.cli import main
sys.argv = ["lintnews", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("PATHSPEC", "pathspec" in sys.modules)
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="the regex store is CPython 3.11+")
def test_a_warm_directory_run_does_not_import_pathspec(tmp_path: Path) -> None:
    import subprocess

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Headline\n\nBody text here.\n", encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "user-cache"))
    env.pop("LINTNEWS_NO_REGEX_CACHE", None)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", _RUN_AND_LIST, "check", "d", "--no-cache", "--format", "json"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        runs.append(done.stdout)
    assert "PATHSPEC True" in runs[0]  # cold: pathspec translated the globs
    assert "PATHSPEC False" in runs[1], runs[1]
    assert runs[0].replace("PATHSPEC True", "") == runs[1].replace("PATHSPEC False", "")
    assert '"a.txt"' in runs[1] or "d/a.txt" in runs[1]
