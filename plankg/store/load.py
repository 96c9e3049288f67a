"""PlanRecord -> node/edge rows -> a store.

``plan_to_rows`` is pure: it decides every id and property, so both stores write the same graph.
Plan-owned nodes (Section, Task, Target) get ids prefixed by the plan id; shared nodes get ids
that let several plans meet on them (an office is scoped by its issuer, an industry by its
vocabulary key, an enterprise by its name).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, Field
from pypinyin import lazy_pinyin

from plankg.canonical import agency_english_name, industry_entries
from plankg.codes import code_key, code_sort_key
from plankg.errors import InputError
from plankg.ledger.follow import TargetKey, TaskKey, follow_targets, follow_tasks
from plankg.models import (
    AgencyMention,
    Evidence,
    Mention,
    PlanRecord,
    Section,
    Target,
    Task,
)
from plankg.script import simplified_twin
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query
from plankg.store.rows import GraphRows
from plankg.store.schema import NODE_BY_LABEL, PLAN_OWNED_LABELS

# Portable Cypher; ``{id: $plan_id}`` is a primary-key lookup in LadybugDB and an index seek in
# Neo4j (the uniqueness constraint), where the named ``plans`` query reads every plan.
_PLAN_DIGEST = "MATCH (p:Plan {id: $plan_id}) RETURN p.digest AS digest"

MENTION_LABELS = {
    "industry": "Industry",
    "chain": "Chain",
    "enterprise": "Enterprise",
    "park": "Park",
    "region": "Region",
    "document": "Document",
}
# The edge from a task or section to each kind of mentioned thing.
MENTION_RELS = {
    "industry": "CONCERNS",
    "chain": "CONCERNS",
    "enterprise": "MENTIONS",
    "park": "DEVELOPS",
    "region": "LOCATED_IN",
    "document": "CITES",
}


class OwnerRole(BaseModel):
    owner: str
    role: str


class OwnerChange(BaseModel):
    task_code: str
    before: list[OwnerRole]
    after: list[OwnerRole]


class PlanDiff(BaseModel):
    """What a re-ingest changed in a plan's task ledger."""

    tasks_added: list[str] = Field(default_factory=list)
    tasks_removed: list[str] = Field(default_factory=list)
    owners_changed: list[OwnerChange] = Field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.tasks_added or self.tasks_removed or self.owners_changed)


class LoadReport(BaseModel):
    plan_id: str
    nodes: int
    edges: int
    replaced: bool
    diff: PlanDiff | None = None  # only when a previous version was replaced
    unchanged: bool = False  # the store already held exactly this graph: nothing was written
    progress_kept: int = 0  # progress reports carried over to the new version
    progress_orphaned: list[str] = Field(default_factory=list)  # ids of reports left unattached


# Unbounded: a corpus names a few thousand distinct offices and concepts, each converted once
# (pypinyin costs tens of microseconds a call, and a bulk load asks for every node).
@cache
def to_pinyin(text: str | None) -> str | None:
    """Toneless pinyin run together (聊城 -> liaocheng), for search by Latin keyboard."""
    if not text:
        return None
    return "".join(lazy_pinyin(text)).lower()


def section_id(plan_id: str, code: str) -> str:
    return f"{plan_id}#{code}"


def task_id(plan_id: str, code: str) -> str:
    return f"{plan_id}#{code}"


def target_id(holder_id: str, ordinal: int) -> str:
    return f"{holder_id}#t{ordinal}"


def office_id(issuer_scope: str, name: str) -> str:
    return f"{issuer_scope}/{name}"


def issuer_scope(plan: PlanRecord) -> str:
    """Offices of one issuer meet across its plans (in either script); without an issuer they
    stay in the plan."""
    issuer = plan.header.issuer
    return (simplified_twin(issuer) or issuer) if issuer else plan.id


def mention_id(mention: Mention) -> str:
    if mention.kind in ("industry", "chain"):
        return mention.key
    return mention.name


def node_row(label: str, **values: Any) -> dict[str, Any]:
    """A row with exactly the schema's properties of ``label`` (missing ones as None)."""
    props = NODE_BY_LABEL[label].props
    if not values.keys() <= props.keys():
        raise KeyError(f"{label} has no properties {sorted(values.keys() - props.keys())}")
    return {name: values.get(name) for name in props}


