"""Every error as RFC 7807 problem details (``application/problem+json``), never a stack trace.

``type`` is a relative URI naming the error class (``/problems/not-found``); ``suggestions``
(404) and ``candidates`` (409) carry what the caller may have meant.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.routing import Match

from plankg.errors import AmbiguousName, NotFound, PlankgError, ServerBusy

PROBLEM_MEDIA_TYPE = "application/problem+json"
VALIDATION_TITLE = "Invalid request"
log = logging.getLogger("plankg.api")


def slug(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def problem(
    status: int, title: str, detail: str, type_: str = "about:blank", **extra: Any
) -> JSONResponse:
    body = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        **{k: v for k, v in extra.items() if v is not None},
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


async def plankg_error(_: Request, error: PlankgError) -> JSONResponse:
    return error_response(error)


def error_response(error: PlankgError) -> JSONResponse:
    extra: dict[str, Any] = {}
    if isinstance(error, NotFound):
        extra["suggestions"] = error.suggestions
    if isinstance(error, AmbiguousName):
        extra["candidates"] = error.candidates
    response = problem(
        error.http_status,
        error.title,
        error.one_line(),
        f"/problems/{slug(type(error).__name__)}",
        **extra,
    )
    if isinstance(error, ServerBusy):
        response.headers["Retry-After"] = str(error.retry_after_s)
    return response


async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in error.errors()
    ]
    first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(p) for p in first["loc"])
    return problem(
        422,
        VALIDATION_TITLE,
        f"{where}: {first['msg']}" if where else str(first["msg"]),
        "/problems/invalid-request",
        errors=errors,
    )


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at the request's path: Starlette's 405 names only the
    methods of the first route that matched the path, though GET /plans and POST /plans are two
    routes."""
    methods = {"OPTIONS"}
    for route in iter_route_contexts(request.app.router.routes):
        if route.matches(request.scope)[0] != Match.NONE:
            methods |= set(route.methods or ())
    return sorted(methods)


async def http_error(request: Request, error: HTTPException) -> Response:
    status = error.status_code
    if status == 405:
        allow = {"Allow": ", ".join(allowed_methods(request))}
        if request.method == "OPTIONS":
            # OPTIONS is answered for every path the app serves, with what it supports.
            return Response(status_code=204, headers=allow)
        error.headers = {**(error.headers or {}), **allow}
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    detail = error.detail if isinstance(error.detail, str) else phrase
    response = problem(status, phrase, detail, f"/problems/{slug(phrase.replace(' ', ''))}")
    for key, value in (error.headers or {}).items():
        response.headers[key] = value
    return response


async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
    """Last resort: the failure is logged with its traceback, the caller sees no internals."""
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return problem(
        500,
        "Internal error",
        "the server failed to answer this request; the error has been logged",
        "/problems/internal-error",
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(PlankgError, plankg_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, unexpected_error)
