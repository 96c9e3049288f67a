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

import codecs
import hashlib
import io
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from plankg.errors import (
    CorruptDocument,
    EmptyDocument,
    FileTooLarge,
    NoTextLayer,
    SourceNotFound,
    UndecodableText,
    UnsupportedFormat,
)
from plankg.ingest.tables.flat import rebuild_flat_tables
from plankg.ingest.tables.spans import SpanCell, grid_rows, span_of
from plankg.models import Paragraph, SourceText
from plankg.settings import get_settings

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

# Encodings a Chinese official document can plausibly be in; anything else charset-normalizer
# proposes for a file that is not UTF-8 means we are looking at something that is not such a text.
_CHINESE_ENCODINGS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "hz": "hz",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
    "ascii": "utf-8",
    "utf_8": "utf-8",
}
_MAX_CONTROL_SHARE = 0.01

# --- character classes -------------------------------------------------------------------------

_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201d\u2026\u2014\u00b7"
    "\U00020000-\U0002ffff"
)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_CN_NUM = "一二三四五六七八九十百零〇"

# One translate pass per line: odd spaces become spaces, invisible characters go, and full-width
# digits/letters/％ become ASCII so numbers parse the same however they were typed.
_LINE_TABLE = {
    **{
        ord(c): " "
        for c in "\t\u00a0\u1680\u202f\u205f\u3000\u2000\u2001\u2002\u2003\u2004"
        "\u2005\u2006\u2007\u2008\u2009\u200a\v"
    },
    **{ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
    ord("％"): "%",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")

# --- per-line normalisation --------------------------------------------------------------------

_MD_HEADING = re.compile(r"^#{1,6}\s*")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__([^_\s](?:[^_]*?[^_\s])?)__")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_FULLWIDTH_POINT = re.compile(r"(?<=\d)．")
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d)\s*[－–—]{1,2}\s*(?=\d)")
_DASH_CHAR = re.compile(r"[－–—]")
_ASCII_PARENS = re.compile(r"[(（]([^()（）\n]*)[)）]")
_SPACES = re.compile(r" {2,}")
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[^\s|])|(?<=[^\s|]) (?=[{_CJK}])")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d) (?=[%‰℃])|(?<=\d) (?=[.]\d)|(?<=\d[.]) (?=\d)")
# A numbered heading whose title starts with a digit (`1. 5G产业链`): the space is all that tells
# the marker from a decimal, so it stays.
_MARKER_BEFORE_DIGIT = re.compile(r"^(\d{1,2}\.) (?=\d)")

# --- line roles --------------------------------------------------------------------------------

_HEADING_MARKER = re.compile(
    rf"^(?:[{_CN_NUM}]+[、.]"
    rf"|（[{_CN_NUM}]+）"
    r"|\d{1,3}(?:[.、](?!\d)|）)"
    r"|（\d{1,3}）"
    rf"|第[{_CN_NUM}\d]+[章节条部分篇]"
    r"|[①-⑳]"
    r"|附件\s*\d*(?:[：:]|$))"
)
_ARTICLE_MARKER = re.compile(rf"^第[{_CN_NUM}\d]+条")
_FIELD_LABEL = re.compile(rf"^[{_HAN}]{{2,6}}[：:]")
_DOC_NUMBER = re.compile(r"^.{0,24}[〔\[【（]\s*\d{4}\s*[〕\]】）]\s*\d{1,5}\s*号$")
_DATE_LINE = re.compile(
    r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日(?:印发|发布|起施行)?$"
)
_TITLE_LINE = re.compile(r"^关于.+(?:通知|意见|决定|批复|函|报告|通报|请示|公告|通告)$")
_ISSUER_ENDING = re.compile(
    r"(?:文件|局|委员会|委|办公室|办|厅|人民政府|政府|部|院|署|中心|公司|集团|协会|科|处|室)$"
)
_GENRE_ENDING = re.compile(r"(?:计划|方案|规划|意见|通知|办法|细则|纲要|要点|措施|决定|规定|条例)$")
_RESPONSIBILITY_CLAUSE = re.compile(r"^（[^（）]*(?:负责|牵头|配合|责任|承办)[^（）]*）[。；;]?$")
_SENTENCE_END = re.compile(r"(?:[。！？；：!?;:…．.][”’\"'」』）)】]*|[）)])$")
_OPEN_END = re.compile(r"[，、,]$")
_CONTINUATION_START = re.compile(r"^[，。、；：！？,;:!?）)」』》”’]")
_SENTENCE_PUNCT = re.compile(r"[，。、；：！？,;:!?]")
_SENTENCE_STOP = re.compile(r"[。；！？]")
_ASCII_WORD_END = re.compile(r"[A-Za-z]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z]")

