"""Fixtures shared by every test folder: the sample plan parsed once, and a real embedded store
holding it (read-only use: tests that write build their own store in tmp_path), and the Neo4j
server (see tests/neo4j_server.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import neo4j_server

from plankg.ingest import ingest_path, sample_path
from plankg.models import PlanRecord
from plankg.store import EmbeddedStore, load_plan
from plankg.store.protocol import GraphStore


@pytest.fixture(scope="session")
def sample_plan() -> PlanRecord:
    return ingest_path(sample_path())


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, sample_plan):
    store = EmbeddedStore(tmp_path_factory.mktemp("sample") / "sample.lbdb")
    store.ensure_schema()
    load_plan(store, sample_plan)
    yield store
    store.close()


REQUIRE_NEO4J = os.environ.get("PLANKG_REQUIRE_NEO4J") == "1"


@pytest.fixture(scope="session")
def neo4j_server_info(tmp_path_factory) -> Iterator[neo4j_server.Neo4jServer]:
    """The configured server, else one started for this session (stopped at its end)."""
    found = neo4j_server.configured()
    if found is not None:
        # The tests wipe the database between stores (and empty it at the end); never do that
        # to one that held data before.
        held = neo4j_server.node_count(found)
        if held:
            pytest.fail(
                f"{found.uri} holds {held} nodes and the Neo4j tests delete everything: point "
                f"PLANKG_NEO4J_URI at an empty server (scripts/neo4j-server.sh start)"
            )
        yield found
        return
    reason = neo4j_server.why_no_toolchain()
    if reason is not None:
        if REQUIRE_NEO4J:
            pytest.fail(f"PLANKG_REQUIRE_NEO4J=1 but {reason}")
        pytest.skip(reason)
    state = tmp_path_factory.mktemp("neo4j-server")
    started = neo4j_server.start(state)
    try:
        yield started
    finally:
        neo4j_server.stop(state)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With PLANKG_REQUIRE_NEO4J=1 (as in CI) a skipped Neo4j test is a failure."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_NEO4J and report.skipped and item.get_closest_marker("neo4j") is not None:
        report.outcome = "failed"
        report.longrepr = (
            f"PLANKG_REQUIRE_NEO4J=1 but this Neo4j test was skipped: {report.longrepr}"
        )


STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=STORE_KINDS)
def any_store(request, tmp_path) -> Iterator[GraphStore]:
    """A fresh, empty store of each kind: the store contract runs on both."""
    if request.param == "embedded":
        store: GraphStore = EmbeddedStore(tmp_path / "any.lbdb")
    else:
        server = request.getfixturevalue("neo4j_server_info")
        store = neo4j_server.fresh_store(server)
        request.addfinalizer(lambda: neo4j_server.wipe(server))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module", params=STORE_KINDS)
def sample_any_store(request, sample_store, sample_plan) -> Iterator[GraphStore]:
    """The sample on each kind of store (module scope: a Neo4j test elsewhere wipes it)."""
    if request.param == "embedded":
        yield sample_store
        return
    server = request.getfixturevalue("neo4j_server_info")
    store = neo4j_server.fresh_store(server)
    try:
        load_plan(store, sample_plan)
        yield store
    finally:
        store.close()
        neo4j_server.wipe(server)
