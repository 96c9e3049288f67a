"""The coordination-gap catalogue: where a plan's division of labour is likely to break.

Each gap type reads one named query (``gap_*.cypher``) and, for ids and evidence, the shared
edge queries (``responsibility_edges``, ``concern_edges``, ``gap_targets``). Every gap names the
nodes involved, one sentence in Chinese and one in English built from the data, and the phrases
of the plan it rests on.

Severity rules (one place, so the API and CLI agree):

==========================  =====================================================================
type                        severity
==========================  =====================================================================
shared_without_lead         high with 4 or more sharing owners, else medium
no_owner                    high when the ownerless task or section carries targets, else medium
collective_owner            high when no named office shares the task, else medium
open_ended_owner_list       medium
outside_dependency          high when the outside lead is unnamed (配合牵头部门), else medium
chain_without_joint_task    low (a missing formal link, not a missing owner)
name_variants               low
vague_target                medium with no number, low with a number but no deadline
overload                    high when over the threshold on tasks and on targets, else medium
chain_without_leader        low
==========================  =====================================================================

Overload threshold: an office is over on a measure (tasks held, targets carried) when its count
exceeds both median + 2×MAD and 2×median of all offices of the scope; with fewer than
``MIN_PEERS`` offices nobody is compared.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any, Literal

from pydantic import BaseModel

from plankg.analysis.names import plan_id_of, resolve_concept, resolve_office
from plankg.analysis.order import written_order
from plankg.codes import code_key
from plankg.errors import QueryError
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query
from plankg.store.readcache import cached

GapType = Literal[
    "shared_without_lead",
    "no_owner",
    "collective_owner",
    "open_ended_owner_list",
    "outside_dependency",
    "chain_without_joint_task",
    "name_variants",
    "vague_target",
    "overload",
    "chain_without_leader",
]
GAP_TYPES: tuple[str, ...] = GapType.__args__  # type: ignore[attr-defined]
Severity = Literal["high", "medium", "low"]
MIN_PEERS = 3
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


class GapNode(BaseModel):
    id: str
    label: str
    name_zh: str
    name_en: str | None = None


class GapEvidence(BaseModel):
    phrase: str
    ev_start: int | None = None
    ev_end: int | None = None
    task_code: str | None = None


class Gap(BaseModel):
    id: str
    type: GapType
    severity: Severity
    plan_id: str | None = None
    nodes: list[GapNode]
    explanation_zh: str
    explanation_en: str
    evidence: list[GapEvidence]


class GapReport(BaseModel):
    gaps: list[Gap]
    skipped: dict[str, str]  # gap type -> why it was not looked for


# Gaps are built from typed rows of the store, so pydantic's validation (most of the time spent
# on the tens of thousands of gaps of a large store) would only re-check what is already known.
def _node(**fields: Any) -> GapNode:
    return GapNode.model_construct(**fields)


def _evidence(**fields: Any) -> GapEvidence:
    return GapEvidence.model_construct(**fields)


def gap_id(gap_type: str, node_ids: Iterable[str]) -> str:
    """Stable across reloads: the type and a hash of the involved ids (order-free)."""
    digest = hashlib.sha1("|".join(sorted(set(node_ids))).encode("utf-8")).hexdigest()[:12]
    return f"{gap_type}:{digest}"


def _gap(
    gap_type: str,
    severity: str,
    nodes: list[GapNode],
    zh: str,
    en: str,
    evidence: list[GapEvidence],
    plan_id: str | None,
) -> Gap:
    unique_nodes = list({n.id: n for n in nodes}.values())
    return Gap.model_construct(
        id=gap_id(gap_type, [n.id for n in unique_nodes]),
        type=gap_type,
        severity=severity,
        plan_id=plan_id,
        nodes=unique_nodes,
        explanation_zh=zh,
        explanation_en=en,
        evidence=evidence,
    )


def _task_node(task_id: str, code: str, title: str | None) -> GapNode:
    return _node(
        id=task_id, label="Task", name_zh=f"{code} {title or ''}".strip(), name_en=f"Task {code}"
    )


def _owner_node(edge: dict[str, Any]) -> GapNode:
    return _node(
        id=edge["owner_id"],
        label=edge["owner_label"],
        name_zh=edge["owner"],
        name_en=edge["owner_en"],
    )


def _clause(edges: Sequence[dict[str, Any]]) -> list[GapEvidence]:
    """The distinct responsibility clauses of a task's owner edges."""
    seen: dict[tuple[int, int], GapEvidence] = {}
    for e in edges:
        if e["evidence"] is not None:
            seen.setdefault(
                (e["ev_start"], e["ev_end"]),
                _evidence(
                    phrase=e["evidence"],
                    ev_start=e["ev_start"],
                    ev_end=e["ev_end"],
                    task_code=e["task_code"],
                ),
            )
    return list(seen.values())


