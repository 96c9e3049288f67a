"""Files a planner or another tool can take away: JSON, GraphML, CSV (folder or zip) and an Excel
workbook with the responsibility matrix and the task ledger.

Everything is built from :func:`export_graph` and its networkx projection, so both stores export
alike. Chinese text is written as is (UTF-8; CSV with a BOM so spreadsheet programs detect it).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import pandas as pd

from plankg.analysis.gaps import Gap, find_gaps
from plankg.analysis.projection import OWNER_LABELS, display_name, graph_from_export, plan_subgraph
from plankg.codes import code_key
from plankg.errors import InputError
from plankg.i18n import Lang, message, term
from plankg.store.dump import export_graph
from plankg.store.protocol import GraphStore

ExportFormat = Literal["json", "graphml", "csv", "xlsx"]
FORMATS: tuple[str, ...] = ("json", "graphml", "csv", "xlsx")

ROLE_LETTERS = {"sole": "S", "each": "E", "lead": "L", "support": "Sp", "collective": "C"}
ROLE_LEGEND = {
    "sole": ("独立负责", "one office alone (A负责)"),
    "each": ("分别负责", "shared, nobody leads (A、B分别负责)"),
    "lead": ("牵头", "leads (A牵头)"),
    "support": ("配合", "supports the lead (B配合)"),
    "collective": ("集体负责", "a group word, nobody in particular (各产业科室)"),
}
MATRIX_SHEET, LEDGER_SHEET, LEGEND_SHEET, GAPS_SHEET = (
    "责任矩阵",
    "任务台账",
    "图例 Legend",
    "协调缺口",
)
COVER_SHEET, TARGETS_SHEET = "封面", "目标"
# Cell fills of the matrix by role (light, so the black role word stays legible when printed).
ROLE_FILLS = {
    "sole": "BFE3C0",
    "each": "FCD5A8",
    "lead": "A9CFE8",
    "support": "DCD6EF",
    "collective": "E3E3E3",
}
TARGET_COLUMNS = [
    "plan",
    "holder",
    "metric",
    "value",
    "unit",
    "qualifiers",
    "year",
    "owners",
    "evidence",
]
# Column heads of the workbook in Chinese (the default) for the English keys the frames use.
HEADS_ZH = {
    "plan": "计划",
    "code": "编号",
    "task": "任务",
    "owners": "责任单位",
    "roles": "责任方式",
    "targets": "目标",
    "outside partners": "外部部门",
    "evidence": "原文依据",
    "type": "类型",
    "severity": "严重程度",
    "involves": "涉及",
    "explanation": "Explanation",
    "holder": "所属任务或章节",
    "metric": "指标",
    "value": "数值或区间",
    "unit": "单位",
    "qualifiers": "限定词",
    "year": "年份或期间",
}
MATRIX_KEY_COLUMNS = ["plan", "code", "task"]
LEDGER_COLUMNS = [
    "plan",
    "code",
    "task",
    "owners",
    "roles",
    "targets",
    "outside partners",
    "evidence",
]
GAP_COLUMNS = ["type", "severity", "plan", "involves", "说明", "explanation", "evidence"]


def write_json(store: GraphStore, path: Path) -> None:
    path.write_text(json.dumps(export_graph(store), ensure_ascii=False, indent=1), "utf-8")


def flat_value(value: Any) -> Any:
    """Lists and maps as JSON text, for formats that hold scalars only."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    return value


