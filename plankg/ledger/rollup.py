"""Roll-ups of task lights per office, section, industry or chain, and the filters the CLI and
API share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from plankg.ledger.model import Light, _Model
from plankg.ledger.status import LedgerStatus, TargetStatus, TaskStatus

Dimension = str  # office | section | industry | chain
DIMENSIONS: tuple[Dimension, ...] = ("office", "section", "industry", "chain")
NO_OFFICE = "（无责任科室）"  # the roll-up key of tasks no named office carries


class RollupRow(_Model):
    key: str
    tasks: int
    done: int
    on_track: int  # 绿 and not done
    at_risk: int  # 黄
    late: int  # 红
    targets: int
    targets_behind: int

    @property
    def lights(self) -> dict[str, int]:
        return {"红": self.late, "黄": self.at_risk, "绿": self.done + self.on_track}


def _keys(status: TaskStatus, dimension: Dimension) -> tuple[str, ...]:
    task = status.task
    if dimension == "office":
        return task.office_owners or (NO_OFFICE,)
    if dimension == "section":
        return (task.section_title or "（无章节）",)
    if dimension == "industry":
        return task.industries
    if dimension == "chain":
        return task.chains
    raise ValueError(f"unknown roll-up dimension {dimension!r}; one of {', '.join(DIMENSIONS)}")


def rollup(status: LedgerStatus, dimension: Dimension) -> list[RollupRow]:
    """One row per office (section, industry, chain): a shared task counts for each owner."""
    groups: dict[str, list[TaskStatus]] = {}
    for task in status.tasks:
        for key in _keys(task, dimension):
            groups.setdefault(key, []).append(task)
    rows = [
        RollupRow(
            key=key,
            tasks=len(tasks),
            done=sum(1 for t in tasks if t.done),
            on_track=sum(1 for t in tasks if t.light == "绿" and not t.done),
            at_risk=sum(1 for t in tasks if t.light == "黄"),
            late=sum(1 for t in tasks if t.light == "红"),
            targets=sum(len(t.targets) for t in tasks),
            targets_behind=sum(1 for t in tasks for g in t.targets if g.behind),
        )
        for key, tasks in groups.items()
    ]
    return sorted(rows, key=lambda r: (-r.late, -r.at_risk, r.key))


def _contains(needle: str) -> Callable[[Iterable[str]], bool]:
    folded = needle.strip().casefold()
    return lambda values: any(folded in v.casefold() for v in values)


def filter_status(
    status: LedgerStatus,
    *,
    offices: Sequence[str] = (),
    section: str | None = None,
    industry: str | None = None,
    light: Light | None = None,
) -> LedgerStatus:
    """Tasks and targets matching every filter given; ``light`` applies to each task and each
    target on its own. ``offices`` are canonical names (resolved by the caller); section and
    industry match a code, title or name fragment (industry also matches chains)."""

    def in_scope(task: TaskStatus) -> bool:
        t = task.task
        if offices and not set(offices) & set(t.office_owners):
            return False
        if section and not (
            _contains(section)([t.section_title]) or (t.section_code or "").startswith(section)
        ):
            return False
        return not (industry and not _contains(industry)([*t.industries, *t.chains]))

    scoped = [t for t in status.tasks if in_scope(t)]
    tasks = tuple(t for t in scoped if not light or t.light == light)
    if offices or section or industry:
        # a target belongs to the scope through its task; section-level targets fall outside
        candidates: tuple[TargetStatus, ...] = tuple(g for t in scoped for g in t.targets)
    else:
        candidates = status.targets
    targets = tuple(g for g in candidates if not light or g.light == light)
    return status.model_copy(update={"tasks": tasks, "targets": targets})
