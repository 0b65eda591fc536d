"""Byte-faithful, atomic writes of ``--fix``: encodings, BOMs, line endings,
permissions, read-only files, files changed between check and write.

The fixes come from TX005 (``&amp;`` -> ``&``; safe, one entity per edit), so
every expected byte string below is easy to write by hand.  Real files in
``tmp_path`` and real CLI subprocesses; nothing of the file system is mocked.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.config import load_config, with_overrides
from lintnews.engine import Engine
from lintnews.fixing import fix_file

ARTICLE = "Markets rally\n\nStocks &amp; bonds rose on Friday.\n\nTraders cheered.\n"
FIXED = "Markets rally\n\nStocks & bonds rose on Friday.\n\nTraders cheered.\n"


def lintnews(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1", "LINTNEWS_CACHE_DIR": str(cwd / ".cache")},
        timeout=120,
    )


def fix(cwd: Path, *paths: str, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return lintnews("check", "--no-cache", "--select", "TX005", "--fix", *extra, *paths, cwd=cwd)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if "lintnews-tmp" in p.name)


def test_lf_utf8_fixed_exactly(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode())
    proc = fix(tmp_path, "a.txt")
    assert (tmp_path / "a.txt").read_bytes() == FIXED.encode()
    assert "Fixed 1 violation in 1 file." in proc.stdout
    assert proc.returncode == 0, proc.stderr


def test_crlf_kept(tmp_path: Path) -> None:
    crlf = ARTICLE.replace("\n", "\r\n").encode()
    (tmp_path / "a.txt").write_bytes(crlf)
    fix(tmp_path, "a.txt")
    assert (tmp_path / "a.txt").read_bytes() == FIXED.replace("\n", "\r\n").encode()


def test_utf8_bom_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    fix(tmp_path, "a.txt")
    assert (tmp_path / "a.txt").read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()


def test_utf16_bom_crlf_kept(tmp_path: Path) -> None:
    text = ARTICLE.replace("\n", "\r\n")
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    fix(tmp_path, "a.txt")
    want = FIXED.replace("\n", "\r\n")
    assert (tmp_path / "a.txt").read_bytes() == b"\xff\xfe" + want.encode("utf-16-le")


def test_no_final_newline_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.rstrip("\n").encode())
    fix(tmp_path, "a.txt")
    assert (tmp_path / "a.txt").read_bytes() == FIXED.rstrip("\n").encode()


def test_latin1_by_config(tmp_path: Path) -> None:
    """Configured Latin-1: untouched bytes stay Latin-1, the fix is encoded in it;
    a replacement Latin-1 cannot hold (an em dash) is left out with a note."""
    (tmp_path / "lintnews.toml").write_text('[encoding]\n"archive/**" = "latin-1"\n')
    (tmp_path / "archive").mkdir()
    text = "Caf\xe9 news\n\nThe caf\xe9 &amp; the bar &eacute;t\xe9 &mdash; closed.\n"
    path = tmp_path / "archive" / "a.txt"
    path.write_bytes(text.encode("latin-1"))
    proc = fix(tmp_path, "archive/a.txt")
    want = "Caf\xe9 news\n\nThe caf\xe9 & the bar \xe9t\xe9 &mdash; closed.\n"
    assert path.read_bytes() == want.encode("latin-1")
    assert "cannot be written in the file's encoding (iso8859-1)" in proc.stderr
    assert "TX005" in proc.stdout  # the &mdash; violation remains, reported


def test_permissions_kept_and_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    path.chmod(0o640)
    fix(tmp_path, "a.txt")
    assert path.read_bytes() == FIXED.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_symlink_target_fixed_link_kept(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(ARTICLE.encode())
    (tmp_path / "link.txt").symlink_to("real.txt")
    fix(tmp_path, "link.txt")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_bytes() == FIXED.encode()


def test_nothing_to_fix_leaves_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(FIXED.encode())
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    proc = fix(tmp_path, "a.txt")
    after = path.stat()
    assert path.read_bytes() == FIXED.encode()
    assert after.st_mtime_ns == before.st_mtime_ns and after.st_ino == before.st_ino
    assert "Fixed 0 violations in 0 files." in proc.stdout
    assert proc.returncode == 0


def test_read_only_file_clear_error_no_write(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    path.chmod(0o444)
    proc = fix(tmp_path, "a.txt")
    assert path.read_bytes() == ARTICLE.encode()
    errors = [line for line in proc.stderr.splitlines() if "error" in line]
    assert errors == ["lintnews: error: a.txt: file is read-only; not fixed"]
    assert proc.returncode == 2
    assert leftovers(tmp_path) == []
    assert "Fixed 0 violations in 0 files." in proc.stdout


def test_read_only_directory_no_temp_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can create files in a read-only directory")
    d = tmp_path / "ro"
    d.mkdir()
    path = d / "a.txt"
    path.write_bytes(ARTICLE.encode())
    d.chmod(0o555)
    try:
        proc = fix(tmp_path, "ro/a.txt")
    finally:
        d.chmod(0o755)
    assert path.read_bytes() == ARTICLE.encode()
    assert "cannot create a temporary file" in proc.stderr
    assert leftovers(d) == []


def _engine(root: Path) -> Engine:
    return Engine(with_overrides(load_config(root), select=("TX005",)))


def test_changed_on_disk_between_check_and_write_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    newer = ARTICLE.replace("Traders cheered.", "Traders cheered loudly.").encode()

    def editor_saves(p: str) -> None:
        Path(p).write_bytes(newer)

    outcome = fix_file(_engine(tmp_path), str(path), before_write=editor_saves)
    assert path.read_bytes() == newer
    assert not outcome.written and outcome.fixed == []
    assert [e.message for e in outcome.errors] == [
        "file changed on disk since it was checked; not overwritten (run lintnews again)"
    ]
    assert leftovers(tmp_path) == []


def test_changed_on_disk_same_size_and_mtime_is_detected(tmp_path: Path) -> None:
    """An edit inside the clock's resolution (same size, same mtime) is still seen."""
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    st = path.stat()
    newer = ARTICLE.replace("Friday", "Monday").encode()
    assert len(newer) == len(ARTICLE.encode())

    def sneaky(p: str) -> None:
        Path(p).write_bytes(newer)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))

    outcome = fix_file(_engine(tmp_path), str(path), before_write=sneaky)
    assert path.read_bytes() == newer and not outcome.written


