"""Who carries a task: responsibility clauses, office aliases and outside departments.

A task of an action plan names its owners in a clause, normally a bracket at its end
(``（科技科、产业政策科分别负责）``) or a labelled line (``牵头单位：A；配合单位：B、C``). This module
turns such text into :class:`OwnerMention` records with roles, merges the ways one office is
written across a plan, gives offices English names, and finds the outside departments a task works
with (``配合市发展改革委``, ``会同文旅部门``, ``按照…的要求``).

Every function takes the text of one task or section and the absolute ``offset`` of that text in
the plan's clean text, so each :class:`Evidence` satisfies
``evidence.phrase == text[evidence.start - offset:evidence.end - offset]``.

Word lists (unit suffixes, alias infixes, group words, glossary, outside departments) live in
versioned vocabulary files; nothing here knows any particular plan.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

from plankg.ingest.wordscan import LongestWords
from plankg.models import AgencyMention, AgencyRelation, Evidence, OwnerMention, Role
from plankg.vocab import load_vocab

OPEN_BRACKETS = "（("
CLOSE_BRACKETS = "）)"
# Brackets that hold part of a name (各县〔市、区〕, 区财政局<区金融办>): what they enclose is
# never split; only the round ones open a clause.
_NAME_BRACKETS = {
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


def _alternation(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _clause_words() -> dict[str, Any]:
    return load_vocab("owner_clauses")


@lru_cache(maxsize=1)
def _segment_verb_pattern() -> re.Pattern[str]:
    """A bracketed clause is a sequence of segments "names [等] [modifier] verb", joined by ，；."""
    words = _clause_words()
    modifiers = [w for group in words["verb_modifiers"].values() for w in group]
    verbs = [w for group in words["verbs"].values() for w in group]
    return re.compile(f"(?P<modifier>{_alternation(modifiers)})?(?P<verb>{_alternation(verbs)})")


@lru_cache(maxsize=1)
def _verb_kinds() -> dict[str, str]:
    return {w: kind for kind, group in _clause_words()["verbs"].items() for w in group}


@lru_cache(maxsize=1)
def _role_keywords() -> tuple[str, ...]:
    """Words without which a bracket is not a candidate clause."""
    words = _clause_words()
    verbs = [w for group in words["verbs"].values() for w in group]
    labels = [w for group in words["label_kinds"].values() for w in group]
    return tuple(sorted(set(verbs + labels)))


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    """Labelled forms: 牵头单位：A；配合单位：B、C / 责任单位：A、B / 负责部门：…"""
    words = _clause_words()
    kinds = [w for group in words["label_kinds"].values() for w in group]
    return re.compile(
        f"(?P<kind>{_alternation(kinds)})(?:{_alternation(words['label_nouns'])})\\s*[:：]\\s*"
    )


@lru_cache(maxsize=1)
def _label_kinds() -> dict[str, str]:
    return {w: kind for kind, group in _clause_words()["label_kinds"].items() for w in group}


@lru_cache(maxsize=1)
def _open_ended_pattern() -> re.Pattern[str]:
    """等 / 等有关部门和单位 ending a list, or before 和/及 and a further (group) owner."""
    tails = [t[1:] for t in _clause_words()["open_ended_tails"] if t.startswith("等") and t != "等"]
    conjunctions = _alternation(CONJUNCTIONS)
    return re.compile(
        f"等(?:{_alternation(tails)})?(?:{conjunctions})?(?=[{re.escape(LIST_SEPARATORS)}]|$)"
        f"|等(?:{_alternation(tails)})?(?:{conjunctions})"
    )


@lru_cache(maxsize=1)
def _convene_pattern() -> re.Pattern[str]:
    """A会同有关部门 / A会同B: A convenes the others, so A leads."""
    words = _clause_words()
    return re.compile(
        f"(?:{_alternation(words['convene_words'])})(?:{_alternation(words['convened_unnamed'])})?"
    )


@lru_cache(maxsize=1)
def _first_listed_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _clause_words()["first_listed_leads"])


_LABEL_LIST_END = "；;。\n"
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


# ---------------------------------------------------------------- vocabularies


@lru_cache(maxsize=1)
def _unit_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_vocab("office_names")["unit_suffixes"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _alias_infixes() -> tuple[str, ...]:
    return tuple(load_vocab("office_names")["alias_infixes"])


@lru_cache(maxsize=1)
def _collective_index() -> tuple[dict[str, dict], tuple[re.Pattern[str], ...]]:
    vocab = load_vocab("collective_owners")
    by_name: dict[str, dict] = {}
    for entry in vocab["entries"]:
        for surface in (entry["name"], *entry.get("aliases", ())):
            by_name[normalize_name(surface)] = entry
    return by_name, tuple(re.compile(p) for p in vocab["patterns"])


@lru_cache(maxsize=1)
def _office_terms() -> tuple[dict[str, str], dict[str, str], dict[str, str], int]:
    vocab = load_vocab("office_terms")
    terms = vocab["terms"]
    return vocab.get("names", {}), vocab["suffixes"], terms, max(map(len, terms))


@lru_cache(maxsize=1)
def _agency_index() -> tuple[dict[str, dict], tuple[str, ...]]:
    vocab = load_vocab("agencies")
    by_alias: dict[str, dict] = {}
    for entry in vocab["entries"]:
        for surface in (entry["name"], *entry["aliases"]):
            by_alias[surface] = entry
    prefixes = tuple(sorted(vocab["level_prefixes"], key=len, reverse=True))
    return by_alias, prefixes


@lru_cache(maxsize=1)
def _department_words() -> tuple[LongestWords, LongestWords]:
    """Scanners for department aliases, and for department names with or without a level
    prefix (市发展改革委), which tell where a vocabulary department may start."""
    by_alias, prefixes = _agency_index()
    prefixed = [prefix + alias for prefix in prefixes for alias in by_alias]
    return LongestWords(by_alias), LongestWords([*by_alias, *prefixed])


# ---------------------------------------------------------------- names


_WHITESPACE = re.compile(r"\s+")


def normalize_name(raw: str) -> str:
    """One spelling per name: NFKC widths, no whitespace, Chinese brackets and commas."""
    text = _WHITESPACE.sub("", unicodedata.normalize("NFKC", raw))
    return text.replace("(", "（").replace(")", "）").replace(",", "，")


def _unit_suffix(name: str) -> str | None:
    """The longest unit suffix the name ends with (科, 办公室, 部门 …), if any."""
    return next((s for s in _unit_suffixes() if name.endswith(s) and len(name) > len(s)), None)


def _collective_entry(name: str) -> dict | None:
    return _collective_index()[0].get(normalize_name(name))


@lru_cache(maxsize=4096)
def is_collective(name: str) -> bool:
    """Whether a name is a group word (各产业科室, 各县（市、区）, 市直有关部门) rather than one unit."""
    normal = normalize_name(name)
    by_name, patterns = _collective_index()
    return normal in by_name or any(p.search(normal) for p in patterns)


_TRAILING_BRACKET = re.compile(r"[（(<〈【\[〔][^（()）<>〈〉【】\[\]〔〕]*[）)>〉】\]〕]$")


@lru_cache(maxsize=4096)
def _looks_like_unit(name: str) -> bool:
    """Ends with a unit suffix (科, 局, 委员会 …), not counting a bracket after it (an alias as in
    区财政局<区金融办>, or a marker as in 信息化推进科（牵头）), or is a group word."""
    bare = normalize_name(name)
    while (stripped := _TRAILING_BRACKET.sub("", bare)) != bare:
        bare = stripped
    return _unit_suffix(bare) is not None or is_collective(name)


def _owner_name(raw: str) -> str:
    """Owners keep the name as written (widths and spaces normalised); a group word too, so
    各乡镇政府 is not stored as another group's canonical spelling."""
    return normalize_name(raw)


