"""Name resolution and the read answers the API and CLI share.

Every function takes the store first and returns plain data (dicts and lists). A reference
(``ref``) may be an id, a Chinese or English name, an alias or pinyin; names resolve through
:mod:`plankg.resolve`, so unknown names raise NotFound with suggestions and names that fit several
entities raise AmbiguousName with candidates. Cypher stays in ``plankg/queries``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz

from plankg.errors import AmbiguousName, NotFound
from plankg.graph.load import load_plan, remove_plan
from plankg.graph.ops import IngestOutcome, label_index, name_index, resolve_concept
from plankg.graph.queries import run_query
from plankg.graph.readcache import cached
from plankg.graph.store import GraphStore
from plankg.ingest import ingest_bytes
from plankg.resolve import Candidate, CandidateIndex, name_keys, normalise_ref

# Below this WRatio a search hit is noise rather than a near miss.
MIN_FUZZY_SCORE = 70.0


def code_key(code: str | None) -> tuple[int, ...]:
    """Outline order: 4.2 before 4.10."""
    return tuple(int(p) if p.isdigit() else 0 for p in (code or "").split("."))


def _candidate_dict(c: Candidate) -> dict[str, Any]:
    return {"id": c.id, "label": c.label, "name_zh": c.name_zh, "name_en": c.name_en}


def _one(ref: str, hit: Candidate | list[Candidate], what: str) -> Candidate:
    if isinstance(hit, list):
        raise AmbiguousName(
            f"'{ref}' matches {len(hit)} {what}: " + ", ".join(c.display for c in hit),
            candidates=[_candidate_dict(c) for c in hit],
        )
    return hit


# -- name resolution ----------------------------------------------------------------------------


def named_candidates(store: GraphStore, labels: Iterable[str] | None = None) -> list[Candidate]:
    """Named nodes (offices, agencies, industries, chains …) as resolution candidates."""
    if labels is None:
        return name_index(store).candidates
    return label_index(store, tuple(sorted(set(labels)))).candidates


def resolve_office(store: GraphStore, ref: str) -> Candidate:
    """One internal office for an id, name, alias (原材料科), English name or pinyin."""
    return _one(ref, label_index(store, ("Office",)).resolve(ref), "offices")


def resolve_industry_or_chain(store: GraphStore, ref: str) -> Candidate:
    return resolve_concept(store, ref)


def kept_query(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """``run_query`` whose rows are kept per state of the store (shared: do not mutate them)."""
    return cached(
        store,
        ("query", name, tuple(sorted(params.items()))),
        lambda: run_query(store, name, **params),
    )


def _plan_index(store: GraphStore) -> CandidateIndex:
    return cached(
        store,
        "plan_names",
        lambda: CandidateIndex(
            Candidate(
                id=p["plan_id"],
                label="Plan",
                name_zh=p["title"] or p["plan_id"],
                aliases=tuple(a for a in (p["doc_no"],) if a),
            )
            for p in kept_query(store, "plans")
        ),
    )


def resolve_plan(store: GraphStore, ref: str) -> dict[str, Any]:
    """A plan by id, document number or title."""
    by_id = {plan["plan_id"]: plan for plan in kept_query(store, "plans")}
    if ref in by_id:
        return by_id[ref]
    return by_id[_one(ref, _plan_index(store).resolve(ref), "plans").id]


def plan_id_of(store: GraphStore, ref: str | None) -> str | None:
    """The plan id a filter names (None stays None: all plans)."""
    return None if ref is None else resolve_plan(store, ref)["plan_id"]


def resolve_task(store: GraphStore, ref: str, *, plan_id: str | None = None) -> dict[str, Any]:
    """A task by id (plan#code) or by bare code (4.1.1) when one plan holds that code."""
    tasks = kept_query(store, "tasks", plan_id=plan_id)
    by_id = [t for t in tasks if t["task_id"] == ref]
    if by_id:
        return by_id[0]
    by_code = [t for t in tasks if t["code"] == ref.strip()]
    if len(by_code) == 1:
        return by_code[0]
    if by_code:
        raise AmbiguousName(
            f"task code '{ref}' exists in {len(by_code)} plans; ask for one by id",
            candidates=[
                {
                    "id": t["task_id"],
                    "label": "Task",
                    "name_zh": t["title"],
                    "name_en": None,
                    "plan_id": t["plan_id"],
                }
                for t in by_code
            ],
        )
    ranked = sorted(
        tasks,
        key=lambda t: -fuzz.WRatio(normalise_ref(ref), normalise_ref(f"{t['code']} {t['title']}")),
    )
    suggestions = [f"{t['code']} {t['title']}" for t in ranked[:5]]
    raise NotFound(
        f"no task '{ref}'" + (f"; closest: {', '.join(suggestions)}" if suggestions else ""),
        suggestions=suggestions,
        ref=ref,
    )


# -- plans --------------------------------------------------------------------------------------


def list_plans(store: GraphStore) -> list[dict[str, Any]]:
    return run_query(store, "plans")


def ingest_upload(
    store: GraphStore, name: str, data: bytes, *, allow_unstructured: bool = False
) -> dict[str, Any]:
    """Read an uploaded plan file and load it (one transaction); the load summary."""
    plan = ingest_bytes(data, name, allow_unstructured=allow_unstructured)
    store.ensure_schema()
    return IngestOutcome(name, plan, load_plan(store, plan)).summary()


def delete_plan(store: GraphStore, ref: str) -> str:
    """Remove a plan's subgraph; the id of the plan removed."""
    plan_id = resolve_plan(store, ref)["plan_id"]
    remove_plan(store, plan_id)
    return plan_id


def plan_detail(store: GraphStore, ref: str) -> dict[str, Any]:
    plan = resolve_plan(store, ref)
    return run_query(store, "plan_detail", plan_id=plan["plan_id"])[0]


# -- offices ------------------------------------------------------------------------------------


def list_offices(store: GraphStore, *, plan: str | None = None) -> list[dict[str, Any]]:
    return kept_query(store, "offices", plan_id=plan_id_of(store, plan))


def office_profile(store: GraphStore, ref: str, *, plan: str | None = None) -> dict[str, Any]:
    """An office's tasks with its role, the targets of those tasks, its co-owners and the
    outside departments its tasks involve."""
    office = resolve_office(store, ref)
    plan_id = plan_id_of(store, plan)
    tasks = run_query(store, "office_tasks", office_id=office.id, plan_id=plan_id)
    task_ids = {t["task_id"] for t in tasks}
    co_owners: dict[str, dict[str, Any]] = {}
    for task in tasks:
        for name in task["co_owners"]:
            entry = co_owners.setdefault(name, {"name_zh": name, "tasks": []})
            entry["tasks"].append(task["task_code"])
    partners: dict[tuple[str, str], dict[str, Any]] = {}
    for row in kept_query(store, "outside_dependencies", plan_id=plan_id):
        if row["holder_id"] not in task_ids:
            continue
        entry = partners.setdefault(
            (row["agency_id"], row["relation"]),
            {
                "id": row["agency_id"],
                "name_zh": row["agency"],
                "name_en": row["agency_en"],
                "relation": row["relation"],
                "unnamed": row["unnamed"],
                "tasks": [],
            },
        )
        if row["holder_code"] not in entry["tasks"]:
            entry["tasks"].append(row["holder_code"])
    targets = run_query(
        store, "targets", year=None, office_id=office.id, industry_id=None, plan_id=plan_id
    )
    return {
        **_candidate_dict(office),
        "aliases": list(office.aliases),
        "tasks": sorted(tasks, key=lambda t: (t["plan_id"], code_key(t["task_code"]))),
        "targets": sorted(targets, key=lambda t: (code_key(t["holder_code"]), t["target_id"])),
        "co_owners": sorted(co_owners.values(), key=lambda c: (-len(c["tasks"]), c["name_zh"])),
        "outside_partners": list(partners.values()),
    }


def office_overlap(
    store: GraphStore, ref_a: str, ref_b: str, *, plan: str | None = None
) -> dict[str, Any]:
    """What two offices share: tasks held together, industries and chains both work on."""
    a, b = resolve_office(store, ref_a), resolve_office(store, ref_b)
    rows = run_query(
        store, "office_overlap", office_a=a.id, office_b=b.id, plan_id=plan_id_of(store, plan)
    )
    grouped: dict[str, list[dict[str, Any]]] = {"task": [], "industry": [], "chain": []}
    for row in rows:
        grouped[row["kind"]].append(row)
    return {
        "office_a": _candidate_dict(a),
        "office_b": _candidate_dict(b),
        "shared_tasks": sorted(grouped["task"], key=lambda r: code_key(r["tasks_a"][0])),
        "shared_industries": grouped["industry"],
        "shared_chains": grouped["chain"],
    }


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
) -> list[dict[str, Any]]:
    """Tasks in outline order with their owners, filtered; a chain counts for its industry."""
    plan_id = plan_id_of(store, plan)
    owners = _group(kept_query(store, "responsibility_edges", plan_id=plan_id, task_id=None))
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
        {**t, "owners": [_owner(o) for o in owners[t["task_id"]]]}
        for t in sorted(keep, key=lambda t: (t["plan_id"], code_key(t["code"])))
    ]


