"""Who carries what, measured: plain functions over the networkx projection, returning DataFrames.

Every function takes the MultiDiGraph of :func:`plankg.analysis.projection.to_networkx` (whole, or one
plan's part), so a notebook can compose them and the API can serve them as records. Only ``Office``
nodes count as offices here: a collective word (各产业科室) names nobody in particular.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any, TypeVar

import networkx as nx
import pandas as pd

from plankg.analysis.projection import display_name, nodes_with_label
from plankg.analysis.records import Record
from plankg.codes import code_key

# Roles an office can hold; "collective" belongs to group words, which are not offices.
OFFICE_ROLES = ("sole", "each", "lead", "support")
OVERLAP_COLUMNS = [
    "office_a",
    "office_b",
    "office_a_en",
    "office_b_en",
    "shared_tasks",
    "shared_concepts",
    "task_codes",
    "concepts",
]
WORKLOAD_COLUMNS = ["office_id", "office", "office_en", "tasks", *OFFICE_ROLES, "targets"]
CENTRALITY_COLUMNS = [
    "office_id",
    "office",
    "office_en",
    "tasks",
    "partners",
    "degree",
    "weighted_degree",
    "betweenness",
]
CONCEPT_COLUMNS = [
    "concept_id",
    "kind",
    "concept",
    "concept_en",
    "industry",
    "offices",
    "tasks",
    "office_names",
]


def office_tasks(graph: nx.MultiDiGraph) -> dict[str, dict[str, set[str]]]:
    """office key -> role -> task keys, from RESPONSIBLE_FOR edges to tasks."""
    held: dict[str, dict[str, set[str]]] = {o: {} for o in nodes_with_label(graph, "Office")}
    for source, target, data in graph.edges(data=True):
        if (
            data["type"] == "RESPONSIBLE_FOR"
            and source in held
            and graph.nodes[target]["label"] == "Task"
        ):
            held[source].setdefault(data.get("role") or "", set()).add(target)
    return held


def _all_tasks(roles: dict[str, set[str]]) -> set[str]:
    return set().union(*roles.values()) if roles else set()


def task_concepts(graph: nx.MultiDiGraph, task: str) -> set[str]:
    """The industries and chains a task concerns, each chain's industry included."""
    concepts = set()
    for _, target, data in graph.out_edges(task, data=True):
        if data["type"] == "CONCERNS":
            concepts.add(target)
            concepts.update(
                parent
                for _, parent, d in graph.out_edges(target, data=True)
                if d["type"] == "PART_OF"
            )
    return concepts


def office_concepts(graph: nx.MultiDiGraph, tasks: set[str]) -> set[str]:
    return set().union(*(task_concepts(graph, t) for t in tasks)) if tasks else set()


def office_overlap(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Every pair of offices that hold a task together or work on a common industry or chain.

    ``shared_concepts`` counts industries and chains both offices' tasks concern (a chain's
    industry counts for both), whether or not a single task joins them.
    """
    held = {o: _all_tasks(roles) for o, roles in office_tasks(graph).items()}
    concepts = {o: office_concepts(graph, tasks) for o, tasks in held.items()}
    rows = []
    for a, b in combinations(sorted(held, key=lambda o: graph.nodes[o].get("name") or o), 2):
        tasks = held[a] & held[b]
        common = concepts[a] & concepts[b]
        if not tasks and not common:
            continue
        rows.append(
            {
                "office_a": graph.nodes[a].get("name"),
                "office_b": graph.nodes[b].get("name"),
                "office_a_en": graph.nodes[a].get("name_en"),
                "office_b_en": graph.nodes[b].get("name_en"),
                "shared_tasks": len(tasks),
                "shared_concepts": len(common),
                "task_codes": sorted(
                    (graph.nodes[t].get("code") or t for t in tasks), key=code_key
                ),
                "concepts": sorted(display_name(graph.nodes[c]) for c in common),
            }
        )
    frame = pd.DataFrame(rows, columns=OVERLAP_COLUMNS)
    return frame.sort_values(
        ["shared_tasks", "shared_concepts", "office_a", "office_b"],
        ascending=[False, False, True, True],
        ignore_index=True,
    )


def overlap_matrix(graph: nx.MultiDiGraph, measure: str = "shared_tasks") -> pd.DataFrame:
    """Office × office table of one overlap measure (symmetric, zero diagonal), for a heatmap."""
    names = sorted(graph.nodes[o].get("name") or o for o in nodes_with_label(graph, "Office"))
    matrix = pd.DataFrame(0, index=names, columns=names)
    for row in office_overlap(graph).itertuples(index=False):
        value = getattr(row, measure)
        matrix.loc[row.office_a, row.office_b] = value
        matrix.loc[row.office_b, row.office_a] = value
    return matrix


def office_workload(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Per office: tasks held, tasks by role, and the targets those tasks carry."""
    rows = []
    for office, roles in office_tasks(graph).items():
        tasks = _all_tasks(roles)
        targets = {
            t
            for task in tasks
            for _, t, d in graph.out_edges(task, data=True)
            if d["type"] == "HAS_TARGET"
        }
        data = graph.nodes[office]
        rows.append(
            {
                "office_id": data["id"],
                "office": data.get("name"),
                "office_en": data.get("name_en"),
                "tasks": len(tasks),
                **{role: len(roles.get(role, ())) for role in OFFICE_ROLES},
                "targets": len(targets),
            }
        )
    frame = pd.DataFrame(rows, columns=WORKLOAD_COLUMNS)
    return frame.sort_values(
        ["tasks", "targets", "office"], ascending=[False, False, True], ignore_index=True
    )


