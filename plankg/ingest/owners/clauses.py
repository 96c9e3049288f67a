"""Responsibility clauses of one task: where they are, what they name, and in which role.

Every function takes the text of one task and the absolute ``offset`` of that text in the plan's
clean text, so each :class:`Evidence` satisfies
``evidence.phrase == text[evidence.start - offset:evidence.end - offset]``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from plankg.ingest.owners.lists import depth_mask, split_owner_list, top_level_groups
from plankg.ingest.owners.names import is_collective, looks_like_unit, normalize_name, owner_name
from plankg.ingest.owners.words import (
    CLOSE_BRACKETS,
    LIST_SEPARATORS,
    OPEN_BRACKETS,
    clause_words,
    convene_pattern,
    first_listed_patterns,
    label_kinds,
    label_pattern,
    role_keywords,
    segment_verb_pattern,
    verb_kinds,
)
from plankg.models import Evidence, OwnerMention, Role

_LABEL_LIST_END = "；;。\n"
# Another label after a separator inside a labelled list: the list ends before it.
_FOREIGN_LABEL = re.compile(r"[，,；;\s][\u4e00-\u9fff]{2,6}\s*[:：]")
_ANY_LABEL = re.compile(
    r"[\u4e00-\u9fff]{2,6}\s*[:：]"
)  # 完成时限： after a list in table-like lines


@dataclass
class Responsibility:
    """The owners a task's responsibility clause names."""

    owners: list[OwnerMention]  # in clause order; name = normalised raw
    clause: Evidence | None  # the whole clause, e.g. （科技科、产业政策科分别负责）
    first_is_lead_note: bool = False  # roles came from the plan's "first listed leads" note
    warnings: list[str] = field(default_factory=list)
    clauses: list[Evidence] = field(default_factory=list)  # every clause, in text order


@dataclass(frozen=True)
class _Clause:
    """A candidate clause: its span in the text and the span of the part holding the names."""

    start: int
    end: int
    body_start: int
    body_end: int
    labelled: bool
    unclosed: bool = False  # a bracket never closed: the body runs to the end of the text


@dataclass(frozen=True)
class _Segment:
    names: tuple[tuple[str, int], ...]  # (raw name, position in the text)
    verb: str  # a clause verb, or a label role for labelled forms
    modifier: str
    open_ended: bool


# ---------------------------------------------------------------- clause parsing


def _segment_verb(masked: str, pos: int) -> re.Match[str] | None:
    """The next verb that closes a segment; a verb inside a name (协同创新中心) is followed by
    more of the name, not by a separator or the end."""
    for match in segment_verb_pattern().finditer(masked, pos):
        following = masked[match.end() : match.end() + 1]
        if (
            not following
            or following in LIST_SEPARATORS
            or following in "。. "
            or following.isspace()
        ):
            return match
    return None


def _is_note(rest: str) -> bool:
    """What follows the owner list inside its bracket is a note, not more owners: a new
    sentence (。列第一位者为牵头单位), or a note about roles that holds for the whole plan."""
    stripped = rest.lstrip(LIST_SEPARATORS + " ")
    return (
        rest.lstrip().startswith(("。", "."))
        or "下同" in rest
        or any(p.search(normalize_name(stripped)) for p in first_listed_patterns())
    )


def _name_segments(names_text: str, base: int, verb: str, modifier: str) -> list[_Segment] | None:
    """The segments of one "names verb" part: 'A会同B' gives A as lead, B as support."""
    leads = clause_words()["name_leads"]
    lead_in = next((w for w in leads if names_text.startswith(w)), "")
    names_text, base = names_text[len(lead_in) :], base + len(lead_in)
    masked = depth_mask(names_text)
    if any(w in masked for w in leads):
        return None  # 技工院校内由…负责: a scope, then who; prose, not a list of owners
    convene = convene_pattern().search(masked)
    if convene is None:
        names, open_ended = split_owner_list(names_text, base)
        return [_Segment(tuple(names), verb, modifier, open_ended)] if names else None
    left, left_open = split_owner_list(names_text[: convene.start()], base)
    right, right_open = split_owner_list(names_text[convene.end() :], base + convene.end())
    if not left:
        return None
    segments = [_Segment(tuple(left), "lead", "", left_open or bool(convene.group() != "会同"))]
    if right:
        segments.append(_Segment(tuple(right), "support", "", right_open))
    return segments


def _parse_bracket_body(text: str, start: int, end: int) -> list[_Segment] | None:
    """Segments of a clause body text[start:end], or None when it is not an owner clause."""
    body = text[start:end]
    masked = depth_mask(body)
    segments: list[_Segment] = []
    pos = 0
    while True:
        while pos < len(body) and (masked[pos] in LIST_SEPARATORS or masked[pos].isspace()):
            pos += 1
        if pos >= len(body) or body[pos:].strip() in ("。", "."):
            break
        if segments and _is_note(body[pos - 1 :]):
            break
        match = _segment_verb(masked, pos)
        if match is None:
            return None
        parts = _name_segments(
            body[pos : match.start()], start + pos, match["verb"], match["modifier"] or ""
        )
        if parts is None:
            return None
        segments.extend(parts)
        pos = match.end()
    return segments or None


