"""The outline parser on the bundled sample and on plans written in other styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.errors import EmptyDocument, NoOutline
from plankg.ingest.parse import (
    MarkerKind,
    Outline,
    chinese_numeral_to_int,
    has_responsibility_clause,
    heading_marker,
    parse_header,
    parse_outline,
)
from plankg.ingest.read import clean_text
from plankg.models import Paragraph, SourceText

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = Path(__file__).parents[2] / "plankg" / "data" / "sample" / "liaocheng_miit_2023_48.txt"


def source_of(raw: str, name: str = "plan.txt") -> SourceText:
    return clean_text(raw, source_name=name)


def source_from_lines(lines: list[str], match_lines: list[str] | None = None) -> SourceText:
    """A SourceText with exactly these paragraphs, bypassing the reader's normalisation."""
    paragraphs, pos = [], 0
    for line in lines:
        paragraphs.append(Paragraph(text=line, start=pos, end=pos + len(line)))
        pos += len(line) + 1
    match_text = "\n".join(match_lines) if match_lines else ""
    return SourceText(text="\n".join(lines), match_text=match_text, paragraphs=paragraphs)


def outline_of(fixture: str) -> Outline:
    return parse_outline(source_of((FIXTURES / fixture).read_text(encoding="utf-8"), fixture))


def assert_spans_exact(outline: Outline, source: SourceText) -> None:
    for task in outline.tasks:
        assert task.text == source.text[task.start : task.end]
        assert task.text.strip() == task.text
    for section in outline.sections:
        assert source.text[section.end - len(section.intro) : section.end] == section.intro
    for field_name, ev in outline.header.evidence.items():
        assert source.text[ev.start : ev.end] == ev.phrase, field_name


# --- numerals and markers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("〇", 0),
        ("零", 0),
        ("两", 2),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("三百二十一", 321),
        ("九百九十九", 999),
        ("二〇二三", 2023),
    ],
)
def test_chinese_numeral_to_int(numeral: str, value: int) -> None:
    assert chinese_numeral_to_int(numeral) == value


@pytest.mark.parametrize("bad", ["", "十十", "百一", "abc", "一千", "二十三四"])
def test_chinese_numeral_to_int_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        chinese_numeral_to_int(bad)


@pytest.mark.parametrize(
    ("line", "kind", "level", "number", "marker", "title", "body"),
    [
        (
            "四、产业升级，夯实高质量发展基础",
            MarkerKind.CN_COMMA,
            1,
            4,
            "四、",
            "产业升级，夯实高质量发展基础",
            "",
        ),
        (
            "（一）加快科技创新平台建设。落实创新平台奖补政策。（科技科负责）",
            MarkerKind.CN_PAREN,
            2,
            1,
            "（一）",
            "加快科技创新平台建设",
            "落实创新平台奖补政策。（科技科负责）",
        ),
        (
            "(十二)强化要素保障：统筹用地指标。",
            MarkerKind.CN_PAREN,
            2,
            12,
            "(十二)",
            "强化要素保障",
            "统筹用地指标。",
        ),
        (
            "1. 有色金属产业。重点打造铝精深加工产业园区。",
            MarkerKind.ARABIC,
            3,
            1,
            "1.",
            "有色金属产业",
            "重点打造铝精深加工产业园区。",
        ),
        ("3、推进市场采购贸易", MarkerKind.ARABIC, 3, 3, "3、", "推进市场采购贸易", ""),
        (
            "（2）推广工业互联网平台。推动企业上云。",
            MarkerKind.ARABIC_PAREN,
            4,
            2,
            "（2）",
            "推广工业互联网平台",
            "推动企业上云。",
        ),
        ("②建设数字化车间。", MarkerKind.CIRCLED, 5, 2, "②", "建设数字化车间", ""),
        ("第三章 保障措施", MarkerKind.CHAPTER, 1, 3, "第三章", "保障措施", ""),
        ("第二节 完善配套体系", MarkerKind.PART, 2, 2, "第二节", "完善配套体系", ""),
        (
            "第十一条 市工业和信息化局负责组织实施。",
            MarkerKind.ARTICLE,
            3,
            11,
            "第十一条",
            "市工业和信息化局负责组织实施",
            "",
        ),
        (
            "（三）推进市场采购贸易（对外贸易处、口岸办分别负责）",
            MarkerKind.CN_PAREN,
            2,
            3,
            "（三）",
            "推进市场采购贸易",
            "",
        ),
    ],
)
def test_heading_marker_splits_marker_title_and_body(
    line, kind, level, number, marker, title, body
) -> None:
    m = heading_marker(line)
    assert m is not None
    assert (m.kind, m.level, m.number, m.marker, m.title, m.body) == (
        kind,
        level,
        number,
        marker,
        title,
        body,
    )
    if body:
        assert line[m.body_offset :] == body


