"""Every malformed configuration through the real CLI: one line, file, key, expectation.

``lintnews check`` must print exactly one ``lintnews: error: ...`` line on
stderr naming the config file, the key and what was expected, print nothing
on stdout, and exit 2: never a traceback, never a silently ignored setting.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _robust import cli

ARTICLE = "Council budget approved\n\nA man crossed the road on Tuesday, police said.\n"

# (file name, content, regex the single error line must match after "lintnews: error: ")
CASES = [
    ("lintnews.toml", 'select = ["PW"', r"lintnews\.toml:1:\d+: invalid TOML: "),
    ("lintnews.toml", "a = 1 = 2", r"lintnews\.toml:1:\d+: invalid TOML: "),
    ("lintnews.toml", "colour = true", r"lintnews\.toml: unknown key 'colour'"),
    (
        "lintnews.toml",
        'fail_on = "error"',
        r"lintnews\.toml: unknown key 'fail_on' \(did you mean 'fail-on'\?\)",
    ),
    # wrong type for each key
    *[
        ("lintnews.toml", f"{key} = {value}", rf"lintnews\.toml: key '{key}': expected {exp}")
        for key, value, exp in [
            ("select", '"PW001"', "a list of strings, got 'PW001'"),
            ("ignore", "[1]", "a list of non-empty strings, got 1"),
            ("extend-select", "true", "a list of strings, got true"),
            ("include", "{}", "a list of strings, got a table"),
            ("extend-include", "3", "a list of strings, got 3"),
            ("exclude", '[""]', "a list of non-empty strings, got ''"),
            ("extend-exclude", '"x"', "a list of strings, got 'x'"),
            ("plugins", '"bad.py"', "a list of strings, got 'bad.py'"),
            ("respect-gitignore", '"yes"', "true or false, got 'yes'"),
            ("force-exclude", "1", "true or false, got 1"),
            ("report-unused-suppressions", '"no"', "true or false, got 'no'"),
            ("fail-on", '"fatal"', "one of error, warning, info, got 'fatal'"),
            ("fail-on", "2", "one of error, warning, info, got 2"),
            ("max-file-size", "-1", "a positive number of bytes, got -1"),
            ("max-file-size", '"10MB"', "a positive number of bytes, got '10MB'"),
            ("rule-timeout", "0", "a positive number of seconds, got 0"),
            ("rule-timeout", '"fast"', "a positive number of seconds, got 'fast'"),
            ("language", '"english!"', "a language code such as 'en', got 'english!'"),
            ("per-file-ignores", "[]", "a table, got a list"),
            ("severity", '"error"', "a table, got 'error'"),
            ("rules", "1", "a table, got 1"),
            ("readers", "[]", "a table, got a list"),
            ("encoding", '"latin-1"', "a table, got 'latin-1'"),
        ]
    ],
    (
        "lintnews.toml",
        '[per-file-ignores]\n"*.md" = "PW001"',
        r"lintnews\.toml: key 'per-file-ignores\.\*\.md': expected a list of strings",
    ),
    (
        "lintnews.toml",
        '[severity]\nPW001 = "loud"',
        r"lintnews\.toml: key 'severity\.PW001': expected one of error, warning, info, got 'loud'",
    ),
    (
        "lintnews.toml",
        "[rules]\nPW001 = 3",
        r"lintnews\.toml: key 'rules\.PW001': expected a table, got 3",
    ),
    (
        "lintnews.toml",
        '[encoding]\n"old/**" = "klingon-8"',
        r"lintnews\.toml: key 'encoding\.old/\*\*': expected a Python codec name",
    ),
    (
        "lintnews.toml",
        '[readers]\n"*.x" = "klingon"',
        r"lintnews\.toml: key 'readers\.\*\.x': expected one of .*markdown.*, got 'klingon'",
    ),
    # unknown rule codes wherever rules are named
    *[
        ("lintnews.toml", toml, rf"lintnews\.toml: key '{key}': expected a rule code")
        for toml, key in [
            ('select = ["ZZ999"]', "select"),
            ('ignore = ["no-such-rule"]', "ignore"),
            ('extend-select = ["QQ"]', "extend-select"),
            ('[per-file-ignores]\n"*.md" = ["XX001"]', r"per-file-ignores\.\*\.md"),
            ('[severity]\nXX001 = "error"', r"severity\.XX001"),
            ("[rules.XX001]\nmax = 3", r"rules\.XX001"),
        ]
    ],
    (
        "lintnews.toml",
        "[rules.HL003]\nno-such-option = 3",
        r"lintnews\.toml: key 'rules\.HL003\.no-such-option': unknown option for HL003",
    ),
    (
        "lintnews.toml",
        '[rules.RD001]\nmin-reading-ease = "hard"',
        r"lintnews\.toml: key 'rules\.RD001\.min-reading-ease': expected an integer or a number,"
        r" got 'hard'",
    ),
    # globs
    *[
        ("lintnews.toml", toml, rf"lintnews\.toml: key '{key}': expected a glob")
        for toml, key in [
            ('exclude = ["archive\\\\"]', "exclude"),
            ('include = ["[z-a].md"]', "include"),
            ('[per-file-ignores]\n"[z-a].md" = ["PW"]', r"per-file-ignores\.\[z-a\]\.md"),
            ('[encoding]\n"[z-a]" = "latin-1"', r"encoding\.\[z-a\]"),
        ]
    ],
    # pyproject.toml
    (
        "pyproject.toml",
        '[tool]\nlintnews = "on"',
        r"pyproject\.toml: key 'tool\.lintnews': expected a table",
    ),
    (
        "pyproject.toml",
        '[tool.lintnews]\nfail-on = "fatal"',
        r"pyproject\.toml: key 'tool\.lintnews\.fail-on': expected one of error, warning, info",
    ),
    (
        "pyproject.toml",
        '[tool.lintnews]\nselect = ["ZZ999"]',
        r"pyproject\.toml: key 'tool\.lintnews\.select': expected a rule code",
    ),
]


def _ids() -> list[str]:
    return [re.sub(r"\W+", "-", c[1])[:40].strip("-") for c in CASES]


@pytest.mark.parametrize(("name", "toml", "pattern"), CASES, ids=_ids())
def test_malformed_config_is_one_line(tmp_path: Path, name: str, toml: str, pattern: str) -> None:
    (tmp_path / name).write_text(toml + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    explicit = ["--config", name] if name == "pyproject.toml" else []
    run = cli(["check", *explicit, "a.txt"], tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("lintnews: error: ")
    assert re.match(pattern, lines[0][len("lintnews: error: ") :]), lines[0]


def test_nonexistent_config_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run = cli(["check", "--config", "missing.toml", "a.txt"], tmp_path)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr == "lintnews: error: config file 'missing.toml' does not exist\n"


def test_bad_fail_on_flag(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run = cli(["check", "--fail-on", "fatal", "a.txt"], tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("lintnews: error: --fail-on: ")
    assert len(run.stderr.splitlines()) == 1


def test_unknown_code_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run = cli(["check", "--select", "ZZ999", "a.txt"], tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("lintnews: error: --select: expected a rule code")
    assert len(run.stderr.splitlines()) == 1
