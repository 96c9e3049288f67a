"""`plankg ingest` and `plankg stats`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from plankg.cli.common import (
    DbOption,
    Neo4jOption,
    err,
    errors_to_exit,
    out,
    progress_bars,
    store_from,
)
from plankg.cli.text import LangOption, output_lang, print_table, say
from plankg.i18n import Lang, message, term

if TYPE_CHECKING:
    from plankg.store.load import PlanDiff
    from plankg.writes import IngestSummary


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
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="List the clauses that look like responsibility or a target but yielded nothing.",
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Read plans, extract their graph and load it: new plans together in one transaction,
    a plan already in the store replaced in its own."""
    from plankg import writes
    from plankg.ingest import sample_path
    from plankg.settings import get_settings

    settings = get_settings()
    language = output_lang(lang)
    paths = list(files or [sample_path()])
    with store_from(db, neo4j) as store:
        if if_empty:
            from plankg.analysis.answers import store_is_empty

            if not store_is_empty(store):
                out.print(message("cli_if_empty_skip", language), highlight=False)
                return
        with errors_to_exit(), progress_bars() as add_bar:
            read = add_bar(
                message("cli_reading", language, count=str(len(paths))),
                sum(_size(p) for p in paths) or 1,
            )
            loaded = add_bar(message("cli_loading", language), len(paths))
            outcomes = writes.ingest_files(
                store,
                paths,
                allow_unstructured=allow_unstructured or settings.allow_unstructured,
                max_bytes=settings.max_file_mb * 1024 * 1024,
                on_parsed=lambda path: read(_size(path)),
                on_loaded=lambda path: loaded(1),
            )
    summaries = [o.summary() for o in outcomes]
    if as_json:
        out.print_json(
            json.dumps([s.model_dump(mode="json") for s in summaries], ensure_ascii=False)
        )
        return
    for s in summaries:
        _print_summary(s, language)
        if explain:
            _print_unparsed(s, language)


def _size(path: Path) -> int:
    # A missing file still counts as a step; the reader reports it.
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _print_summary(s: IngestSummary, lang: Lang) -> None:
    def t(key: str, **fields: str) -> str:
        return message(f"cli_{key}", lang, **fields)

    table = Table(title=f"{s.plan_id} — {s.title or s.source}", show_header=False)
    table.add_row(t("source"), s.source)
    table.add_row(t("issuer"), s.issuer or "—")
    for key, count in (
        ("sections", s.sections),
        ("tasks", s.tasks),
        ("tasks_without_owner", s.tasks_without_owner),
        ("offices", s.offices),
        ("office_aliases", s.office_aliases),
        ("targets", s.targets),
        ("unparsed", s.unparsed),
        ("outside_departments", s.outside_departments),
        ("nodes", s.nodes),
        ("edges", s.edges),
    ):
        table.add_row(t(key), str(count))
    roles = sorted(s.responsibilities.items())
    table.add_row(t("roles"), "，".join(f"{term('role', k, lang)} {v}" for k, v in roles))
    table.add_row(t("unresolved_terms"), "、".join(s.unresolved_terms) or t("none"))
    table.add_row(t("replaced"), t("yes") if s.replaced else t("no"))
    if s.unchanged:
        table.add_row(t("unchanged"), t("unchanged_note"))
    out.print(table)
    if s.changes is not None:
        _print_changes(s.changes, lang)
    name = Path(s.source).name
    for warning in s.warnings:
        # Reader warnings already name the file; extractor warnings name only the task.
        located = warning if warning.startswith(name) else f"{name}: {warning}"
        err.print(f"[yellow]{t('warning')}:[/] {located}", highlight=False, soft_wrap=True)


def _print_unparsed(s: IngestSummary, lang: Lang) -> None:
    """Where the parser saw a cue (负责, 牵头, a goal word before a quantity) and read nothing."""
    clauses = s.unparsed_clauses
    if not clauses:
        out.print(message("cli_not_understood_none", lang), highlight=False)
        return
    table = Table(title=f"{message('cli_not_understood', lang)} ({len(clauses)})")
    for column in ("kind", "task", "offsets", "phrase"):
        table.add_column(message(f"cli_{column}", lang))
    opening = message("cli_opening", lang)
    for c in clauses:
        table.add_row(c.kind, c.code or opening, f"{c.start}-{c.end}", c.phrase)
    out.print(table)


def _print_changes(changes: PlanDiff, lang: Lang) -> None:
    """What replacing the earlier version of the plan changed in its task ledger."""
    if not (changes.tasks_added or changes.tasks_removed or changes.owners_changed):
        out.print(message("cli_changes_none", lang), highlight=False)
        return
    out.print(message("cli_changes", lang), highlight=False)
    for key, codes_changed in (
        ("tasks_added", changes.tasks_added),
        ("tasks_removed", changes.tasks_removed),
    ):
        if codes_changed:
            codes = "、".join(codes_changed)
            out.print("  " + message(f"cli_{key}", lang, codes=codes), highlight=False)
    for change in changes.owners_changed:
        before, after = (
            "、".join(f"{o.owner}（{term('role', o.role, lang)}）" for o in side)
            or message("cli_no_owner", lang)
            for side in (change.before, change.after)
        )
        line = message(
            "cli_owners_changed", lang, code=change.task_code, before=before, after=after
        )
        out.print("  " + line, highlight=False)


def stats(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: LangOption = None,
) -> None:
    """Counts of nodes and edges by kind in the store."""
    from plankg.analysis import answers

    with store_from(db, neo4j, read_only=True) as store, errors_to_exit():
        figures = answers.stats(store)
    if as_json:
        out.print_json(json.dumps(figures.model_dump(), ensure_ascii=False))
        return
    language = output_lang(lang)
    print_table(
        say(["项目", "数量"], ["what", "count"], language),
        [[stats_label(key, language), str(value)] for key, value in _flatten(figures.model_dump())],
    )


def stats_label(key: str, lang: Lang) -> str:
    """``nodes.Task`` as 节点·任务 (or nodes.Task in English)."""
    from plankg.i18n import term

    if lang == "en":
        return key
    group, _, name = key.partition(".")
    if not name:
        return term("stats", group, lang)
    inner = term("kind", name, lang) if group == "nodes" else term("rel", name, lang)
    return f"{term('stats', group, lang)}·{inner}"


def _flatten(d: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in d.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def copy(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Target: a Neo4j URI (bolt://, neo4j://, neo4j+s://) or another embedded store file.",
        ),
    ],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    lang: LangOption = None,
) -> None:
    """Copy every plan of this store into another (e.g. start locally, share on Neo4j later)."""
    from plankg import writes

    target_uri, target_db = (to, None) if "://" in to else (None, Path(to))
    with (
        store_from(db, neo4j, read_only=True) as source,
        store_from(target_db, target_uri) as target,
        errors_to_exit(),
    ):
        report = writes.copy_graph(source, target)
    copied = message(
        "cli_copied",
        output_lang(lang),
        plans=str(len(report.plans)),
        nodes=str(report.nodes),
        edges=str(report.edges),
        to=to,
    )
    out.print(copied, highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(stats)
    app.command()(copy)
