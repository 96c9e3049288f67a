"""The ledger (台账) over HTTP: report progress, upload the Excel ledger, read reports and the
status lights."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query, Request, status
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from plankg import writes
from plankg.analysis import ledger as ledger_reads
from plankg.analysis.names import plan_id_of, resolve_office
from plankg.api.deps import NameQuery, PageDep, SettingsDep, StoreDep, WriteGuard
from plankg.api.responses import api_router
from plankg.api.routes._doc import doc, page_example, paginate
from plankg.api.routes.plans import UPLOAD_PROBLEMS
from plankg.api.uploads import ingest_slots, read_upload
from plankg.errors import InputError
from plankg.ledger.dispatch import describe_report
from plankg.ledger.status import LedgerRules, TargetStatus, TaskStatus
from plankg.ledger.validate import ReportInput

router = api_router(tags=["ledger"])

LightParam = Literal["红", "黄", "绿"]
PlanFilter = Annotated[
    str | None, NameQuery(description="Only this plan: id, document number or title.")
]
OfficeFilter = Annotated[str | None, NameQuery(description="The office (name, alias or pinyin).")]


def _date_not_number(value: object) -> object:
    """A date comes as YYYY-MM-DD: pydantic would read a number as seconds since 1970 (and its
    strict mode refuses the string too, as FastAPI validates a JSON body in Python mode)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("a date is written YYYY-MM-DD, not as a number")
    return value


class ProgressIn(BaseModel):
    """One report. A task takes a state; a target (``target``: its number within the task or
    section ``task``) takes a value, a state or both."""

    model_config = ConfigDict(extra="forbid")

    task: str = Field(description="Task code (4.1.1), or the code of the target's task/section")
    target: int | None = Field(default=None, ge=1, description="Target number within the task")
    state: Literal["未启动", "推进中", "已完成"] | None = None
    value: float | None = Field(default=None, description="Reported value of a numeric target")
    date: Annotated[
        date,
        BeforeValidator(_date_not_number),
        Field(description="The date the report refers to (YYYY-MM-DD)"),
    ]
    office: str = Field(description="The office reporting (name, alias or pinyin)")
    note: str = ""
    evidence: str | None = Field(default=None, description="Document number, file or link")
    plan: str | None = Field(default=None, description="Plan id when the store holds several")


class ProgressAdded(BaseModel):
    source: str
    received: int
    added: int
    already_stored: int
    ids: list[str]


class ProgressOut(BaseModel):
    id: str
    subject_kind: str
    subject_id: str
    plan_id: str
    task_code: str
    value: float | None
    state: str | None
    as_of: date
    note: str
    office: str
    evidence: str | None
    recorded_at: str
    source: str
    orphaned: bool


class RuleOut(BaseModel):
    code: str
    light: str
    text: str


class TaskStatusOut(BaseModel):
    task_id: str
    code: str
    title: str
    offices: list[str]
    light: str
    rules: list[RuleOut]
    state: str | None
    deadline: date | None
    last_report: str
    silent_owners: list[str]


class TargetStatusOut(BaseModel):
    target_id: str
    code: str
    metric: str
    value: float | None
    unit: str | None
    ratio: float | None
    expected: float | None
    light: str
    rules: list[RuleOut]
    last_report: str


class StatusOut(BaseModel):
    as_of: date
    tasks: list[TaskStatusOut]
    targets: list[TargetStatusOut]
    lights: dict[str, int]


REPORT_EXAMPLE = {
    "task": "4.1.2",
    "target": 1,
    "value": 40,
    "date": "2024-06-30",
    "office": "示例产业科",
    "note": "6月统计",
    "evidence": "统计月报",
}


@router.post(
    "/progress",
    status_code=status.HTTP_201_CREATED,
    response_model=ProgressAdded,
    dependencies=[WriteGuard],
    **doc(
        "Report progress",
        "Append one progress report (append-only: a correction is a new report). Validated "
        "like every way in (unknown task, value not a number, date outside the plan period, "
        "unknown office); the reporting office is recorded. The same report sent twice is "
        "stored once. Needs the `X-API-Key` header.",
        {"source": "api", "received": 1, "added": 1, "already_stored": 0, "ids": ["progress:…"]},
        status=201,
    ),
)
def add_progress(store: StoreDep, body: ProgressIn) -> dict[str, Any]:
    item = ReportInput(
        where="请求",
        plan_id=body.plan,
        task_code=body.task,
        target_ordinal=body.target,
        value=body.value,
        state=body.state,
        as_of=body.date,
        note=body.note,
        office=body.office,
        evidence=body.evidence,
    )
    return vars(writes.add_progress(store, [item], source="api"))


