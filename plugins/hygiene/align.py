"""Where ftfy changed a text: difflib's alignment, computed faster.

TX004 locates the damaged characters by aligning a paragraph with ftfy's
repair.  ``difflib.SequenceMatcher(None, a, b, autojunk=False)`` did that:
its recursive longest-common-block search compares every character of one
side with every equal character of the other, ~15 ms for a 300-character
paragraph.  This module returns the very same blocks (same recursion, same
merging of adjacent blocks) but answers each "longest common block" question
with exact shortcuts that run in C:

- a block of at least ``step + q - 1`` characters holds one of the
  ``q``-grams of ``a`` sampled every ``step`` characters, so finding those
  in ``b`` (``str.find``) and extending each hit along its diagonal finds
  every such block (``_TIERS``: 39 characters, then 11);
- otherwise the longest block is short, and its length is the largest ``L``
  for which ``a`` and ``b`` share an ``L``-gram (set intersections);
- when the two texts share only a few characters, in short runs (non-Latin
  text read with the wrong encoding shares little more than its spaces and
  punctuation with its repair), every block is a gram of those runs: an
  index of each such gram's offsets (``_GramIndex``) answers every box with
  a few bisections instead of scanning it.

Ties go as in difflib: longest block, then earliest in ``a``, then earliest
in ``b`` (tests/test_rules_hygiene.py compares with difflib on random and
mojibake texts).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import product

__all__ = ["changed_ranges", "matching_blocks"]

#: ``(q, step)``: q-grams of ``a`` sampled every ``step`` characters find
#: every block of ``step + q - 1`` characters or more; long blocks first
_TIERS = ((8, 32), (4, 8))
#: most candidate grams ``_Aligner._short`` tests one by one: a substring
#: search runs ~250 times faster per character than building a set of grams
_FEW_GRAMS = 256
#: ``_GramIndex`` serves texts sharing at most this many characters ...
_FEW_COMMON = 12
#: ... whose runs of shared characters in ``a`` are at most this long
_SHORT_RUNS = 8


def _forward(a: str, i: int, b: str, j: int, limit: int) -> int:
    """Length of the common prefix of ``a[i:]`` and ``b[j:]``, at most ``limit``."""
    if a[i : i + limit] == b[j : j + limit]:
        return limit
    lo, hi = 0, limit  # a[i:i+lo] == b[j:j+lo]; a[i:i+hi] != b[j:j+hi]
    step = 8
    while lo + step < hi and a[i + lo : i + lo + step] == b[j + lo : j + lo + step]:
        lo += step
        step *= 2
    hi = min(hi, lo + step)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[i + lo : i + mid] == b[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _backward(a: str, i: int, b: str, j: int, limit: int) -> int:
    """Length of the common suffix of ``a[:i]`` and ``b[:j]``, at most ``limit``."""
    if a[i - limit : i] == b[j - limit : j]:
        return limit
    lo, hi = 0, limit
    step = 8
    while lo + step < hi and a[i - lo - step : i - lo] == b[j - lo - step : j - lo]:
        lo += step
        step *= 2
    hi = min(hi, lo + step)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[i - mid : i - lo] == b[j - mid : j - lo]:
            lo = mid
        else:
            hi = mid
    return lo


class _Aligner:
    """Longest common blocks of ``a[alo:ahi]`` and ``b[blo:bhi]``."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b

    def _sampled(
        self, alo: int, ahi: int, blo: int, bhi: int, q: int, step: int
    ) -> tuple[int, int, int]:
        """The longest block through a ``q``-gram of ``a`` at ``alo + n * step``.

        Every block of ``step + q - 1`` or more characters passes through one,
        so a result that long is the longest block of the box (ties: earliest
        in ``a``, then in ``b``); a shorter one is merely a block that exists.
        """
        a, b = self.a, self.b
        best = (0, alo, blo)
        run_end: dict[int, int] = {}  # diagonal -> end in a of the last run found on it
        for i in range(alo, ahi - q + 1, step):
            gram = a[i : i + q]
            j = blo - 1
            while (j := b.find(gram, j + 1, bhi)) >= 0:
                d = j - i
                if run_end.get(d, -1) > i:
                    continue  # inside a run already measured
                back = _backward(a, i, b, j, min(i - alo, j - blo))
                fwd = _forward(a, i + q, b, j + q, min(ahi - i, bhi - j) - q)
                start, size = i - back, back + q + fwd
                run_end[d] = start + size
                if size > best[0] or (size == best[0] and (start, start + d) < best[1:]):
                    best = (size, start, start + d)
        size, i, j = best
        return i, j, size

    def _short(
        self, alo: int, ahi: int, blo: int, bhi: int, ok: int, cap: int, common: set[str]
    ) -> tuple[int, int, int]:
        """The longest block, known to have between ``ok`` and ``cap`` characters.

        ``common`` holds the characters both boxes contain, so a shared
        ``size``-gram is made of them alone: when there are few such grams
        (mojibake boxes mostly share a space or a comma), two substring
        searches per candidate answer instead of two sets of every gram.
        """
        a, b = self.a, self.b
        abox, bbox = a[alo:ahi], b[blo:bhi]

        def grams(s: str, lo: int, hi: int, size: int) -> set[str]:
            return {s[x : x + size] for x in range(lo, hi - size + 1)}

        def share(size: int) -> bool:
            if size == 1:
                return bool(common)
            if len(common) ** size <= _FEW_GRAMS:
                return any(
                    g in abox and g in bbox for g in map("".join, product(common, repeat=size))
                )
            return not grams(a, alo, ahi, size).isdisjoint(grams(b, blo, bhi, size))

        bad = cap + 1  # a block of size ok exists; none of size bad
        # most boxes left between damaged characters share single characters
        # at best: try 1, 2, 4... before halving
        size = ok + 1
        while size < bad:
            if not share(size):
                bad = size
                break
            ok, size = size, size * 2
        while bad - ok > 1:
            mid = (ok + bad) // 2
            if share(mid):
                ok = mid
            else:
                bad = mid
        if not ok:
            return alo, blo, 0
        in_b = set(bbox) if ok == 1 else grams(b, blo, bhi, ok)
        i = next(i for i in range(alo, ahi - ok + 1) if a[i : i + ok] in in_b)
        return i, b.find(a[i : i + ok], blo, bhi), ok

    def longest(
        self, alo: int, ahi: int, blo: int, bhi: int, common: set[str] | None = None
    ) -> tuple[int, int, int]:
        """``(i, j, size)`` as ``SequenceMatcher.find_longest_match`` returns it.

        ``common``, when given, is the set of characters both boxes hold.
        """
        if common is None:
            common = set(self.a[alo:ahi]).intersection(self.b[blo:bhi])
        if not common:
            return alo, blo, 0  # what difflib answers for boxes sharing nothing
        cap = min(ahi - alo, bhi - blo)
        ok = 0
        for q, step in _TIERS:
            if cap < step + q - 1:
                continue
            found = self._sampled(alo, ahi, blo, bhi, q, step)
            if found[2] >= step + q - 1:
                return found
            cap, ok = step + q - 2, max(ok, found[2])
        return self._short(alo, ahi, blo, bhi, ok, cap, common)


