"""The clause cues come from the vocabulary: every listed word flags a clause, in the patterns
the reader and the outline use, and a bracket without one does not."""

from __future__ import annotations

import pytest

from plankg.ingest.clean import continues_paragraph
from plankg.ingest.markers import has_responsibility_clause
from plankg.vocab import load_vocab

CUES = load_vocab("owner_clauses")["cues"]


@pytest.mark.parametrize("verb", CUES["bracket_verbs"])
def test_every_bracket_verb_flags_a_clause(verb):
    assert has_responsibility_clause(f"推进园区道路改造。（规划科{verb}）")


@pytest.mark.parametrize("head", CUES["label_heads"])
def test_every_label_head_flags_a_labelled_list(head):
    assert has_responsibility_clause(f"推进园区道路改造。{head}单位：规划科")


def test_a_bracket_without_a_cue_is_no_clause():
    assert not has_responsibility_clause("推进园区道路改造（二期）。")
    assert not has_responsibility_clause("推进园区道路改造。联系单位：规划科")


@pytest.mark.parametrize("word", [*CUES["bracket_verbs"], *CUES["line_clause_extra"]])
def test_a_clause_alone_on_a_line_closes_the_paragraph_before_it(word):
    pieces = ["（三）推进园区道路改造", "完善园区配套设施。"]
    assert continues_paragraph(pieces, f"（规划科{word}）")
    assert not continues_paragraph(pieces, "（二期）")
