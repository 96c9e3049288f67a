"""The responsibility matrix: tasks × owners, each cell the owner's role on the task, with totals
per owner. Filters by section, office, industry or chain, role and plan; what the web matrix page
reads (the Excel workbook draws its own from the same edges)."""

from __future__ import annotations

from dataclasses import dataclass, field

from plankg.analysis import answers
from plankg.codes import code_key
from plankg.store.protocol import GraphStore

ROLES = ("sole", "each", "lead", "support", "collective")


@dataclass
class MatrixColumn:
    owner_id: str
    label: str  # Office | Collective
    name_zh: str
    name_en: str | None
    totals: dict[str, int] = field(default_factory=dict)  # role -> tasks

    @property
    def total(self) -> int:
        return sum(self.totals.values())


@dataclass
class MatrixRow:
    task_id: str
    plan_id: str
    code: str
    title: str | None
    section_code: str | None
    section_title: str | None
    cells: dict[str, str]  # owner id -> role


@dataclass
class ResponsibilityMatrix:
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    sections: list[tuple[str, str]]  # (code, title) of every section holding a task, unfiltered


def responsibility_matrix(
    store: GraphStore,
    *,
    plan: str | None = None,
    section: str | None = None,
    office: str | None = None,
    industry: str | None = None,
    role: str | None = None,
) -> ResponsibilityMatrix:
    """Rows are the tasks that pass the filters (``office`` with ``role``: tasks the office holds
    in that role); columns the owners of those rows, offices first by task count."""
    every = answers.list_tasks(store, plan=plan)
    sections = sorted(
        {(t.section_code, t.section_title or "") for t in every if t.section_code},
        key=lambda s: code_key(s[0]),
    )
    tasks = answers.list_tasks(store, plan=plan, office=office, industry=industry, role=role)
    if section:
        tasks = [t for t in tasks if _in_section(t.section_code, section)]
    columns: dict[str, MatrixColumn] = {}
    rows: list[MatrixRow] = []
    for task in tasks:
        cells: dict[str, str] = {}
        for owner in task.owners:
            column = columns.setdefault(
                owner.id,
                MatrixColumn(owner.id, owner.label, owner.name_zh or owner.id, owner.name_en),
            )
            column.totals[owner.role] = column.totals.get(owner.role, 0) + 1
            cells[owner.id] = owner.role
        rows.append(
            MatrixRow(
                task_id=task.task_id,
                plan_id=task.plan_id,
                code=task.code,
                title=task.title,
                section_code=task.section_code,
                section_title=task.section_title,
                cells=cells,
            )
        )
    ordered = sorted(columns.values(), key=lambda c: (c.label != "Office", -c.total, c.name_zh))
    return ResponsibilityMatrix(columns=ordered, rows=rows, sections=sections)


def _in_section(code: str | None, wanted: str) -> bool:
    """A task's section is the wanted one or lies under it (4.1 is under 4)."""
    return code is not None and (code == wanted or code.startswith(wanted + "."))


def role_counts(matrix: ResponsibilityMatrix) -> dict[str, int]:
    """How many cells hold each role, over the whole (filtered) matrix."""
    counts = dict.fromkeys(ROLES, 0)
    for row in matrix.rows:
        for role in row.cells.values():
            counts[role] = counts.get(role, 0) + 1
    return counts
