"""Spooled runs (lintnews.spool): results on disk, the same output as in memory.

The articles below make every part of the end-of-run work happen: run-level
violations (HL006 duplicate headlines, HL007 near-duplicate bodies) merged
into files, one of them suppressed inline (so an LN001 is withdrawn), one
ignored by front matter, an unused directive (LN001 kept), a binary file (a
note), a non-UTF-8 file, fixable violations and metrics.
"""

from __future__ import annotations

import dataclasses
import io
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import lintnews.spool
from lintnews.config import load_config
from lintnews.engine import Engine, RunResult, exit_code
from lintnews.reporters.base import rule_statistics
from lintnews.spool import ResultSpool, SpooledFiles, Tally
from lintnews.violations import Violation

HEADLINE = "# Council approves new budget for city parks"
BODY = (
    "The city council voted on Tuesday to approve a budget of 4 million dollars "
    "for the repair of parks and playgrounds across the northern districts.\n\n"
    "Officials said work would begin in the spring and last two years, with the "
    "largest share going to the riverside park.\n\n"
    "The plan also covers new benches, drinking fountains and lighting along the "
    "main paths, which residents had asked for at three public meetings last year. "
    "A committee of local groups will review the designs before any contract is "
    "signed, and the council promised to publish the costs of each project online "
    "as the work goes ahead over the coming months.\n\n"
    "Subscribe now to read the full story.\n"
)
OTHER = (
    "Residents packed the hall to hear the plan, which had been delayed twice by "
    "disputes over the cost of new lighting.\n"
)


def make_corpus(root: Path) -> Path:
    news = root / "news"
    news.mkdir()
    (root / "lintnews.toml").write_text("report-unused-suppressions = true\n", encoding="utf-8")
    (news / "a.md").write_text(f"{HEADLINE}\n\n{BODY}", encoding="utf-8")
    (news / "b.md").write_text(f"{HEADLINE}\n\n{OTHER}", encoding="utf-8")
    (news / "c.md").write_text(
        f"<!-- lintnews: disable HL006 -->\n{HEADLINE}\n\n{OTHER}", encoding="utf-8"
    )
    (news / "d.md").write_text(
        f"---\nlintnews-ignore: [HL006]\n---\n{HEADLINE}\n\n{OTHER}", encoding="utf-8"
    )
    (news / "e.md").write_text(f"# Parks budget passes council vote\n\n{BODY}", encoding="utf-8")
    (news / "f.md").write_text(
        f"<!-- lintnews: disable-next-line PW001 -->\n# Quiet day at the harbour\n\n{OTHER}",
        encoding="utf-8",
    )
    (news / "g.txt").write_bytes("Caf\u00e9 owners welcome the plan.\n".encode("cp1252"))
    (news / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    return news


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, RunResult]:
    root = tmp_path_factory.mktemp("spool")
    news = make_corpus(root)
    engine = Engine(load_config(news))
    memory = engine.lint_paths([str(news)], spool=False)
    spooled = engine.lint_paths([str(news)], spool=True)
    return memory, spooled


def _finish_with(spool: Any, run_level: dict[str, list[Violation]]) -> Any:
    """``spool``'s files with the run-level violations merged in, as a run ends."""
    from lintnews.engine import _merge_run_violations

    found = spool.findings()
    for path, violations in run_level.items():
        for v in violations:
            found.add(path, v)
    return spool.finish(found, lambda t, vs: _merge_run_violations(t, vs, frozenset()))


