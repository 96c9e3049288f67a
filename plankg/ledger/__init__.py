"""The task ledger (台账): progress reports on tasks and targets, their validation, the status
each task and target has as of a date (lights 红/黄/绿 with the rule that produced them) and the
roll-ups and dispatch report built on it.

Pure data and functions: nothing here touches a store. The read layer hands in the plan's tasks
and targets as :class:`LedgerPlan` records together with the reports.
"""

from __future__ import annotations

from plankg.ledger.model import (
    LIGHTS,
    STATES,
    LedgerOwner,
    LedgerPlan,
    LedgerTarget,
    LedgerTask,
    ProgressReport,
)
from plankg.ledger.status import (
    LedgerRules,
    LedgerStatus,
    Rule,
    TargetStatus,
    TaskStatus,
    ledger_status,
    target_status,
    task_status,
)

__all__ = [
    "LIGHTS",
    "STATES",
    "LedgerOwner",
    "LedgerPlan",
    "LedgerRules",
    "LedgerStatus",
    "LedgerTarget",
    "LedgerTask",
    "ProgressReport",
    "Rule",
    "TargetStatus",
    "TaskStatus",
    "ledger_status",
    "target_status",
    "task_status",
]
