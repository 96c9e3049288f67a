"""The benchmark: parse, bulk ingest, named queries, API and start-up, on a synthetic corpus.

For each corpus size N (default 1, 100, 1000 plans from :mod:`plankg.bench.corpus`):

* parse: reader + outline + extractors, no store (MB/s of UTF-8 text, tasks/s);
* ingest: ``ingest_many`` into a fresh embedded store (plans/s, rows/s, seconds, peak RSS),
  against a naive baseline that writes one statement per row (``batch_size=1``), timed on a
  subset of at most ``NAIVE_PLANS`` plans and scaled linearly to N;

and at the largest N only:

* each named query's latency (p50/p95/p99) against the same question answered in memory by
  networkx (the graph projected with ``plankg.analysis.projection.graph_from_export``);
* the API (``plankg serve`` on 127.0.0.1) under concurrent load from httpx threads:
  ``/industries/{ref}/offices`` and ``/gaps``, requests/s and p99, and the server's RSS;
* ``plankg --help`` cold start (a fresh interpreter each time).
* Cold ``plankg ingest`` of the bundled sample and ``plankg query offices-sharing`` on it: wall
  time and peak RSS, beside a baseline install's when one is given (``plankg.bench.coldstart``).

Timed figures are medians over ``runs`` runs. Everything happens in a temporary directory.
The machine's load average is recorded at the start and the end: other work on the machine
inflates every figure. ``compare_with_baseline`` sets a result beside an earlier one (another
commit's ``--json``) figure by figure.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil

from plankg.bench.coldstart import bench_cold_commands
from plankg.bench.corpus import generate_plans
from plankg.bench.paged import bench_paged
from plankg.bench.timing import timed
from plankg.errors import InputError, StoreError
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text
from plankg.models import PlanRecord
from plankg.store import EmbeddedStore, export_graph, plan_to_rows
from plankg.store.bulk import ingest_many
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query

NAIVE_PLANS = 20
SEED = 2024
API_PATHS = ("/industries/{ref}/offices", "/gaps")
RESULT_KEYS = (
    "machine",
    "settings",
    "sizes",
    "queries",
    "paged",
    "api",
    "cold_start",
    "cold_commands",
    "goals",
)
# Figures where a larger number is the better one; every other figure is a time or a size.
HIGHER_IS_BETTER_SUFFIXES = ("req_per_s",)


@dataclass
class BenchConfig:
    sizes: Sequence[int] = (1, 100, 1000)
    runs: int = 3
    query_repeats: int = 200
    api_requests: int = 2000  # per path
    api_threads: int = 8
    api_workers: int = 2  # `plankg serve --workers`: server processes over the read-only store
    api_client: str = "auto"  # wrk when installed (time-bounded), else httpx threads; or force
    api_seconds: float = 30.0  # per path, whichever bound comes first
    cold_start_runs: int = 7
    # Another install's `plankg` (e.g. the commit before a change): its cold ingest and query
    # are measured beside this one's, in the same run.
    baseline_command: Sequence[str] | None = None
    seed: int = SEED
    label: str | None = None  # what was measured, e.g. a commit; shown beside the figures
    work_dir: Path | None = None
    log: Callable[[str], None] = field(default=lambda message: None)


# ------------------------------------------------------------------ measuring helpers


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    return {f"p{q}_ms": round(percentile(seconds, q) * 1000, 3) for q in (50, 95, 99)}


class PeakRss:
    """The highest RSS of a process seen by a sampling thread while the block runs."""

    def __init__(self, pid: int | None = None, interval: float = 0.02) -> None:
        self.process = psutil.Process(pid or os.getpid())
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()

    def _rss(self) -> int:
        """The process and its children (a server's worker processes) together."""
        total = self.process.memory_info().rss
        for child in self.process.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                total += child.memory_info().rss
        return int(total)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self.peak = self._rss()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)


def machine_info() -> dict[str, Any]:
    model = platform.processor() or ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            model,
        )
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu": model,
        "python": platform.python_version(),
        "ladybug": version("ladybug"),
        "platform": platform.platform(),
        "load_average_start": _load_average(),
    }


def _load_average() -> list[float]:
    return [round(load, 2) for load in os.getloadavg()]


# ------------------------------------------------------------------ parse and ingest


def parse_all(docs: Sequence[tuple[str, str]]) -> list[PlanRecord]:
    return [build_plan(clean_text(text, source_name=name)) for name, text in docs]


