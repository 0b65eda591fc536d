"""Small, stable fingerprints for comparing articles across one run.

Run-level rules see only digests, computed in whichever worker read the
article, so every hash here is stable across processes (no ``hash()``,
which Python salts per process).  A body is reduced to a *bottom-k sketch*:
the k smallest hashes of its word 5-shingles.  Two sketches estimate the
Jaccard similarity of the shingle sets; comparing only articles that share
sketch values keeps the run check near-linear in the number of files.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import chain, combinations, pairwise, product, repeat

from lintnews.plugins.boilerplate.phrases import normalize

from lintnews.userdirs import blake2b

__all__ = [
    "body_words",
    "bottom_k",
    "headline_key",
    "jaccard",
    "key_hash",
    "pack_sketch",
    "similar_groups",
    "similar_pairs",
    "sketch",
    "tokens",
    "unpack_sketch",
]

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())

SKETCH_SIZE = 64
SHINGLE = 5


def tokens(text: str) -> list[str]:
    """Word tokens, case- and width-folded: the unit every comparison uses."""
    if not text.isascii():  # the four quotes _FOLD maps are not ASCII: nothing to map
        # str.translate looks each character up in a dict (~0.1 us each on non-ASCII
        # text); the quotes map one to one onto ASCII, so a C scan per quote present
        # and a replace give the same string
        for quote, ascii_quote in _FOLD_PAIRS:
            if quote in text:
                text = text.replace(quote, ascii_quote)
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def headline_key(text: str) -> str:
    """Headline normalised for equality: case, punctuation and spacing ignored."""
    return " ".join(tokens(text))


def key_hash(key: str) -> bytes:
    """An 8-byte stand-in for a headline key in run-level digests.

    A run keeps one per file until it ends: 8 bytes instead of the key
    (a hundred bytes or more).  Two different keys collide with probability
    2**-64 per pair, far below one in a run of millions of files.
    """
    return blake2b(key.encode(), digest_size=8).digest()


def body_words(text: str) -> list[str]:
    """Lower-cased whitespace-separated words of a body, typography folded.

    Cheaper than :func:`tokens` (no Unicode folding, punctuation stays on the
    words): bodies are long.  Curly quotes, dashes and odd spaces are folded
    first (``phrases.normalize``): syndicated copies of one story often differ
    only there (one site curls its quotes, another does not), and a quote in
    one word of five changes the shingle.  It is also what the line view
    (``lines.lowered_words``) already split, so HL007 reuses its words.
    """
    return normalize(text).lower().split()


def sketch(words: Sequence[str], size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """Sorted bottom-``size`` CRC-32 hashes of word 5-shingles of ``words``.

    Only shingles that open on a word of seven or more characters are hashed:
    the choice depends on the text alone, so two copies of a story choose the
    same shingles, and it skips most of the hashing ("the", "of", "and"...).
    """
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return ()
    crc = zlib.crc32
    join = " ".join
    hashes = {crc(join(words[i : i + SHINGLE]).encode()) for i in range(n) if len(words[i]) >= 7}
    return bottom_k(hashes, size)


def bottom_k(hashes: Collection[int], size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """The ``size`` smallest of the distinct ``hashes``, ascending.

    CRC-32s spread evenly over 32 bits, so a threshold expected to keep about
    1.5 * ``size`` of them usually keeps at least ``size``: only those are
    sorted (a 1,000-word body has ~300 hashes; a third of the sort).  Every
    value left out is >= the threshold > every value kept, so when ``size``
    are kept they are exactly the smallest; when fewer are, all are sorted.
    """
    m = len(hashes)
    if m > 2 * size:
        threshold = (3 * size << 32) // (2 * m)
        small = [h for h in hashes if h < threshold]
        if len(small) >= size:
            small.sort()
            return tuple(small[:size])
    # Distinct ints: the head of their C sort is what heapq.nsmallest returned,
    # at a sixth of its cost.
    return tuple(sorted(hashes)[:size])


def pack_sketch(values: Sequence[int]) -> bytes:
    """A sketch as 4 bytes per value (CRC-32s fit): under 300 bytes instead of
    ~3 KB of Python ints; a run keeps one per file until it ends."""
    return array("I", values).tobytes()


def unpack_sketch(packed: bytes) -> tuple[int, ...]:
    """The sketch :func:`pack_sketch` packed (same values, same order)."""
    values = array("I")
    values.frombytes(packed)
    return tuple(values)


def jaccard(a: Sequence[int], b: Sequence[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    # distinct ints: the head of their C sort is heapq.nsmallest's answer, and the
    # values of both sets among them are the common values among them (counted in C)
    union = sorted(sa | sb)[:size]
    return len(sa.intersection(sb).intersection(union)) / len(union)


def similar_groups(
    sketches: Iterable[tuple[int, ...] | bytes],
    threshold: float,
    max_entries: int | None = None,
    max_pairs: int | None = None,
) -> tuple[list[list[int]], list[tuple[int, int, float]]]:
    """Copies and near-copies, without listing every pair.

    Returns ``(groups, links)``: ``groups`` partitions the indices of
    ``sketches`` by identical sketch (copies of one story: the common case in
    an archive of syndicated copy); ``links`` are ``(g, h, similarity)`` for
    pairs of groups whose similarity is >= ``threshold``.  Every member of a
    group is similar (1.0) to the others when the sketch is not empty, and to
    every member of a linked group.  A story copied k times costs O(k) here,
    not the k*(k-1)/2 pairs :func:`similar_pairs` yields.

    Sketches may be packed (:func:`pack_sketch`) and may come from a
    generator: only one per group is kept, as given.  The index of sketch values
    that finds candidate pairs holds at most ~``max_entries`` values at a time
    (default :data:`MAX_INDEX_ENTRIES`; see :func:`_value_index`), and the count
    of values each candidate pair shares at most ~``max_pairs`` pairs at a time
    (default :data:`MAX_PAIRS`; see :func:`_pair_blocks`).
    """
    if max_entries is None:
        max_entries = MAX_INDEX_ENTRIES
    if max_pairs is None:
        max_pairs = MAX_PAIRS
    by_sketch: dict[tuple[int, ...] | bytes, list[int]] = defaultdict(list)
    for i, sk in enumerate(sketches):
        by_sketch[sk].append(i)
    # Kept as given (packed: 4 bytes a value), unpacked where they are read.
    uniques = list(by_sketch)
    groups = list(by_sketch.values())
    # The owners (ascending) of every value two or more sketches hold, as arrays: a
    # few bytes per shared value (near-copies of a story share most of theirs).
    shared_by: list[array[int]] = []
    # Per sketch, how many of its values are held by more than MAX_OWNERS sketches:
    # those values are not counted as shared (a footer on every story would make
    # every pair a candidate), so a pair may share up to that many more.
    crowded: Counter[int] = Counter()
    for index in _value_index(uniques, max_entries):
        multi = [owners for owners in index.values() if len(owners) > 1]
        if len(uniques) > MAX_OWNERS:  # only then can a value have more owners
            crowd = [owners for owners in multi if len(owners) > MAX_OWNERS]
            if crowd:
                crowded.update(chain.from_iterable(crowd))
                multi = [owners for owners in multi if len(owners) <= MAX_OWNERS]
        shared_by += map(array, repeat("I"), multi)
    sizes = [_size(sk) for sk in uniques]
    links = []
    for shared in _pair_blocks(shared_by, len(uniques), max_pairs):
        values: dict[int, tuple[int, ...]] = {}  # unpacked on first use, per block
        for (u, v), count in shared.items():
            # Similar sets share most of their sketch; fewer shared values cannot
            # reach the threshold, so only these pairs are compared exactly (and only
            # their sketches unpacked).
            if count < threshold * min(sizes[u], sizes[v]) / 2:
                continue
            # ... and no more than the bound that ``jaccard`` can reach with them:
            # the values the two share in the head of their union are at most the
            # values they share (``common``), and the head holds at least
            # min(size, |a| + |b| - common) values (sketch values are distinct).
            # Near-copies of a story (a word in ten changed) share a third to a
            # half of their values: on such an archive this skips most of the
            # pairs the test above lets through, without computing their sets.
            # ``jaccard`` >= threshold implies this quotient >= threshold (division
            # rounds monotonically), so no pair that links is skipped.
            common = count + min(crowded[u], crowded[v]) if crowded else count
            head = min(SKETCH_SIZE, sizes[u] + sizes[v] - common)
            if head > 0 and common / head < threshold:
                continue
            a = values.get(u)
            if a is None:
                a = values[u] = _values(uniques[u])
            b = values.get(v)
            if b is None:
                b = values[v] = _values(uniques[v])
            sim = jaccard(a, b)
            if sim >= threshold:
                links.append((u, v, sim))
    return groups, links


#: pair counts (a pair once per value it shares) made per block of
#: :func:`similar_groups`'s count: a block's counter holds at most that many
#: pairs (~150 bytes each), usually far fewer.  k near-copies of a story make
#: k(k-1)/2 pairs; 20,000 edited copies of 121 stories (165 each) made 1.6
#: million pairs from 116 million counts, ~430 MB counted at once.  2 million
#: (58 blocks there) took no longer than 10 million (12 blocks): 32.9 s against
#: 34.4 s for similar_groups on those 20,000 sketches, the same links
MAX_PAIRS = 2_000_000


def _pair_blocks(
    shared_by: list[array[int]], n: int, max_pairs: int
) -> Iterator[Counter[tuple[int, int]]]:
    """``(u, v) -> values both hold`` for every pair u < v sharing a value of
    ``shared_by`` (each an ascending array of owners), in blocks of pairs by ``u``
    each made of at most ~``max_pairs`` counts (one block when they all fit).

    Within a block of first owners ``[lo, hi)``, an owners list ``o`` contributes
    the pairs among ``o[a:b]`` (its owners in the block) and those of ``o[a:b]``
    with every later owner ``o[b:]``: ``combinations`` and ``product``, counted
    in C.  Every pair falls in exactly one block, with all its shared values, so
    the counts are those of one count over all pairs.
    """
    total = sum(len(o) * (len(o) - 1) // 2 for o in shared_by)
    if total <= max_pairs:
        shared: Counter[tuple[int, int]] = Counter()
        if shared_by:
            shared.update(chain.from_iterable(map(combinations, shared_by, repeat(2))))
        yield shared
        return
    # pairs per first owner, then blocks of consecutive first owners
    per_owner = [0] * n
    for o in shared_by:
        last = len(o) - 1
        for i, u in enumerate(o):
            per_owner[u] += last - i
    bounds = [0]
    running = 0
    for u, pairs in enumerate(per_owner):
        if running and running + pairs > max_pairs:
            bounds.append(u)
            running = 0
        running += pairs
    bounds.append(n)
    for lo, hi in pairwise(bounds):
        shared = Counter()
        for o in shared_by:
            a = bisect_left(o, lo)
            b = bisect_left(o, hi, a)
            if a < b:
                head = o[a:b]
                shared.update(combinations(head, 2))
                if b < len(o):
                    shared.update(product(head, o[b:]))
        yield shared


_ITEM = array("I").itemsize


def _values(sk: tuple[int, ...] | bytes) -> tuple[int, ...]:
    return unpack_sketch(sk) if isinstance(sk, bytes) else sk


def _size(sk: tuple[int, ...] | bytes) -> int:
    """How many values ``sk`` holds, packed or not."""
    return len(sk) // _ITEM if isinstance(sk, bytes) else len(sk)


#: a sketch value held by more sketches than this (boilerplate every story carries)
#: is not counted towards their pairs' shared values in :func:`similar_groups`
MAX_OWNERS = 1000

#: sketch values indexed at once by :func:`similar_groups` (~150 bytes each: the
#: index of a run of 20,000 distinct stories held 1.3 million, ~200 MB)
MAX_INDEX_ENTRIES = 200_000


def _value_index(
    uniques: Sequence[tuple[int, ...] | bytes], max_entries: int
) -> Iterator[dict[int, list[int]]]:
    """``value -> indices of the sketches holding it``, for every value of ``uniques``,
    in slices of at most ~``max_entries`` entries.

    A run of distinct stories has as many distinct values as entries (64 a story), so
    one index of them all grows with the run.  Instead the values are split into
    ranges, one index per range: every value is in exactly one, with all its owners in
    ascending order, so the pair counts summed over the ranges are those of one index.
    """
    total = sum(map(_size, uniques))
    passes = -(-total // max_entries) if total else 1
    if passes <= 1:
        index: dict[int, list[int]] = defaultdict(list)
        for u, sk in enumerate(uniques):
            for h in _values(sk):
                index[h].append(u)
        yield index
        return
    low = min(min(v) for v in map(_values, uniques) if v)
    high = max(max(v) for v in map(_values, uniques) if v) + 1
    step = -(-(high - low) // passes)
    for start in range(low, high, step):
        index = defaultdict(list)
        for u, sk in enumerate(uniques):
            values = sorted(_values(sk))  # sketch() sorted them: a linear check
            for h in values[bisect_left(values, start) : bisect_left(values, start + step)]:
                index[h].append(u)
        yield index


def similar_pairs(
    sketches: Sequence[tuple[int, ...]], threshold: float
) -> Iterator[tuple[int, int, float]]:
    """Index pairs ``(i, j, similarity)`` with estimated similarity >= ``threshold``."""
    groups, links = similar_groups(sketches, threshold)
    for group in groups:
        if len(sketches[group[0]]) and len(group) > 1:
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    yield group[x], group[y], 1.0
    for u, v, sim in links:
        for i in groups[u]:
            for j in groups[v]:
                yield min(i, j), max(i, j), sim
