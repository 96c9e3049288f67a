"""`plankg view`: an interactive network page (offline HTML) of a chain, industry, office or plan."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from


class Kind(StrEnum):
    chain = "chain"
    industry = "industry"
    office = "office"
    plan = "plan"


def view(
    kind: Annotated[Kind, typer.Argument(help="chain | industry | office | plan")],
    ref: Annotated[str, typer.Argument(help="Name (Chinese, English, alias, pinyin) or plan id.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "view.html"
    ),
    plan: Annotated[
        str | None, typer.Option(help="Only this plan (id or document number).")
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Write an offline HTML network view: a chain or industry with its tasks, offices and outside
    departments; an office with its tasks, co-owners and industries; or a whole plan."""
    from plankg.outputs import view_graph
    from plankg.outputs.network import hidden_kinds, page_html

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        started = time.perf_counter()
        graph, heading = view_graph(store, kind.value, ref, plan)
        output.write_text(page_html(graph, heading, hidden_kinds(kind.value)), "utf-8")
    out.print(
        f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
        f"({time.perf_counter() - started:.2f} s)",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(view)
