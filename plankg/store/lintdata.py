"""What the Cypher lint (``tools/cypher-lint``) checks against, printed as JSON by
``python -m plankg.store.lintdata``: the graph model in the shape of Neo4j's ``DbSchema``, every
named query with its declared parameters, and every statement the Neo4j store generates.

Kept out of the package's import graph so ``python -m`` runs it cleanly.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from plankg.store.neo4j_store import delete_steps, write_steps
from plankg.store.queries import list_queries
from plankg.store.rows import GraphRows
from plankg.store.schema import (
    LABELS,
    NODES,
    REL_TYPES,
    RELS,
    all_property_names,
    neo4j_ddl,
)


def db_schema() -> dict[str, Any]:
    return {
        "labels": list(LABELS),
        "relationshipTypes": list(REL_TYPES),
        "propertyKeys": sorted(all_property_names()),
        "graphSchema": [
            {"from": src, "to": dst, "relType": rel.type} for rel in RELS for src, dst in rel.pairs
        ],
    }


def neo4j_statements() -> list[dict[str, Any]]:
    """DDL, the plan delete and one write per table, with the parameter names each uses and
    the keys of its rows that are not graph properties."""
    rows = GraphRows(plan_id="lint")
    for node in NODES:
        rows.add_node(node.label, {"id": "lint"})
    for rel in RELS:
        for src, dst in rel.pairs:
            rows.add_rel(rel.type, src, dst, {"src": "lint", "dst": "lint"})
    steps = [*delete_steps("lint"), *write_steps(rows, batch_size=1)]
    return [
        {"name": f"schema {i + 1}", "cypher": ddl, "params": [], "row_keys": []}
        for i, ddl in enumerate(neo4j_ddl())
    ] + [
        # An edge row names its ends with src and dst: keys of the UNWIND row, not properties.
        {
            "name": step.name,
            "cypher": step.cypher,
            "params": sorted(step.params),
            "row_keys": ["dst", "src"] if step.name.startswith("rel ") else [],
        }
        for step in steps
    ]


def lint_data() -> dict[str, Any]:
    return {
        "schema": db_schema(),
        "queries": [asdict(info) for info in list_queries()],
        "statements": neo4j_statements(),
    }


if __name__ == "__main__":
    print(json.dumps(lint_data(), ensure_ascii=False, indent=2))
