"""Tokens' small codes kept between runs (the readability memo's store).

Each process learns the readability figures of every distinct token it meets
(``scoring._PACKED``): a worker checking 1,000 news articles learns ~16,000
tokens, ~0.1-0.2 s of CPU (syllables from the CMU table or Liang's hyphenation,
normalisation, tests), the same figures in every run.  They are a pure
function of the token, of the two shipped tables and of this package's code,
so they can be kept like the compiled-regex store (``lintnews.recache``)
keeps compiled patterns: this is not a cache of articles or results, and it
cannot change any output.

The store maps a token to a small code (0-207) that :mod:`.scoring` turns
into its packed figures and back; it knows nothing of what a code means.
One file per key under ``~/.cache/lintnews/words/`` (``$XDG_CACHE_HOME``
respected), the key being a hash of everything a code depends on: this
format, the Python build (its Unicode tables decide ``str.lower`` and
``\\w``), the source of ``scoring.py``, ``syllables.py`` and this module, and
the two tables' content digests (stamped on their first lines by
``build_tables.py``, so no process hashes 1.5 MB).  A stale key is never
read: its file has another name, and the file repeats the key.
``LINTNEWS_NO_WORD_CACHE=1`` turns the store off.

Lookups, not a load: a one-article run needs a few hundred of the store's
tokens, a worker most of them, and building a dict of all of them cost about
what looking each one up in place does (measured: a worker gained nothing,
a one-article run would lose).  So the file is a hash table over bytes,
like the CMU table: a token's bucket is its UTF-8 bytes read as one
little-endian number modulo the (odd) bucket count, and one ``bytes.find``
over the bucket's few records finds it.  A process reads the file once, on
its first lookup, and checks its BLAKE2b digest (a corrupt, truncated or
foreign file is ignored as a whole), so a wrong byte can never become a
wrong figure.

Saving (:func:`save`) rewrites the file whole with :func:`write_atomic`
(readers see the old or the new file, never part of one; of two writers the
last wins): the tokens already stored, then the saving process's new ones,
at most :data:`MAX_ENTRIES` (a full store keeps the tokens learnt first, the
commonest), tokens of at most :data:`MAX_TOKEN_BYTES` bytes.  A save costs
~1-2 us a token stored, so :mod:`.scoring` saves rarely: see its
``SAVE_FIRST``.  Stores of other keys are removed when a new one is first
written, all but the :data:`KEEP_OTHERS` most recent.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from itertools import accumulate, compress, repeat
from operator import add, and_, ge, itemgetter, le, methodcaller, mod
from typing import Any

from lintnews.userdirs import blake2b, user_cache_dir, write_atomic

__all__ = ["MAX_ENTRIES", "MAX_TOKEN_BYTES", "Lookup", "open_store", "save", "store_path"]

#: the layout of the file (bump it when the layout or the meaning of a code changes)
FORMAT = 1
#: tokens kept at most (~10 bytes each on news; the memo itself holds at most 65,536)
MAX_ENTRIES = 32768
#: longer tokens (URLs, runs of symbols) are not stored: they bound the file's size
MAX_TOKEN_BYTES = 64
#: codes are stored as one byte each, ``code + _CODE_BASE``: never "\t" or "\n"
_CODE_BASE = 48
MAX_CODE = 255 - _CODE_BASE
#: records per bucket, on average
_BUCKET_RECORDS = 4

_MAGIC = b"lintnews-words\x00"
_DIGEST_SIZE = 16
_HEADER = len(_MAGIC) + _DIGEST_SIZE

#: a token -> its code, or -1 when the store does not hold it
Lookup = Callable[[str], int]

_MISSING: Any = object()
_path: Any = _MISSING  # resolved on first use: str, or None when the store is off


def store_path() -> str | None:
    """Where this build's store lives, or None (turned off, no home, no sources)."""
    global _path
    if _path is _MISSING:
        _path = _find_path()
    return _path  # type: ignore[no-any-return]


def _find_path() -> str | None:
    base = user_cache_dir("LINTNEWS_NO_WORD_CACHE")
    if base is None:
        return None
    key = _key()
    if key is None:
        return None
    return os.path.join(base, "words", key)


def _key() -> str | None:
    """A hash of everything a stored code depends on (see the module docstring)."""
    from . import syllables

    digest = blake2b(digest_size=12)
    build = f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{sys.byteorder}"
    digest.update(build.encode())
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        for name in ("scoring.py", "syllables.py", "wordstore.py"):
            with open(os.path.join(here, name), "rb") as fh:
                digest.update(fh.read())
        for table in (syllables._CMU_FILE, syllables._HYPH_FILE):
            stamp = table_stamp(table)
            if stamp is None:
                return None
            digest.update(stamp)
    except OSError:  # no sources beside the bytecode: no key, no store
        return None
    return digest.hexdigest()


#: the first line of each table: this, then the hex digest of the rest of the file
STAMP_PREFIX = b"# blake2b-128 of the rest of this file: "


def table_stamp(path: Any) -> bytes | None:
    """The content digest stamped on the first line of a table, or None."""
    with open(path, "rb") as fh:
        head = fh.read(len(STAMP_PREFIX) + 2 * _DIGEST_SIZE + 1)
    if not head.startswith(STAMP_PREFIX) or not head.endswith(b"\n"):
        return None
    return head[len(STAMP_PREFIX) : -1]


def stamp_table(content: bytes) -> bytes:
    """``content`` with the stamp line :func:`table_stamp` reads before it."""
    digest = blake2b(content, digest_size=_DIGEST_SIZE).hexdigest().encode()
    return STAMP_PREFIX + digest + b"\n" + content


