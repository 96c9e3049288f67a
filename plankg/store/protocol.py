"""The store interface both backends implement, and the factory that picks one from settings.

Only modules under ``plankg.store`` talk to a database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from plankg.store.rows import GraphRows


@dataclass(frozen=True)
class BoundedRows:
    """A user's read, cut at a row or byte cap (``truncated`` when rows were left out)."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


def capped_rows(
    rows: Iterable[dict[str, Any]], max_rows: int, max_bytes: int
) -> tuple[list[dict[str, Any]], bool]:
    """The first rows that fit both caps (bytes as compact JSON), and whether any were left."""
    kept: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        size += len(json.dumps(row, ensure_ascii=False, default=str).encode())
        if len(kept) >= max_rows or size > max_bytes:
            return kept, True
        kept.append(row)
    return kept, False


@runtime_checkable
class GraphStore(Protocol):
    kind: str  # "embedded" | "neo4j"
    # What opening the store changed to bring a store written by an earlier version of plankg
    # up to this layout (columns added, keys filled); empty when it was up to date.
    upgrades: list[str]

    def ensure_schema(self) -> None:
        """Create tables / constraints if missing (idempotent)."""

    def run_read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query; rows as dicts keyed by the RETURN aliases."""

    def run_bounded_read(
        self,
        cypher: str,
        params: dict[str, Any],
        *,
        timeout_s: float,
        max_rows: int,
        max_bytes: int,
    ) -> BoundedRows:
        """A user's read in a read-only transaction, stopped after ``timeout_s`` (QueryError
        "ran longer than"), keeping at most ``max_rows`` rows of at most ``max_bytes`` of JSON
        in all."""

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
