"""How much store work runs at once. LadybugDB serves every query's intermediate results from
one buffer pool; too many reads at once exhaust it ("the buffer pool is full") and, pushed
further, crash the library. So a store admits a bounded number of reads and writes at a time,
sized to its pool; one more waits a moment for a slot, then is turned away (ServerBusy: 503 with
Retry-After at the API) rather than handed to the library."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from plankg.errors import ServerBusy

POOL_BYTES_PER_READ = 128 * 2**20
"""Buffer pool per read in flight: measured, 8 concurrent reads of the API's mix fill a 512 MB
pool; 4 never did."""

READS_WHEN_UNBOUNDED = 8
"""When LadybugDB sizes the pool itself (a writable store: most of the RAM)."""


def reads_for_pool(pool_bytes: int) -> int:
    if pool_bytes <= 0:
        return READS_WHEN_UNBOUNDED
    return max(1, pool_bytes // POOL_BYTES_PER_READ)


class StoreSlots:
    def __init__(self, size: int, wait_s: float, name: str) -> None:
        self.size = size
        self.wait_s = wait_s
        self.name = name
        self._slots = threading.BoundedSemaphore(size)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if not self._slots.acquire(timeout=self.wait_s):
            raise ServerBusy(
                f"{self.name}: {self.size} store operations are in flight; retry in a moment",
                retry_after_s=1,
            )
        try:
            yield
        finally:
            self._slots.release()
