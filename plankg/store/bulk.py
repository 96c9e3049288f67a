"""Bulk loading: many plans into a store with few, large write statements.

``load_plan`` writes one plan per transaction after a read or two (is the plan there already?
what did its ledger say?): right for one upload, slow for a corpus. ``ingest_many`` merges the
rows of every *new* plan into one set of rows (shared nodes such as offices, industries and
agencies merged across plans, as the store's MERGE would) and writes them in ONE transaction:
either every new plan is in the store afterwards or none is. A plan whose id the store already
holds goes through ``load_plan`` on its own, so replacing a plan keeps its usual semantics (one
transaction, the diff of its ledger).

The embedded store writes the merged rows with ``EmbeddedStore.write_plans_bulk`` (COPY from
DataFrames); other stores get them through ``write_plan``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from plankg.models import PlanRecord
from plankg.store.embedded import EmbeddedStore
from plankg.store.load import LoadReport, load_plan, plan_to_rows
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query
from plankg.store.rows import GraphRows
from plankg.store.steps import PLAN_LEVEL_LABELS

__all__ = ["ingest_many", "merge_rows"]


def _absorb(seen: dict[str, Any], row: dict[str, Any]) -> None:
    """A later plan's value wins unless it is empty, as the store's ``MERGE … SET`` does when
    the plans are loaded one after another."""
    for key, value in row.items():
        if value not in (None, []):
            seen[key] = value


def merge_rows(batch: Sequence[GraphRows]) -> GraphRows:
    """The rows of several plans as one set: each shared node once, each shared-to-shared edge
    (PART_OF, LEADS, SITUATED_IN) once per pair; plan-owned rows are kept as they are."""
    merged = GraphRows(plan_id=",".join(rows.plan_id for rows in batch))
    nodes: dict[str, dict[str, dict[str, Any]]] = {}
    rels: dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]] = {}
    for rows in batch:
        for label, node_rows in rows.nodes.items():
            if label in PLAN_LEVEL_LABELS:
                merged.nodes.setdefault(label, []).extend(node_rows)
                continue
            by_id = nodes.setdefault(label, {})
            for row in node_rows:
                if row["id"] in by_id:
                    _absorb(by_id[row["id"]], row)
                else:
                    by_id[row["id"]] = dict(row)
        for key, rel_rows in rows.rels.items():
            if "plan_id" in (rel_rows[0] if rel_rows else {}):
                merged.rels.setdefault(key, []).extend(rel_rows)
                continue
            by_pair = rels.setdefault(key, {})
            for row in rel_rows:
                pair = (row["src"], row["dst"])
                if pair in by_pair:
                    _absorb(by_pair[pair], row)
                else:
                    by_pair[pair] = dict(row)
    for label, by_id in nodes.items():
        merged.nodes[label] = list(by_id.values())
    for key, by_pair in rels.items():
        merged.rels[key] = list(by_pair.values())
    return merged


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Rows are hundreds of thousands of small acyclic dicts: while they are being built, the
    cycle collector's full passes over them found nothing and cost a third of a bulk load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def ingest_many(
    store: GraphStore, plans: Sequence[PlanRecord], *, loaded_at: str | None = None
) -> list[LoadReport]:
    """Load ``plans``: the new ones together in one transaction, known ids one by one with
    ``load_plan`` (replace). Reports come back in the order of ``plans``."""
    loaded_at = loaded_at or datetime.now(UTC).isoformat(timespec="seconds")
    known = {row["plan_id"] for row in run_query(store, "plans")}
    fresh: dict[str, GraphRows] = {}
    with _without_cycle_collection():
        for plan in plans:
            if plan.id not in known:
                # A later file with the same id replaces an earlier one, as sequential loads
                # would.
                fresh[plan.id] = plan_to_rows(plan, loaded_at=loaded_at)
        if fresh:
            merged = merge_rows(list(fresh.values()))
            if isinstance(store, EmbeddedStore):
                store.write_plans_bulk(merged)
            else:
                store.write_plan(merged)
    reports: dict[str, LoadReport] = {}
    for plan_id, rows in fresh.items():
        nodes, edges = rows.count()
        reports[plan_id] = LoadReport(plan_id=plan_id, nodes=nodes, edges=edges, replaced=False)
    out = []
    for plan in plans:
        if plan.id in known:
            out.append(load_plan(store, plan, loaded_at=loaded_at))
        else:
            out.append(reports[plan.id])
    return out
