"""pre-commit integration and the CI recipes in ``examples/ci/``.

The pre-commit test is the real thing: a throwaway git repository whose
``.pre-commit-config.yaml`` points at this checkout (at its HEAD commit),
``pre-commit install``, then ``git commit``.  pre-commit clones the checkout,
builds a virtualenv and installs lintnews into it from PyPI dependencies
(network needed; about a minute the first time, cached under a per-session
``PRE_COMMIT_HOME``).

The recipe tests parse every YAML file, find the ``lintnews`` commands they
run, parse them with the CLI's own option parser and then run them for real
on a small ``articles/`` directory, checking the files they hand to the
upload steps.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from cihelp import lintnews

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "examples" / "ci"

DAMAGED = (
    "Riverton council approves budget\n\n"
    "The city council approved a $412 million budget on Tuesday night.\n\n"
    "Subscribe now to continue reading this article.\n\n"
    "The new routes will start in March, the council said.\n"
)
CLEAN = (
    "Riverton council approves budget\n\n"
    "The city council approved a $412 million budget on Tuesday night.\n\n"
    "The new routes will start in March, the council said.\n"
)


# -- the hook definition ----------------------------------------------------------------


def _hook_files(hook: dict[str, Any], root: Path, names: list[str]) -> set[str]:
    """The files pre-commit's own filter hands to ``hook`` among ``names`` (created here)."""
    run = pytest.importorskip("pre_commit.commands.run")
    from types import SimpleNamespace

    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Headline\n\nA sentence.\n", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)  # pre-commit filters paths relative to the repository root
    try:
        classifier = run.Classifier(names)
        return set(classifier.filenames_for_hook(SimpleNamespace(**hook)))
    finally:
        os.chdir(cwd)


def test_hook_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    [hook] = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "lintnews"
    assert hook["entry"] == "lintnews check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    identify = pytest.importorskip("identify.identify")
    for tag in [*hook["types"], *hook["types_or"]]:
        assert tag in identify.ALL_TAGS
    # pre-commit's filter picks exactly the extensions lintnews reads by default
    # (DEFAULT_INCLUDE), in any directory, and not code, README/LICENSE (identify
    # calls those plain-text), .xhtml or .text (not in the default include).
    from lintnews.config import DEFAULT_INCLUDE

    wanted = {"a.md", "a.markdown", "a.txt", "a.html", "a.htm", "news/2024/b.txt"}
    assert {name.rsplit(".", 1)[1] for name in wanted} == {
        glob.rsplit(".", 1)[1] for glob in DEFAULT_INCLUDE
    }
    others = ["a.py", "a.yaml", "a.json", "a.css", "README", "LICENSE", "a.xhtml", "a.text"]
    others += ["a.txt.bak", "md", "notes.mdx"]
    assert _hook_files(hook, tmp_path, [*wanted, *others]) == wanted


# -- the real pre-commit, in a throwaway repository -------------------------------------------


def _git_env(home: Path) -> dict[str, str]:
    # Run cleanly even when the test itself runs inside a git hook.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="Test Desk",
        GIT_AUTHOR_EMAIL="desk@example.com",
        GIT_COMMITTER_NAME="Test Desk",
        GIT_COMMITTER_EMAIL="desk@example.com",
        PRE_COMMIT_COLOR="never",
    )
    return env


