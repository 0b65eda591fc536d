"""Atomic, byte-faithful writes of fixed files.

A fix must never cost an author anything, so writing is the paranoid part:

- the new bytes go to a temporary file in the *same directory* (so
  :func:`os.replace` is an atomic rename on the same file system), are
  flushed and fsynced, get the original file's permission bits, and only
  then replace the original;
- just before the replace, the file on disk is compared with what was read
  at check time (size, modification time and bytes): if an editor or another
  process changed it in the meantime, nothing is written and the caller gets
  :class:`ChangedOnDisk`;
- a read-only file is refused up front (a rename would happily replace it,
  since renaming needs only a writable directory): :class:`NotWritable`;
- whatever goes wrong, the temporary file is removed.

Symbolic links are followed: the link stays, its target gets the new bytes.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass

__all__ = ["ChangedOnDisk", "NotWritable", "Snapshot", "WriteError", "snapshot", "write_atomic"]


class WriteError(OSError):
    """The fixed file could not be written; the message is one line for users."""


class ChangedOnDisk(WriteError):
    """The file changed between reading and writing; the newer content is kept."""


class NotWritable(WriteError):
    """The file (or its directory) is read-only."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file looked like when it was read: its bytes and stat identity."""

    data: bytes
    size: int
    mtime_ns: int
    mode: int


def snapshot(path: str) -> Snapshot:
    """Read ``path`` and remember its identity (raises OSError)."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        data = fh.read()
    return Snapshot(data, st.st_size, st.st_mtime_ns, st.st_mode)


def _unchanged(path: str, before: Snapshot) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    if st.st_size != before.size or st.st_mtime_ns != before.mtime_ns:
        return False
    # Same size and time can still hide an edit made within the clock's
    # resolution: the bytes decide.
    try:
        with open(path, "rb") as fh:
            return fh.read() == before.data
    except OSError:
        return False


def _read_only(path: str, mode: int) -> bool:
    # root may write anything, so os.access alone would let us clobber a file
    # its owner marked read-only: no write bit at all counts as read-only too.
    return not os.access(path, os.W_OK) or not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def write_atomic(path: str, data: bytes, before: Snapshot) -> None:
    """Replace ``path`` with ``data`` if it still is what ``before`` recorded.

    Raises :class:`NotWritable`, :class:`ChangedOnDisk` or :class:`WriteError`;
    on any error the original file is untouched and no temporary file remains.
    """
    target = os.path.realpath(path)
    if _read_only(target, before.mode):
        raise NotWritable(f"{path}: file is read-only; not fixed")
    directory = os.path.dirname(target) or "."
    name = os.path.basename(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".lintnews-tmp", dir=directory)
    except OSError as exc:
        raise NotWritable(
            f"{path}: cannot create a temporary file next to it ({exc.strerror or exc}); not fixed"
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(before.mode))
        if not _unchanged(target, before):
            raise ChangedOnDisk(
                f"{path}: file changed on disk since it was checked; not overwritten "
                "(run lintnews again)"
            )
        os.replace(tmp, target)
    except WriteError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        raise WriteError(f"{path}: cannot write the fixed file: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
