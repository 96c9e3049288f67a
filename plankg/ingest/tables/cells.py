"""Cells of one table row paragraph, each with its offsets in the plan's clean text.

The reader turns every table row into one paragraph whose cells are joined by ``|`` (.docx and
.html rows, tab-separated text and tables flattened one cell per line); markdown pipe tables in
text files keep their outer pipes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from plankg.ingest.tables.columns import vocab_list

CELL_SEPARATOR = "|"


@dataclass(frozen=True)
class Cell:
    """One table cell: its stripped text and where that text sits in the plan's clean text."""

    text: str
    start: int
    end: int

    @property
    def filled(self) -> bool:
        return self.text not in vocab_list("empty_cell_values")


def is_row(text: str) -> bool:
    return CELL_SEPARATOR in text


def split_cells(paragraph_text: str, offset: int, outer_pipes: bool) -> list[Cell]:
    """The cells of one row paragraph (``offset`` = where it starts in the clean text).

    ``outer_pipes``: the table writes ``| a | b |`` (markdown), so the first and last separator
    close no cell; otherwise (.docx/.html rows, ``a | b``) a leading ``|`` is an empty first cell.
    """
    bounds = [-1] + [i for i, c in enumerate(paragraph_text) if c == CELL_SEPARATOR]
    bounds.append(len(paragraph_text))
    cells = []
    for left, right in pairwise(bounds):
        raw = paragraph_text[left + 1 : right]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = offset + left + 1 + lead
        cells.append(Cell(text, start, start + len(text)))
    if outer_pipes:
        stripped = paragraph_text.strip()
        if stripped.startswith(CELL_SEPARATOR) and cells and not cells[0].text:
            cells = cells[1:]
        if stripped.endswith(CELL_SEPARATOR) and cells and not cells[-1].text:
            cells = cells[:-1]
    return cells


def row_texts(paragraph_text: str) -> list[str]:
    """The cell texts of a row paragraph, outer pipes (markdown) dropped."""
    outer = paragraph_text.strip().startswith(CELL_SEPARATOR)
    return [c.text for c in split_cells(paragraph_text, 0, outer)]
