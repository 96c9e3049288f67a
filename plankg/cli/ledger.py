"""The ledger (台账) on the command line: `plankg progress add|import|list`, `plankg status`
and `plankg report dispatch`."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plankg.cli.common import DbOption, Neo4jOption, errors_to_exit, out, store_from
from plankg.errors import InputError

if TYPE_CHECKING:
    from plankg.ledger.status import LedgerRules, LedgerStatus
    from plankg.writes import ProgressLoadReport

progress_app = typer.Typer(
    help="台账：登记和导入任务、目标的进展报告。", no_args_is_help=True, rich_markup_mode=None
)
report_app = typer.Typer(help="报告：调度通报。", no_args_is_help=True, rich_markup_mode=None)


class Light(StrEnum):
    red = "红"
    yellow = "黄"
    green = "绿"


class By(StrEnum):
    office = "office"
    section = "section"
    industry = "industry"
    chain = "chain"


class DispatchFormat(StrEnum):
    docx = "docx"
    html = "html"
    xlsx = "xlsx"


def _as_of(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of: not a date: {text!r} (write 2024-06-30)") from None


def _rules(stale_days: int | None, tolerance: float | None) -> LedgerRules:
    from plankg.ledger.status import LedgerRules
    from plankg.settings import get_settings

    settings = get_settings()
    return LedgerRules(
        stale_days=stale_days or settings.ledger_stale_days,
        behind_tolerance=settings.ledger_behind_tolerance if tolerance is None else tolerance,
    )


def _print_load(report: ProgressLoadReport) -> None:
    out.print(
        f"{report.source}：收到{report.received}条，新增{report.added}条，"
        f"已存在{report.already_stored}条",
        highlight=False,
    )


def add(
    code: Annotated[str, typer.Argument(help="任务编号（如 4.1.1）；目标所在的任务或章节编号")],
    as_of: Annotated[str, typer.Option("--date", help="进展所指日期，如 2024-06-30")],
    state: Annotated[str | None, typer.Option(help="未启动 | 推进中 | 已完成")] = None,
    value: Annotated[str | None, typer.Option(help="目标的完成值（数字）")] = None,
    target: Annotated[int | None, typer.Option(help="目标序号：报告该任务的第几项目标")] = None,
    office: Annotated[str | None, typer.Option(help="填报科室（独自负责的任务可省略）")] = None,
    note: Annotated[str, typer.Option(help="进展说明")] = "",
    evidence: Annotated[str | None, typer.Option(help="佐证材料：文号、文件名或链接")] = None,
    plan: Annotated[str | None, typer.Option(help="规划编号（库中有多个规划时）")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """登记一条进展报告（只增不改：更正即再登记一条）。"""
    from plankg import writes
    from plankg.ledger.validate import ReportInput

    item = ReportInput(
        where="输入",
        plan_id=plan,
        task_code=code,
        target_ordinal=target,
        value=value,
        state=state,
        as_of=as_of,
        note=note,
        office=office,
        evidence=evidence,
    )
    with store_from(db, neo4j) as store, errors_to_exit():
        _print_load(writes.add_progress(store, [item], source="cli"))


def import_(
    file: Annotated[Path, typer.Argument(help="台账 .xlsx（plankg export --format xlsx 生成）")],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """导入台账的“进展台账”工作表：先逐行校验，有错行则全部列出（含行号）且不导入。"""
    from plankg import writes

    with errors_to_exit():
        if not file.is_file():
            raise InputError(f"{file}: no such file")
        data = file.read_bytes()
    with store_from(db, neo4j) as store, errors_to_exit():
        _print_load(writes.import_ledger(store, data, file.name))


def list_(
    plan: Annotated[str | None, typer.Option(help="只看该规划")] = None,
    orphaned: Annotated[bool, typer.Option("--orphaned", help="只看未对应到任务的报告")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """列出进展报告（按日期）。"""
    from rich.table import Table

    from plankg.analysis.ledger import stored_reports

    with store_from(db, neo4j, read_only=True) as store:
        stored = stored_reports(store, plan)
    rows = [(r, "孤立") for r in stored.orphaned]
    if not orphaned:
        rows = [(r, "") for r in stored.attached] + rows
    if as_json:
        payload = [{**r.model_dump(mode="json"), "orphaned": bool(flag)} for r, flag in rows]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    table = Table("日期", "任务", "类型", "填报科室", "状态", "完成值", "说明", "佐证", "备注")
    for r, flag in rows:
        table.add_row(
            r.as_of.isoformat(),
            r.task_code,
            "任务" if r.subject_kind == "task" else "目标",
            r.office,
            r.state or "",
            "" if r.value is None else f"{r.value:g}",
            r.note,
            r.evidence or "",
            flag,
        )
    out.print(table)


def _status_table(result: LedgerStatus) -> None:
    from rich.table import Table

    table = Table("编号", "任务", "责任科室", "灯号", "依据", "最近报告", title="任务")
    from plankg.ledger.dispatch import describe_report

    for t in result.tasks:
        table.add_row(
            t.task.code,
            t.task.title,
            "、".join(t.task.office_owners),
            t.light,
            "；".join(r.text for r in t.rules),
            describe_report(t.last_report),
        )
    out.print(table)
    targets = Table("编号", "目标", "目标值", "完成率", "时间进度", "灯号", "依据", title="目标")
    for g in result.targets:
        value = "" if g.target.value is None else f"{g.target.value:g}{g.target.unit or ''}"
        targets.add_row(
            f"{g.target.holder_code}-{g.target.ordinal}",
            g.target.metric,
            value,
            "" if g.ratio is None else f"{g.ratio * 100:.0f}%",
            "" if g.expected is None else f"{g.expected * 100:.0f}%",
            g.light,
            "；".join(r.text for r in g.rules),
        )
    out.print(targets)


def status(
    as_of: Annotated[str | None, typer.Option("--as-of", help="截至日期（默认今天）")] = None,
    office: Annotated[list[str] | None, typer.Option(help="只看该科室（可重复）")] = None,
    section: Annotated[str | None, typer.Option(help="章节编号或标题片段")] = None,
    industry: Annotated[str | None, typer.Option(help="产业或产业链")] = None,
    light: Annotated[Light | None, typer.Option(help="红 | 黄 | 绿")] = None,
    by: Annotated[By | None, typer.Option(help="汇总：office | section | industry | chain")] = None,
    plan: Annotated[str | None, typer.Option(help="只看该规划")] = None,
    stale_days: Annotated[int | None, typer.Option(help="多少天无报告算有风险")] = None,
    tolerance: Annotated[float | None, typer.Option(help="低于时间进度多少算滞后（0-1）")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """任务和目标的红黄绿灯（截至某日），每盏灯附判定依据；--by 按科室、章节、产业汇总。"""
    from plankg.analysis import ledger as ledger_reads
    from plankg.analysis.names import resolve_office
    from plankg.ledger.rollup import rollup

    with errors_to_exit():
        day = _as_of(as_of)
        rules = _rules(stale_days, tolerance)
    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        offices = [resolve_office(store, o).name_zh for o in office or []]
        result = ledger_reads.status(
            store,
            day,
            rules=rules,
            plan_id=plan,
            offices=offices,
            section=section,
            industry=industry,
            light=light.value if light else None,
        )
    if by is not None:
        rows = rollup(result, by.value)
        if as_json:
            payload = [row.model_dump() for row in rows]
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
            return
        from rich.table import Table

        table = Table(
            "名称",
            "任务",
            "已完成",
            "正常",
            "风险(黄)",
            "滞后(红)",
            "目标",
            "目标滞后",
            title=f"截至{day.isoformat()}",
        )
        for row in rows:
            table.add_row(
                row.key,
                *(
                    str(v)
                    for v in (
                        row.tasks,
                        row.done,
                        row.on_track,
                        row.at_risk,
                        row.late,
                        row.targets,
                        row.targets_behind,
                    )
                ),
            )
        out.print(table)
        return
    if as_json:
        typer.echo(result.model_dump_json(indent=1))
        return
    out.print(f"截至{day.isoformat()}", highlight=False)
    _status_table(result)


def dispatch(
    as_of: Annotated[str | None, typer.Option("--as-of", help="截至日期（默认今天）")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件")] = None,
    fmt: Annotated[
        DispatchFormat | None, typer.Option("--format", "-f", help="docx | html | xlsx")
    ] = None,
    plan: Annotated[str | None, typer.Option(help="只看该规划")] = None,
    stale_days: Annotated[int | None, typer.Option(help="多少天无报告算有风险")] = None,
    tolerance: Annotated[float | None, typer.Option(help="低于时间进度多少算滞后（0-1）")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """调度通报：总体情况、分科室表、滞后和风险事项（附佐证与最近报告）、共同任务填报情况。
    docx（Word）、html，或 xlsx（通报各表加合并后的进展台账）。"""
    from plankg.outputs.dispatch import write_dispatch

    with errors_to_exit():
        day = _as_of(as_of)
        rules = _rules(stale_days, tolerance)
        chosen = fmt.value if fmt else _format_of(output)
        target = output or Path(f"调度通报-{day.isoformat()}.{chosen}")
    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        write_dispatch(store, day, chosen, target, rules=rules, plan_id=plan)
    out.print(f"wrote {target}", highlight=False)


def _format_of(path: Path | None) -> str:
    if path is None:
        return "docx"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("docx", "html", "htm", "xlsx"):
        return "html" if suffix == "htm" else suffix
    raise InputError(f"{path.name}: unsupported format (.{suffix}); supported: .docx, .html, .xlsx")


def register(app: typer.Typer) -> None:
    progress_app.command("add")(add)
    progress_app.command("import")(import_)
    progress_app.command("list")(list_)
    report_app.command("dispatch")(dispatch)
    app.add_typer(progress_app, name="progress")
    app.add_typer(report_app, name="report")
    app.command("status")(status)


__all__ = ["register"]
