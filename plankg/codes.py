"""Outline order of task codes, one rule for every layer.

A code is the path of a task's written numbers (``4.1.10``); outline order compares the numbers,
so ``4.2`` comes before ``4.10``. A part that is not a number (an annex prefix ``A1``) counts as 0.
The store keeps :func:`code_sort_key` on every task so a query can order and page in the database;
it sorts as text exactly as :func:`code_key` sorts as a tuple.
"""

from __future__ import annotations

# Nine digits per part: written numbers stay far below a billion, and a fixed width makes text
# order equal number order.
_PART_WIDTH = 9


def code_key(code: str | None) -> tuple[int, ...]:
    """Outline order: 4.2 before 4.10."""
    return tuple(int(p) if p.isdigit() else 0 for p in (code or "").split("."))


def code_sort_key(code: str | None) -> str:
    """The outline order of a code as text: each part zero-padded, a shorter path first."""
    return ".".join(str(part).zfill(_PART_WIDTH) for part in code_key(code))
