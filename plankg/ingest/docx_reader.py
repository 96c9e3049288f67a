""".docx -> raw lines: paragraphs and table rows in document order."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from plankg.errors import (
    CorruptDocument,
)
from plankg.ingest.clean import CELL_SEPARATOR

if TYPE_CHECKING:
    from docx.table import Table


def docx_text(data: bytes, name: str) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, lxml and KeyError alike
        raise CorruptDocument(f"{name}: not a readable .docx ({type(exc).__name__})") from exc
    lines: list[str] = []
    # The body's XML children keep paragraphs and tables in document order.
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(DocxParagraph(child, document).text)
        elif tag == "tbl":
            lines.extend(_docx_table_rows(Table(child, document)))
    return "\n".join(lines)


def _docx_table_rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # python-docx repeats a merged cell once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        yield CELL_SEPARATOR.join(cells)
