"""`plankg query …`: named questions to the graph."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic_core import to_jsonable_python

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from
from plankg.cli.text import LangOption, output_lang, print_table, say

if TYPE_CHECKING:
    from plankg.analysis.records import SharingTask

query_app = typer.Typer(help="Ask the graph a named question.", no_args_is_help=True)


@query_app.command("offices-sharing")
def offices_sharing(
    name: Annotated[
        str, typer.Argument(help="Industry or chain: Chinese, English, alias or pinyin.")
    ],
    plan: Annotated[
        str | None, typer.Option(help="Only this plan (id or document number).")
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: LangOption = None,
) -> None:
    """Every office whose tasks concern the industry or chain NAME, with the connecting tasks."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        answer = answers.offices_sharing(store, name, plan=plan)
    if as_json:
        _print_json(answer)
        return
    language = output_lang(lang)
    from plankg.i18n import term

    c = answer.concept
    rows = []
    for office in answer.offices:
        by_task: dict[str, list[SharingTask]] = {}
        for task in office.tasks:
            by_task.setdefault(task.task_code, []).append(task)
        for i, (code, links) in enumerate(by_task.items()):
            first = links[0]
            rows.append(
                [
                    _name(office.office, office.office_en, language) if i == 0 else "",
                    f"{code} {first.task_title}",
                    term("role", first.role, language),
                    "、".join(dict.fromkeys(link.via or "" for link in links)),
                    " / ".join(dict.fromkeys(link.evidence or "" for link in links)),
                ]
            )
    print_table(
        say(
            ["科室", "任务", "责任方式", "关联词", "原文依据"],
            ["office", "task", "role", "via", "evidence"],
            language,
        ),
        rows,
        title=say(
            f"共同负责{c.name_zh}的科室（{term('kind', c.label, language)}）",
            f"Offices sharing {c.name_zh} ({c.name_en or c.id}, {term('kind', c.label, language)})",
            language,
        ),
    )
    out.print(say(f"共 {len(answer.offices)} 个科室", f"{len(answer.offices)} offices", language))


def _name(zh: str, en: str | None, lang: str) -> str:
    return en if lang == "en" and en else zh


def _written(name: str | None, group: str | None) -> str:
    """An outside department as the plan writes it, its canonical group after it when they
    differ: 市发展改革委〔发展改革部门〕."""
    name, group = name or group or "", group or name or ""
    return name if name == group else f"{name}〔{group}〕"


def _print_json(data: object) -> None:
    """Records, dataclasses and plain data alike, as JSON."""
    out.print_json(json.dumps(to_jsonable_python(data), ensure_ascii=False, default=str))