def _parse_labelled(text: str, start: int, end: int) -> list[_Segment] | None:
    """Segments of labelled lists (牵头单位：A；配合单位：B) inside text[start:end]."""
    labels = list(label_pattern().finditer(text, start, end))
    segments = []
    for number, label in enumerate(labels):
        list_end = labels[number + 1].start() if number + 1 < len(labels) else end
        chunk = text[label.end() : list_end]
        foreign = _FOREIGN_LABEL.search(chunk)  # 负责部门：A，适用范围：… ends at 适用范围
        chunk = chunk[: foreign.start()] if foreign else chunk
        chunk = chunk.rstrip(LIST_SEPARATORS + "。. \n")
        names, open_ended = split_owner_list(chunk, label.end())
        if names:
            kind = label_kinds()[label["kind"]]
            segments.append(_Segment(tuple(names), kind, "", open_ended))
    return segments or None


def _list_end(text: str, pos: int) -> int:
    """Where a labelled list starting at pos ends: at ；。 or a line break outside brackets, or at
    a closing bracket that was opened before pos."""
    depth = 0
    for index in range(pos, len(text)):
        char = text[index]
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            if depth == 0:
                return index
            depth -= 1
        elif (depth == 0 and char in _LABEL_LIST_END) or (
            depth == 0
            and char.isspace()
            and _ANY_LABEL.match(text, _skip_spaces(text, index))
            and not label_pattern().match(text, _skip_spaces(text, index))
        ):
            return index
    return len(text)


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _labelled_clauses(text: str) -> list[_Clause]:
    """Runs of labelled lists (牵头单位：A；配合单位：B); a run wrapped in brackets takes the
    brackets into its span."""
    clauses: list[_Clause] = []
    labels = label_pattern()
    for label in labels.finditer(text):
        if clauses and label.start() < clauses[-1].end:
            continue
        end = _list_end(text, label.end())
        while end < len(text) and text[end] in _LABEL_LIST_END + "，,":
            following = labels.match(text, _skip_spaces(text, end + 1))
            if following is None:
                break
            end = _list_end(text, following.end())
        span_start, span_end = label.start(), end
        if span_start > 0 and text[span_start - 1] in OPEN_BRACKETS:
            close = _closing_bracket(text, span_start - 1)
            if close is not None:
                span_start, span_end = span_start - 1, close + 1
        clauses.append(_Clause(span_start, span_end, label.start(), end, labelled=True))
    return clauses


def _closing_bracket(text: str, opened: int) -> int | None:
    groups, _ = top_level_groups(text)
    return next((close for open_at, close in groups if open_at == opened), None)


def _bracket_clauses(text: str) -> list[_Clause]:
    groups, unclosed = top_level_groups(text)
    keywords = role_keywords()
    clauses = [
        _Clause(open_at, close_at + 1, open_at + 1, close_at, labelled=False)
        for open_at, close_at in groups
        if any(k in text[open_at:close_at] for k in keywords)
    ]
    if unclosed:
        open_at = unclosed[0]
        body_end = len(text.rstrip())
        if any(k in text[open_at:body_end] for k in keywords):
            clauses.append(_Clause(open_at, body_end, open_at + 1, body_end, False, unclosed=True))
    return clauses


def _segments_of(text: str, clause: _Clause) -> list[_Segment] | None:
    if clause.labelled:
        return _parse_labelled(text, clause.body_start, clause.body_end)
    segments = _parse_bracket_body(text, clause.body_start, clause.body_end)
    # Prose that happens to contain 负责 or 牵头 is not a clause unless it names a unit.
    if segments and any(looks_like_unit(n) for s in segments for n, _ in s.names):
        return segments
    return None


@lru_cache(maxsize=256)
def _owner_clauses(text: str) -> tuple[tuple[_Clause, tuple[_Segment, ...]], ...]:
    """The clauses of a text that parse as owner clauses, in text order, with their segments.

    Cached because the owner and the outside-department extractors both read each task's clauses.
    """
    labelled = _labelled_clauses(text)
    brackets = [
        c
        for c in _bracket_clauses(text)
        if not any(
            lab.start <= c.start < lab.end or c.start <= lab.start < c.end for lab in labelled
        )
    ]
    candidates = sorted(labelled + brackets, key=lambda c: c.start)
    parsed = [(clause, _segments_of(text, clause)) for clause in candidates]
    return tuple((clause, tuple(segments)) for clause, segments in parsed if segments)


def _segment_kind(verb: str) -> str:
    if verb in ("lead", "support", "responsible"):
        return verb
    return verb_kinds().get(verb, "responsible")


