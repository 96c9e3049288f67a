"""The FastAPI app factory. The store reaches routes through ``deps.StoreDep``; the app opens it
in its lifespan from settings (read-only unless writes are enabled by an API key) unless a store
is injected, which the caller then owns."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from plankg import __version__, web
from plankg.analysis import names
from plankg.api import docs, problems, responses
from plankg.api.admission import Admission
from plankg.api.routes import (
    analytics,
    concepts,
    gaps,
    offices,
    plans,
    progress,
    search,
    system,
    targets,
    tasks,
    views,
)
from plankg.settings import Settings, get_settings
from plankg.store.protocol import GraphStore

DESCRIPTION = """Responsibility queries over Chinese government action plans, in Chinese or
English: which offices carry which tasks and targets, which offices share an industry or chain,
and where coordination is likely to break (gaps), each answer with the phrase of the plan it
came from. Errors are RFC 7807 problem details."""


def writes_enabled(settings: Settings) -> bool:
    return settings.api_key is not None and bool(settings.api_key.get_secret_value())


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            app.state.store = store
            yield
            return
        from plankg.store import open_store

        opened = open_store(settings, read_only=not writes_enabled(settings))
        app.state.store = opened
        try:
            # Index the names before the first request rather than during it.
            names.name_index(opened)
            yield
        finally:
            opened.close()

    # Swagger UI and ReDoc from assets the app serves itself: an intranet has no CDN.
    app: FastAPI = FastAPIOffline(
        title="plankg",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
        # No validator badge: it would send the spec's address to an outside service.
        swagger_ui_parameters={"validatorUrl": None},
    )
    docs.install_redoc(app)
    app.state.settings = settings
    if store is not None:
        app.state.store = store
    problems.install(app)
    app.add_middleware(
        Admission, size=settings.max_concurrent_requests, wait_s=settings.store_wait_s
    )
    for module in (
        plans,
        offices,
        tasks,
        concepts,
        targets,
        gaps,
        search,
        system,
        views,
        analytics,
        progress,
    ):
        app.include_router(module.router)
    app.include_router(web.router)
    app.openapi = lambda: responses.openapi_document(app, settings)  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(packages=[("plankg.web", "static")]), name="static")
    return app


def app_from_environment() -> FastAPI:
    """The app with settings from the environment (``PLANKG_…``): uvicorn's factory for
    ``plankg serve --workers N``, where every worker process builds its own."""
    return create_app(get_settings())