def bench_parse(
    docs: Sequence[tuple[str, str]], runs: int
) -> tuple[dict[str, Any], list[PlanRecord]]:
    megabytes = sum(len(text.encode("utf-8")) for _, text in docs) / 2**20
    timings, plans = timed(lambda: parse_all(docs), runs)
    seconds = statistics.median(timings)
    tasks = sum(len(p.tasks) for p in plans)
    return {
        "plans": len(docs),
        "megabytes": round(megabytes, 3),
        "tasks": tasks,
        "seconds": round(seconds, 3),
        "mb_per_s": round(megabytes / seconds, 3),
        "tasks_per_s": round(tasks / seconds, 1),
        "plans_per_s": round(len(docs) / seconds, 1),
    }, plans


def _row_count(plans: Sequence[PlanRecord]) -> int:
    return sum(sum(plan_to_rows(plan, loaded_at="bench").count()) for plan in plans)


def bench_ingest(plans: Sequence[PlanRecord], work: Path, runs: int) -> dict[str, Any]:
    rows = _row_count(plans)
    timings, peaks = [], []
    for run in range(runs):
        with EmbeddedStore(work / f"bulk-{len(plans)}-{run}.lbdb") as store, PeakRss() as rss:
            started = time.perf_counter()
            ingest_many(store, plans)
            timings.append(time.perf_counter() - started)
        peaks.append(rss.peak_mb)
    seconds = statistics.median(timings)
    naive = bench_naive(plans[:NAIVE_PLANS], work / f"naive-{len(plans)}.lbdb")
    naive_scaled = naive["seconds"] * len(plans) / naive["plans"]
    return {
        "plans": len(plans),
        "rows": rows,
        "seconds": round(seconds, 3),
        "plans_per_s": round(len(plans) / seconds, 1),
        "rows_per_s": round(rows / seconds),
        "peak_rss_mb": max(peaks),
        "naive": {
            **naive,
            "scaled_seconds": round(naive_scaled, 3),
            "scaled_from_subset": naive["plans"] < len(plans),
        },
        "speedup_vs_naive": round(naive_scaled / seconds, 1),
    }


def bench_naive(plans: Sequence[PlanRecord], db: Path) -> dict[str, Any]:
    """One write statement per row (``UNWIND`` of a single row), one transaction per plan, into
    the fresh store ``db``."""
    with EmbeddedStore(db, batch_size=1) as store:
        started = time.perf_counter()
        for plan in plans:
            store.write_plan(plan_to_rows(plan, loaded_at="bench"))
        seconds = time.perf_counter() - started
    rows = _row_count(plans)
    return {
        "plans": len(plans),
        "rows": rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(rows / seconds),
    }


# ------------------------------------------------------------------ queries vs networkx


@dataclass(frozen=True)
class QueryCase:
    name: str
    params: dict[str, Any]
    in_memory: Callable[[Any], Any]


def _pick_params(store: GraphStore) -> dict[str, Any]:
    industries = run_query(store, "industries")
    office = store.run_read(
        "MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(:Task) RETURN o.id AS id, count(r) AS n "
        "ORDER BY n DESC, id LIMIT 1"
    )
    years = store.run_read(
        "MATCH (g:Target) WHERE g.year IS NOT NULL RETURN g.year AS year, "
        "count(g) AS n ORDER BY n DESC, year LIMIT 1"
    )
    if not industries or not office or not years:
        raise StoreError("benchmark store holds no industry, office or dated target to query")
    return {
        "industry_id": industries[0]["industry_id"],
        "office_id": office[0]["id"],
        "year": years[0]["year"],
    }


def query_cases(picked: dict[str, Any]) -> list[QueryCase]:
    from plankg.bench import memory

    industry, office, year = picked["industry_id"], picked["office_id"], picked["year"]
    return [
        QueryCase(
            "offices_sharing", {"ids": [industry]}, lambda g: memory.offices_sharing(g, industry)
        ),
        QueryCase("office_tasks", {"office_id": office}, lambda g: memory.office_tasks(g, office)),
        QueryCase("targets", {"year": year}, lambda g: memory.targets(g, year)),
        QueryCase("gap_shared_without_lead", {}, memory.gap_shared_without_lead),
        QueryCase("gap_no_owner", {}, memory.gap_no_owner),
        QueryCase("gap_collective_owner", {}, memory.gap_collective_owner),
        QueryCase("gap_open_ended", {}, memory.gap_open_ended),
    ]


