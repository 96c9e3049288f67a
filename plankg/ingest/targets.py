"""Numeric (and vague) targets in a plan's task or section text.

A target is a goal the plan commits to: a quantity after a goal verb (规上企业达到80家,
新增省级研发中心15家, 打造2-3个产业集群), or a quantity closing a clause of a sentence governed by a
deadline or an aspiration (到2025年，力争…；…产业4个). Counts that describe the present or the
object of another action are not targets: 支持3家化工园区 (the number follows a verb that is not a
goal verb), 等10大领域 (大 is no unit), 年营业收入500-2000万元的企业 (a quantity followed by 的 is
an attribute), 500亿级产业 (级 makes a size class), 《…》 titles and years.

Analysis runs on a copy of the text without spaces and tabs, because readers leave some inside
phrases (``占 GDP 的比重``, ``1.3 万个``); every position maps back to the caller's text, so each
target's evidence is an exact slice of it. Words that steer the analysis live in the vocabularies
``units`` and ``target_words``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from plankg.errors import InputError
from plankg.ingest.wordscan import LongestWords
from plankg.models import Evidence, Target, TargetKind
from plankg.vocab import load_vocab

__all__ = ["Quantity", "extract_targets", "parse_quantity"]


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, normalised: ``1.3万个`` is 13000 个, ``2-3个`` is 2..3 个."""

    value: float
    value_max: float | None  # upper bound of a range
    unit: str | None  # canonical unit after scaling; None for a bare scaled number (3万)
    unit_en: str | None
    raw: str  # as written
    order_of_magnitude: bool = False  # 千亿级 / 500亿级: a size class, not an amount


def parse_quantity(s: str) -> Quantity | None:
    """The quantity ``s`` spells, or None when ``s`` is not exactly one quantity.

    Accepts arabic numbers (``1.3万个``, ``2-3个``, ``35%``, ``1000亿元``, ``100多家``) and simple
    Chinese numerals (``两个百分点``, ``千亿级``, ``万亿级``).
    """
    squeezed = _squeeze(s)
    text = squeezed.text
    if not text:
        return None
    reading = _read_quantity(text, 0) if text[0].isdigit() else _read_chinese_quantity(text)
    if reading is None or reading.end != len(text):
        return None
    return _to_quantity(reading, s.strip())


def extract_targets(
    text: str, offset: int = 0, *, plan_period: tuple[int, int] | None = None
) -> list[Target]:
    """Every target in ``text`` in text order, ordinals 1..n.

    ``offset`` is where ``text`` starts in the plan's clean text: evidence offsets are absolute.
    ``plan_period`` (first year, last year) dates annual targets and targets without a deadline,
    and marks targets dated before it as history rather than goals.
    """
    if plan_period is not None and plan_period[0] > plan_period[1]:
        raise InputError(
            f"plan period {plan_period[0]}-{plan_period[1]}: the first year is after the last"
        )
    squeezed = _squeeze(text)
    drafts = _drafts(squeezed.text, plan_period)
    drafts.sort(key=lambda d: d.evidence_start)
    return [
        _to_target(ordinal, draft, squeezed, text, offset, plan_period)
        for ordinal, draft in enumerate(drafts, start=1)
    ]


# ================================================================================================
# Vocabulary
# ================================================================================================


@dataclass(frozen=True)
class _Unit:
    name: str
    en: str
    category: str


class _WordSet:
    """Words found by the text ending or starting at a position, longest first.

    A few slices and set look-ups per position instead of a ``startswith`` per word.
    """

    def __init__(self, words: list[str]) -> None:
        self.words = frozenset(words)
        self.lengths = tuple(sorted({len(w) for w in self.words}, reverse=True))

    def start_of_word_ending_at(self, s: str, start: int, end: int) -> int | None:
        """Where the longest word ending at ``end`` and starting at or after ``start`` begins."""
        for length in self.lengths:
            if end - length >= start and s[end - length : end] in self.words:
                return end - length
        return None

    def starting_at(self, s: str, pos: int) -> str | None:
        """The longest word ``s`` has at ``pos``."""
        for length in self.lengths:
            if s[pos : pos + length] in self.words:
                return s[pos : pos + length]
        return None