# ---------------------------------------------------------------- brackets


_BRACKET = re.compile(f"[{re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)}]")
_CONJUNCTION_AHEAD = re.compile("(?=(" + "|".join(map(re.escape, CONJUNCTIONS)) + "))")


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """Balanced pairs of name brackets (any kind, each closed by its own kind), outermost and
    nested alike; an unbalanced bracket pairs with nothing."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    closers = set(_NAME_BRACKETS.values())
    for index, char in enumerate(text):
        if char in _NAME_BRACKETS:
            stack.append((char, index))
        elif char in closers:
            depth = next(
                (d for d in range(len(stack) - 1, -1, -1) if _NAME_BRACKETS[stack[d][0]] == char),
                None,
            )
            if depth is not None:
                pairs.append((stack[depth][1], index))
                del stack[depth:]
    return pairs


def _depth_mask(text: str) -> str:
    """The text with every character inside a bracket replaced, so separators and verbs
    inside 各县（市、区）, 各县〔市、区〕 or 区财政局<区金融办> are not seen at the top level.
    Same length as text; the outermost brackets themselves stay."""
    if not any(char in _NAME_BRACKETS for char in text):
        return text
    chars = list(text)
    for opened, closed in _bracket_pairs(text):
        for index in range(opened + 1, closed):
            chars[index] = "□"
    return "".join(chars)


def _top_level_groups(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Outermost round-bracket groups as (open index, close index), and the indexes of opening
    brackets never closed (outermost first)."""
    groups, stack = [], []
    for bracket in _BRACKET.finditer(text):
        index, char = bracket.start(), bracket.group()
        if char in OPEN_BRACKETS:
            stack.append(index)
        elif char in CLOSE_BRACKETS and stack:
            opened = stack.pop()
            if not stack:
                groups.append((opened, index))
    return groups, stack


