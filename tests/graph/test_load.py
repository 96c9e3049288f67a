"""plan_to_rows is pure: ids, properties and edges checked without a store."""

from __future__ import annotations

import pytest
from store_plans import (
    CITY_ISSUER,
    county_plan,
    digital_plan,
    digital_plan_revised,
    green_plan,
)

from plankg.errors import InputError
from plankg.store.load import diff_ledgers, plan_ledger, plan_to_rows, to_pinyin
from plankg.store.schema import NODE_BY_LABEL, REL_BY_TYPE

PLAN_ID = "德工信发〔2024〕12号"


def rel_pairs(rows, rel_type, src_label, dst_label):
    return {(r["src"], r["dst"]) for r in rows.rels.get((rel_type, src_label, dst_label), [])}


def node(rows, label, node_id):
    return next(r for r in rows.nodes[label] if r["id"] == node_id)


def test_counts_per_label_and_type():
    rows = plan_to_rows(digital_plan())
    assert {label: len(r) for label, r in rows.nodes.items()} == {
        "Plan": 1,
        "Section": 4,
        "Task": 6,
        "Target": 3,
        "Office": 8,
        "Collective": 1,
        "Agency": 2,
        "Industry": 1,
        "Chain": 2,
        "Enterprise": 1,
        "Park": 1,
        "Region": 1,
        "Document": 1,
    }
    assert rows.count() == (32, 42)


def test_rows_carry_exactly_the_schema_properties():
    rows = plan_to_rows(digital_plan())
    for label, node_rows in rows.nodes.items():
        for row in node_rows:
            assert list(row) == list(NODE_BY_LABEL[label].props), label
    for (rel_type, _, _), rel_rows in rows.rels.items():
        for row in rel_rows:
            assert set(row) == {"src", "dst", *REL_BY_TYPE[rel_type].props}, rel_type


def test_ids_of_plan_owned_nodes():
    rows = plan_to_rows(digital_plan())
    task = node(rows, "Task", f"{PLAN_ID}#1.2.1")
    assert task["code"] == "1.2.1" and task["plan_id"] == PLAN_ID
    assert node(rows, "Section", f"{PLAN_ID}#1.1")["title"] == "推进智能化改造"
    target = node(rows, "Target", f"{PLAN_ID}#1#t1")
    assert target["holder_id"] == f"{PLAN_ID}#1"
    assert target["value"] == 80.0 and isinstance(target["value"], float)
    assert target["qualifiers"] == ["以上"]


def test_outline_edges():
    rows = plan_to_rows(digital_plan())
    assert rel_pairs(rows, "HAS_SECTION", "Plan", "Section") == {
        (PLAN_ID, f"{PLAN_ID}#1"),
        (PLAN_ID, f"{PLAN_ID}#2"),
    }
    assert rel_pairs(rows, "HAS_SECTION", "Section", "Section") == {
        (f"{PLAN_ID}#1", f"{PLAN_ID}#1.1"),
        (f"{PLAN_ID}#1", f"{PLAN_ID}#1.2"),
    }
    # a top-level item with no section hangs from the plan itself
    assert rel_pairs(rows, "HAS_TASK", "Plan", "Task") == {(PLAN_ID, f"{PLAN_ID}#3")}
    assert (f"{PLAN_ID}#2", f"{PLAN_ID}#2.1") in rel_pairs(rows, "HAS_TASK", "Section", "Task")


def test_offices_are_issuer_scoped_with_aliases_and_pinyin():
    rows = plan_to_rows(digital_plan())
    office = node(rows, "Office", f"{CITY_ISSUER}/原材料工业科")
    assert office["aliases"] == ["原材料科"]
    assert office["alias_rules"] == ["short-form: X科 ⊂ X工业科 in the same plan"]
    assert office["issuer"] == CITY_ISSUER
    assert office["pinyin"] == "yuancailiaogongyeke"
    # an owner missing from the office list still becomes an office of the plan
    assert (PLAN_ID, f"{CITY_ISSUER}/办公室") in rel_pairs(rows, "HAS_OFFICE", "Plan", "Office")


def test_offices_without_issuer_stay_inside_their_plan():
    plan = county_plan()
    plan.header.issuer = None
    rows = plan_to_rows(plan)
    assert [r["id"] for r in rows.nodes["Office"]] == [f"{plan.id}/科技科"]


@pytest.mark.parametrize(
    ("task_code", "expected"),
    [
        ("1.1.1", {("技术改造科", "sole", False)}),
        ("1.1.2", {("科技科", "each", False), ("信息化推进科", "each", False)}),
        ("1.2.1", {("原材料工业科", "lead", False), ("运行监测协调科", "support", False)}),
        ("2.1", {("规划与政策法规科", "each", True), ("财务审计科", "each", True)}),
    ],
)
def test_office_responsibilities(task_code, expected):
    rows = plan_to_rows(digital_plan())
    got = {
        (r["src"].split("/", 1)[1], r["role"], r["open_ended"])
        for r in rows.rels[("RESPONSIBLE_FOR", "Office", "Task")]
        if r["dst"] == f"{PLAN_ID}#{task_code}"
    }
    assert got == expected


