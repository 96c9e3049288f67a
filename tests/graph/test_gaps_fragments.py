"""The gap catalogue on fragments of other plans, on each kind of store (a module of its own:
each test here empties the Neo4j server the sample-report tests share)."""

from __future__ import annotations

import pytest
from test_gaps import of_type, task_codes

from plankg.analysis.gaps import gap_report
from plankg.ingest import ingest_bytes
from plankg.store import load_plan
from plankg.store.rows import GraphRows

COUNTY_PLAN = """某县发展和改革局关于印发《某县制造业提升行动方案（2024-2026年）》的通知

一、主要目标
到2026年，全县规上工业企业达到200家，数字化水平明显提升。

二、重点任务
1. 壮大纺织服装产业。推动纺织服装产业集群发展，到2026年纺织服装产业营业收入达到80亿元。（责任单位：工业科、投资科）
2. 发展新能源汽车产业。配合牵头部门引进新能源汽车零部件项目。(工业科牵头，规划科配合)
3. 提升园区承载能力。完善园区基础设施。(各乡镇、规划科、投资科等分别负责)
4. 强化要素保障。建立项目调度机制。
"""


@pytest.fixture
def county_store(any_store):
    plan = ingest_bytes(COUNTY_PLAN.encode("utf-8"), "county.txt")
    load_plan(any_store, plan)
    return any_store, plan


def test_county_plan_gaps(county_store):
    store, plan = county_store
    report = gap_report(store, plan=plan.id)
    codes = {
        t: sorted(task_codes(of_type(report, t)), key=str)
        for t in (
            "shared_without_lead",
            "outside_dependency",
            "collective_owner",
            "open_ended_owner_list",
        )
    }
    # 责任单位：工业科、投资科 shares without a lead; 工业科牵头 does not.
    assert codes == {
        "shared_without_lead": ["2.1", "2.3"],
        "outside_dependency": ["2.2"],
        "collective_owner": ["2.3"],
        "open_ended_owner_list": ["2.3"],
    }
    no_owner = of_type(report, "no_owner")
    assert {g.nodes[0].label for g in no_owner} == {"Task", "Section"}
    assert any(n.name_zh == "2.4 强化要素保障" for g in no_owner for n in g.nodes)
    (vague,) = of_type(report, "vague_target")
    assert vague.evidence[0].phrase == "数字化水平明显提升"


def test_chain_without_leader_once_a_chain_has_a_leader(any_store, sample_plan):
    store = any_store
    load_plan(store, sample_plan)
    rows = GraphRows(plan_id=sample_plan.id)
    rows.add_node(
        "Enterprise",
        {
            "id": "某铝业集团",
            "name": "某铝业集团",
            "name_en": None,
            "aliases": [],
            "pinyin": None,
            "region": None,
            "resolved": True,
        },
    )
    rows.add_rel(
        "LEADS",
        "Enterprise",
        "Chain",
        {"src": "某铝业集团", "dst": "aluminium_processing", "role": "链主", "source": "csv"},
    )
    store.write_plan(rows)
    report = gap_report(store, types=["chain_without_leader"])
    assert report.skipped == {}
    chains = {g.nodes[0].id for g in report.gaps}
    assert "aluminium_processing" not in chains
    assert {"copper_processing", "fine_chemicals"} <= chains