def test_heading_marker_takes_first_clause_of_a_long_line_without_full_stop() -> None:
    m = heading_marker(
        "2. 黑色金属产业，大力培育精品管材和精品钢薄板产业集群，努力形成规模快速扩张、产业加快升级的格局"
    )
    assert m is not None
    assert m.title == "黑色金属产业"
    assert m.body.startswith("大力培育")


@pytest.mark.parametrize(
    "line",
    [
        "1.3万个基站全部开通。",
        "2025年，全市工业领域新旧动能转换取得重要进展。",
        "十分重要的是加快推进。",
        "（此件公开发布）",
        "（2023-2025年）",
        "一是加强组织领导。",
        "3 家化工园区做大做强。",
        "四、",
        "",
    ],
)
def test_heading_marker_ignores_non_headings(line: str) -> None:
    assert heading_marker(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加强宣传。（科技科负责）", True),
        ("加强宣传。(科技科、产业政策科分别负责)", True),
        ("（对外贸易处牵头，外资处、会展办配合）", True),
        ("责任单位：市发展改革委、市工业和信息化局", True),
        ("牵头单位：县商务局 配合单位：县财政局", True),
        ("以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。", False),
        ("发挥牵头协调作用，统筹推进5G基站建设。", False),
    ],
)
def test_has_responsibility_clause(text: str, expected: bool) -> None:
    assert has_responsibility_clause(text) is expected


# --- the bundled sample ---------------------------------------------------------------------

SAMPLE_TASK_CODES = (
    ["3.1", "3.2", "3.3", "4.1.1", "4.1.2", "4.1.3"]
    + [f"4.{n}" for n in range(2, 11)]
    + ["5.1", "5.2", "5.3", "5.4"]
    + [f"5.5.{n}" for n in range(1, 6)]
    + ["5.6", "5.7", "6.1", "6.2", "6.3"]
)


@pytest.fixture(scope="module")
def sample_source() -> SourceText:
    return source_of(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)


@pytest.fixture(scope="module")
def sample_outline(sample_source: SourceText) -> Outline:
    return parse_outline(sample_source)


def test_sample_tasks(sample_outline: Outline) -> None:
    assert [t.code for t in sample_outline.tasks] == SAMPLE_TASK_CODES
    assert len(sample_outline.tasks) == 29
    assert sample_outline.warnings == []


def test_sample_sections(sample_outline: Outline) -> None:
    sections = {s.code: s for s in sample_outline.sections}
    assert list(sections) == ["1", "2", "3", "4", "4.1", "5", "5.5", "6"]
    assert sections["1"].title == "指导思想"
    assert sections["2"].title == "目标定位"
    assert sections["4"].title == "产业升级，夯实高质量发展基础"
    assert sections["4.1"].title == "做大做强牵头产业"
    assert sections["4.1"].parent_code == "4"
    assert sections["5.5"].title == "加快推进重点领域改革"
    assert "规模以上制造业企业达到1800家" in sections["4"].intro
    assert sections["4"].intro.startswith("落实制造业强市三年攻坚突破行动计划")
    assert sections["4.1"].intro == ""
    assert sections["2"].intro.startswith("紧扣高质量发展要求")


def test_sample_task_fields(sample_outline: Outline, sample_source: SourceText) -> None:
    tasks = {t.code: t for t in sample_outline.tasks}
    t = tasks["3.1"]
    assert (t.number, t.title, t.level, t.section_code) == (
        "（一）",
        "加快科技创新平台建设",
        2,
        "3",
    )
    assert t.text.startswith("（一）加快科技创新平台建设。") and t.text.endswith("（科技科负责）")
    nonferrous = tasks["4.1.1"]
    assert (nonferrous.number, nonferrous.title, nonferrous.level) == ("1.", "有色金属产业", 3)
    assert tasks["4.1.1"].section_code == "4.1"
    assert tasks["4.10"].title == "全面深化数字赋能"
    assert_spans_exact(sample_outline, sample_source)


