"""``lintnews check`` without typer: lintnews.checkargs against typer's own parsing, and the
console entry point (lintnews.console) against the typer app, in real subprocesses.

Equivalence: whenever ``parse_check_args`` accepts a command line, its keyword
arguments must equal what typer's ``check`` command passes to ``run_check`` for
the same line (the real typer app parses; ``run_check`` is replaced by a
recorder).  Lines outside the subset must be declined, so typer prints its own
help and errors.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lintnews.cli
from lintnews.checkargs import DEFAULTS, parse_check_args

#: an article with violations of several plugins (inline: no need for ../shared)
STORY = """BREAKING: Council Approves New Budget!!!

By Staff Reporter

The city council approved the the budget on Tuesday , the mayor said.  "It is a good day," she said.

Click here to subscribe to our newsletter! Share this article on Facebook.

The plan, which which will pay for two new schools and a library, was passed by a vote of 7 to 2 \
after a long and very extremely lengthy debate that went on for many hours and hours into the \
night while residents waited outside in the cold to hear what the council members would decide \
about the future of their neighbourhood schools.

Advertisement

Copyright 2024 The Daily News. All rights reserved.
"""

#: a name only a surrogate escape can spell (argv bytes that are not UTF-8)
SURROGATE_NAME = os.fsdecode(b"caf\xe9.txt")


def _check_command() -> Any:
    """typer's click command for ``check`` (the real option table)."""
    from typer.main import get_command

    return get_command(lintnews.cli.app).commands["check"]  # type: ignore[attr-defined]