def evidence_props(evidence: Evidence, plan_id: str) -> dict[str, Any]:
    return {
        "evidence": evidence.phrase,
        "ev_start": evidence.start,
        "ev_end": evidence.end,
        "plan_id": plan_id,
    }


def plan_row(plan: PlanRecord, loaded_at: str | None = None) -> dict[str, Any]:
    header = plan.header
    return node_row(
        "Plan",
        id=plan.id,
        title=header.title,
        issuer=header.issuer,
        doc_no=header.doc_no,
        issued=header.issued,
        period_start=header.period_start,
        period_end=header.period_end,
        source_name=plan.source_name,
        source_format=plan.source_format,
        sha256=plan.sha256,
        text=plan.text,
        loaded_at=loaded_at,
        unparsed=json.dumps([u.model_dump() for u in plan.unparsed], ensure_ascii=False),
    )


def section_row(plan_id: str, section: Section) -> dict[str, Any]:
    return node_row(
        "Section",
        id=section_id(plan_id, section.code),
        plan_id=plan_id,
        code=section.code,
        number=section.number,
        title=section.title,
        level=section.level,
        intro=section.intro,
        span_start=section.start,
        span_end=section.end,
    )


def task_row(plan_id: str, task: Task) -> dict[str, Any]:
    return node_row(
        "Task",
        id=task_id(plan_id, task.code),
        plan_id=plan_id,
        code=task.code,
        sort_key=code_sort_key(task.code),
        number=task.number,
        title=task.title,
        text=task.text,
        level=task.level,
        span_start=task.start,
        span_end=task.end,
        has_owner=task.has_owner,
        open_ended=any(owner.open_ended for owner in task.owners),
        warnings=list(task.warnings),
        deadline=task.deadline,
    )


def target_row(plan_id: str, holder_id: str, target: Target) -> dict[str, Any]:
    return node_row(
        "Target",
        id=target_id(holder_id, target.ordinal),
        plan_id=plan_id,
        holder_id=holder_id,
        ordinal=target.ordinal,
        metric=target.metric,
        # LadybugDB types the column DOUBLE; an int from a hand-built record must not change that.
        value=None if target.value is None else float(target.value),
        value_max=None if target.value_max is None else float(target.value_max),
        unit=target.unit,
        raw_value=target.raw_value,
        qualifiers=list(target.qualifiers),
        kind=target.kind,
        year=target.year,
        period_start=target.period_start,
        period_end=target.period_end,
        vague=target.vague,
        evidence=target.evidence.phrase,
        ev_start=target.evidence.start,
        ev_end=target.evidence.end,
    )


def mention_row(mention: Mention, surfaces: list[str], resolved: bool) -> dict[str, Any]:
    label = MENTION_LABELS[mention.kind]
    if label == "Document":
        return node_row(label, id=mention_id(mention), title=mention.name)
    named: dict[str, Any] = {
        "id": mention_id(mention),
        "name": mention.name,
        "name_en": mention.name_en,
        "aliases": _with_vocabulary_aliases(label, mention.key, mention.name, surfaces),
        "pinyin": to_pinyin(mention.name),
    }
    if label in ("Industry", "Chain", "Enterprise"):
        named["resolved"] = resolved
    if label == "Chain":
        named["industry"] = mention.parent
    if label == "Park":
        named["region"] = mention.parent
        named["park_kind"] = mention.role
    return node_row(label, **named)


def _with_vocabulary_aliases(label: str, key: str, name: str, surfaces: list[str]) -> list[str]:
    """Industries and chains answer to every alias the vocabulary knows, not only the surfaces
    this plan happened to use, so a user's 铝加工 or "non-ferrous" finds them."""
    if label not in ("Industry", "Chain"):
        return surfaces
    entry = industry_entries().get(key)
    if entry is None:
        return surfaces
    return sorted(set(surfaces) | set(entry.aliases) - {name})


