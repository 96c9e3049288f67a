"""The Neo4j server the tests use: the one PLANKG_NEO4J_URI names (CI starts it with
scripts/neo4j-server.sh), else one this module starts with the same script for the test session
when Java and Maven are installed. With PLANKG_REQUIRE_NEO4J=1 a missing server fails the tests
that need it instead of skipping them."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plankg.store.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-server.sh"


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    database: str


def configured() -> Neo4jServer | None:
    uri = os.environ.get("PLANKG_NEO4J_URI")
    if not uri:
        return None
    return Neo4jServer(
        uri,
        os.environ.get("PLANKG_NEO4J_USER", "neo4j"),
        os.environ.get("PLANKG_NEO4J_PASSWORD", ""),
        os.environ.get("PLANKG_NEO4J_DATABASE", "neo4j"),
    )


def why_no_toolchain() -> str | None:
    missing = [tool for tool in ("java", "mvn", "python3") if shutil.which(tool) is None]
    if missing:
        return f"no PLANKG_NEO4J_URI and no {', '.join(missing)} to start a Neo4j server"
    return None


def parse_exports(text: str) -> dict[str, str]:
    """The `export NAME=VALUE` lines the start script prints, as a mapping."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            name, value = words[1].split("=", 1)
            found[name] = value
    return found


def start(state: Path) -> Neo4jServer:
    """Start a server whose data and pid live in `state`; raises with the script's stderr."""
    env = {**os.environ, "PLANKG_NEO4J_STATE": str(state)}
    done = subprocess.run(
        ["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=900
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/neo4j-server.sh start failed: {done.stderr.strip()}")
    exports = parse_exports(done.stdout)
    return Neo4jServer(
        exports["PLANKG_NEO4J_URI"],
        exports["PLANKG_NEO4J_USER"],
        exports["PLANKG_NEO4J_PASSWORD"],
        "neo4j",
    )


def stop(state: Path) -> None:
    env = {**os.environ, "PLANKG_NEO4J_STATE": str(state)}
    subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120)


def node_count(server: Neo4jServer) -> int:
    import neo4j

    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (n) RETURN count(n) AS n", database_=server.database
        )
    return int(records[0]["n"])


def wipe(server: Neo4jServer) -> None:
    """Delete every node: the test server is a throwaway one (see ``check_empty``)."""
    import neo4j

    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=server.database)


def fresh_store(server: Neo4jServer) -> Neo4jStore:
    """An empty Neo4j store with its schema (the server's only database, wiped)."""
    from plankg.store.neo4j_store import Neo4jStore

    wipe(server)
    store = Neo4jStore(server.uri, server.user, server.password, server.database)
    store.ensure_schema()
    return store
