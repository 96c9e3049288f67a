"""`plankg query …`: named questions to the graph."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from

query_app = typer.Typer(help="Ask the graph a named question.", no_args_is_help=True)


@query_app.command("offices-sharing")
def offices_sharing(
    name: Annotated[str, typer.Argument(help="Industry or chain: Chinese, English, alias or pinyin.")],
    plan: Annotated[str | None, typer.Option(help="Only this plan id.")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every office whose tasks concern the industry or chain NAME, with the connecting tasks."""
    from plankg.graph import ops

    with store_from(db, neo4j, read_only=True) as store:
        with errors_to_exit():
            answer = ops.offices_sharing(store, name, plan_id=plan)
    if as_json:
        out.print_json(json.dumps(asdict(answer), ensure_ascii=False, default=str))
        return
    c = answer.concept
    table = Table("office", "task", "role", "via", "evidence",
                  title=f"Offices sharing {c.name_zh} ({c.name_en or c.id}, {c.label})")
    for office in answer.offices:
        by_task: dict[str, list[dict]] = {}
        for task in office.tasks:
            by_task.setdefault(task["task_code"], []).append(task)
        for i, (code, links) in enumerate(by_task.items()):
            first = links[0]
            table.add_row(
                office.office if i == 0 else "",
                f"{code} {first['task_title']}",
                first.get("role") or "",
                "、".join(dict.fromkeys(link.get("via") or "" for link in links)),
                " / ".join(dict.fromkeys(link.get("evidence") or "" for link in links)),
            )
    out.print(table)
    out.print(f"{len(answer.offices)} offices")


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
