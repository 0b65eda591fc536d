"""The public Python API: lint_text, lint_paths, lazy re-exports."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import lintnews
from lintnews.errors import InputError

PAYWALL = "Council votes on budget\n\nSubscribe now to continue reading this article.\n"


def test_import_is_cheap() -> None:
    code = (
        "import sys, lintnews\n"
        "heavy = [m for m in ('lintnews.engine', 'lintnews.config', 'pluggy', 'typing', "
        "'charset_normalizer', 'pathspec') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_reexports() -> None:
    from lintnews.article import Article
    from lintnews.hookspecs import hookimpl
    from lintnews.rules import Option, Rule
    from lintnews.violations import Diagnostic, Fix, Severity, Violation

    assert lintnews.Article is Article and lintnews.Violation is Violation
    assert lintnews.Rule is Rule and lintnews.Option is Option
    assert lintnews.Diagnostic is Diagnostic and lintnews.Fix is Fix
    assert lintnews.Severity is Severity and lintnews.hookimpl is hookimpl
    assert set(lintnews.__all__) <= set(dir(lintnews))
    with pytest.raises(AttributeError):
        _ = lintnews.no_such_thing


def test_lint_text_finds_a_paywall_prompt_with_position() -> None:
    config = lintnews.Config(select=("PW001",))
    violations = lintnews.lint_text(PAYWALL, filename="story.txt", config=config)
    assert [(v.path, v.line, v.column, v.code) for v in violations] == [
        ("story.txt", 3, 1, "PW001")
    ]
    assert violations[0].to_dict()["name"] == "paywall-prompt"


def test_lint_text_markdown_by_filename() -> None:
    config = lintnews.Config(select=("PW001",))
    text = "---\ntitle: Council votes\n---\n\nSubscribe now to continue reading this article.\n"
    (v,) = lintnews.lint_text(text, filename="story.md", config=config)
    assert (v.line, v.column) == (5, 1)
    ignored = text.replace("---\n\n", "lintnews-ignore: [PW001]\n---\n\n", 1)
    assert lintnews.lint_text(ignored, filename="story.md", config=config) == []


def test_lint_text_default_config_and_bad_input() -> None:
    assert any(v.code == "PW001" for v in lintnews.lint_text(PAYWALL))
    with pytest.raises(InputError, match="front matter"):
        lintnews.lint_text("---\ntitle: [oops\n---\nBody.\n", filename="a.md")


def test_lint_paths_discovers_config(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('select = ["PW001"]\nfail-on = "error"\n')
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(PAYWALL)
    (tmp_path / "news" / "b.md").write_text("# Fine\n\nNothing to see.\n")
    result = lintnews.lint_paths([str(tmp_path / "news")])
    assert isinstance(result, lintnews.RunResult)
    assert result.files_checked == 2
    assert [(Path(v.path).name, v.code) for v in result.violations()] == [("a.txt", "PW001")]
    assert lintnews.exit_code(result, "error") == 0
    assert lintnews.exit_code(result, "warning") == 1


def test_lint_paths_with_explicit_config_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAYWALL)
    config = dataclasses.replace(lintnews.Config(root=tmp_path), ignore=("PW",))
    result = lintnews.lint_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], config=config)
    assert [v.code for v in result.violations() if v.code.startswith("PW")] == []
    assert [Path(e.path).name for e in result.all_errors()] == ["b.txt"]
    assert lintnews.exit_code(result, "warning") == 2
