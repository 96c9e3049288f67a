"""The problem details each operation can answer, declared once here and derived from what the
operation depends on, so the OpenAPI document says what the API does without each route listing
its errors by hand:

- any parameter or body: 422, the request does not fit its schema (or the input is unusable);
- a JSON body: 400, a body that cannot be decoded;
- the store: 503, the store is unreachable or busy (``Retry-After``);
- a parameter that names something (``NameQuery`` / ``NamePath``): 404 with suggestions when
  nothing fits, 409 with candidates when several do;
- the write guard: 401 without a key, 403 when writes are disabled or the key is wrong.

A route adds what only it can answer by naming the error classes (``raises(FileTooLarge)``);
their HTTP status comes from the exception tree. ``openapi_document`` then fills in what depends
on the server's settings: the page size bounds of every ``limit``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from plankg.api import deps
from plankg.api.problems import PROBLEM_MEDIA_TYPE, VALIDATION_TITLE, slug
from plankg.api.schemas import CYPHER_SCHEMAS, Problem
from plankg.errors import (
    AmbiguousName,
    AuthError,
    InputError,
    NotFound,
    PlankgError,
    ServerBusy,
    StoreError,
)
from plankg.settings import Settings

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

FRAMEWORK_TITLES = {400: ["Bad Request"], 422: [VALIDATION_TITLE]}
"""Problems the framework answers before a route runs (an undecodable body, a request that does
not fit the schema)."""
EXAMPLES: dict[int, dict[str, Any]] = {
    400: {"detail": "There was an error parsing the body"},
    401: {"detail": "this write needs the X-API-Key header"},
    403: {"detail": "writes are disabled: the server has no PLANKG_API_KEY configured"},
    404: {
        "detail": "'Nonferous' matches no known name; closest: 有色金属产业 (Nonferrous metals)",
        "suggestions": ["有色金属产业 (Nonferrous metals)"],
    },
    409: {
        "detail": "task code '4.1' exists in 2 plans; ask for one by id",
        "candidates": [{"id": "planA#4.1", "label": "Task"}],
    },
    413: {"detail": "plan.txt: the file is over the limit of 1048576 bytes"},
    415: {"detail": "plan.xls: unsupported format (.xls)"},
    422: {
        "type": "/problems/invalid-request",
        "title": VALIDATION_TITLE,
        "detail": "query.limit: Input should be greater than or equal to 1",
        "errors": [
            {
                "loc": ["query", "limit"],
                "msg": "Input should be greater than or equal to 1",
                "type": "greater_than_equal",
            }
        ],
    },
    503: {"detail": "plankg.lbdb: 4 store operations are in flight; retry in a moment"},
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying, when the server is busy.",
        "schema": {"type": "integer"},
    }
}


def problem_response(status: int, *errors: type[PlankgError]) -> dict[str, Any]:
    """The OpenAPI response of one status: the problem schema, the titles of the errors that
    answer it, and an example."""
    phrase = HTTPStatus(status).phrase
    titles = sorted({e.title for e in errors} | set(FRAMEWORK_TITLES.get(status, ())))
    first = errors[0] if errors else None
    example = {
        "type": f"/problems/{slug(first.__name__ if first else phrase.replace(' ', ''))}",
        "title": first.title if first else phrase,
        "status": status,
        **EXAMPLES.get(status, {"detail": phrase}),
    }
    response: dict[str, Any] = {
        "description": f"{phrase}: {', '.join(titles)}",
        "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF, "example": example}},
    }
    if status == 503:
        response["headers"] = RETRY_AFTER
    return response


def raises(*errors: type[PlankgError]) -> dict[int | str, Any]:
    """The responses of the errors a route raises itself (``responses=`` of a route)."""
    by_status: dict[int, list[type[PlankgError]]] = {}
    for error in errors:
        by_status.setdefault(error.http_status, []).append(error)
    return {status: problem_response(status, *found) for status, found in by_status.items()}


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def derived_problems(route: APIRoute) -> dict[int | str, Any]:
    """The problem responses ``route`` can give because of what it depends on."""
    tree = list(_dependants(route.dependant))
    calls = {d.call for d in tree}
    params = [p for d in tree for p in (*d.path_params, *d.query_params, *d.header_params)]
    errors: list[type[PlankgError]] = []
    statuses: dict[int | str, Any] = {}
    if params or route.body_field is not None or route.openapi_extra:
        errors.append(InputError)
    if route.body_field is not None:
        statuses[400] = problem_response(400)
    if deps.get_store in calls:
        errors += [StoreError, ServerBusy]
    if any(isinstance(p.field_info, deps.NameParam) for p in params):
        errors += [NotFound, AmbiguousName]
    if deps.require_api_key in calls:
        statuses[401] = problem_response(401, AuthError)
        errors.append(AuthError)
    return {**raises(*errors), **statuses}


class DocumentedRoute(APIRoute):
    """An API route whose OpenAPI responses include the problems that follow from its parameters
    and dependencies (a status the route declares itself wins). Every API router uses it."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        for status, response in derived_problems(self).items():
            self.responses.setdefault(status, response)


def api_router(**kwargs: Any) -> APIRouter:
    """A router of API operations documented as above."""
    return APIRouter(route_class=DocumentedRoute, **kwargs)


def _page_bounds(document: dict[str, Any], settings: Settings) -> None:
    for item in document.get("paths", {}).values():
        for operation in item.values():
            for param in operation.get("parameters", []):
                if param["in"] == "query" and param["name"] == deps.PAGE_LIMIT:
                    param["schema"] = {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": settings.max_page_size,
                        "default": settings.default_page_size,
                        "title": "Limit",
                    }


def openapi_document(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """The app's OpenAPI document with the problem schema and this server's page bounds
    (cached on the app, as FastAPI does)."""
    if app.openapi_schema is None:
        document = get_openapi(
            title=app.title,
            version=app.version,
            openapi_version=app.openapi_version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
            servers=app.servers,
            separate_input_output_schemas=app.separate_input_output_schemas,
        )
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(problem.pop("$defs", {}))
        schemas["Problem"] = problem
        schemas.update(CYPHER_SCHEMAS)
        _page_bounds(document, settings)
        app.openapi_schema = document
    return app.openapi_schema
