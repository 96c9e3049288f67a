"""Health and the read-only Cypher endpoint."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi.responses import JSONResponse

from plankg.api.deps import SettingsDep, StoreDep
from plankg.api.responses import api_router, problem_response, raises
from plankg.api.routes._doc import doc
from plankg.api.schemas import CypherCreate, CypherPublic, HealthPublic
from plankg.errors import NotFound, QueryError, ReadOnlyViolation, ServerBusy, StoreError
from plankg.store.cypher import run_read_only_cypher

router = api_router(tags=["system"])

# /health answers an unreachable store with its own body; a busy store is a problem like anywhere.
HEALTH_UNAVAILABLE = problem_response(503, StoreError, ServerBusy)
HEALTH_UNAVAILABLE["content"]["application/json"] = {
    "schema": {"$ref": "#/components/schemas/HealthPublic"},
    "example": {"status": "unavailable", "store": "embedded", "reachable": False},
}


@router.get(
    "/health",
    response_model=HealthPublic,
    **doc(
        "Health",
        "The store's kind and whether it answers; 503 when it does not.",
        {"status": "ok", "store": "embedded", "reachable": True},
        {503: HEALTH_UNAVAILABLE},
    ),
)
def health(store: StoreDep) -> Any:
    reachable = store.ping()
    body = {
        "status": "ok" if reachable else "unavailable",
        "store": store.kind,
        "reachable": reachable,
    }
    return body if reachable else JSONResponse(body, status_code=503)


@router.post(
    "/cypher",
    response_model=CypherPublic,
    **doc(
        "Read-only Cypher",
        "For power users, when the server enables it (`PLANKG_ENABLE_CYPHER`): "
        "one read statement, run in a read-only transaction with a time limit and a row cap "
        "(`truncated` says when rows were cut). Any write form is refused with 403.",
        {"columns": ["code"], "rows": [{"code": "3.1"}], "truncated": False},
        raises(QueryError, ReadOnlyViolation, NotFound),
    ),
)
def cypher(body: CypherCreate, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    if not settings.enable_cypher:
        raise NotFound("the Cypher endpoint is disabled on this server (PLANKG_ENABLE_CYPHER)")
    return asdict(
        run_read_only_cypher(
            store,
            body.query,
            params=body.params,
            timeout_s=settings.cypher_timeout_s,
            row_cap=settings.cypher_row_cap,
            max_bytes=settings.cypher_max_reply_kb * 1024,
        )
    )