@lru_cache(maxsize=1)
def _collectives_with_separators() -> re.Pattern[str] | None:
    """Group words written with a list separator inside (各市（县）、区人民政府), longest first."""
    surfaces = sorted(
        (s for s in _collective_index()[0] if any(sep in s for sep in LIST_SEPARATORS)),
        key=len,
        reverse=True,
    )
    return re.compile("|".join(map(re.escape, surfaces))) if surfaces else None


def _protect_collectives(text: str, masked: str) -> str:
    """Hide the separators inside group words so the list splitter keeps them whole."""
    pattern = _collectives_with_separators()
    if pattern is None:
        return masked
    normal = normalize_name(text)
    haystack = normal if len(normal) == len(text) else text  # offsets must stay shared
    chars = list(masked)
    for match in pattern.finditer(haystack):
        for index in range(match.start(), match.end()):
            if chars[index] in LIST_SEPARATORS:
                chars[index] = "□"
    return "".join(chars)


def _split_names(text: str, base: int) -> list[tuple[str, int]]:
    """Owner names in a list, with their positions (base = position of text[0])."""
    return _split_owner_list(text, base)[0]


def _split_owner_list(text: str, base: int) -> tuple[list[tuple[str, int]], bool]:
    """Owner names in a list with their positions, and whether the list is open-ended.

    等 / 等有关部门 after a unit ends its part of the list (A、B等和各省级人民政府 names A, B and a
    group); a bare place word after a group word continues it (各街镇、开发区 is one group).
    """
    masked = list(_protect_collectives(text, _depth_mask(text)))
    open_ended = False
    for match in _open_ended_pattern().finditer("".join(masked)):
        before = "".join(masked[: match.start()])
        last = max((before.rfind(sep) for sep in LIST_SEPARATORS), default=-1)
        if _looks_like_unit(text[last + 1 : match.start()].strip()):
            open_ended = True
            masked[match.start() : match.end()] = "、" * (match.end() - match.start())
    names: list[tuple[str, int]] = []
    start = 0
    for index in range(len(text) + 1):
        if index == len(text) or masked[index] in LIST_SEPARATORS:
            names.extend(_split_conjunctions(text[start:index], base + start))
            start = index + 1
    return _continue_groups(text, base, [(n, p) for n, p in names if n]), open_ended


