"""HL rules: duplicate headline (the sample's site-name case), headline checks, run-level."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from lintnews.plugins.headlines import RULES

from lintnews.rules import ArticleDigest, Rule, RunDiagnostic
from lintnews.testing import read_article, run_rule
from lintnews.violations import Violation

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "scraped-article.txt"
BY_CODE = {r.code: r for r in RULES}
HL = "Japan and U.S. vow to collaborate more on defence"
BODY = "TOKYO (Reuters) - The United States and Japan on Friday expressed concern.\n"


def run(code: str, text: str, **options: object) -> list[Violation]:
    return run_rule(BY_CODE[code], read_article(text), **options)


def apply(source: str, v: Violation) -> str:
    assert v.fix is not None
    for e in sorted(v.fix.edits, key=lambda e: e.span.start, reverse=True):
        source = source[: e.span.start] + e.replacement + source[e.span.end :]
    return source


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared (the motivating sample) is absent")
def test_sample_reports_the_repeat_below_the_site_name() -> None:
    art = read_article(SAMPLE.read_text(encoding="utf-8"))
    found = [v for r in RULES if not r.is_run_level for v in run_rule(r, art)]
    assert [(v.code, v.line, v.end_line) for v in found] == [("HL001", 5, 5)]
    assert "Digital Agency" in found[0].message
    assert found[0].fix is not None and found[0].fix.safe


def test_duplicate_messages_name_the_line_repeated() -> None:
    """HL001 names the headline's line, or the real headline's line below a site name
    (each found only once a repeat is), also when they are not line 1."""
    found = run("HL001", f"\n\n{HL}\n\nIntro line.\n\n{HL}\n\n{BODY}")
    assert [(v.line, v.message.split("(")[1].split(")")[0]) for v in found] == [(7, "see line 3")]
    real = "Real headline of the story today"
    found = run("HL001", f"Digital Agency\n\n\n{real}\n\n{real}\n\n{real}\n\n{BODY}")
    assert [(v.line, v.message.split(", ")[0]) for v in found] == [
        (6, "This line repeats line 4"),
        (8, "This line repeats line 4"),
    ]


def test_duplicate_with_byline_deletes_the_repeated_line_only() -> None:
    source = f"{HL}\n\n{HL}\nBy Kiyoshi Takenaka\n\n{BODY}"
    (v,) = run("HL001", source)
    assert (v.line, v.end_line) == (3, 3)
    assert apply(source, v) == f"{HL}\n\nBy Kiyoshi Takenaka\n\n{BODY}"


def test_duplicate_alone_deletes_paragraph_and_separator() -> None:
    source = f"{HL}\n\n{HL}\n\n{BODY}"
    (v,) = run("HL001", source)
    assert apply(source, v) == f"{HL}\n\n{BODY}"


def test_duplicate_differing_in_case_is_an_unsafe_fix() -> None:
    (v,) = run("HL001", f"{HL}\n\n{HL.upper()}.\n\n{BODY}")
    assert v.fix is not None and not v.fix.safe


@pytest.mark.parametrize("suffix", [" | Example News", " - The Daily Meridian", " — BBC News"])
def test_duplicate_as_page_title_with_site_name(suffix: str) -> None:
    (v,) = run("HL001", f"{HL}\n\n{HL}{suffix}\n\n{BODY}")
    assert v.line == 3 and v.fix is not None and not v.fix.safe


def test_duplicate_in_markdown_front_matter_title() -> None:
    source = f'---\ntitle: "{HL}"\n---\n\n{HL}\nBy Staff\n\n{BODY}'
    art = read_article(source, format="markdown", path="a.md")
    (v,) = run_rule(BY_CODE["HL001"], art)
    assert v.line == 5


@pytest.mark.parametrize(
    "text",
    [
        f"{HL}\n\n{BODY}\n{HL} was the message of the day, officials said.\n",
        # the headline, a separator, then a sentence: not a site name
        f"{HL}\n\n{HL} - and the talks went on for hours.\n\n{BODY}",
        # a short first paragraph repeated later is not a headline
        f"Site\n\nRecipe\n\n{BODY}\nRecipe\n",
        # the site-name case looks only a few paragraphs down
        "Site\n\n" + HL + "\n\n" + "\n\n".join(["Copy goes on here."] * 5) + f"\n\n{HL}\n",
    ],
)
def test_duplicate_must_not_fire(text: str) -> None:
    assert run("HL001", text) == []


def test_missing_headline() -> None:
    assert len(run("HL002", "")) == 0
    art = read_article("---\nauthor: x\n---\n\nJust a body.\n", format="markdown", path="a.md")
    assert len(run_rule(BY_CODE["HL002"], art)) == 1
    assert run("HL002", f"{HL}\n\n{BODY}") == []


def test_headline_too_long_is_configurable() -> None:
    assert run("HL003", f"{HL}\n\n{BODY}") == []
    (v,) = run("HL003", f"{HL}\n\n{BODY}", **{"max-length": 20})
    assert "49 characters" in v.message


@pytest.mark.parametrize(
    ("headline", "fires"),
    [
        (HL + ".", True),
        (HL, False),
        ("Talks resume in the U.S.", False),
        ("Shares fell after the results. Why you shouldn't worry.", False),
        ("What comes next...", False),
    ],
)
def test_trailing_period(headline: str, fires: bool) -> None:
    found = run("HL004", f"{headline}\n\n{BODY}")
    assert bool(found) is fires
    if fires:
        assert apply(f"{headline}\n\n{BODY}", found[0]) == f"{HL}\n\n{BODY}"


@pytest.mark.parametrize(
    ("headline", "fires"),
    [
        (HL.upper(), True),
        (HL, False),
        ("BREAKING: Lawan moves motion for adjournment", False),
        ("商品の改造が商標法違反に！？", False),
        ("NASA AND ESA", False),
    ],
)
def test_all_caps(headline: str, fires: bool) -> None:
    assert bool(run("HL005", f"{headline}\n\n{BODY}")) is fires


def _run_level_diagnostics(
    rule: Rule, texts: dict[str, str], view_first: bool = False, **options: object
) -> list[RunDiagnostic]:
    """``rule``'s run-level diagnostics over ``texts`` (path -> text), sorted by path
    and line; ``view_first`` builds each article's boilerplate line view before its
    digest, as a run does (HL007 reuses the view's words)."""
    from lintnews.plugins.boilerplate.lines import iter_lines

    opts = {**rule.default_options(), **options}
    assert rule.digest is not None and rule.check_run is not None
    digests = []
    for path, text in texts.items():
        article = read_article(text, path=path)
        if view_first:
            list(iter_lines(article))
        digests.append(ArticleDigest(path, rule.digest(article, opts)))
    return sorted(rule.check_run(digests, opts), key=lambda d: (d.path, d.line))


def _run_level(rule: Rule, texts: dict[str, str], **options: object) -> list[tuple[str, int]]:
    return [(d.path, d.line) for d in _run_level_diagnostics(rule, texts, **options)]


STORY = " ".join(
    f"Sentence number {i} of the story tells readers about event {i * 7} in the city."
    for i in range(20)
)


def test_same_headline_across_files_reported_on_both() -> None:
    texts = {
        "a.txt": f"{HL}\n\n{BODY}",
        "b.txt": f"{HL.lower()}!\n\nOther copy entirely.\n",
        "c.txt": f"Another headline about defence\n\n{BODY}",
        # site name on line 1: the real headline is compared
        "d.txt": f"Digital Agency\n\n{HL}\n\n{HL}\n\n{BODY}",
        "e.txt": f"Digital Agency\n\nUnrelated story here today\n\n{BODY}",
    }
    found = _run_level(BY_CODE["HL006"], texts)
    assert found == [("a.txt", 1), ("b.txt", 1), ("d.txt", 3)]


def test_near_identical_bodies_reported_on_both() -> None:
    edited = STORY.replace("event 21", "event 22")
    texts = {
        "a.txt": f"First headline here\n\n{STORY}\n",
        "b.txt": f"A different headline\n\n{edited}\n",
        "c.txt": "Third headline here\n\n"
        + " ".join(f"Other words {i} and more words {i * 3} here." for i in range(40))
        + "\n",
    }
    found = _run_level(BY_CODE["HL007"], texts)
    assert found == [("a.txt", 3), ("b.txt", 3)]


@pytest.mark.parametrize("view_first", [False, True])
def test_copies_differing_only_in_typography_are_the_same_body(view_first: bool) -> None:
    """Syndicated copies of a story often differ only in typography: one site curls
    its quotes and sets em dashes, another keeps straight quotes and hyphens.  HL007
    folds both before shingling (``phrases.normalize``), so such copies are the same
    body; without the fold a quote or dash in one word of five changes most shingles.
    With and without the line view built first: HL007 reuses the view's words."""
    straight = " ".join(
        f'"Phase {i} worked - mostly," said spokeswoman Maria Hernandez on Tuesday.'
        for i in range(25)
    )
    curly = straight.replace('"P', "\u201cP").replace(',"', ",\u201d").replace(" - ", " \u2014 ")
    assert curly != straight and "\u201c" in curly and "\u2014" in curly
    texts = {"a.txt": f"Headline of a\n\n{straight}\n", "b.txt": f"Headline of b\n\n{curly}\n"}
    found = _run_level_diagnostics(BY_CODE["HL007"], texts, view_first=view_first)
    assert [(d.path, d.line) for d in found] == [("a.txt", 3), ("b.txt", 3)]
    assert all("(100% of word sequences shared)" in d.diagnostic.message for d in found), found


def test_documentation_examples() -> None:
    for rule in RULES:
        assert rule.summary and rule.explanation and rule.bad_example and rule.good_example
        assert rule.fix_safety or not rule.fixable
        if rule.is_run_level:
            continue
        assert run_rule(rule, read_article(rule.bad_example)), rule.code
        assert not run_rule(rule, read_article(rule.good_example)), rule.code


def test_run_level_digest_positions_round_trip_narrow_and_wide() -> None:
    import struct

    from lintnews.plugins.headlines import rules as hl

    narrow = b"\0" + struct.pack("<6I", 3, 9, 1, 4, 1, 10) + b"payload"
    wide = b"\1" + struct.pack("<6q", 2**33, 2**33 + 5, 2**31, 1, 2**31, 6) + b"payload"
    assert hl._payload(narrow) == hl._payload(wide) == b"payload"
    run_diag = hl._RunDiagnostics()
    d = run_diag("a.txt", narrow, "m")
    assert (d.diagnostic.span.start, d.diagnostic.span.end, d.line, d.column) == (3, 9, 1, 4)
    d = run_diag("a.txt", wide, "m")
    assert (d.diagnostic.span.end, d.line, d.end_column) == (2**33 + 5, 2**31, 6)
    # a copy (same data, same message) shares the diagnostic; another message does not
    again = run_diag("b.txt", bytes(narrow), "m")
    other = run_diag("c.txt", narrow, "n")
    first = run_diag("a.txt", narrow, "m")
    assert again.path == "b.txt" and again.diagnostic is first.diagnostic
    assert other.diagnostic.message == "n" and other.diagnostic.span == first.diagnostic.span
    for n in range(hl._RunDiagnostics.RECENT + 5):  # the memo stays bounded
        run_diag("x.txt", narrow, str(n))
    assert len(run_diag._made) <= hl._RunDiagnostics.RECENT
    assert run_diag("a.txt", narrow, "m") == first
    # made without __init__: the very object the constructor makes
    from lintnews.rules import RunDiagnostic

    made = RunDiagnostic("a.txt", first.diagnostic, 1, 4, 1, 10)
    assert type(first) is RunDiagnostic
    assert (first, hash(first), repr(first)) == (made, hash(made), repr(made))
    assert pickle.loads(pickle.dumps(first)) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.line = 2  # type: ignore[misc]


def test_hl007_second_pass_skips_the_digests_the_first_pass_skips() -> None:
    """A digest with no sketch (None, empty, a header alone, narrow or wide) is
    no file of similar_groups' numbering, in either pass (the second tests the
    length instead of cutting the payload)."""
    import struct

    from lintnews.plugins.headlines import rules as hl

    story = hl.pack_sketch(hl.sketch(STORY.lower().split()))
    narrow = b"\0" + struct.pack("<6I", 0, 5, 1, 1, 1, 6)
    wide = b"\1" + struct.pack("<6q", 0, 5, 1, 1, 1, 6)
    digests = [
        ArticleDigest("a.txt", narrow + story),
        ArticleDigest("b.txt", None),
        ArticleDigest("c.txt", narrow),
        ArticleDigest("d.txt", wide),
        ArticleDigest("e.txt", b""),
        ArticleDigest("f.txt", wide + story),
    ]
    found = list(hl._check_run_bodies(digests, {}))
    assert [d.path for d in found] == ["a.txt", "f.txt"]
    assert "f.txt" in found[0].diagnostic.message and "a.txt" in found[1].diagnostic.message


def test_sketches_pack_to_four_bytes_a_value() -> None:
    from lintnews.plugins.headlines.similarity import pack_sketch, sketch, unpack_sketch

    values = sketch(STORY.lower().split())
    assert values and unpack_sketch(pack_sketch(values)) == values
    assert len(pack_sketch(values)) == 4 * len(values)


def test_bottom_k_is_the_head_of_the_sorted_hashes() -> None:
    """The threshold shortcut keeps exactly the smallest values: random sets of every
    size around the cut-over, skewed ones (where the threshold keeps too few and
    everything is sorted), and CRC-32s of real shingles."""
    import random
    import zlib

    from lintnews.plugins.headlines.similarity import bottom_k

    rng = random.Random(6)
    for _ in range(3000):
        m = rng.choice([0, 1, 63, 64, 65, 128, 129, 130, 200, 300, rng.randrange(2000)])
        top = rng.choice([2**32, 2**31, 2**28, 2**34])  # skewed ranges: uneven spreads
        low = rng.choice([0, 0, 2**20, 2**30])
        hashes = {rng.randrange(low, low + top) for _ in range(m)}
        for size in (64, 1, 10):
            assert bottom_k(hashes, size) == tuple(sorted(hashes)[:size])
    words = (STORY + " " + BODY).lower().split()
    shingles = {zlib.crc32(" ".join(words[i : i + 5]).encode()) for i in range(len(words) - 4)}
    assert bottom_k(shingles) == tuple(sorted(shingles)[:64])


def test_no_character_is_both_upper_and_lower_case() -> None:
    """HL005 stops at the first lower-case letter: that is exact only if no code point
    counts as both (then the all-capitals test could still pass)."""
    assert not [c for c in range(0x110000) if chr(c).islower() and chr(c).isupper()]


def test_headline_keys_are_remembered_for_one_article_only() -> None:
    from lintnews.plugins.headlines import rules as hl

    a = read_article(f"{HL}\n\n{BODY}", path="a.txt")
    b = read_article(f"{HL}\n\n{BODY}", path="b.txt")
    assert hl._key(a, "Some Headline, here!") == "some headline here"
    assert hl._keys_of == [a] and "Some Headline, here!" in hl._keys
    assert hl._key(b, HL) == "japan and u s vow to collaborate more on defence"
    assert hl._keys_of == [b] and "Some Headline, here!" not in hl._keys


def test_tokens_skip_the_quote_fold_only_where_it_changes_nothing() -> None:
    import random
    import unicodedata

    from lintnews.plugins.headlines.similarity import _FOLD, _TOKEN, tokens

    rng = random.Random(7)
    alphabet = "aZ09 _-.,'\"\u2019\u2018\u201c\u201d\u00e9\u00c9\uff21\u0130\u00df\u4e00\t"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        if rng.random() < 0.5:
            text = text.encode("ascii", "ignore").decode()
        reference = _TOKEN.findall(unicodedata.normalize("NFKC", text.translate(_FOLD)).casefold())
        assert tokens(text) == reference


def _reference_jaccard(a: tuple, b: tuple, size: int = 64) -> float:
    """jaccard as it was: heapq.nsmallest of the union, a generator count."""
    import heapq

    if not a or not b:
        return 0.0
    union = heapq.nsmallest(size, set(a) | set(b))
    sa, sb = set(a), set(b)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def test_jaccard_equals_the_heapq_reference() -> None:
    """The sorted-union, set-count jaccard returns the very float of the heapq one
    (checked on 10^5 pairs when written; 10,000 here), for overlapping, disjoint,
    short, empty sketches and other sizes."""
    import random

    from lintnews.plugins.headlines.similarity import jaccard

    rng = random.Random(3)
    for _ in range(10_000):
        pool = rng.sample(range(rng.choice([80, 200, 2**32])), 80)
        a = tuple(sorted(rng.sample(pool, rng.randrange(0, 65))))
        b = tuple(sorted(rng.sample(pool, rng.randrange(0, 65))))
        size = rng.choice([64, 64, 10, 1])
        assert jaccard(a, b, size) == _reference_jaccard(a, b, size)


def test_run_level_messages_formatted_once_equal_per_file_formatting() -> None:
    """HL007's per-group message (formatted once for the members not named in it) is
    each member's own message, also where a path is in two groups; HL006's too."""
    import random

    from lintnews.plugins.headlines.rules import _BodyPlan, _headline_message, _others

    rng = random.Random(5)
    names = [f"dir/{n:03d}.txt" for n in range(60)]
    for _ in range(3_000):
        own = set(rng.sample(names, rng.randrange(1, 9)))
        neighbours = [
            (rng.choice([0.8, 0.85, 0.912, 1.0]), set(rng.sample(names, rng.randrange(1, 6))))
            for _ in range(rng.randrange(0, 4))
        ]
        if len(own) == 1 and not neighbours:
            continue
        plan = _BodyPlan(own, neighbours)
        for me in sorted(own) * 2:  # twice: the second asks the formatted-once text
            if len(plan.combined) > 1:
                assert plan.message(me) == plan._message(me)
        shown = sorted(own)[:4]
        for me in own:
            want = f"Same headline as {_others(shown, len(own), me)}; give each story "
            assert _headline_message(shown, len(own), me).startswith(want)


def _reference_groups(sketches: list, threshold: float) -> tuple[list, list]:
    """similar_groups as it was, with one index of every value (the oracle)."""
    from collections import defaultdict

    from lintnews.plugins.headlines.similarity import unpack_sketch

    jaccard = _reference_jaccard
    by_sketch: dict = defaultdict(list)
    for i, sk in enumerate(sketches):
        by_sketch[sk].append(i)
    uniques = [unpack_sketch(u) if isinstance(u, bytes) else u for u in by_sketch]
    index: dict = defaultdict(list)
    for u, sk in enumerate(uniques):
        for h in sk:
            index[h].append(u)
    shared: dict = defaultdict(int)
    for owners in index.values():
        if 2 <= len(owners) <= 1000:
            for x in range(len(owners)):
                for y in range(x + 1, len(owners)):
                    shared[(owners[x], owners[y])] += 1
    links = []
    for (u, v), count in shared.items():
        if count >= threshold * min(len(uniques[u]), len(uniques[v])) / 2:
            sim = jaccard(uniques[u], uniques[v])
            if sim >= threshold:
                links.append((u, v, sim))
    return list(by_sketch.values()), links


@pytest.mark.parametrize(
    ("max_entries", "max_pairs"),
    [(1, 10**9), (7, 1), (64, 10**9), (500, 50), (10**9, 10**9), (10**9, 3)],
)
def test_similar_groups_in_value_ranges_equal_one_index(max_entries: int, max_pairs: int) -> None:
    """Bounded index (values split into ranges) and bounded pair counts (pairs counted
    in blocks of first sketches): the same groups and links as one index of every value
    and one count of every pair, for packed and tuple sketches, copies, near-copies,
    empty sketches."""
    import random

    from lintnews.plugins.headlines.similarity import pack_sketch, similar_groups

    rng = random.Random(max_entries)
    for _ in range(40):
        stories = [sorted(rng.sample(range(2**32), 200)) for _ in range(rng.randrange(1, 8))]
        sketches = []
        for _ in range(rng.randrange(1, 40)):
            base = rng.choice(stories)
            keep = rng.choice([200, 199, 190, 170, 150, 100])
            values = sorted(rng.sample(base, keep) + rng.sample(range(2**32), 200 - keep))
            sketches.append(tuple(values[: rng.choice([64, 64, 10, 1, 0])]))
        sketches += rng.sample(sketches, min(5, len(sketches)))  # exact copies
        for form in (tuple, pack_sketch):
            given = [form(sk) for sk in sketches]
            for threshold in (0.5, 0.8):
                groups, links = similar_groups(given, threshold, max_entries, max_pairs)
                want_groups, want_links = _reference_groups(given, threshold)
                assert groups == want_groups
                assert sorted(links) == sorted(want_links)


def test_similar_groups_counts_values_too_common_to_index() -> None:
    """A value held by more than MAX_OWNERS sketches (a footer every story carries) is
    not counted as shared, but still makes two near-copies similar: the pair is linked
    exactly as the oracle links it, and the skip that bounds a pair's similarity by its
    shared values does not drop it (without the crowded values in the bound it would:
    28 counted of 64)."""
    import random

    from lintnews.plugins.headlines.similarity import MAX_OWNERS, similar_groups

    rng = random.Random(7)
    footer = rng.sample(range(2**32), 30)
    sketches = [tuple(sorted(footer + rng.sample(range(2**32), 34))) for _ in range(MAX_OWNERS + 5)]
    pairs = []
    for _ in range(3):
        own = rng.sample(range(2**32), 34)
        a = tuple(sorted(footer + own))
        b = tuple(sorted(footer + own[:28] + rng.sample(range(2**32), 6)))
        pairs.append((len(sketches), len(sketches) + 1))
        sketches += [a, b]
    groups, links = similar_groups(sketches, 0.8)
    want_groups, want_links = _reference_groups(sketches, 0.8)
    assert groups == want_groups
    blocked_groups, blocked_links = similar_groups(sketches, 0.8, max_pairs=40)
    assert blocked_groups == groups
    assert sorted(blocked_links) == sorted(links)
    assert sorted(links) == sorted(want_links)
    linked = {(groups[u][0], groups[v][0]) for u, v, _ in links}
    assert all(pair in linked for pair in pairs)
