"""The words around a quantity: deadline, aspiration and scope words before a metric, words
that modify the number (约, 至少), verbs ending at a position, and the cleaned metric name."""

from __future__ import annotations

import re

from plankg.ingest.targets.clauses import (
    _Span,
)
from plankg.ingest.targets.lexicon import (
    _lexicon,
    _WordSet,
)


def _unique(words: list[str]) -> list[str]:
    return list(dict.fromkeys(words))


def _skip_context(s: str, start: int, end: int) -> tuple[int, int | None]:
    """Where the metric starts after deadline, aspiration and scope words, and where lead
    qualifiers (每年, 累计 …) start, which belong to the evidence."""
    lex = _lexicon()
    pos, lead = start, None
    while pos < end:
        if m := lex.lead_qualifier_re.match(s, pos, end):
            lead = pos if lead is None else lead
        elif m := lex.context_prefix_re.match(s, pos, end):
            lead = None
        else:
            break
        pos = m.end()
    return pos, lead


def _strip_modifiers(s: str, start: int, end: int) -> int:
    """``end`` moved back over words that modify the number itself (约, 近, 至少)."""
    word_start = _lexicon().pre_modifiers.start_of_word_ending_at(s, start, end)
    return end if word_start is None else word_start


def _verb_ending_at(s: str, start: int, end: int, verbs: _WordSet) -> _Span | None:
    verb_start = verbs.start_of_word_ending_at(s, start, end)
    return None if verb_start is None else _Span(verb_start, end)


def _clean_metric(raw: str) -> str:
    """A metric name: no parenthetical notes, no edge punctuation, no trailing 分别 / 均."""
    metric = re.sub(r"（[^（）]*）|\([^()]*\)", "", raw).strip("、，,；;：: \n")
    metric = metric.removeprefix("的")  # 230座以上的公园
    trailers = _lexicon().metric_trailers
    while (start := trailers.start_of_word_ending_at(metric, 0, len(metric))) is not None:
        metric = metric[:start]
    return metric


def _level_only(metric: str) -> bool:
    return _lexicon().level_prefix_re.fullmatch(metric) is not None


def _complete_level_metric(metric: str, previous: str) -> str:
    """省级 after 国家级工业设计中心1家 means 省级工业设计中心."""
    level = _lexicon().level_prefix_re.match(previous)
    return metric + (previous[level.end() :] if level else previous)


def _back_over_lead_qualifiers(s: str, start: int, pos: int) -> int:
    """``pos`` moved back over 每年 / 累计 … written just before it (每年新增5家)."""
    words = _lexicon().words["lead_qualifiers"]
    while word := next(
        (w for w in words if pos - len(w) >= start and s.startswith(w, pos - len(w))), None
    ):
        pos -= len(word)
    return pos


def _lead_qualifier_before(s: str, clause: _Span, pos: int) -> _Span | None:
    words = _lexicon().words["lead_qualifiers"]
    word = next((w for w in words if s.startswith(w, pos - len(w), pos)), None)
    return None if word is None or pos - len(word) < clause.start else _Span(pos - len(word), pos)
