"""What the edges (CLI, API, notebooks) ask of a store, one function per question.

Each function takes the store as its first argument (injected, never global) and returns plain
data. Cypher stays in ``plankg/queries``; this module only names the query and shapes the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plankg.graph.export import graph_stats
from plankg.graph.load import LoadReport, load_plan
from plankg.graph.queries import run_query
from plankg.graph.store import GraphStore
from plankg.ingest import ingest_path
from plankg.models import PlanRecord
from plankg.resolve import Candidate, resolve


@dataclass
class IngestOutcome:
    source: str
    plan: PlanRecord
    report: LoadReport

    def summary(self) -> dict[str, Any]:
        plan = self.plan
        roles: dict[str, int] = {}
        for task in plan.tasks:
            for owner in task.owners:
                roles[owner.role] = roles.get(owner.role, 0) + 1
        return {
            "source": self.source,
            "plan_id": plan.id,
            "title": plan.header.title,
            "issuer": plan.header.issuer,
            "sections": len(plan.sections),
            "tasks": len(plan.tasks),
            "tasks_without_owner": sum(1 for t in plan.tasks if not t.owners),
            "offices": len(plan.offices),
            "office_aliases": sum(len(o.aliases) for o in plan.offices),
            "responsibilities": roles,
            "targets": sum(len(t.targets) for t in plan.tasks)
            + sum(len(s.targets) for s in plan.sections),
            "outside_departments": len(
                {a.name for t in plan.tasks for a in t.agencies}
                | {a.name for s in plan.sections for a in s.agencies}
            ),
            "unresolved_terms": sorted({f"{m.kind}:{m.name}" for m in plan.unresolved}),
            "warnings": plan.warnings,
            "nodes": self.report.nodes,
            "edges": self.report.edges,
            "replaced": self.report.replaced,
        }


def ingest_files(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    allow_unstructured: bool = False,
    max_bytes: int | None = None,
    on_parsed: Callable[[Path], None] | None = None,
) -> list[IngestOutcome]:
    """Parse every file first, then load each plan in its own transaction.

    Parsing everything before touching the store means a bad file among several leaves the store
    as it was.
    """
    plans: list[tuple[Path, PlanRecord]] = []
    for path in paths:
        plans.append((path, ingest_path(path, allow_unstructured=allow_unstructured,
                                        max_bytes=max_bytes)))
        if on_parsed:
            on_parsed(path)
    store.ensure_schema()
    return [IngestOutcome(str(path), plan, load_plan(store, plan)) for path, plan in plans]


def store_is_empty(store: GraphStore) -> bool:
    store.ensure_schema()
    return not run_query(store, "plans")


def stats(store: GraphStore) -> dict[str, Any]:
    store.ensure_schema()
    return graph_stats(store)


def concept_candidates(store: GraphStore) -> list[Candidate]:
    """Every industry and chain in the store, as name-resolution candidates."""
    rows = run_query(store, "search_names")
    return [
        Candidate(id=r["id"], label=r["label"], name_zh=r["name"] or r["id"],
                  name_en=r.get("name_en"), aliases=tuple(r.get("aliases") or ()))
        for r in rows
        if r["label"] in ("Industry", "Chain")
    ]


def resolve_concept(store: GraphStore, ref: str) -> Candidate:
    """One industry or chain for a name in Chinese, English, alias or pinyin.

    Raises NotFound (with suggestions) or AmbiguousName (with candidates).
    """
    from plankg.errors import AmbiguousName

    hit = resolve(ref, concept_candidates(store))
    if isinstance(hit, list):
        raise AmbiguousName(
            f"'{ref}' matches {len(hit)} industries or chains: "
            + ", ".join(f"{c.name_zh} ({c.label})" for c in hit),
            candidates=[{"id": c.id, "label": c.label, "name_zh": c.name_zh,
                         "name_en": c.name_en} for c in hit],
        )
    return hit


@dataclass
class SharingOffice:
    office_id: str
    office: str
    office_en: str | None
    tasks: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SharingAnswer:
    concept: Candidate
    offices: list[SharingOffice]


def offices_sharing(store: GraphStore, ref: str, *, plan_id: str | None = None) -> SharingAnswer:
    """Which offices carry tasks that concern an industry or chain, with the connecting tasks."""
    concept = resolve_concept(store, ref)
    rows = run_query(store, "offices_sharing", ids=[concept.id], plan_id=plan_id)
    return SharingAnswer(concept=concept, offices=_group_by_office(rows))


def _group_by_office(rows: Iterable[dict[str, Any]]) -> list[SharingOffice]:
    offices: dict[str, SharingOffice] = {}
    for row in rows:
        office = offices.setdefault(
            row["office_id"], SharingOffice(row["office_id"], row["office"], row.get("office_en"))
        )
        task = {k: v for k, v in row.items() if k not in ("office_id", "office", "office_en")}
        if task not in office.tasks:
            office.tasks.append(task)
    for office in offices.values():
        office.tasks.sort(key=lambda t: _code_key(t.get("task_code") or ""))
    return sorted(offices.values(), key=lambda o: (-len(o.tasks), o.office))


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))