def _offsets(text: str, chars: set[str]) -> list[int]:
    """Ascending offsets of every character of ``text`` that is in ``chars``."""
    found = []
    find = text.find
    for c in chars:
        at = find(c)
        while at >= 0:
            found.append(at)
            at = find(c, at + 1)
    found.sort()
    return found


def _runs(offsets: list[int]) -> list[tuple[int, int]]:
    """``(start, end)`` of each stretch of consecutive ``offsets``, in order."""
    runs = []
    start = prev = -2
    for at in offsets:
        if at != prev + 1:
            if prev >= 0:
                runs.append((start, prev + 1))
            start = at
        prev = at
    if prev >= 0:
        runs.append((start, prev + 1))
    return runs


def _gram_offsets(
    text: str, runs: list[tuple[int, int]], longest: int, keep: dict[str, list[int]] | None
) -> dict[str, list[int]]:
    """Every gram of ``runs`` up to ``longest`` characters -> its ascending offsets.

    With ``keep``, only the grams it holds.
    """
    found: dict[str, list[int]] = {}
    for start, end in runs:
        for size in range(1, min(end - start, longest) + 1):
            for x in range(start, end - size + 1):
                gram = text[x : x + size]
                if keep is None or gram in keep:
                    found.setdefault(gram, []).append(x)
    return found


