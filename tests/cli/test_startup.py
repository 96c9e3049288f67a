"""The CLI starts light: command modules import their heavy libraries inside the commands, so
`plankg --help` does not load the web stack, the store, pandas or the NLP dictionaries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "fastapi",
    "uvicorn",
    "pandas",
    "ladybug",
    "neo4j",
    "networkx",
    "pkg_resources",
    "opencc",
    "pypinyin",
    "rapidfuzz",
    "pydantic_settings",
)

IMPORT_ONLY = "import plankg.cli"
HELP = "from plankg.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"


def modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return {name.split(".")[0] for name in json.loads(run.stdout.splitlines()[-1])}


@pytest.fixture(scope="module", params=[IMPORT_ONLY, HELP], ids=["import", "help"])
def loaded(request) -> set[str]:
    return modules_loaded_by(request.param)


@pytest.mark.parametrize("module", HEAVY)
def test_heavy_module_is_not_loaded_at_start(loaded, module):
    assert module not in loaded


def test_the_probe_sees_a_heavy_import():
    # The same probe does report a heavy module once a command's code path imports it.
    assert "ladybug" in modules_loaded_by("import plankg.store.embedded")


def test_the_read_path_loads_neither_ingest_nor_pypinyin():
    # A named query imports the read layer and the store's protocol; the row builder (with
    # ingest's vocabularies) and pypinyin's dictionaries come in only when a write needs them.
    probe = (
        "import plankg.analysis.answers, plankg.store\nimport json, sys\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(json.loads(run.stdout.splitlines()[-1]))
    assert "plankg.analysis.answers" in loaded
    assert not {"plankg.ingest", "plankg.store.load", "pypinyin"} & loaded
