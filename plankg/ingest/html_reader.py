"""HTML -> clean paragraphs: the content box of a page, its table rows kept as cells."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from plankg.errors import (
    CorruptDocument,
    EmptyDocument,
)
from plankg.ingest.clean import CELL_SEPARATOR, HAN, clean_text
from plankg.ingest.decode import decode_declared, decode_text
from plankg.ingest.tables.spans import SpanCell, grid_rows, span_of
from plankg.models import SourceText

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from bs4.element import Tag

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
_HTML_SPACE = re.compile(r"\s+")
_CJK_CHAR = re.compile(rf"[{HAN}]")


def read_html(data: bytes, name: str) -> SourceText:
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
        return decode_declared(data, name, declared.group(1).decode("ascii"))
    return decode_text(data, name)


def _html_main_element(soup: BeautifulSoup) -> Tag | None:
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
    scores: Counter[int] = Counter()
    holders: dict[int, Tag] = {}
    for element in body.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div"]):
        if element.name == "div" and element.find(list(_HTML_BLOCKS)):
            continue
        parent = element.parent
        if parent is None:
            continue
        holders[id(parent)] = parent
        scores[id(parent)] += _cjk_count(element.get_text())
    if not scores:
        return body
    best_id, best = scores.most_common(1)[0]
    return holders[best_id] if best >= 0.5 * total else body


def _html_text(element: Tag, parts: list[str]) -> None:
    from bs4.element import NavigableString, PreformattedString, Tag

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
                parts.append("\n" + CELL_SEPARATOR.join(_html_cells(child)) + "\n")
            elif child.name in _HTML_BLOCKS:
                parts.append("\n")
                _html_text(child, parts)
                parts.append("\n")
            else:
                _html_text(child, parts)


def _html_cells(row: Tag) -> list[str]:
    return [_html_cell_text(cell) for cell in row.find_all(list(_HTML_CELLS), recursive=False)]


def _html_cell_text(cell: Tag) -> str:
    parts: list[str] = []
    _html_text(cell, parts)
    return " ".join("".join(parts).split())


def _html_table(table: Tag) -> str:
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
    lines.extend(CELL_SEPARATOR.join(cells) for cells in grid_rows(rows))
    return "\n" + "\n".join(lines) + "\n"


def _cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))
