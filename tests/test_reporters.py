"""The built-in reporters (text, full, json) and the Reporter base class,
run in-process on real engine results from a private rule set."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

import lintnews.readers
import lintnews.reporters
from lintnews import __version__
from lintnews.config import config_from_mapping
from lintnews.engine import Engine, RunResult
from lintnews.hookspecs import hookimpl
from lintnews.manager import PluginRegistry
from lintnews.reporters.base import Reporter, rule_statistics
from lintnews.reporters.json import JsonReporter, result_to_dict
from lintnews.reporters.text import FullReporter, TextReporter
from lintnews.rules import FixAvailability, Rule
from lintnews.violations import Diagnostic, Fix, Severity


def _word_rule(code: str, name: str, word: str, severity: Severity, fixable: bool) -> Rule:
    def check(article, options):  # type: ignore[no-untyped-def]
        for p in article.paragraphs:
            start = p.text.find(word)
            while start != -1:
                span = p.span_of(start, start + len(word))
                yield Diagnostic(span, f"{word} here", Fix.delete(span) if fixable else None)
                start = p.text.find(word, start + 1)

    return Rule(
        code=code,
        name=name,
        summary=f"Flags {word}",
        explanation="",
        bad_example=word,
        good_example="",
        check=check,
        severity=severity,
        fix=FixAvailability.SAFE if fixable else FixAvailability.NONE,
    )


def _span_rule(article, options):  # type: ignore[no-untyped-def]
    """Flags from 'START' to the end of the paragraph (a multi-line span)."""
    for p in article.paragraphs:
        i = p.text.find("START")
        if i != -1:
            yield Diagnostic(p.span_of(i, len(p.text)), "long span")


def _crash(article, options):  # type: ignore[no-untyped-def]
    raise ValueError("reporter test crash")


class Plugin:
    @hookimpl
    def lintnews_rules(self) -> list[Rule]:
        return [
            _word_rule("QX001", "banana-word", "banana", Severity.ERROR, True),
            _word_rule("QX002", "cherry-word", "cherry", Severity.WARNING, False),
            _word_rule("QX003", "kiwi-word", "kiwi", Severity.INFO, False),
            Rule("QX004", "long-span", "Multi-line span", "", "", "", check=_span_rule),
            Rule("QX005", "crasher", "Crashes", "", "", "", check=_crash, enabled_by_default=False),
        ]


def engine(**settings: Any) -> Engine:
    registry = PluginRegistry(
        use_entry_points=False,
        extra_plugins=[
            ("readers", lintnews.readers),
            ("reporters", lintnews.reporters),
            ("qx", Plugin()),
        ],
    )
    return Engine(config_from_mapping(settings), registry=registry)


def lint(text: str, filename: str = "story.txt", **settings: Any) -> RunResult:
    return engine(**settings).lint_text(text, filename=filename)


def render(cls: type[Reporter], result: RunResult, **kwargs: Any) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    sources = kwargs.pop("sources", {})
    cls(out, error_stream=err, sources=sources, **kwargs).report(result)
    return out.getvalue(), err.getvalue()


ARTICLE = "Market report\n\nA banana and a cherry and another cherry.\n\nOne kiwi, one banana.\n"


# -- text ---------------------------------------------------------------------------
def test_text_lines_summary_and_order() -> None:
    out, err = render(TextReporter, lint(ARTICLE))
    assert err == ""
    assert out.splitlines() == [
        "story.txt:3:3: QX001 [*] banana here [banana-word]",
        "story.txt:3:16: QX002 cherry here [cherry-word]",
        "story.txt:3:35: QX002 cherry here [cherry-word]",
        "story.txt:5:5: QX003 kiwi here [kiwi-word]",
        "story.txt:5:15: QX001 [*] banana here [banana-word]",
        "",
        "Found 5 violations (2 errors, 2 warnings, 1 info) in 1 of 1 file; 2 fixable ([*]).",
    ]


def test_text_clean_and_quiet() -> None:
    out, _ = render(TextReporter, lint("Title\n\nNothing here.\n"))
    assert out == "All clear: 1 file checked, no violations.\n"
    out, _ = render(TextReporter, lint(ARTICLE), quiet=True)
    assert len(out.splitlines()) == 5 and "Found" not in out


def test_text_colour_only_decorates() -> None:
    result = lint(ARTICLE)
    plain, _ = render(TextReporter, result)
    coloured, _ = render(TextReporter, result, color=True)
    assert "\033[31m" in coloured  # errors in red
    assert re.sub(r"\033\[[0-9;]*m", "", coloured) == plain


def test_text_statistics() -> None:
    out, _ = render(TextReporter, lint(ARTICLE), statistics=True)
    block = out.split("Statistics:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split() for line in block] == [
        ["2", "QX001", "[*]", "banana-word"],
        ["2", "QX002", "cherry-word"],
        ["1", "QX003", "kiwi-word"],
    ]


@pytest.mark.parametrize(
    "texts",
    [
        [ARTICLE],
        ["Title\n\nNothing here.\n"],
        [ARTICLE, "Title\n\nNothing here.\n", "Kiwi\n\nkiwi kiwi cherry.\n"],
        ["Only\n\ncherry.\n", "Fruit\n\nbanana banana.\n"],
    ],
)
def test_text_summary_counts_in_memory_results_like_the_tally(texts: list[str]) -> None:
    """An in-memory run's summary is counted by the reporter (no lintnews.spool):
    the same line as from the run's Tally, whatever the mix of severities and files."""
    eng = engine()
    results = [eng.lint_text(t, filename=f"s{i}.txt") for i, t in enumerate(texts)]
    files = [f for r in results for f in r.files]
    result = RunResult(files, [], len(files), results[0].rules)
    assert type(result.files) is list
    summary = TextReporter(io.StringIO()).summary(result)
    # the same results in a sequence that is not a list take the spool's way: the Tally
    tallied = RunResult(tuple(files), [], len(files), results[0].rules)
    assert TextReporter(io.StringIO()).summary(tallied) == summary
    assert summary.startswith(("Found ", "All clear: "))
    out, _ = render(TextReporter, result)
    assert out.splitlines()[-1] == summary