class _GramIndex:
    """Every block two texts can share, indexed: for texts sharing few characters.

    A block both texts hold is made of characters both hold (``common``), so
    in each text it lies inside a run of such characters: it is a gram of
    the runs of ``a`` (so at most as long as the longest) and of those of
    ``b``.  ``in_a[g]`` and ``in_b[g]`` hold every offset of such a gram in
    each text, ascending; ``grams[L]`` the ``L``-grams both texts hold.  The
    longest block of a box is the largest ``L`` for which some ``L``-gram
    has an offset in both boxes; of those, the one with the earliest offset
    in ``a``, at its earliest offset in ``b``: difflib's ties.
    """

    def __init__(self, a: str, b: str, runs_a: list[tuple[int, int]], common: set[str]) -> None:
        longest = max(end - start for start, end in runs_a)
        self.in_a = _gram_offsets(a, runs_a, longest, None)
        self.in_b = _gram_offsets(b, _runs(_offsets(b, common)), longest, self.in_a)
        self.grams: list[list[str]] = [[] for _ in range(longest + 1)]
        for gram in self.in_b:
            self.grams[len(gram)].append(gram)

    @classmethod
    def build(cls, a: str, b: str, common: set[str]) -> _GramIndex | None:
        """The index; None when the texts share many characters or long runs of them."""
        if not common or len(common) > _FEW_COMMON:
            return None
        runs_a = _runs(_offsets(a, common))
        if max(end - start for start, end in runs_a) > _SHORT_RUNS:
            return None
        return cls(a, b, runs_a, common)

    def longest(
        self, alo: int, ahi: int, blo: int, bhi: int, common: set[str] | None = None
    ) -> tuple[int, int, int]:
        """``_Aligner.longest``'s answer (``common`` is not needed)."""
        in_a, in_b = self.in_a, self.in_b
        for size in range(min(len(self.grams) - 1, ahi - alo, bhi - blo), 0, -1):
            best_i = best_j = -1
            for gram in self.grams[size]:
                offsets = in_b[gram]
                k = bisect_left(offsets, blo)
                if k == len(offsets) or offsets[k] + size > bhi:
                    continue
                j = offsets[k]
                offsets = in_a[gram]
                k = bisect_left(offsets, alo)
                if k == len(offsets) or offsets[k] + size > ahi:
                    continue
                if best_i < 0 or offsets[k] < best_i:
                    best_i, best_j = offsets[k], j
            if best_i >= 0:
                return best_i, best_j, size
        return alo, blo, 0


def matching_blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`` as tuples."""
    common: set[str] | None = set(a).intersection(b)
    index = _GramIndex.build(a, b, common) if common else None
    longest = _Aligner(a, b).longest if index is None else index.longest
    found: list[tuple[int, int, int]] = []
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        # the first box is the whole texts, whose common characters are known
        i, j, k = longest(alo, ahi, blo, bhi, common)
        common = None
        if not k:
            continue
        found.append((i, j, k))
        if alo < i and blo < j:
            queue.append((alo, i, blo, j))
        if i + k < ahi and j + k < bhi:
            queue.append((i + k, ahi, j + k, bhi))
    found.sort()
    merged: list[tuple[int, int, int]] = []
    for i, j, k in found:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            pi, pj, pk = merged.pop()
            merged.append((pi, pj, pk + k))
        else:
            merged.append((i, j, k))
    merged.append((len(a), len(b), 0))
    return merged


def changed_ranges(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """``(i1, i2, j1, j2)`` of every opcode but "equal", in order (``get_opcodes``)."""
    ranges = []
    i = j = 0
    for ai, bj, size in matching_blocks(a, b):
        if i < ai or j < bj:
            ranges.append((i, ai, j, bj))
        i, j = ai + size, bj + size
    return ranges
