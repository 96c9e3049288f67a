"""Industries and chains, and which offices share one."""

from __future__ import annotations

from typing import Annotated, Any

from plankg.analysis import answers
from plankg.api.deps import NamePath, NameQuery, PageDep, StoreDep
from plankg.api.responses import api_router
from plankg.api.routes._doc import doc, page_example, paginate
from plankg.api.schemas import (
    ChainPublic,
    ConceptPublic,
    IndustryPublic,
    OfficesSharingPublic,
    Page,
    SharingOfficePublic,
)

router = api_router(tags=["industries and chains"])

ConceptRef = Annotated[
    str,
    NamePath(
        description="Id, Chinese name, alias, English name or pinyin: "
        "Nonferrous, non-ferrous, 有色, youse."
    ),
]
PlanFilter = Annotated[str | None, NameQuery(description="Only this plan.")]
SHARING_EXAMPLE = {
    "concept": {
        "id": "nonferrous",
        "label": "Industry",
        "name_zh": "有色金属产业",
        "name_en": "Nonferrous metals",
    },
    "total": 1,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "id": "某市工业和信息化局/材料工业科",
            "name_zh": "材料工业科",
            "name_en": "Materials Industry Section",
            "tasks": [
                {
                    "task_code": "4.1.1",
                    "role": "sole",
                    "via": "有色金属产业",
                    "evidence": "有色金属产业",
                    "ev_start": 1478,
                    "ev_end": 1484,
                }
            ],
        }
    ],
}


@router.get(
    "/industries",
    response_model=Page[IndustryPublic],
    **doc(
        "List industries",
        "Industries the tasks concern (directly or through one of their chains) "
        "with counts of tasks, chains and offices.",
        page_example(
            {
                "id": "nonferrous",
                "label": "Industry",
                "name_zh": "有色金属产业",
                "name_en": "Nonferrous metals",
                "tasks": 3,
                "chains": 2,
                "offices": 4,
            }
        ),
    ),
)
def list_industries(store: StoreDep, page: PageDep, plan: PlanFilter = None) -> dict[str, Any]:
    return paginate(
        [IndustryPublic.of(i) for i in answers.list_industries(store, plan=plan)],
        page.limit,
        page.offset,
    )


@router.get(
    "/chains",
    response_model=Page[ChainPublic],
    **doc(
        "List industrial chains",
        "Industrial chains (产业链) the tasks concern, with their industry "
        "and counts of tasks and offices.",
        page_example(
            {
                "id": "aluminium_processing",
                "label": "Chain",
                "name_zh": "铝加工产业链",
                "name_en": "Aluminium processing",
                "industry": "有色金属产业",
                "tasks": 1,
            }
        ),
    ),
)
def list_chains(store: StoreDep, page: PageDep, plan: PlanFilter = None) -> dict[str, Any]:
    return paginate(
        [ChainPublic.of(c) for c in answers.list_chains(store, plan=plan)],
        page.limit,
        page.offset,
    )


def _sharing(store: Any, ref: str, plan: str | None, limit: int, offset: int) -> dict[str, Any]:
    answer = answers.offices_sharing(store, ref, plan=plan)
    page = paginate(
        answer.offices,
        limit,
        offset,
        concept=ConceptPublic.of(answer.concept),
    )
    # Only the page is shaped: an industry of a large store is shared by thousands of offices.
    page["items"] = [
        SharingOfficePublic(id=o.office_id, name_zh=o.office, name_en=o.office_en, tasks=o.tasks)
        for o in page["items"]
    ]
    return page


SHARING_DESCRIPTION = (
    "Which offices share {what}: every office whose tasks concern it (for an "
    "industry, also through one of its chains), each with the connecting tasks, "
    "its role and the phrase of the plan that links the task to it."
)


@router.get(
    "/industries/{ref}/offices",
    response_model=OfficesSharingPublic,
    **doc(
        "Offices sharing an industry",
        SHARING_DESCRIPTION.format(what="an industry"),
        SHARING_EXAMPLE,
    ),
)
def industry_offices(
    store: StoreDep, ref: ConceptRef, page: PageDep, plan: PlanFilter = None
) -> dict[str, Any]:
    return _sharing(store, ref, plan, page.limit, page.offset)


@router.get(
    "/chains/{ref}/offices",
    response_model=OfficesSharingPublic,
    **doc(
        "Offices sharing a chain",
        SHARING_DESCRIPTION.format(what="an industrial chain"),
        SHARING_EXAMPLE,
    ),
)
def chain_offices(
    store: StoreDep, ref: ConceptRef, page: PageDep, plan: PlanFilter = None
) -> dict[str, Any]:
    return _sharing(store, ref, plan, page.limit, page.offset)
