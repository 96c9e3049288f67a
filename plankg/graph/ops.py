"""What the edges (CLI, API, notebooks) ask of a store, one function per question.

Each function takes the store as its first argument (injected, never global) and returns plain
data. Cypher stays in ``plankg/queries``; this module only names the query and shapes the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plankg.graph.bulk import ingest_many
from plankg.graph.export import export_rows, graph_stats
from plankg.graph.load import LoadReport, load_plan
from plankg.graph.queries import run_query
from plankg.graph.readcache import cached
from plankg.graph.rows import GraphRows
from plankg.graph.store import GraphStore
from plankg.ingest import ingest_path
from plankg.ingest.enterprises import EnterpriseData
from plankg.ingest.entities import industry_vocab
from plankg.models import PlanRecord
from plankg.resolve import Candidate, CandidateIndex

CONCEPT_LABELS = ("Industry", "Chain")


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
            "changes": self.report.diff.model_dump() if self.report.diff else None,
        }


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


def store_is_empty(store: GraphStore) -> bool:
    store.ensure_schema()
    return not run_query(store, "plans")


def stats(store: GraphStore) -> dict[str, Any]:
    store.ensure_schema()
    return graph_stats(store)


def _named_rows_as_candidates(store: GraphStore) -> list[Candidate]:
    return [
        Candidate(
            id=r["id"],
            label=r["label"],
            name_zh=r["name"] or r["id"],
            name_en=r.get("name_en"),
            aliases=tuple(r.get("aliases") or ()),
        )
        for r in run_query(store, "search_names")
    ]


def name_index(store: GraphStore) -> CandidateIndex:
    """Every named node (offices, agencies, industries, chains …), indexed for resolution once
    per state of the store: deriving pinyin keys is the slow part of resolving a name."""
    return cached(store, "names", lambda: CandidateIndex(_named_rows_as_candidates(store)))


def label_index(store: GraphStore, labels: tuple[str, ...]) -> CandidateIndex:
    return cached(store, ("names", labels), lambda: name_index(store).with_labels(labels))


def concept_candidates(store: GraphStore) -> list[Candidate]:
    """Every industry and chain in the store, as name-resolution candidates."""
    return label_index(store, CONCEPT_LABELS).candidates


def resolve_concept(store: GraphStore, ref: str) -> Candidate:
    """One industry or chain for a name in Chinese, English, alias or pinyin.

    Raises NotFound (with suggestions) or AmbiguousName (with candidates).
    """
    from plankg.errors import AmbiguousName

    hit = label_index(store, CONCEPT_LABELS).resolve(ref)
    if isinstance(hit, list):
        raise AmbiguousName(
            f"'{ref}' matches {len(hit)} industries or chains: "
            + ", ".join(f"{c.name_zh} ({c.label})" for c in hit),
            candidates=[
                {"id": c.id, "label": c.label, "name_zh": c.name_zh, "name_en": c.name_en}
                for c in hit
            ],
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
    """Which offices carry tasks that concern an industry or chain, with the connecting tasks.

    The answer is kept per state of the store and shared: do not mutate it."""
    concept = resolve_concept(store, ref)
    return cached(
        store,
        ("offices_sharing", concept.id, plan_id),
        lambda: SharingAnswer(
            concept=concept,
            offices=_group_by_office(
                run_query(store, "offices_sharing", ids=[concept.id], plan_id=plan_id)
            ),
        ),
    )


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


# -- plans in a store ------------------------------------------------------------------------


@dataclass
class PlanListing:
    plan_id: str
    title: str | None
    issuer: str | None
    doc_no: str | None
    tasks: int
    loaded_at: str | None
    source_name: str | None


def list_plans(store: GraphStore) -> list[PlanListing]:
    """Every plan in the store with its task count, newest issue first."""
    counts = {r["plan_id"]: int(r["tasks"]) for r in run_query(store, "plan_task_counts")}
    return [
        PlanListing(
            plan_id=r["plan_id"],
            title=r["title"],
            issuer=r["issuer"],
            doc_no=r["doc_no"],
            tasks=counts.get(r["plan_id"], 0),
            loaded_at=r["loaded_at"],
            source_name=r["source_name"],
        )
        for r in run_query(store, "plans")
    ]


def remove_plan(store: GraphStore, plan_id: str) -> PlanListing:
    """Remove one plan (its outline, targets and the shared nodes only it used).

    Raises NotFound, with the closest plan ids as suggestions, for an id the store lacks.
    """
    from rapidfuzz import process

    from plankg.errors import NotFound

    plans = {p.plan_id: p for p in list_plans(store)}
    removed = plans.get(plan_id)
    if removed is None or not store.delete_plan(plan_id):
        close = [hit[0] for hit in process.extract(plan_id, list(plans), limit=3, score_cutoff=40)]
        hint = (
            f"; did you mean {', '.join(close)}?"
            if close
            else ("; the store holds no plans" if not plans else "; see `plankg plans list`")
        )
        raise NotFound(f"no plan with id {plan_id!r}{hint}", suggestions=close)
    return removed


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
    from plankg.graph.load import node_row, to_pinyin
    from plankg.graph.schema import DATASET_SOURCE

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
            parent = industry_vocab().entries.get(concept.parent)
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
