"""Drafts: one per target, in squeezed coordinates. A quantity that closes its item takes its
metric and verb from before it (规上企业达到80家); one followed by its noun takes the verb before
it (新增15家研发中心); a table cell holding only a value is a target of its row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from plankg.ingest.targets.clauses import (
    _CLAUSE_ENDS,
    _SENTENCE_ENDS,
    _governing_mark,
    _Span,
    _split,
    _time_marks,
    _TimeMark,
)
from plankg.ingest.targets.hits import (
    _CHINESE_NUMBER,
    _JOINERS,
    _Hit,
    _hit,
    _hits,
    _is_threshold,
    _joiner_length,
    _object_end,
    _verb_before,
)
from plankg.ingest.targets.lexicon import (
    _lexicon,
    _WordSet,
)
from plankg.ingest.targets.quantities import (
    _DIGIT,
    _read_quantity,
    _Reading,
)
from plankg.ingest.targets.words import (
    _back_over_lead_qualifiers,
    _clean_metric,
    _complete_level_metric,
    _lead_qualifier_before,
    _level_only,
    _skip_context,
    _strip_modifiers,
    _unique,
    _verb_ending_at,
)

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
            closing = (
                hit.end == clause.end
                or s[hit.end] in "、（("
                or joiner > 0
                or hit.names_goal
                # 安排资金81亿元充实基金: what the amount is for follows it
                or lex.purpose_verbs.starting_at(s, hit.end) is not None
            )
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
            if closing:
                listed = draft  # 团队1000个、1万名科研人员: the next count continues the list
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
    if (
        verb := _verb_ending_at(s, item_start, pre_end, lex.predicate_verbs)
    ) and not _inside_object_verb(s, item_start, verb, lex.object_verbs):
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


def _inside_object_verb(s: str, start: int, verb: _Span, object_verbs: _WordSet) -> bool:
    """Whether a predicate verb is the tail of a longer goal verb: 达 in 下达60%."""
    found = _verb_ending_at(s, start, verb.end, object_verbs)
    return found is not None and found.start < verb.start


def _subject_first_draft(s: str, clause: _Span, hit: _Hit, lead: _Span) -> _Draft | None:
    """建设用地面积共计52.12平方公里达到…: the metric, a lead qualifier, then the quantity."""
    metric_start, _ = _skip_context(s, clause.start, lead.start)
    metric = _clean_metric(s[metric_start : lead.start])
    if not metric:
        return None
    draft = _Draft(
        metric=metric,
        base_metric=metric,
        evidence_start=metric_start,
        evidence_end=hit.end,
        subject=_Span(metric_start, lead.start),
        verb_kind="none",
        reading=hit.reading,
    )
    draft.qualifiers = _scan_qualifiers(s, draft)
    return draft


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
    # 安排不低于2000万元专项资金: a bound between the verb and the number
    bound = _verb_ending_at(s, clause.start, pre_end, lex.predicate_verbs)
    if bound is not None and not _inside_object_verb(s, clause.start, bound, lex.object_verbs):
        pre_end = bound.start
    else:
        bound = None
    # 提供总计10万平方米: a lead qualifier between the verb and the number
    verb_end = _back_over_lead_qualifiers(s, clause.start, pre_end)
    verb = _verb_ending_at(s, clause.start, verb_end, lex.object_verbs) or _verb_ending_at(
        s, clause.start, verb_end, lex.change_verbs
    )
    if verb is None and bound is not None and goal_context:
        verb = bound  # 到2035年，基本达到3-5年一遇排水能力
    lead = _lead_qualifier_before(s, clause, pre_end) if verb is None and goal_context else None
    if lead is not None and (subject_first := _subject_first_draft(s, clause, hit, lead)):
        return subject_first
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
