"""Task-division tables (重点任务分工表) in .docx, .html and .txt plans, alone or as an annex."""

from __future__ import annotations

import io
import json

import docx
import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.ingest import build_plan, ingest_bytes
from plankg.ingest.read import clean_text
from plankg.ingest.tables import column_kind, header_columns, split_cells
from plankg.models import PlanRecord, Task
from plankg.store import EmbeddedStore


def _task(plan: PlanRecord, title: str) -> Task:
    [task] = [t for t in plan.tasks if t.title == title]
    return task


def _roles(task: Task) -> list[tuple[str, str]]:
    return [(o.name, o.role) for o in task.owners]


def _assert_evidence_exact(plan: PlanRecord) -> None:
    for task in plan.tasks:
        assert plan.text[task.start : task.end] == task.text
        for item in [*task.owners, *task.targets, *task.mentions, *task.agencies]:
            ev = item.evidence
            assert plan.text[ev.start : ev.end] == ev.phrase


# ---------------------------------------------------------------------------- fragments

COUNTY_MARKDOWN = """\
某某县工业和信息化局2024年重点工作任务分工表

| 序号 | 重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- | --- |
| 一、产业升级 | | | | | |
| 1 | 推进技术改造 | 实施技改项目50个以上，完成投资20亿元。 | 技术改造科 | 运行监测科、节能科 | 2025年底前 |
| 2 | 培育专精特新 | 新增省级专精特新企业10家 | 中小企业科 | | 持续推进 |
| 二、数字赋能 | | | | | |
| 3 | 建设5G基站 | 到2025年新建5G基站1000个 | 信息化推进科（牵头）、各县（市、区） | | 长期坚持 |

抄送：县委办公室，县政府办公室。
"""

CITY_HTML_WITH_ANNEX = """<html><head><meta charset="utf-8"></head><body><div class="content">
<h2>XX市经济和信息化局2024年工作要点</h2>
<p>为推动全市制造业数字化转型，加快建设制造强市，结合我市工业和信息化工作实际，制定本要点。</p>
<p>一、推进数字化转型</p>
<p>（一）实施智能化改造。推动企业上云用数赋智，围绕重点行业实施一批智能化改造项目，建设一批智能工厂和数字化车间，提升企业生产效率和产品质量（信息化科负责）。</p>
<p>（二）培育工业互联网平台。引导龙头企业建设行业级工业互联网平台，推动中小企业上平台用平台，全年新增平台5个，带动企业上云1000家以上（信息化科、技术改造科分别负责）。</p>
<p>附件</p><p>重点任务分工表</p>
<table>
<tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时间</th></tr>
<tr><td colspan="4">（一）数字化转型</td></tr>
<tr><td>1</td><td>推动规上工业企业数字化改造全覆盖(到2025年)</td><td>信息化推进科(牵头)、各县(市、区)</td><td>2025年12月</td></tr>
<tr><td>2</td><td>开展工业互联网试点</td><td>技术改造科牵头，规划科配合</td><td>2024年底</td></tr>
<tr><td colspan="4">（二）绿色制造</td></tr>
<tr><td>3</td><td>创建绿色工厂</td><td>节能与综合利用科</td><td>持续推进</td></tr>
<tr><td>4</td><td>开展节能诊断</td><td>节能与综合利用科、规划科</td><td>长期坚持</td></tr>
</table></div></body></html>"""

OUTLINE_WITH_ANNEX_TXT = """\
XX区商务和工业信息化局2024年工作方案

一、重点任务
1.推进招商引资。全年引进项目20个以上。(投资促进科负责)
2.做好运行监测。按月分析工业运行情况。(运行科负责)

附件：重点任务分工表

| 序号 | 重点任务 | 责任科室 | 完成时限 |
| --- | --- | --- | --- |
| 1 | 举办产业链招商推介会3场 | 投资促进科 | 2024年6月底 |
| 2 | 建立重点企业包联机制 | 各产业科室 | 持续推进 |
"""


