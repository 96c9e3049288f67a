"""API clients over real stores of each kind (embedded file, Neo4j server): the sample (reads)
and a fresh store per test for writes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from plankg.api import create_app
from plankg.settings import Settings
from plankg.store.protocol import GraphStore

API_KEY = "test-key-123"
READ_SETTINGS = Settings(enable_cypher=True, default_page_size=50, max_page_size=500)


def read_client(store: GraphStore) -> TestClient:
    return TestClient(create_app(READ_SETTINGS, store), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(sample_any_store: GraphStore) -> Iterator[TestClient]:
    """The API over the sample in each kind of store (module scope, as the store's fixture: a
    module that wipes the Neo4j server must not share it, so writes live in their own module)."""
    with read_client(sample_any_store) as test_client:
        yield test_client


@pytest.fixture
def write_client(any_store: GraphStore) -> Iterator[TestClient]:
    settings = Settings(api_key=SecretStr(API_KEY), max_upload_mb=1)
    with TestClient(create_app(settings, any_store), raise_server_exceptions=False) as c:
        yield c
