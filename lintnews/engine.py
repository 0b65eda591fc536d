"""The engine: from paths to a :class:`RunResult`, one module with one job.

Flow: discover files -> per file (read bytes, decode, reader plugin, rules,
suppressions, metrics) -> run-level rules over the digests -> observer hook
-> results sorted by path.

The per-file step, :meth:`Engine.check_file`, depends only on its path and
on the engine's immutable settings (config + loaded plugins) and returns a
picklable :class:`~lintnews.checking.FileResult`, so it can run in a process
pool (build one ``Engine(config)`` per worker) and be cached under
``(file bytes, Engine.fingerprint())``.

Rule selection follows ruff: with no ``select`` every rule enabled by default
runs; ``select``/``extend-select``/``ignore`` take codes, code prefixes
(``PW``, ``PW0``), kebab-case names or ``ALL``; when a rule matches both a
positive and an ``ignore`` selector the more specific selector wins (a full
code or a name beats a prefix, a longer prefix a shorter one; ``ignore`` wins
ties).  ``per-file-ignores`` and the front-matter ignore then remove rules for
their files, whatever was selected.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from lintnews.article import Article, LineIndex, Span
from lintnews.checking import (
    SUPPRESSION_CODE,
    UNKNOWN_SUPPRESSION_CODE,
    ActiveRule,
    FileResult,
    apply_directives,
    check_article,
)
from lintnews.config import Config, show_value
from lintnews.core_rules import NON_UTF8_CODE
from lintnews.decoding import BinaryFile, DecodedText, DecodeError, decode_bytes
from lintnews.discovery import GlobSet, discover_files, relative_to_root
from lintnews.errors import ConfigError, InputError, PartialInputError, UsageError
from lintnews.manager import PluginRegistry
from lintnews.rules import ArticleDigest, Rule, RunDiagnostic
from lintnews.violations import Diagnostic, FileError, Severity, Violation

if TYPE_CHECKING:
    from lintnews.cache import ResultCache
    from lintnews.reporters.base import RuleStatistic
    from lintnews.spool import ResultSpool, Summary, Tally

__all__ = ["META_CODES", "Engine", "RunResult", "exit_code"]

#: rules whose violations the engine itself produces (see lintnews.core_rules)
META_CODES = frozenset({SUPPRESSION_CODE, UNKNOWN_SUPPRESSION_CODE, NON_UTF8_CODE})

#: lintnews_read_article's arguments, in the order of its spec
_READER_ARGS = ("path", "text", "format", "config")
_PREFIX_RE = re.compile(r"^[A-Z]{1,2}[0-9]{0,3}$")
_FLAGS = {"select": "--select", "ignore": "--ignore", "extend_select": "--extend-select"}
_SPLIT = re.compile(r"[\s,]+")


def _spool_threshold() -> int:
    from lintnews.spool import SPOOL_THRESHOLD

    return SPOOL_THRESHOLD


@dataclass
class RunResult:
    """What one run found: per-file results (sorted by path) and run-level errors.

    ``files`` is a list, or for a large command-line run a read-only
    :class:`~lintnews.spool.SpooledFiles` that reads results back from disk
    on each iteration (``list(result.files)`` makes an editable copy); the
    methods below work the same on both.
    """

    files: Sequence[FileResult]
    errors: list[FileError]
    files_checked: int
    rules: list[Rule]
    #: violations ``--fix`` repaired before this (final) check (None: not a fix
    #: run); lintnews.fixing.FixedViolation items
    fixed: list[Any] | None = None

    def violations(self) -> list[Violation]:
        """Every violation, sorted by (path, line, column, code)."""
        return sorted((v for f in self.files for v in f.violations), key=Violation.sort_key)

    def all_errors(self) -> list[FileError]:
        """Run-level errors first, then each file's, in path order."""
        spooled = getattr(self.files, "errors", None)
        if spooled is not None:  # kept in memory by the spool: no need to read it back
            return [*self.errors, *spooled()]
        return [*self.errors, *(e for f in self.files for e in f.errors)]

    def notes(self) -> list[FileError]:
        """Files skipped on purpose (binary, too large), with the reason; not errors."""
        spooled = getattr(self.files, "notes", None)
        if spooled is not None:
            return [FileError(path, n) for path, n in spooled()]
        return [FileError(f.path, n) for f in self.files for n in f.notes]

    def tally(self) -> Tally:
        """Violation counts (by severity, by rule, fixable, files): summaries' input."""
        from lintnews.spool import Tally

        spooled = getattr(self.files, "tally", None)
        return spooled if isinstance(spooled, Tally) else Tally.of(self.files)

    def counts_by_severity(self) -> dict[str, int]:
        if type(self.files) is list:  # in memory: counted here, lintnews.spool not imported
            by_severity: Mapping[str, int] = Counter(
                v.severity.value for f in self.files for v in f.violations
            )
        else:
            by_severity = self.tally().by_severity
        return {s.value: by_severity.get(s.value, 0) for s in Severity}

    def rule_statistics(self) -> list[RuleStatistic]:
        """Per-rule counts, most frequent first (``--statistics``)."""
        return self.tally().statistics()

    def metrics(self) -> dict[str, dict[str, Any]]:
        """``path -> metrics`` for files that have any."""
        return {f.path: dict(f.metrics) for f in self.files if f.metrics}


