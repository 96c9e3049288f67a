"""Fixtures shared by every test folder: the sample plan parsed once, and a real embedded store
holding it (read-only use: tests that write build their own store in tmp_path)."""

from __future__ import annotations

import pytest

from plankg.ingest import ingest_path, sample_path
from plankg.models import PlanRecord
from plankg.store import EmbeddedStore, load_plan


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
