"""``lintnews serve``: a local page where an editor pastes or drops an article.

The page shows the same highlighted view as the HTML report and the
readability scores, refreshed on every check.  It is a thin shell around the
engine the CLI builds (same configuration discovery, same plugins, same
rules): :class:`CheckService` turns ``{text, format}`` into the engine's
violations, errors and metrics, and the page draws them with the report's
own script (``assets/highlight.js``) from the report's own payload
(:func:`lintnews.reporters.html.file_payload`).

Standard library only (:class:`http.server.ThreadingHTTPServer`), bound to
127.0.0.1 by default.  Safety on a shared desk machine:

* request bodies are bounded (2 MB by default; larger ones get 413 and a
  message, without reading them into memory);
* ``/api/check`` accepts only ``application/json``, which a web page on
  another site cannot send without a CORS preflight that this server never
  approves; and, when bound to a loopback address, requests whose ``Host``
  is not a loopback name are refused (DNS-rebinding);
* the page carries a Content-Security-Policy that allows only its own
  inline script and style, and article text is only ever drawn as text;
* bad input (invalid UTF-8, broken front matter, an undecodable file) comes
  back as a message on the page, never as a traceback.
"""

from __future__ import annotations

import base64
import binascii
import json
import signal
import sys
import threading
from collections.abc import Mapping
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lintnews.reporters.html import (
    asset,
    csp_hash,
    file_payload,
    rule_docs_html,
    script_json,
    thresholds_of,
)

if TYPE_CHECKING:
    from lintnews.engine import Engine

__all__ = ["MAX_REQUEST_BYTES", "CheckService", "make_server", "run_server"]

#: the largest request body accepted (a long feature is ~100 kB)
MAX_REQUEST_BYTES = 2 * 1024 * 1024
#: an oversize body up to this many bytes is read and dropped before the 413,
#: so the browser sees the answer instead of a reset connection
_DRAIN_LIMIT = 64 * 1024 * 1024
_PREFERRED_EXTS = {".txt", ".md", ".html"}
_LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


