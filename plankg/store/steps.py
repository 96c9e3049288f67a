"""What both stores' write paths share: the plan-level and shared labels, the orphan-cleanup
order, the rule that an unknown value never erases a known one on a shared node, the dataset
guard, the write Cypher generated from ``schema.py`` (each store passes how its dialect writes a
row's value, and its own orphan cleanup), and ``StepWriter`` (``write_plan``/``delete_plan`` as
one list of statements in one transaction)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from plankg.codes import code_sort_key
from plankg.errors import StoreError
from plankg.store.protocol import plan_ids
from plankg.store.rows import GraphRows, RelKey
from plankg.store.schema import (
    DATASET_SOURCE,
    KEPT_LABELS,
    LABELS,
    NODE_BY_LABEL,
    NODES,
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
    upgrades: list[str]  # what opening the store changed to bring an earlier layout up to date

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
        self._run_steps(steps, f"writing {plans_named(rows.plan_id)}")

    def fill_sort_keys(self, read: Callable[[str], list[dict[str, Any]]]) -> int:
        """Give every task written before ``Task.sort_key`` existed its key (one transaction);
        the number of tasks filled. New tasks get theirs from the loader."""
        missing = read("MATCH (t:Task) WHERE t.sort_key IS NULL RETURN t.id AS id, t.code AS code")
        if missing:
            rows = [{"id": r["id"], "key": code_sort_key(r["code"])} for r in missing]
            fill = Step(
                "fill Task.sort_key",
                "UNWIND $rows AS r MATCH (t:Task) WHERE t.id = r.id SET t.sort_key = r.key",
                {"rows": rows},
                len(rows),
            )
            self._run_steps([fill], "giving stored tasks their outline sort key")
            self.upgrades.append(f"filled Task.sort_key of {len(rows)} tasks")
        return len(missing)

    def delete_plan(self, plan_id: str) -> bool:
        exists = Step(
            "find Plan",
            "MATCH (n:Plan) WHERE n.id = $plan_id RETURN count(n) AS n",
            {"plan_id": plan_id},
        )
        counts = self._run_steps([exists, *self._delete_steps(plan_id)], f"deleting plan {plan_id}")
        return counts[0] > 0


def plans_named(plan_id: str, shown: int = 3) -> str:
    """``plan X``, or for the rows of many plans merged (ids joined by commas) ``1000 plans (A,
    B, C, …)``: an error message stays one short line."""
    ids = plan_id.split(",")
    if len(ids) == 1:
        return f"plan {plan_id}"
    more = ", …" if len(ids) > shown else ""
    return f"{len(ids)} plans ({', '.join(ids[:shown])}{more})"


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


ValueOf = Callable[[str, str], str]
"""How a dialect writes a row's value: (an expression such as ``r.name``, its schema type) ->
Cypher."""


def as_is(expr: str, typ: str) -> str:
    return expr


def create_node_cypher(label: str, value: ValueOf = as_is) -> str:
    props = NODE_BY_LABEL[label].props
    body = ", ".join(f"{name}: {value('r.' + name, typ)}" for name, typ in props.items())
    return f"UNWIND $rows AS r CREATE (n:{label} {{{body}}}) RETURN count(n) AS written"


def merge_node_cypher(label: str, value: ValueOf = as_is) -> str:
    """Shared nodes, merged by id: a property one plan does not know never erases another
    plan's (``keep_known``)."""
    sets = ", ".join(
        f"n.{name} = {keep_known('n.' + name, value('r.' + name, typ), typ)}"
        for name, typ in NODE_BY_LABEL[label].props.items()
        if name != "id"
    )
    merge = f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}})"
    return (
        f"{merge} SET {sets} RETURN count(n) AS written"
        if sets
        else f"{merge} RETURN count(n) AS written"
    )


def rel_cypher(rel_type: str, src_label: str, dst_label: str, value: ValueOf = as_is) -> str:
    """Two MATCH clauses, each an id lookup: the comma form builds a product (on LadybugDB it
    scans and joins both tables, ~30x slower). An edge between two shared nodes is merged."""
    props = REL_BY_TYPE[rel_type].props
    match = (
        f"UNWIND $rows AS r MATCH (a:{src_label} {{id: r.src}}) MATCH (b:{dst_label} {{id: r.dst}})"
    )
    if is_shared(src_label) and is_shared(dst_label):
        sets = ", ".join(
            f"e.{name} = {keep_known('e.' + name, value('r.' + name, typ), typ)}"
            for name, typ in props.items()
        )
        merge = f"{match} MERGE (a)-[e:{rel_type}]->(b)"
        return (
            f"{merge} SET {sets} RETURN count(e) AS written"
            if sets
            else f"{merge} RETURN count(e) AS written"
        )
    body = ", ".join(f"{name}: {value('r.' + name, typ)}" for name, typ in props.items())
    return f"{match} CREATE (a)-[e:{rel_type} {{{body}}}]->(b) RETURN count(e) AS written"


def node_steps(
    label: str, rows: list[dict[str, Any]], batch_size: int, value: ValueOf = as_is
) -> Iterator[Step]:
    props = NODE_BY_LABEL[label].props
    cypher = (merge_node_cypher if is_shared(label) else create_node_cypher)(label, value)
    clean = [{name: row.get(name) for name in props} for row in rows]
    for batch in batches(clean, batch_size):
        yield Step(f"node {label}", cypher, {"rows": batch}, len(batch), len(batch))


def rel_steps(
    key: RelKey, rows: list[dict[str, Any]], batch_size: int, value: ValueOf = as_is
) -> Iterator[Step]:
    rel_type, src_label, dst_label = key
    props = REL_BY_TYPE[rel_type].props
    cypher = rel_cypher(rel_type, src_label, dst_label, value)
    clean = [{"src": r["src"], "dst": r["dst"], **{p: r.get(p) for p in props}} for r in rows]
    for batch in batches(clean, batch_size):
        yield Step(
            f"rel {rel_type} {src_label}->{dst_label}",
            cypher,
            {"rows": batch},
            len(batch),
            len(batch),
        )


def write_steps(rows: GraphRows, batch_size: int, value: ValueOf = as_is) -> list[Step]:
    """Nodes in schema order (Plan first, so edges always find both ends) then edges, in
    batches of ``batch_size`` rows."""
    check_tables(rows)
    steps: list[Step] = []
    for node in NODES:
        if rows.nodes.get(node.label):
            steps.extend(node_steps(node.label, rows.nodes[node.label], batch_size, value))
    for rel in RELS:
        for src_label, dst_label in rel.pairs:
            key = (rel.type, src_label, dst_label)
            if rows.rels.get(key):
                steps.extend(rel_steps(key, rows.rels[key], batch_size, value))
    return steps


def delete_steps(plan_id: str, orphan_cleanup: Callable[[str], str]) -> list[Step]:
    """A plan's own nodes, then the plan, then shared nodes left without a referrer
    (``orphan_cleanup(label)``: the store's statement for one shared label)."""
    params = {"plan_id": plan_id}
    steps = [
        Step(
            f"delete {label}",
            f"MATCH (n:{label}) WHERE n.plan_id = $plan_id DETACH DELETE n",
            params,
        )
        for label in PLAN_OWNED_LABELS
    ]
    steps.append(
        Step("delete Plan", "MATCH (n:Plan) WHERE n.id = $plan_id DETACH DELETE n", params)
    )
    steps.extend(
        Step(f"orphans {label}", orphan_cleanup(label), {}) for label in SHARED_CLEANUP_ORDER
    )
    return steps
