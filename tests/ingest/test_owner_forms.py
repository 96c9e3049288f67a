"""Responsibility forms of the genre beyond the sample: each rule on a short fragment in its style."""

from __future__ import annotations

import pytest

from plankg.ingest import build_plan
from plankg.ingest.owners import (
    Responsibility,
    detect_first_listed_leads,
    extract_responsibility,
    extract_standing_owners,
    with_standing_owners,
)
from plankg.ingest.read import clean_text

OFFSET = 500


def owners_of(result: Responsibility) -> list[tuple[str, str]]:
    return [(o.name, o.role) for o in result.owners]


def assert_evidence_holds(text: str, result: Responsibility) -> None:
    for owner in result.owners:
        ev = owner.evidence
        assert text[ev.start - OFFSET : ev.end - OFFSET] == ev.phrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "推进设施建设。（市水利局、市林业局等负责。列第一位者为牵头单位，下同）",
            [("市水利局", "lead"), ("市林业局", "support")],
            id="first-listed-note-inside-the-clause",
        ),
        pytest.param(
            "推进设施建设。（市水利局、市林业局负责，排在第一位的部门为牵头部门，下同）",
            [("市水利局", "lead"), ("市林业局", "support")],
            id="first-listed-note-after-a-comma",
        ),
        pytest.param(
            "推进设施建设。（市水利局等有关部门和单位负责）",
            [("市水利局", "lead")],
            id="one-named-unit-of-an-open-list-leads",
        ),
        pytest.param(
            "推进设施建设。（市水利局、市林业局，各县级人民政府按职责分工负责）",
            [("市水利局", "lead"), ("市林业局", "support"), ("各县级人民政府", "collective")],
            id="named-units-then-a-group",
        ),
        pytest.param("推进设施建设。（市水利局负责）", [("市水利局", "sole")], id="one-unit-sole"),
    ],
)
def test_first_listed_unit_leads_where_the_plan_says_so(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert detect_first_listed_leads("（甲局、乙局负责。列第一位者为牵头单位，下同）")
    result = extract_responsibility(text, OFFSET, first_listed_leads=True)
    assert owners_of(result) == expected
    assert_evidence_holds(text, result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "发展农村电商。（市商务局、市农业局等和各县级人民政府负责）",
            [("市商务局", "each"), ("市农业局", "each"), ("各县级人民政府", "collective")],
            id="open-list-then-and-a-group",
        ),
        pytest.param(
            "开展专项督查。（市文旅局会同有关部门负责）",
            [("市文旅局", "lead")],
            id="convenes-the-others",
        ),
        pytest.param(
            "开展专项督查。（市文旅局、市体育局会同有关部门负责）",
            [("市文旅局", "lead"), ("市体育局", "lead")],
            id="two-convene",
        ),
        pytest.param(
            "放宽准入。（负责部门：市商务局、市场监管局；适用范围：综合保税区）",
            [("市商务局", "each"), ("市场监管局", "each")],
            id="responsible-department-label-with-a-scope",
        ),
        pytest.param(
            "培育社会组织。（市民政局牵头，市体育局、市团委参与）",
            [("市民政局", "lead"), ("市体育局", "support"), ("市团委", "support")],
            id="lead-and-participants",
        ),
        pytest.param(
            "降低融资成本。(市金融局牵头,市财政局、市税务局按职责分工负责)",
            [("市金融局", "lead"), ("市财政局", "support"), ("市税务局", "support")],
            id="ascii-brackets-and-commas",
        ),
        pytest.param(
            "降低融资成本。\n牵头单位:市金融局\n责任单位:市财政局、市税务局",
            [("市金融局", "lead"), ("市财政局", "support"), ("市税务局", "support")],
            id="label-lines-ascii-colon",
        ),
        pytest.param(
            "更新老旧小区。（牵头单位：区房管局、区建管委，支撑单位：区财政局）",
            [("区房管局", "lead"), ("区建管委", "lead"), ("区财政局", "support")],
            id="lead-and-backing-units",
        ),
        pytest.param(
            "设立专项资金。(牵头单位：区财政局<区金融办>，责任单位：区科委)",
            [("区财政局<区金融办>", "lead"), ("区科委", "support")],
            id="unit-with-a-bracketed-alias",
        ),
        pytest.param(
            "推进项目。(责任单位:省商务厅,各市〔州〕、各县〔市、区〕人民政府)",
            [
                ("省商务厅", "each"),
                ("各市〔州〕", "collective"),
                ("各县〔市、区〕人民政府", "collective"),
            ],
            id="separator-inside-square-brackets",
        ),
        pytest.param(
            "建设实训基地。（责任单位：区教育局、各街镇、开发区）",
            [("区教育局", "each"), ("各街镇、开发区", "collective")],
            id="fixed-group-phrase",
        ),
        pytest.param(
            "整治农村环境。（各有关区、县级市负责）",
            [("各有关区、县级市", "collective")],
            id="group-of-districts-and-cities",
        ),
        pytest.param(
            "整治农村环境。（各乡镇政府负责）",
            [("各乡镇政府", "collective")],
            id="group-kept-as-written",
        ),
        pytest.param(
            "优化审批。（责任部门：区建管委、区税务局等）",
            [("区建管委", "each"), ("区税务局", "each")],
            id="trailing-etc-dropped",
        ),
    ],
)
def test_clause_forms(text: str, expected: list[tuple[str, str]]) -> None:
    result = extract_responsibility(text, OFFSET)
    assert owners_of(result) == expected
    assert not result.warnings
    assert_evidence_holds(text, result)


