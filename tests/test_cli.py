"""The command line, run for real in subprocesses: commands, flags, exit codes.

Rule results come only from the local plugin in ``clihelp.MYPLUGIN`` (loaded
through ``plugins = ["myplugin.py"]``, which also tests local plugin loading),
so these tests do not move when the built-in rules change.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from clihelp import ARTICLE, assert_one_line_error, lintnews, make_project

from lintnews import __version__

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "scraped-article.txt"

VIOLATION_KEYS = {
    "path": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "code": str,
    "name": str,
    "severity": str,
    "message": str,
    "plugin": str,
    "fixable": bool,
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def check_json_contract(data: dict) -> None:
    """Exactly the documented keys and types (additive keys listed explicitly)."""
    assert set(data) <= {
        "version",
        "files_checked",
        "violations",
        "errors",
        "metrics",
        "statistics",
    }
    assert {"version", "files_checked", "violations", "errors", "metrics"} <= set(data)
    assert data["version"] == __version__
    assert isinstance(data["files_checked"], int) and not isinstance(data["files_checked"], bool)
    for v in data["violations"]:
        assert set(v) == set(VIOLATION_KEYS), v
        for key, typ in VIOLATION_KEYS.items():
            assert type(v[key]) is typ, (key, v[key])
        assert v["line"] >= 1 and v["column"] >= 1
        assert (v["end_line"], v["end_column"]) >= (v["line"], v["column"])
        assert v["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"[A-Z]{2}[0-9]{3}", v["code"])
    for e in data["errors"]:
        assert set(e) == {"path", "message"} and all(isinstance(x, str) for x in e.values())
    assert isinstance(data["metrics"], dict)
    for path, metrics in data["metrics"].items():
        assert isinstance(path, str) and isinstance(metrics, dict)


# -- basics ---------------------------------------------------------------------
def test_version() -> None:
    proc = lintnews("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"lintnews {__version__}"


def test_help_lists_commands() -> None:
    proc = lintnews("--help")
    assert proc.returncode == 0
    for command in ("check", "rules", "explain", "init"):
        assert command in proc.stdout
    check_help = lintnews("check", "--help").stdout
    for flag in ("--select", "--ignore", "--extend-select", "--format", "--output", "--exit-zero",
                 "--fail-on", "--quiet", "--statistics", "--show-source", "--config",
                 "--no-color", "--verbose", "--stdin-filename"):  # fmt: skip
        assert flag in check_help, flag


#: the typer app for sys.argv, as lintnews.console falls back to it
TYPER_MAIN = "import sys; from lintnews.cli import main; sys.argv[0] = 'lintnews'; main()"


@pytest.mark.parametrize("typer_path", [False, True], ids=["console", "typer"])
def test_rich_and_pydantic_are_never_imported(project: Path, typer_path: bool) -> None:
    """typer imports rich lazily (and 0.29+ pydantic): start-up time forbids both.
    A plain check line does not import typer at all (lintnews.console)."""
    import subprocess
    import sys

    entry = ["-c", TYPER_MAIN] if typer_path else ["-m", "lintnews"]
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *entry, "check", "a.txt"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "lintnews.checkrun" in imported
    roots = {m.split(".")[0] for m in imported}
    assert ("typer" in roots) is typer_path  # typer 0.28 vendors click as typer._click
    assert "click" not in roots or typer_path
    heavy = roots & {"rich", "pydantic"}
    assert not heavy, heavy


# -- check: text output -------------------------------------------------------------
def test_text_format_lines_and_summary(project: Path) -> None:
    proc = lintnews("check", "a.txt", cwd=project)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "a.txt:3:10: ZZ901 [*] found 'banana' [forbidden-word]"
    assert lines[1] == "a.txt:5:9: ZZ902 an apple [apple-mention]"
    assert lines[-1] == ("Found 2 violations (1 error, 1 info) in 1 of 1 file; 1 fixable ([*]).")
    assert "\033[" not in proc.stdout  # not a TTY: no colour
    assert proc.stderr == ""  # no progress, no errors off a TTY


def test_clean_run_exits_zero(project: Path) -> None:
    (project / "clean.txt").write_text("Title\n\nNothing to see.\n", encoding="utf-8")
    proc = lintnews("check", "clean.txt", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "All clear: 1 file checked, no violations."


def test_directory_paths_are_relative_to_the_argument(project: Path) -> None:
    sub = project / "desk"
    sub.mkdir()
    (sub / "b.md").write_text("# Title\n\nA banana.\n", encoding="utf-8")
    data = json.loads(lintnews("check", "desk", "--format", "json", cwd=project).stdout)
    assert [v["path"] for v in data["violations"]] == ["desk/b.md"]
    assert data["files_checked"] == 1


def test_color_flags(project: Path) -> None:
    assert "\033[" in lintnews("check", "a.txt", "--color", cwd=project).stdout
    assert "\033[" not in lintnews("check", "a.txt", "--no-color", cwd=project).stdout
    assert "\033[" not in lintnews("check", "a.txt", "--color", "--format", "json",
                                   cwd=project).stdout  # fmt: skip


def test_quiet_drops_the_summary(project: Path) -> None:
    proc = lintnews("check", "a.txt", "--quiet", cwd=project)
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 2
    assert all(line.startswith("a.txt:") for line in proc.stdout.splitlines())


@pytest.mark.parametrize("how", [["--show-source"], ["--format", "full"]])
def test_show_source_caret(project: Path, how: list[str]) -> None:
    proc = lintnews("check", "a.txt", *how, cwd=project)
    lines = proc.stdout.splitlines()
    i = lines.index("a.txt:3:10: ZZ901 [*] found 'banana' [forbidden-word]")
    assert lines[i + 2] == "3 | We ate a banana today."
    assert lines[i + 3] == "  |          ^^^^^^"


def test_statistics_text_and_json(project: Path) -> None:
    proc = lintnews("check", "a.txt", "--statistics", cwd=project)
    assert re.search(r"^\s+1\s+ZZ901\s+\[\*\] forbidden-word$", proc.stdout, re.M), proc.stdout
    assert re.search(r"^\s+1\s+ZZ902\s+apple-mention$", proc.stdout, re.M), proc.stdout
    data = json.loads(lintnews("check", "a.txt", "--statistics", "--format", "json",
                               cwd=project).stdout)  # fmt: skip
    assert data["statistics"] == [
        {"code": "ZZ901", "name": "forbidden-word", "count": 1, "fixable": 1},
        {"code": "ZZ902", "name": "apple-mention", "count": 1, "fixable": 0},
    ]


# -- check: JSON -------------------------------------------------------------------------
def test_json_contract_and_positions(project: Path) -> None:
    proc = lintnews("check", "a.txt", "--format", "json", cwd=project)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    check_json_contract(data)
    assert data["files_checked"] == 1
    assert data["errors"] == []
    assert data["violations"][0] == {
        "path": "a.txt",
        "line": 3,
        "column": 10,
        "end_line": 3,
        "end_column": 16,
        "code": "ZZ901",
        "name": "forbidden-word",
        "severity": "error",
        "message": "found 'banana'",
        "plugin": "local:myplugin.py",
        "fixable": True,
    }
    assert "statistics" not in data


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/samples is not present")
def test_json_contract_on_the_motivating_sample(tmp_path: Path) -> None:
    proc = lintnews("check", str(SAMPLE), "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    check_json_contract(data)
    assert data["files_checked"] == 1
    assert {v["path"] for v in data["violations"]} <= {str(SAMPLE)}


def test_output_file(project: Path) -> None:
    proc = lintnews("check", "a.txt", "--format", "json", "--output", "out.json", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout == ""
    data = json.loads((project / "out.json").read_text(encoding="utf-8"))
    assert [v["code"] for v in data["violations"]] == ["ZZ901", "ZZ902"]


def test_output_format_from_a_plugin(project: Path) -> None:
    """--format choices come from the loaded plugins at run time."""
    proc = lintnews("check", "a.txt", "--format", "count", cwd=project)
    assert (proc.returncode, proc.stdout) == (1, "2\n")


def test_unknown_format_is_a_one_line_error(project: Path) -> None:
    proc = lintnews("check", "a.txt", "--format", "nope", cwd=project)
    assert_one_line_error(proc, "unknown output format 'nope'")
    assert "json" in proc.stderr and "count" in proc.stderr


# -- check: stdin --------------------------------------------------------------------------
def test_stdin_with_and_without_a_filename(project: Path) -> None:
    article = "# Title\n\nA banana **split**.\n"
    proc = lintnews("check", "-", "--stdin-filename", "desk/story.md", "--format", "json",
                    cwd=project, stdin=article)  # fmt: skip
    data = json.loads(proc.stdout)
    assert [(v["path"], v["line"], v["column"]) for v in data["violations"]] == [
        ("desk/story.md", 3, 3)
    ]
    assert data["files_checked"] == 1
    proc = lintnews("check", "-", cwd=project, stdin=ARTICLE)
    assert proc.stdout.splitlines()[0].startswith("-:3:10: ZZ901")


def test_stdin_with_show_source(project: Path) -> None:
    proc = lintnews("check", "-", "--show-source", cwd=project, stdin=ARTICLE)
    assert "3 | We ate a banana today." in proc.stdout


def test_stdin_filename_without_dash_is_a_usage_error(project: Path) -> None:
    assert_one_line_error(lintnews("check", "a.txt", "--stdin-filename", "x.md", cwd=project))


# -- check: selection and exit codes ------------------------------------------------------------
def codes(proc) -> list[str]:  # type: ignore[no-untyped-def]
    return [v["code"] for v in json.loads(proc.stdout)["violations"]]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "ZZ902"], ["ZZ902"]),
        (["--select", "forbidden-word"], ["ZZ901"]),
        (["--select", "ZZ901,ZZ902"], ["ZZ901", "ZZ902"]),
        (["--select", "ZZ901", "--select", "ZZ902"], ["ZZ901", "ZZ902"]),
        (["--ignore", "ZZ901"], ["ZZ902"]),
        (["--ignore", "ZZ901,apple-mention"], []),
    ],
)
def test_select_and_ignore(project: Path, args: list[str], expected: list[str]) -> None:
    assert codes(lintnews("check", "a.txt", "--format", "json", *args, cwd=project)) == expected


def test_extend_select_adds_an_opt_in_rule(project: Path) -> None:
    (project / "c.txt").write_text("Title\n\nDo not crash.\n", encoding="utf-8")
    proc = lintnews("check", "c.txt", "--format", "json", cwd=project)
    assert json.loads(proc.stdout)["errors"] == []
    proc = lintnews("check", "c.txt", "--format", "json", "--extend-select", "ZZ903",
                    cwd=project)  # fmt: skip
    errors = json.loads(proc.stdout)["errors"]
    assert len(errors) == 1 and errors[0]["path"] == "c.txt"
    assert "boom on purpose" in errors[0]["message"]
    assert proc.returncode == 2


def test_plugin_crash_text_stderr_and_verbose_traceback(project: Path) -> None:
    (project / "c.txt").write_text("Title\n\nDo not crash.\n", encoding="utf-8")
    proc = lintnews("check", "c.txt", "--extend-select", "ZZ903", cwd=project)
    assert proc.returncode == 2
    assert_one_line_error(proc, "c.txt: ")
    assert "boom on purpose" in proc.stderr
    proc = lintnews("check", "c.txt", "--extend-select", "ZZ903", "-v", cwd=project)
    assert proc.returncode == 2
    assert "Traceback" in proc.stderr and "RuntimeError: boom on purpose" in proc.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 1),  # ZZ901 is an error, default fail-on is warning
        (["--exit-zero"], 0),
        (["--select", "ZZ902"], 0),  # info only
        (["--select", "ZZ902", "--fail-on", "info"], 1),
        (["--fail-on", "error"], 1),
        (["--select", "ZZ902", "--fail-on", "error"], 0),
    ],
)
def test_exit_codes(project: Path, args: list[str], code: int) -> None:
    proc = lintnews("check", "a.txt", *args, cwd=project)
    assert proc.returncode == code, proc.stdout + proc.stderr


def test_fail_on_from_config(project: Path) -> None:
    (project / "lintnews.toml").write_text(
        'plugins = ["myplugin.py"]\nselect = ["ZZ902"]\nfail-on = "info"\n', encoding="utf-8"
    )
    assert lintnews("check", "a.txt", cwd=project).returncode == 1


def test_rule_options_from_config(project: Path) -> None:
    (project / "lintnews.toml").write_text(
        'plugins = ["myplugin.py"]\nselect = ["ZZ901"]\n[rules.forbidden-word]\nword = "Fruit"\n',
        encoding="utf-8",
    )
    proc = lintnews("check", "a.txt", "--format", "json", cwd=project)
    # The headline is not a paragraph, so "Fruit" in it is not flagged: no violations.
    assert codes(proc) == []
    (project / "a.txt").write_text("T\n\nFruit salad.\n", encoding="utf-8")
    proc = lintnews("check", "a.txt", "--format", "json", cwd=project)
    assert [v["message"] for v in json.loads(proc.stdout)["violations"]] == ["found 'Fruit'"]


# -- one-line errors -------------------------------------------------------------------------
def test_unknown_code_in_select(project: Path) -> None:
    assert_one_line_error(lintnews("check", "a.txt", "--select", "QQ999", cwd=project), "QQ999")


def test_nonexistent_path(project: Path) -> None:
    assert_one_line_error(lintnews("check", "missing.txt", cwd=project), "missing.txt")


def test_bad_fail_on(project: Path) -> None:
    assert_one_line_error(lintnews("check", "a.txt", "--fail-on", "severe", cwd=project), "severe")


@pytest.mark.parametrize(
    "config",
    [
        'plugins = ["myplugin.py"]\nselect = [\n',  # TOML syntax error
        'plugins = ["myplugin.py"]\nno-such-key = 1\n',  # unknown key
        'plugins = ["myplugin.py"]\nfail-on = "sometimes"\n',  # bad value
        'plugins = ["myplugin.py"]\nselect = ["QQ999"]\n',  # unknown code in config
        'plugins = ["nothere.py"]\n',  # missing local plugin
    ],
)
def test_bad_config_is_a_one_line_error(project: Path, config: str) -> None:
    (project / "lintnews.toml").write_text(config, encoding="utf-8")
    assert_one_line_error(lintnews("check", "a.txt", cwd=project))


def test_missing_config_file(project: Path) -> None:
    assert_one_line_error(lintnews("check", "a.txt", "--config", "nope.toml", cwd=project),
                          "nope.toml")  # fmt: skip


def test_explicit_config_file(project: Path) -> None:
    (project / "lintnews.toml").unlink()
    other = project / "conf"
    other.mkdir()
    (other / "my.toml").write_text('plugins = ["../myplugin.py"]\nselect = ["ZZ902"]\n',
                                   encoding="utf-8")  # fmt: skip
    proc = lintnews("check", "a.txt", "--config", "conf/my.toml", "--format", "json", cwd=project)
    assert codes(proc) == ["ZZ902"], proc.stderr


# -- rules ------------------------------------------------------------------------------------
def test_rules_text_lists_local_rules(project: Path) -> None:
    proc = lintnews("rules", cwd=project)
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("ZZ901"))
    assert row.split()[:5] == ["ZZ901", "forbidden-word", "local:myplugin.py", "error", "safe"]
    assert "A forbidden word" in row
    assert re.search(r"^ZZ903\s+crashing-rule \(opt-in\)", proc.stdout, re.M)


def test_rules_json(project: Path) -> None:
    data = json.loads(lintnews("rules", "--format", "json", cwd=project).stdout)
    by_code = {r["code"]: r for r in data}
    assert by_code["ZZ901"] == {
        "code": "ZZ901",
        "name": "forbidden-word",
        "plugin": "local:myplugin.py",
        "distribution": "local",
        "severity": "error",
        "fixable": True,
        "fix": "safe",
        "enabled_by_default": True,
        "summary": "A forbidden word",
        "options": {"word": {"default": "banana", "doc": "the word to flag"}},
    }
    assert by_code["ZZ903"]["enabled_by_default"] is False
    assert [r["code"] for r in data] == sorted(by_code)


def test_rules_markdown(project: Path) -> None:
    out = lintnews("rules", "--format", "markdown", cwd=project).stdout
    assert out.startswith("| Code | Name |")
    assert (
        "| ZZ902 | `apple-mention` | local:myplugin.py | info | no | on | Mentions an apple |"
        in out
    )


def test_rules_bad_format() -> None:
    assert_one_line_error(lintnews("rules", "--format", "yaml"), "yaml")


# -- explain -------------------------------------------------------------------------------------
def _explained(stdout: str) -> list[str]:
    """The sections of an ``explain`` output, each from its ``# CODE name`` line."""
    return re.split(r"\n(?=# [A-Z]+[0-9]+ )", stdout)


