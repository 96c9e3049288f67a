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
from plankg.outputs.exports import (
    GAPS_SHEET,
    LEDGER_SHEET,
    MATRIX_KEY_COLUMNS,
    MATRIX_SHEET,
    ROLE_LETTERS,
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
        for row in rows[1:]
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
            cells.setdefault(key, set()).add(ROLE_LETTERS[edge["properties"]["role"]])
    return {k: "/".join(sorted(v)) for k, v in cells.items()}


@pytest.mark.parametrize("plans", [["digital", "green"], ["sample"]])
def test_xlsx_matrix_equals_responsible_for_edges(request, tmp_path, plans):
    store = request.getfixturevalue("sample_store" if plans == ["sample"] else "loaded")
    path = write_export(store, "xlsx", tmp_path / "ledger.xlsx")
    assert matrix_cells(path) == expected_cells(export_graph(store))


def test_xlsx_ledger_gaps_and_layout(loaded, tmp_path):
    path = write_export(loaded, "xlsx", tmp_path / "ledger.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == [MATRIX_SHEET, LEDGER_SHEET, GAPS_SHEET]
    assert book[MATRIX_SHEET].freeze_panes == "D2" and book[LEDGER_SHEET].freeze_panes == "A2"
    ledger = {
        row[1]: row
        for row in book[LEDGER_SHEET].iter_rows(min_row=2, values_only=True)
        if row[0] == "德工信发〔2024〕12号"
    }
    assert ledger["1.2.1"][3:5] == ("原材料工业科、运行监测协调科", "lead、support")
    assert ledger["1.1.1"][5] == "500万元以上技改项目: 300个"
    assert "市发展改革委" in ledger["1.2.2"][6]
    gap_types = {row[0] for row in book[GAPS_SHEET].iter_rows(min_row=2, values_only=True)}
    assert {"collective_owner", "shared_without_lead"} <= gap_types
    assert book[MATRIX_SHEET].column_dimensions["C"].width > 10


def test_unknown_format(loaded, tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        write_export(loaded, "yaml", tmp_path / "g.yaml")
