"""Offices (科室): list, profile, overlap of two."""

from __future__ import annotations

from typing import Annotated, Any

from plankg.analysis import answers
from plankg.api.deps import NamePath, NameQuery, PageDep, StoreDep
from plankg.api.responses import api_router
from plankg.api.routes._doc import doc, page_example, paginate
from plankg.api.schemas import OfficeProfilePublic, OfficePublic, OverlapPublic, Page

router = api_router(tags=["offices"])

OfficeRef = Annotated[
    str, NamePath(description="Office id, name, alias (材料科), English name or pinyin.")
]
PlanFilter = Annotated[str | None, NameQuery(description="Only this plan (id or document number).")]
OFFICE_EXAMPLE = {
    "id": "某市工业和信息化局/科技科",
    "name_zh": "科技科",
    "name_en": "Science and Technology Section",
    "tasks": 4,
    "each": 2,
    "sole": 2,
}


@router.get(
    "/offices",
    response_model=Page[OfficePublic],
    **doc(
        "List offices",
        "The bureau's offices with how many tasks they hold in each role "
        "(sole, each, lead, support) and how many targets those tasks carry.",
        page_example(OFFICE_EXAMPLE),
    ),
)
def list_offices(store: StoreDep, page: PageDep, plan: PlanFilter = None) -> dict[str, Any]:
    return paginate(
        [OfficePublic.of(o) for o in answers.list_offices(store, plan=plan)],
        page.limit,
        page.offset,
    )


# Office ids are issuer-scoped (机关/科室), so office refs take the path converter; the overlap
# route is declared first, else "/offices/甲/overlap/乙" would read as one office ref.
@router.get(
    "/offices/{a:path}/overlap/{b:path}",
    response_model=OverlapPublic,
    **doc(
        "What two offices share",
        "The tasks two offices hold together and the industries and "
        "chains both work on (in any task).",
        {
            "office_a": {
                "id": "…/投资与技改科",
                "name_zh": "投资与技改科",
                "name_en": "Investment and Technological Transformation Office",
            },
            "office_b": {
                "id": "…/产业政策科",
                "name_zh": "产业政策科",
                "name_en": "Industrial Policy Section",
            },
            "shared_tasks": [{"kind": "task", "id": "某工信发-2023-48#4.6", "tasks_a": ["4.6"]}],
            "shared_industries": [],
            "shared_chains": [],
        },
    ),
)
def overlap(store: StoreDep, a: OfficeRef, b: OfficeRef, plan: PlanFilter = None) -> OverlapPublic:
    return answers.office_overlap(store, a, b, plan=plan)


@router.get(
    "/offices/{ref:path}",
    response_model=OfficeProfilePublic,
    **doc(
        "One office",
        "An office's tasks with its role in each, the targets of those tasks, the "
        "offices it shares tasks with and the outside departments its tasks involve.",
        {
            **OFFICE_EXAMPLE,
            "tasks": [{"task_code": "3.1", "role": "sole"}],
            "targets": [],
            "co_owners": [{"name_zh": "产业政策科", "tasks": ["3.3"]}],
            "outside_partners": [],
        },
    ),
)
def get_office(store: StoreDep, ref: OfficeRef, plan: PlanFilter = None) -> OfficeProfilePublic:
    return answers.office_profile(store, ref, plan=plan)