def _json_both_ways(files: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """The JSON report of ``files`` to a text stream; the same report through the
    UTF-8 stdout path (the workers' bytes written to the stream's buffer) must
    be its UTF-8 encoding, byte for byte."""
    from types import SimpleNamespace

    import lintnews.reporters.json as json_reporter
    from lintnews.reporters.json import JsonReporter

    out = io.StringIO()
    JsonReporter(out).report(RunResult(files, [], len(files), []))
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogatepass", newline="\n")
    monkeypatch.setattr(json_reporter, "sys", SimpleNamespace(__stdout__=stdout))
    assert json_reporter._utf8_buffer(stdout) is raw
    JsonReporter(stdout).report(RunResult(files, [], len(files), []))
    monkeypatch.undo()
    assert raw.getvalue() == out.getvalue().encode("utf-8", "surrogatepass")
    return out.getvalue()


def test_the_corpus_exercises_the_merge(runs: tuple[RunResult, RunResult]) -> None:
    memory, spooled = runs
    assert isinstance(memory.files, list)
    assert isinstance(spooled.files, SpooledFiles)
    codes = {(Path(v.path).name, v.code) for v in memory.violations()}
    assert {("a.md", "HL006"), ("b.md", "HL006"), ("a.md", "HL007"), ("e.md", "HL007")} <= codes
    # c.md's directive suppresses its HL006, so it is used: no LN001 there.
    assert ("c.md", "HL006") not in codes and ("c.md", "LN001") not in codes
    assert ("d.md", "HL006") not in codes
    assert ("f.md", "LN001") in codes
    assert memory.notes() and any(v.fixable for v in memory.violations())
    assert memory.metrics()


def test_api_answers_are_the_same(runs: tuple[RunResult, RunResult]) -> None:
    memory, spooled = runs
    assert [v.to_dict() for v in spooled.violations()] == [v.to_dict() for v in memory.violations()]
    assert spooled.all_errors() == memory.all_errors()
    assert spooled.notes() == memory.notes()
    assert spooled.metrics() == memory.metrics()
    assert spooled.counts_by_severity() == memory.counts_by_severity()
    assert spooled.rule_statistics() == rule_statistics(memory.violations())
    assert spooled.files_checked == memory.files_checked
    assert [f.path for f in spooled.files] == [f.path for f in memory.files]
    assert [f.violations for f in spooled.files] == [f.violations for f in memory.files]
    for fail_on in ("info", "warning", "error"):
        assert exit_code(spooled, fail_on) == exit_code(memory, fail_on)
    assert all(not f.digests for f in spooled.files)


def test_spooled_files_is_a_sequence(runs: tuple[RunResult, RunResult]) -> None:
    memory, spooled = runs
    files = spooled.files
    assert isinstance(files, SpooledFiles)
    assert len(files) == len(memory.files)
    assert files[-1].path == memory.files[-1].path
    assert [f.path for f in files[1:3]] == [f.path for f in memory.files[1:3]]
    b = next(f for f in memory.files if f.path.endswith("b.md"))
    assert files[files.index_of(b.path)].violations == b.violations
    with pytest.raises(ValueError):
        files.index_of("nowhere.md")
    # Re-iterable; each pass reads fresh objects, and a copy can be edited.
    assert [f.path for f in files] == [f.path for f in files]
    copy = list(files)
    copy[0].violations = []
    assert files[0].violations == memory.files[0].violations


def _render(result: RunResult, fmt: str, registry: Any, **kwargs: Any) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    cls = registry.output_formats()[fmt]
    cls(out, error_stream=err, registry=registry, **kwargs).report(result)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "fmt", ["text", "full", "json", "json-lines", "github", "sarif", "junit", "gitlab", "html"]
)
@pytest.mark.parametrize("statistics", [False, True])
def test_every_format_writes_the_same_report(
    runs: tuple[RunResult, RunResult], fmt: str, statistics: bool
) -> None:
    memory, spooled = runs
    from lintnews.manager import PluginRegistry

    registry = PluginRegistry()
    expected = _render(memory, fmt, registry, statistics=statistics)
    assert _render(spooled, fmt, registry, statistics=statistics) == expected
    assert expected[0]


def test_json_is_one_valid_document_with_one_violation_per_line(
    runs: tuple[RunResult, RunResult],
) -> None:
    memory, _ = runs
    from lintnews.reporters.json import JsonReporter, result_to_dict

    out = io.StringIO()
    JsonReporter(out, statistics=True).report(memory)
    assert json.loads(out.getvalue()) == result_to_dict(memory, statistics=True)
    lines = out.getvalue().splitlines()
    start = lines.index('"violations": [')
    end = lines.index("],", start)
    listed = [json.loads(line.removesuffix(",")) for line in lines[start + 1 : end]]
    assert listed == [v.to_dict() for v in memory.violations()]


def test_cli_output_is_the_same_above_and_below_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from lintnews.cli import app

    news = make_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    spooled: list[str] = []
    add = ResultSpool.add

    def counting_add(
        self: ResultSpool, result: Any, blob: bytes | None = None, prepared: bytes | None = None
    ) -> None:
        spooled.append(result.path)
        add(self, result, blob, prepared)

    monkeypatch.setattr(ResultSpool, "add", counting_add)
    outputs = []
    for threshold in (10**9, 1):
        monkeypatch.setattr(lintnews.spool, "SPOOL_THRESHOLD", threshold)
        for fmt in ("text", "json"):
            with pytest.raises(SystemExit) as exit_info:
                app(
                    ["check", str(news), "--format", fmt, "--no-cache", "--statistics"],
                    standalone_mode=True,
                )
            captured = capsys.readouterr()
            outputs.append((fmt, exit_info.value.code, captured.out, captured.err))
    assert len(spooled) == 2 * 8  # the two runs above the threshold, eight files each
    assert outputs[:2] == outputs[2:]
    assert outputs[0][1] == 1


def test_tally_of_matches_incremental_counts(runs: tuple[RunResult, RunResult]) -> None:
    memory, spooled = runs
    spool_tally = spooled.tally()
    tally = Tally.of(memory.files)
    assert spool_tally.total == tally.total == len(memory.violations())
    assert spool_tally.fixable == tally.fixable
    assert spool_tally.files_with_violations == tally.files_with_violations
    assert spool_tally.statistics() == tally.statistics()


