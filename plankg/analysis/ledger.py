"""The ledger read layer: the plans' tasks and targets as the status rules want them, the stored
progress reports, and the status of everything as of a date. The CLI, the API and the dispatch
report all ask here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from plankg.codes import code_key
from plankg.errors import PlankgError
from plankg.ledger.dispatch import DispatchReport, dispatch_report
from plankg.ledger.model import (
    LedgerOwner,
    LedgerPlan,
    LedgerTarget,
    LedgerTask,
    Light,
    ProgressReport,
)
from plankg.ledger.rollup import filter_status
from plankg.ledger.status import DEFAULT_RULES, LedgerRules, LedgerStatus, ledger_status
from plankg.ledger.validate import OfficeResolver
from plankg.resolve import Candidate, resolve
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query


@dataclass(frozen=True)
class StoredReports:
    attached: list[ProgressReport]  # subject_id is the task or target the report hangs on now
    orphaned: list[ProgressReport]  # the task or target went away in a plan revision


def _top_section_titles(store: GraphStore, plan_id: str | None) -> dict[tuple[str, str], str]:
    """(plan id, top-level section code) -> "四、产业升级…"."""
    return {
        (r["plan_id"], r["code"]): f"{r['number'] or ''}{r['title'] or ''}"
        for r in run_query(store, "ledger_sections", plan_id=plan_id)
        if r["code"] and "." not in r["code"]
    }


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def ledger_plans(store: GraphStore, plan_id: str | None = None) -> list[LedgerPlan]:
    """Every plan (or one) with its tasks, owners, concerns and targets."""
    plans = [p for p in run_query(store, "plans") if plan_id is None or p["plan_id"] == plan_id]
    owners: dict[str, list[LedgerOwner]] = {}
    for r in run_query(store, "ledger_owners", plan_id=plan_id):
        owners.setdefault(r["task_id"], []).append(
            LedgerOwner(
                office=r["owner"] or "",
                role=r["role"] or "",
                collective=r["role"] == "collective",
            )
        )
    industries: dict[str, list[str]] = {}
    chains: dict[str, list[str]] = {}
    for r in run_query(store, "concern_edges", plan_id=plan_id, task_id=None):
        bucket = chains if r["concept_label"] == "Chain" else industries
        bucket.setdefault(r["task_id"], []).append(r["concept"] or r["concept_id"])
    offices: dict[str, list[str]] = {}
    for r in run_query(store, "ledger_offices", plan_id=plan_id):
        offices.setdefault(r["plan_id"], []).append(r["office"])
    sections = _top_section_titles(store, plan_id)
    task_rows = run_query(store, "ledger_tasks", plan_id=plan_id)
    code_of = {r["task_id"]: r["code"] for r in task_rows}
    code_of.update(
        {r["section_id"]: r["code"] for r in run_query(store, "ledger_sections", plan_id=plan_id)}
    )
    targets: dict[str, list[LedgerTarget]] = {}
    for r in run_query(store, "ledger_targets", plan_id=plan_id):
        targets.setdefault(r["plan_id"], []).append(
            LedgerTarget(
                id=r["target_id"],
                holder_id=r["holder_id"] or "",
                holder_code=code_of.get(r["holder_id"], "") or "",
                ordinal=r["ordinal"] or 1,
                metric=r["metric"] or "",
                value=r["value"],
                unit=r["unit"],
                kind=r["kind"] or "level",
                year=r["year"],
                period_start=r["period_start"],
                period_end=r["period_end"],
                vague=bool(r["vague"]),
                evidence=r["evidence"] or "",
            )
        )
    target_ids: dict[str, list[str]] = {}
    for plan_targets in targets.values():
        for t in plan_targets:
            target_ids.setdefault(t.holder_id, []).append(t.id)
    tasks: dict[str, list[LedgerTask]] = {}
    for r in task_rows:
        top = (r["code"] or "").split(".")[0]
        tasks.setdefault(r["plan_id"], []).append(
            LedgerTask(
                id=r["task_id"],
                plan_id=r["plan_id"],
                code=r["code"] or "",
                title=r["title"] or "",
                text=r["text"] or "",
                section_code=r["section_code"],
                section_title=sections.get((r["plan_id"], top), ""),
                deadline=r["deadline"],
                owners=tuple(owners.get(r["task_id"], [])),
                industries=tuple(dict.fromkeys(industries.get(r["task_id"], []))),
                chains=tuple(dict.fromkeys(chains.get(r["task_id"], []))),
                target_ids=tuple(target_ids.get(r["task_id"], [])),
            )
        )
    out = []
    for p in plans:
        pid = p["plan_id"]
        out.append(
            LedgerPlan(
                id=pid,
                title=p["title"] or "",
                period_start=p["period_start"],
                period_end=p["period_end"],
                issued=_date(p["issued"]),
                tasks=tuple(sorted(tasks.get(pid, []), key=lambda t: code_key(t.code))),
                targets=tuple(targets.get(pid, [])),
                offices=tuple(offices.get(pid, [])),
            )
        )
    return out


def _report(row: dict[str, Any], subject_id: str) -> ProgressReport:
    return ProgressReport(
        subject_kind=row["subject_kind"],
        subject_id=subject_id,
        plan_id=row["plan_id"],
        task_code=row["task_code"] or "",
        task_text=row["task_text"] or "",
        value=row["value"],
        state=row["state"],
        as_of=date.fromisoformat(row["as_of"]),
        note=row["note"] or "",
        office=row["office"] or "",
        evidence=row["evidence"],
        recorded_at=row["recorded_at"] or "",
        source=row["source"] or "",
    )


def stored_reports(store: GraphStore, plan_id: str | None = None) -> StoredReports:
    """Every stored report, oldest first; an attached one names the task or target it hangs on
    now (which, after a plan revision, may differ from the one it was reported on)."""
    attached, orphaned = [], []
    for row in run_query(store, "progress", plan_id=plan_id):
        if row["current_id"]:
            attached.append(_report(row, row["current_id"]))
        else:
            orphaned.append(_report(row, row["subject_id"]))
    return StoredReports(attached=attached, orphaned=orphaned)


def latest_reports(reports: Sequence[ProgressReport]) -> dict[str, ProgressReport]:
    """Subject id -> its latest report."""
    latest: dict[str, ProgressReport] = {}
    for report in sorted(reports, key=ProgressReport.order_key):
        latest[report.subject_id] = report
    return latest


def office_resolver(store: GraphStore) -> OfficeResolver:
    """A resolver for ``validate_inputs``: a name, alias or pinyin of one of the plan's offices
    -> its canonical name."""
    rows = run_query(store, "ledger_offices", plan_id=None)
    per_plan: dict[str, list[Candidate]] = {}
    for r in rows:
        per_plan.setdefault(r["plan_id"], []).append(
            Candidate(
                id=r["office_id"],
                label="Office",
                name_zh=r["office"],
                aliases=tuple(r["aliases"] or ()),
            )
        )

    def resolve_office(name: str, plan: LedgerPlan) -> str | None:
        candidates = per_plan.get(plan.id, [])
        try:
            hit = resolve(name, candidates)
        except PlankgError:
            return None
        return hit.name_zh if isinstance(hit, Candidate) else None

    return resolve_office


def status(
    store: GraphStore,
    as_of: date,
    *,
    rules: LedgerRules = DEFAULT_RULES,
    plan_id: str | None = None,
    offices: Sequence[str] = (),
    section: str | None = None,
    industry: str | None = None,
    light: Light | None = None,
) -> LedgerStatus:
    plans = ledger_plans(store, plan_id)
    reports = stored_reports(store, plan_id).attached
    full = ledger_status(plans, reports, as_of, rules)
    return filter_status(full, offices=offices, section=section, industry=industry, light=light)


def dispatch(
    store: GraphStore,
    as_of: date,
    *,
    rules: LedgerRules = DEFAULT_RULES,
    plan_id: str | None = None,
) -> DispatchReport:
    full = status(store, as_of, rules=rules, plan_id=plan_id)
    orphaned = stored_reports(store, plan_id).orphaned
    return dispatch_report(full, orphaned=[r for r in orphaned if r.as_of <= as_of])
