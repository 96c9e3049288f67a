"""The Cypher lint against Neo4j's own grammar (tools/cypher-lint): every named query and every
statement the Neo4j store generates must pass with no error and no warning."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.store.lintdata import db_schema, lint_data

LINT_DIR = Path(__file__).resolve().parents[2] / "tools" / "cypher-lint"
MODULE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"


def _missing_tool() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not MODULE.is_file():
        return f"{MODULE.parent} is missing: run `npm ci` in {LINT_DIR}"
    return None


@pytest.fixture(scope="module")
def lint_tool() -> Path:
    reason = _missing_tool()
    if reason:
        if os.environ.get("PLANKG_REQUIRE_LINT") == "1":
            pytest.fail(f"PLANKG_REQUIRE_LINT=1 but the Cypher lint cannot run: {reason}")
        pytest.skip(f"Cypher lint not available: {reason}")
    return LINT_DIR / "lint.mjs"


def run_lint(lint: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(lint), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHON": sys.executable},
    )


def test_queries_and_generated_writes_pass_the_neo4j_grammar(lint_tool):
    result = run_lint(lint_tool, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 failing (strict)" in result.stdout


@pytest.mark.parametrize(
    ("cypher", "params", "message", "strict"),
    [
        ("MATCH (t:Task WHERE t.id = $id RETURN t.id AS id", ["id"], "error", False),
        (
            "MATCH (t:Task) WHERE t.id = $other RETURN t.id AS id",
            ["id"],
            "Parameter $other is not defined",
            False,
        ),
        ("MATCH (t:Tsak) RETURN t.id AS id", [], "Label Tsak is not present", True),
        ("MATCH (t:Task) RETURN t.titel AS title", [], "titel is not present", True),
    ],
)
def test_lint_reports_bad_cypher_with_its_position(
    lint_tool, tmp_path, cypher, params, message, strict
):
    data = {
        **lint_data(),
        "queries": [],
        "statements": [{"name": "bad", "cypher": cypher, "params": params, "row_keys": []}],
    }
    data_file = tmp_path / "lint.json"
    data_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    args = ["--data", str(data_file)] + (["--strict"] if strict else [])
    result = run_lint(lint_tool, *args)
    assert result.returncode == 1, result.stdout
    assert "neo4j_store[bad]:1:" in result.stdout and message in result.stdout


def test_lint_schema_is_the_graph_model():
    schema = db_schema()
    assert {"Office", "Task", "Chain"} <= set(schema["labels"])
    assert {"from": "Chain", "to": "Industry", "relType": "PART_OF"} in schema["graphSchema"]
    assert "ev_start" in schema["propertyKeys"]
