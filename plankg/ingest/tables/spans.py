"""Merged cells of a marked-up table (HTML ``rowspan`` / ``colspan``) laid out on the grid.

A row under a cell that spans several rows omits that cell, so its remaining cells would slide
one column to the left: the owner cell under the task column, a category cell under the owner
column. Carrying the merged cell down into every row it spans keeps each cell under its header;
the table reader then reads a repeated 序号 and task cell as the same task (one numbered item
over several rows) and a repeated owner cell as the owner of each row it spans.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpanCell:
    """One cell as marked up: its text and how many rows and columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def grid_rows(rows: list[list[SpanCell]]) -> list[list[str]]:
    """The cell texts of each row with merged cells in place.

    A cell spanning rows is repeated in each row below it. A cell spanning columns is followed
    by empty cells in a row that has other cells, so the cells after it keep their columns; a
    row that is a single cell across the table (a grouping row) stays one cell.
    """
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    grid: list[list[str]] = []
    for row in rows:
        if len(row) == 1 and row[0].colspan > 1 and not carried:
            grid.append([row[0].text])
            continue
        out: list[str] = []
        pending = list(row)
        column = 0
        while pending or any(c >= column for c in carried):
            if column in carried:
                text, left = carried[column]
                out.append(text)
                if left > 1:
                    carried[column] = (text, left - 1)
                else:
                    del carried[column]
                column += 1
                continue
            if not pending:
                out.append("")
                column += 1
                continue
            cell = pending.pop(0)
            for offset in range(max(1, cell.colspan)):
                out.append(cell.text if offset == 0 else "")
                if cell.rowspan > 1:
                    carried[column + offset] = (cell.text if offset == 0 else "", cell.rowspan - 1)
            column += max(1, cell.colspan)
        grid.append(out)
    return grid


def span_of(value: object) -> int:
    """A ``rowspan``/``colspan`` attribute as a count (1 when missing or malformed)."""
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1
