"""The dispatch report (调度通报) as data: what the .docx, HTML and xlsx renderings all show.

Late items are exactly the red ones (overdue tasks, targets 滞后 or past their period); at-risk
items are the yellow tasks; shared tasks are those where some owners reported and others did
not. Reports whose task disappeared in a plan revision are listed as orphaned.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from plankg.ledger.model import ProgressReport, _Model
from plankg.ledger.rollup import NO_OFFICE, RollupRow, rollup
from plankg.ledger.status import LedgerStatus, TargetStatus, TaskStatus

HEADINGS = {
    "summary": "一、总体情况",
    "offices": "二、分科室进展",
    "late": "三、滞后事项",
    "at_risk": "四、风险事项",
    "shared": "五、共同承担任务填报情况",
    "orphaned": "六、未对应到现行任务的进展报告",
}


class ItemLine(_Model):
    """One late or at-risk item, ready to print."""

    kind: str  # 任务 | 目标
    code: str
    title: str
    offices: str
    light: str
    reason: str  # the rules that fired
    plan_evidence: str  # the sentence of the plan it comes from
    last_report: str  # date, state or value, office, note
    report_evidence: str  # what the office cited


class OfficeLine(_Model):
    code: str
    title: str
    role: str
    light: str
    last_report: str
    reason: str


class OfficeSection(_Model):
    office: str
    totals: RollupRow
    lines: tuple[OfficeLine, ...]


class SharedLine(_Model):
    code: str
    title: str
    reported: str
    silent: str


class DispatchReport(_Model):
    as_of: date
    title: str
    tasks_total: int
    tasks_done: int
    tasks_on_track: int
    tasks_at_risk: int
    tasks_late: int
    targets_total: int
    targets_by_light: dict[str, int]
    offices: tuple[OfficeSection, ...]
    late: tuple[ItemLine, ...]
    at_risk: tuple[ItemLine, ...]
    shared: tuple[SharedLine, ...]
    orphaned: tuple[ProgressReport, ...]

    def summary_lines(self) -> list[str]:
        lights = self.targets_by_light
        return [
            f"截至{self.as_of.isoformat()}，共{self.tasks_total}项任务：已完成{self.tasks_done}项，"
            f"正常推进{self.tasks_on_track}项，存在风险{self.tasks_at_risk}项，"
            f"滞后{self.tasks_late}项。",
            f"共{self.targets_total}项目标：红灯{lights.get('红', 0)}项，"
            f"黄灯{lights.get('黄', 0)}项，绿灯{lights.get('绿', 0)}项。",
        ]


def describe_report(report: ProgressReport | None) -> str:
    if report is None:
        return "无"
    what: list[str] = [report.state or ""]
    if report.value is not None:
        what.append(f"完成值{report.value:g}")
    text = f"{report.as_of.isoformat()} {report.office}：{'，'.join(w for w in what if w)}"
    return text + (f"（{report.note}）" if report.note else "")


def _reasons(rules: Sequence[object]) -> str:
    return "；".join(getattr(r, "text", "") for r in rules)


def _task_line(status: TaskStatus) -> ItemLine:
    task = status.task
    return ItemLine(
        kind="任务",
        code=task.code,
        title=task.title,
        offices="、".join(task.office_owners),
        light=status.light,
        reason=_reasons(status.rules),
        plan_evidence=task.text or task.title,
        last_report=describe_report(status.last_report),
        report_evidence=(status.last_report.evidence or "") if status.last_report else "",
    )


def _target_line(status: TargetStatus, owners: dict[str, TaskStatus]) -> ItemLine:
    target = status.target
    task = owners.get(target.holder_id)
    return ItemLine(
        kind="目标",
        code=f"{target.holder_code}-{target.ordinal}",
        title=target.metric
        + (f" {target.value:g}{target.unit or ''}" if target.value is not None else ""),
        offices="、".join(task.task.office_owners) if task else "",
        light=status.light,
        reason=_reasons(status.rules),
        plan_evidence=target.evidence,
        last_report=describe_report(status.last_report),
        report_evidence=(status.last_report.evidence or "") if status.last_report else "",
    )


def _role_of(status: TaskStatus, office: str) -> str:
    roles = {"sole": "负责", "each": "分别负责", "lead": "牵头", "support": "配合"}
    found = [o.role for o in status.task.owners if o.office == office]
    return "、".join(roles.get(r, r) for r in dict.fromkeys(found))


def dispatch_report(
    status: LedgerStatus,
    *,
    title: str = "重点任务推进情况调度通报",
    orphaned: Sequence[ProgressReport] = (),
) -> DispatchReport:
    tasks = status.tasks
    owners = {t.task.id: t for t in tasks}
    by_office = {row.key: row for row in rollup(status, "office")}
    sections = []
    for office, totals in sorted(by_office.items()):
        lines = tuple(
            OfficeLine(
                code=t.task.code,
                title=t.task.title,
                role=_role_of(t, office),
                light=t.light,
                last_report=describe_report(t.last_report),
                reason=_reasons(t.rules),
            )
            for t in tasks
            if office in (t.task.office_owners or (NO_OFFICE,))
        )
        sections.append(OfficeSection(office=office, totals=totals, lines=lines))
    late = [_task_line(t) for t in tasks if t.light == "红"]
    late += [_target_line(g, owners) for g in status.targets if g.light == "红"]
    lights = {light: sum(1 for g in status.targets if g.light == light) for light in "红黄绿"}
    return DispatchReport(
        as_of=status.as_of,
        title=title,
        tasks_total=len(tasks),
        tasks_done=sum(1 for t in tasks if t.done),
        tasks_on_track=sum(1 for t in tasks if t.light == "绿" and not t.done),
        tasks_at_risk=sum(1 for t in tasks if t.light == "黄"),
        tasks_late=sum(1 for t in tasks if t.light == "红"),
        targets_total=len(status.targets),
        targets_by_light=lights,
        offices=tuple(sections),
        late=tuple(late),
        at_risk=tuple(_task_line(t) for t in tasks if t.light == "黄"),
        shared=tuple(
            SharedLine(
                code=t.task.code,
                title=t.task.title,
                reported="、".join(o for o in t.reporting_offices if o in t.task.office_owners),
                silent="、".join(t.silent_owners),
            )
            for t in tasks
            if t.silent_owners
        ),
        orphaned=tuple(orphaned),
    )
