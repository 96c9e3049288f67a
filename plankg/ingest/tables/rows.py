"""Row rebuilding: the grouping rows and task rows of one table become Sections and Tasks.

Rows, in order:

- a *header row* repeated with the table's own columns (a table continued on a new page) is
  skipped;
- a *grouping row* (one non-empty cell, or a Chinese-numbered 序号 with no measure, owner or
  deadline) opens a Section; ``一、`` groups hold ``（一）`` groups;
- a *task row* opens a Task: its 序号 cell is kept as ``Task.number`` as written;
- a *continuation row* — empty 序号, or the same 序号 and task cell repeated (a vertically merged
  cell) — adds its measures, owners and deadline to the task above it: one numbered item is one
  task, however many lines the table gives it. Without a 序号 column, a row with a new task cell
  opens a task and a row without one continues.

Codes. A table that is the plan's whole body is coded by position (``2.3`` = third task of the
second group). A table in an annex is section ``A<n>`` (``n`` = the number of its 附件 line, else
its place among the plan's tables: a single un-numbered 附件 is annex 1) and its rows are coded
by their written 序号: ``A1.3`` is row 3 of annex 1. When the written numbers do not tell rows
apart (序号 restarting in every group, or missing), a row is coded under its group's written
number (``A1.2.1``), and failing that by position, so codes stay unique.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plankg.ingest.tables.cells import Cell, is_row, split_cells
from plankg.ingest.tables.columns import OWNER_KINDS, TASK_KINDS, Columns, header_columns
from plankg.ingest.tables.detect import CN_NUMERAL, GROUP_MARKER, TableBlock
from plankg.models import Section, SourceText, Task

TITLE_MAX_CHARS = 40

_GROUP_NUMBER_ONLY = re.compile(rf"^(?:[{CN_NUMERAL}]+[、.．]?|[（(][{CN_NUMERAL}]+[）)])$")
_TITLE_STOP = re.compile(r"[。；;：:]")
_CLAUSE_STOP = re.compile(r"[，,]")
# A written 序号: 3, 3., 3、, （3）, 2.1, 2-1.
_ROW_NUMBER = re.compile(r"^[（(]?(?P<n>\d{1,4}(?:[.．\-－]\d{1,4})*)[)）]?[.、．]?$")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


@dataclass
class TableRow:
    """The cells of one task, over its row and its continuation rows, by column kind."""

    cells: dict[str, list[Cell]] = field(default_factory=dict)

    def add(self, kind: str, cell: Cell) -> None:
        # A vertically merged cell is repeated in every row it spans: keep it once.
        held = self.cells.setdefault(kind, [])
        if cell.filled and all(c.text != cell.text for c in held):
            held.append(cell)

    def texts(self, kind: str) -> list[str]:
        return [c.text for c in self.cells.get(kind, [])]

    def content_cells(self) -> list[Cell]:
        """The task and measure cells: the text targets and mentions are read from (the cell
        separators and the owner and deadline columns would run into them)."""
        return sorted(
            (c for kind in TASK_KINDS for c in self.cells.get(kind, [])), key=lambda c: c.start
        )


@dataclass
class TableOutline:
    sections: list[Section]
    tasks: list[Task]
    rows: dict[str, TableRow]  # task code -> its cells, for the owner reader
    warnings: list[str]


@dataclass
class _Group:
    kind: int  # 1 for 一、 (and unmarked groups), 2 for （一）
    path: tuple[int, ...]
    written: str  # the group's number in arabic digits as written, "" when unnumbered
    children: int = 0


@dataclass
class _Written:
    """Written numbers by positional code, for the annex codes."""

    rows: dict[str, str] = field(default_factory=dict)  # task code -> 序号 in arabic digits
    groups: dict[str, str] = field(default_factory=dict)  # section code -> group number


def parse_table(source: SourceText, block: TableBlock, annex: int | None = None) -> TableOutline:
    """Sections and tasks of one table: ``annex=None`` for a table that is the plan's whole
    body, else the table's place among the plan's tables (1 for the first), which numbers it
    when its 附件 line does not."""
    name = source.source_name or "the text"
    base = (1,) if annex is not None else ()
    sections: list[Section] = []
    if annex is not None:
        sections.append(_table_section(source, block, base))
    groups: list[_Group] = []
    top = _Group(0, base, "")
    tasks: list[Task] = []
    rows: dict[str, TableRow] = {}
    written = _Written()
    current: tuple[Task, TableRow, str, str] | None = None  # task, cells, 序号, task cell

    for index in range(block.header + 1, block.last + 1):
        paragraph = source.paragraphs[index]
        text = source.text[paragraph.start : paragraph.end]
        if not text.strip():
            continue
        outer = block.outer_pipes and is_row(text)
        cells = split_cells(text, paragraph.start, outer)
        if header_columns([c.text for c in cells]) == block.columns:
            current = None  # the header repeated over a page break
            continue
        by_kind = _cells_by_kind(cells, block.columns)
        group = _grouping(cells, by_kind)
        if group is not None:
            number, title, nesting = group
            while groups and groups[-1].kind >= nesting:
                groups.pop()
            parent = groups[-1] if groups else top
            parent.children += 1
            groups.append(_Group(nesting, (*parent.path, parent.children), _arabic(number)))
            sections.append(_group_section(groups[-1].path, number, title, cells, parent.path))
            written.groups[sections[-1].code] = groups[-1].written
            current = None
            continue
        number = _first_text(by_kind, "number")
        task_cell = _first_text(by_kind, "task")
        if current is not None and _continues(block, current, number, task_cell):
            task, row, _, _ = current
            task.end = paragraph.end
            task.text = source.text[task.start : task.end]
        else:
            parent = groups[-1] if groups else top
            parent.children += 1
            path = (*parent.path, parent.children)
            row = TableRow()
            start = paragraph.start + len(text) - len(text.lstrip())
            task = Task(
                code=_code(path),
                number=number,
                title="",
                text=source.text[start : paragraph.end],
                level=len(path),
                section_code=_code(parent.path) or None,
                start=start,
                end=paragraph.end,
            )
            tasks.append(task)
            rows[task.code] = row
            written.rows[task.code] = _arabic(number)
            current = (task, row, number, task_cell)
        for kind, kind_cells in by_kind.items():
            for cell in kind_cells:
                row.add(kind, cell)
        task.title = _task_title(row)
        task.deadline = "；".join(row.texts("deadline")) or None
    outline = TableOutline(sections, tasks, rows, [])
    if annex is not None:
        _recode(outline, _annex_codes(outline, written, f"A{_annex_number(block, annex)}"))
    outline.warnings = [
        f"{name}: table task {task.code} at offset {task.start} has no task text"
        for task in outline.tasks
        if not task.title
    ]
    return outline


def _code(path: tuple[int, ...]) -> str:
    return ".".join(map(str, path))


def _arabic(number: str) -> str:
    """A written 序号 or group number in arabic digits (``（3）`` -> 3, ``二、`` -> 2), "" when
    it is not a number."""
    found = _ROW_NUMBER.match(number.strip())
    if found:
        return ".".join(str(int(p)) for p in re.split(r"[.．\-－]", found.group("n")))
    marker = GROUP_MARKER.match(number.strip())
    if marker:
        value = _chinese_number(marker.group("comma") or marker.group("paren"))
        return str(value) if value else ""
    return ""


def _chinese_number(text: str) -> int | None:
    if "百" in text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _annex_number(block: TableBlock, ordinal: int) -> int:
    written = _arabic(block.number.removeprefix("附件").strip()) if block.number else ""
    return int(written) if written.isdigit() else ordinal


def _annex_codes(outline: TableOutline, written: _Written, prefix: str) -> dict[str, str]:
    """Positional code -> annex code, for the table section, its groups and its rows."""
    renamed = {"1": prefix}
    by_number = [written.rows[t.code] for t in outline.tasks]
    if all(by_number) and _unique(by_number):
        for task, number in zip(outline.tasks, by_number, strict=True):
            renamed[task.code] = f"{prefix}.{number}"
        # Groups are not numbered with the rows: g1, g2 … keeps them apart from row codes.
        for ordinal, section in enumerate(outline.sections[1:], start=1):
            renamed[section.code] = f"{prefix}.g{ordinal}"
        return renamed
    group_codes = {s.code: _written_path(s.code, written.groups) for s in outline.sections[1:]}
    under_groups = [
        f"{group_codes.get(t.section_code or '', '')}.{written.rows[t.code]}".lstrip(".")
        for t in outline.tasks
    ]
    if all(group_codes.values()) and all(by_number) and _unique(under_groups):
        renamed.update({code: f"{prefix}.{path}" for code, path in group_codes.items()})
        for task, path in zip(outline.tasks, under_groups, strict=True):
            renamed[task.code] = f"{prefix}.{path}"
        return renamed
    positional = [s.code for s in outline.sections[1:]] + [t.code for t in outline.tasks]
    renamed.update({code: prefix + code[1:] for code in positional})
    return renamed


def _written_path(code: str, groups: dict[str, str]) -> str:
    """The written numbers of a group and the groups above it (``2.1`` for （一） under 二、)."""
    parts = code.split(".")
    numbers = [groups.get(".".join(parts[:depth]), "") for depth in range(2, len(parts) + 1)]
    return ".".join(numbers) if all(numbers) else ""


def _unique(values: list[str]) -> bool:
    return max(Counter(values).values(), default=1) == 1


def _recode(outline: TableOutline, renamed: dict[str, str]) -> None:
    def new(code: str | None) -> str | None:
        return renamed.get(code, code) if code is not None else None

    for section in outline.sections:
        section.code = renamed.get(section.code, section.code)
        section.parent_code = new(section.parent_code)
    for task in outline.tasks:
        task.code = renamed.get(task.code, task.code)
        task.section_code = new(task.section_code)
    outline.rows = {renamed.get(code, code): row for code, row in outline.rows.items()}


def _cells_by_kind(cells: list[Cell], columns: Columns) -> dict[str, list[Cell]]:
    return {
        kind: [cells[i] for i in indexes if i < len(cells)] for kind, indexes in columns.items()
    }


def _first_text(by_kind: dict[str, list[Cell]], kind: str) -> str:
    return next((c.text for c in by_kind.get(kind, []) if c.filled), "")


def _grouping(cells: list[Cell], by_kind: dict[str, list[Cell]]) -> tuple[str, str, int] | None:
    """(number, title, nesting kind) of a grouping row, None for a task row."""
    filled = [c for c in cells if c.filled]
    if not filled:
        return None
    if len(filled) == 1:
        marker = GROUP_MARKER.match(filled[0].text)
        if marker and marker.end() < len(filled[0].text):
            return marker.group(0), filled[0].text[marker.end() :].strip(), _marker_kind(marker)
        return "", filled[0].text, 1
    number = _first_text(by_kind, "number")
    detail = [
        c for k in ("measure", *OWNER_KINDS, "deadline") for c in by_kind.get(k, []) if c.filled
    ]
    if number and _GROUP_NUMBER_ONLY.match(number) and not detail:
        title = " ".join(c.text for c in filled if c.text != number)
        return number, title, _marker_kind(GROUP_MARKER.match(number))
    return None


def _marker_kind(marker: re.Match[str] | None) -> int:
    return 2 if marker is not None and marker.group("paren") else 1


def _continues(
    block: TableBlock, current: tuple[Task, TableRow, str, str], number: str, task_cell: str
) -> bool:
    _, _, current_number, current_task = current
    if "number" in block.columns:
        return not number or (number == current_number and task_cell in ("", current_task))
    return not task_cell or task_cell == current_task


def _task_title(row: TableRow) -> str:
    """The task cell; without one, the first sentence (or clause, if long) of the measures."""
    task = row.texts("task")
    if task:
        return task[0]
    measures = row.texts("measure")
    if not measures:
        return ""
    text = measures[0]
    stop = _TITLE_STOP.search(text)
    title = text[: stop.start()] if stop else text
    if len(title) > TITLE_MAX_CHARS:
        clause = _CLAUSE_STOP.search(title)
        title = title[: clause.start()] if clause else title[:TITLE_MAX_CHARS]
    return title.strip()


def _table_section(source: SourceText, block: TableBlock, base: tuple[int, ...]) -> Section:
    first = source.paragraphs[block.first]
    lead = len(source.text[first.start : first.end]) - len(
        source.text[first.start : first.end].lstrip()
    )
    end = source.paragraphs[block.header - 1].end if block.header > block.first else first.end
    return Section(
        code=_code(base),
        number=block.number,
        title=block.title,
        level=len(base),
        parent_code=None,
        start=first.start + lead,
        end=max(end, first.start + lead),
    )


def _group_section(
    path: tuple[int, ...], number: str, title: str, cells: list[Cell], parent: tuple[int, ...]
) -> Section:
    filled = [c for c in cells if c.filled]
    return Section(
        code=_code(path),
        number=number,
        title=title,
        level=len(path),
        parent_code=_code(parent) or None,
        start=filled[0].start,
        end=filled[-1].end,
    )
