"""A department's plan names outside departments in its clauses: they become agencies, not offices."""

from __future__ import annotations

import pytest

from plankg.ingest import build_plan, issuer_is_department
from plankg.ingest.owners import outside_department
from plankg.ingest.read import clean_text

BUREAU_PLAN = """某市工业和信息化局文件

某工信发〔2024〕3号

某市工业和信息化局关于印发2024年工作要点的通知

一、重点任务

（一）推进技术改造。新增技改项目50个。（投资科牵头，市财政局、市发展改革委配合）

（二）争取专项资金。（市发展改革委牵头，投资科配合）

（三）优化营商环境。（规划科、市市场监管局分别负责）
"""

GOVERNMENT_PLAN = """某市人民政府办公室文件

某政办发〔2024〕5号

某市人民政府办公室关于印发制造业发展行动方案的通知

一、重点任务

（一）推进技术改造。新增技改项目50个。（市工业和信息化局牵头，市财政局配合）
"""


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("某市工业和信息化局", True),
        ("某县发展和改革局", True),
        ("某省商务厅", True),
        ("某市人民政府办公室", False),
        ("某县人民政府", False),
        (None, False),
    ],
)
def test_issuer_is_department(issuer, expected):
    assert issuer_is_department(issuer) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("市财政局", ("财政部门", True)),
        ("县发改局", ("发展改革部门", True)),
        ("科技科", None),
        ("市场监管科", None),  # 市场 is not a level prefix
        ("各产业科室", None),
    ],
)
def test_outside_department(name, expected):
    assert outside_department(name) == expected


def test_a_bureau_plan_keeps_its_offices_and_relates_outside_departments():
    plan = build_plan(clean_text(BUREAU_PLAN))
    ledger = [
        ([(o.name, o.role) for o in t.owners], [(a.name, a.raw, a.relation) for a in t.agencies])
        for t in plan.tasks
    ]
    assert ledger == [
        (
            [("投资科", "lead")],
            [("财政部门", "市财政局", "assists"), ("发展改革部门", "市发展改革委", "assists")],
        ),
        ([("投资科", "support")], [("发展改革部门", "市发展改革委", "support")]),
        ([("规划科", "each")], [("市场监管部门", "市市场监管局", "joint")]),
    ]
    assert [o.name for o in plan.offices] == ["投资科", "规划科"]
    for task in plan.tasks:
        for agency in task.agencies:
            assert plan.text[agency.evidence.start : agency.evidence.end] == agency.evidence.phrase


def test_a_government_plan_keeps_its_bureaus_as_owners():
    plan = build_plan(clean_text(GOVERNMENT_PLAN))
    [task] = plan.tasks
    assert [(o.name, o.role) for o in task.owners] == [
        ("市工业和信息化局", "lead"),
        ("市财政局", "support"),
    ]
