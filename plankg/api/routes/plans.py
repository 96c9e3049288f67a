"""Plans: list, detail, upload (ingest) and delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Request, status

from plankg import writes
from plankg.analysis import answers
from plankg.api.deps import NamePath, PageDep, SettingsDep, StoreDep, WriteGuard
from plankg.api.responses import api_router, raises
from plankg.api.routes._doc import doc, page_example, paginate
from plankg.api.schemas import Page, PlanCreate, PlanDeleted, PlanDetailPublic, PlanPublic
from plankg.api.uploads import ingest_slots, read_upload
from plankg.errors import FileTooLarge, UnsupportedFormat

router = api_router(tags=["plans"])

PLAN_EXAMPLE = {
    "id": "某工信发-2023-48",
    "name_zh": "深化新旧动能转换推动绿色低碳高质量发展三年行动计划",
    "name_en": None,
    "issuer": "某市工业和信息化局",
    "doc_no": "某工信发〔2023〕48号",
    "issued": "2023-05-10",
    "period_start": 2023,
    "period_end": 2025,
}
UPLOAD_PROBLEMS = raises(FileTooLarge, UnsupportedFormat)
PlanRef = Annotated[str, NamePath(description="Plan id, document number or title.")]


@router.get(
    "/plans",
    response_model=Page[PlanPublic],
    **doc(
        "List plans",
        "Every plan in the store, newest first, with its header data.",
        page_example(PLAN_EXAMPLE),
    ),
)
def list_plans(store: StoreDep, page: PageDep) -> dict[str, Any]:
    return paginate([PlanPublic.of(p) for p in answers.list_plans(store)], page.limit, page.offset)


@router.get(
    "/plans/{ref}",
    response_model=PlanDetailPublic,
    **doc(
        "One plan",
        "A plan's header data and the size of its graph (sections, tasks, tasks without "
        "owner, targets, offices, responsibilities, outside departments, industries, chains).",
        {**PLAN_EXAMPLE, "tasks": 29, "tasks_without_owner": 3, "targets": 40},
    ),
)
def get_plan(store: StoreDep, ref: PlanRef) -> PlanDetailPublic:
    return PlanDetailPublic.of(answers.plan_detail(store, ref))


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A plan file: .txt .docx .pdf .html",
                        }
                    },
                }
            }
        },
    }
}


@router.post(
    "/plans",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanCreate,
    dependencies=[WriteGuard],
    openapi_extra=UPLOAD_BODY,
    **doc(
        "Upload a plan",
        "Multipart upload of one plan file (field `file`); the plan is read, its graph "
        "extracted and loaded in one transaction, replacing an earlier version of the "
        "same plan. The report lists the clauses that look like responsibility or a target "
        "but yielded nothing (`unparsed_clauses`: task or section code, phrase, offsets). Needs the `X-API-Key` header. Too large a file is refused (413) "
        "before it is read whole; an unreadable one answers the reader's error.",
        {
            "plan_id": "某工信发-2023-48",
            "title": "…三年行动计划",
            "issuer": "某市工业和信息化局",
            "sections": 20,
            "tasks": 29,
            "offices": 17,
            "targets": 40,
            "replaced": False,
            "warnings": [],
            "unparsed": 1,
            "unparsed_clauses": [
                {
                    "kind": "responsibility",
                    "code": "2.3",
                    "phrase": "（主办单位负责：园区办）",
                    "start": 812,
                    "end": 824,
                }
            ],
        },
        UPLOAD_PROBLEMS,
        status=201,
    ),
)
async def upload_plan(request: Request, store: StoreDep, settings: SettingsDep) -> PlanCreate:
    name, data = await read_upload(request, settings.max_upload_mb * 1024 * 1024)
    return await ingest_slots(request).run(
        lambda: writes.ingest_upload(
            store, name, data, allow_unstructured=settings.allow_unstructured
        )
    )


@router.delete(
    "/plans/{ref}",
    response_model=PlanDeleted,
    dependencies=[WriteGuard],
    **doc(
        "Delete a plan",
        "Remove a plan's subgraph (and the shared nodes only it used). Needs the "
        "`X-API-Key` header.",
        {"deleted": "某工信发-2023-48"},
    ),
)
def delete_plan(store: StoreDep, ref: PlanRef) -> PlanDeleted:
    return PlanDeleted(deleted=writes.remove_plan(store, ref).plan_id)
