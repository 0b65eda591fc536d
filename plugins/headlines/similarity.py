"""Small, stable fingerprints for comparing articles across one run.

Run-level rules see only digests, computed in whichever worker read the
article, so every hash here is stable across processes (no ``hash()``,
which Python salts per process).  A body is reduced to a *bottom-k sketch*:
the k smallest hashes of its word 5-shingles.  Two sketches estimate the
Jaccard similarity of the shingle sets; comparing only articles that share
sketch values keeps the run check near-linear in the number of files.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence

__all__ = ["body_words", "headline_key", "jaccard", "similar_pairs", "sketch", "tokens"]

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

SKETCH_SIZE = 64
SHINGLE = 5


def tokens(text: str) -> list[str]:
    """Word tokens, case- and width-folded: the unit every comparison uses."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text.translate(_FOLD)).casefold())


def headline_key(text: str) -> str:
    """Headline normalised for equality: case, punctuation and spacing ignored."""
    return " ".join(tokens(text))


def body_words(text: str) -> list[str]:
    """Lower-cased whitespace-separated words of a body.

    Cheaper than :func:`tokens` (no Unicode folding, punctuation stays on the
    words): bodies are long, and copies of one story share their encoding.
    """
    return text.lower().split()


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
    return tuple(heapq.nsmallest(size, hashes))


def jaccard(a: Sequence[int], b: Sequence[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(size, set(a) | set(b))
    sa, sb = set(a), set(b)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def similar_pairs(
    sketches: Sequence[tuple[int, ...]], threshold: float
) -> Iterator[tuple[int, int, float]]:
    """Index pairs ``(i, j, similarity)`` with estimated similarity >= ``threshold``.

    Identical sketches (copies of one story: the common case in an archive
    of syndicated copy) are grouped first, so candidate counting and the
    exact comparisons run over distinct sketches only; a group of k copies
    then costs k*(k-1)/2 yielded pairs instead of 64*k*(k-1)/2 counter
    updates plus as many comparisons.
    """
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, sk in enumerate(sketches):
        groups[sk].append(i)
    uniques = list(groups)
    members = [groups[u] for u in uniques]
    for group, sk in zip(members, uniques, strict=True):
        if sk and len(group) > 1:
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    yield group[x], group[y], 1.0
    index: dict[int, list[int]] = defaultdict(list)
    for u, sk in enumerate(uniques):
        for h in sk:
            index[h].append(u)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for owners in index.values():
        if len(owners) < 2 or len(owners) > 1000:
            continue
        for x in range(len(owners)):
            for y in range(x + 1, len(owners)):
                shared[(owners[x], owners[y])] += 1
    for (u, v), count in shared.items():
        # Similar sets share most of their sketch; fewer shared values cannot reach the
        # threshold, so only these pairs are compared exactly.
        if count >= threshold * min(len(uniques[u]), len(uniques[v])) / 2:
            sim = jaccard(uniques[u], uniques[v])
            if sim >= threshold:
                for i in members[u]:
                    for j in members[v]:
                        yield min(i, j), max(i, j), sim
