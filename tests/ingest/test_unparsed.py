"""Clauses that look like responsibility or a target but yielded nothing are reported."""

from __future__ import annotations

from plankg.ingest.unparsed import UnparsedInput, unparsed_clauses
from plankg.models import Evidence


def holder(text: str, owners=(), targets=(), start: int = 100) -> UnparsedInput:
    def ev(phrase: str) -> Evidence:
        at = text.index(phrase)
        return Evidence(phrase=phrase, start=start + at, end=start + at + len(phrase))

    return UnparsedInput(
        code="2.3",
        text=text,
        start=start,
        owner_evidence=tuple(ev(p) for p in owners),
        target_evidence=tuple(ev(p) for p in targets),
    )


def test_a_responsibility_clause_without_owners_is_reported_with_its_position():
    text = "推进园区扩容。（主办单位负责：园区办）"
    (found,) = unparsed_clauses([holder(text)])
    assert (found.kind, found.code, found.phrase) == (
        "responsibility",
        "2.3",
        "（主办单位负责：园区办）",
    )
    assert (found.start, found.end) == (100 + text.index("（"), 100 + len(text))


def test_a_clause_whose_owners_were_read_is_not_reported():
    text = "推进园区扩容。（责任单位：区经委）"
    assert unparsed_clauses([holder(text, owners=["（责任单位：区经委）"])]) == []


def test_a_goal_quantity_without_a_target_is_reported():
    text = "到2027年，全区建设完成口袋公园24处。"
    (found,) = unparsed_clauses([holder(text)])
    assert (found.kind, found.phrase) == ("target", text)


def test_a_goal_quantity_that_became_a_target_is_not_reported():
    text = "新增规上企业30家。"
    assert unparsed_clauses([holder(text, targets=["新增规上企业30家"])]) == []


def test_numbers_without_a_goal_word_or_a_unit_are_not_cues():
    text = "依据2023年第5号文件开展工作。每年组织10场活动。"
    assert unparsed_clauses([holder(text)]) == []