def _docx_plan() -> bytes:
    """A county bureau's plan whose body is a 分工表 with merged grouping rows and a task that
    spans two rows (序号 and task cells merged vertically)."""
    document = docx.Document()
    document.add_paragraph("某某县工业和信息化局")
    document.add_paragraph("2024年制造业强县建设重点任务分工方案")
    document.add_paragraph("为加快制造业高质量发展，现将重点任务分解如下。")
    table = document.add_table(rows=7, cols=6)
    header = ["序号", "重点任务", "工作措施", "牵头科室", "配合科室", "完成时限"]
    for column, word in enumerate(header):
        table.cell(0, column).text = word
    table.cell(1, 0).merge(table.cell(1, 5)).text = "一、产业链提升"
    rows = [
        ["1", "做强新材料产业链", "新增规上企业15家以上", "原材料工业股", "规划股", "2025年底前"],
        ["", "", "培育链主企业3家", "", "中小企业股", ""],
        ["2", "建设化工园区", "推动园区扩区", "安全生产股", "", "2024年底前"],
    ]
    for offset, values in enumerate(rows, start=2):
        for column, value in enumerate(values):
            table.cell(offset, column).text = value
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(2, 1).merge(table.cell(3, 1))
    table.cell(5, 0).merge(table.cell(5, 5)).text = "二、数字化转型"
    for column, value in enumerate(["3", "实施数字化改造", "改造企业100家", "", "", "持续推进"]):
        table.cell(6, column).text = value
    table.cell(6, 4).text = ""
    table.cell(6, 3).text = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("序号", "number"),
        ("重点任务", "task"),
        ("具体措施", "measure"),
        ("工作内容", "measure"),
        ("牵头单位", "lead"),
        ("牵头科室", "lead"),
        ("配合单位", "support"),
        ("责任单位", "responsible"),
        ("责任单位（列第一位的为牵头单位）", "responsible"),
        ("完成时限", "deadline"),
        ("完成 时间", "deadline"),
        ("牵头负责司局", "lead"),
        ("负责科室", "responsible"),
        ("责任部门", "responsible"),
        ("支撑单位", "support"),
        ("配合责任单位", "support"),
        ("任务类型", "task"),
        ("重点任务分工表", None),  # a table's title, not a column
        ("牵头领导", None),
        ("责任人", None),
        ("备注", None),
        ("", None),
    ],
)
def test_header_cell_names_its_column(cell, kind):
    assert column_kind(cell) == kind


@pytest.mark.parametrize(
    ("cells", "is_header"),
    [
        (["序号", "重点任务", "牵头单位", "配合单位", "完成时限"], True),
        (["序号", "工作任务", "责任单位"], True),
        (["工作内容", "责任科室", "时间节点"], True),
        (["序号", "重点任务", "完成时限"], False),  # no owner column
        (["1", "推进技改，由技改科牵头", "技改科", "2025年"], False),
    ],
)
def test_a_header_row_needs_a_task_and_an_owner_column(cells, is_header):
    assert (header_columns(cells) is not None) is is_header


@pytest.mark.parametrize(
    ("row", "outer", "cells"),
    [
        ("| 1 | 推进技改 | 技改科 |", True, ["1", "推进技改", "技改科"]),
        ("| | | 培训 | |", True, ["", "", "培训", ""]),
        ("| | 培训 | |", False, ["", "", "培训", "", ""]),
        ("1 | 推进技改 | 技改科", False, ["1", "推进技改", "技改科"]),
    ],
)
def test_split_cells_keeps_empty_cells_and_offsets(row, outer, cells):
    found = split_cells(row, 100, outer)
    assert [c.text for c in found] == cells
    for cell in found:
        assert row[cell.start - 100 : cell.end - 100] == cell.text


# ---------------------------------------------------------------------------- markdown body


@pytest.fixture(scope="module")
def county_plan() -> PlanRecord:
    return ingest_bytes(COUNTY_MARKDOWN.encode("utf-8"), "county_2024.txt")


def test_markdown_table_body_gives_sections_and_tasks(county_plan):
    assert county_plan.header.title == "某某县工业和信息化局2024年重点工作任务分工表"
    assert [(s.code, s.number, s.title) for s in county_plan.sections] == [
        ("1", "一、", "产业升级"),
        ("2", "二、", "数字赋能"),
    ]
    assert [(t.code, t.number, t.title, t.section_code) for t in county_plan.tasks] == [
        ("1.1", "1", "推进技术改造", "1"),
        ("1.2", "2", "培育专精特新", "1"),
        ("2.1", "3", "建设5G基站", "2"),
    ]
    assert [t.deadline for t in county_plan.tasks] == ["2025年底前", "持续推进", "长期坚持"]
    _assert_evidence_exact(county_plan)


