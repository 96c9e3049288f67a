"""Longest-word matching against a vocabulary."""

from __future__ import annotations

import pytest

from plankg.ingest.wordscan import LongestWords
from plankg.vocab import load_vocab

PLAN_TEXT = (
    "到2025年，聊城市新增省级以上专精特新企业50家；支持临清市、茌平区和阳谷县建设特色产业集群，"
    "推动济南市、青岛市与聊城市开展合作。（市发展改革委、市工业和信息化局分别负责）"
)


def brute_force(words: set[str], text: str) -> list[tuple[int, str]]:
    """Every position with the longest word there, by trying every word."""
    found = []
    for pos in range(len(text)):
        starting = [w for w in words if text.startswith(w, pos)]
        if starting:
            found.append((pos, max(starting, key=len)))
    return found


@pytest.mark.parametrize(
    ("words", "text", "pos", "expected"),
    [
        ({"聊城", "聊城市"}, "聊城市工信局", 0, "聊城市"),
        ({"聊城", "聊城市"}, "聊城工信局", 0, "聊城"),
        ({"聊城", "聊城市"}, "在聊城市", 1, "聊城市"),
        ({"聊城", "聊城市"}, "在聊城市", 0, None),
        # the tree backs off to the last word end when a longer branch fails part-way
        ({"发展", "发展改革委员会"}, "发展改革委", 0, "发展"),
        ({"市", "市委", "市委组织部"}, "市委宣传部", 0, "市委"),
        ({"5G", "C++", "(一)", "a.b"}, "用C++写", 1, "C++"),
        ({"5G", "C++", "(一)", "a.b"}, "(一)", 0, "(一)"),
        ({"a.b"}, "axb", 0, None),  # regex characters are literal
        ({"科"}, "科技", 0, "科"),
        ({"科"}, "", 0, None),
        ({"科"}, "科技", 5, None),
        (set(), "科技", 0, None),
    ],
)
def test_at_gives_the_longest_word_starting_there(words, text, pos, expected):
    assert LongestWords(words).at(text, pos) == expected


def test_matches_agrees_with_trying_every_word_on_the_region_vocabulary():
    regions = load_vocab("regions")["regions"]
    words = {r["name"] for r in regions} | {r["stem"] for r in regions if len(r["stem"]) >= 2}
    found = list(LongestWords(words).matches(PLAN_TEXT))
    assert found == brute_force(words, PLAN_TEXT)
    assert (PLAN_TEXT.index("临清市"), "临清市") in found


def test_matches_reports_overlapping_words_and_single_characters():
    words = {"市", "市委", "委员会", "员"}
    assert list(LongestWords(words).matches("市委员会")) == [(0, "市委"), (1, "委员会"), (2, "员")]


def test_empty_vocabulary_never_matches():
    assert list(LongestWords(["", ""]).matches(PLAN_TEXT)) == []
