"""What routes receive by injection: the store, the settings, pagination, the write guard."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request, params
from fastapi.security import APIKeyHeader

from plankg.errors import AuthError, InputError
from plankg.settings import Settings
from plankg.store.protocol import GraphStore


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


class NameParam:
    """Marks a parameter the store resolves to one entity (an id, a name, an alias, pinyin): the
    operation then answers 404 (with suggestions) when nothing fits and 409 (with candidates)
    when several do, and its OpenAPI document says so (``plankg.api.responses``)."""


# pydantic marks FieldInfo final for type checkers; FastAPI's own Query and Path subclass it.
class NameQuery(NameParam, params.Query):  # type: ignore[misc]
    """A query parameter naming something (``plan``, ``office``, ``industry`` …)."""


class NamePath(NameParam, params.Path):  # type: ignore[misc]
    """A path parameter naming something (``/offices/{ref}``)."""


PAGE_LIMIT = "limit"
"""The page-size parameter; its bounds in the OpenAPI document are the server's settings."""


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


def page_params(
    settings: SettingsDep,
    limit: Annotated[
        int | None,
        Query(ge=1, description="Items per page (bounded by the server's max_page_size)."),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")] = 0,
) -> PageParams:
    if limit is not None and limit > settings.max_page_size:
        raise InputError(
            f"query parameter limit: {limit} is above the maximum page size "
            f"{settings.max_page_size}"
        )
    return PageParams(limit=limit or settings.default_page_size, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]


API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="The server's PLANKG_API_KEY."
)


def require_api_key(
    settings: SettingsDep, x_api_key: Annotated[str | None, Depends(API_KEY_HEADER)] = None
) -> None:
    """Writes need a configured key and a request carrying it (compared in constant time)."""
    if settings.api_key is None or not settings.api_key.get_secret_value():
        raise AuthError("writes are disabled: the server has no PLANKG_API_KEY configured")
    if x_api_key is None:
        error = AuthError("this write needs the X-API-Key header")
        error.http_status = 401
        raise error
    if not hmac.compare_digest(
        x_api_key.encode("utf-8"), settings.api_key.get_secret_value().encode("utf-8")
    ):
        raise AuthError("the X-API-Key header does not match the server's key")


WriteGuard = Depends(require_api_key)
