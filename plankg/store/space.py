"""Room to write: a write that would run out of disk (or out of the process's file-size limit)
is refused before it touches the store, because LadybugDB cannot roll back a write-ahead log
that it failed to extend (it aborts the process and leaves the log torn)."""

from __future__ import annotations

import json
import resource
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from plankg.errors import StoreError

WRITE_FACTOR = 4
"""Bytes on disk per byte of row data: the log record, then the pages a checkpoint writes into
the database file (measured: 20 synthetic plans, 0.27 MB of rows, 0.85 MB of log and 1.1 MB of
new pages)."""

MARGIN_BYTES = 8 * 2**20
"""Head room kept free beyond the estimate: page allocation rounds up and the checkpoint writes
a shadow copy of the pages it changes."""


def payload_bytes(rows: Iterable[dict[str, Any]]) -> int:
    """The size of the rows as JSON: a cheap stand-in for what the log will hold."""
    return sum(len(json.dumps(row, ensure_ascii=False, default=str).encode()) for row in rows)


def needed_bytes(payload: int) -> int:
    return payload * WRITE_FACTOR + MARGIN_BYTES


def room_for_files(path: Path) -> int:
    """Bytes the store's files can still grow by: the free space of their file system, less
    when the process's RLIMIT_FSIZE caps the largest of them."""
    room = shutil.disk_usage(path.parent).free
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft != resource.RLIM_INFINITY:
        largest = max(
            (p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file()),
            default=0,
        )
        room = min(room, soft - largest)
    return max(room, 0)


def check_room(path: Path, payload: int, what: str) -> None:
    need = needed_bytes(payload)
    room = room_for_files(path)
    if room < need:
        raise StoreError(
            f"{path}: {what} refused, nothing was changed: it needs about {_mb(need)} of disk "
            f"and only {_mb(room)} is free; free some space and retry",
            path=str(path),
            needed=need,
            free=room,
        )


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"