def office_task_bipartite(graph: nx.MultiDiGraph) -> nx.Graph:
    """Offices and tasks, an edge where an office is responsible for a task (any role)."""
    bipartite = nx.Graph()
    for office, roles in office_tasks(graph).items():
        bipartite.add_node(office, bipartite=0)
        for task in _all_tasks(roles):
            bipartite.add_node(task, bipartite=1)
            bipartite.add_edge(office, task)
    return bipartite


def office_centrality(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Degree and betweenness centrality of offices in the office projection of the office–task
    bipartite graph (two offices linked when they hold a task together, weighted by how many).

    Betweenness uses unweighted shortest paths: an office that alone connects two groups of
    co-owners is a broker whatever the number of tasks on each link.
    """
    bipartite = office_task_bipartite(graph)
    offices = [n for n, d in bipartite.nodes(data=True) if d["bipartite"] == 0]
    if not offices:
        return pd.DataFrame(columns=CENTRALITY_COLUMNS)
    projected = nx.bipartite.weighted_projected_graph(bipartite, offices)
    degree = nx.degree_centrality(projected) if len(projected) > 1 else dict.fromkeys(offices, 0.0)
    betweenness = nx.betweenness_centrality(projected)
    rows = []
    for office in offices:
        data = graph.nodes[office]
        rows.append(
            {
                "office_id": data["id"],
                "office": data.get("name"),
                "office_en": data.get("name_en"),
                "tasks": bipartite.degree(office),
                "partners": projected.degree(office),
                "degree": round(degree[office], 4),
                "weighted_degree": projected.degree(office, weight="weight"),
                "betweenness": round(betweenness[office], 4),
            }
        )
    frame = pd.DataFrame(rows, columns=CENTRALITY_COLUMNS)
    return frame.sort_values(
        ["betweenness", "degree", "office"], ascending=[False, False, True], ignore_index=True
    )


def industries_by_offices(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Industries and chains ranked by how many offices carry tasks concerning them.

    An industry counts the tasks of its chains too.
    """
    offices_of: dict[str, set[str]] = {}
    tasks_of: dict[str, set[str]] = {}
    for office, roles in office_tasks(graph).items():
        for task in _all_tasks(roles):
            for concept in task_concepts(graph, task):
                offices_of.setdefault(concept, set()).add(office)
    for task in nodes_with_label(graph, "Task"):
        for concept in task_concepts(graph, task):
            tasks_of.setdefault(concept, set()).add(task)
    rows = []
    for concept in sorted(set(offices_of) | set(tasks_of)):
        data = graph.nodes[concept]
        office_names = sorted(graph.nodes[o].get("name") or o for o in offices_of.get(concept, ()))
        rows.append(
            {
                "concept_id": data["id"],
                "kind": data["label"].lower(),
                "concept": display_name(data),
                "concept_en": data.get("name_en"),
                "industry": data.get("industry"),
                "offices": len(office_names),
                "tasks": len(tasks_of.get(concept, ())),
                "office_names": office_names,
            }
        )
    frame = pd.DataFrame(rows, columns=CONCEPT_COLUMNS)
    return frame.sort_values(
        ["offices", "tasks", "concept_id"], ascending=[False, False, True], ignore_index=True
    )


class OfficePair(Record):
    """A row of :func:`office_overlap`."""

    office_a: str | None
    office_b: str | None
    office_a_en: str | None
    office_b_en: str | None
    shared_tasks: int
    shared_concepts: int
    task_codes: list[str]
    concepts: list[str]


class OfficeWorkload(Record):
    """A row of :func:`office_workload`."""

    office_id: str
    office: str | None
    office_en: str | None
    tasks: int
    sole: int
    each: int
    lead: int
    support: int
    targets: int


class OfficeCentrality(Record):
    """A row of :func:`office_centrality`."""

    office_id: str
    office: str | None
    office_en: str | None
    tasks: int
    partners: int
    degree: float
    weighted_degree: int | float
    betweenness: float


class ConceptReach(Record):
    """A row of :func:`industries_by_offices`."""

    concept_id: str
    kind: str
    concept: str
    concept_en: str | None
    industry: str | None
    offices: int
    tasks: int
    office_names: list[str]


R = TypeVar("R", bound=Record)


def records(frame: pd.DataFrame, row: type[R]) -> list[R]:
    """The frame's rows as typed records: NaN and pandas scalars become plain Python values."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [
        row.model_validate({k: _plain(v) for k, v in r.items()})
        for r in clean.to_dict(orient="records")
    ]


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value
