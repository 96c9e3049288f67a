"""Sentences and clauses (split outside parentheses), and the deadlines and periods that date
them (到2025年, 2023-2025年, “十四五”期间)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plankg.ingest.targets.lexicon import (
    _lexicon,
)

_SENTENCE_ENDS = "。！？!?\n"


_CLAUSE_ENDS = "，,；;：:"


_OPENERS, _CLOSERS = "（(", "）)"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@cache
def _split_marks(delimiters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(delimiters + _OPENERS + _CLOSERS)}]")


def _split(s: str, span: _Span, delimiters: str) -> list[_Span]:
    """Pieces of ``span`` between delimiters outside parentheses, empty pieces dropped."""
    pieces, depth, start = [], 0, span.start
    for mark in _split_marks(delimiters).finditer(s, span.start, span.end):
        ch = mark.group()
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0:
            pieces.append(_Span(start, mark.start()))
            start = mark.end()
    pieces.append(_Span(start, span.end))
    return [p for p in pieces if p.end > p.start]


@dataclass(frozen=True)
class _TimeMark:
    start: int
    end: int
    year: int | None
    period: tuple[int, int] | None


_PERIOD_RE = re.compile(r"(\d{4})年?[-－—–~～至到](\d{4})年")


_DEADLINE_RE = re.compile(
    r"(?:到|至|截至|截止到?)(\d{4})年(?:底|末)?"
    r"|(\d{4})年(?:底|末)?前"
    r"|(?<=确保|力争|争取|计划)(\d{4})年(?:底|末)?"
    r"|(?:^|(?<=[，,；;：:。\n]))(\d{4})年(?:底|末)?(?![\d月])"
)


def _time_marks(s: str) -> list[_TimeMark]:
    """Deadlines (到2025年), periods (2023-2025年) and five-year-plan periods (“十四五”期间)."""
    dated = "年" in s  # every period and deadline pattern ends in 年
    marks = [
        _TimeMark(m.start(), m.end(), None, (int(m.group(1)), int(m.group(2))))
        for m in (_PERIOD_RE.finditer(s) if dated else ())
    ]
    plans = _lexicon().words["five_year_plans"]
    for m in _lexicon().five_year_re.finditer(s):
        first, last = plans[m.group(1)]
        if m.group(2) == "末":  # “十四五”末 is a deadline, “十四五”期间 a period
            marks.append(_TimeMark(m.start(), m.end(), last, None))
        else:
            marks.append(_TimeMark(m.start(), m.end(), None, (first, last)))
    taken = [(m.start, m.end) for m in marks]
    for m in _DEADLINE_RE.finditer(s) if dated else ():
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        year = int(next(g for g in m.groups() if g))
        marks.append(_TimeMark(m.start(), m.end(), year, None))
    return sorted(marks, key=lambda m: m.start)


def _governing_mark(marks: list[_TimeMark], sentence: _Span, pos: int) -> _TimeMark | None:
    """The deadline of the sentence (the nearest before ``pos``, else the first after), else the
    last one earlier in the text."""
    inside = [m for m in marks if sentence.start <= m.start < sentence.end]
    before = [m for m in inside if m.start < pos]
    if before:
        return before[-1]
    if inside:
        return inside[0]
    earlier = [m for m in marks if m.end <= sentence.start]
    return earlier[-1] if earlier else None
