"""Outline numbering conventions of the genre, each on a short fragment in its style."""

from __future__ import annotations

from plankg.ingest.parse import parse_outline
from plankg.ingest.read import clean_text


def codes(raw: str) -> list[str]:
    return [t.code for t in parse_outline(clean_text(raw, source_name="plan.txt")).tasks]


def test_second_level_numbers_run_on_across_chapters() -> None:
    raw = """一、夯实产业基础

（一）建设产业园区。（县发展改革局负责）

（二）培育龙头企业。（县经信局负责）

二、优化发展环境

（三）简化审批流程。（县政务服务中心负责）

（四）加强要素保障。（县自然资源局负责）
"""
    # The code is the path of the written numbers: 二、（三） is 2.3, not 2.1.
    assert codes(raw) == ["1.1", "1.2", "2.3", "2.4"]


def test_arabic_numbers_run_on_through_the_whole_plan() -> None:
    raw = """一、重点任务

（一）扩大有效投资

1. 推进重大项目建设。（市发展改革委负责）

2. 加快专项债券发行。（市财政局负责）

（二）促进消费升级

3. 开展促消费活动。（市商务局负责）

二、保障措施

（一）加强组织领导

4. 建立工作专班。（市政府办公室负责）
"""
    assert codes(raw) == ["1.1.1", "1.1.2", "1.2.3", "2.1.4"]


def test_a_new_parent_may_also_restart_at_one() -> None:
    raw = """一、重点任务

（一）推进园区建设。（区经委负责）

（二）培育企业梯队。（区经委负责）

二、保障措施

（一）强化资金保障。（区财政局负责）
"""
    assert codes(raw) == ["1.1", "1.2", "2.1"]


def test_a_number_that_neither_restarts_nor_runs_on_is_text() -> None:
    raw = """一、重点任务

（一）推进园区建设。（区经委负责）

二、保障措施

（五）这一段的编号既不从一开始，也不接着上文。

（一）强化资金保障。（区财政局负责）
"""
    outline = parse_outline(clean_text(raw, source_name="plan.txt"))
    assert [t.code for t in outline.tasks] == ["1.1", "2.1"]
    assert "number 1 or 2" in outline.warnings[0]


def test_an_enumeration_inside_an_item_is_its_text_not_a_level() -> None:
    raw = """一、重点任务

（一）完善基础设施。主要包括：

（1）新建道路3条；

（2）改造管网10公里。

（区建设管理委负责）

（二）培育龙头企业。（区经委负责）
"""
    outline = parse_outline(clean_text(raw, source_name="plan.txt"))
    assert [t.code for t in outline.tasks] == ["1.1", "1.2"]
    assert outline.tasks[0].text.endswith("（区建设管理委负责）")
    assert outline.warnings == []


def test_numbered_sub_items_that_are_not_an_enumeration_stay_levels() -> None:
    raw = """一、重点任务

（一）完善基础设施

（1）新建道路3条。（区建设管理委负责）

（2）改造管网10公里。（区水务局负责）
"""
    assert codes(raw) == ["1.1.1", "1.1.2"]
