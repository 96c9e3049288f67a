"""The benchmark's named questions answered in memory on the networkx projection of the graph,
to compare a store's query latency with a plain in-process walk over the same data."""

from __future__ import annotations

from typing import Any

import networkx as nx

from plankg.analysis.projection import node_key


def _in(graph: nx.MultiDiGraph, node: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (src, data) for src, _, data in graph.in_edges(node, data=True) if data["type"] == rel_type
    ]


def _out(graph: nx.MultiDiGraph, node: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (dst, data) for _, dst, data in graph.out_edges(node, data=True) if data["type"] == rel_type
    ]


def _labelled(graph: nx.MultiDiGraph, label: str) -> list[str]:
    return [key for key, data in graph.nodes(data=True) if data["label"] == label]


def offices_sharing(graph: nx.MultiDiGraph, industry_id: str) -> list[tuple[str, str]]:
    """(office id, task id) for tasks concerning the industry or one of its chains."""
    industry = node_key(graph, "Industry", industry_id)
    concepts = [industry, *(chain for chain, _ in _in(graph, industry, "PART_OF"))]
    pairs = set()
    for concept in concepts:
        for task, _ in _in(graph, concept, "CONCERNS"):
            for owner, _ in _in(graph, task, "RESPONSIBLE_FOR"):
                if graph.nodes[owner]["label"] == "Office":
                    pairs.add((graph.nodes[owner]["id"], graph.nodes[task]["id"]))
    return sorted(pairs)


def office_tasks(graph: nx.MultiDiGraph, office_id: str) -> list[dict[str, Any]]:
    office = node_key(graph, "Office", office_id)
    rows = []
    for task, edge in _out(graph, office, "RESPONSIBLE_FOR"):
        co_owners = [
            graph.nodes[o]["name"] for o, _ in _in(graph, task, "RESPONSIBLE_FOR") if o != office
        ]
        rows.append(
            {"task_id": graph.nodes[task]["id"], "role": edge["role"], "co_owners": co_owners}
        )
    return sorted(rows, key=lambda r: r["task_id"])


def targets(graph: nx.MultiDiGraph, year: int) -> list[str]:
    """Target ids that apply in ``year`` (the rule of the ``targets`` query)."""
    found = []
    for target in _labelled(graph, "Target"):
        data = graph.nodes[target]
        start, end = data.get("period_start"), data.get("period_end")
        applies = (
            data.get("year") == year
            or (start is not None and end is not None and start <= year <= end)
            or (data.get("kind") == "annual" and data.get("year") is None and start is None)
        )
        if applies and _in(graph, target, "HAS_TARGET"):
            found.append(data["id"])
    return sorted(found)


def _owners(graph: nx.MultiDiGraph, task: str) -> list[tuple[str, dict[str, Any]]]:
    return _in(graph, task, "RESPONSIBLE_FOR")


def gap_shared_without_lead(graph: nx.MultiDiGraph) -> list[str]:
    found = []
    for task in _labelled(graph, "Task"):
        owners = _owners(graph, task)
        names = {graph.nodes[o]["name"] for o, _ in owners}
        if len(names) >= 2 and all(edge["role"] != "lead" for _, edge in owners):
            found.append(graph.nodes[task]["id"])
    return sorted(found)


def gap_no_owner(graph: nx.MultiDiGraph) -> list[str]:
    found = [graph.nodes[t]["id"] for t in _labelled(graph, "Task") if not _owners(graph, t)]
    found += [
        graph.nodes[s]["id"]
        for s in _labelled(graph, "Section")
        if _out(graph, s, "HAS_TARGET") and not _owners(graph, s)
    ]
    return sorted(found)


def gap_collective_owner(graph: nx.MultiDiGraph) -> list[str]:
    return sorted(
        {
            graph.nodes[t]["id"]
            for c in _labelled(graph, "Collective")
            for t, _ in _out(graph, c, "RESPONSIBLE_FOR")
        }
    )


def gap_open_ended(graph: nx.MultiDiGraph) -> list[str]:
    return sorted(
        {
            graph.nodes[t]["id"]
            for t in _labelled(graph, "Task")
            for _, edge in _owners(graph, t)
            if edge.get("open_ended")
        }
    )
