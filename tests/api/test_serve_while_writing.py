"""A read-only `plankg serve` over an embedded store while other processes write the same file
(`plankg ingest`, `plankg plans remove`): the server answers from the store as it is after
each write, never from the one it opened, and never with a 500. Before the store fence, it kept
serving the old plans and, after a few ingests, answered 500 (IndexError) and 400 "database file
may be corrupted"."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from plankg.bench.corpus import generate_plans
from plankg.bench.run import _free_port, running_server
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text
from plankg.store import EmbeddedStore, load_plan
from plankg.writes import remove_plan

PLANKG = [sys.executable, "-c", "from plankg.cli import app; app()"]
READ_PATHS = ("/plans", "/offices", "/tasks", "/industries", "/search?q=产业", "/gaps")


def plankg(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANKG_LANG": "en"}
    done = subprocess.run(
        [*PLANKG, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


def plan_files(folder: Path, count: int) -> list[Path]:
    files = []
    for name, text in generate_plans(count, 23):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def listed(client: httpx.Client) -> dict[str, str]:
    """Document number → plan id of every plan the server lists."""
    response = client.get("/plans", params={"limit": 500})
    assert response.status_code == 200, response.text
    return {item["doc_no"]: item["id"] for item in response.json()["items"]}


def write_from_here(db: Path, files: list[Path]) -> None:
    """Ingest each file, the first one again (a replacement), then remove it: written by this
    process, another than the server's, as often as the CLI would but without its start-up."""
    plans = [
        build_plan(clean_text(p.read_text(encoding="utf-8"), source_name=p.name)) for p in files
    ]
    for plan in [*plans, plans[0]]:
        with EmbeddedStore(db) as store:
            load_plan(store, plan)
    with EmbeddedStore(db) as store:
        assert remove_plan(store, plans[0].id).plan_id == plans[0].id


def test_server_answers_from_the_store_as_other_processes_write_it(tmp_path):
    first, second, *more = plan_files(tmp_path, 4)
    db = tmp_path / "shared.lbdb"
    plankg("ingest", str(first), "--db", str(db))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with (
        running_server(["--db", str(db)], port) as server,
        httpx.Client(base_url=base, timeout=30.0) as client,
    ):
        before = listed(client)
        assert len(before) == 1
        plankg("ingest", str(second), "--db", str(db))
        after_ingest = listed(client)
        assert len(after_ingest) == 2 and set(before) < set(after_ingest)
        (new_number,) = set(after_ingest) - set(before)
        new_id = after_ingest[new_number]
        assert client.get(f"/plans/{new_id}").status_code == 200
        plankg("plans", "remove", new_id, "--db", str(db))
        assert listed(client) == before
        assert client.get(f"/plans/{new_id}").status_code == 404

        # Writes one after another while four clients read all the time.
        tally = Reads()
        readers = [threading.Thread(target=tally.read_until_done, args=(base, n)) for n in range(4)]
        for thread in readers:
            thread.start()
        try:
            time.sleep(0.5)
            write_from_here(db, more)
            time.sleep(0.5)
        finally:
            tally.done.set()
            for thread in readers:
                thread.join()
        after_writes = listed(client)
        assert len(after_writes) == 2 and set(before) < set(after_writes)
        assert server.poll() is None
    assert tally.failures == []
    assert len(tally.statuses) > 20


@dataclass
class Reads:
    done: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def read_until_done(self, base: str, seed: int) -> None:
        with httpx.Client(base_url=base, timeout=30.0) as client:
            turn = seed
            while not self.done.is_set():
                path = READ_PATHS[turn % len(READ_PATHS)]
                turn += 1
                try:
                    response = client.get(path)
                except httpx.HTTPError as error:
                    with self.lock:
                        self.failures.append(f"{path}: {type(error).__name__}")
                    continue
                with self.lock:
                    self.statuses.append(response.status_code)
                    if response.status_code >= 500 and response.status_code != 503:
                        self.failures.append(
                            f"{path}: {response.status_code} {response.text[:160]}"
                        )
