"""`plankg bench --store both` on a tiny corpus (seconds): both stores measured on the same
plans, with the same number of rows from every named query, and the ratio column."""

from __future__ import annotations

import json

import neo4j
import pytest
from neo4j_server import node_count, wipe
from typer.testing import CliRunner

from plankg.cli import app
from plankg.settings import get_settings

pytestmark = pytest.mark.neo4j


def bench_args(server, tmp_path):
    return [
        "bench",
        "--store",
        "both",
        "--neo4j",
        server.uri,
        "--sizes",
        "2",
        "--runs",
        "1",
        "--query-repeats",
        "1",
        "--api-requests",
        "4",
        "--api-workers",
        "1",
        "--json",
        str(tmp_path / "stores.json"),
    ]


@pytest.fixture
def server(neo4j_server_info, monkeypatch):
    monkeypatch.setenv("PLANKG_NEO4J_USER", neo4j_server_info.user)
    monkeypatch.setenv("PLANKG_NEO4J_PASSWORD", neo4j_server_info.password)
    # Settings are read once per process: an earlier test's (without the password) must go.
    get_settings.cache_clear()
    wipe(neo4j_server_info)
    yield neo4j_server_info
    wipe(neo4j_server_info)
    get_settings.cache_clear()


def test_both_stores_side_by_side(server, tmp_path):
    result = CliRunner().invoke(app, bench_args(server, tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "stores.json").read_text(encoding="utf-8"))
    embedded, neo4j = data["stores"]["embedded"], data["stores"]["neo4j"]
    for figures in (embedded, neo4j):
        assert [size["plans"] for size in figures["ingest"]] == [2]
        assert figures["ingest"][0]["seconds"] > 0
        for path in ("/industries/{ref}/offices", "/gaps"):
            assert (figures["api"][path]["requests"], figures["api"][path]["errors"]) == (4, 0)
    assert {name: q["rows"] for name, q in neo4j["queries"].items()} == {
        name: q["rows"] for name, q in embedded["queries"].items()
    }
    assert "| figure | embedded | neo4j | neo4j / embedded |" in result.output
    assert "ingest of 2 plans, s" in result.output
    assert node_count(server) == 0  # the run empties the server again


def test_a_server_holding_data_is_refused(server, tmp_path):
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        driver.execute_query("CREATE (:Office {id: 'someone'})", database_=server.database)
    result = CliRunner().invoke(app, bench_args(server, tmp_path))
    assert result.exit_code != 0
    assert "holds 1 nodes" in result.output


def test_unknown_store_is_a_one_line_error():
    result = CliRunner().invoke(app, ["bench", "--store", "sqlite"])
    assert result.exit_code != 0
    assert "--store sqlite: use embedded, neo4j or both" in result.output