def test_markdown_owner_columns_give_lead_support_and_collective(county_plan):
    first = _task(county_plan, "推进技术改造")
    assert _roles(first) == [
        ("技术改造科", "lead"),
        ("运行监测科", "support"),
        ("节能科", "support"),
    ]
    assert [o.evidence.phrase for o in first.owners] == [
        "技术改造科",
        "运行监测科、节能科",
        "运行监测科、节能科",
    ]
    # the lead marker written inside a cell names the lead and is not part of its name
    assert _roles(_task(county_plan, "建设5G基站")) == [
        ("信息化推进科", "lead"),
        ("各县（市、区）", "collective"),
    ]


def test_targets_are_read_from_the_task_cells_not_across_the_row(county_plan):
    targets = _task(county_plan, "培育专精特新").targets
    assert [(t.metric, t.value, t.ordinal) for t in targets] == [("省级专精特新企业", 10.0, 1)]
    assert "|" not in "".join(t.evidence.phrase for t in county_plan.tasks[0].targets)


def test_end_matter_after_a_table_is_no_task_text(county_plan):
    assert all("抄送" not in t.text for t in county_plan.tasks)


# ---------------------------------------------------------------------------- HTML annex


@pytest.fixture(scope="module")
def city_plan() -> PlanRecord:
    return ingest_bytes(CITY_HTML_WITH_ANNEX.encode("utf-8"), "city_points.html")


def test_outline_tasks_are_kept_and_the_annex_table_is_annex_1(city_plan):
    # an un-numbered 附件 is annex 1; its rows are coded by their written 序号 (A1.3 = row 3)
    codes = [t.code for t in city_plan.tasks]
    assert codes == ["1.1", "1.2", "A1.1", "A1.2", "A1.3", "A1.4"]
    assert len(set(codes)) == len(codes)
    annex = next(s for s in city_plan.sections if s.code == "A1")
    assert (annex.number, annex.title, annex.level) == ("附件", "重点任务分工表", 1)
    groups = [
        (s.code, s.number, s.title, s.parent_code) for s in city_plan.sections if s.level == 2
    ]
    assert groups == [
        ("A1.g1", "（一）", "数字化转型", "A1"),
        ("A1.g2", "（二）", "绿色制造", "A1"),
    ]
    assert [t.section_code for t in city_plan.tasks[2:]] == ["A1.g1", "A1.g1", "A1.g2", "A1.g2"]
    # the annex no longer runs into the last outline task
    last_outline = _task(city_plan, "培育工业互联网平台")
    assert "分工表" not in last_outline.text and "|" not in last_outline.text
    _assert_evidence_exact(city_plan)


@pytest.mark.parametrize(
    ("title", "roles"),
    [
        (
            "推动规上工业企业数字化改造全覆盖（到2025年）",
            [("信息化推进科", "lead"), ("各县（市、区）", "collective")],
        ),
        ("开展工业互联网试点", [("技术改造科", "lead"), ("规划科", "support")]),
        ("创建绿色工厂", [("节能与综合利用科", "sole")]),
        ("开展节能诊断", [("节能与综合利用科", "each"), ("规划科", "each")]),
    ],
)
def test_responsible_column_roles(city_plan, title, roles):
    task = _task(city_plan, title)
    assert _roles(task) == roles
    for owner in task.owners:
        assert owner.evidence.phrase == city_plan.text[owner.evidence.start : owner.evidence.end]
        assert owner.evidence.phrase in task.text


def test_table_owners_merge_with_outline_aliases(city_plan):
    # 信息化科 in the outline and 信息化推进科 in the table are one office
    office = next(o for o in city_plan.offices if o.name == "信息化推进科")
    assert [a.alias for a in office.aliases] == ["信息化科"]


def test_first_listed_leads_note_applies_to_a_responsible_column():
    html = CITY_HTML_WITH_ANNEX.replace(
        "制定本要点。</p>",
        "制定本要点。责任单位中列第一位的为牵头单位。</p>",
    )
    plan = ingest_bytes(html.encode("utf-8"), "city_points_note.html")
    assert _roles(_task(plan, "开展节能诊断")) == [
        ("节能与综合利用科", "lead"),
        ("规划科", "support"),
    ]


# ---------------------------------------------------------------------------- txt annex


