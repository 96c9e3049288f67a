"""`plankg plans list` and `plankg plans remove ID`: the plans a store holds."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from

plans_app = typer.Typer(help="List or remove the plans in the store.", no_args_is_help=True)


@plans_app.command("list")
def list_command(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """Every plan in the store: id, title, issuer, tasks, when it was loaded."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        plans = answers.list_plans(store)
    if as_json:
        out.print_json(json.dumps([asdict(p) for p in plans], ensure_ascii=False))
        return
    table = Table("id", "title", "issuer", "tasks", "loaded at")
    for plan in plans:
        table.add_row(
            plan.plan_id,
            plan.title or plan.source_name or "—",
            plan.issuer or "—",
            str(plan.tasks),
            plan.loaded_at or "—",
        )
    out.print(table)
    out.print(f"{len(plans)} plan(s)")


@plans_app.command("remove")
def remove_command(
    plan_id: Annotated[str, typer.Argument(metavar="ID", help="A plan id from `plans list`.")],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Remove a plan with its sections, tasks and targets (shared nodes others use stay)."""
    from plankg import writes

    with store_from(db, neo4j) as store, errors_to_exit():
        removed = writes.remove_plan(store, plan_id)
    out.print(
        f"removed plan {removed.plan_id} ({removed.title or removed.source_name}, "
        f"{removed.tasks} tasks)",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(plans_app, name="plans")
