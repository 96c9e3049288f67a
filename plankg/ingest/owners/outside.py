"""Outside departments a task works with (配合市发展改革委, 会同文旅部门, 按照…的要求)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plankg.ingest.cues import outside_support_verbs
from plankg.ingest.owners.clauses import responsibility_spans
from plankg.ingest.owners.lists import split_names
from plankg.ingest.owners.names import is_collective, normalize_name
from plankg.ingest.wordscan import LongestWords
from plankg.models import AgencyMention, AgencyRelation, Evidence
from plankg.vocab import load_vocab


@lru_cache(maxsize=1)
def agency_index() -> tuple[dict[str, dict[str, Any]], tuple[str, ...]]:
    vocab = load_vocab("agencies")
    by_alias: dict[str, dict[str, Any]] = {}
    for entry in vocab["entries"]:
        for surface in (entry["name"], *entry["aliases"]):
            by_alias[surface] = entry
    prefixes = tuple(sorted(vocab["level_prefixes"], key=len, reverse=True))
    return by_alias, prefixes


@lru_cache(maxsize=1)
def _department_words() -> tuple[LongestWords, LongestWords]:
    """Scanners for department aliases, and for department names with or without a level
    prefix (市发展改革委), which tell where a vocabulary department may start."""
    by_alias, prefixes = agency_index()
    prefixed = [prefix + alias for prefix in prefixes for alias in by_alias]
    return LongestWords(by_alias), LongestWords([*by_alias, *prefixed])


# ---------------------------------------------------------------- outside departments

_SUPPORT_TRIGGER = re.compile(outside_support_verbs())
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


def _vocab_department(text: str, pos: int) -> _Department | None:
    """The longest vocabulary department at text[pos:], with an optional level prefix."""
    by_alias, prefixes = agency_index()
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
    _, prefixes = agency_index()
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
    _, prefixes = agency_index()
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
    parts = split_names(text[start:end].removesuffix("的"), start)
    departments = [_department_at(text, pos, pos + len(raw), bounded=True) for raw, pos in parts]
    return [d for d in departments if d] if all(departments) else []


def _department_list(text: str, pos: int, limit: int) -> list[_Department]:
    """Departments listed from pos: 市商务局、市发展改革委 / A和B."""
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

    triggers: tuple[tuple[re.Pattern[str], AgencyRelation], ...] = (
        (_SUPPORT_TRIGGER, "support"),
        (_JOINT_TRIGGER, "joint"),
    )
    for trigger, relation in triggers:
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
    entry = agency_index()[0][department.raw[len(department.level_prefix) :]]
    if entry.get("keep_level"):
        return bool(department.level_prefix)
    return bool(department.level_prefix) or len(department.raw) >= 3
