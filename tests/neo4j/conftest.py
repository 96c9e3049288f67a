"""A store per backend holding the bundled sample and the hand-made county plan, for the query
answers shared with tests/graph. The Neo4j backend needs a server: PLANKG_NEO4J_URI (with
PLANKG_NEO4J_USER / PLANKG_NEO4J_PASSWORD), e.g. the one `docker compose up neo4j` starts."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The shared plan fragment and query checks live beside the embedded-store tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph"))

from plan_fragments import county_plan

from plankg.models import PlanRecord
from plankg.store.embedded import EmbeddedStore
from plankg.store.load import load_plan
from plankg.store.protocol import GraphStore

NO_SERVER = "PLANKG_NEO4J_URI not set: Neo4j integration tests need a server"


def open_neo4j_store():
    from plankg.store.neo4j_store import Neo4jStore

    uri = os.environ.get("PLANKG_NEO4J_URI")
    if not uri:
        pytest.skip(NO_SERVER)
    return Neo4jStore(
        uri,
        os.environ.get("PLANKG_NEO4J_USER", "neo4j"),
        os.environ.get("PLANKG_NEO4J_PASSWORD", "plankg-dev-password"),
        os.environ.get("PLANKG_NEO4J_DATABASE", "neo4j"),
    )


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend_store(request, tmp_path_factory, sample_plan: PlanRecord) -> Iterator[GraphStore]:
    plans = [sample_plan, county_plan()]
    if request.param == "embedded":
        store: GraphStore = EmbeddedStore(tmp_path_factory.mktemp("backend") / "graph.lbdb")
    else:
        store = open_neo4j_store()
        store.ensure_schema()
    try:
        for plan in plans:
            load_plan(store, plan)
        yield store
    finally:
        if request.param == "neo4j":
            for plan in plans:
                store.delete_plan(plan.id)
        store.close()
