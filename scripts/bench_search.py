"""Requests per second of ``GET /search`` on a store of synthetic plans.

Builds the store (``plankg.bench.corpus``, seed 2024), starts ``plankg serve --workers 2`` on
127.0.0.1 and drives it from keep-alive connections of a small asyncio HTTP/1.1 client (cheap
enough that the client is not what is measured), one query per request taken in turn from a list
of typical searches (Chinese, English, pinyin, a near spelling, a task code).

    python scripts/bench_search.py [--plans 200] [--seconds 10] [--connections 8] [--runs 5]
        [--workers 2] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import tempfile
import time
import urllib.parse
from pathlib import Path

import psutil

from plankg.bench.corpus import generate_plans
from plankg.bench.run import _free_port, parse_all, running_server
from plankg.store import EmbeddedStore
from plankg.store.bulk import ingest_many

QUERIES = [
    "有色",
    "有色金属",
    "youse",
    "Nonferrous",
    "新材料",
    "科技科",
    "1.2",
    "化工园区",
    "nonfer",
]


def build_store(db: Path, plans: int) -> None:
    with EmbeddedStore(db) as store:
        ingest_many(store, parse_all(generate_plans(plans, 2024)))


async def _client(port: int, deadline: float, queries: list[str], out: list[float]) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    failed = 0
    turn = 0
    while time.monotonic() < deadline:
        q = urllib.parse.quote(queries[turn % len(queries)])
        turn += 1
        started = time.perf_counter()
        writer.write(f"GET /search?q={q}&limit=20 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        await reader.readexactly(length)
        out.append(time.perf_counter() - started)
        failed += status != 200
    writer.close()
    return failed


async def _drive(port: int, seconds: float, connections: int) -> tuple[int, list[float]]:
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    failures = await asyncio.gather(
        *(_client(port, deadline, QUERIES[i:] + QUERIES[:i], latencies) for i in range(connections))
    )
    return sum(failures), latencies


def server_cpu_s(server: psutil.Process) -> float:
    """CPU seconds the server and its worker processes have used so far."""
    total = 0.0
    for process in [server, *server.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def one_run(
    port: int, seconds: float, connections: int, server: psutil.Process
) -> dict[str, float]:
    started, cpu, served = time.perf_counter(), time.process_time(), server_cpu_s(server)
    failed, latencies = asyncio.run(_drive(port, seconds, connections))
    wall = time.perf_counter() - started
    server_ms = (server_cpu_s(server) - served) / max(len(latencies), 1) * 1000
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
        "failed": failed,
        "client_cpu": (time.process_time() - cpu) / wall,
        "server_cpu_ms": server_ms,
        # What the server's CPU cost per request allows on the machine's cores, whatever share
        # of them other processes took during the run.
        "capacity": (os.cpu_count() or 1) * 1000 / server_ms if server_ms else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5, help="runs; the median is reported")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="the store (built there when absent)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db = args.db or Path(work) / "search.lbdb"
        if not db.exists():
            build_store(db, args.plans)
        port = _free_port()
        with running_server(["--db", str(db)], port, workers=args.workers) as server:
            process = psutil.Process(server.pid)
            asyncio.run(_drive(port, 2.0, args.connections))  # warm-up: indexes, caches
            runs = []
            for n in range(args.runs):
                run = one_run(port, args.seconds, args.connections, process)
                runs.append(run)
                print(
                    f"run {n + 1}: {run['requests']:.0f} requests, {run['rps']:.0f} req/s, "
                    f"p50 {run['p50_ms']:.1f} ms, p99 {run['p99_ms']:.1f} ms, "
                    f"{run['failed']:.0f} not 200, client CPU {run['client_cpu']:.0%} of a core, "
                    f"server CPU {run['server_cpu_ms']:.2f} ms/request "
                    f"(= {run['capacity']:.0f} req/s on {os.cpu_count()} cores)"
                )
    median = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    print(
        f"/search at {args.plans} plans, --workers {args.workers}, {args.connections} keep-alive "
        f"connections, {args.runs} runs of {args.seconds:g} s: median {median['rps']:.0f} req/s "
        f"(p50 {median['p50_ms']:.1f} ms, p99 {median['p99_ms']:.1f} ms); server CPU per "
        f"request: median {statistics.median(r['server_cpu_ms'] for r in runs):.2f} ms = "
        f"{statistics.median(r['capacity'] for r in runs):.0f} req/s on {os.cpu_count()} cores; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