def bench_queries(store: EmbeddedStore, repeats: int) -> dict[str, Any]:
    from plankg.analysis.projection import graph_from_export

    started = time.perf_counter()
    graph = graph_from_export(export_graph(store))
    projection_s = time.perf_counter() - started
    # The projection holds millions of objects the collector would otherwise walk on every full
    # collection, pausing whichever call is being timed (~0.9 s): a cost of this harness, not of
    # either answer. Freezing moves them out of its reach for the timings.
    gc.collect()
    gc.freeze()
    try:
        return _time_queries(store, graph, projection_s, repeats)
    finally:
        gc.unfreeze()


def _time_queries(
    store: EmbeddedStore, graph: Any, projection_s: float, repeats: int
) -> dict[str, Any]:
    cases = query_cases(_pick_params(store))
    results: dict[str, Any] = {
        "projection_seconds": round(projection_s, 3),
        "graph_nodes": graph.number_of_nodes(),
        "graph_edges": graph.number_of_edges(),
        "by_query": {},
    }
    for case in cases:
        run_query(store, case.name, **case.params)  # warm the plan cache once
        store_times, rows = timed(partial(run_query, store, case.name, **case.params), repeats)
        memory_times, answer = timed(partial(case.in_memory, graph), repeats)
        store_p50 = percentile(store_times, 50)
        memory_p50 = percentile(memory_times, 50)
        results["by_query"][case.name] = {
            "params": case.params,
            "rows": len(rows),
            "networkx_rows": len(answer),
            "store": latency_summary(store_times),
            "networkx": latency_summary(memory_times),
            "store_over_networkx_p50": round(store_p50 / memory_p50, 1) if memory_p50 else None,
        }
    return results


# ------------------------------------------------------------------ API under load


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(
    store_args: Sequence[str], port: int, workers: int = 1, start_timeout: float = 60.0
) -> Iterator[subprocess.Popen[bytes]]:
    """`plankg serve` over the store ``store_args`` names (``--db FILE`` or ``--neo4j URI``)."""
    command = [
        sys.executable,
        "-c",
        "from plankg.cli import app; app()",
        "serve",
        *store_args,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_up(server, port, start_timeout)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen[bytes], port: int, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stderr = server.stderr.read() if server.stderr else b""
            message = stderr.decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"plankg serve exited with {server.returncode}: "
                f"{message[-1] if message else 'no message'}"
            )
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise StoreError(f"plankg serve did not answer on 127.0.0.1:{port} within {timeout:.0f} s")


def load_test(url: str, requests: int, threads: int, seconds: float) -> dict[str, Any]:
    """``requests`` GETs of ``url`` from ``threads`` threads (or until ``seconds`` pass)."""
    import httpx

    lock = threading.Lock()
    issued = [0]
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds

    def worker() -> None:
        with httpx.Client(timeout=30.0) as client:
            while time.monotonic() < deadline:
                with lock:
                    if issued[0] >= requests:
                        return
                    issued[0] += 1
                started = time.perf_counter()
                try:
                    failed = client.get(url).status_code >= 400
                except httpx.HTTPError:
                    # A timed-out or refused request is a failed one, not the end of the run.
                    failed = True
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors[0] += failed

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "threads": threads,
        "seconds": round(wall, 3),
        "req_per_s": round(len(latencies) / wall, 1),
        **latency_summary(latencies),
    }


_WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_WRK_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_load_test(url: str, threads: int, seconds: float) -> dict[str, Any]:
    """The same load from ``wrk`` (a native HTTP client, so the client is not the bottleneck):
    ``threads`` connections for ``seconds``."""
    run = subprocess.run(
        [
            "wrk",
            f"-t{min(threads, 2)}",
            f"-c{threads}",
            f"-d{max(1, int(seconds))}s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    return parse_wrk(run.stdout, threads)


def _wrk_figure(pattern: str, output: str) -> str:
    found = re.search(pattern, output)
    if found is None:
        raise StoreError(f"wrk printed no line matching {pattern!r}")
    return found.group(1)


def parse_wrk(output: str, threads: int) -> dict[str, Any]:
    requests = int(_wrk_figure(r"(\d+) requests in ([\d.]+)(ms|s)", output))
    rate = float(_wrk_figure(r"Requests/sec:\s+([\d.]+)", output))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    latency = {
        f"p{q}_ms": round(float(v) * _WRK_UNIT_MS[u], 3) for q, v, u in _WRK_LATENCY.findall(output)
    }
    return {
        "client": "wrk",
        "requests": requests,
        "errors": errors + (int(bad.group(1)) if bad else 0),
        "threads": threads,
        "req_per_s": rate,
        **latency,
    }


def bench_api(db: Path, industry_ref: str, config: BenchConfig) -> dict[str, Any]:
    port = _free_port()
    results: dict[str, Any] = {"workers": config.api_workers}
    if config.api_client not in ("auto", "wrk", "httpx"):
        raise InputError(f"--api-client {config.api_client!r}: use auto, wrk or httpx")
    use_wrk = config.api_client == "wrk" or (
        config.api_client == "auto" and shutil.which("wrk") is not None
    )
    with (
        running_server(["--db", str(db)], port, config.api_workers) as server,
        PeakRss(server.pid) as rss,
    ):
        for path in API_PATHS:
            url = f"http://127.0.0.1:{port}{path.format(ref=industry_ref)}"
            # Warm every worker's kept answers before timing.
            load_test(url, min(50, config.api_requests), config.api_threads, config.api_seconds)
            if use_wrk:
                results[path] = wrk_load_test(
                    url, config.api_threads, min(config.api_seconds, 10.0)
                )
            else:
                results[path] = {
                    "client": "httpx threads",
                    **load_test(url, config.api_requests, config.api_threads, config.api_seconds),
                }
    results["server_peak_rss_mb"] = rss.peak_mb
    return results


# ------------------------------------------------------------------ cold start


def plankg_command() -> list[str]:
    script = Path(sys.executable).parent / "plankg"
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from plankg.cli import app; app()"]
    )


def bench_cold_start(runs: int) -> dict[str, Any]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*plankg_command(), "--help"], check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return {
        "runs": runs,
        "median_s": round(statistics.median(timings), 3),
        "min_s": round(min(timings), 3),
    }


