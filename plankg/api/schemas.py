"""Request and response models. A read answers what :mod:`plankg.analysis.records` declares;
a public entity adds id, name_zh and name_en to the record it shows (``of`` builds it), so a
field is declared once, in the read layer. A write accepts what Create declares.
"""

from __future__ import annotations

import re
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


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """RFC 7807 problem details (``application/problem+json``), the body of every error:
    ``suggestions`` on 404, ``candidates`` on 409, ``errors`` on a request that does not fit
    the schema (422)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A relative URI naming the error class: /problems/not-found")
    title: str
    status: int
    detail: str
    suggestions: list[str] = Field(default_factory=list, description="What was likely meant")
    candidates: list[dict[str, Any]] = Field(
        default_factory=list, description="The entities an ambiguous name fits"
    )
    errors: list[ValidationIssue] = Field(default_factory=list)


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


PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
INT64 = (-(2**63), 2**63 - 1)
_NUMBER = [
    {"type": "integer", "minimum": INT64[0], "maximum": INT64[1]},
    # JSON has one number type: 1e30 is an integer there, and as one it does not fit 64 bits.
    {"type": "number", "not": {"type": "integer"}},
]
_NULL = {"type": "null"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


CYPHER_SCHEMAS: dict[str, dict[str, Any]] = {
    "CypherScalar": {"anyOf": [_NULL, {"type": "boolean"}, {"type": "string"}, *_NUMBER]},
    "CypherList": {
        "description": "A list of one kind of value (and nulls): the embedded store binds no "
        "mixed lists.",
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, _NULL]}},
            {"type": "array", "items": {"anyOf": [{"type": "boolean"}, _NULL]}},
            {"type": "array", "items": {"anyOf": [*_NUMBER, _NULL]}},
        ],
    },
    "CypherValue": {
        "description": "A value both stores can bind: a scalar, a list, or a map of those.",
        "anyOf": [
            _ref("CypherScalar"),
            _ref("CypherList"),
            {
                "type": "object",
                "additionalProperties": {"anyOf": [_ref("CypherScalar"), _ref("CypherList")]},
            },
        ],
    },
}


PARAMS_SCHEMA: dict[str, Any] = {
    "propertyNames": {"pattern": f"^{PARAM_NAME.pattern}$"},
    "additionalProperties": _ref("CypherValue"),
}


class CypherCreate(BaseModel):
    """A read-only Cypher statement (writes are refused)."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000, json_schema_extra={"format": "cypher"})
    params: dict[str, Any] = Field(
        default_factory=dict,
        json_schema_extra=PARAMS_SCHEMA,
    )

    @field_validator("params")
    @classmethod
    def _params_fit_a_store(cls, params: dict[str, Any]) -> dict[str, Any]:
        """Parameter values must be what both stores can bind (``CYPHER_SCHEMAS``)."""
        for name, value in params.items():
            if not PARAM_NAME.fullmatch(name):
                raise ValueError(f"parameter name {name!r} is not an identifier")
            if isinstance(value, dict):
                for key, item in value.items():
                    _check_bindable(item, f"{name}.{key}")
            else:
                _check_bindable(value, name)
        return params


def _scalar_kind(value: Any, where: str) -> str | None:
    """``None`` for null, else ``bool``, ``str`` or ``number``; ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, str):
        return "str"
    if isinstance(value, int):
        if not INT64[0] <= value <= INT64[1]:
            raise ValueError(f"parameter {where}: integer outside the 64-bit range")
        return "number"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"parameter {where}: not a finite number")
        if value.is_integer() and not INT64[0] <= value <= INT64[1]:
            raise ValueError(f"parameter {where}: integer outside the 64-bit range")
        return "number"
    raise ValueError(f"parameter {where}: a list or map cannot hold a list or map")


def _check_bindable(value: Any, where: str) -> None:
    if not isinstance(value, list):
        _scalar_kind(value, where)
        return
    kinds = {kind for item in value if (kind := _scalar_kind(item, where)) is not None}
    if len(kinds) > 1:
        raise ValueError(f"parameter {where}: a list of mixed kinds ({', '.join(sorted(kinds))})")


class CypherPublic(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
