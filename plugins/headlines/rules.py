"""HL rules: what a headline desk checks.

The headline repeated in the body (scraped and syndicated copy), a missing
or over-long headline, a full stop or all capitals in a headline, and across
the files of one run, the same headline or the same story published twice.
"""

from __future__ import annotations

import struct
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lintnews.plugins.boilerplate.lines import (
    MAX_LINE_CHARS,
    Line,
    line_fix,
    lines_upto,
    lowered_words,
)
from lintnews.plugins.headlines.similarity import (
    body_words,
    headline_key,
    key_hash,
    pack_sketch,
    similar_groups,
    sketch,
    tokens,
)

from lintnews import recache
from lintnews.article import Article, Span
from lintnews.rules import ArticleDigest, FixAvailability, Option, Rule, RunDiagnostic
from lintnews.violations import Diagnostic, Fix

__all__ = ["RULES", "effective_headline", "find_repeats"]

_CJK = recache.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


_MAX_HEADLINE = 250


# headline_key of the current article's texts: HL001, HL002 and HL006 all key the
# headline (four times per article before), HL001 the first body line twice.  Only
# for one article at a time, like find_repeats' cache: never carried to the next file.
_keys: dict[str, str] = {}
_keys_of: list[Article] = []


def _key(article: Article, text: str) -> str:
    """``headline_key(text)``, computed once per article."""
    if not _keys_of or _keys_of[0] is not article:
        _keys.clear()
        _keys_of[:] = [article]
    key = _keys.get(text)
    if key is None:
        key = _keys[text] = headline_key(text)
    return key


def _headline_like(text: str, key: str) -> bool:
    """Long and distinctive enough that a repeat cannot be a coincidence
    (``key``: ``headline_key(text)``)."""
    if not key or len(text) > _MAX_HEADLINE:
        return False
    if _CJK.search(text):
        return len(key.replace(" ", "")) >= 6
    return len(key.split()) >= 3


@dataclass(frozen=True, slots=True)
class Repeat:
    """A body line repeating the headline (or the real headline below a site name)."""

    line: Line
    of_text: str
    of_line: int
    site_name: str | None  # the first line, when it looked like a site name


def _first_lines(article: Article, max_chars: int) -> list[Line]:
    """The first line of each block, of at most ``max_chars`` characters, in order.

    Filtered from the whole line view (``lines_upto`` of ``MAX_LINE_CHARS``, which
    the PW rules ask for too) in one comprehension, instead of from a list of the
    lines of at most ``max_chars`` built for this alone."""
    return [
        line
        for line in lines_upto(article, MAX_LINE_CHARS)
        if line.number == 0 and len(line.text) <= max_chars
    ]


_repeats_cache: list[tuple[Article, list[Repeat]]] = []


def find_repeats(article: Article) -> list[Repeat]:
    """Body paragraphs whose first line repeats the headline (cached per article:
    HL001 and HL006 both need it)."""
    if _repeats_cache and _repeats_cache[0][0] is article:
        return _repeats_cache[0][1]
    found = _find_repeats(article)
    _repeats_cache[:] = [(article, found)]
    return found


def _find_repeats(article: Article) -> list[Repeat]:
    """Body paragraphs whose first line repeats the headline.

    When the first body paragraph is itself headline-like and repeats within
    the next few paragraphs, the first line was probably a site name and the
    first paragraph the real headline: its repeat is reported instead.
    """
    out: list[Repeat] = []
    h = article.headline
    key = _key(article, h.text) if h is not None else ""
    firsts = _first_lines(article, _MAX_HEADLINE)
    if key:
        # Lengths first: a key is only computed for lines that could equal the headline.
        size = len(h.text)  # type: ignore[union-attr]
        found = [
            line
            for line in firsts
            if size // 2 <= len(line.text) <= size * 2 + 40
            and line.norm[line.lead : line.lead + 1].casefold() == key[0]
            and (_key(article, line.text) == key or _without_site(line.text) == key)
        ]
        if found:  # the headline's line number only for a repeat (most articles have none)
            assert h is not None
            head_line = article.position(h.span.start)[0]
            out += [Repeat(line, h.text, head_line, None) for line in found]
    if out or not firsts or firsts[0].paragraph is not article.paragraphs[0]:
        return out
    lead = firsts[0]
    lead_key = _key(article, lead.text) if lead.count == 1 else ""
    if lead_key and _headline_like(lead.text, lead_key):
        lead_no = 0  # the lead's line number, found for its first repeat
        for line in firsts[1:]:
            if line.paragraph.index > 3:
                break
            if _key(article, line.text) == lead_key:
                lead_no = lead_no or article.position(lead.span.start)[0]
                out.append(Repeat(line, lead.text, lead_no, h.text if h else None))
    return out