# ------------------------------------------------------------------ the whole run


GOALS = {
    "ingest_1000_s": 5.0,
    "query_p99_ms": 20.0,
    "paged_tasks_p99_ms": 20.0,
    "api_offices_req_per_s": 1500.0,
    "peak_rss_mb": 1024.0,
    "cold_start_s": 0.3,
    "cold_ingest_s": 1.0,
    "cold_ingest_rss_mb": 250.0,
    "cold_query_s": 0.5,
    "cold_query_rss_mb": 150.0,
}


def _goal_check(result: dict[str, Any]) -> dict[str, Any]:
    largest = result["sizes"][-1]
    checks: dict[str, Any] = {}
    ingest = largest["ingest"]["seconds"] * 1000 / largest["plans"]
    checks["ingest_1000_s"] = {
        "value": round(ingest, 3),
        "goal": GOALS["ingest_1000_s"],
        "met": ingest <= GOALS["ingest_1000_s"],
    }
    if result["queries"]:
        worst = max(q["store"]["p99_ms"] for q in result["queries"]["by_query"].values())
        checks["query_p99_ms"] = {
            "value": worst,
            "goal": GOALS["query_p99_ms"],
            "met": worst <= GOALS["query_p99_ms"],
        }
    if result.get("paged"):
        worst = max(c["paged"]["p99_ms"] for c in result["paged"]["by_case"].values())
        checks["paged_tasks_p99_ms"] = {
            "value": worst,
            "goal": GOALS["paged_tasks_p99_ms"],
            "met": worst <= GOALS["paged_tasks_p99_ms"],
        }
    if result["api"]:
        rate = result["api"][API_PATHS[0]]["req_per_s"]
        checks["api_offices_req_per_s"] = {
            "value": rate,
            "goal": GOALS["api_offices_req_per_s"],
            "met": rate >= GOALS["api_offices_req_per_s"],
        }
    peak = max(
        [s["ingest"]["peak_rss_mb"] for s in result["sizes"]]
        + ([result["api"]["server_peak_rss_mb"]] if result["api"] else [])
    )
    checks["peak_rss_mb"] = {
        "value": peak,
        "goal": GOALS["peak_rss_mb"],
        "met": peak <= GOALS["peak_rss_mb"],
    }
    cold = result["cold_start"]["median_s"]
    checks["cold_start_s"] = {
        "value": cold,
        "goal": GOALS["cold_start_s"],
        "met": cold <= GOALS["cold_start_s"],
    }
    now = result.get("cold_commands", {}).get("now")
    if now:
        for step in ("ingest", "query"):
            for figure, unit in (("median_s", "s"), ("peak_rss_mb", "rss_mb")):
                name = f"cold_{step}_{unit}"
                value = now[step][figure]
                checks[name] = {"value": value, "goal": GOALS[name], "met": value <= GOALS[name]}
    return checks


def checked_sizes(requested: Sequence[int]) -> list[int]:
    """The distinct plan counts to measure, smallest first; a count below one is refused."""
    sizes = sorted(set(requested))
    if not sizes or sizes[0] < 1:
        raise StoreError(f"benchmark sizes must be positive plan counts, got {list(requested)}")
    return sizes


