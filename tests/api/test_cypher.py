"""POST /cypher: reads answer within a row cap; every write form is refused and changes nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plankg.api import create_app
from plankg.settings import Settings
from plankg.store.cypher import check_read_only, strip_literals

WRITES = [
    "CREATE (n:Region {id: 'x'})",
    "MATCH (n:Office) SET n.name = 'x'",
    "MERGE (n:Region {id: 'x'})",
    "MATCH (n:Office) DELETE n",
    "MATCH (n:Office) DETACH DELETE n",
    "MATCH (n:Office) REMOVE n.name",
    "DROP TABLE Office",
    "ALTER TABLE Office ADD x INT64",
    "COPY Office FROM 'offices.csv'",
    "LOAD CSV FROM 'file:///x.csv' AS r RETURN r",
    "LOAD FROM 'x.csv' RETURN *",
    "CALL create_fts_index('Office', 'idx', ['name'])",
    "INSTALL httpfs",
    "ATTACH 'other.lbdb' AS other (dbtype lbug)",
    "EXPORT DATABASE '/tmp/out'",
    "IMPORT DATABASE '/tmp/out'",
    "BEGIN TRANSACTION",
    "COMMIT",
    "match (n:Office) detach delete n",
    "MATCH (n:Office) RETURN n.name AS x; MATCH (m:Office) DELETE m",
    "MATCH (n:Office) /* read */ cReAtE (:Region {id: 'x'})",
    "CALL { MATCH (n:Office) RETURN n } RETURN 1",
]
COUNT = "MATCH (n) RETURN count(n) AS n"


@pytest.fixture(scope="module")
def any_client(sample_any_store):
    """The API with /cypher on, over the sample in each kind of store."""
    settings = Settings(enable_cypher=True, default_page_size=50, max_page_size=500)
    with TestClient(create_app(settings, sample_any_store), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("statement", WRITES)
def test_every_write_form_is_refused_and_nothing_changes(any_client, statement):
    client = any_client
    before = client.post("/cypher", json={"query": COUNT}).json()["rows"]
    response = client.post("/cypher", json={"query": statement})
    assert response.status_code == 403, response.text
    assert response.json()["title"] == "Writes are not allowed"
    assert client.post("/cypher", json={"query": COUNT}).json()["rows"] == before


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n:Office) WHERE n.name = 'CREATE' RETURN n.name AS name",
        "MATCH (n:Office) // DELETE everything\nRETURN n.name AS name",
        "MATCH (n:Office) RETURN n.name AS `set`",
    ],
)
def test_write_words_in_strings_and_comments_are_fine(statement):
    check_read_only(statement)


def test_write_the_scan_misses_is_refused_by_the_read_only_transaction(sample_any_store):
    from plankg.errors import ReadOnlyViolation

    with pytest.raises(ReadOnlyViolation):
        sample_any_store.run_read("CREATE (n:Region {id: 'sneaky'})")
    with pytest.raises(ReadOnlyViolation):
        sample_any_store.run_bounded_read(
            "CREATE (n:Region {id: 'sneaky'})", {}, timeout_s=5, max_rows=1
        )
    assert sample_any_store.run_read("MATCH (n:Region {id: 'sneaky'}) RETURN n.id AS id") == []


def test_strip_literals_keeps_structure():
    assert "CREATE" not in strip_literals("RETURN 'CREATE' AS x // CREATE")


def test_read_with_row_cap(any_client, sample_any_store):
    client = any_client
    settings = Settings(enable_cypher=True, cypher_row_cap=3)
    with TestClient(create_app(settings, sample_any_store)) as capped:
        body = capped.post("/cypher", json={"query": "MATCH (t:Task) RETURN t.code AS code"}).json()
    assert body["truncated"] is True and len(body["rows"]) == 3 and body["columns"] == ["code"]
    full = client.post("/cypher", json={"query": "MATCH (t:Task) RETURN t.code AS code"}).json()
    assert full["truncated"] is False and len(full["rows"]) == 29


def test_time_limit(sample_any_store):
    settings = Settings(enable_cypher=True, cypher_timeout_s=0.2)
    slow = (
        "UNWIND range(1, 100000000) AS x WITH x MATCH (a:Task) MATCH (b:Task) RETURN count(*) AS n"
    )
    with TestClient(create_app(settings, sample_any_store)) as c:
        response = c.post("/cypher", json={"query": slow})
    assert response.status_code == 400 and "longer than" in response.json()["detail"]


def test_disabled_by_default(sample_store):
    with TestClient(create_app(Settings(), sample_store)) as c:
        response = c.post("/cypher", json={"query": COUNT})
    assert response.status_code == 404
    assert "disabled" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"big": 58618167286859034525696}, 422),
        ({"not a name": 1}, 422),
        ({"n": 2**63 - 1}, 200),
        ({"nested": {"a": [1, 2], "b": "x"}}, 200),
    ],
)
def test_parameters_a_store_cannot_bind_are_refused_as_bad_input(sample_store, params, status):
    settings = Settings(enable_cypher=True)
    with TestClient(create_app(settings, sample_store)) as api:
        answer = api.post("/cypher", json={"query": "RETURN 1 AS one", "params": params})
    assert answer.status_code == status, answer.text