def test_outline_plan_with_a_markdown_annex_table():
    plan = ingest_bytes(OUTLINE_WITH_ANNEX_TXT.encode("utf-8"), "district_2024.txt")
    assert [(t.code, t.title) for t in plan.tasks] == [
        ("1.1", "推进招商引资"),
        ("1.2", "做好运行监测"),
        ("A1.1", "举办产业链招商推介会3场"),
        ("A1.2", "建立重点企业包联机制"),
    ]
    assert _roles(plan.tasks[2]) == [("投资促进科", "sole")]
    assert _roles(plan.tasks[3]) == [("各产业科室", "collective")]
    assert plan.tasks[3].deadline == "持续推进"
    assert plan.tasks[1].text.endswith("（运行科负责）")
    _assert_evidence_exact(plan)


# ---------------------------------------------------------------------------- docx


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return _docx_plan()


def test_docx_table_with_merged_cells(docx_bytes):
    plan = ingest_bytes(docx_bytes, "county_manufacturing.docx")
    assert plan.header.title == "2024年制造业强县建设重点任务分工方案"
    assert [(s.code, s.title) for s in plan.sections] == [("1", "产业链提升"), ("2", "数字化转型")]
    assert [(t.code, t.number, t.title) for t in plan.tasks] == [
        ("1.1", "1", "做强新材料产业链"),
        ("1.2", "2", "建设化工园区"),
        ("2.1", "3", "实施数字化改造"),
    ]
    chain = plan.tasks[0]
    # the second row of a merged 序号 is the same task: its measure and support unit join it
    assert "培育链主企业3家" in chain.text
    assert _roles(chain) == [
        ("原材料工业股", "lead"),
        ("规划股", "support"),
        ("中小企业股", "support"),
    ]
    assert [t.metric for t in chain.targets] == ["规上企业", "链主企业"]
    assert _roles(plan.tasks[1]) == [("安全生产股", "lead")]
    assert plan.tasks[2].owners == []
    assert plan.tasks[2].deadline == "持续推进"
    _assert_evidence_exact(plan)


def test_plankg_ingest_loads_a_docx_table_into_a_store(tmp_path, docx_bytes):
    source = tmp_path / "county_manufacturing.docx"
    source.write_bytes(docx_bytes)
    db = tmp_path / "tables.lbdb"
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.stdout)
    assert summary["tasks"] == 3
    store = EmbeddedStore(db)
    try:
        rows = store.run_read(
            "MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task) "
            "RETURN t.code AS code, t.deadline AS deadline, o.name AS office, r.role AS role "
            "ORDER BY code, office"
        )
    finally:
        store.close()
    assert [(r["code"], r["office"], r["role"], r["deadline"]) for r in rows] == [
        ("1.1", "中小企业股", "support", "2025年底前"),
        ("1.1", "原材料工业股", "lead", "2025年底前"),
        ("1.1", "规划股", "support", "2025年底前"),
        ("1.2", "安全生产股", "lead", "2024年底前"),
    ]


def test_a_tab_separated_table_pasted_into_text_gives_its_tasks():
    raw = (
        "某县工业和信息化局2024年重点工作任务分工\n\n"
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t推进企业技术改造，新增技改项目20个\t技改股\t综合股\t2024年底前\n"
        "2\t培育专精特新企业10家\t中小企业股\t综合股、办公室\t2024年底前\n"
    )
    plan = build_plan(clean_text(raw, source_name="tabs.txt"))
    assert [(t.code, [(o.name, o.role) for o in t.owners], t.deadline) for t in plan.tasks] == [
        ("1", [("技改股", "lead"), ("综合股", "support")], "2024年底前"),
        ("2", [("中小企业股", "lead"), ("综合股", "support"), ("办公室", "support")], "2024年底前"),
    ]
    assert [x.value for t in plan.tasks for x in t.targets] == [20.0, 10.0]
    for task in plan.tasks:
        for owner in task.owners:
            assert plan.text[owner.evidence.start : owner.evidence.end] == owner.evidence.phrase


# ---------------------------------------------------------------------------- flattened tables

FLAT_ANNEX_BLANK_LINES = """\
某区推进智慧交通建设的实施方案

一、重点任务

（一）完善停车设施。新建公共停车泊位500个。（责任单位：区交通委）

附件：重点任务分工表

序号

任务名称

工作内容

牵头单位

配合单位

1

智慧停车
平台建设

建成全区统一的停车信息平台，接入泊位达到1.2万个。

区交通委

区大数据中心、
区公安分局，
各街镇

2

路口信号
优化

完成信号灯改造30处。

区公安分局

区交通委

序号

任务名称

工作内容

牵头单位

配合单位

3

公交线网调整

公交线路总数达到10条。

区交通委

区财政局
"""


