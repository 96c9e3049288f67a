"""Storage: the graph model, rows, both backends, loading and the named-query runner. Only this
package talks to a database; it never imports ingest or analysis.

The exports below are loaded on first use: a read (``plankg query``) imports
``plankg.store.protocol`` or ``plankg.store.queries`` and must not pay for the row builder in
``load`` (which pulls in pypinyin and ingest's vocabularies) nor for LadybugDB until it opens
a store."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plankg.errors import InputError

if TYPE_CHECKING:
    from plankg.settings import Settings
    from plankg.store.dump import export_graph, graph_stats
    from plankg.store.embedded import EmbeddedStore
    from plankg.store.load import LoadReport, load_plan, plan_to_rows
    from plankg.store.protocol import GraphStore

__all__ = [
    "EmbeddedStore",
    "GraphStore",
    "LoadReport",
    "export_graph",
    "graph_stats",
    "load_plan",
    "open_store",
    "plan_to_rows",
]

_LAZY = {
    "EmbeddedStore": "plankg.store.embedded",
    "GraphStore": "plankg.store.protocol",
    "LoadReport": "plankg.store.load",
    "export_graph": "plankg.store.dump",
    "graph_stats": "plankg.store.dump",
    "load_plan": "plankg.store.load",
    "plan_to_rows": "plankg.store.load",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def open_store(
    settings: Settings | None = None,
    *,
    db: Path | str | None = None,
    neo4j_uri: str | None = None,
    read_only: bool = False,
) -> GraphStore:
    """Neo4j when a URI is given or configured, else the embedded file ``db or settings.db``.

    An explicit ``db`` wins over a configured URI. A writable store comes back with its schema
    in place; an embedded read-only one has been checked for it.
    """
    from plankg.settings import get_settings

    settings = settings or get_settings()
    uri = neo4j_uri or (None if db is not None else settings.neo4j_uri)
    if uri:
        # Imported here so the embedded default never needs the Neo4j driver loaded.
        from plankg.store.neo4j_store import Neo4jStore

        if settings.neo4j_password is None:
            raise InputError(
                f"{uri}: no Neo4j password: set PLANKG_NEO4J_PASSWORD (there is no default)"
            )
        store: GraphStore = Neo4jStore(
            uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            batch_size=settings.neo4j_batch_size,
        )
        if not read_only:
            try:
                store.ensure_schema()
            except BaseException:
                store.close()
                raise
        return store
    from plankg.store.embedded import EmbeddedStore

    return EmbeddedStore(
        db if db is not None else settings.db,
        read_only=read_only,
        buffer_pool_mb=settings.buffer_pool_mb,
    )
