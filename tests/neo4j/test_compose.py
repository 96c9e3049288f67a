"""docker-compose.yml and the Dockerfile, read as data (no Docker engine needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))


def test_neo4j_service_is_pinned_healthchecked_and_persistent(compose):
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert (
        neo4j["environment"]["NEO4J_AUTH"] == "neo4j/${PLANKG_NEO4J_PASSWORD:-plankg-dev-password}"
    )
    assert {"7474:7474", "7687:7687"} <= set(neo4j["ports"])
    assert "7474" in " ".join(neo4j["healthcheck"]["test"])
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]  # a named volume, not a bind mount


def test_api_waits_for_a_healthy_neo4j_and_loads_the_sample_once(compose):
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert api["environment"]["PLANKG_NEO4J_URI"] == "bolt://neo4j:7687"
    assert (
        api["environment"]["PLANKG_NEO4J_PASSWORD"]
        == "${PLANKG_NEO4J_PASSWORD:-plankg-dev-password}"
    )
    assert (
        api["command"][-1] == "plankg ingest --if-empty && plankg serve --host 0.0.0.0 --port 8000"
    )


def test_dockerfile_installs_the_package_and_runs_unprivileged():
    text = (ROOT / "Dockerfile").read_text("utf-8")
    assert re.search(r"^FROM python:3\.11-slim$", text, re.MULTILINE)
    assert re.search(r"^RUN pip install \.", text, re.MULTILINE)
    users = re.findall(r"^USER (\S+)$", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    ignored = (ROOT / ".dockerignore").read_text("utf-8").split()
    assert {".venv", ".git", "tools/cypher-lint/node_modules"} <= set(ignored)