def _group(rows: Iterable[dict[str, Any]]) -> defaultdict[str, list[dict[str, Any]]]:
    grouped: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["task_id"]].append(row)
    return grouped


def _owner(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["owner_id"],
        "label": row["owner_label"],
        "name_zh": row["owner"],
        "name_en": row["owner_en"],
        "role": row["role"],
        "raw": row["raw"],
        "open_ended": row["open_ended"],
        "evidence": {
            "phrase": row["evidence"],
            "ev_start": row["ev_start"],
            "ev_end": row["ev_end"],
        },
    }


def task_profile(store: GraphStore, ref: str, *, plan: str | None = None) -> dict[str, Any]:
    """One task: text, owners with roles, targets, industries/chains, outside departments, each
    with its evidence."""
    task = resolve_task(store, ref, plan_id=plan_id_of(store, plan))
    task_id = task["task_id"]
    detail = run_query(store, "task_detail", task_id=task_id)[0]
    owners = run_query(store, "responsibility_edges", plan_id=task["plan_id"], task_id=task_id)
    concerns = run_query(store, "concern_edges", plan_id=task["plan_id"], task_id=task_id)
    targets = [
        t
        for t in run_query(
            store, "targets", year=None, office_id=None, industry_id=None, plan_id=task["plan_id"]
        )
        if t["holder_id"] == task_id
    ]
    return {
        **detail,
        "owners": [_owner(o) for o in owners],
        "targets": sorted(targets, key=lambda t: t["target_id"]),
        "concerns": [
            {
                "id": c["concept_id"],
                "label": c["concept_label"],
                "name_zh": c["concept"],
                "name_en": c["concept_en"],
                "industry_id": c["industry_id"],
                "evidence": {
                    "phrase": c["evidence"],
                    "ev_start": c["ev_start"],
                    "ev_end": c["ev_end"],
                },
            }
            for c in concerns
        ],
        "agencies": [
            {
                "id": a["agency_id"],
                "name_zh": a["agency"],
                "name_en": a["agency_en"],
                "unnamed": a["unnamed"],
                "relation": a["relation"],
                "raw": a["raw"],
                "evidence": {
                    "phrase": a["evidence"],
                    "ev_start": a["ev_start"],
                    "ev_end": a["ev_end"],
                },
            }
            for a in run_query(store, "task_agencies", task_id=task_id)
        ],
    }


