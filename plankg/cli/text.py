"""Tables the CLI prints, in the reader's language: wrapped to the terminal's width (a cell is
folded, never cut), and full tab-separated lines when the output is not a terminal, so a pipe or
a file gets every explanation and every piece of evidence whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TypeVar

import typer

from plankg.cli.common import out
from plankg.i18n import Lang

T = TypeVar("T")

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", help="Language of the output: zh (default) or en; default $PLANKG_LANG."
    ),
]


def output_lang(choice: str | None) -> Lang:
    """``--lang`` when given, else ``PLANKG_LANG`` (Chinese unless set)."""
    from plankg.i18n import as_lang
    from plankg.settings import get_settings

    return as_lang(choice, default=get_settings().lang)


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None
) -> None:
    if not out.is_terminal:
        if title:
            typer.echo(title)
        typer.echo("\t".join(headers))
        for row in rows:
            typer.echo("\t".join(_one_line(cell) for cell in row))
        return
    from rich.table import Table

    table = Table(title=title, show_lines=True)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out.print(table)


def _one_line(cell: str) -> str:
    return " ".join(cell.split("\n")).replace("\t", " ")


def say(zh: T, en: T, lang: Lang) -> T:
    """One of two phrasings of what the CLI writes (a line, a row of headers)."""
    return zh if lang == "zh" else en
