"""One validation for every way a report comes in."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from plankg.errors import ProgressDataError
from plankg.ledger.validate import ReportInput, parse_date, parse_value, validate_inputs
from tests.ledger.test_ledger_status import PLAN, TARGET, TASK_A, TASK_C

NOW = "2024-07-01T08:00:00+00:00"


def good(**cells) -> ReportInput:
    base = {"task_code": "2.1", "state": "推进中", "as_of": "2024-06-30"}
    base.update(cells)
    return ReportInput(**base)


def test_a_good_task_and_target_report():
    reports = validate_inputs(
        [good(), good(task_code="1.1", target_ordinal=1, value="30", state=None, office="甲科")],
        [PLAN],
        recorded_at=NOW,
        source="xlsx:台账.xlsx",
    )
    task, target = reports
    assert (task.subject_id, task.office, task.as_of) == (TASK_C.id, "丙科", date(2024, 6, 30))
    assert task.state == "推进中" and task.source == "xlsx:台账.xlsx"
    assert (target.subject_kind, target.subject_id, target.value) == ("target", TARGET.id, 30.0)
    assert target.task_text == TASK_A.text


def test_every_bad_row_is_listed_and_nothing_comes_back():
    rows = [
        good(where="任务台账 第2行"),
        good(where="任务台账 第3行", task_code="9.9"),
        good(
            where="目标台账 第4行", task_code="1.1", target_ordinal=1, value="约30", office="甲科"
        ),
        good(where="任务台账 第5行", as_of="2027-01-01"),
        good(where="任务台账 第6行", state="差不多"),
        good(where="任务台账 第7行", task_code="1.1"),  # shared: the office must be named
        good(where="任务台账 第8行", office="丁科"),
        good(where="任务台账 第9行", problems=("“任务”列被改动",)),
    ]
    with pytest.raises(ProgressDataError) as caught:
        validate_inputs(rows, [PLAN], recorded_at=NOW, source="test")
    problems = caught.value.problems
    assert [p.split("：")[0] for p in problems] == [
        f"{s} 第{n}行"
        for s, n in [
            ("任务台账", 3),
            ("目标台账", 4),
            ("任务台账", 5),
            ("任务台账", 6),
            ("任务台账", 7),
            ("任务台账", 8),
            ("任务台账", 9),
        ]
    ]
    assert "未知任务“9.9”" in problems[0]
    assert "完成值不是数字：“约30”" in problems[1]
    assert "不在规划期2023-01-01..2025-12-31内" in problems[2]
    assert "未知进展状态" in problems[3]
    assert "未填填报科室" in problems[4]
    assert "未知科室“丁科”" in problems[5]
    assert "列被改动" in problems[6]
    assert caught.value.one_line().startswith("进展报告：7行有误，未导入任何数据")


def test_a_value_on_a_task_and_an_empty_report_are_refused():
    with pytest.raises(ProgressDataError) as caught:
        validate_inputs(
            [good(value=3), good(state=None), good(as_of=None)], [PLAN], recorded_at=NOW, source="t"
        )
    assert len(caught.value.problems) == 3
    assert "完成值填在目标行" in caught.value.problems[0]
    assert "既无完成值也无进展状态" in caught.value.problems[1]
    assert "未填进展日期" in caught.value.problems[2]


def test_cells_as_a_spreadsheet_gives_them():
    assert parse_value(12) == 12.0 and parse_value("1,600") == 1600.0 and parse_value("35%") == 35
    assert parse_value(" ") is None
    with pytest.raises(ValueError):
        parse_value("三十")
    assert parse_date(datetime(2024, 6, 30, 0, 0)) == date(2024, 6, 30)
    assert parse_date("2024/6/30") == date(2024, 6, 30)
    assert parse_date("2024年6月") == date(2024, 6, 30)
    with pytest.raises(ValueError):
        parse_date("六月底")