def _en(node: GapNode) -> str:
    return node.name_en or node.name_zh


def _zh_list(names: Iterable[str]) -> str:
    return "、".join(names)


def _en_list(names: Iterable[str]) -> str:
    return ", ".join(names)


class _Context:
    """Rows several gap types need, read once per call."""

    def __init__(self, store: GraphStore, plan_id: str | None) -> None:
        self.store = store
        self.plan_id = plan_id
        self.owner_edges = run_query(store, "responsibility_edges", plan_id=plan_id, task_id=None)
        self.owners_by_task: dict[str, list[dict[str, Any]]] = defaultdict(list)
        # Owners in the order the plan writes them (the store returns edges in no set order,
        # and one clause is the evidence of all its owners), so a gap reads the same every time.
        for edge in sorted(self.owner_edges, key=written_order):
            self.owners_by_task[edge["task_id"]].append(edge)
        self.concern_edges = run_query(store, "concern_edges", plan_id=plan_id, task_id=None)
        self.targets = {t["target_id"]: t for t in run_query(store, "gap_targets", plan_id=plan_id)}
        # Look-ups by id, so no gap type scans every edge of the store once per row.
        self.edges_by_owner: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for edge in sorted(self.owner_edges, key=lambda e: code_key(e["task_code"])):
            self.edges_by_owner[edge["owner_id"]].append(edge)
        self.concerns_by_concept: dict[str, list[dict[str, Any]]] = defaultdict(list)
        # A plan's evidence for a concept must not pick up tasks of other plans that happen to
        # share a code, and scanning every plan's edges per gap is quadratic in the store.
        self.concerns_by_plan_concept: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(
            list
        )
        self.concepts_by_task: dict[str, set[str]] = defaultdict(set)
        for c in self.concern_edges:
            self.concerns_by_concept[c["concept_id"]].append(c)
            self.concerns_by_plan_concept[(c["plan_id"], c["concept_id"])].append(c)
            self.concepts_by_task[c["task_id"]].update((c["concept_id"], c["industry_id"]))

    def query(self, name: str) -> list[dict[str, Any]]:
        return run_query(self.store, name, plan_id=self.plan_id)


def _shared_without_lead(ctx: _Context) -> list[Gap]:
    gaps = []
    for row in ctx.query("gap_shared_without_lead"):
        edges = ctx.owners_by_task[row["task_id"]]
        sharing = [e for e in edges if e["role"] == "each"]
        if len(sharing) < 2 or any(e["role"] == "lead" for e in edges):
            continue
        task = _task_node(row["task_id"], row["task_code"], row["task_title"])
        owners = [_owner_node(e) for e in edges]
        zh = (
            f"任务{row['task_code']}「{row['task_title']}」由{_zh_list(o.name_zh for o in owners)}"
            f"分别负责，没有明确牵头单位。"
        )
        en = (
            f"Task {row['task_code']} is shared by {len(owners)} owners "
            f"({_en_list(_en(o) for o in owners)}) and nobody leads it."
        )
        gaps.append(
            _gap(
                "shared_without_lead",
                "high" if len(sharing) >= 4 else "medium",
                [task, *owners],
                zh,
                en,
                _clause(edges),
                row["plan_id"],
            )
        )
    return gaps


def _target_node(target: dict[str, Any]) -> GapNode:
    return _node(id=target["target_id"], label="Target", name_zh=target["metric"], name_en=None)