def test_sample_task_text_spans_following_paragraphs(sample_outline: Outline) -> None:
    tasks = {t.code: t for t in sample_outline.tasks}
    assert "黑色金属产业，大力培育精品管材" in tasks["4.2"].text
    assert tasks["4.2"].text.endswith("（各产业科室和综合科室分别负责）")
    assert tasks["5.1"].text.endswith("（技改办、绿色发展推进科和各产业科室分别负责）")
    assert tasks["6.3"].text.endswith("营造良好舆论氛围。")


def test_sample_header(sample_source: SourceText) -> None:
    header = parse_header(sample_source)
    assert header.issuer == "聊城市工业和信息化局"
    assert header.doc_no == "聊工信发〔2023〕48号"
    assert header.issued == "2023-05-10"
    assert header.title == "深化新旧动能转换推动绿色低碳高质量发展三年行动计划（2023-2025年）"
    assert (header.period_start, header.period_end) == (2023, 2025)
    assert set(header.evidence) == {"issuer", "doc_no", "issued", "title", "period"}
    for ev in header.evidence.values():
        assert sample_source.text[ev.start : ev.end] == ev.phrase


def test_sample_preamble(sample_outline: Outline, sample_source: SourceText) -> None:
    preamble = sample_outline.preamble
    assert preamble is not None
    assert preamble.text.startswith("为深入贯彻落实") and preamble.text.endswith("制定本行动计划。")
    assert sample_source.text[preamble.start : preamble.end] == preamble.text


# --- other styles ---------------------------------------------------------------------------


def test_city_office_plan_with_four_levels_and_responsibility_lines() -> None:
    outline = outline_of("city_gov_office_four_levels.txt")
    h = outline.header
    assert (h.issuer, h.doc_no, h.issued) == (
        "临川市人民政府办公室",
        "临政办字〔2024〕12号",
        "2024-03-18",
    )
    assert h.title == "临川市数字经济高质量发展行动方案（2024-2026年）"
    assert (h.period_start, h.period_end) == (2024, 2026)
    assert [s.code for s in outline.sections] == ["1", "2", "2.1", "2.2", "2.2.1", "3"]
    assert [t.code for t in outline.tasks] == [
        "1.1",
        "1.2",
        "2.1.1",
        "2.1.2",
        "2.2.1.1",
        "2.2.1.2",
        "2.2.2",
        "3.1",
        "3.2",
    ]
    tasks = {t.code: t for t in outline.tasks}
    deepest = tasks["2.2.1.1"]
    assert (deepest.number, deepest.title, deepest.level, deepest.section_code) == (
        "（1）",
        "推进智能工厂建设",
        4,
        "2.2.1",
    )
    assert deepest.text.endswith("责任单位：市工业和信息化局")
    assert tasks["2.1.1"].text.endswith("责任单位：市工业和信息化局、市发展改革委、市商务局")
    assert tasks["2.2.2"].section_code == "2.2"
    # 抄送 and the 印发 line are end matter, not part of the last task.
    assert tasks["3.2"].text.endswith("加大对数字经济重点项目的支持力度。")
    assert outline.preamble is not None and outline.preamble.text.startswith("为加快推进数字产业化")


def test_county_plan_with_ascii_parentheses_and_lead_support_units() -> None:
    outline = outline_of("county_ascii_lead_support.txt")
    h = outline.header
    assert (h.issuer, h.doc_no, h.issued) == (
        "青山县发展和改革局",
        "青发改字[2024]5号",
        "2024-03-15",
    )
    assert h.title == "青山县县域商业体系建设实施方案（2024年至2026年）"
    assert (h.period_start, h.period_end) == (2024, 2026)
    sections = {s.code: s for s in outline.sections}
    assert list(sections) == ["1", "2", "3"]
    assert sections["1"].title == "工作目标" and "乡镇商贸中心12个" in sections["1"].intro
    assert [t.code for t in outline.tasks] == ["2.1", "2.2", "2.3", "3.1", "3.2"]
    first = outline.tasks[0]
    assert (first.number, first.title) == ("（一）", "完善县级商业设施")
    assert first.text.endswith("配合单位：县发展和改革局、县自然资源局")
    # The 附件 and its numbered list are not tasks and not part of the last one.
    assert outline.tasks[-1].text.endswith("纳入乡镇年度考核。")