def _options() -> list[tuple[list[str], bool]]:
    """(spellings, is_flag) of every option of ``check``, help included."""
    out = []
    for param in _check_command().params:
        if param.param_type_name == "option":
            out.append(([*param.opts, *param.secondary_opts], bool(param.is_flag)))
    if not any("--help" in opts for opts, _ in out):  # click adds it while parsing
        out.append((["--help", "-h"], True))
    return out


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Paths the command lines name: a file, a directory, non-ASCII names, an unreadable file."""
    (tmp_path / "x.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "é.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "w", encoding="utf-8") as fh:
        fh.write("Headline\n\nBody.\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    secret.chmod(0)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def typer_kwargs(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A function: the keyword arguments typer's ``check`` passes to run_check for ARGS
    (the real typer app parses them; run_check is a recorder), or the exception it raised."""
    calls: list[dict[str, Any]] = []

    def recorder(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(lintnews.cli, "run_check", recorder)

    def parse(args: list[str]) -> dict[str, Any] | BaseException:
        calls.clear()
        try:
            code = lintnews.cli.app(["check", *args], prog_name="lintnews", standalone_mode=False)
        except BaseException as exc:  # a click usage error, or what click.Path raised
            return exc
        assert code == 0 and len(calls) == 1, (code, calls)
        return calls[0]

    return parse


def _typed(kwargs: dict[str, Any]) -> dict[str, tuple[type, Any]]:
    """Equal only with the same types too (1 == True, but jobs must be an int)."""
    return {key: (type(value), value) for key, value in kwargs.items()}


def _assert_same(args: list[str], typer_kwargs: Any) -> bool:
    """True when the fast parser accepts ARGS (and then agrees with typer)."""
    fast = parse_check_args(args)
    if fast is None:
        return False
    expected = typer_kwargs(args)
    assert not isinstance(expected, BaseException), (args, expected)
    assert _typed(fast) == _typed(expected), args
    return True


# -- hand-picked lines ---------------------------------------------------------------------

ACCEPTED = [
    [],
    ["x.txt"],
    ["-"],
    [""],
    ["--", "-"],
    ["--", "--quiet", "-x", "--", "x.txt"],
    ["x.txt", "--", "-q"],
    ["x.txt", "dir", "-", "é.txt", SURROGATE_NAME],
    ["--no-cache", "x.txt"],
    ["x.txt", "--format", "json", "--no-cache"],
    ["x.txt", "--format=json"],
    ["--format=", "x.txt"],
    ["--format", "", "x.txt"],
    ["--format", "full", "--format", "json"],  # click: the last one wins
    ["--select", "PW,TX", "--select", " HL001 , ", "--ignore=PW001", "--extend-select", "RD"],
    ["--select", ",", "--select="],
    ["--select=a=b"],
    ["-o", "out.json", "--output", "other.json"],
    ["-o", "", "x.txt"],
    ["--output=é.json"],
    ["-q", "-v", "x.txt", "-q"],
    ["--quiet", "--verbose", "--statistics", "--show-source", "--exit-zero"],
    ["--color"],
    ["--no-color"],
    ["--color", "--no-color"],
    ["--no-color", "--color", "x.txt"],
    ["-j", "0"],
    ["-j", "2", "--jobs", "007"],
    ["--jobs=4", "x.txt"],
    ["--fail-on", "warning", "--fail-on=error"],
    ["--fail-on", "nope"],
    ["--config", "missing.toml", "x.txt"],
    ["--config=x.txt"],
    ["--cache-dir", "dir", "--no-cache"],
    ["--cache-dir", "new-dir"],
    ["--baseline", "base.json", "--write-baseline"],
    ["--stdin-filename", "story.md", "-"],
    ["--stdin-filename=y.md", "-"],
    ["--fix", "--diff", "--unsafe-fixes", "x.txt"],
    ["--select", "=", "x.txt", "--ignore", "a-"],
    ["x.txt", "--select", "ünïcode", "--format", "text"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=repr)
def test_accepted_lines_give_typers_keywords(
    args: list[str], workdir: Path, typer_kwargs: Any
) -> None:
    assert _assert_same(args, typer_kwargs), f"declined: {args}"


def test_no_options_give_typers_defaults(workdir: Path, typer_kwargs: Any) -> None:
    assert _typed(DEFAULTS) == _typed(typer_kwargs([]))


DECLINED = [
    ["--help"],
    ["-h"],
    ["x.txt", "--help"],
    ["--version"],
    ["--bogus"],
    ["--colr", "x.txt"],
    ["--no-colour"],
    ["-x"],
    ["-qv"],
    ["-vq", "x.txt"],
    ["-ofile.txt"],
    ["-o=file.txt"],
    ["-j2"],
    ["-jobs", "2"],
    ["---quiet"],
    ["--=x"],
    ["--format"],
    ["x.txt", "-o"],
    ["--select"],
    ["--format", "--no-cache"],
    ["--format", "-"],
    ["--format=-x"],
    ["--output", "-"],
    ["--jobs", "abc"],
    ["--jobs", "-1"],
    ["-j", "+2"],
    ["-j", " 2"],
    ["-j", "1_0"],
    ["-j", "٣"],
    ["-j", ""],
    ["--jobs="],
    ["--quiet=1"],
    ["--no-cache=yes"],
    ["--color=true"],
    ["--output", "a\0b"],
    ["--config", "\ud800"],  # os.stat cannot encode it: click's Path would raise
]


@pytest.mark.parametrize("args", DECLINED, ids=repr)
def test_unusual_lines_fall_back_to_typer(args: list[str], workdir: Path) -> None:
    assert parse_check_args(args) is None


def test_an_unreadable_path_option_falls_back(
    workdir: Path, typer_kwargs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """click.Path (readable=True) rejects an existing file this process cannot read.
    (os.access is patched for both parsers: as root every file is readable.)"""
    access = os.access
    monkeypatch.setattr(os, "access", lambda p, m, **kw: "secret" not in str(p) and access(p, m))
    for option in ("--config", "--output", "-o", "--baseline", "--cache-dir"):
        assert parse_check_args([option, "secret.txt"]) is None
        assert isinstance(typer_kwargs([option, "secret.txt"]), Exception)
    # a path argument is not checked, nor a path that does not exist
    assert _assert_same(["secret.txt", "--config", "secret-missing.toml"], typer_kwargs)


def test_every_option_of_check_is_known_or_declined() -> None:
    """An option added to the typer command but not to checkargs would be declined
    (safe); this keeps the two tables the same so such lines stay fast."""
    from lintnews import checkargs

    spellings = {s for opts, _ in _options() for s in opts}
    known = set(checkargs._VALUED) | set(checkargs._FLAGS) | set(checkargs._SHORT)
    assert spellings - {"--help", "-h"} == known
    for opts, is_flag in _options():
        long = next(s for s in opts if s.startswith("--"))
        if long != "--help":
            assert (long in checkargs._FLAGS) is is_flag, long


# -- generated lines -------------------------------------------------------------------------

_VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "-",
            "--",
            "=",
            "a=b",
            "x.txt",
            "dir",
            "é.txt",
            SURROGATE_NAME,
            "missing.txt",
            "PW,TX",
            " PW , HL001,",
            ",",
            "json",
            "text",
            "error",
            "0",
            "3",
            "007",
            "+2",
            " 2",
            "1_0",
            "٣",
            "-1",
            "-x",
            "--quiet",
            "-q",
        ]
    ),
    st.text(max_size=6),
)
_PATHS = st.one_of(st.sampled_from(["x.txt", "dir", "-", "", "é.txt", SURROGATE_NAME]), _VALUES)


