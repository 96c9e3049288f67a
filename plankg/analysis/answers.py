"""The read answers every edge (CLI, API, views, notebooks) asks for, one function per question.

Every function takes the store first (injected, never global). A reference (``ref``) may be an
id, a Chinese or English name, an alias or pinyin; it resolves through
:mod:`plankg.analysis.names`. Cypher stays in ``plankg/queries``.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import accumulate
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from plankg.analysis.names import (
    named_candidates,
    plan_id_of,
    resolve_concept,
    resolve_office,
    resolve_plan,
    resolve_task,
)
from plankg.analysis.order import written_order
from plankg.analysis.records import (
    AgencyInvolved,
    ChainRow,
    Concern,
    CoOwner,
    EntityRef,
    Evidence,
    GraphStats,
    IndustryRow,
    OfficeOverlap,
    OfficeProfile,
    OfficeRow,
    OfficeTask,
    OutsidePartner,
    OverlapItem,
    Owner,
    PlanDetail,
    PlanListing,
    SharingTask,
    TargetRow,
    TaskListing,
    TaskProfile,
)
from plankg.codes import code_key
from plankg.resolve import Candidate, name_keys, normalise_ref
from plankg.store.dump import graph_stats
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query
from plankg.store.readcache import cached, kept_query

# Below this WRatio a search hit is noise rather than a near miss.
MIN_FUZZY_SCORE = 70.0


def store_is_empty(store: GraphStore) -> bool:
    store.ensure_schema()
    return not run_query(store, "plans")


def stats(store: GraphStore) -> GraphStats:
    store.ensure_schema()
    return GraphStats.model_validate(graph_stats(store))


@dataclass
class SharingOffice:
    office_id: str
    office: str
    office_en: str | None
    tasks: list[SharingTask] = field(default_factory=list)


@dataclass
class SharingAnswer:
    concept: Candidate
    offices: list[SharingOffice]


def offices_sharing(store: GraphStore, ref: str, *, plan: str | None = None) -> SharingAnswer:
    """Which offices carry tasks that concern an industry or chain, with the connecting tasks.

    The answer is kept per state of the store and shared: do not mutate it."""
    concept = resolve_concept(store, ref)
    plan_id = plan_id_of(store, plan)
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
        task = SharingTask.model_validate(
            {k: v for k, v in row.items() if k not in ("office_id", "office", "office_en")}
        )
        if task not in office.tasks:
            office.tasks.append(task)
    for office in offices.values():
        office.tasks.sort(key=lambda t: (code_key(t.task_code), t.ev_start or 0))
    # most tasks first: a task that names an industry and two of its chains counts once
    return sorted(offices.values(), key=lambda o: (-len({t.task_id for t in o.tasks}), o.office))


# -- plans in a store ------------------------------------------------------------------------


def list_plans(store: GraphStore) -> list[PlanListing]:
    """Every plan in the store with its header and task count, newest issue first: the one
    listing the CLI, the API, the web front and the writes use."""
    counts = {r["plan_id"]: int(r["tasks"]) for r in run_query(store, "plan_task_counts")}
    return [PlanListing(**r, tasks=counts.get(r["plan_id"], 0)) for r in kept_query(store, "plans")]


def plan_detail(store: GraphStore, ref: str) -> PlanDetail:
    """A plan's header and counts, with ``unparsed``: the clauses the parser did not understand
    (kind, code, phrase, start, end), or None for a plan loaded before they were recorded."""
    plan = resolve_plan(store, ref)
    row = dict(run_query(store, "plan_detail", plan_id=plan.plan_id)[0])
    stored = row.get("unparsed")
    row["unparsed"] = json.loads(stored) if stored else None
    return PlanDetail.model_validate(row)


# -- offices ------------------------------------------------------------------------------------


def list_offices(store: GraphStore, *, plan: str | None = None) -> list[OfficeRow]:
    return [OfficeRow(**r) for r in kept_query(store, "offices", plan_id=plan_id_of(store, plan))]


def office_profile(store: GraphStore, ref: str, *, plan: str | None = None) -> OfficeProfile:
    """An office's tasks with its role, the targets of those tasks, its co-owners and the
    outside departments its tasks involve."""
    office = resolve_office(store, ref)
    plan_id = plan_id_of(store, plan)
    tasks = [
        _co_owners_by_name(t)
        for t in run_query(store, "office_tasks", office_id=office.id, plan_id=plan_id)
    ]
    task_ids = {t.task_id for t in tasks}
    co_owners: dict[str, CoOwner] = {}
    for task in tasks:
        for name in task.co_owners:
            entry = co_owners.setdefault(name, CoOwner(name_zh=name, tasks=[]))
            entry.tasks.append(task.task_code)
    partners: dict[tuple[str, str, str], OutsidePartner] = {}
    for row in kept_query(store, "outside_dependencies", plan_id=plan_id):
        if row["holder_id"] not in task_ids:
            continue
        written = row["raw"] or row["agency"]
        partner = partners.setdefault(
            (row["agency_id"], row["relation"], written),
            OutsidePartner(
                # as the plan writes it (市发展改革委); the canonical group beside it
                id=row["agency_id"],
                name_zh=written,
                group_zh=row["agency"],
                name_en=row["agency_en"],
                relation=row["relation"],
                unnamed=row["unnamed"],
                tasks=[],
            ),
        )
        if row["holder_code"] not in partner.tasks:
            partner.tasks.append(row["holder_code"])
    targets = [
        TargetRow(**t)
        for t in run_query(
            store, "targets", year=None, office_id=office.id, industry_id=None, plan_id=plan_id
        )
    ]
    return OfficeProfile(
        id=office.id,
        name_zh=office.name_zh,
        name_en=office.name_en,
        tasks=sorted(tasks, key=lambda t: (t.plan_id, code_key(t.task_code))),
        targets=sorted(targets, key=lambda t: (code_key(t.holder_code), t.target_id)),
        co_owners=sorted(co_owners.values(), key=lambda c: (-len(c.tasks), c.name_zh)),
        outside_partners=sorted(
            partners.values(),
            key=lambda p: (code_key(p.tasks[0]), p.id, p.relation, p.name_zh or ""),
        ),
        label=office.label,
        aliases=list(office.aliases),
    )


def _co_owners_by_name(task: dict[str, Any]) -> OfficeTask:
    """The task's other owners (and their roles, pairwise) by name: collect() keeps no order."""
    pairs = sorted(zip(task["co_owners"], task["co_owner_roles"], strict=True))
    return OfficeTask(
        **{
            **task,
            "co_owners": [name for name, _ in pairs],
            "co_owner_roles": [role for _, role in pairs],
        }
    )