def exit_code(result: RunResult, fail_on: Severity | str) -> int:
    """0 clean, 1 a violation at or above ``fail_on``, 2 any error (wins over 1)."""
    if isinstance(fail_on, str):
        fail_on = Severity.parse(fail_on)
    if result.all_errors():
        return 2
    counts = result.counts_by_severity()
    if any(counts[s.value] > 0 for s in Severity if s.rank >= fail_on.rank):
        return 1
    return 0


# -- selectors -----------------------------------------------------------------


def _specificity(selector: str, rule: Rule) -> int | None:
    """How specifically ``selector`` names ``rule`` (None: it does not)."""
    up = selector.strip().upper()
    if up == "ALL":
        return 0
    if _PREFIX_RE.match(up):
        return len(up) if rule.code.startswith(up) else None
    return 5 if selector.strip().lower() == rule.name else None


def _matches(selectors: Iterable[str], rule: Rule) -> int | None:
    best = None
    for sel in selectors:
        s = _specificity(sel, rule)
        if s is not None and (best is None or s > best):
            best = s
    return best


def _call_each(hook: Any, **kwargs: Any) -> list[tuple[str, Any, BaseException | None]]:
    """Call every implementation of ``hook`` separately, so one crash costs one plugin.

    Implementations receive only the arguments they declare (pluggy's rule).
    """
    out: list[tuple[str, Any, BaseException | None]] = []
    for impl in reversed(hook.get_hookimpls()):
        if impl.hookwrapper or getattr(impl, "wrapper", False):
            continue
        try:
            value = impl.function(*(kwargs[name] for name in impl.argnames))
        except Exception as exc:
            out.append((impl.plugin_name, None, exc))
        else:
            out.append((impl.plugin_name, value, None))
    return out


