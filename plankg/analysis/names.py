"""Name resolution: one entity for a reference written as an id, a Chinese or English name, an
alias or pinyin (through :mod:`plankg.resolve`). Unknown names raise NotFound with suggestions;
names that fit several entities raise AmbiguousName with candidates. Every reader resolves
references here, so the CLI, the API and the views agree on what a name means.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from plankg.analysis.records import PlanRow, TaskRow
from plankg.errors import AmbiguousName, NotFound
from plankg.resolve import Candidate, CandidateIndex, normalise_ref
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query
from plankg.store.readcache import cached, kept_query

CONCEPT_LABELS = ("Industry", "Chain")


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


def _named_candidates(store: GraphStore) -> list[Candidate]:
    return cached(store, "name_candidates", lambda: _named_rows_as_candidates(store))


def name_index(store: GraphStore) -> CandidateIndex:
    """Every named node (offices, agencies, industries, chains …), indexed for resolution once
    per state of the store: deriving pinyin keys is the slow part of resolving a name."""
    return cached(store, "names", lambda: CandidateIndex(_named_candidates(store)))


def label_index(store: GraphStore, labels: tuple[str, ...]) -> CandidateIndex:
    """The candidates of these labels only, in the full index's order. Built from the rows, not
    from the full index: a one-shot command resolving an industry derives the keys of the
    industries and chains, not of every office and enterprise (keys are memoised per
    candidate, so a server that indexed everything at start-up derives nothing again)."""
    wanted = set(labels)
    return cached(
        store,
        ("names", labels),
        lambda: CandidateIndex(c for c in _named_candidates(store) if c.label in wanted),
    )


def concept_candidates(store: GraphStore) -> list[Candidate]:
    """Every industry and chain in the store, as name-resolution candidates."""
    return label_index(store, CONCEPT_LABELS).candidates


def resolve_concept(store: GraphStore, ref: str) -> Candidate:
    """One industry or chain for a name in Chinese, English, alias or pinyin.

    Raises NotFound (with suggestions) or AmbiguousName (with candidates).
    """
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


def resolve_plan(store: GraphStore, ref: str) -> PlanRow:
    """A plan by id, document number or title."""
    by_id = {plan["plan_id"]: plan for plan in kept_query(store, "plans")}
    if ref not in by_id:
        ref = _one(ref, _plan_index(store).resolve(ref), "plans").id
    return PlanRow(**by_id[ref])


def plan_id_of(store: GraphStore, ref: str | None) -> str | None:
    """The plan id a filter names (None stays None: all plans)."""
    return None if ref is None else resolve_plan(store, ref).plan_id


def resolve_task(store: GraphStore, ref: str, *, plan_id: str | None = None) -> TaskRow:
    """A task by id (plan#code) or by bare code (4.1.1) when one plan holds that code."""
    tasks = kept_query(store, "tasks", plan_id=plan_id)
    by_id = [t for t in tasks if t["task_id"] == ref]
    if by_id:
        return TaskRow(**by_id[0])
    by_code = [t for t in tasks if t["code"] == ref.strip()]
    if len(by_code) == 1:
        return TaskRow(**by_code[0])
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
