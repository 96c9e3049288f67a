"""Request and response models. A read answers what :mod:`plankg.analysis.records` declares;
a public entity adds id, name_zh and name_en to the record it shows (``of`` builds it), so a
field is declared once, in the read layer. A write accepts what Create declares.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from plankg.analysis.gaps import Gap
from plankg.analysis.records import (
    ChainRow,
    EntityRef,
    IndustryRow,
    OfficeOverlap,
    OfficeProfile,
    OfficeRow,
    PlanDetail,
    PlanListing,
    Record,
    SharingTask,
    TargetRow,
    TaskListing,
    TaskProfile,
)
from plankg.writes import UploadReport

T = TypeVar("T")


class Public(Record):
    id: str
    name_zh: str | None = None
    name_en: str | None = None


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


# -- plans --


PlanCreate = UploadReport  # what an upload produced (the request itself is a multipart file)


class PlanPublic(Public, PlanListing):
    @classmethod
    def of(cls, plan: PlanListing) -> PlanPublic:
        return cls(id=plan.plan_id, name_zh=plan.title, name_en=None, **plan.model_dump())


class PlanDetailPublic(Public, PlanDetail):
    @classmethod
    def of(cls, plan: PlanDetail) -> PlanDetailPublic:
        return cls(id=plan.plan_id, name_zh=plan.title, name_en=None, **plan.model_dump())


class PlanDeleted(BaseModel):
    deleted: str


# -- offices, tasks, concepts, targets, search --


class OfficePublic(Public, OfficeRow):
    @classmethod
    def of(cls, office: OfficeRow) -> OfficePublic:
        return cls(
            id=office.office_id,
            name_zh=office.office,
            name_en=office.office_en,
            **office.model_dump(),
        )


OfficeProfilePublic = OfficeProfile
OverlapPublic = OfficeOverlap


class TaskPublic(Public, TaskListing):
    @classmethod
    def of(cls, task: TaskListing) -> TaskPublic:
        return cls(
            id=task.task_id, name_zh=task.title, name_en=f"Task {task.code}", **task.model_dump()
        )


class TaskProfilePublic(Public, TaskProfile):
    @classmethod
    def of(cls, task: TaskProfile) -> TaskProfilePublic:
        return cls(
            id=task.task_id, name_zh=task.title, name_en=f"Task {task.code}", **task.model_dump()
        )


ConceptPublic = EntityRef


class IndustryPublic(Public, IndustryRow):
    label: str = "Industry"

    @classmethod
    def of(cls, industry: IndustryRow) -> IndustryPublic:
        return cls(
            id=industry.industry_id,
            name_zh=industry.industry,
            name_en=industry.industry_en,
            **industry.model_dump(),
        )


class ChainPublic(Public, ChainRow):
    label: str = "Chain"

    @classmethod
    def of(cls, chain: ChainRow) -> ChainPublic:
        return cls(
            id=chain.chain_id, name_zh=chain.chain, name_en=chain.chain_en, **chain.model_dump()
        )


class SharingOfficePublic(Public):
    tasks: list[SharingTask]


class OfficesSharingPublic(BaseModel):
    concept: ConceptPublic
    total: int
    limit: int
    offset: int
    items: list[SharingOfficePublic]


class TargetPublic(Public, TargetRow):
    @classmethod
    def of(cls, target: TargetRow) -> TargetPublic:
        return cls(id=target.target_id, name_zh=target.metric, name_en=None, **target.model_dump())


class SearchHitPublic(Public):
    label: str
    score: float
    matched: str


class GapPage(Page[Gap]):
    skipped: dict[str, str]


# -- health and Cypher --


class HealthPublic(BaseModel):
    status: str
    store: str
    reachable: bool


class CypherCreate(BaseModel):
    """A read-only Cypher statement (writes are refused)."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("params")
    @classmethod
    def _params_fit_a_store(cls, params: dict[str, Any]) -> dict[str, Any]:
        """Parameter values must be what both stores can bind: 64-bit integers, finite floats."""
        for name, value in params.items():
            if not name.isidentifier():
                raise ValueError(f"parameter name {name!r} is not an identifier")
            _check_bindable(value, name)
        return params


_INT64 = (-(2**63), 2**63 - 1)


def _check_bindable(value: Any, where: str) -> None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise ValueError(f"parameter {where}: integer outside the 64-bit range")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"parameter {where}: not a finite number")
    elif isinstance(value, list):
        for item in value:
            _check_bindable(item, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_bindable(item, f"{where}.{key}")


class CypherPublic(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