@dataclass(frozen=True)
class _Lexicon:
    unit_by_form: dict[str, _Unit]
    unit_forms: LongestWords
    scales: dict[str, Decimal]
    implied_units: dict[str, str]
    chinese_digits: dict[str, int]
    chinese_multipliers: dict[str, int]
    words: dict[str, Any]
    qualifier_re: re.Pattern[str]
    vague_res: tuple[re.Pattern[str], ...]
    context_prefix_re: re.Pattern[str]
    lead_qualifier_re: re.Pattern[str]
    object_verb_re: re.Pattern[str]
    five_year_re: re.Pattern[str]
    level_prefix_re: re.Pattern[str]  # 国家级 / 省级及以上 at the start of a metric
    goal_context_re: re.Pattern[str]  # aspiration or recurring words
    status_re: re.Pattern[str]
    subsidy_re: re.Pattern[str]
    post_qualifiers: _WordSet
    metric_trailers: _WordSet
    pre_modifiers: _WordSet
    predicate_verbs: _WordSet
    change_verbs: _WordSet
    object_verbs: _WordSet


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in _longest_first(words))


@cache
def _lexicon() -> _Lexicon:
    units = load_vocab("units")
    words = load_vocab("target_words")
    unit_by_form: dict[str, _Unit] = {}
    for entry in units["units"]:
        unit = _Unit(entry["unit"], entry["en"], entry["category"])
        for form in entry.get("forms", [entry["unit"]]):
            unit_by_form[form] = unit
    five_year = _alternation(list(words["five_year_plans"]))
    five_year_re = re.compile(rf"[“\"]?({five_year})[”\"]?(期间|时期|末|内)?")
    deadline_prefix = r"(?:到|至|截至|截止到?)?\d{4}年(?:底|末)?前?"
    period_prefix = r"\d{4}年?[-－—–~～至到]\d{4}年(?:期间|间|内)?"
    context_words = words["aspiration_words"] + words["scope_words"] + words["lead_in_words"]
    # an item's own number (4. / （3） / 二、) opens its first clause
    item_number = r"(?:\d{1,3}[.．、](?!\d)|[（(][\d一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
    context_prefix_re = re.compile(
        rf"(?:{item_number}|{period_prefix}|{deadline_prefix}|{five_year_re.pattern}"
        rf"|{_alternation(context_words)}|[、，,；;：:])"
    )
    return _Lexicon(
        unit_by_form=unit_by_form,
        unit_forms=LongestWords(unit_by_form),
        scales={k: Decimal(v) for k, v in units["scales"].items()},
        implied_units=units["implied_units"],
        chinese_digits=units["chinese_digits"],
        chinese_multipliers=units["chinese_multipliers"],
        words=words,
        qualifier_re=re.compile(_alternation(words["qualifiers"])),
        vague_res=tuple(re.compile(p) for p in words["vague_patterns"]),
        context_prefix_re=context_prefix_re,
        lead_qualifier_re=re.compile(_alternation(words["lead_qualifiers"])),
        object_verb_re=re.compile(_alternation(words["object_verbs"])),
        five_year_re=five_year_re,
        level_prefix_re=re.compile(
            rf"(?:{_alternation(words['level_words'])})+"
            rf"(?:{_alternation(words['level_suffixes'])})?"
        ),
        goal_context_re=re.compile(
            _alternation(words["aspiration_words"] + words["recurring_words"])
        ),
        status_re=re.compile(_alternation(words["status_markers"])),
        subsidy_re=re.compile(_alternation(words["subsidy_words"])),
        post_qualifiers=_WordSet(words["post_qualifiers"]),
        metric_trailers=_WordSet(words["metric_trailers"]),
        pre_modifiers=_WordSet(words["pre_modifiers"]),
        predicate_verbs=_WordSet(words["predicate_verbs"]),
        change_verbs=_WordSet(words["change_verbs"]),
        object_verbs=_WordSet(words["object_verbs"]),
    )


