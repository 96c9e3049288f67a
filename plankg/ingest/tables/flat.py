"""Tables a web page flattened to one cell per line, rebuilt into row lines.

Copying a table out of a web page (or a scraper's markdown) often leaves every cell on its own
line: the header cells ``序号`` / ``重点任务`` / ``责任单位`` … one per line, then each row's cells
one per line, cells that held line breaks spread over several lines. Cells are then told apart
in one of two ways: by blank lines (a cell is a run of non-blank lines; its line breaks are the
cell's own), or, with no blank line in the table, one line per cell.

A flattened table is recognised by its header: at least three consecutive short label cells
that form a task-division header (:func:`~plankg.ingest.tables.columns.header_columns`) and
begin with the 序号 column. Each row then begins with a cell holding only its 序号, the next
number after the row before (that is what makes a row boundary visible at all once the layout is
gone). The cells between two 序号 are the row's other cells; when fewer or more cells are found
than the header has columns (an empty cell leaves no line; a cell may hold several paragraphs),
they are aligned with the columns by what they look like (owner cells name units, deadline
cells name dates). A grouping row (``一、…``) between rows and the header repeated after a page
break are kept as lines of their own. The rebuilt rows are written ``a | b | c`` like the rows of
.docx and .html tables, so the table reader handles every source the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from plankg.ingest.owners import extract_responsibility
from plankg.ingest.tables.cells import CELL_SEPARATOR
from plankg.ingest.tables.columns import (
    HEADER_CELL_MAX_CHARS,
    OWNER_KINDS,
    TASK_KINDS,
    column_kind,
    header_columns,
    header_label,
)
from plankg.ingest.tables.detect import ANNEX_LINE, GROUP_MARKER, is_group_line

MIN_HEADER_CELLS = 3
ROW_SEPARATOR = f" {CELL_SEPARATOR} "

_LABEL_PUNCT = re.compile(r"[。，,；;：:！？、|]")
_ROW_NUMBER = re.compile(r"^(\d{1,3})[.、．]?$")
_DEADLINE = re.compile(r"\d{4}年|\d{1,2}月|年底|年内|季度|底前|月底|长期|持续|常态|每年|定期")
_DEADLINE_MAX_CHARS = 30

# Alignment costs: an empty cell, a second piece in a text cell or in any other cell, and a
# piece that does not look like what its column holds.
_EMPTY_CELL = 1.0
_EXTRA_PIECE_TEXT = 0.6
_EXTRA_PIECE_OTHER = 2.5
_MISFIT = 2.0
_OWNERS_IN_TEXT = 1.0


@dataclass(frozen=True)
class _Unit:
    """One flattened cell: its lines (a cell's own line breaks) and where it starts."""

    lines: tuple[str, ...]
    index: int  # the line index of its first line

    @property
    def text(self) -> str:
        return "".join(self.lines)


def rebuild_flat_tables(lines: Sequence[str]) -> list[str]:
    """``lines`` (normalised; ``""`` for a blank line) with every flattened task-division table
    replaced by its rows, one ``a | b | c`` line per row; everything else is returned as is."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        if not _may_open_header(lines[index]):
            out.append(lines[index])
            index += 1
            continue
        rebuilt = _table_at(lines, index)
        if rebuilt is None:
            out.append(lines[index])
            index += 1
            continue
        rows, index = rebuilt
        out.extend(rows)
    return out


def _may_open_header(line: str) -> bool:
    # Cheap test first: most lines are long or hold a separator.
    return 0 < len(line) <= HEADER_CELL_MAX_CHARS and column_kind(line) == "number"


def _units(lines: Sequence[str], start: int, by_blank_lines: bool) -> list[_Unit]:
    """The cells from ``start`` on: runs of non-blank lines, or single lines."""
    units: list[_Unit] = []
    run: list[str] = []
    first = start
    for index in range(start, len(lines)):
        line = lines[index]
        if not line:
            if run:
                units.append(_Unit(tuple(run), first))
                run = []
            continue
        if not by_blank_lines:
            units.append(_Unit((line,), index))
            continue
        if not run:
            first = index
        run.append(line)
    if run:
        units.append(_Unit(tuple(run), first))
    return units


def _is_label(unit: _Unit) -> bool:
    text = unit.text
    return (
        0 < len(header_label(text)) <= HEADER_CELL_MAX_CHARS
        and not _LABEL_PUNCT.search(text)
        and not _ROW_NUMBER.match(text)
    )


def _table_at(lines: Sequence[str], start: int) -> tuple[list[str], int] | None:
    # With blank lines between cells a cell is a run of lines; a header all on consecutive
    # lines means one cell per line.
    by_blank_lines = start + 1 < len(lines) and not lines[start + 1]
    units = _units(lines, start, by_blank_lines)
    header: list[_Unit] = []
    for unit in units:
        if not _is_label(unit):
            break
        header.append(unit)
    labels = [u.text for u in header]
    columns = header_columns(labels) if len(header) >= MIN_HEADER_CELLS else None
    if columns is None or columns.get("number") != [0]:
        return None
    kinds = [column_kind(label) for label in labels]
    rows = [ROW_SEPARATOR.join(labels)]
    position = len(header)
    expected = 1
    end_line = header[-1].index + len(header[-1].lines)
    while position < len(units):
        unit = units[position]
        if _repeats_header(units, position, labels):
            rows.append(ROW_SEPARATOR.join(labels))
            position += len(labels)
            end_line = units[position - 1].index + len(units[position - 1].lines)
            continue
        if _is_group_row(units, position, expected):
            rows.append(unit.text)
            position += 1
            end_line = unit.index + len(unit.lines)
            continue
        if _row_number(unit) != expected:
            break
        cells_end = _row_end(units, position, expected, len(labels), labels)
        pieces = units[position + 1 : cells_end]
        cells = _align(pieces, kinds[1:])
        rows.append(ROW_SEPARATOR.join([unit.text, *cells]))
        last = units[cells_end - 1]
        end_line = last.index + len(last.lines)
        position = cells_end
        expected += 1
    if expected == 1:
        return None  # a header with no row under it: a form or a heading, not a table
    return rows, end_line


def _row_number(unit: _Unit) -> int | None:
    found = _ROW_NUMBER.match(unit.text)
    return int(found.group(1)) if found and len(unit.lines) == 1 else None


def _repeats_header(units: list[_Unit], position: int, labels: list[str]) -> bool:
    window = units[position : position + len(labels)]
    return [u.text for u in window] == labels


def _is_group_row(units: list[_Unit], position: int, expected: int) -> bool:
    """A grouping row (``一、产业升级``) standing where the next row would start."""
    text = units[position].text
    if not (GROUP_MARKER.match(text) and is_group_line(text)):
        return False
    following = units[position + 1] if position + 1 < len(units) else None
    return following is not None and (
        _row_number(following) == expected or bool(GROUP_MARKER.match(following.text))
    )


def _row_end(units: list[_Unit], position: int, number: int, width: int, labels: list[str]) -> int:
    """Where the cells of the row whose 序号 is at ``position`` end: at the next row's 序号, a
    grouping row or a repeated header; the last row takes at most one cell per column."""
    limit = min(len(units), position + 1 + 2 * width)
    for index in range(position + 2, limit):
        if (
            _row_number(units[index]) == number + 1
            or _repeats_header(units, index, labels)
            or _is_group_row(units, index, number + 1)
        ):
            return index
    end = position + 1
    while end < len(units) and end < position + width and not ANNEX_LINE.match(units[end].text):
        end += 1
    return end


# ------------------------------------------------------------------------------------ alignment


def _align(pieces: list[_Unit], kinds: list[str | None]) -> list[str]:
    """The texts of ``pieces`` placed in the columns ``kinds`` (in order; a column may get no
    piece or several), at the least cost."""
    if len(pieces) == len(kinds):
        return [p.text for p in pieces]
    texts = [p.text for p in pieces]
    count, width = len(texts), len(kinds)
    infinity = float("inf")
    # best[i][j]: cost of placing the first i pieces in the first j columns, column j-1 last used
    best = [[infinity] * (width + 1) for _ in range(count + 1)]
    back: dict[tuple[int, int], int] = {}
    best[0][0] = 0.0
    for j in range(1, width + 1):
        for i in range(count + 1):
            for taken in range(i + 1):  # pieces i-taken … i-1 go to column j-1
                previous = best[i - taken][j - 1]
                if previous == infinity:
                    continue
                cost = previous + _column_cost(texts[i - taken : i], kinds[j - 1])
                if cost < best[i][j]:
                    best[i][j] = cost
                    back[(i, j)] = taken
    cells: list[str] = [""] * width
    i = count
    for j in range(width, 0, -1):
        taken = back.get((i, j), 0)
        cells[j - 1] = "".join(texts[i - taken : i])
        i -= taken
    return cells


def _column_cost(texts: list[str], kind: str | None) -> float:
    if not texts:
        return _EMPTY_CELL
    text_column = kind in TASK_KINDS or kind is None
    cost = (len(texts) - 1) * (_EXTRA_PIECE_TEXT if text_column else _EXTRA_PIECE_OTHER)
    for text in texts:
        cost += _misfit(text, kind)
    return cost


def _misfit(text: str, kind: str | None) -> float:
    if kind in OWNER_KINDS:
        return 0.0 if _names_units(text) else _MISFIT
    if kind == "deadline":
        return 0.0 if len(text) <= _DEADLINE_MAX_CHARS and _DEADLINE.search(text) else _MISFIT
    return _OWNERS_IN_TEXT if _names_units(text) else 0.0


def _names_units(text: str) -> bool:
    """Whether a cell is a list of units (区发展改革委、区财政局，各街镇)."""
    if "。" in text:
        return False
    reading = extract_responsibility("责任单位：" + text)
    unshaped = sum("does not end with a unit suffix" in w for w in reading.warnings)
    return bool(reading.owners) and unshaped * 2 < len(reading.owners)
