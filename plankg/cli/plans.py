"""`plankg plans list` and `plankg plans remove ID`: the plans a store holds."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from
from plankg.cli.text import LangOption, output_lang
from plankg.i18n import message

plans_app = typer.Typer(
    help="List or remove the plans in the store; upgrade a store an earlier version wrote.",
    no_args_is_help=True,
)


@plans_app.command("list")
def list_command(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
    lang: LangOption = None,
) -> None:
    """Every plan in the store: id, title, issuer, tasks, when it was loaded."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        plans = answers.list_plans(store)
    if as_json:
        out.print_json(json.dumps([p.model_dump() for p in plans], ensure_ascii=False))
        return
    language = output_lang(lang)
    columns = ("plan_id", "title", "issuer", "tasks", "loaded_at")
    table = Table(*(message(f"cli_{column}", language) for column in columns))
    for plan in plans:
        table.add_row(
            plan.plan_id,
            plan.title or plan.source_name or "—",
            plan.issuer or "—",
            str(plan.tasks),
            plan.loaded_at or "—",
        )
    out.print(table)
    out.print(message("cli_plan_count", language, count=str(len(plans))), highlight=False)


@plans_app.command("remove")
def remove_command(
    plan_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="A plan id from `plans list` (or its document number)."),
    ],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    lang: LangOption = None,
) -> None:
    """Remove a plan with its sections, tasks and targets (shared nodes others use stay)."""
    from plankg import writes

    with store_from(db, neo4j) as store, errors_to_exit():
        removed = writes.remove_plan(store, plan_id)
    line = message(
        "cli_removed_plan",
        output_lang(lang),
        plan_id=removed.plan_id,
        title=removed.title or removed.source_name or "—",
        tasks=str(removed.tasks),
    )
    out.print(line, highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(plans_app, name="plans")


@plans_app.command("upgrade")
def upgrade_command(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    lang: LangOption = None,
) -> None:
    """Bring a store written by an earlier version of plankg up to this version's layout
    (opening it for writing adds what is missing; nothing else changes)."""
    with store_from(db, neo4j) as store, errors_to_exit():
        changes = list(store.upgrades)
    language = output_lang(lang)
    if not changes:
        out.print(message("cli_store_up_to_date", language), highlight=False)
        return
    out.print(message("cli_store_upgraded", language, changes="; ".join(changes)), highlight=False)
