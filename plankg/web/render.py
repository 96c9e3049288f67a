"""Page rendering: the Jinja2 environment, the language of a request and the words and names the
templates use. Templates receive data; they never reach the store."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from plankg.i18n import Lang, as_lang, message, term, terms
from plankg.settings import Settings

LANG_COOKIE = "plankg_lang"
KIND_PAGES = {"Office": "offices", "Industry": "industries", "Chain": "chains"}


@cache
def templates() -> Jinja2Templates:
    folder = resources.files("plankg.web") / "templates"
    return Jinja2Templates(directory=str(folder))


def request_lang(request: Request, settings: Settings) -> Lang:
    """``?lang=`` first, then the choice remembered in a cookie, then ``PLANKG_LANG``."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return as_lang(chosen, default=settings.lang)


def url_with(request: Request, **changes: str | None) -> str:
    """The current page's address with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def entity_url(label: str, entity_id: str, name: str | None = None) -> str:
    """The page of a named thing: offices, industries and chains have their own; a task lives on
    its plan's page; anything else is looked up by name."""
    from urllib.parse import quote

    if label in KIND_PAGES:
        return f"/ui/{KIND_PAGES[label]}/{quote(entity_id, safe='')}"
    if label == "Task" and "#" in entity_id:
        plan_id, code = entity_id.split("#", 1)
        return f"/ui/plans/{quote(plan_id, safe='')}#t-{code}"
    return "/ui/search?" + urlencode({"q": name or entity_id})


def render(
    request: Request,
    settings: Settings,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    lang = request_lang(request, settings)
    other: Lang = "en" if lang == "zh" else "zh"
    page = templates().TemplateResponse(
        request,
        template,
        {
            **context,
            "lang": lang,
            "html_lang": "zh-CN" if lang == "zh" else "en",
            "t": lambda key, **fields: message(key, lang, **fields),
            "term": lambda group, code: term(group, code, lang),
            "terms": lambda group: terms(group, lang),
            "switch_url": url_with(request, lang=other),
            "url_with": lambda **changes: url_with(request, **changes),
            "entity_url": entity_url,
            "writes_enabled": settings.api_key is not None
            and bool(settings.api_key.get_secret_value()),
        },
        status_code=status_code,
    )
    if "lang" in request.query_params:
        page.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return page
