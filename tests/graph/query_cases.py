"""What each named query must answer, as checks that take a store holding two plans: the bundled
sample and the hand-made county plan of ``plan_fragments``. Shared by the embedded-store tests
(tests/graph/test_queries.py) and the Neo4j ones (tests/neo4j), so both backends meet the same
assertions. Lists a query collects are compared as sets: their order is not part of the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plan_fragments import ISSUER, PLAN_ID, TEXT

from plankg.analysis.gaps import gap_report
from plankg.store.load import office_id, task_id
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query

SAMPLE_ISSUER = "聊城市工业和信息化局"
SAMPLE_PLAN = "聊工信发-2023-48"


def county_office(name: str) -> str:
    return office_id(ISSUER, name)


def sample_office(name: str) -> str:
    return office_id(SAMPLE_ISSUER, name)


def by(rows: list[dict[str, Any]], *keys: str) -> dict[Any, dict[str, Any]]:
    index = {}
    for row in rows:
        key = row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)
        assert key not in index, f"two rows for {key}"
        index[key] = row
    return index


# -- questions planners ask ------------------------------------------------------------------


def offices_sharing_nonferrous_in_sample(store: GraphStore) -> None:
    rows = run_query(store, "offices_sharing", ids=["nonferrous"], plan_id=SAMPLE_PLAN)
    links = {(r["office"], r["task_code"], r["via"]) for r in rows}
    assert ("原材料产业科", "4.1.1", "有色金属产业") in links
    assert ("原材料产业科", "4.1.1", "铝加工产业链") in links  # through the chain's PART_OF
    for office in ("电子信息产业科", "工业互联网科", "技改办"):
        assert (office, "4.8", "有色金属产业") in links
    evidence_48 = {r["evidence"] for r in rows if r["task_code"] == "4.8"}
    assert evidence_48 == {"有色"}
    assert {r["office_id"] for r in rows} >= {sample_office("技改办")}
    assert all(r["task_id"].startswith(SAMPLE_PLAN) for r in rows)


def offices_sharing_evidence_points_into_the_text(store: GraphStore) -> None:
    rows = run_query(store, "offices_sharing", ids=["nonferrous"], plan_id=PLAN_ID)
    assert rows
    for row in rows:
        assert TEXT[row["ev_start"] : row["ev_end"]] == row["evidence"]


def offices_sharing_a_chain_only(store: GraphStore) -> None:
    rows = run_query(store, "offices_sharing", ids=["aluminium_processing"], plan_id=PLAN_ID)
    assert {(r["office"], r["role"]) for r in rows} == {
        ("工业发展股", "lead"),
        ("中小企业股", "support"),
    }
    assert {r["via"] for r in rows} == {"铝加工产业链"}
    assert {r["evidence"] for r in rows} == {"铝精深加工产业链"}


def offices_sharing_all_plans_or_one(store: GraphStore) -> None:
    everywhere = run_query(store, "offices_sharing", ids=["nonferrous"])
    in_county = run_query(store, "offices_sharing", ids=["nonferrous"], plan_id=PLAN_ID)
    assert {r["office_id"].split("/")[0] for r in everywhere} == {ISSUER, SAMPLE_ISSUER}
    assert {r["office"] for r in in_county} == {"工业发展股", "中小企业股", "信息化股"}
    assert run_query(store, "offices_sharing", ids=[]) == []


def office_tasks_with_co_owners(store: GraphStore) -> None:
    rows = by(run_query(store, "office_tasks", office_id=county_office("中小企业股")), "task_code")
    assert set(rows) == {"1.1", "1.3"}
    assert rows["1.1"]["role"] == "support" and rows["1.1"]["co_owners"] == ["工业发展股"]
    assert rows["1.1"]["co_owner_roles"] == ["lead"]
    assert rows["1.3"]["role"] == "each" and rows["1.3"]["open_ended"] is True
    assert rows["1.3"]["co_owners"] == ["信息化股"]
    sole = run_query(store, "office_tasks", office_id=county_office("安全生产股"))
    assert [(r["task_code"], r["co_owners"]) for r in sole] == [("1.2", [])]


def task_detail_of_a_county_task(store: GraphStore) -> None:
    [row] = run_query(store, "task_detail", task_id=task_id(PLAN_ID, "1.1"))
    assert (row["code"], row["number"], row["section_code"]) == ("1.1", "(一)", "1")
    assert row["industries"] == ["有色金属产业"] and row["chains"] == ["铝加工产业链"]
    assert row["target_count"] == 1 and row["has_owner"] is True
    [outside] = run_query(store, "task_detail", task_id=task_id(PLAN_ID, "1.2"))
    assert outside["agencies"] == ["发展改革部门"]
    assert run_query(store, "task_detail", task_id="no such task") == []


def task_owners_keep_the_written_form(store: GraphStore) -> None:
    def owners_of(code: str) -> list[dict[str, Any]]:
        return run_query(
            store, "responsibility_edges", plan_id=PLAN_ID, task_id=task_id(PLAN_ID, code)
        )

    rows = by(owners_of("1.1"), "owner")
    assert {name: (r["role"], r["raw"]) for name, r in rows.items()} == {
        "工业发展股": ("lead", "工业发展股"),
        "中小企业股": ("support", "中小股"),
    }
    [collective] = owners_of("2.1")
    assert (collective["owner_label"], collective["role"]) == ("Collective", "collective")


def targets_filtered(store: GraphStore) -> None:
    county = run_query(store, "targets", plan_id=PLAN_ID)
    assert {(r["holder_label"], r["metric"]) for r in county} == {
        ("Task", "规上企业"),
        ("Section", "主要经济指标增速"),
    }
    [by_year] = run_query(store, "targets", plan_id=PLAN_ID, year=2025)
    assert (by_year["value"], by_year["unit"], by_year["year"]) == (30, "家", 2025)
    [by_office] = run_query(store, "targets", office_id=county_office("工业发展股"))
    assert by_office["target_id"] == by_year["target_id"]
    assert run_query(store, "targets", office_id=county_office("信息化股")) == []
    nonferrous = run_query(store, "targets", plan_id=SAMPLE_PLAN, industry_id="nonferrous")
    assert {("营业收入", 1600), ("规上企业", 80)} <= {(r["metric"], r["value"]) for r in nonferrous}
    assert all("nonferrous" in r["industry_ids"] for r in nonferrous)


def outside_dependencies_of_the_county(store: GraphStore) -> None:
    [row] = run_query(store, "outside_dependencies", plan_id=PLAN_ID)
    assert (row["holder_code"], row["agency"], row["relation"], row["raw"]) == (
        "1.2",
        "发展改革部门",
        "support",
        "县发展改革局",
    )
    assert row["offices"] == ["安全生产股"]


def office_overlap_of_two_county_offices(store: GraphStore) -> None:
    rows = by(
        run_query(
            store,
            "office_overlap",
            office_a=county_office("中小企业股"),
            office_b=county_office("工业发展股"),
        ),
        "kind",
        "id",
    )
    assert set(rows) == {
        ("task", task_id(PLAN_ID, "1.1")),
        ("industry", "nonferrous"),
        ("chain", "aluminium_processing"),
    }
    industry = rows[("industry", "nonferrous")]
    assert set(industry["tasks_a"]) == {"1.1", "1.3"} and industry["tasks_b"] == ["1.1"]
    assert rows[("task", task_id(PLAN_ID, "1.1"))]["roles_b"] == ["lead"]


def offices_with_role_counts(store: GraphStore) -> None:
    rows = by(run_query(store, "offices", plan_id=PLAN_ID), "office")
    assert set(rows) == {"工业发展股", "中小企业股", "安全生产股", "信息化股"}
    small = rows["中小企业股"]
    assert (small["tasks"], small["each"], small["support"], small["targets"]) == (2, 1, 1, 1)
    assert small["aliases"] == ["中小股"]
    assert (rows["工业发展股"]["lead"], rows["安全生产股"]["sole"]) == (1, 1)
    assert len(run_query(store, "offices", plan_id=SAMPLE_PLAN)) == 17


def industries_and_chains(store: GraphStore) -> None:
    industries = by(run_query(store, "industries", plan_id=PLAN_ID), "industry_id")
    assert set(industries) == {"nonferrous", "chemicals", "textiles"}
    assert (
        industries["nonferrous"]["tasks"],
        industries["nonferrous"]["chains"],
        industries["nonferrous"]["offices"],
    ) == (2, 1, 3)
    chains = by(run_query(store, "chains", plan_id=PLAN_ID), "chain_id")
    assert {c: (r["industry_id"], r["tasks"], r["offices"]) for c, r in chains.items()} == {
        "aluminium_processing": ("nonferrous", 1, 2),
        "fine_chemicals": ("chemicals", 1, 1),
    }
    sample_chains = by(run_query(store, "chains", plan_id=SAMPLE_PLAN), "chain_id")
    assert sample_chains["aluminium_processing"]["industry_id"] == "nonferrous"


def plans_and_plan_detail(store: GraphStore) -> None:
    assert {r["plan_id"] for r in run_query(store, "plans")} == {PLAN_ID, SAMPLE_PLAN}
    [county] = run_query(store, "plan_detail", plan_id=PLAN_ID)
    assert {
        k: county[k]
        for k in (
            "sections",
            "tasks",
            "tasks_without_owner",
            "targets",
            "offices",
            "responsibilities",
            "agencies",
            "industries",
            "chains",
        )
    } == {
        "sections": 2,
        "tasks": 5,
        "tasks_without_owner": 1,
        "targets": 2,
        "offices": 4,
        "responsibilities": 6,
        "agencies": 1,
        "industries": 3,
        "chains": 2,
    }
    [sample] = run_query(store, "plan_detail", plan_id=SAMPLE_PLAN)
    assert sample["doc_no"] == "聊工信发〔2023〕48号" and sample["offices"] == 17


def plan_responsibilities_ledger(store: GraphStore) -> None:
    rows = run_query(store, "plan_responsibilities", plan_id=PLAN_ID)
    assert {(r["task_code"], r["owner"], r["role"]) for r in rows} == {
        ("1.1", "工业发展股", "lead"),
        ("1.1", "中小企业股", "support"),
        ("1.2", "安全生产股", "sole"),
        ("1.3", "中小企业股", "each"),
        ("1.3", "信息化股", "each"),
        ("2.1", "各股室", "collective"),
        ("2.2", None, None),
    }


def search_names_labels(store: GraphStore) -> None:
    rows = run_query(store, "search_names")
    labels = {(r["label"], r["id"]) for r in rows}
    assert {
        ("Office", county_office("中小企业股")),
        ("Collective", "各股室"),
        ("Agency", "发展改革部门"),
        ("Industry", "nonferrous"),
        ("Chain", "aluminium_processing"),
        ("Enterprise", "信发集团"),
    } <= labels
    [small] = [r for r in rows if r["id"] == county_office("中小企业股")]
    assert small["aliases"] == ["中小股"] and small["pinyin"] == "zhongxiaoqiyegu"


# -- the gap catalogue -----------------------------------------------------------------------


def gap_shared_without_lead(store: GraphStore) -> None:
    [county] = run_query(store, "gap_shared_without_lead", plan_id=PLAN_ID)
    assert (county["task_code"], set(county["owners"]), county["owner_count"]) == (
        "1.3",
        {"中小企业股", "信息化股"},
        2,
    )
    sample = {
        r["task_code"] for r in run_query(store, "gap_shared_without_lead", plan_id=SAMPLE_PLAN)
    }
    assert {"3.2", "4.3", "4.8"} <= sample and "3.1" not in sample  # 3.1 has one owner


def gap_no_owner(store: GraphStore) -> None:
    rows = by(run_query(store, "gap_no_owner", plan_id=PLAN_ID), "kind", "holder_code")
    assert set(rows) == {("task", "2.2"), ("target", "2")}
    assert rows[("target", "2")]["metrics"] == ["主要经济指标增速"]
    sample = {
        (r["kind"], r["holder_code"]) for r in run_query(store, "gap_no_owner", plan_id=SAMPLE_PLAN)
    }
    assert ("target", "4") in sample  # the section intro's 1800 enterprises, owned by nobody


def gap_collective_owner(store: GraphStore) -> None:
    [county] = run_query(store, "gap_collective_owner", plan_id=PLAN_ID)
    assert (county["holder_code"], county["collective"], county["named_owners"]) == (
        "2.1",
        "各股室",
        [],
    )
    sample = {
        (r["holder_code"], r["collective"])
        for r in run_query(store, "gap_collective_owner", plan_id=SAMPLE_PLAN)
    }
    assert {("4.2", "各产业科室"), ("4.2", "综合科室")} <= sample


def gap_open_ended(store: GraphStore) -> None:
    assert [r["task_code"] for r in run_query(store, "gap_open_ended", plan_id=PLAN_ID)] == ["1.3"]
    assert [r["task_code"] for r in run_query(store, "gap_open_ended", plan_id=SAMPLE_PLAN)] == [
        "5.5.3"
    ]


def gap_outside_dependency(store: GraphStore) -> None:
    [county] = run_query(store, "gap_outside_dependency", plan_id=PLAN_ID)
    assert (county["task_code"], county["agency"], county["evidence"]) == (
        "1.2",
        "发展改革部门",
        "配合县发展改革局",
    )
    sample = run_query(store, "gap_outside_dependency", plan_id=SAMPLE_PLAN)
    assert ("5.4", "农业农村部门") in {(r["task_code"], r["agency"]) for r in sample}


def gap_chain_without_joint_task(store: GraphStore) -> None:
    """Worked out from the edges (no query of its own): two offices on one industry in
    different tasks of a plan."""
    [county] = gap_report(store, plan=PLAN_ID, types=["chain_without_joint_task"]).gaps
    assert {n.id for n in county.nodes} == {
        county_office("信息化股"),
        county_office("工业发展股"),
        "nonferrous",
    }
    assert {e.task_code for e in county.evidence} == {"1.3", "1.1"}


def gap_name_variants(store: GraphStore) -> None:
    [county] = run_query(store, "gap_name_variants", plan_id=PLAN_ID)
    assert (county["office"], county["aliases"]) == ("中小企业股", ["中小股"])
    [sample] = run_query(store, "gap_name_variants", plan_id=SAMPLE_PLAN)
    assert (sample["office"], sample["aliases"]) == ("原材料产业科", ["原材料科"])


def gap_vague_targets(store: GraphStore) -> None:
    [county] = run_query(store, "gap_vague_targets", plan_id=PLAN_ID)
    assert (county["holder_label"], county["holder_code"], county["evidence"]) == (
        "Section",
        "2",
        "主要经济指标增速高于全市平均水平",
    )


def gap_targets_agree_with_targets(store: GraphStore) -> None:
    columns = ("holder_label", "holder_code", "metric", "value", "evidence", "ev_start", "ev_end")
    for plan_id in (PLAN_ID, SAMPLE_PLAN):
        light = by(run_query(store, "gap_targets", plan_id=plan_id), "target_id")
        full = by(
            run_query(
                store, "targets", year=None, office_id=None, industry_id=None, plan_id=plan_id
            ),
            "target_id",
        )
        assert light and light.keys() == full.keys()
        assert all(
            {c: light[t][c] for c in columns} == {c: full[t][c] for c in columns} for t in light
        )


def gap_overload(store: GraphStore) -> None:
    rows = by(run_query(store, "gap_overload", plan_id=PLAN_ID), "office")
    assert {o: (r["tasks"], r["targets"]) for o, r in rows.items()} == {
        "中小企业股": (2, 1),
        "工业发展股": (1, 1),
        "安全生产股": (1, 0),
        "信息化股": (1, 0),
    }


def gap_chain_without_leader(store: GraphStore) -> None:
    # 信发集团 leads the aluminium chain; nobody leads the fine-chemicals chain.
    rows = run_query(store, "gap_chain_without_leader", plan_id=PLAN_ID)
    assert [(r["chain_id"], r["tasks"]) for r in rows] == [("fine_chemicals", ["1.2"])]


CASES: list[Callable[[GraphStore], None]] = [
    gap_targets_agree_with_targets,
    offices_sharing_nonferrous_in_sample,
    offices_sharing_evidence_points_into_the_text,
    offices_sharing_a_chain_only,
    offices_sharing_all_plans_or_one,
    office_tasks_with_co_owners,
    task_detail_of_a_county_task,
    task_owners_keep_the_written_form,
    targets_filtered,
    outside_dependencies_of_the_county,
    office_overlap_of_two_county_offices,
    offices_with_role_counts,
    industries_and_chains,
    plans_and_plan_detail,
    plan_responsibilities_ledger,
    search_names_labels,
    gap_shared_without_lead,
    gap_no_owner,
    gap_collective_owner,
    gap_open_ended,
    gap_outside_dependency,
    gap_chain_without_joint_task,
    gap_name_variants,
    gap_vague_targets,
    gap_overload,
    gap_chain_without_leader,
]

# A value for every parameter any query declares, so each query can be run with all of them.
SAMPLE_ARGUMENTS: dict[str, Any] = {
    "ids": ["nonferrous"],
    "plan_id": PLAN_ID,
    "office_id": county_office("中小企业股"),
    "office_a": county_office("中小企业股"),
    "office_b": county_office("工业发展股"),
    "task_id": task_id(PLAN_ID, "1.1"),
    "year": 2025,
    "industry_id": "nonferrous",
}
