"""``lintnews serve`` as a real subprocess, driven through a real headless Chromium."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import browser, page  # noqa: F401  (fixtures)

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "scraped-article.txt"
needs_sample = pytest.mark.skipif(
    not SAMPLE.exists(), reason="../shared (the sample article) is absent"
)


class Server:
    """A running ``lintnews serve --port 0`` and the URL it printed."""

    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self.proc = proc
        self.url = url

    def post(self, body: bytes, content_type: str = "application/json", **headers: str) -> Any:
        req = urllib.request.Request(
            self.url + "api/check",
            data=body,
            method="POST",
            headers={"Content-Type": content_type, **headers},
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    def check(self, text: str, fmt: str = "text") -> dict[str, Any]:
        status, data = self.post(json.dumps({"text": text, "format": fmt}).encode("utf-8"))
        assert status == 200, data
        return data


def _start(cwd: Path) -> tuple[subprocess.Popen[str], str, queue.Queue[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintnews", "serve", "--port", "0"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    try:
        first = lines.get(timeout=60)
    except queue.Empty:
        proc.kill()
        pytest.fail(f"lintnews serve printed nothing; stderr: {proc.stderr.read()}")  # type: ignore[union-attr]
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    assert m is not None, first
    assert int(m.group(1)) > 0
    return proc, m.group(0), lines


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    cwd = tmp_path_factory.mktemp("desk")
    # the server discovers configuration from its working directory, like the CLI
    (cwd / "lintnews.toml").write_text("[rules.RD002]\nmax-grade = 10\n")
    proc, url, _ = _start(cwd)
    try:
        yield Server(proc, url)
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=15)


@needs_sample
def test_api_answers_violations_errors_and_metrics(server: Server) -> None:
    text = SAMPLE.read_text("utf-8")
    data = server.check(text)
    assert {"violations", "errors", "metrics"} <= data.keys()
    codes = {v["code"] for v in data["violations"]}
    assert {"HL001", "PW001", "PW009"} <= codes
    assert data["errors"] == []
    assert data["metrics"]["readability"]["words"] > 100
    assert data["thresholds"]["max_grade"] == 10  # from the lintnews.toml in its cwd


def test_oversize_request_is_refused_with_413(server: Server) -> None:
    big = json.dumps({"text": "a" * (3 * 1024 * 1024), "format": "text"}).encode()
    status, data = server.post(big)
    assert status == 413
    assert "too large" in data["error"] and "2.0 MB" in data["error"]
    # the server still answers afterwards
    assert server.check("Headline\n\nA short body.")["errors"] == []


def test_bad_input_gets_a_message_not_a_traceback(server: Server) -> None:
    status, data = server.post(b'{"text": "caf\xe9", "format": "text"}')
    assert status == 400 and "UTF-8" in data["error"]
    status, data = server.post(b"{not json")
    assert status == 400 and "JSON" in data["error"]
    status, data = server.post(b'{"text": "x", "format": "docx"}')
    assert status == 400 and "unknown format" in data["error"]
    status, data = server.post(b"text=x", content_type="application/x-www-form-urlencoded")
    assert status == 415
    status, data = server.post(b'{"text": "x"}', Host="attacker.example")
    assert status == 403
    broken = "---\ntitle: [unclosed\n---\nBody text.\n"
    data = server.check(broken, "markdown")
    assert data["errors"] and "front matter" in data["errors"][0]["message"]
    assert "Traceback" not in json.dumps(data)


def test_legacy_encoded_upload_is_decoded_like_the_cli(server: Server) -> None:
    import base64

    raw = "Café owners protest\n\nThe café’s owner said “no” to the plan.\n".encode("cp1252")
    body = {"data": base64.b64encode(raw).decode(), "format": "text", "filename": "old.txt"}
    status, data = server.post(json.dumps(body).encode())
    assert status == 200
    assert data["text"].startswith("Café owners protest")
    assert any("not UTF-8" in n for n in data["notes"])
    body["data"] = base64.b64encode(b"\x00\x01binary").decode()
    status, data = server.post(json.dumps(body).encode())
    assert status == 422 and "binary" in data["error"]


@needs_sample
def test_page_pastes_checks_and_highlights(server: Server, page: Any) -> None:  # noqa: F811
    text = SAMPLE.read_text("utf-8")
    expected = server.check(text)["violations"]
    page.goto(server.url)
    page.locator("#article").fill(text)
    page.locator("#format").select_option("text")
    page.locator("#check").click()
    page.locator("#result mark.hl").first.wait_for()
    pieces = page.evaluate(
        """() => Array.from(document.querySelectorAll('#result mark.hl'))
                  .map(m => [Number(m.dataset.v), m.textContent])"""
    )
    marks: dict[int, str] = {}
    for index, piece in pieces:
        marks[index] = marks.get(index, "") + piece
    assert sorted(marks) == list(range(len(expected)))
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for i, v in enumerate(expected):
        s = starts[v["line"] - 1] + v["column"] - 1
        e = starts[v["end_line"] - 1] + v["end_column"] - 1
        assert marks[i] == text[s:e], v
    scores = page.locator("#scores").inner_text()
    assert "grade level (max 10)" in scores and "reading ease" in scores
    # typing may have started a second check; wait until the page has settled
    page.wait_for_function("() => !/Checking/.test(document.getElementById('message').textContent)")
    assert f"{len(expected)} violations" in page.locator("#message").inner_text()
    assert page.page_errors == []

    # edit and check again: the view follows
    page.locator("#article").fill("Headline\n\nA calm, short body with nothing wrong in it.")
    page.locator("#check").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#result mark.hl').length === 0"
        " && /violation/i.test(document.getElementById('message').textContent)"
    )


def test_page_shows_errors_for_oversize_and_broken_input(server: Server, page: Any) -> None:  # noqa: F811
    page.goto(server.url)
    page.evaluate("document.getElementById('article').value = 'x'.repeat(2200000)")
    page.locator("#check").click()
    page.wait_for_function("() => /413/.test(document.getElementById('message').textContent)")
    message = page.locator("#message")
    assert "too large" in message.inner_text()
    assert "error" in (message.get_attribute("class") or "")

    page.locator("#article").fill("---\ntitle: [unclosed\n---\nBody text here.\n")
    page.locator("#format").select_option("markdown")
    page.locator("#check").click()
    page.wait_for_function(
        "() => /front matter/.test(document.getElementById('message').textContent)"
    )
    assert "Traceback" not in page.content()


def test_dropped_non_utf8_file_is_decoded(server: Server, page: Any) -> None:  # noqa: F811
    page.goto(server.url)
    raw = "Café owners protest\n\nThe owner said no. Register now to get free unlimited access to\n"
    page.locator("#file").set_input_files(
        {"name": "old.md", "mimeType": "text/plain", "buffer": raw.encode("cp1252")}
    )
    page.wait_for_function("() => /not UTF-8/.test(document.getElementById('message').textContent)")
    assert page.locator("#format").input_value() == "markdown"
    assert page.locator("#article").input_value().startswith("Café owners protest")
    assert page.locator("#result mark.hl").count() >= 1


def test_hostile_paste_runs_no_script(server: Server, page: Any) -> None:  # noqa: F811
    hostile = (
        "Headline <script>window.__pwned=1</script>\n\n"
        'Body <img src=x onerror="window.__pwned=2;alert(1)"> text '
        "</script><script>window.__pwned=3</script>.\n\n"
        "Register now to get free unlimited access to\n"
    )
    page.goto(server.url)
    for fmt in ("text", "markdown", "html"):
        page.locator("#format").select_option(fmt)
        page.locator("#article").fill(hostile)
        page.locator("#check").click()
        page.wait_for_function(
            "() => document.querySelector('#result pre.src') &&"
            " document.querySelector('#result pre.src').textContent.includes('__pwned=1')"
        )
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []


def test_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    proc, url, lines = _start(tmp_path)
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200
        csp = resp.headers["Content-Security-Policy"]
        assert "script-src 'sha256-" in csp and "connect-src 'self'" in csp
    proc.send_signal(signal.SIGTERM if os.name != "nt" else signal.CTRL_C_EVENT)
    assert proc.wait(timeout=15) == 0
    rest = []
    while not any("stopped" in line for line in rest):
        try:
            rest.append(lines.get(timeout=10))
        except queue.Empty:
            pytest.fail(f"no 'stopped' line after SIGTERM; got {rest!r}")
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")