def test_bureau_plan_with_skipped_levels_and_bracketed_lead_support() -> None:
    source = source_of((FIXTURES / "bureau_lead_support_skipped_levels.txt").read_text("utf-8"))
    outline = parse_outline(source)
    h = outline.header
    assert (h.issuer, h.doc_no, h.issued) == ("江州市商务局", "江商发〔2022〕第7号", "2022-01-20")
    assert h.title == "“十四五”外贸高质量发展行动计划"
    assert (h.period_start, h.period_end) == (2021, 2025)
    assert h.evidence["period"].phrase == "十四五"
    assert [t.code for t in outline.tasks] == ["1.1", "1.2", "2.1", "2.2", "2.3", "3"]
    tasks = {t.code: t for t in outline.tasks}
    # 一、 then 1.: the arabic items sit directly under the chapter, at depth 2.
    assert (tasks["1.1"].level, tasks["1.1"].section_code, tasks["1.1"].number) == (2, "1", "1.")
    assert tasks["1.1"].text.endswith("（对外贸易处牵头，外资处、会展办配合）")
    # A title-only item whose clause follows on the same line.
    assert tasks["2.2"].title == "推进市场采购贸易"
    assert tasks["2.3"].text.endswith("1.3万平方米。（对外贸易处牵头）")
    # A leaf chapter with a responsibility clause is a task; one without is a section.
    assert (tasks["3"].level, tasks["3"].section_code, tasks["3"].title) == (
        1,
        None,
        "强化贸易促进服务",
    )
    sections = {s.code: s for s in outline.sections}
    assert list(sections) == ["1", "2", "4"]
    assert sections["4"].title == "保障措施"
    assert sections["4"].intro == "加强统筹调度，建立外贸运行监测机制。"
    assert "进出口总额突破1000亿元" in sections["1"].intro
    assert_spans_exact(outline, source)


def test_headerless_plan_without_responsibility_clauses() -> None:
    source = source_of((FIXTURES / "headerless_no_responsibility.txt").read_text("utf-8"))
    outline = parse_outline(source)
    h = outline.header
    assert (h.issuer, h.doc_no, h.issued) == (None, None, None)
    assert h.title == "南湖区促进制造业数字化转型三年行动方案（2023-2025年）"
    assert (h.period_start, h.period_end) == (2023, 2025)
    assert outline.preamble is not None
    assert (
        outline.preamble.text
        == "为加快推动制造业数字化转型，助力全区制造业高质量发展，制定本方案。"
    )
    assert [s.code for s in outline.sections] == ["1", "2", "2.1", "2.2", "3"]
    assert [(t.code, t.title) for t in outline.tasks] == [
        ("2.1.1", "加快网络建设"),
        ("2.1.2", "建设工业互联网平台"),
        ("2.2.1", "建设智能工厂"),
        ("2.2.2", "推广数字化解决方案"),
        ("3.1", "加强组织领导"),
        ("3.2", "强化资金支持"),
    ]
    assert outline.warnings == []
    assert_spans_exact(outline, source)


def test_chapter_and_part_headings() -> None:
    source = source_of((FIXTURES / "chapter_part_sections.txt").read_text("utf-8"))
    outline = parse_outline(source)
    assert outline.header.title == "西陵市新能源汽车产业发展规划（2021-2025年）"
    assert outline.preamble is None
    sections = {s.code: s for s in outline.sections}
    assert list(sections) == ["1", "2", "2.1", "2.2", "3"]
    part = sections["2.1"]
    assert (part.number, part.title, part.level, part.parent_code) == (
        "第一节",
        "做强整车制造",
        2,
        "2",
    )
    assert [t.code for t in outline.tasks] == ["1.1", "1.2", "2.1.1", "2.1.2", "2.2.1"]
    assert outline.tasks[2].number == "一、" and outline.tasks[2].section_code == "2.1"
    assert_spans_exact(outline, source)


def test_articles_are_numbered_through_the_whole_document() -> None:
    raw = """第一章 总则

第一条 为规范专项资金管理，制定本办法。（市财政局负责）

第二条 专项资金实行项目管理。（市财政局负责）

第二章 资金使用

第三条 专项资金用于支持技术改造项目。（市工业和信息化局负责）

第一条 此处编号重复，不是新的条款。
"""
    outline = parse_outline(source_of(raw))
    assert [t.code for t in outline.tasks] == ["1.1", "1.2", "2.3"]
    assert "此处编号重复" in outline.tasks[-1].text
    assert len(outline.warnings) == 1 and "第一条" in outline.warnings[0]


