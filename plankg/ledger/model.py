"""The ledger's records: a progress report, and the slice of a plan the status rules read.

A report belongs to one task or one target, named by its id in the store. It carries either a
reported value (a numeric target) or a completion state, or both; the date it refers to; who
reported it and when it was recorded. Reports are never edited: a correction is a new report, so
``content_key`` (everything but when and how it was recorded) is what makes a second import of
the same sheet add nothing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

State = Literal["未启动", "推进中", "已完成"]
STATES: tuple[State, ...] = ("未启动", "推进中", "已完成")
DONE: State = "已完成"
NOT_STARTED: State = "未启动"

Light = Literal["红", "黄", "绿"]
LIGHTS: tuple[Light, ...] = ("红", "黄", "绿")
# Worst first: a subject's light is the worst of the rules that fired.
LIGHT_RANK: dict[str, int] = {"红": 0, "黄": 1, "绿": 2}

SubjectKind = Literal["task", "target"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProgressReport(_Model):
    """One report of the ledger, as stored."""

    subject_kind: SubjectKind
    subject_id: str  # Task or Target id at the time of reporting
    plan_id: str
    task_code: str  # the task's (or the target's task's) code, to follow it across revisions
    task_text: str = ""  # the task's text when reported, for the same purpose
    value: float | None = None
    state: State | None = None
    as_of: date  # the date the report refers to
    note: str = ""
    office: str  # the reporting office, canonical name
    evidence: str | None = None  # a document number, file name or link the office cites
    recorded_at: str = ""  # ISO timestamp of recording; not part of the content key
    source: str = ""  # cli | api | xlsx:<file name>; not part of the content key

    @property
    def content_key(self) -> str:
        """Stable id from what was reported: the same report imported twice is one report."""
        payload = [
            self.subject_kind,
            self.subject_id,
            self.value,
            self.state,
            self.as_of.isoformat(),
            self.note.strip(),
            self.office,
            (self.evidence or "").strip(),
        ]
        digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()
        return "progress:" + digest[:24]

    def order_key(self) -> tuple[date, str]:
        """Latest report last: by the date it refers to, then by when it was recorded."""
        return (self.as_of, self.recorded_at)


class LedgerOwner(_Model):
    office: str
    role: str  # sole | each | lead | support | collective
    collective: bool = False


class LedgerTarget(_Model):
    id: str
    holder_id: str  # the task (or section) it belongs to
    holder_code: str = ""  # that task's (or section's) code
    ordinal: int = 1  # 1-based within its holder
    metric: str
    value: float | None = None
    unit: str | None = None
    kind: str = "level"
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    vague: bool = False
    evidence: str = ""


class LedgerTask(_Model):
    id: str
    plan_id: str
    code: str
    title: str
    text: str = ""
    section_code: str | None = None
    section_title: str = ""  # the top-level section's title, for roll-ups
    deadline: str | None = None  # 完成时限 as written
    owners: tuple[LedgerOwner, ...] = ()
    industries: tuple[str, ...] = ()
    chains: tuple[str, ...] = ()
    target_ids: tuple[str, ...] = ()

    @property
    def office_owners(self) -> tuple[str, ...]:
        """Named offices that carry the task (not collectives), in clause order, once each."""
        return tuple(dict.fromkeys(o.office for o in self.owners if not o.collective))


class LedgerPlan(_Model):
    """What the status rules need of one plan."""

    id: str
    title: str = ""
    period_start: int | None = None
    period_end: int | None = None
    issued: date | None = None
    tasks: tuple[LedgerTask, ...] = ()
    targets: tuple[LedgerTarget, ...] = Field(default=())
    offices: tuple[str, ...] = ()

    def task(self, task_id: str) -> LedgerTask | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def task_by_code(self, code: str) -> LedgerTask | None:
        return next((t for t in self.tasks if t.code == code), None)

    def target(self, target_id: str) -> LedgerTarget | None:
        return next((t for t in self.targets if t.id == target_id), None)

    def target_by_ref(self, holder_code: str, ordinal: int) -> LedgerTarget | None:
        return next(
            (t for t in self.targets if t.holder_code == holder_code and t.ordinal == ordinal),
            None,
        )
