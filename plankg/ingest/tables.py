"""Task-division tables (重点任务分工表): header row, grouping rows and task rows.

The reader turns every table row into one paragraph whose cells are joined by ``|`` (.docx and
.html rows; markdown pipe tables in text files keep their outer pipes). A table starts at a
header row whose cells name a task or measure column and an owner column (words in the
``table_headers`` vocabulary); it runs over the rows that follow, and over short lines between
rows (a grouping row the reader left as one cell because it was merged across the table).

Rows, in order:

- a *grouping row* (one non-empty cell, or a Chinese-numbered 序号 with no measure, owner or
  deadline) opens a Section; ``一、`` groups hold ``（一）`` groups;
- a *task row* opens a Task: its 序号 cell is kept as ``Task.number`` as written;
- a *continuation row* — empty 序号, or the same 序号 and task cell repeated (a vertically merged
  cell) — adds its measures, owners and deadline to the task above it: one numbered item is one
  task, however many lines the table gives it. Without a 序号 column, a row with a new task cell
  opens a task and a row without one continues.

Codes are numbering paths by position (``2.3`` = third task of the second group), never the 序号
text, so they stay unique whatever numbering the table uses. A table that is the plan's only
body puts its groups at the top level; any other table (an annex, or a table next to an
outline) becomes one top-level section numbered after the outline (``placed under`` a code
given by the caller), so an outline ``一`` … ``六`` with an annex table yields ``7``, ``7.1``,
``7.1.1``.

Owners are read by :func:`plankg.ingest.owners.extract_responsibility` from a clause built out of
the owner cells (``牵头单位：A；配合单位：B、C``); each owner's evidence is the cell it was
written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from plankg.ingest.owners import extract_responsibility
from plankg.models import Evidence, OwnerMention, Section, SourceText, Task
from plankg.vocab import load_vocab

CELL_SEPARATOR = "|"
# Header cells are labels; a longer cell is content that happens to contain a header word.
HEADER_CELL_MAX_CHARS = 16
# A line between rows that is not itself a row is a merged grouping row only if it is this short.
GROUP_LINE_MAX_CHARS = 40
TITLE_MAX_CHARS = 40

COLUMN_KINDS = ("number", "task", "measure", "lead", "support", "responsible", "deadline")
_TASK_KINDS = ("task", "measure")
_OWNER_KINDS = ("lead", "support", "responsible")

_CN_NUMERAL = "一二三四五六七八九十百零〇两"
_GROUP_MARKER = re.compile(
    rf"^(?:(?P<comma>[{_CN_NUMERAL}]+)[、.．]?|[（(](?P<paren>[{_CN_NUMERAL}]+)[）)])"
)
_GROUP_NUMBER_ONLY = re.compile(rf"^(?:[{_CN_NUMERAL}]+[、.．]?|[（(][{_CN_NUMERAL}]+[）)])$")
_ANNEX_LINE = re.compile(
    r"^附\s*件\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[：:]\s*(?P<title>.*))?$"
)
_CLAUSE_VERB = re.compile(r"牵头|负责|配合|协助")
_TITLE_STOP = re.compile(r"[。；;：:]")
_CLAUSE_STOP = re.compile(r"[，,]")
_CHARACTER_POSITION = re.compile(r"at character (\d+)")
_HEADER_NOTE = re.compile(r"[（(][^（）()]*[）)]")


@lru_cache(maxsize=1)
def _header_words() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(word, column kind) longest word first, and the words that rule a cell out."""
    vocab = load_vocab("table_headers")
    pairs = [(word, kind) for kind, words in vocab["columns"].items() for word in words]
    pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
    return tuple(pairs), tuple(vocab["ignored_words"])


def _vocab_list(key: str) -> tuple[str, ...]:
    return tuple(load_vocab("table_headers")[key])


# ------------------------------------------------------------------------------------- cells


@dataclass(frozen=True)
class Cell:
    """One table cell: its stripped text and where that text sits in the plan's clean text."""

    text: str
    start: int
    end: int

    @property
    def filled(self) -> bool:
        return self.text not in _vocab_list("empty_cell_values")


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


def column_kind(header_cell: str) -> str | None:
    """The column a header cell names (``牵头单位`` -> lead), None for any other column."""
    # A bracketed note (责任单位（列第一位的为牵头单位）) qualifies the label, it is not the label.
    text = _HEADER_NOTE.sub("", "".join(header_cell.split()))
    if not text or len(text) > HEADER_CELL_MAX_CHARS:
        return None
    words, ignored = _header_words()
    exact = next((kind for word, kind in words if word == text), None)
    if exact:
        return exact
    if any(word in text for word in ignored):
        return None
    return next((kind for word, kind in words if word in text), None)


