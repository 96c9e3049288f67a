"""The HTTP API: a FastAPI app over the graph store (``create_app``)."""

from __future__ import annotations

from plankg.api.app import create_app

__all__ = ["create_app"]
