"""Targets (numeric and vague goals)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from plankg.analysis import answers
from plankg.api.deps import NameQuery, PageDep, StoreDep
from plankg.api.responses import api_router
from plankg.api.routes._doc import doc, page_example, paginate
from plankg.api.schemas import Page, TargetPublic

router = api_router(tags=["targets"])


@router.get(
    "/targets",
    response_model=Page[TargetPublic],
    **doc(
        "List targets",
        "Numeric and vague targets of tasks and sections with the offices that "
        "carry them and the phrase they were read from; filter by deadline year, office, industry "
        "or plan.",
        page_example(
            {
                "id": "某工信发-2023-48#4.1.1#t2",
                "name_zh": "规上企业",
                "name_en": None,
                "metric": "规上企业",
                "value": 80.0,
                "unit": "家",
                "year": 2025,
                "holder_code": "4.1.1",
                "offices": ["材料工业科"],
                "evidence": "规上企业达到80家",
            }
        ),
    ),
)
def list_targets(
    store: StoreDep,
    page: PageDep,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="Deadline year.")] = None,
    office: Annotated[str | None, NameQuery(description="Office carrying the target.")] = None,
    industry: Annotated[str | None, NameQuery(description="Industry the holder concerns.")] = None,
    plan: Annotated[str | None, NameQuery(description="Only this plan.")] = None,
) -> dict[str, Any]:
    rows = answers.list_targets(store, year=year, office=office, industry=industry, plan=plan)
    return paginate([TargetPublic.of(r) for r in rows], page.limit, page.offset)
