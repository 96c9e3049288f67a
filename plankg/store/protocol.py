"""The store interface both backends implement, and the factory that picks one from settings.

Only modules under ``plankg.store`` talk to a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from plankg.store.rows import GraphRows


@runtime_checkable
class GraphStore(Protocol):
    kind: str  # "embedded" | "neo4j"

    def ensure_schema(self) -> None:
        """Create tables / constraints if missing (idempotent)."""

    def run_read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query; rows as dicts keyed by the RETURN aliases."""

    def run_bounded_read(
        self, cypher: str, params: dict[str, Any], *, timeout_s: float, max_rows: int
    ) -> list[dict[str, Any]]:
        """A user's read in a read-only transaction, stopped after ``timeout_s`` (QueryError
        "ran longer than"), keeping at most ``max_rows`` rows."""

    def write_plan(
        self, rows: GraphRows, *, replace_plan_id: str | Sequence[str] | None = None
    ) -> None:
        """In ONE transaction: delete the subgraph of each plan in ``replace_plan_id`` (one id or
        several; absent ones are ignored), then write ``rows``. On any failure nothing changes."""

    def delete_plan(self, plan_id: str) -> bool:
        """Remove a plan's subgraph in one transaction; False if there was no such plan."""

    def ping(self) -> bool:
        """True when the store answers."""

    def close(self) -> None: ...


def plan_ids(replace: str | Sequence[str] | None) -> list[str]:
    """``write_plan``'s replace argument as a list of plan ids."""
    if replace is None:
        return []
    return [replace] if isinstance(replace, str) else list(replace)