def office_overlap(
    store: GraphStore, ref_a: str, ref_b: str, *, plan: str | None = None
) -> OfficeOverlap:
    """What two offices share: tasks held together, industries and chains both work on."""
    a, b = resolve_office(store, ref_a), resolve_office(store, ref_b)
    rows = run_query(
        store, "office_overlap", office_a=a.id, office_b=b.id, plan_id=plan_id_of(store, plan)
    )
    grouped: dict[str, list[OverlapItem]] = {"task": [], "industry": [], "chain": []}
    for row in rows:
        grouped[row["kind"]].append(OverlapItem(**row))
    return OfficeOverlap(
        office_a=EntityRef.of(a),
        office_b=EntityRef.of(b),
        shared_tasks=sorted(grouped["task"], key=lambda r: code_key(r.tasks_a[0])),
        shared_industries=grouped["industry"],
        shared_chains=grouped["chain"],
    )


# -- tasks --------------------------------------------------------------------------------------


def list_tasks(
    store: GraphStore,
    *,
    office: str | None = None,
    industry: str | None = None,
    chain: str | None = None,
    role: str | None = None,
    year: int | None = None,
    plan: str | None = None,
) -> list[TaskListing]:
    """Tasks in outline order with their owners, filtered; a chain counts for its industry."""
    plan_id = plan_id_of(store, plan)
    owners = _group(
        sorted(
            kept_query(store, "responsibility_edges", plan_id=plan_id, task_id=None),
            key=written_order,
        )
    )
    concerns = _group(kept_query(store, "concern_edges", plan_id=plan_id, task_id=None))
    keep = kept_query(store, "tasks", plan_id=plan_id)
    if office is not None:
        office_id = resolve_office(store, office).id
        keep = [
            t
            for t in keep
            if any(
                o["owner_id"] == office_id and (role is None or o["role"] == role)
                for o in owners[t["task_id"]]
            )
        ]
    elif role is not None:
        keep = [t for t in keep if any(o["role"] == role for o in owners[t["task_id"]])]
    for ref in (industry, chain):
        if ref is not None:
            concept_id = resolve_concept(store, ref).id
            keep = [
                t
                for t in keep
                if any(
                    concept_id in (c["concept_id"], c["industry_id"])
                    for c in concerns[t["task_id"]]
                )
            ]
    if year is not None:
        with_year = {
            r["holder_id"]
            for r in run_query(
                store, "targets", year=year, office_id=None, industry_id=None, plan_id=plan_id
            )
        }
        keep = [t for t in keep if t["task_id"] in with_year]
    return [
        TaskListing(**t, owners=[Owner.of_edge(o) for o in owners[t["task_id"]]])
        for t in sorted(keep, key=lambda t: (t["plan_id"], code_key(t["code"])))
    ]


