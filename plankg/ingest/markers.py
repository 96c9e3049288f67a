"""Numbering markers of an outline (一、 （一） 1. （1） ① 第一章 …) and the heading they open.

A paragraph that opens with a marker is split into marker, title and body: the title is its first
sentence (or, when that is long, its first clause), less a trailing responsibility clause.
ASCII parentheses count as full-width ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from plankg.ingest.cues import bracket_verbs, label_heads, label_nouns
from plankg.ingest.numerals import chinese_numeral_to_int


class MarkerKind(IntEnum):
    """Heading marker types; the value orders them from outermost to innermost."""

    CHAPTER = 1  # 第一章
    PART = 2  # 第一节
    ARTICLE = 3  # 第一条
    CN_COMMA = 4  # 一、
    CN_PAREN = 5  # （一）
    ARABIC = 6  # 1. / 1、
    ARABIC_PAREN = 7  # （1）
    CIRCLED = 8  # ①


# The conventional level of each marker in the two numbering families (第…章 and 一、).
MARKER_LEVEL = {
    MarkerKind.CHAPTER: 1,
    MarkerKind.PART: 2,
    MarkerKind.ARTICLE: 3,
    MarkerKind.CN_COMMA: 1,
    MarkerKind.CN_PAREN: 2,
    MarkerKind.ARABIC: 3,
    MarkerKind.ARABIC_PAREN: 4,
    MarkerKind.CIRCLED: 5,
}

# Articles are numbered through the whole document, not within their chapter.
DOCUMENT_WIDE_KINDS = frozenset({MarkerKind.ARTICLE})

_CN_NUM = "〇零一二两三四五六七八九十百"
_MARKER_PATTERNS: tuple[tuple[MarkerKind, re.Pattern[str]], ...] = (
    (MarkerKind.CHAPTER, re.compile(rf"第\s*([{_CN_NUM}]+|\d{{1,3}})\s*章")),
    (MarkerKind.PART, re.compile(rf"第\s*([{_CN_NUM}]+|\d{{1,3}})\s*节")),
    (MarkerKind.ARTICLE, re.compile(rf"第\s*([{_CN_NUM}]+|\d{{1,3}})\s*条")),
    (MarkerKind.CN_COMMA, re.compile(rf"([{_CN_NUM}]{{1,4}})\s*[、．.](?!\d)")),
    (MarkerKind.CN_PAREN, re.compile(rf"[（(]\s*([{_CN_NUM}]{{1,4}})\s*[）)]")),
    # (?!\d) keeps decimals such as 1.3万个 out.
    (MarkerKind.ARABIC, re.compile(r"(\d{1,2})\s*[.．、](?!\d)")),
    (MarkerKind.ARABIC_PAREN, re.compile(r"[（(]\s*(\d{1,2})\s*[）)]")),
    (MarkerKind.CIRCLED, re.compile(r"([①-⑳])")),
)

# A title alone on its line longer than this is body text whose first clause is the title.
TITLE_MAX_CHARS = 40
_TITLE_END = re.compile(r"[。：:]")
_CLAUSE_END = re.compile(r"[；;，,]")
_TITLE_TRIM = "；;，,。 \t\u3000"

_RESPONSIBILITY = re.compile(
    rf"[（(][^（）()]{{0,80}}?(?:{bracket_verbs()})[^（）()]{{0,20}}[）)]"
    rf"|(?:{label_heads()})(?:{label_nouns()})\s*[：:]"
)
_TRAILING_CLAUSE = re.compile(rf"[（(][^（）()]*(?:{bracket_verbs()})[^（）()]*[）)]\s*$")


def _marker_number(kind: MarkerKind, token: str) -> int:
    if kind is MarkerKind.CIRCLED:
        return ord(token) - ord("①") + 1
    if token.isdigit():
        return int(token)
    return chinese_numeral_to_int(token)


@dataclass(frozen=True)
class HeadingMatch:
    """A paragraph that opens with a numbering marker."""

    kind: MarkerKind
    level: int  # conventional level of the marker (一、 1, （一） 2, 1. 3, （1） 4)
    number: int
    marker: str  # as written: 四、 / （一） / (一) / 1.
    title: str
    body: str  # the text after the title on the same line ("" when the heading stands alone)
    title_start: int  # title == paragraph_text[title_start:title_end]
    title_end: int
    body_offset: int  # where body starts in the paragraph text; len(text) when there is no body


def heading_marker(paragraph_text: str) -> HeadingMatch | None:
    """The numbering marker a paragraph opens with, split into title and body; None if none."""
    lead = len(paragraph_text) - len(paragraph_text.lstrip())
    for kind, pattern in _MARKER_PATTERNS:
        m = pattern.match(paragraph_text, lead)
        if not m:
            continue
        try:
            number = _marker_number(kind, m.group(1))
        except ValueError:
            return None
        rest_start = m.end()
        while rest_start < len(paragraph_text) and paragraph_text[rest_start].isspace():
            rest_start += 1
        if rest_start == len(paragraph_text) or number < 1:
            return None
        title_start, title_end, body_offset = _split_title(paragraph_text, rest_start)
        if title_start == title_end:
            return None
        return HeadingMatch(
            kind=kind,
            level=MARKER_LEVEL[kind],
            number=number,
            marker=m.group(0).strip(),
            title=paragraph_text[title_start:title_end],
            body=paragraph_text[body_offset:].strip(),
            title_start=title_start,
            title_end=title_end,
            body_offset=body_offset,
        )
    return None


def _split_title(text: str, start: int) -> tuple[int, int, int]:
    """Title span and body offset of the heading text that begins at ``start``."""
    stop = _TITLE_END.search(text, start)
    sentence_end = stop.start() if stop else len(text.rstrip())
    if sentence_end - start > TITLE_MAX_CHARS:
        # A long first sentence is body text; its first clause names the item.
        stop = _CLAUSE_END.search(text, start, sentence_end) or stop
    if stop is None:
        title_end = body_offset = len(text)
    else:
        title_end, body_offset = stop.start(), stop.end()
        while body_offset < len(text) and text[body_offset].isspace():
            body_offset += 1
    # A short item often ends with its responsibility clause; that clause is not its title.
    clause = _TRAILING_CLAUSE.search(text, start, title_end)
    if clause:
        title_end = clause.start()
    while title_end > start and text[title_end - 1] in _TITLE_TRIM:
        title_end -= 1
    return start, title_end, body_offset


def has_responsibility_clause(text: str) -> bool:
    """True when a text names who is responsible (（…负责）, A牵头, 责任单位：…)."""
    return _RESPONSIBILITY.search(text) is not None
