"""OpenAPI documentation shared by the route modules: a summary, a description, an example of
the answer and the problem details a route may return."""

from __future__ import annotations

from typing import Any

from plankg.api.problems import problem_response

COMMON_PROBLEMS: dict[int | str, Any] = {
    422: problem_response(422, "query parameter limit: Input should be greater than or equal to 1"),
    503: problem_response(503, "plankg.lbdb: cannot open the database"),
}
NOT_FOUND = {
    404: problem_response(
        404,
        "'Nonferous' matches no known name; closest: 有色金属产业 (Nonferrous metals)",
        suggestions=["有色金属产业 (Nonferrous metals)"],
    )
}
AMBIGUOUS = {
    409: problem_response(
        409,
        "task code '4.1' exists in 2 plans; ask for one by id",
        candidates=[{"id": "planA#4.1", "label": "Task"}],
    )
}


def doc(
    summary: str, description: str, example: Any, *extra: dict[int, Any], status: int = 200
) -> dict[str, Any]:
    responses: dict[int | str, Any] = {
        status: {"content": {"application/json": {"example": example}}},
        **COMMON_PROBLEMS,
    }
    for more in extra:
        for code, response in more.items():
            responses[code] = response
    return {"summary": summary, "description": description, "responses": responses}


def page_example(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"total": len(items), "limit": 50, "offset": 0, "items": list(items), **extra}


def paginate(items: list[Any], limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
        **extra,
    }
