"""Broken plugins through the real CLI: each failure is named, the rest goes on.

Local plugins listed in a ``lintnews.toml`` (real files, a real subprocess):
a rule that raises, yields garbage, is slow, or tries to mutate the shared
article; a plugin that fails to import.  Exit code 2 whenever a plugin
failed; every other rule's and file's results still reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _robust import MARKER_PLUGIN, by_path, check_json, cli, errors_by_path

ARTICLE = "Council budget approved\n\nA zebra crossed the road on Tuesday, police said.\n"

BAD_PLUGIN = """
import time
from lintnews import Diagnostic, Rule, hookimpl
from lintnews.article import Span

def _raises(article, options):
    raise ValueError("boom in the rule")

def _not_a_diagnostic(article, options):
    yield "this is a string, not a Diagnostic"

def _outside(article, options):
    yield Diagnostic(Span(0, len(article.source) + 50), "past the end")

def _not_iterable(article, options):
    return 42

def _slow(article, options):
    time.sleep(0.6)
    return ()

def _mutate_paragraphs(article, options):
    article.paragraphs = ()
    return ()

def _mutate_metadata(article, options):
    article.metadata["tags"].append("hacked")
    return ()

def _mutate_paragraph(article, options):
    article.paragraphs[0].text = "hacked"
    return ()

def _mutate_top_metadata(article, options):
    article.metadata["title"] = "hacked"
    return ()

def _sees_original(article, options):
    # runs after the mutators (codes sort): it must see the untouched article
    tags = list(article.metadata.get("tags", []))
    if article.paragraphs and tags == ["a", "b"] and "hacked" not in article.paragraphs[0].text:
        yield Diagnostic(article.paragraphs[0].span_of(0, 1), "original intact")

def _exits(article, options):
    import sys
    sys.exit(5)

def _r(code, name, check):
    return Rule(code, name, name, name, "x", "y", check=check)

@hookimpl
def lintnews_rules():
    return [
        _r("BD001", "raises", _raises),
        _r("BD002", "not-a-diagnostic", _not_a_diagnostic),
        _r("BD003", "outside-the-file", _outside),
        _r("BD004", "not-iterable", _not_iterable),
        _r("BD005", "slow-rule", _slow),
        _r("BD006", "mutates-paragraphs", _mutate_paragraphs),
        _r("BD007", "mutates-metadata", _mutate_metadata),
        _r("BD008", "mutates-a-paragraph", _mutate_paragraph),
        _r("BD009", "mutates-top-metadata", _mutate_top_metadata),
        _r("BD010", "sees-original", _sees_original),
        _r("BD011", "calls-sys-exit", _exits),
    ]
