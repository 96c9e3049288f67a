"""The one sort key for task and section codes (4.1.2), shared by the store, the read layer and
the outputs: outline order, so 4.2 comes before 4.10."""

from __future__ import annotations


def code_key(code: str | None) -> tuple[tuple[int, str], ...]:
    """Numeric parts compare as numbers; a part that is not a number sorts before the numbers at
    its level, by its text (None sorts as the empty code)."""
    return tuple((int(p), "") if p.isdigit() else (0, p) for p in (code or "").split("."))