def _run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def checkout_rev() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    proc = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pre_commit")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path, pre_commit_home: Path, checkout_rev: str) -> Iterator[Path]:
    env = _git_env(pre_commit_home)
    _run(["git", "init", "-q"], tmp_path, env)
    config = {"repos": [{"repo": str(ROOT), "rev": checkout_rev, "hooks": [{"id": "lintnews"}]}]}
    (tmp_path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    proc = _run([sys.executable, "-m", "pre_commit", "install"], tmp_path, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    yield tmp_path


def _commit(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = _git_env(home)
    add = _run(["git", "add", *files], repo, env)
    assert add.returncode == 0, add.stderr
    return _run(["git", "commit", "-q", "-m", "article"], repo, env)


def test_pre_commit_blocks_a_damaged_article_and_passes_a_clean_one(
    repo: Path, pre_commit_home: Path
) -> None:
    article = repo / "news" / "budget.md"
    article.parent.mkdir()
    article.write_text("# " + DAMAGED)
    # Code is not an article: the hook must not look at it, even with a prompt in it.
    (repo / "tool.py").write_text('PROMPT = "Subscribe now to continue reading this article."\n')
    proc = _commit(repo, pre_commit_home, ".pre-commit-config.yaml", "news/budget.md", "tool.py")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "lintnews" in output and "Failed" in output
    assert "news/budget.md:5:1: PW001" in output
    assert "tool.py" not in output  # not linted
    head = _run(["git", "rev-parse", "--verify", "-q", "HEAD"], repo, _git_env(pre_commit_home))
    assert head.returncode != 0, "nothing was committed"

    article.write_text("# " + CLEAN)
    # Nor is a README (identify tags it plain-text; the hook's `files:` leaves it out).
    (repo / "README").write_text(DAMAGED)
    proc = _commit(
        repo, pre_commit_home, ".pre-commit-config.yaml", "news/budget.md", "tool.py", "README"
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output
    log = _run(["git", "log", "--format=%s"], repo, _git_env(pre_commit_home))
    assert log.stdout.split() == ["article"]

    # A plain-text article added later is checked too.
    (repo / "wire.txt").write_text(DAMAGED)
    proc = _commit(repo, pre_commit_home, "wire.txt")
    assert proc.returncode != 0
    assert "wire.txt:5:1: PW001" in proc.stdout + proc.stderr


# -- the CI recipes ------------------------------------------------------------------------------


def _commands(text: str) -> list[list[str]]:
    """Every ``lintnews ...`` command line in a shell snippet."""
    out = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] == "lintnews":
            out.append(words[1:])
    return out


def _recipe_commands(path: Path) -> list[list[str]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: list[list[str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "run" and isinstance(value, str):
                    found.extend(_commands(value))
                elif key == "script" and isinstance(value, list):
                    for item in value:
                        found.extend(_commands(item))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)
    return found


def _parse_check(args: list[str]) -> dict[str, Any]:
    """Parse ``check`` arguments with the CLI's own parser (raises on unknown options)."""
    from typer.main import get_command

    from lintnews.cli import app

    command = get_command(app)
    assert args[0] == "check", args
    ctx = command.make_context("lintnews", list(args))
    sub = command.get_command(ctx, args[0])
    assert sub is not None
    return sub.make_context("check", list(args[1:]), parent=ctx).params


def _formats() -> set[str]:
    from lintnews.manager import PluginRegistry

    return set(PluginRegistry().output_formats())


RECIPES = sorted(p.name for p in CI.glob("*.y*ml"))


def test_recipes_exist() -> None:
    assert set(RECIPES) >= {
        "github-code-scanning.yml",
        "github-annotations.yml",
        "gitlab-ci.yml",
        "pre-commit-config.yaml",
    }


@pytest.mark.parametrize("name", [n for n in RECIPES if n != "pre-commit-config.yaml"])
def test_recipe_commands_are_valid_and_run(name: str, tmp_path: Path) -> None:
    commands = _recipe_commands(CI / name)
    assert commands, f"{name} runs no lintnews command"
    doc = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    for args in commands:
        params = _parse_check(args)
        assert params["output_format"] in _formats()
        # Run it for real on an articles/ directory like the recipe expects.
        work = tmp_path / "work"
        shutil.rmtree(work, ignore_errors=True)
        (work / "articles").mkdir(parents=True)
        (work / "articles" / "budget.txt").write_text(DAMAGED)
        proc = lintnews(*args, cwd=work)
        assert proc.returncode in (0, 1), proc.stderr
        assert "Traceback" not in proc.stderr
        _check_output(name, doc, params, work, proc.stdout)


def _check_output(
    name: str, doc: dict[str, Any], params: dict[str, Any], work: Path, stdout: str
) -> None:
    fmt = params["output_format"]
    text = (work / params["output"]).read_text() if params["output"] else stdout
    if fmt == "sarif":
        run = json.loads(text)["runs"][0]
        assert [r["ruleId"] for r in run["results"]] == ["PW001"]
        steps = [s for job in doc["jobs"].values() for s in job["steps"]]
        upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload")]
        assert upload and upload[0]["with"]["sarif_file"] == str(params["output"])
        assert doc["permissions"]["security-events"] == "write"
    elif fmt == "github":
        assert text.startswith("::warning file=articles/budget.txt,line=5,col=1,")
    elif fmt == "gitlab":
        [issue] = json.loads(text)
        assert issue["check_name"] == "PW001"
        job = next(v for v in doc.values() if isinstance(v, dict) and "script" in v)
        assert job["artifacts"]["reports"]["codequality"] == str(params["output"])
        assert job["artifacts"]["when"] == "always"
    elif fmt == "junit":
        ET.fromstring(text)
    else:
        raise AssertionError(f"{name}: no check for format {fmt!r}")


def test_pre_commit_config_example_is_valid() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    config = clientlib.load_config(str(CI / "pre-commit-config.yaml"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert hook["id"] == "lintnews"
    # The manifest's entry plus the example's args make a valid command line.
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    entry = shlex.split(manifest[0]["entry"])
    assert entry[0] == "lintnews"
    params = _parse_check([*entry[1:], *hook.get("args", []), "article.md"])
    assert params["fail_on"] == "error"