def test_out_of_sequence_marker_stays_in_the_previous_item() -> None:
    raw = """一、重点任务

1. 建设数据中心。建设数据中心2个。

3. 这一行的编号跳过了2，不是标题。

2. 发展算力产业。培育算力企业10家。（数据局负责）
"""
    outline = parse_outline(source_of(raw, "skip.txt"))
    assert [t.code for t in outline.tasks] == ["1.1", "1.2"]
    assert outline.tasks[0].text.endswith("不是标题。")
    assert outline.warnings and outline.warnings[0].startswith("skip.txt: paragraph at offset")


def test_flat_plan_without_clauses_loads_its_items_as_tasks() -> None:
    raw = """一、加快园区建设。推进园区基础设施建设。

二、培育龙头企业。每年培育龙头企业5家。
"""
    outline = parse_outline(source_of(raw))
    assert [t.code for t in outline.tasks] == ["1", "2"]
    assert outline.sections == []
    assert len(outline.warnings) == 1


def test_traditional_text_is_matched_through_match_text() -> None:
    text = [
        "臨川市工業和信息化局文件",
        "臨工信發〔2023〕9號",
        "數字經濟行動計劃（2023-2025年）",
        "一、總體要求",
        "（一）加強領導。成立工作專班。（綜合科負責）",
    ]
    match = [
        "临川市工业和信息化局文件",
        "临工信发〔2023〕9号",
        "数字经济行动计划（2023-2025年）",
        "一、总体要求",
        "（一）加强领导。成立工作专班。（综合科负责）",
    ]
    source = source_from_lines(text, match)
    outline = parse_outline(source)
    assert outline.header.issuer == "臨川市工業和信息化局"
    assert outline.header.doc_no == "臨工信發〔2023〕9號"
    assert outline.header.title == "數字經濟行動計劃（2023-2025年）"
    assert [(s.code, s.title) for s in outline.sections] == [("1", "總體要求")]
    assert [(t.code, t.title) for t in outline.tasks] == [("1.1", "加強領導")]
    assert_spans_exact(outline, source)


def test_ascii_parentheses_the_reader_did_not_normalise() -> None:
    source = source_from_lines(
        [
            "某县行动方案",
            "一、重点任务",
            "(一)完善商业设施。建设物流配送中心1个。",
            "牵头单位：县商务局 配合单位：县财政局",
            "(二)发展农村电商。",
            "(1)培育电商带头人200名。",
            "(2)建设直播基地2个。(县商务局负责)",
        ]
    )
    outline = parse_outline(source)
    assert [(t.code, t.number, t.title) for t in outline.tasks] == [
        ("1.1", "(一)", "完善商业设施"),
        ("1.2.1", "(1)", "培育电商带头人200名"),
        ("1.2.2", "(2)", "建设直播基地2个"),
    ]
    assert outline.tasks[0].text.endswith("配合单位：县财政局")
    assert [s.code for s in outline.sections] == ["1", "1.2"]
    assert_spans_exact(outline, source)


@pytest.mark.parametrize(
    ("title_line", "period"),
    [
        ("某市工业稳增长行动方案（2023-2025年）", (2023, 2025)),
        ("某市工业稳增长行动方案（2023 — 2025年）", (2023, 2025)),
        ("某市2023年至2025年工业稳增长行动方案", (2023, 2025)),
        ("某市“十四五”工业发展规划", (2021, 2025)),
        ("某市“十五五”工业发展规划", (2026, 2030)),
        ("某市2024年工业和信息化工作要点", (2024, 2024)),
        ("某市工业稳增长行动方案", (None, None)),
    ],
)
def test_period_from_title(title_line: str, period: tuple[int | None, int | None]) -> None:
    header = parse_header(source_of(f"{title_line}\n\n一、总体要求\n\n加快发展。"))
    assert (header.period_start, header.period_end) == period


@pytest.mark.parametrize(
    ("doc_no_line", "expected"),
    [
        ("聊工信发〔2023〕48号", "聊工信发〔2023〕48号"),
        ("青发改字[2024]5号", "青发改字[2024]5号"),
        ("某政办发（2023）7号", "某政办发（2023）7号"),
        ("江商发〔2022〕第7号", "江商发〔2022〕第7号"),
        ("某政办字〔2023〕12号  签发人：王某", "某政办字〔2023〕12号"),
    ],
)
def test_doc_number_forms(doc_no_line: str, expected: str) -> None:
    raw = f"某市人民政府办公室文件\n\n{doc_no_line}\n\n某市行动方案\n\n一、总体要求\n\n加快发展。"
    header = parse_header(source_of(raw))
    assert header.doc_no == expected
    assert header.issuer == "某市人民政府办公室"