def test_an_annex_flattened_one_cell_per_line_is_rebuilt_into_rows():
    plan = ingest_bytes(FLAT_ANNEX_BLANK_LINES.encode("utf-8"), "flat_annex.txt")
    assert [t.code for t in plan.tasks] == ["1.1", "A1.1", "A1.2", "A1.3"]
    first = plan.tasks[1]
    # a cell's own line breaks are joined; blank lines separate the cells
    assert first.title == "智慧停车平台建设"
    assert _roles(first) == [
        ("区交通委", "lead"),
        ("区大数据中心", "support"),
        ("区公安分局", "support"),
        ("各街镇", "collective"),
    ]
    # the header repeated over a page break is neither a task nor a new table
    assert _roles(plan.tasks[3]) == [("区交通委", "lead"), ("区财政局", "support")]
    assert [x.value for x in plan.tasks[1].targets] == [12000.0]
    assert [x.value for x in plan.tasks[3].targets] == [10.0]
    _assert_evidence_exact(plan)


FLAT_BODY_ONE_LINE_PER_CELL = """\
某县农业农村局2024年重点工作任务分工

序号
重点任务
责任科室
完成时限
一、产业发展
1
建设高标准农田2万亩
农田建设股
2024年底前
2
培育家庭农场50家
经营管理股
持续推进
二、乡村治理
3
开展人居环境整治
2024年12月
"""


def test_a_body_table_with_one_cell_per_line_and_no_blank_lines():
    plan = ingest_bytes(FLAT_BODY_ONE_LINE_PER_CELL.encode("utf-8"), "flat_body.txt")
    assert [(s.code, s.number, s.title) for s in plan.sections] == [
        ("1", "一、", "产业发展"),
        ("2", "二、", "乡村治理"),
    ]
    assert [(t.code, t.number, t.title, t.deadline) for t in plan.tasks] == [
        ("1.1", "1", "建设高标准农田2万亩", "2024年底前"),
        ("1.2", "2", "培育家庭农场50家", "持续推进"),
        # the empty owner cell left no line: the date still lands in the deadline column
        ("2.1", "3", "开展人居环境整治", "2024年12月"),
    ]
    assert _roles(plan.tasks[0]) == [("农田建设股", "sole")]
    assert plan.tasks[2].owners == []


def test_a_data_table_and_a_blank_form_flattened_in_the_body_are_no_tasks():
    text = (
        "某区海绵城市建设方案\n\n一、主要任务\n\n"
        "（一）推进示范区建设。建成示范片区3个。（责任单位：区建设管理委）\n\n"
        "表1 达标计划表\n\n年份\n\n达标区域\n\n面积（平方公里）\n\n2024年\n\n东片区\n\n4.20\n\n"
        "附件\n\n验收意见表\n\n序号\n\n项目名称\n\n建设单位\n\n1\n\n"
        "一、质量安全监督意见：\n"
    )
    plan = ingest_bytes(text.encode("utf-8"), "data_tables.txt")
    assert [t.code for t in plan.tasks] == ["1.1"]
    assert [s.code for s in plan.sections] == ["1"]
    assert all(o.name == "区建设管理委" for t in plan.tasks for o in t.owners)


# ---------------------------------------------------------------------------- annex codes


def _annex_markdown(annex_line: str, rows: str) -> bytes:
    return (
        "某区工作方案\n\n一、重点任务\n\n（一）做好服务。（责任单位：区商务委）\n\n"
        f"{annex_line}\n\n| 序号 | 重点任务 | 责任单位 |\n| --- | --- | --- |\n{rows}"
    ).encode()


def test_a_numbered_annex_codes_its_rows_by_annex_number_and_written_number():
    rows = "| 一、招商 | | |\n| 1 | 举办推介会 | 区投促中心 |\n| 二、服务 | | |\n| 2 | 走访企业 | 区商务委 |\n"
    plan = ingest_bytes(_annex_markdown("附件2", rows), "annex2.txt")
    assert [t.code for t in plan.tasks] == ["1.1", "A2.1", "A2.2"]
    assert [t.section_code for t in plan.tasks[1:]] == ["A2.g1", "A2.g2"]


