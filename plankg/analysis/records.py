"""The typed answers of the read layer: what :mod:`plankg.analysis.answers` returns and what
the API schemas (:mod:`plankg.api.schemas`) build on, so a field is declared once.

A row record holds exactly the columns its named query returns (the query's ``returns:``
header), in that order; ``extra="forbid"`` makes a column added to a query without its field
here fail loudly instead of vanishing from the answer.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from plankg.models import UnparsedClause
from plankg.resolve import Candidate


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(Record):
    phrase: str | None
    ev_start: int | None
    ev_end: int | None


class EntityRef(Record):
    """A resolved entity: what a reference named."""

    id: str
    label: str
    name_zh: str
    name_en: str | None

    @classmethod
    def of(cls, candidate: Candidate) -> EntityRef:
        return cls(
            id=candidate.id,
            label=candidate.label,
            name_zh=candidate.name_zh,
            name_en=candidate.name_en,
        )


class GraphStats(Record):
    nodes: dict[str, int]
    edges: dict[str, int]
    tasks_without_owner: int
    unresolved_terms: int


# -- plans --------------------------------------------------------------------------------------


class PlanRow(Record):
    """A plan's header (query ``plans``)."""

    plan_id: str
    title: str | None
    issuer: str | None
    doc_no: str | None
    issued: str | None
    period_start: int | None
    period_end: int | None
    source_name: str | None
    source_format: str | None
    sha256: str | None
    loaded_at: str | None


class PlanListing(PlanRow):
    """A plan in a listing: its header and how many tasks it holds."""

    tasks: int


class PlanDetail(Record):
    """A plan's header and the size of its graph (query ``plan_detail``); ``unparsed`` is None
    for a plan loaded before unparsed clauses were recorded."""

    plan_id: str
    title: str | None
    issuer: str | None
    doc_no: str | None
    issued: str | None
    period_start: int | None
    period_end: int | None
    source_name: str | None
    loaded_at: str | None
    sections: int
    tasks: int
    tasks_without_owner: int
    targets: int
    offices: int
    responsibilities: int
    agencies: int
    industries: int
    chains: int
    unparsed: list[UnparsedClause] | None


# -- offices ------------------------------------------------------------------------------------


class OfficeRow(Record):
    """An office with how many tasks it holds in each role (query ``offices``)."""

    office_id: str
    office: str
    office_en: str | None
    aliases: list[str]
    issuer: str | None
    tasks: int
    sole: int
    each: int
    lead: int
    support: int
    targets: int


class OfficeTask(Record):
    """A task of an office with the office's role and the task's other owners (query
    ``office_tasks``; co-owners sorted by name, roles pairwise)."""

    task_id: str
    plan_id: str
    task_code: str
    task_title: str | None
    role: str
    open_ended: bool | None
    evidence: str | None
    ev_start: int | None
    ev_end: int | None
    co_owners: list[str]
    co_owner_roles: list[str]


class CoOwner(Record):
    name_zh: str
    tasks: list[str]


class OutsidePartner(Record):
    """An outside department an office's tasks involve, as the plan writes it, with its
    canonical group (``group_zh``)."""

    id: str
    name_zh: str | None
    group_zh: str | None
    name_en: str | None
    relation: str
    unnamed: bool | None
    tasks: list[str]


class TargetRow(Record):
    """A numeric target with its holder (query ``targets``)."""

    target_id: str
    plan_id: str
    holder_id: str
    holder_label: str
    holder_code: str | None
    holder_title: str | None
    metric: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    raw_value: str | None
    qualifiers: list[str]
    kind: str | None
    year: int | None
    period_start: int | None
    period_end: int | None
    vague: bool | None
    evidence: str | None
    ev_start: int | None
    ev_end: int | None
    office_ids: list[str]
    offices: list[str]
    industry_ids: list[str]


