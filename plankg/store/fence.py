"""Readers and writers of one embedded store file in different processes (a read-only
``plankg serve`` while ``plankg ingest`` or ``plankg plans remove`` runs).

LadybugDB lets a read-only process keep the file open while another process writes it, and
the reader then reads pages of the new file into a catalogue of the old one: stale answers at
first, then IndexErrors and "database file may be corrupted". So the two sides agree through
advisory locks (``flock``) on two files beside the database:

* ``<db>.lock``: each read holds it shared for as long as it runs; a write holds it exclusive
  from before its first statement until after its last checkpoint, so no read overlaps a
  write.
* ``<db>.gate``: a writer holds it exclusive while it waits for the reads in flight and while
  it writes; a read passes it (shared, released at once) before it asks for ``.lock``, so a
  stream of reads cannot starve a writer.

A read that gets no place within its wait is turned away (ServerBusy: 503 with Retry-After).
After a write the reader sees the file's identity change (:func:`file_state`) and opens it
again before it reads (``EmbeddedStore``)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from plankg.errors import ServerBusy, StoreError

POLL_S = 0.01
WRITE_WAIT_S = 60.0

FileState = tuple[int, int, int, int, int]
"""Device, inode, size and modification time (ns) of the database file, and the size of its
write-ahead log (-1 when there is none)."""


def file_state(db: Path) -> FileState:
    """What a write changes: a committed write ends with a checkpoint into the file."""
    stat = os.stat(db)
    try:
        wal = os.stat(db.with_name(db.name + ".wal")).st_size
    except FileNotFoundError:
        wal = -1
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, wal)


def _open_lock(path: Path) -> int | None:
    """The lock file's descriptor; None where it cannot be made (a read-only directory, where
    no writer can write either)."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except PermissionError:
        try:
            return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return None
    except OSError:
        return None


def _lock_within(fd: int, operation: int, wait_s: float) -> bool:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_S)


class StoreFence:
    def __init__(self, db: Path) -> None:
        self.db = db
        self.lock_path = db.with_name(db.name + ".lock")
        self.gate_path = db.with_name(db.name + ".gate")

    @contextlib.contextmanager
    def reading(self, wait_s: float) -> Iterator[None]:
        """No write of another process runs while the block does."""
        gate = _open_lock(self.gate_path)
        lock = _open_lock(self.lock_path)
        try:
            if gate is not None:
                passed = _lock_within(gate, fcntl.LOCK_SH, wait_s)
                os.close(gate)
                gate = None
                if not passed:
                    raise self._busy()
            if lock is not None and not _lock_within(lock, fcntl.LOCK_SH, wait_s):
                raise self._busy()
            yield
        finally:
            for fd in (gate, lock):
                if fd is not None:
                    os.close(fd)  # closing releases its lock

    @contextlib.contextmanager
    def writing(self, what: str, wait_s: float = WRITE_WAIT_S) -> Iterator[None]:
        """No read of another process runs while the block does; waits for those in flight
        (bounded: a read holds the store for a query's time, never minutes)."""
        gate = _open_lock(self.gate_path)
        lock = _open_lock(self.lock_path)
        try:
            for fd in (gate, lock):
                if fd is not None and not _lock_within(fd, fcntl.LOCK_EX, wait_s):
                    raise StoreError(
                        f"{self.db}: {what} refused, nothing was changed: the reads of another "
                        f"process (a plankg serve?) did not let go of the store within "
                        f"{wait_s:g} s"
                    )
            yield
        finally:
            for fd in (lock, gate):
                if fd is not None:
                    os.close(fd)

    def _busy(self) -> ServerBusy:
        return ServerBusy(
            f"{self.db}: another process is writing the store; retry in a moment",
            retry_after_s=1,
        )
