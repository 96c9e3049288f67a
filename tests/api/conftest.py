"""API clients over real embedded stores: the shared sample store (reads) and a fresh store per
test for writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from plankg.api import create_app
from plankg.settings import Settings
from plankg.store import EmbeddedStore

API_KEY = "test-key-123"


@pytest.fixture(scope="session")
def client(sample_store) -> Iterator[TestClient]:
    app = create_app(
        Settings(enable_cypher=True, default_page_size=50, max_page_size=500), sample_store
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def write_client(tmp_path: Path) -> Iterator[TestClient]:
    with EmbeddedStore(tmp_path / "w.lbdb") as store:
        settings = Settings(api_key=SecretStr(API_KEY), max_upload_mb=1)
        with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
            yield c