def _target_evidence(target: dict[str, Any]) -> GapEvidence:
    return _evidence(
        phrase=target["evidence"],
        ev_start=target["ev_start"],
        ev_end=target["ev_end"],
        task_code=target["holder_code"] if target["holder_label"] == "Task" else None,
    )


def _no_owner(ctx: _Context) -> list[Gap]:
    gaps = []
    for row in ctx.query("gap_no_owner"):
        targets = [ctx.targets[t] for t in row["target_ids"] if t in ctx.targets]
        if row["kind"] == "task":
            task = _task_node(row["holder_id"], row["holder_code"], row["holder_title"])
            evidence = [
                _evidence(
                    phrase=row["text"],
                    ev_start=row["span_start"],
                    ev_end=row["span_end"],
                    task_code=row["holder_code"],
                )
            ]
            evidence += [_target_evidence(t) for t in targets]
            zh = f"任务{row['holder_code']}「{row['holder_title']}」没有写明责任科室。"
            en = f"Task {row['holder_code']} names no responsible office."
            if targets:
                zh = zh[:-1] + f"，却带有{len(targets)}项目标。"
                en = en[:-1] + f" yet carries {len(targets)} targets."
            gaps.append(
                _gap(
                    "no_owner",
                    "high" if targets else "medium",
                    [task, *map(_target_node, targets)],
                    zh,
                    en,
                    evidence,
                    row["plan_id"],
                )
            )
            continue
        section = _node(
            id=row["holder_id"],
            label="Section",
            name_zh=f"{row['holder_code']} {row['holder_title']}",
            name_en=f"Section {row['holder_code']}",
        )
        for target in targets:
            zh = (
                f"第{row['holder_code']}部分「{row['holder_title']}」的目标「{target['metric']}」"
                f"没有责任科室：章节目标不归属任何任务。"
            )
            en = (
                f"The target '{target['metric']}' of section {row['holder_code']} has no "
                f"responsible office: section-level targets are inherited by nobody."
            )
            gaps.append(
                _gap(
                    "no_owner",
                    "high",
                    [section, _target_node(target)],
                    zh,
                    en,
                    [_target_evidence(target)],
                    row["plan_id"],
                )
            )
    return gaps


def _collective_owner(ctx: _Context) -> list[Gap]:
    by_holder: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in ctx.query("gap_collective_owner"):
        by_holder[row["holder_id"]].append(row)
    gaps = []
    for holder_id, rows in by_holder.items():
        first = rows[0]
        edges = ctx.owners_by_task.get(holder_id, [])
        named = [e for e in edges if e["owner_label"] == "Office"]
        collectives = [e for e in edges if e["owner_label"] == "Collective"]
        holder = (
            _task_node(holder_id, first["holder_code"], first["holder_title"])
            if first["holder_label"] == "Task"
            else _node(id=holder_id, label="Section", name_zh=first["holder_title"])
        )
        groups = list(dict.fromkeys(r["collective"] for r in rows))
        zh = (
            f"任务{first['holder_code']}由{_zh_list(groups)}这类集体名义负责，"
            + (f"虽有{_zh_list(e['owner'] for e in named)}，" if named else "")
            + "没有具体到某个科室。"
        )
        en = (
            f"Task {first['holder_code']} is assigned to a group word ({_en_list(groups)})"
            + (
                f" alongside {_en_list(e['owner_en'] or e['owner'] for e in named)}"
                if named
                else ""
            )
            + ", so no particular office is accountable for that part."
        )
        evidence = _clause(edges) or [
            _evidence(
                phrase=r["evidence"],
                ev_start=r["ev_start"],
                ev_end=r["ev_end"],
                task_code=r["holder_code"],
            )
            for r in rows[:1]
        ]
        gaps.append(
            _gap(
                "collective_owner",
                "medium" if named else "high",
                [holder, *map(_owner_node, collectives), *map(_owner_node, named)],
                zh,
                en,
                evidence,
                first.get("plan_id") or ctx.plan_id or holder_id.split("#")[0],
            )
        )
    return gaps


