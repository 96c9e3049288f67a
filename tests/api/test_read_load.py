"""Load without crashes: 16 clients over a mix of the read endpoints against
`plankg serve --workers 2`, on loopback, for a bounded time. Every answer is a success, a
client error, or a 503 with Retry-After (the store's read slots were full); no worker dies.
Before the read slots and per-read connections, 8 clients on the sample store got 503 "buffer
pool is full" on a quarter of their requests and then crashed workers."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import httpx

from plankg.bench.corpus import generate_plans
from plankg.bench.run import _free_port, running_server
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text
from plankg.store import EmbeddedStore
from plankg.store.bulk import ingest_many

PLANS = 8  # the figures (200 plans) come from the same driver, run by hand
CLIENTS = 16
SECONDS = 6.0


def worker_pids(server_pid: int) -> list[int]:
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children")
    return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []


def read_paths(client: httpx.Client) -> list[str]:
    plan = client.get("/plans?limit=1").json()["items"][0]["id"]
    office = client.get("/offices?limit=1").json()["items"][0]["id"]
    industry = client.get("/industries?limit=1").json()["items"][0]["id"]
    task = client.get("/tasks?limit=1").json()["items"][0]["id"]
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


def test_concurrent_reads_get_answers_or_503_and_no_worker_dies(tmp_path):
    plans = [
        build_plan(clean_text(text, source_name=name)) for name, text in generate_plans(PLANS, 11)
    ]
    db = tmp_path / "load.lbdb"
    with EmbeddedStore(db) as store:
        ingest_many(store, plans)
    port = _free_port()
    with running_server(db, port, workers=2) as server:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30.0) as client:
            paths = read_paths(client)
        workers_before = worker_pids(server.pid)
        lock = threading.Lock()
        statuses: list[int] = []
        failures: list[str] = []
        busy_without_retry_after = [0]
        deadline = time.monotonic() + SECONDS

        def run(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=base, timeout=30.0) as client:
                while time.monotonic() < deadline:
                    path = rng.choice(paths)
                    try:
                        response = client.get(path)
                    except httpx.HTTPError as error:
                        with lock:
                            failures.append(f"{path}: {type(error).__name__}")
                        continue
                    with lock:
                        statuses.append(response.status_code)
                        if response.status_code >= 500 and response.status_code != 503:
                            failures.append(f"{path}: {response.status_code} {response.text[:120]}")
                        if response.status_code == 503 and "retry-after" not in response.headers:
                            busy_without_retry_after[0] += 1

        clients = [threading.Thread(target=run, args=(seed,)) for seed in range(CLIENTS)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        assert server.poll() is None
        assert worker_pids(server.pid) == workers_before
    assert len(workers_before) >= 2
    assert failures == []
    assert busy_without_retry_after == [0]
    assert len(statuses) > CLIENTS  # every client got answers, not one stuck request each