def vocabulary_industry_row(key: str) -> dict[str, Any]:
    """An industry known only as a chain's parent, named from the vocabulary when it can be."""
    entry = industry_entries().get(key)
    if entry is None:
        return node_row("Industry", id=key)
    return node_row(
        "Industry",
        id=key,
        name=entry.name,
        name_en=entry.name_en,
        aliases=sorted(set(entry.aliases) - {entry.name}),
        pinyin=to_pinyin(entry.name),
        resolved=True,
    )


def agency_row(name: str, mentions: list[AgencyMention]) -> dict[str, Any]:
    return node_row(
        "Agency",
        id=name,
        name=name,
        name_en=agency_english_name(name)
        or ("Unnamed lead department" if any(m.unnamed for m in mentions) else None),
        aliases=sorted({m.raw for m in mentions} - {name}),
        pinyin=to_pinyin(name),
        unnamed=any(m.unnamed for m in mentions),
        resolved=all(m.resolved for m in mentions),
    )


def holders(plan: PlanRecord) -> list[tuple[str, str, Section | Task]]:
    """Every (label, id, record) that can hold targets, agencies and mentions."""
    out: list[tuple[str, str, Section | Task]] = [
        ("Section", section_id(plan.id, s.code), s) for s in plan.sections
    ]
    out.extend(("Task", task_id(plan.id, t.code), t) for t in plan.tasks)
    return out


def _add_outline(rows: GraphRows, plan: PlanRecord) -> None:
    section_codes = {s.code for s in plan.sections}
    for section in plan.sections:
        sid = section_id(plan.id, section.code)
        rows.add_node("Section", section_row(plan.id, section))
        if section.parent_code in section_codes:
            rows.add_rel(
                "HAS_SECTION",
                "Section",
                "Section",
                {"src": section_id(plan.id, section.parent_code), "dst": sid},
            )
        else:
            rows.add_rel("HAS_SECTION", "Plan", "Section", {"src": plan.id, "dst": sid})
    for task in plan.tasks:
        tid = task_id(plan.id, task.code)
        rows.add_node("Task", task_row(plan.id, task))
        if task.section_code in section_codes:
            rows.add_rel(
                "HAS_TASK",
                "Section",
                "Task",
                {"src": section_id(plan.id, task.section_code), "dst": tid},
            )
        else:
            rows.add_rel("HAS_TASK", "Plan", "Task", {"src": plan.id, "dst": tid})


def _add_offices_and_owners(rows: GraphRows, plan: PlanRecord) -> None:
    scope = issuer_scope(plan)
    offices = {office.name: office for office in plan.offices}
    # An owner the office list missed is still an office of the issuer. Each name once: a busy
    # office owns dozens of tasks, and its row is the same every time.
    owner_names = [o.name for t in plan.tasks for o in t.owners if not o.collective]
    for name in dict.fromkeys([*offices, *owner_names]):
        office = offices.get(name)
        aliases = office.aliases if office else []
        oid = office_id(scope, name)
        rows.add_node(
            "Office",
            node_row(
                "Office",
                id=oid,
                name=name,
                name_en=office.name_en if office else None,
                aliases=[a.alias for a in aliases],
                alias_rules=[a.rule for a in aliases],
                issuer=plan.header.issuer,
                pinyin=to_pinyin(name),
            ),
        )
        rows.add_rel("HAS_OFFICE", "Plan", "Office", {"src": plan.id, "dst": oid})
    collectives: set[str] = set()
    for task in plan.tasks:
        tid = task_id(plan.id, task.code)
        for owner in task.owners:
            if owner.collective:
                src_label, src = "Collective", owner.name
                if owner.name not in collectives:
                    collectives.add(owner.name)
                    rows.add_node(
                        "Collective",
                        node_row(
                            "Collective",
                            id=owner.name,
                            name=owner.name,
                            aliases=[],
                            pinyin=to_pinyin(owner.name),
                        ),
                    )
            else:
                src_label, src = "Office", office_id(scope, owner.name)
            rows.add_rel(
                "RESPONSIBLE_FOR",
                src_label,
                "Task",
                {
                    "src": src,
                    "dst": tid,
                    "role": owner.role,
                    "raw": owner.raw,
                    "open_ended": owner.open_ended,
                    **evidence_props(owner.evidence, plan.id),
                },
            )


