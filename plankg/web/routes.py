"""The pages of the web front. Each route asks the read layer (the functions the API routes call)
and hands plain data to a template; a PlankgError becomes an error page in the reader's language,
with the suggestions or candidates the error carries."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.background import BackgroundTask

from plankg import writes
from plankg.analysis import answers, gaps, names
from plankg.analysis.matrix import ROLES, responsibility_matrix
from plankg.analysis.outline import evidence_context, plan_outline, plan_text
from plankg.analysis.records import PlanDetail, SharingTask
from plankg.api.deps import SettingsDep, StoreDep, require_api_key
from plankg.errors import InputError, PlankgError
from plankg.i18n import Lang, term
from plankg.models import UnparsedClause
from plankg.outputs import render_view
from plankg.outputs.exports import write_export
from plankg.settings import Settings
from plankg.store.protocol import GraphStore
from plankg.web.render import render, request_lang

router = APIRouter(include_in_schema=False)

SEVERITIES = ("high", "medium", "low")
SUGGESTION_LIMIT = 8
NETWORK_KINDS = ("plan", "industry", "chain", "office")
DOWNLOADS = {
    "xlsx": ("plankg.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("plankg-csv.zip", "application/zip"),
    "graphml": ("plankg.graphml", "application/graphml+xml"),
    "json": ("plankg.json", "application/json"),
}
Text = Annotated[str | None, Query(max_length=200)]


def _page(
    request: Request,
    settings: Settings,
    template: str,
    build: Callable[[], dict[str, Any]],
) -> HTMLResponse:
    try:
        context = build()
    except PlankgError as error:
        return _error_page(request, settings, error)
    return render(request, settings, template, context)


def _error_page(request: Request, settings: Settings, error: PlankgError) -> HTMLResponse:
    return render(
        request,
        settings,
        "error.html",
        {
            "detail": str(error),
            "suggestions": getattr(error, "suggestions", None) or [],
            "candidates": getattr(error, "candidates", None) or [],
        },
        status_code=error.http_status,
    )


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


# -- home and search ----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, settings: SettingsDep) -> HTMLResponse:
    def build() -> dict[str, Any]:
        plans = [
            PlanCard(
                **answers.plan_detail(store, listed.plan_id).model_dump(),
                gaps=len(gaps.gap_report(store, plan=listed.plan_id).gaps),
            )
            for listed in answers.list_plans(store)
        ]
        return {
            "plans": plans,
            "industries": answers.list_industries(store),
            "chains": answers.list_chains(store),
            "offices": answers.list_offices(store),
        }

    return _page(request, settings, "home.html", build)


@router.get("/ui/search", response_class=HTMLResponse)
def search_page(
    request: Request, store: StoreDep, settings: SettingsDep, q: Text = None
) -> HTMLResponse:
    query = _blank(q)
    return _page(
        request,
        settings,
        "search.html",
        lambda: {"q": query or "", "hits": answers.search(store, query) if query else []},
    )


@router.get("/ui/suggest", response_class=HTMLResponse)
def suggest(
    request: Request, store: StoreDep, settings: SettingsDep, q: Text = None
) -> HTMLResponse:
    """The search box's typed suggestions, as a list fragment the page's script inserts."""
    query = _blank(q)
    hits = answers.search(store, query)[:SUGGESTION_LIMIT] if query else []
    return render(request, settings, "suggest.html", {"q": query or "", "hits": hits})


# -- plan, matrix, gaps ---------------------------------------------------------------------------


def _highlight(hl: str | None) -> tuple[int, int] | None:
    if not hl:
        return None
    start, _, end = hl.partition("-")
    if not (start.isdigit() and end.isdigit()) or int(start) > int(end):
        raise InputError(f"hl: expected START-END character offsets, got {hl!r}")
    return int(start), int(end)


@router.get("/ui/plans/{ref:path}", response_class=HTMLResponse)
def plan_page(
    request: Request, store: StoreDep, settings: SettingsDep, ref: str, hl: Text = None
) -> HTMLResponse:
    def build() -> dict[str, Any]:
        outline = plan_outline(store, ref)
        return {
            "outline": outline,
            "plan": outline.plan,
            "highlight": _highlight(hl),
            "text": plan_text(store, outline.plan.plan_id),
            "unparsed": _unparsed_for_page(outline.plan.unparsed),
        }

    return _page(request, settings, "plan.html", build)


@router.get("/ui/matrix", response_class=HTMLResponse)
def matrix_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    plan: Text = None,
    section: Text = None,
    office: Text = None,
    industry: Text = None,
    role: Text = None,
) -> HTMLResponse:
    chosen = {
        "plan": _blank(plan),
        "section": _blank(section),
        "office": _blank(office),
        "industry": _blank(industry),
        "role": _blank(role),
    }

    def build() -> dict[str, Any]:
        if chosen["role"] and chosen["role"] not in ROLES:
            raise InputError(f"role: {chosen['role']!r} is not one of {', '.join(ROLES)}")
        matrix = responsibility_matrix(store, **chosen)
        options = _filter_options(store, chosen["plan"], request_lang(request, settings))
        options["section"] = [(code, f"{code} {title}") for code, title in matrix.sections]
        return {"matrix": matrix, "chosen": chosen, "options": options, "roles": ROLES}

    return _page(request, settings, "matrix.html", build)


def _filter_options(store: GraphStore, plan: str | None, lang: Lang) -> dict[str, Any]:
    """The choices of the filter forms, as (value, shown text) pairs in the reader's language."""

    def shown(zh: str, en: str | None) -> str:
        return en if lang == "en" and en else zh

    chains = answers.list_chains(store, plan=plan)
    return {
        "plan": [(p.plan_id, p.title or p.plan_id) for p in answers.list_plans(store)],
        "office": [
            (o.office_id, shown(o.office, o.office_en))
            for o in answers.list_offices(store, plan=plan)
        ],
        "industry": [
            (i.industry_id, shown(i.industry, i.industry_en))
            for i in answers.list_industries(store, plan=plan)
        ]
        + [(c.chain_id, shown(c.chain, c.chain_en)) for c in chains],
        "role": [(r, term("role", r, lang)) for r in ROLES],
        "type": [(g, term("gap_type", g, lang)) for g in gaps.GAP_TYPES],
        "severity": [(s, term("severity", s, lang)) for s in SEVERITIES],
    }