def _roles(segments: Sequence[_Segment], first_listed_leads: bool) -> tuple[list[Role], bool]:
    """One role per name (in order), and whether the first-listed-leads rule decided them.

    负责 means support when someone else 牵头 (A牵头，B按职责分工负责), lead when others only
    配合 (A负责，B配合), and otherwise sole for one name, each for several. Where the plan says
    the first-listed unit leads, the first named unit of a list leads and the other named units
    support; a list naming one unit and nothing else stays sole.
    """
    kinds = [_segment_kind(s.verb) for s in segments]
    responsible = [s for s, kind in zip(segments, kinds, strict=True) if kind == "responsible"]
    listed = [n for s in responsible for n, _ in s.names]
    named = [n for n in listed if not is_collective(n)]
    shared_words = set(clause_words()["verb_modifiers"]["shared"])
    shared = any(s.modifier in shared_words for s in responsible)
    open_ended = any(s.open_ended for s in responsible)
    has_lead, has_support = "lead" in kinds, "support" in kinds
    first_leads = (
        first_listed_leads
        and not (has_lead or has_support or shared)
        and bool(named)
        and (len(listed) > 1 or open_ended)
    )
    roles: list[Role] = []
    lead_given = False
    for segment, kind in zip(segments, kinds, strict=True):
        for name, _ in segment.names:
            if kind != "responsible":
                roles.append(kind)  # type: ignore[arg-type]
            elif has_lead:
                roles.append("support")
            elif has_support:
                roles.append("lead")
            elif first_leads and not is_collective(name):
                roles.append("support" if lead_given else "lead")
                lead_given = True
            else:
                roles.append("sole" if len(listed) == 1 else "each")
    return roles, first_leads


# The role a unit keeps when several clauses of one task name it: the strongest.
_ROLE_STRENGTH: dict[str, int] = {"collective": 5, "lead": 4, "sole": 3, "each": 2, "support": 1}


def extract_responsibility(
    text: str, offset: int = 0, *, first_listed_leads: bool = False
) -> Responsibility:
    """The owners named by the responsibility clauses of one task's text.

    A task can hold several clauses, each covering the sentences before it: the owners are their
    union, a unit listed once with the strongest role it was given (lead > sole > each >
    support). ``first_listed_leads``: the plan says the first unit of a list leads (see
    :func:`detect_first_listed_leads`); it applies to lists with no 牵头 and no 分别/共同.
    """
    clauses = _owner_clauses(text)
    if not clauses:
        return Responsibility(owners=[], clause=None)
    by_name: dict[str, OwnerMention] = {}
    warnings: list[str] = []
    any_first_leads = False
    evidences: list[Evidence] = []
    for clause, segments in clauses:
        evidence = Evidence(
            phrase=text[clause.start : clause.end],
            start=offset + clause.start,
            end=offset + clause.end,
        )
        evidences.append(evidence)
        roles, first_leads = _roles(segments, first_listed_leads)
        any_first_leads = any_first_leads or first_leads
        if clause.unclosed:
            warnings.append(_unclosed_warning(offset + clause.start))
        open_ended = any(s.open_ended for s in segments)
        names = [n for s in segments for n in s.names]
        for (raw, position), role in zip(names, roles, strict=True):
            collective = is_collective(raw)
            if not collective and not looks_like_unit(raw):
                warnings.append(
                    f"'{raw}' at character {offset + position} is not shaped like a unit "
                    "(no unit suffix); not taken as an owner"
                )
                continue
            owner = OwnerMention(
                name=owner_name(raw),
                raw=raw,
                role="collective" if collective else role,
                collective=collective,
                open_ended=open_ended,
                evidence=evidence,
            )
            known = by_name.get(owner.name)
            if known is None or _ROLE_STRENGTH[owner.role] > _ROLE_STRENGTH[known.role]:
                by_name[owner.name] = owner if known is None else _replace_role(known, owner)
    return Responsibility(
        owners=list(by_name.values()),
        clause=evidences[-1],
        first_is_lead_note=any_first_leads,
        warnings=warnings,
        clauses=evidences,
    )


def _replace_role(known: OwnerMention, stronger: OwnerMention) -> OwnerMention:
    """The unit keeps its first place in the list but takes the stronger role and its clause."""
    return known.model_copy(update={"role": stronger.role, "evidence": stronger.evidence})


def _unclosed_warning(position: int) -> str:
    return (
        f"responsibility clause opened at character {position} has no closing bracket; "
        "owners read to the end of the text"
    )


def detect_first_listed_leads(plan_text: str) -> bool:
    """Whether the plan says the first unit of an owner list is the lead (列第一位的为牵头单位)."""
    normal = normalize_name(plan_text)
    return any(p.search(normal) for p in first_listed_patterns())


def responsibility_spans(text: str) -> list[tuple[int, int]]:
    """Spans (relative to text) of every owner clause, so other extractors can skip them."""
    return sorted((clause.start, clause.end) for clause, _ in _owner_clauses(text))