def _continue_groups(text: str, base: int, names: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """各街镇、开发区 / 各有关区、县级市: a bare place word right after a group word is part of the
    group, never a unit of its own."""
    continuations = set(_clause_words()["group_continuations"])
    merged: list[tuple[str, int]] = []
    for name, position in names:
        if merged and normalize_name(name) in continuations and is_collective(merged[-1][0]):
            first_position = merged[-1][1]
            end = position - base + len(name)
            merged[-1] = (text[first_position - base : end], first_position)
        else:
            merged.append((name, position))
    return merged


def _split_conjunctions(item: str, base: int) -> list[tuple[str, int]]:
    """Split 'A和B' only where both sides are unit names, so 培训与交流科 stays whole."""
    stripped = item.strip()
    base += len(item) - len(item.lstrip())
    item = stripped
    masked = _depth_mask(item)
    # at most one conjunction starts at any index: none is the start of another
    for conjunction in _CONJUNCTION_AHEAD.finditer(masked, 1):
        index, word = conjunction.start(), conjunction.group(1)
        left, right = item[:index], item[index + len(word) :]
        if right and _looks_like_unit(left) and _looks_like_unit(_first_unit(right)):
            return [(left, base), *_split_conjunctions(right, base + index + len(word))]
    return [(item, base)] if item else []


def _first_unit(text: str) -> str:
    """The text up to its first conjunction that follows a unit name (for chained lists)."""
    masked = _depth_mask(text)
    for conjunction in _CONJUNCTION_AHEAD.finditer(masked, 1):
        if _looks_like_unit(text[: conjunction.start()]):
            return text[: conjunction.start()]
    return text


# ---------------------------------------------------------------- clause parsing


def _segment_verb(masked: str, pos: int) -> re.Match[str] | None:
    """The next verb that closes a segment; a verb inside a name (协同创新中心) is followed by
    more of the name, not by a separator or the end."""
    for match in _segment_verb_pattern().finditer(masked, pos):
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
        or any(p.search(normalize_name(stripped)) for p in _first_listed_patterns())
    )


def _name_segments(names_text: str, base: int, verb: str, modifier: str) -> list[_Segment] | None:
    """The segments of one "names verb" part: 'A会同B' gives A as lead, B as support."""
    leads = _clause_words()["name_leads"]
    lead_in = next((w for w in leads if names_text.startswith(w)), "")
    names_text, base = names_text[len(lead_in) :], base + len(lead_in)
    masked = _depth_mask(names_text)
    if any(w in masked for w in leads):
        return None  # 技工院校内由…负责: a scope, then who; prose, not a list of owners
    convene = _convene_pattern().search(masked)
    if convene is None:
        names, open_ended = _split_owner_list(names_text, base)
        return [_Segment(tuple(names), verb, modifier, open_ended)] if names else None
    left, left_open = _split_owner_list(names_text[: convene.start()], base)
    right, right_open = _split_owner_list(names_text[convene.end() :], base + convene.end())
    if not left:
        return None
    segments = [_Segment(tuple(left), "lead", "", left_open or bool(convene.group() != "会同"))]
    if right:
        segments.append(_Segment(tuple(right), "support", "", right_open))
    return segments


def _parse_bracket_body(text: str, start: int, end: int) -> list[_Segment] | None:
    """Segments of a clause body text[start:end], or None when it is not an owner clause."""
    body = text[start:end]
    masked = _depth_mask(body)
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
    labels = list(_label_pattern().finditer(text, start, end))
    segments = []
    for number, label in enumerate(labels):
        list_end = labels[number + 1].start() if number + 1 < len(labels) else end
        chunk = text[label.end() : list_end].rstrip(LIST_SEPARATORS + "。. \n")
        names, open_ended = _split_owner_list(chunk, label.end())
        if names:
            kind = _label_kinds()[label["kind"]]
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
            and not _label_pattern().match(text, _skip_spaces(text, index))
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
    label_pattern = _label_pattern()
    for label in label_pattern.finditer(text):
        if clauses and label.start() < clauses[-1].end:
            continue
        end = _list_end(text, label.end())
        while end < len(text) and text[end] in _LABEL_LIST_END + "，,":
            following = label_pattern.match(text, _skip_spaces(text, end + 1))
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
    groups, _ = _top_level_groups(text)
    return next((close for open_at, close in groups if open_at == opened), None)


