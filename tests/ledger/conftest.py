"""A store holding the bundled sample, per backend: the embedded file always, Neo4j when
PLANKG_NEO4J_URI names a server (the same ledger tests then run against it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from plankg.models import PlanRecord
from plankg.store.embedded import EmbeddedStore, Step
from plankg.store.load import load_plan
from plankg.store.protocol import GraphStore


def _neo4j_store() -> GraphStore:
    from plankg.store.neo4j_store import Neo4jStore

    uri = os.environ.get("PLANKG_NEO4J_URI")
    if not uri:
        pytest.skip("PLANKG_NEO4J_URI not set: the Neo4j run of the ledger tests needs a server")
    return Neo4jStore(
        uri,
        os.environ.get("PLANKG_NEO4J_USER", "neo4j"),
        os.environ["PLANKG_NEO4J_PASSWORD"],
        os.environ.get("PLANKG_NEO4J_DATABASE", "neo4j"),
    )


def _drop_progress(store: GraphStore) -> None:
    # Progress outlives plans by design; a shared server must not keep a test's reports.
    store._run_steps([Step("drop progress", "MATCH (p:Progress) DETACH DELETE p", {})], "cleanup")  # type: ignore[attr-defined]


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def ledger_store(request, tmp_path: Path, sample_plan: PlanRecord) -> Iterator[GraphStore]:
    if request.param == "embedded":
        store: GraphStore = EmbeddedStore(tmp_path / "ledger.lbdb")
    else:
        store = _neo4j_store()
    store.ensure_schema()
    if request.param == "neo4j":
        _drop_progress(store)
    load_plan(store, sample_plan)
    try:
        yield store
    finally:
        if request.param == "neo4j":
            store.delete_plan(sample_plan.id)
            _drop_progress(store)
        store.close()
