"""Node and edge rows: the plain-data form a plan takes on its way into a store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RelKey = tuple[str, str, str]  # (type, from_label, to_label)


@dataclass
class GraphRows:
    """Rows grouped by table, ready for batched ``UNWIND $rows`` writes or ``COPY``.

    nodes: label -> rows; every row has ``id`` and only properties the schema declares.
    rels:  (type, from_label, to_label) -> rows with ``src`` and ``dst`` ids plus properties.
    Plan-owned labels (schema.PLAN_OWNED_LABELS) are created; every other label is merged by id,
    so offices, industries and agencies are shared across plans.
    """

    plan_id: str = ""
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[RelKey, list[dict[str, Any]]] = field(default_factory=dict)

    def add_node(self, label: str, row: dict[str, Any]) -> None:
        self.nodes.setdefault(label, []).append(row)

    def add_rel(self, rel_type: str, src_label: str, dst_label: str, row: dict[str, Any]) -> None:
        self.rels.setdefault((rel_type, src_label, dst_label), []).append(row)

    def count(self) -> tuple[int, int]:
        return (sum(len(v) for v in self.nodes.values()), sum(len(v) for v in self.rels.values()))
