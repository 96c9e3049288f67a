"""Interactive network pages (offline HTML) of industries, chains, offices and plans."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi.responses import HTMLResponse

from plankg.api.deps import NamePath, NameQuery, StoreDep
from plankg.api.responses import api_router
from plankg.outputs import render_view

router = api_router(prefix="/views", tags=["views"])

RefPath = Annotated[str, NamePath(description="Name in Chinese, English, alias or pinyin.")]
PlanQuery = Annotated[
    str | None, NameQuery(description="Only this plan: id or document number (default: all plans).")
]
HTML_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/html": {"example": "<!DOCTYPE html><html>…</html>"}},
        "description": "A self-contained page; it loads nothing from the network.",
    }
}


@router.get(
    "/industries/{ref}",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
    summary="Network view of an industry: its chains, tasks, offices, outside departments",
)
def industry_view(ref: RefPath, store: StoreDep, plan_id: PlanQuery = None) -> HTMLResponse:
    return HTMLResponse(render_view(store, "industry", ref, plan=plan_id))


@router.get(
    "/chains/{ref}",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
    summary="Network view of a chain: its tasks, their offices and outside departments",
)
def chain_view(ref: RefPath, store: StoreDep, plan_id: PlanQuery = None) -> HTMLResponse:
    return HTMLResponse(render_view(store, "chain", ref, plan=plan_id))


@router.get(
    "/offices/{ref}",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
    summary="Network view of an office: its tasks, co-owners and industries",
)
def office_view(ref: RefPath, store: StoreDep, plan_id: PlanQuery = None) -> HTMLResponse:
    return HTMLResponse(render_view(store, "office", ref, plan=plan_id))


@router.get(
    "/plans/{plan_id}",
    response_class=HTMLResponse,
    responses=HTML_RESPONSE,
    summary="Network view of a whole plan",
)
def plan_view(
    plan_id: Annotated[str, NamePath(description="Plan id or document number.")], store: StoreDep
) -> HTMLResponse:
    return HTMLResponse(render_view(store, "plan", plan_id))
