"""Config discovery, parsing and one-line validation errors, on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.config import (
    DEFAULT_INCLUDE,
    Config,
    config_from_mapping,
    find_config_file,
    load_config,
    with_overrides,
)
from lintnews.errors import ConfigError
from lintnews.violations import Severity


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors name files relative to the working directory."""
    monkeypatch.chdir(tmp_path)


def test_walks_up_to_lintnews_toml(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('select = ["PW"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "story.md").write_text("x")
    assert find_config_file(deep / "story.md") == tmp_path / "lintnews.toml"
    config = load_config(deep)
    assert config.select == ("PW",)
    assert config.root == tmp_path
    assert config.path == tmp_path / "lintnews.toml"


def test_dot_lintnews_toml_and_precedence(tmp_path: Path) -> None:
    (tmp_path / ".lintnews.toml").write_text('fail-on = "error"\n')
    assert load_config(tmp_path).fail_on is Severity.ERROR
    (tmp_path / "lintnews.toml").write_text('fail-on = "info"\n')
    assert load_config(tmp_path).fail_on is Severity.INFO  # lintnews.toml wins in one directory


def test_pyproject_with_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.lintnews]\nignore = ["RD001"]\n\n'
        "[tool.lintnews.rules.PW001]\nmax = 3\n"
    )
    config = load_config(tmp_path)
    assert config.ignore == ("RD001",)
    assert dict(config.rule_options["PW001"]) == {"max": 3}


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('extend-select = ["LN001"]\n')
    sub = tmp_path / "project"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.ruff]\nline-length = 90\n# mentions lintnews\n")
    assert find_config_file(sub) == tmp_path / "lintnews.toml"
    assert load_config(sub).extend_select == ("LN001",)


def test_no_config_gives_defaults_rooted_at_start(tmp_path: Path) -> None:
    sub = tmp_path / "s"
    sub.mkdir()
    # tmp_path's parents may hold a config in odd environments; only check when none is found
    if find_config_file(sub) is None:
        config = load_config(sub)
        assert config.path is None and config.root == sub
        assert config.include == DEFAULT_INCLUDE
        assert config.fail_on is Severity.WARNING
        assert config.respect_gitignore is True
        assert config.max_file_size == 10 * 1024 * 1024


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('select = ["PW"]\n')
    other = tmp_path / "ci.toml"
    other.write_text('select = ["QT"]\n')
    assert load_config(tmp_path, explicit=other).select == ("QT",)
    with pytest.raises(ConfigError, match=r"missing\.toml: config file not found"):
        load_config(tmp_path, explicit=tmp_path / "missing.toml")


