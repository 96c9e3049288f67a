"""OpenAPI documentation shared by the route modules: a summary, a description, an example of
the answer and the problem details only that route returns (the ones that follow from its
parameters and dependencies are added by ``plankg.api.responses``)."""

from __future__ import annotations

from typing import Any


def doc(
    summary: str, description: str, example: Any, *extra: dict[int | str, Any], status: int = 200
) -> dict[str, Any]:
    responses: dict[int | str, Any] = {
        status: {"content": {"application/json": {"example": example}}},
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
