"""The ledger commands on the embedded store: import refused then accepted, status, the dispatch
report in its three formats."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from plankg.cli import app
from plankg.ingest import sample_path
from plankg.ledger.dispatch import HEADINGS
from tests.ledger.test_ledger_store import BAD_ROW, FILLED, fill


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_ledger_commands_end_to_end(tmp_path: Path):
    db = tmp_path / "cli.lbdb"
    assert run("ingest", sample_path(), "--db", db).exit_code == 0
    assert (
        run("export", "--format", "xlsx", "-o", tmp_path / "plan.xlsx", "--db", db).exit_code == 0
    )
    bad, rows = fill(tmp_path / "plan.xlsx", {**FILLED, BAD_ROW[0]: BAD_ROW[1]})
    (tmp_path / "bad.xlsx").write_bytes(bad)
    refused = run("progress", "import", tmp_path / "bad.xlsx", "--db", db)
    assert refused.exit_code == 2
    assert f"进展台账 第{rows[BAD_ROW[0]]}行：完成值不是数字" in refused.output
    good, _ = fill(tmp_path / "plan.xlsx", FILLED)
    (tmp_path / "good.xlsx").write_bytes(good)
    loaded = run("progress", "import", tmp_path / "good.xlsx", "--db", db)
    assert loaded.exit_code == 0 and f"新增{len(FILLED)}条" in loaded.output
    added = run("progress", "add", "4.5", "--state", "推进中", "--date", "2024-06-30", "--db", db)
    assert added.exit_code == 0 and "新增1条" in added.output
    unknown = run("progress", "add", "9.9", "--state", "推进中", "--date", "2024-06-30", "--db", db)
    assert unknown.exit_code == 2 and "未知任务“9.9”" in unknown.output

    red = run("status", "--as-of", "2024-06-30", "--light", "红", "--json", "--db", db)
    assert red.exit_code == 0
    assert '"light": "红"' in red.output and '"light": "绿"' not in red.output
    by_office = run("status", "--as-of", "2024-06-30", "--by", "office", "--db", db)
    assert by_office.exit_code == 0 and "化专办" in by_office.output
    assert run("status", "--as-of", "30/06/2024", "--db", db).exit_code == 2

    docx_path = tmp_path / "通报.docx"
    assert (
        run("report", "dispatch", "--as-of", "2024-06-30", "-o", docx_path, "--db", db).exit_code
        == 0
    )
    headings = [p.text for p in Document(str(docx_path)).paragraphs if p.style.name == "Heading 1"]
    assert headings == list(HEADINGS.values())
    html_path = tmp_path / "通报.html"
    assert (
        run("report", "dispatch", "--as-of", "2024-06-30", "-o", html_path, "--db", db).exit_code
        == 0
    )
    html = html_path.read_text(encoding="utf-8")
    assert all(h in html for h in HEADINGS.values())
    assert "http://" not in html and "https://" not in html
    xlsx_path = tmp_path / "merged.xlsx"
    done = run(
        "report",
        "dispatch",
        "--as-of",
        "2024-06-30",
        "--format",
        "xlsx",
        "-o",
        xlsx_path,
        "--db",
        db,
    )
    assert done.exit_code == 0
    book = load_workbook(xlsx_path)
    assert {"汇总", "分科室", "滞后事项", "风险事项", "共同任务", "进展台账"} <= set(
        book.sheetnames
    )
    late = [r for r in book["滞后事项"].iter_rows(min_row=2, values_only=True)]
    assert {r[1] for r in late} == {"3.2-1", "4.1.2-1"}
    # the merged ledger is importable as it stands and adds nothing
    again = run("progress", "import", xlsx_path, "--db", db)
    assert again.exit_code == 0 and "新增0条" in again.output
