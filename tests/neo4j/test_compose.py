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


REQUIRED_PASSWORD = "${PLANKG_NEO4J_PASSWORD:?set PLANKG_NEO4J_PASSWORD (8+ characters)}"


def test_neo4j_service_is_pinned_healthchecked_and_persistent(compose):
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    # No default: `${VAR:?message}` makes compose refuse to start while it is unset.
    assert neo4j["environment"]["NEO4J_AUTH"] == f"neo4j/{REQUIRED_PASSWORD}"
    assert "plankg-dev-password" not in (ROOT / "docker-compose.yml").read_text("utf-8")
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]  # a named volume, not a bind mount


def test_api_waits_for_a_healthy_neo4j_and_loads_the_sample_once(compose):
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert api["environment"]["PLANKG_NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["environment"]["PLANKG_NEO4J_PASSWORD"] == REQUIRED_PASSWORD
    assert "/health" in " ".join(api["healthcheck"]["test"])
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


def test_every_port_is_bound_to_loopback_unless_asked(compose):
    ports = [port for service in compose["services"].values() for port in service["ports"]]
    assert ports and all(port.startswith("${PLANKG_BIND:-127.0.0.1}:") for port in ports)
