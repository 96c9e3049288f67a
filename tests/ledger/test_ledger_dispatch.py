"""The dispatch report as data: exactly the red items are late."""

from __future__ import annotations

from datetime import date

from plankg.ledger import ledger_status
from plankg.ledger.dispatch import HEADINGS, dispatch_report
from tests.ledger.test_ledger_status import MID, PLAN, TARGET, TASK_A, TASK_B, TASK_C, report


def test_dispatch_lists_late_at_risk_and_silent_owners():
    reports = [
        report(TARGET.id, MID, value=30, evidence="统计月报6月"),
        report(TASK_A.id, MID, state="推进中", office="甲科"),
        report(TASK_B.id, date(2024, 6, 1), state="推进中", office="乙科", note="待验收"),
        report(TASK_C.id, date(2024, 6, 1), state="已完成", office="丙科"),
    ]
    status = ledger_status([PLAN], reports, MID)
    out = dispatch_report(status)
    assert (out.tasks_total, out.tasks_done, out.tasks_late, out.tasks_at_risk) == (3, 1, 1, 1)
    assert out.tasks_on_track == 0
    late = {(item.kind, item.code) for item in out.late}
    reds = {("任务", t.task.code) for t in status.tasks if t.light == "红"} | {
        ("目标", f"{g.target.holder_code}-{g.target.ordinal}")
        for g in status.targets
        if g.light == "红"
    }
    assert late == reds == {("任务", "1.2"), ("目标", "1.1-1")}
    target_line = next(i for i in out.late if i.kind == "目标")
    assert target_line.report_evidence == "统计月报6月"
    assert "完成值30" in target_line.last_report and "滞后" in target_line.reason
    task_line = next(i for i in out.late if i.kind == "任务")
    assert "待验收" in task_line.last_report
    assert [i.code for i in out.at_risk] == ["1.1"]
    assert [(s.code, s.reported, s.silent) for s in out.shared] == [("1.1", "甲科", "乙科")]
    offices = {s.office: s for s in out.offices}
    assert [line.code for line in offices["乙科"].lines] == ["1.1", "1.2"]
    assert offices["乙科"].lines[0].role == "分别负责"
    assert out.summary_lines()[0].startswith(f"截至{MID.isoformat()}，共3项任务")
    assert HEADINGS["summary"] == "一、总体情况"
