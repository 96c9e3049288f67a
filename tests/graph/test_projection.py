"""to_networkx on a real embedded store: whole graph, one plan, neighbourhoods."""

from __future__ import annotations

import pytest
from store_plans import CITY_ISSUER, digital_plan, green_plan

from plankg.analysis.projection import graph_from_export, node_key, to_networkx
from plankg.errors import NotFound
from plankg.store import export_graph, load_plan

DIGITAL_ID = "德工信发〔2024〕12号"
GREEN_ID = "德工信发〔2024〕20号"


@pytest.fixture
def two_plans(store):
    load_plan(store, digital_plan())
    load_plan(store, green_plan())
    return store


def labels(graph) -> dict[str, str]:
    return {key: data["label"] for key, data in graph.nodes(data=True)}


def test_whole_graph_matches_the_export(two_plans):
    export = export_graph(two_plans)
    graph = to_networkx(two_plans)
    assert graph.number_of_nodes() == len(export["nodes"])
    assert graph.number_of_edges() == len(export["edges"])
    task = graph.nodes[f"{DIGITAL_ID}#1.2.1"]
    assert (task["label"], task["code"]) == ("Task", "1.2.1")
    roles = sorted(
        d["role"]
        for _, _, d in graph.in_edges(f"{DIGITAL_ID}#1.2.1", data=True)
        if d["type"] == "RESPONSIBLE_FOR"
    )
    assert roles == ["lead", "support"]
    # PART_OF carries a "source" property: the edge must still join the chain to its industry.
    assert graph.has_edge("aluminium_processing", "nonferrous")


def test_plan_filter_keeps_only_that_plans_tasks_and_edges(two_plans):
    graph = to_networkx(two_plans, plan_id=GREEN_ID)
    tasks = {k for k, label in labels(graph).items() if label == "Task"}
    assert tasks == {f"{GREEN_ID}#1.1", f"{GREEN_ID}#1.2"}
    shared_office = f"{CITY_ISSUER}/科技科"
    assert {
        t for _, t, d in graph.out_edges(shared_office, data=True) if d["type"] == "RESPONSIBLE_FOR"
    } == {f"{GREEN_ID}#1.1"}
    assert all(d.get("plan_id") in (None, GREEN_ID) for _, _, d in graph.edges(data=True))


def test_office_neighbourhood_holds_tasks_and_co_owners_not_the_plan(two_plans):
    office = f"{CITY_ISSUER}/科技科"
    graph = to_networkx(two_plans, around=("Office", office))
    assert {f"{DIGITAL_ID}#1.1.2", f"{GREEN_ID}#1.1"} <= set(graph)
    assert {f"{CITY_ISSUER}/信息化推进科", f"{CITY_ISSUER}/节能与综合利用科"} <= set(graph)
    assert "Plan" not in labels(graph).values()
    assert f"{DIGITAL_ID}#1.1.1" not in graph  # a task of another office only


def test_industry_neighbourhood_reaches_the_offices_of_its_chains(two_plans):
    graph = to_networkx(two_plans, around=("Industry", "nonferrous"))
    assert "aluminium_processing" in graph
    assert f"{CITY_ISSUER}/原材料工业科" in graph and f"{CITY_ISSUER}/运行监测协调科" in graph
    chain_only = to_networkx(two_plans, around=("Chain", "aluminium_processing"))
    assert "nonferrous" in chain_only  # its industry, but not the industry's other tasks
    assert f"{GREEN_ID}#1.1" not in chain_only


def test_plan_around_equals_plan_filter(two_plans):
    around = to_networkx(two_plans, around=("Plan", DIGITAL_ID))
    filtered = to_networkx(two_plans, plan_id=DIGITAL_ID)
    assert set(around) == set(filtered) and around.number_of_edges() == filtered.number_of_edges()


@pytest.mark.parametrize("around", [("Office", "nobody"), ("Plan", "no-plan"), ("Chain", "x")])
def test_unknown_centre_is_not_found(two_plans, around):
    with pytest.raises(NotFound):
        to_networkx(two_plans, around=around)


def test_ids_shared_by_two_labels_stay_two_nodes():
    export = {
        "nodes": [
            {"id": "临邑县", "label": "Region", "properties": {"name": "临邑县"}},
            {"id": "临邑县", "label": "Agency", "properties": {"name": "临邑县"}},
            {"id": "p#1", "label": "Task", "properties": {"code": "1"}},
        ],
        "edges": [
            {"source": "p#1", "target": "临邑县", "type": "LOCATED_IN", "properties": {}},
            {"source": "p#1", "target": "临邑县", "type": "INVOLVES", "properties": {}},
        ],
    }
    graph = graph_from_export(export)
    region, agency = node_key(graph, "Region", "临邑县"), node_key(graph, "Agency", "临邑县")
    assert region != agency and graph.has_edge("p#1", region) and graph.has_edge("p#1", agency)
    assert [d["type"] for _, _, d in graph.in_edges(region, data=True)] == ["LOCATED_IN"]
