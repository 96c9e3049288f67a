"""One validation for every way a report comes in (CLI, API, the Excel ledger).

Each input is a :class:`ReportInput` (cells as found, with the sheet and row they came from).
``validate_inputs`` checks them all and either returns the reports or raises one
``ProgressDataError`` listing every bad row, so nothing loads unless everything is good.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime

from plankg.errors import ProgressDataError
from plankg.ledger.dates import month_end, plan_bounds
from plankg.ledger.model import STATES, LedgerPlan, ProgressReport, State, SubjectKind, _Model

Cell = str | int | float | date | datetime | None

_ISO_DATE = re.compile(r"^(20\d\d)[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
_CN_DATE = re.compile(r"^(20\d\d)年(\d{1,2})月(?:(\d{1,2})日)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class ReportInput(_Model):
    """One report as typed in: a CLI call, an API body or a filled row of the ledger sheet."""

    where: str = ""  # "任务台账 第7行", for messages
    plan_id: str | None = None  # may be left out when the store holds one plan
    task_code: str  # the task's code, or the code of the target's task (or section)
    target_ordinal: int | None = None  # set for a target: its number within the task
    value: Cell = None
    state: Cell = None
    as_of: Cell = None
    note: Cell = None
    office: Cell = None
    evidence: Cell = None
    problems: tuple[str, ...] = ()  # structural problems found by the reader (edited columns)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_value(cell: Cell) -> float | None:
    """A number, or None when empty; ValueError when the cell holds anything else."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool | date):
        raise ValueError(cell)
    if isinstance(cell, int | float):
        return float(cell)
    text = cell.strip().replace(",", "").replace("，", "").removesuffix("%")
    if not _NUMBER.match(text):
        raise ValueError(cell)
    return float(text)


def parse_date(cell: Cell) -> date | None:
    """2024-06-30, 2024/6/30, 2024年6月30日, or a month (2024-06, 2024年6月: its last day)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = str(cell).strip()
    match = _ISO_DATE.match(text) or _CN_DATE.match(text)
    if not match:
        raise ValueError(cell)
    year, month = int(match.group(1)), int(match.group(2))
    if match.group(3):
        return date(year, month, int(match.group(3)))
    return month_end(year, month)


def parse_state(cell: Cell) -> State | None:
    text = _text(cell)
    if not text:
        return None
    for state in STATES:
        if text == state:
            return state
    raise ValueError(cell)


def _plan_for(plans: Sequence[LedgerPlan], item: ReportInput) -> LedgerPlan | str:
    if item.plan_id:
        found = next((p for p in plans if p.id == item.plan_id), None)
        return found or f"未知规划“{item.plan_id}”"
    if len(plans) == 1:
        return plans[0]
    if not plans:
        return "库中没有规划"
    return "库中有多个规划，请写明规划编号"


OfficeResolver = Callable[[str, LedgerPlan], str | None]


def exact_office(name: str, plan: LedgerPlan) -> str | None:
    return name if name in plan.offices else None


def validate_input(
    item: ReportInput,
    plans: Sequence[LedgerPlan],
    *,
    recorded_at: str,
    source: str,
    resolve_office: OfficeResolver = exact_office,
    office_override: str | None = None,
) -> tuple[ProgressReport | None, list[str]]:
    """The report an input makes, or the list of what is wrong with it."""
    problems = list(item.problems)
    found = _plan_for(plans, item)
    if isinstance(found, str):
        return None, [*problems, found]
    plan = found
    code = item.task_code.strip()
    task = plan.task_by_code(code)
    kind: SubjectKind = "task"
    subject_id = ""
    task_text = ""
    owners: tuple[str, ...] = ()
    if item.target_ordinal is not None:
        target = plan.target_by_ref(code, item.target_ordinal)
        known = task is not None or any(t.holder_code == code for t in plan.targets)
        if target is None and not known:
            problems.append(f"未知任务“{code}”")
        elif target is None:
            problems.append(f"任务“{code}”没有第{item.target_ordinal}项目标")
        else:
            kind, subject_id = "target", target.id
    elif task is None:
        problems.append(f"未知任务“{code}”")
    else:
        subject_id = task.id
    if task is not None:
        task_text, owners = task.text, task.office_owners

    value = state = as_of = None
    try:
        value = parse_value(item.value)
    except ValueError:
        problems.append(f"完成值不是数字：“{_text(item.value)}”")
    try:
        state = parse_state(item.state)
    except ValueError:
        problems.append(f"未知进展状态“{_text(item.state)}”，应为{'/'.join(STATES)}")
    try:
        as_of = parse_date(item.as_of)
    except ValueError:
        problems.append(f"日期无法识别：“{_text(item.as_of)}”（应写作2024-06-30）")
    if value is not None and kind == "task" and item.target_ordinal is None:
        problems.append("任务只填进展状态（未启动/推进中/已完成），完成值填在目标行")
    if value is None and state is None and not _text(item.value) and not _text(item.state):
        problems.append("既无完成值也无进展状态")
    if as_of is None and not _text(item.as_of):
        problems.append("未填进展日期")
    start, end = plan_bounds(plan)
    if as_of and ((start and as_of < start) or (end and as_of > end)):
        period = f"{start.isoformat() if start else '…'}..{end.isoformat() if end else '…'}"
        problems.append(f"进展日期{as_of.isoformat()}不在规划期{period}内")

    office_text = office_override or _text(item.office)
    office: str | None = None
    if office_text:
        office = resolve_office(office_text, plan)
        if office is None:
            problems.append(f"未知科室“{office_text}”")
    elif len(owners) == 1:
        office = owners[0]
    else:
        problems.append("未填填报科室")

    if problems or not subject_id or as_of is None or office is None:
        return None, problems
    return (
        ProgressReport(
            subject_kind=kind,
            subject_id=subject_id,
            plan_id=plan.id,
            task_code=code,
            task_text=task_text,
            value=value,
            state=state,
            as_of=as_of,
            note=_text(item.note),
            office=office,
            evidence=_text(item.evidence) or None,
            recorded_at=recorded_at,
            source=source,
        ),
        [],
    )


def validate_inputs(
    items: Sequence[ReportInput],
    plans: Sequence[LedgerPlan],
    *,
    recorded_at: str,
    source: str,
    what: str = "进展报告",
    resolve_office: OfficeResolver = exact_office,
    office_override: str | None = None,
) -> list[ProgressReport]:
    """Every report, or ``ProgressDataError`` naming every bad input (nothing is returned)."""
    reports: list[ProgressReport] = []
    bad: list[str] = []
    for item in items:
        report, problems = validate_input(
            item,
            plans,
            recorded_at=recorded_at,
            source=source,
            resolve_office=resolve_office,
            office_override=office_override,
        )
        if problems:
            where = f"{item.where}：" if item.where else ""
            bad.append(where + "；".join(problems))
        elif report is not None:
            reports.append(report)
    if bad:
        raise ProgressDataError(
            f"{what}：{len(bad)}行有误，未导入任何数据：" + "；".join(bad), problems=bad
        )
    return reports