def test_fix_file_without_interference_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    outcome = fix_file(_engine(tmp_path), str(path), before_write=lambda p: None)
    assert outcome.written and [f.code for f in outcome.fixed] == ["TX005"]
    assert path.read_bytes() == FIXED.encode()


MD = (
    "---\ntitle: Markets &amp; rally\ntags: [a,  b]\n---\n\n"
    "# Markets rally\n\n"
    "Stocks &amp; *bonds*   rose the the\n[next day](https://example.com/?a=1&amp;b=2).\n\n"
    "<!-- lintnews: disable-next-line TX005 -->\nKeep &amp; this.\n"
)


def test_markdown_front_matter_and_markup_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(MD.encode())
    lintnews("check", "--no-cache", "--select", "TX005,TX007", "--fix", "a.md", cwd=tmp_path)
    # The front-matter title is the headline: its literal "&amp;" is a violation
    # and is fixed in place; so is the doubled "the".  The rest of the front
    # matter (spacing in "[a,  b]"), body entities (markup in Markdown), the
    # emphasis, the link, the suppressed line and blank lines stay byte for byte.
    want = MD.replace("rose the the", "rose the").replace(
        "title: Markets &amp; rally", "title: Markets & rally"
    )
    assert path.read_text(encoding="utf-8") == want


HTML = (
    "<!doctype html>\n<html><head><title>Markets</title></head>\n<body>\n"
    "<h1>Markets rally</h1>\n"
    '<p class="lede">Stocks &amp;amp; bonds <b>rose</b>   on Friday.</p>\n'
    "</body></html>\n"
)


def test_html_markup_outside_fixed_span_byte_identical(tmp_path: Path) -> None:
    """In HTML ``&amp;amp;`` reads as the text ``&amp;``: TX005 fixes that leftover."""
    path = tmp_path / "a.html"
    path.write_bytes(HTML.encode())
    proc = fix(tmp_path, "a.html")
    got = path.read_text(encoding="utf-8")
    head, _, tail = HTML.partition("&amp;amp;")
    assert got.startswith(head) and got.endswith(tail), proc.stdout + proc.stderr
    # TX005 writes the decoded character; "&" and "&amp;" both read as "&" here.
    assert got[len(head) : len(got) - len(tail)] in {"&", "&amp;"}