def test_every_key_parsed(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text(
        """
select = ["PW", "quote-attribution"]
ignore = ["RD001"]
extend-select = ["LN001"]
include = ["**/*.md"]
extend-include = ["**/*.news"]
exclude = ["drafts"]
extend-exclude = ["tmp"]
respect-gitignore = false
force-exclude = true
fail-on = "ERROR"
plugins = ["house_style.py"]
language = "en"
max-file-size = 2048
report-unused-suppressions = true

[per-file-ignores]
"archive/**" = ["RD"]

[severity]
PW001 = "error"

[rules.paywall-prompt]
phrases = ["subscribe"]

[readers]
"*.news" = "markdown"

[encoding]
"archive/**" = "latin-1"
"""
    )
    c = load_config(tmp_path)
    assert c.select == ("PW", "quote-attribution")
    assert c.include == ("**/*.md",) and c.extend_include == ("**/*.news",)
    assert c.exclude == ("drafts",) and c.extend_exclude == ("tmp",)
    assert not c.respect_gitignore and c.force_exclude and c.report_unused_suppressions
    assert c.fail_on is Severity.ERROR
    assert dict(c.per_file_ignores) == {"archive/**": ("RD",)}
    assert dict(c.severity) == {"PW001": Severity.ERROR}
    assert dict(c.rule_options["paywall-prompt"]) == {"phrases": ["subscribe"]}
    assert dict(c.readers) == {"*.news": "markdown"}
    assert dict(c.encoding) == {"archive/**": "latin-1"}
    assert c.plugins == ("house_style.py",) and c.max_file_size == 2048


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'fail-on = "fatal"',
            "lintnews.toml: key 'fail-on': expected one of error, warning, info, got 'fatal'",
        ),
        (
            'select = "PW001"',
            "lintnews.toml: key 'select': expected a list of strings, got 'PW001'",
        ),
        (
            "ignore = [1]",
            "lintnews.toml: key 'ignore': expected a list of non-empty strings, got 1",
        ),
        ("colour = true", "lintnews.toml: unknown key 'colour'"),
        (
            "fail_on = 'error'",
            "lintnews.toml: unknown key 'fail_on' (did you mean 'fail-on'?)",
        ),
        (
            'respect-gitignore = "yes"',
            "lintnews.toml: key 'respect-gitignore': expected true or false, got 'yes'",
        ),
        (
            "max-file-size = -1",
            "lintnews.toml: key 'max-file-size': expected a positive number of bytes, got -1",
        ),
        (
            '[severity]\nPW001 = "loud"',
            "lintnews.toml: key 'severity.PW001': expected one of error, warning, info, got 'loud'",
        ),
        (
            '[per-file-ignores]\n"*.md" = "PW001"',
            "lintnews.toml: key 'per-file-ignores.*.md': expected a list of strings, got 'PW001'",
        ),
        (
            "[rules]\nPW001 = 3",
            "lintnews.toml: key 'rules.PW001': expected a table, got 3",
        ),
        (
            '[encoding]\n"old/**" = "klingon-8"',
            "lintnews.toml: key 'encoding.old/**': expected a Python codec name such as "
            "'latin-1', got 'klingon-8'",
        ),
        (
            "[readers]\n'*.x' = 1",
            "lintnews.toml: key 'readers.*.x': expected a format name such as 'markdown', got 1",
        ),
        ('language = "english!"', "lintnews.toml: key 'language': expected a language code"),
        ("per-file-ignores = []", "lintnews.toml: key 'per-file-ignores': expected a table"),
        ("select = [\n  'PW',\n  oops\n]", "lintnews.toml:3:3: invalid TOML: "),
        ('fail-on = "error"\nfail-on = "info"', "lintnews.toml:2:"),
    ],
)
def test_malformed_config_one_line_naming_file_and_key(
    tmp_path: Path, toml: str, message: str
) -> None:
    (tmp_path / "lintnews.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    text = str(info.value)
    assert text.startswith(message)
    assert "\n" not in text


def test_pyproject_errors_name_the_tool_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.lintnews]\nfail-on = "fatal"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == (
        "pyproject.toml: key 'tool.lintnews.fail-on': expected one of error, warning, info, "
        "got 'fatal'"
    )


def test_invalid_pyproject_with_our_table_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.lintnews]\nselect = ["PW"\n')
    with pytest.raises(ConfigError, match=r"^pyproject\.toml:\d+:\d+: invalid TOML"):
        load_config(tmp_path)


def test_non_utf8_config(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_bytes(b'select = ["caf\xe9"]\n')
    with pytest.raises(ConfigError, match=r"^lintnews\.toml: not UTF-8"):
        load_config(tmp_path)


def test_with_overrides_records_cli_fields() -> None:
    base = Config(select=("PW",), fail_on=Severity.WARNING)
    changed = with_overrides(base, select=["QT"], fail_on="error", ignore=None)
    assert changed.select == ("QT",) and changed.fail_on is Severity.ERROR
    assert changed.ignore == ()
    assert changed.cli_fields == {"select", "fail_on"}
    assert with_overrides(base) is base
    with pytest.raises(TypeError):
        with_overrides(base, colour="red")


def test_fingerprint_tracks_settings(tmp_path: Path) -> None:
    a = Config(root=tmp_path)
    assert a.fingerprint() == Config(root=tmp_path).fingerprint()
    assert a.fingerprint() != with_overrides(a, select=["PW"]).fingerprint()
    assert a.fingerprint() != Config(root=tmp_path, rule_options={"PW001": {"x": 1}}).fingerprint()


def test_config_from_mapping_validates_like_a_file(tmp_path: Path) -> None:
    c = config_from_mapping({"select": ["PW"], "fail-on": "error"}, root=tmp_path)
    assert c.select == ("PW",) and c.root == tmp_path
    with pytest.raises(ConfigError, match=r"^settings: key 'fail-on'"):
        config_from_mapping({"fail-on": "fatal"}, name="settings")
