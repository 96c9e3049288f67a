"""Side by side: the embedded store and Neo4j on the same synthetic corpus, figure by figure.

For each store kind asked for (``embedded``, ``neo4j``):

* ingest: ``ingest_many`` of N plans (default 1, 100, 1000) into an empty store, the median of
  ``runs`` runs (a fresh file; the Neo4j database emptied before each run);
* at the largest N, each named query of the benchmark's cases (the same parameters on every
  store), the median latency of ``query_repeats`` calls after one warm-up call;
* the API (``plankg serve`` over that store, 127.0.0.1) under a short load from httpx threads:
  ``/industries/{ref}/offices`` and ``/gaps``, requests/s and p99.

The Neo4j database must be empty at the start (the run deletes everything in it) and is emptied
again at the end. ``compare_stores`` returns one JSON-ready dict; ``stores_markdown`` renders
it with a column per store and, with both, the ratio neo4j / embedded.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from plankg.bench.corpus import generate_plans
from plankg.bench.run import (
    API_PATHS,
    SEED,
    _free_port,
    _load_average,
    _pick_params,
    checked_sizes,
    latency_summary,
    load_test,
    machine_info,
    parse_all,
    query_cases,
    running_server,
)
from plankg.bench.timing import timed
from plankg.errors import InputError
from plankg.models import PlanRecord
from plankg.settings import Settings
from plankg.store import EmbeddedStore, GraphStore, open_store
from plankg.store.bulk import ingest_many
from plankg.store.neo4j_store import Neo4jStore
from plankg.store.queries import run_query

STORE_KINDS = ("embedded", "neo4j")
# A busy shared machine can take a while to start a server over a large store.
SERVER_START_S = 300.0


@dataclass
class StoresConfig:
    stores: Sequence[str] = STORE_KINDS
    sizes: Sequence[int] = (1, 100, 1000)
    runs: int = 3
    query_repeats: int = 30
    api_requests: int = 1000  # per path and store
    api_threads: int = 8
    api_workers: int = 2
    api_seconds: float = 10.0  # per path and store, whichever bound comes first
    seed: int = SEED
    label: str | None = None
    settings: Settings = field(default_factory=Settings)  # the Neo4j server to use
    work_dir: Path | None = None
    log: Callable[[str], None] = field(default=lambda message: None)


def check_stores(stores: Sequence[str], settings: Settings) -> list[str]:
    unknown = [kind for kind in stores if kind not in STORE_KINDS]
    if unknown or not stores:
        raise InputError(f"--store {','.join(stores)}: use embedded, neo4j or both")
    if "neo4j" in stores and not settings.neo4j_uri:
        raise InputError("--store neo4j needs a server: --neo4j URI or PLANKG_NEO4J_URI")
    return [kind for kind in STORE_KINDS if kind in stores]


class _Stores:
    """Empty stores of one kind, one per call: a new file, or the one Neo4j database emptied."""

    def __init__(self, kind: str, work: Path, settings: Settings) -> None:
        self.kind, self.work, self.settings = kind, work, settings
        self.last_file: Path | None = None

    def _neo4j(self) -> Neo4jStore:
        store = open_store(self.settings)
        assert isinstance(store, Neo4jStore)
        return store

    def check_empty(self) -> None:
        if self.kind != "neo4j":
            return
        with self._neo4j() as store:
            held = store.run_read("MATCH (n) RETURN count(n) AS n")[0]["n"]
        if held:
            raise InputError(
                f"{self.settings.neo4j_uri} holds {held} nodes and the benchmark deletes "
                f"everything in it: point --neo4j at an empty, throwaway server"
            )

    @contextmanager
    def empty(self, tag: str) -> Iterator[GraphStore]:
        if self.kind == "embedded":
            self.last_file = self.work / f"{tag}.lbdb"
            with EmbeddedStore(self.last_file) as embedded:
                yield embedded
            return
        with self._neo4j() as store:
            store.delete_everything()
            store.ensure_schema()
            yield store

    @contextmanager
    def opened(self) -> Iterator[GraphStore]:
        """The store the last ``empty`` filled."""
        if self.kind == "embedded":
            assert self.last_file is not None
            with EmbeddedStore(self.last_file, read_only=True) as embedded:
                yield embedded
            return
        with self._neo4j() as store:
            yield store

    def serve_args(self) -> list[str]:
        if self.kind == "embedded":
            assert self.last_file is not None
            return ["--db", str(self.last_file)]
        return ["--neo4j", str(self.settings.neo4j_uri)]

    def clean_up(self) -> None:
        if self.kind == "neo4j":
            with self._neo4j() as store:
                store.delete_everything()


def _ingest(stores: _Stores, plans: Sequence[PlanRecord], runs: int) -> dict[str, Any]:
    timings = []
    for run in range(runs):
        with stores.empty(f"ingest-{len(plans)}-{run}") as store:
            started = time.perf_counter()
            ingest_many(store, plans)
            timings.append(time.perf_counter() - started)
    return {"plans": len(plans), "seconds": round(statistics.median(timings), 3)}


def _queries(store: GraphStore, params: dict[str, Any], repeats: int) -> dict[str, Any]:
    by_query = {}
    for case in query_cases(params):
        call = partial(run_query, store, case.name, **case.params)
        call()  # warm the server's or the file's plan cache once
        times, rows = timed(call, repeats)
        by_query[case.name] = {"rows": len(rows), **latency_summary(times)}
    return by_query


def _api(stores: _Stores, industry_ref: str, config: StoresConfig) -> dict[str, Any]:
    port = _free_port()
    results: dict[str, Any] = {}
    env = None
    if stores.kind == "neo4j" and config.settings.neo4j_password is not None:
        env = {"PLANKG_NEO4J_PASSWORD": config.settings.neo4j_password.get_secret_value()}
    with (
        _environment(env),
        running_server(stores.serve_args(), port, config.api_workers, SERVER_START_S),
    ):
        for path in API_PATHS:
            url = f"http://127.0.0.1:{port}{path.format(ref=industry_ref)}"
            # Warm every worker's kept answers before timing.
            load_test(url, min(50, config.api_requests), config.api_threads, config.api_seconds)
            results[path] = load_test(
                url, config.api_requests, config.api_threads, config.api_seconds
            )
    return results


@contextmanager
def _environment(extra: dict[str, str] | None) -> Iterator[None]:
    """Variables the server subprocess inherits (the Neo4j password: never on a command line)."""
    saved = {name: os.environ.get(name) for name in extra or {}}
    os.environ.update(extra or {})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def compare_stores(config: StoresConfig) -> dict[str, Any]:
    """Every figure for every store of ``config``, as one JSON-ready dict."""
    kinds = check_stores(config.stores, config.settings)
    sizes = checked_sizes(config.sizes)
    result: dict[str, Any] = {
        "machine": machine_info(),
        "settings": {
            "stores": kinds,
            "sizes": sizes,
            "runs": config.runs,
            "seed": config.seed,
            "label": config.label,
            "query_repeats": config.query_repeats,
            "api_requests": config.api_requests,
            "api_threads": config.api_threads,
            "api_workers": config.api_workers,
        },
        "stores": {},
    }
    with tempfile.TemporaryDirectory(dir=config.work_dir) as tmp:
        work = Path(tmp)
        by_kind = {kind: _Stores(kind, work / kind, config.settings) for kind in kinds}
        for stores in by_kind.values():
            stores.work.mkdir()
            stores.check_empty()
        corpus = {n: parse_all(generate_plans(n, config.seed)) for n in sizes}
        params: dict[str, Any] | None = None
        try:
            for kind, stores in by_kind.items():
                figures: dict[str, Any] = {"ingest": []}
                for n in sizes:
                    config.log(f"{kind}: ingest of {n} plans")
                    figures["ingest"].append(_ingest(stores, corpus[n], config.runs))
                with stores.opened() as store:
                    # Parameters picked once, on the first store: every store answers the same.
                    params = params or _pick_params(store)
                    config.log(f"{kind}: named queries at N={sizes[-1]}")
                    figures["queries"] = _queries(store, params, config.query_repeats)
                config.log(f"{kind}: API under load")
                figures["api"] = _api(stores, params["industry_id"], config)
                result["stores"][kind] = figures
        finally:
            for stores in by_kind.values():
                stores.clean_up()
    result["machine"]["load_average_end"] = _load_average()
    return result


# ------------------------------------------------------------------ the report


def figure_rows(result: dict[str, Any]) -> list[tuple[str, dict[str, float], bool]]:
    """(figure, value per store, higher is better) in report order."""
    stores = result["stores"]
    first = next(iter(stores.values()))
    rows: list[tuple[str, dict[str, float], bool]] = []
    for i, size in enumerate(first["ingest"]):
        rows.append(
            (
                f"ingest of {size['plans']} plans, s",
                {k: v["ingest"][i]["seconds"] for k, v in stores.items()},
                False,
            )
        )
    for name in first["queries"]:
        # Every store must answer with as many rows; a difference shows in the figure's name.
        counts = " / ".join(sorted({str(v["queries"][name]["rows"]) for v in stores.values()}))
        rows.append(
            (
                f"query `{name}` ({counts} rows), p50 ms",
                {k: v["queries"][name]["p50_ms"] for k, v in stores.items()},
                False,
            )
        )
    for path in first["api"]:
        rows.append(
            (
                f"API `{path}`, req/s",
                {k: v["api"][path]["req_per_s"] for k, v in stores.items()},
                True,
            )
        )
        rows.append(
            (
                f"API `{path}`, p99 ms",
                {k: v["api"][path]["p99_ms"] for k, v in stores.items()},
                False,
            )
        )
    return rows


def stores_markdown(result: dict[str, Any]) -> str:
    settings, machine = result["settings"], result["machine"]
    kinds: list[str] = settings["stores"]
    both = kinds == list(STORE_KINDS)
    measured = f" Measured: {settings['label']}." if settings.get("label") else ""
    header = ["figure", *kinds, *(["neo4j / embedded"] if both else [])]
    lines = [
        "## Embedded store and Neo4j side by side",
        "",
        f"`plankg bench --store both`: the same synthetic corpus (seed {settings['seed']}) on "
        f"each store. Ingest = `ingest_many` into an empty store, median of {settings['runs']} "
        f"runs; queries = median of {settings['query_repeats']} calls at N = "
        f"{settings['sizes'][-1]}; API = `plankg serve --workers {settings['api_workers']}` "
        f"over the store, {settings['api_requests']} requests per path from "
        f"{settings['api_threads']} httpx threads (time-bounded).{measured} The ratio is "
        "neo4j / embedded (above 1: Neo4j takes longer, or serves more requests per second).",
        "",
        f"Machine: {machine['cores']} cores, {machine['cpu']}; Python {machine['python']}. Load "
        f"average (1/5/15 min) at the start {machine['load_average_start']}, at the end "
        f"{machine['load_average_end']}.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for name, values, _ in figure_rows(result):
        cells = [name, *(str(values[k]) for k in kinds)]
        if both:
            base = values["embedded"]
            cells.append(f"{values['neo4j'] / base:.2f}" if base else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
