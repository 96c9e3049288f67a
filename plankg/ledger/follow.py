"""Where a report goes when its plan is revised: the same code with similar text, or the same
text under a new code. Reports whose task matches nothing are orphaned (kept, listed)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from plankg.ledger.model import _Model

SIMILAR_TEXT = 0.6  # rapidfuzz ratio (0..1) above which a task under its old code is "the same"


class TaskKey(_Model):
    id: str
    code: str
    text: str


class TargetKey(_Model):
    id: str
    holder_id: str
    ordinal: int
    metric: str


# The item's own number opens its text (（五）…, 3. …); a renumbered task differs only there.
_LEADING_NUMBER = re.compile(
    r"^(?:[（(][一二三四五六七八九十百\d]+[）)]|[一二三四五六七八九十百]+、|\d+[.．、])"
)


def _normal(text: str) -> str:
    return _LEADING_NUMBER.sub("", "".join(text.split()), count=1)


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(_normal(a), _normal(b)) / 100.0


def follow_tasks(
    old: Sequence[TaskKey], new: Sequence[TaskKey], *, threshold: float = SIMILAR_TEXT
) -> dict[str, str | None]:
    """Old task id -> new task id, or None when the task is gone."""
    by_code = {t.code: t for t in new}
    by_text: dict[str, TaskKey] = {}
    for task in new:
        by_text.setdefault(_normal(task.text), task)
    moved: dict[str, str | None] = {}
    for task in old:
        same_code = by_code.get(task.code)
        if same_code and similarity(same_code.text, task.text) >= threshold:
            moved[task.id] = same_code.id
            continue
        same_text = by_text.get(_normal(task.text))
        moved[task.id] = same_text.id if same_text else None
    return moved


def follow_targets(
    old: Sequence[TargetKey], new: Sequence[TargetKey], tasks: dict[str, str | None]
) -> dict[str, str | None]:
    """Old target id -> the target of the followed task with the same metric (the same ordinal
    first), or None."""
    by_holder: dict[str, list[TargetKey]] = {}
    for target in new:
        by_holder.setdefault(target.holder_id, []).append(target)
    moved: dict[str, str | None] = {}
    for target in old:
        holder = tasks.get(target.holder_id)
        candidates = [t for t in by_holder.get(holder or "", []) if t.metric == target.metric]
        exact = [t for t in candidates if t.ordinal == target.ordinal]
        chosen = exact or candidates
        moved[target.id] = chosen[0].id if chosen else None
    return moved
