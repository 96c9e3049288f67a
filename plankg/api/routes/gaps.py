"""The coordination-gap catalogue."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from plankg.analysis import gaps
from plankg.api.deps import NameQuery, PageDep, StoreDep
from plankg.api.responses import api_router
from plankg.api.routes._doc import doc, page_example, paginate
from plankg.api.schemas import GapPage

router = api_router(tags=["gaps"])

GAP_EXAMPLE = {
    "id": "shared_without_lead:5d3645219f58",
    "type": "shared_without_lead",
    "severity": "medium",
    "plan_id": "某工信发-2023-48",
    "nodes": [
        {
            "id": "某工信发-2023-48#3.2",
            "label": "Task",
            "name_zh": "3.2 加强科技型企业梯度培育",
            "name_en": "Task 3.2",
        }
    ],
    "explanation_zh": "任务3.2「加强科技型企业梯度培育」由产业政策科、创新创业指导科分别负责，没有明确牵头单位。",
    "explanation_en": "Task 3.2 is shared by 2 owners (…) and nobody leads it.",
    "evidence": [
        {
            "phrase": "（创新创业指导科、产业政策科分别负责）",
            "ev_start": 1003,
            "ev_end": 1022,
            "task_code": "3.2",
        }
    ],
}


@router.get(
    "/gaps",
    response_model=GapPage,
    **doc(
        "Coordination gaps",
        "Where the plan's division of labour is likely to break: shared "
        "without a lead, no owner, collective owner, open-ended owner list, outside dependency, "
        "chain without a joint task, name variants, vague target, overload, chain without a leader "
        "enterprise. Each gap has a severity, the nodes involved, one sentence in Chinese and in "
        "English, and its evidence. `skipped` names the types that could not be looked for.",
        page_example(GAP_EXAMPLE, skipped={"chain_without_leader": "no enterprise data loaded"}),
    ),
)
def list_gaps(
    store: StoreDep,
    page: PageDep,
    type: Annotated[list[gaps.GapType] | None, Query(description="Gap types to keep.")] = None,
    office: Annotated[str | None, NameQuery(description="Gaps involving this office.")] = None,
    industry: Annotated[
        str | None, NameQuery(description="Gaps involving this industry or chain.")
    ] = None,
    plan: Annotated[str | None, NameQuery(description="Only this plan.")] = None,
) -> dict[str, Any]:
    report = gaps.gap_report(store, plan=plan, types=type, office=office, industry=industry)
    answer = paginate(report.gaps, page.limit, page.offset, skipped=report.skipped)
    # Only the page is turned into dicts: a store of many plans holds tens of thousands of gaps.
    answer["items"] = [g.model_dump() for g in answer["items"]]
    return answer
