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

from neo4j_server import fresh_store, wipe
from plan_fragments import county_plan

from plankg.models import PlanRecord
from plankg.store.embedded import EmbeddedStore
from plankg.store.load import load_plan
from plankg.store.protocol import GraphStore


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend_store(request, tmp_path_factory, sample_plan: PlanRecord) -> Iterator[GraphStore]:
    plans = [sample_plan, county_plan()]
    if request.param == "embedded":
        store: GraphStore = EmbeddedStore(tmp_path_factory.mktemp("backend") / "graph.lbdb")
    else:
        server = request.getfixturevalue("neo4j_server_info")
        store = fresh_store(server)
        request.addfinalizer(lambda: wipe(server))
    try:
        for plan in plans:
            load_plan(store, plan)
        yield store
    finally:
        store.close()
