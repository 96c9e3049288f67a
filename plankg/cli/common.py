"""Shared pieces of the CLI: the app, store options, error translation."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from plankg.errors import PlankgError

if TYPE_CHECKING:  # the store is imported only when a command opens one (start-up time)
    from plankg.store.protocol import GraphStore

app = typer.Typer(
    name="plankg",
    help="Turn Chinese government action plans into a knowledge graph and query it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Typer's Rich help formatter imports markdown-it, Pygments and Rich's traceback
    # module, a third of `plankg --help`'s start-up.
    rich_markup_mode=None,
)


class LineConsole(Console):
    """A console that writes each printed line whole when its stream is not a terminal.

    Rich wraps at 80 columns when it cannot ask a terminal for its width, which breaks a
    sentence in the middle of a file or a pipe into grep; on a terminal it wraps to the width.
    """

    def print(self, *objects: Any, soft_wrap: bool | None = None, **options: Any) -> None:
        if soft_wrap is None and not self.is_terminal:
            soft_wrap = True
        super().print(*objects, soft_wrap=soft_wrap, **options)


out = LineConsole()
err = LineConsole(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Embedded store file (default: $PLANKG_DB or ./plankg.lbdb)."),
]
Neo4jOption = Annotated[
    str | None,
    typer.Option("--neo4j", help="Use a Neo4j server instead, e.g. bolt://localhost:7687."),
]


def fail(error: PlankgError) -> None:
    err.print(f"[bold red]error:[/] {error.one_line()}", highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Translate library errors into one line on stderr and a non-zero exit."""
    try:
        yield
    except PlankgError as error:
        fail(error)


@contextmanager
def store_from(
    db: Path | None, neo4j: str | None, *, read_only: bool = False
) -> Iterator[GraphStore]:
    """Open the configured store for one command and close it afterwards."""
    # Imported here: settings pull in pydantic-settings and the store pulls in LadybugDB, which
    # `plankg --help` must not pay for.
    from plankg.settings import get_settings
    from plankg.store import open_store

    with errors_to_exit():
        store = open_store(get_settings(), db=db, neo4j_uri=neo4j, read_only=read_only)
    try:
        with errors_to_exit():
            yield store
    finally:
        store.close()


def is_tty() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress_bars() -> Iterator[Callable[[str, float], Callable[[float], None]]]:
    """Rich progress bars on stderr when it is a terminal; yields ``add(description, total)``,
    which returns ``advance(amount)`` for a new bar.

    Quiet (no-op bars) when stderr is redirected, so logs and pipes stay clean.
    """
    if not is_tty():
        yield lambda description, total: lambda amount: None
        return
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bars:

        def add(description: str, total: float) -> Callable[[float], None]:
            task = bars.add_task(description, total=total)
            return lambda amount: bars.advance(task, amount)

        yield add