_LABEL_MAX_CHARS = 30  # issuer and signature lines are short and carry no punctuation
_HEADING_MAX_CHARS = 50
_STANDALONE_MAX_CHARS = 120

# --- page artefacts (PDF pages, or form-feed pages of a text export) ---------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~_·\s]*\d{1,4}[-—–－~_·\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_LATIN_WORD = re.compile(r"[A-Za-z0-9.%+\-]+")
_LATIN_CHAR_EM = 0.6
_EDGE_LINES = 2  # running headers/footers and page numbers live in a page's first/last lines
_RUNNING_SHARE = 0.6

_HTML_DROP = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "iframe",
    "button",
    "select",
    "textarea",
    "template",
    "svg",
)
_HTML_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "center",
    "figure",
    "figcaption",
    "caption",
    "body",
    "address",
    "hr",
}
_HTML_CELLS = {"td", "th"}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_CJK_CHAR = re.compile(rf"[{_HAN}]")
_CELL_SEPARATOR = " | "
_HTML_SPACE = re.compile(r"\s+")


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


def clean_text(
    raw: str,
    *,
    source_name: str = "",
    source_format: str = "txt",
    encoding: str = "utf-8",
) -> SourceText:
    """Normalise raw text and re-join broken paragraphs; the step every format ends with."""
    warnings: list[str] = []
    raw = _NEWLINES.sub("\n", raw)
    controls = len(_CONTROL.findall(raw))
    if controls:
        warnings.append(f"{source_name}: removed {controls} control characters")
        raw = _CONTROL.sub("", raw)
    if "\ufffd" in raw:
        warnings.append(
            f"{source_name}: {raw.count(chr(0xFFFD))} undecodable characters (U+FFFD) kept as is"
        )
    pages = raw.split("\f")
    if len(pages) > 1:
        lines = [
            line for page in strip_page_artefacts([p.split("\n") for p in pages]) for line in page
        ]
    else:
        lines = raw.split("\n")
    # Blank lines still separate cells here: a table flattened one cell per line is rebuilt
    # into rows before they go.
    lines = [clean for clean in rebuild_flat_tables([normalize_line(x) for x in lines]) if clean]
    # Line roles (关于…的通知, 号, 负责 …) are recognised on the simplified twin, so a traditional
    # document is split the same way as its simplified version.
    twin = simplified_twin("\n".join(lines))
    paragraphs = join_broken_lines(lines, roles=twin.split("\n") if twin else None)
    if not paragraphs:
        raise EmptyDocument(f"{source_name or 'input'}: the document contains no text")
    return _source_text(paragraphs, source_name, source_format, encoding, warnings)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in (detected, never assumed)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding), name), encoding
            except UnicodeDecodeError as exc:
                raise UndecodableText(
                    f"{name}: binary or undecodable: {encoding} byte-order mark but invalid "
                    f"{encoding} at byte {exc.start}"
                ) from exc
    if b"\x00" in data:
        raise UndecodableText(f"{name}: binary or undecodable: contains NUL bytes")
    try:
        return _checked_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _detect_chinese_encoding(data)
    if encoding is None:
        raise UndecodableText(f"{name}: binary or undecodable: no Chinese text encoding detected")
    try:
        return _checked_text(data.decode(encoding), name), encoding
    except UnicodeDecodeError as exc:
        raise UndecodableText(
            f"{name}: binary or undecodable: invalid {encoding} at byte {exc.start}"
        ) from exc


_TAB_CELLS = re.compile(r"\t+")


def normalize_line(line: str) -> str:
    """One raw line, cleaned: width, markdown, parentheses and spacing normalised."""
    if line.count("\t") >= 2 and len(line.strip("\t ").split("\t")) >= 3:
        # A tab-separated table row (a spreadsheet pasted into text): keep its cells apart
        # the way the .docx and .html readers do, so the table reader sees them.
        line = " | ".join(c.strip() for c in _TAB_CELLS.split(line.strip("\t ")))
    line = line.translate(_LINE_TABLE).strip()
    if not line:
        return ""
    # Each rule runs only on lines holding the characters it rewrites: most lines hold none.
    if "#" in line:
        line = _MD_HEADING.sub("", line)
    if "-" in line and _MD_TABLE_RULE.match(line):
        return ""
    if "*" in line or "_" in line:
        line = _MD_BOLD.sub(lambda m: m.group(1) or m.group(2), line).replace("**", "")
    if "．" in line:
        line = _FULLWIDTH_POINT.sub(".", line)
    if _DASH_CHAR.search(line):
        line = _DASH_BETWEEN_DIGITS.sub("-", line)
    if "(" in line or "（" in line:
        line = _ASCII_PARENS.sub(_fullwidth_parens, line)
    if " " in line:
        line = _SPACES.sub(" ", line)
        marker = _MARKER_BEFORE_DIGIT.match(line)
        if marker:
            line = line[marker.end() :]
        line = _SPACE_NEXT_TO_CJK.sub("", line)
        line = _SPACE_IN_NUMBER.sub("", line)
        if marker:
            line = f"{marker.group(1)} {line}"
    return line.strip()