@router.get("/ui/gaps", response_class=HTMLResponse)
def gaps_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    plan: Text = None,
    type: Text = None,
    severity: Text = None,
    office: Text = None,
    industry: Text = None,
) -> HTMLResponse:
    chosen = {
        "plan": _blank(plan),
        "type": _blank(type),
        "severity": _blank(severity),
        "office": _blank(office),
        "industry": _blank(industry),
    }

    def build() -> dict[str, Any]:
        if chosen["type"] and chosen["type"] not in gaps.GAP_TYPES:
            raise InputError(f"type: {chosen['type']!r} is not a gap type")
        if chosen["severity"] and chosen["severity"] not in SEVERITIES:
            raise InputError(f"severity: {chosen['severity']!r} is not one of high, medium, low")
        report = gaps.gap_report(
            store,
            plan=chosen["plan"],
            types=[chosen["type"]] if chosen["type"] else None,
            office=chosen["office"],
            industry=chosen["industry"],
        )
        found = [
            g for g in report.gaps if not chosen["severity"] or g.severity == chosen["severity"]
        ]
        texts = _plan_texts(store, {g.plan_id for g in found if g.plan_id})
        contexts = {
            g.id: [
                evidence_context(texts.get(g.plan_id or "", ""), e.ev_start, e.ev_end, e.phrase)
                for e in g.evidence
            ]
            for g in found
        }
        by_type: dict[str, int] = {}
        for g in found:
            by_type[g.type] = by_type.get(g.type, 0) + 1
        return {
            "gaps": found,
            "contexts": contexts,
            "by_type": by_type,
            "skipped": report.skipped,
            "chosen": chosen,
            "options": _filter_options(store, chosen["plan"], request_lang(request, settings)),
        }

    return _page(request, settings, "gaps.html", build)


def _plan_texts(store: GraphStore, plan_ids: set[str]) -> dict[str, str]:
    return {plan_id: plan_text(store, plan_id) for plan_id in plan_ids}


# -- offices, industries, chains ------------------------------------------------------------------


@router.get("/ui/offices/{ref:path}", response_class=HTMLResponse)
def office_page(
    request: Request, store: StoreDep, settings: SettingsDep, ref: str, plan: Text = None
) -> HTMLResponse:
    return _page(
        request,
        settings,
        "office.html",
        lambda: _office_context(store, ref, _blank(plan)),
    )


def _office_context(store: GraphStore, ref: str, plan: str | None) -> dict[str, Any]:
    office = answers.office_profile(store, ref, plan=plan)
    return {"office": office, "view_url": network_url("office", office.id)}


def network_url(kind: str, ref: str) -> str:
    return f"/ui/network/{kind}/{quote(ref, safe='')}"


@router.get("/ui/network/{kind}/{ref:path}", response_class=HTMLResponse)
def network_page(
    request: Request, store: StoreDep, settings: SettingsDep, kind: str, ref: str
) -> HTMLResponse:
    """The offline network view (the page ``plankg view`` writes) that the pages embed."""
    try:
        if kind not in NETWORK_KINDS:
            raise InputError(f"unknown view {kind!r}; one of {', '.join(NETWORK_KINDS)}")
        return HTMLResponse(render_view(store, kind, ref))
    except PlankgError as error:
        return _error_page(request, settings, error)


