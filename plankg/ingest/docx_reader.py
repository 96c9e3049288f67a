""".docx -> raw lines: paragraphs and table rows in document order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from plankg.errors import (
    CorruptDocument,
    FileTooLarge,
)
from plankg.ingest.clean import CELL_SEPARATOR
from plankg.settings import get_settings

if TYPE_CHECKING:
    from docx.table import Table


def docx_text(data: bytes, name: str) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    check_expansion(data, name)
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


def check_expansion(data: bytes, name: str) -> None:
    """Refuse a .docx whose parts would expand past the configured size or ratio, from the zip
    directory alone, before any part is decompressed. The declared sizes can be trusted that
    far: zipfile stops a part at its declared size and fails its CRC if it holds more."""
    settings = get_settings()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CorruptDocument(f"{name}: not a readable .docx ({type(exc).__name__})") from exc
    expanded = sum(part.file_size for part in parts)
    limit = settings.max_docx_expanded_mb * 2**20
    if expanded > limit:
        raise FileTooLarge(
            f"{name}: the .docx expands to {expanded} bytes, over the limit of {limit} bytes"
        )
    ratio = expanded / max(len(data), 1)
    if ratio > settings.max_docx_ratio:
        raise FileTooLarge(
            f"{name}: the .docx expands {ratio:.0f} times its size (a zip bomb?), over the "
            f"limit of {settings.max_docx_ratio}"
        )
