"""Status rules on small hand-made plans and reports."""

from __future__ import annotations

from datetime import date

import pytest

from plankg.ledger import (
    LedgerOwner,
    LedgerPlan,
    LedgerRules,
    LedgerTarget,
    LedgerTask,
    ProgressReport,
    ledger_status,
    target_status,
    task_status,
)
from plankg.ledger.dates import elapsed_share, parse_deadline, task_deadline
from plankg.ledger.rollup import filter_status, rollup

TARGET = LedgerTarget(
    id="p:1.1:t1", holder_id="p:1.1", holder_code="1.1", metric="企业数", value=100, year=2025
)
ANNUAL = LedgerTarget(
    id="p:1.2:t1", holder_id="p:1.2", holder_code="1.2", metric="新增企业", value=10, kind="annual"
)
VAGUE = LedgerTarget(id="p:1:t1", holder_id="p:1", holder_code="1", metric="增速", vague=True)


def owners(*names: str, role: str = "each") -> tuple[LedgerOwner, ...]:
    return tuple(LedgerOwner(office=n, role=role) for n in names)


TASK_A = LedgerTask(
    id="p:1.1",
    plan_id="p",
    code="1.1",
    title="甲任务",
    section_code="1",
    section_title="一、产业",
    owners=owners("甲科", "乙科"),
    industries=("化工产业",),
    target_ids=(TARGET.id,),
)
TASK_B = LedgerTask(
    id="p:1.2",
    plan_id="p",
    code="1.2",
    title="乙任务",
    section_code="1",
    section_title="一、产业",
    deadline="2024年3月底前",
    owners=owners("乙科", role="sole"),
    target_ids=(ANNUAL.id,),
)
TASK_C = LedgerTask(
    id="p:2.1",
    plan_id="p",
    code="2.1",
    title="丙任务",
    section_code="2",
    section_title="二、保障",
    owners=owners("丙科", role="sole"),
)
PLAN = LedgerPlan(
    id="p",
    period_start=2023,
    period_end=2025,
    tasks=(TASK_A, TASK_B, TASK_C),
    targets=(TARGET, ANNUAL, VAGUE),
    offices=("甲科", "乙科", "丙科"),
)
MID = date(2024, 7, 1)  # 2023-2025: 548 of 1096 days gone, exactly half


def report(subject: str, when: date, *, value=None, state=None, office="甲科", **extra):
    kind = "target" if ":t" in subject else "task"
    return ProgressReport(
        subject_kind=kind,
        subject_id=subject,
        plan_id="p",
        task_code=subject.split(":")[1],
        value=value,
        state=state,
        as_of=when,
        office=office,
        recorded_at=extra.pop("recorded_at", "2024-07-01T00:00:00"),
        **extra,
    )


def test_half_the_period_gone_and_thirty_percent_done_is_behind():
    status = target_status(TARGET, PLAN, [report(TARGET.id, MID, value=30)], MID)
    assert status.expected == pytest.approx(0.5)
    assert status.ratio == pytest.approx(0.3)
    assert status.behind and status.light == "红"
    assert status.rules[0].code == "behind"
    assert "30%" in status.rules[0].text and "50%" in status.rules[0].text


def test_within_tolerance_is_yellow_and_ahead_is_green():
    yellow = target_status(TARGET, PLAN, [report(TARGET.id, MID, value=45)], MID)
    assert (yellow.light, yellow.behind, yellow.rules[0].code) == ("黄", False, "slightly_behind")
    green = target_status(TARGET, PLAN, [report(TARGET.id, MID, value=55)], MID)
    assert (green.light, green.rules[0].code) == ("绿", "on_track")
    tight = target_status(
        TARGET, PLAN, [report(TARGET.id, MID, value=45)], MID, LedgerRules(behind_tolerance=0.0)
    )
    assert tight.light == "红"


def test_latest_report_wins_and_a_correction_is_a_new_report():
    first = report(TARGET.id, MID, value=30, recorded_at="2024-07-01T09:00:00")
    corrected = report(TARGET.id, MID, value=60, recorded_at="2024-07-02T09:00:00")
    status = target_status(TARGET, PLAN, [corrected, first], MID)
    assert status.last_report == corrected and status.report_count == 2
    assert status.light == "绿"
    assert first.content_key != corrected.content_key
    again = first.model_copy(update={"recorded_at": "2025-01-01T00:00:00", "source": "api"})
    assert again.content_key == first.content_key


def test_reports_after_the_as_of_date_are_ignored():
    later = report(TARGET.id, date(2024, 9, 30), value=90)
    status = target_status(TARGET, PLAN, [later], MID)
    assert status.last_report is None and status.light == "黄"
    assert status.rules[0].code == "no_report"


