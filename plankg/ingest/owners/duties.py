"""Duty lists: a division of duties written by unit, not by clause.

Under a heading such as 四、职责分工 or 工作职责, each item is headed by the unit that carries it:
``（一）区交通委`` with its numbered duties below, ``（二）区公安分局`` with one paragraph, or
``（一）区发展改革委：负责…`` with the duty after a colon. The heading unit owns every task under
its heading (sole, or collective for a group). Only tasks that name no owner in a clause of their
own take it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from plankg.ingest.owners.names import is_collective, looks_like_unit, owner_name
from plankg.ingest.owners.words import clause_words
from plankg.models import Evidence, OwnerMention, Section, Task

_UNIT_COLON = re.compile(r"^(?P<unit>[^，。；：:,;（(、\s]{2,24})[：:]")


@lru_cache(maxsize=1)
def _duty_heading_words() -> tuple[str, ...]:
    return tuple(clause_words()["duty_heading_words"])


def _is_duty_heading(title: str) -> bool:
    return any(word in title for word in _duty_heading_words())


def _unit_heading(title: str) -> str | None:
    """The unit a heading names when the whole heading is that unit (区交通委, 相关街镇)."""
    bare = title.strip().rstrip("。.：:")
    if 2 <= len(bare) <= 24 and looks_like_unit(bare) and not re.search(r"[，。；、,;]", bare):
        return bare
    return None


def _owner(name: str, text: str, start: int) -> OwnerMention:
    evidence = Evidence(phrase=text[start : start + len(name)], start=start, end=start + len(name))
    collective = is_collective(name)
    return OwnerMention(
        name=owner_name(name),
        raw=name,
        role="collective" if collective else "sole",
        collective=collective,
        evidence=evidence,
    )


def duty_owners(
    plan_text: str, sections: Sequence[Section], tasks: Sequence[Task]
) -> dict[str, OwnerMention]:
    """Task code -> the unit that owns it by a duty list, for tasks under a duties heading."""
    by_code = {s.code: s for s in sections}

    def ancestors(code: str | None) -> list[Section]:
        chain: list[Section] = []
        while code is not None and code in by_code:
            chain.append(by_code[code])
            code = by_code[code].parent_code
        return chain

    owned: dict[str, OwnerMention] = {}
    for task in tasks:
        chain = ancestors(task.section_code)
        if not any(_is_duty_heading(s.title) for s in chain):
            continue
        found = _task_unit(plan_text, task) or _section_unit(plan_text, chain)
        if found is not None:
            owned[task.code] = found
    return owned


def _task_unit(plan_text: str, task: Task) -> OwnerMention | None:
    """（二）区公安分局 as a leaf, or （一）区发展改革委：负责…"""
    body = plan_text[task.start : task.end]
    offset = body.find(task.title) if task.title else -1
    unit = _unit_heading(task.title)
    if unit is not None and offset >= 0:
        return _owner(unit, plan_text, task.start + offset)
    after_number = body.find(task.number) + len(task.number) if task.number in body else 0
    colon = _UNIT_COLON.match(body, after_number)
    if colon and looks_like_unit(colon["unit"]):
        return _owner(colon["unit"], plan_text, task.start + colon.start("unit"))
    return None


def _section_unit(plan_text: str, chain: list[Section]) -> OwnerMention | None:
    """The nearest enclosing heading that is a unit name (（一）区交通委 over duties 1.–5.)."""
    for section in chain:
        if _is_duty_heading(section.title):
            return None
        unit = _unit_heading(section.title)
        if unit is None:
            continue
        at = plan_text.find(section.title, section.start, section.end)
        if at >= 0:
            return _owner(unit, plan_text, at)
    return None
