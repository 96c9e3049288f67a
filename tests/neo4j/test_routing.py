"""The ``neo4j://`` routing scheme (as a cluster or Aura is addressed) against the test server:
a single server answers the routing table too; a read right after a write sees it."""

from __future__ import annotations

import pytest
from neo4j_server import fresh_store, wipe
from plan_fragments import PLAN_ID, county_plan

from plankg.store.load import load_plan
from plankg.store.neo4j_store import Neo4jStore
from plankg.store.queries import run_query

pytestmark = pytest.mark.neo4j


def test_routing_uri_writes_then_reads_its_own_write(neo4j_server_info):
    fresh_store(neo4j_server_info).close()
    routed = neo4j_server_info.uri.replace("bolt://", "neo4j://", 1)
    assert routed.startswith("neo4j://")
    with Neo4jStore(
        routed, neo4j_server_info.user, neo4j_server_info.password, neo4j_server_info.database
    ) as store:
        load_plan(store, county_plan())
        [detail] = run_query(store, "plan_detail", plan_id=PLAN_ID)
        assert detail["tasks"] == 5
        assert store.delete_plan(PLAN_ID) is True
        assert run_query(store, "plan_detail", plan_id=PLAN_ID) == []
    wipe(neo4j_server_info)