def graphml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GraphML can hold: list properties serialised, null properties left out. ``label``
    is the display name (what Gephi and yEd show on a node), the node's kind its own ``node_kind``."""
    ready = nx.MultiDiGraph()
    for key, data in graph.nodes(data=True):
        props = {k: flat_value(v) for k, v in data.items() if v is not None and k != "label"}
        ready.add_node(key, **props, node_kind=data["label"], label=display_name(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        ready.add_edge(
            source, target, key, **{k: flat_value(v) for k, v in data.items() if v is not None}
        )
    return ready


def write_graphml(store: GraphStore, path: Path) -> None:
    nx.write_graphml(graphml_ready(graph_from_export(export_graph(store))), path)


def csv_tables(export: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """``nodes.csv`` and ``edges.csv`` text: fixed columns first, then every property."""
    node_rows = [{"id": n["id"], "label": n["label"], **n["properties"]} for n in export["nodes"]]
    edge_rows = [
        {"source": e["source"], "target": e["target"], "type": e["type"], **e["properties"]}
        for e in export["edges"]
    ]
    return {
        "nodes.csv": _csv_text(node_rows, ["id", "label"]),
        "edges.csv": _csv_text(edge_rows, ["source", "target", "type"]),
    }


def _csv_text(rows: list[dict[str, Any]], first: list[str]) -> str:
    columns = list(first)
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: flat_value(v) for k, v in row.items()})
    return buffer.getvalue()


def write_csv(store: GraphStore, path: Path) -> None:
    """A ``.zip`` path gets an archive; any other path is a folder (created if needed)."""
    if path.suffix.lower() == ".csv":
        raise InputError(
            f"{path.name}: a CSV export is two files (nodes.csv and edges.csv); pass a folder "
            f"(-o {path.with_suffix('')}) or a zip (-o {path.with_suffix('.zip')})"
        )
    tables = csv_tables(export_graph(store))
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in tables.items():
                archive.writestr(name, "\ufeff" + text)
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (path / name).write_text(text, encoding="utf-8-sig")


def _holder_order(graph: nx.MultiDiGraph, holder: str) -> tuple[Any, ...]:
    data = graph.nodes[holder]
    return (data.get("plan_id") or "", code_key(data.get("code") or ""), holder)


def responsibilities(graph: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """(owner key, holder key, role) of every RESPONSIBLE_FOR edge, tasks and sections alike."""
    return [
        (s, t, d.get("role") or "")
        for s, t, d in graph.edges(data=True)
        if d["type"] == "RESPONSIBLE_FOR"
    ]


def responsibility_matrix(graph: nx.MultiDiGraph, lang: Lang = "zh") -> pd.DataFrame:
    """Every task (and every section that names owners) × every owner, cells with role names.

    Offices come first, the busiest leftmost, then collective words. A holder with no owner keeps
    its row (an empty row is itself a finding).
    """
    edges = responsibilities(graph)
    holders = {k for k, d in graph.nodes(data=True) if d["label"] == "Task"}
    holders |= {holder for _, holder, _ in edges}
    load: dict[str, int] = {}
    for owner, _, _ in edges:
        load[owner] = load.get(owner, 0) + 1
    owners = sorted(
        load,
        key=lambda o: (
            graph.nodes[o]["label"] != "Office",
            -load[o],
            graph.nodes[o].get("name") or o,
        ),
    )
    headers = _owner_headers(graph, owners)
    cells: dict[tuple[str, str], list[str]] = {}
    for owner, holder, role in edges:
        cells.setdefault((holder, owner), []).append(term("role", role, lang))
    rows = []
    for holder in sorted(holders, key=lambda h: _holder_order(graph, h)):
        data = graph.nodes[holder]
        row = {"plan": data.get("plan_id"), "code": data.get("code"), "task": data.get("title")}
        for owner in owners:
            row[headers[owner]] = "/".join(sorted(set(cells.get((holder, owner), []))))
        rows.append(row)
    return pd.DataFrame(rows, columns=[*MATRIX_KEY_COLUMNS, *(headers[o] for o in owners)])


def _owner_headers(graph: nx.MultiDiGraph, owners: list[str]) -> dict[str, str]:
    """Owner names as column heads; two offices of different issuers with one name get the
    issuer added so no column hides another."""
    names = [graph.nodes[o].get("name") or o for o in owners]
    headers = {}
    for owner, name in zip(owners, names, strict=True):
        issuer = graph.nodes[owner].get("issuer")
        headers[owner] = f"{name}（{issuer}）" if names.count(name) > 1 and issuer else name
    return headers


def _neighbours(
    graph: nx.MultiDiGraph, node: str, rel_type: str
) -> list[tuple[str, dict[str, Any]]]:
    return [(t, d) for _, t, d in graph.out_edges(node, data=True) if d["type"] == rel_type]


def _as_written(agency: dict[str, Any], edge: dict[str, Any]) -> str:
    """An outside department as the plan writes it, its canonical group after it when they
    differ: 市发展改革委〔发展改革部门〕."""
    group = display_name(agency)
    written = edge.get("raw") or group
    return written if written == group else f"{written}〔{group}〕"


def format_target(data: dict[str, Any], lang: Lang = "zh") -> str:
    """``metric: value unit (year)``, the raw phrase when there is no number."""
    if data.get("value") is None:
        vague = message("vague", lang)
        return f"{data.get('metric') or ''}: {data.get('evidence') or ''}（{vague}）"
    value = f"{data['value']:g}"
    if data.get("value_max") is not None:
        value += f"-{data['value_max']:g}"
    year = data.get("year") or data.get("period_end")
    return f"{data.get('metric') or ''}: {value}{data.get('unit') or ''}" + (
        f" ({year})" if year else ""
    )


def task_ledger(graph: nx.MultiDiGraph, lang: Lang = "zh") -> pd.DataFrame:
    """One row per task: owners with roles, targets, outside partners and the owning clause."""
    rows = []
    tasks = [k for k, d in graph.nodes(data=True) if d["label"] == "Task"]
    for task in sorted(tasks, key=lambda t: _holder_order(graph, t)):
        data = graph.nodes[task]
        owners = [
            (s, d)
            for s, _, d in graph.in_edges(task, data=True)
            if d["type"] == "RESPONSIBLE_FOR" and graph.nodes[s]["label"] in OWNER_LABELS
        ]
        owners.sort(key=lambda o: (o[1].get("ev_start") or 0, graph.nodes[o[0]].get("name") or ""))
        rows.append(
            {
                "plan": data.get("plan_id"),
                "code": data.get("code"),
                "task": data.get("title"),
                "owners": "、".join(graph.nodes[o].get("name") or o for o, _ in owners),
                "roles": "、".join(term("role", d.get("role"), lang) for _, d in owners),
                "targets": "\n".join(
                    format_target(graph.nodes[t], lang)
                    for t, _ in sorted(
                        _neighbours(graph, task, "HAS_TARGET"),
                        key=lambda t: graph.nodes[t[0]].get("ordinal") or 0,
                    )
                ),
                "outside partners": "\n".join(
                    sorted(  # one line per department and relation, however often it recurs
                        {
                            f"{_as_written(graph.nodes[a], d)}（{term('relation', d.get('relation'), lang)}）"
                            for a, d in _neighbours(graph, task, "INVOLVES")
                        }
                    )
                ),
                "evidence": "\n".join(dict.fromkeys(d.get("evidence") or "" for _, d in owners)),
            }
        )
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def legend_rows() -> list[list[str]]:
    return [["letter", "role", "角色", "meaning"]] + [
        [ROLE_LETTERS[role], role, zh, en] for role, (zh, en) in ROLE_LEGEND.items()
    ]


def gaps_frame(gaps: list[Gap], lang: Lang | None = None) -> pd.DataFrame:
    """One row per coordination gap, with the sentences it was found in; type and severity as
    codes, or as names in ``lang``."""
    rows = [
        {
            "type": term("gap_type", gap.type, lang) if lang else gap.type,
            "severity": term("severity", gap.severity, lang) if lang else gap.severity,
            "plan": gap.plan_id,
            "involves": "、".join(node.name_zh for node in gap.nodes),
            "说明": gap.explanation_zh,
            "explanation": gap.explanation_en,
            "evidence": "\n".join(
                (f"{ev.task_code}: " if ev.task_code else "") + ev.phrase for ev in gap.evidence
            ),
        }
        for gap in gaps
    ]
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def targets_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per target: metric, value or range, unit, qualifiers (每年/新增/左右/以上/累计),
    year or period, the offices carrying its task and the phrase it was read from."""
    rows = []
    targets = [k for k, d in graph.nodes(data=True) if d["label"] == "Target"]
    for target in targets:
        data = graph.nodes[target]
        holders = [s for s, _, d in graph.in_edges(target, data=True) if d["type"] == "HAS_TARGET"]
        holder = holders[0] if holders else None
        owners = (
            [
                graph.nodes[s].get("name") or s
                for s, _, d in graph.in_edges(holder, data=True)
                if d["type"] == "RESPONSIBLE_FOR"
            ]
            if holder
            else []
        )
        value = None if data.get("value") is None else f"{data['value']:g}"
        if value is not None and data.get("value_max") is not None:
            value += f"–{data['value_max']:g}"
        year = data.get("year")
        period = (
            f"{data['period_start']}–{data['period_end']}"
            if data.get("period_start") and data.get("period_end")
            else None
        )
        rows.append(
            {
                "plan": data.get("plan_id"),
                "holder": display_name(graph.nodes[holder]) if holder else None,
                "metric": data.get("metric"),
                "value": value or data.get("raw_value"),
                "unit": data.get("unit"),
                "qualifiers": "、".join(data.get("qualifiers") or []),
                "year": str(year) if year else period,
                "owners": "、".join(sorted(set(owners))),
                "evidence": data.get("evidence"),
                "_order": _holder_order(graph, holder) if holder else ("", (), ""),
                "_ordinal": data.get("ordinal") or 0,
            }
        )
    rows.sort(key=lambda r: (r["_order"], r["_ordinal"]))
    return pd.DataFrame(
        [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
        columns=TARGET_COLUMNS,
    )


def cover_rows(graph: nx.MultiDiGraph, lang: Lang) -> list[list[Any]]:
    """The cover sheet: each plan's header and the size of its ledger, then the role legend."""
    zh = lang == "zh"
    rows: list[list[Any]] = []
    plans = sorted(
        (d for _, d in graph.nodes(data=True) if d["label"] == "Plan"),
        key=lambda d: d.get("id") or "",
    )
    for plan in plans:
        period = (
            f"{plan.get('period_start')}–{plan.get('period_end')}"
            if plan.get("period_start")
            else ""
        )
        tasks = [
            d
            for _, d in graph.nodes(data=True)
            if d["label"] == "Task" and d.get("plan_id") == plan.get("id")
        ]
        rows += [
            ["标题" if zh else "Title", plan.get("title") or plan.get("id")],
            ["发文机关" if zh else "Issuer", plan.get("issuer") or ""],
            ["文号" if zh else "Document number", plan.get("doc_no") or ""],
            ["印发日期" if zh else "Issued", plan.get("issued") or ""],
            ["实施期" if zh else "Period", period],
            ["任务数" if zh else "Tasks", len(tasks)],
            [],
        ]
    rows.append(["责任方式" if zh else "Roles", ""])
    for role, (role_zh, meaning) in ROLE_LEGEND.items():
        rows.append([term("role", role, lang), role_zh if not zh else meaning])
    return rows


def write_xlsx(
    store: GraphStore, path: Path, *, plan_id: str | None = None, lang: Lang = "zh"
) -> None:
    """A workbook a bureau can hand around: a cover sheet with the plan header, the responsibility
    matrix coloured by role with totals and a filter, the task ledger, the coordination gaps, the
    targets, the role legend and the progress sheet (进展台账) that ``plankg progress import``
    reads back; Chinese heads unless ``lang`` is en, frozen header rows."""
    from openpyxl import Workbook

    graph = graph_from_export(export_graph(store))
    if plan_id is not None:
        graph = plan_subgraph(graph, plan_id)
    book = Workbook()
    cover = book.active
    cover.title = COVER_SHEET
    for row in cover_rows(graph, lang):
        cover.append(row)
    _style_cover(cover)
    matrix = responsibility_matrix(graph, lang)
    matrix_sheet = book.create_sheet(MATRIX_SHEET)
    _fill_sheet(matrix_sheet, matrix, narrow_from=len(MATRIX_KEY_COLUMNS), lang=lang)
    _colour_matrix(matrix_sheet, matrix, lang)
    _fill_sheet(book.create_sheet(LEDGER_SHEET), task_ledger(graph, lang), lang=lang)
    _fill_sheet(
        book.create_sheet(GAPS_SHEET),
        gaps_frame(find_gaps(store, plan=plan_id), lang),
        lang=lang,
    )
    _fill_sheet(book.create_sheet(TARGETS_SHEET), targets_frame(graph), lang=lang)
    legend = book.create_sheet(LEGEND_SHEET)
    for row in legend_rows():
        legend.append(row)
    _style_header(legend, freeze="A2", widths=[8, 12, 12, 48])
    # Imported here: the ledger pulls in its read layer only when a workbook is written.
    from plankg.outputs.dispatch import add_progress_sheet

    add_progress_sheet(book, store, plan_id=plan_id)
    book.save(path)


def _style_cover(sheet: Any) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 80
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row and row[0].value:
            row[0].font = Font(bold=True)


def _colour_matrix(sheet: Any, matrix: pd.DataFrame, lang: Lang) -> None:
    """Fill each role cell with its role's colour, add a totals row per owner and a filter."""
    from openpyxl.styles import Font, PatternFill

    fills = {
        term("role", role, lang): PatternFill("solid", fgColor=colour)
        for role, colour in ROLE_FILLS.items()
    }
    first = len(MATRIX_KEY_COLUMNS) + 1
    last_row = sheet.max_row
    for row in sheet.iter_rows(min_row=2, max_row=last_row, min_col=first):
        for cell in row:
            if cell.value:
                fill = fills.get(str(cell.value).split("/")[0])
                if fill is not None:
                    cell.fill = fill
    sheet.auto_filter.ref = f"A1:{_letter(sheet.max_column)}{last_row}"
    owners = list(matrix.columns[len(MATRIX_KEY_COLUMNS) :])
    totals = [int((matrix[o].fillna("") != "").sum()) for o in owners]
    sheet.append(["合计" if lang == "zh" else "Total", "", "", *totals])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _fill_sheet(
    sheet: Any, frame: pd.DataFrame, narrow_from: int | None = None, lang: Lang = "zh"
) -> None:
    from openpyxl.styles import Alignment

    heads = [HEADS_ZH.get(c, c) if lang == "zh" else c for c in frame.columns]
    sheet.append(heads)
    for row in frame.itertuples(index=False):
        sheet.append([flat_value(v) if v is not None and not _is_nan(v) else None for v in row])
    widths = [_column_width(frame, column) for column in frame.columns]
    if narrow_from is not None:
        # Owner columns hold a role name; their heads wrap instead of widening the matrix.
        widths[narrow_from:] = [10] * (len(widths) - narrow_from)
        for cell in sheet[1][narrow_from:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    freeze = f"{_letter(narrow_from + 1)}2" if narrow_from is not None else "A2"
    _style_header(sheet, freeze=freeze, widths=widths)


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and value != value


def _style_header(sheet: Any, *, freeze: str, widths: list[float]) -> None:
    from openpyxl.styles import Font

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = freeze
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(index)].width = width


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _column_width(frame: pd.DataFrame, column: str) -> float:
    """Wide enough for the longest line of the column (CJK characters count double), capped."""
    lines = [str(column)] + [line for v in frame[column].dropna() for line in str(v).split("\n")]
    longest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in lines)
    return float(min(max(longest + 2, 6), 60))


def write_export(
    store: GraphStore, fmt: str, path: Path, *, plan_id: str | None = None, lang: Lang = "zh"
) -> Path:
    """Write the store in ``fmt`` to ``path``; returns the path written."""
    writers: dict[str, Callable[[], None]] = {
        "json": lambda: write_json(store, path),
        "graphml": lambda: write_graphml(store, path),
        "csv": lambda: write_csv(store, path),
        "xlsx": lambda: write_xlsx(store, path, plan_id=plan_id, lang=lang),
    }
    if fmt not in writers:
        raise InputError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    writers[fmt]()
    return path
