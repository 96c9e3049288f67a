"""The words of responsibility clauses, from ``vocab/owner_clauses.json``, as the patterns the
clause parser matches; and the characters that delimit clauses and lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from plankg.vocab import load_vocab

OPEN_BRACKETS = "（("
CLOSE_BRACKETS = "）)"
# Brackets that hold part of a name (各县〔市、区〕, 市商务局<市口岸办>): what they enclose is
# never split; only the round ones open a clause.
NAME_BRACKETS = {
    "（": "）",
    "(": ")",
    "〔": "〕",
    "[": "]",
    "【": "】",
    "<": ">",
    "《": "》",
    "〈": "〉",
}
# Inside a clause these separate owner names; 和/及/与 are handled separately because they
# also occur inside names (培训与交流科).
LIST_SEPARATORS = "、，,；;"
CONJUNCTIONS = ("以及", "和", "及", "与")


def alternation(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def clause_words() -> dict[str, Any]:
    return load_vocab("owner_clauses")


@lru_cache(maxsize=1)
def segment_verb_pattern() -> re.Pattern[str]:
    """A bracketed clause is a sequence of segments "names [等] [modifier] verb", joined by ，；."""
    words = clause_words()
    modifiers = [w for group in words["verb_modifiers"].values() for w in group]
    verbs = [w for group in words["verbs"].values() for w in group]
    return re.compile(f"(?P<modifier>{alternation(modifiers)})?(?P<verb>{alternation(verbs)})")


@lru_cache(maxsize=1)
def verb_kinds() -> dict[str, str]:
    return {w: kind for kind, group in clause_words()["verbs"].items() for w in group}


@lru_cache(maxsize=1)
def role_keywords() -> tuple[str, ...]:
    """Words without which a bracket is not a candidate clause."""
    words = clause_words()
    verbs = [w for group in words["verbs"].values() for w in group]
    labels = [w for group in words["label_kinds"].values() for w in group]
    return tuple(sorted(set(verbs + labels)))


@lru_cache(maxsize=1)
def label_pattern() -> re.Pattern[str]:
    """Labelled forms: 牵头单位：A；配合单位：B、C / 责任单位：A、B / 负责部门：…"""
    words = clause_words()
    kinds = [w for group in words["label_kinds"].values() for w in group]
    return re.compile(
        f"(?P<kind>{alternation(kinds)})(?:{alternation(words['label_nouns'])})\\s*[:：]\\s*"
    )


@lru_cache(maxsize=1)
def label_kinds() -> dict[str, str]:
    return {w: kind for kind, group in clause_words()["label_kinds"].items() for w in group}


@lru_cache(maxsize=1)
def open_ended_pattern() -> re.Pattern[str]:
    """等 / 等有关部门和单位 ending a list, or before 和/及 and a further (group) owner."""
    tails = [t[1:] for t in clause_words()["open_ended_tails"] if t.startswith("等") and t != "等"]
    conjunctions = alternation(CONJUNCTIONS)
    return re.compile(
        f"等(?:{alternation(tails)})?(?:{conjunctions})?(?=[{re.escape(LIST_SEPARATORS)}]|$)"
        f"|等(?:{alternation(tails)})?(?:{conjunctions})"
    )


@lru_cache(maxsize=1)
def convene_pattern() -> re.Pattern[str]:
    """A会同有关部门 / A会同B: A convenes the others, so A leads."""
    words = clause_words()
    return re.compile(
        f"(?:{alternation(words['convene_words'])})(?:{alternation(words['convened_unnamed'])})?"
    )


@lru_cache(maxsize=1)
def first_listed_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in clause_words()["first_listed_leads"])