def test_spool_uses_the_worker_pickle_as_is(tmp_path: Path) -> None:
    from lintnews.checking import FileResult

    spool = ResultSpool(dir=tmp_path)
    result = FileResult("x.md", notes=["skipped: binary"], checked=False)
    spool.add(result, pickle.dumps(result))
    spool.sort()
    files = spool.finish({}, lambda target, violations: None)
    assert files.files_checked == 0
    assert list(files.notes()) == [("x.md", "skipped: binary")]
    assert files[0] == result
    files.close()


def test_summaries_spool_as_the_results_do(tmp_path: Path) -> None:
    """Workers and the cache hand the spool a Summary and the pickle, never the
    result: the same report as results added whole, and as the in-memory run."""
    from lintnews.cache import ResultCache, dumps_result
    from lintnews.manager import PluginRegistry
    from lintnews.spool import Summary, summarize

    news = make_corpus(tmp_path)
    engine = Engine(load_config(news))
    memory = engine.lint_paths([str(news)], spool=False)
    cache = ResultCache(tmp_path / "cache", "key")
    engine.lint_paths([str(news)], spool=True, cache=cache)  # fills the cache
    cache.save()
    cache = ResultCache(tmp_path / "cache", "key")
    hits = [
        cache.lookup(f.path, e[0], summary=True)
        for f in memory.files
        if (e := cache._entries.get(f.path)) is not None
    ]
    assert hits and all(type(h[0]) is Summary for h in hits if h is not None)
    cached = engine.lint_paths([str(news)], spool=True, cache=cache)
    assert cache.hits >= 2 * len(hits)
    registry = PluginRegistry()
    expected = _render(memory, "json", registry, statistics=True)
    assert _render(cached, "json", registry, statistics=True) == expected
    assert cached.tally().statistics() == Tally.of(memory.files).statistics()
    # a summary carries what the spool reads: directives, ignores, LN001, digests, notes
    checked = [engine.check_file(str(p)) for p in sorted(news.iterdir())]
    summaries = [summarize(f) for f in checked]
    assert any(s.light is not None and s.light[2] for s in summaries)
    assert any(s.light is not None and s.light[0] for s in summaries)
    assert any(s.digests for s in summaries) and any(s.notes for s in summaries)
    for f, summary in zip(checked, summaries, strict=True):
        assert pickle.loads(dumps_result(summary)) == summary
        assert summary.count == len(f.violations) == sum(k[4] for k in summary.kinds)


# -- compact run-level state --------------------------------------------------------------


def _violation(path: str, message: str) -> Any:
    from lintnews.article import Span
    from lintnews.violations import Severity, Violation

    return Violation(
        path=path,
        code="HL006",
        name="duplicate-headline-across-files",
        severity=Severity.WARNING,
        message=message,
        plugin="headlines",
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        span=Span(0, 1),
    )


def _spool_of(tmp_path: Path, paths: list[str]) -> ResultSpool:
    from lintnews.checking import FileResult
    from lintnews.rules import ArticleDigest

    spool = ResultSpool(dir=tmp_path)
    for n, path in enumerate(paths):
        digests = {"ZZ001": ArticleDigest(path, n)} if n % 2 == 0 else {}
        if n == 1:
            digests["ZZ002"] = ArticleDigest(path, b"late")
        spool.add(FileResult(path, digests=digests))
    spool.sort()
    return spool


def test_run_findings_keep_order_per_file_and_roll_back(tmp_path: Path) -> None:
    spool = _spool_of(tmp_path, ["c", "a", "b"])
    found = spool.findings()
    found.add("b", _violation("b", "first"))
    found.add("a", _violation("a", "only"))
    mark = found.mark()
    found.add("b", _violation("b", "second"))
    found.add("c", _violation("c", "withdrawn"))
    found.rollback(mark)
    found.add("b", _violation("b", "third"))
    with pytest.raises(KeyError):
        found.add("z", _violation("z", "not in the run"))
    assert [i for i in found.files()] == [0, 1]
    assert [v.message for v in found.get(1) or []] == ["first", "third"]
    assert found.get(2) is None
    files = spool.finish(found, lambda target, violations: target.violations.extend(violations))
    assert [[v.message for v in f.violations] for f in files] == [["only"], ["first", "third"], []]
    assert files.tally.total == 3 and files.tally.files_with_violations == 2
    files.close()