@router.post(
    "/progress/import",
    status_code=status.HTTP_201_CREATED,
    response_model=ProgressAdded,
    dependencies=[WriteGuard],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            },
        }
    },
    **doc(
        "Upload the Excel ledger",
        "Multipart upload (field `file`) of the workbook `plankg export --format xlsx` "
        "writes, its 进展台账 sheet filled in. Every row is checked first: any bad row "
        "stops the import and all bad rows are listed with their row numbers; a good file "
        "loads in one transaction; the same file twice adds nothing.",
        {"source": "台账.xlsx", "received": 9, "added": 9, "already_stored": 0, "ids": []},
        UPLOAD_PROBLEMS,
        status=201,
    ),
)
async def import_ledger(request: Request, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    name, data = await read_upload(request, settings.max_upload_mb * 1024 * 1024)
    return vars(await ingest_slots(request).run(lambda: writes.import_ledger(store, data, name)))


@router.get(
    "/progress",
    **doc(
        "Progress reports",
        "Stored reports, oldest first; `orphaned` ones lost their task in a plan revision "
        "(kept, never deleted). Filters: `plan`, `office`, `task` (code), `orphaned`.",
        page_example(
            {
                "id": "progress:…",
                "task_code": "4.1.2",
                "as_of": "2024-06-30",
                "office": "示例产业科",
                "value": 40,
                "orphaned": False,
            }
        ),
    ),
)
def list_progress(
    store: StoreDep,
    page: PageDep,
    plan: PlanFilter = None,
    office: OfficeFilter = None,
    task: Annotated[str | None, Query(description="Task code (4.1.2).")] = None,
    orphaned: bool | None = None,
) -> dict[str, Any]:
    stored = ledger_reads.stored_reports(store, plan_id_of(store, plan))
    name = resolve_office(store, office).name_zh if office else None
    items = [
        ProgressOut(
            id=r.content_key, orphaned=flag, **r.model_dump(exclude={"task_text"})
        ).model_dump(mode="json")
        for reports, flag in ((stored.attached, False), (stored.orphaned, True))
        for r in reports
        if (orphaned is None or orphaned == flag)
        and (name is None or r.office == name)
        and (task is None or r.task_code == task)
    ]
    items.sort(key=lambda r: (r["as_of"], r["recorded_at"]))
    return paginate(items, page.limit, page.offset)


def _day(text: str) -> date:
    """A calendar date written YYYY-MM-DD (not a number of seconds, which pydantic would take)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"query parameter as_of: {text!r} is not a calendar date") from None


def _rules(rules: Any) -> list[RuleOut]:
    return [RuleOut(code=r.code, light=r.light, text=r.text) for r in rules]


def _task_out(t: TaskStatus) -> TaskStatusOut:
    return TaskStatusOut(
        task_id=t.task.id,
        code=t.task.code,
        title=t.task.title,
        offices=list(t.task.office_owners),
        light=t.light,
        rules=_rules(t.rules),
        state=t.state,
        deadline=t.deadline,
        last_report=describe_report(t.last_report),
        silent_owners=list(t.silent_owners),
    )


def _target_out(g: TargetStatus) -> TargetStatusOut:
    return TargetStatusOut(
        target_id=g.target.id,
        code=f"{g.target.holder_code}-{g.target.ordinal}",
        metric=g.target.metric,
        value=g.target.value,
        unit=g.target.unit,
        ratio=g.ratio,
        expected=g.expected,
        light=g.light,
        rules=_rules(g.rules),
        last_report=describe_report(g.last_report),
    )


@router.get(
    "/status",
    response_model=StatusOut,
    **doc(
        "Status lights",
        "Every task and target with its light (红/黄/绿) and the rules that produced it, as "
        "of `as_of` (default today). Filters: `office`, `section` (code or title fragment), "
        "`industry` (industry or chain), `light`, `plan`.",
        {"as_of": "2024-06-30", "tasks": [], "targets": [], "lights": {"红": 0, "黄": 0, "绿": 0}},
    ),
)
def get_status(
    store: StoreDep,
    settings: SettingsDep,
    as_of: Annotated[
        str | None,
        Query(
            pattern=r"^\d{4}-\d{2}-\d{2}$",
            description="截至日期 (YYYY-MM-DD)，默认今天",
            json_schema_extra={"format": "date"},
        ),
    ] = None,
    office: OfficeFilter = None,
    section: Annotated[str | None, Query(description="Section code or title fragment.")] = None,
    industry: Annotated[str | None, Query(description="Industry or chain name fragment.")] = None,
    light: LightParam | None = None,
    plan: PlanFilter = None,
) -> StatusOut:
    rules = LedgerRules(
        stale_days=settings.ledger_stale_days, behind_tolerance=settings.ledger_behind_tolerance
    )
    offices = [resolve_office(store, office).name_zh] if office else []
    result = ledger_reads.status(
        store,
        _day(as_of) if as_of else date.today(),
        rules=rules,
        plan_id=plan_id_of(store, plan),
        offices=offices,
        section=section,
        industry=industry,
        light=light,
    )
    return StatusOut(
        as_of=result.as_of,
        tasks=[_task_out(t) for t in result.tasks],
        targets=[_target_out(g) for g in result.targets],
        lights={k: sum(1 for t in result.tasks if t.light == k) for k in ("红", "黄", "绿")},
    )
