"""Quantities found in a clause, each marked as a possible goal or as an attribute (级, 的,
《》, a note, an eligibility bound), and how neighbouring quantities relate: joined by a
conjunction (分别达到65%和55%) or one qualifying the other (建成1000亩以上林地5个)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.targets.clauses import (
    _CLOSERS,
    _OPENERS,
    _Span,
)
from plankg.ingest.targets.lexicon import (
    _lexicon,
)
from plankg.ingest.targets.quantities import (
    _NUMBER,
    _read_chinese_quantity,
    _read_quantity,
    _Reading,
)
from plankg.ingest.targets.words import (
    _back_over_lead_qualifiers,
    _skip_context,
    _strip_modifiers,
    _verb_ending_at,
)


@dataclass(frozen=True)
class _Hit:
    reading: _Reading
    end: int  # after trailing qualifiers (以上, 左右 …)
    attribute: bool  # describes something (级, 的, 《》, a note): never a target value
    chinese: bool = False  # spelled with Chinese numerals (十个): a target only after a goal verb
    names_goal: bool = False  # 占建成区50%的目标: closes its item like a clause end


def _hits(s: str, span: _Span) -> list[_Hit]:
    hits: list[_Hit] = []
    pos = span.start
    for match in _NUMBER.finditer(s, span.start, span.end):
        start = match.start()
        if start < pos:
            continue  # the upper end of a range already read
        before = s[start - 1] if start > span.start else ""
        if before and ((before.isascii() and before.isalnum()) or before in "第."):
            continue
        reading = _read_quantity(s, start)
        if reading is None or reading.end > span.end:
            continue
        hits.append(_hit(s, span, reading))
        pos = reading.end
    hits.extend(_chinese_hits(s, span))
    return sorted(hits, key=lambda h: h.reading.start)


def _hit(s: str, span: _Span, reading: _Reading, *, chinese: bool = False) -> _Hit:
    post = _lexicon().post_qualifiers
    end = reading.end
    while (q := post.starting_at(s, end)) is not None:
        end += len(q)
    de = end if s.startswith("的", end) else reading.end if s.startswith("的", reading.end) else -1
    # 占建成区50%的目标: a quantity that is the goal itself, not an attribute of a noun
    names_goal = de >= 0 and _names_goal(s, de + 1)
    attribute = (
        reading.order_of_magnitude
        or (reading.unit is not None and reading.unit.category == "grade")
        or (de >= 0 and not names_goal and not _counted_object(s, span, reading))
        or (end > reading.end and _selects(s, span, reading, end))
        or s.count("《", 0, reading.start) > s.count("》", 0, reading.start)
        or _inside_parentheses(s, span.start, reading.start)
    )
    return _Hit(reading, end, attribute, chinese, names_goal)


def _names_goal(s: str, pos: int) -> bool:
    """Whether a goal noun (目标, 任务) starts at ``pos``, after at most one modifier (年度)."""
    lex = _lexicon()
    if (modifier := lex.goal_noun_modifiers.starting_at(s, pos)) is not None:
        pos += len(modifier)
    return lex.goal_nouns.starting_at(s, pos) is not None


def _selects(s: str, span: _Span, reading: _Reading, end: int) -> bool:
    """对建设面积2000平方米以上的…: a bound in a clause that opens by picking out whom a measure
    applies to is an eligibility rule, not a goal."""
    lex = _lexicon()
    bound = s[reading.end : end]
    if not any(b in bound for b in lex.words["threshold_qualifiers"]):
        return False
    opening, _ = _skip_context(s, span.start, reading.start)
    return lex.selection_openers.starting_at(s, opening) is not None


def _counted_object(s: str, span: _Span, reading: _Reading) -> bool:
    """建成230座以上的公园, 提供总计10万平方米的空间: a quantity right after a goal verb (and a
    lead qualifier) is what is built or provided, even with 的; a bound on an amount
    (实施500万元以上的项目) selects, and 年营业收入500万元的企业 and 节能率不低于15%的建筑 stay
    attributes."""
    if reading.unit is None:
        return False
    if reading.unit.category != "count" and not s.startswith("的", reading.end):
        return False
    pre_end = _strip_modifiers(s, span.start, reading.start)
    pre_end = _back_over_lead_qualifiers(s, span.start, pre_end)
    return _verb_ending_at(s, span.start, pre_end, _lexicon().object_verbs) is not None


_CHINESE_NUMBER = re.compile("[一二两三四五六七八九十][一二两三四五六七八九十百千零]*")


def _chinese_hits(s: str, span: _Span) -> list[_Hit]:
    """Quantities spelled in Chinese numerals (十个, 五千亿元) right after a goal verb; any other
    Chinese numeral is a name or a figure of speech (三区三线, 数以万计, 五分之一)."""
    lex = _lexicon()
    hits = []
    for match in _CHINESE_NUMBER.finditer(s, span.start, span.end):
        start = match.start()
        reading = _read_chinese_quantity(s, start)
        if reading is None or reading.end > span.end or reading.value <= 1:
            continue
        pre_end = _strip_modifiers(s, span.start, start)
        verb = _verb_ending_at(s, span.start, pre_end, lex.object_verbs) or _verb_ending_at(
            s, span.start, pre_end, lex.predicate_verbs
        )
        if verb is None:
            continue
        hits.append(_hit(s, span, reading, chinese=True))
    return hits


def _inside_parentheses(s: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside a note such as （含新增150家）: notes qualify, they set no goal."""
    piece = s[start:pos]
    return sum(piece.count(c) for c in _OPENERS) > sum(piece.count(c) for c in _CLOSERS)


_JOINERS = ("以及", "和", "及", "与", "或", "、")


def _joiner_length(s: str, pos: int, following: _Hit | None) -> int:
    """Length of a conjunction at ``pos`` that links this quantity to the next one
    (分别达到65%和55%), else 0."""
    if following is None:
        return 0
    word = next((j for j in _JOINERS if s.startswith(j, pos)), None)
    if word is None or pos + len(word) != following.reading.start:
        return 0
    return len(word)


def _verb_before(s: str, start: int, hit: _Hit) -> bool:
    lex = _lexicon()
    pre_end = _strip_modifiers(s, start, hit.reading.start)
    return (
        _verb_ending_at(s, start, pre_end, lex.object_verbs) is not None
        or _verb_ending_at(s, start, pre_end, lex.predicate_verbs) is not None
    )


def _is_threshold(s: str, hit: _Hit, following: _Hit | None, clause: _Span) -> bool:
    """A quantity whose noun phrase ends in another quantity qualifies that noun: the second
    number is the goal (建成1000亩以上开放休闲林地5个)."""
    if following is None:
        return False
    closes = following.end == clause.end or s[following.end] in "、（("
    between = s[hit.end : following.reading.start]
    return closes and not any(j in between for j in _JOINERS)


def _object_end(s: str, hit: _Hit, following: _Hit | None, clause: _Span) -> int:
    """Where the noun after a quantity ends: before a conjunction that starts the next counted
    noun (2个A和6个B), before a closing quote opened earlier (“创建50个示范项目”), else at the
    clause end."""
    end = clause.end
    if following is not None:
        joiner = next((j for j in _JOINERS if s.endswith(j, 0, following.reading.start)), None)
        if joiner is not None:
            end = following.reading.start - len(joiner)
    quote = s.find("”", hit.end, end)
    if quote >= 0 and s.count("“", clause.start, hit.reading.start) > s.count(
        "”", clause.start, hit.reading.start
    ):
        end = quote
    return end