def _add_targets_and_agencies(rows: GraphRows, plan: PlanRecord) -> None:
    agency_mentions: dict[str, list[AgencyMention]] = {}
    for target in plan.targets:
        row = target_row(plan.id, plan.id, target)
        rows.add_node("Target", row)
        rows.add_rel(
            "HAS_TARGET", "Plan", "Target", {"src": plan.id, "dst": row["id"], "plan_id": plan.id}
        )
    for label, hid, holder in holders(plan):
        for target in holder.targets:
            row = target_row(plan.id, hid, target)
            rows.add_node("Target", row)
            rows.add_rel(
                "HAS_TARGET", label, "Target", {"src": hid, "dst": row["id"], "plan_id": plan.id}
            )
        for agency in holder.agencies:
            agency_mentions.setdefault(agency.name, []).append(agency)
            rows.add_rel(
                "INVOLVES",
                label,
                "Agency",
                {
                    "src": hid,
                    "dst": agency.name,
                    "relation": agency.relation,
                    "raw": agency.raw,
                    **evidence_props(agency.evidence, plan.id),
                },
            )
    for name, mentions in agency_mentions.items():
        rows.add_node("Agency", agency_row(name, mentions))


def _add_mentions(rows: GraphRows, plan: PlanRecord) -> None:
    by_node: dict[tuple[str, str], list[Mention]] = {}
    for label, hid, holder in holders(plan):
        for mention in holder.mentions:
            target_label = MENTION_LABELS[mention.kind]
            by_node.setdefault((target_label, mention_id(mention)), []).append(mention)
            rows.add_rel(
                MENTION_RELS[mention.kind],
                label,
                target_label,
                {
                    "src": hid,
                    "dst": mention_id(mention),
                    "surface": mention.evidence.phrase,
                    **evidence_props(mention.evidence, plan.id),
                },
            )
    for (label, _nid), mentions in by_node.items():
        first = _most_complete(mentions)
        surfaces = sorted({m.evidence.phrase for m in mentions} - {first.name})
        rows.add_node(label, mention_row(first, surfaces, all(m.resolved for m in mentions)))
    _add_shared_links(rows, plan, by_node)


def _most_complete(mentions: list[Mention]) -> Mention:
    """The mention that knows the most (an English name, a parent), so no fact is lost."""
    return max(mentions, key=lambda m: (m.name_en is not None, m.parent is not None, m.resolved))


def _add_shared_links(
    rows: GraphRows, plan: PlanRecord, by_node: dict[tuple[str, str], list[Mention]]
) -> None:
    """PART_OF, LEADS and SITUATED_IN: facts between shared nodes, from vocabulary or plan."""
    for (label, nid), mentions in by_node.items():
        mention = _most_complete(mentions)
        if label == "Chain" and mention.parent:
            if ("Industry", mention.parent) not in by_node:
                # Known only as the chain's parent: named from the vocabulary; what it does
                # not know stays None, which a store's merge must not let erase.
                rows.add_node("Industry", vocabulary_industry_row(mention.parent))
            rows.add_rel(
                "PART_OF",
                "Chain",
                "Industry",
                {
                    "src": nid,
                    "dst": mention.parent,
                    "source": "vocabulary" if mention.resolved else "plan",
                },
            )
        elif label == "Enterprise" and mention.role and mention.parent:
            led_label = next(
                (lbl for lbl in ("Chain", "Industry") if (lbl, mention.parent) in by_node), None
            )
            if led_label:
                rows.add_rel(
                    "LEADS",
                    "Enterprise",
                    led_label,
                    {
                        "src": nid,
                        "dst": mention.parent,
                        "role": mention.role,
                        "source": "plan",
                        **evidence_props(mention.evidence, plan.id),
                    },
                )
        elif label == "Park" and mention.parent and ("Region", mention.parent) in by_node:
            rows.add_rel(
                "SITUATED_IN",
                "Park",
                "Region",
                {"src": nid, "dst": mention.parent, "source": "plan"},
            )


