"""What a user feels on the command line: `plankg ingest` of the bundled sample into a fresh
store, then `plankg query offices-sharing` on that store, each in a new interpreter. Every run
records wall time and the child's peak RSS; the figures are medians.

Given a baseline command (another install's `plankg`, e.g. the commit before a change), both
are measured in the same run, run by run in turn, so the load of a shared machine falls on
both alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from plankg.errors import StoreError

STEPS = ("ingest", "query")


def run_child(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process running ``command`` to the end."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            last = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:]
            raise StoreError(
                f"{' '.join(command)} exited {child.returncode}: {last[0] if last else ''}"
            )
    # ru_maxrss is in kilobytes on Linux.
    return elapsed, usage.ru_maxrss / 1024


def concept_ref(db: Path) -> str:
    """An industry or chain the store holds, by id: what `offices-sharing` is asked about."""
    from plankg.analysis.names import concept_candidates
    from plankg.store.embedded import EmbeddedStore

    with EmbeddedStore(db, read_only=True) as store:
        candidates = concept_candidates(store)
    if not candidates:
        raise StoreError(f"{db}: the ingested sample holds no industry or chain to ask about")
    return candidates[0].id


def _summary(samples: list[tuple[float, float]]) -> dict[str, Any]:
    return {
        "runs": len(samples),
        "median_s": round(statistics.median(s for s, _ in samples), 3),
        "min_s": round(min(s for s, _ in samples), 3),
        "peak_rss_mb": round(statistics.median(m for _, m in samples), 1),
    }


def bench_cold_commands(
    commands: dict[str, list[str]], work: Path, runs: int
) -> dict[str, dict[str, Any]]:
    """For each named command (``{"now": [...plankg], "baseline": [...]}``): the medians of
    ``runs`` cold ingests of the sample into a fresh store and as many cold queries on it."""
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {
        name: {step: [] for step in STEPS} for name in commands
    }
    ref: str | None = None
    for run in range(runs):
        for name, command in commands.items():
            db = work / f"cold-{name}-{run}.lbdb"
            samples[name]["ingest"].append(run_child([*command, "ingest", "--db", str(db)]))
            ref = ref or concept_ref(db)
            query = [*command, "query", "offices-sharing", ref, "--db", str(db)]
            samples[name]["query"].append(run_child(query))
    return {
        name: {"ref": ref, **{step: _summary(by_step[step]) for step in STEPS}}
        for name, by_step in samples.items()
    }