@dataclass(frozen=True)
class TaskPage:
    """One page of ``list_tasks``: ``total`` tasks match, ``items`` are those from ``offset``."""

    total: int
    items: list[TaskListing]


def task_page(
    store: GraphStore,
    *,
    limit: int,
    offset: int = 0,
    office: str | None = None,
    industry: str | None = None,
    chain: str | None = None,
    role: str | None = None,
    year: int | None = None,
    plan: str | None = None,
) -> TaskPage:
    """The page of ``list_tasks`` from ``offset``, filtered, ordered and cut in the database
    (on the stored sort key), with the total from a count query: a request reads its page's
    rows, not every task of the store."""
    filters = {
        "plan_id": plan_id_of(store, plan),
        "office_id": None if office is None else resolve_office(store, office).id,
        "role": role,
        "industry_id": None if industry is None else resolve_concept(store, industry).id,
        "chain_id": None if chain is None else resolve_concept(store, chain).id,
        "year": year,
    }
    # Filters beyond the plan cost a subquery over every task: only pay them when given.
    if any(value is not None for name, value in filters.items() if name != "plan_id"):
        count, page = "tasks_count_filtered", "tasks_page_filtered"
    else:
        filters = {"plan_id": filters["plan_id"]}
        count, page = "tasks_count", "tasks_page"
    total = run_query(store, count, **filters)[0]["total"]
    rows = run_query(store, page, **filters, skip=offset, limit=limit) if total else []
    task_ids = [row["task_id"] for row in rows]
    edges = run_query(store, "owners_of_tasks", task_ids=task_ids) if task_ids else []
    owners = _group(sorted(edges, key=written_order))
    return TaskPage(
        total=total,
        items=[
            TaskListing(**t, owners=[Owner.of_edge(o) for o in owners[t["task_id"]]]) for t in rows
        ],
    )


def _group(rows: Iterable[dict[str, Any]]) -> defaultdict[str, list[dict[str, Any]]]:
    grouped: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["task_id"]].append(row)
    return grouped


