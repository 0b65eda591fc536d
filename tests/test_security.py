"""Security properties, checked on the real program in a real process.

- No network: a run over articles full of URLs and external entities opens
  no socket (audit hook in a wrapper process) and works with no network at
  all (``unshare -n``, when the kernel lets us).
- No external entities: ``<!ENTITY e SYSTEM "file:///etc/passwd">`` is
  never resolved; the file's contents never reach the output.
- Local plugins run only when listed in the config: a stray
  ``lintnews_plugin.py`` or ``conftest.py`` in the checked tree is never
  imported.
- Output paths never escape the checked tree: no ``..`` and no absolute
  paths the user did not type.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _robust import by_path, check_json, cli, write_marker_config

XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">'
    '<!ENTITY r SYSTEM "http://127.0.0.1:9/x">]>\n'
    "<html><body><h1>Budget zebra</h1><p>Start &e; middle &r; end.</p>"
    '<p><img src="http://127.0.0.1:9/i.png"><a href="https://example.com">link</a></p>'
    '<iframe src="http://127.0.0.1:9/frame"></iframe></body></html>\n'
)
MARKDOWN = (
    "---\ntitle: Budget zebra\n---\n\n![x](http://127.0.0.1:9/i.png) "
    "[a](https://example.com) <http://127.0.0.1:9/>\n\n"
    '<img src="http://127.0.0.1:9/y.png">\n'
)

#: runs lintnews in-process with an audit hook recording every network event
AUDIT_WRAPPER = """
import json, sys
events = []
NET = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request",
       "http.client.connect", "socket.bind", "socket.sendto")
def hook(event, args):
    if event in NET:
        events.append([event, repr(args)[:200]])
sys.addaudithook(hook)
sys.argv = ["lintnews", *sys.argv[2:]]
from lintnews.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(__import__("os").environ["AUDIT_OUT"], "w") as fh:
    json.dump({"events": events, "code": code}, fh)
sys.exit(code)
"""


def project(tmp_path: Path) -> None:
    write_marker_config(tmp_path)
    (tmp_path / "xxe.html").write_text(XXE, encoding="utf-8")
    (tmp_path / "links.md").write_text(MARKDOWN, encoding="utf-8")


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "lintnews.toml").write_text('plugins = ["marker.py"]\n', encoding="utf-8")
    for fmt in ("json", "full", "text"):
        run = cli(["check", "--no-cache", "--format", fmt, "xxe.html"], tmp_path)
        assert run.returncode in (0, 1)
        assert "root:x:0:0" not in run.stdout and "/bin/bash" not in run.stdout
    _, report = check_json(["xxe.html"], tmp_path, "--no-cache")
    assert by_path(report)["xxe.html"]  # the article was read and checked


def test_a_run_opens_no_socket(tmp_path: Path) -> None:
    project(tmp_path)
    wrapper = tmp_path / "audit_wrapper.py"
    wrapper.write_text(AUDIT_WRAPPER, encoding="utf-8")
    out = tmp_path / "audit.json"
    env = {**os.environ, "AUDIT_OUT": str(out), "NO_COLOR": "1"}
    # default rules plus the marker: everything a normal run does
    (tmp_path / "lintnews.toml").write_text('plugins = ["marker.py"]\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(wrapper), "--", "check", "--no-cache", "--format", "json", "."],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    record = json.loads(out.read_text())
    assert record["code"] in (0, 1)
    assert record["events"] == []
    assert json.loads(proc.stdout)["files_checked"] == 2


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="unshare -n is not permitted here")
def test_runs_without_any_network(tmp_path: Path) -> None:
    project(tmp_path)
    run, report = check_json(["."], tmp_path, "--no-cache", prefix=["unshare", "-n"])
    assert run.returncode in (0, 1)
    assert report["files_checked"] == 2 and report["errors"] == []


def test_stray_plugin_files_in_the_tree_are_never_imported(tmp_path: Path) -> None:
    write_marker_config(tmp_path)
    canary = tmp_path / "IMPORTED"
    payload = f"open({str(canary)!r}, 'w').write('imported')\n"
    for name in ("lintnews_plugin.py", "conftest.py", "plugin.py", "__init__.py"):
        (tmp_path / "articles" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "articles" / name).write_text(payload, encoding="utf-8")
    (tmp_path / "articles" / "lintnews_plugin.txt").write_text(payload, encoding="utf-8")
    (tmp_path / "articles" / "a.txt").write_text("Budget\n\nA zebra.\n", encoding="utf-8")
    # an installed-looking module next to the config is not imported either
    (tmp_path / "lintnews_local.py").write_text(payload, encoding="utf-8")
    run, report = check_json(["articles"], tmp_path, "--no-cache")
    assert not canary.exists()
    assert by_path(report)["articles/a.txt"]
    assert run.returncode == 1
    # the same file, once listed, does run: the list is the switch
    (tmp_path / "lintnews.toml").write_text(
        'plugins = ["marker.py", "articles/lintnews_plugin.py"]\nselect = ["RB001"]\n',
        encoding="utf-8",
    )
    check_json(["articles"], tmp_path, "--no-cache")
    assert canary.exists()


def test_output_paths_stay_in_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nA zebra.\n", encoding="utf-8")
    tree = tmp_path / "tree"
    (tree / "docs").mkdir(parents=True)
    write_marker_config(tree)
    (tree / "docs" / "a.txt").write_text("Budget\n\nA zebra.\n", encoding="utf-8")
    os.symlink(outside, tree / "docs" / "escape")
    os.symlink(outside / "secret.txt", tree / "docs" / "secret-link.txt")
    os.symlink("../../outside", tree / "docs" / "relative-escape")
    _, report = check_json(["docs"], tree, "--no-cache")
    paths = {v["path"] for v in report["violations"]} | set(report["metrics"])
    # both directory links lead to one directory, walked once (loop/duplicate detection)
    assert paths - {"docs/escape/secret.txt", "docs/relative-escape/secret.txt"} == {
        "docs/a.txt",
        "docs/secret-link.txt",
    }
    assert len(paths) == 3
    # a path the user typed is kept as typed, '..' included, and nothing more
    _, report = check_json(["../tree/docs/a.txt", "./docs"], tree, "--no-cache")
    for path in {v["path"] for v in report["violations"]}:
        assert path.startswith("../tree/docs/") or ".." not in Path(path).parts
        assert not path.startswith("/")