def _open_ended(ctx: _Context) -> list[Gap]:
    gaps = []
    for row in ctx.query("gap_open_ended"):
        edges = ctx.owners_by_task[row["task_id"]]
        owners = [_owner_node(e) for e in edges]
        zh = (
            f"任务{row['task_code']}的责任单位列到{_zh_list(o.name_zh for o in owners)}"
            f"后以「等」结尾，其余责任单位未写明。"
        )
        en = (
            f"Task {row['task_code']} lists {_en_list(_en(o) for o in owners)} and then "
            f"'etc.': the other owners are not named."
        )
        gaps.append(
            _gap(
                "open_ended_owner_list",
                "medium",
                [_task_node(row["task_id"], row["task_code"], row["task_title"]), *owners],
                zh,
                en,
                _clause(edges),
                row["plan_id"],
            )
        )
    return gaps


def _outside_dependency(ctx: _Context) -> list[Gap]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in ctx.query("gap_outside_dependency"):
        grouped[(row["task_id"], row["agency_id"])].append(row)
    gaps = []
    for (task_id, agency_id), rows in grouped.items():
        first = rows[0]
        agency = _node(
            id=agency_id,
            label="Agency",
            name_zh=first["agency"],
            name_en="unnamed lead department" if first["unnamed"] else None,
        )
        offices = [
            _owner_node(e) for e in ctx.owners_by_task[task_id] if e["owner_label"] == "Office"
        ]
        lead = "未写明的牵头部门" if first["unnamed"] else first["raw"] or first["agency"]
        lead_en = (
            "a lead department the plan does not name"
            if first["unnamed"]
            else f"the outside department {first['raw'] or first['agency']}"
        )
        zh = (
            f"任务{first['task_code']}中本局只是配合{lead}（{len(rows)}处），"
            f"工作进度取决于外部牵头单位。"
        )
        en = (
            f"In task {first['task_code']} the bureau only supports {lead_en} "
            f"({len(rows)} mention{'s' if len(rows) > 1 else ''}), so progress depends on an "
            f"outside lead."
        )
        evidence = [
            _evidence(
                phrase=r["evidence"],
                ev_start=r["ev_start"],
                ev_end=r["ev_end"],
                task_code=r["task_code"],
            )
            for r in rows
        ]
        gaps.append(
            _gap(
                "outside_dependency",
                "high" if first["unnamed"] else "medium",
                [_task_node(task_id, first["task_code"], first["task_title"]), agency, *offices],
                zh,
                en,
                evidence,
                first["plan_id"],
            )
        )
    return gaps


def _concern_evidence(edges: Iterable[dict[str, Any]], codes: Iterable[str]) -> list[GapEvidence]:
    """The phrases linking the tasks coded ``codes`` to a concept, out of that concept's edges."""
    wanted = set(codes)
    seen: dict[tuple[str, int], GapEvidence] = {}
    for c in edges:
        if c["task_code"] in wanted:
            seen.setdefault(
                (c["task_code"], c["ev_start"]),
                _evidence(
                    phrase=c["evidence"],
                    ev_start=c["ev_start"],
                    ev_end=c["ev_end"],
                    task_code=c["task_code"],
                ),
            )
    return sorted(seen.values(), key=lambda e: (code_key(e.task_code), e.ev_start or 0))


def _concept_node(ctx: _Context, concept_id: str, fallback: str) -> GapNode:
    edges = ctx.concerns_by_concept.get(concept_id)
    if not edges:
        return _node(id=concept_id, label="Industry", name_zh=fallback)
    return _node(
        id=concept_id,
        label=edges[0]["concept_label"],
        name_zh=edges[0]["concept"],
        name_en=edges[0]["concept_en"],
    )


def _office_node(ctx: _Context, office_id: str, name: str) -> GapNode:
    edges = ctx.edges_by_owner.get(office_id)
    return _owner_node(edges[0]) if edges else _node(id=office_id, label="Office", name_zh=name)


