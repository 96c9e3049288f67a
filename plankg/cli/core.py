"""`plankg ingest` and `plankg stats`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from
from plankg.settings import get_settings


def ingest(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files (.txt .docx .pdf .html). Default: the bundled sample."),
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    allow_unstructured: Annotated[
        bool, typer.Option(help="Load text with no outline as one section (with a warning).")
    ] = False,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when the store already holds a plan.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Read plans, extract their graph and load it (one transaction per plan)."""
    from plankg.graph import ops
    from plankg.ingest import sample_path

    settings = get_settings()
    paths = list(files or [sample_path()])
    with store_from(db, neo4j) as store:
        if if_empty and not ops.store_is_empty(store):
            out.print("store already holds plans; nothing ingested (--if-empty)")
            return
        with errors_to_exit():
            outcomes = ops.ingest_files(
                store,
                paths,
                allow_unstructured=allow_unstructured or settings.allow_unstructured,
                max_bytes=settings.max_file_mb * 1024 * 1024,
            )
    summaries = [o.summary() for o in outcomes]
    if as_json:
        out.print_json(json.dumps(summaries, ensure_ascii=False))
        return
    for s in summaries:
        _print_summary(s)


def _print_summary(s: dict) -> None:
    table = Table(title=f"{s['plan_id']} — {s['title'] or s['source']}", show_header=False)
    table.add_row("source", s["source"])
    table.add_row("issuer", s["issuer"] or "—")
    for key in ("sections", "tasks", "tasks_without_owner", "offices", "office_aliases",
                "targets", "outside_departments", "nodes", "edges"):
        table.add_row(key.replace("_", " "), str(s[key]))
    table.add_row("roles", ", ".join(f"{k} {v}" for k, v in sorted(s["responsibilities"].items())))
    table.add_row("unresolved terms", ", ".join(s["unresolved_terms"]) or "none")
    table.add_row("replaced earlier version", "yes" if s["replaced"] else "no")
    out.print(table)
    for warning in s["warnings"]:
        out.print(f"[yellow]warning:[/] {warning}", highlight=False)


def stats(db: DbOption = None, neo4j: Neo4jOption = None,
          as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of nodes and edges by kind in the store."""
    from plankg.graph import ops

    with store_from(db, neo4j, read_only=True) as store:
        with errors_to_exit():
            figures = ops.stats(store)
    if as_json:
        out.print_json(json.dumps(figures, ensure_ascii=False))
        return
    table = Table("what", "count")
    for key, value in _flatten(figures):
        table.add_row(key, str(value))
    out.print(table)


def _flatten(d: dict, prefix: str = ""):
    for key, value in d.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(stats)
