"""Clauses that look like responsibility or like a target but yielded nothing.

Extraction is rule-based, and a rule that does not fire leaves a silent gap. This module compares
cue words (the ``unparsed_cues`` vocabulary, and the goal verbs and units of the target
vocabularies) against what extraction produced: a clause with a responsibility cue that no owner's
evidence touches, or a clause with a goal word before a number and a unit that no target's
evidence touches, is reported with its holder's code and its offsets, so a user sees what the
parser did not understand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from plankg.ingest.wordscan import LongestWords
from plankg.models import Evidence, UnparsedClause, UnparsedKind
from plankg.vocab import load_vocab

__all__ = ["UnparsedInput", "unparsed_clauses"]


@dataclass(frozen=True)
class UnparsedInput:
    """One holder's text and what extraction found in it."""

    code: str | None  # task or section code; None for the plan's opening text
    text: str  # the holder's text, in match (simplified) characters
    start: int  # where ``text`` starts in the plan's text
    owner_evidence: tuple[Evidence, ...]
    target_evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class _Cues:
    responsibility: re.Pattern[str]
    goal: re.Pattern[str]
    units: LongestWords


@cache
def _cues() -> _Cues:
    cues = load_vocab("unparsed_cues")
    words = load_vocab("target_words")
    units = load_vocab("units")
    goal = [
        *cues["goal_words"],
        *words["predicate_verbs"],
        *words["change_verbs"],
        *words["object_verbs"],
    ]
    forms = [f for u in units["units"] for f in u.get("forms", [u["unit"]])]
    return _Cues(
        responsibility=re.compile(_alternation(cues["responsibility_cues"])),
        goal=re.compile(_alternation(goal)),
        units=LongestWords(forms),
    )


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:[-－—~～至]\d+(?:\.\d+)?)?[百千万亿]*")


def unparsed_clauses(holders: Iterable[UnparsedInput]) -> list[UnparsedClause]:
    """Every clause of the holders that has a cue but yielded nothing, in text order."""
    found: list[UnparsedClause] = []
    for holder in holders:
        for start, end in _clauses(holder.text):
            clause = holder.text[start:end]
            absolute = (holder.start + start, holder.start + end)
            kind = _unmatched_kind(clause, absolute, holder)
            if kind is not None:
                found.append(
                    UnparsedClause(
                        kind=kind,
                        code=holder.code,
                        phrase=clause,
                        start=absolute[0],
                        end=absolute[1],
                    )
                )
    return sorted(found, key=lambda u: (u.start, u.kind))


def _unmatched_kind(
    clause: str, span: tuple[int, int], holder: UnparsedInput
) -> UnparsedKind | None:
    cues = _cues()
    if cues.responsibility.search(clause) and not _touched(span, holder.owner_evidence):
        return "responsibility"
    if _has_goal_quantity(clause) and not _touched(span, holder.target_evidence):
        return "target"
    return None


def _has_goal_quantity(clause: str) -> bool:
    """A goal word, then a number with a unit (达到80家, 新增15个)."""
    cues = _cues()
    goal = cues.goal.search(clause)
    if goal is None:
        return False
    for number in _NUMBER.finditer(clause, goal.end()):
        if cues.units.at(clause, number.end()) is not None:
            return True
    return False


def _touched(span: tuple[int, int], evidence: Iterable[Evidence]) -> bool:
    return any(e.start < span[1] and span[0] < e.end for e in evidence)


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """Sentences and ；-clauses, with their edge spaces trimmed; a bracketed note stays whole."""
    start, depth = 0, 0
    for pos, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        elif depth == 0 and _CLAUSE_END.match(ch):
            yield from _trimmed(text, start, pos + 1)
            start = pos + 1
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