def test_every_clause_of_an_item_counts_and_the_strongest_role_wins() -> None:
    text = (
        "建设健身步道。（市体育局负责）举办群众赛事。（市体育局、市教育局负责）"
        "规范赛事秩序。（市公安局牵头，市体育局配合）"
    )
    result = extract_responsibility(text, OFFSET)
    assert owners_of(result) == [("市体育局", "sole"), ("市教育局", "each"), ("市公安局", "lead")]
    assert [ev.phrase for ev in result.clauses] == [
        "（市体育局负责）",
        "（市体育局、市教育局负责）",
        "（市公安局牵头，市体育局配合）",
    ]
    assert_evidence_holds(text, result)


@pytest.mark.parametrize(
    "text",
    [
        "（技工院校内由行政部门负责）",  # a scope, then who: prose
        "推进改革。（责任单位：加快推进）",  # not shaped like a unit
    ],
)
def test_what_is_not_a_unit_never_becomes_an_owner(text: str) -> None:
    assert extract_responsibility(text, OFFSET).owners == []


def test_a_standing_declaration_adds_its_owners_to_every_measure() -> None:
    text = "（责任单位：省商务厅，各市人民政府。各项措施责任单位均包括各市人民政府，以下不再列出）"
    standing = extract_standing_owners(text)
    assert [(o.name, o.role) for o in standing] == [("各市人民政府", "collective")]
    assert text[standing[0].evidence.start : standing[0].evidence.end].endswith("以下不再列出")
    later = extract_responsibility("扩大有效投资。（责任单位：省发展改革委）", OFFSET).owners
    assert [(o.name, o.role) for o in with_standing_owners(later, standing)] == [
        ("省发展改革委", "each"),
        ("各市人民政府", "collective"),
    ]


def test_government_named_as_standing_owner() -> None:
    text = "各县（市、区）人民政府为各项措施的责任单位，以下不再列出。"
    assert [o.name for o in extract_standing_owners(text)] == ["各县（市、区）人民政府"]


BUREAU_PLAN_OF_BUREAUS = """某区发展和改革委员会文件

某区发展和改革委员会关于印发促进消费若干措施的通知

一、重点任务

（一）培育消费场景。（责任单位：区商务委、区文化旅游局）

（二）优化营商环境。（责任单位：区市场监管局）
"""


def test_a_department_plan_that_names_only_bureaus_keeps_them_as_owners() -> None:
    plan = build_plan(clean_text(BUREAU_PLAN_OF_BUREAUS))
    assert [[(o.name, o.role) for o in t.owners] for t in plan.tasks] == [
        [("区商务委", "each"), ("区文化旅游局", "each")],
        [("区市场监管局", "sole")],
    ]
    assert {o.name for o in plan.offices} == {"区商务委", "区文化旅游局", "区市场监管局"}