def _row_key(row: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A hashable key for an edge row. Edge properties are scalars (schema.py) and each kind of
    edge row is built by one dict literal, so the items in their own order are the key; sorting
    them cost a third of a bulk load's row building."""
    return tuple(row.items())


def _dedupe(rows: GraphRows) -> GraphRows:
    """Drop repeated rows: a node seen twice is merged (first non-empty value wins), an edge is
    kept once per distinct evidence. Two different plan-owned nodes with one id is a parser bug."""
    out = GraphRows(plan_id=rows.plan_id)
    for label, node_rows in rows.nodes.items():
        merged: dict[str, dict[str, Any]] = {}
        for row in node_rows:
            seen = merged.get(row["id"])
            if seen is None:
                merged[row["id"]] = dict(row)
            elif label in PLAN_OWNED_LABELS and seen != row:
                raise InputError(
                    f"plan {rows.plan_id}: two different {label} rows with id "
                    f"{row['id']!r}; the outline must give each a unique code"
                )
            else:
                for key, value in row.items():
                    if seen[key] in (None, []) and value not in (None, []):
                        seen[key] = value
        out.nodes[label] = list(merged.values())
    for rel_key, rel_rows in rows.rels.items():
        unique: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = {}
        for row in rel_rows:
            unique.setdefault(_row_key(row), row)
        out.rels[rel_key] = list(unique.values())
    return out


def plan_to_rows(plan: PlanRecord, *, loaded_at: str | None = None) -> GraphRows:
    """Every node and edge row of ``plan``; pure (``loaded_at`` is passed in, not read).

    The Plan row carries ``digest``, a hash of every other row, so loading the same graph
    again can be recognised without reading it back.
    """
    rows = GraphRows(plan_id=plan.id)
    rows.add_node("Plan", plan_row(plan, loaded_at))
    _add_outline(rows, plan)
    _add_offices_and_owners(rows, plan)
    _add_targets_and_agencies(rows, plan)
    _add_mentions(rows, plan)
    rows = _dedupe(rows)
    rows.nodes["Plan"][0]["digest"] = rows_digest(rows)
    return rows


_NOT_DIGESTED = ("loaded_at", "digest")  # when it was loaded is not what was loaded


def rows_digest(rows: GraphRows) -> str:
    """A hash of the rows' content, independent of the order rows were added in."""
    digest = hashlib.sha256()
    for label in sorted(rows.nodes):
        for row in sorted(_canonical(r) for r in rows.nodes[label]):
            digest.update(f"{label}\t{row}\n".encode())
    for key in sorted(rows.rels):
        for row in sorted(_canonical(r) for r in rows.rels[key]):
            digest.update(f"{key}\t{row}\n".encode())
    return digest.hexdigest()


def _canonical(row: dict[str, Any]) -> str:
    kept = {k: v for k, v in row.items() if k not in _NOT_DIGESTED}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, default=str)


def _ledger(rows: Iterable[dict[str, Any]]) -> dict[str, set[tuple[str, str]]]:
    """task code -> {(owner, role)} (an empty set for a task with no owner)."""
    ledger: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        owners = ledger.setdefault(row["task_code"], set())
        if row.get("owner") is not None:
            owners.add((row["owner"], row["role"]))
    return ledger


def plan_ledger(plan: PlanRecord) -> dict[str, set[tuple[str, str]]]:
    return _ledger(
        [{"task_code": t.code, "owner": None, "role": None} for t in plan.tasks]
        + [
            {"task_code": t.code, "owner": o.name, "role": o.role}
            for t in plan.tasks
            for o in t.owners
        ]
    )


def diff_ledgers(
    before: dict[str, set[tuple[str, str]]], after: dict[str, set[tuple[str, str]]]
) -> PlanDiff:
    def owner_list(pairs: set[tuple[str, str]]) -> list[OwnerRole]:
        return [OwnerRole(owner=o, role=r) for o, r in sorted(pairs)]

    return PlanDiff(
        tasks_added=sorted(after.keys() - before.keys(), key=code_key),
        tasks_removed=sorted(before.keys() - after.keys(), key=code_key),
        owners_changed=[
            OwnerChange(
                task_code=code, before=owner_list(before[code]), after=owner_list(after[code])
            )
            for code in sorted(before.keys() & after.keys(), key=code_key)
            if before[code] != after[code]
        ],
    )


