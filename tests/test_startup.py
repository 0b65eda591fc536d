"""Start-up of a one-file run (the pre-commit case): what it imports, lazy reporters,
the compiled-regex store."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews import recache
from lintnews.errors import PluginError
from lintnews.hookspecs import hookimpl
from lintnews.manager import PluginRegistry

#: modules a one-file, text-format run of a clean UTF-8 article never needs
NEVER_IMPORTED = (
    # lintnews.console parses a plain check line itself (lintnews.checkargs)
    "typer",
    "click",
    "lintnews.cli",
    "multiprocessing",
    "concurrent.futures",
    "rich",
    "ftfy",
    "lintnews.reporters.sarif",
    "lintnews.reporters.html",
    "lintnews.reporters.junit",
    "lintnews.reporters.gitlab",
    "lintnews.fixing",
    "xml.etree",
    "charset_normalizer",
    "textstat",
    "nltk",
    "pathspec",
    "importlib.metadata",
    "hashlib",  # loads OpenSSL; lintnews.cache and lintnews.recache use _blake2 directly
    "lintnews.baseline",
    # the plugins' TOML data is read with open() and, warm, from the marshalled store
    # (lintnews.plugins._data): importlib.resources pulls in tempfile, random and zipfile
    "importlib.resources",
    "tempfile",
    "zipfile",
    # no config file: nothing to parse (lintnews.config imports tomllib when it reads one);
    # the entry-point list is marshalled, the JSON encoder is for --format json only
    "tomllib",
    "tomli",
    "json",
    # one result is never spooled; the exit code counts in-memory results itself
    "lintnews.spool",
    # only a pooled run unpickles workers' results (lintnews.parallel imports it there)
    "pickle",
)

CLEAN = (
    "Council approves new budget\n\n"
    "The city council approved the budget on Tuesday. The mayor said the plan "
    "would pay for two new schools.\n"
)

# runs `python -m lintnews ...` in this process' place and prints sys.modules at the end
# (importtime misses modules loaded through importlib.import_module, as entry points are)
_WRAPPER = (
    "import runpy, sys\n"
    "sys.argv = ['lintnews', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('lintnews', run_name='__main__', alter_sys=True)\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "sys.stdout.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
)


def _warm_modules(cwd: Path, env: dict[str, str]) -> tuple[str, set[str]]:
    """stdout and the loaded modules of the second `lintnews check x.txt` in one
    ``-c`` process (``-c`` has its own sys.path, so the first run fills its
    entry-point cache entry: the second is the warm run editors get)."""
    for _ in range(2):
        wrapped = subprocess.run(
            [sys.executable, "-c", _WRAPPER, "check", "x.txt", "--no-cache"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
    line = next(ln for ln in wrapped.stdout.splitlines() if ln.startswith("MODULES "))
    return wrapped.stdout, set(line.split()[1:])


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / "user-cache")  # hermetic entry-point/regex stores
    env.pop("LINTNEWS_CACHE_DIR", None)
    return env


def test_one_file_text_run_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(CLEAN, encoding="utf-8")
    env = _env(tmp_path)
    cmd = [sys.executable, "-X", "importtime", "-m", "lintnews", "check", "x.txt", "--no-cache"]
    # the first run fills the per-user entry-point cache (importlib.metadata, once)
    first = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert "All clear" in second.stdout
    imported = {
        line.split("|")[2].strip()
        for line in second.stderr.splitlines()
        if line.startswith("import time:") and "self [us]" not in line
    }
    assert "lintnews.checkrun" in imported  # the importtime output was parsed
    _, modules = _warm_modules(tmp_path, env)
    assert "lintnews.reporters.text" in modules and "lintnews.plugins.boilerplate" in modules
    for name in NEVER_IMPORTED:
        hits = sorted(m for m in imported | modules if m == name or m.startswith(name + "."))
        assert not hits, f"{name} imported by a one-file text run: {hits}"


FIXABLE = (
    "Council approves new budget\n\n"
    "The city council approved the the budget on Tuesday.\n\n"
    "Subscribe now to our newsletter!\n"
)


def test_fixable_violations_are_guarded_without_importing_the_fixer(tmp_path: Path) -> None:
    """The fix guarantee runs on every check (lintnews.fixguard); the fixer only with --fix."""
    (tmp_path / "x.txt").write_text(FIXABLE, encoding="utf-8")
    env = _env(tmp_path)
    stdout, modules = _warm_modules(tmp_path, env)
    assert "TX007 [*]" in stdout and "PW001 [*]" in stdout
    assert "lintnews.fixguard" in modules
    assert "lintnews.fixing" not in modules


# -- `lintnews check`: the typer app with only that command ---------------------------

_CHECK_LINES = [
    ["check", "--help"],
    ["check", "-h"],
    ["check"],
    ["check", "x.txt"],
    ["check", "x.txt", "--no-cache", "--statistics", "--show-source"],
    ["check", "x.txt", "--format", "json", "--no-cache"],
    ["check", "--bogus"],
    ["check", "--colr", "x.txt"],
    ["check", "--format"],
    ["check", "--jobs", "abc", "x.txt"],
    ["check", "-j", "-1", "x.txt"],
    ["check", "--version"],
    ["check", "missing.txt"],
    ["check", "x.txt", "--select", "ZZ999"],
    ["check", "x.txt", "--fail-on", "nope"],
]


@pytest.mark.parametrize("args", _CHECK_LINES, ids=" ".join)
def test_check_only_app_behaves_as_the_whole_app(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """main() hands `lintnews check ...` to a copy of the app without the other
    commands (typer builds each command it holds before parsing): same output,
    same exit code; anything else gets the whole app."""
    from typer.testing import CliRunner

    from lintnews.cli import app, app_for

    (tmp_path / "x.txt").write_text(FIXABLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    only = app_for(args)
    assert only is not app
    assert [c.callback.__name__ for c in only.registered_commands] == ["check"]
    assert only.registered_callback is app.registered_callback
    runner = CliRunner()
    whole = runner.invoke(app, args, prog_name="lintnews")
    alone = runner.invoke(only, args, prog_name="lintnews")
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert len(app.registered_commands) > 1  # the app itself is untouched


def test_other_command_lines_get_the_whole_app() -> None:
    from lintnews.cli import app, app_for

    for args in ([], ["--help"], ["--version"], ["rules"], ["stats", "x"], ["chek"], ["x.txt"]):
        assert app_for(args) is app


def test_one_named_file_is_never_spooled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of one named file keeps its one result in memory, whatever the spool
    threshold says (a directory of files still spools): same report either way."""
    from typer.testing import CliRunner

    import lintnews.spool
    from lintnews.cli import app

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "x.txt").write_text(FIXABLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    added: list[str] = []
    add = lintnews.spool.ResultSpool.add

    def counting_add(
        self: lintnews.spool.ResultSpool, result: object, blob: object = None, *more: object
    ) -> None:
        added.append(getattr(result, "path", ""))
        add(self, result, blob, *more)  # type: ignore[arg-type]

    monkeypatch.setattr(lintnews.spool.ResultSpool, "add", counting_add)
    runner = CliRunner()
    outputs = []
    for threshold in (10**9, 1):
        monkeypatch.setattr(lintnews.spool, "SPOOL_THRESHOLD", threshold)
        for target in ("news/x.txt", "news"):
            run = runner.invoke(app, ["check", target, "--no-cache"], prog_name="lintnews")
            outputs.append((run.exit_code, run.output.replace("news/x.txt", "X")))
    assert added == ["news/x.txt"]  # only the directory run above the threshold spooled
    assert len(set(outputs)) == 1 and outputs[0][0] == 1


# -- lazy output formats ----------------------------------------------------------------


class _LazyFormats:
    @hookimpl
    def lintnews_output_formats(self) -> dict[str, object]:
        return {
            "lazy-json": "lintnews.reporters.json:JsonReporter",
            "broken": "lintnews.reporters.no_such_module:Nothing",
            "not-a-ref": "no colon here",
        }


def test_lazy_format_references_resolve_only_when_used() -> None:
    registry = PluginRegistry(extra_plugins=[("lazy", _LazyFormats())])
    refs = registry.output_format_refs()
    assert refs["sarif"] == "lintnews.reporters.sarif:SarifReporter"
    assert {"text", "json", "lazy-json", "broken"} <= set(refs)
    from lintnews.reporters.json import JsonReporter

    assert registry.reporter("lazy-json") is JsonReporter
    assert registry.reporter("no-such-format") is None
    with pytest.raises(PluginError, match="broken"):
        registry.reporter("broken")
    with pytest.raises(PluginError, match="module:Class"):
        registry.reporter("not-a-ref")


def test_output_formats_still_returns_classes() -> None:
    from lintnews.reporters.base import Reporter

    formats = PluginRegistry().output_formats()
    assert all(isinstance(cls, type) and issubclass(cls, Reporter) for cls in formats.values())


def test_unknown_format_lists_every_name(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(CLEAN, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "x.txt", "--format", "nope"],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "unknown output format 'nope'" in out.stderr
    assert "sarif" in out.stderr and "junit" in out.stderr


# -- the compiled-regex store ---------------------------------------------------------

PATTERNS = [
    (r"(?<![\w])(?:subscribe now|sign[\s-]?up|read more)(?![\w])", re.IGNORECASE),
    (r"(?P<word>[^\W\d_]+)[ \t]+(?P=word)\b", re.IGNORECASE),
    (r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", 0),
    (r"^\s*(?:a|b)+$", re.MULTILINE),
    (r"(?x) a b  # verbose", 0),
    ("[\ud800-\udfff]", 0),  # lone surrogates (ftfy has one): not encodable as UTF-8
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LINTNEWS_NO_REGEX_CACHE", raising=False)
    monkeypatch.setattr(recache, "_directory", recache._MISSING)
    return tmp_path


def _needs_store() -> None:
    """Skip where this interpreter has no compiled-regex store (CPython < 3.11)."""
    if recache._store() is None:
        pytest.skip(
            "no compiled-regex store here (re._compiler is CPython 3.11+); re.compile is used"
        )


def test_recache_equals_re_compile_cold_and_warm(store: Path) -> None:
    for pattern, flags in PATTERNS:
        expected = re.compile(pattern, flags)
        cold = recache.compile(pattern, flags)
        warm = recache.compile(pattern, flags)
        for got in (cold, warm):
            assert got == expected  # same pattern, flags and compiled code
            assert got.groupindex == expected.groupindex and got.groups == expected.groups
    _needs_store()
    files = list(store.glob("lintnews/regex-*/*"))
    assert len(files) == len(PATTERNS)
    text = "Please Subscribe now. the the ok 東京"
    rx = recache.compile(*PATTERNS[0])
    assert [m.span() for m in rx.finditer(text)] == [(7, 20)]
    assert recache.compile(*PATTERNS[1]).search(text).group("word") == "the"


def test_compiles_stored_routes_re_compile_only_inside_the_block(store: Path) -> None:
    original = re.compile
    with recache.compiles_stored():
        got = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
        assert re.compile(rb"bytes?") == original(rb"bytes?")  # bytes: plain re.compile
    assert re.compile is original
    assert got == [original(pattern, flags) for pattern, flags in PATTERNS]
    with pytest.raises(ZeroDivisionError), recache.compiles_stored():
        1 / 0  # noqa: B018
    assert re.compile is original
    _needs_store()
    assert len(list(store.glob("lintnews/regex-*/*"))) == len(PATTERNS)


def test_a_bad_pattern_inside_compiles_stored_raises_re_error(store: Path) -> None:
    """Inside the block, a pattern that does not compile raises ``re.error`` as
    ``re.compile`` does (the CLI validates the user's globs there: a bad one
    must be reported as such, not end in a RecursionError)."""
    _needs_store()
    with recache.compiles_stored():
        with pytest.raises(re.error, match="bad character range"):
            re.compile("[z-a]")
        with pytest.raises(re.error, match="bad character range"):
            recache.compile("[z-a]")
        assert re.compile("[a-z]+").match("ok")
    with pytest.raises(re.error):
        recache.compile("(unclosed")


def test_markdown_parser_patterns_come_from_the_store(tmp_path: Path) -> None:
    """markdown-it's import-time patterns and the front-matter ones are the
    store's, equal to ``re.compile``'s, cold and warm (fresh interpreters)."""
    code = """if True:
        import os, re
        original = re.compile
        from lintnews import recache
        from lintnews.readers import frontmatter, markdown
        markdown._parser()
        assert re.compile is original
        from markdown_it.common import html_re
        for rx in (html_re.HTML_TAG_RE, frontmatter._SIMPLE_YAML):
            assert rx == original(rx.pattern, rx.flags)
        if recache._store() is not None:
            assert len(os.listdir(recache._store())) > 30
        md = markdown._parser()
        assert md.render("*a* <b>x</b>") == "<p><em>a</em> <b>x</b></p>\\n"
    """
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LINTNEWS_NO_REGEX_CACHE", None)
    for _ in ("cold", "warm"):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr


def test_readers_and_pyyaml_take_their_import_patterns_from_the_store(tmp_path: Path) -> None:
    """The first Markdown (with front matter PyYAML must parse) and HTML article of
    a process import their reader, html.parser and PyYAML under the regex store:
    warm, none of those modules compiles a pattern (the old imports compiled
    ~30), and what the readers return is the same cold and warm."""
    if sys.version_info < (3, 11):
        pytest.skip("no compiled-regex store here (re._compiler is CPython 3.11+)")
    code = """if True:
        import re, sys
        from re import _compiler
        real = _compiler.compile
        compiled_by = []

        def counting(p, flags=0):
            frame = sys._getframe(1)
            while frame.f_code.co_filename.endswith(("re/__init__.py", "recache.py")):
                frame = frame.f_back
            compiled_by.append(frame.f_code.co_filename)
            return real(p, flags)

        _compiler.compile = counting
        from lintnews.readers import lintnews_read_article
        md = ("---\\ntitle: Harbour festival\\ntags: [a, b]\\n---\\n\\n"
              "The festival returns. It is *big*.\\n")
        html = ("<html><body><h1>Ferry strike</h1>"
                "<p>Crews walked out &amp; sailed.</p></body></html>")
        for text, fmt in ((md, "markdown"), (html, "html")):
            article = lintnews_read_article("a", text, fmt, None)
            print(fmt, [p.text for p in article.paragraphs], article.headline.text)
        assert "yaml" in sys.modules and "html.parser" in sys.modules
        import yaml.resolver
        rx = yaml.resolver.Resolver.yaml_implicit_resolvers["t"][0][1]
        assert rx == re.compile(rx.pattern, rx.flags)
        modules = ("yaml", "html/parser.py", "_markupbase.py", "lintnews/readers")
        print("compiled", sorted({f for f in compiled_by if any(m in f for m in modules)}))
        re.compile("hook(?:check)+")  # a plain compile outside the store is counted
        print("hook", "<string>" in compiled_by)
    """
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LINTNEWS_NO_REGEX_CACHE", None)
    runs = []
    for _ in ("cold", "warm"):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        runs.append(run.stdout.splitlines())
    cold, warm = runs
    assert cold[:2] == warm[:2]
    assert "The festival returns. It is big." in cold[0] and "Ferry strike" in cold[1]
    assert warm[3] == "hook True"
    assert warm[2] == "compiled []"


def test_recache_survives_a_corrupt_or_foreign_entry(store: Path) -> None:
    _needs_store()
    pattern, flags = PATTERNS[1]
    recache.compile(pattern, flags)
    (entry,) = store.glob("lintnews/regex-*/*")
    entry.write_bytes(b"\x00garbage")
    assert recache.compile(pattern, flags) == re.compile(pattern, flags)
    # an entry made for another pattern (a hash clash) is never used
    import marshal

    other = recache._program("zzz", int(flags))
    entry.write_bytes(marshal.dumps(("zzz", int(flags), *other)))
    assert recache.compile(pattern, flags) == re.compile(pattern, flags)


def test_recache_can_be_switched_off(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTNEWS_NO_REGEX_CACHE", "1")
    assert recache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert not list(store.glob("lintnews/regex-*/*"))


def test_store_writes_that_fail_leave_no_temporary_file(store: Path) -> None:
    # the entry's name taken by a directory: the temporary file is written,
    # the rename fails (as on a full disk, after a partial write)
    from lintnews.userdirs import blake2b, write_atomic

    target = store / "lintnews" / "entry"
    target.mkdir(parents=True)
    assert write_atomic(str(target), b"data") is False
    assert write_atomic(str(store / "lintnews" / "new" / "entry"), b"data") is True
    assert (store / "lintnews" / "new" / "entry").read_bytes() == b"data"
    _needs_store()
    (directory,) = {Path(recache._store())}
    pattern, flags = PATTERNS[0]
    name = blake2b(f"{flags}:{pattern}".encode(), digest_size=16).hexdigest()
    (directory / name).mkdir(parents=True)
    assert recache.compile(pattern, flags) == re.compile(pattern, flags)
    assert sorted(p.name for p in store.rglob("*.tmp")) == []


def test_recache_store_stays_bounded(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_ENTRIES files the oldest go; what is compiled still equals re.compile."""
    _needs_store()
    import os

    monkeypatch.setattr(recache, "MAX_ENTRIES", 8)
    patterns = [(rf"word{i}\b", 0) for i in range(20)]

    def entry(pattern: str) -> str:
        return recache.blake2b(f"0:{pattern}".encode(), digest_size=16).hexdigest()

    for i, (pattern, flags) in enumerate(patterns):
        assert recache.compile(pattern, flags) == re.compile(pattern, flags)
        # distinct write times, in compile order (file systems may round them)
        (path,) = store.glob(f"lintnews/regex-*/{entry(pattern)}")
        os.utime(path, ns=(i * 10**9, i * 10**9))
        assert len(list(store.glob("lintnews/regex-*/*"))) <= 8
    kept = {f.name for f in store.glob("lintnews/regex-*/*")}
    # the oldest went, the newest stayed (and is served from the store)
    assert entry(patterns[0][0]) not in kept and entry(patterns[-1][0]) in kept
    assert recache.compile(*patterns[-1]) == re.compile(*patterns[-1])


def test_dataclass_code_store_keeps_what_the_run_used(
    code_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full store drops entries this process did not use, not the ones it did."""
    from lintnews import codecache

    with codecache.dataclass_code():
        _make_classes()
    (store,) = code_store.glob("lintnews/dataclass-code-*.marshal")
    first = set(codecache._CodeStore(str(store)).codes)
    codecache._stores.clear()
    monkeypatch.setattr(codecache, "MAX_ENTRIES", len(first))
    with codecache.dataclass_code():  # a new class: one more entry than the cap
        import dataclasses

        @dataclasses.dataclass
        class Extra:
            value: str

    after = set(codecache._CodeStore(str(store)).codes)
    new = after - first
    assert len(after) == len(first) and new and all("value" in source for source in new)
    codecache._stores.clear()
    with codecache.dataclass_code():  # the first classes again: theirs are kept now
        _make_classes()
    assert set(codecache._CodeStore(str(store)).codes) == first


# -- the plugins' TOML data ---------------------------------------------------------------

DATA_FILES = (
    ("lintnews.plugins.hygiene", "words.toml"),
    ("lintnews.plugins.quotes", "attribution.toml"),
    *(
        ("lintnews.plugins.boilerplate", f"{name}.toml")
        for name in (
            *("advertisement", "author", "cookie", "navigation", "newsletter"),
            *("paywall", "related", "share", "syndication"),
        )
    ),
)


@pytest.fixture
def data_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from lintnews.plugins import _data

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LINTNEWS_NO_REGEX_CACHE", raising=False)
    monkeypatch.setattr(_data, "_directory", _data._MISSING)
    return tmp_path


def _tomllib_parse(package: str, name: str) -> dict[str, object]:
    from importlib import resources

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    __import__(package)
    return tomllib.loads(resources.files(package).joinpath("data", name).read_text("utf-8"))


def test_plugin_data_equals_tomllib_cold_and_warm(
    data_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintnews.plugins import _data

    for package, name in DATA_FILES:
        expected = _tomllib_parse(package, name)
        assert _data.load_toml(package, "data", name) == expected  # cold: parsed, stored
    entries = list(data_store.glob("lintnews/data-*/*"))
    assert len(entries) == len(DATA_FILES)

    def no_parse(raw: bytes) -> dict[str, object]:
        raise AssertionError("a warm load parsed TOML")

    monkeypatch.setattr(_data, "_parse", no_parse)
    for package, name in DATA_FILES:
        warm = _data.load_toml(package, "data", name)
        assert warm == _tomllib_parse(package, name)
        assert list(warm) == list(_tomllib_parse(package, name))  # same key order


def test_plugin_data_store_survives_corruption_and_can_be_switched_off(
    data_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import marshal

    from lintnews.plugins import _data

    package, name = DATA_FILES[0]
    expected = _tomllib_parse(package, name)
    _data.load_toml(package, "data", name)
    (entry,) = data_store.glob("lintnews/data-*/*")
    entry.write_bytes(b"\x00garbage")
    assert _data.load_toml(package, "data", name) == expected
    # an entry whose digest is not its file's (a clash, a copied file) is never used
    entry.write_bytes(marshal.dumps(("0" * 32, {"function_words": {}})))
    assert _data.load_toml(package, "data", name) == expected
    entry.unlink()
    monkeypatch.setenv("LINTNEWS_NO_REGEX_CACHE", "1")
    monkeypatch.setattr(_data, "_directory", _data._MISSING)
    assert _data.load_toml(package, "data", name) == expected
    assert not list(data_store.glob("lintnews/data-*/*"))


_IMPORT_PLUGINS = (
    "import sys\n"
    "import lintnews.plugins.boilerplate, lintnews.plugins.quotes\n"
    "import lintnews.plugins.headlines, lintnews.plugins.readability\n"
    "import lintnews.plugins.hygiene\n"
    "from lintnews.plugins.boilerplate import phrases\n"
    "from lintnews.plugins.quotes import rules as qt\n"
    "print('PARSED', phrases.load.cache_info().currsize, qt._data.cache_info().currsize)\n"
    "print('MODULES', ' '.join(sorted(sys.modules)))\n"
)


def test_importing_the_plugins_loads_no_phrase_data(tmp_path: Path) -> None:
    """Phrase lists and attribution words load when a rule first runs, not at import;
    hygiene's word table (TX007's default option) comes from the store, warm."""
    env = _env(tmp_path)
    for _ in range(2):  # the first run fills the stores
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT_PLUGINS], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    assert "PARSED 0 0" in done.stdout
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("MODULES "))
    modules = set(line.split()[1:])
    for name in ("importlib.resources", "tempfile", "zipfile"):
        assert name not in modules


def test_phrase_regexes_are_the_same_in_every_process() -> None:
    """The store is keyed by pattern text: an order that changes per process would miss."""
    code = (
        "import hashlib\n"
        "from lintnews.plugins.boilerplate import phrases as ph\n"
        "from lintnews.plugins.quotes.rules import _patterns\n"
        "d = ph.load('share')\n"
        "for rx in (ph.compile_phrases(d.phrases, d.patterns), _patterns()['verb_first']):\n"
        "    print(hashlib.sha256(rx.pattern.encode()).hexdigest())\n"
    )
    outs = set()
    for seed in ("1", "2", "3", "4"):  # set order follows the string-hash seed
        env = dict(os.environ, PYTHONHASHSEED=seed, LINTNEWS_NO_REGEX_CACHE="1")
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outs.add(out.stdout)
    assert len(outs) == 1


# -- garbage collection at start-up ------------------------------------------------------


def test_gc_is_paused_only_inside_the_block_and_frozen_only_by_main() -> None:
    import gc

    from lintnews import cli

    assert gc.isenabled()  # importing the CLI (under gc_paused) left the collector on
    frozen = gc.get_freeze_count()
    with cli.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # only main(), the CLI process, freezes
    gc.disable()
    try:
        with cli.gc_paused():  # a caller that turned the collector off keeps it off
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_made_while_paused_skip_the_young_collections() -> None:
    """Resuming after a pause moves what the block made to the oldest generation
    (freeze + unfreeze), so the collector does not start by walking it all; it
    unfreezes nothing another caller froze."""
    import gc

    from lintnews import cli

    if gc.get_freeze_count():  # pragma: no cover - a test run that froze objects
        pytest.skip("objects are frozen in this process")
    with cli.gc_paused():
        made = [[i] for i in range(5000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 700  # no backlog: the next allocation does not collect
    assert not any(gc.is_finalized(x) for x in made[:10])  # still ordinary objects
    gc.freeze()
    try:
        kept = gc.get_freeze_count()
        with cli.gc_paused():
            [[i] for i in range(100)]
        assert gc.get_freeze_count() >= kept  # nothing of theirs came back
    finally:
        gc.unfreeze()


def test_importing_the_cli_leaves_the_collector_on_and_nothing_frozen() -> None:
    code = (
        "import gc, lintnews.cli\n"
        "print(gc.isenabled(), gc.get_freeze_count(), gc.get_count()[0] < 700)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "0", "True"]


def test_an_in_process_check_leaves_the_collector_on(tmp_path: Path) -> None:
    import gc

    from lintnews.cli import app

    (tmp_path / "x.txt").write_text(CLEAN, encoding="utf-8")
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit) as exit_info:
        app(["check", str(tmp_path / "x.txt"), "--no-cache"], standalone_mode=True)
    assert exit_info.value.code == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen


# -- the entry-point cache across working directories -------------------------------------


def test_entry_point_cache_serves_every_working_directory(tmp_path: Path) -> None:
    """`python -m lintnews` in a new directory still finds its entry points cached.

    The working directory is on sys.path; it is keyed by the package metadata it
    holds, not by its path, so hopping between directories (or many of them
    sharing a venv) does not push out the cached list and bring back
    importlib.metadata.
    """
    probe = (
        "import sys\n"
        "from lintnews.manager import discover_entry_points\n"
        "eps = discover_entry_points()\n"
        "print(sorted(e.name for e in eps), 'importlib.metadata' in sys.modules)\n"
    )
    env = _env(tmp_path)
    outputs = []
    for name in ("first", "second", "third"):
        cwd = tmp_path / name
        cwd.mkdir()
        (cwd / "probe.py").write_text(probe, encoding="utf-8")
        # `-m` puts the working directory's full path on sys.path (`-c` puts "")
        out = subprocess.run(
            [sys.executable, "-m", "probe"], cwd=cwd, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        outputs.append(out.stdout.strip())
    assert outputs[0].endswith("True")  # scanned once...
    assert outputs[1].endswith("False") and outputs[2].endswith("False")  # ...then cached
    assert len({o.rsplit(" ", 1)[0] for o in outputs}) == 1


# -- the dataclass code store -------------------------------------------------------------


def _make_classes() -> tuple[type, type]:
    """Two dataclasses with every generated method: frozen + ordered, and defaults."""
    import dataclasses

    @dataclasses.dataclass(frozen=True, order=True, slots=True)
    class Point:
        x: int
        y: int = 0

    @dataclasses.dataclass
    class Bag:
        name: str
        items: list[int] = dataclasses.field(default_factory=list)
        hidden: str = dataclasses.field(default="", repr=False, compare=False)

    return Point, Bag


def _methods(cls: type) -> dict[str, tuple[bytes, tuple[object, ...]]]:
    names = ("__init__", "__repr__", "__eq__", "__hash__", "__lt__", "__setattr__")
    out = {}
    for name in names:
        fn = cls.__dict__.get(name)
        if fn is not None and hasattr(fn, "__code__"):
            consts = tuple(c for c in fn.__code__.co_consts if not hasattr(c, "co_code"))
            out[name] = (fn.__code__.co_code, consts)
    return out


@pytest.fixture
def code_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from lintnews import codecache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LINTNEWS_NO_CODE_CACHE", raising=False)
    monkeypatch.setattr(codecache, "_stores", {})
    return tmp_path


def test_dataclasses_made_from_stored_code_are_the_same(code_store: Path) -> None:
    import dataclasses

    from lintnews import codecache

    plain = _make_classes()
    with codecache.dataclass_code():  # cold: compiles and stores
        cold = _make_classes()
    assert "exec" not in vars(dataclasses)
    (store,) = code_store.glob("lintnews/dataclass-code-*.marshal")
    codecache._stores.clear()
    with codecache.dataclass_code():  # warm: read back from the file
        warm = _make_classes()
    assert not next(iter(codecache._stores.values())).dirty  # nothing new to compile
    for made in (cold, warm):
        for ref, cls in zip(plain, made, strict=True):
            assert _methods(cls) == _methods(ref)
            assert [f.name for f in dataclasses.fields(cls)] == [
                f.name for f in dataclasses.fields(ref)
            ]
        point, bag = made
        p = point(1, 2)
        assert repr(p) == "_make_classes.<locals>.Point(x=1, y=2)"
        assert p == point(1, 2) and hash(p) == hash(point(1, 2)) and point(1) < p
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 3  # type: ignore[misc]
        assert dataclasses.replace(p, y=5) == point(1, 5)
        b = bag("a")
        b.items.append(1)
        assert bag("a").items == [] and repr(b) == "_make_classes.<locals>.Bag(name='a', items=[1])"
        assert bag("a", [1], hidden="x") == b
    assert store.stat().st_size > 0


def test_dataclass_code_store_survives_corruption_and_can_be_switched_off(
    code_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from lintnews import codecache

    with codecache.dataclass_code():
        _make_classes()
    (store,) = code_store.glob("lintnews/dataclass-code-*.marshal")
    store.write_bytes(b"\x00garbage")
    codecache._stores.clear()
    with codecache.dataclass_code():
        point, _ = _make_classes()
    assert point(1, 2) == point(1, 2)
    store.unlink()
    codecache._stores.clear()
    monkeypatch.setenv("LINTNEWS_NO_CODE_CACHE", "1")
    with codecache.dataclass_code():
        assert "exec" not in vars(dataclasses)
        _make_classes()
    assert not store.exists()


def test_dataclass_code_never_replaces_another_exec(
    code_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from lintnews import codecache

    def other(*args: object) -> None:
        return exec(*args)

    monkeypatch.setattr(dataclasses, "exec", other, raising=False)
    with codecache.dataclass_code():
        assert dataclasses.exec is other  # type: ignore[attr-defined]
    assert dataclasses.exec is other  # type: ignore[attr-defined]
