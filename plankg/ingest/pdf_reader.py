"""PDF -> clean paragraphs: page artefacts dropped, lines wrapped at the margin re-joined by geometry."""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from plankg.errors import (
    CorruptDocument,
    FileTooLarge,
    NoTextLayer,
)
from plankg.ingest.clean import (
    clean_text,
    glue_pieces,
    is_table_row,
    normalize_line,
    starts_new_paragraph,
    strip_page_artefacts,
)
from plankg.models import SourceText
from plankg.script import simplified_twin
from plankg.settings import get_settings

_LATIN_WORD = re.compile(r"[A-Za-z0-9.%+\-]+")
_LATIN_CHAR_EM = 0.6


@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def read_pdf(data: bytes, name: str) -> SourceText:
    import pdfplumber

    warnings: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            check_page_count(len(pdf.pages), name)
            pages = [
                [
                    _PdfLine(ln["text"], ln["x0"], ln["x1"], ln["top"], ln["bottom"])
                    for ln in page.extract_text_lines(strip=True, return_chars=False)
                    if ln["text"].strip()
                ]
                for page in pdf.pages
            ]
    except FileTooLarge:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for a broken file
        raise CorruptDocument(f"{name}: not a readable PDF ({type(exc).__name__})") from exc
    if not any(pages):
        raise NoTextLayer(f"{name}: scanned PDF: no text layer; run OCR first")
    blank = [i + 1 for i, page in enumerate(pages) if not page]
    if blank:
        warnings.append(f"{name}: pages without a text layer (scanned?): {blank}")
    pages = _drop_pdf_artefacts(pages)
    source = clean_text("\n".join(_pdf_paragraphs(pages)), source_name=name, source_format="pdf")
    source.warnings[:0] = warnings
    return source


def check_page_count(pages: int, name: str) -> None:
    """Refuse a PDF of more pages than configured before any page's text is extracted (the
    page tree is read, the pages' content is not)."""
    limit = get_settings().max_pdf_pages
    if pages > limit:
        raise FileTooLarge(f"{name}: {pages} pages is over the limit of {limit} pages")


def _drop_pdf_artefacts(pages: list[list[_PdfLine]]) -> list[list[_PdfLine]]:
    kept_texts = strip_page_artefacts([[ln.text for ln in page] for page in pages])
    kept = []
    for page, texts in zip(pages, kept_texts, strict=True):
        remaining = Counter(texts)
        page_kept = []
        for line in page:
            text = line.text.strip()
            if remaining[text] > 0:
                remaining[text] -= 1
                page_kept.append(line)
        kept.append(page_kept)
    return kept


def _pdf_paragraphs(pages: list[list[_PdfLine]]) -> list[str]:
    """Join lines that the PDF wrapped at its right margin.

    A line was wrapped when the next line's first word would not have fitted after it and the
    next line starts at the left margin with no extra vertical gap; a paragraph's last line
    stops short, or the next one is indented or set apart. This also joins a wrap right after
    a 。, which text rules cannot see. What geometry leaves apart, :func:`clean_text` may still
    join by the text rules.
    """
    if not any(pages):
        return []
    full_pages = [page for page in pages if len(page) >= 5]
    document_right = statistics.median(max(ln.x1 for ln in p) for p in full_pages or pages if p)
    paragraphs: list[list[str]] = []
    room_after_previous: float | None = None  # space the previous line left before the margin
    for page in pages:
        if not page:
            continue
        char_width = _char_width(page)
        left = min(ln.x0 for ln in page)
        right = max(ln.x1 for ln in page) if len(page) >= 5 else document_right
        gap = _line_gap(page)
        for index, line in enumerate(page):
            text = normalize_line(line.text)
            text = simplified_twin(text) or text
            indented = line.x0 > left + 0.8 * char_width
            set_apart = index > 0 and line.top - page[index - 1].bottom > gap + 0.6 * (
                line.bottom - line.top
            )
            wrapped = (
                room_after_previous is not None
                and room_after_previous < _first_word_width(text, char_width) + 0.5 * char_width
                and not indented
                and not set_apart
                and not starts_new_paragraph(text)
                and not is_table_row(text)
            )
            if wrapped and paragraphs:
                paragraphs[-1].append(line.text)
            else:
                paragraphs.append([line.text])
            room_after_previous = right - line.x1
    return [glue_pieces(pieces) for pieces in paragraphs]


def _first_word_width(text: str, char_width: float) -> float:
    # Latin words and numbers move to the next line whole; a Chinese character is one em wide,
    # a Latin character about half of that.
    word = _LATIN_WORD.match(text)
    return _LATIN_CHAR_EM * char_width * len(word.group(0)) if word else char_width


def _char_width(page: list[_PdfLine]) -> float:
    widths = [(ln.x1 - ln.x0) / len(ln.text) for ln in page if len(ln.text) >= 4]
    return statistics.median(widths) if widths else 10.0


def _line_gap(page: list[_PdfLine]) -> float:
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(page) if b.top > a.bottom]
    return statistics.median(gaps) if gaps else 0.0