def test_collective_owner_and_evidence_offsets():
    plan = digital_plan()
    rows = plan_to_rows(plan)
    [edge] = rows.rels[("RESPONSIBLE_FOR", "Collective", "Task")]
    assert (edge["src"], edge["dst"], edge["role"]) == (
        "各产业科室",
        f"{PLAN_ID}#1.2.2",
        "collective",
    )
    assert plan.text[edge["ev_start"] : edge["ev_end"]] == edge["evidence"] == "（各产业科室负责）"
    assert "各产业科室" not in {r["name"] for r in rows.nodes["Office"]}


def test_agencies_and_mentions():
    rows = plan_to_rows(digital_plan())
    involves = {(r["dst"], r["relation"]) for r in rows.rels[("INVOLVES", "Task", "Agency")]}
    assert involves == {("市发展改革委", "support"), ("牵头部门", "support")}
    assert node(rows, "Agency", "牵头部门")["unnamed"] is True
    task = f"{PLAN_ID}#1.2.1"
    assert rel_pairs(rows, "CONCERNS", "Task", "Chain") == {
        (task, "aluminium_processing"),
        (f"{PLAN_ID}#1.2.2", "氢能产业链"),
    }
    assert rel_pairs(rows, "CONCERNS", "Task", "Industry") == {(task, "nonferrous")}
    assert rel_pairs(rows, "MENTIONS", "Task", "Enterprise") == {(task, "信发集团")}
    assert rel_pairs(rows, "DEVELOPS", "Task", "Park") == {(task, "临邑化工产业园")}
    assert rel_pairs(rows, "LOCATED_IN", "Task", "Region") == {(task, "临邑县")}
    assert rel_pairs(rows, "CITES", "Task", "Document") == {
        (f"{PLAN_ID}#1.2.2", "山东省制造业强省建设规划")
    }
    assert node(rows, "Chain", "氢能产业链")["resolved"] is False
    assert node(rows, "Chain", "aluminium_processing")["industry"] == "nonferrous"


def test_links_between_shared_nodes():
    rows = plan_to_rows(digital_plan())
    assert rel_pairs(rows, "PART_OF", "Chain", "Industry") == {
        ("aluminium_processing", "nonferrous")
    }
    [leads] = rows.rels[("LEADS", "Enterprise", "Chain")]
    assert (leads["src"], leads["dst"], leads["role"]) == (
        "信发集团",
        "aluminium_processing",
        "链主",
    )
    assert rel_pairs(rows, "SITUATED_IN", "Park", "Region") == {("临邑化工产业园", "临邑县")}


def test_chain_whose_industry_is_not_mentioned_gets_its_industry_from_the_vocabulary():
    plan = digital_plan()
    task = next(t for t in plan.tasks if t.code == "1.2.1")
    task.mentions = [m for m in task.mentions if m.kind != "industry"]
    rows = plan_to_rows(plan)
    industry = node(rows, "Industry", "nonferrous")
    assert (industry["name"], industry["name_en"]) == ("有色金属产业", "Nonferrous metals")
    assert "有色" in industry["aliases"]
    assert rel_pairs(rows, "PART_OF", "Chain", "Industry") == {
        ("aluminium_processing", "nonferrous")
    }


def test_park_without_mentioned_region_has_no_situated_in():
    rows = plan_to_rows(county_plan())
    assert ("SITUATED_IN", "Park", "Region") not in rows.rels


def test_repeated_mentions_become_one_node_and_one_edge_per_evidence():
    plan = green_plan()
    task = plan.tasks[0]
    task.mentions = task.mentions * 3
    rows = plan_to_rows(plan)
    assert len(rows.nodes["Industry"]) == 1
    assert len(rows.rels[("CONCERNS", "Task", "Industry")]) == 1


def test_two_tasks_with_one_code_are_refused():
    plan = green_plan()
    plan.tasks[1].code = plan.tasks[0].code
    with pytest.raises(InputError, match="two different Task rows"):
        plan_to_rows(plan)


def test_pure_apart_from_loaded_at():
    assert plan_to_rows(digital_plan()) == plan_to_rows(digital_plan())
    stamped = plan_to_rows(digital_plan(), loaded_at="2024-05-01T00:00:00+00:00")
    assert stamped.nodes["Plan"][0]["loaded_at"] == "2024-05-01T00:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "expected"), [("聊城", "liaocheng"), ("5G基站", "5gjizhan"), ("", None), (None, None)]
)
def test_pinyin(text, expected):
    assert to_pinyin(text) == expected


def test_diff_of_two_ledgers():
    diff = diff_ledgers(plan_ledger(digital_plan()), plan_ledger(digital_plan_revised()))
    assert diff.tasks_added == ["2.2"]
    assert diff.tasks_removed == ["3"]
    [change] = diff.owners_changed
    assert change.task_code == "1.1.2"
    assert {(o.owner, o.role) for o in change.after} == {
        ("科技科", "lead"),
        ("信息化推进科", "support"),
    }
    assert diff_ledgers(plan_ledger(green_plan()), plan_ledger(green_plan())).is_empty
