"""JSON, GraphML, CSV and XLSX exports, read back and compared with the graph."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import openpyxl
import pytest
from store_plans import digital_plan, green_plan

from plankg.errors import InputError
from plankg.i18n import term
from plankg.outputs.exports import (
    COVER_SHEET,
    GAPS_SHEET,
    LEDGER_SHEET,
    MATRIX_KEY_COLUMNS,
    MATRIX_SHEET,
    TARGETS_SHEET,
    write_export,
)
from plankg.store import export_graph, load_plan


@pytest.fixture
def loaded(store):
    load_plan(store, digital_plan())
    load_plan(store, green_plan())
    return store


def test_json_is_export_graph(loaded, tmp_path):
    path = write_export(loaded, "json", tmp_path / "g.json")
    assert json.loads(path.read_text("utf-8")) == json.loads(
        json.dumps(export_graph(loaded), ensure_ascii=False)
    )


def test_graphml_round_trips_with_list_properties(loaded, tmp_path):
    write_export(loaded, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    export = export_graph(loaded)
    assert graph.number_of_nodes() == len(export["nodes"])
    assert graph.number_of_edges() == len(export["edges"])
    office = graph.nodes["德州市工业和信息化局/原材料工业科"]
    assert json.loads(office["aliases"]) == ["原材料科"]


@pytest.mark.parametrize("name", ["csvdir", "g.zip"])
def test_csv_folder_or_zip(loaded, tmp_path, name):
    target = tmp_path / name
    write_export(loaded, "csv", target)
    if target.suffix == ".zip":
        with zipfile.ZipFile(target) as archive:
            texts = {n: archive.read(n).decode("utf-8-sig") for n in archive.namelist()}
    else:
        texts = {p.name: p.read_text("utf-8-sig") for p in target.iterdir()}
    nodes = list(csv.DictReader(io.StringIO(texts["nodes.csv"])))
    edges = list(csv.DictReader(io.StringIO(texts["edges.csv"])))
    export = export_graph(loaded)
    assert len(nodes) == len(export["nodes"]) and len(edges) == len(export["edges"])
    assert {"id", "label", "name"} <= set(nodes[0]) and edges[0].keys() >= {"source", "type"}
    assert any(n["name"] == "有色金属产业" for n in nodes)


def matrix_cells(path) -> dict[tuple[str, str, str], str]:
    sheet = openpyxl.load_workbook(path)[MATRIX_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    owners = rows[0][len(MATRIX_KEY_COLUMNS) :]
    return {
        (row[0], row[1], owner): cell
        for row in rows[1:-1]  # the last row holds the totals
        for owner, cell in zip(owners, row[len(MATRIX_KEY_COLUMNS) :], strict=True)
        if cell
    }


def expected_cells(export) -> dict[tuple[str, str, str], str]:
    nodes = {n["id"]: n for n in export["nodes"]}
    cells: dict[tuple[str, str, str], set[str]] = {}
    for edge in export["edges"]:
        if edge["type"] == "RESPONSIBLE_FOR":
            holder, owner = nodes[edge["target"]], nodes[edge["source"]]
            key = (
                holder["properties"]["plan_id"],
                holder["properties"]["code"],
                owner["properties"]["name"],
            )
            cells.setdefault(key, set()).add(term("role", edge["properties"]["role"]))
    return {k: "/".join(sorted(v)) for k, v in cells.items()}


@pytest.mark.parametrize("plans", [["digital", "green"], ["sample"]])
def test_xlsx_matrix_equals_responsible_for_edges(request, tmp_path, plans):
    store = request.getfixturevalue("sample_store" if plans == ["sample"] else "loaded")
    path = write_export(store, "xlsx", tmp_path / "ledger.xlsx")
    assert matrix_cells(path) == expected_cells(export_graph(store))


def test_xlsx_ledger_gaps_and_layout(loaded, tmp_path):
    path = write_export(loaded, "xlsx", tmp_path / "ledger.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:5] == [
        COVER_SHEET,
        MATRIX_SHEET,
        LEDGER_SHEET,
        GAPS_SHEET,
        TARGETS_SHEET,
    ]
    assert book[MATRIX_SHEET].freeze_panes == "D2" and book[LEDGER_SHEET].freeze_panes == "A2"
    assert [c.value for c in book[LEDGER_SHEET][1]][:5] == [
        "计划",
        "编号",
        "任务",
        "责任单位",
        "责任方式",
    ]
    ledger = {
        row[1]: row
        for row in book[LEDGER_SHEET].iter_rows(min_row=2, values_only=True)
        if row[0] == "德工信发〔2024〕12号"
    }
    assert ledger["1.2.1"][3:5] == ("原材料工业科、运行监测协调科", "牵头、配合")
    assert ledger["1.1.1"][5] == "500万元以上技改项目: 300个"
    # as the plan writes it, with the relation in words (no stored code such as "support")
    assert ledger["1.2.2"][6] == f"市发展改革委（{term('relation', 'support')}）"
    gap_types = {row[0] for row in book[GAPS_SHEET].iter_rows(min_row=2, values_only=True)}
    assert {
        term("gap_type", "collective_owner"),
        term("gap_type", "shared_without_lead"),
    } <= gap_types
    assert book[MATRIX_SHEET].column_dimensions["C"].width > 10


def test_unknown_format(loaded, tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        write_export(loaded, "yaml", tmp_path / "g.yaml")


def test_xlsx_cover_targets_colours_totals_and_filter(loaded, tmp_path):
    book = openpyxl.load_workbook(write_export(loaded, "xlsx", tmp_path / "b.xlsx"))
    cover = {row[0]: row[1] for row in book[COVER_SHEET].iter_rows(values_only=True) if row[0]}
    plans = [n["properties"] for n in export_graph(loaded)["nodes"] if n["label"] == "Plan"]
    assert cover["文号"] in {p["doc_no"] for p in plans}
    assert cover["发文机关"]
    targets = list(book[TARGETS_SHEET].iter_rows(values_only=True))
    assert targets[0][:4] == ("计划", "所属任务或章节", "指标", "数值或区间")
    assert any(row[2] == "500万元以上技改项目" and row[3] == "300" for row in targets[1:])
    matrix = book[MATRIX_SHEET]
    assert matrix.auto_filter.ref.startswith("A1:")
    rows = list(matrix.iter_rows(values_only=True))
    assert rows[-1][0] == "合计"
    owners = len(rows[0]) - len(MATRIX_KEY_COLUMNS)
    for index in range(owners):
        column = [r[len(MATRIX_KEY_COLUMNS) + index] for r in rows[1:-1]]
        assert rows[-1][len(MATRIX_KEY_COLUMNS) + index] == sum(1 for c in column if c)
    coloured = [
        cell
        for row in matrix.iter_rows(min_row=2, max_row=matrix.max_row - 1)
        for cell in row[len(MATRIX_KEY_COLUMNS) :]
        if cell.value
    ]
    assert coloured and all(
        cell.fill.fgColor.rgb.endswith(("BFE3C0", "FCD5A8", "A9CFE8", "DCD6EF", "E3E3E3"))
        for cell in coloured
    )


def test_xlsx_in_english_on_request(loaded, tmp_path):
    book = openpyxl.load_workbook(write_export(loaded, "xlsx", tmp_path / "e.xlsx", lang="en"))
    assert [c.value for c in book[LEDGER_SHEET][1]][:3] == ["plan", "code", "task"]
    assert rows_with(book[MATRIX_SHEET], "lead")


def rows_with(sheet, word: str) -> list:
    return [row for row in sheet.iter_rows(values_only=True) if word in row]