def run_benchmark(config: BenchConfig) -> dict[str, Any]:
    """Every measurement for ``config``, as one JSON-ready dict (keys: RESULT_KEYS)."""
    sizes = checked_sizes(config.sizes)
    result: dict[str, Any] = {
        "machine": machine_info(),
        "settings": {
            "sizes": sizes,
            "runs": config.runs,
            "seed": config.seed,
            "label": config.label,
            "query_repeats": config.query_repeats,
            "api_requests": config.api_requests,
            "api_threads": config.api_threads,
            "naive_subset_plans": NAIVE_PLANS,
        },
        "sizes": [],
        "queries": {},
        "paged": {},
        "api": {},
        "cold_start": {},
        "cold_commands": {},
    }
    with tempfile.TemporaryDirectory(dir=config.work_dir) as tmp:
        work = Path(tmp)
        for n in sizes:
            config.log(f"N={n}: generating and parsing")
            docs = generate_plans(n, config.seed)
            parse, plans = bench_parse(docs, config.runs)
            config.log(f"N={n}: ingesting")
            ingest = bench_ingest(plans, work, config.runs)
            result["sizes"].append({"plans": n, "parse": parse, "ingest": ingest})
        db = work / f"bulk-{sizes[-1]}-0.lbdb"
        config.log(f"N={sizes[-1]}: named queries vs networkx")
        with EmbeddedStore(db) as store:
            result["queries"] = bench_queries(store, config.query_repeats)
            industry_ref = result["queries"]["by_query"]["offices_sharing"]["params"]["ids"][0]
            config.log(f"N={sizes[-1]}: API-paged task lists, paged vs whole list")
            result["paged"] = bench_paged(store, min(config.query_repeats, 50), latency_summary)
        config.log(f"N={sizes[-1]}: API under load")
        result["api"] = bench_api(db, industry_ref, config)
        config.log("cold ingest and query of the sample")
        commands = {"now": plankg_command()}
        if config.baseline_command:
            commands["baseline"] = list(config.baseline_command)
        result["cold_commands"] = bench_cold_commands(commands, work, config.runs)
    config.log("cold start")
    result["cold_start"] = bench_cold_start(config.cold_start_runs)
    result["goals"] = _goal_check(result)
    result["machine"]["load_average_end"] = _load_average()
    return result


# ------------------------------------------------------------------ against a baseline


def headline_figures(result: dict[str, Any]) -> dict[str, float]:
    """The figures two results are compared on, by name, in report order."""
    figures: dict[str, float] = {}
    for size in result["sizes"]:
        n = size["plans"]
        figures[f"parse s, N={n}"] = size["parse"]["seconds"]
        figures[f"ingest s, N={n}"] = size["ingest"]["seconds"]
        figures[f"ingest peak RSS MB, N={n}"] = size["ingest"]["peak_rss_mb"]
    for name, query in result.get("queries", {}).get("by_query", {}).items():
        figures[f"query {name} p99 ms"] = query["store"]["p99_ms"]
    for case, paged in result.get("paged", {}).get("by_case", {}).items():
        figures[f"paged tasks {case} p99 ms"] = paged["paged"]["p99_ms"]
    for path, api in result.get("api", {}).items():
        if isinstance(api, dict):
            figures[f"API {path} req_per_s"] = api["req_per_s"]
    if result.get("cold_start"):
        figures["cold start s"] = result["cold_start"]["median_s"]
    now = result.get("cold_commands", {}).get("now")
    if now:
        for step in ("ingest", "query"):
            figures[f"cold {step} s"] = now[step]["median_s"]
            figures[f"cold {step} peak RSS MB"] = now[step]["peak_rss_mb"]
    return figures


def compare_with_baseline(
    result: dict[str, Any], baseline: dict[str, Any], source: str
) -> dict[str, Any]:
    """Each figure both results have: the baseline's, this run's, and how many times better
    this run is (above 1: better; a time's ratio is baseline / now, a rate's now / baseline)."""
    before, now = headline_figures(baseline), headline_figures(result)
    figures = {}
    for name, value in now.items():
        if name not in before:
            continue
        higher_is_better = name.endswith(HIGHER_IS_BETTER_SUFFIXES)
        numerator, denominator = (
            (value, before[name]) if higher_is_better else (before[name], value)
        )
        figures[name] = {
            "baseline": before[name],
            "now": value,
            "times_better": round(numerator / denominator, 2) if denominator else None,
        }
    return {
        "source": source,
        "label": baseline["settings"].get("label"),
        "machine": baseline["machine"],
        "figures": figures,
    }


def write_json(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