def test_row_numbers_restarting_in_each_group_are_coded_under_the_group():
    rows = (
        "| 一、招商 | | |\n| 1 | 举办推介会 | 区投促中心 |\n| 2 | 编制图谱 | 区发展改革委 |\n"
        "| 二、服务 | | |\n| 1 | 走访企业 | 区商务委 |\n"
    )
    plan = ingest_bytes(_annex_markdown("附件：任务清单", rows), "restart.txt")
    assert [t.code for t in plan.tasks] == ["1.1", "A1.1.1", "A1.1.2", "A1.2.1"]
    assert [s.code for s in plan.sections if s.code.startswith("A")] == ["A1", "A1.1", "A1.2"]


# ---------------------------------------------------------------------------- merged cells

ROWSPAN_HTML = """<html><head><meta charset="utf-8"></head><body><div>
<p>某市商务局2024年消费提振行动方案</p>
<p>一、总体要求</p>
<p>（一）扩大消费。围绕商贸流通、文化旅游、餐饮住宿等重点领域，组织开展系列促消费活动，推动线上线下消费融合发展，全年社会消费品零售总额增长6%。（责任单位：市商务局）</p>
<p>附件1</p><p>重点任务分工表</p>
<table>
<tr><th>领域</th><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th></tr>
<tr><td rowspan="3">商贸流通</td><td rowspan="2">1</td><td rowspan="2">建设便民生活圈</td>
<td rowspan="2">市商务局</td><td>市发展改革委</td></tr>
<tr><td>市市场监管局</td></tr>
<tr><td>2</td><td>举办促消费活动</td><td>市商务局</td><td>市文旅局</td></tr>
<tr><td>文旅</td><td>3</td><td>培育夜间经济</td><td>市文旅局</td><td>市公安局</td></tr>
</table></div></body></html>"""


def test_rowspan_cells_are_carried_down_and_keep_the_columns_in_place():
    plan = ingest_bytes(ROWSPAN_HTML.encode("utf-8"), "rowspan.html")
    assert [t.code for t in plan.tasks] == ["1.1", "A1.1", "A1.2", "A1.3"]
    # one numbered item over two rows: the second row's support unit joins it
    assert _roles(plan.tasks[1]) == [
        ("市商务局", "lead"),
        ("市发展改革委", "support"),
        ("市市场监管局", "support"),
    ]
    assert _roles(plan.tasks[2]) == [("市商务局", "lead"), ("市文旅局", "support")]
    # the merged category cell never lands in an owner column
    assert "商贸流通" not in {o.name for o in plan.offices}
    _assert_evidence_exact(plan)


def test_grid_rows_lay_merged_cells_out():
    from plankg.ingest.tables.spans import SpanCell, grid_rows

    rows = [
        [SpanCell("一、产业", colspan=3)],
        [SpanCell("1", rowspan=2), SpanCell("甲"), SpanCell("A科", rowspan=2)],
        [SpanCell("乙")],
        [SpanCell("2"), SpanCell("丙", colspan=2)],
    ]
    assert grid_rows(rows) == [
        ["一、产业"],
        ["1", "甲", "A科"],
        ["1", "乙", "A科"],
        ["2", "丙", ""],
    ]


def test_an_html_annex_with_one_paragraph_per_cell():
    cells = ["序号", "重点任务", "责任单位", "完成时限"]
    cells += ["1", "建设智慧社区10个", "区民政局、区大数据中心", "2024年底前"]
    cells += ["2", "改造老旧小区20个", "区住房保障局", "2025年底前"]
    html = (
        "<html><head><meta charset='utf-8'></head><body><div><p>某区2024年城市更新工作方案</p>"
        "<p>一、工作任务</p><p>（一）推进城市更新。围绕老旧小区、背街小巷和社区服务设施开展"
        "更新改造，全年完成更新项目30个。（责任单位：区住房保障局）</p><p>附件：任务分工表</p>"
        + "".join(f"<p>{c}</p>" for c in cells)
        + "</div></body></html>"
    )
    plan = ingest_bytes(html.encode("utf-8"), "flat_cells.html")
    assert [(t.code, t.deadline) for t in plan.tasks] == [
        ("1.1", None),
        ("A1.1", "2024年底前"),
        ("A1.2", "2025年底前"),
    ]
    assert _roles(plan.tasks[1]) == [("区民政局", "each"), ("区大数据中心", "each")]
    assert _roles(plan.tasks[2]) == [("区住房保障局", "sole")]
