"""`plankg ingest-enterprises FILE.csv`: enterprise and chain-leader data."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from


def ingest_enterprises(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV (UTF-8 or GB18030): 企业名称/name, 产业链/chain/industry, 角色/role, "
            "[区县/region]."
        ),
    ],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Load which enterprises lead which chains or industries (LEADS), and where they are.

    Every line is checked first; any bad line stops the load, and all of them are listed.
    """
    from plankg import writes
    from plankg.ingest.enterprises import read_enterprise_file

    with errors_to_exit():
        data = read_enterprise_file(file)
    with store_from(db, neo4j) as store, errors_to_exit():
        report = writes.load_enterprises(store, data)
    if as_json:
        out.print_json(json.dumps(asdict(report), ensure_ascii=False))
        return
    out.print(
        f"{report.source}: {report.enterprises} enterprises, {report.leads} leader links, "
        f"{report.regions} regions loaded",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command("ingest-enterprises")(ingest_enterprises)
