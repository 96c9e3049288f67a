"""Users' Cypher on an embedded store runs in a child process, where a crash or a runaway
cannot hurt the server.

The child (``_cypher_child.py``) opens the file read-only, under a cap on its address space, and
stays up between queries (a start is one interpreter and one open, paid once, and again only
after the file changed or a query killed it). Each query has a wall limit: the database's own
timeout first, then, should it not stop in time, the child is killed. The child streams rows out
of the result and stops at the row cap or the byte cap, whichever comes first.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from plankg.errors import QueryError, ReadOnlyViolation, StoreError
from plankg.store.protocol import BoundedRows

_CHILD = Path(__file__).with_name("_cypher_child.py")
_START_TIMEOUT_S = 30.0
_KILL_GRACE_S = 1.0  # past the query timeout, before the child is killed


def _file_state(path: Path) -> tuple[tuple[int, int], ...]:
    """What changes when a writer commits: the file's and its WAL's size and time."""
    state = []
    for candidate in (path, path.with_name(path.name + ".wal")):
        try:
            info = candidate.stat()
        except OSError:
            state.append((0, 0))
        else:
            state.append((info.st_size, info.st_mtime_ns))
    return tuple(state)


class CypherSandbox:
    """One child per store; queries take turns (the endpoint is for power users, not load)."""

    def __init__(self, path: Path, *, buffer_pool_mb: int, memory_mb: int) -> None:
        self.path = path
        self.buffer_pool_mb = buffer_pool_mb
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._state: tuple[tuple[int, int], ...] = ()
        self._pending = b""

    def run(
        self,
        cypher: str,
        params: dict[str, Any],
        *,
        timeout_s: float,
        max_rows: int,
        max_bytes: int,
    ) -> BoundedRows:
        request = {
            "cypher": cypher,
            "params": params,
            "timeout_ms": int(timeout_s * 1000),
            "max_rows": max_rows,
            "max_bytes": max_bytes,
        }
        with self._lock:
            child = self._ready_child()
            assert child.stdin is not None
            try:
                child.stdin.write(json.dumps(request, ensure_ascii=False).encode() + b"\n")
                child.stdin.flush()
            except OSError:
                self._stop()
                raise QueryError("the query process stopped; try again") from None
            reply = self._reply(child, time.monotonic() + timeout_s + _KILL_GRACE_S)
            if reply is None:
                self._stop()
                raise QueryError(f"the query ran longer than {timeout_s:g} s and was stopped")
        return _answer(reply, timeout_s)

    def _ready_child(self) -> subprocess.Popen[bytes]:
        state = _file_state(self.path)
        if self._child is not None and (self._child.poll() is not None or state != self._state):
            self._stop()  # gone, or the store changed since it opened the file
        if self._child is None:
            self._child = subprocess.Popen(
                [
                    sys.executable,
                    str(_CHILD),
                    str(self.path),
                    str(self.buffer_pool_mb),
                    str(self.memory_mb),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                close_fds=True,
            )
            self._state = state
            self._pending = b""
            ready = self._reply(self._child, time.monotonic() + _START_TIMEOUT_S)
            if not ready or not ready.get("ready"):
                self._stop()
                raise StoreError(f"{self.path}: cannot open the store for a Cypher query")
        return self._child

    def _reply(self, child: subprocess.Popen[bytes], deadline: float) -> dict[str, Any] | None:
        """The child's next reply line; None when the deadline passes; a crash is an error."""
        assert child.stdout is not None
        fd = child.stdout.fileno()
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            readable, _, _ = select.select([fd], [], [], left)
            if not readable:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                self._stop()
                raise QueryError(
                    "the query stopped its process (it needed more memory than allowed, "
                    "or crashed the database library); the server is unaffected"
                )
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def _stop(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        with contextlib.suppress(OSError):
            child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self) -> None:
        with self._lock:
            self._stop()


def _answer(reply: dict[str, Any], timeout_s: float) -> BoundedRows:
    error = reply.get("error")
    message = str(reply.get("message", ""))
    if error == "timeout":
        raise QueryError(f"the query ran longer than {timeout_s:g} s and was stopped")
    if error == "memory":
        raise QueryError(f"the query needs more memory than allowed: {message}")
    if error == "read_only":
        raise ReadOnlyViolation(f"the query tries to write; reads only here: {message}")
    if error:
        raise QueryError(f"the query failed: {message}")
    return BoundedRows(columns=reply["columns"], rows=reply["rows"], truncated=reply["truncated"])
