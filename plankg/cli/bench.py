"""`plankg bench`: the benchmark at scale (see plankg.bench.run)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from plankg.cli.common import Neo4jOption, err, errors_to_exit
from plankg.errors import InputError


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise InputError(
            f"--sizes {text!r}: expected comma-separated plan counts such as 1,100,1000"
        ) from exc
    if not sizes or min(sizes) < 1:
        raise InputError(f"--sizes {text!r}: plan counts must be positive")
    return sizes


def _require_bench_extra() -> None:
    """The benchmark's measuring tools are an extra, not part of a runtime install."""
    from importlib.util import find_spec

    missing = [name for name in ("psutil", "httpx") if find_spec(name) is None]
    if missing:
        raise InputError(
            f"plankg bench needs {', '.join(missing)}: install the extra, pip install 'plankg[bench]'"
        )


def _read_baseline(path: Path) -> dict[str, Any]:
    # Read before the run starts, so a bad path fails in a second rather than after minutes.
    try:
        baseline = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise InputError(f"{path}: the baseline is not JSON: {exc}") from exc
    if not isinstance(baseline, dict) or not {"machine", "settings", "sizes"} <= baseline.keys():
        raise InputError(
            f"{path}: not a `plankg bench --json` result (needs machine, settings and sizes)"
        )
    return baseline


def bench(
    sizes: Annotated[
        str, typer.Option(help="Corpus sizes (plans), comma-separated.")
    ] = "1,100,1000",
    runs: Annotated[int, typer.Option(min=1, help="Runs per timed figure (median).")] = 3,
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="Markdown report to write, e.g. docs/benchmarks.md."),
    ] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="JSON result to write.")] = None,
    api_requests: Annotated[int, typer.Option(min=1, help="Requests per API path.")] = 2000,
    api_client: Annotated[
        str, typer.Option(help="auto (wrk when installed, else httpx threads), wrk or httpx.")
    ] = "auto",
    api_workers: Annotated[int, typer.Option(min=1, help="plankg serve --workers.")] = 2,
    query_repeats: Annotated[int, typer.Option(min=1, help="Calls per named query.")] = 200,
    seed: Annotated[int, typer.Option(help="Corpus seed.")] = 2024,
    baseline_path: Annotated[
        Path | None,
        typer.Option(
            "--baseline", help="An earlier run's --json result to compare with, figure by figure."
        ),
    ] = None,
    baseline_plankg: Annotated[
        Path | None,
        typer.Option(
            "--baseline-plankg",
            help="Another install's plankg (e.g. the commit before a change): its cold ingest "
            "and query are measured beside this one's, in the same run.",
        ),
    ] = None,
    label: Annotated[
        str | None, typer.Option(help="What is measured (e.g. a commit), shown in the report.")
    ] = None,
    store: Annotated[
        str,
        typer.Option(
            help="embedded (the full benchmark), neo4j, or both side by side (ingest, "
            "named queries, API); neo4j deletes everything in the server's database."
        ),
    ] = "embedded",
    neo4j: Neo4jOption = None,
) -> None:
    """Measure parse, bulk ingest, named queries, API load and start-up on a synthetic corpus."""
    with errors_to_exit():
        _require_bench_extra()
    if store != "embedded":
        _compare_stores(
            store,
            neo4j,
            sizes,
            runs,
            api_requests,
            api_workers,
            query_repeats,
            seed,
            label,
            out_path,
            json_path,
        )
        return
    from plankg.bench.report import to_markdown
    from plankg.bench.run import (
        BenchConfig,
        compare_with_baseline,
        run_benchmark,
    )

    with errors_to_exit():
        baseline = _read_baseline(baseline_path) if baseline_path else None
        if baseline_plankg is not None and not baseline_plankg.is_file():
            raise InputError(f"{baseline_plankg}: no such program (--baseline-plankg)")
        config = BenchConfig(
            sizes=_sizes(sizes),
            runs=runs,
            api_requests=api_requests,
            api_client=api_client,
            api_workers=api_workers,
            query_repeats=query_repeats,
            seed=seed,
            label=label,
            baseline_command=[str(baseline_plankg)] if baseline_plankg else None,
            log=lambda message: err.print(f"[dim]{message}[/]"),
        )
        result = run_benchmark(config)
        if baseline is not None:
            result["baseline"] = compare_with_baseline(result, baseline, str(baseline_path))
    markdown = to_markdown(result)
    _emit(result, markdown, json_path, out_path)


def _compare_stores(
    store: str,
    neo4j: str | None,
    sizes: str,
    runs: int,
    api_requests: int,
    api_workers: int,
    query_repeats: int,
    seed: int,
    label: str | None,
    out_path: Path | None,
    json_path: Path | None,
) -> None:
    from plankg.bench.stores import StoresConfig, compare_stores, stores_markdown
    from plankg.settings import get_settings

    with errors_to_exit():
        settings = get_settings()
        if neo4j:
            settings = settings.model_copy(update={"neo4j_uri": neo4j})
        kinds = ["embedded", "neo4j"] if store == "both" else store.split(",")
        result = compare_stores(
            StoresConfig(
                stores=kinds,
                sizes=_sizes(sizes),
                runs=runs,
                api_requests=api_requests,
                api_workers=api_workers,
                query_repeats=query_repeats,
                seed=seed,
                label=label,
                settings=settings,
                log=lambda message: err.print(f"[dim]{message}[/]"),
            )
        )
    markdown = stores_markdown(result)
    _emit(result, markdown, json_path, out_path)


def register(app: typer.Typer) -> None:
    app.command()(bench)


def _emit(
    result: dict[str, Any], markdown: str, json_path: Path | None, out_path: Path | None
) -> None:
    """The report on stdout, and in the files asked for."""
    from plankg.bench.run import write_json

    if json_path:
        write_json(result, json_path)
    if out_path:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(markdown, encoding="utf-8")
    typer.echo(markdown)
