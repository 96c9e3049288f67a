"""`plankg serve`: the HTTP API with uvicorn."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from

if TYPE_CHECKING:  # settings load pydantic-settings, which `plankg --help` must not pay for
    from plankg.settings import Settings


def serve(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    ingest_sample_if_empty: Annotated[
        bool,
        typer.Option(
            "--ingest-sample-if-empty",
            help="Load the bundled sample first when the store holds no plan.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes. More than one needs a read-only "
            "embedded store (no PLANKG_API_KEY) or Neo4j.",
        ),
    ] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from plankg import writes
    from plankg.analysis import answers
    from plankg.api import create_app
    from plankg.api.app import writes_enabled
    from plankg.errors import InputError
    from plankg.ingest import sample_path
    from plankg.settings import get_settings

    settings = get_settings().model_copy(
        update={
            **({"db": db, "neo4j_uri": None} if db is not None else {}),
            **({"neo4j_uri": neo4j} if neo4j else {}),
        }
    )
    if ingest_sample_if_empty:
        with store_from(db, neo4j) as store:
            if answers.store_is_empty(store):
                with errors_to_exit():
                    writes.ingest_files(store, [sample_path()])
                out.print("loaded the bundled sample plan")
    with errors_to_exit():
        # Open the store once here: a missing or unopenable store is then one line and exit 3,
        # not a traceback from the server's start-up (and not exit 0 from a worker supervisor).
        check_store_opens(settings, read_only=not writes_enabled(settings))
        if workers == 1:
            uvicorn.run(create_app(settings), host=host, port=port)
            return
        if writes_enabled(settings) and not settings.neo4j_uri:
            raise InputError(
                "--workers > 1 needs a read-only embedded store: unset "
                "PLANKG_API_KEY, or serve from Neo4j"
            )
        # Each worker process builds its own app from the environment.
        os.environ.update(settings_environment(settings))
        if not settings.neo4j_uri:
            # --db wins over an exported PLANKG_NEO4J_URI in the workers too.
            os.environ.pop("PLANKG_NEO4J_URI", None)
        uvicorn.run(
            "plankg.api.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
        )


def check_store_opens(settings: Settings, *, read_only: bool) -> None:
    from plankg.store import open_store

    open_store(settings, read_only=read_only).close()


def settings_environment(settings: Settings) -> dict[str, str]:
    """The store choice as PLANKG_ variables, for worker processes that read their settings."""
    env = {"PLANKG_DB": str(settings.db)}
    if settings.neo4j_uri:
        env["PLANKG_NEO4J_URI"] = settings.neo4j_uri
    return env


def register(app: typer.Typer) -> None:
    app.command()(serve)