def task_profile(store: GraphStore, ref: str, *, plan: str | None = None) -> TaskProfile:
    """One task: text, owners with roles, targets, industries/chains, outside departments, each
    with its evidence."""
    task = resolve_task(store, ref, plan_id=plan_id_of(store, plan))
    task_id = task.task_id
    # The detail's ``agencies`` (names only) gives way to the agencies with their evidence.
    detail = {k: v for k, v in run_query(store, "task_detail", task_id=task_id)[0].items()}
    detail.pop("agencies")
    owners = sorted(
        run_query(store, "responsibility_edges", plan_id=task.plan_id, task_id=task_id),
        key=written_order,
    )
    concerns = run_query(store, "concern_edges", plan_id=task.plan_id, task_id=task_id)
    targets = [
        TargetRow(**t)
        for t in run_query(
            store, "targets", year=None, office_id=None, industry_id=None, plan_id=task.plan_id
        )
        if t["holder_id"] == task_id
    ]
    return TaskProfile(
        **detail,
        owners=[Owner.of_edge(o) for o in owners],
        targets=sorted(targets, key=lambda t: t.target_id),
        concerns=[
            Concern(
                id=c["concept_id"],
                label=c["concept_label"],
                name_zh=c["concept"],
                name_en=c["concept_en"],
                industry_id=c["industry_id"],
                evidence=Evidence(phrase=c["evidence"], ev_start=c["ev_start"], ev_end=c["ev_end"]),
            )
            for c in sorted(concerns, key=lambda c: (c["ev_start"] or 0, c["concept_id"]))
        ],
        agencies=[
            AgencyInvolved(
                id=a["agency_id"],
                name_zh=a["raw"] or a["agency"],
                group_zh=a["agency"],
                name_en=a["agency_en"],
                unnamed=a["unnamed"],
                relation=a["relation"],
                raw=a["raw"],
                evidence=Evidence(phrase=a["evidence"], ev_start=a["ev_start"], ev_end=a["ev_end"]),
            )
            for a in sorted(
                run_query(store, "task_agencies", task_id=task_id),
                key=lambda a: (a["ev_start"] or 0, a["agency_id"], a["relation"]),
            )
        ],
    )


# -- industries, chains, targets ----------------------------------------------------------------


def list_industries(store: GraphStore, *, plan: str | None = None) -> list[IndustryRow]:
    rows = kept_query(store, "industries", plan_id=plan_id_of(store, plan))
    return [IndustryRow(**r) for r in rows]


def list_chains(store: GraphStore, *, plan: str | None = None) -> list[ChainRow]:
    return [ChainRow(**r) for r in kept_query(store, "chains", plan_id=plan_id_of(store, plan))]


def list_targets(
    store: GraphStore,
    *,
    year: int | None = None,
    office: str | None = None,
    industry: str | None = None,
    plan: str | None = None,
) -> list[TargetRow]:
    rows = run_query(
        store,
        "targets",
        year=year,
        office_id=None if office is None else resolve_office(store, office).id,
        industry_id=None if industry is None else resolve_concept(store, industry).id,
        plan_id=plan_id_of(store, plan),
    )
    return sorted(
        (TargetRow(**r) for r in rows),
        key=lambda r: (r.plan_id, code_key(r.holder_code), r.target_id),
    )


# -- search -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    id: str
    label: str
    name_zh: str
    name_en: str | None
    score: float
    matched: str  # exact | prefix | contains | fuzzy

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# WRatio compares strings whose lengths differ more than this factor by partial matching
# scaled by 0.6, so such a pair scores at most 60: below MIN_FUZZY_SCORE, never worth scoring.
_FUZZY_LENGTH_RATIO = 8


@dataclass(frozen=True)
class _SearchIndex:
    """Every searchable entity with its distinct normalised keys, laid out so a query scores
    only the keys that can match it: ``owners[i]`` are the entities holding ``keys[i]``."""

    entities: list[tuple[str, str, str, str | None]]  # id, label, name_zh, name_en
    keys: list[str]
    owners: list[list[int]]
    lengths: npt.NDArray[np.int64]
    # character -> (the keys holding it, how many times each holds it)
    by_char: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]
    # The keys joined by NUL (which no key holds) and where each starts: one C-level find per
    # occurrence tells which keys contain the query, instead of a test per key.
    joined: str
    starts: list[int]

    def containing(self, query_key: str) -> set[int]:
        found: set[int] = set()
        at = self.joined.find(query_key)
        while at >= 0:
            key = bisect_right(self.starts, at) - 1
            found.add(key)
            at = self.joined.find(query_key, self.starts[key] + len(self.keys[key]) + 1)
        return found

    def near(self, query_key: str) -> npt.NDArray[np.int64]:
        """Keys that can reach MIN_FUZZY_SCORE. Keys and query hold no spaces, so every form
        WRatio tries is an Indel similarity of the query with the key or a part of it (partial
        matches scaled by 0.9, and they may align a part as short as the common subsequence L):
        70 needs 2L / (m + L) >= 7/9 for the shorter length m, so L >= 7/11 m. So at least
        that many characters in common, and lengths within _FUZZY_LENGTH_RATIO."""
        shared = np.zeros(len(self.keys), dtype=np.int64)
        for char, wanted in Counter(query_key).items():
            if char in self.by_char:
                ids, counts = self.by_char[char]
                shared[ids] += np.minimum(counts, wanted)
        size = len(query_key)
        shorter = np.minimum(self.lengths, size)
        fits = (
            (shared * 11 >= shorter * 7)
            & (shared > 0)
            & (self.lengths <= size * _FUZZY_LENGTH_RATIO)
            & (self.lengths * _FUZZY_LENGTH_RATIO >= size)
        )
        return np.flatnonzero(fits)


