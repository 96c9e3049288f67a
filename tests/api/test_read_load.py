"""Load without crashes: 16 clients over a mix of the read endpoints against
`plankg serve --workers 2` on a store of 200 synthetic plans, on loopback, for 20 s. Every
answer is a success, a client error, or a 503 with Retry-After (the store's read slots were
full); no worker dies; the workers' memory stays flat. Before the read slots and per-read
connections, 4-8 clients on the sample store got 503 "buffer pool is full" on half their
requests and then crashed workers (24 deaths in 160 s)."""

from __future__ import annotations

import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil

from plankg.bench.corpus import generate_plans
from plankg.bench.run import _free_port, running_server
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text
from plankg.store import EmbeddedStore
from plankg.store.bulk import ingest_many
from plankg.store.embedded import READ_ONLY_BUFFER_POOL_MB

PLANS = 200
CLIENTS = 16
SECONDS = 20.0
RSS_GROWTH_LIMIT_MB = READ_ONLY_BUFFER_POOL_MB
"""Flat memory: from the start of the load to its end a worker grows by no more than its
buffer pool, the one cache that may fill under reads (measured: 150-250 MB in 20 s). A leak of
the per-request kind, or requests admitted without bound, keeps growing past it."""


def worker_rss_mb(server_pid: int) -> dict[int, float]:
    """RSS of uvicorn's worker processes (multiprocessing's resource tracker aside)."""
    workers = psutil.Process(server_pid).children()
    return {
        worker.pid: worker.memory_info().rss / 2**20
        for worker in workers
        if "spawn_main" in " ".join(worker.cmdline())
    }


KINDS = ("plans", "offices", "industries", "tasks")


def read_paths(client: httpx.Client) -> list[str]:
    def first_id(listing: str) -> str:
        return quote(client.get(f"{listing}?limit=1").json()["items"][0]["id"], safe="")

    plan, office, industry, task = (first_id(f"/{kind}") for kind in KINDS)
    return [
        "/plans",
        f"/plans/{plan}",
        "/offices",
        f"/offices/{office}",
        "/tasks",
        f"/tasks/{task}",
        "/tasks?limit=500",
        "/industries",
        "/chains",
        f"/industries/{industry}/offices",
        "/targets",
        f"/gaps?plan={plan}",
        "/search?q=产业",
        "/health",
        f"/views/industries/{industry}",
        f"/views/plans/{plan}",
        "/analytics/workload",
        "/analytics/industries",
        "/progress",
        "/status",
    ]


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: list[int] = field(default_factory=list)
    latencies_s: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    busy_without_retry_after: int = 0

    def record(self, path: str, response: httpx.Response, elapsed_s: float) -> None:
        status = response.status_code
        with self.lock:
            self.statuses.append(status)
            self.latencies_s.append(elapsed_s)
            if status >= 500 and status != 503:
                self.failures.append(f"{path}: {status} {response.text[:120]}")
            if status == 503 and "retry-after" not in response.headers:
                self.busy_without_retry_after += 1

    def fail(self, path: str, error: Exception) -> None:
        with self.lock:
            self.failures.append(f"{path}: {type(error).__name__}")


def drive(base: str, paths: list[str], seed: int, deadline: float, tally: Tally) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60.0) as client:
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            started = time.monotonic()
            try:
                response = client.get(path)
            except httpx.HTTPError as error:
                tally.fail(path, error)
                continue
            tally.record(path, response, time.monotonic() - started)


def synthetic_store(db: Path) -> None:
    texts = generate_plans(PLANS, 11)
    plans = [build_plan(clean_text(text, source_name=name)) for name, text in texts]
    with EmbeddedStore(db) as store:
        ingest_many(store, plans)


def test_concurrent_reads_get_answers_or_503_and_no_worker_dies(tmp_path):
    db = tmp_path / "load.lbdb"
    synthetic_store(db)
    port = _free_port()
    with running_server(["--db", str(db)], port, workers=2) as server:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=60.0) as client:
            paths = read_paths(client)
        rss_start = worker_rss_mb(server.pid)
        tally = Tally()
        started = time.monotonic()
        clients = [
            threading.Thread(target=drive, args=(base, paths, seed, started + SECONDS, tally))
            for seed in range(CLIENTS)
        ]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        rss_end = worker_rss_mb(server.pid)
        assert server.poll() is None
    requests = len(tally.statuses)
    busy = tally.statuses.count(503)
    p99 = statistics.quantiles(tally.latencies_s, n=100)[98] if requests > 1 else 0.0
    print(
        f"\nload: {requests} requests in {SECONDS:.0f} s ({requests / SECONDS:.0f}/s), "
        f"503 {busy} ({busy / max(requests, 1):.1%}), p99 {p99 * 1000:.0f} ms, worker RSS MB "
        f"start {sorted(round(v) for v in rss_start.values())} "
        f"end {sorted(round(v) for v in rss_end.values())}"
    )
    assert len(rss_start) == 2
    # The same worker processes from start to end: none died and was replaced.
    assert set(rss_end) == set(rss_start)
    assert tally.failures == []
    assert tally.busy_without_retry_after == 0
    # The worker did work, not only turn requests away: a client's worth of answers each.
    assert requests - busy >= CLIENTS
    for pid, end_mb in rss_end.items():
        assert end_mb - rss_start[pid] <= RSS_GROWTH_LIMIT_MB, (pid, rss_start[pid], end_mb)