# ================================================================================================
# Quantities
# ================================================================================================

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
_RANGE_SEPARATORS = "-－—–~～至到"
_SPACES = " \t\u3000\xa0"


_SPACE_CHAR = re.compile(f"[{_SPACES}]")


@dataclass(frozen=True)
class _Squeezed:
    text: str
    origin: Sequence[int]  # index in the caller's text of every kept character


def _squeeze(text: str) -> _Squeezed:
    if not _SPACE_CHAR.search(text):  # the usual case: nothing to drop
        return _Squeezed(text, range(len(text)))
    kept = [(i, ch) for i, ch in enumerate(text) if ch not in _SPACES]
    return _Squeezed("".join(ch for _, ch in kept), tuple(i for i, _ in kept))


@dataclass(frozen=True)
class _Reading:
    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: _Unit | None
    approximation: str | None  # 多 / 余 in 100多家
    order_of_magnitude: bool


def _unit_form_at(s: str, pos: int) -> str | None:
    return _lexicon().unit_forms.at(s, pos)


def _read_magnitude(s: str, pos: int) -> tuple[Decimal, _Unit | None, str | None, int]:
    """Scale words then a unit after a number: (multiplier, unit, last scale word, end).

    A unit is tried before a scale word so that units carrying their own scale (亿元, 万吨,
    千瓦) stay whole, while 1.3万个 becomes 万 × 个.
    """
    lex = _lexicon()
    factor, last_scale = Decimal(1), None
    while pos < len(s):
        form = _unit_form_at(s, pos)
        if form is not None:
            return factor, lex.unit_by_form[form], last_scale, pos + len(form)
        if s[pos] not in lex.scales:
            break
        factor *= lex.scales[s[pos]]
        last_scale = s[pos]
        pos += 1
    return factor, None, last_scale, pos


def _finish_reading(
    s: str, start: int, lo: Decimal, hi: Decimal | None, approximation: str | None, pos: int
) -> _Reading | None:
    lex = _lexicon()
    factor, unit, last_scale, pos = _read_magnitude(s, pos)
    if hi is None and unit is not None and pos < len(s) and s[pos] in _RANGE_SEPARATORS:
        # a range written with the unit on both ends: 2%-3%
        match = _NUMBER.match(s, pos + 1)
        if match:
            hi_factor, hi_unit, _, hi_end = _read_magnitude(s, match.end())
            if hi_unit == unit:
                hi = Decimal(match.group().replace(",", "")) * hi_factor / factor
                pos = hi_end
    if unit is None and last_scale is None:
        return None
    order_of_magnitude = pos < len(s) and s[pos] == "级"
    if order_of_magnitude:
        pos += 1
        if unit is None and last_scale in lex.implied_units:
            factor /= lex.scales[last_scale]
            unit = lex.unit_by_form[lex.implied_units[last_scale]]
    return _Reading(
        start=start,
        end=pos,
        value=lo * factor,
        value_max=None if hi is None else hi * factor,
        unit=unit,
        approximation=approximation,
        order_of_magnitude=order_of_magnitude,
    )


def _read_quantity(s: str, pos: int) -> _Reading | None:
    """The quantity starting with the arabic number at ``pos``, if a unit or scale follows it."""
    match = _NUMBER.match(s, pos)
    if match is None:
        return None
    lo = Decimal(match.group().replace(",", ""))
    end = match.end()
    hi = None
    approximation = next(
        (a for a in _lexicon().words["approximations"] if s.startswith(a, end)), None
    )
    if approximation:
        end += len(approximation)
    elif end < len(s) and s[end] in _RANGE_SEPARATORS:
        upper = _NUMBER.match(s, end + 1)
        if upper:
            hi = Decimal(upper.group().replace(",", ""))
            end = upper.end()
    return _finish_reading(s, pos, lo, hi, approximation, end)


