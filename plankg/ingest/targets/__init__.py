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

One job per module: ``lexicon`` (the vocabularies compiled), ``quantities`` (numbers with units),
``clauses`` (sentences, clauses, deadlines), ``words`` (the words around a quantity), ``hits``
(quantities in a clause, goal or attribute), ``drafts`` (one draft per target); this module turns
drafts into :class:`~plankg.models.Target` records.
"""

from __future__ import annotations

from plankg.errors import InputError
from plankg.ingest.targets.drafts import (
    _Draft,
    _drafts,
)
from plankg.ingest.targets.lexicon import (
    _lexicon,
)
from plankg.ingest.targets.quantities import (
    Quantity,
    _squeeze,
    _Squeezed,
    _to_quantity,
    parse_quantity,
)
from plankg.models import Evidence, Target, TargetKind

__all__ = ["Quantity", "extract_targets", "parse_quantity"]


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
