"""The ``html`` format: one self-contained page for editors and desk chiefs.

Terminal output serves developers and CI; the people who fix articles would
rather look than read.  This reporter turns a :class:`~lintnews.engine.RunResult`
into a single HTML file with no network access (CSS and JS inline, no CDN),
so it opens offline and can be attached to a CI run as an artifact:

* a summary (files checked, violations by rule and severity, worst files);
* readability histograms (grade level, reading ease) drawn as inline SVG in
  Python, with the desk's RD001/RD002 thresholds read from the engine's
  resolved rule options;
* per article, its text with every violation highlighted at its exact span,
  the rule's code, name and message beside it and on hover, and a link to
  the rule's documentation embedded at the end of the page;
* filters by rule and severity (vanilla JS).

Safety: the article text never passes through an HTML parser.  Static parts
are escaped with :func:`html.escape`; articles travel as JSON inside a
``<script type="application/json">`` (with ``<``, ``>`` and ``&`` written as
``\\u003c``...) and the page's script builds text nodes from it.  A
Content-Security-Policy with the hashes of the one inline script and style
forbids anything else from running.

Scale: per-article bodies are built only when their ``<details>`` is opened,
so a 2,000-article report opens and scrolls without freezing.

The highlight structure (:func:`highlight_tree`) and the per-file payload
(:func:`file_payload`) are shared with ``lintnews serve``, so the local page
and the report draw the same view from the same data.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any, TextIO

from lintnews.article import LineIndex
from lintnews.reporters.base import Reporter, notes_of

if TYPE_CHECKING:
    from lintnews.engine import Engine, RunResult
    from lintnews.rules import Rule
    from lintnews.violations import Violation

__all__ = [
    "HtmlReporter",
    "Thresholds",
    "asset",
    "csp_hash",
    "file_payload",
    "highlight_tree",
    "histogram_svg",
    "rule_docs_html",
    "script_json",
    "thresholds_of",
]

SEVERITIES = ("error", "warning", "info")
#: how many files the "worst files" table lists
WORST_FILES = 10

#: a node of the highlight tree: text, or [violation index, *children]
Node = Any


# -- assets and escaping ---------------------------------------------------------------
@cache
def asset(name: str) -> str:
    """The text of ``lintnews/reporters/assets/<name>`` (package data)."""
    from importlib import resources

    return (resources.files("lintnews.reporters") / "assets" / name).read_text("utf-8")


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def script_json(data: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c``
    means the same to ``JSON.parse`` but can never close the script element.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_jsonable)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "value"):
        return value.value
    return str(value)


# -- the highlight tree -------------------------------------------------------------------
def violation_offsets(text: str, violations: Sequence[Violation]) -> list[tuple[int, int]]:
    """Half-open code-point offsets of each violation from its line/column range.

    Positions come from the engine (1-based lines, columns in code points of
    the decoded text), so this is exact for the same text; positions past
    the end of a line or of the text are clamped.
    """
    starts = LineIndex(text).starts
    n = len(text)

    def offset(line: int, col: int) -> int:
        line = min(max(line, 1), len(starts))
        # a column may point at the line break itself (a span ending there)
        line_break = starts[line] - 1 if line < len(starts) else n
        return min(starts[line - 1] + max(col, 1) - 1, line_break)

    out = []
    for v in violations:
        start = offset(v.line, v.column)
        end = max(offset(v.end_line, v.end_column), start)
        out.append((start, end))
    return out


def highlight_tree(text: str, spans: Sequence[tuple[int, int]]) -> list[Node]:
    """``text`` as a tree of text runs and marks, one mark per span (or piece).

    Spans may nest or cross.  Nested spans become nested marks; a span that
    crosses the end of an enclosing one is split there, so its pieces (all
    with the same index) together cover exactly its text.  Zero-width spans
    become empty marks.  The result is JSON: a node is a string or
    ``[index, *children]``.
    """
    # laminar pieces: (start, -end, index, end)
    heap = [(s, -e, i, e) for i, (s, e) in enumerate(spans)]
    heapq.heapify(heap)
    pieces: list[tuple[int, int, int]] = []
    stack_ends: list[int] = []
    while heap:
        start, _, idx, end = heapq.heappop(heap)
        while stack_ends and stack_ends[-1] <= start:
            stack_ends.pop()
        if stack_ends and end > stack_ends[-1]:
            cut = stack_ends[-1]
            heapq.heappush(heap, (cut, -end, idx, end))
            end = cut
        pieces.append((start, end, idx))
        stack_ends.append(end)

    root: list[Node] = []
    stack: list[tuple[list[Node], int]] = [(root, len(text))]
    pos = 0
    for start, end, idx in pieces:
        while len(stack) > 1 and stack[-1][1] <= start:
            children, close = stack.pop()
            if pos < close:
                children.append(text[pos:close])
                pos = close
        if pos < start:
            stack[-1][0].append(text[pos:start])
            pos = start
        node: list[Node] = [idx]
        stack[-1][0].append(node)
        stack.append((node, end))
    while stack:
        children, close = stack.pop()
        if pos < close:
            children.append(text[pos:close])
            pos = close
    return root


# -- per-file data ------------------------------------------------------------------------
def _readability(metrics: Mapping[str, Any] | None) -> dict[str, Any]:
    data = (metrics or {}).get("readability")
    return dict(data) if isinstance(data, Mapping) else {}


def file_payload(
    path: str,
    violations: Sequence[Violation],
    text: str | None,
    *,
    metrics: Mapping[str, Any] | None = None,
    note: str = "",
) -> dict[str, Any]:
    """What the page's script needs to draw one article.

    ``v``: ``[code, severity, line, column, end_line, end_column, message]``
    per violation; ``b``: the highlight tree of ``text`` (None when the text
    is unavailable, with the reason in ``note``); ``r``: readability metrics.
    """
    payload: dict[str, Any] = {
        "p": path,
        "v": [
            [
                v.code,
                v.severity.value,
                v.line,
                v.column,
                v.end_line,
                v.end_column,
                v.message,
            ]
            for v in violations
        ],
        "b": None,
        "r": _readability(metrics),
    }
    if text is not None:
        payload["b"] = highlight_tree(text, violation_offsets(text, violations))
    if note:
        payload["n"] = note
    return payload


# -- thresholds and histograms ------------------------------------------------------------
@dataclass(frozen=True)
class Thresholds:
    """The desk's readability limits (None: the rule does not run)."""

    min_reading_ease: float | None = None
    max_grade: float | None = None

    def to_dict(self) -> dict[str, float | None]:
        return {"min_reading_ease": self.min_reading_ease, "max_grade": self.max_grade}