#: "Headline | Site Name", "Headline - Site Name": a page title, the headline plus a
#: short site name after a separator
_SITE_SUFFIX = recache.compile(r"^(?P<head>.+?)\s+(?:\||-|–|—|·|::)\s+(?P<site>[^|]{2,40})$")


def _without_site(text: str) -> str:
    """The headline key of a page title once its site-name suffix is cut off."""
    m = _SITE_SUFFIX.match(text.strip())
    if m is None or len(m.group("site").split()) > 5 or m.group("site").rstrip()[-1:] in ".!?":
        return ""
    return headline_key(m.group("head"))


def effective_headline(article: Article) -> tuple[str, Span] | None:
    """The headline a reader sees: the first paragraph when line 1 was a site name."""
    for rep in find_repeats(article):
        if rep.site_name is not None:
            first = article.paragraphs[0]
            return first.text.strip(), first.span
    h = article.headline
    return (h.text, h.span) if h is not None else None


# --- HL001 duplicate-headline ----------------------------------------------------------------


def _check_duplicate(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    for rep in find_repeats(article):
        exact = rep.line.text.strip() == rep.of_text.strip()
        if rep.site_name is None:
            msg = f"Headline repeated in the body (see line {rep.of_line}); delete the repeat"
        else:
            msg = (
                f"This line repeats line {rep.of_line}, which reads as the real headline "
                f"(line 1 '{rep.site_name}' looks like a site name); delete the repeat"
            )
        fix = line_fix(rep.line, safe=exact, description="delete the repeated headline")
        yield Diagnostic(rep.line.span, msg, fix)


# --- HL002 missing-headline, HL003 headline-too-long -----------------------------------------

_SENTENCE_END = recache.compile(r"[.!?][\"'\u201d\u2019)]?\s+[\"'\u201c\u2018(]?[A-Z]")


def _reads_like_body(article: Article) -> bool:
    """A first line that is a paragraph of copy, promoted to headline by the reader."""
    h = article.headline
    return (
        h is not None
        and h.origin == "first-line"
        and len(h.text) > 200
        and len(_SENTENCE_END.findall(h.text)) >= 1
        and h.text.rstrip().endswith((".", '"', "\u201d"))
    )


def _check_missing(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    h = article.headline
    if h is None or not _key(article, h.text):
        if not article.paragraphs and not article.source.strip():
            return
        start = article.body_span.start if article.body_span else 0
        yield Diagnostic(
            Span(start, start), "Article has no headline; add one (first line, h1 or title:)"
        )
    elif _reads_like_body(article):
        yield Diagnostic(
            h.span,
            "The first line reads like body copy, not a headline; add a headline above it",
        )


def _check_too_long(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    h = article.headline
    limit = int(options.get("max-length", 160))
    if h is None or _reads_like_body(article):
        return
    n = len(h.text.strip())
    if n > limit:
        yield Diagnostic(h.span, f"Headline is {n} characters long (limit {limit}); shorten it")


# --- HL004 headline-trailing-period, HL005 all-caps-headline ---------------------------------

_ABBREV_END = recache.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Dr|Mr|Mrs|Ms|No|vs|etc|Bros|Gov|Gen"
    r"|Sen|Rep|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$"
)


def _check_period(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    h = article.headline
    if h is None:
        return
    text = h.text.rstrip()
    if not text.endswith(".") or text.endswith("..") or _ABBREV_END.search(text):
        return
    if _SENTENCE_END.search(text) or len(tokens(text)) < 2:
        return  # two-sentence headlines ("X. Why Y.") are a deliberate style
    end = h.span.start + len(text)
    fix = Fix.delete(Span(end - 1, end), safe=True, description="remove the full stop")
    yield Diagnostic(Span(end - 1, end), "Headline ends with a full stop; remove it", fix)


def _check_all_caps(article: Article, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    h = article.headline
    # A lower-case letter settles it (no character is both upper and lower case,
    # every code point checked in tests): most headlines have one within a few
    # characters, and this test stops there.
    if h is None or any(map(str.islower, h.text)):
        return
    cased = [c for c in h.text if c.isupper() or c.islower()]
    words = [w for w in tokens(h.text) if any(c.isalpha() for c in w)]
    if len(cased) >= 12 and len(words) >= 3 and all(c.isupper() for c in cased):
        yield Diagnostic(h.span, "Headline is in capitals; write it in sentence or title case")


# --- HL006 duplicate-headline-across-files, HL007 duplicate-story ----------------------------


def _position(article: Article, span: Span) -> tuple[int, int, int, int]:
    return (*article.position(span.start), *article.position(span.end))


# Digests are flat bytes: a run keeps one per file and per rule until it ends, so
# each is a few hundred bytes rather than a dict of Python objects (~4 KB before).
# Layout: the reported span and its (line, column, end line, end column) as six
# little-endian uint32 (six int64 after a 1 byte, for files past 4 GiB), then
# the rule's payload (HL006: the 8-byte headline key hash; HL007: the packed
# sketch).
_WHERE = struct.Struct("<6I")
_WHERE_WIDE = struct.Struct("<6q")
_WHERE_SIZE = 1 + _WHERE.size
_WIDE_SIZE = 1 + _WHERE_WIDE.size


def _where(article: Article, span: Span) -> bytes:
    values = (span.start, span.end, *_position(article, span))
    if max(values) < 2**32:
        return b"\0" + _WHERE.pack(*values)
    return b"\1" + _WHERE_WIDE.pack(*values)


def _payload(data: bytes) -> bytes:
    return data[_WHERE_SIZE if data[0] == 0 else _WIDE_SIZE :]


def _digest_headline(article: Article, options: Mapping[str, Any]) -> Any:
    found = effective_headline(article)
    if found is None:
        return None
    text, span = found
    key = _key(article, text)
    if not _headline_like(text, key):
        return None
    return _where(article, span) + key_hash(key)


class _RunDiagnostics:
    """The RunDiagnostic of a file from its digest data and message, for one
    run-level check, where copies repeat themselves.

    The copies of a story share their digest data (the same span and
    positions) and, but for the first few paths of their group, their message:
    the :class:`Diagnostic` and positions of a (data, message) seen recently
    are made once and shared (frozen objects), so a file costs its
    :class:`RunDiagnostic` alone.  At most :data:`RECENT` pairs are kept.
    """

    RECENT = 1024

    def __init__(self) -> None:
        self._made: dict[tuple[bytes, str], tuple[Diagnostic, int, int, int, int]] = {}
        self._make = _run_diagnostic_maker()

    def __call__(self, path: str, data: bytes, message: str) -> RunDiagnostic:
        made = self._made.get((data, message))
        if made is None:
            where = _WHERE if data[0] == 0 else _WHERE_WIDE
            start, end, line, col, end_line, end_col = where.unpack_from(data, 1)
            made = (Diagnostic(Span(start, end), message), line, col, end_line, end_col)
            if len(self._made) >= self.RECENT:
                self._made.clear()
            self._made[(data, message)] = made
        return self._make(path, *made)


def _run_diagnostic_maker() -> Any:
    """What makes a RunDiagnostic of its six fields: the cache's maker, which sets
    the frozen slots directly (about half the time of the dataclass ``__init__``,
    six ``object.__setattr__`` calls; one per reported file after the workers
    finished), or the class itself if it is not restorable that way."""
    from lintnews.cache import maker

    try:
        return maker(RunDiagnostic)
    except TypeError:  # pragma: no cover - RunDiagnostic no longer a slots dataclass
        return RunDiagnostic


def _others(shown_from: Sequence[str], count: int, me: str) -> str:
    """``shown_from``: the smallest paths (at least four, or all); ``count``: how many
    distinct paths, ``me`` included."""
    rest = [p for p in shown_from if p != me]
    shown = ", ".join(rest[:3])
    return shown + (f" and {count - 4} more" if count - 1 > 3 else "")


def _check_run_headlines(
    digests: Sequence[ArticleDigest], options: Mapping[str, Any]
) -> Iterator[RunDiagnostic]:
    # Two passes over the digests (the engine may build them on access): first the
    # paths of each headline key, then one diagnostic per file, in digest order.
    # (_payload inlined in the loops: a call per digest and pass)
    paths: dict[bytes, set[str]] = {}
    for d in digests:
        data = d.data
        if data:
            key = data[_WHERE_SIZE if data[0] == 0 else _WIDE_SIZE :]
            seen = paths.get(key)
            if seen is None:
                paths[key] = {d.path}
            else:
                seen.add(d.path)
    smallest: dict[bytes, list[str]] = {
        key: sorted(members)[:4] for key, members in paths.items() if len(members) > 1
    }
    # A file that is not among the four smallest paths of its headline sees them all
    # in its message: one text per headline for those, formatted once.
    common: dict[bytes, str] = {}
    run_diag = _RunDiagnostics()
    for d in digests:
        data = d.data
        if not data:
            continue
        key = data[_WHERE_SIZE if data[0] == 0 else _WIDE_SIZE :]
        shown = smallest.get(key)
        if shown is None:
            continue
        me = d.path
        message = None if me in shown else common.get(key)
        if message is None:
            message = _headline_message(shown, len(paths[key]), me)
            if me not in shown:
                common[key] = message
        yield run_diag(me, data, message)


def _headline_message(shown: Sequence[str], count: int, me: str) -> str:
    return (
        f"Same headline as {_others(shown, count, me)}; give each story "
        "its own headline or drop the duplicate file"
    )


def _digest_body(article: Article, options: Mapping[str, Any]) -> Any:
    if article.body_span is None:
        return None
    # HL001 (and QT001, the PW rules) built the line view of this article already: most
    # of the body's lowered words are the words it split (same list, see lowered_words)
    words = lowered_words(article)
    if words is None:
        words = body_words("\n".join([p.text for p in article.paragraphs]))
    if len(words) < int(options.get("min-words", 80)):
        return None
    return _where(article, article.paragraphs[0].span) + pack_sketch(sketch(words))


def _check_run_bodies(
    digests: Sequence[ArticleDigest], options: Mapping[str, Any]
) -> Iterator[RunDiagnostic]:
    threshold = float(options.get("threshold", 0.8))
    # The paths of the digests with a sketch, in order (the spool holds the strings;
    # this list holds references); the sketches stream into similar_groups, which
    # keeps one per group (a list of every file's sketch grows with the run).
    paths: list[str] = []

    def sketches() -> Iterator[bytes]:
        for d in digests:
            data = d.data
            sk = data[_WHERE_SIZE if data[0] == 0 else _WIDE_SIZE :] if data else b""
            if sk:
                paths.append(d.path)
                yield sk

    # Groups of identical sketches and links between similar groups: memory and
    # time stay linear in the number of copies of a story (an archive may hold
    # hundreds of copies of one wire story; listing every pair does not scale).
    groups, links = similar_groups(sketches(), threshold)
    linked: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for g, h, sim in links:
        linked[g].append((h, sim))
        linked[h].append((g, sim))
    group_of = array("I", bytes(4 * len(paths)))
    for g, members in enumerate(groups):
        for i in members:
            group_of[i] = g

    # Per group, what its members' messages need: its paths, its linked groups'
    # paths with their similarity, and every path of both, sorted.  A lone file
    # without links needs none.
    plans: dict[int, _BodyPlan] = {}
    for g, members in enumerate(groups):
        neighbours = [(sim, {paths[j] for j in groups[h]}) for h, sim in linked.get(g, ())]
        if len(members) == 1 and not neighbours:
            continue
        own = {paths[i] for i in members}
        if len(own) > 1 or neighbours:
            plans[g] = _BodyPlan(own, neighbours)
    # One diagnostic per file, in digest order: a second pass over the digests
    # (iterating a spool's column builds each once; indexing it costs more), where
    # the i-th digest with a sketch is paths[i].
    i = -1
    run_diag = _RunDiagnostics()
    for d in digests:
        data = d.data
        # has a sketch: bytes past the header (what _payload would cut), without the copy
        if not data or len(data) <= (_WHERE_SIZE if data[0] == 0 else _WIDE_SIZE):
            continue
        i += 1
        plan = plans.get(group_of[i])
        if plan is None or len(plan.combined) == 1:  # ``me`` is always in ``own``
            continue
        yield run_diag(d.path, data, plan.message(d.path))


class _BodyPlan:
    """One group's HL007 message, which depends on the reader's own path only where
    that path is among the four first of the group and its links (they are named,
    less the reader's own) or in a linked group (that link's similarity may not
    count): every other member gets the same text, formatted once."""

    __slots__ = ("combined", "common", "elsewhere", "head", "neighbours", "own")

    def __init__(self, own: set[str], neighbours: list[tuple[float, set[str]]]) -> None:
        self.own = own
        self.neighbours = neighbours
        self.combined = sorted(own.union(*(p for _, p in neighbours)))
        self.head = set(self.combined[:4])
        self.elsewhere: set[str] = set().union(*(p for _, p in neighbours))
        self.common: str | None = None

    def message(self, me: str) -> str:
        if me in self.head or me in self.elsewhere:
            return self._message(me)
        if self.common is None:
            self.common = self._message(me)
        return self.common

    def _message(self, me: str) -> str:
        combined = self.combined
        rest_count = len(combined) - 1
        # ``paths - {me}`` is not empty (its size is len(paths) - (me in paths)),
        # without copying a group of paths per file
        sims = [sim for sim, paths in self.neighbours if len(paths) > (me in paths)]
        if len(self.own) > 1:
            sims.append(1.0)
        shown = [p for p in combined[:4] if p != me][:3]
        others = ", ".join(shown) + (f" and {rest_count - 3} more" if rest_count > 3 else "")
        return (
            f"Body is near-identical ({max(sims):.0%} of word sequences shared) "
            f"to {others}: the same story is published twice; keep one"
        )


def _p(text: str) -> str:
    return text.strip("\n") + "\n"


RULES: tuple[Rule, ...] = (
    Rule(
        code="HL001",
        name="duplicate-headline",
        summary="Headline repeated at the start of a body paragraph",
        explanation="""
## What it does
Finds a body paragraph whose first line is the headline again (case, punctuation and
spacing ignored), as scraped and syndicated copy often has it, also when the repeat
shares its paragraph with a byline or is the page title with a short site name after
a separator ("Headline | Example News", "Headline - Example News").  When the first
line of a plain-text file is a site name ("Digital Agency") and the first paragraph is
the real headline, a repeat of that paragraph in the next few paragraphs is reported.

## Why is this bad?
Readers see the headline twice; search snippets and summaries start with it twice.
""",
        bad_example=_p("""
Japan and U.S. vow to collaborate more on defence

Japan and U.S. vow to collaborate more on defence
Written by publishing team

TOKYO (Reuters) - The United States and Japan on Friday...
"""),
        good_example=_p("""
Japan and U.S. vow to collaborate more on defence

TOKYO (Reuters) - The United States and Japan on Friday...
"""),
        check=_check_duplicate,
        fix=FixAvailability.SOMETIMES,
        fix_safety=(
            "The fix deletes the repeated line only (a byline sharing its paragraph stays).  "
            "It is safe when the repeat is character-for-character the headline, unsafe when "
            "it differs in case, punctuation or spacing."
        ),
    ),
    Rule(
        code="HL002",
        name="missing-headline",
        summary="Article without a headline",
        explanation="""
## What it does
Reports an article with no headline: no `title:` in front matter, no heading, no first
line; or a plain-text file whose first line is a paragraph of copy (over 200 characters,
several sentences), which the reader took for the headline.

## Why is this bad?
Every published story needs a headline; a body without one was usually cut at the wrong
place by an extractor.
""",
        bad_example=_p(
            "The United States and Japan on Friday expressed grave concern about the growing "
            "power of China. The allies pledged to work together to repel attempts to "
            "destabilize the region, including emerging defense threats, officials said."
        ),
        good_example=_p("""
Japan and U.S. vow to collaborate more on defence

The United States and Japan on Friday expressed grave concern...
"""),
        check=_check_missing,
    ),
    Rule(
        code="HL003",
        name="headline-too-long",
        summary="Headline longer than the configured limit",
        explanation="""
## What it does
Reports a headline longer than `max-length` characters (code points).

## Why is this bad?
Long headlines are cut off in search results, feeds and social cards, and usually mean
a deck or the first sentence was pasted into the headline field.
""",
        bad_example=_p(
            "Japan and U.S. vow to collaborate more on defence as ministers meeting virtually "
            "in a two plus two format express grave concern about China, Taiwan, Xinjiang and "
            "Hong Kong"
        ),
        good_example=_p("""
Japan and U.S. vow to collaborate more on defence
"""),
        check=_check_too_long,
        options={"max-length": Option(160, "Longest headline allowed, in characters.")},
    ),
    Rule(
        code="HL004",
        name="headline-trailing-period",
        summary="Single-sentence headline ending with a full stop",
        explanation="""
## What it does
Reports a one-sentence headline that ends with a full stop.  Abbreviations ("U.S.",
"Inc.") and an ellipsis are not full stops; headlines of two or more sentences
("Shares fell. Why you shouldn't worry.") are a deliberate style and are left alone.

## Why is this bad?
Headline style drops the final full stop; one left in usually means a sentence was
pasted into the headline field.
""",
        bad_example=_p("""
Japan and U.S. vow to collaborate more on defence.
"""),
        good_example=_p("""
Japan and U.S. vow to collaborate more on defence
"""),
        check=_check_period,
        fix=FixAvailability.SAFE,
        fix_safety="The fix removes the final full stop only.",
    ),
    Rule(
        code="HL005",
        name="all-caps-headline",
        summary="Headline written entirely in capitals",
        explanation="""
## What it does
Reports a headline of three or more words whose letters are all capitals.  Scripts
without case (Chinese, Japanese, Arabic...) never match.

## Why is this bad?
All-caps headlines are harder to read and look like shouting; they usually come from a
print layout or a scraped page style.  No automatic fix: proper nouns need a human.
""",
        bad_example=_p("""
JAPAN AND U.S. VOW TO COLLABORATE MORE ON DEFENCE
"""),
        good_example=_p("""
Japan and U.S. vow to collaborate more on defence
"""),
        check=_check_all_caps,
    ),
    Rule(
        code="HL006",
        name="duplicate-headline-across-files",
        summary="Two files of one run carry the same headline",
        explanation="""
## What it does
Compares the headlines of all files checked in one run (case, punctuation and spacing
ignored) and reports each file whose headline another file also carries.  Headlines
shorter than three words (or six characters in Chinese, Japanese or Korean) are not
compared; when line 1 of a text file is a site name, the real headline below it is used.

## Why is this bad?
Two stories with one headline confuse readers and search engines; often the same story
was imported twice.
""",
        bad_example=_p("""
a.txt: Japan and U.S. vow to collaborate more on defence
b.txt: Japan and U.S. vow to collaborate more on defence
"""),
        good_example=_p("""
a.txt: Japan and U.S. vow to collaborate more on defence
b.txt: Japan, U.S. ministers sign defence cooperation pact
"""),
        digest=_digest_headline,
        check_run=_check_run_headlines,
    ),
    Rule(
        code="HL007",
        name="duplicate-story",
        summary="Two files of one run carry near-identical bodies",
        explanation="""
## What it does
Fingerprints each body (a bottom-k sketch of its five-word sequences) and reports every
file whose body shares at least `threshold` of its word sequences with another file of
the run, whatever their headlines.  Words are compared lower-cased, with curly quotes,
dashes and odd spaces folded to their plain forms: copies of a syndicated story often
differ only in typography.

## Why is this bad?
The same story published twice splits readers, comments and search ranking, and one
copy usually misses the later corrections.
""",
        bad_example=_p("""
a.txt and b.txt: the same 600-word story under two different headlines
"""),
        good_example=_p("""
a.txt: the story; b.txt: a follow-up that quotes two sentences of it
"""),
        digest=_digest_body,
        check_run=_check_run_bodies,
        options={
            "threshold": Option(0.8, "Estimated share of five-word sequences in common."),
            "min-words": Option(80, "Bodies shorter than this are not compared."),
        },
    ),
)
