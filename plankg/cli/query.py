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
    name: Annotated[
        str, typer.Argument(help="Industry or chain: Chinese, English, alias or pinyin.")
    ],
    plan: Annotated[str | None, typer.Option(help="Only this plan id.")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every office whose tasks concern the industry or chain NAME, with the connecting tasks."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        answer = answers.offices_sharing(store, name, plan_id=plan)
    if as_json:
        out.print_json(json.dumps(asdict(answer), ensure_ascii=False, default=str))
        return
    c = answer.concept
    table = Table(
        "office",
        "task",
        "role",
        "via",
        "evidence",
        title=f"Offices sharing {c.name_zh} ({c.name_en or c.id}, {c.label})",
    )
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


def _print_json(data: object) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False, default=str))


@query_app.command("office")
def office(
    name: Annotated[str, typer.Argument(help="Office: name, alias, English name or pinyin.")],
    plan: Annotated[str | None, typer.Option(help="Only this plan id.")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The tasks an office carries (with its role), its co-owners and outside partners."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        profile = answers.office_profile(store, name, plan=plan)
    if as_json:
        _print_json(profile)
        return
    table = Table(
        "task",
        "role",
        "shared with",
        "evidence",
        title=f"{profile['name_zh']} ({profile['name_en'] or profile['id']})",
    )
    for task in profile["tasks"]:
        table.add_row(
            f"{task['task_code']} {task['task_title']}",
            task["role"],
            "、".join(task["co_owners"]),
            task["evidence"] or "",
        )
    out.print(table)
    partners = ", ".join(f"{p['name_zh']} ({p['relation']})" for p in profile["outside_partners"])
    out.print(f"{len(profile['targets'])} targets; outside partners: {partners or 'none'}")


@query_app.command("task")
def task(
    code: Annotated[str, typer.Argument(help="Task code (4.1.1) or id.")],
    plan: Annotated[str | None, typer.Option(help="Only this plan id.")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One task: owners with roles, targets, industries and chains, outside departments."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        profile = answers.task_profile(store, code, plan=plan)
    if as_json:
        _print_json(profile)
        return
    out.print(f"[bold]{profile['code']} {profile['title']}[/] ({profile['plan_id']})")
    for owner in profile["owners"]:
        out.print(f"  owner: {owner['name_zh']} — {owner['role']}")
    for agency in profile["agencies"]:
        out.print(f"  outside: {agency['name_zh']} ({agency['raw']}) — {agency['relation']}")
    for concept in profile["concerns"]:
        out.print(f"  concerns: {concept['name_zh']} ({concept['label']})")
    for target in profile["targets"]:
        out.print(f"  target: {target['evidence']}")


@query_app.command("targets")
def targets(
    year: Annotated[int | None, typer.Option(help="Deadline year.")] = None,
    office: Annotated[str | None, typer.Option(help="Office carrying the target.")] = None,
    industry: Annotated[str | None, typer.Option(help="Industry the holder concerns.")] = None,
    plan: Annotated[str | None, typer.Option(help="Only this plan id.")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Numeric and vague targets, with the offices that carry them."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        rows = answers.list_targets(store, year=year, office=office, industry=industry, plan=plan)
    if as_json:
        _print_json(rows)
        return
    table = Table("holder", "metric", "value", "unit", "year", "offices", "evidence")
    for r in rows:
        value = "" if r["value"] is None else f"{r['value']:g}"
        table.add_row(
            r["holder_code"],
            r["metric"],
            value,
            r["unit"] or "",
            str(r["year"] or ""),
            "、".join(r["offices"]),
            r["evidence"],
        )
    out.print(table)
    out.print(f"{len(rows)} targets")


def gaps(
    gap_type: Annotated[
        list[str] | None, typer.Option("--type", help="Gap type (repeatable).")
    ] = None,
    office: Annotated[str | None, typer.Option(help="Gaps involving this office.")] = None,
    industry: Annotated[
        str | None, typer.Option(help="Gaps involving this industry or chain.")
    ] = None,
    plan: Annotated[str | None, typer.Option(help="Only this plan id.")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Coordination gaps: where the plan's division of labour is likely to break."""
    from plankg.analysis.gaps import gap_report

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        report = gap_report(store, plan_id=plan, types=gap_type, office=office, industry=industry)
    if as_json:
        _print_json(report.model_dump())
        return
    table = Table("severity", "type", "gap", "evidence")
    for gap in report.gaps:
        table.add_row(
            gap.severity,
            gap.type,
            gap.explanation_zh,
            " / ".join(e.phrase for e in gap.evidence[:2]),
        )
    out.print(table)
    out.print(f"{len(report.gaps)} gaps")
    for gap_type_name, reason in report.skipped.items():
        out.print(f"skipped {gap_type_name}: {reason}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
    app.command()(gaps)