def _offices_apart(ctx: _Context) -> list[dict[str, Any]]:
    """Pairs of offices that work on one industry or chain in different tasks of a plan but
    hold no task on it together, from the edges already read.

    Worked out here rather than in a query: a four-hop self-join over every task of a concept
    outgrows LadybugDB's buffer pool on a store of a thousand plans, while grouping the edges by
    plan and concept is linear.
    """
    tasks_on: dict[tuple[str, str], dict[str, dict[str, str]]] = defaultdict(dict)
    for c in ctx.concern_edges:
        for edge in ctx.owners_by_task.get(c["task_id"], ()):
            if edge["owner_label"] == "Office":
                tasks_on[(c["plan_id"], c["concept_id"])].setdefault(edge["owner_id"], {})[
                    c["task_id"]
                ] = c["task_code"]
    # The tasks each pair does hold together in a plan: on other industries, by construction.
    held_in_plan: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for edge in ctx.owner_edges:
        if edge["owner_label"] == "Office":
            held_in_plan[(edge["plan_id"], edge["owner_id"])][edge["task_id"]] = edge["task_code"]
    rows = []
    for (plan_id, concept_id), by_office in tasks_on.items():
        offices = sorted(by_office)
        for i, a in enumerate(offices):
            for b in offices[i + 1 :]:
                if by_office[a].keys() & by_office[b].keys():
                    continue
                held_a, held_b = held_in_plan[(plan_id, a)], held_in_plan[(plan_id, b)]
                together = sorted({held_a[t] for t in held_a.keys() & held_b.keys()}, key=code_key)
                rows.append(
                    {
                        "plan_id": plan_id,
                        "office_a_id": a,
                        "office_a": ctx.edges_by_owner[a][0]["owner"],
                        "office_b_id": b,
                        "office_b": ctx.edges_by_owner[b][0]["owner"],
                        "concept_id": concept_id,
                        "concept": ctx.concerns_by_concept[concept_id][0]["concept"],
                        "tasks_a": list(dict.fromkeys(by_office[a].values())),
                        "tasks_b": list(dict.fromkeys(by_office[b].values())),
                        "together_elsewhere": together,
                    }
                )
    return rows


def _chain_without_joint_task(ctx: _Context) -> list[Gap]:
    gaps = []
    for row in _offices_apart(ctx):
        concept = _concept_node(ctx, row["concept_id"], row["concept"])
        a = _office_node(ctx, row["office_a_id"], row["office_a"])
        b = _office_node(ctx, row["office_b_id"], row["office_b"])
        together = row["together_elsewhere"]
        # The gap is about this industry/chain only: two offices that share other tasks still
        # have nothing that makes them coordinate on this one, and the sentence must not read
        # as if they shared no task at all.
        zh = (
            f"{a.name_zh}（任务{_zh_list(sorted(row['tasks_a'], key=code_key))}）与"
            f"{b.name_zh}（任务{_zh_list(sorted(row['tasks_b'], key=code_key))}）都在做"
            f"{concept.name_zh}，却没有共同承担的{concept.name_zh}任务"
            + (
                f"（两者共同承担的任务{_zh_list(together)}不涉及{concept.name_zh}）。"
                if together
                else "。"
            )
        )
        en = (
            f"{_en(a)} (tasks {_en_list(sorted(row['tasks_a'], key=code_key))}) and {_en(b)} "
            f"(tasks {_en_list(sorted(row['tasks_b'], key=code_key))}) both work on "
            f"{_en(concept)} but hold no task on it together"
            + (
                f" (the tasks they do share, {_en_list(together)}, do not concern it)."
                if together
                else "."
            )
        )
        evidence = _concern_evidence(
            ctx.concerns_by_plan_concept[(row["plan_id"], row["concept_id"])],
            [*row["tasks_a"], *row["tasks_b"]],
        )
        gaps.append(
            _gap("chain_without_joint_task", "low", [a, b, concept], zh, en, evidence, ctx.plan_id)
        )
    return gaps


def _name_variants(ctx: _Context) -> list[Gap]:
    gaps = []
    for row in ctx.query("gap_name_variants"):
        office = _office_node(ctx, row["office_id"], row["office"])
        spellings = {row["office"], *row["aliases"]}
        # One clause per spelling is enough to show the variance.
        per_spelling: dict[str, GapEvidence] = {}
        for e in ctx.edges_by_owner.get(row["office_id"], ()):
            if e["raw"] in spellings:
                per_spelling.setdefault(
                    e["raw"],
                    _evidence(
                        phrase=e["evidence"],
                        ev_start=e["ev_start"],
                        ev_end=e["ev_end"],
                        task_code=e["task_code"],
                    ),
                )
        aliases = _zh_list(row["aliases"])
        zh = f"同一科室在计划中有多种写法：{row['office']}，又写作{aliases}。"
        en = (
            f"One office is written in more than one way: {row['office']} ({_en(office)}) "
            f"also appears as {', '.join(row['aliases'])}."
        )
        gaps.append(
            _gap("name_variants", "low", [office], zh, en, list(per_spelling.values()), ctx.plan_id)
        )
    return gaps