DUTY_LIST_PLAN = """某区关于推进停车资源共享的实施意见

一、工作目标

到2025年，建成一批示范项目。

二、职责分工

（一）区交通委

1．制定具体操作流程。

2．协调推进共享工作。

（二）区公安分局

负责道路停车秩序管理。

（三）相关街镇

负责组织居民协商。

三、保障措施

（一）加强组织领导。建立工作推进机制。
"""


def test_a_duty_list_by_unit_gives_each_duty_to_its_heading_unit() -> None:
    plan = build_plan(clean_text(DUTY_LIST_PLAN))
    ledger = {t.code: [(o.name, o.role) for o in t.owners] for t in plan.tasks}
    assert ledger == {
        "2.1.1": [("区交通委", "sole")],
        "2.1.2": [("区交通委", "sole")],
        "2.2": [("区公安分局", "sole")],
        "2.3": [("相关街镇", "collective")],
        "3.1": [],
    }
    for task in plan.tasks:
        for owner in task.owners:
            ev = owner.evidence
            assert plan.text[ev.start : ev.end] == ev.phrase == owner.raw


DUTY_COLON_PLAN = """某区关于优化营商环境的工作方案

一、工作职责

（一）区发展改革委：负责统筹协调，牵头制定年度计划。

（二）区市场监管局：负责登记注册便利化改革。

二、保障措施

（一）强化督查。定期通报工作进展。
"""


def test_a_duty_item_led_by_a_unit_and_a_colon_is_owned_by_that_unit() -> None:
    plan = build_plan(clean_text(DUTY_COLON_PLAN))
    ledger = {t.code: [(o.name, o.role) for o in t.owners] for t in plan.tasks}
    assert ledger == {
        "1.1": [("区发展改革委", "sole")],
        "1.2": [("区市场监管局", "sole")],
        "2.1": [],
    }


@pytest.mark.parametrize(
    "name",
    ["银保监会", "某镇", "共青团中央", "某某功能区", "经济技术开发区", "经开区", "某某铁路港"],
)
def test_named_bodies_of_other_shapes_are_units(name: str) -> None:
    result = extract_responsibility(f"（责任单位：{name}、市财政局）", OFFSET)
    assert [o.name for o in result.owners] == [name, "市财政局"]


@pytest.mark.parametrize(
    "name", ["区各相关部门", "省有关部门和单位", "区相关行政执法部门", "相关街镇", "各平台"]
)
def test_group_owners_of_other_shapes(name: str) -> None:
    (owner,) = extract_responsibility(f"（责任单位：{name}）", OFFSET).owners
    assert (owner.name, owner.role, owner.collective) == (name, "collective", True)


def test_a_labelled_list_ends_at_another_label() -> None:
    text = "支持航空物流。（负责部门：民航局，适用范围：某自贸试验区）"
    assert owners_of(extract_responsibility(text, OFFSET)) == [("民航局", "sole")]


GOVERNMENT_PROSE_PLAN = """某市人民政府办公室关于印发促进物流发展措施的通知

一、重点任务

（一）完善物流网络。配合市发展改革委推进枢纽建设，会同市交通运输局优化线路。（责任单位：市商务局）
"""


def test_in_a_government_plan_prose_departments_are_cited_not_owners() -> None:
    plan = build_plan(clean_text(GOVERNMENT_PROSE_PLAN))
    [task] = plan.tasks
    assert [(o.name, o.role) for o in task.owners] == [("市商务局", "sole")]
    assert task.agencies and {a.relation for a in task.agencies} == {"cites"}


BUREAU_PLAN_WITH_A_ZONE = """某区发展和改革委员会文件

某区发展和改革委员会关于印发数字经济行动方案的通知

一、重点任务

（一）建设算力设施。（责任单位：区数据局）

（二）培育应用场景。（责任单位：区科委、某某功能区）
"""


def test_a_named_zone_is_not_an_office_of_the_issuer() -> None:
    plan = build_plan(clean_text(BUREAU_PLAN_WITH_A_ZONE))
    assert [[(o.name, o.role) for o in t.owners] for t in plan.tasks] == [
        [("区数据局", "sole")],
        [("区科委", "each"), ("某某功能区", "each")],
    ]
