"""open_store picks the backend from arguments and settings."""

from __future__ import annotations

import pytest
from store_plans import green_plan

from plankg.errors import InputError, ReadOnlyViolation
from plankg.settings import Settings
from plankg.store import EmbeddedStore, load_plan, open_store


@pytest.fixture(autouse=True)
def no_server_in_the_environment(monkeypatch):
    """These cases are about the embedded default: a Neo4j URI exported for the suite must not
    pick the backend for them."""
    monkeypatch.delenv("PLANKG_NEO4J_URI", raising=False)


def test_embedded_at_the_configured_path(tmp_path):
    settings = Settings(db=tmp_path / "configured.lbdb")
    with open_store(settings) as store:
        assert isinstance(store, EmbeddedStore) and store.kind == "embedded"
        assert store.path == tmp_path / "configured.lbdb"
        assert store.ping()


def test_db_argument_wins_over_settings_and_neo4j_uri(tmp_path):
    settings = Settings(db=tmp_path / "configured.lbdb", neo4j_uri="bolt://nowhere:7687")
    with open_store(settings, db=str(tmp_path / "chosen.lbdb")) as store:
        assert isinstance(store, EmbeddedStore)
        assert store.path == tmp_path / "chosen.lbdb"
    assert not (tmp_path / "configured.lbdb").exists()


def test_read_only(tmp_path):
    path = tmp_path / "graph.lbdb"
    with open_store(Settings(db=path)) as store:
        load_plan(store, green_plan())
    with open_store(Settings(db=path), read_only=True) as reader:
        assert reader.run_read("MATCH (p:Plan) RETURN count(p) AS n") == [{"n": 1}]
        with pytest.raises(ReadOnlyViolation):
            reader.delete_plan(green_plan().id)


def test_neo4j_without_a_password_is_refused_with_the_variable_to_set(monkeypatch):
    # No default secret a deployment could silently run with.
    monkeypatch.delenv("PLANKG_NEO4J_PASSWORD", raising=False)
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1")
    assert settings.neo4j_password is None
    with pytest.raises(InputError, match="set PLANKG_NEO4J_PASSWORD"):
        open_store(settings)
