"""Reader: a plan file (.txt/.md, .docx, .pdf, .html) becomes clean logical paragraphs.

Every format first yields raw lines; :func:`clean_text` then does the work they share:
whitespace and width normalisation, markdown stripping, and re-joining paragraphs that exports
broke across lines (``…到2025`` / ``年，全市…``) while keeping the 公文 header block, headings
and table rows on their own lines.

Choices that later stages rely on:

* ASCII parentheses around Chinese text or a bare number become full-width: ``(一)`` → ``（一）``,
  ``(A科负责)`` → ``（A科负责）``; ``(PM2.5)`` stays as written.
* Full-width digits, letters and ``％`` become ASCII; ``．`` after a digit becomes ``.``; a dash
  between digits becomes ``-`` (``2023—2025年`` → ``2023-2025年``).
* Spaces next to Chinese text are removed, including the one after a numeric marker
  (``1. 有色`` → ``1.有色``); a space between two ASCII words is kept.
* ``SourceText.text`` keeps the document's own script; ``match_text`` is its simplified twin,
  character for character, so offsets are shared.
"""

from __future__ import annotations

from pathlib import Path

from plankg.errors import (
    FileTooLarge,
    SourceNotFound,
    UnsupportedFormat,
)
from plankg.ingest.clean import (
    clean_text,
    continues_paragraph,
    is_heading,
    is_table_row,
    join_broken_lines,
    normalize_line,
    stands_alone,
    starts_new_paragraph,
    strip_page_artefacts,
)
from plankg.ingest.decode import decode, decode_text
from plankg.models import SourceText
from plankg.script import simplified_twin
from plankg.settings import get_settings

__all__ = [
    "FORMAT_BY_EXTENSION",
    "SUPPORTED_EXTENSIONS",
    "clean_text",
    "continues_paragraph",
    "decode_text",
    "is_heading",
    "is_table_row",
    "join_broken_lines",
    "normalize_line",
    "read_bytes",
    "read_source",
    "simplified_twin",
    "stands_alone",
    "starts_new_paragraph",
    "strip_page_artefacts",
]

FORMAT_BY_EXTENSION = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
SUPPORTED_EXTENSIONS = ", ".join(FORMAT_BY_EXTENSION)


# ================================================================================================
# Public API
# ================================================================================================


def read_source(path: str | Path, *, max_bytes: int | None = None) -> SourceText:
    """Read a plan file into clean paragraphs.

    ``max_bytes=None`` applies the configured ``PLANKG_MAX_FILE_MB`` limit.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise SourceNotFound(f"{path}: is a directory, not a file")
        if not path.exists():
            raise SourceNotFound(f"{path}: no such file")
        source_format = _format_of(path.name)
        size = path.stat().st_size
        _check_size(path.name, size, max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise SourceNotFound(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return _read(data, path.name, source_format)


def read_bytes(data: bytes, name: str, *, max_bytes: int | None = None) -> SourceText:
    """Read an in-memory upload; the format comes from ``name``'s extension."""
    source_format = _format_of(name)
    _check_size(name, len(data), max_bytes)
    return _read(data, name, source_format)


def _read(data: bytes, name: str, source_format: str) -> SourceText:
    # Format libraries are imported on first use: reading a .txt need not load pdfminer.
    if source_format == "txt":
        decoded = decode(data, name)
        source = clean_text(
            decoded.text, source_name=name, source_format="txt", encoding=decoded.encoding
        )
        source.warnings[:0] = decoded.warnings
        return source
    if source_format == "docx":
        from plankg.ingest.docx_reader import docx_text

        return clean_text(docx_text(data, name), source_name=name, source_format="docx")
    if source_format == "pdf":
        from plankg.ingest.pdf_reader import read_pdf

        return read_pdf(data, name)
    from plankg.ingest.html_reader import read_html

    return read_html(data, name)


def _format_of(name: str) -> str:
    extension = Path(name).suffix.lower()
    if extension not in FORMAT_BY_EXTENSION:
        shown = extension or "no extension"
        raise UnsupportedFormat(
            f"{name}: unsupported format ({shown}); supported: {SUPPORTED_EXTENSIONS}"
        )
    return FORMAT_BY_EXTENSION[extension]


def _check_size(name: str, size: int, max_bytes: int | None) -> None:
    limit = max_bytes if max_bytes is not None else get_settings().max_file_mb * 1024 * 1024
    if size > limit:
        raise FileTooLarge(f"{name}: {size} bytes is over the limit of {limit} bytes")