def join_broken_lines(lines: list[str], roles: list[str] | None = None) -> list[str]:
    """Clean lines → logical paragraphs (see :func:`continues_paragraph`).

    ``roles`` is a parallel list the joining decisions are made on (the simplified twin of
    ``lines``); the paragraphs are always built from ``lines``.
    """
    roles = roles if roles is not None else lines
    paragraphs: list[list[str]] = []
    paragraph_roles: list[str] = []
    for line, role in zip(lines, roles):
        if not line:
            continue
        if paragraphs and continues_paragraph(paragraph_roles, role):
            paragraphs[-1].append(line)
            paragraph_roles.append(role)
        else:
            paragraphs.append([line])
            paragraph_roles = [role]
    return [_glue_all(pieces) for pieces in paragraphs]


def continues_paragraph(pieces: list[str], line: str) -> bool:
    """Whether ``line`` continues the paragraph made so far of ``pieces``.

    Exports break lines anywhere; a line that ends without sentence-final punctuation normally
    runs on. What must stay alone: table rows, headings (一、 / （一） / 1. …), the 公文 header
    block (文件 line, document number, 关于…的通知 title, issuer and date) and short unpunctuated
    label lines. A responsibility clause alone on a line, ``（A科负责）``, closes the paragraph
    before it.
    """
    last = pieces[-1]
    alone = _stands_alone_so_far(pieces)
    if is_table_row(last) or is_table_row(line):
        return False
    if _RESPONSIBILITY_CLAUSE.match(line):
        return not alone
    if starts_new_paragraph(line):
        return False
    if _CONTINUATION_START.match(line):
        return True
    if _SENTENCE_END.search(last):
        return False
    if _OPEN_END.search(last):
        return True
    return not alone


def _stands_alone_so_far(pieces: list[str]) -> bool:
    # Every line that stands alone is short or unpunctuated, so a long paragraph never does;
    # checking the joined pieces catches a title that was itself wrapped.
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > _STANDALONE_MAX_CHARS:
            return len(pieces) == 1 and stands_alone(piece)
    return stands_alone("".join(pieces))


def is_heading(line: str) -> bool:
    """A numbered heading alone on its line: ``四、产业升级，夯实…基础`` but not
    ``1.有色金属产业。重点打造…`` (a task whose text follows on the same line)."""
    return (
        bool(_HEADING_MARKER.match(line))
        and not _ARTICLE_MARKER.match(line)
        and not _SENTENCE_STOP.search(line)
        and len(line) <= _HEADING_MAX_CHARS
    )


def starts_new_paragraph(line: str) -> bool:
    """Lines that open a paragraph whatever precedes them."""
    return bool(
        _HEADING_MARKER.match(line)
        or _FIELD_LABEL.match(line)
        or _DOC_NUMBER.match(line)
        or _DATE_LINE.match(line)
    )


def stands_alone(line: str) -> bool:
    """Lines that never run on into the next one: headings and the 公文 header block (文件 line,
    document number, 关于…的通知, issuer, date, plan title) — recognised by form, since a short
    unpunctuated line can also be the start of a broken sentence (``到2025``)."""
    if (
        is_heading(line)
        or _DOC_NUMBER.match(line)
        or _DATE_LINE.match(line)
        or _TITLE_LINE.match(line)
    ):
        return True
    if _SENTENCE_PUNCT.search(line):
        return False
    return bool(
        (len(line) <= _LABEL_MAX_CHARS and _ISSUER_ENDING.search(line))
        or _GENRE_ENDING.search(line)
    )


def is_table_row(line: str) -> bool:
    return "|" in line and sum(1 for cell in line.split("|") if cell.strip()) >= 2


