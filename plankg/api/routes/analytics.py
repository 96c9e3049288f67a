"""Office analytics over the networkx projection, as JSON records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import networkx as nx
import pandas as pd

from plankg.analysis import analytics
from plankg.analysis.names import plan_id_of
from plankg.analysis.projection import to_networkx
from plankg.analysis.records import Record
from plankg.api.deps import NameQuery, StoreDep
from plankg.api.responses import api_router
from plankg.store.protocol import GraphStore

R = TypeVar("R", bound=Record)

router = api_router(prefix="/analytics", tags=["analytics"])

PlanQuery = Annotated[
    str | None, NameQuery(description="Only this plan: id or document number (default: all plans).")
]


def _records(
    store: GraphStore,
    plan_id: str | None,
    measure: Callable[[nx.MultiDiGraph], pd.DataFrame],
    row: type[R],
) -> list[R]:
    return analytics.records(measure(to_networkx(store, plan_id=plan_id_of(store, plan_id))), row)


def _example(row: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {"application/json": {"example": [row]}}}}


@router.get(
    "/overlap",
    summary="Office pairs that share tasks or industries/chains",
    responses=_example(
        {
            "office_a": "产业政策科",
            "office_b": "投资与技改科",
            "office_a_en": "Industrial Policy Section",
            "office_b_en": "Investment and Technological Transformation Section",
            "shared_tasks": 3,
            "shared_concepts": 3,
            "task_codes": ["4.6", "5.3"],
            "concepts": ["建材产业", "水泥产业链"],
        }
    ),
)
def overlap(store: StoreDep, plan_id: PlanQuery = None) -> list[analytics.OfficePair]:
    """Every pair of offices holding a task together or working on a common industry or chain,
    most shared tasks first."""
    return _records(store, plan_id, analytics.office_overlap, analytics.OfficePair)


@router.get(
    "/workload",
    summary="Tasks and targets each office carries, by role",
    responses=_example(
        {
            "office_id": "某市工业和信息化局/科技科",
            "office": "科技科",
            "office_en": "Science and Technology Section",
            "tasks": 4,
            "sole": 2,
            "each": 2,
            "lead": 0,
            "support": 0,
            "targets": 3,
        }
    ),
)
def workload(store: StoreDep, plan_id: PlanQuery = None) -> list[analytics.OfficeWorkload]:
    """Per office: tasks held, tasks by role (sole, each, lead, support) and targets carried."""
    return _records(store, plan_id, analytics.office_workload, analytics.OfficeWorkload)


@router.get(
    "/centrality",
    summary="Degree and betweenness of offices in the office–task projection",
    responses=_example(
        {
            "office_id": "某市工业和信息化局/投资与技改科",
            "office": "投资与技改科",
            "office_en": "Investment and Technological Transformation Section",
            "tasks": 7,
            "partners": 10,
            "degree": 0.625,
            "weighted_degree": 17,
            "betweenness": 0.207,
        }
    ),
)
def centrality(store: StoreDep, plan_id: PlanQuery = None) -> list[analytics.OfficeCentrality]:
    """Offices linked by the tasks they hold together: who is central, who brokers between
    groups of co-owners."""
    return _records(store, plan_id, analytics.office_centrality, analytics.OfficeCentrality)


@router.get(
    "/industries",
    summary="Industries and chains ranked by the number of offices involved",
    responses=_example(
        {
            "concept_id": "nonferrous",
            "kind": "industry",
            "concept": "有色金属产业",
            "concept_en": "Nonferrous metals",
            "industry": None,
            "offices": 4,
            "tasks": 2,
            "office_names": ["材料工业科", "投资与技改科"],
        }
    ),
)
def industries(store: StoreDep, plan_id: PlanQuery = None) -> list[analytics.ConceptReach]:
    """Industries (their chains' tasks included) and chains, most offices first."""
    return _records(store, plan_id, analytics.industries_by_offices, analytics.ConceptReach)