def _crash_detail(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class Engine:
    """Checks files and text with one configuration and one set of plugins.

    Building an engine loads the plugins (unless ``registry`` is given),
    validates every rule selector and option of ``config`` against them
    (raising :class:`~lintnews.errors.ConfigError`, or
    :class:`~lintnews.errors.UsageError` for settings that came from the
    command line) and calls ``lintnews_configure`` once.
    """

    def __init__(self, config: Config, registry: PluginRegistry | None = None) -> None:
        self.config = config
        #: Engine(config) rebuilds an equivalent engine (worker processes rely on it)
        self._default_registry = registry is None
        if registry is None:
            registry = PluginRegistry(local_plugins=config.plugins, base_dir=config.root)
        self.registry = registry
        self._formats = registry.reader_formats()
        self._known = frozenset([*registry.rules, *(r.name for r in registry.rules.values())])
        self._validate_selectors()
        self._options = self._resolve_options()
        self._reader_globs = self._resolve_readers()
        self._encoding_globs = [(GlobSet([g]), enc) for g, enc in config.encoding.items()]
        self._per_file = [
            (GlobSet([glob]), codes) for glob, codes in config.per_file_ignores.items()
        ]
        self._global = self._resolve_selection()
        # The engine's own rules with their configured severity, made once: a
        # dataclasses.replace per file and rule was ~1% of a worker's CPU.
        self._meta_rules = {
            code: dataclasses.replace(a.rule, severity=a.severity)
            for code, a in self._global.items()
            if code in META_CODES
        }
        # The plan of a file without per-file-ignores or front-matter ignores
        # (every file of most runs), made once instead of three comprehensions
        # over every rule per file; None when a file's plan may differ (per-file
        # ignores, or a subclass choosing its own selected_rules).
        self._plain_plan: tuple[list[ActiveRule], dict[str, Rule]] | None = None
        if not self._per_file and type(self).selected_rules is Engine.selected_rules:
            self._plain_plan = self._plan(list(self._global.values()), set())
        self._setup_errors: list[FileError] = [
            FileError("", str(err)) for err in registry.load_errors
        ]
        for plugin, _, exc in _call_each(registry.pm.hook.lintnews_configure, config=config):
            if exc is not None:
                self._setup_errors.append(
                    FileError(
                        "",
                        f"plugin {plugin!r} failed in lintnews_configure: "
                        f"{type(exc).__name__}: {exc}",
                        detail=_crash_detail(exc),
                    )
                )

    # -- validation ------------------------------------------------------------
    def _fail(self, field_name: str, key: str, message: str) -> Exception:
        if field_name in self.config.cli_fields and field_name in _FLAGS:
            return UsageError(f"{_FLAGS[field_name]}: {message}")
        where = self.config.source_name
        return ConfigError(f"{where}: key '{self.config.key_label(key)}': {message}")

    def _check_selectors(self, field_name: str, key: str, selectors: Iterable[str]) -> None:
        rules = list(self.registry.rules.values())
        for sel in selectors:
            if not any(_specificity(sel, r) is not None for r in rules):
                raise self._fail(
                    field_name,
                    key,
                    f"expected a rule code, prefix or name, got unknown {sel!r}",
                )

    def _validate_selectors(self) -> None:
        c = self.config
        self._check_selectors("select", "select", c.select)
        self._check_selectors("ignore", "ignore", c.ignore)
        self._check_selectors("extend_select", "extend-select", c.extend_select)
        for glob, codes in c.per_file_ignores.items():
            self._check_selectors("per_file_ignores", f"per-file-ignores.{glob}", codes)
        for sel in c.severity:
            self._check_selectors("severity", f"severity.{sel}", [sel])

    def _resolve_options(self) -> dict[str, dict[str, Any]]:
        """Per-rule options: defaults, then ``[rules.CODE]``/``[rules.name]`` tables."""
        options = {code: rule.default_options() for code, rule in self.registry.rules.items()}
        for key, table in self.config.rule_options.items():
            rule = self.registry.rule(key)
            if rule is None:
                raise self._fail(
                    "rule_options",
                    f"rules.{key}",
                    f"expected a rule code or name, got unknown {key!r}",
                )
            for opt_name, value in table.items():
                declared = _find_option(rule, opt_name)
                label = f"rules.{key}.{opt_name}"
                if declared is None:
                    known = ", ".join(rule.options) or "none"
                    raise self._fail(
                        "rule_options",
                        label,
                        f"unknown option for {rule.code} ({rule.name}); expected one of: {known}",
                    )
                name, opt = declared
                if not _type_ok(value, opt.expected_type):
                    raise self._fail(
                        "rule_options",
                        label,
                        f"expected {opt.type_name()}, got {show_value(value)}",
                    )
                if isinstance(opt.default, tuple) and isinstance(value, list):
                    value = tuple(value)
                options[rule.code][name] = value
        return options

    def _resolve_readers(self) -> list[tuple[GlobSet, str]]:
        known = set(self._formats.values())
        out = []
        for glob, fmt in self.config.readers.items():
            if fmt not in known:
                raise self._fail(
                    "readers",
                    f"readers.{glob}",
                    f"expected one of {', '.join(sorted(known))}, got {fmt!r}",
                )
            out.append((GlobSet([glob]), fmt))
        return out

    def _resolve_selection(self) -> dict[str, ActiveRule]:
        c = self.config
        positive = (
            *c.extend_select,
            *((SUPPRESSION_CODE,) if c.report_unused_suppressions else ()),
        )
        active: dict[str, ActiveRule] = {}
        for code, rule in self.registry.rules.items():
            default = -1 if rule.enabled_by_default else None
            pos = _matches(c.select, rule) if c.select else default
            ext = _matches(positive, rule)
            if ext is not None and (pos is None or ext > pos):
                pos = ext
            neg = _matches(c.ignore, rule)
            if pos is None or (neg is not None and neg >= pos):
                continue
            active[code] = ActiveRule(rule, self._options[code], self._severity_for(rule))
        return active

    def _severity_for(self, rule: Rule) -> Severity:
        best: tuple[int, Severity] | None = None
        for sel, sev in self.config.severity.items():
            s = _specificity(sel, rule)
            if s is not None and (best is None or s > best[0]):
                best = (s, sev)
        return best[1] if best else rule.severity

    # -- public helpers ----------------------------------------------------------
    def fingerprint(self) -> str:
        """Config and plugin versions: with a file's bytes, a result-cache key."""
        return f"{self.config.fingerprint()}|{self.registry.fingerprint()}"

    def selected_rules(self, path: str | None = None) -> list[ActiveRule]:
        """Rules that run (on ``path``: after its per-file-ignores), by code."""
        if path is None:
            return list(self._global.values())
        dropped = self._per_file_dropped(path)
        return [a for code, a in self._global.items() if code not in dropped]

    def _per_file_dropped(self, path: str) -> set[str]:
        if not self._per_file:
            return set()
        rel = relative_to_root(path, self.config.root)
        dropped: set[str] = set()
        for globs, selectors in self._per_file:
            if globs.match(rel):
                dropped.update(
                    code
                    for code, a in self._global.items()
                    if _matches(selectors, a.rule) is not None
                )
        return dropped

    def format_for(self, path: str) -> str:
        """The reader format for ``path``: ``[readers]`` globs, then extension, then text."""
        if self._reader_globs:
            rel = relative_to_root(path, self.config.root)
            for globs, fmt in self._reader_globs:
                if globs.match(rel):
                    return fmt
        ext = os.path.splitext(path)[1].lower()
        return self._formats.get(ext, "text")

    def encoding_for(self, path: str) -> str | None:
        if not self._encoding_globs:
            return None
        rel = relative_to_root(path, self.config.root)
        for globs, enc in self._encoding_globs:
            if globs.match(rel):
                return enc
        return None

    def discover(self, paths: Sequence[str]) -> tuple[list[str], list[FileError]]:
        """Files to check below ``paths`` (sorted) and errors for paths that do not exist."""
        return discover_files(paths, self.config, self._formats)

    # -- running -------------------------------------------------------------------
    def lint_paths(
        self,
        paths: Sequence[str],
        *,
        progress: Callable[[int, int], None] | None = None,
        jobs: int | None = 1,
        cache: ResultCache | None = None,
        spool: bool | None = False,
        prepare: Callable[[FileResult], bytes | None] | None = None,
        whole: bool = True,
    ) -> RunResult:
        """Check files and directories (``"-"`` reads standard input).

        ``jobs``: worker processes (``None`` or 0: one per CPU; ``1``: this
        process; small runs stay in-process anyway, see lintnews.parallel).
        ``cache``: reuse and store per-file results (see lintnews.cache).
        ``spool``: keep per-file results in a temporary file instead of in
        memory (``None``: when there are at least
        :data:`~lintnews.spool.SPOOL_THRESHOLD` files); ``result.files`` is
        then read-only (see lintnews.spool).
        ``prepare``: a reporter's per-file work
        (:attr:`~lintnews.reporters.base.Reporter.prepare_file`), done where
        each result is made (workers) when the run spools; the spool keeps
        its bytes for the reporter.
        ``whole=False`` (with ``prepare``, for a reporter that reads nothing
        else): a spooled file's result is not kept where ``prepare`` made
        something of it, and workers do not pickle it (``result.files[i]``
        raises ``LookupError`` for it).
        Results do not depend on any of these: they are sorted by path and the
        run-level rules run here, over every file's digests.
        """
        from lintnews.cache import content_digest
        from lintnews.parallel import iter_results

        files, errors = self.discover(paths)
        total = len(files)
        results: list[FileResult] = []
        spooled: ResultSpool | None = None
        if spool or (spool is None and total >= _spool_threshold()):
            from lintnews.spool import ResultSpool

            spooled = ResultSpool(paths=files)
        texts: dict[str, str] = {}
        todo: list[str] = []
        done = 0

        if spooled is None:
            prepare = None
        elif prepare is not None:
            spooled.prepared_by = prepare
            spooled.whole = whole

        def keep(
            result: FileResult | Summary, blob: bytes | None = None, prepared: bytes | None = None
        ) -> None:
            if spooled is not None:
                spooled.add(result, blob, prepared)
            else:
                results.append(result)

        for path in files:
            if path == "-":
                data = sys.stdin.buffer.read()
                result = self._check_bytes("-", data)
                keep(result)
                if result.checked:
                    texts["-"] = _decode_quietly(data, None)
            elif cache is not None and len(cache):
                read = self.read_file(path)
                hit = (
                    cache.lookup(path, content_digest(read), summary=spooled is not None)
                    if isinstance(read, bytes)
                    else None
                )
                if hit is None:
                    todo.append(path)
                    continue
                keep(*hit)  # the cached pickle goes to the spool as it is
            else:
                todo.append(path)
                continue
            done += 1
            if progress is not None:
                progress(done, total)
        for result, digest, blob, prepared in iter_results(
            self,
            todo,
            jobs=jobs,
            spawn_safe=self._default_registry,
            summaries=spooled is not None,  # the spool needs only a worker result's Summary
            prepare=prepare,
            digests=cache is not None,  # only the cache reads them
            whole=whole or prepare is None or cache is not None,  # the cache stores the pickle
        ):
            if cache is not None:
                blob = cache.put(result.path, digest, result, blob) or blob
            keep(result, blob, prepared)
            del result
            done += 1
            if progress is not None:
                progress(done, total)
        if cache is not None:
            cache.save()
        if spooled is not None:
            return self._finish_spooled(spooled, [*self._setup_errors, *errors], texts)
        return self._finish(results, [*self._setup_errors, *errors], texts)

    def lint_text(self, text: str, filename: str = "<stdin>.txt") -> RunResult:
        """Check one text as if it were the file ``filename`` (format from its extension)."""
        if text.startswith("\ufeff"):
            text = text[1:]
        result = self._check_text(filename, DecodedText(text))
        return self._finish([result], list(self._setup_errors), {filename: text})

    def check_file(self, path: str) -> FileResult:
        """Everything about one file, run-level rules excepted; never raises.

        A pure function of ``path`` (its bytes) and the engine's settings.
        """
        data = self.read_file(path)
        return self._check_bytes(path, data) if isinstance(data, bytes) else data

    def read_file(self, path: str) -> bytes | FileResult:
        """The bytes of ``path``, or the result for a file that is not checked
        (unreadable: an error; above ``max-file-size``: a note)."""
        try:
            st = os.stat(path)
        except OSError as exc:
            return FileResult(path, errors=[FileError(path, _os_message(exc))], checked=False)
        if st.st_size > self.config.max_file_size:
            note = (
                f"skipped: {st.st_size} bytes is above max-file-size "
                f"({self.config.max_file_size} bytes)"
            )
            return FileResult(path, notes=[note], checked=False)
        try:
            return _read_bytes(path, st.st_size)
        except OSError as exc:
            return FileResult(path, errors=[FileError(path, _os_message(exc))], checked=False)

    def check_bytes(self, path: str, data: bytes) -> FileResult:
        """Check the bytes ``data`` as the file ``path`` (run-level rules excepted)."""
        return self._check_bytes(path, data)

    def _check_bytes(self, path: str, data: bytes) -> FileResult:
        try:
            decoded = decode_bytes(data, self.encoding_for(path))
        except BinaryFile as exc:
            return FileResult(path, notes=[str(exc)], checked=False)
        except DecodeError as exc:
            return FileResult(path, errors=[FileError(path, str(exc))], checked=False)
        return self._check_text(path, decoded)

    def check_decoded(self, path: str, decoded: DecodedText) -> FileResult:
        """Check already-decoded text as the file ``path`` (the fixer's re-check)."""
        return self._check_text(path, decoded)

    def _read(
        self, path: str, text: str, fmt: str
    ) -> Article | FileError | tuple[Article, FileError]:
        """The article, an error, or (the readable part, the error about the rest)."""
        hook = self.registry.pm.hook.lintnews_read_article
        try:
            reader = self._sole_reader(hook) if self._default_registry else None
            if reader is not None:
                article = reader(path, text, fmt, self.config)
            else:
                article = hook(path=path, text=text, format=fmt, config=self.config)
        except PartialInputError as exc:
            message = str(exc).splitlines()[0] if str(exc) else "partly unreadable input"
            if isinstance(exc.article, Article):
                return exc.article, FileError(path, message, input_error=True)
            return FileError(path, message, input_error=True)
        except InputError as exc:
            return FileError(path, str(exc).splitlines()[0] if str(exc) else "unreadable input")
        except (KeyboardInterrupt, GeneratorExit):
            raise
        # BaseException: a Rust panic in a library a reader calls (pyo3's
        # PanicException) or sys.exit() must cost this file, not the run
        except BaseException as exc:
            plugin = _plugin_in_traceback(exc, hook)
            return FileError(
                path,
                f"reader plugin {plugin!r} crashed reading this file as {fmt}: "
                f"{type(exc).__name__}: {exc}",
                detail=_crash_detail(exc),
            )
        if article is None:
            return FileError(path, f"no reader plugin reads the format {fmt!r}")
        if not isinstance(article, Article):
            return FileError(
                path, f"the reader for {fmt!r} returned {type(article).__name__}, not an Article"
            )
        return article

    @staticmethod
    def _sole_reader(hook: Any) -> Callable[[str, str, str, Config], Any] | None:
        """The function of the one ``lintnews_read_article`` implementation, when
        it is the only one, no wrapper, and takes the spec's four arguments in
        order: calling it is the hook call (a first result of one implementation
        is its value) without pluggy's per-call machinery (~14,000 instructions
        per file).  None otherwise: the hook is called."""
        impls = hook.get_hookimpls()
        if len(impls) != 1:
            return None
        impl = impls[0]
        if (
            impl.hookwrapper
            or getattr(impl, "wrapper", False)
            or tuple(impl.argnames) != _READER_ARGS
            or impl.kwargnames
        ):
            return None
        return impl.function  # type: ignore[no-any-return]

    def _check_text(self, path: str, decoded: DecodedText) -> FileResult:
        fmt = self.format_for(path)
        article = self._read(path, decoded.text, fmt)
        partial: FileError | None = None
        if isinstance(article, tuple):  # part of the file was unreadable
            article, partial = article
        if isinstance(article, FileError):
            return FileResult(path, errors=[article], checked=False)
        fm_ignored, fm_unknown, fm_error = self._front_matter_ignores(article)
        if fm_ignored or self._plain_plan is None:
            rules, meta = self._plan(self.selected_rules(path), fm_ignored)
        else:  # no front-matter ignores and no per-file-ignores: the same plan for every file
            rules, meta = self._plain_plan
        result = check_article(
            article,
            rules,
            path,
            known_codes=self._known,
            report_unused_suppressions=SUPPRESSION_CODE in meta,
            meta_rules=meta,
            rule_timeout=self.config.rule_timeout,
        )
        result.directives = article.directives
        # The autofix guarantee, enforced here so `fixable` never lies: a fix
        # reaching past its violation (plus adjacent whitespace/markup) is dropped.
        if any(v.fix is not None for v in result.violations):
            # only fixes need guarding: a clean or fix-free file never imports the fixer
            from lintnews.fixguard import guard_fixes

            guard_fixes(article, result)
        result.ignored_codes = frozenset(fm_ignored)
        if fm_error:
            result.errors.append(FileError(path, fm_error))
        if partial is not None:
            result.errors.insert(0, partial)
        extra: list[Violation] = []
        if UNKNOWN_SUPPRESSION_CODE in meta:
            rule = meta[UNKNOWN_SUPPRESSION_CODE]
            for sel in fm_unknown:
                start = max(article.source.find(sel), 0)
                span = Span(
                    start, start + len(sel) if start or article.source.startswith(sel) else 0
                )
                extra.append(
                    _violation(
                        article.lines,
                        path,
                        rule,
                        f"front matter ignores unknown rule {sel!r}",
                        span,
                    )
                )
        if decoded.detected and NON_UTF8_CODE in meta:
            rule = meta[NON_UTF8_CODE]
            message = (
                f"file is not UTF-8; its encoding was detected as {decoded.encoding}: "
                "convert it to UTF-8 or set its encoding under [encoding]"
            )
            extra.append(_violation(article.lines, path, rule, message, Span(0, 0)))
        if extra:
            result.violations = sorted([*result.violations, *extra], key=Violation.sort_key)
        self._add_metrics(article, result)
        return result

    def _plan(
        self, selected: list[ActiveRule], fm_ignored: set[str]
    ) -> tuple[list[ActiveRule], dict[str, Rule]]:
        """The article rules to run of ``selected`` (the rules that run on a file)
        less ``fm_ignored``, and the engine's own rules among them by code."""
        active = [a for a in selected if a.rule.code not in fm_ignored]
        meta_rules = self._meta_rules
        meta = {a.rule.code: meta_rules[a.rule.code] for a in active if a.rule.code in meta_rules}
        return [a for a in active if a.rule.code not in META_CODES], meta

    def _front_matter_ignores(self, article: Article) -> tuple[set[str], list[str], str]:
        """Codes ignored by ``lintnews: {ignore: [...]}`` or ``lintnews-ignore: [...]``.

        Returns (ignored codes, unknown selectors, error message or "").
        """
        md = article.metadata
        if not md:  # every plain-text article
            return set(), [], ""
        raw: list[tuple[str, Any]] = []
        block = md.get("lintnews")
        if block is not None and isinstance(block, Mapping) and "ignore" in block:
            raw.append(("lintnews.ignore", block["ignore"]))
        if "lintnews-ignore" in md:
            raw.append(("lintnews-ignore", md["lintnews-ignore"]))
        selectors: list[str] = []
        for key, value in raw:
            if isinstance(value, str):
                selectors += [s for s in _SPLIT.split(value) if s]
            elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
                selectors += [s.strip() for s in value if s.strip()]
            else:
                return set(), [], f"front matter key '{key}': expected a list of rule codes"
        ignored: set[str] = set()
        unknown: list[str] = []
        rules = self.registry.rules.values()
        for sel in selectors:
            hit = [r.code for r in rules if _specificity(sel, r) is not None]
            if hit:
                ignored.update(hit)
            else:
                unknown.append(sel)
        return ignored, unknown, ""

    def _add_metrics(self, article: Article, result: FileResult) -> None:
        hook = self.registry.pm.hook.lintnews_article_metrics
        for plugin, value, exc in _call_each(hook, article=article, config=self.config):
            if exc is not None:
                result.errors.append(
                    FileError(
                        result.path,
                        f"plugin {plugin!r} crashed measuring this file: "
                        f"{type(exc).__name__}: {exc}",
                        detail=_crash_detail(exc),
                    )
                )
            elif value is None:
                continue
            elif isinstance(value, Mapping):
                result.metrics.update(value)
            else:
                result.errors.append(
                    FileError(
                        result.path,
                        f"plugin {plugin!r} returned {type(value).__name__} from "
                        "lintnews_article_metrics, not a mapping",
                    )
                )

    # -- end of run ------------------------------------------------------------------
    def _finish(
        self, results: list[FileResult], errors: list[FileError], texts: Mapping[str, str]
    ) -> RunResult:
        results.sort(key=lambda f: f.path)
        by_path = {f.path: f for f in results}

        def ignored_codes(path: str) -> frozenset[str] | None:
            target = by_path.get(path)
            return None if target is None else target.ignored_codes

        found = _FoundInMemory()
        self._run_rules(
            lambda code: [f.digests[code] for f in results if code in f.digests],
            lambda: [d for f in results for d in f.digests.values()],
            ignored_codes,
            texts,
            errors,
            found,
        )
        for path, violations in found.items():
            _merge_run_violations(by_path[path], violations, self._known)
        # Digests served the run-level rules; dropping them before the reporter
        # runs keeps a large run's peak memory down (sketches are most of it).
        for f in results:
            f.digests = {}
        checked = sum(1 for f in results if f.checked)
        return RunResult(results, errors, checked, self._reported_rules())

    def _finish_spooled(
        self, spool: ResultSpool, errors: list[FileError], texts: Mapping[str, str]
    ) -> RunResult:
        """As :meth:`_finish`, for results in a spool: the same output, streamed."""
        spool.sort()
        # Run-level violations go to the spool's file as they are found: on an
        # archive of copies they name every file (see lintnews.spool.RunFindings).
        found = spool.findings()
        # found.ignored_codes is the spool's, remembering the path for the adds that follow
        self._run_rules(spool.digests, spool.all_digests, found.ignored_codes, texts, errors, found)
        known = self._known

        def merge(target: FileResult, violations: list[Violation]) -> None:
            _merge_run_violations(target, violations, known)

        files = spool.finish(found, merge)
        return RunResult(files, errors, files.files_checked, self._reported_rules())

    def _reported_rules(self) -> list[Rule]:
        return [dataclasses.replace(a.rule, severity=a.severity) for a in self._global.values()]

    def _run_rules(
        self,
        digests: Callable[[str], Sequence[ArticleDigest]],
        all_digests: Callable[[], list[ArticleDigest]],
        ignored_codes: Callable[[str], frozenset[str] | None],
        texts: Mapping[str, str],
        errors: list[FileError],
        found: _Found,
    ) -> None:
        """Run-level rules and the ``lintnews_check_run`` hook; the run-level
        violations go to ``found``.

        ``digests(code)``: rule ``code``'s digests in path order;
        ``all_digests()``: every digest, for the observers (built only if a
        plugin observes); ``ignored_codes(path)``: the codes ``path``'s front
        matter ignores, None for a path that is not in the run.
        """
        run_rules = [a for a in self._global.values() if a.rule.is_run_level]
        for active in run_rules:
            self._run_level(active, digests(active.rule.code), ignored_codes, texts, found, errors)
        hook = self.registry.pm.hook.lintnews_check_run
        if not hook.get_hookimpls():
            return
        for plugin, _, exc in _call_each(hook, articles=all_digests(), config=self.config):
            if exc is not None:
                errors.append(
                    FileError(
                        "",
                        f"plugin {plugin!r} failed in lintnews_check_run: "
                        f"{type(exc).__name__}: {exc}",
                        detail=_crash_detail(exc),
                    )
                )

    def _run_level(
        self,
        active: ActiveRule,
        digests: Sequence[ArticleDigest],
        ignored_codes: Callable[[str], frozenset[str] | None],
        texts: Mapping[str, str],
        found: _Found,
        errors: list[FileError],
    ) -> None:
        rule = active.rule
        if not digests:
            return
        where = f"plugin {rule.plugin!r} rule {rule.code} ({rule.name})"
        assert rule.check_run is not None
        # Diagnostics are consumed as the rule yields them (a list of them all
        # grows with the run); a crash withdraws what the rule already reported.
        mark = found.mark()
        try:
            produced = iter(rule.check_run(digests, active.options) or ())
            self._take_run_level(active, produced, where, ignored_codes, texts, found, errors)
        except Exception as exc:
            found.rollback(mark)
            errors.append(
                FileError("", f"{where} crashed: {type(exc).__name__}: {exc}", _crash_detail(exc))
            )

    def _take_run_level(
        self,
        active: ActiveRule,
        produced: Iterator[Any],
        where: str,
        ignored_codes: Callable[[str], frozenset[str] | None],
        texts: Mapping[str, str],
        found: _Found,
        errors: list[FileError],
    ) -> None:
        rule = active.rule
        code = rule.code
        lines: dict[str, LineIndex | None] = {}
        # What a path's front matter and per-file-ignores say, for the last path
        # seen: a rule reports a file's diagnostics one after another.
        last_path: str | None = None
        verdict: bool | None = None  # None: not in the run; True: dropped for the file
        # A diagnostic without a fix goes to ``found`` as its fields (no Violation
        # made here: ~4,000 per run on an archive of copies); ``found`` checks
        # their types and makes the Violation itself where one is needed.
        kind = found.plain_kind(code, rule.name, active.severity, rule.plugin)
        add_plain = found.add_plain
        per_file = bool(self._per_file)
        for rd in produced:
            if not isinstance(rd, RunDiagnostic) or not isinstance(rd.diagnostic, Diagnostic):
                errors.append(
                    FileError("", f"{where} yielded {type(rd).__name__}, not a RunDiagnostic")
                )
                return
            path = rd.path
            if last_path is None or path != last_path:
                last_path = path
                ignored = ignored_codes(path)
                verdict = None
                if ignored is not None:
                    verdict = code in ignored or (per_file and code in self._per_file_dropped(path))
            if verdict is None:
                errors.append(FileError("", f"{where} reported {path!r}, which is not in the run"))
                continue
            if verdict:
                continue
            diagnostic = rd.diagnostic
            span = diagnostic.span
            line = rd.line
            if line > 0:
                column = rd.column
                end_line = rd.end_line or line
                end_column = rd.end_column or column
                # max(column, 1), without a call: max keeps its first argument unless
                # the second is greater
                if 1 > column:  # noqa: SIM300 - as max compares
                    column = 1
            else:
                if path not in lines:
                    lines.clear()  # one file at a time: diagnostics come per file
                    lines[path] = self._line_index(path, texts)
                index = lines[path]
                if index is None:
                    line = column = end_line = end_column = 1
                else:
                    line, column = index.position(span.start)
                    end_line, end_column = index.position(span.end)
            fix = diagnostic.fix
            if kind is not None and fix is None and type(span) is Span:
                # positional arguments, no tuple of positions: one call per violation
                add_plain(
                    path,
                    kind,
                    diagnostic.message,
                    line,
                    column,
                    end_line,
                    end_column,
                    span.start,
                    span.end,
                )
                continue
            found.add(
                path,
                Violation(
                    path=path,
                    code=code,
                    name=rule.name,
                    severity=active.severity,
                    message=diagnostic.message,
                    plugin=rule.plugin,
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    span=span,
                    fix=fix,
                ),
            )

    def _line_index(self, path: str, texts: Mapping[str, str]) -> LineIndex | None:
        """Positions for a run diagnostic that carries none: re-read that one file."""
        if path in texts:
            return LineIndex(texts[path])
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        return LineIndex(_decode_quietly(data, self.encoding_for(path)))


# -- helpers ---------------------------------------------------------------------------


class _Found(Protocol):
    """Where run-level violations go: in memory, or the spool's RunFindings."""

    def add(self, path: str, violation: Violation) -> None: ...
    def plain_kind(self, code: str, name: str, severity: Severity, plugin: str) -> int | None:
        """An id for :meth:`add_plain` of this rule's violations (None: use :meth:`add`)."""
        ...

    def add_plain(
        self,
        path: str,
        kind: int,
        message: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        start: int,
        end: int,
    ) -> None:
        """:meth:`add` of the Violation of rule ``kind`` (no fix) with these fields."""
        ...

    def mark(self) -> int: ...
    def rollback(self, mark: int) -> None: ...


class _FoundInMemory(dict[str, list[Violation]]):
    """Run-level violations by path, for runs kept in memory."""

    def __init__(self) -> None:
        super().__init__()
        self._log: list[str] = []
        self._rules: list[tuple[str, str, Severity, str]] = []

    def add(self, path: str, violation: Violation) -> None:
        self.setdefault(path, []).append(violation)
        self._log.append(path)

    def plain_kind(self, code: str, name: str, severity: Severity, plugin: str) -> int:
        self._rules.append((code, name, severity, plugin))
        return len(self._rules) - 1

    def add_plain(
        self,
        path: str,
        kind: int,
        message: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        start: int,
        end: int,
    ) -> None:
        code, name, severity, plugin = self._rules[kind]
        violation = Violation(
            path=path,
            code=code,
            name=name,
            severity=severity,
            message=message,
            plugin=plugin,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            span=Span(start, end),
        )
        self.add(path, violation)

    def mark(self) -> int:
        return len(self._log)

    def rollback(self, mark: int) -> None:
        while len(self._log) > mark:
            path = self._log.pop()
            self[path].pop()
            if not self[path]:
                del self[path]


def _merge_run_violations(
    target: FileResult, violations: list[Violation], known: frozenset[str]
) -> None:
    """Apply the file's inline suppressions to run-level violations and merge them.

    A directive that suppresses only a run-level violation was reported as
    unused by ``check_article`` (which ran before); that LN001 is withdrawn.
    """
    kept, unused, _ = apply_directives(target.directives, violations, known)
    used_spans = {d.span for d in target.directives} - {d.span for d in unused}
    current = [
        v for v in target.violations if not (v.code == SUPPRESSION_CODE and v.span in used_spans)
    ]
    target.violations = sorted([*current, *kept], key=Violation.sort_key)


def _violation(lines: LineIndex, path: str, rule: Rule, message: str, span: Span) -> Violation:
    line, col = lines.position(span.start)
    end_line, end_col = lines.position(span.end)
    return Violation(
        path=path,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        plugin=rule.plugin,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        span=span,
    )


def _decode_quietly(data: bytes, encoding: str | None) -> str:
    try:
        return decode_bytes(data, encoding).text
    except (BinaryFile, DecodeError):
        return data.decode("utf-8", "replace")


def _plugin_in_traceback(exc: BaseException, hook: Any) -> str:
    """The plugin whose hook implementation is on ``exc``'s traceback."""
    codes = {impl.function.__code__: impl.plugin_name for impl in hook.get_hookimpls()}
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        if frame.f_code in codes:
            return codes[frame.f_code]
    return "unknown"


def _find_option(rule: Rule, name: str) -> tuple[str, Any] | None:
    for candidate in (name, name.replace("-", "_"), name.replace("_", "-")):
        if candidate in rule.options:
            return candidate, rule.options[candidate]
    return None


def _type_ok(value: Any, expected: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in expected:
        return False
    if isinstance(value, tuple) and list in expected:
        return True
    return isinstance(value, expected)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_bytes(path: str, size: int) -> bytes:
    """All of ``path``'s bytes: one ``os.read`` for a file of ``size`` bytes.

    A cached re-run reads every file; a file object (buffer, context
    manager) per file cost a third of that.  Asking for one byte more than
    ``size`` shows that exactly ``size`` bytes were there; otherwise (the
    file changed since it was measured, a short read, a /proc file or a
    FIFO that reports no size) it is read to its end, as ``fh.read()`` does.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        data = os.read(fd, size + 1)
        if len(data) == size:
            return data
        parts = [data]
        while True:
            more = os.read(fd, 1 << 16)
            if not more:
                return b"".join(parts)
            parts.append(more)
    finally:
        os.close(fd)


def _os_message(exc: OSError) -> str:
    return exc.strerror or str(exc)
