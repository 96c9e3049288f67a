"""Owner cells: the owners of a table task, with roles, each with its cell as evidence.

Owners are read by :func:`plankg.ingest.owners.extract_responsibility` from a clause built out of
the owner cells (``牵头单位：A；配合单位：B、C``), so a cell's names are split, grouped and
labelled exactly as a written clause would be; each owner's evidence is the cell it was written
in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.ingest.cues import cell_verbs
from plankg.ingest.owners import extract_responsibility
from plankg.ingest.tables.cells import Cell
from plankg.ingest.tables.columns import OWNER_KINDS, vocab_list
from plankg.ingest.tables.rows import TableRow
from plankg.models import Evidence, OwnerMention

_CLAUSE_VERB = re.compile(cell_verbs())
_CHARACTER_POSITION = re.compile(r"at character (\d+)")


@dataclass
class _Clause:
    """A responsibility clause built from cells, with a map back to the clean text."""

    text: str = ""
    pieces: list[tuple[int, int, Cell, int]] = field(default_factory=list)
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
    lead, support, responsible = (row.cells.get(kind, []) for kind in OWNER_KINDS)
    if (
        responsible
        and not lead
        and not support
        and any(_CLAUSE_VERB.search(_without_markers(c.text)) for c in responsible)
    ):
        return _bracket_clause(responsible)
    markers = vocab_list("lead_markers")
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
    for marker in vocab_list("lead_markers"):
        text = text.replace(marker, "")
    return text


_NameSpan = tuple[Cell, int, int]  # a name inside a cell: cell.text[start:end]


def _names_by_marker(
    lead: list[Cell], support: list[Cell], responsible: list[Cell]
) -> tuple[list[_NameSpan], list[_NameSpan], list[_NameSpan]]:
    """Names of the owner cells when a lead marker is written in one (``A（牵头）、B``): marked
    names lead, the others keep their column's role. Names are cut by the owner reader's own
    list splitter, and the marker is left out of the name."""
    markers = vocab_list("lead_markers")
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
