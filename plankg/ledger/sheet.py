"""The progress sheet (进展台账) of the Excel ledger: written with the plan's tasks and targets and
the latest report of each, filled in by the offices, read back into :class:`ReportInput` rows.

The fixed columns say what a row is about and must come back as written; the progress columns
are the offices' to fill. A row whose fixed columns were changed, or with anything written right
of the last column, is refused with its row number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from plankg.errors import CorruptDocument, ProgressDataError
from plankg.ledger.model import LedgerPlan, ProgressReport
from plankg.ledger.validate import Cell, ReportInput

SHEET = "进展台账"
TASK_ROW, TARGET_ROW = "任务", "目标"
FIXED = ("规划", "类型", "任务编号", "目标序号", "内容", "责任科室", "目标值", "单位")
PROGRESS = ("进展状态", "完成值", "进展日期", "进展说明", "填报科室", "佐证材料")
COLUMNS = FIXED + PROGRESS
# Fixed columns whose content is compared with the plan (the others are for reading only).
CHECKED = ("类型", "内容", "目标值")


def _fmt(value: float | None) -> str | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def sheet_rows(plans: Sequence[LedgerPlan], latest: dict[str, ProgressReport]) -> list[list[Any]]:
    """The plan-level (section) targets first, then one row per task followed by one per target
    of that task; progress cells hold the latest report (re-importing an untouched sheet
    therefore adds nothing)."""
    rows: list[list[Any]] = []
    for plan in plans:
        task_ids = {t.id for t in plan.tasks}
        for target in (t for t in plan.targets if t.holder_id not in task_ids):
            rows.append(
                _row(
                    plan.id,
                    TARGET_ROW,
                    target.holder_code,
                    target.ordinal,
                    target.metric,
                    "",
                    target.value,
                    target.unit,
                    latest.get(target.id),
                )
            )
        for task in plan.tasks:
            rows.append(
                _row(
                    plan.id,
                    TASK_ROW,
                    task.code,
                    None,
                    task.title,
                    "、".join(task.office_owners),
                    None,
                    None,
                    latest.get(task.id),
                )
            )
            for target in (t for t in plan.targets if t.id in task.target_ids):
                rows.append(
                    _row(
                        plan.id,
                        TARGET_ROW,
                        task.code,
                        target.ordinal,
                        target.metric,
                        "、".join(task.office_owners),
                        target.value,
                        target.unit,
                        latest.get(target.id),
                    )
                )
    return rows


def _row(
    plan_id: str,
    kind: str,
    code: str,
    ordinal: int | None,
    content: str,
    owners: str,
    value: float | None,
    unit: str | None,
    report: ProgressReport | None,
) -> list[Any]:
    fixed: list[Any] = [plan_id, kind, code, ordinal, content, owners, _fmt(value), unit]
    if report is None:
        return fixed + [None] * len(PROGRESS)
    progress = [
        report.state,
        _fmt(report.value),
        report.as_of.isoformat(),
        report.note or None,
        report.office,
        report.evidence,
    ]
    return [*fixed, *progress]


def _same(found: Cell, expected: object) -> bool:
    if expected is None or expected == "":
        return found is None or str(found).strip() == ""
    if isinstance(expected, float | int) and isinstance(found, float | int):
        return abs(float(found) - float(expected)) < 1e-9
    return str(found if found is not None else "").strip() == str(expected).strip()


def _expected(plans: Sequence[LedgerPlan], cells: dict[str, Cell]) -> dict[str, object] | None:
    plan_id = str(cells.get("规划") or "").strip()
    plan = next((p for p in plans if p.id == plan_id), plans[0] if len(plans) == 1 else None)
    if plan is None:
        return None
    code = str(cells.get("任务编号") or "").strip()
    ordinal = cells.get("目标序号")
    if ordinal in (None, ""):
        task = plan.task_by_code(code)
        return {"类型": TASK_ROW, "内容": task.title, "目标值": None} if task else None
    try:
        target = plan.target_by_ref(code, int(float(str(ordinal))))
    except ValueError:
        return None
    if target is None:
        return None
    return {"类型": TARGET_ROW, "内容": target.metric, "目标值": _fmt(target.value)}


def read_sheet(data: bytes, name: str, plans: Sequence[LedgerPlan]) -> list[ReportInput]:
    """Every filled row of the progress sheet as an input, with the structural problems found."""
    from openpyxl import load_workbook  # imported when used
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise CorruptDocument(f"{name}: not a readable .xlsx ({type(exc).__name__})") from exc
    if SHEET not in book.sheetnames:
        raise ProgressDataError(
            f"{name}：没有“{SHEET}”工作表（请用 plankg export --format xlsx 生成）"
        )
    sheet = book[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ProgressDataError(f"{name}：“{SHEET}”工作表是空的")
    header = [str(c).strip() if c is not None else "" for c in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ProgressDataError(f"{name}：“{SHEET}”缺少列：{'、'.join(missing)}")
    index = {c: header.index(c) for c in COLUMNS}
    last = max(i for i, h in enumerate(header) if h) + 1
    inputs: list[ReportInput] = []
    for number, raw in enumerate(rows[1:], start=2):
        cells = {c: _cell(raw, i) for c, i in index.items()}
        if all(_blank(cells[c]) for c in PROGRESS):
            continue  # nothing reported on this row
        problems: list[str] = []
        extra = [i + 1 for i in range(last, len(raw)) if not _blank(_cell(raw, i))]
        if extra:
            problems.append(f"表头以外的第{'、'.join(map(str, extra))}列有内容")
        expected = _expected(plans, cells)
        if expected is not None:
            problems.extend(
                f"“{column}”列被改动（应为“{expected[column] if expected[column] is not None else ''}”）"
                for column in CHECKED
                if not _same(cells[column], expected[column])
            )
        ordinal = cells["目标序号"]
        try:
            target_ordinal = None if _blank(ordinal) else int(float(str(ordinal)))
        except ValueError:
            problems.append(f"目标序号不是数字：“{ordinal}”")
            target_ordinal = None
        inputs.append(
            ReportInput(
                where=f"{SHEET} 第{number}行",
                plan_id=str(cells["规划"]).strip() if not _blank(cells["规划"]) else None,
                task_code=str(cells["任务编号"] or "").strip(),
                target_ordinal=target_ordinal,
                value=cells["完成值"],
                state=cells["进展状态"],
                as_of=cells["进展日期"],
                note=cells["进展说明"],
                office=cells["填报科室"],
                evidence=cells["佐证材料"],
                problems=tuple(problems),
            )
        )
    return inputs


def _cell(raw: Sequence[Any], i: int) -> Cell:
    value = raw[i] if i < len(raw) else None
    if isinstance(value, datetime | date | str | int | float) or value is None:
        return value
    return str(value)


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheet_file(path: Path, plans: Sequence[LedgerPlan]) -> list[ReportInput]:
    return read_sheet(path.read_bytes(), path.name, plans)