def test_digest_columns_are_in_path_order_with_gaps(tmp_path: Path) -> None:
    spool = _spool_of(tmp_path, ["c", "a", "b"])  # digests: c=0, b=2; ZZ002 on a only
    column = spool.digests("ZZ001")
    assert [(d.path, d.data) for d in column] == [("b", 2), ("c", 0)]
    assert len(column) == 2 and column[-1].path == "c" and column[:1][0].path == "b"
    assert [(d.path, d.data) for d in spool.digests("ZZ002")] == [("a", b"late")]
    assert len(spool.digests("ZZ404")) == 0
    assert sorted((d.path, d.data) for d in spool.all_digests()) == [
        ("a", b"late"),
        ("b", 2),
        ("c", 0),
    ]
    assert spool.ignored_codes("a") == frozenset() and spool.ignored_codes("z") is None


def test_digest_data_stored_once_per_distinct_value() -> None:
    import pickle as pk

    from lintnews.spool import _NO_DIGEST, _DataColumn

    column = _DataColumn(1)
    for data in [b"story", b"story", None, pk.dumps(b"story", 5), b"story", {"k": 1}, {"k": 1}]:
        column.append(data)
    column.append(_NO_DIGEST)
    values = [column[i] for i in range(len(column))]
    assert values == [
        _NO_DIGEST,
        b"story",
        b"story",
        None,
        pk.dumps(b"story", 5),  # bytes that look like a pickle stay bytes
        b"story",
        {"k": 1},
        {"k": 1},
        _NO_DIGEST,
    ]
    assert len(column._ends) == 3  # b"story", the pickle-looking bytes, the dict
    moved = column.permuted([1, 0])
    assert [moved[0], moved[1]] == [b"story", _NO_DIGEST] and not moved.present(1)


@pytest.mark.parametrize("collide", [False, True])
def test_digest_column_reads_back_what_was_appended(
    monkeypatch: pytest.MonkeyPatch, collide: bool
) -> None:
    """Random data (bytes that are prefixes, extensions and one-byte changes of
    one another, empty bytes, pickled values) read back equal and of the same
    type, each distinct value stored once; ``collide``: every value hashes alike,
    so each is compared with the first stored value of its hash, byte for byte."""
    import random

    from lintnews.spool import _DataColumn

    if collide:
        monkeypatch.setattr(lintnews.spool, "hash", lambda data: 7, raising=False)
    rng = random.Random(14)
    pool: list[Any] = [b"", b"a", b"ab", b"abc", b"abd", b"\0" * 30, b"b", (1, "x"), [1], {"k": 2}]
    for _ in range(40):
        base = rng.choice([v for v in pool if type(v) is bytes])
        pool.append(base + bytes([rng.randrange(256)]) if rng.random() < 0.5 else base[:-1])
    column = _DataColumn()
    appended = [rng.choice(pool) for _ in range(2000)]
    for data in appended:
        column.append(data)
    assert [column[i] for i in range(len(column))] == appended
    assert [type(column[i]) for i in range(len(column))] == [type(v) for v in appended]
    distinct = {(type(v) is bytes, v if type(v) is bytes else repr(v)) for v in appended}
    if not collide:  # (colliding values other than the first of their hash repeat)
        assert len(column._ends) == len(distinct)


# -- run-level violations stored compactly; the JSON report prepared by workers ----------


def _random_text(rng: Any, n: int) -> str:
    alphabet = 'ab "\\/\n\t\x00\x1f\u00e9\u2028\u00a0\U0001f600<>&,'
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(n)))