def header_columns(cells: list[str]) -> dict[str, list[int]] | None:
    """Column kind -> cell indexes, when the cells form a task-division header row."""
    columns: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        kind = column_kind(cell)
        if kind:
            columns.setdefault(kind, []).append(index)
    has_task = any(k in columns for k in _TASK_KINDS)
    has_owner = any(k in columns for k in _OWNER_KINDS)
    mapped = sum(len(v) for v in columns.values())
    # Most cells of a header are labels; a content row naming 任务 and 牵头 is not.
    if has_task and has_owner and mapped * 2 >= len([c for c in cells if c.strip()]):
        return columns
    return None


# ------------------------------------------------------------------------------------- rows


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
            (c for kind in _TASK_KINDS for c in self.cells.get(kind, [])), key=lambda c: c.start
        )


@dataclass(frozen=True)
class TableBlock:
    """Paragraph indexes of one table: optional title lines, the header row, the last row."""

    first: int  # the title line (附件 / 重点任务分工表) if any, else the header row
    header: int
    last: int
    columns: dict[str, list[int]]
    outer_pipes: bool
    title: str
    number: str  # 附件1 as written, "" when the table has no annex line


@dataclass
class TableOutline:
    sections: list[Section]
    tasks: list[Task]
    rows: dict[str, TableRow]  # task code -> its cells, for the owner reader
    warnings: list[str]


def _is_row(text: str) -> bool:
    return CELL_SEPARATOR in text


def find_tables(source: SourceText) -> list[TableBlock]:
    """Every task-division table of a source, in document order."""
    match_text = source.match_text or source.text
    texts = [match_text[p.start : p.end].strip() for p in source.paragraphs]
    blocks: list[TableBlock] = []
    index = 0
    while index < len(texts):
        columns = _header_at(texts[index])
        if columns is None:
            index += 1
            continue
        outer = texts[index].startswith(CELL_SEPARATOR)
        last = _table_end(texts, index)
        first, title, number = _table_title(texts, index, blocks[-1].last if blocks else -1)
        blocks.append(TableBlock(first, index, last, columns, outer, title, number))
        index = last + 1
    return blocks


def _header_at(text: str) -> dict[str, list[int]] | None:
    if not _is_row(text):
        return None
    cells = [c.text for c in split_cells(text, 0, text.startswith(CELL_SEPARATOR))]
    return header_columns(cells)


def _table_end(texts: list[str], header: int) -> int:
    last = header
    for index in range(header + 1, len(texts)):
        text = texts[index]
        if not text:
            continue
        if _is_row(text):
            if _header_at(text) is not None:
                break  # the next table
            last = index
        elif not (_is_group_line(text) and _next_is_row(texts, index)):
            break
    return last


def _is_group_line(text: str) -> bool:
    return len(text) <= GROUP_LINE_MAX_CHARS and "。" not in text and not _ANNEX_LINE.match(text)


def _next_is_row(texts: list[str], index: int) -> bool:
    following = next((t for t in texts[index + 1 :] if t), "")
    return _is_row(following) or (
        _is_group_line(following) and bool(_GROUP_MARKER.match(following))
    )


def _table_title(texts: list[str], header: int, floor: int) -> tuple[int, str, str]:
    """(first paragraph, title, annex number) from the short lines right above the header row:
    ``附件1`` / ``附件：重点任务分工表`` / ``重点任务分工表``."""
    first, title, number = header, "", ""
    index = header - 1
    for _ in range(2):
        while index > floor and not texts[index]:
            index -= 1
        if index <= floor:
            break
        text = texts[index]
        annex = _ANNEX_LINE.match(text)
        if annex:
            number = text[: annex.end("n")] if annex.group("n") else "附件"
            title = title or (annex.group("title") or "").strip()
            first = index
            break
        if title or not _is_group_line(text) or text.endswith(("：", ":")) or _is_row(text):
            break
        title, first = text, index
        index -= 1
    return first, title or load_vocab("table_headers")["default_table_title"], number


# ------------------------------------------------------------------------------------- outline


@dataclass
class _Group:
    kind: int  # 1 for 一、 (and unmarked groups), 2 for （一）
    path: tuple[int, ...]
    children: int = 0


