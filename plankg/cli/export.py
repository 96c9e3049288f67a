"""`plankg export`: the graph as JSON, GraphML, CSV or an Excel workbook."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from
from plankg.cli.text import LangOption, output_lang


class Format(StrEnum):
    json = "json"
    graphml = "graphml"
    csv = "csv"
    xlsx = "xlsx"


def export(
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="json | graphml | csv | xlsx")
    ] = Format.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write (csv: a folder, or a .zip). JSON without -o goes to stdout.",
        ),
    ] = None,
    plan: Annotated[
        str | None, typer.Option(help="xlsx: only this plan (id or document number).")
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    lang: LangOption = None,
) -> None:
    """Export the graph: json (nodes/edges), graphml, csv (nodes.csv + edges.csv) or xlsx
    (responsibility matrix, task ledger, coordination gaps, legend)."""
    from plankg.analysis.names import plan_id_of
    from plankg.outputs.exports import write_export
    from plankg.store import export_graph

    with store_from(db, neo4j, read_only=True) as store:
        if fmt is Format.json and output is None:
            with errors_to_exit():
                document = export_graph(store)
            typer.echo(json.dumps(document, ensure_ascii=False, indent=1))
            return
        target = output or Path(f"plankg-export.{'zip' if fmt is Format.csv else fmt.value}")
        with errors_to_exit():
            write_export(
                store,
                fmt.value,
                target,
                plan_id=plan_id_of(store, plan),
                lang=output_lang(lang),
            )
    out.print(f"wrote {target}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(export)