def test_explain_every_registered_rule(tmp_path: Path) -> None:
    rules = json.loads(lintnews("rules", "--format", "json", cwd=tmp_path).stdout)
    assert rules, "no rules registered at all"
    # every code and every name, in one process: each resolves to its own rule, in order
    keys = [key for rule in rules for key in (rule["code"], rule["name"])]
    proc = lintnews("explain", *keys, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    sections = _explained(proc.stdout)
    assert len(sections) == len(keys)
    for section, rule in zip(sections, [rule for rule in rules for _ in range(2)], strict=True):
        assert section.startswith(f"# {rule['code']} {rule['name']}\n"), section[:80]
        assert "## Example" in section and "## Use instead" in section
    # one key alone prints that section alone, as it is in the list
    alone = lintnews("explain", rules[0]["name"].upper(), cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout == sections[0].rstrip("\n") + "\n"


def test_explain_all_is_every_rule_in_code_order(tmp_path: Path) -> None:
    rules = json.loads(lintnews("rules", "--format", "json", cwd=tmp_path).stdout)
    codes = sorted(rule["code"] for rule in rules)
    proc = lintnews("explain", "--all", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    listed = lintnews("explain", *codes, cwd=tmp_path)
    assert proc.stdout == listed.stdout
    assert [s.split("\n", 1)[0].split()[1] for s in _explained(proc.stdout)] == codes


def test_explain_checks_every_key_before_writing(tmp_path: Path) -> None:
    proc = lintnews("explain", "HL001", "ZZ999", cwd=tmp_path)
    assert_one_line_error(proc, "ZZ999")
    assert proc.stdout == ""  # not HL001's page with an error after it
    for args, needle in ((["--all", "HL001"], "--all"), ([], "--all")):
        assert_one_line_error(lintnews("explain", *args, cwd=tmp_path), needle)


def test_explain_local_rule_shows_examples_and_options(project: Path) -> None:
    proc = lintnews("explain", "zz901", cwd=project)
    assert proc.returncode == 0
    assert "Flags the configured word." in proc.stdout
    assert "banana" in proc.stdout and "`word`" in proc.stdout


def test_explain_unknown_rule(project: Path) -> None:
    assert_one_line_error(lintnews("explain", "ZZ999", cwd=project), "ZZ999")
    assert (
        "did you mean 'forbidden-word'" in lintnews("explain", "forbiden-word", cwd=project).stderr
    )


# -- init ----------------------------------------------------------------------------------------
def test_init_writes_a_loadable_config_and_refuses_to_overwrite(tmp_path: Path) -> None:
    proc = lintnews("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    target = tmp_path / "lintnews.toml"
    written = target.read_text(encoding="utf-8")
    assert "fail-on" in written and written.count("\n# ") > 10  # commented
    # The starter config must load: a clean article checks without a config error.
    (tmp_path / "ok.txt").write_text("Title\n\nFine.\n", encoding="utf-8")
    proc = lintnews("check", "ok.txt", "--select", "LN", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr

    target.write_text("# mine\n", encoding="utf-8")
    proc = lintnews("init", cwd=tmp_path)
    assert_one_line_error(proc, "already exists")
    assert target.read_text(encoding="utf-8") == "# mine\n"

    assert lintnews("init", "--force", cwd=tmp_path).returncode == 0
    assert target.read_text(encoding="utf-8") == written


# -- python -m and the console script agree ---------------------------------------------
def test_console_script_matches_module(project: Path) -> None:
    import shutil
    import subprocess
    import sys

    script = Path(sys.executable).with_name("lintnews")
    if not script.exists():
        found = shutil.which("lintnews")
        if not found:
            pytest.skip("no lintnews console script next to this interpreter")
        script = Path(found)
    proc = subprocess.run([str(script), "check", "a.txt"], cwd=project, capture_output=True,
                          text=True)  # fmt: skip
    assert proc.returncode == 1
    assert proc.stdout == lintnews("check", "a.txt", cwd=project).stdout


# -- a plugin that fails to load -----------------------------------------------------------
BROKEN = (
    "from lintnews.hookspecs import hookimpl\n\n"
    "@hookimpl\ndef lintnews_rules():\n    raise RuntimeError('cannot declare')\n"
)


def test_broken_plugin_does_not_hide_the_others(project: Path) -> None:
    (project / "broken.py").write_text(BROKEN, encoding="utf-8")
    (project / "lintnews.toml").write_text(
        'plugins = ["myplugin.py", "broken.py"]\nselect = ["ZZ901"]\n', encoding="utf-8"
    )
    proc = lintnews("rules", cwd=project)
    assert "ZZ901" in proc.stdout  # the healthy plugin is still listed
    assert_one_line_error(proc, "cannot declare")

    proc = lintnews("check", "a.txt", cwd=project)
    assert proc.stdout.startswith("a.txt:3:10: ZZ901")
    assert_one_line_error(proc, "local:broken.py")

    proc = lintnews("check", "a.txt", "-v", cwd=project)
    assert proc.returncode == 2
    assert "Traceback" in proc.stderr and "RuntimeError: cannot declare" in proc.stderr


# -- progress ------------------------------------------------------------------------------
class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_tty_and_cleared_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews import checkrun, cli

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert cli.make_progress() is None  # not a terminal: never any progress output

    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    monkeypatch.setattr(checkrun, "PROGRESS_AFTER_SECONDS", 0.0)  # read where make_progress is
    progress = cli.make_progress()
    assert progress is not None
    progress(1, 3)
    assert tty.getvalue() == "\rlintnews: checked 1/3 files"
    progress(2, 3)  # within 0.1 s of the last redraw: skipped
    assert tty.getvalue() == "\rlintnews: checked 1/3 files"
    progress(3, 3)
    assert tty.getvalue().endswith("\r\033[K")  # the line is erased when done


def test_no_progress_for_short_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews import cli

    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    progress = cli.make_progress()
    assert progress is not None
    progress(1, 2)
    progress(2, 2)
    assert tty.getvalue() == ""  # finished before PROGRESS_AFTER_SECONDS