def thresholds_of(engine: Engine | None) -> Thresholds:
    """RD001's ``min-reading-ease`` and RD002's ``max-grade`` as the engine resolved them."""
    if engine is None:
        return Thresholds()
    found: dict[str, float] = {}
    for active in engine.selected_rules():
        if active.rule.code == "RD001" and "min-reading-ease" in active.options:
            found["min_reading_ease"] = float(active.options["min-reading-ease"])
        elif active.rule.code == "RD002" and "max-grade" in active.options:
            found["max_grade"] = float(active.options["max-grade"])
    return Thresholds(**found)


def histogram_svg(
    values: Sequence[float],
    *,
    lo: float,
    hi: float,
    step: float,
    threshold: float | None,
    bad_above: bool,
    title: str,
    threshold_label: str,
    css_id: str,
) -> str:
    """A bar chart of ``values`` in bins of ``step`` over [lo, hi) as inline SVG.

    Values outside the range fall into the first or last bin.  Bars on the
    wrong side of ``threshold`` get the class ``over``; the threshold is a
    dashed line with a label.
    """
    bins = max(round((hi - lo) / step), 1)
    counts = [0] * bins
    for value in values:
        i = int((value - lo) // step)
        counts[min(max(i, 0), bins - 1)] += 1
    width, height = 640, 240
    left, right, top, bottom = 40, 12, 28, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(counts) or 1
    bar_w = plot_w / bins

    def x_of(value: float) -> float:
        return left + (min(max(value, lo), hi) - lo) / (hi - lo) * plot_w

    parts = [
        f'<svg id="{escape(css_id)}" class="histogram" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<text class="chart-title" x="{left}" y="16">{escape(title)}</text>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>',
    ]
    for frac in (0.5, 1.0):
        y = top + plot_h - frac * plot_h
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{round(peak * frac)}</text>"
        )
    for i, count in enumerate(counts):
        b_lo = lo + i * step
        b_hi = b_lo + step
        if count:
            h = count / peak * plot_h
            over = threshold is not None and (
                (bad_above and b_lo >= threshold) or (not bad_above and b_hi <= threshold)
            )
            label_lo = "<" + _num(b_hi) if i == 0 else _num(b_lo)
            label = f"{label_lo}–{_num(b_hi)}" if i else label_lo
            if i == bins - 1:
                label = "≥" + _num(b_lo)
            parts.append(
                f'<rect class="bar{" over" if over else ""}" x="{left + i * bar_w + 1:.1f}" '
                f'y="{top + plot_h - h:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}">'
                f"<title>{escape(label)}: {count} article{'s' if count != 1 else ''}</title>"
                "</rect>"
            )
    ticks = max(bins // 5, 1)
    for i in range(0, bins + 1, ticks):
        x = left + i * bar_w
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
            f"{_num(lo + i * step)}</text>"
        )
    if threshold is not None:
        x = x_of(threshold)
        parts.append(
            f'<line class="threshold" x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" '
            f'y2="{top + plot_h}"/>'
        )
        anchor = "end" if x > left + plot_w * 0.7 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(
            f'<text class="threshold-label" x="{x + dx:.1f}" y="{top + 4}" '
            f'text-anchor="{anchor}">{escape(threshold_label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# -- rule documentation ---------------------------------------------------------------------
def rule_docs_html(rule: Rule) -> str:
    """A rule's ``documentation()`` Markdown as HTML; raw HTML in it is escaped."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    return md.render(rule.documentation())


# -- the reporter ----------------------------------------------------------------------------
class HtmlReporter(Reporter):
    """One self-contained HTML page: summary, readability, highlighted articles."""

    name = "html"
    description = "a self-contained HTML report for editors (use with --output report.html)"

    def __init__(self, stream: TextIO, *, engine: Engine | None = None, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.engine = engine
        self._texts: dict[str, str] = dict(kwargs.get("sources") or {})

    def report(self, result: RunResult) -> None:
        self.stream.write(self.render(result))
        self.stream.flush()

    # -- reading the displayed text ---------------------------------------------------
    def _encoding_for(self, path: str) -> str | None:
        config = self.config
        globs = getattr(config, "encoding", None) if config is not None else None
        if not globs:
            return None
        from lintnews.discovery import GlobSet, relative_to_root

        rel = relative_to_root(path, config.root)
        for glob, encoding in globs.items():
            if GlobSet([glob]).match(rel):
                return str(encoding)
        return None

    def text_of(self, path: str) -> tuple[str | None, str]:
        """The file's text as the engine decoded it, or (None, reason).

        Same decoder and ``[encoding]`` setting as the engine, so offsets
        match for UTF-8, BOM and detected legacy encodings alike.
        """
        if path in self._texts:
            return self._texts[path], ""
        from lintnews.decoding import BinaryFile, DecodeError, decode_bytes

        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return None, f"source text unavailable: {exc.strerror or exc}"
        try:
            return decode_bytes(data, self._encoding_for(path)).text, ""
        except (BinaryFile, DecodeError) as exc:
            return None, f"source text unavailable: {exc}"

    # -- rendering ---------------------------------------------------------------------------
    def _thresholds(self) -> Thresholds:
        engine = self.engine
        if engine is None and self.config is not None and self.registry is not None:
            from lintnews.engine import Engine

            try:
                engine = Engine(self.config, self.registry)
            except Exception:
                engine = None
        return thresholds_of(engine)

    def render(self, result: RunResult) -> str:
        """The whole page as a string."""
        from lintnews import __version__

        violations = result.violations()
        by_file: dict[str, list[Violation]] = {}
        for v in violations:
            by_file.setdefault(v.path, []).append(v)
        metrics = result.metrics()
        rules = {r.code: r for r in result.rules}
        if self.registry is not None:
            for v in violations:
                if v.code not in rules:
                    rule = self.registry.rule(v.code)
                    if rule is not None:
                        rules[v.code] = rule

        files_payload: list[dict[str, Any]] = []
        for path in sorted(by_file):
            text, note = self.text_of(path)
            files_payload.append(
                file_payload(path, by_file[path], text, metrics=metrics.get(path), note=note)
            )
        fired = sorted({v.code for v in violations})
        rules_payload = {
            code: {
                "name": rules[code].name if code in rules else "",
                "summary": rules[code].summary if code in rules else "",
            }
            for code in fired
        }
        # Shared data up front; each article's payload sits in its own JSON
        # script inside its <details>, parsed only when the article is opened.
        data = {"rules": rules_payload}

        thresholds = self._thresholds()
        body = "".join(
            [
                self._summary_html(result, violations, by_file, rules),
                self._readability_html(metrics, thresholds),
                self._filters_html(fired, rules, violations),
                self._files_html(files_payload, result, metrics),
                self._errors_html(result),
                self._rules_html(fired, rules),
            ]
        )
        script = asset("highlight.js") + asset("report.js")
        style = asset("report.css")
        csp = (
            "default-src 'none'; "
            f"script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>lintnews report ({result.files_checked} files)</title>\n"
            f"<style>{style}</style>\n</head>\n<body>\n"
            '<header class="top"><h1>lintnews report</h1>'
            f'<p class="muted">lintnews {escape(__version__)} · '
            f"{result.files_checked} file{'s' if result.files_checked != 1 else ''} checked"
            "</p></header>\n<main>\n"
            f"{body}\n</main>\n"
            f'<script type="application/json" id="lintnews-data">{script_json(data)}</script>\n'
            f"<script>{script}</script>\n</body></html>\n"
        )

    def _summary_html(
        self,
        result: RunResult,
        violations: list[Violation],
        by_file: Mapping[str, list[Violation]],
        rules: Mapping[str, Rule],
    ) -> str:
        counts = result.counts_by_severity()
        errors = result.all_errors()
        cards = [
            ("files checked", result.files_checked, ""),
            ("files with violations", len(by_file), ""),
            ("violations", len(violations), ""),
            *((sev, counts.get(sev, 0), f"sev-{sev}") for sev in SEVERITIES),
            ("errors", len(errors), "sev-error" if errors else ""),
        ]
        card_html = "".join(
            f'<div class="card {cls}"><span class="num">{n}</span>'
            f'<span class="label">{escape(label)}</span></div>'
            for label, n, cls in cards
        )
        per_rule: Counter[str] = Counter(v.code for v in violations)
        sev_of: dict[str, Counter[str]] = {}
        for v in violations:
            sev_of.setdefault(v.code, Counter())[v.severity.value] += 1
        rule_rows = "".join(
            f'<tr><td><a class="code" href="#rule-{escape(code)}">{escape(code)}</a></td>'
            f"<td>{escape(rules[code].name if code in rules else '')}</td>"
            f"<td>{_sev_badges(sev_of[code])}</td>"
            f'<td class="n">{n}</td></tr>'
            for code, n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        index_of = {path: i for i, path in enumerate(sorted(by_file))}
        worst = sorted(
            by_file.items(),
            key=lambda kv: (
                -sum(v.severity.value == "error" for v in kv[1]),
                -sum(v.severity.value == "warning" for v in kv[1]),
                -len(kv[1]),
                kv[0],
            ),
        )[:WORST_FILES]
        worst_rows = "".join(
            f'<tr><td><a href="#file-{index_of[path]}">{escape(path)}</a></td>'
            f"<td>{_sev_badges(Counter(v.severity.value for v in vs))}</td>"
            f'<td class="n">{len(vs)}</td></tr>'
            for path, vs in worst
        )
        rule_table = (
            '<table class="rules-table"><thead><tr><th>Rule</th><th>Name</th>'
            '<th>Severity</th><th class="n">Count</th></tr></thead>'
            f"<tbody>{rule_rows}</tbody></table>"
            if rule_rows
            else '<p class="muted">No violations.</p>'
        )
        worst_table = (
            '<table class="worst-table"><thead><tr><th>File</th><th>Severity</th>'
            f'<th class="n">Count</th></tr></thead><tbody>{worst_rows}</tbody></table>'
            if worst_rows
            else '<p class="muted">No file has violations.</p>'
        )
        return (
            '<section id="summary"><h2>Summary</h2>'
            f'<div class="cards">{card_html}</div>'
            '<div class="two-col">'
            f"<div><h3>Violations by rule</h3>{rule_table}</div>"
            f"<div><h3>Worst files</h3>{worst_table}</div>"
            "</div></section>\n"
        )

    def _readability_html(self, metrics: Mapping[str, Any], thresholds: Thresholds) -> str:
        grades: list[float] = []
        eases: list[float] = []
        for data in metrics.values():
            r = _readability(data)
            if isinstance(r.get("flesch_kincaid_grade"), (int, float)):
                grades.append(float(r["flesch_kincaid_grade"]))
            if isinstance(r.get("flesch_reading_ease"), (int, float)):
                eases.append(float(r["flesch_reading_ease"]))
        if not grades and not eases:
            return (
                '<section id="readability"><h2>Readability</h2><p class="muted">'
                "No readability figures: the readability plugin measured no article "
                "(too short, not English, or the plugin is not installed).</p></section>\n"
            )
        max_grade = thresholds.max_grade
        min_ease = thresholds.min_reading_ease
        grade_svg = histogram_svg(
            grades,
            lo=0,
            hi=20,
            step=1,
            threshold=max_grade,
            bad_above=True,
            title="Flesch–Kincaid grade level per article",
            threshold_label=f"max-grade {_num(max_grade)} (RD002)" if max_grade is not None else "",
            css_id="hist-grade",
        )
        ease_svg = histogram_svg(
            eases,
            lo=0,
            hi=100,
            step=5,
            threshold=min_ease,
            bad_above=False,
            title="Flesch reading ease per article",
            threshold_label=(
                f"min-reading-ease {_num(min_ease)} (RD001)" if min_ease is not None else ""
            ),
            css_id="hist-ease",
        )

        def line(values: list[float], limit: float | None, above: bool, what: str) -> str:
            if not values:
                return ""
            import statistics

            median = statistics.median(values)
            text = f"median {median:.1f} over {len(values)} articles"
            if limit is not None:
                n = sum(1 for x in values if (x > limit if above else x < limit))
                text += f"; {n} {'above' if above else 'below'} the desk's {what} ({_num(limit)})"
            else:
                text += f"; the {what} rule is not selected"
            return f'<p class="muted">{escape(text)}</p>'

        return (
            '<section id="readability"><h2>Readability</h2><div class="two-col">'
            f"<div>{grade_svg}{line(grades, max_grade, True, 'maximum grade')}</div>"
            f"<div>{ease_svg}{line(eases, min_ease, False, 'minimum reading ease')}</div>"
            "</div></section>\n"
        )

    def _filters_html(
        self, fired: list[str], rules: Mapping[str, Rule], violations: list[Violation]
    ) -> str:
        if not fired:
            return ""
        sev_counts = Counter(v.severity.value for v in violations)
        code_counts = Counter(v.code for v in violations)
        sev_boxes = "".join(
            f'<label class="chip sev-{sev}"><input type="checkbox" class="f-sev" '
            f'value="{sev}" checked> {sev} <span class="muted">{sev_counts[sev]}</span></label>'
            for sev in SEVERITIES
            if sev_counts[sev]
        )
        rule_boxes = "".join(
            f'<label class="chip" title="{escape(rules[code].name if code in rules else "")}">'
            f'<input type="checkbox" class="f-rule" value="{escape(code)}" checked> '
            f'{escape(code)} <span class="muted">{code_counts[code]}</span></label>'
            for code in fired
        )
        return (
            '<section id="filters"><h2>Filters</h2>'
            f'<div class="filter-row"><span class="filter-label">Severity</span>{sev_boxes}</div>'
            f'<div class="filter-row"><span class="filter-label">Rules</span>{rule_boxes}'
            '<button type="button" id="rules-all">all</button>'
            '<button type="button" id="rules-none">none</button></div>'
            '<p class="muted" id="filter-status"></p></section>\n'
        )

    def _files_html(
        self, files: list[dict[str, Any]], result: RunResult, metrics: Mapping[str, Any]
    ) -> str:
        items = []
        for i, f in enumerate(files):
            sevs = Counter(v[1] for v in f["v"])
            r = f["r"]
            scores = ""
            if "flesch_kincaid_grade" in r:
                scores = (
                    f'<span class="scores">grade {r["flesch_kincaid_grade"]:.1f} · '
                    f"ease {r['flesch_reading_ease']:.1f}</span>"
                )
            # "code:severity" per violation, for the filters (no JSON parse needed)
            tokens = " ".join(f"{v[0]}:{v[1]}" for v in f["v"])
            items.append(
                f'<details class="file" id="file-{i}" data-i="{i}" data-vs="{escape(tokens)}">'
                f'<summary><span class="path">{escape(f["p"])}</span>{_sev_badges(sevs)}'
                f'{scores}</summary><div class="file-body"></div>'
                f'<script type="application/json" class="file-data">{script_json(f)}</script>'
                "</details>"
            )
        clean = result.files_checked - len(files)
        note = (
            f'<p class="muted">{clean} checked file{"s" if clean != 1 else ""} '
            "had no violations and are not listed.</p>"
            if clean > 0
            else ""
        )
        return (
            '<section id="files"><h2>Articles</h2>'
            '<p class="muted">Open an article to see its text with each violation '
            "highlighted; hover a highlight for the rule and message.</p>"
            f"{note}{''.join(items)}</section>\n"
        )

    def _errors_html(self, result: RunResult) -> str:
        errors = result.all_errors()
        notes = notes_of(result)
        if not errors and not notes:
            return ""
        rows = "".join(
            f'<li class="sev-error"><span class="path">{escape(e.path or "(run)")}</span> '
            f"{escape(e.message)}</li>"
            for e in errors
        )
        rows += "".join(
            f'<li><span class="path">{escape(n.path)}</span> {escape(n.message)}</li>'
            for n in notes
        )
        return f'<section id="errors"><h2>Errors and skipped files</h2><ul>{rows}</ul></section>\n'

    def _rules_html(self, fired: Iterable[str], rules: Mapping[str, Rule]) -> str:
        docs = []
        for code in fired:
            rule = rules.get(code)
            if rule is None:
                continue
            docs.append(
                f'<details class="rule-doc" id="rule-{escape(code)}"><summary>'
                f'<span class="code">{escape(code)}</span> {escape(rule.name)} — '
                f"{escape(rule.summary)}</summary>"
                f'<div class="doc">{rule_docs_html(rule)}</div></details>'
            )
        if not docs:
            return ""
        return f'<section id="rules"><h2>Rules</h2>{"".join(docs)}</section>\n'


def _sev_badges(counts: Mapping[str, int]) -> str:
    return "".join(
        f'<span class="badge sev-{sev}" title="{sev}">{counts[sev]} {sev}</span>'
        for sev in SEVERITIES
        if counts.get(sev)
    )