def test_signature_at_the_end_gives_issuer_and_date_of_a_plan_without_red_head() -> None:
    raw = """某县推进农业产业化行动方案

一、重点任务

（一）培育龙头企业。每年新增市级龙头企业3家。（县农业农村局负责）

某县农业农村局

二〇二三年十二月二十八日
"""
    outline = parse_outline(source_of(raw))
    assert outline.header.issuer == "某县农业农村局"
    assert outline.header.issued == "2023-12-28"
    assert outline.tasks[-1].text.endswith("（县农业农村局负责）")


def test_no_outline_raises_unless_unstructured_is_allowed() -> None:
    raw = "某局安全生产专项整治工作方案\n\n各科室要切实加强安全生产工作，落实主体责任。\n\n2023年5月10日"
    with pytest.raises(NoOutline, match=r"no recognisable outline .* in note\.txt"):
        parse_outline(source_of(raw, "note.txt"))
    outline = parse_outline(source_of(raw, "note.txt"), allow_unstructured=True)
    assert [s.code for s in outline.sections] == ["1"]
    assert [(t.code, t.section_code) for t in outline.tasks] == [("1.1", "1")]
    assert outline.tasks[0].text == "各科室要切实加强安全生产工作，落实主体责任。"
    assert outline.sections[0].title == "某局安全生产专项整治工作方案"
    assert len(outline.warnings) == 1


def test_unstructured_text_with_nothing_after_its_title_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        parse_outline(source_of("某市行动方案"), allow_unstructured=True)


@pytest.mark.parametrize(
    "notice",
    [
        "某市人民政府办公室关于印发某市工业稳增长行动方案（2023-2025年）的通知",
        "关于印发《某市人民政府办公室某市工业稳增长行动方案（2023-2025年）》的通知",
        "《某市工业稳增长行动方案（2023-2025年）》已经市政府同意，现印发给你们，请认真贯彻执行。",
    ],
)
def test_title_from_the_notice_that_issues_the_plan(notice: str) -> None:
    raw = f"""某市人民政府办公室文件

{notice}

某市人民政府办公室

2023年6月1日

附件：某市工业稳增长行动方案

某市工业稳增长行动方案

为稳住工业经济基本盘，制定本方案。

一、重点任务

（一）稳住重点行业。（市工业和信息化局负责）
"""
    outline = parse_outline(source_of(raw))
    assert outline.header.title == "某市工业稳增长行动方案（2023-2025年）"
    assert (outline.header.period_start, outline.header.period_end) == (2023, 2025)
    assert outline.header.issued == "2023-06-01"
    assert (
        outline.preamble is not None
        and outline.preamble.text == "为稳住工业经济基本盘，制定本方案。"
    )
    assert [t.code for t in outline.tasks] == ["1.1"]


def test_long_first_sentence_gives_its_first_clause_as_title() -> None:
    m = heading_marker(
        "（二）深化开放合作，积极对接京津冀、长三角等重点区域，承接一批产业转移项目，推动建立跨区域产业合作园区。"
    )
    assert m is not None and m.title == "深化开放合作"


def test_section_intro_starts_after_a_title_on_the_heading_line() -> None:
    source = source_from_lines(
        [
            "一、总体要求。坚持创新驱动。",
            "到2025年，全区产值达到100亿元。",
            "（一）强化创新。建设研发平台3个。（区科技局负责）",
            "（此件公开发布）",
        ]
    )
    outline = parse_outline(source)
    section = outline.sections[0]
    assert (section.code, section.title) == ("1", "总体要求")
    assert section.intro == "坚持创新驱动。\n到2025年，全区产值达到100亿元。"
    assert source.text[section.start : section.end].startswith("一、总体要求。")
    assert outline.tasks[0].text == "（一）强化创新。建设研发平台3个。（区科技局负责）"
    assert_spans_exact(outline, source)


def test_a_heading_whose_title_starts_with_a_digit_is_a_task():
    from plankg.ingest import build_plan
    from plankg.ingest.read import clean_text

    raw = (
        "某市工业和信息化局数字经济发展行动方案\n\n一、重点任务\n\n"
        "1. 5G产业链。到2025年，新建5G基站3000个。（信息化科负责）\n\n"
        "2. 工业互联网。培育平台10个。（信息化科、技改科分别负责）\n"
    )
    plan = build_plan(clean_text(raw))
    assert [(t.code, t.title) for t in plan.tasks] == [("1.1", "5G产业链"), ("1.2", "工业互联网")]
    assert [x.value for x in plan.tasks[0].targets] == [3000.0]
