"""Splitting a window of plan text into lead words, known words, quantities and other runs."""

from __future__ import annotations

import pytest

from plankg.ingest.namescan import Token, WindowWords

WORDS = WindowWords(lead_words=["打造", "培育", "和", "的", "推进"], known_words=["有色", "特色"])


@pytest.mark.parametrize(
    ("window", "tokens"),
    [
        ("培育特色茶叶", [("培育", True), ("特色", False), ("茶叶", False)]),
        # a known word that starts with a lead character stays whole: 有色 is not 有 + 色
        ("打造有色金属", [("打造", True), ("有色", False), ("金属", False)]),
        ("推进2-3个百亿级", [("推进", True), ("2-3个", False), ("百亿级", False)]),
        ("茶叶和蚕桑的", [("茶叶", False), ("和", True), ("蚕桑", False), ("的", True)]),
        ("", []),
    ],
)
def test_tokens(window, tokens):
    assert WORDS.tokens(window) == tuple(Token(text, lead) for text, lead in tokens)
