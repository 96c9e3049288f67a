"""ReDoc served from the app's own assets. Swagger UI comes from ``fastapi-offline``; its ReDoc
bundle still draws the footer logo from ReDoc's CDN, so the bundle is served here with that one
address pointed at the app's own icon: on an intranet nothing may be fetched from elsewhere."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import HTMLResponse, Response

REDOC_BUNDLE = Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js"
REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
OFFLINE_STATIC = "/static-offline-docs"
REDOC_JS = "/docs-assets/redoc.standalone.js"


@cache
def offline_redoc_bundle() -> str:
    return REDOC_BUNDLE.read_text("utf-8").replace(REDOC_CDN_LOGO, f"{OFFLINE_STATIC}/favicon.png")


def install_redoc(app: FastAPI, path: str = "/redoc") -> None:
    @app.get(path, include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - ReDoc",
            redoc_js_url=REDOC_JS,
            redoc_favicon_url=f"{OFFLINE_STATIC}/favicon.png",
            with_google_fonts=False,
        )

    @app.get(REDOC_JS, include_in_schema=False)
    def redoc_bundle() -> Response:
        return Response(offline_redoc_bundle(), media_type="application/javascript")
