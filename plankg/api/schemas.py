"""Request and response models. Base holds what a client may send or see of an entity, Create
what a write accepts, Public what a read returns; every public entity has id, name_zh, name_en.

Public models allow extra fields: a read passes on every column its named query returns, so new
columns reach clients without a schema change here.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from plankg.analysis.gaps import Gap

T = TypeVar("T")


class Public(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    name_zh: str | None = None
    name_en: str | None = None


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class EvidencePublic(BaseModel):
    phrase: str | None
    ev_start: int | None
    ev_end: int | None


# -- plans --


class PlanBase(BaseModel):
    title: str | None = None
    issuer: str | None = None
    doc_no: str | None = None
    issued: str | None = None
    period_start: int | None = None
    period_end: int | None = None


class PlanCreate(BaseModel):
    """What an upload produced (the request itself is a multipart file)."""

    plan_id: str
    title: str | None
    issuer: str | None
    sections: int
    tasks: int
    offices: int
    targets: int
    replaced: bool
    warnings: list[str] = Field(default_factory=list)


class PlanPublic(Public, PlanBase):
    pass


class PlanDeleted(BaseModel):
    deleted: str


# -- offices, tasks, concepts, targets, search --


class OfficePublic(Public):
    tasks: int
    targets: int


class OfficeProfilePublic(Public):
    tasks: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    co_owners: list[dict[str, Any]]
    outside_partners: list[dict[str, Any]]


class TaskPublic(Public):
    code: str
    plan_id: str


class ConceptPublic(Public):
    label: str


class OfficesSharingPublic(BaseModel):
    concept: ConceptPublic
    total: int
    limit: int
    offset: int
    items: list[Public]


class OverlapPublic(BaseModel):
    office_a: Public
    office_b: Public
    shared_tasks: list[dict[str, Any]]
    shared_industries: list[dict[str, Any]]
    shared_chains: list[dict[str, Any]]


class TargetPublic(Public):
    metric: str | None = None
    value: float | None = None
    year: int | None = None


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