class OfficeProfile(Record):
    id: str
    name_zh: str
    name_en: str | None
    tasks: list[OfficeTask]
    targets: list[TargetRow]
    co_owners: list[CoOwner]
    outside_partners: list[OutsidePartner]
    label: str
    aliases: list[str]


class OverlapItem(Record):
    """A task, industry or chain two offices share (query ``office_overlap``)."""

    kind: str  # task | industry | chain
    id: str
    name: str | None
    tasks_a: list[str]
    tasks_b: list[str]
    roles_a: list[str]
    roles_b: list[str]


class OfficeOverlap(Record):
    office_a: EntityRef
    office_b: EntityRef
    shared_tasks: list[OverlapItem]
    shared_industries: list[OverlapItem]
    shared_chains: list[OverlapItem]


class SharingTask(Record):
    """A task through which an office works on an industry or chain (query
    ``offices_sharing`` without the office columns)."""

    task_id: str
    task_code: str
    task_title: str | None
    role: str
    via: str | None
    evidence: str | None
    ev_start: int | None
    ev_end: int | None


# -- tasks --------------------------------------------------------------------------------------


class TaskRow(Record):
    """A task with its section (query ``tasks``)."""

    task_id: str
    plan_id: str
    code: str
    number: str | None
    title: str | None
    level: int | None
    has_owner: bool | None
    open_ended: bool | None
    span_start: int | None
    span_end: int | None
    section_id: str | None
    section_code: str | None
    section_title: str | None


class Owner(Record):
    """Who holds a task (an office or a collective) in what role, with the evidence."""

    id: str
    label: str
    name_zh: str | None
    name_en: str | None
    role: str
    raw: str | None
    open_ended: bool | None
    evidence: Evidence

    @classmethod
    def of_edge(cls, row: dict[str, Any]) -> Owner:
        """From a ``responsibility_edges`` row."""
        return cls(
            id=row["owner_id"],
            label=row["owner_label"],
            name_zh=row["owner"],
            name_en=row["owner_en"],
            role=row["role"],
            raw=row["raw"],
            open_ended=row["open_ended"],
            evidence=Evidence(
                phrase=row["evidence"], ev_start=row["ev_start"], ev_end=row["ev_end"]
            ),
        )


class TaskListing(TaskRow):
    owners: list[Owner]


class Concern(Record):
    """An industry or chain a task concerns."""

    id: str
    label: str
    name_zh: str | None
    name_en: str | None
    industry_id: str | None
    evidence: Evidence


class AgencyInvolved(Record):
    """An outside department a task involves, as the plan writes it, with its canonical group."""

    id: str
    name_zh: str | None
    group_zh: str | None
    name_en: str | None
    unnamed: bool | None
    relation: str
    raw: str | None
    evidence: Evidence


class TaskProfile(Record):
    """One task (query ``task_detail``) with its owners, targets, concerns and agencies."""

    task_id: str
    plan_id: str
    code: str
    number: str | None
    title: str | None
    text: str | None
    level: int | None
    span_start: int | None
    span_end: int | None
    has_owner: bool | None
    open_ended: bool | None
    warnings: list[str]
    section_id: str | None
    section_code: str | None
    section_title: str | None
    industries: list[str]
    chains: list[str]
    target_count: int
    owners: list[Owner]
    targets: list[TargetRow]
    concerns: list[Concern]
    agencies: list[AgencyInvolved]


# -- industries and chains ----------------------------------------------------------------------


class IndustryRow(Record):
    """An industry with its counts (query ``industries``)."""

    industry_id: str
    industry: str
    industry_en: str | None
    aliases: list[str]
    resolved: bool | None
    tasks: int
    chains: int
    offices: int


class ChainRow(Record):
    """A chain with its industry and counts (query ``chains``)."""

    chain_id: str
    chain: str
    chain_en: str | None
    aliases: list[str]
    resolved: bool | None
    industry_id: str | None
    industry: str | None
    tasks: int
    offices: int
