"""A worker's per-file steps outside the rules, against the plain code they replaced.

``check_article`` runs the rules in one loop and makes violations as slot
twins, ``fix_reach_problem`` answers the common cases with C calls,
``prepare_file`` encodes a rule's pieces once and ``summarize`` reads kinds
without properties: each must give what the straightforward code gave.  The
reference implementations below are the earlier code, kept here.
"""

from __future__ import annotations

import dataclasses
import itertools
import marshal
import pickle
import random
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from lintnews.article import Article, Span
from lintnews.checking import (
    SUPPRESSION_CODE,
    ActiveRule,
    FileResult,
    apply_directives,
    check_article,
    to_violation,
)
from lintnews.config import Config
from lintnews.engine import Engine
from lintnews.fixguard import _AuthorMask, _widen, fix_reach_problem
from lintnews.hookspecs import hookimpl
from lintnews.readers import lintnews_read_article
from lintnews.reporters import json as json_reporter
from lintnews.rules import ArticleDigest, Rule
from lintnews.spool import Summary, summarize
from lintnews.violations import Diagnostic, Edit, FileError, Fix, Severity, Violation

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _corpus_texts(limit: int = 80) -> list[tuple[str, str]]:
    paths = sorted(CORPUS.rglob("*.txt")) + sorted(CORPUS.rglob("*.md"))
    paths += sorted(SAMPLES.rglob("*.txt")) + sorted(SAMPLES.rglob("*.md"))
    out = []
    for p in paths[:limit]:
        try:
            out.append((str(p), p.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return out


def _fields(v: Violation) -> tuple[Any, ...]:
    """Every field, the ones equality leaves out too, and the class."""
    return (type(v), *(getattr(v, f.name) for f in dataclasses.fields(v)))


# -- check_article ------------------------------------------------------------------------


def _reference_check_article(
    article: Article, active_rules: list[ActiveRule], path: str
) -> FileResult:
    """check_article as it was: a _run_rule call per rule, _validate and to_violation."""
    from lintnews.checking import _validate

    result = FileResult(path)
    found: list[Violation] = []
    for active in active_rules:
        rule = active.rule
        out: list[Violation] = []
        try:
            if rule.is_run_level:
                assert rule.digest is not None
                result.digests[rule.code] = ArticleDigest(
                    path, rule.digest(article, active.options)
                )
            else:
                assert rule.check is not None
                size = len(article.source)
                bad = False
                for diag in rule.check(article, active.options) or ():
                    problem = _validate(diag, rule, size)
                    if problem:
                        result.errors.append(
                            FileError(path, f"plugin {rule.plugin!r} rule {rule.code} {problem}")
                        )
                        bad = True
                        break
                    out.append(to_violation(article, path, rule, active.severity, diag))
                if bad:
                    out = []
        except Exception as exc:
            result.errors.append(
                FileError(path, f"plugin {rule.plugin!r} rule {rule.code} ({rule.name}) crashed")
            )
            del exc
            out = []
        found.extend(out)
    kept, _, _ = apply_directives(article.directives, found, frozenset())
    kept.sort(key=Violation.sort_key)
    result.violations = kept
    return result


def _article_rules() -> tuple[Engine, list[ActiveRule]]:
    engine = Engine(Config())
    rules = [a for a in engine.selected_rules() if not a.rule.code.startswith("LN")]
    return engine, rules


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_check_article_makes_the_violations_of_validate_and_to_violation() -> None:
    engine, rules = _article_rules()
    checked = 0
    for path, text in _corpus_texts():
        fmt = engine.format_for(path)
        article = lintnews_read_article(path, text, fmt, engine.config)
        new = check_article(article, rules, path)
        old = _reference_check_article(article, rules, path)
        assert [_fields(v) for v in new.violations] == [_fields(v) for v in old.violations]
        assert new.digests == old.digests
        assert new.errors == old.errors
        for v, w in zip(new.violations, old.violations, strict=True):
            assert pickle.dumps(v) == pickle.dumps(w)
            assert hash(v) == hash(w) and v == w and repr(v) == repr(w)
            assert dataclasses.replace(v, fix=None) == dataclasses.replace(w, fix=None)
        checked += len(new.violations)
    assert checked > 50


def _rule(code: str, check: Callable[[Article, Mapping[str, Any]], Iterable[Any]]) -> ActiveRule:
    rule = Rule(code, "odd-rule", "s", "e", "b", "g", check=check, plugin="odd")
    return ActiveRule(rule, {}, Severity.ERROR)


class _SubDiagnostic(Diagnostic):
    __slots__ = ()


def test_check_article_odd_diagnostics_as_before() -> None:
    source = "Headline\n\nOne line here.\r\nAnother line, longer.\n\nÉtude naïve.\n"
    article = lintnews_read_article("a.txt", source, "text", None)
    n = len(source)
    fix = Fix((Edit(Span(10, 12), ""), Edit(Span(3, 5), "x")))
    cases: list[list[Any]] = [
        [Diagnostic(Span(0, 0), "empty span"), Diagnostic(Span(n, n), "at the end")],
        [Diagnostic(Span(10, 24), "with a fix", fix)],
        [Diagnostic(Span(10, 24), "unsafe", Fix.delete(Span(10, 26), safe=False))],
        [_SubDiagnostic(Span(2, 5), "a subclass")],
        [Diagnostic(Span(2, 5), "ok"), "not a diagnostic"],
        [Diagnostic(Span(2, 5), "ok"), Diagnostic(Span(2, n + 1), "past the end")],
        [Diagnostic(Span(2, 5), "")],
        [Diagnostic(Span(2, 5), "fix past the end", Fix.delete(Span(3, n + 4)))],
        [Diagnostic((2, 5), "not a span")],  # type: ignore[arg-type]
    ]
    for i, diags in enumerate(cases):

        def check(article: Article, options: Mapping[str, Any], d: list[Any] = diags) -> Any:
            yield from d

        def crash(article: Article, options: Mapping[str, Any], d: list[Any] = diags) -> Any:
            yield from d[:1]
            raise RuntimeError("boom")

        rules = [_rule("ZZ001", check), _rule("ZZ002", crash), _rule("ZZ003", check)]
        new = check_article(article, rules, "a.txt")
        old = _reference_check_article(article, rules, "a.txt")
        assert [_fields(v) for v in new.violations] == [_fields(v) for v in old.violations], i
        assert [e.message.split(" crashed")[0] for e in new.errors] == [
            e.message.split(" crashed")[0] for e in old.errors
        ], i


# -- fix_reach_problem -----------------------------------------------------------------------


def _splits_crlf(source: str, offset: int) -> bool:
    return 0 < offset < len(source) and source[offset - 1] == "\r" and source[offset] == "\n"


def _reference_fix_reach_problem(
    article: Article, span: Span, fix: Fix, mask: list[_AuthorMask] | None = None
) -> str | None:
    """fix_reach_problem as it was: sorted edits, a Python widening step per character."""
    source = article.source
    edits = sorted(fix.edits, key=lambda e: (e.span.start, e.span.end))
    if not edits:
        return "proposed a fix without edits"
    for a, b in itertools.pairwise(edits):
        if a.span.end > b.span.start:
            return "proposed a fix whose edits overlap"
    for e in edits:
        if _splits_crlf(source, e.span.start) or _splits_crlf(source, e.span.end):
            return "proposed a fix that cuts a CRLF line ending in two"
    outside = [e for e in edits if e.span.start < span.start or e.span.end > span.end]
    if not outside:
        return None
    lo, hi = _widen(source, span, lambda i: source[i].isspace())
    if all(lo <= e.span.start and e.span.end <= hi for e in outside):
        return None
    if mask is None:
        mask = []
    if not mask:
        mask.append(_AuthorMask(article))
    m = mask[0].mask
    lo, hi = _widen(source, span, lambda i: source[i].isspace() or not m[i])
    for e in outside:
        if e.span.start < lo or e.span.end > hi:
            bad = e.span.start if e.span.start < lo else hi
            snippet = source[bad : bad + 30].split("\n")[0]
            return (
                f"proposed a fix that reaches outside its violation "
                f"(edit [{e.span.start}, {e.span.end}) vs violation [{span.start}, {span.end})"
                f", touching {snippet!r})"
            )
    return None


_PIECES = ["word", " ", "  ", "\n", "\r\n", "\n\n", "\t", "\u00a0", "\u2003", "é", ".", "#", "*"]


def _random_source(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))


def _random_span(rng: random.Random, n: int) -> Span:
    a, b = rng.randint(0, n), rng.randint(0, n)
    return Span(min(a, b), max(a, b))


def test_fix_reach_problem_equals_the_per_character_widening() -> None:
    # 100,000 (span, fix) cases over 10,000 random articles: ten cases per article, so
    # the time goes to the comparison and not to reading a new article for each case
    rng = random.Random(20261128)
    for case in range(10_000):
        source = _random_source(rng)
        fmt = "markdown" if case % 3 == 0 else "text"
        article = lintnews_read_article("a.md" if fmt == "markdown" else "a.txt", source, fmt, None)
        n = len(source)
        for _ in range(10):
            span = _random_span(rng, n)
            count = rng.choice([0, 1, 1, 1, 1, 2, 3])
            edits = tuple(Edit(_random_span(rng, n), rng.choice(["", "x"])) for _ in range(count))
            if count and rng.random() < 0.5:  # an edit hugging the span, as most fixes do
                edits = (Edit(Span(span.start, min(n, span.end + rng.randint(0, 3)))), *edits[1:])
            fix = Fix(edits)
            assert fix_reach_problem(article, span, fix) == _reference_fix_reach_problem(
                article, span, fix
            ), (source, span, fix)


# -- summarize and prepare_file --------------------------------------------------------------


def _reference_summarize(result: FileResult) -> Summary:
    kinds: dict[tuple[str, str, str, bool], int] = {}
    for v in result.violations:
        kind = (v.severity.value, v.code, v.name, v.fixable)
        kinds[kind] = kinds.get(kind, 0) + 1
    light = None
    if result.directives or result.ignored_codes:
        ln001 = [v for v in result.violations if v.code == SUPPRESSION_CODE]
        light = (result.ignored_codes, result.directives, ln001)
    return Summary(
        result.path,
        result.checked,
        len(result.violations),
        tuple([(*kind, n) for kind, n in kinds.items()]),
        tuple(result.errors),
        tuple(result.notes),
        tuple([(code, digest.data) for code, digest in result.digests.items()]),
        light,
    )


def _reference_prepare_file(result: FileResult) -> bytes | None:
    if result.directives:
        return None
    path = result.path
    for v in result.violations:
        if type(v) is not Violation or v.path != path:
            return None
    ordered = sorted(result.violations, key=Violation.sort_key)
    texts = tuple([json_reporter._text(v) for v in ordered])
    keys = tuple([(v.line, v.column, v.code) for v in ordered])
    try:
        return marshal.dumps((texts, keys, json_reporter._metrics_text(result)))
    except ValueError:
        return None


def _odd_results() -> list[FileResult]:
    """Results with every kind of violation field prepare_file and summarize meet."""
    path = 'd/é "quoted"\\.txt'
    out = []
    severities = list(Severity)
    rng = random.Random(7)
    messages = ["plain", "naïve “quote” \u2028 \x00 \t end", 'say "hi"\\', "😀 wide", ""]
    for k in range(300):
        violations = []
        for _ in range(rng.randint(0, 6)):
            fix = rng.choice([None, Fix.delete(Span(0, 1)), Fix.delete(Span(0, 1), safe=False)])
            violations.append(
                Violation(
                    path,
                    rng.choice(["PW001", "HL001", "ZZ999"]),
                    rng.choice(["paywall-prompt", "n\u00e4me"]),
                    rng.choice(severities),
                    rng.choice(messages),
                    rng.choice(["boilerplate", 'plug "in"']),
                    rng.randint(1, 9),
                    rng.randint(1, 9),
                    rng.randint(1, 9),
                    rng.randint(1, 9),
                    Span(0, 1),
                    fix,
                    unsafe_fixes=rng.random() < 0.3,
                )
            )
        if k % 17 == 0 and violations:  # a bool where an int goes: the encoder decides
            violations[0] = dataclasses.replace(violations[0], line=True)
        metrics = {"readability": {"words": k, "ease": k / 7, "language": "en"}} if k % 2 else {}
        digests = {"HL006": ArticleDigest(path, b"x" * (k % 3))} if k % 5 else {}
        out.append(
            FileResult(
                path if k % 11 else "plain.txt",
                violations=violations if k % 11 else [],
                metrics=metrics,
                digests=digests,
                ignored_codes=frozenset({"PW001"}) if k % 13 == 0 else frozenset(),
                errors=[FileError(path, "e")] if k % 7 == 0 else [],
            )
        )
    return out


def _prepared_texts(prepared: tuple[Any, ...]) -> tuple[Any, ...]:
    """prepare_file's value with its texts as the tuple of strs the old one sent:
    the texts come joined in UTF-8 (split again at ",\n", which no JSON text
    holds raw), or as strs when UTF-8 cannot hold one."""
    body, keys, metrics = prepared
    if type(body) is bytes:
        assert b"\n" not in body.replace(b",\n", b"")
        body = tuple(body.decode("utf-8").split(",\n")) if body else ()
    return body, keys, metrics


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_prepare_file_and_summarize_as_before_on_the_corpus() -> None:
    engine = Engine(Config())
    results = [engine.check_file(path) for path, _ in _corpus_texts()]
    assert sum(len(r.violations) for r in results) > 50
    for result in results + _odd_results():
        new, old = json_reporter.prepare_file(result), _reference_prepare_file(result)
        # the same values (marshal's reference flags follow reference counts)
        assert (new is None) == (old is None)
        if new is not None and old is not None:
            assert _prepared_texts(marshal.loads(new)) == marshal.loads(old)
        assert summarize(result) == _reference_summarize(result)
        assert type(summarize(result)) is Summary


# -- the reader hook -----------------------------------------------------------------------


def test_the_sole_reader_is_called_like_the_hook() -> None:
    engine = Engine(Config())
    hook = engine.registry.pm.hook.lintnews_read_article
    assert engine._sole_reader(hook) is not None
    text = "Headline\n\nOne paragraph. Two sentences.\n"
    direct = engine._read("a.txt", text, "text")
    via_hook = hook(path="a.txt", text=text, format="text", config=engine.config)
    assert isinstance(direct, Article) and isinstance(via_hook, Article)
    assert (direct.source, direct.headline, direct.paragraphs, direct.lines.starts) == (
        via_hook.source,
        via_hook.headline,
        via_hook.paragraphs,
        via_hook.lines.starts,
    )
    assert engine._read("a.xyz", text, "no-such-format") == FileError(
        "a.xyz", "no reader plugin reads the format 'no-such-format'"
    )

    class Extra:
        @hookimpl
        def lintnews_read_article(self, path: str, text: str, format: str) -> Any:
            if format == "shout":
                raise RuntimeError("loud")
            return None

    # a second implementation (registered after the engine was built): the hook decides
    engine.registry.pm.register(Extra(), name="extra-reader")
    assert engine._sole_reader(hook) is None
    crashed = engine._read("a.txt", text, "shout")
    assert isinstance(crashed, FileError) and "'extra-reader' crashed" in crashed.message
    assert isinstance(engine._read("a.txt", text, "text"), Article)