def _read_chinese_quantity(s: str, start: int = 0) -> _Reading | None:
    """A quantity spelled with Chinese numerals (两个百分点), or with scale words alone (万亿级)."""
    lex = _lexicon()
    total, digit, pos = 0, None, start
    while pos < len(s) and (s[pos] in lex.chinese_digits or s[pos] in lex.chinese_multipliers):
        if s[pos] in lex.chinese_digits:
            digit = lex.chinese_digits[s[pos]]
        else:
            total += (1 if digit is None else digit) * lex.chinese_multipliers[s[pos]]
            digit = None
        pos += 1
    total += digit or 0
    if pos == start and (start >= len(s) or s[start] not in lex.scales):
        return None
    return _finish_reading(s, start, Decimal(total if pos > start else 1), None, None, pos)


def _to_quantity(reading: _Reading, raw: str) -> Quantity:
    return Quantity(
        value=float(reading.value),
        value_max=None if reading.value_max is None else float(reading.value_max),
        unit=reading.unit.name if reading.unit else None,
        unit_en=reading.unit.en if reading.unit else None,
        raw=raw,
        order_of_magnitude=reading.order_of_magnitude,
    )


# ================================================================================================
# Sentences, clauses, deadlines
# ================================================================================================

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
    r"|(?<=确保|力争|争取)(\d{4})年(?:底|末)?"
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


# ================================================================================================
# Drafts: one per target, in squeezed coordinates
# ================================================================================================

VerbKind = Literal["predicate", "change", "share", "object", "none"]


@dataclass
class _Draft:
    metric: str
    base_metric: str  # the metric without a change verb, for the next item to inherit
    evidence_start: int
    evidence_end: int
    subject: _Span  # the metric's own words: not scanned for qualifiers
    verb_kind: VerbKind
    reading: _Reading | None
    qualifiers: list[str] = field(default_factory=list)
    mark: _TimeMark | None = None
    mark_in_sentence: bool = False


@dataclass(frozen=True)
class _Hit:
    reading: _Reading
    end: int  # after trailing qualifiers (以上, 左右 …)
    attribute: bool  # describes something (级, 的, 《》, a note): never a target value
    chinese: bool = False  # spelled with Chinese numerals (十个): a target only after a goal verb


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
    followed_by_de = s.startswith("的", reading.end) or s.startswith("的", end)
    attribute = (
        reading.order_of_magnitude
        or (reading.unit is not None and reading.unit.category == "grade")
        or (followed_by_de and not _counted_object(s, span, reading))
        or s.count("《", 0, reading.start) > s.count("》", 0, reading.start)
        or _inside_parentheses(s, span.start, reading.start)
    )
    return _Hit(reading, end, attribute, chinese)


def _counted_object(s: str, span: _Span, reading: _Reading) -> bool:
    """建成230座以上的公园: a count (not an amount) right after a goal verb is what is built,
    even with 的; 年营业收入500万元的企业 and 节能率不低于15%的建筑 stay attributes."""
    if reading.unit is None or reading.unit.category != "count":
        return False
    pre_end = _strip_modifiers(s, span.start, reading.start)
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


def _drafts(s: str, plan_period: tuple[int, int] | None) -> list[_Draft]:
    if (cell := _value_cell_draft(s)) is not None:
        return [cell]
    marks = _time_marks(s)
    drafts: list[_Draft] = []
    for sentence in _split(s, _Span(0, len(s)), _SENTENCE_ENDS):
        drafts.extend(_sentence_drafts(s, sentence, marks, plan_period))
    return drafts


def _value_cell_draft(s: str) -> _Draft | None:
    """A text that is nothing but a quantity (400项, 3000万吨左右): a table cell holding the value
    of its row's goal; the row says what is counted."""
    if not s or not s[0].isdigit():
        return None
    reading = _read_quantity(s, 0)
    if reading is None:
        return None
    hit = _hit(s, _Span(0, len(s)), reading)
    if hit.end != len(s) or hit.attribute:
        return None
    return _Draft(
        metric="",
        base_metric="",
        evidence_start=0,
        evidence_end=hit.end,
        subject=_Span(0, 0),
        verb_kind="none",
        reading=reading,
        qualifiers=_scan_qualifiers_of(s, 0, hit.end, reading),
    )