def _read(path: str) -> tuple[int, memoryview, bytes] | None:
    """The store at ``path`` as (bucket count, bucket offsets, records), if sound."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:  # not there yet, unreadable
        return None
    if not data.startswith(_MAGIC) or len(data) < _HEADER + 8:
        return None
    payload = memoryview(data)[_HEADER:]
    key = os.path.basename(path).encode()
    if blake2b(key + payload, digest_size=_DIGEST_SIZE).digest() != data[len(_MAGIC) : _HEADER]:
        return None  # truncated, corrupt, or another key's file under this name
    buckets = int.from_bytes(payload[:4], "little")
    table = 4 + 4 * (buckets + 1)
    if not buckets or len(payload) < table:
        return None
    try:
        offsets = payload[4:table].cast("I")
    except TypeError:  # pragma: no cover - C unsigned int is 4 bytes on CPython
        return None
    records = bytes(payload[table:])
    if offsets[0] != 0 or offsets[buckets] != len(records):
        return None
    return buckets, offsets, records


def open_store() -> tuple[Lookup | None, int] | None:
    """(lookup function, tokens held) of this build's store; None when it is off.

    The function is None when there is no sound store yet (nothing stored,
    a corrupt or foreign file).  It finds a token's record in its bucket:
    ~1 us, a few times less than learning the token, and a process asks only
    for the tokens it meets (reading the whole store into a dict cost about
    as much per token held as a lookup, so a worker gained nothing by it and
    a one-article run would lose).
    """
    path = store_path()
    if path is None:
        return None
    found = _read(path)
    if found is None:
        return None, 0
    buckets, offsets, records = found
    limit = MAX_TOKEN_BYTES
    base = _CODE_BASE
    find = records.find

    def lookup(token: str) -> int:
        key = token.encode("utf-8", "surrogatepass")
        if len(key) > limit:
            return -1
        bucket = int.from_bytes(key, "little") % buckets
        at = find(b"\n" + key + b"\t", offsets[bucket], offsets[bucket + 1])
        if at < 0:
            return -1
        return records[at + len(key) + 2] - base

    return lookup, records.count(b"\n")


_ENCODE = methodcaller("encode", "utf-8", "surrogatepass")


def save(tokens: Sequence[str], codes: Sequence[int]) -> bool:
    """Add ``tokens`` (their ``codes``: -1 for none) to the store, up to :data:`MAX_ENTRIES`.

    The file is read again first (another process may have saved since this
    one opened it): the tokens stored there come first, then those of
    ``tokens`` it lacks, while there is room (a full store keeps the tokens
    learnt first, the commonest).  Tokens of more than
    :data:`MAX_TOKEN_BYTES` bytes and tokens without a code are left out.
    Returns whether the file was written.  Done in C passes (~1-2 us a
    token stored): a worker saves while it checks.
    """
    path = store_path()
    if path is None:
        return False
    keys = list(map(_ENCODE, tokens))
    short = map(le, map(len, keys), repeat(MAX_TOKEN_BYTES))
    keep = list(map(and_, short, map(ge, codes, repeat(0))))
    # code -> the end of its record: "\t" and the code's byte
    ends = [b"\t" + bytes((code + _CODE_BASE,)) for code in range(MAX_CODE + 1)]
    suffixes = map(ends.__getitem__, compress(codes, keep))
    own = list(map(add, compress(keys, keep), suffixes))
    found = _read(path)
    stored = found[2].split(b"\n")[1:] if found is not None else []
    merged = list(dict.fromkeys(stored + own))[:MAX_ENTRIES]
    if not merged or len(merged) == len(stored):
        return False  # nothing to add
    if not write_atomic(path, _encode(path, merged)):
        return False
    if found is None:  # a new file: other versions' stores may be left
        _prune(os.path.dirname(path), path)
    return True


#: stores of other keys (other versions, other Pythons) kept at most
KEEP_OTHERS = 3


def _prune(directory: str, own: str) -> None:
    """Keep the :data:`KEEP_OTHERS` most recently written stores of other keys.

    Runs only when a store file is first written, so a directory of a few
    files is listed once per new key.
    """
    import contextlib

    try:
        with os.scandir(directory) as it:
            dated = [(e.stat().st_mtime_ns, e.path) for e in it if e.path != own]
    except OSError:
        return
    dated.sort(reverse=True)
    for _, path in dated[KEEP_OTHERS:]:
        with contextlib.suppress(OSError):  # removed meanwhile, or not ours to remove
            os.unlink(path)


def _encode(path: str, records: list[bytes]) -> bytes:
    """The file holding ``records`` (``token\\tC``, distinct), under ``path``'s key."""
    from bisect import bisect_left  # only a process that saves needs it

    buckets = len(records) // _BUCKET_RECORDS | 1  # odd: every byte of a key counts
    keys = map(itemgetter(slice(None, -2)), records)
    numbers = map(int.from_bytes, keys, repeat("little"))
    of = list(map(mod, numbers, repeat(buckets)))
    order = sorted(range(len(records)), key=of.__getitem__)
    placed = list(map(records.__getitem__, order))
    # where each record starts (its "\n"), and each bucket's first record
    starts = list(accumulate(map(add, map(len, placed), repeat(1)), initial=0))
    ranked = list(map(of.__getitem__, order))
    firsts = map(bisect_left, repeat(ranked), range(buckets + 1))
    offsets = map(starts.__getitem__, firsts)
    # native order: the reader casts them to a memoryview of C unsigned ints
    # (the key holds the byte order)
    table = b"".join(map(int.to_bytes, offsets, repeat(4), repeat(sys.byteorder)))
    body = b"\n" + b"\n".join(placed)
    payload = buckets.to_bytes(4, "little") + table + body
    key = os.path.basename(path).encode()
    digest = blake2b(key + payload, digest_size=_DIGEST_SIZE).digest()
    return _MAGIC + digest + payload