def parse_table(source: SourceText, block: TableBlock, base: tuple[int, ...]) -> TableOutline:
    """Sections and tasks of one table, coded under ``base`` (``()`` for a table that is the
    plan's whole body, ``(7,)`` for an annex placed as section 7)."""
    name = source.source_name or "the text"
    sections: list[Section] = []
    if base:
        sections.append(_table_section(source, block, base))
    groups: list[_Group] = []
    top = _Group(0, base)
    tasks: list[Task] = []
    rows: dict[str, TableRow] = {}
    warnings: list[str] = []
    current: tuple[Task, TableRow, str, str] | None = None  # task, cells, 序号, task cell

    for index in range(block.header + 1, block.last + 1):
        paragraph = source.paragraphs[index]
        text = source.text[paragraph.start : paragraph.end]
        if not text.strip():
            continue
        if not _is_row(text):
            cells = split_cells(text, paragraph.start, outer_pipes=False)
        else:
            cells = split_cells(text, paragraph.start, block.outer_pipes)
        by_kind = _cells_by_kind(cells, block.columns)
        group = _grouping(cells, by_kind)
        if group is not None:
            number, title, kind = group
            while groups and groups[-1].kind >= kind:
                groups.pop()
            parent = groups[-1] if groups else top
            parent.children += 1
            groups.append(_Group(kind, parent.path + (parent.children,)))
            sections.append(_group_section(groups[-1].path, number, title, cells, parent.path))
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
            path = parent.path + (parent.children,)
            row = TableRow()
            start = paragraph.start + len(text) - len(text.lstrip())
            task = Task(
                code=".".join(map(str, path)),
                number=number,
                title="",
                text=source.text[start : paragraph.end],
                level=len(path),
                section_code=".".join(map(str, parent.path)) or None,
                start=start,
                end=paragraph.end,
            )
            tasks.append(task)
            rows[task.code] = row
            current = (task, row, number, task_cell)
        for kind, kind_cells in by_kind.items():
            for cell in kind_cells:
                row.add(kind, cell)
        task.title = _task_title(row)
        task.deadline = "；".join(row.texts("deadline")) or None
    for task in tasks:
        if not task.title:
            warnings.append(
                f"{name}: table task {task.code} at offset {task.start} has no task text"
            )
    return TableOutline(sections, tasks, rows, warnings)


def _cells_by_kind(cells: list[Cell], columns: dict[str, list[int]]) -> dict[str, list[Cell]]:
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
        marker = _GROUP_MARKER.match(filled[0].text)
        if marker and marker.end() < len(filled[0].text):
            return marker.group(0), filled[0].text[marker.end() :].strip(), _marker_kind(marker)
        return "", filled[0].text, 1
    number = _first_text(by_kind, "number")
    detail = [
        c for k in ("measure", *_OWNER_KINDS, "deadline") for c in by_kind.get(k, []) if c.filled
    ]
    if number and _GROUP_NUMBER_ONLY.match(number) and not detail:
        title = " ".join(c.text for c in filled if c.text != number)
        return number, title, _marker_kind(_GROUP_MARKER.match(number))
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
        code=".".join(map(str, base)),
        number=block.number,
        title=block.title,
        level=len(base),
        parent_code=".".join(map(str, base[:-1])) or None,
        start=first.start + lead,
        end=max(end, first.start + lead),
    )


def _group_section(
    path: tuple[int, ...], number: str, title: str, cells: list[Cell], parent: tuple[int, ...]
) -> Section:
    filled = [c for c in cells if c.filled]
    return Section(
        code=".".join(map(str, path)),
        number=number,
        title=title,
        level=len(path),
        parent_code=".".join(map(str, parent)) or None,
        start=filled[0].start,
        end=filled[-1].end,
    )


# ------------------------------------------------------------------------------------- owners


@dataclass
class _Clause:
    """A responsibility clause built from cells, with a map back to the clean text."""

    text: str = ""
    pieces: list[tuple[int, int, Cell | None, int]] = field(default_factory=list)
    # (start, end) in the clause, the cell the piece was copied from, and the piece's offset

    def label(self, text: str) -> None:
        self.text += text

    def copy(self, cell: Cell, start: int = 0, end: int | None = None) -> None:
        end = len(cell.text) if end is None else end
        self.pieces.append((len(self.text), len(self.text) + end - start, cell, cell.start + start))
        self.text += cell.text[start:end]

    def position(self, clause_index: int) -> tuple[Cell, int] | None:
        """The cell and clean-text offset of a clause position copied from a cell."""
        for start, end, cell, offset in self.pieces:
            if start <= clause_index < end:
                return cell, offset + clause_index - start
        return None


