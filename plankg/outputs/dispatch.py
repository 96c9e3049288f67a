"""The dispatch report (调度通报) rendered: Word (python-docx), a self-contained HTML page and an
Excel workbook. All three show the same :class:`~plankg.ledger.dispatch.DispatchReport`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from plankg.analysis.ledger import dispatch, latest_reports, ledger_plans, stored_reports
from plankg.errors import UnsupportedFormat
from plankg.ledger.dispatch import HEADINGS, DispatchReport, ItemLine
from plankg.ledger.sheet import COLUMNS, SHEET, sheet_rows
from plankg.ledger.status import DEFAULT_RULES, LedgerRules
from plankg.store.protocol import GraphStore

OFFICE_COLUMNS = ("编号", "任务", "职责", "灯号", "最近报告", "依据")
ITEM_COLUMNS = (
    "类型",
    "编号",
    "事项",
    "责任科室",
    "灯号",
    "原因",
    "最近报告",
    "佐证材料",
    "规划原文",
)
SHARED_COLUMNS = ("编号", "任务", "已填报", "未填报")
ORPHAN_COLUMNS = ("原任务编号", "日期", "填报科室", "状态", "完成值", "说明")
LIGHT_COLOURS = {"红": "F4B6B6", "黄": "FCE8A6", "绿": "C8E6C9"}


def _totals_line(report: DispatchReport, office: str) -> str:
    section = next(s for s in report.offices if s.office == office)
    t = section.totals
    return (
        f"共{t.tasks}项：已完成{t.done}项，正常{t.on_track}项，风险{t.at_risk}项，滞后{t.late}项；"
        f"目标{t.targets}项，滞后{t.targets_behind}项。"
    )


def _item_cells(item: ItemLine) -> list[str]:
    return [
        item.kind,
        item.code,
        item.title,
        item.offices,
        item.light,
        item.reason,
        item.last_report,
        item.report_evidence,
        item.plan_evidence,
    ]


def _tables(report: DispatchReport) -> list[tuple[str, str, Sequence[str], list[list[str]]]]:
    """(heading key, sub-heading, columns, rows) in reading order, for every renderer."""
    out: list[tuple[str, str, Sequence[str], list[list[str]]]] = []
    for section in report.offices:
        rows = [
            [line.code, line.title, line.role, line.light, line.last_report, line.reason]
            for line in section.lines
        ]
        out.append(("offices", section.office, OFFICE_COLUMNS, rows))
    out.append(("late", "", ITEM_COLUMNS, [_item_cells(i) for i in report.late]))
    out.append(("at_risk", "", ITEM_COLUMNS, [_item_cells(i) for i in report.at_risk]))
    out.append(
        (
            "shared",
            "",
            SHARED_COLUMNS,
            [[s.code, s.title, s.reported, s.silent] for s in report.shared],
        )
    )
    out.append(
        (
            "orphaned",
            "",
            ORPHAN_COLUMNS,
            [
                [
                    r.task_code,
                    r.as_of.isoformat(),
                    r.office,
                    r.state or "",
                    "" if r.value is None else f"{r.value:g}",
                    r.note,
                ]
                for r in report.orphaned
            ],
        )
    )
    return out


def write_docx(report: DispatchReport, path: Path) -> Path:
    from docx import Document  # imported when used: CLI start-up stays light
    from docx.shared import Pt

    doc = Document()
    style: Any = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(f"截至{report.as_of.isoformat()}")
    doc.add_heading(HEADINGS["summary"], level=1)
    for line in report.summary_lines():
        doc.add_paragraph(line)
    current = ""
    for key, sub, columns, rows in _tables(report):
        if key != current:
            doc.add_heading(HEADINGS[key], level=1)
            current = key
        if sub:
            doc.add_heading(sub, level=2)
            doc.add_paragraph(_totals_line(report, sub))
        if not rows:
            doc.add_paragraph("无。")
            continue
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, columns, strict=True):
            cell.text = name
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
    doc.save(str(path))
    return path


_CSS = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}"
    "th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;font-size:14px}"
    "th{background:#eee}.红{background:#f4b6b6}.黄{background:#fce8a6}.绿{background:#c8e6c9}"
)


def render_html(report: DispatchReport) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(report.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(report.title)}</h1><p>截至{report.as_of.isoformat()}</p>",
        f"<h2>{HEADINGS['summary']}</h2>",
        *(f"<p>{escape(line)}</p>" for line in report.summary_lines()),
    ]
    current = ""
    for key, sub, columns, rows in _tables(report):
        if key != current:
            parts.append(f"<h2>{HEADINGS[key]}</h2>")
            current = key
        if sub:
            parts.append(f"<h3>{escape(sub)}</h3><p>{escape(_totals_line(report, sub))}</p>")
        if not rows:
            parts.append("<p>无。</p>")
            continue
        light_at = columns.index("灯号") if "灯号" in columns else -1
        head = "".join(f"<th>{escape(c)}</th>" for c in columns)
        body = "".join(
            "<tr>"
            + "".join(
                f'<td class="{escape(v)}">{escape(v)}</td>'
                if i == light_at
                else f"<td>{escape(v)}</td>"
                for i, v in enumerate(row)
            )
            + "</tr>"
            for row in rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html(report: DispatchReport, path: Path) -> Path:
    path.write_text(render_html(report), encoding="utf-8")
    return path


def fill_sheet(sheet: Any, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Header in bold, frozen; a 灯号 column coloured by its light."""
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    light_at = columns.index("灯号") if "灯号" in columns else -1
    for row in rows:
        sheet.append(list(row))
        if light_at >= 0:
            cell = sheet.cell(row=sheet.max_row, column=light_at + 1)
            colour = LIGHT_COLOURS.get(str(cell.value))
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)
    for index, name in enumerate(columns, start=1):
        width = max([len(str(name)), *[len(str(r[index - 1] or "")) for r in rows[:200]]]) + 2
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
            60, max(8, width)
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def dispatch_workbook(report: DispatchReport) -> Any:
    """The report's sheets in a new openpyxl ``Workbook``."""
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append([report.title])
    summary.append([f"截至{report.as_of.isoformat()}"])
    for line in report.summary_lines():
        summary.append([line])
    fill_sheet(
        book.create_sheet("分科室"),
        ("科室", *OFFICE_COLUMNS),
        [
            [s.office, line.code, line.title, line.role, line.light, line.last_report, line.reason]
            for s in report.offices
            for line in s.lines
        ],
    )
    for key, sheet_name in (("late", "滞后事项"), ("at_risk", "风险事项")):
        items = report.late if key == "late" else report.at_risk
        fill_sheet(book.create_sheet(sheet_name), ITEM_COLUMNS, [_item_cells(i) for i in items])
    fill_sheet(
        book.create_sheet("共同任务"),
        SHARED_COLUMNS,
        [[s.code, s.title, s.reported, s.silent] for s in report.shared],
    )
    return book


