"""Raw lines -> clean logical paragraphs: the step every format ends with.

Whitespace and width normalisation, markdown stripping, and re-joining paragraphs that exports
broke across lines while keeping the 公文 header block, headings and table rows on their own
lines (see :mod:`plankg.ingest.read` for the choices later stages rely on)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from plankg.errors import (
    EmptyDocument,
)
from plankg.ingest.cues import line_clause_words
from plankg.ingest.decode import CONTROL_CHARS
from plankg.ingest.tables.flat import rebuild_flat_tables
from plankg.models import Paragraph, SourceText
from plankg.script import simplified_twin

# --- character classes -------------------------------------------------------------------------

_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201d\u2026\u2014\u00b7"
    "\U00020000-\U0002ffff"
)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
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
_FIELD_LABEL = re.compile(rf"^[{HAN}]{{2,6}}[：:]")
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
_RESPONSIBILITY_CLAUSE = re.compile(rf"^（[^（）]*(?:{line_clause_words()})[^（）]*）[。；;]?$")
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
_CJK_CHAR = re.compile(rf"[{HAN}]")
CELL_SEPARATOR = " | "


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
    controls = len(CONTROL_CHARS.findall(raw))
    if controls:
        warnings.append(f"{source_name}: removed {controls} control characters")
        raw = CONTROL_CHARS.sub("", raw)
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
    for line, role in zip(lines, roles, strict=False):
        if not line:
            continue
        if paragraphs and continues_paragraph(paragraph_roles, role):
            paragraphs[-1].append(line)
            paragraph_roles.append(role)
        else:
            paragraphs.append([line])
            paragraph_roles = [role]
    return [glue_pieces(pieces) for pieces in paragraphs]


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


def _fullwidth_parens(match: re.Match[str]) -> str:
    inner: str = match.group(1)
    if _CJK_CHAR.search(inner) or inner.strip().isdigit():
        return f"（{inner}）"
    return match.group(0)


def glue_pieces(pieces: list[str]) -> str:
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
    seen: Counter[str] = Counter()
    for page in counted:
        seen.update({_page_key(ln) for ln in page[:_EDGE_LINES] + page[-_EDGE_LINES:]})
    needed = max(2, _RUNNING_SHARE * len(counted))
    return {key for key, count in seen.items() if count >= needed}


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
