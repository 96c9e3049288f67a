"""The order of rows a store returns in no set order, so an answer reads the same on every store
and every run (list columns gathered by `collect()` are sorted by the query library)."""

from __future__ import annotations

from typing import Any


def written_order(edge: dict[str, Any]) -> tuple[int, int, str]:
    """Owner edges in the order the plan writes them: one clause is the evidence of all its
    owners, so within it the position of the name as written decides."""
    clause = edge.get("evidence") or ""
    name = edge.get("raw") or edge.get("owner") or ""
    return (edge.get("ev_start") or 0, clause.find(name), str(edge["owner_id"]))