def _has_goal_context(s: str, sentence: _Span, marks: list[_TimeMark]) -> bool:
    return (
        any(sentence.start <= m.start < sentence.end for m in marks)
        or _lexicon().goal_context_re.search(s, sentence.start, sentence.end) is not None
    )


def _sentence_drafts(
    s: str, sentence: _Span, marks: list[_TimeMark], plan_period: tuple[int, int] | None
) -> list[_Draft]:
    has_deadline = any(sentence.start <= m.start < sentence.end for m in marks)
    if (
        not has_deadline
        and _DIGIT.search(s, sentence.start, sentence.end) is None
        and _CHINESE_NUMBER.search(s, sentence.start, sentence.end) is None
    ):
        return []  # neither a quantity nor a dated vague goal: most sentences of a plan
    lex = _lexicon()
    goal_context = _has_goal_context(s, sentence, marks)
    drafts: list[_Draft] = []
    previous: _Draft | None = None
    for clause in _split(s, sentence, _CLAUSE_ENDS):
        hits = _hits(s, clause)
        if not hits:
            if has_deadline and (vague := _vague_draft(s, clause)):
                drafts.append(vague)
            continue
        live = [h for h in hits if not h.attribute]
        item_start, clause_previous, listed = clause.start, None, None
        for index, hit in enumerate(live):
            following = live[index + 1] if index + 1 < len(live) else None
            joiner = _joiner_length(s, hit.end, following)
            closing = hit.end == clause.end or s[hit.end] in "、（(" or joiner > 0
            if closing:
                draft = None
                if not hit.chinese or _verb_before(s, item_start, hit):
                    draft = _closing_draft(
                        s, item_start, hit, previous, clause_previous, goal_context
                    )
                item_start = hit.end + max(joiner, 1)
            elif _is_threshold(s, hit, following, clause):
                continue  # 建成1000亩以上开放休闲林地5个: 1000亩 selects what the 5 count
            else:
                end = _object_end(s, hit, following, clause)
                draft = _object_first_draft(s, clause, hit, end, listed, goal_context)
                if draft is not None:
                    listed = draft
            if draft is None or _is_excluded(s, sentence, draft):
                continue
            drafts.append(draft)
            previous = draft
            clause_previous = draft
    for draft in drafts:
        draft.mark = _governing_mark(marks, sentence, draft.evidence_start)
        draft.mark_in_sentence = draft.mark is not None and (
            sentence.start <= draft.mark.start < sentence.end
        )
        aspirations = [
            w
            for w in lex.words["aspiration_words"]
            if w in s[sentence.start : draft.evidence_start]
        ]
        draft.qualifiers = _unique(aspirations + draft.qualifiers)
    return [d for d in drafts if not _is_history(d, plan_period)]


def _is_excluded(s: str, sentence: _Span, draft: _Draft) -> bool:
    """Statements of the present (目前, 现有 …) and money handed out (奖励, 补助 …)."""
    lex = _lexicon()
    return (
        lex.status_re.search(s, sentence.start, draft.evidence_end) is not None
        or lex.subsidy_re.search(s, draft.evidence_start, draft.evidence_end) is not None
    )


def _is_history(draft: _Draft, plan_period: tuple[int, int] | None) -> bool:
    if plan_period is None or draft.mark is None:
        return False
    last_year = draft.mark.year or (draft.mark.period[1] if draft.mark.period else None)
    return last_year is not None and last_year < plan_period[0]


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