def _index_of(
    entities: list[tuple[str, str, str, str | None]], keys_of: list[set[str]]
) -> _SearchIndex:
    position: dict[str, int] = {}
    owners: list[list[int]] = []
    for entity, entity_keys in enumerate(keys_of):
        for key in sorted(entity_keys - {""}):
            if key not in position:
                position[key] = len(owners)
                owners.append([])
            owners[position[key]].append(entity)
    keys = list(position)
    chars: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, key in enumerate(keys):
        for char, count in Counter(key).items():
            chars[char].append((i, count))
    starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0)) if keys else []
    return _SearchIndex(
        entities=entities,
        keys=keys,
        owners=owners,
        lengths=np.array([len(k) for k in keys], dtype=np.int64),
        by_char={
            c: (
                np.array([i for i, _ in held], dtype=np.int64),
                np.array([n for _, n in held], dtype=np.int64),
            )
            for c, held in chars.items()
        },
        joined="\0".join(keys),
        starts=starts,
    )


def _search_index(store: GraphStore) -> _SearchIndex:
    """Built once per store version: the pinyin of every name and the task list are the costly
    part of a search, and they change only with the data."""

    def build() -> _SearchIndex:
        entities: list[tuple[str, str, str, str | None]] = []
        keys_of: list[set[str]] = []
        for c in named_candidates(store):
            entities.append((c.id, c.label, c.name_zh, c.name_en))
            keys_of.append(name_keys(c.name_zh, c.name_en, c.aliases))
        for t in run_query(store, "tasks", plan_id=None):
            entities.append((t["task_id"], "Task", f"{t['code']} {t['title']}", None))
            keys_of.append({normalise_ref(t["code"]), normalise_ref(t["title"] or "")})
        return _index_of(entities, keys_of)

    return cached(store, "search_index", build)


def _key_score(query_key: str, key: str, fuzzy: float) -> tuple[float, str] | None:
    if key == query_key:
        return 100.0, "exact"
    if key.startswith(query_key):
        return 95.0, "prefix"
    if query_key in key:
        return 90.0, "contains"
    return (round(fuzzy * 0.85, 1), "fuzzy") if fuzzy >= MIN_FUZZY_SCORE else None


def search(store: GraphStore, q: str) -> list[SearchHit]:
    """Typed hits across named nodes and tasks by Chinese, English, alias, pinyin or a near
    spelling, best first."""
    query_key = normalise_ref(q)
    if not query_key:
        return []
    index = _search_index(store)
    near = index.near(query_key)
    fuzzy = process.cdist(
        [query_key],
        [index.keys[i] for i in near],
        scorer=fuzz.WRatio,
        score_cutoff=MIN_FUZZY_SCORE,
        workers=1,
    )[0]
    fuzzy_of = {int(i): float(score) for i, score in zip(near, fuzzy, strict=True) if score}
    best: dict[int, tuple[float, str]] = {}
    # Only keys near the query or containing it can score; most keys are neither.
    for i in sorted(index.containing(query_key) | fuzzy_of.keys()):
        found = _key_score(query_key, index.keys[i], fuzzy_of.get(i, 0.0))
        for owner in index.owners[i]:
            if found and (owner not in best or found[0] > best[owner][0]):
                best[owner] = found
    # In the order the entities were listed, so ties sort as they always did.
    hits = [SearchHit(*index.entities[owner], *best[owner]) for owner in sorted(best)]
    return sorted(hits, key=lambda h: (-h.score, h.label, h.name_zh))
