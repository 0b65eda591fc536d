"""The engine end to end, on real files in tmp_path, with a tiny test plugin.

The plugin ``demo`` (prefix ZZ) finds a word; built-in rule plugins are left
out (``use_entry_points=False``) so these tests do not move when their
phrase lists change; the built-in readers and core rules are registered
explicitly.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

import lintnews.core_rules
import lintnews.readers
from lintnews.article import Article
from lintnews.config import Config, with_overrides
from lintnews.engine import Engine, RunResult, exit_code
from lintnews.errors import ConfigError, InputError, PluginError, UsageError
from lintnews.hookspecs import hookimpl
from lintnews.manager import PluginRegistry
from lintnews.rules import ArticleDigest, Option, Rule, RunDiagnostic
from lintnews.violations import Diagnostic, Severity


def find_word(article: Article, options: Mapping[str, Any]) -> Iterable[Diagnostic]:
    word = options["word"]
    for p in article.paragraphs:
        for m in re.finditer(rf"\b{re.escape(word)}\b", p.text):
            yield Diagnostic(p.span_of(m.start(), m.end()), f"found {word!r}")


def crash(article: Article, options: Mapping[str, Any]) -> Iterable[Diagnostic]:
    raise RuntimeError("rule exploded")


def find_long_words(article: Article, options: Mapping[str, Any]) -> Iterable[Diagnostic]:
    for p in article.paragraphs:
        for m in re.finditer(r"\w+", p.text):
            if len(m.group()) >= options["min-length"]:
                yield Diagnostic(p.span_of(m.start(), m.end()), "long word")


def headline_digest(article: Article, options: Mapping[str, Any]) -> Any:
    if article.headline is None:
        return None
    span = article.headline.span
    return (article.headline.text, span.start, span.end, article.position(span.start))


def duplicate_headlines(
    digests: Sequence[ArticleDigest], options: Mapping[str, Any]
) -> Iterable[RunDiagnostic]:
    seen: dict[str, str] = {}
    for d in sorted(digests, key=lambda d: d.path):
        if d.data is None:
            continue
        text, start, end, (line, col) = d.data
        if text in seen:
            diag = Diagnostic(_span(start, end), f"same headline as {seen[text]}")
            if options["carry-positions"]:
                yield RunDiagnostic(d.path, diag, line, col, line, col + end - start)
            else:
                yield RunDiagnostic(d.path, diag)
        else:
            seen[text] = d.path


def _span(start: int, end: int):  # type: ignore[no-untyped-def]
    from lintnews.article import Span

    return Span(start, end)


RULES = [
    Rule(
        "ZZ001",
        "zebra-word",
        "Finds a word.",
        "Finds the configured word.",
        "a zebra",
        "a horse",
        check=find_word,
        options={"word": Option("zebra", "the word to find")},
    ),
    Rule(
        "ZZ002",
        "always-crashes",
        "Crashes.",
        "Raises on every article.",
        "x",
        "y",
        check=crash,
        enabled_by_default=False,
    ),
    Rule(
        "ZZ003",
        "long-word",
        "Finds long words.",
        "Words of min-length letters or more.",
        "extraordinarily",
        "big",
        check=find_long_words,
        severity=Severity.INFO,
        enabled_by_default=False,
        options={"min-length": Option(14, "letters")},
    ),
    Rule(
        "ZZ101",
        "duplicate-headline",
        "Two articles share a headline.",
        "Run-level.",
        "x",
        "y",
        digest=headline_digest,
        check_run=duplicate_headlines,
        options={"carry-positions": Option(True, "digest carries line/column")},
    ),
]


class DemoPlugin:
    def __init__(self) -> None:
        self.configured: list[Config] = []
        self.observed: list[list[ArticleDigest]] = []

    @hookimpl
    def lintnews_rules(self) -> list[Rule]:
        return RULES

    @hookimpl
    def lintnews_configure(self, config: Config) -> None:
        self.configured.append(config)

    @hookimpl
    def lintnews_check_run(self, articles: Sequence[ArticleDigest]) -> None:
        self.observed.append(list(articles))

    @hookimpl
    def lintnews_article_metrics(self, article: Article) -> Mapping[str, Any]:
        return {"demo": {"paragraphs": len(article.paragraphs)}}


def make_registry(*extra: tuple[str, object]) -> PluginRegistry:
    return PluginRegistry(
        use_entry_points=False,
        extra_plugins=[
            ("readers", lintnews.readers),
            ("core", lintnews.core_rules),
            ("demo", DemoPlugin()),
            *extra,
        ],
    )


def engine_for(tmp_path: Path, registry: PluginRegistry | None = None, **settings: Any) -> Engine:
    config = dataclasses.replace(Config(root=tmp_path), **settings)
    return Engine(config, registry or make_registry())


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def codes(result: RunResult) -> list[tuple[str, int, int, str]]:
    return [(Path(v.path).name, v.line, v.column, v.code) for v in result.violations()]


ARTICLE = "The headline\n\nA zebra crossed the road.\n\nNothing else happened here.\n"


# -- positions ---------------------------------------------------------------------


def test_position_of_a_phrase_in_a_text_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Headline here\n\nFirst line.\nThen a zebra, twice: zebra.\n")
    result = engine_for(tmp_path).lint_paths([path])
    found = [(v.line, v.column, v.end_line, v.end_column) for v in result.violations()]
    assert found == [(4, 8, 4, 13), (4, 22, 4, 27)]
    assert result.files_checked == 1
    assert exit_code(result, Severity.WARNING) == 1


def test_position_with_crlf_and_non_ascii(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Título\r\n\r\nCafé — a zebra.\r\n".encode())
    (v,) = engine_for(tmp_path).lint_paths([str(path)]).violations()
    # columns count code points: "Café — a " is 9 of them
    assert (v.line, v.column, v.end_column) == (3, 10, 15)


def test_position_in_markdown(tmp_path: Path) -> None:
    text = "---\ntitle: A story\n---\n\nSome **bold** text with a *zebra* in it.\n"
    path = write(tmp_path / "a.md", text)
    (v,) = engine_for(tmp_path).lint_paths([path]).violations()
    assert (v.line, v.column, v.end_column) == (5, 28, 33)
    assert text.splitlines()[4][v.column - 1 : v.end_column - 1] == "zebra"


def test_position_in_html(tmp_path: Path) -> None:
    text = "<html><body>\n<h1>Title</h1>\n<p>The <b>big</b> &amp; zebra.</p>\n</body></html>\n"
    path = write(tmp_path / "a.html", text)
    (v,) = engine_for(tmp_path).lint_paths([path]).violations()
    assert (v.line, v.column, v.end_column) == (3, 25, 30)


# -- selection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, {"ZZ001", "ZZ101"}),
        ({"select": ("ZZ003",)}, {"ZZ003"}),
        ({"select": ("ZZ",)}, {"ZZ001", "ZZ002", "ZZ003", "ZZ101"}),
        ({"select": ("long-word",)}, {"ZZ003"}),
        ({"select": ("zz0",), "ignore": ("ZZ002",)}, {"ZZ001", "ZZ003"}),
        ({"extend_select": ("ZZ003",)}, {"ZZ001", "ZZ003", "ZZ101"}),
        ({"ignore": ("zebra-word",)}, {"ZZ101"}),
        ({"ignore": ("ZZ",), "extend_select": ("ZZ001",)}, {"ZZ001"}),  # code beats prefix
        ({"select": ("ZZ001",), "ignore": ("ZZ001",)}, set()),  # ignore wins ties
        ({"select": ("ALL",), "ignore": ("LN", "ZZ002")}, {"ZZ001", "ZZ003", "ZZ101"}),
    ],
)
def test_select_ignore_extend_select(
    tmp_path: Path, settings: dict[str, Any], expected: set[str]
) -> None:
    engine = engine_for(tmp_path, **settings)
    selected = {a.rule.code for a in engine.selected_rules() if a.rule.prefix == "ZZ"}
    assert selected == expected


def test_default_selection_includes_core_rules_except_ln001(tmp_path: Path) -> None:
    selected = {a.rule.code for a in engine_for(tmp_path).selected_rules()}
    assert selected == {"LN002", "LN003", "ZZ001", "ZZ101"}
    on = engine_for(tmp_path, report_unused_suppressions=True).selected_rules()
    assert "LN001" in {a.rule.code for a in on}


def test_ignore_applies_to_results(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    assert codes(engine_for(tmp_path).lint_paths([path])) == [("a.txt", 3, 3, "ZZ001")]
    assert codes(engine_for(tmp_path, ignore=("ZZ",)).lint_paths([path])) == []


def test_unknown_selector_in_config_is_a_config_error(tmp_path: Path) -> None:
    config = dataclasses.replace(Config(root=tmp_path, path=tmp_path / "lintnews.toml"))
    config = dataclasses.replace(config, select=("ZZ999",))
    with pytest.raises(ConfigError) as info:
        Engine(config, make_registry())
    assert str(info.value).endswith(
        "lintnews.toml: key 'select': expected a rule code, prefix or name, got unknown 'ZZ999'"
    )


def test_unknown_selector_on_command_line_is_a_usage_error(tmp_path: Path) -> None:
    config = with_overrides(Config(root=tmp_path), ignore=["nope-rule"])
    with pytest.raises(UsageError, match=r"^--ignore: .*'nope-rule'"):
        Engine(config, make_registry())


def test_unknown_per_file_ignore_and_severity_codes(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"key 'per-file-ignores\.\*\.md'.*'QQ1'"):
        engine_for(tmp_path, per_file_ignores={"*.md": ("QQ1",)})
    with pytest.raises(ConfigError, match=r"key 'severity\.ZZ9'"):
        engine_for(tmp_path, severity={"ZZ9": Severity.ERROR})


def test_per_file_ignores(tmp_path: Path) -> None:
    a = write(tmp_path / "news" / "a.txt", ARTICLE)
    b = write(tmp_path / "archive" / "b.txt", ARTICLE)
    c = write(tmp_path / "archive" / "old" / "c.md", ARTICLE)
    engine = engine_for(
        tmp_path,
        per_file_ignores={"archive/*.txt": ("ZZ0",), "*.md": ("zebra-word",)},
        ignore=("ZZ101",),
    )
    result = engine.lint_paths([a, b, c])
    assert [Path(v.path).name for v in result.violations()] == ["a.txt"]
    assert {r.rule.code for r in engine.selected_rules(b)} == {"LN002", "LN003"}


def test_severity_override_and_fail_on(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    result = engine_for(tmp_path, severity={"ZZ": Severity.INFO}).lint_paths([path])
    (v,) = result.violations()
    assert v.severity is Severity.INFO
    assert exit_code(result, Severity.WARNING) == 0
    assert exit_code(result, "info") == 1
    result = engine_for(
        tmp_path, severity={"ZZ": Severity.INFO, "zebra-word": Severity.ERROR}
    ).lint_paths([path])
    assert result.violations()[0].severity is Severity.ERROR  # the name is more specific
    assert result.counts_by_severity() == {"info": 0, "warning": 0, "error": 1}
    assert exit_code(result, Severity.ERROR) == 1
    # the reported rules carry the resolved severity (for SARIF and `rules` output)
    assert {r.code: r.severity for r in result.rules}["ZZ001"] is Severity.ERROR


# -- rule options --------------------------------------------------------------------


def test_rule_options_are_passed_by_code_or_name(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Head\n\nA lion and a zebra.\n")
    result = engine_for(tmp_path, rule_options={"ZZ001": {"word": "lion"}}).lint_paths([path])
    assert [v.message for v in result.violations()] == ["found 'lion'"]
    result = engine_for(
        tmp_path,
        select=("ZZ003",),
        rule_options={"long-word": {"min_length": 4}},  # snake_case finds the kebab option
    ).lint_paths([path])
    assert [(v.column, v.end_column) for v in result.violations()] == [(3, 7), (14, 19)]


def test_rule_options_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the file is named relative to the working directory
    config_path = tmp_path / "lintnews.toml"

    def build(options: dict[str, Any]) -> None:
        Engine(Config(root=tmp_path, path=config_path, rule_options=options), make_registry())

    with pytest.raises(ConfigError) as info:
        build({"ZZ001": {"colour": "red"}})
    assert str(info.value) == (
        "lintnews.toml: key 'rules.ZZ001.colour': unknown option for ZZ001 (zebra-word); "
        "expected one of: word"
    )
    with pytest.raises(ConfigError) as info:
        build({"long-word": {"min-length": "ten"}})
    assert str(info.value) == (
        "lintnews.toml: key 'rules.long-word.min-length': expected an integer, got 'ten'"
    )
    with pytest.raises(ConfigError, match="expected an integer, got true"):
        build({"ZZ003": {"min-length": True}})
    with pytest.raises(ConfigError, match=r"key 'rules\.ZZ404': .*unknown 'ZZ404'"):
        build({"ZZ404": {}})


# -- crashes and plugin errors --------------------------------------------------------


def test_crashing_rule_is_reported_and_others_still_run(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    result = engine_for(tmp_path, extend_select=("ZZ002",)).lint_paths([path])
    assert [v.code for v in result.violations()] == ["ZZ001"]
    (error,) = result.all_errors()
    assert "'demo'" in error.message and "ZZ002" in error.message
    assert "rule exploded" in error.message
    assert exit_code(result, Severity.ERROR) == 2


def test_prefix_clash_names_both_plugins() -> None:
    class Other:
        @hookimpl
        def lintnews_rules(self) -> list[Rule]:
            return [dataclasses.replace(RULES[0], code="ZZ900", name="other-rule")]

    with pytest.raises(PluginError) as info:
        make_registry(("other", Other()))
    assert "'demo'" in str(info.value) and "'other'" in str(info.value)
    assert "ZZ" in str(info.value)


def test_plugin_load_error_is_a_run_error_and_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken_plugin.py").write_text("raise ImportError('no such thing')\n")
    (tmp_path / "good_plugin.py").write_text(
        "from lintnews.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def lintnews_article_metrics(article):\n"
        "    return {'good': len(article.paragraphs)}\n"
    )
    config = Config(root=tmp_path, plugins=("broken_plugin.py", "good_plugin.py"))
    registry = PluginRegistry(
        local_plugins=config.plugins,
        base_dir=tmp_path,
        use_entry_points=False,
        extra_plugins=[("readers", lintnews.readers), ("demo", DemoPlugin())],
    )
    path = write(tmp_path / "a.txt", ARTICLE)
    result = Engine(config, registry).lint_paths([path])
    assert [e.path for e in result.errors] == [""]
    assert "broken_plugin.py" in result.errors[0].message
    assert result.metrics()[path]["good"] == 2
    assert [v.code for v in result.violations()] == ["ZZ001"]
    assert exit_code(result, Severity.WARNING) == 2


def test_reader_crash_names_the_reader_plugin(tmp_path: Path) -> None:
    class BadReader:
        @hookimpl
        def lintnews_reader_formats(self) -> dict[str, str]:
            return {".news": "newsml"}

        @hookimpl
        def lintnews_read_article(self, text: str, format: str) -> Article | None:
            if format != "newsml":
                return None
            if "broken" in text:
                raise InputError("newsml: missing <body> at line 2")
            return {}["boom"]  # type: ignore[no-any-return]

    engine = engine_for(tmp_path, make_registry(("newsml-reader", BadReader())))
    a = write(tmp_path / "a.news", "x")
    b = write(tmp_path / "b.news", "broken")
    c = write(tmp_path / "c.txt", ARTICLE)
    result = engine.lint_paths([str(tmp_path)])
    assert [f.path for f in result.files] == [a, b, c]
    errors = {Path(e.path).name: e.message for e in result.all_errors()}
    assert errors["a.news"].startswith("reader plugin 'newsml-reader' crashed")
    assert "KeyError" in errors["a.news"]
    assert errors["b.news"] == "newsml: missing <body> at line 2"
    assert result.files_checked == 1
    assert [v.path for v in result.violations()] == [c]


def test_broken_front_matter_is_one_line_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: [unclosed\n---\n\nBody zebra.\n")
    result = engine_for(tmp_path).lint_paths([path])
    (error,) = result.all_errors()
    assert error.path == path and "front matter" in error.message and "\n" not in error.message
    assert exit_code(result, Severity.ERROR) == 2


def test_metrics_merged_and_crashing_metrics_hook_named(tmp_path: Path) -> None:
    class BadMetrics:
        @hookimpl
        def lintnews_article_metrics(self, article: Article, config: Config) -> None:
            raise ZeroDivisionError("no words")

    path = write(tmp_path / "a.txt", ARTICLE)
    result = engine_for(tmp_path).lint_paths([path])
    assert result.metrics() == {path: {"demo": {"paragraphs": 2}}}
    result = engine_for(tmp_path, make_registry(("bad-metrics", BadMetrics()))).lint_paths([path])
    (error,) = result.all_errors()
    assert "'bad-metrics'" in error.message and "ZeroDivisionError" in error.message
    assert result.metrics() == {path: {"demo": {"paragraphs": 2}}}
    assert [v.code for v in result.violations()] == ["ZZ001"]


def test_configure_once_and_observer_sees_digests(tmp_path: Path) -> None:
    demo = DemoPlugin()
    registry = PluginRegistry(
        use_entry_points=False, extra_plugins=[("readers", lintnews.readers), ("demo", demo)]
    )
    engine = engine_for(tmp_path, registry)
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", "Other headline\n\nText.\n")
    engine.lint_paths([str(tmp_path)])
    assert demo.configured == [engine.config]
    (observed,) = demo.observed
    assert sorted(Path(d.path).name for d in observed) == ["a.txt", "b.txt"]


# -- run-level rules --------------------------------------------------------------------


@pytest.mark.parametrize("carry", [True, False])
def test_run_level_results_land_on_the_right_files(tmp_path: Path, carry: bool) -> None:
    write(tmp_path / "one.txt", "Same headline\n\nText.\n")
    write(tmp_path / "two.txt", "Another headline\n\nText.\n")
    write(tmp_path / "sub" / "three.md", "<!-- c -->\n\n# Same headline\n\nText.\n")
    engine = engine_for(tmp_path, rule_options={"ZZ101": {"carry-positions": carry}})
    result = engine.lint_paths([str(tmp_path)])
    (v,) = result.violations()
    assert v.path == str(tmp_path / "sub" / "three.md")
    assert (v.code, v.line, v.column, v.end_column) == ("ZZ101", 3, 3, 16)
    assert v.message == f"same headline as {tmp_path / 'one.txt'}"


def test_run_level_violation_can_be_suppressed_inline(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Same headline\n\nText.\n")
    write(tmp_path / "b.txt", "# lintnews: disable-next-line ZZ101\nSame headline\n\nText.\n")
    engine = engine_for(tmp_path, report_unused_suppressions=True)
    result = engine.lint_paths([str(tmp_path)])
    assert result.violations() == []  # no ZZ101, and its directive is not "unused" (LN001)


# -- suppressions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.md", "# Title\n\n<!-- lintnews: disable-next-line ZZ001 -->\nA zebra.\n\nA zebra.\n"),
        ("a.txt", "Title\n\n<!-- lintnews: disable-next-line ZZ001 -->\nA zebra.\n\nA zebra.\n"),
        ("a.txt", "Title\n\n# lintnews: disable-next-line zebra-word\nA zebra.\n\nA zebra.\n"),
        ("a.txt", "Title\n\n#lintnews: disable-next-line ZZ\nA zebra.\n\nA zebra.\n"),
        (
            "a.html",
            "<h1>Title</h1>\n<!-- lintnews: disable-next-line ZZ001 -->\n<p>A zebra.</p>\n\n"
            "<p>A zebra.</p>\n",
        ),
    ],
)
def test_disable_next_line(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path / name, text)
    result = engine_for(tmp_path).lint_paths([path])
    last_line = text.count("\n")
    assert [(v.line, v.code) for v in result.violations()] == [(last_line, "ZZ001")]


@pytest.mark.parametrize("ext", ["txt", "md"])
def test_disable_enable_range(tmp_path: Path, ext: str) -> None:
    text = (
        "Title line\n\nzebra one\n\n<!-- lintnews: disable ZZ001 -->\n\n"
        "zebra two\n\nzebra three\n\n<!-- lintnews: enable ZZ001 -->\n\nzebra four\n"
    )
    path = write(tmp_path / f"a.{ext}", text)
    result = engine_for(tmp_path).lint_paths([path])
    assert [v.line for v in result.violations()] == [3, 13]


def test_unused_and_unknown_suppressions(tmp_path: Path) -> None:
    text = (
        "Title\n\n<!-- lintnews: disable-next-line ZZ001 -->\nNo animals here.\n\n"
        "# lintnews: disable-next-line XX123\nA zebra.\n"
    )
    path = write(tmp_path / "a.txt", text)
    default = engine_for(tmp_path).lint_paths([path])
    assert [(v.line, v.code) for v in default.violations()] == [(6, "LN002"), (7, "ZZ001")]
    assert "XX123" in default.violations()[0].message
    for engine in (
        engine_for(tmp_path, report_unused_suppressions=True),
        engine_for(tmp_path, extend_select=("unused-suppression",)),
    ):
        found = [(v.line, v.code) for v in engine.lint_paths([path]).violations()]
        assert found == [(3, "LN001"), (6, "LN001"), (6, "LN002"), (7, "ZZ001")]


@pytest.mark.parametrize(
    "front",
    ["lintnews:\n  ignore: [ZZ001]\n", "lintnews-ignore: [zebra-word]\n", "lintnews-ignore: ZZ\n"],
)
def test_front_matter_ignore(tmp_path: Path, front: str) -> None:
    path = write(tmp_path / "a.md", f"---\ntitle: T\n{front}---\n\nA zebra.\n")
    other = write(tmp_path / "b.md", "---\ntitle: T2\n---\n\nA zebra.\n")
    result = engine_for(tmp_path).lint_paths([path, other])
    assert [v.path for v in result.violations()] == [other]


def test_front_matter_unknown_code_and_bad_value(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: T\nlintnews-ignore: [QQ777]\n---\n\nA zebra.\n")
    found = [
        (v.line, v.column, v.code) for v in engine_for(tmp_path).lint_paths([path]).violations()
    ]
    assert found == [(3, 19, "LN002"), (6, 3, "ZZ001")]
    bad = write(tmp_path / "b.md", "---\ntitle: T\nlintnews-ignore: 5\n---\n\nA zebra.\n")
    result = engine_for(tmp_path).lint_paths([bad])
    (error,) = result.all_errors()
    assert error.message == "front matter key 'lintnews-ignore': expected a list of rule codes"


# -- files, errors, ordering ------------------------------------------------------------------


def test_nonexistent_path_is_an_error_and_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    missing = str(tmp_path / "nope.txt")
    result = engine_for(tmp_path).lint_paths([path, missing])
    assert [(e.path, "no such file" in e.message) for e in result.errors] == [(missing, True)]
    assert [v.code for v in result.violations()] == ["ZZ001"]
    assert exit_code(result, Severity.WARNING) == 2


def test_output_sorted_by_path_and_picklable(tmp_path: Path) -> None:
    names = ["z.txt", "a.txt", "m/b.md", "c.html"]
    for n in names:
        write(tmp_path / n, ARTICLE if not n.endswith("html") else "<p>A zebra.</p>")
    calls: list[tuple[int, int]] = []
    result = engine_for(tmp_path).lint_paths(
        [str(tmp_path / "z.txt"), str(tmp_path)], progress=lambda d, t: calls.append((d, t))
    )
    paths = [f.path for f in result.files]
    assert paths == sorted(paths) and len(paths) == 4
    assert calls[-1] == (4, 4)
    clone = pickle.loads(pickle.dumps(result.files))
    assert [v.to_dict() for f in clone for v in f.violations] == [
        v.to_dict() for f in result.files for v in f.violations
    ]


def test_check_file_is_independent_of_the_run(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    engine = engine_for(tmp_path)
    first = engine.check_file(path)
    engine.lint_paths([str(tmp_path)])
    again = engine.check_file(path)
    assert pickle.dumps(first) == pickle.dumps(again)
    other = engine_for(tmp_path, rule_options={"ZZ001": {"word": "road"}})
    assert engine.fingerprint() != other.fingerprint()


def test_binary_too_large_and_undecodable_files(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "big.txt").write_text("x" * 2000)
    (tmp_path / "bad.txt").write_bytes(b"Title\n\nabc \x81\x8d\x8f\x90\x9d \xff\xfe\x00")
    (tmp_path / "garbage.txt").write_bytes(bytes(range(128, 256)) * 3)
    result = engine_for(tmp_path, max_file_size=1000).lint_paths([str(tmp_path)])
    notes = {Path(n.path).name: n.message for n in result.notes()}
    assert notes["bin.txt"] == "binary file (contains NUL bytes); skipped"
    assert notes["big.txt"].startswith("skipped: 2000 bytes is above max-file-size")
    errors = {Path(e.path).name: e.message for e in result.all_errors()}
    assert set(errors) == {"garbage.txt"}
    assert errors["garbage.txt"].startswith("not valid UTF-8 (byte 0x80 at line 1, column 1)")
    assert result.files_checked == 0
    assert exit_code(result, Severity.WARNING) == 2


def test_latin1_file_detected_with_ln003_and_configured_without(tmp_path: Path) -> None:
    text = "Le café\n\nThe mayor said the zebra café would reopen, according to officials.\n"
    (tmp_path / "old.txt").write_bytes(text.encode("latin-1"))
    result = engine_for(tmp_path).lint_paths([str(tmp_path / "old.txt")])
    found = [(v.line, v.column, v.code, v.severity) for v in result.violations()]
    assert found == [(1, 1, "LN003", Severity.INFO), (3, 20, "ZZ001", Severity.WARNING)]
    assert "cp1252" in result.violations()[0].message
    assert exit_code(result, Severity.WARNING) == 1
    configured = engine_for(tmp_path, encoding={"*.txt": "latin-1"})
    assert [v.code for v in configured.lint_paths([str(tmp_path / "old.txt")]).violations()] == [
        "ZZ001"
    ]


def test_reader_override_per_glob(tmp_path: Path) -> None:
    path = write(tmp_path / "story.news", "# Title\n\nA *zebra*.\n")
    engine = engine_for(tmp_path, readers={"*.news": "markdown"})
    assert engine.format_for(path) == "markdown"
    (v,) = engine.lint_paths([path]).violations()
    assert (v.line, v.column) == (3, 4)
    with pytest.raises(ConfigError, match=r"key 'readers\.\*\.news': expected one of .*'rst'"):
        engine_for(tmp_path, readers={"*.news": "rst"})


def test_lint_text_uses_filename(tmp_path: Path) -> None:
    engine = engine_for(tmp_path, per_file_ignores={"skip/*": ("ZZ",)})
    result = engine.lint_text("# T\n\nA *zebra*.\n", filename="story.md")
    assert [(v.path, v.line, v.column) for v in result.violations()] == [("story.md", 3, 4)]
    assert engine.lint_text("\ufeffT\n\nzebra\n", filename="-").violations()[0].line == 3
    assert engine.lint_text("T\n\nzebra\n", filename="skip/x.txt").violations() == []


def test_explicit_file_with_unknown_extension_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.rst", ARTICLE)
    assert codes(engine_for(tmp_path).lint_paths([path])) == [("notes.rst", 3, 3, "ZZ001")]
    assert engine_for(tmp_path).discover([str(tmp_path)]) == ([], [])


def test_paths_reported_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "docs" / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    engine = engine_for(tmp_path)
    assert [f.path for f in engine.lint_paths(["docs"]).files] == [os.path.join("docs", "a.txt")]
    assert [f.path for f in engine.lint_paths(["."]).files] == ["docs/a.txt"]
    assert [f.path for f in engine.lint_paths(["./docs/"]).files] == ["./docs/a.txt"]


def test_read_bytes_reads_to_the_end_whatever_size_was_measured(tmp_path: Path) -> None:
    """engine._read_bytes: one os.read when the measured size is right, else to EOF."""
    from lintnews.engine import _read_bytes

    data = bytes(range(256)) * 1000
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    for measured in (0, 10, len(data) - 1, len(data), len(data) + 1, 10 * len(data)):
        assert _read_bytes(str(path), measured) == data  # grew, shrank, exact
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _read_bytes(str(tmp_path / "empty.txt"), 0) == b""
    with pytest.raises(IsADirectoryError):
        _read_bytes(str(tmp_path), 4096)


@pytest.mark.parametrize("spool", [False, True])
def test_run_rule_crashing_after_yielding_reports_nothing(tmp_path: Path, spool: bool) -> None:
    """Diagnostics are consumed as yielded; a later crash withdraws them (both paths)."""
    from lintnews.article import Span

    def digest(article: Article, options: Mapping[str, Any]) -> Any:
        return 1

    def check_run(digests: Sequence[ArticleDigest], options: Mapping[str, Any]) -> Any:
        for d in digests:
            yield RunDiagnostic(d.path, Diagnostic(Span(0, 1), "seen"), 1, 1, 1, 2)
        raise RuntimeError("late failure")

    rule = Rule(
        code="ZZ201",
        name="late-crash",
        summary="s",
        explanation="e",
        bad_example="b",
        good_example="g",
        digest=digest,
        check_run=check_run,
        plugin="late",
    )

    class Late:
        @hookimpl
        def lintnews_rules(self) -> list[Rule]:
            return [rule]

    registry = PluginRegistry(
        use_entry_points=False, extra_plugins=[("readers", lintnews.readers), ("late", Late())]
    )
    write(tmp_path / "a.txt", "One headline\n\nText.\n")
    write(tmp_path / "b.txt", "Two headline\n\nText.\n")
    result = engine_for(tmp_path, registry).lint_paths([str(tmp_path)], spool=spool)
    assert [v.code for v in result.violations()] == []
    (error,) = result.all_errors()
    assert "ZZ201" in error.message and "RuntimeError: late failure" in error.message


def test_engine_rules_take_configured_severity_and_per_file_ignores(tmp_path: Path) -> None:
    """LN003 (made once per engine, not per file) follows [severity] and per-file-ignores."""
    text = "Le café\n\nThe mayor said the zebra café would reopen, according to officials.\n"
    for name in ("old.txt", "skip/old.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(text.encode("latin-1"))
    engine = engine_for(
        tmp_path, severity={"LN003": Severity.ERROR}, per_file_ignores={"skip/*": ("LN003",)}
    )
    result = engine.lint_paths([str(tmp_path)])
    found = [(Path(v.path).parent.name, v.code, v.severity) for v in result.violations()]
    assert (tmp_path.name, "LN003", Severity.ERROR) in found
    assert ("skip", "LN003", Severity.ERROR) not in found
    assert sum(v.code == "ZZ001" for v in result.violations()) == 2
    default = engine_for(tmp_path).lint_paths([str(tmp_path / "old.txt")])
    assert [v.severity for v in default.violations() if v.code == "LN003"] == [Severity.INFO]


class _Text(str):
    __slots__ = ()


@pytest.mark.parametrize("spool", [False, True])
def test_run_level_diagnostics_of_every_shape_become_the_same_violations(
    tmp_path: Path, spool: bool
) -> None:
    """Diagnostics without a fix go to the run's store as fields (no Violation made
    by the engine); whatever their values, the violations are those the engine
    built before: same fields, same types, same order, in memory and spooled."""
    from lintnews.article import Span
    from lintnews.violations import Edit, Fix, Violation

    shapes: list[tuple[Any, ...]] = [
        ("plain", Span(0, 3), None, (2, 0, 0, 0)),  # column 0 -> 1, end from line/column
        ("plain", Span(1, 2), None, (0, 0, 0, 0)),  # positions from the text
        (_Text("a str subclass"), Span(0, 1), None, (1, 1, 1, 2)),
        ("fixed", Span(0, 1), Fix((Edit(Span(0, 1), "X"),)), (1, 1, 1, 2)),
        ("big", Span(0, 1), None, (2**40, 3, 2**40, 9)),  # past 32 bits
        ("float", Span(0, 1), None, (1.5, 2.0, 3, 4)),
        ("bool", Span(0, 1), None, (True, True, True, True)),
        ("", Span(0, 0), None, (1, 1, 1, 1)),  # an empty message
        ("\ud800 lone surrogate", Span(0, 1), None, (1, 1, 1, 1)),
    ]

    def digest(article: Article, options: Mapping[str, Any]) -> Any:
        return 1

    def check_run(digests: Sequence[ArticleDigest], options: Mapping[str, Any]) -> Any:
        for d in sorted(digests, key=lambda d: d.path):
            for message, span, fix, pos in shapes:
                yield RunDiagnostic(d.path, Diagnostic(span, message, fix), *pos)

    rule = Rule(
        code="SH301",
        name="shapes",
        summary="s",
        explanation="e",
        bad_example="b",
        good_example="g",
        digest=digest,
        check_run=check_run,
        plugin="shapes",
    )

    class Shapes:
        @hookimpl
        def lintnews_rules(self) -> list[Rule]:
            return [rule]

    registry = make_registry(("shapes", Shapes()))
    for name in ("a", "b", "skip/c"):
        write(tmp_path / f"{name}.txt", "One headline\n\nText.\n")
    engine = engine_for(tmp_path, registry, per_file_ignores={"skip/*": ("SH301",)})
    result = engine.lint_paths([str(tmp_path)], spool=spool)
    got = [v for v in result.violations() if v.code == "SH301"]
    expected = []
    for name in ("a", "b"):
        path = str(tmp_path / f"{name}.txt")
        for message, span, fix, (line, column, end_line, end_column) in shapes:
            if line > 0:
                pos = (line, max(column, 1), end_line or line, end_column or column)
            else:
                pos = (1, 2, 1, 3)
            expected.append(
                Violation(
                    path, "SH301", "shapes", Severity.WARNING, message, "shapes", *pos, span, fix
                )
            )
    expected.sort(key=Violation.sort_key)
    assert got == expected
    fields = [f.name for f in dataclasses.fields(Violation)]
    for field in fields:
        assert [(type(getattr(v, f)), getattr(v, f)) for v in got for f in [field]] == [
            (type(getattr(v, f)), getattr(v, f)) for v in expected for f in [field]
        ]