@st.composite
def _command_lines(draw: st.DrawFn) -> list[str]:
    """Interleaved paths and options of check, spelled every way click knows, plus
    some spellings the fast parser must decline (help, typos, -qv, --quiet=1)."""
    options = _options()
    args: list[str] = []
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(st.integers(0, 9))
        if kind <= 2:
            args.append(draw(_PATHS))
            continue
        if kind == 3:
            args.append(draw(st.sampled_from(["--", "-qv", "--bogus", "-h", "--quiet=1", "-o"])))
            continue
        spellings, is_flag = draw(st.sampled_from(options))
        name = draw(st.sampled_from(spellings))
        if name in ("--help", "-h") and draw(st.booleans()):
            name = "--quiet"
        if is_flag:
            args.append(name)
        elif name.startswith("--") and draw(st.booleans()):
            args.append(f"{name}={draw(_VALUES)}")
        else:
            args.extend([name, draw(_VALUES)])
    return args


def test_generated_lines_agree_with_typer(workdir: Path, typer_kwargs: Any) -> None:
    seen = {"accepted": 0, "total": 0}

    @settings(
        max_examples=400,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(_command_lines())
    def agree(args: list[str]) -> None:
        seen["total"] += 1
        seen["accepted"] += _assert_same(args, typer_kwargs)

    agree()
    # not a vacuous test: a good share of the lines take the fast path
    assert seen["accepted"] >= seen["total"] // 5, seen


# -- the console entry point against the typer app, in subprocesses ----------------------------

#: the typer app for sys.argv (what lintnews.console falls back to)
TYPER_MAIN = "import sys; from lintnews.cli import main; sys.argv[0] = 'lintnews'; main()"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "user-cache")
    env.pop("LINTNEWS_CACHE_DIR", None)
    env.pop("_LINTNEWS_COMPLETE", None)
    return env


