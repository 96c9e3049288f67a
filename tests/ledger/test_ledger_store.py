"""The ledger on a real store holding the sample: the Excel round trip (a bad row refused with
its row number and nothing loaded; fixed, it loads once), the status lights as of 2024-06-30
checked by hand, the dispatch report read back, and a plan revision that keeps every report."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from plankg import writes
from plankg.analysis.ledger import dispatch, status, stored_reports
from plankg.errors import ProgressDataError
from plankg.ingest import ingest_bytes, sample_path
from plankg.ledger.dispatch import HEADINGS
from plankg.ledger.sheet import COLUMNS, SHEET
from plankg.outputs.dispatch import write_docx
from plankg.outputs.exports import write_xlsx
from plankg.store.load import load_plan

AS_OF = date(2024, 6, 30)  # 2023-2025: 547 of 1096 days gone, a time share of 49.9%

# What the offices wrote: (task code, target ordinal or None) -> progress cells. 原材料科 is the
# short name the plan itself also uses for 原材料产业科.
FILLED = {
    ("3.1", None): ("已完成", None, "2024-06-20", "已完成认定", "科技科", "认定通知（示例）"),
    ("3.1", 1): (None, 15, "2024-06-20", "", "科技科", None),
    ("3.2", None): ("推进中", None, "2024-06-25", "", "创新创业指导科", None),
    ("3.2", 1): (None, 600, "2024-06-25", "入库600家", "创新创业指导科", "培育库名单"),
    ("4.1.1", 2): (None, 70, "2024-06-28", "", "原材料科", None),
    ("4.1.2", None): ("推进中", None, "2024-06-28", "", "化专办", None),
    ("4.1.2", 1): (None, 40, "2024-06-28", "", "化专办", "统计月报"),
    ("4.9", 1): (None, 6000, "2024-06-30", "", "工业互联网科", None),
    ("4.5", None): ("推进中", None, "2024-03-01", "", "科技科", None),
}
BAD_ROW = ("4.4", 1), (None, "约20", "2024-06-30", "", "绿色发展推进科", None)


def exported(store, tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    write_xlsx(store, path)
    return path


def fill(path: Path, cells: dict) -> tuple[bytes, dict]:
    """The workbook with the offices' cells written in; also the row number of each key."""
    book = load_workbook(path)
    sheet = book[SHEET]
    header = [c.value for c in sheet[1]]
    assert header == list(COLUMNS)
    rows = {}
    for row in sheet.iter_rows(min_row=2):
        key = (row[2].value, row[3].value)
        if key in cells:
            rows[key] = row[0].row
            for offset, value in enumerate(cells[key]):
                row[8 + offset].value = value
    assert rows.keys() == cells.keys()
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue(), rows


def progress_count(store) -> int:
    stored = stored_reports(store)
    return len(stored.attached) + len(stored.orphaned)


def load_filled(store, tmp_path: Path) -> None:
    data, _ = fill(exported(store, tmp_path), FILLED)
    writes.import_ledger(store, data, "台账.xlsx")


def test_bad_row_refused_with_its_number_then_the_fixed_file_loads_once(ledger_store, tmp_path):
    path = exported(ledger_store, tmp_path)
    data, rows = fill(path, {**FILLED, BAD_ROW[0]: BAD_ROW[1]})
    with pytest.raises(ProgressDataError) as caught:
        writes.import_ledger(ledger_store, data, "台账.xlsx")
    assert caught.value.problems == [f"{SHEET} 第{rows[BAD_ROW[0]]}行：完成值不是数字：“约20”"]
    assert progress_count(ledger_store) == 0

    fixed, _ = fill(path, FILLED)
    first = writes.import_ledger(ledger_store, fixed, "台账.xlsx")
    assert (first.received, first.added) == (len(FILLED), len(FILLED))
    again = writes.import_ledger(ledger_store, fixed, "台账.xlsx")
    assert (again.added, again.already_stored) == (0, len(FILLED))
    assert progress_count(ledger_store) == len(FILLED)
    offices = {r.office for r in stored_reports(ledger_store).attached}
    assert "原材料产业科" in offices and "原材料科" not in offices


def test_the_export_carries_the_reports_and_reimports_to_nothing_new(ledger_store, tmp_path):
    load_filled(ledger_store, tmp_path)
    second = tmp_path / "second.xlsx"
    write_xlsx(ledger_store, second)
    report = writes.import_ledger(ledger_store, second.read_bytes(), "second.xlsx")
    assert (report.received, report.added) == (len(FILLED), 0)


def test_edited_fixed_column_and_text_outside_the_columns_are_refused(ledger_store, tmp_path):
    path = exported(ledger_store, tmp_path)
    book = load_workbook(path)
    sheet = book[SHEET]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "3.1" and r[3].value is None)
    row[4].value = "改过的任务名"
    row[8].value = "推进中"
    row[10].value = "2024-06-30"
    sheet.cell(row=row[0].row, column=len(COLUMNS) + 2).value = "多写的"
    buffer = BytesIO()
    book.save(buffer)
    with pytest.raises(ProgressDataError) as caught:
        writes.import_ledger(ledger_store, buffer.getvalue(), "台账.xlsx")
    (problem,) = caught.value.problems
    assert f"第{row[0].row}行" in problem
    assert "“内容”列被改动" in problem and f"第{len(COLUMNS) + 2}列有内容" in problem