def test_errors_go_to_the_error_stream_with_detail_when_verbose() -> None:
    result = engine(**{"extend-select": ["QX005"]}).lint_text(ARTICLE, filename="s.txt")
    out, err = render(TextReporter, result)
    assert "reporter test crash" not in out
    assert err.startswith("lintnews: error: s.txt: ") and len(err.splitlines()) == 1
    _, err = render(TextReporter, result, verbose=True)
    assert "Traceback" in err and "ValueError: reporter test crash" in err


# -- full / --show-source ------------------------------------------------------------------
def test_full_caret_under_the_span(tmp_path: Path) -> None:
    result = lint(ARTICLE)
    out, _ = render(FullReporter, result, sources={"story.txt": ARTICLE})
    lines = out.splitlines()
    i = lines.index("story.txt:3:16: QX002 cherry here [cherry-word]")
    assert lines[i + 1 : i + 4] == [
        "  |",
        "3 | A banana and a cherry and another cherry.",
        "  |                ^^^^^^",
    ]
    # --show-source on the text format gives the same output.
    same, _ = render(TextReporter, result, show_source=True, sources={"story.txt": ARTICLE})
    assert same == out


def test_full_reads_files_and_keeps_tabs_for_alignment(tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_text("Title\r\n\r\n\tIndented banana.\r\n", encoding="utf-8")
    result = engine().lint_paths([str(path)])
    out, _ = render(FullReporter, result)
    lines = out.splitlines()
    assert lines[0] == f"{path}:3:11: QX001 [*] banana here [banana-word]"
    assert lines[2] == "3 | \tIndented banana."
    assert lines[3] == "  | \t         ^^^^^^"


def test_full_multi_line_span_underlines_to_end_of_line() -> None:
    text = "T\n\nSay START of a\nparagraph on two lines.\n"
    result = lint(text, select=["QX004"])
    out, _ = render(FullReporter, result, sources={"story.txt": text})
    lines = out.splitlines()
    assert lines[0] == "story.txt:3:5: QX004 long span [long-span]"
    assert lines[2:4] == ["3 | Say START of a", "  |     ^^^^^^^^^^"]


def test_full_long_line_is_windowed_around_the_span() -> None:
    text = "T\n\n" + "word " * 60 + "banana " + "word " * 60 + "\n"
    result = lint(text, select=["QX001"])
    out, _ = render(FullReporter, result, sources={"story.txt": text})
    source_line, caret_line = out.splitlines()[2:4]
    assert len(source_line) <= 4 + 120
    col = caret_line.index("^")
    assert source_line[col : col + 6] == "banana"
    assert caret_line.count("^") == 6


def test_missing_source_just_skips_the_snippet() -> None:
    result = lint(ARTICLE)
    out, _ = render(FullReporter, result)  # story.txt does not exist on disk
    assert out.splitlines()[0] == "story.txt:3:3: QX001 [*] banana here [banana-word]"
    assert " | " not in out


# -- json -----------------------------------------------------------------------------------
def test_json_contract() -> None:
    result = lint(ARTICLE, filename="desk/a.md")
    out, err = render(JsonReporter, result)
    assert err == ""
    data = json.loads(out)
    assert list(data) == ["version", "files_checked", "violations", "errors", "metrics"]
    assert data["version"] == __version__
    assert data["files_checked"] == 1
    assert data["errors"] == []
    assert data["violations"][0] == {
        "path": "desk/a.md",
        "line": 3,
        "column": 3,
        "end_line": 3,
        "end_column": 9,
        "code": "QX001",
        "name": "banana-word",
        "severity": "error",
        "message": "banana here",
        "plugin": "qx",
        "fixable": True,
    }
    assert [v["code"] for v in data["violations"]] == ["QX001", "QX002", "QX002", "QX003", "QX001"]
    assert data == result_to_dict(result)


def test_json_errors_and_statistics() -> None:
    result = engine(**{"extend-select": ["QX005"]}).lint_text(ARTICLE, filename="s.txt")
    out, err = render(JsonReporter, result, statistics=True)
    assert err == ""  # errors belong to the document, not stderr
    data = json.loads(out)
    assert len(data["errors"]) == 1
    assert data["errors"][0]["path"] == "s.txt"
    assert "reporter test crash" in data["errors"][0]["message"]
    assert data["statistics"][0] == {"code": "QX001", "name": "banana-word", "count": 2,
                                     "fixable": 2}  # fmt: skip


def test_json_is_utf8_not_escaped() -> None:
    out, _ = render(JsonReporter, lint("Café\n\nUn banana à Paris.\n", filename="é.txt"))
    assert '"path": "é.txt"' in out


# -- base class -------------------------------------------------------------------------------
def test_rule_statistics_order() -> None:
    stats = rule_statistics(lint(ARTICLE).violations())
    assert [(s.code, s.count, s.fixable) for s in stats] == [
        ("QX001", 2, 2),
        ("QX002", 2, 0),
        ("QX003", 1, 0),
    ]


def test_base_report_must_be_overridden() -> None:
    with pytest.raises(NotImplementedError):
        Reporter(io.StringIO()).report(lint(ARTICLE))


def test_subclass_accepts_future_keywords_and_source_lines(tmp_path: Path) -> None:
    class Lines(Reporter):
        name = "lines"

        def report(self, result: RunResult) -> None:
            for v in result.violations():
                self.stream.write(f"{self.source_line(v.path, v.line)}\n")

    path = tmp_path / "a.txt"
    path.write_text("T\r\n\r\nbanana\u2028split\r\n", encoding="utf-8")
    out = io.StringIO()
    # Unknown keyword arguments (added to the CLI later) must not break a reporter.
    Lines(out, color=False, some_future_option=True).report(engine().lint_paths([str(path)]))
    # Only "\n" ends a line, as in the engine: U+2028 stays inside the line.
    assert out.getvalue() == "banana\u2028split\n"


def test_builtin_formats_are_registered_through_the_hook() -> None:
    formats = engine().registry.output_formats()
    assert formats["text"] is TextReporter
    assert formats["full"] is FullReporter
    assert formats["json"] is JsonReporter
    for name, cls in formats.items():
        assert issubclass(cls, Reporter) and cls.name == name and cls.description


def test_json_violation_lines_are_the_encoders_bytes() -> None:
    """The json reporter writes plain violations with an f-string: byte for byte what
    the encoder writes for to_dict(); odd field types go through the encoder."""
    import dataclasses

    from lintnews.article import Span
    from lintnews.reporters.json import _violation_json
    from lintnews.violations import Edit, Violation

    dumps = json.JSONEncoder(ensure_ascii=False).encode
    base = Violation(
        path='dir/naïve "quoted" \\ path.txt',
        code="TX001",
        name="odd-name",
        severity=Severity.WARNING,
        message="Tab\there, newline\nthere, \x00 control, emoji 📰, \u2028 separator",
        plugin="hygiene",
        line=3,
        column=10**20,
        end_line=4,
        end_column=-1,
        span=Span(0, 1),
    )
    fix = Fix((Edit(Span(0, 1), "x"),), safe=False)
    variants = [
        base,
        dataclasses.replace(base, fix=fix),
        dataclasses.replace(base, fix=fix, unsafe_fixes=True),
        dataclasses.replace(base, fix=Fix((Edit(Span(0, 1), "x"),))),
    ]
    for v in variants:
        assert _violation_json(v) == dumps(v.to_dict())
    assert [json.loads(_violation_json(v) or "")["fixable"] for v in variants] == [
        False,
        False,
        True,
        True,
    ]

    class Path2(str):
        pass

    odd = [dataclasses.replace(base, line=True), dataclasses.replace(base, path=Path2("p"))]
    for v in odd:
        assert _violation_json(v) is None  # the reporter uses the encoder for these