def _bracket_clauses(text: str) -> list[_Clause]:
    groups, unclosed = _top_level_groups(text)
    keywords = _role_keywords()
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
    if segments and any(_looks_like_unit(n) for s in segments for n, _ in s.names):
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
    return _verb_kinds().get(verb, "responsible")


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
    shared_words = set(_clause_words()["verb_modifiers"]["shared"])
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
            if not collective and not _looks_like_unit(raw):
                warnings.append(
                    f"'{raw}' at character {offset + position} is not shaped like a unit "
                    "(no unit suffix); not taken as an owner"
                )
                continue
            owner = OwnerMention(
                name=_owner_name(raw),
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
    return any(p.search(normal) for p in _first_listed_patterns())


def responsibility_spans(text: str) -> list[tuple[int, int]]:
    """Spans (relative to text) of every owner clause, so other extractors can skip them."""
    return sorted((clause.start, clause.end) for clause, _ in _owner_clauses(text))


# ---------------------------------------------------------------- standing owners


def extract_standing_owners(plan_text: str) -> list[OwnerMention]:
    """Owners the plan declares for every measure once (…人民政府为各项措施的责任单位，以下不再
    列出 / 各项措施责任单位均包括A、B，以下不再列出), with the declaration as evidence."""
    words = _clause_words()
    ends = tuple(words["standing_declaration_ends"])
    for pattern in words["standing_declaration_names"]:
        for match in re.finditer(pattern, plan_text):
            tail = plan_text[match.end() : match.end() + 40]
            if not any(end in tail for end in ends):
                continue
            names, _ = _split_owner_list(match["names"], match.start("names"))
            sentence_end = min(
                (plan_text.find(e, match.end()) + len(e) for e in ends if e in tail),
                default=match.end(),
            )
            evidence = Evidence(
                phrase=plan_text[match.start() : sentence_end],
                start=match.start(),
                end=sentence_end,
            )
            owners = [
                OwnerMention(
                    name=_owner_name(raw),
                    raw=raw,
                    role="collective" if is_collective(raw) else "each",
                    collective=is_collective(raw),
                    evidence=evidence,
                )
                for raw, _ in names
                if is_collective(raw) or _looks_like_unit(raw)
            ]
            if owners:
                return owners
    return []


def with_standing_owners(
    owners: list[OwnerMention], standing: list[OwnerMention]
) -> list[OwnerMention]:
    """A task's owners plus the plan's standing owners: the clause lists now name several units,
    so a unit that was sole shares the task (each)."""
    if not standing:
        return owners
    present = {o.name for o in owners}
    added = [o.model_copy() for o in standing if o.name not in present]
    if not added:
        return owners
    shared = [o.model_copy(update={"role": "each"}) if o.role == "sole" else o for o in owners]
    return shared + added


# ---------------------------------------------------------------- office aliases


def canonicalize_offices(names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """raw name -> (canonical name, rule) for every name that is an alias of another.

    Rules, found from the names themselves: width/whitespace variants of one spelling; and the
    short form stem+suffix of a long form stem+infix+suffix (infix from the vocabulary), when that
    long form is the only one. Group words are never offices and are left out.
    """
    distinct = sorted({n for n in names if n and not is_collective(n)})
    by_normal: dict[str, list[str]] = {}
    for name in distinct:
        by_normal.setdefault(normalize_name(name), []).append(name)
    long_forms = _long_forms(sorted(by_normal))
    aliases: dict[str, tuple[str, str]] = {}
    for normal, spellings in by_normal.items():
        canonical, rule = long_forms.get(normal, (normal, ""))
        for spelling in spellings:
            if spelling == canonical:
                continue
            if spelling != normal:
                variant_rule = f"width/whitespace variant: {spelling} = {normal}"
                rule_text = f"{variant_rule}; {rule}" if rule else variant_rule
            else:
                rule_text = rule
            aliases[spelling] = (canonical, rule_text)
    return aliases


def _long_forms(normals: list[str]) -> dict[str, tuple[str, str]]:
    """short form -> (its long form, rule) where exactly one long form exists."""
    present = set(normals)
    merged: dict[str, tuple[str, str]] = {}
    for short in normals:
        suffix = _unit_suffix(short)
        if suffix is None:
            continue
        stem = short[: -len(suffix)]
        # A stem that is itself a generic infix word (产业科, 服务科) names no domain of its own,
        # so nothing shows that the longer name is the same office.
        if len(stem) < 2 or stem in _alias_infixes():
            continue
        matches = [
            (stem + infix + suffix, infix)
            for infix in _alias_infixes()
            if stem + infix + suffix in present
        ]
        if len(matches) == 1:
            long_name, infix = matches[0]
            merged[short] = (
                long_name,
                f"short form: {short} = {long_name} (stem {stem} + {suffix}, infix {infix})",
            )
    return merged


# ---------------------------------------------------------------- English names


@lru_cache(maxsize=4096)
def office_english_name(name: str) -> str:
    """English name of an office from the glossary; parts not in it are given in pinyin."""
    normal = normalize_name(name)
    entry = _collective_entry(normal)
    if entry:
        return entry["name_en"]
    whole_names, suffixes, terms, longest = _office_terms()
    if normal in whole_names:
        return whole_names[normal]
    suffix = next(
        (
            s
            for s in sorted(suffixes, key=len, reverse=True)
            if normal.endswith(s) and len(normal) > len(s)
        ),
        "",
    )
    words = _translate_terms(normal[: len(normal) - len(suffix)], terms, longest)
    if suffix:
        words.append(suffixes[suffix])
    return " ".join(words)


def _translate_terms(text: str, terms: dict[str, str], longest: int) -> list[str]:
    words: list[str] = []
    unknown = ""
    index = 0
    while index < len(text):
        term = next(
            (
                text[index : index + n]
                for n in range(min(longest, len(text) - index), 0, -1)
                if text[index : index + n] in terms
            ),
            None,
        )
        if term is None:
            unknown += text[index]
            index += 1
            continue
        if unknown:
            words.append(_pinyin_word(unknown))
            unknown = ""
        words.append(terms[term])
        index += len(term)
    if unknown:
        words.append(_pinyin_word(unknown))
    return words


def _pinyin_word(text: str) -> str:
    return "".join(lazy_pinyin(text)).title()


# ---------------------------------------------------------------- outside departments

_SUPPORT_TRIGGER = re.compile(r"配合|协助")
_JOINT_TRIGGER = re.compile(r"会同|联合|协同")
_WITH_TRIGGER = re.compile(r"与|同")
_WITH_CLOSERS = re.compile(r"(?:共同|一起|一道|联合|协同|合作)")
_REQUIREMENT = re.compile(
    r"(?:按照|根据|依据|遵照|按)(?P<name>[^，。；;,\n“”《》]{2,60}?)(?:的)?(?:工作)?(?:要求|统一部署|部署|安排)"
)
_REPORTS_TRIGGER = re.compile(r"落实|贯彻")
_REPORTS_CLOSER = re.compile(r"部署|要求|安排|决策")
_REPORT_TO = re.compile(r"向")
_REPORT_TO_CLOSER = re.compile(r"报送|报告|汇报|报备|上报")
_UNNAMED_LEAD = re.compile(r"牵头(?:部门|单位)")
_DEPARTMENT_JOINER = re.compile(r"、|和|及|以及|，")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_SENTENCE_END = "。；;\n"


@dataclass(frozen=True)
class _Department:
    raw: str
    start: int
    end: int
    name: str
    resolved: bool
    unnamed: bool = False
    level_prefix: str = ""


def agency_english_name(name: str) -> str | None:
    """The English name of a canonical outside department, None when the vocabulary lacks it."""
    entry = _agency_index()[0].get(name)
    return entry.get("name_en") if entry else None


def _vocab_department(text: str, pos: int) -> _Department | None:
    """The longest vocabulary department at text[pos:], with an optional level prefix."""
    by_alias, prefixes = _agency_index()
    aliases, _ = _department_words()
    vocab = load_vocab("agencies")
    best: _Department | None = None
    prefix_options = [""] + [p for p in prefixes if text.startswith(p, pos)]
    for prefix in prefix_options:
        if prefix and any(text.startswith(x, pos) for x in vocab["level_prefix_exclusions"]):
            continue
        alias_at = pos + len(prefix)
        longest = aliases.at(text, alias_at)
        if longest is None:
            continue
        # shorter aliases matter when a following character blocks the longest (部署)
        for size in range(len(longest), 0, -1):
            alias = text[alias_at : alias_at + size]
            entry = by_alias.get(alias)
            if entry is None or _blocked(alias, text[alias_at + size : alias_at + size + 1]):
                continue
            end = alias_at + size
            if best is None or end > best.end:
                name = (
                    prefix + entry["name"] if entry.get("keep_level") and prefix else entry["name"]
                )
                best = _Department(text[pos:end], pos, end, name, True, level_prefix=prefix)
            break
    return best


def _blocked(alias: str, following: str) -> bool:
    """部署 is not 组织部 + 署: some aliases are not names when a word continues them."""
    blocked = load_vocab("agencies")["blocked_followers"]
    return bool(following) and following in blocked.get(alias[-1], ())


def _generic_department(text: str, pos: int, limit: int, bounded: bool) -> _Department | None:
    """A well-formed department name not in the vocabulary (市XX局, XX委员会, XX办公室).

    Unbounded (配合X…): a level prefix is required and the shortest name ending in a department
    suffix wins. Bounded (按照X要求): the whole of text[pos:limit] must be the name.
    """
    vocab = load_vocab("agencies")
    suffixes = tuple(vocab["generic_suffixes"])
    candidate = text[pos:limit]
    if bounded:
        if _unit_shaped(candidate, suffixes) and not is_collective(candidate):
            return _Department(candidate, pos, limit, normalize_name(candidate), False)
        return None
    _, prefixes = _agency_index()
    if not any(candidate.startswith(p) for p in prefixes) or any(
        candidate.startswith(x) for x in vocab["level_prefix_exclusions"]
    ):
        return None
    for end in range(3, min(len(candidate), 14) + 1):
        name = candidate[:end]
        if not _HAN_ONLY.fullmatch(name):
            return None
        if _unit_shaped(name, suffixes) and not _blocked(name, candidate[end : end + 1]):
            return _Department(name, pos, pos + end, normalize_name(name), False)
    return None


def _unit_shaped(name: str, suffixes: tuple[str, ...]) -> bool:
    return len(name) > 2 and name.endswith(suffixes)


def _department_at(text: str, pos: int, limit: int, bounded: bool = False) -> _Department | None:
    unnamed = _UNNAMED_LEAD.match(text, pos)
    if unnamed:
        return _Department(unnamed.group(), pos, unnamed.end(), "牵头部门", False, unnamed=True)
    found = _vocab_department(text, pos)
    if found and (not bounded or found.end == limit):
        return found
    return _generic_department(text, pos, limit, bounded)


def outside_department(name: str) -> tuple[str, bool] | None:
    """(canonical name, in the vocabulary) when a responsibility-clause owner is a department of
    another body: its name carries a level prefix (市财政局, 省发展改革委), which a bureau's own
    offices are written without. None for anything else."""
    _, prefixes = _agency_index()
    if not name.startswith(prefixes) or name.startswith(
        tuple(load_vocab("agencies")["level_prefix_exclusions"])
    ):
        return None
    found = _department_at(name, 0, len(name), bounded=True)
    if found is None or found.unnamed or found.end != len(name):
        return None
    return found.name, found.resolved


def _required_by(text: str, start: int, end: int) -> list[_Department]:
    """The departments of 按照X、Y的要求: every part of the list must be a department, so prose
    (按照省市要求) and half-named lists yield nothing."""
    parts = _split_names(text[start:end].removesuffix("的"), start)
    departments = [_department_at(text, pos, pos + len(raw), bounded=True) for raw, pos in parts]
    return [d for d in departments if d] if all(departments) else []


def _department_list(text: str, pos: int, limit: int) -> list[_Department]:
    """Departments listed from pos: 市农业农村局、市发展改革委 / A和B."""
    departments: list[_Department] = []
    while True:
        found = _department_at(text, pos, limit)
        if found is None:
            return departments
        departments.append(found)
        joiner = _DEPARTMENT_JOINER.match(text, found.end)
        if joiner is None:
            return departments
        pos = joiner.end()


def _sentence_end(text: str, pos: int) -> int:
    return next((i for i in range(pos, len(text)) if text[i] in _SENTENCE_END), len(text))


def _mention(
    text: str,
    offset: int,
    trigger_start: int,
    end: int,
    department: _Department,
    relation: AgencyRelation,
) -> AgencyMention:
    return AgencyMention(
        name=department.name,
        raw=department.raw,
        relation=relation,
        unnamed=department.unnamed,
        resolved=department.resolved,
        evidence=Evidence(
            phrase=text[trigger_start:end], start=offset + trigger_start, end=offset + end
        ),
    )


def extract_agencies(text: str, offset: int = 0) -> list[AgencyMention]:
    """Outside departments a task or section names, in text order, with their relation.

    The bureau's own offices in the responsibility clause are owners, never agencies.
    """
    skip = responsibility_spans(text)
    found: list[tuple[int, AgencyMention]] = []
    taken: list[tuple[int, int]] = []

    def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        return any(s < end and start < e for s, e in spans)

    def add(
        trigger_start: int, end: int, department: _Department, relation: AgencyRelation
    ) -> None:
        if inside(department.start, department.end, skip + taken):
            return
        found.append(
            (department.start, _mention(text, offset, trigger_start, end, department, relation))
        )
        taken.append((department.start, department.end))

    for match in _REQUIREMENT.finditer(text):
        for department in _required_by(text, match.start("name"), match.end("name")):
            add(match.start(), match.end(), department, "per_requirement")

    for trigger, relation in ((_SUPPORT_TRIGGER, "support"), (_JOINT_TRIGGER, "joint")):
        for match in trigger.finditer(text):
            limit = _sentence_end(text, match.end())
            for department in _department_list(text, match.end(), limit):
                add(match.start(), department.end, department, relation)

    for match in _WITH_TRIGGER.finditer(text):
        limit = _sentence_end(text, match.end())
        departments = _department_list(text, match.end(), limit)
        if departments and _WITH_CLOSERS.match(text, departments[-1].end):
            for department in departments:
                add(match.start(), department.end, department, "joint")

    for trigger, closer in ((_REPORTS_TRIGGER, _REPORTS_CLOSER), (_REPORT_TO, _REPORT_TO_CLOSER)):
        for match in trigger.finditer(text):
            limit = _sentence_end(text, match.end())
            departments = _department_list(text, match.end(), limit)
            if departments and closer.search(text, departments[-1].end, limit):
                for department in departments:
                    add(match.start(), department.end, department, "reports_to")

    for department in _cited_departments(text):
        add(department.start, department.end, department, "cites")

    return [mention for _, mention in sorted(found, key=lambda item: item[0])]


def _cited_departments(text: str) -> list[_Department]:
    """Vocabulary departments named without a trigger (参与工信部公益性节能诊断)."""
    cited: list[_Department] = []
    pos = 0
    _, name_starts = _department_words()
    for start, _ in name_starts.matches(text):
        if start < pos:
            continue
        department = _vocab_department(text, start)
        if department and _citable(department):
            cited.append(department)
            pos = department.end
    return cited


def _citable(department: _Department) -> bool:
    """Without a trigger, only names that stand on their own: a level-bound body (人民政府) needs
    its level, and a bare two-character alias (海关, 人行) is too common a word to count."""
    entry = _agency_index()[0][department.raw[len(department.level_prefix) :]]
    if entry.get("keep_level"):
        return bool(department.level_prefix)
    return bool(department.level_prefix) or len(department.raw) >= 3
