"""Tasks: filtered list and detail."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from plankg.analysis import answers
from plankg.api.deps import NamePath, NameQuery, PageDep, StoreDep
from plankg.api.responses import api_router
from plankg.api.routes._doc import doc, page_example
from plankg.api.schemas import Page, TaskProfilePublic, TaskPublic
from plankg.models import Role

router = api_router(tags=["tasks"])

TASK_EXAMPLE = {
    "id": "某工信发-2023-48#4.1.1",
    "name_zh": "有色金属产业",
    "name_en": "Task 4.1.1",
    "code": "4.1.1",
    "plan_id": "某工信发-2023-48",
    "owners": [{"name_zh": "材料工业科", "role": "sole", "raw": "材料科"}],
}


@router.get(
    "/tasks",
    response_model=Page[TaskPublic],
    **doc(
        "List tasks",
        "Tasks in outline order with their owners; filter by office, industry "
        "(a chain of the industry counts), chain, the office's role, a target year, or plan.",
        page_example(TASK_EXAMPLE),
    ),
)
def list_tasks(
    store: StoreDep,
    page: PageDep,
    office: Annotated[
        str | None, NameQuery(description="Office name, alias, English or id.")
    ] = None,
    industry: Annotated[
        str | None, NameQuery(description="Industry (有色, Nonferrous, youse…).")
    ] = None,
    chain: Annotated[str | None, NameQuery(description="Industrial chain.")] = None,
    role: Annotated[
        Role | None, Query(description="Owner role (with office: that office's).")
    ] = None,
    year: Annotated[
        int | None, Query(ge=1900, le=2200, description="Tasks with a target due that year.")
    ] = None,
    plan: Annotated[str | None, NameQuery(description="Only this plan.")] = None,
) -> dict[str, Any]:
    found = answers.task_page(
        store,
        limit=page.limit,
        offset=page.offset,
        office=office,
        industry=industry,
        chain=chain,
        role=role,
        year=year,
        plan=plan,
    )
    return {
        "total": found.total,
        "limit": page.limit,
        "offset": page.offset,
        "items": [TaskPublic.of(t) for t in found.items],
    }


@router.get(
    "/tasks/{ref}",
    response_model=TaskProfilePublic,
    **doc(
        "One task",
        "A task by id or bare code (4.1.1, when one plan holds it): its text, owners "
        "with roles, targets, industries and chains, outside departments, each with its evidence.",
        {
            **TASK_EXAMPLE,
            "text": "1. 有色金属产业。…（材料科负责）",
            "targets": [],
            "concerns": [],
            "agencies": [],
        },
    ),
)
def get_task(
    store: StoreDep,
    ref: Annotated[str, NamePath(description="Task id (plan#code) or code.")],
    plan: Annotated[str | None, NameQuery(description="Only this plan.")] = None,
) -> TaskProfilePublic:
    return TaskProfilePublic.of(answers.task_profile(store, ref, plan=plan))
