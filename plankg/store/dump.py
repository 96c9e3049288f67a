"""The whole graph as plain data, and its counts; works on any GraphStore.

Reads are generated from ``schema.py``: one per label and one per relationship pair, each
returning scalar properties only (never whole nodes), so the same text runs on both stores.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from plankg.store.protocol import GraphStore
from plankg.store.rows import GraphRows
from plankg.store.schema import NODES, RELS

# Labels whose nodes say whether the vocabulary knew them.
RESOLVABLE_LABELS = tuple(node.label for node in NODES if "resolved" in node.props)

TASKS_WITHOUT_OWNER_CYPHER = (
    "MATCH (t:Task) OPTIONAL MATCH (o)-[r:RESPONSIBLE_FOR]->(t) "
    "WITH t, count(r) AS owners WHERE owners = 0 RETURN count(t) AS n"
)


def node_export_cypher(label: str, props: list[str]) -> str:
    columns = ", ".join(f"n.{name} AS {name}" for name in props)
    return f"MATCH (n:{label}) RETURN {columns}"


def rel_export_cypher(rel_type: str, src: str, dst: str, props: list[str]) -> str:
    # The ends are aliased apart from every property name: PART_OF and LEADS carry a "source".
    columns = "".join(f", e.{name} AS {name}" for name in props)
    return (
        f"MATCH (a:{src})-[e:{rel_type}]->(b:{dst}) RETURN a.id AS from_id, b.id AS to_id{columns}"
    )


def _sort_key(value: Any) -> tuple[int, Any]:
    """None sorts first and never meets a str/int comparison."""
    return (0, "") if value is None else (1, value)


def _edge_order(edge: dict[str, Any]) -> tuple[Any, ...]:
    props = edge["properties"]
    return (
        edge["type"],
        edge["source"],
        edge["target"],
        _sort_key(props.get("ev_start")),
        _sort_key(props.get("ev_end")),
        _sort_key(props.get("evidence")),
        json.dumps(props, sort_keys=True, ensure_ascii=False, default=str),
    )


def _read_nodes(store: GraphStore) -> Iterator[tuple[str, dict[str, Any]]]:
    for node in NODES:
        for row in store.run_read(node_export_cypher(node.label, list(node.props))):
            yield node.label, row


def _read_edges(store: GraphStore) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for rel in RELS:
        for src, dst in rel.pairs:
            for row in store.run_read(rel_export_cypher(rel.type, src, dst, list(rel.props))):
                yield rel.type, src, dst, row


def export_graph(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """``{"nodes": [{id, label, properties}], "edges": [{source, target, type, properties}]}``
    in a deterministic order (nodes by label and id; edges by type, ends and evidence)."""
    nodes = [
        {"id": row["id"], "label": label, "properties": {k: v for k, v in row.items() if k != "id"}}
        for label, row in _read_nodes(store)
    ]
    edges = [
        {
            "source": row["from_id"],
            "target": row["to_id"],
            "type": rel_type,
            "properties": {k: v for k, v in row.items() if k not in ("from_id", "to_id")},
        }
        for rel_type, _src, _dst, row in _read_edges(store)
    ]
    nodes.sort(key=lambda n: (n["label"], n["id"]))
    edges.sort(key=_edge_order)
    return {"nodes": nodes, "edges": edges}


def export_rows(store: GraphStore) -> GraphRows:
    """The whole graph as write-ready rows (for copying one store into another)."""
    rows = GraphRows()
    for label, row in _read_nodes(store):
        rows.add_node(label, row)
    for rel_type, src, dst, row in _read_edges(store):
        edge = {k: v for k, v in row.items() if k not in ("from_id", "to_id")}
        rows.add_rel(rel_type, src, dst, {"src": row["from_id"], "dst": row["to_id"], **edge})
    return rows


def _count(store: GraphStore, cypher: str) -> int:
    rows = store.run_read(cypher)
    return int(rows[0]["n"]) if rows else 0


def graph_stats(store: GraphStore) -> dict[str, Any]:
    """Counts per label and per relationship type, tasks nobody owns, unresolved terms."""
    return {
        "nodes": {
            n.label: _count(store, f"MATCH (x:{n.label}) RETURN count(x) AS n") for n in NODES
        },
        "edges": {
            r.type: _count(store, f"MATCH ()-[e:{r.type}]->() RETURN count(e) AS n") for r in RELS
        },
        "tasks_without_owner": _count(store, TASKS_WITHOUT_OWNER_CYPHER),
        "unresolved_terms": sum(
            _count(store, f"MATCH (x:{label}) WHERE x.resolved = false RETURN count(x) AS n")
            for label in RESOLVABLE_LABELS
        ),
    }