def load_plan(store: GraphStore, plan: PlanRecord, *, loaded_at: str | None = None) -> LoadReport:
    """Write ``plan`` in one transaction, replacing any earlier version with the same id."""
    rows = plan_to_rows(
        plan, loaded_at=loaded_at or datetime.now(UTC).isoformat(timespec="seconds")
    )
    stored = store.run_read(_PLAN_DIGEST, {"plan_id": plan.id})
    replaced = bool(stored)
    digest = rows.nodes["Plan"][0]["digest"]
    if replaced and digest is not None and stored[0]["digest"] == digest:
        nodes, edges = rows.count()
        return LoadReport(plan_id=plan.id, nodes=nodes, edges=edges, replaced=False, unchanged=True)
    # A new plan skips the ledger read and the delete steps: both scan tables that grow with
    # every plan loaded, which made a corpus loaded one by one slower with each plan.
    before = _ledger(run_query(store, "plan_responsibilities", plan_id=plan.id)) if replaced else {}
    orphaned = _carry_progress(store, plan, rows) if replaced else []
    nodes, edges = rows.count()
    kept = sum(len(v) for k, v in rows.rels.items() if k[0] == "HAS_PROGRESS")
    store.write_plan(rows, replace_plan_id=plan.id if replaced else None)
    return LoadReport(
        plan_id=plan.id,
        nodes=nodes,
        edges=edges - kept,
        replaced=replaced,
        diff=diff_ledgers(before, plan_ledger(plan)) if replaced else None,
        progress_kept=kept,
        progress_orphaned=orphaned,
    )


def _carry_progress(store: GraphStore, plan: PlanRecord, rows: GraphRows) -> list[str]:
    """Attach the progress reports of the version being replaced to the new version's tasks and
    targets (added to ``rows``, so it happens in the replacing transaction); the ids of reports
    whose task or target has no counterpart come back (they stay in the store, orphaned)."""
    links = run_query(store, "progress_links", plan_id=plan.id)
    if not links:
        return []
    old_tasks = [
        TaskKey(id=r["task_id"], code=r["code"] or "", text=r["text"] or "")
        for r in run_query(store, "ledger_tasks", plan_id=plan.id)
    ]
    new_tasks = [TaskKey(id=task_id(plan.id, t.code), code=t.code, text=t.text) for t in plan.tasks]
    moved = follow_tasks(old_tasks, new_tasks)
    sections = {section_id(plan.id, s.code) for s in plan.sections}
    moved.update({sid: sid for sid in sections})  # a section target stays with its section
    new_targets = [
        TargetKey(id=target_id(hid, g.ordinal), holder_id=hid, ordinal=g.ordinal, metric=g.metric)
        for _, hid, holder in holders(plan)
        for g in holder.targets
    ]
    old_targets = [
        TargetKey(
            id=r["target_id"],
            holder_id=r["holder_id"] or "",
            ordinal=r["ordinal"] or 0,
            metric=r["metric"] or "",
        )
        for r in run_query(store, "ledger_targets", plan_id=plan.id)
    ]
    moved_targets = follow_targets(old_targets, new_targets, moved)
    task_ids = {t.id for t in new_tasks}
    orphaned: list[str] = []
    for link in links:
        holder = link["holder_id"]
        new = moved_targets.get(holder) if holder in moved_targets else moved.get(holder)
        if new is None:
            orphaned.append(link["progress_id"])
            continue
        label = "Task" if new in task_ids else "Target"
        rows.add_rel(
            "HAS_PROGRESS",
            label,
            "Progress",
            {"src": new, "dst": link["progress_id"], "plan_id": plan.id},
        )
    return sorted(orphaned)


def progress_rows(reports: list[dict[str, Any]]) -> GraphRows:
    """Progress nodes (merged by their content key) and the edges from their task or target.
    ``reports`` are rows of the Progress table plus ``subject_label`` (Task or Target)."""
    rows = GraphRows(plan_id="progress")
    for report in reports:
        node = {k: v for k, v in report.items() if k != "subject_label"}
        rows.add_node("Progress", node_row("Progress", **node))
        rows.add_rel(
            "HAS_PROGRESS",
            report["subject_label"],
            "Progress",
            {"src": report["subject_id"], "dst": report["id"], "plan_id": report["plan_id"]},
        )
    return rows
