"""The planners' web front: server-rendered pages (Jinja2), Chinese first, over the same read
layer as the API. ``router`` is included by the API's app factory."""

from plankg.web.routes import router

__all__ = ["router"]
