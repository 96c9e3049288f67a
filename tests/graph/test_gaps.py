"""The gap catalogue on the sample plan, on each kind of store (the report on Neo4j must equal the
embedded one: the checks below then hold for both)."""

from __future__ import annotations

from collections import Counter

import pytest

from plankg.analysis.gaps import find_gaps, gap_id, gap_report, overload_threshold
from plankg.errors import QueryError


@pytest.fixture(scope="module")
def sample_report(sample_any_store):
    return gap_report(sample_any_store)


def test_same_report_as_the_embedded_store(sample_store, sample_report):
    assert sample_report == gap_report(sample_store)


def of_type(report, gap_type):
    return [g for g in report.gaps if g.type == gap_type]


def task_codes(gaps):
    return {e.task_code for g in gaps for e in g.evidence}


def test_counts_by_type_on_the_sample(sample_report):
    assert Counter(g.type for g in sample_report.gaps) == {
        "shared_without_lead": 16,
        "chain_without_joint_task": 13,
        "no_owner": 11,
        "outside_dependency": 8,
        "collective_owner": 3,
        "overload": 2,
        "open_ended_owner_list": 1,
        "vague_target": 1,
        "name_variants": 1,
    }


def test_chain_without_leader_is_skipped_without_enterprise_data(sample_report):
    assert "enterprise" in sample_report.skipped["chain_without_leader"]
    assert not of_type(sample_report, "chain_without_leader")


def test_shared_without_lead_needs_two_each_owners_and_no_lead(sample_report):
    gaps = of_type(sample_report, "shared_without_lead")
    codes = task_codes(gaps)
    assert {"3.2", "3.3", "4.3", "5.5.3"} <= codes
    assert "4.2" not in codes  # only collective words: that is the collective gap
    shared_32 = next(g for g in gaps if g.evidence[0].task_code == "3.2")
    assert {n.name_zh for n in shared_32.nodes if n.label == "Office"} == {
        "创新创业指导科",
        "产业政策科",
    }
    assert shared_32.evidence[0].phrase == "（创新创业指导科、产业政策科分别负责）"
    assert shared_32.severity == "medium"
    assert next(g for g in gaps if g.evidence[0].task_code == "4.3").severity == "high"


def test_collective_owner_4_2_has_no_named_office(sample_report):
    gaps = {g.evidence[0].task_code: g for g in of_type(sample_report, "collective_owner")}
    assert set(gaps) == {"4.2", "5.1", "5.5.5"}
    assert gaps["4.2"].severity == "high"
    assert {n.name_zh for n in gaps["4.2"].nodes if n.label == "Collective"} == {
        "各产业科室",
        "综合科室",
    }
    assert gaps["5.1"].severity == "medium"


def test_open_ended_owner_list_is_5_5_3(sample_report):
    (gap,) = of_type(sample_report, "open_ended_owner_list")
    assert gap.evidence[0].task_code == "5.5.3"
    assert gap.evidence[0].phrase.endswith("等分别负责）")


def test_no_owner_covers_tasks_and_section_targets(sample_plan, sample_report):
    gaps = of_type(sample_report, "no_owner")
    assert {g.nodes[0].name_en for g in gaps if g.nodes[0].label == "Task"} == {
        "Task 6.1",
        "Task 6.2",
        "Task 6.3",
    }
    gdp = [g for g in gaps if any("GDP" in (n.name_zh or "") for n in g.nodes)]
    assert len(gdp) == 1 and gdp[0].nodes[0].label == "Section"
    assert gdp[0].nodes[0].name_zh.startswith("2 ")
    ev = gdp[0].evidence[0]
    assert sample_plan.text[ev.ev_start : ev.ev_end] == ev.phrase
    assert "35%" in ev.phrase


def test_name_variant_shows_both_spellings(sample_report):
    (gap,) = of_type(sample_report, "name_variants")
    assert gap.nodes[0].name_zh == "原材料产业科"
    phrases = " ".join(e.phrase for e in gap.evidence)
    assert "原材料科负责" in phrases and "原材料产业科" in phrases


def test_outside_dependencies_include_the_unnamed_lead(sample_report):
    gaps = of_type(sample_report, "outside_dependency")
    unnamed = [g for g in gaps if g.severity == "high"]
    assert task_codes(unnamed) == {"4.2", "5.2", "5.3", "5.7"}
    four_two = next(g for g in unnamed if g.evidence[0].task_code == "4.2")
    assert [e.phrase for e in four_two.evidence] == ["配合牵头部门"] * 4
    assert any(n.name_zh == "商务部门" for g in gaps for n in g.nodes)


def test_vague_target_is_above_the_provincial_average(sample_report):
    (gap,) = of_type(sample_report, "vague_target")
    assert gap.evidence[0].phrase == "主要指标年均增速高于全省平均水平"
    assert gap.severity == "medium"


def test_overload_flags_the_busiest_offices(sample_report):
    assert {g.nodes[0].name_zh for g in of_type(sample_report, "overload")} == {
        "产业政策科",
        "技改办",
    }


def test_chain_without_joint_task_names_two_offices_and_the_concept(sample_report):
    gaps = of_type(sample_report, "chain_without_joint_task")
    pair = next(
        g
        for g in gaps
        if {n.name_zh for n in g.nodes} == {"原材料产业科", "技改办", "有色金属产业"}
    )
    assert {e.task_code for e in pair.evidence} == {"4.1.1", "4.8"}


def test_every_gap_is_traceable_to_the_plan_text(sample_plan, sample_report):
    for gap in sample_report.gaps:
        assert gap.evidence, gap.id
        for ev in gap.evidence:
            assert sample_plan.text[ev.ev_start : ev.ev_end] == ev.phrase, gap.id
        assert gap.explanation_zh and gap.explanation_en


def test_gap_ids_are_stable_and_unique(sample_any_store, sample_report):
    again = gap_report(sample_any_store)
    assert [g.id for g in again.gaps] == [g.id for g in sample_report.gaps]
    assert len({g.id for g in sample_report.gaps}) == len(sample_report.gaps)
    assert gap_id("x", ["b", "a"]) == gap_id("x", ["a", "b"])


@pytest.mark.parametrize(
    ("kwargs", "expected_types"),
    [
        ({"types": ["overload"]}, {"overload"}),
        (
            {"office": "原材料科"},
            {
                "shared_without_lead",
                "chain_without_joint_task",
                "name_variants",
                "open_ended_owner_list",
                "outside_dependency",
            },
        ),
        ({"industry": "youse"}, {"chain_without_joint_task", "shared_without_lead"}),
    ],
)
def test_filters(sample_any_store, kwargs, expected_types):
    assert {g.type for g in find_gaps(sample_any_store, **kwargs)} == expected_types


def test_unknown_type_is_refused(sample_store):
    with pytest.raises(QueryError, match="unknown gap type"):
        find_gaps(sample_store, types=["nobody_cares"])


@pytest.mark.parametrize(
    ("counts", "threshold"),
    [
        ([7, 7, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 2, 1, 1, 1, 1], 6),
        ([1, 1, 1, 1, 2], 2),  # MAD 0: twice the median still guards
        ([10, 10], None),  # too few peers to compare
    ],
)
def test_overload_threshold(counts, threshold):
    assert overload_threshold(counts) == threshold
