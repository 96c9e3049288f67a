"""How many requests a worker works on at once. The read slots bound the store's share of a
request, but the rest (the analytics, a network page of thousands of nodes) runs in Python
threads sharing one interpreter lock: with no bound, sixteen clients on a store of 200 plans
made every one of a worker's requests sixteen times slower, replies took over a minute and
each request's working set added up in memory. So a worker admits a bounded number of
requests; one more waits up to ``store_wait_s`` for a place, then is answered 503 with
Retry-After. ``/health`` is always admitted: it must answer while the worker is saturated."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

from plankg.api.problems import error_response
from plankg.errors import ServerBusy

ALWAYS_ADMITTED = frozenset({"/health"})


class Admission:
    """ASGI middleware: at most ``size`` HTTP requests inside ``app`` at once."""

    def __init__(self, app: ASGIApp, *, size: int, wait_s: float) -> None:
        self.app = app
        self.size = size
        self.wait_s = wait_s
        self._places: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ALWAYS_ADMITTED:
            await self.app(scope, receive, send)
            return
        if self._places is None:  # created on the server's event loop
            self._places = asyncio.Semaphore(self.size)
        try:
            await asyncio.wait_for(self._places.acquire(), timeout=self.wait_s)
        except TimeoutError:
            busy = ServerBusy(
                f"{self.size} requests are in progress in this worker; retry in a moment",
                retry_after_s=1,
            )
            response = error_response(busy)
            await response(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._places.release()
