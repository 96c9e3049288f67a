"""The child process that runs users' Cypher on an embedded store (see ``cypher_sandbox``).

Run as a script (``python _cypher_child.py PATH BUFFER_POOL_MB MEMORY_MB``), so it imports only
the standard library and ``ladybug``: a start costs one interpreter and one read-only open. It
reads one JSON request a line on stdin and writes one JSON reply a line on its own copy of
stdout (the real fd 1 points at stderr, so nothing the library prints can corrupt a reply).

Its address space is capped (RLIMIT_AS) at the database's reserved mapping plus MEMORY_MB, so a
query that would grow without end fails here, or kills this process, and never the server.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import resource
import sys
from typing import Any

_MIN_RESERVED = 1 << 30


def _reserved_size(path: str) -> int:
    """The address space LadybugDB may map for the file: a power of two, room to spare."""
    try:
        size = os.path.getsize(path) * 4
    except OSError:
        size = 0
    reserved = _MIN_RESERVED
    while reserved < size:
        reserved <<= 1
    return reserved


def _plain(value: Any) -> Any:
    """A value JSON can carry: dates as ISO text, anything unknown as its text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return str(value)


def _run(conn: Any, request: dict[str, Any]) -> dict[str, Any]:
    conn.set_query_timeout(max(1, int(request["timeout_ms"])))
    conn.execute("BEGIN TRANSACTION READ ONLY")
    try:
        result = conn.execute(request["cypher"], request["params"])
        if isinstance(result, list):
            return {"error": "query", "message": "send one Cypher statement at a time"}
        columns = result.get_column_names()
        rows: list[dict[str, Any]] = []
        size = 0
        truncated = False
        while result.has_next():
            row = _plain(dict(zip(columns, result.get_next(), strict=False)))
            size += len(json.dumps(row, ensure_ascii=False).encode())
            if len(rows) >= request["max_rows"] or size > request["max_bytes"]:
                truncated = True
                break
            rows.append(row)
        return {"columns": columns, "rows": rows, "truncated": truncated}
    finally:
        # An interrupted query has already ended its transaction.
        with contextlib.suppress(RuntimeError):
            conn.execute("ROLLBACK")


def _error(exc: BaseException) -> dict[str, Any]:
    text = str(exc).strip()
    message = text.splitlines()[0] if text else type(exc).__name__
    if isinstance(exc, MemoryError) or "allocate memory" in message or "bad_alloc" in message:
        return {"error": "memory", "message": message}
    if "interrupt" in message.lower() or "timeout" in message.lower():
        return {"error": "timeout", "message": message}
    if "read-only" in message:
        return {"error": "read_only", "message": message}
    return {"error": "query", "message": message}


def main() -> None:
    path, buffer_pool_mb, memory_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    import ladybug

    reserved = _reserved_size(path)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = reserved + (buffer_pool_mb + memory_mb) * 2**20
    if hard == resource.RLIM_INFINITY or limit <= hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    db = ladybug.Database(
        path,
        read_only=True,
        buffer_pool_size=buffer_pool_mb * 2**20,
        max_db_size=reserved,
        max_num_threads=1,
    )
    conn = ladybug.Connection(db)
    replies.write('{"ready": true}\n')
    replies.flush()
    for line in sys.stdin:
        try:
            reply = _run(conn, json.loads(line))
        except (RuntimeError, ValueError, TypeError, MemoryError) as exc:
            reply = _error(exc)
        replies.write(json.dumps(reply, ensure_ascii=False) + "\n")
        replies.flush()


if __name__ == "__main__":
    main()
