"""Running the real CLI on real stores in tmp_path, and comparing what a store holds."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from plankg.cli import app
from plankg.ingest import sample_path
from plankg.store import EmbeddedStore, export_graph

EXAMPLES = Path(__file__).resolve().parents[2] / "plankg" / "data" / "examples"
# Per load and per file, not per content: they differ between two loads of the same plan (the
# digest covers the source name and format too).
VOLATILE_PLAN_FIELDS = ("loaded_at", "source_name", "source_format", "digest")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def export_of(db: Path) -> dict:
    with EmbeddedStore(db) as store:
        return export_graph(store)


def content_of(export: dict) -> dict:
    """The export without the fields that say when and from which file a plan was loaded."""
    export = copy.deepcopy(export)
    for node in export["nodes"]:
        if node["label"] == "Plan":
            for key in VOLATILE_PLAN_FIELDS:
                node["properties"].pop(key)
    return export


@pytest.fixture(scope="session")
def sample_db_template(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("template") / "sample.lbdb"
    result = invoke("ingest", "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def sample_db(tmp_path, sample_db_template) -> Path:
    """A store pre-loaded with the sample, fresh for each test (a copy of one load)."""
    db = tmp_path / "store" / "sample.lbdb"
    db.parent.mkdir()
    for file in sample_db_template.parent.iterdir():
        shutil.copy(file, db.parent / file.name)
    return db


@pytest.fixture
def unchanged(sample_db) -> Callable[[], None]:
    """Call it after a failed command: the store must hold exactly what it held before."""
    before = export_of(sample_db)

    def check() -> None:
        assert export_of(sample_db) == before

    return check


@pytest.fixture(scope="session")
def sample_text() -> str:
    return sample_path().read_text(encoding="utf-8")
