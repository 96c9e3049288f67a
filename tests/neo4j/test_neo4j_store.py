"""The Neo4j store without a server: the Cypher it generates, its URI handling and its errors
when the server cannot be reached (a real driver against a closed port, no fakes)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import neo4j
import pytest
from plan_fragments import county_plan

from plankg.errors import StoreUnavailable
from plankg.store.load import plan_to_rows
from plankg.store.neo4j_store import Neo4jStore, delete_steps, write_steps
from plankg.store.schema import PLAN_OWNED_LABELS, neo4j_ddl
from plankg.store.steps import SHARED_CLEANUP_ORDER

ROWS = plan_to_rows(county_plan())
WRITES = write_steps(ROWS, batch_size=2000)
CLOSED_PORT = "bolt://127.0.0.1:1"


def test_every_row_is_written_once():
    nodes, edges = ROWS.count()
    assert sum(step.rows for step in WRITES) == nodes + edges
    assert all(step.expect == step.rows for step in WRITES)


def test_batches_split_at_batch_size():
    small = write_steps(ROWS, batch_size=2)
    assert max(step.rows for step in small) == 2
    assert sum(step.rows for step in small) == sum(step.rows for step in WRITES)


@pytest.mark.parametrize("step", WRITES, ids=lambda s: s.name)
def test_write_statements_look_up_each_end_with_its_own_match(step):
    assert not re.search(r"MATCH\s*\([^)]*\)\s*,", step.cypher), "comma-form MATCH joins tables"
    assert "CAST(" not in step.cypher  # LadybugDB dialect
    assert step.cypher.startswith("UNWIND $rows AS r ")
    if step.name.startswith("rel "):
        assert step.cypher.count("MATCH (") == 2


@pytest.mark.parametrize(
    ("name", "verb"),
    [
        ("node Task", "CREATE (n:Task"),
        ("node Target", "CREATE (n:Target"),
        ("node Office", "MERGE (n:Office {id: r.id}) SET n.name = coalesce(r.name, n.name)"),
        ("node Industry", "MERGE (n:Industry"),
        ("rel RESPONSIBLE_FOR Office->Task", "CREATE (a)-[e:RESPONSIBLE_FOR"),
        ("rel PART_OF Chain->Industry", "MERGE (a)-[e:PART_OF]->(b)"),
        ("rel LEADS Enterprise->Chain", "MERGE (a)-[e:LEADS]->(b)"),
    ],
)
def test_plan_nodes_are_created_and_shared_ones_merged(name, verb):
    [step] = [s for s in WRITES if s.name == name]
    assert verb in step.cypher


def test_replacing_deletes_plan_nodes_then_orphans_in_dependency_order():
    names = [step.name for step in delete_steps("p")]
    assert names == (
        [f"delete {label}" for label in PLAN_OWNED_LABELS]
        + ["delete Plan"]
        + [f"orphans {label}" for label in SHARED_CLEANUP_ORDER]
    )
    orphans = [s.cypher for s in delete_steps("p") if s.name.startswith("orphans")]
    # Neo4j reads (m:A:B) as A AND B, so plan-level labels are OR-ed in a WHERE instead.
    assert all("m:Plan OR m:Section OR m:Task OR m:Target" in c for c in orphans)
    assert not any(re.search(r"\(\w*:\w+:\w+", c) for c in orphans)


def test_schema_statements_are_idempotent():
    ddl = neo4j_ddl()
    assert ddl and all(" IF NOT EXISTS " in s for s in ddl)
    assert any("REQUIRE n.id IS UNIQUE" in s for s in ddl if "(n:Office)" in s)


@pytest.mark.parametrize(
    "uri",
    [
        "bolt://localhost:7687",
        "neo4j://core1.example:7687",
        "neo4j+s://abcd1234.databases.neo4j.io",
        "bolt+s://db.example",
    ],
)
def test_accepted_uri_schemes(uri):
    store = Neo4jStore(uri, "neo4j", "secret")  # the driver connects lazily
    try:
        assert (store.kind, store.uri) == ("neo4j", uri)
    finally:
        store.close()


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt://", ""])
def test_other_uris_are_refused_naming_the_uri(uri):
    with pytest.raises(StoreUnavailable, match=f"^{re.escape(uri)}: not a Neo4j URI"):
        Neo4jStore(uri, "neo4j", "secret")


@pytest.fixture
def unreachable() -> Iterator[Neo4jStore]:
    driver = neo4j.GraphDatabase.driver(
        CLOSED_PORT, auth=("neo4j", "secret"), max_transaction_retry_time=0, connection_timeout=1
    )
    with Neo4jStore(CLOSED_PORT, "neo4j", "secret", driver=driver) as store:
        yield store


def test_unreachable_server_pings_false(unreachable):
    assert unreachable.ping() is False


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.run_read("RETURN 1 AS one"),
        lambda s: s.ensure_schema(),
        lambda s: s.write_plan(ROWS, replace_plan_id=ROWS.plan_id),
        lambda s: s.delete_plan("p"),
    ],
    ids=["run_read", "ensure_schema", "write_plan", "delete_plan"],
)
def test_unreachable_server_is_one_line_naming_the_uri(unreachable, call):
    with pytest.raises(StoreUnavailable) as caught:
        call(unreachable)
    message = caught.value.one_line()
    assert message.startswith(f"{CLOSED_PORT}: Neo4j is unreachable while ")
    assert "\n" not in caught.value.message
