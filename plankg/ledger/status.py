"""Status of every task and target as of a date, and the rule behind each light.

Targets: the completion ratio (reported value over target value; 已完成 counts as 1, 未启动 as 0)
against the linear expectation, the share of the target's period already gone. Below the
expectation by more than the tolerance is 滞后 (红); below it within the tolerance is 黄; a
period that ended short of the value is 红; no report yet is 黄.

Tasks: 已完成 is 绿; a deadline passed without 已完成 is overdue (红); a target behind it that is
滞后, or no report for ``stale_days``, puts it at risk (黄); otherwise 绿. A subject's light is the
worst of the rules that fired, and every fired rule is kept so the light explains itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from plankg.ledger.dates import elapsed_share, plan_bounds, target_bounds, task_deadline
from plankg.ledger.model import (
    DONE,
    LIGHT_RANK,
    NOT_STARTED,
    LedgerPlan,
    LedgerTarget,
    LedgerTask,
    Light,
    ProgressReport,
    State,
    _Model,
)


@dataclass(frozen=True)
class LedgerRules:
    """The knobs of the status rules (from ``Settings``: ``PLANKG_LEDGER_*``)."""

    stale_days: int = 60  # no report for longer than this puts a task at risk
    behind_tolerance: float = 0.10  # how far under the time share a target may be before 滞后


DEFAULT_RULES = LedgerRules()


class Rule(_Model):
    code: str  # done | overdue | missed | behind | slightly_behind | target_behind | stale | …
    light: Light
    text: str  # Chinese, for the reader


class TargetStatus(_Model):
    target: LedgerTarget
    plan_id: str
    task_id: str | None  # None for a section-level target
    light: Light
    rules: tuple[Rule, ...]
    ratio: float | None  # completion against the value
    expected: float | None  # share of the period gone
    behind: bool  # 滞后
    last_report: ProgressReport | None
    report_count: int


class TaskStatus(_Model):
    task: LedgerTask
    light: Light
    rules: tuple[Rule, ...]
    state: State | None
    deadline: date | None
    done: bool
    overdue: bool
    at_risk: bool
    last_report: ProgressReport | None
    report_count: int
    days_since_report: int | None
    reporting_offices: tuple[str, ...]
    silent_owners: tuple[str, ...]  # office owners of a shared task that have not reported
    targets: tuple[TargetStatus, ...]

    @property
    def late(self) -> bool:
        return self.light == "红"


class LedgerStatus(_Model):
    as_of: date
    rules: tuple[tuple[str, float], ...]  # the knobs used, for the record
    tasks: tuple[TaskStatus, ...]
    targets: tuple[TargetStatus, ...]  # every target, those of sections included


def worst(rules: Iterable[Rule]) -> Light:
    ranked = sorted(rules, key=lambda r: LIGHT_RANK[r.light])
    return ranked[0].light if ranked else "绿"


def reports_until(reports: Iterable[ProgressReport], as_of: date) -> list[ProgressReport]:
    """The reports that refer to ``as_of`` or earlier, oldest first."""
    return sorted((r for r in reports if r.as_of <= as_of), key=ProgressReport.order_key)


def completion_ratio(target: LedgerTarget, report: ProgressReport) -> float | None:
    if report.state == DONE:
        return 1.0
    if report.value is not None and target.value:
        return report.value / target.value
    if report.state == NOT_STARTED:
        return 0.0
    return None


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def target_status(
    target: LedgerTarget,
    plan: LedgerPlan,
    reports: Iterable[ProgressReport],
    as_of: date,
    rules: LedgerRules = DEFAULT_RULES,
) -> TargetStatus:
    mine = reports_until((r for r in reports if r.subject_id == target.id), as_of)
    last = mine[-1] if mine else None
    start, end = target_bounds(target, plan, as_of)
    expected = elapsed_share(start, end, as_of) if start and end else None
    ratio = completion_ratio(target, last) if last else None
    fired: list[Rule] = []
    behind = False
    if last is None:
        fired.append(Rule(code="no_report", light="黄", text="尚无进展报告"))
    elif ratio is not None and ratio >= 1.0:
        fired.append(Rule(code="done", light="绿", text=f"已完成（完成率{_pct(ratio)}）"))
    elif end and as_of > end:
        behind = True
        done_text = f"完成率{_pct(ratio)}" if ratio is not None else "未报完成值"
        fired.append(
            Rule(code="missed", light="红", text=f"目标期已于{end.isoformat()}结束，{done_text}")
        )
    elif ratio is None:
        if target.value is None:
            fired.append(Rule(code="in_progress", light="绿", text=f"{last.state or '已报告'}"))
        else:
            fired.append(Rule(code="no_value", light="黄", text="只报告了状态，未报完成值"))
    elif expected is None:
        fired.append(Rule(code="no_period", light="绿", text=f"完成率{_pct(ratio)}，目标无期限"))
    elif ratio < expected - rules.behind_tolerance:
        behind = True
        fired.append(
            Rule(
                code="behind",
                light="红",
                text=f"滞后：完成率{_pct(ratio)}，低于时间进度{_pct(expected)}"
                f"（容差{_pct(rules.behind_tolerance)}）",
            )
        )
    elif ratio < expected:
        fired.append(
            Rule(
                code="slightly_behind",
                light="黄",
                text=f"略慢：完成率{_pct(ratio)}，时间进度{_pct(expected)}",
            )
        )
    else:
        fired.append(
            Rule(
                code="on_track",
                light="绿",
                text=f"正常：完成率{_pct(ratio)}，不低于时间进度{_pct(expected)}",
            )
        )
    return TargetStatus(
        target=target,
        plan_id=plan.id,
        task_id=target.holder_id if plan.task(target.holder_id) else None,
        light=worst(fired),
        rules=tuple(fired),
        ratio=ratio,
        expected=expected,
        behind=behind,
        last_report=last,
        report_count=len(mine),
    )


def task_status(
    task: LedgerTask,
    plan: LedgerPlan,
    reports: Sequence[ProgressReport],
    target_statuses: Sequence[TargetStatus],
    as_of: date,
    rules: LedgerRules = DEFAULT_RULES,
) -> TaskStatus:
    """``reports`` may hold any reports; a task's own are those naming it, and its targets'
    reports count as news of the task (for staleness and for who reported)."""
    own = reports_until((r for r in reports if r.subject_id == task.id), as_of)
    target_ids = set(task.target_ids)
    news = reports_until(
        (r for r in reports if r.subject_id == task.id or r.subject_id in target_ids), as_of
    )
    state = own[-1].state if own and own[-1].state else None
    last = news[-1] if news else None
    deadline, deadline_source = task_deadline(task, plan)
    fired: list[Rule] = []
    done = state == DONE
    overdue = False
    days_since = (as_of - last.as_of).days if last else None
    if done:
        fired.append(Rule(code="done", light="绿", text="已完成"))
    else:
        if deadline and as_of > deadline:
            overdue = True
            fired.append(
                Rule(
                    code="overdue",
                    light="红",
                    text=f"逾期：{deadline_source}（{deadline.isoformat()}）已过，未报已完成",
                )
            )
        for behind in (t for t in target_statuses if t.behind):
            fired.append(
                Rule(
                    code="target_behind",
                    light="黄",
                    text=f"目标滞后：{behind.target.metric}（{behind.rules[0].text}）",
                )
            )
        start, _ = plan_bounds(plan)
        quiet_since = last.as_of if last else start
        if quiet_since and (as_of - quiet_since).days > rules.stale_days:
            text = (
                f"{(as_of - quiet_since).days}天无进展报告（上次{quiet_since.isoformat()}）"
                if last
                else f"自{quiet_since.isoformat()}起从未报告进展"
            )
            fired.append(Rule(code="stale", light="黄", text=text))
        if not fired:
            fired.append(
                Rule(code="on_track", light="绿", text=f"按计划推进（{state or '已报告'}）")
            )
    reporting = tuple(dict.fromkeys(r.office for r in news))
    owners = task.office_owners
    silent = tuple(o for o in owners if o not in reporting) if len(owners) > 1 and reporting else ()
    light = worst(fired)
    return TaskStatus(
        task=task,
        light=light,
        rules=tuple(fired),
        state=state,
        deadline=deadline,
        done=done,
        overdue=overdue,
        at_risk=light == "黄",
        last_report=last,
        report_count=len(news),
        days_since_report=days_since,
        reporting_offices=reporting,
        silent_owners=silent,
        targets=tuple(target_statuses),
    )


def ledger_status(
    plans: Sequence[LedgerPlan],
    reports: Sequence[ProgressReport],
    as_of: date,
    rules: LedgerRules = DEFAULT_RULES,
) -> LedgerStatus:
    """Every task and target of ``plans`` as of ``as_of``."""
    tasks: list[TaskStatus] = []
    targets: list[TargetStatus] = []
    for plan in plans:
        by_target = {t.id: target_status(t, plan, reports, as_of, rules) for t in plan.targets}
        targets.extend(by_target.values())
        for task in plan.tasks:
            mine = [by_target[t] for t in task.target_ids if t in by_target]
            tasks.append(task_status(task, plan, reports, mine, as_of, rules))
    return LedgerStatus(
        as_of=as_of,
        rules=(("stale_days", rules.stale_days), ("behind_tolerance", rules.behind_tolerance)),
        tasks=tuple(tasks),
        targets=tuple(targets),
    )
