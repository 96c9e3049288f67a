"""What both stores' write paths share, whatever their Cypher dialect: the plan-level and
shared labels, the orphan-cleanup order, the rule that an unknown value never erases a known one
on a shared node, the dataset guard, and ``StepWriter`` (``write_plan``/``delete_plan`` as one
list of statements in one transaction)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from plankg.errors import StoreError
from plankg.store.protocol import plan_ids
from plankg.store.rows import GraphRows
from plankg.store.schema import (
    DATASET_SOURCE,
    KEPT_LABELS,
    LABELS,
    PLAN_OWNED_LABELS,
    REL_BY_TYPE,
    RELS,
    SOURCED_REL_TYPES,
    STRINGS,
)

# Nodes whose lifetime is one plan; everything else is shared and merged by id.
PLAN_LEVEL_LABELS = ("Plan", *PLAN_OWNED_LABELS)
SHARED_LABELS = tuple(label for label in LABELS if label not in PLAN_LEVEL_LABELS)


@dataclass(frozen=True)
class Step:
    name: str
    cypher: str
    params: dict[str, Any]
    rows: int = 0
    expect: int | None = None  # rows the statement must report, else the batch is rolled back


class StepWriter:
    """``write_plan`` and ``delete_plan`` for a store that runs a list of Steps in one write
    transaction. Each store supplies its own dialect: ``_delete_steps``, ``_write_steps`` and
    ``_run_steps`` (which returns the first value each statement answers)."""

    batch_size: int

    def _delete_steps(self, plan_id: str) -> list[Step]:
        raise NotImplementedError

    def _write_steps(self, rows: GraphRows) -> list[Step]:
        raise NotImplementedError

    def _run_steps(self, steps: list[Step], what: str) -> list[int]:
        raise NotImplementedError

    def write_plan(
        self, rows: GraphRows, *, replace_plan_id: str | Sequence[str] | None = None
    ) -> None:
        steps = [
            step for plan_id in plan_ids(replace_plan_id) for step in self._delete_steps(plan_id)
        ]
        steps.extend(self._write_steps(rows))
        self._run_steps(steps, f"writing plan {rows.plan_id}")

    def delete_plan(self, plan_id: str) -> bool:
        exists = Step(
            "find Plan",
            "MATCH (n:Plan) WHERE n.id = $plan_id RETURN count(n) AS n",
            {"plan_id": plan_id},
        )
        counts = self._run_steps([exists, *self._delete_steps(plan_id)], f"deleting plan {plan_id}")
        return counts[0] > 0


def is_shared(label: str) -> bool:
    return label not in PLAN_LEVEL_LABELS


def keep_known(target: str, value: str, typ: str) -> str:
    """``value`` unless it is null (or, for a list, empty): what one plan does not know about a
    shared node never erases what another plan said (an office's aliases, an English name)."""
    if typ == STRINGS:
        return f"CASE WHEN size({value}) > 0 THEN {value} ELSE coalesce({target}, {value}) END"
    return f"coalesce({value}, {target})"


def shared_links_into(label: str) -> list[tuple[str, str]]:
    """(relationship type, source label) of every edge from a shared node into ``label``."""
    return sorted(
        {
            (rel.type, src)
            for rel in RELS
            for src, dst in rel.pairs
            if dst == label and is_shared(src)
        }
    )


def _shared_cleanup_order() -> list[str]:
    """Shared labels with every referrer before what it refers to (Enterprise before Chain
    before Industry), so one pass removes chains of orphans."""
    pending = [label for label in SHARED_LABELS if label not in KEPT_LABELS]
    order: list[str] = []
    while pending:
        ready = [
            label
            for label in pending
            if not any(src in pending and src != label for _, src in shared_links_into(label))
        ]
        if not ready:
            raise StoreError(
                f"schema.py: shared labels {pending} refer to each other in a "
                f"cycle; orphan cleanup needs an order"
            )
        order.extend(ready)
        pending = [label for label in pending if label not in ready]
    return order


SHARED_CLEANUP_ORDER = _shared_cleanup_order()


def dataset_guard(label: str) -> str:
    """Keep nodes that a data file (enterprise CSV) links, whatever the plans say."""
    sourced = sorted(
        {
            rel_type
            for rel_type in SOURCED_REL_TYPES
            for src, _ in REL_BY_TYPE[rel_type].pairs
            if src == label
        }
    )
    if not sourced:
        return ""
    return (
        f" AND NOT EXISTS {{ MATCH (n)-[d:{'|'.join(sourced)}]->() "
        f"WHERE d.source = '{DATASET_SOURCE}' }}"
    )


def batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def check_tables(rows: GraphRows) -> None:
    """Refuse rows for tables the schema lacks: the writers walk the schema's tables and would
    skip them without a word."""
    unknown = (set(rows.nodes) - set(LABELS)) | {
        k for k in rows.rels if k[0] not in REL_BY_TYPE or k[1:] not in REL_BY_TYPE[k[0]].pairs
    }
    if unknown:
        raise StoreError(
            f"plan {rows.plan_id}: rows for tables the schema does not have: "
            f"{sorted(map(str, unknown))}"
        )
