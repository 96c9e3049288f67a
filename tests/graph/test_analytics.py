"""Office analytics on hand-built plans (exact figures) and on the sample (shape and sanity)."""

from __future__ import annotations

import json

import pytest
from store_plans import digital_plan, green_plan

from plankg.analysis import analytics
from plankg.analysis.projection import to_networkx
from plankg.store import load_plan


@pytest.fixture
def graph(store):
    load_plan(store, digital_plan())
    load_plan(store, green_plan())
    return to_networkx(store)


def row(frame, **match):
    hit = frame
    for column, value in match.items():
        hit = hit[hit[column] == value]
    assert len(hit) == 1, match
    return hit.iloc[0]


def test_workload_counts_roles_and_targets(graph):
    frame = analytics.office_workload(graph)
    tech = row(frame, office="科技科")
    assert (tech.tasks, tech.each, tech.support, tech.lead, tech.sole, tech.targets) == (
        2,
        1,
        1,
        0,
        0,
        2,
    )
    raw = row(frame, office="原材料工业科")
    assert (raw.tasks, raw.lead) == (1, 1)
    assert "各产业科室" not in set(frame.office)  # a collective word is nobody's workload


def test_overlap_counts_shared_tasks_and_concepts(graph):
    frame = analytics.office_overlap(graph)
    pair = row(frame, office_a="信息化推进科", office_b="科技科")
    assert pair.shared_tasks == 1 and pair.task_codes == ["1.1.2"]
    lead_support = row(frame, office_a="原材料工业科", office_b="运行监测协调科")
    assert lead_support.shared_tasks == 1
    assert set(lead_support.concepts) == {"有色金属产业", "铝精深加工产业链"}
    matrix = analytics.overlap_matrix(graph)
    assert matrix.loc["科技科", "信息化推进科"] == matrix.loc["信息化推进科", "科技科"] == 1
    assert (matrix.values.diagonal() == 0).all()


def test_centrality_brokers(graph):
    frame = analytics.office_centrality(graph)
    tech = row(frame, office="科技科")
    # 科技科 alone joins its digital-plan partner and its green-plan partner.
    assert tech.partners == 2 and tech.betweenness > 0
    assert row(frame, office="技术改造科").partners == 0


def test_industries_ranked_by_offices(graph):
    frame = analytics.industries_by_offices(graph)
    nonferrous = row(frame, concept_id="nonferrous")
    # the digital plan's chain task (lead + support) and the green plan's direct task
    assert nonferrous.kind == "industry" and nonferrous.offices == 4
    assert set(nonferrous.office_names) == {
        "原材料工业科",
        "运行监测协调科",
        "科技科",
        "节能与综合利用科",
    }
    assert list(frame.offices) == sorted(frame.offices, reverse=True)


def test_records_are_json_ready(sample_store):
    graph = to_networkx(sample_store)
    for measure, row in (
        (analytics.office_overlap, analytics.OfficePair),
        (analytics.office_workload, analytics.OfficeWorkload),
        (analytics.office_centrality, analytics.OfficeCentrality),
        (analytics.industries_by_offices, analytics.ConceptReach),
    ):
        rows = analytics.records(measure(graph), row)
        assert rows
        json.dumps([r.model_dump() for r in rows], ensure_ascii=False, allow_nan=False)


def test_empty_graph_gives_empty_frames(store):
    graph = to_networkx(store)
    assert analytics.office_overlap(graph).empty and analytics.office_workload(graph).empty
    assert analytics.office_centrality(graph).empty and analytics.industries_by_offices(graph).empty
