"""Every operation that changes a store: ingest files, an uploaded plan, remove a plan, load
enterprise data, copy one store into another. The CLI and the API call these; reads live in
:mod:`plankg.analysis`.

Each function takes the store as its first argument (injected, never global).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from plankg.canonical import industry_entries
from plankg.ingest import ingest_bytes, ingest_path
from plankg.models import PlanRecord, UnparsedClause
from plankg.store.bulk import ingest_many
from plankg.store.dump import export_rows
from plankg.store.load import LoadReport, PlanDiff, load_plan, progress_rows
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query
from plankg.store.rows import GraphRows

if TYPE_CHECKING:
    from plankg.analysis.records import PlanListing
    from plankg.ingest.enterprises import EnterpriseData
    from plankg.ledger.model import ProgressReport
    from plankg.ledger.validate import ReportInput

# The read layer (name resolution, listings, the ledger) is imported inside the operations that
# need it: `plankg ingest` must not pay for it at start-up.


class UploadReport(BaseModel):
    """What loading a plan produced, as an upload answers it (the API's ``PlanCreate``)."""

    plan_id: str
    title: str | None
    issuer: str | None
    sections: int
    tasks: int
    offices: int
    targets: int
    replaced: bool
    warnings: list[str] = Field(default_factory=list)
    unparsed: int = 0  # clauses that look like responsibility or a target but yielded nothing
    unparsed_clauses: list[UnparsedClause] = Field(default_factory=list)


class IngestSummary(UploadReport):
    """The whole load summary: what ``plankg ingest`` prints."""

    source: str
    tasks_without_owner: int
    office_aliases: int
    responsibilities: dict[str, int]  # role -> responsibilities
    outside_departments: int
    unresolved_terms: list[str]  # kind:name
    nodes: int
    edges: int
    unchanged: bool
    changes: PlanDiff | None


@dataclass
class IngestOutcome:
    source: str
    plan: PlanRecord
    report: LoadReport

    def summary(self) -> IngestSummary:
        plan = self.plan
        roles: dict[str, int] = {}
        for task in plan.tasks:
            for owner in task.owners:
                roles[owner.role] = roles.get(owner.role, 0) + 1
        return IngestSummary(
            source=self.source,
            plan_id=plan.id,
            title=plan.header.title,
            issuer=plan.header.issuer,
            sections=len(plan.sections),
            tasks=len(plan.tasks),
            tasks_without_owner=sum(1 for t in plan.tasks if not t.owners),
            offices=len(plan.offices),
            office_aliases=sum(len(o.aliases) for o in plan.offices),
            responsibilities=roles,
            targets=len(plan.targets)
            + sum(len(t.targets) for t in plan.tasks)
            + sum(len(s.targets) for s in plan.sections),
            unparsed=len(plan.unparsed),
            unparsed_clauses=list(plan.unparsed),
            outside_departments=len(
                {a.name for t in plan.tasks for a in t.agencies}
                | {a.name for s in plan.sections for a in s.agencies}
            ),
            unresolved_terms=sorted({f"{m.kind}:{m.name}" for m in plan.unresolved}),
            warnings=plan.warnings,
            nodes=self.report.nodes,
            edges=self.report.edges,
            replaced=self.report.replaced,
            unchanged=self.report.unchanged,
            changes=self.report.diff,
        )


def ingest_files(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    allow_unstructured: bool = False,
    max_bytes: int | None = None,
    on_parsed: Callable[[Path], None] | None = None,
    on_loaded: Callable[[Path], None] | None = None,
) -> list[IngestOutcome]:
    """Parse every file first, then load the plans. Several go through ``ingest_many``: the new
    ones in one transaction (all or none), each plan the store already holds replaced in its
    own. A single plan goes through ``load_plan``, whose UNWIND batches need less memory than
    the bulk path's DataFrames for one large document.

    Parsing everything before touching the store means a bad file among several leaves the store
    as it was. ``on_parsed`` and ``on_loaded`` report progress, file by file.
    """
    plans: list[tuple[Path, PlanRecord]] = []
    for path in paths:
        plans.append(
            (path, ingest_path(path, allow_unstructured=allow_unstructured, max_bytes=max_bytes))
        )
        if on_parsed:
            on_parsed(path)
    store.ensure_schema()
    reports = (
        ingest_many(store, [plan for _, plan in plans])
        if len(plans) > 1
        else [load_plan(store, plan) for _, plan in plans]
    )
    outcomes = []
    for (path, plan), report in zip(plans, reports, strict=True):
        outcomes.append(IngestOutcome(str(path), plan, report))
        if on_loaded:
            on_loaded(path)
    return outcomes


def remove_plan(store: GraphStore, ref: str) -> PlanListing:
    """Remove one plan (its outline, targets and the shared nodes only it used), named by id,
    document number or title as every reader names it; the plan as it was listed.

    Raises NotFound, with the closest plan ids as suggestions, for a plan the store lacks.
    """
    from rapidfuzz import process

    from plankg.analysis.answers import list_plans
    from plankg.analysis.names import resolve_plan
    from plankg.errors import NotFound

    plans = {p.plan_id: p for p in list_plans(store)}
    try:
        plan_id = resolve_plan(store, ref).plan_id
    except NotFound:
        plan_id = None
    if plan_id is None or not store.delete_plan(plan_id):
        close = [hit[0] for hit in process.extract(ref, list(plans), limit=3, score_cutoff=40)]
        hint = (
            f"; did you mean {', '.join(close)}?"
            if close
            else ("; the store holds no plans" if not plans else "; see `plankg plans list`")
        )
        raise NotFound(f"no plan with id {ref!r}{hint}", suggestions=close)
    return plans[plan_id]


def ingest_upload(
    store: GraphStore, name: str, data: bytes, *, allow_unstructured: bool = False
) -> IngestSummary:
    """Read an uploaded plan file and load it (one transaction); the load summary."""
    plan = ingest_bytes(data, name, allow_unstructured=allow_unstructured)
    store.ensure_schema()
    return IngestOutcome(name, plan, load_plan(store, plan)).summary()


# -- enterprise and chain-leader data ---------------------------------------------------------


@dataclass
class EnterpriseLoadReport:
    source: str
    enterprises: int
    leads: int
    regions: int


def enterprise_rows(data: EnterpriseData) -> GraphRows:
    """Enterprise, Chain/Industry and Region nodes with LEADS and SITUATED_IN edges, all shared
    (merged by id), their edges marked as coming from a data file so plan removal keeps them."""
    from plankg.store.load import node_row, to_pinyin
    from plankg.store.schema import DATASET_SOURCE

    rows = GraphRows(plan_id=f"enterprise data {data.source_name}")
    for row in data.rows:
        concept = row.concept
        label = concept.kind.capitalize()
        concept_props: dict[str, Any] = {
            "id": concept.key,
            "name": concept.name,
            "name_en": concept.name_en,
            "aliases": [],
            "pinyin": to_pinyin(concept.name),
            "resolved": True,
        }
        if label == "Chain":
            concept_props["industry"] = concept.parent
        rows.add_node(label, node_row(label, **concept_props))
        if label == "Chain" and concept.parent:
            parent = industry_entries().get(concept.parent)
            rows.add_node(
                "Industry",
                node_row(
                    "Industry",
                    id=concept.parent,
                    name=parent.name if parent else None,
                    name_en=parent.name_en if parent else None,
                    aliases=[],
                    pinyin=to_pinyin(parent.name) if parent else None,
                    resolved=parent is not None,
                ),
            )
            rows.add_rel(
                "PART_OF",
                "Chain",
                "Industry",
                {"src": concept.key, "dst": concept.parent, "source": "vocabulary"},
            )
        rows.add_node(
            "Enterprise",
            node_row(
                "Enterprise",
                id=row.name,
                name=row.name,
                aliases=[],
                pinyin=to_pinyin(row.name),
                region=row.region,
                resolved=True,
            ),
        )
        rows.add_rel(
            "LEADS",
            "Enterprise",
            label,
            {
                "src": row.name,
                "dst": concept.key,
                "role": row.role,
                "source": DATASET_SOURCE,
                "evidence": f"{data.source_name} line {row.line}: {row.raw}",
            },
        )
        if row.region:
            rows.add_node(
                "Region",
                node_row(
                    "Region",
                    id=row.region,
                    name=row.region,
                    aliases=[],
                    pinyin=to_pinyin(row.region),
                ),
            )
            rows.add_rel(
                "SITUATED_IN",
                "Enterprise",
                "Region",
                {"src": row.name, "dst": row.region, "source": DATASET_SOURCE},
            )
    return _merged(rows)


def _merged(rows: GraphRows) -> GraphRows:
    """One row per node id and per edge (src, dst): a batch must not MERGE one id twice."""
    out = GraphRows(plan_id=rows.plan_id)
    for label, node_rows in rows.nodes.items():
        out.nodes[label] = list({r["id"]: r for r in node_rows}.values())
    for key, rel_rows in rows.rels.items():
        out.rels[key] = list({(r["src"], r["dst"]): r for r in rel_rows}.values())
    return out


def load_enterprises(store: GraphStore, data: EnterpriseData) -> EnterpriseLoadReport:
    """Write the enterprise data in one transaction (nothing is replaced: every node is shared)."""
    rows = enterprise_rows(data)
    store.ensure_schema()
    store.write_plan(rows)
    return EnterpriseLoadReport(
        source=data.source_name,
        enterprises=len(rows.nodes.get("Enterprise", [])),
        leads=sum(len(v) for k, v in rows.rels.items() if k[0] == "LEADS"),
        regions=len(rows.nodes.get("Region", [])),
    )


@dataclass
class CopyReport:
    plans: list[str]
    nodes: int
    edges: int


def copy_graph(source: GraphStore, target: GraphStore) -> CopyReport:
    """Push every plan of one store into another in one transaction on the target.

    Plans already on the target with the same id are replaced; other plans there stay.
    """
    rows = export_rows(source)
    plan_ids = [row["id"] for row in rows.nodes.get("Plan", [])]
    rows.plan_id = ", ".join(plan_ids)
    target.ensure_schema()
    target.write_plan(rows, replace_plan_id=plan_ids)
    nodes, edges = rows.count()
    return CopyReport(plans=plan_ids, nodes=nodes, edges=edges)


@dataclass
class ProgressLoadReport:
    source: str
    received: int  # reports in the input
    added: int  # new in the store
    already_stored: int  # the same report was there already (a second import adds nothing)
    ids: list[str]


def _progress_row(report: ProgressReport) -> dict[str, Any]:
    return {
        "id": report.content_key,
        "subject_label": "Task" if report.subject_kind == "task" else "Target",
        "subject_kind": report.subject_kind,
        "subject_id": report.subject_id,
        "plan_id": report.plan_id,
        "task_code": report.task_code,
        "task_text": report.task_text,
        "value": report.value,
        "state": report.state,
        "as_of": report.as_of.isoformat(),
        "note": report.note,
        "office": report.office,
        "evidence": report.evidence,
        "recorded_at": report.recorded_at,
        "source": report.source,
    }


def record_progress(
    store: GraphStore, reports: Sequence[ProgressReport], *, source: str
) -> ProgressLoadReport:
    """Append validated reports in one transaction; reports the store already holds (same
    content) are skipped, so importing a file twice adds nothing."""
    unique = {r.content_key: r for r in reports}
    store.ensure_schema()
    known = (
        {row["progress_id"] for row in run_query(store, "progress_ids", ids=list(unique))}
        if unique
        else set()
    )
    fresh = [r for key, r in unique.items() if key not in known]
    if fresh:
        store.write_plan(progress_rows([_progress_row(r) for r in fresh]))
    return ProgressLoadReport(
        source=source,
        received=len(reports),
        added=len(fresh),
        already_stored=len(reports) - len(fresh),
        ids=[r.content_key for r in fresh],
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_progress(
    store: GraphStore,
    inputs: Sequence[ReportInput],
    *,
    source: str,
    office_override: str | None = None,
    recorded_at: str | None = None,
) -> ProgressLoadReport:
    """Validate reports typed in (CLI, API) and append them; any bad one stops them all."""
    from plankg.analysis.ledger import ledger_plans, office_resolver
    from plankg.ledger.validate import validate_inputs

    store.ensure_schema()
    plans = ledger_plans(store)
    reports = validate_inputs(
        inputs,
        plans,
        recorded_at=recorded_at or _now(),
        source=source,
        resolve_office=office_resolver(store),
        office_override=office_override,
    )
    return record_progress(store, reports, source=source)


def import_ledger(
    store: GraphStore, data: bytes, name: str, *, recorded_at: str | None = None
) -> ProgressLoadReport:
    """The progress sheet of an Excel ledger: every row checked first, all bad rows listed with
    their row numbers and nothing loaded; a good file in one transaction."""
    from plankg.analysis.ledger import ledger_plans, office_resolver
    from plankg.ledger.sheet import read_sheet
    from plankg.ledger.validate import validate_inputs

    store.ensure_schema()
    plans = ledger_plans(store)
    inputs = read_sheet(data, name, plans)
    reports = validate_inputs(
        inputs,
        plans,
        recorded_at=recorded_at or _now(),
        source=f"xlsx:{name}",
        what=name,
        resolve_office=office_resolver(store),
    )
    return record_progress(store, reports, source=name)