def table_owners(
    row: TableRow, *, first_listed_leads: bool = False
) -> tuple[list[OwnerMention], list[str]]:
    """Owners of a table task, with their roles, each with the cell it is written in as evidence.

    牵头 cells lead and 配合 cells support. A 责任 column reads as ``责任单位：`` (one name sole,
    several each, or the first leads when the plan says so), as the cell's own clause when it has
    one (``A牵头，B配合``), with ``A（牵头）、B`` leading A and B supporting; next to a 牵头
    column, 责任 units support.
    """
    clause = _owner_clause(row)
    if not clause.text:
        return [], []
    responsibility = extract_responsibility(clause.text, 0, first_listed_leads=first_listed_leads)
    owners: list[OwnerMention] = []
    seen: set[tuple[str, str]] = set()
    cursor = 0
    for owner in responsibility.owners:
        found = clause.text.find(owner.raw, cursor)
        located = clause.position(found) if found >= 0 else None
        if located is None:
            continue
        cursor = found + len(owner.raw)
        cell = located[0]
        owner.evidence = Evidence(phrase=cell.text, start=cell.start, end=cell.end)
        if (owner.name, owner.role) not in seen:
            seen.add((owner.name, owner.role))
            owners.append(owner)
    return owners, [_located_warning(w, clause) for w in responsibility.warnings]


def _located_warning(warning: str, clause: _Clause) -> str:
    def at(match: re.Match[str]) -> str:
        located = clause.position(int(match.group(1)))
        return f"at character {located[1]}" if located else "in a table cell"

    return _CHARACTER_POSITION.sub(at, warning)


def _owner_clause(row: TableRow) -> _Clause:
    lead, support, responsible = (row.cells.get(kind, []) for kind in _OWNER_KINDS)
    if (
        responsible
        and not lead
        and not support
        and any(_CLAUSE_VERB.search(_without_markers(c.text)) for c in responsible)
    ):
        return _bracket_clause(responsible)
    markers = _vocab_list("lead_markers")
    if any(m in c.text for c in (*lead, *support, *responsible) for m in markers):
        lead_names, support_names, responsible_names = _names_by_marker(lead, support, responsible)
    else:
        lead_names, support_names, responsible_names = (
            [(c, 0, len(c.text)) for c in cells] for cells in (lead, support, responsible)
        )
    if lead_names:
        support_names, responsible_names = support_names + responsible_names, []
    clause = _Clause()
    for label, names in (
        ("牵头单位：", lead_names),
        ("配合单位：", support_names),
        ("责任单位：", responsible_names),
    ):
        _labelled(clause, f"；{label}" if clause.text else label, names)
    return clause


def _labelled(clause: _Clause, label: str, names: list[tuple[Cell, int, int]]) -> None:
    if not names:
        return
    clause.label(label)
    for number, (cell, start, end) in enumerate(names):
        if number:
            clause.label("、")
        clause.copy(cell, start, end)


def _bracket_clause(cells: list[Cell]) -> _Clause:
    clause = _Clause()
    clause.label("（")
    for number, cell in enumerate(cells):
        if number:
            clause.label("，")
        clause.copy(cell)
    clause.label("）")
    return clause


def _without_markers(text: str) -> str:
    for marker in _vocab_list("lead_markers"):
        text = text.replace(marker, "")
    return text


_NameSpan = tuple[Cell, int, int]  # a name inside a cell: cell.text[start:end]


def _names_by_marker(
    lead: list[Cell], support: list[Cell], responsible: list[Cell]
) -> tuple[list[_NameSpan], list[_NameSpan], list[_NameSpan]]:
    """Names of the owner cells when a lead marker is written in one (``A（牵头）、B``): marked
    names lead, the others keep their column's role. Names are cut by the owner reader's own
    list splitter, and the marker is left out of the name."""
    markers = _vocab_list("lead_markers")
    lead_names: list[_NameSpan] = []
    support_names: list[_NameSpan] = []
    responsible_names: list[_NameSpan] = []
    for cells, unmarked in (
        (lead, lead_names),
        (support, support_names),
        (responsible, responsible_names),
    ):
        for cell in cells:
            cursor = 0
            for owner in extract_responsibility("责任单位：" + cell.text).owners:
                start = cell.text.find(owner.raw, cursor)
                if start < 0:
                    continue
                cursor = start + len(owner.raw)
                marker = next((m for m in markers if owner.raw.endswith(m)), None)
                end = cursor - len(marker) if marker else cursor
                (lead_names if marker else unmarked).append((cell, start, end))
    return lead_names, support_names, responsible_names
