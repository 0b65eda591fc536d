"""The result cache: hits on unchanged input, never a stale result.

Each staleness test changes one thing the result depends on (the file's
bytes, a config option, a local plugin's source) and checks that the second
run recomputes and reports what the new input deserves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.article import Headline, Span
from lintnews.cache import CACHE_DIR_NAME, ResultCache, clean, run_key
from lintnews.config import load_config
from lintnews.engine import Engine

PLUGIN = """
from lintnews import Diagnostic, Rule, hookimpl
from lintnews.article import Span

WORD = "{word}"


def _check(article, options):
    if "CRASH" in article.source:
        raise RuntimeError("boom")
    start = article.source.find(WORD)
    if start >= 0:
        yield Diagnostic(Span(start, start + len(WORD)), f"found {{WORD}}")


RULES = [
    Rule(
        code="ZQ901",
        name="found-word",
        summary="a test word",
        explanation="test",
        bad_example="x",
        good_example="y",
        check=_check,
    )
]


@hookimpl
def lintnews_rules():
    return RULES
"""

PARAGRAPH = "The council approved the new budget for the harbour on Tuesday evening."


def _project(root: Path, *, word: str = "banana", config: str = "") -> Path:
    (root / "wordplugin.py").write_text(PLUGIN.format(word=word), encoding="utf-8")
    (root / "lintnews.toml").write_text(
        'plugins = ["wordplugin.py"]\nextend-select = ["ZQ901"]\n' + config, encoding="utf-8"
    )
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "a.txt").write_text(
        f"Harbour budget passes\n\n{PARAGRAPH}\n\nWe ate a banana and an apple.\n",
        encoding="utf-8",
    )
    (docs / "b.txt").write_text(
        f"Ferry strike ends\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n", encoding="utf-8"
    )
    return root


def _run(root: Path) -> tuple[list[tuple[str, int, str]], ResultCache]:
    """Lint ``root/docs`` with the cache; (path, line, code) of each violation, the cache."""
    engine = Engine(load_config(root))
    cache = ResultCache.for_engine(engine)
    result = engine.lint_paths([str(root / "docs")], cache=cache, jobs=1)
    return [(Path(v.path).name, v.line, v.code) for v in result.violations()], cache


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("LINTNEWS_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    return _project(tmp_path)


def test_second_run_is_served_from_the_cache(project: Path) -> None:
    first, cache1 = _run(project)
    assert cache1.hits == 0
    assert ("a.txt", 5, "ZQ901") in first
    assert ("b.txt", 5, "TX003") in first  # duplicate paragraph, a real default rule
    second, cache2 = _run(project)
    assert second == first
    assert cache2.hits == 2 and cache2.misses == 0


def test_cache_directory_is_tagged_and_ignored_by_git(project: Path) -> None:
    _run(project)
    directory = project / CACHE_DIR_NAME
    assert (
        (directory / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (directory / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(list(directory.glob("results-*.pickle"))) == 1


def test_changed_file_is_rechecked(project: Path) -> None:
    _run(project)
    a = project / "docs" / "a.txt"
    stat = a.stat()
    # same size and mtime, different bytes: the content digest still catches it
    a.write_text(a.read_text().replace("banana", "cherry"), encoding="utf-8")
    os.utime(a, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second, cache = _run(project)
    assert ("a.txt", 5, "ZQ901") not in second
    assert cache.hits == 1 and cache.misses == 1


def test_changed_config_option_is_rechecked(project: Path) -> None:
    first, _ = _run(project)
    assert ("b.txt", 5, "TX003") in first
    with open(project / "lintnews.toml", "a", encoding="utf-8") as fh:
        fh.write("[rules.TX003]\nmin-words = 50\n")
    second, cache = _run(project)
    assert ("b.txt", 5, "TX003") not in second
    assert cache.hits == 0


def test_changed_local_plugin_is_rechecked(project: Path) -> None:
    first, _ = _run(project)
    assert ("a.txt", 5, "ZQ901") in first
    plugin = project / "wordplugin.py"
    plugin.write_text(PLUGIN.format(word="apple"), encoding="utf-8")
    os.utime(plugin, ns=(plugin.stat().st_atime_ns, plugin.stat().st_mtime_ns + 10**9))
    second, cache = _run(project)
    assert cache.hits == 0
    assert ("a.txt", 5, "ZQ901") in second  # now found at "apple", same line
    engine = Engine(load_config(project))
    [v] = [v for v in engine.lint_paths([str(project / "docs")]).violations() if v.code == "ZQ901"]
    assert v.message == "found apple"


def test_run_key_covers_config_and_plugins(project: Path) -> None:
    key = run_key(Engine(load_config(project)))
    assert key == run_key(Engine(load_config(project)))
    (project / "lintnews.toml").write_text(
        'plugins = ["wordplugin.py"]\nextend-select = ["ZQ901"]\nignore = ["RD"]\n',
        encoding="utf-8",
    )
    assert run_key(Engine(load_config(project))) != key


def test_corrupt_cache_is_ignored_and_rewritten(project: Path) -> None:
    first, _ = _run(project)
    [file] = (project / CACHE_DIR_NAME).glob("results-*.pickle")
    file.write_bytes(b"not a pickle")
    second, cache = _run(project)
    assert second == first and cache.hits == 0
    third, cache = _run(project)
    assert third == first and cache.hits == 2


def test_results_with_errors_are_not_stored(project: Path) -> None:
    (project / "docs" / "bad.txt").write_text(f"Headline\n\nCRASH {PARAGRAPH}\n")
    engine = Engine(load_config(project))
    cache = ResultCache.for_engine(engine)
    result = engine.lint_paths([str(project / "docs")], cache=cache, jobs=1)
    erroneous = {Path(f.path).name for f in result.files if f.errors}
    assert erroneous == {"bad.txt"}
    stored = {Path(p).name for p in cache._entries}
    assert stored == {"a.txt", "b.txt"}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LINTNEWS_CACHE_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_no_cache_and_clean(project: Path) -> None:
    directory = project / CACHE_DIR_NAME
    out = _cli("check", "docs", "--format", "json", "--no-cache", cwd=project)
    assert out.returncode == 1, out.stderr
    assert not directory.exists()
    cached = _cli("check", "docs", "--format", "json", cwd=project)
    assert directory.is_dir()
    assert json.loads(cached.stdout) == json.loads(out.stdout)
    again = _cli("check", "docs", "--format", "json", cwd=project)
    assert again.stdout == cached.stdout
    removed = _cli("clean", cwd=project)
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert not directory.exists()


def test_clean_refuses_a_directory_lintnews_did_not_make(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(OSError, match="not a lintnews cache"):
        clean(precious)
    assert (precious / "notes.txt").exists()
    out = _cli("clean", "--cache-dir", str(precious), cwd=tmp_path)
    assert out.returncode == 2 and "not a lintnews cache" in out.stderr
    assert clean(tmp_path / "missing") is False


def test_clean_user_removes_only_the_stores(project: Path, tmp_path: Path) -> None:
    """``clean --user`` empties the per-user stores a real run made, keeps other files."""
    home = tmp_path / "xdg"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINTNEWS_NO_")}
    env["XDG_CACHE_HOME"] = str(home)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lintnews", *args],
            cwd=project, capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip

    assert cli("check", "docs", "--no-cache").returncode == 1
    stores = home / "lintnews"
    made = sorted(p.name for p in stores.iterdir())
    assert any(name.startswith("entry-points-") for name in made), made
    (stores / "notes.txt").write_text("not ours")
    out = cli("clean", "--user")
    assert out.returncode == 0, out.stderr
    assert f"removed {len(made)} per-user stores from {stores}" in out.stdout
    assert [p.name for p in stores.iterdir()] == ["notes.txt"]
    (stores / "notes.txt").unlink()
    again = cli("clean", "--user")
    assert "no per-user stores" in again.stdout and not stores.exists()
    assert cli("check", "docs", "--no-cache").returncode == 1  # rebuilt on demand


def test_entry_points_are_cached_per_environment(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from lintnews.manager import discover_entry_points\n"
        "eps = discover_entry_points()\n"
        "assert eps[0].load() is not None\n"
        "print(sorted(e.name for e in eps), 'importlib.metadata' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LINTNEWS_NO_ENTRY_POINT_CACHE", None)

    def run() -> str:
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    first, second = run(), run()
    assert first.endswith("True")  # scanned installed metadata once...
    assert second.endswith("False")  # ...then served from the cache
    assert first.rsplit(" ", 1)[0] == second.rsplit(" ", 1)[0]
    assert "'headlines'" in first
    assert list((tmp_path / "lintnews").glob("entry-points-*.marshal"))


def _entry_point_view(eps: list[object]) -> list[tuple[object, ...]]:
    """What the registry reads of an entry point (name, value, group, dist, version)."""
    out = []
    for ep in eps:
        dist = getattr(ep, "dist", None)
        name = getattr(dist, "name", None) if dist is not None else None
        version = getattr(dist, "version", None) if dist is not None else None
        out.append((ep.name, ep.value, ep.group, name or None, version if name else None))  # type: ignore[attr-defined]
    return sorted(out, key=repr)


def test_entry_point_cache_round_trips_and_survives_corruption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The marshalled list gives what importlib.metadata gives; a corrupt, truncated
    or foreign file (or one holding other shapes) means one scan, never an error."""
    import marshal
    from importlib.metadata import entry_points

    from lintnews import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LINTNEWS_NO_ENTRY_POINT_CACHE", raising=False)
    expected = _entry_point_view(list(entry_points(group="lintnews")))
    assert any(row[0] == "headlines" and row[3] == "lintnews" for row in expected)
    file = cache._entry_point_cache_file()
    assert file is not None and file.suffix == ".marshal"

    def loads(monkeypatch_scan: bool) -> list[object]:
        if monkeypatch_scan:  # a cache hit must not scan the metadata
            monkeypatch.setattr("importlib.metadata.entry_points", _no_scan)
        try:
            return cache.cached_entry_points("lintnews")
        finally:
            monkeypatch.setattr("importlib.metadata.entry_points", entry_points)

    assert _entry_point_view(loads(False)) == expected  # miss: scanned, stored
    hit = loads(True)
    assert all(type(ep).__name__ == "CachedEntryPoint" for ep in hit)
    assert _entry_point_view(hit) == expected
    good = file.read_bytes()
    key = cache._environment_key("lintnews")
    damaged = [
        b"",
        b"not marshal at all",
        good[: len(good) // 2],
        marshal.dumps([1, 2, 3]),
        marshal.dumps({key: "headlines"}),
        marshal.dumps({key: [("headlines",)]}),
        marshal.dumps({key: [(1, "lintnews.plugins.headlines", None, None)]}),
        marshal.dumps({key: [["headlines", "lintnews.plugins.headlines", None, None]]}),
        marshal.dumps({key: [("headlines", "x", 3, None)]}),
        marshal.dumps({1: []}),
        json.dumps({key: []}).encode(),
    ]
    for blob in damaged:
        file.write_bytes(blob)
        assert _entry_point_view(loads(False)) == expected, blob[:40]
        assert _entry_point_view(loads(True)) == expected  # stored again, whole
    # keys of other environments are kept (the last few), and still served
    file.write_bytes(marshal.dumps({f"other{i}": [] for i in range(20)}))
    assert _entry_point_view(loads(False)) == expected
    kept = marshal.loads(file.read_bytes())
    assert list(kept) == [*(f"other{i}" for i in range(13, 20)), key]
    # an unwritable store: still the right list, every time
    file.unlink()
    monkeypatch.setattr(cache, "write_atomic", lambda path, data: False)
    assert _entry_point_view(loads(False)) == expected
    assert not file.exists()


def _no_scan(**_: object) -> object:
    raise AssertionError("importlib.metadata scanned on a cache hit")


def test_run_key_covers_the_python_version(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(load_config(project))
    key = run_key(engine)
    major, minor = sys.version_info[:2]
    monkeypatch.setattr(sys, "version_info", (major, minor + 1, 0, "final", 0))
    assert run_key(engine) != key


def test_result_pickles_load_as_the_same_objects(project: Path) -> None:
    """dumps_result rebuilds frozen dataclasses without their __setstate__: same objects."""
    import pickle

    from lintnews.cache import dumps_result

    (project / "docs" / "fixme.txt").write_text(
        f"Harbour  budget passes\n\n{PARAGRAPH}  It was  approved.\n", encoding="utf-8"
    )
    engine = Engine(load_config(project))
    results = [engine.check_file(str(p)) for p in sorted((project / "docs").iterdir())]
    assert any(v.fix is not None for r in results for v in r.violations)  # Fix, Edit, Span
    assert any(r.digests for r in results)
    for result in results:
        blob = dumps_result(result)
        assert b"_rebuild" in blob
        again = pickle.loads(blob)
        assert again == pickle.loads(pickle.dumps(result)) == result
        assert [v.fix for v in again.violations] == [v.fix for v in result.violations]
        assert [type(v.span) for v in again.violations] == [type(v.span) for v in result.violations]
        assert again.digests == result.digests and again.directives == result.directives


def test_result_pickles_keep_custom_reducers() -> None:
    """Only frozen slotted dataclasses that pickle the default way take the fast path."""
    import pickle

    from lintnews.cache import _restorable, dumps_result
    from lintnews.checking import FileResult

    result = FileResult("x.txt", metrics={"when": Path("a/b"), "span": Span(1, 2)})
    again = pickle.loads(dumps_result(result))
    assert again == result and isinstance(again.metrics["when"], Path)
    assert _restorable(Path) is None and _restorable(FileResult) is None  # not frozen
    assert _restorable(Headline) == ("text", "span", "origin")
    # Span pickles through its own __reduce__ (Span(start, end)): left to pickle
    assert _restorable(Span) is None and pickle.loads(dumps_result(Span(3, 4))) == Span(3, 4)


def test_reused_pickler_writes_what_a_fresh_one_writes() -> None:
    """dumps_result reuses its pickler: each call is still a complete, independent
    pickle, byte-identical to a fresh pickler's, also after a failed call and
    from several threads at once."""
    import io
    import pickle
    import threading

    from lintnews import cache
    from lintnews.checking import FileResult
    from lintnews.violations import Severity, Violation

    def fresh(obj: object) -> bytes:
        cache.dumps_result(Span(0, 1))  # make sure the pickler class exists
        buffer = io.BytesIO()
        cache._pickler(buffer, -1).dump(obj)
        return buffer.getvalue()

    def violation(i: int) -> Violation:
        return Violation(
            "a.txt", "ZZ001", "zebra", Severity.WARNING, f"found {i}", "demo",
            1, i, 1, i + 1, Span(i, i + 1),
        )  # fmt: skip

    shared = Span(2, 3)
    objects = [violation(i) for i in range(50)]
    objects += [FileResult("a.txt", violations=objects[:3], metrics={"s": shared, "t": shared})]
    for obj in objects:
        assert cache.dumps_result(obj) == fresh(obj)
        assert pickle.loads(cache.dumps_result(obj)) == obj
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        cache.dumps_result(FileResult("b.txt", metrics={"f": lambda: None}))
    assert [cache.dumps_result(o) for o in objects] == [fresh(o) for o in objects]

    expected = [fresh(o) for o in objects]
    failures: list[int] = []

    def work() -> None:
        for _ in range(20):
            if [cache.dumps_result(o) for o in objects] != expected:
                failures.append(1)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