def _vague_target(ctx: _Context) -> list[Gap]:
    gaps = []
    for row in ctx.query("gap_vague_targets"):
        holder = (
            _task_node(row["holder_id"], row["holder_code"], row["holder_title"])
            if row["holder_label"] == "Task"
            else _node(
                id=row["holder_id"],
                label="Section",
                name_zh=f"{row['holder_code']} {row['holder_title']}",
                name_en=f"Section {row['holder_code']}",
            )
        )
        target = ctx.targets.get(row["target_id"], {})
        has_number = target.get("value") is not None
        missing_zh = "没有期限" if has_number else "没有具体数值"
        missing_en = "no deadline" if has_number else "no number"
        zh = f"目标「{row['evidence']}」{missing_zh}，无法考核。"
        en = f"The target '{row['metric']}' ({row['evidence']}) has {missing_en}, so it cannot be checked."
        gaps.append(
            _gap(
                "vague_target",
                "low" if has_number else "medium",
                [holder, _node(id=row["target_id"], label="Target", name_zh=row["metric"])],
                zh,
                en,
                [
                    _evidence(
                        phrase=row["evidence"],
                        ev_start=row["ev_start"],
                        ev_end=row["ev_end"],
                        task_code=row["holder_code"] if row["holder_label"] == "Task" else None,
                    )
                ],
                row["plan_id"],
            )
        )
    return gaps


def overload_threshold(counts: Sequence[int]) -> float | None:
    """The count above which an office is out of line with its peers (None: too few peers)."""
    if len(counts) < MIN_PEERS:
        return None
    mid = median(counts)
    mad = median(abs(c - mid) for c in counts)
    return max(mid + 2 * mad, 2 * mid)


def _overload(ctx: _Context) -> list[Gap]:
    rows = ctx.query("gap_overload")
    limits = {m: overload_threshold([r[m] for r in rows]) for m in ("tasks", "targets")}
    gaps = []
    for row in rows:
        over = [m for m, limit in limits.items() if limit is not None and row[m] > limit]
        if not over:
            continue
        office = _office_node(ctx, row["office_id"], row["office"])
        measures_zh = "、".join(
            f"{ {'tasks': '任务', 'targets': '目标'}[m] }{row[m]}项（同级阈值{limits[m]:g}）"
            for m in over
        )
        measures_en = ", ".join(f"{row[m]} {m} (peer threshold {limits[m]:g})" for m in over)
        zh = f"{office.name_zh}承担{measures_zh}，明显多于其他科室。"
        en = f"{_en(office)} carries {measures_en}, far more than its peer offices."
        evidence = _clause(ctx.edges_by_owner.get(row["office_id"], []))
        gaps.append(
            _gap(
                "overload",
                "high" if len(over) == 2 else "medium",
                [office],
                zh,
                en,
                evidence,
                ctx.plan_id,
            )
        )
    return gaps


def _chain_without_leader(ctx: _Context) -> list[Gap]:
    gaps = []
    for row in ctx.query("gap_chain_without_leader"):
        chain = _node(
            id=row["chain_id"], label="Chain", name_zh=row["chain"], name_en=row["chain_en"]
        )
        codes = sorted(row["tasks"], key=code_key)
        zh = f"{row['chain']}（任务{_zh_list(codes)}）没有已知的链主企业。"
        en = f"No known chain-leader enterprise leads {_en(chain)} (tasks {_en_list(codes)})."
        gaps.append(
            _gap(
                "chain_without_leader",
                "low",
                [chain],
                zh,
                en,
                _concern_evidence(ctx.concerns_by_concept.get(row["chain_id"], ()), codes),
                ctx.plan_id,
            )
        )
    return gaps