def _closing_draft(
    s: str,
    item_start: int,
    hit: _Hit,
    previous: _Draft | None,
    clause_previous: _Draft | None,
    goal_context: bool,
) -> _Draft | None:
    """A quantity that closes its item: the metric and verb come before it."""
    lex = _lexicon()
    words = lex.words
    pre_end = _strip_modifiers(s, item_start, hit.reading.start)
    metric_start, lead = _skip_context(s, item_start, pre_end)
    object_verb = lex.object_verb_re.match(s, metric_start, pre_end)
    subject_start = object_verb.end() if object_verb else metric_start
    verb_text = ""
    verb_kind: VerbKind
    # searched from the item start: 年均 is a lead qualifier and also part of 年均增长
    if verb := _verb_ending_at(s, item_start, pre_end, lex.predicate_verbs):
        verb_kind, subject = "predicate", _Span(min(subject_start, verb.start), verb.start)
    elif verb := _verb_ending_at(s, item_start, pre_end, lex.change_verbs):
        verb_kind, subject = "change", _Span(min(subject_start, verb.start), verb.start)
        verb_text = s[verb.start : verb.end]
    elif any(v in s[subject_start:pre_end] for v in words["share_verbs"]):
        verb_kind, subject = "share", _Span(subject_start, pre_end)
    elif object_verb:
        verb_kind, subject = "object", _Span(subject_start, pre_end)
    elif found := lex.object_verb_re.search(s, metric_start, pre_end):
        # 新增小微企业贷款2000亿元 (what follows the verb), 工业投资上半年完成1600亿元 (what precedes it)
        after = _clean_metric(s[found.end() : pre_end])
        verb_kind = "object"
        subject = _Span(found.end(), pre_end) if after else _Span(metric_start, found.start())
    else:
        if not goal_context and clause_previous is None:
            return None
        verb_kind, subject = "none", _Span(metric_start, pre_end)
    base = _clean_metric(s[subject.start : subject.end])
    if not base:
        if previous is None:
            return None
        base = previous.base_metric
    elif _level_only(base) and previous is not None:
        base = _complete_level_metric(base, previous.base_metric)
    evidence_start = min(p for p in (lead, metric_start, subject.start) if p is not None)
    # an item with no verb of its own continues its enumeration: 新增A 1家、省级10家
    inherited = [
        q
        for q in (clause_previous.qualifiers if clause_previous and verb_kind == "none" else [])
        if q in words["lead_qualifiers"] or q in words["object_verbs"]
    ]
    draft = _Draft(
        metric=base + verb_text,
        base_metric=base,
        evidence_start=evidence_start,
        evidence_end=hit.end,
        subject=subject,
        verb_kind=verb_kind,
        reading=hit.reading,
    )
    draft.qualifiers = _unique(inherited + _scan_qualifiers(s, draft))
    return draft


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


def _object_first_draft(
    s: str,
    clause: _Span,
    hit: _Hit,
    end: int,
    listed: _Draft | None,
    goal_context: bool,
) -> _Draft | None:
    """A goal verb, the quantity, then the metric: 每年新增5家左右规上企业, 打造2-3个产业集群;
    the next noun of the same list (和6个B); in a dated goal sentence, a quantity that opens its
    clause (50平方公里以上建设用地面积达到…)."""
    lex = _lexicon()
    pre_end = _strip_modifiers(s, clause.start, hit.reading.start)
    verb = _verb_ending_at(s, clause.start, pre_end, lex.object_verbs)
    if verb is not None:
        evidence_start = _back_over_lead_qualifiers(s, clause.start, verb.start)
    elif listed is not None and s[listed.evidence_end : hit.reading.start] in _JOINERS:
        evidence_start = hit.reading.start
    elif s[pre_end - 1 : pre_end] in "等、和及与" and (
        found := lex.object_verb_re.search(s, clause.start, pre_end)
    ):
        evidence_start = _back_over_lead_qualifiers(s, clause.start, found.start())
    elif goal_context and _skip_context(s, clause.start, pre_end)[0] == pre_end:
        evidence_start = _skip_context(s, clause.start, pre_end)[1] or pre_end
    else:
        return None
    if hit.chinese and verb is None:
        return None
    subject = _Span(hit.end, end)
    metric = _clean_metric(s[subject.start : subject.end])
    if not metric:
        return None
    draft = _Draft(
        metric=metric,
        base_metric=metric,
        evidence_start=evidence_start,
        evidence_end=subject.end,
        subject=subject,
        verb_kind="object",
        reading=hit.reading,
    )
    draft.qualifiers = _scan_qualifiers(s, draft)
    return draft