def test_status_as_of_mid_2024_matches_the_rules_by_hand(ledger_store, tmp_path):
    load_filled(ledger_store, tmp_path)
    result = status(ledger_store, AS_OF)
    targets = {(g.target.holder_code, g.target.ordinal): g for g in result.targets}
    tasks = {t.task.code: t for t in result.tasks}
    # 600/2000 = 30% and 40/120 = 33%: more than 10 points under 49.9% -> 滞后
    assert targets[("3.2", 1)].light == "红" and targets[("3.2", 1)].behind
    assert targets[("4.1.2", 1)].light == "红"
    # 6000/13000 = 46%: under the time share, within the tolerance -> 黄
    assert targets[("4.9", 1)].light == "黄"
    # 70/80 = 88% and 15/15 -> 绿
    assert targets[("4.1.1", 2)].light == "绿" and targets[("3.1", 1)].light == "绿"
    assert targets[("4.4", 1)].light == "黄"  # nothing reported
    assert tasks["3.1"].light == "绿" and tasks["3.1"].done
    assert tasks["3.2"].light == "黄" and tasks["3.2"].rules[0].code == "target_behind"
    assert tasks["4.1.2"].light == "黄"
    assert tasks["4.5"].light == "黄" and tasks["4.5"].rules[0].code == "stale"  # 121 days
    assert tasks["4.1.1"].light == "绿"  # its target's report is news of the task
    assert tasks["3.2"].silent_owners == ("产业政策科",)
    assert not [t for t in result.tasks if t.light == "红"]  # no deadline before 2025 has passed
    assert {t.task.code for t in status(ledger_store, AS_OF, light="黄").tasks} >= {"3.2", "4.5"}
    only = status(ledger_store, AS_OF, offices=["化专办"])
    assert "4.1.2" in {t.task.code for t in only.tasks}
    assert all("化专办" in t.task.office_owners for t in only.tasks)


def test_dispatch_docx_reads_back_with_exactly_the_late_items(ledger_store, tmp_path):
    load_filled(ledger_store, tmp_path)
    report = dispatch(ledger_store, AS_OF)
    path = write_docx(report, tmp_path / "通报.docx")
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == list(HEADINGS.values())
    late_heading = next(p for p in doc.paragraphs if p.text == HEADINGS["late"])
    assert late_heading is not None
    late_table = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "类型" and "滞后" in t.rows[1].cells[5].text
    )
    late_codes = {row.cells[1].text for row in late_table.rows[1:]}
    assert late_codes == {"3.2-1", "4.1.2-1"}
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "培育库名单" in text and "统计月报" in text  # the evidence offices cited
    shared = next(
        t for t in doc.tables if t.rows[0].cells[0].text == "编号" and len(t.columns) == 4
    )
    assert any(r.cells[0].text == "3.2" and r.cells[3].text == "产业政策科" for r in shared.rows)


def test_a_revised_plan_keeps_every_report(ledger_store, tmp_path, sample_plan):
    """The revision drops 3.1 and renumbers the two tasks after it (3.2 -> 3.1, 3.3 -> 3.2)."""
    load_filled(ledger_store, tmp_path)
    text = sample_path().read_text(encoding="utf-8")
    dropped = next(
        line for line in text.splitlines() if line.startswith("（一）加快科技创新平台建设")
    )
    revised = (
        text.replace(dropped + "\n", "")
        .replace("（二）加强科技型企业梯度培育", "（一）加强科技型企业梯度培育")
        .replace("（三）加大创新人才支撑力度", "（二）加大创新人才支撑力度")
    )
    plan = ingest_bytes(revised.encode("utf-8"), "revised.txt")
    assert plan.id == sample_plan.id
    assert next(t for t in plan.tasks if t.code == "3.1").title == "加强科技型企业梯度培育"
    before = progress_count(ledger_store)
    outcome = load_plan(ledger_store, plan)
    assert outcome.replaced
    stored = stored_reports(ledger_store)
    assert len(stored.attached) + len(stored.orphaned) == before  # nothing deleted
    # 3.1's own report and its target's: the task is gone, so they are orphaned
    assert sorted((r.task_code, r.subject_kind) for r in stored.orphaned) == [
        ("3.1", "target"),
        ("3.1", "task"),
    ]
    assert len(outcome.progress_orphaned) == 2
    assert outcome.progress_kept == len(FILLED) - 2
    # what was reported on 3.2 now hangs on 3.1, the same text under its new code
    moved = {r.subject_id for r in stored.attached if r.task_code == "3.2"}
    assert moved == {f"{plan.id}#3.1", f"{plan.id}#3.1#t1"}
    result = status(ledger_store, AS_OF)
    renumbered = next(t for t in result.tasks if t.task.code == "3.1")
    assert renumbered.light == "黄" and renumbered.rules[0].code == "target_behind"
    assert {r.task_code for r in dispatch(ledger_store, AS_OF).orphaned} == {"3.1"}