"""


def project(tmp_path: Path, plugins: list[str], extra: str = "") -> None:
    (tmp_path / "marker.py").write_text(MARKER_PLUGIN, encoding="utf-8")
    (tmp_path / "bad.py").write_text(BAD_PLUGIN, encoding="utf-8")
    listed = ", ".join(f'"{p}"' for p in plugins)
    (tmp_path / "lintnews.toml").write_text(
        f'plugins = [{listed}]\nselect = ["RB001", "BD"]\n{extra}', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\ntitle: Budget\ntags: [a, b]\n---\n\nA zebra here.\n", encoding="utf-8"
    )


def test_each_broken_rule_is_named_and_everything_else_goes_on(tmp_path: Path) -> None:
    project(tmp_path, ["marker.py", "bad.py"], "rule-timeout = 0.3\n")
    run, report = check_json(["a.txt", "b.md"], tmp_path, "--no-cache")
    assert run.returncode == 2
    assert report["files_checked"] == 2
    found = by_path(report)
    # the healthy plugin's results are all there
    assert (3, 3, 3, 8, "RB001") in found["a.txt"]
    assert (6, 3, 6, 8, "RB001") in found["b.md"]
    # the last rule saw the original article after every mutation attempt
    assert [v for v in found["b.md"] if v[4] == "BD010"] == [(6, 1, 6, 2, "BD010")]
    messages = [e["message"] for e in report["errors"] if e["path"] == "b.md"]
    expected = {
        "BD001": "crashed: ValueError: boom in the rule",
        "BD002": "yielded str, not a Diagnostic",
        "BD003": "outside the file",
        "BD004": "crashed: TypeError",
        "BD005": "took",
        "BD006": "crashed: FrozenInstanceError",
        "BD007": "crashed: TypeError: article metadata is read-only",
        "BD008": "crashed: FrozenInstanceError",
        "BD009": "crashed: TypeError",
        "BD011": "crashed: SystemExit: 5",
    }
    for code, fragment in expected.items():
        hits = [m for m in messages if f"rule {code}" in m]
        assert len(hits) == 1, (code, messages)
        assert "'local:bad.py'" in hits[0] and fragment in hits[0], hits[0]
    assert "rule-timeout is 0.3 s" in next(m for m in messages if "BD005" in m)
    for e in report["errors"]:
        assert "\n" not in e["message"]


def test_text_output_is_one_line_per_error_and_verbose_shows_tracebacks(tmp_path: Path) -> None:
    project(tmp_path, ["marker.py", "bad.py"])
    (tmp_path / "lintnews.toml").write_text(
        'plugins = ["marker.py", "bad.py"]\nselect = ["RB001", "BD001"]\n', encoding="utf-8"
    )
    run = cli(["check", "a.txt", "--no-cache"], tmp_path)
    assert run.returncode == 2
    assert "a.txt:3:3: RB001" in run.stdout
    lines = [ln for ln in run.stderr.splitlines() if "BD001" in ln]
    assert len(lines) == 1 and "ValueError: boom in the rule" in lines[0]
    verbose = cli(["check", "a.txt", "--no-cache", "-v"], tmp_path, check_traceback=False)
    assert "Traceback" in verbose.stderr and "_raises" in verbose.stderr


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("raise ImportError('no module named nowhere')", "ImportError: no module named nowhere"),
        ("def broken(:\n    pass\n", "SyntaxError"),
        ("import sys\nsys.exit(3)\n", "SystemExit"),
    ],
    ids=["import-error", "syntax-error", "sys-exit"],
)
def test_plugin_that_fails_to_import_is_one_clear_error(
    tmp_path: Path, source: str, fragment: str
) -> None:
    project(tmp_path, ["marker.py", "broken.py"])
    (tmp_path / "broken.py").write_text(source, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text(
        'plugins = ["marker.py", "broken.py"]\nselect = ["RB001"]\n', encoding="utf-8"
    )
    run, report = check_json(["a.txt"], tmp_path, "--no-cache")
    assert run.returncode == 2
    (error,) = report["errors"]
    assert "'broken.py'" in error["message"] and fragment in error["message"]
    assert "\n" not in error["message"]
    # the other plugin still ran
    assert by_path(report)["a.txt"] == [(3, 3, 3, 8, "RB001")]
    text = cli(["check", "a.txt", "--no-cache"], tmp_path)
    assert text.returncode == 2 and "Traceback" not in text.stderr
    assert sum("broken.py" in ln for ln in text.stderr.splitlines()) == 1
    verbose = cli(["check", "a.txt", "--no-cache", "-v"], tmp_path, check_traceback=False)
    assert "Traceback" in verbose.stderr


def test_missing_local_plugin_file(tmp_path: Path) -> None:
    project(tmp_path, ["marker.py", "nope.py"])
    (tmp_path / "lintnews.toml").write_text(
        'plugins = ["marker.py", "nope.py"]\nselect = ["RB001"]\n', encoding="utf-8"
    )
    run, report = check_json(["a.txt"], tmp_path, "--no-cache")
    assert run.returncode == 2
    assert errors_by_path(report)[""].startswith("local plugin 'nope.py': no such file")
    assert by_path(report)["a.txt"]


def test_plugin_whose_rules_hook_raises(tmp_path: Path) -> None:
    project(tmp_path, ["marker.py", "decl.py"])
    (tmp_path / "decl.py").write_text(
        "from lintnews import hookimpl\n"
        "@hookimpl\ndef lintnews_rules():\n    raise RuntimeError('cannot declare')\n",
        encoding="utf-8",
    )
    (tmp_path / "lintnews.toml").write_text(
        'plugins = ["marker.py", "decl.py"]\nselect = ["RB001"]\n', encoding="utf-8"
    )
    run, report = check_json(["a.txt"], tmp_path, "--no-cache")
    assert run.returncode == 2
    assert "RuntimeError: cannot declare" in report["errors"][0]["message"]
    assert by_path(report)["a.txt"]


KILLER_PLUGIN = """
import ctypes, os
from lintnews import Rule, hookimpl

def _kills(article, options):
    if "KILL-WORKER" in article.source:
        os._exit(3)  # no exception, no clean-up: the process is gone
    if "SEGV-WORKER" in article.source:
        ctypes.string_at(0)  # a C extension's crash
    return ()

@hookimpl
def lintnews_rules():
    return [Rule("KW001", "kills-its-process", "k", "k", "x", "y", check=_kills)]
"""


def test_a_file_that_kills_its_worker_process_is_named_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    """A worker that dies (a segfault, ``os._exit``, the OOM killer) loses the
    chunk it held; the run must not wait for it: the other files of the chunk
    are checked again, and the file that kills a worker alone is one error."""
    (tmp_path / "marker.py").write_text(MARKER_PLUGIN, encoding="utf-8")
    (tmp_path / "killer.py").write_text(KILLER_PLUGIN, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text(
        'plugins = ["marker.py", "killer.py"]\nselect = ["RB001", "KW001"]\n', encoding="utf-8"
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    poison = {"k07.txt": "KILL-WORKER", "k19.txt": "SEGV-WORKER"}
    for i in range(60):  # over PARALLEL_THRESHOLD: a real pool
        name = f"k{i:02d}.txt"
        body = f"Story {i} headline\n\nA zebra crossed road number {i} on Tuesday, police said.\n"
        if name in poison:
            body += f"\n{poison[name]}\n"
        (docs / name).write_text(body, encoding="utf-8")
    run, report = check_json(["docs"], tmp_path, "--no-cache", "--jobs", "2", timeout=120)
    assert run.returncode == 2, run.stderr
    errors = errors_by_path(report)
    assert set(errors) == {"docs/k07.txt", "docs/k19.txt"}, report["errors"]
    assert "died while checking this file" in errors["docs/k07.txt"]
    assert "(exit status 3)" in errors["docs/k07.txt"]
    assert "(killed by signal SIGSEGV)" in errors["docs/k19.txt"]
    assert all("\n" not in m for m in errors.values())
    assert report["files_checked"] == 58
    # every other file has exactly what a run without the poison files finds
    for name in poison:
        (docs / name).unlink()
    _, clean = check_json(["docs"], tmp_path, "--no-cache", "--jobs", "1")
    assert by_path(report) == by_path(clean)
    assert len(by_path(clean)) == 58