def _back_over_lead_qualifiers(s: str, start: int, pos: int) -> int:
    """``pos`` moved back over 每年 / 累计 … written just before it (每年新增5家)."""
    words = _lexicon().words["lead_qualifiers"]
    while word := next(
        (w for w in words if pos - len(w) >= start and s.startswith(w, pos - len(w))), None
    ):
        pos -= len(word)
    return pos


def _vague_draft(s: str, clause: _Span) -> _Draft | None:
    """A goal without a number in a dated sentence: 主要指标年均增速高于全省平均水平."""
    for pattern in _lexicon().vague_res:
        match = pattern.search(s, clause.start, clause.end)
        if match is None:
            continue
        metric_start, _ = _skip_context(s, clause.start, match.start())
        metric = _clean_metric(s[metric_start : match.start()])
        if not metric:
            return None
        draft = _Draft(
            metric=metric,
            base_metric=metric,
            evidence_start=metric_start,
            evidence_end=match.end(),
            subject=_Span(metric_start, match.start()),
            verb_kind="none",
            reading=None,
        )
        draft.qualifiers = _scan_qualifiers(s, draft)
        return draft
    return None


def _scan_qualifiers(s: str, draft: _Draft) -> list[str]:
    """Qualifier words in the evidence outside the metric's own words, in text order."""
    lex = _lexicon()
    outside = (
        s[draft.evidence_start : draft.subject.start]
        + "|"
        + s[draft.subject.end : draft.evidence_end]
        if draft.evidence_start <= draft.subject.start <= draft.evidence_end
        else s[draft.evidence_start : draft.evidence_end]
    )
    found = lex.qualifier_re.findall(outside)
    if draft.reading is not None and draft.reading.approximation:
        found.append(draft.reading.approximation)
    return _unique(found)


def _scan_qualifiers_of(s: str, start: int, end: int, reading: _Reading) -> list[str]:
    found = _lexicon().qualifier_re.findall(s, start, end)
    if reading.approximation:
        found.append(reading.approximation)
    return _unique(found)


# ================================================================================================
# Drafts become records
# ================================================================================================


def _kind(draft: _Draft) -> TargetKind:
    words = _lexicon().words
    unit = draft.reading.unit if draft.reading else None
    if "每年" in draft.qualifiers:
        return "annual"
    if "累计" in draft.qualifiers:
        return "cumulative"
    if draft.verb_kind == "change" or any(g in draft.metric for g in words["growth_markers"]):
        return "growth"
    is_rate = words["rate_marker"] in draft.metric and unit is not None and unit.name == "%"
    if (
        draft.verb_kind == "share"
        or is_rate
        or any(m in draft.metric for m in words["share_markers"])
    ):
        return "share"
    if unit is not None and unit.category == "count":
        return "count"
    return "level"


def _to_target(
    ordinal: int,
    draft: _Draft,
    squeezed: _Squeezed,
    text: str,
    offset: int,
    plan_period: tuple[int, int] | None,
) -> Target:
    kind = _kind(draft)
    mark = draft.mark
    year = mark.year if mark else None
    period = mark.period if mark else None
    if kind == "annual":
        year = year if draft.mark_in_sentence else None
        period = period if draft.mark_in_sentence else plan_period
    elif year is None and period is None:
        period = plan_period
    start = squeezed.origin[draft.evidence_start]
    end = squeezed.origin[draft.evidence_end - 1] + 1
    reading = draft.reading
    quantity = None
    if reading is not None:
        raw = text[squeezed.origin[reading.start] : squeezed.origin[reading.end - 1] + 1]
        quantity = _to_quantity(reading, raw)
    return Target(
        ordinal=ordinal,
        metric=draft.metric,
        value=quantity.value if quantity else None,
        value_max=quantity.value_max if quantity else None,
        unit=quantity.unit if quantity else None,
        raw_value=quantity.raw if quantity else None,
        qualifiers=draft.qualifiers,
        kind=kind,
        year=year,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        vague=quantity is None,
        evidence=Evidence(phrase=text[start:end], start=offset + start, end=offset + end),
    )
