"""Detection: where each task-division table of a plan starts and ends, and its title.

A table starts at a header row whose cells name a task or measure column and an owner column
(see :mod:`plankg.ingest.tables.columns`); it runs over the rows that follow, over a header row
repeated with the same columns (a table continued on the next page), and over short lines
between rows (a grouping row the reader left as one cell because it was merged across the
table). The short lines right above the header give its title and annex number (``附件1`` /
``附件：重点任务分工表``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.tables.cells import CELL_SEPARATOR, is_row, row_texts
from plankg.ingest.tables.columns import Columns, header_columns
from plankg.models import SourceText
from plankg.vocab import load_vocab

# A line between rows that is not itself a row is a merged grouping row only if it is this short.
GROUP_LINE_MAX_CHARS = 40

CN_NUMERAL = "一二三四五六七八九十百零〇两"
GROUP_MARKER = re.compile(
    rf"^(?:(?P<comma>[{CN_NUMERAL}]+)[、.．]?|[（(](?P<paren>[{CN_NUMERAL}]+)[）)])"
)
ANNEX_LINE = re.compile(
    r"^附\s*件\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[：:]\s*(?P<title>.*))?$"
)


@dataclass(frozen=True)
class TableBlock:
    """Paragraph indexes of one table: optional title lines, the header row, the last row."""

    first: int  # the title line (附件 / 重点任务分工表) if any, else the header row
    header: int
    last: int
    columns: Columns
    outer_pipes: bool
    title: str
    number: str  # 附件1 as written, "" when the table has no annex line


def find_tables(source: SourceText) -> list[TableBlock]:
    """Every task-division table of a source, in document order."""
    match_text = source.match_text or source.text
    texts = [match_text[p.start : p.end].strip() for p in source.paragraphs]
    blocks: list[TableBlock] = []
    index = 0
    while index < len(texts):
        columns = header_at(texts[index])
        if columns is None:
            index += 1
            continue
        outer = texts[index].startswith(CELL_SEPARATOR)
        last = _table_end(texts, index, columns)
        first, title, number = _table_title(texts, index, blocks[-1].last if blocks else -1)
        blocks.append(TableBlock(first, index, last, columns, outer, title, number))
        index = last + 1
    return blocks


def header_at(text: str) -> Columns | None:
    """The columns of a header row paragraph, None for any other paragraph."""
    if not is_row(text):
        return None
    return header_columns(row_texts(text))


def is_group_line(text: str) -> bool:
    return len(text) <= GROUP_LINE_MAX_CHARS and "。" not in text and not ANNEX_LINE.match(text)


def _table_end(texts: list[str], header: int, columns: Columns) -> int:
    last = header
    for index in range(header + 1, len(texts)):
        text = texts[index]
        if not text:
            continue
        if is_row(text):
            repeated = header_at(text)
            if repeated is not None and repeated != columns:
                break  # the next table
            last = index
        elif not (is_group_line(text) and _next_is_row(texts, index)):
            break
    return last


def _next_is_row(texts: list[str], index: int) -> bool:
    following = next((t for t in texts[index + 1 :] if t), "")
    return is_row(following) or (is_group_line(following) and bool(GROUP_MARKER.match(following)))


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
        annex = ANNEX_LINE.match(text)
        if annex:
            number = text[: annex.end("n")] if annex.group("n") else "附件"
            title = title or (annex.group("title") or "").strip()
            first = index
            break
        if title or not is_group_line(text) or text.endswith(("：", ":")) or is_row(text):
            break
        title, first = text, index
        index -= 1
    return first, title or load_vocab("table_headers")["default_table_title"], number
