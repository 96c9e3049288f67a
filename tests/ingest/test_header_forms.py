"""公文 header forms of the genre, each on a short fragment in its style."""

from __future__ import annotations

from plankg.ingest.parse import parse_header, parse_outline
from plankg.ingest.read import clean_text
from plankg.models import PlanHeader


def header_of(raw: str) -> PlanHeader:
    return parse_header(clean_text(raw, source_name="plan.txt"))


def test_title_above_the_doc_number_state_council_style() -> None:
    raw = """某省人民政府关于加快推进
农业现代化的若干意见
某政发〔2021〕8号

各市、县人民政府，省政府各部门：
农业是国民经济的基础。为加快推进农业现代化，现提出以下意见。
一、提升装备水平
（一）推广先进机具。（省农业农村厅负责）
某省人民政府
2021年6月1日
"""
    h = header_of(raw)
    assert h.title == "某省人民政府关于加快推进农业现代化的若干意见"
    assert (h.doc_no, h.issuer, h.issued) == ("某政发〔2021〕8号", "某省人民政府", "2021-06-01")


def test_doc_number_in_brackets_on_its_own_line() -> None:
    raw = """某市人民政府办公室关于印发某市扩大有效投资若干措施的通知
(某府办发〔2022〕9号)

各区县人民政府，市政府各部门：
现将《某市扩大有效投资若干措施》印发给你们，请认真贯彻执行。

某市扩大有效投资若干措施

一、加快项目建设

（一）推进重点项目开工。（市发展改革委负责）
"""
    h = header_of(raw)
    assert h.doc_no == "某府办发〔2022〕9号"
    # No signature: the notice's title names the issuer.
    assert h.issuer == "某市人民政府办公室"
    assert h.title == "某市扩大有效投资若干措施"


def test_joint_signature_gives_the_first_listed_issuer() -> None:
    raw = """关于印发《某区数据要素发展行动方案》的通知

各有关单位：
《某区数据要素发展行动方案》已经区政府同意，现印发给你们，请认真按照执行。

某区发展和改革委员会

某区科学技术委员会

2024年5月6日

某区数据要素发展行动方案

一、主要任务

（一）建设数据交易平台。（责任单位：区科委）
"""
    outline = parse_outline(clean_text(raw, source_name="plan.txt"))
    assert outline.header.issuer == "某区发展和改革委员会"
    assert outline.header.issued == "2024-05-06"
    assert outline.header.title == "某区数据要素发展行动方案"
    assert [t.code for t in outline.tasks] == ["1.1"]


def test_passed_on_notice_with_closing_formula() -> None:
    raw = """某区人民政府办公室关于转发区建设管理委制订的《某区城市更新实施计划》的通知

各街镇，区政府各部门：
经区政府同意，现将《某区城市更新实施计划》转发给你们，请遵照执行。
特此通知。

2025年3月1日

某区城市更新

实施计划

一、重点任务

（一）推进旧区改造。（责任单位：区房管局）
"""
    h = header_of(raw)
    assert h.issuer == "某区人民政府办公室"
    assert h.title == "某区城市更新实施计划"
    assert h.issued == "2025-03-01"


def test_a_cited_regulation_is_not_the_plan_title() -> None:
    raw = """某县人民政府文件

某政发〔2023〕3号

各乡镇人民政府：
根据《某省安全生产条例》有关规定，现将《某县安全生产专项整治方案》印发给你们。

一、整治重点

（一）排查隐患。（县应急管理局负责）
"""
    assert header_of(raw).title == "某县安全生产专项整治方案"


def test_a_notice_that_carries_its_measures_is_the_title() -> None:
    raw = """某市人民政府关于进一步支持企业创新若干措施的通知
某政发〔2020〕5号
各区人民政府，市政府各部门：
为支持企业创新，现就有关事项通知如下。
一、加大研发投入奖励。（市科技局负责）
二、支持建设创新平台。（市发展改革委负责）
某市人民政府
2020年4月2日
"""
    h = header_of(raw)
    assert h.title == "某市人民政府关于进一步支持企业创新若干措施的通知"
    assert h.issuer == "某市人民政府"


def test_issuer_named_by_self_reference_is_read_from_the_title() -> None:
    raw = """某市商务局2024年稳外贸工作方案

为推动外贸稳规模、优结构，我局制定本方案。

一、重点任务

（一）组织企业参加境外展会。（外贸科负责）
"""
    h = header_of(raw)
    assert h.issuer == "某市商务局"
    assert h.title == "某市商务局2024年稳外贸工作方案"


def test_no_self_reference_no_issuer_from_the_title() -> None:
    raw = """某市商务局2024年稳外贸工作方案

为推动外贸稳规模、优结构，本部门制定本方案。

一、重点任务

（一）组织企业参加境外展会。（外贸科负责）
"""
    assert header_of(raw).issuer is None
