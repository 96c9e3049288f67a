"""The graph as a networkx MultiDiGraph, whole or around one entity, from any GraphStore.

Built from :func:`plankg.store.dump.export_graph`, so both stores give the same graph. Node keys
are the store ids; an id that two labels share (unlikely, ids are label-scoped by construction) is
qualified as ``Label:id`` so neither node swallows the other. Every node carries ``label`` plus its
properties; every edge carries ``type`` plus its properties.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from typing import Any

import networkx as nx

from plankg.errors import NotFound
from plankg.store.dump import export_graph
from plankg.store.protocol import GraphStore
from plankg.store.schema import REL_BY_TYPE

# Edges that only file things under a plan or a section. Following them from an office would reach
# the plan and from there every other office, so neighbourhoods do not walk them.
STRUCTURAL_TYPES = frozenset({"HAS_SECTION", "HAS_TASK", "HAS_OFFICE"})
CONCEPT_LABELS = ("Industry", "Chain")
OWNER_LABELS = ("Office", "Collective")


def node_key(graph: nx.MultiDiGraph, label: str, entity_id: str) -> str:
    """The key of the node with this label and store id (see the module note on shared ids)."""
    if graph.has_node(entity_id) and graph.nodes[entity_id].get("label") == label:
        return entity_id
    qualified = f"{label}:{entity_id}"
    if graph.has_node(qualified):
        return qualified
    raise NotFound(f"no {label} with id {entity_id!r} in the graph")


def graph_from_export(export: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """A MultiDiGraph of an ``export_graph`` document."""
    shared_ids = {i for i, n in Counter(n["id"] for n in export["nodes"]).items() if n > 1}
    keys: dict[tuple[str, str], str] = {}
    labels_of_id: dict[str, set[str]] = {}
    graph = nx.MultiDiGraph()
    for node in export["nodes"]:
        key = f"{node['label']}:{node['id']}" if node["id"] in shared_ids else node["id"]
        keys[(node["label"], node["id"])] = key
        labels_of_id.setdefault(node["id"], set()).add(node["label"])
        graph.add_node(key, **node["properties"], id=node["id"], label=node["label"])
    for edge in export["edges"]:
        pairs = REL_BY_TYPE[edge["type"]].pairs
        source = _endpoint_key(keys, labels_of_id, edge["source"], {a for a, _ in pairs})
        target = _endpoint_key(keys, labels_of_id, edge["target"], {b for _, b in pairs})
        graph.add_edge(source, target, type=edge["type"], **edge["properties"])
    return graph


def _endpoint_key(
    keys: dict[tuple[str, str], str],
    labels_of_id: dict[str, set[str]],
    entity_id: str,
    allowed: set[str],
) -> str:
    # The relationship's FROM/TO labels tell which of several same-id nodes an edge meant.
    for label in sorted(labels_of_id.get(entity_id, set()) & allowed):
        return keys[(label, entity_id)]
    raise NotFound(f"edge end {entity_id!r} is not a node of the export")


def plan_subgraph(graph: nx.MultiDiGraph, plan_id: str) -> nx.MultiDiGraph:
    """The plan, what it owns (sections, tasks, targets) and every node its edges reach.

    Shared nodes (offices, industries…) come with the plan's edges only; ``PART_OF`` and
    ``SITUATED_IN`` (no plan) are kept between nodes the plan reaches.
    """
    plan_nodes = [
        k for k, d in graph.nodes(data=True) if d["label"] == "Plan" and d["id"] == plan_id
    ]
    if not plan_nodes:
        raise NotFound(f"no plan with id {plan_id!r} in the store")
    keep = set(plan_nodes)
    for source, target, data in graph.edges(data=True):
        if data.get("plan_id") == plan_id:
            keep.update((source, target))
    keep.update(k for k, d in graph.nodes(data=True) if d.get("plan_id") == plan_id)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((k, graph.nodes[k]) for k in keep)
    for source, target, key, data in graph.edges(keys=True, data=True):
        if source in keep and target in keep and data.get("plan_id") in (None, plan_id):
            sub.add_edge(source, target, key, **data)
    return sub


def neighbourhood(graph: nx.MultiDiGraph, seeds: Iterable[str], depth: int) -> set[str]:
    """Nodes within ``depth`` hops of the seeds, either direction, skipping structural edges.

    ``PART_OF`` is followed only from a seed, and what it reaches is not expanded: a chain's
    neighbourhood shows its industry, not the industry's other chains and tasks.
    """
    seed_set = set(seeds)
    distance = {seed: 0 for seed in seed_set}
    leaves: set[str] = set()
    queue = deque(seed_set)
    while queue:
        node = queue.popleft()
        if distance[node] >= depth or node in leaves:
            continue
        for neighbour, data in _incident(graph, node):
            if data["type"] in STRUCTURAL_TYPES:
                continue
            if data["type"] == "PART_OF":
                if node not in seed_set:
                    continue
                if neighbour not in seed_set:
                    leaves.add(neighbour)
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                queue.append(neighbour)
    return set(distance)


def _incident(graph: nx.MultiDiGraph, node: str) -> Iterable[tuple[str, dict[str, Any]]]:
    for _, target, data in graph.out_edges(node, data=True):
        yield target, data
    for source, _, data in graph.in_edges(node, data=True):
        yield source, data


def seeds_around(graph: nx.MultiDiGraph, label: str, entity_id: str) -> set[str]:
    """Where a neighbourhood starts: the entity, and for an industry also its chains (so the
    tasks of each chain are one hop away, as planners think of an industry's work)."""
    start = node_key(graph, label, entity_id)
    seeds = {start}
    if label == "Industry":
        seeds.update(s for s, _, d in graph.in_edges(start, data=True) if d["type"] == "PART_OF")
    return seeds


def to_networkx(
    store: GraphStore,
    *,
    plan_id: str | None = None,
    around: tuple[str, str] | None = None,
    depth: int = 2,
) -> nx.MultiDiGraph:
    """The store's graph, or the part of it one plan makes, or the neighbourhood of one entity.

    ``around=(label, id)``: a Plan gives its whole subgraph; an Office its tasks (1 hop) and their
    co-owners, industries, chains, targets and outside departments (2 hops); an Industry or Chain
    its tasks (an industry's chains included) and their offices and outside departments.
    """
    graph = graph_from_export(export_graph(store))
    if plan_id is not None:
        graph = plan_subgraph(graph, plan_id)
    if around is None:
        return graph
    label, entity_id = around
    if label == "Plan":
        return plan_subgraph(graph, entity_id)
    keep = neighbourhood(graph, seeds_around(graph, label, entity_id), depth)
    return graph.subgraph(keep).copy()


def nodes_with_label(graph: nx.MultiDiGraph, label: str) -> list[str]:
    return sorted(k for k, d in graph.nodes(data=True) if d["label"] == label)


def display_name(data: dict[str, Any]) -> str:
    """What a node is called on screen: its name, a task's code and title, a target's metric."""
    label = data["label"]
    if label in ("Task", "Section"):
        return f"{data.get('code') or ''} {data.get('title') or ''}".strip()
    if label == "Target":
        return f"{data.get('metric') or ''} {data.get('raw_value') or ''}".strip() or str(
            data["id"]
        )
    if label in ("Plan", "Document"):
        return str(data.get("title") or data["id"])
    return str(data.get("name") or data["id"])