class BadRequest(Exception):
    """A request the page should explain: carries the HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"


class CheckService:
    """The engine behind the page: one :class:`Engine`, shared by request threads.

    The engine's plugins keep small per-article caches, so checks are
    serialised with a lock; one check takes milliseconds.
    """

    def __init__(self, engine: Engine, *, max_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.engine = engine
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self.thresholds = thresholds_of(engine)
        # format name -> extensions, from the reader plugins (".md" -> "markdown")
        formats: dict[str, list[str]] = {}
        for ext, fmt in sorted(engine.registry.reader_formats().items()):
            formats.setdefault(fmt, []).append(ext)
        formats.setdefault("text", [".txt"])
        # the usual extension first: it names the checked text ("article.md")
        for exts in formats.values():
            exts.sort(key=lambda ext: (ext not in _PREFERRED_EXTS, len(ext), ext))
        self.formats = formats

    def filename_for(self, fmt: str, name: str | None) -> str:
        """A file name that makes the engine read the text as ``fmt``."""
        exts = self.formats[fmt]
        stem = "article"
        if name:
            base = name.replace("\\", "/").rsplit("/", 1)[-1]
            stem = base.rsplit(".", 1)[0] if "." in base else base
            stem = stem.strip() or "article"
        return stem + (exts[0] if exts else ".txt")

    def check(self, payload: Any) -> dict[str, Any]:
        """``{text | data, format, filename?}`` -> ``{violations, errors, metrics, ...}``.

        ``data`` is a dropped file's bytes in base64: it is decoded as the
        engine decodes files (BOM, UTF-8, then a detected legacy encoding).
        """
        if not isinstance(payload, Mapping):
            raise BadRequest(400, "expected a JSON object {text, format}")
        fmt = payload.get("format", "text")
        if fmt not in self.formats:
            raise BadRequest(
                400, f"unknown format {fmt!r}; expected one of {', '.join(sorted(self.formats))}"
            )
        name = payload.get("filename")
        if name is not None and not isinstance(name, str):
            raise BadRequest(400, "'filename' must be a string")
        notes: list[str] = []
        if "data" in payload:
            text = self._decode_upload(payload["data"], name, notes)
        else:
            text = payload.get("text")
            if not isinstance(text, str):
                raise BadRequest(400, "expected 'text' (a string) or 'data' (base64 bytes)")
        text = text.removeprefix("\ufeff")
        filename = self.filename_for(fmt, name)
        with self._lock:
            result = self.engine.lint_text(text, filename=filename)
        violations = result.violations()
        metrics = result.metrics().get(filename, {})
        rules = {}
        for v in violations:
            rule = self.engine.registry.rule(v.code)
            rules[v.code] = {
                "name": v.name,
                "summary": rule.summary if rule is not None else "",
            }
        return {
            "violations": [v.to_dict() for v in violations],
            "errors": [e.to_dict() for e in result.all_errors()],
            "metrics": metrics,
            "notes": notes,
            "filename": filename,
            "text": text,
            "file": file_payload(filename, violations, text, metrics=metrics),
            "rules": rules,
            "thresholds": self.thresholds.to_dict(),
        }

    def _decode_upload(self, data: Any, name: str | None, notes: list[str]) -> str:
        from lintnews.decoding import BinaryFile, DecodeError, decode_bytes

        if not isinstance(data, str):
            raise BadRequest(400, "'data' must be base64 text")
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise BadRequest(400, "'data' is not valid base64") from None
        label = name or "the file"
        try:
            decoded = decode_bytes(raw)
        except BinaryFile:
            raise BadRequest(422, f"{label} is a binary file (it contains NUL bytes)") from None
        except DecodeError as exc:
            raise BadRequest(422, f"{label} cannot be read as text: {exc}") from None
        if decoded.detected:
            notes.append(
                f"{label} is not UTF-8; it was read as {decoded.encoding}. "
                "Convert it to UTF-8 before filing."
            )
        return decoded.text

    # -- pages ------------------------------------------------------------------------------
    def page(self, config_label: str) -> tuple[str, str]:
        """The editor page and its Content-Security-Policy."""
        style = asset("report.css")
        script = asset("highlight.js") + asset("serve.js")
        options = "".join(
            f'<option value="{escape(fmt)}"{" selected" if fmt == "text" else ""}>'
            f"{escape(fmt)}</option>"
            for fmt in sorted(self.formats)
        )
        settings = {
            "formats": self.formats,
            "max_bytes": self.max_bytes,
            "thresholds": self.thresholds.to_dict(),
        }
        html = (
            asset("serve.html")
            .replace("{{style}}", style)
            .replace("{{script}}", script)
            .replace("{{formats}}", options)
            .replace("{{config}}", escape(config_label))
            .replace("{{limit}}", escape(_size(self.max_bytes)))
            .replace("{{settings}}", script_json(settings))
        )
        return html, _csp(script, style)

    def rule_page(self, code: str) -> tuple[str, str] | None:
        rule = self.engine.registry.rule(code)
        if rule is None:
            return None
        style = asset("report.css")
        html = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(rule.code)} {escape(rule.name)}</title><style>{style}</style>"
            '</head><body><main><section class="rule-page">'
            f"{rule_docs_html(rule)}</section></main></body></html>"
        )
        return html, _csp("", style)


def _csp(script: str, style: str) -> str:
    script_src = csp_hash(script) if script else "'none'"
    return (
        f"default-src 'none'; script-src {script_src}; style-src {csp_hash(style)}; "
        "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )


class _Handler(BaseHTTPRequestHandler):
    server_version = "lintnews"
    sys_version = ""
    service: CheckService
    config_label: str = "defaults"
    verbose: bool = False
    loopback_only: bool = True

    # -- plumbing -------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        if self.verbose:
            sys.stderr.write(f"lintnews serve: {self.address_string()} {format % args}\n")

    def _send(self, status: int, body: bytes, content_type: str, csp: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _host_ok(self) -> bool:
        if not self.loopback_only:
            return True
        host = self.headers.get("Host", "")
        name = urlsplit(f"//{host}").hostname or ""
        return name in _LOOPBACK_NAMES

    # -- routes ---------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._host_ok():
            self._error(403, "this server answers only to localhost")
            return
        path = urlsplit(self.path).path
        try:
            if path in ("/", "/index.html"):
                html, csp = self.service.page(self.config_label)
                self._send(200, html.encode("utf-8"), "text/html; charset=utf-8", csp)
            elif path.startswith("/rules/"):
                found = self.service.rule_page(path.removeprefix("/rules/"))
                if found is None:
                    self._error(404, "no such rule")
                else:
                    html, csp = found
                    self._send(200, html.encode("utf-8"), "text/html; charset=utf-8", csp)
            elif path == "/favicon.ico":
                self._send(204, b"", "image/x-icon")
            else:
                self._error(404, "not found")
        except Exception as exc:  # never a traceback to the page
            self._internal(exc)

    def do_POST(self) -> None:
        if not self._host_ok():
            self._error(403, "this server answers only to localhost")
            return
        if urlsplit(self.path).path != "/api/check":
            self._error(404, "not found")
            return
        try:
            payload = self._read_json()
            self._json(200, self.service.check(payload))
        except BadRequest as exc:
            self._error(exc.status, str(exc))
        except Exception as exc:
            self._internal(exc)

    def _internal(self, exc: Exception) -> None:
        if self.verbose:
            import traceback

            traceback.print_exc()
        self._error(500, f"lintnews failed on this input: {type(exc).__name__}: {exc}")

    def _read_json(self) -> Any:
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            self.close_connection = True
            raise BadRequest(411, "the request needs a Content-Length")
        try:
            length = int(length_header)
        except ValueError:
            self.close_connection = True
            raise BadRequest(400, "bad Content-Length") from None
        limit = self.service.max_bytes
        if length > limit:
            self._drain(length)
            raise BadRequest(
                413,
                f"the article is too large: {_size(length)} sent, the limit is {_size(limit)}",
            )
        body = self.rfile.read(length) if length > 0 else b""
        if ctype != "application/json":
            raise BadRequest(415, "send the article as application/json")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest(
                400, f"the request is not valid UTF-8 (bad byte at offset {exc.start})"
            ) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadRequest(400, f"the request is not valid JSON: {exc.msg}") from None

    def _drain(self, length: int) -> None:
        """Read and drop an oversize body, so the client gets the 413 and not a reset."""
        if length > _DRAIN_LIMIT:
            self.close_connection = True
            return
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                break
            remaining -= len(chunk)


class _Server(ThreadingHTTPServer):
    daemon_threads = True


def make_server(
    engine: Engine,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    config_label: str = "defaults",
    verbose: bool = False,
    max_bytes: int = MAX_REQUEST_BYTES,
) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (0: a free port), not yet serving."""
    import socket

    service = CheckService(engine, max_bytes=max_bytes)
    handler = type(
        "Handler",
        (_Handler,),
        {
            "service": service,
            "config_label": config_label,
            "verbose": verbose,
            "loopback_only": host in _LOOPBACK_NAMES or host.startswith("127."),
        },
    )
    server_cls = _Server
    if ":" in host:
        server_cls = type("Server6", (_Server,), {"address_family": socket.AF_INET6})
    return server_cls((host.strip("[]"), port), handler)


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else str(host)
    return f"http://{shown}:{port}/"


def run_server(
    engine: Engine,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    config_label: str = "defaults",
    verbose: bool = False,
    max_bytes: int = MAX_REQUEST_BYTES,
) -> int:
    """Serve until Ctrl-C or SIGTERM; print the URL first.  Returns the exit code."""
    from lintnews.errors import UsageError

    try:
        server = make_server(
            engine,
            host=host,
            port=port,
            config_label=config_label,
            verbose=verbose,
            max_bytes=max_bytes,
        )
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    print(
        f"lintnews serve: {url_of(server)} (config: {config_label}; Ctrl-C to stop)",
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        signal.signal(signal.SIGTERM, previous)
    print("lintnews serve: stopped", flush=True)
    return 0