# -- industries, chains, targets ----------------------------------------------------------------


def list_industries(store: GraphStore, *, plan: str | None = None) -> list[dict[str, Any]]:
    return kept_query(store, "industries", plan_id=plan_id_of(store, plan))


def list_chains(store: GraphStore, *, plan: str | None = None) -> list[dict[str, Any]]:
    return kept_query(store, "chains", plan_id=plan_id_of(store, plan))


def list_targets(
    store: GraphStore,
    *,
    year: int | None = None,
    office: str | None = None,
    industry: str | None = None,
    plan: str | None = None,
) -> list[dict[str, Any]]:
    rows = run_query(
        store,
        "targets",
        year=year,
        office_id=None if office is None else resolve_office(store, office).id,
        industry_id=None if industry is None else resolve_concept(store, industry).id,
        plan_id=plan_id_of(store, plan),
    )
    return sorted(rows, key=lambda r: (r["plan_id"], code_key(r["holder_code"]), r["target_id"]))


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


def _score(query_key: str, keys: Iterable[str]) -> tuple[float, str] | None:
    best: tuple[float, str] | None = None
    for key in keys:
        if key == query_key:
            return 100.0, "exact"
        if key.startswith(query_key):
            hit = (95.0, "prefix")
        elif query_key in key:
            hit = (90.0, "contains")
        else:
            score = fuzz.WRatio(query_key, key)
            hit = (round(score * 0.85, 1), "fuzzy") if score >= MIN_FUZZY_SCORE else None
        if hit and (best is None or hit[0] > best[0]):
            best = hit
    return best


def search(store: GraphStore, q: str) -> list[SearchHit]:
    """Typed hits across named nodes and tasks by Chinese, English, alias, pinyin or a near
    spelling, best first."""
    query_key = normalise_ref(q)
    if not query_key:
        return []
    hits: list[SearchHit] = []
    for c in named_candidates(store):
        found = _score(query_key, name_keys(c.name_zh, c.name_en, c.aliases))
        if found:
            hits.append(SearchHit(c.id, c.label, c.name_zh, c.name_en, *found))
    for t in run_query(store, "tasks", plan_id=None):
        found = _score(query_key, {normalise_ref(t["code"]), normalise_ref(t["title"] or "")})
        if found:
            hits.append(SearchHit(t["task_id"], "Task", f"{t['code']} {t['title']}", None, *found))
    return sorted(hits, key=lambda h: (-h.score, h.label, h.name_zh))