_FINDERS = {
    "shared_without_lead": _shared_without_lead,
    "no_owner": _no_owner,
    "collective_owner": _collective_owner,
    "open_ended_owner_list": _open_ended,
    "outside_dependency": _outside_dependency,
    "chain_without_joint_task": _chain_without_joint_task,
    "name_variants": _name_variants,
    "vague_target": _vague_target,
    "overload": _overload,
    "chain_without_leader": _chain_without_leader,
}


def _wanted_types(types: Iterable[str] | None) -> list[str]:
    if types is None:
        return list(GAP_TYPES)
    wanted = list(dict.fromkeys(types))
    unknown = [t for t in wanted if t not in _FINDERS]
    if unknown:
        raise QueryError(
            f"unknown gap type {', '.join(unknown)}; known types: {', '.join(GAP_TYPES)}"
        )
    return wanted


def gap_report(
    store: GraphStore,
    *,
    plan: str | None = None,
    types: Iterable[str] | None = None,
    office: str | None = None,
    industry: str | None = None,
) -> GapReport:
    """The gaps of the store (or one plan), with the types that could not be looked for and why.
    The gaps are kept per state of the store and shared: do not mutate them.

    ``plan`` is a reference to one plan (id, document number or title). ``office`` and
    ``industry`` are references (name, alias, English, pinyin or id) and keep the gaps that
    involve that office, or that industry or one of its chains.
    """
    wanted = _wanted_types(types)
    plan_id = plan_id_of(store, plan)
    office_id = resolve_office(store, office).id if office is not None else None
    concept = resolve_concept(store, industry) if industry is not None else None
    found = cached(store, ("gaps", plan_id), lambda: _find_every_gap(store, plan_id))
    gaps = (
        list(found.gaps)
        if len(wanted) == len(GAP_TYPES)
        else [g for g in found.gaps if g.type in wanted]
    )
    if office_id is not None:
        gaps = [g for g in gaps if any(n.id == office_id for n in g.nodes)]
    if concept is not None:
        gaps = [g for g in gaps if _involves_concept(found.concepts_by_task, g, concept.id)]
    # The gaps were validated when found; checking tens of thousands again per call is waste.
    return GapReport.model_construct(
        gaps=gaps, skipped={t: why for t, why in found.skipped.items() if t in wanted}
    )


@dataclass(frozen=True)
class _EveryGap:
    gaps: list[Gap]  # in report order
    skipped: dict[str, str]
    concepts_by_task: dict[str, set[str]]


def _find_every_gap(store: GraphStore, plan_id: str | None) -> _EveryGap:
    """Every gap type at once: filters are applied to this list, which is read once per state of
    the store and plan rather than once per request."""
    ctx = _Context(store, plan_id)
    types = list(GAP_TYPES)
    skipped: dict[str, str] = {}
    if not run_query(store, "enterprise_leads")[0]["leads"]:
        types.remove("chain_without_leader")
        skipped["chain_without_leader"] = (
            "no enterprise data loaded (no chain-leader links); "
            "load enterprises to look for this gap"
        )
    gaps = [gap for t in types for gap in _FINDERS[t](ctx)]
    order = {t: i for i, t in enumerate(GAP_TYPES)}
    gaps.sort(
        key=lambda g: (
            SEVERITY_ORDER[g.severity],
            order[g.type],
            code_key(g.evidence[0].task_code if g.evidence else None),
            g.id,
        )
    )
    return _EveryGap(gaps, skipped, dict(ctx.concepts_by_task))


def _involves_concept(concepts_by_task: dict[str, set[str]], gap: Gap, concept_id: str) -> bool:
    """The gap names the industry/chain, or one of its tasks concerns it (or a chain of it)."""
    ids = {n.id for n in gap.nodes}
    return concept_id in ids or any(
        concept_id in concepts_by_task.get(node_id, ()) for node_id in ids
    )


def find_gaps(
    store: GraphStore,
    *,
    plan: str | None = None,
    types: Iterable[str] | None = None,
    office: str | None = None,
    industry: str | None = None,
) -> list[Gap]:
    """The gaps alone (see :func:`gap_report` for the skipped types)."""
    return gap_report(store, plan=plan, types=types, office=office, industry=industry).gaps
