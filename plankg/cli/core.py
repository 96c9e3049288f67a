"""`plankg ingest` and `plankg stats`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

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
from plankg.i18n import Lang


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
) -> None:
    """Read plans, extract their graph and load it: new plans together in one transaction,
    a plan already in the store replaced in its own."""
    from plankg import writes
    from plankg.ingest import sample_path
    from plankg.settings import get_settings

    settings = get_settings()
    paths = list(files or [sample_path()])
    with store_from(db, neo4j) as store:
        if if_empty:
            from plankg.analysis.answers import store_is_empty

            if not store_is_empty(store):
                out.print("store already holds plans; nothing ingested (--if-empty)")
                return
        with errors_to_exit(), progress_bars() as add_bar:
            read = add_bar(f"reading {len(paths)} file(s)", sum(_size(p) for p in paths) or 1)
            loaded = add_bar("loading", len(paths))
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
        out.print_json(json.dumps(summaries, ensure_ascii=False))
        return
    for s in summaries:
        _print_summary(s)
        if explain:
            _print_unparsed(s)


def _size(path: Path) -> int:
    # A missing file still counts as a step; the reader reports it.
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _print_summary(s: dict[str, Any]) -> None:
    table = Table(title=f"{s['plan_id']} — {s['title'] or s['source']}", show_header=False)
    table.add_row("source", s["source"])
    table.add_row("issuer", s["issuer"] or "—")
    for key in (
        "sections",
        "tasks",
        "tasks_without_owner",
        "offices",
        "office_aliases",
        "targets",
        "unparsed",
        "outside_departments",
        "nodes",
        "edges",
    ):
        table.add_row(key.replace("_", " "), str(s[key]))
    table.add_row("roles", ", ".join(f"{k} {v}" for k, v in sorted(s["responsibilities"].items())))
    table.add_row("unresolved terms", ", ".join(s["unresolved_terms"]) or "none")
    table.add_row("replaced earlier version", "yes" if s["replaced"] else "no")
    if s["unchanged"]:
        table.add_row("unchanged", "the store already held this graph; nothing was written")
    out.print(table)
    if s["changes"] is not None:
        _print_changes(s["changes"])
    name = Path(s["source"]).name
    for warning in s["warnings"]:
        # Reader warnings already name the file; extractor warnings name only the task.
        located = warning if warning.startswith(name) else f"{name}: {warning}"
        err.print(f"[yellow]warning:[/] {located}", highlight=False, soft_wrap=True)


def _print_unparsed(s: dict[str, Any]) -> None:
    """Where the parser saw a cue (负责, 牵头, a goal word before a quantity) and read nothing."""
    clauses = s["unparsed_clauses"]
    if not clauses:
        out.print("not understood: nothing")
        return
    table = Table(title=f"not understood ({len(clauses)})")
    for column in ("kind", "task", "offsets", "phrase"):
        table.add_column(column)
    for c in clauses:
        table.add_row(c["kind"], c["code"] or "opening", f"{c['start']}-{c['end']}", c["phrase"])
    out.print(table)


def _print_changes(changes: dict[str, Any]) -> None:
    """What replacing the earlier version of the plan changed in its task ledger."""
    if not (changes["tasks_added"] or changes["tasks_removed"] or changes["owners_changed"]):
        out.print("changes since the earlier version: none in tasks or owners")
        return
    out.print("changes since the earlier version:")
    if changes["tasks_added"]:
        out.print(f"  tasks added: {', '.join(changes['tasks_added'])}", highlight=False)
    if changes["tasks_removed"]:
        out.print(f"  tasks removed: {', '.join(changes['tasks_removed'])}", highlight=False)
    for change in changes["owners_changed"]:
        before, after = (
            "、".join(f"{o['owner']} ({o['role']})" for o in change[side]) or "no owner"
            for side in ("before", "after")
        )
        out.print(f"  task {change['task_code']} owners: {before} -> {after}", highlight=False)


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
        out.print_json(json.dumps(figures, ensure_ascii=False))
        return
    language = output_lang(lang)
    print_table(
        say(["项目", "数量"], ["what", "count"], language),
        [[stats_label(key, language), str(value)] for key, value in _flatten(figures)],
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
    out.print(
        f"copied {len(report.plans)} plans ({report.nodes} nodes, {report.edges} edges) to {to}"
    )


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(stats)
    app.command()(copy)