@query_app.command("office")
def office(
    name: Annotated[str, typer.Argument(help="Office: name, alias, English name or pinyin.")],
    plan: Annotated[
        str | None, typer.Option(help="Only this plan (id or document number).")
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: LangOption = None,
) -> None:
    """The tasks an office carries (with its role), its co-owners and outside partners."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        profile = answers.office_profile(store, name, plan=plan)
    if as_json:
        _print_json(profile)
        return
    from plankg.i18n import term

    language = output_lang(lang)
    rows = [
        [
            f"{task.task_code} {task.task_title}",
            term("role", task.role, language),
            "、".join(task.co_owners),
            task.evidence or "",
        ]
        for task in profile.tasks
    ]
    print_table(
        say(
            ["任务", "责任方式", "共同负责", "原文依据"],
            ["task", "role", "shared with", "evidence"],
            language,
        ),
        rows,
        title=f"{profile.name_zh}（{profile.name_en or profile.id}）",
    )
    partners = "、".join(
        f"{_written(p.name_zh, p.group_zh)}（{term('relation', p.relation, language)}）"
        for p in profile.outside_partners
    )
    out.print(
        say(
            f"目标 {len(profile.targets)} 个；涉及外部部门：{partners or '无'}",
            f"{len(profile.targets)} targets; outside partners: {partners or 'none'}",
            language,
        ),
        highlight=False,
    )


@query_app.command("task")
def task(
    code: Annotated[str, typer.Argument(help="Task code (4.1.1) or id.")],
    plan: Annotated[
        str | None, typer.Option(help="Only this plan (id or document number).")
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: LangOption = None,
) -> None:
    """One task: owners with roles, targets, industries and chains, outside departments."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        profile = answers.task_profile(store, code, plan=plan)
    if as_json:
        _print_json(profile)
        return
    from plankg.i18n import term

    language = output_lang(lang)
    words = say(
        ("责任单位", "外部部门", "涉及", "目标"),
        ("owner", "outside", "concerns", "target"),
        language,
    )
    out.print(f"[bold]{profile.code} {profile.title}[/] ({profile.plan_id})")
    for owner in profile.owners:
        out.print(f"  {words[0]}: {owner.name_zh} — {term('role', owner.role, language)}")
    for agency in profile.agencies:
        out.print(
            f"  {words[1]}: {_written(agency.name_zh, agency.group_zh)} — "
            f"{term('relation', agency.relation, language)}"
        )
    for concept in profile.concerns:
        out.print(f"  {words[2]}: {concept.name_zh} ({term('kind', concept.label, language)})")
    for target in profile.targets:
        out.print(f"  {words[3]}: {target.evidence}")


@query_app.command("targets")
def targets(
    year: Annotated[int | None, typer.Option(help="Deadline year.")] = None,
    office: Annotated[str | None, typer.Option(help="Office carrying the target.")] = None,
    industry: Annotated[str | None, typer.Option(help="Industry the holder concerns.")] = None,
    plan: Annotated[
        str | None, typer.Option(help="Only this plan (id or document number).")
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: LangOption = None,
) -> None:
    """Numeric and vague targets, with the offices that carry them."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        rows = answers.list_targets(store, year=year, office=office, industry=industry, plan=plan)
    if as_json:
        _print_json(rows)
        return
    language = output_lang(lang)
    table_rows = []
    for r in rows:
        value = "" if r.value is None else f"{r.value:g}"
        table_rows.append(
            [
                r.holder_code or "",
                r.metric or "",
                value,
                r.unit or "",
                str(r.year or ""),
                "、".join(r.offices),
                r.evidence or "",
            ]
        )
    print_table(
        say(
            ["所属", "指标", "数值", "单位", "年份", "科室", "原文依据"],
            ["holder", "metric", "value", "unit", "year", "offices", "evidence"],
            language,
        ),
        table_rows,
    )
    out.print(say(f"共 {len(rows)} 个目标", f"{len(rows)} targets", language))


def gaps(
    gap_type: Annotated[
        list[str] | None, typer.Option("--type", help="Gap type (repeatable).")
    ] = None,
    office: Annotated[str | None, typer.Option(help="Gaps involving this office.")] = None,
    industry: Annotated[
        str | None, typer.Option(help="Gaps involving this industry or chain.")
    ] = None,
    plan: Annotated[
        str | None, typer.Option(help="Only this plan (id or document number).")
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: LangOption = None,
) -> None:
    """Coordination gaps: where the plan's division of labour is likely to break."""
    from plankg.analysis.gaps import gap_report

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        report = gap_report(store, plan=plan, types=gap_type, office=office, industry=industry)
    if as_json:
        _print_json(report.model_dump())
        return
    from plankg.i18n import term

    language = output_lang(lang)
    print_table(
        say(
            ["严重程度", "类型", "缺口", "原文依据"],
            ["severity", "type", "gap", "evidence"],
            language,
        ),
        [
            [
                term("severity", gap.severity, language),
                term("gap_type", gap.type, language),
                gap.explanation_zh if language == "zh" else gap.explanation_en,
                " / ".join(e.phrase for e in gap.evidence),
            ]
            for gap in report.gaps
        ],
    )
    out.print(say(f"共 {len(report.gaps)} 条缺口", f"{len(report.gaps)} gaps", language))
    for gap_type_name, reason in report.skipped.items():
        out.print(
            say(
                f"未检查 {term('gap_type', gap_type_name, language)}：{reason}",
                f"skipped {gap_type_name}: {reason}",
                language,
            ),
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
    app.command()(gaps)
