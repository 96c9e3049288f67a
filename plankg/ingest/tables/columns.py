"""Column inference: which column of a task-division table a header cell names.

The words live in the ``table_headers`` vocabulary: a header cell maps to the column kind whose
word it equals, else to the kind of the longest word it contains; a cell with an ignored word
(a person, a remark) or shaped like a table title (``…分工表``) names no column.
"""

from __future__ import annotations

import re
from functools import lru_cache

from plankg.vocab import load_vocab

# Header cells are labels; a longer cell is content that happens to contain a header word.
HEADER_CELL_MAX_CHARS = 16

COLUMN_KINDS = ("number", "task", "measure", "lead", "support", "responsible", "deadline")
TASK_KINDS = ("task", "measure")
OWNER_KINDS = ("lead", "support", "responsible")

_HEADER_NOTE = re.compile(r"[（(][^（）()]*[）)]")

Columns = dict[str, list[int]]  # column kind -> cell indexes


@lru_cache(maxsize=1)
def _header_words() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...]]:
    """(word, column kind) longest word first, the words that rule a cell out, and the endings
    of a table's title."""
    vocab = load_vocab("table_headers")
    pairs = [(word, kind) for kind, words in vocab["columns"].items() for word in words]
    pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
    return tuple(pairs), tuple(vocab["ignored_words"]), tuple(vocab["title_endings"])


def vocab_list(key: str) -> tuple[str, ...]:
    return tuple(load_vocab("table_headers")[key])


def header_label(cell: str) -> str:
    """A header cell as compared with the vocabulary: spaces and a bracketed note
    (责任单位（列第一位的为牵头单位）) left out; the note qualifies the label, it is not the label."""
    return _HEADER_NOTE.sub("", "".join(cell.split()))


def column_kind(header_cell: str) -> str | None:
    """The column a header cell names (``牵头单位`` -> lead), None for any other column."""
    text = header_label(header_cell)
    if not text or len(text) > HEADER_CELL_MAX_CHARS:
        return None
    words, ignored, title_endings = _header_words()
    exact = next((kind for word, kind in words if word == text), None)
    if exact:
        return exact
    if any(word in text for word in ignored) or text.endswith(title_endings):
        return None
    return next((kind for word, kind in words if word in text), None)


def header_columns(cells: list[str]) -> Columns | None:
    """Column kind -> cell indexes, when the cells form a task-division header row."""
    columns: Columns = {}
    for index, cell in enumerate(cells):
        kind = column_kind(cell)
        if kind:
            columns.setdefault(kind, []).append(index)
    has_task = any(k in columns for k in TASK_KINDS)
    has_owner = any(k in columns for k in OWNER_KINDS)
    mapped = sum(len(v) for v in columns.values())
    # Most cells of a header are labels; a content row naming 任务 and 牵头 is not.
    if has_task and has_owner and mapped * 2 >= len([c for c in cells if c.strip()]):
        return columns
    return None
