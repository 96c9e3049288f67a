"""A fresh embedded store in tmp_path for every test that writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from plankg.store.embedded import EmbeddedStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "graph.lbdb") as opened:
        yield opened