def test_period_over_short_of_the_value_is_red_and_reaching_it_is_done():
    end = date(2026, 1, 15)
    missed = target_status(TARGET, PLAN, [report(TARGET.id, date(2025, 12, 31), value=90)], end)
    assert (missed.light, missed.rules[0].code) == ("红", "missed")
    done = target_status(TARGET, PLAN, [report(TARGET.id, MID, value=100)], MID)
    assert (done.light, done.rules[0].code) == ("绿", "done")


def test_annual_target_runs_over_the_current_year():
    status = target_status(ANNUAL, PLAN, [report(ANNUAL.id, MID, value=2)], MID)
    assert status.expected == pytest.approx(183 / 366)
    assert status.behind


def test_vague_target_reads_the_state():
    status = target_status(VAGUE, PLAN, [report(VAGUE.id, MID, state="推进中")], MID)
    assert status.light == "绿"
    idle = target_status(VAGUE, PLAN, [report(VAGUE.id, MID, state="未启动")], MID)
    assert idle.light == "红" and idle.behind


def test_task_overdue_at_risk_done_and_stale():
    reports = [
        report(TARGET.id, MID, value=30),  # behind -> task A at risk
        report(TASK_B.id, date(2024, 6, 1), state="推进中", office="乙科"),  # deadline 2024-03-31
        report(TASK_C.id, date(2024, 6, 1), state="已完成", office="丙科"),
    ]
    status = ledger_status([PLAN], reports, MID)
    by_code = {t.task.code: t for t in status.tasks}
    a, b, c = by_code["1.1"], by_code["1.2"], by_code["2.1"]
    assert a.light == "黄" and a.at_risk and [r.code for r in a.rules] == ["target_behind"]
    assert b.light == "红" and b.overdue and b.rules[0].code == "overdue"
    assert "2024-03-31" in b.rules[0].text
    assert c.light == "绿" and c.done
    quiet = task_status(TASK_C, PLAN, [], [], MID)
    assert quiet.light == "黄" and quiet.rules[0].code == "stale"
    assert "从未报告" in quiet.rules[0].text
    patient = task_status(TASK_C, PLAN, [], [], MID, LedgerRules(stale_days=1000))
    assert patient.light == "绿"


def test_shared_task_lists_the_owners_that_did_not_report():
    reports = [report(TASK_A.id, MID, state="推进中", office="甲科")]
    status = task_status(TASK_A, PLAN, reports, [], MID)
    assert status.reporting_offices == ("甲科",)
    assert status.silent_owners == ("乙科",)
    solo = task_status(
        TASK_C, PLAN, [report(TASK_C.id, MID, state="推进中", office="丙科")], [], MID
    )
    assert solo.silent_owners == ()


def test_deadlines_as_written():
    assert parse_deadline("2025年底前") == date(2025, 12, 31)
    assert parse_deadline("2024年6月底前") == date(2024, 6, 30)
    assert parse_deadline("2023年底前启动，2024年9月完成") == date(2024, 9, 30)
    assert parse_deadline("2024年第三季度") == date(2024, 9, 30)
    assert parse_deadline("2024年上半年") == date(2024, 6, 30)
    assert parse_deadline("长期坚持") is None
    assert task_deadline(TASK_A, PLAN) == (date(2025, 12, 31), "目标年份2025年")
    assert task_deadline(TASK_C, PLAN)[0] == date(2025, 12, 31)
    assert elapsed_share(date(2023, 1, 1), date(2025, 12, 31), date(2022, 5, 1)) == 0.0


def test_rollups_and_filters():
    reports = [
        report(TARGET.id, MID, value=30),
        report(TASK_B.id, date(2024, 6, 1), state="推进中", office="乙科"),
        report(TASK_C.id, date(2024, 6, 1), state="已完成", office="丙科"),
    ]
    status = ledger_status([PLAN], reports, MID)
    offices = {r.key: r for r in rollup(status, "office")}
    assert (offices["乙科"].tasks, offices["乙科"].late, offices["乙科"].at_risk) == (2, 1, 1)
    assert (offices["丙科"].done, offices["丙科"].late) == (1, 0)
    assert offices["甲科"].targets_behind == 1
    sections = {r.key: r.tasks for r in rollup(status, "section")}
    assert sections == {"一、产业": 2, "二、保障": 1}
    assert [r.key for r in rollup(status, "industry")] == ["化工产业"]
    red = filter_status(status, light="红")
    assert [t.task.code for t in red.tasks] == ["1.2"]
    assert [t.task.code for t in filter_status(status, offices=["甲科"]).tasks] == ["1.1"]
    assert [t.task.code for t in filter_status(status, section="2").tasks] == ["2.1"]
    assert [t.task.code for t in filter_status(status, industry="化工").tasks] == ["1.1"]
