"""Reopening a LadybugDB file that a killed or failed process left behind.

Two states block every later open until something is done about them:

- a checkpoint interrupted half-way (shadow pages pending): a read-write open replays it, a
  read-only open refuses. A read-only opener therefore finishes it with a short read-write open
  when nobody holds the file, or says in one line what to run.
- a torn write-ahead log (a write that died while extending it, e.g. on a full disk): the library
  refuses the whole log. plankg folds the log into the database file before each write
  (``EmbeddedStore._write_transaction``), so a torn log holds only the write that died, never
  acknowledged. The log is moved aside (kept, not deleted) and the store opens with the data it
  had before that write.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import ladybug

from plankg.errors import StoreError, StoreLocked

PENDING_CHECKPOINT = "checkpoint recovery is pending"
TORN_LOG = "the WAL file is corrupted"

log = logging.getLogger("plankg.store")


def needs_recovery(message: str) -> bool:
    return PENDING_CHECKPOINT in message or TORN_LOG in message


def _is_lock_error(message: str) -> bool:
    return "lock" in message.lower()


def recover(path: Path, message: str) -> str:
    """Bring the files at ``path`` back to an openable state; what was done, as one line.
    StoreLocked when another process holds the file (then it is that process's to finish)."""
    if PENDING_CHECKPOINT in message:
        return _finish_checkpoint(path)
    return _set_aside_torn_log(path)


def _probe_writable(path: Path) -> str | None:
    """Open read-write and close (which replays a pending checkpoint); the error's first line
    when that fails."""
    try:
        ladybug.Database(str(path), read_only=False, buffer_pool_size=64 * 2**20).close()
    except RuntimeError as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


def _finish_checkpoint(path: Path) -> str:
    error = _probe_writable(path)
    if error is None:
        done = f"{path}: finished a checkpoint an earlier process left half-done"
        log.warning(done)
        return done
    if _is_lock_error(error):
        raise StoreLocked(
            f"{path}: a checkpoint is in progress in another process; retry when it finishes",
            path=str(path),
        )
    raise StoreError(
        f"{path}: a checkpoint was left half-done and a read-only open cannot finish it "
        f"({error}); run one write on it with write access, e.g. `plankg ingest --db {path} FILE`",
        path=str(path),
    )


def _set_aside_torn_log(path: Path) -> str:
    error = _probe_writable(path)
    if error is None:
        return f"{path}: opened"
    if _is_lock_error(error):
        raise StoreLocked(f"{path}: the database is in use by another process", path=str(path))
    if TORN_LOG not in error:
        raise StoreError(f"{path}: cannot open the database: {error}", path=str(path))
    wal = path.with_name(path.name + ".wal")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = wal.with_name(f"{wal.name}.torn-{stamp}")
    try:
        wal.rename(kept)
    except OSError as exc:
        raise StoreError(
            f"{path}: the write-ahead log is torn (a write died part-way) and cannot be moved "
            f"aside: {exc.strerror or exc}",
            path=str(path),
        ) from exc
    done = (
        f"{path}: a write that died part-way (its log moved aside to {kept.name}) was not "
        f"applied; the store holds the data it had before it"
    )
    log.warning(done)
    return done