def test_run_findings_round_trip_plain_and_pickled_violations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every violation comes back equal, with fields of the same types, in the
    order added, whether stored plain (integers and a shared message) or
    pickled; also past the bound on remembered messages, after a rollback, and
    through add_plain with values that are not plain."""
    import random

    from lintnews.article import Span
    from lintnews.violations import Edit, Fix, Severity, Violation

    monkeypatch.setattr(lintnews.spool, "_RECENT_MESSAGES", 7)  # both caches cleared often
    rng = random.Random(6)
    spool = _spool_of(tmp_path, ["a", "b"])
    found = spool.findings()
    expected: dict[str, list[Violation]] = {"a": [], "b": []}
    messages = [_random_text(rng, 60) + "\ud800" * (n % 2) for n in range(12)]
    plain = 0
    for n in range(3000):
        start = rng.randrange(50)
        path = rng.choice(["a", "b"])
        v = Violation(
            path=path,
            code=rng.choice(["HL006", "HL007", "ZZ\u00e9"]),
            name=rng.choice(["n", _random_text(rng, 12)]),
            severity=rng.choice(list(Severity)),
            message=rng.choice(messages) if n % 3 else _random_text(rng, 60),
            plugin=rng.choice(["p", _random_text(rng, 8)]),
            line=rng.randrange(1, 10**6 if n % 7 else 2**70),  # past 32 bits: pickled
            column=rng.randrange(1, 500),
            end_line=rng.randrange(1, 99),
            end_column=rng.randrange(1, 500),
            span=Span(start, start + rng.randrange(20)),
        )
        if n % 5 == 0:  # a fix, unsafe fixes, an int or str subclass, another path: pickled
            v = rng.choice(
                [
                    dataclasses_replace(v, fix=Fix((Edit(v.span, "x"),), safe=False)),
                    dataclasses_replace(v, unsafe_fixes=True),
                    dataclasses_replace(v, column=_Int(3)),
                    dataclasses_replace(v, message=_Str("m")),
                    dataclasses_replace(v, path="elsewhere"),
                    dataclasses_replace(v, line=rng.choice([True, 2.5, None, -(2**80)])),
                    dataclasses_replace(v, span=Span(1.5, 2)),  # type: ignore[arg-type]
                ]
            )
        before = len(found._records)
        if n % 4 == 1 and v.fix is None and not v.unsafe_fixes and v.path == path:
            kind = found.plain_kind(v.code, v.name, v.severity, v.plugin)
            assert kind is not None
            found.add_plain(
                path,
                kind,
                v.message,
                v.line,
                v.column,
                v.end_line,
                v.end_column,
                v.span.start,
                v.span.end,
            )
        else:
            found.add(path, v)
        plain += found._records[before + 20]  # the record's plain flag
        expected[path].append(v)
        if n == 1500:  # withdrawn: as if never added
            mark = found.mark()
            for _ in range(40):
                found.add("a", dataclasses_replace(v, path="a", message="gone"))
            found.rollback(mark)
    assert 1500 < plain < 2500
    assert len(found) == 3000
    for i, path in enumerate(["a", "b"]):
        got = found.get(i) or []
        want = expected[path]
        assert got == want  # Violation equality leaves out span, fix and unsafe_fixes:
        assert [(v.span, v.fix, v.unsafe_fixes) for v in got] == [
            (v.span, v.fix, v.unsafe_fixes) for v in want
        ]
        for field in _FIELDS:
            assert [type(getattr(v, field)) for v in got] == [type(getattr(v, field)) for v in want]
        assert [(v.severity.value, v.code, v.name, v.fixable) for v in want][::-1] == list(
            found.kinds(i)
        )
    assert found.get(0) == expected["a"]  # read again (messages from the read cache)
    per_file, by_kind = found.counts()
    assert per_file == {0: len(expected["a"]), 1: len(expected["b"])}
    assert sum(by_kind.values()) == 3000


def test_plain_kind_needs_exact_strings_and_a_severity(tmp_path: Path) -> None:
    from lintnews.violations import Severity

    found = _spool_of(tmp_path, ["a"]).findings()
    assert found.plain_kind("HL006", "n", Severity.ERROR, "p") == 0
    assert found.plain_kind("HL006", "n", Severity.ERROR, "p") == 0
    assert found.plain_kind("HL006", "n", Severity.INFO, "p") == 1
    assert found.plain_kind(_Str("HL006"), "n", Severity.ERROR, "p") is None
    assert found.plain_kind("HL006", "n", "error", "p") is None  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        found.add_plain("z", 0, "m", 1, 1, 1, 1, 0, 0)


class _Int(int):
    pass


class _Str(str):
    __slots__ = ()


def dataclasses_replace(v: Any, **changes: Any) -> Any:
    import dataclasses

    return dataclasses.replace(v, **changes)


@pytest.fixture(scope="module")
def prepared_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, RunResult]:
    """The corpus in memory, and spooled with the JSON reporter's prepare_file."""
    from lintnews.reporters.json import prepare_file

    news = make_corpus(tmp_path_factory.mktemp("prepared"))
    engine = Engine(load_config(news))
    memory = engine.lint_paths([str(news)], spool=False, prepare=prepare_file)
    return memory, engine.lint_paths([str(news)], spool=True, prepare=prepare_file)


def test_json_prepared_by_the_workers_is_the_same_report(
    prepared_runs: tuple[RunResult, RunResult],
) -> None:
    from lintnews.manager import PluginRegistry
    from lintnews.reporters.json import prepare_file

    memory, prepared_run = prepared_runs
    assert type(memory.files) is list  # prepare only applies to spooled runs
    files: Any = prepared_run.files
    assert files.prepared_by is prepare_file
    parts = {Path(path).name: (blob, extra) for _, path, blob, extra in files.prepared()}
    # c.md and f.md have directives: read back whole; a.md gets HL006/HL007 merged in
    assert parts["c.md"][0] is None and parts["f.md"][0] is None
    assert parts["a.md"][0] is not None and parts["a.md"][1]
    registry = PluginRegistry()
    for statistics in (False, True):
        expected = _render(memory, "json", registry, statistics=statistics)
        got = _render(prepared_run, "json", registry, statistics=statistics)
        assert got == expected


_FIELDS = [f.name for f in dataclasses.fields(Violation)]


class _Subviolation(Violation):
    """A run-level violation of a plugin's own class (the engine makes plain ones)."""

    __slots__ = ()