def add_progress_sheet(
    book: Any, store: GraphStore, *, plan_id: str | None = None, as_of: date | None = None
) -> None:
    """The 进展台账 sheet (tasks and targets with their latest report, as of a date when given):
    the sheet offices fill in and ``plankg progress import`` reads back."""
    plans = ledger_plans(store, plan_id)
    reports = stored_reports(store, plan_id).attached
    if as_of is not None:
        reports = [r for r in reports if r.as_of <= as_of]
    fill_sheet(book.create_sheet(SHEET), COLUMNS, sheet_rows(plans, latest_reports(reports)))


def write_dispatch(
    store: GraphStore,
    as_of: date,
    fmt: str,
    path: Path,
    *,
    rules: LedgerRules = DEFAULT_RULES,
    plan_id: str | None = None,
) -> Path:
    """The dispatch report as of ``as_of`` in ``fmt`` (docx | html | xlsx) at ``path``."""
    report = dispatch(store, as_of, rules=rules, plan_id=plan_id)
    if fmt == "docx":
        return write_docx(report, path)
    if fmt == "html":
        return write_html(report, path)
    if fmt == "xlsx":
        book = dispatch_workbook(report)
        add_progress_sheet(book, store, plan_id=plan_id, as_of=as_of)
        book.save(str(path))
        return path
    raise UnsupportedFormat(f"{path.name}: unsupported format ({fmt}); supported: docx, html, xlsx")
