"""What leaves plankg as files or pages: exports (:mod:`plankg.outputs.exports`) and interactive
network views (vis-network through pyvis, offline HTML pages)."""

from __future__ import annotations

from plankg.outputs.network import VIEW_KINDS, iframe, render_view, view_graph, write_view

__all__ = ["VIEW_KINDS", "iframe", "render_view", "view_graph", "write_view"]
