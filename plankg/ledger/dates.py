"""Dates of the ledger: a task's deadline as written (完成时限), a target's period, and the share
of a period that has elapsed on a given day."""

from __future__ import annotations

import calendar
import re
from datetime import date

from plankg.ledger.model import LedgerPlan, LedgerTarget, LedgerTask

# 2025年底前 / 2024年6月底 / 2024年第三季度 / 2025年 — the forms a 完成时限 column takes.
_YEAR_MONTH = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月")
_YEAR_QUARTER = re.compile(r"(20\d\d)\s*年\s*(?:第)?\s*([一二三四1-4])\s*季度")
_YEAR_HALF = re.compile(r"(20\d\d)\s*年\s*(上|下)半年")
_YEAR = re.compile(r"(20\d\d)\s*年?")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str | None) -> date | None:
    """The last day a 完成时限 allows, or None when it names no date (长期坚持, 持续推进).

    The latest date written wins (2023年底前启动，2024年6月底前完成 -> 2024-06-30).
    """
    if not text:
        return None
    found: list[date] = []
    rest = text
    for match in _YEAR_MONTH.finditer(text):
        month = int(match.group(2))
        if 1 <= month <= 12:
            found.append(month_end(int(match.group(1)), month))
    rest = _YEAR_MONTH.sub(" ", rest)
    for match in _YEAR_QUARTER.finditer(rest):
        found.append(month_end(int(match.group(1)), _QUARTERS[match.group(2)] * 3))
    rest = _YEAR_QUARTER.sub(" ", rest)
    for match in _YEAR_HALF.finditer(rest):
        found.append(month_end(int(match.group(1)), 6 if match.group(2) == "上" else 12))
    rest = _YEAR_HALF.sub(" ", rest)
    for match in _YEAR.finditer(rest):
        found.append(date(int(match.group(1)), 12, 31))
    return max(found) if found else None


def plan_bounds(plan: LedgerPlan) -> tuple[date | None, date | None]:
    """First and last day of the plan's period (2023-2025 -> 2023-01-01 .. 2025-12-31)."""
    start = date(plan.period_start, 1, 1) if plan.period_start else plan.issued
    end = date(plan.period_end, 12, 31) if plan.period_end else None
    return start, end


def target_bounds(
    target: LedgerTarget, plan: LedgerPlan, as_of: date
) -> tuple[date | None, date | None]:
    """The period a target's expectation runs over.

    An annual target (每年新增…) runs over the calendar year of ``as_of``; a ranged one over its
    own years (2023-2025年); one with only a deadline year (到2025年) from the start of the plan
    period to the end of that year.
    """
    if target.kind == "annual":
        return date(as_of.year, 1, 1), date(as_of.year, 12, 31)
    first = target.period_start or plan.period_start or (plan.issued.year if plan.issued else None)
    last = target.year or target.period_end or plan.period_end
    if first is None or last is None or last < first:
        return None, None
    return date(first, 1, 1), date(last, 12, 31)


def task_deadline(task: LedgerTask, plan: LedgerPlan) -> tuple[date | None, str]:
    """A task's deadline and where it came from: its 完成时限, else the latest year of its
    targets, else the end of the plan period."""
    written = parse_deadline(task.deadline)
    if written:
        return written, f"完成时限“{task.deadline}”"
    years = [
        t.year or t.period_end
        for t in plan.targets
        if t.id in task.target_ids and (t.year or t.period_end) and t.kind != "annual"
    ]
    if years:
        last = max(y for y in years if y is not None)
        return date(last, 12, 31), f"目标年份{last}年"
    _, end = plan_bounds(plan)
    if end:
        return end, f"规划期末{end.year}年"
    return None, ""


def elapsed_share(start: date, end: date, as_of: date) -> float:
    """Share of [start, end] gone by the end of ``as_of``, clamped to 0..1."""
    total = (end - start).days + 1
    gone = (as_of - start).days + 1
    return min(1.0, max(0.0, gone / total)) if total > 0 else 1.0