@pytest.mark.parametrize("whole", [True, False])
@pytest.mark.parametrize("unusual", [False, True])
def test_prepared_merge_orders_like_the_engine_merge(
    tmp_path: Path, whole: bool, unusual: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random files and run-level violations with many equal sort keys (ties
    keep the file's own violations first, in their order): the prepared path
    writes what the engine's merge, read back whole, writes.  ``whole=False``:
    the prepared files' results are not kept, and not needed even for
    ``unusual`` run-level violations (a subclass, another path)."""
    import random

    from lintnews.article import Span
    from lintnews.checking import FileResult
    from lintnews.reporters.json import prepare_file
    from lintnews.violations import Edit, Fix, Severity, Violation

    rng = random.Random(8)

    def violation(path: str, code: str) -> Violation:
        return Violation(
            path=path,
            code=code,
            name=_random_text(rng, 6),
            severity=rng.choice(list(Severity)),
            message=_random_text(rng, 30),
            plugin="p",
            line=rng.randrange(1, 4),
            column=rng.randrange(1, 3),
            end_line=1,
            end_column=1,
            span=Span(0, 0),
        )

    # some paths hold a lone surrogate (an undecodable name): UTF-8 cannot hold
    # their texts, which the workers then send as strs
    paths = sorted(f"f{n:03d}{'' if n % 37 else chr(0xDCE9)}.md" for n in range(300))
    results = []
    for path in paths:
        own = [
            violation(path, rng.choice(["AA1", "HL006", "ZZ9"])) for _ in range(rng.randrange(6))
        ]
        metrics = {"words": rng.randrange(9), "t\u00e9": (1, 2)} if rng.random() < 0.7 else {}
        results.append(FileResult(path, violations=own, metrics=metrics))
    run_level = {
        path: [violation(path, rng.choice(["HL006", "HL007"])) for _ in range(rng.randrange(4))]
        for path in paths
        if rng.random() < 0.6
    }
    if unusual:
        for n, violations in enumerate(run_level.values()):
            if violations and n % 3 == 0:
                v = violations[-1]
                violations[-1] = _Subviolation(**{f: getattr(v, f) for f in _FIELDS})
            elif violations and n % 3 == 1:
                violations[0] = dataclasses_replace(violations[0], path="elsewhere.md")
            elif violations:  # fixable, or a line that is not an int: merged by a sort
                v = violations[0]
                violations[0] = (
                    dataclasses_replace(v, fix=Fix((Edit(v.span, "x"),)))
                    if n % 2
                    else dataclasses_replace(v, line=float(v.line))
                )
    spool = ResultSpool(dir=tmp_path, paths=paths)
    spool.prepared_by = prepare_file
    spool.whole = whole
    plain = ResultSpool(dir=tmp_path, paths=paths)
    for n, result in enumerate(rng.sample(results, len(results))):
        prepared = prepare_file(result) if n % 10 else None  # some files without: read whole
        spool.add(result, prepared=prepared)
        plain.add(result)
    outputs = []
    for s in (spool, plain):
        s.sort()
        files = _finish_with(s, run_level)
        outputs.append(_json_both_ways(files, monkeypatch))
        if s is spool and not whole:
            unread = [i for i, _, prepared, _ in files.prepared() if prepared is not None]
            assert len(unread) > 200
            with pytest.raises(LookupError, match="prepared output"):
                files[unread[0]]
    assert outputs[0] == outputs[1]
    assert ('"elsewhere.md"' in outputs[0]) == unusual
    assert outputs[0].count('"HL007"') == sum(
        v.code == "HL007" for vs in run_level.values() for v in vs
    )


def test_prepare_file_leaves_unusual_results_to_the_reporter() -> None:
    from lintnews.article import Directive, Span
    from lintnews.checking import FileResult
    from lintnews.reporters.json import prepare_file

    v = _violation("a", "m")
    assert prepare_file(FileResult("a", violations=[v])) is not None
    assert prepare_file(FileResult("b", violations=[v])) is None  # another path
    directive = Directive("disable", ("HL006",), 1, Span(0, 1))
    assert prepare_file(FileResult("a", violations=[v], directives=(directive,))) is None
    assert prepare_file(FileResult("a", violations=[dataclasses_replace(v, line=1.5)])) is not None
    assert prepare_file(FileResult("a", violations=[dataclasses_replace(v, line=object())])) is None


def test_json_report_written_in_batches_and_spilled_is_the_same_text(
    prepared_runs: tuple[RunResult, RunResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The violations written a few files per call and the metrics moved to a
    temporary file after a few texts give the text of one write per piece."""
    import lintnews.reporters.json as json_reporter
    from lintnews.manager import PluginRegistry

    registry = PluginRegistry()
    for run in prepared_runs:
        expected = _render(run, "json", registry)
        monkeypatch.setattr(json_reporter, "_WRITE_SIZE", 40)
        monkeypatch.setattr(json_reporter, "_METRICS_IN_MEMORY", 30)
        assert _render(run, "json", registry) == expected
        monkeypatch.undo()
    pending = json_reporter._Pending(5)
    texts = ["a", "\u00e9t\u00e9", "\U0001f600 x", "", "caf\u00e9 \u2019quoted\u2019"] * 7
    with pending:
        for n, text in enumerate(texts):
            pending.add("," if n else "", text)
        out = io.StringIO()
        pending.copy_to(out)
    assert out.getvalue() == ",".join(texts)


def test_rendered_run_level_is_render_of_each_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RunFindings.rendered gives, per file and in order, ``render(row)`` of each
    plain violation's row (get with ``rows``; its memo of repeats, cleared often
    here, changes nothing), the Violation of a row ``render`` refuses, and a
    pickled violation as get gives it; on copies that share kind, positions and
    message (empty messages too, whose offset is the next message's)."""
    import random

    from lintnews.article import Span
    from lintnews.spool import plain_violation
    from lintnews.violations import Edit, Fix, Severity

    monkeypatch.setattr(lintnews.spool, "_RECENT_MESSAGES", 40)  # the memo is cleared too
    rng = random.Random(12)
    paths = [f"p{n:03d}" for n in range(120)]
    found = _spool_of(tmp_path, paths).findings()
    messages = ["", "same story", "m\u00e9\U0001f600", "\ud800", *(f"m{n}" for n in range(9))]
    for _ in range(1500):
        path = rng.choice(paths)
        code = rng.choice(["HL006", "HL007", "ZZ9"])
        v = Violation(
            path, code, "n" + code, rng.choice([Severity.WARNING, Severity.ERROR]),
            rng.choice(messages[:5]), "p", rng.randrange(1, 3), 1, 1, 1, Span(0, 1),
        )  # fmt: skip
        if rng.random() < 0.1:
            v = dataclasses_replace(v, fix=Fix((Edit(v.span, "x"),)))
        found.add(path, v)

    calls = []

    def render(row: tuple[Any, ...]) -> Any:  # refuses ZZ9's rows
        calls.append(row)
        return None if row[0][0] == "ZZ9" else ("rendered", row)

    memo: dict[Any, Any] = {}
    for i, path in enumerate(paths):
        rows = found.get(i, rows=True)
        got = found.rendered(i, render, memo)
        if rows is None:
            assert got is None
            continue
        want = [
            v if type(v) is not tuple
            else plain_violation(path, v) if v[0][0] == "ZZ9"
            else ("rendered", v)
            for v in rows
        ]  # fmt: skip
        assert got == want
        assert [type(v) for v in got] == [type(v) for v in want]
    assert len(calls) < 1350  # repeats came from the memo


def test_json_report_of_copies_is_the_engine_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies of a story (the run-level violations of many files share rule,
    positions and message, as HL006/HL007 report them): the prepared JSON report,
    whose run-level texts are rendered once per repeat, is the report of the
    results merged by the engine and read back whole."""
    import random

    from lintnews.article import Span
    from lintnews.checking import FileResult
    from lintnews.reporters.json import prepare_file
    from lintnews.violations import Severity

    rng = random.Random(13)
    paths = [f"d/\u00e9{n:03d}.txt" for n in range(200)]
    shared = [
        ("HL006", "duplicate-headline", 1, 1, 1, 9, "Same headline as a, b"),
        ("HL007", "duplicate-body", 3, 1, 3, 40, 'Body "near-identical" \u2014 keep one'),
        ("HL007", "duplicate-body", 3, 1, 3, 40, ""),
    ]
    results, run_level = [], {}
    for path in paths:
        codes = rng.choices(["AA1", "HL007", "ZZ9"], k=rng.randrange(4))
        own = [
            Violation(path, c, "x", Severity.WARNING, "own", "q", rng.randrange(1, 5), 1, 1, 2,
                      Span(0, 1))
            for c in codes
        ]  # fmt: skip
        results.append(FileResult(path, violations=own))
        chosen = rng.sample(shared, rng.randrange(3))
        if chosen:
            run_level[path] = [
                Violation(path, c, n, Severity.WARNING, m, "headlines", ln, col, el, ec, Span(0, 1))
                for c, n, ln, col, el, ec, m in chosen
            ]
    outputs = []
    for prepared in (True, False):
        spool = ResultSpool(dir=tmp_path, paths=paths)
        if prepared:
            spool.prepared_by = prepare_file
        for result in rng.sample(results, len(results)):
            spool.add(result, prepared=prepare_file(result) if prepared else None)
        spool.sort()
        files = _finish_with(spool, run_level)
        outputs.append(_json_both_ways(files, monkeypatch))
    assert outputs[0] == outputs[1]
    assert outputs[0].count('"HL006"') >= sum(
        v.code == "HL006" for vs in run_level.values() for v in vs
    )


def test_run_findings_answer_ignored_codes_as_the_spool_does(tmp_path: Path) -> None:
    """RunFindings.ignored_codes (what the engine asks before adding a file's
    run-level violations) is ResultSpool.ignored_codes for every path, in and
    out of the run, in any order; the place it remembers sends the next
    add_plain of that path to its file, never an add of another path."""
    from lintnews.checking import FileResult
    from lintnews.violations import Severity

    paths = [f"f{n:02d}.md" for n in range(30)]
    spool = ResultSpool(dir=tmp_path, paths=paths)
    for n, path in enumerate(reversed(paths)):
        codes = frozenset({"HL006", "ZZ1"} if n % 4 == 0 else {"HL007"} if n % 5 == 0 else ())
        spool.add(FileResult(path, ignored_codes=codes))
    spool.sort()
    found = spool.findings()
    asked = [*paths, "f00.mdx", "", "zz", "f05.md", "f05.md", "a", *reversed(paths)]
    for path in asked:
        assert found.ignored_codes(path) == spool.ignored_codes(path), path
    assert [found.ignored_codes(p) for p in ("f02.md", "f04.md", "nope")] == [
        frozenset(),
        frozenset({"HL007"}),
        None,
    ]
    kind = found.plain_kind("HL006", "n", Severity.WARNING, "p")
    assert kind is not None
    for path, asked_first in [("f03.md", "f03.md"), ("f07.md", "nope"), ("f09.md", "f01.md")]:
        found.ignored_codes(asked_first)
        found.add_plain(path, kind, f"in {path}", 1, 1, 1, 2, 0, 1)
    for i, path in enumerate(paths):
        got = found.get(i) or []
        assert [v.message for v in got] == (
            [f"in {path}"] if path in ("f03.md", "f07.md", "f09.md") else []
        )
        assert all(v.path == path for v in got)


def test_run_level_texts_insert_in_stable_sort_order() -> None:
    """_RunLevelTexts.insert puts each run-level text (rendered, or a plain
    Violation) where a stable sort of the file's texts and then the run-level
    ones, in the order found, by (line, column, code), puts it; None at a
    violation it cannot write (the caller falls back to its own copies)."""
    import random

    from lintnews.article import Span
    from lintnews.reporters.json import _RunLevelTexts, _violation_json
    from lintnews.violations import Edit, Fix, Severity

    rng = random.Random(15)
    run_texts = _RunLevelTexts()
    rule = ("HL006", "dup", Severity.WARNING, "headlines")
    for _ in range(300):
        path = rng.choice(["a.md", 'd/\u00e9 "q".txt'])
        own = sorted(
            ((rng.randrange(1, 4), rng.randrange(1, 3), rng.choice(["HL006", "HL007", "AA1"])),
             f"own{n}") for n in range(rng.randrange(5))
        )  # fmt: skip
        run_level, expected = [], []
        for _ in range(rng.randrange(1, 5)):
            line, column = rng.randrange(1, 4), rng.randrange(1, 3)
            v = Violation(
                path, "HL006", "dup", Severity.WARNING, _random_text(rng, 9), "headlines",
                line, column, line, column + 1, Span(0, 1),
            )  # fmt: skip
            text = _violation_json(v)
            assert text is not None
            if rng.random() < 0.5:
                row = (rule, v.message, line, column, line, column + 1, 0, 1)
                run_level.append(run_texts.render(row))
            else:
                run_level.append(v)
            expected.append(((line, column, "HL006"), text))
        keys = [k for k, _ in own]
        texts = [t for _, t in own]
        got = run_texts.insert(path, keys, texts, run_level)
        assert got == [t for _, t in sorted([*own, *expected], key=lambda item: item[0])]
        fixable = dataclasses_replace(run_level[-1] if type(run_level[-1]) is Violation else v,
                                      fix=Fix((Edit(Span(0, 1), "x"),)))  # fmt: skip
        assert run_texts.insert(path, list(keys), list(texts), [*run_level, fixable]) is None


def test_json_bytes_reach_a_raw_stdout_whole() -> None:
    """An unbuffered stdout (python -u) is a raw FileIO, whose write may take part
    of what it is given: the report's bytes are written on until all went."""
    import lintnews.reporters.json as json_reporter

    class Partial(io.RawIOBase):
        def __init__(self) -> None:
            self.got = bytearray()
            self.calls = 0

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            self.calls += 1
            taken = bytes(data[: 1 + len(data) // 3])
            self.got += taken
            return len(taken)

    raw = Partial()
    data = "".join(f"{n}\u00e9\U0001f600," for n in range(5000)).encode("utf-8")
    json_reporter._write_all(raw, data)
    assert bytes(raw.got) == data and raw.calls > 3
    buffered = io.BytesIO()
    json_reporter._write_all(buffered, data)
    assert buffered.getvalue() == data