def _run(entry: list[str], args: list[str], cwd: Path, stdin: str) -> tuple[int, str, str, bool]:
    """(exit code, stdout, stderr without importtime lines, typer imported)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *entry, "check", *args],
        cwd=cwd,
        env=_env(cwd),
        input=stdin.encode(),
        capture_output=True,
        timeout=120,
    )
    stderr = done.stderr.decode("utf-8", "replace").splitlines(keepends=True)
    timing = [line for line in stderr if line.startswith("import time:")]
    typer_loaded = any(line.split("|")[-1].strip() == "typer" for line in timing)
    rest = "".join(line for line in stderr if not line.startswith("import time:"))
    return done.returncode, done.stdout.decode("utf-8", "replace"), rest, typer_loaded


def _both(args: list[str], cwd: Path, stdin: str = "", output: str = "") -> tuple[int, str, str]:
    """The console script's result, asserted equal to the typer app's (and the
    ``output`` file each wrote); and that only the typer app imported typer."""
    results = []
    for entry in (["-m", "lintnews"], ["-c", TYPER_MAIN]):
        ran = _run(entry, args, cwd, stdin)
        written = (cwd / output).read_bytes() if output else b""
        if output:
            (cwd / output).unlink()
        results.append((ran, written))
    (fast, fast_file), (slow, slow_file) = results
    assert fast[:3] == slow[:3], args
    assert fast_file == slow_file
    assert not fast[3] and slow[3], "the console run imported typer, or the typer run did not"
    return fast[:3]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(
        "# Council approves budget\n\nThe the council met on Tuesday. Click here to subscribe!\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.toml").write_text("[lintnews\nselect = 3\n", encoding="utf-8")
    (tmp_path / "wrong.toml").write_text('[lintnews]\nfail-on = "sometimes"\n', encoding="utf-8")
    # the first run fills the per-user stores (entry points, regexes): both then start warm
    subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "story.txt", "--no-cache"],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
    )
    return tmp_path


REPORTS = [
    ["story.txt", "--no-cache"],
    ["story.txt"],  # with the result cache (written by the first run, read by the second)
    ["story.txt", "--format", "json", "--no-cache"],
    ["story.txt", "--format=full", "--show-source", "--no-cache"],
    ["story.txt", "news", "--statistics", "-q", "-j", "1", "--no-cache"],
    ["--select", "PW,TX", "--ignore=PW001", "news", "--format", "json", "--no-cache"],
    ["story.txt", "--color", "--no-cache"],
    ["story.txt", "--fail-on", "error", "--exit-zero", "--no-cache"],
    ["news/a.md", "-o", "report.txt", "--no-cache"],
    ["--diff", "news/a.md", "--no-cache"],
]


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_console_check_prints_what_the_typer_app_prints(args: list[str], project: Path) -> None:
    output = "report.txt" if "-o" in args else ""
    code, stdout, _ = _both(args, project, output=output)
    assert code in (0, 1)
    assert bool(stdout) is not bool(output)


def test_console_check_reads_stdin_like_the_typer_app(project: Path) -> None:
    text = (project / "news" / "a.md").read_text(encoding="utf-8")
    code, stdout, _ = _both(
        ["--stdin-filename", "piped.md", "-", "--format", "json"], project, text
    )
    assert code == 1 and '"piped.md"' in stdout


ERRORS = [
    (["missing.txt"], "missing.txt: no such file or directory"),
    (["story.txt", "--format", "nope"], "unknown output format 'nope'"),
    (["story.txt", "--fail-on", "sometimes"], "--fail-on:"),
    (["story.txt", "--config", "bad.toml"], "bad.toml"),
    (["story.txt", "--config", "wrong.toml"], "wrong.toml"),
    (["story.txt", "--config", "nowhere.toml"], "config file 'nowhere.toml' does not exist"),
    (["--stdin-filename", "x.md", "story.txt"], "--stdin-filename needs '-'"),
    (["--fix", "-"], "--fix and --diff work on files"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS, ids=lambda v: " ".join(v) if v else "")
def test_console_errors_are_the_typer_apps_one_line_errors(
    args: list[str], message: str, project: Path
) -> None:
    code, stdout, stderr = _both([*args, "--no-cache"], project)
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("lintnews: error: "), stderr
    assert message in stderr


def test_declined_check_lines_still_get_clicks_messages(project: Path) -> None:
    """Help and usage errors come from the typer app (typer imported) with click's text."""
    for args, code in ((["--help"], 0), (["--bogus"], 2), (["-j", "-1", "story.txt"], 2)):
        fast = _run(["-m", "lintnews"], args, project, "")
        slow = _run(["-c", TYPER_MAIN], args, project, "")
        assert fast == slow and fast[0] == code and fast[3], args
    assert "Usage: lintnews check" in _run(["-m", "lintnews"], ["--help"], project, "")[1]


def test_the_console_asks_the_fast_parser_only_for_plain_check_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not for other commands, and not for a shell-completion request (typer answers
    those before parsing)."""
    from lintnews.console import _fast_check_kwargs

    monkeypatch.delenv("_LINTNEWS_COMPLETE", raising=False)
    assert _fast_check_kwargs(["check", "x.txt"]) == {**DEFAULTS, "paths": ["x.txt"]}
    for args in ([], ["rules"], ["--version"], ["x.txt"], ["clean", "--user"], ["chek", "x"]):
        assert _fast_check_kwargs(args) is None, args
    assert _fast_check_kwargs(["check", "--help"]) is None
    monkeypatch.setenv("_LINTNEWS_COMPLETE", "bash_complete")
    assert _fast_check_kwargs(["check", "x.txt"]) is None