def _concept_context(store: GraphStore, ref: str, plan: str | None) -> dict[str, Any]:
    """Which offices share an industry or chain, each connecting task with its evidence inside
    the plan's surrounding words."""
    plan_id = names.plan_id_of(store, plan)
    answer = answers.offices_sharing(store, ref, plan=plan_id)
    texts = _plan_texts(store, {_plan_of(t.task_id) for o in answer.offices for t in o.tasks})
    contexts = {
        (o.office_id, t.task_id, t.via): evidence_context(
            texts.get(_plan_of(t.task_id), ""), t.ev_start, t.ev_end, t.evidence or ""
        )
        for o in answer.offices
        for t in o.tasks
    }
    chains = answers.list_chains(store, plan=plan_id)
    concept = answer.concept
    return {
        "concept": concept,
        "offices": answer.offices,
        "tasks_by_office": {o.office_id: _links_by_task(o.tasks) for o in answer.offices},
        "contexts": contexts,
        "chains": [c for c in chains if c.industry_id == concept.id],
        "parent": next((c for c in chains if c.chain_id == concept.id), None),
        "view_url": network_url("chain" if concept.label == "Chain" else "industry", concept.id),
    }


def _links_by_task(links: list[SharingTask]) -> list[list[SharingTask]]:
    """An office's connections to the concept, one group per task in outline order: a task that
    names the industry and two of its chains is one task with three pieces of evidence."""
    groups: dict[str, list[SharingTask]] = {}
    for link in links:
        groups.setdefault(link.task_id, []).append(link)
    return list(groups.values())


def _plan_of(task_id: str) -> str:
    """The plan id a task id starts with (ids are ``plan#code``)."""
    return task_id.split("#", 1)[0]


@router.get("/ui/industries/{ref:path}", response_class=HTMLResponse)
def industry_page(
    request: Request, store: StoreDep, settings: SettingsDep, ref: str, plan: Text = None
) -> HTMLResponse:
    return _page(
        request, settings, "concept.html", lambda: _concept_context(store, ref, _blank(plan))
    )


@router.get("/ui/chains/{ref:path}", response_class=HTMLResponse)
def chain_page(
    request: Request, store: StoreDep, settings: SettingsDep, ref: str, plan: Text = None
) -> HTMLResponse:
    return _page(
        request, settings, "concept.html", lambda: _concept_context(store, ref, _blank(plan))
    )


# -- downloads and upload -------------------------------------------------------------------------


@router.get("/ui/downloads", response_class=HTMLResponse)
def downloads_page(request: Request, store: StoreDep, settings: SettingsDep) -> HTMLResponse:
    return _page(
        request,
        settings,
        "downloads.html",
        lambda: {"plans": answers.list_plans(store), "formats": list(DOWNLOADS)},
    )


@router.get("/ui/downloads/{fmt}", response_model=None)
def download(
    request: Request, store: StoreDep, settings: SettingsDep, fmt: str, plan: Text = None
) -> Response:
    if fmt not in DOWNLOADS:
        error = InputError(f"unknown download format {fmt!r}; one of {', '.join(DOWNLOADS)}")
        return _error_page(request, settings, error)
    name, media_type = DOWNLOADS[fmt]
    folder = Path(tempfile.mkdtemp(prefix="plankg-download-"))
    path = folder / name

    def clean() -> None:
        path.unlink(missing_ok=True)
        folder.rmdir()

    try:
        write_export(
            store,
            fmt,
            path,
            plan_id=names.plan_id_of(store, _blank(plan)),
            lang=request_lang(request, settings),
        )
    except PlankgError:
        clean()
        raise
    return FileResponse(
        path, media_type=media_type, filename=name, background=BackgroundTask(clean)
    )


@router.get("/ui/upload", response_class=HTMLResponse)
def upload_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    return render(request, settings, "upload.html", {"report": None, "problem": None})


@router.post("/ui/upload", response_class=HTMLResponse)
async def upload_plan(request: Request, store: StoreDep, settings: SettingsDep) -> HTMLResponse:
    from plankg.api.uploads import file_of, ingest_slots, read_upload_form

    max_bytes = settings.max_upload_mb * 1024 * 1024
    try:
        form = await read_upload_form(request, max_bytes)
        key = form.get("api_key")
        require_api_key(settings, key if isinstance(key, str) and key else None)
        name, data = await file_of(form, max_bytes)
        report = await ingest_slots(request).run(
            lambda: writes.ingest_upload(
                store, name, data, allow_unstructured=settings.allow_unstructured
            )
        )
    except PlankgError as error:
        return render(
            request,
            settings,
            "upload.html",
            {"report": None, "problem": str(error)},
            status_code=error.http_status,
        )
    return render(request, settings, "upload.html", {"report": report, "problem": None})


@dataclass(frozen=True)
class UnparsedOnPage:
    """An unparsed clause with the names the plan page links by: its task code and offsets."""

    phrase: str
    task_code: str | None
    ev_start: int
    ev_end: int


class PlanCard(PlanDetail):
    """A plan on the home page: its header and counts, and how many gaps it has."""

    gaps: int


def _unparsed_for_page(clauses: list[UnparsedClause] | None) -> list[UnparsedOnPage] | None:
    if clauses is None:
        return None
    return [UnparsedOnPage(c.phrase, c.code, c.start, c.end) for c in clauses]
