"""POST /cypher: reads answer within a row cap; every write form is refused and changes nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plankg.api import create_app
from plankg.errors import QueryError, ReadOnlyViolation
from plankg.settings import Settings
from plankg.store.cypher import check_read_only
from plankg.store.cypher_guard import tokenize, with_row_limit

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
            "CREATE (n:Region {id: 'sneaky'})", {}, timeout_s=5, max_rows=1, max_bytes=1000
        )
    assert sample_any_store.run_read("MATCH (n:Region {id: 'sneaky'}) RETURN n.id AS id") == []


def test_tokens_know_strings_comments_and_names():
    text = "RETURN 'it\\'s // no comment' AS `a``b` /* LOAD */ // LOAD\n, \"/*\" AS c"
    kinds = [(t.kind, t.text) for t in tokenize(text)]
    assert kinds == [
        ("word", "RETURN"),
        ("string", "'it\\'s // no comment'"),
        ("word", "AS"),
        ("quoted", "`a``b`"),
        ("punct", ","),
        ("string", '"/*"'),
        ("word", "AS"),
        ("word", "c"),
    ]
    with pytest.raises(QueryError):
        tokenize("RETURN 'open")
    with pytest.raises(QueryError):
        tokenize("RETURN 1 /* open")


# The audit's reproducers: a comment opener inside a string, or a backticked quote, hid the
# rest of the statement from the old keyword scan.
ESCAPES = [
    "UNWIND ['//'] AS s LOAD FROM '/etc/passwd' (header=false, delim=':', file_format='csv') "
    "RETURN *",
    "UNWIND ['/*'] AS s LOAD FROM '/etc/passwd' (header=false) RETURN * // */",
    "MATCH (n:`'`) LOAD FROM '/etc/passwd' RETURN *",
    "UNWIND ['//'] AS s CALL current_setting('home_directory') RETURN *",
    "CALL READ_CSV_SERIAL('/etc/passwd') RETURN *",
    "RETURN size(read_csv('/etc/passwd')) AS n",
    "UNWIND ['\\'//'] AS s COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'",
    "MATCH (n) WITH n ATTACH '/tmp/x.lbdb' AS x (dbtype lbug) RETURN 1",
    "RETURN 1 AS x UNION INSTALL json",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL dbms.listConfig() YIELD name RETURN name",
    "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
]


@pytest.mark.parametrize("statement", ESCAPES)
def test_file_and_setting_readers_are_refused_however_wrapped(any_client, statement):
    response = any_client.post("/cypher", json={"query": statement})
    assert response.status_code == 403, response.text
    assert "root:" not in response.text


def test_allowed_reads_pass_the_guard():
    for statement in [
        "MATCH (t:Task)-[:OWNED_BY]->(o:Office) WHERE o.name STARTS WITH 'x' "
        "RETURN o.name AS name, count(*) AS n ORDER BY n DESC LIMIT 5",
        "MATCH (n:Office {name: 'a'}) RETURN coalesce(n.name, 'none') AS name",
        "CALL show_tables() RETURN *",
        "OPTIONAL MATCH (n:Plan) RETURN n.load AS x, [x IN range(1, 3) | x * 2] AS xs;",
    ]:
        check_read_only(statement)
    with pytest.raises(ReadOnlyViolation):
        check_read_only("PRAGMA x")


def test_deep_nesting_is_refused_before_the_parser_sees_it(any_client):
    deep = "RETURN " + "(" * 3000 + "1" + ")" * 3000 + " AS x"
    response = any_client.post("/cypher", json={"query": deep})
    assert response.status_code == 400 and "deep" in response.json()["detail"]
    assert any_client.post("/cypher", json={"query": COUNT}).status_code == 200


def test_a_huge_unwind_is_cut_at_the_row_cap_without_holding_every_row(any_client):
    query = "UNWIND range(1, 20000000) AS x RETURN x"
    body = any_client.post("/cypher", json={"query": query}).json()
    assert body["truncated"] is True and len(body["rows"]) == 1000


@pytest.mark.parametrize(
    ("statement", "limited"),
    [
        ("MATCH (n) RETURN n // end", "MATCH (n) RETURN n LIMIT 11"),
        ("MATCH (n) RETURN n LIMIT 99999", "MATCH (n) RETURN n LIMIT 11"),
        ("MATCH (n) RETURN n LIMIT 3", "MATCH (n) RETURN n LIMIT 3"),
        ("MATCH (n) RETURN n LIMIT $k", "MATCH (n) RETURN n LIMIT $k"),
        ("MATCH (n) WITH n LIMIT 5 RETURN n", "MATCH (n) WITH n LIMIT 5 RETURN n LIMIT 11"),
        ("RETURN 1 AS a UNION RETURN 2 AS a", "RETURN 1 AS a UNION RETURN 2 AS a"),
    ],
)
def test_the_final_return_is_limited_in_the_database(statement, limited):
    assert with_row_limit(statement, tokenize(statement), 11) == limited


def test_the_reply_is_cut_at_its_byte_cap(sample_any_store):
    settings = Settings(enable_cypher=True, cypher_max_reply_kb=64)
    query = "UNWIND range(1, 1000) AS i MATCH (p:Plan) RETURN p.text AS text"
    with TestClient(create_app(settings, sample_any_store)) as c:
        response = c.post("/cypher", json={"query": query})
    body = response.json()
    assert response.status_code == 200 and body["truncated"] is True
    assert 0 < len(response.content) <= 64 * 1024 + 1024


def test_a_memory_hog_is_stopped_and_the_server_answers(sample_store):
    settings = Settings(enable_cypher=True, cypher_timeout_s=20)
    hog = "UNWIND range(1, 400000000) AS x WITH collect(x) AS xs RETURN size(xs) AS n"
    with TestClient(create_app(settings, sample_store)) as c:
        response = c.post("/cypher", json={"query": hog})
        assert response.status_code == 400, response.text
        assert c.post("/cypher", json={"query": COUNT}).status_code == 200


def test_a_killed_query_process_is_replaced(sample_store):
    settings = Settings(enable_cypher=True)
    with TestClient(create_app(settings, sample_store)) as c:
        assert c.post("/cypher", json={"query": COUNT}).status_code == 200
        sandbox = sample_store._sandbox
        assert sandbox is not None and sandbox._child is not None
        sandbox._child.kill()
        sandbox._child.wait()
        assert c.post("/cypher", json={"query": COUNT}).json()["rows"]


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
    slow = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN sum(x * y % 7) AS n"
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
