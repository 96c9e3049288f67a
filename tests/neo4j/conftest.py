"""A store per backend holding the bundled sample and the hand-made county plan, for the query
answers shared with tests/graph. The Neo4j backend is the server of the `neo4j_server_info`
fixture (PLANKG_NEO4J_URI, else one started from tools/neo4j-server for the session)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The shared plan fragment and query checks live beside the embedded-store tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph"))

from neo4j_server import Neo4jServer
from plan_fragments import county_plan

from plankg.models import PlanRecord
from plankg.store.embedded import EmbeddedStore
from plankg.store.load import load_plan
from plankg.store.protocol import GraphStore


def open_neo4j_store(server: Neo4jServer) -> GraphStore:
    from plankg.store.neo4j_store import Neo4jStore

    return Neo4jStore(server.uri, server.user, server.password, server.database)


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend_store(request, tmp_path_factory, sample_plan: PlanRecord) -> Iterator[GraphStore]:
    plans = [sample_plan, county_plan()]
    if request.param == "embedded":
        store: GraphStore = EmbeddedStore(tmp_path_factory.mktemp("backend") / "graph.lbdb")
    else:
        store = open_neo4j_store(request.getfixturevalue("neo4j_server_info"))
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