def strip_page_artefacts(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running headers/footers from each page's first and last lines."""
    running = _running_lines(pages)
    kept_pages = []
    for page in pages:
        lines = [line.strip() for line in page]
        content = [i for i, line in enumerate(lines) if line]
        edges = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
        kept_pages.append(
            [
                line
                for i, line in enumerate(lines)
                if not (i in edges and (_PAGE_NUMBER.match(line) or _page_key(line) in running))
            ]
        )
    return kept_pages


def simplified_twin(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form ("" if none).

    Conversion is character by character (never phrase-level), so the result has the same length
    and offsets into it are offsets into ``text``.
    """
    table = {}
    for char in set(text) - _UNCHANGED_CHARS:
        simplified = _simplified_char(char) if char >= "\u3400" else char
        if simplified != char:
            table[ord(char)] = simplified
        else:
            _UNCHANGED_CHARS.add(char)
    return text.translate(table) if table else ""


# ================================================================================================
# Formats
# ================================================================================================


def _read(data: bytes, name: str, source_format: str) -> SourceText:
    # Format libraries are imported on first use: reading a .txt need not load pdfminer.
    if source_format == "txt":
        text, encoding = decode_text(data, name)
        return clean_text(text, source_name=name, source_format="txt", encoding=encoding)
    if source_format == "docx":
        return clean_text(_docx_text(data, name), source_name=name, source_format="docx")
    if source_format == "pdf":
        return _read_pdf(data, name)
    return _read_html(data, name)


def _docx_text(data: bytes, name: str) -> str:
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


def _docx_table_rows(table) -> Iterator[str]:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # python-docx repeats a merged cell once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        yield _CELL_SEPARATOR.join(cells)


@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def _read_pdf(data: bytes, name: str) -> SourceText:
    import pdfplumber

    warnings: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [
                [
                    _PdfLine(ln["text"], ln["x0"], ln["x1"], ln["top"], ln["bottom"])
                    for ln in page.extract_text_lines(strip=True, return_chars=False)
                    if ln["text"].strip()
                ]
                for page in pdf.pages
            ]
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


def _drop_pdf_artefacts(pages: list[list[_PdfLine]]) -> list[list[_PdfLine]]:
    kept_texts = strip_page_artefacts([[ln.text for ln in page] for page in pages])
    kept = []
    for page, texts in zip(pages, kept_texts):
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
    return [_glue_all(pieces) for pieces in paragraphs]


def _first_word_width(text: str, char_width: float) -> float:
    # Latin words and numbers move to the next line whole; a Chinese character is one em wide,
    # a Latin character about half of that.
    word = _LATIN_WORD.match(text)
    return _LATIN_CHAR_EM * char_width * len(word.group(0)) if word else char_width


def _char_width(page: list[_PdfLine]) -> float:
    widths = [(ln.x1 - ln.x0) / len(ln.text) for ln in page if len(ln.text) >= 4]
    return statistics.median(widths) if widths else 10.0


def _line_gap(page: list[_PdfLine]) -> float:
    gaps = [b.top - a.bottom for a, b in zip(page, page[1:]) if b.top > a.bottom]
    return statistics.median(gaps) if gaps else 0.0


def _read_html(data: bytes, name: str) -> SourceText:
    from bs4 import BeautifulSoup

    markup, encoding = _decode_html(data, name)
    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception as exc:  # lxml's parser errors are not one type
        raise CorruptDocument(f"{name}: not readable HTML ({type(exc).__name__})") from exc
    for tag in soup(list(_HTML_DROP)):
        tag.decompose()
    root = _html_main_element(soup)
    if root is None:
        raise EmptyDocument(f"{name}: the page has no text content")
    parts: list[str] = []
    _html_text(root, parts)
    return clean_text("".join(parts), source_name=name, source_format="html", encoding=encoding)


def _decode_html(data: bytes, name: str) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower().replace("-", "_")
        encoding = _CHINESE_ENCODINGS.get(encoding, encoding)
        try:
            return _checked_text(data.decode(encoding), name), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode_text(data, name)


def _html_main_element(soup):
    """``<article>``/``<main>`` when it holds most of the page's Chinese text, otherwise the
    element whose own paragraphs hold the most Chinese text (a 公文 page's content box)."""
    body = soup.body or soup
    total = _cjk_count(body.get_text())
    if total == 0:
        return body if body.get_text(strip=True) else None
    for tag in ("article", "main"):
        for element in soup.find_all(tag):
            if _cjk_count(element.get_text()) >= 0.5 * total:
                return element
    scores: Counter = Counter()
    holders = {}
    for element in body.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div"]):
        if element.name == "div" and element.find(list(_HTML_BLOCKS)):
            continue
        parent = element.parent
        holders[id(parent)] = parent
        scores[id(parent)] += _cjk_count(element.get_text())
    if not scores:
        return body
    best_id, best = scores.most_common(1)[0]
    return holders[best_id] if best >= 0.5 * total else body


def _html_text(element, parts: list[str]) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    for child in element.children:
        if isinstance(child, PreformattedString):  # comments, doctype, CDATA
            continue
        if isinstance(child, NavigableString):
            parts.append(_HTML_SPACE.sub(" ", str(child)))
        elif isinstance(child, Tag):
            if child.name == "br":
                parts.append("\n")
            elif child.name == "table":
                parts.append(_html_table(child))
            elif child.name == "tr":
                parts.append("\n" + _CELL_SEPARATOR.join(_html_cells(child)) + "\n")
            elif child.name in _HTML_BLOCKS:
                parts.append("\n")
                _html_text(child, parts)
                parts.append("\n")
            else:
                _html_text(child, parts)


def _html_cells(row) -> list[str]:
    return [_html_cell_text(cell) for cell in row.find_all(list(_HTML_CELLS), recursive=False)]


def _html_cell_text(cell) -> str:
    parts: list[str] = []
    _html_text(cell, parts)
    return " ".join("".join(parts).split())


def _html_table(table) -> str:
    """A table's caption and rows, one line per row, merged cells (rowspan/colspan) laid out
    on the grid so each cell stays under its header."""
    caption = table.find("caption")
    lines = [_html_cell_text(caption)] if caption is not None else []
    rows = [
        [
            SpanCell(_html_cell_text(c), span_of(c.get("rowspan")), span_of(c.get("colspan")))
            for c in row.find_all(list(_HTML_CELLS), recursive=False)
        ]
        for row in table.find_all("tr")
        if row.find_parent("table") is table
    ]
    lines.extend(_CELL_SEPARATOR.join(cells) for cells in grid_rows(rows))
    return "\n" + "\n".join(lines) + "\n"


def _cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


# ================================================================================================
# Helpers
# ================================================================================================


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


def _detect_chinese_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        encoding = _CHINESE_ENCODINGS.get(match.encoding)
        if encoding:
            return encoding
    return None


def _checked_text(text: str, name: str) -> str:
    """Reject text that decoded but is mostly control characters (a binary file)."""
    if "\x00" in text:
        raise UndecodableText(f"{name}: binary or undecodable: contains NUL characters")
    if text:
        controls = len(_CONTROL.findall(text))
        if controls > _MAX_CONTROL_SHARE * len(text):
            raise UndecodableText(
                f"{name}: binary or undecodable: {controls} control characters in "
                f"{len(text)} characters"
            )
    return text


def _fullwidth_parens(match: re.Match) -> str:
    inner = match.group(1)
    if _CJK_CHAR.search(inner) or inner.strip().isdigit():
        return f"（{inner}）"
    return match.group(0)


def _glue_all(pieces: list[str]) -> str:
    text = pieces[0]
    if len(pieces) == 1:
        return text
    out = [text]
    for piece in pieces[1:]:
        # Chinese and numbers run on without a space; two Latin words split by a wrap need one.
        if _ASCII_WORD_END.search(out[-1]) and _ASCII_WORD_START.match(piece):
            out.append(" ")
        out.append(piece)
    return "".join(out)


def _page_key(line: str) -> str:
    # Running headers often carry the page number: compare them with digits blanked out.
    return re.sub(r"\d+", "#", "".join(line.split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    pages_with_text = [[ln.strip() for ln in page if ln.strip()] for page in pages]
    counted = [page for page in pages_with_text if page]
    if len(counted) < 2:
        return set()
    seen: Counter = Counter()
    for page in counted:
        seen.update({_page_key(ln) for ln in page[:_EDGE_LINES] + page[-_EDGE_LINES:]})
    needed = max(2, _RUNNING_SHARE * len(counted))
    return {key for key, count in seen.items() if count >= needed}


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


# Characters known to have no other simplified form; the set difference with a text's characters
# leaves only those worth converting (a few, or none in a simplified document).
_UNCHANGED_CHARS: set[str] = set()


@cache
def _simplified_char(char: str) -> str:
    converted = _t2s().convert(char)
    return converted if len(converted) == 1 else char


def _source_text(
    paragraphs: list[str],
    source_name: str,
    source_format: str,
    encoding: str,
    warnings: list[str],
) -> SourceText:
    records = []
    offset = 0
    for text in paragraphs:
        records.append(Paragraph(text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    text = "\n".join(paragraphs)
    match_text = simplified_twin(text)
    return SourceText(
        text=text,
        match_text=match_text,
        paragraphs=records,
        source_name=source_name,
        source_format=source_format,
        encoding=encoding,
        converted_from_traditional=bool(match_text),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        warnings=warnings,
    )
