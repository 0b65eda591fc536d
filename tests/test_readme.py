"""The README tells the truth: quick start, test command, rule table, config keys."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "scripts"))

import gen_rule_table  # noqa: E402

QUICK_START = (
    "python3 -m venv .venv && .venv/bin/pip install -e . && "
    ".venv/bin/lintnews check examples/articles"
)
TEST_COMMAND = (
    'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
)


def section(title: str) -> str:
    """The text of the ``## title`` section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_quick_start_commands_are_in_the_readme() -> None:
    quick = section("Quick start")
    assert f"```bash\n{QUICK_START}\n```" in quick
    assert f"```bash\n{TEST_COMMAND}\n```" in quick
    assert "exits 1" in quick  # the damaged examples make the first command exit 1


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"TEST_COMMAND='{TEST_COMMAND}'" in ci
    assert 'bash -c "$TEST_COMMAND"' in ci
    assert "-eq 5" in ci  # pytest's "no tests collected" is a failure


def test_rule_table_matches_lintnews_rules() -> None:
    from lintnews.ruletable import markdown_table

    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT / "scripts",
    )
    assert proc.returncode == 0, proc.stderr
    builtin = [r for r in json.loads(proc.stdout) if r["distribution"] == "lintnews"]
    in_readme = gen_rule_table.current_table(README)
    assert in_readme == markdown_table(builtin), (
        "README rule table is stale: run `python scripts/gen_rule_table.py`"
    )
    codes = re.findall(r"^\| ([A-Z]{2}[0-9]{3}) \|", in_readme, re.M)
    assert codes == [r["code"] for r in builtin] and codes


def test_every_config_key_is_documented() -> None:
    from lintnews import config

    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section("Configuration"), re.M))
    assert set(config._KEYS) <= documented, set(config._KEYS) - documented
    assert documented <= set(config._KEYS), documented - set(config._KEYS)


def test_every_builtin_output_format_is_documented() -> None:
    from lintnews.reporters import lintnews_output_formats

    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section("Output formats"), re.M))
    assert set(lintnews_output_formats()) == documented


def test_every_check_option_is_documented() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--help"], capture_output=True, text=True
    )
    options = set(re.findall(r"(--[a-z][a-z-]+)", proc.stdout)) - {"--help"}
    table = section("Commands")
    missing = options - set(re.findall(r"--[a-z][a-z-]+", table))
    assert not missing, f"undocumented check options: {sorted(missing)}"


def test_exit_codes_documented() -> None:
    table = section("Commands")
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in table


def test_python_api_example_runs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The README's Python API block runs as written (on a small project)."""
    block = re.search(r"```python\n(from pathlib import Path\n.*?)```", README, re.S)
    assert block, "no Python API example in the README"
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Title\n\nA short story.\n", encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace = {"body": "# Title\n\nSome text.\n", "print": lambda *a, **k: None}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    assert namespace["result"].files_checked == 1
