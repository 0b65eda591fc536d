"""Bad input through the real CLI: encodings, odd files, broken markup, huge trees.

Each test builds its inputs in a temp dir and runs ``python -m lintnews`` in
a subprocess.  What must hold every time: no traceback, every good file in
the same run still checked (its violation present), exit codes per the
contract (0 clean, 1 violations, 2 any error).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _robust import by_path, check_json, cli, errors_by_path, write_marker_config

GOOD = "Council budget approved\n\nA zebra crossed the road on Tuesday, police said.\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# -- one archive with everything wrong at once ------------------------------------------


def test_mixed_archive_every_good_file_still_checked(tmp_path: Path) -> None:
    write_marker_config(tmp_path)
    d = tmp_path / "archive"
    write(d / "good.txt", GOOD)
    write(d / "bom8.txt", b"\xef\xbb\xbf" + GOOD.encode())
    write(d / "utf16.txt", GOOD.replace("\n", "\r\n").encode("utf-16"))  # BOM included
    write(d / "cp1252.txt", "Caf\xe9 news\n\nThe caf\xe9 \u2019zebra\u2019 won.\n".encode("cp1252"))
    write(d / "damaged.txt", "Caf\u00e9 news\n\nThe caf\u00e9 zebra".encode() + b"\xff\xfe.\n")
    write(d / "empty.txt", b"")
    write(d / "blank.md", b"  \n\n\t\n")
    write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(d / "with space.md", "# Title\n\nA zebra.\n")
    write(d / "über naïve 中文.md", "# Títle\n\nA zebra.\n")
    write(d / "bad-front.md", "---\ntitle: [unclosed\n---\n\nThe body has a zebra.\n")
    write(d / "list-title.md", "---\ntitle: [a, b]\ntags: 3\n---\n\nA zebra.\n")
    write(d / "broken.html", "<p>Unclosed <b>bold <i>zebra<div><p>more</span></td></tr>")
    os.symlink("does-not-exist.txt", d / "dangling.txt")
    (d / "loop").mkdir()
    os.symlink("..", d / "loop" / "up")

    run, report = check_json(["archive"], tmp_path, "--no-cache")
    assert run.returncode == 2  # errors (damaged UTF-8, bad front matter) win over violations
    found = by_path(report)
    for name in ("good.txt", "bom8.txt", "utf16.txt", "with space.md", "über naïve 中文.md"):
        assert any(v[4] == "RB001" for v in found[f"archive/{name}"]), name
    # the body after broken front matter is still checked, and the error names the line
    assert found["archive/bad-front.md"] == [(5, 16, 5, 21, "RB001")]
    errors = errors_by_path(report)
    assert "line 3" in errors["archive/bad-front.md"]
    assert "not valid UTF-8" in errors["archive/damaged.txt"]
    assert set(errors) == {"archive/bad-front.md", "archive/damaged.txt"}
    skipped = {s["path"]: s["message"] for s in report.get("skipped", [])}
    assert "binary" in skipped["archive/image.txt"]
    assert ("RB001" in [v[4] for v in found["archive/list-title.md"]]) is True
    assert any(v[4] == "RB001" for v in found["archive/broken.html"])
    # cp1252: detected, reported once as info, text decoded right (zebra at its column)
    cp = found["archive/cp1252.txt"]
    assert [v for v in cp if v[4] == "LN003"] == [(1, 1, 1, 1, "LN003")]
    assert (3, 11, 3, 16, "RB001") in cp
    # checked: 13 regular files minus binary and damaged; the loop is walked once
    assert report["files_checked"] == 11
    assert not any("up/" in v["path"] for v in report["violations"])


def test_exit_codes_follow_the_contract(tmp_path: Path) -> None:
    write_marker_config(tmp_path)
    write(tmp_path / "clean.txt", "A headline\n\nA horse.\n")
    write(tmp_path / "dirty.txt", GOOD)
    write(tmp_path / "damaged.txt", "é zebra".encode() + b"\xff\n")
    assert check_json(["clean.txt"], tmp_path)[0].returncode == 0
    assert check_json(["dirty.txt"], tmp_path)[0].returncode == 1
    run, report = check_json(["dirty.txt", "damaged.txt"], tmp_path)
    assert run.returncode == 2 and report["files_checked"] == 1
    assert by_path(report)["dirty.txt"]
    run = cli(["check", "damaged.txt"], tmp_path)
    assert run.returncode == 2 and "damaged.txt" in run.stderr and "not valid UTF-8" in run.stderr


# -- encodings and positions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # columns are Unicode code points of the decoded line (documented in the README)
        ("Headline\n\nA \U0001f600 zebra.\n", (3, 5, 3, 10)),
        ("Headline\n\n中文新闻 zebra.\n", (3, 6, 3, 11)),
        ("Headline\n\n\tTabbed zebra.\n", (3, 9, 3, 14)),
        ("Headline\r\n\r\nCRLF \U0001f1eb\U0001f1f7 zebra.\r\n", (3, 9, 3, 14)),
        ("\ufeffHeadline\n\nBOM zebra.\n", (3, 5, 3, 10)),
        ("e\u0301 combining\n\nx\u0301 zebra\n", (3, 4, 3, 9)),
    ],
    ids=["emoji", "cjk", "tab", "crlf-flag", "bom", "combining"],
)
def test_columns_are_code_points(tmp_path: Path, data: str, expected: tuple) -> None:
    write_marker_config(tmp_path)
    write(tmp_path / "a.txt", data)
    write(tmp_path / "b.txt", data.lstrip("\ufeff").encode("utf-16"))
    _, report = check_json(["a.txt", "b.txt"], tmp_path)
    found = by_path(report)
    assert found["a.txt"] == [(*expected, "RB001")]
    assert found["b.txt"] == [(*expected, "RB001")]  # UTF-16 BOM: same positions


def test_encoding_set_per_glob_is_not_reported_as_a_guess(tmp_path: Path) -> None:
    write_marker_config(tmp_path, '[encoding]\n"legacy/**" = "latin-1"\n')
    data = "Caf\xe9\n\nNa\xefve zebra.\n".encode("latin-1")
    write(tmp_path / "legacy" / "a.txt", data)
    write(tmp_path / "new" / "a.txt", data)
    _, report = check_json(["legacy", "new"], tmp_path)
    found = by_path(report)
    assert found["legacy/a.txt"] == [(3, 7, 3, 12, "RB001")]
    assert [v[4] for v in found["new/a.txt"]] == ["LN003", "RB001"]
    ln003 = [v for v in report["violations"] if v["code"] == "LN003"]
    assert len(ln003) == 1 and ln003[0]["severity"] == "info"


def test_invalid_bytes_under_a_configured_encoding_are_one_error(tmp_path: Path) -> None:
    write_marker_config(tmp_path, '[encoding]\n"*.txt" = "utf-8"\n')
    write(tmp_path / "a.txt", b"ok\ncaf\xe9\n")
    write(tmp_path / "b.md", "# T\n\nzebra\n")
    run, report = check_json(["."], tmp_path)
    assert run.returncode == 2
    assert errors_by_path(report) == {
        "a.txt": "not valid utf-8 (the encoding configured for it): byte 0xe9 at line 2, column 4"
    }
    assert by_path(report)["b.md"]


# -- markup ---------------------------------------------------------------------------------


def test_hidden_html_is_not_reported_but_visible_text_is(tmp_path: Path) -> None:
    prompt = "Subscribe now to keep reading. Sign up for our newsletter."
    hidden = (
        "<html><body><h1>Budget approved</h1><p>The council approved it.</p>"
        f"<script>var s = '{prompt}';</script><style>/* {prompt} */</style>"
        f"<!-- {prompt} --><![CDATA[ {prompt} ]]>"
        "<p>Caf&eacute; &amp; bar &#8212; &#x1F600; &bogus; fine.</p></body></html>"
    )
    visible = hidden.replace("<p>The council approved it.</p>", f"<p>{prompt}</p>")
    write(tmp_path / "hidden.html", hidden)
    write(tmp_path / "visible.html", visible)
    _, report = check_json(["hidden.html", "visible.html"], tmp_path, "--select", "PW")
    found = by_path(report)
    assert "hidden.html" not in found
    assert found["visible.html"]  # the control: the same phrases in a <p> are reported
    assert report["files_checked"] == 2 and report["errors"] == []


@pytest.mark.parametrize(
    "html",
    [
        "<p>Unclosed <b>bold <i>italic<div><p>garbage</span></td>",
        "<<<>>><p>a zebra</p></html></html><body><p",
        "<table><tr><td><p>zebra<td><ul><li>x<li>y</table></p></p>",
        "<p>" * 5000 + "deep zebra",
        "<p title='unterminated>zebra",
        "</p></div>zebra<p>",
        "<!-- unclosed comment zebra",
        "<script>never closed zebra",
    ],
)
def test_malformed_html_never_crashes(tmp_path: Path, html: str) -> None:
    write_marker_config(tmp_path)
    write(tmp_path / "a.html", html)
    write(tmp_path / "good.txt", GOOD)
    run, report = check_json(["a.html", "good.txt"], tmp_path)
    assert run.returncode in (0, 1)
    assert report["files_checked"] == 2 and report["errors"] == []
    assert by_path(report)["good.txt"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: [unclosed\n---\n\nBody zebra.\n", "line 3"),
        ("---\ntitle: x\n  bad: indent\n---\n\nBody zebra.\n", "line 3"),
        ("+++\ntitle = \n+++\n\nBody zebra.\n", "line 2"),
        ("---\n- a list\n---\n\nBody zebra.\n", "line 2"),
    ],
)
def test_broken_front_matter_names_the_line_and_body_is_checked(
    tmp_path: Path, text: str, line: str
) -> None:
    write_marker_config(tmp_path)
    write(tmp_path / "a.md", text)
    run, report = check_json(["a.md"], tmp_path)
    assert run.returncode == 2
    (error,) = report["errors"]
    assert line in error["message"] and "front matter" in error["message"]
    assert "body" in error["message"]
    assert [v[4] for v in by_path(report)["a.md"]] == ["RB001"]
    assert report["files_checked"] == 1


def test_unclosed_front_matter_is_one_error(tmp_path: Path) -> None:
    write_marker_config(tmp_path)
    write(tmp_path / "a.md", "---\ntitle: x\n\nBody zebra.\n")
    run, report = check_json(["a.md"], tmp_path)
    assert run.returncode == 2
    assert errors_by_path(report) == {"a.md": "front matter: unclosed '---' fence opened at line 1"}


def test_front_matter_with_wrong_types(tmp_path: Path) -> None:
    text = "---\ntitle: [a, b]\ndate: 12\ntags: {x: 1}\nlintnews: 7\n---\n\nBody zebra.\n"
    write(tmp_path / "a.md", text)
    run, report = check_json(["a.md"], tmp_path)
    assert run.returncode in (0, 1) and report["errors"] == []
    assert report["files_checked"] == 1
    # the list title is not taken as the headline
    assert "HL002" in {v["code"] for v in report["violations"]}


# -- files ------------------------------------------------------------------------------------


def _big_html(path: Path, megabytes: int) -> None:
    """An article whose bulk is an inline data blob, as scraped pages often have.

    The reader skips <script> content in one pass, so the run measures
    reading, decoding and memory rather than the rules' prose throughput.
    """
    row = '{"id": 12345, "tags": ["politics", "budget"], "body": "lorem ipsum dolor"},\n'
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("<html><body><h1>Budget approved</h1><p>A zebra budget.</p><script>[\n")
        fh.write(row * (megabytes * 1024 * 1024 // len(row)))
        fh.write("];</script><p>The end.</p></body></html>\n")


def test_huge_file_skipped_by_default_and_checked_with_a_raised_limit(tmp_path: Path) -> None:
    write_marker_config(tmp_path)
    _big_html(tmp_path / "big.html", 50)
    write(tmp_path / "good.txt", GOOD)
    run, report = check_json(["big.html", "good.txt"], tmp_path, "--no-cache")
    assert run.returncode == 1  # a skip is a note, not an error
    skipped = {s["path"]: s["message"] for s in report["skipped"]}
    assert "max-file-size" in skipped["big.html"]
    assert report["files_checked"] == 1 and by_path(report)["good.txt"]

    write_marker_config(tmp_path, "max-file-size = 100_000_000\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    run, report = check_json(["big.html", "good.txt"], tmp_path, "--no-cache")
    elapsed = time.monotonic() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert report["files_checked"] == 2
    assert by_path(report)["big.html"] == [(1, 42, 1, 47, "RB001")]
    # measured here: ~5 s and ~215 MB for 50 MB; the bounds leave room for slow CI
    assert elapsed < 60
    if peak_kb > before:  # RUSAGE_CHILDREN is a maximum over all children so far
        assert peak_kb < 1_200_000, f"peak RSS {peak_kb} kB for a 50 MB article"


def test_unreadable_file_is_one_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    """As root, chmod 000 does not stop reads: then run the CLI as 'nobody' via setpriv."""
    write_marker_config(tmp_path)
    write(tmp_path / "secret.txt", GOOD)
    write(tmp_path / "good.txt", GOOD)
    (tmp_path / "secret.txt").chmod(0)
    prefix: list[str] = []
    env: dict[str, str] = {}
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root and setpriv is missing: cannot make a file unreadable")
        for p in (tmp_path, *tmp_path.parents):
            if p == Path("/"):
                break
            p.chmod(p.stat().st_mode | 0o005)  # nobody must reach the tree
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        env = {"HOME": str(tmp_path), "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        probe = subprocess.run([*prefix, sys.executable, "-c", "import lintnews"], env=env)
        if probe.returncode != 0:
            pytest.skip("running as root and 'nobody' cannot import lintnews from this checkout")
    run, report = check_json(
        ["secret.txt", "good.txt"], tmp_path, "--no-cache", prefix=prefix, env=env
    )
    assert run.returncode == 2
    assert errors_by_path(report) == {"secret.txt": "Permission denied"}
    assert report["files_checked"] == 1 and by_path(report)["good.txt"]


def test_broken_symlink_given_explicitly_is_an_error(tmp_path: Path) -> None:
    write_marker_config(tmp_path)
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    write(tmp_path / "good.txt", GOOD)
    run = cli(["check", "dangling.txt", "good.txt"], tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith("lintnews: error: dangling.txt")


def test_symlinks_out_of_the_tree_keep_in_tree_paths(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.txt", GOOD)
    project = tmp_path / "project"
    project.mkdir()
    write_marker_config(project)
    write(project / "docs" / "a.txt", GOOD)
    os.symlink(outside, project / "docs" / "linked")
    os.symlink(project / "docs", project / "docs" / "self")  # a loop back into the tree
    _, report = check_json(["docs"], project)
    paths = sorted(by_path(report))
    assert paths == ["docs/a.txt", "docs/linked/secret.txt"]
    for v in report["violations"]:
        assert ".." not in Path(v["path"]).parts and not v["path"].startswith("/")


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


@pytest.mark.skipif(shutil.which("pgrep") is None, reason="pgrep not available")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_promptly_and_leaves_no_workers(tmp_path: Path, jobs: str) -> None:
    # The run must still be checking, not reporting, when Ctrl-C comes: distinct
    # texts (identical ones hit per-text memos) of 40 paragraphs each, ~10 s of
    # work for two workers on the 2-core CI machine.
    for i in range(4000):
        paras = (
            " ".join(
                f"The council approved line {j} of plan {i} after {k * i % 31} hours."
                for j in range(4)
            )
            for k in range(40)
        )
        text = f"Headline {i}\n\n" + "\n\n".join(paras) + "\n"
        (tmp_path / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintnews", "check", ".", "--no-cache", "--jobs", jobs],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline:  # started: workers up (or, in-process, a moment in)
        time.sleep(0.5)
        workers = _children(proc.pid)
        if (jobs == "1" or len(workers) >= 2) and time.monotonic() > deadline - 59:
            break
    assert proc.poll() is None, "finished before it could be interrupted"
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert time.monotonic() - sent < 10
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip() == "lintnews: interrupted"
    assert out == ""  # no half-written report
    time.sleep(0.5)
    assert [w for w in workers if Path(f"/proc/{w}").exists()] == []


@pytest.mark.slow
def test_hundred_thousand_small_files(tmp_path: Path) -> None:
    """100,000 files in one run: completes; the time is printed (see docs/robustness.md)."""
    write_marker_config(tmp_path)
    root = tmp_path / "archive"
    for i in range(100):
        sub = root / f"d{i:03d}"
        sub.mkdir(parents=True)
        for j in range(1000):
            (sub / f"a{j:04d}.txt").write_bytes(b"Headline\n\nA horse.\n")
    write(root / "d050" / "zebra.txt", GOOD)
    started = time.monotonic()
    run, report = check_json(["archive"], tmp_path, "--no-cache", "--jobs", "2", timeout=900)
    elapsed = time.monotonic() - started
    print(f"\n100,000 files: {elapsed:.1f} s")
    assert report["files_checked"] == 100_001
    assert list(by_path(report)) == ["archive/d050/zebra.txt"]
    assert run.returncode == 1


# -- a compiled dependency that panics ----------------------------------------------------

#: Every code point on which sentencex 0.x panics when it stands before a full stop
#: (a scan of all code points in four contexts): the non-ASCII spaces.
PANIC_SPACES = (
    "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + ("\u2028\u2029\u202f\u205f\u3000")
)


def test_spaces_that_panic_the_segmenter_cost_nothing(tmp_path: Path) -> None:
    """A narrow no-break space before a full stop crashed the run with a Rust panic.

    Scraped French copy puts one there; the file must be checked like any
    other, with no panic message and no traceback.
    """
    body = "".join(
        f"Item {i} ends here{c}. The next sentence follows.\n\n" for i, c in enumerate(PANIC_SPACES)
    )
    write(
        tmp_path / "nbsp.txt",
        "Council budget approved\n\n" + body + "Register now to get free unlimited access to\n",
    )
    write(tmp_path / "good.txt", GOOD)
    run, report = check_json(["nbsp.txt", "good.txt"], tmp_path, "--no-cache", "--jobs", "1")
    assert "panicked" not in run.stderr and "PanicException" not in run.stderr
    assert report["errors"] == []
    assert report["files_checked"] == 2
    assert any(v["code"].startswith("PW") for v in report["violations"])
