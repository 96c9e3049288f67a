"""`plankg serve`: the HTTP API with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from


def serve(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    ingest_sample_if_empty: Annotated[
        bool, typer.Option("--ingest-sample-if-empty",
                           help="Load the bundled sample first when the store holds no plan."),
    ] = False,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from plankg.api import create_app
    from plankg.graph import ops
    from plankg.ingest import sample_path
    from plankg.settings import get_settings

    settings = get_settings().model_copy(update={
        **({"db": db, "neo4j_uri": None} if db is not None else {}),
        **({"neo4j_uri": neo4j} if neo4j else {}),
    })
    if ingest_sample_if_empty:
        with store_from(db, neo4j) as store:
            if ops.store_is_empty(store):
                with errors_to_exit():
                    ops.ingest_files(store, [sample_path()])
                out.print("loaded the bundled sample plan")
    with errors_to_exit():
        app = create_app(settings)
        uvicorn.run(app, host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command()(serve)
