"""Outline parser: the reader's clean paragraphs -> the plan's header, sections and tasks.

An action plan (公文) has up to three parts, each optional except the outline:

1. the 公文 header: ``XX文件`` / doc number / ``关于印发《…》的通知`` / addressee / notice /
   signature / date / ``（此件公开发布）``;
2. the plan's title lines and its preamble (``为深入贯彻…制定本行动计划。``);
3. the numbered outline, followed by end matter (``附件``, ``抄送：``, a closing signature and date)
   that belongs to no item.

Outline rules:

- Markers, outer to inner: ``第一章`` ``第一节`` ``第一条`` ``一、`` ``（一）`` ``1.``/``1、`` ``（1）``
  ``①``; ASCII parentheses count as full-width ones.  Plans skip kinds (``一、`` then ``1.``), so
  nesting follows the kinds actually open above a heading, never a fixed depth: ``code`` and
  ``level`` of a section or task are its numbering path and depth in *this* plan (``一、（一）1.``
  -> ``4.1.1``, level 3; ``一、1.`` -> ``1.1``, level 2).
- A marker is a heading only if its number follows its previous sibling (or is 1 under a new
  parent; ``第N条`` counts through the whole document).  That rejects continuation lines such as
  ``2.`` inside a body, and the rejection is reported in ``Outline.warnings``.
- A heading with children is a Section; its ``intro`` is its own text before the first child.
  ``Section.start``/``end`` span the heading and that intro, so
  ``intro == source.text[end - len(intro):end]``.
- A leaf heading is a Task, except at the top level: a leaf chapter (指导思想, 目标定位, 保障措施)
  is a Section unless its text carries a responsibility clause (``（…负责）``, ``牵头``,
  ``责任单位：``).  If that leaves a plan with no task at all, its top-level leaves become tasks.
- A task's text runs from its marker through every following paragraph up to the next heading
  or the end matter: ``task.text == source.text[task.start:task.end]``.

Patterns are matched on ``SourceText.match_text`` (simplified script) when the reader provides
it; every value and span is taken from ``SourceText.text``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from plankg.errors import EmptyDocument, NoOutline
from plankg.ingest.tables import (
    TableBlock,
    TableOutline,
    TableRow,
    find_tables,
    parse_table,
)
from plankg.models import Evidence, Paragraph, PlanHeader, Section, SourceText, Task


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
    r"[（(][^（）()]{0,80}?(?:负责|牵头|配合)[^（）()]{0,20}[）)]"
    r"|(?:责任|牵头|配合|负责|主责)(?:单位|部门|科室|处室)\s*[：:]"
)
_TRAILING_CLAUSE = re.compile(r"[（(][^（）()]*(?:负责|牵头|配合)[^（）()]*[）)]\s*$")

_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_COMPOSED = re.compile(
    r"(?:([一二两三四五六七八九])百)?[零〇]?(?:([一二两三四五六七八九])?(十))?([一二两三四五六七八九])?"
)


def chinese_numeral_to_int(s: str) -> int:
    """``一`` -> 1, ``十一`` -> 11, ``二十三`` -> 23, ``一百零五`` -> 105, ``二〇二三`` -> 2023.

    Raises ValueError for anything that is not a Chinese numeral below 1000 (digit-by-digit
    strings such as years excepted).
    """
    s = s.strip()
    if not s:
        raise ValueError("empty Chinese numeral")
    if all(c in _DIGIT for c in s):
        # Positional (二〇二三) or a single digit.
        return int("".join(str(_DIGIT[c]) for c in s))
    m = _CN_COMPOSED.fullmatch(s)
    if not m or not any(m.groups()):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    hundreds, tens_digit, ten, ones = m.groups()
    value = _DIGIT[hundreds] * 100 if hundreds else 0
    if ten:
        value += (_DIGIT[tens_digit] if tens_digit else 1) * 10
    if ones:
        value += _DIGIT[ones]
    return value


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


# ---------------------------------------------------------------------------------------------
# 公文 header and end matter

_DOC_NO = re.compile(
    r"[\u4e00-\u9fff]{1,15}\s*[〔\[［（(【]\s*(?:19|20)\d{2}\s*[〕\]］）)】]\s*第?\s*\d{1,4}\s*号"
)
_DATE_ASCII = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_DATE_CN = r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
_DATE = re.compile(rf"{_DATE_ASCII}|{_DATE_CN}")
_DATE_LINE = re.compile(rf"(?:{_DATE.pattern})\s*(?:印发|发布)?")
_ORG_SUFFIX = (
    r"(?:局|委员会|委|人民政府|政府|办公室|办公厅|厅|管理委员会|管委会|领导小组|指挥部|办|中心|部)"
)
_ORG = re.compile(rf"[\u4e00-\u9fff（）()]{{1,40}}?{_ORG_SUFFIX}")
_ORG_AND_DATE = re.compile(rf"({_ORG.pattern})\s*(?:{_DATE.pattern})\s*(?:印发|发布)?")
_RED_HEAD = re.compile(rf"({_ORG.pattern})\s*文件")
_NOTICE_TITLE = re.compile(r"关于.{2,150}的(?:通知|批复|函)")
_NOTICE_TEXT = re.compile(r"印发给你们|现予印发|现印发|现将.{0,150}印发")
_ADDRESSEE = re.compile(r"[^。；;]{2,150}[：:]")
_PUBLICATION_NOTE = re.compile(r"[（(]此[件文页][^（）()]{0,12}[）)]")
_SIGNER = re.compile(r".{0,40}签发人\s*[：:]")
_BOOK_TITLE = re.compile(r"《([^《》]+)》")
_NOTICE_WRAPPED_TITLE = re.compile(r"关于印发\s*(.+?)\s*的通知$")
_ANNEX = re.compile(r"附\s*件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[：:].{0,80})?")
_DISTRIBUTION = re.compile(r"(?:抄送|抄报|主送|分送|印送)\s*[：:]")
_PERIOD_RANGE = re.compile(
    r"((?:19|20)\d{2})\s*年?\s*(?:[-－—–~～〜]+|至|到)\s*((?:19|20)\d{2})\s*年?"
)
_FIVE_YEAR_PLAN = re.compile(r"十([一二三四五六七八九])五")
_SINGLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
# Paragraphs at the end of a document checked for a closing signature and date.
CLOSING_PARAGRAPHS = 8


def _is_date_line(t: str) -> bool:
    return _DATE_LINE.fullmatch(t) is not None


def _is_org(t: str) -> bool:
    return _ORG.fullmatch(t) is not None


def _is_header_line(t: str) -> bool:
    """A line that only a 公文 header carries (not the title, not the plan's body)."""
    return bool(
        _RED_HEAD.fullmatch(t)
        or _DOC_NO.match(t)
        or _NOTICE_TITLE.fullmatch(t)
        or _NOTICE_TEXT.search(t)
        or _ADDRESSEE.fullmatch(t)
        or _PUBLICATION_NOTE.fullmatch(t)
        or _ANNEX.fullmatch(t)
        or _SIGNER.match(t)
        or _is_date_line(t)
        or _ORG_AND_DATE.fullmatch(t)
    )


def _is_title_like(t: str) -> bool:
    return len(t) <= 80 and "。" not in t and not t.endswith(("：", ":", "；", ";"))


def _iso_date(m: re.Match[str]) -> str | None:
    ascii_y, ascii_m, ascii_d, cn_y, cn_m, cn_d = m.groups()
    try:
        if ascii_y:
            return dt.date(int(ascii_y), int(ascii_m), int(ascii_d)).isoformat()
        return dt.date(
            chinese_numeral_to_int(cn_y), chinese_numeral_to_int(cn_m), chinese_numeral_to_int(cn_d)
        ).isoformat()
    except ValueError:
        return None


class _View:
    """Paragraphs of a source, matched in simplified script, sliced in the original one."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.match_text = source.match_text or source.text
        self.paragraphs = source.paragraphs
        # Layout, header and outline rules each read every paragraph; slice them once.
        raw = [self.match_text[p.start : p.end] for p in self.paragraphs]
        self._stripped = [r.strip() for r in raw]
        self._leads = [
            p.start + len(r) - len(r.lstrip()) for p, r in zip(self.paragraphs, raw, strict=True)
        ]

    def __len__(self) -> int:
        return len(self.paragraphs)

    def lead(self, i: int) -> int:
        """Offset of paragraph i's first non-space character."""
        return self._leads[i]

    def match(self, i: int) -> str:
        """Paragraph i stripped, in the script patterns are written in."""
        return self._stripped[i]

    def next_nonblank(self, i: int) -> int | None:
        for j in range(i + 1, len(self.paragraphs)):
            if self.match(j):
                return j
        return None

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(phrase=self.source.text[start:end], start=start, end=end)

    def group_evidence(self, i: int, m: re.Match[str], group: int | str = 0) -> Evidence:
        """Evidence for a match made on ``match(i)``."""
        base = self.lead(i)
        return self.evidence(base + m.start(group), base + m.end(group))


def _is_signature_at(view: _View, i: int) -> bool:
    t = view.match(i)
    if _ORG_AND_DATE.fullmatch(t):
        return True
    nxt = view.next_nonblank(i)
    return _is_org(t) and nxt is not None and _is_date_line(view.match(nxt))


def _is_end_matter_at(view: _View, i: int) -> bool:
    t = view.match(i)
    return bool(
        _ANNEX.fullmatch(t)
        or _DISTRIBUTION.match(t)
        or _PUBLICATION_NOTE.fullmatch(t)
        or _is_date_line(t)
        or _is_signature_at(view, i)
    )


def _opens_outline(t: str) -> bool:
    m = heading_marker(t)
    return m is not None and m.number == 1


@dataclass(frozen=True)
class _Layout:
    header_end: int  # paragraph index after the 公文 header (0 when there is none)
    title_start: int  # [title_start, title_stop): the plan's title lines
    title_stop: int


def _layout(view: _View, limit: int | None = None) -> _Layout:
    """Header and title block, read no further than paragraph ``limit`` (where a table starts:
    its unpunctuated rows would otherwise read as title lines)."""
    limit = len(view) if limit is None else limit
    last_header = -1
    for i in range(limit):
        t = view.match(i)
        if not t:
            continue
        if _opens_outline(t):
            break
        if _is_header_line(t) or _is_signature_at(view, i):
            last_header = i
        elif not _is_title_like(t):
            break
    header_end = last_header + 1
    stop = header_end
    while stop < limit:
        t = view.match(stop)
        if t and (_opens_outline(t) or _is_header_line(t) or not _is_title_like(t)):
            break
        stop += 1
    return _Layout(header_end, header_end, stop)


def parse_header(source: SourceText) -> PlanHeader:
    """Issuer, doc number, date, title and period of a plan; None for what it does not state."""
    view = _View(source)
    return _header(view, _layout(view, _first_table_paragraph(find_tables(source))))


def _header(view: _View, layout: _Layout) -> PlanHeader:
    evidence: dict[str, Evidence] = {}
    header_range = range(layout.header_end)
    closing_range = range(max(layout.title_stop, len(view) - CLOSING_PARAGRAPHS), len(view))

    issuer = _find_issuer(view, header_range, layout, closing_range)
    if issuer:
        evidence["issuer"] = issuer
    doc_no = _first(view, header_range, lambda t: _DOC_NO.match(t))
    if doc_no:
        evidence["doc_no"] = view.group_evidence(*doc_no)
    issued_date, issued_ev = _find_issued(view, header_range, closing_range)
    if issued_ev:
        evidence["issued"] = issued_ev
    title, title_ev = _find_title(view, header_range, layout, issuer.phrase if issuer else None)
    if title_ev:
        evidence["title"] = title_ev
    period = _find_period(view, [title_ev, _block_evidence(view, layout)])
    if period:
        evidence["period"] = period[2]
    return PlanHeader(
        issuer=_squeeze(issuer.phrase) if issuer else None,
        doc_no=_squeeze(evidence["doc_no"].phrase) if doc_no else None,
        issued=issued_date,
        title=title,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        evidence=evidence,
    )


def _first(
    view: _View, indices: range, matcher: Callable[[str], re.Match[str] | None]
) -> tuple[int, re.Match[str]] | None:
    for i in indices:
        m = matcher(view.match(i))
        if m:
            return i, m
    return None


def _squeeze(s: str) -> str:
    """Drop the spaces typesetting leaves around Chinese characters."""
    return _CJK_SPACE.sub("", s.strip())


def _find_issuer(
    view: _View, header_range: range, layout: _Layout, closing_range: range
) -> Evidence | None:
    red_head = _first(view, header_range, _RED_HEAD.fullmatch)
    if red_head:
        return view.group_evidence(*red_head, 1)
    for indices in (header_range, range(layout.title_start, layout.title_stop), closing_range):
        for i in indices:
            t = view.match(i)
            same_line = _ORG_AND_DATE.fullmatch(t)
            if same_line:
                return view.group_evidence(i, same_line, 1)
            in_title_block = layout.title_start <= i < layout.title_stop
            if _is_org(t) and (in_title_block or _is_signature_at(view, i)):
                return view.group_evidence(i, _ORG.fullmatch(t))
    return None


def _find_issued(
    view: _View, header_range: range, closing_range: range
) -> tuple[str | None, Evidence | None]:
    # The notice's own date comes first in the header; at the end, the last date is the signing.
    for indices in (header_range, reversed(closing_range)):
        for i in indices:
            t = view.match(i)
            if _is_date_line(t) or _ORG_AND_DATE.fullmatch(t):
                m = _DATE.search(t)
                iso = _iso_date(m) if m else None
                if iso:
                    return iso, view.group_evidence(i, m)
    return None, None


def _find_title(
    view: _View, header_range: range, layout: _Layout, issuer: str | None
) -> tuple[str | None, Evidence | None]:
    found = _first(view, header_range, _quoted_plan_title) or _first(
        view, header_range, _NOTICE_WRAPPED_TITLE.search
    )
    if found:
        ev = view.group_evidence(*found, 1)
        raw = ev.phrase
    else:
        lines = [
            i
            for i in range(layout.title_start, layout.title_stop)
            if view.match(i) and not (_is_org(view.match(i)) and layout.title_stop - i > 1)
        ]
        if not lines:
            return None, None
        ev = view.evidence(view.lead(lines[0]), view.paragraphs[lines[-1]].end)
        raw = "".join(view.paragraphs[i].text for i in lines)
    title = _squeeze(raw)
    if issuer and title.startswith(_squeeze(issuer)) and len(title) > len(_squeeze(issuer)):
        title = title[len(_squeeze(issuer)) :]
    return title, ev


def _quoted_plan_title(t: str) -> re.Match[str] | None:
    """The 《…》 of the notice line or text that issues the plan (印发)."""
    return _BOOK_TITLE.search(t) if "印发" in t else None


def _block_evidence(view: _View, layout: _Layout) -> Evidence | None:
    if layout.title_stop <= layout.title_start:
        return None
    return view.evidence(
        view.paragraphs[layout.title_start].start, view.paragraphs[layout.title_stop - 1].end
    )


def _find_period(view: _View, places: list[Evidence | None]) -> tuple[int, int, Evidence] | None:
    for place in places:
        if place is None:
            continue
        text = view.match_text[place.start : place.end]
        m = _PERIOD_RANGE.search(text)
        if m:
            start, end = int(m.group(1)), int(m.group(2))
            if start <= end:
                return start, end, view.evidence(place.start + m.start(), place.start + m.end())
        m = _FIVE_YEAR_PLAN.search(text)
        if m:
            # The n-th five-year plan starts in 1966 + 5 (n - 3) (the 3rd ran 1966-1970).
            first = 1966 + 5 * (10 + _DIGIT[m.group(1)] - 3)
            return first, first + 4, view.evidence(place.start + m.start(), place.start + m.end())
        m = _SINGLE_YEAR.search(text)
        if m:
            year = int(m.group(1))
            return year, year, view.evidence(place.start + m.start(1), place.start + m.end())
    return None


# ---------------------------------------------------------------------------------------------
# Outline


@dataclass
class Outline:
    header: PlanHeader
    sections: list[Section]  # non-leaf headings, with intro text
    tasks: list[Task]  # leaf numbered items (owners/targets/mentions left empty: others fill them)
    preamble: Paragraph | None  # the plan's opening text before the first heading
    warnings: list[str]
    # task code -> the cells of a task read from a task-division table (its owners are read
    # from the owner columns, not from a clause in its text)
    table_rows: dict[str, TableRow] = field(default_factory=dict)


@dataclass
class _Node:
    match: HeadingMatch
    index: int  # paragraph index of the heading
    path: tuple[int, ...]
    parent: _Node | None
    last: int = -1  # last paragraph index of the node's own text (before any child)
    children: list[_Node] = field(default_factory=list)

    @property
    def code(self) -> str:
        return ".".join(str(n) for n in self.path)


def _place(
    stack: list[_Node], m: HeadingMatch, last_number: dict[MarkerKind, int]
) -> tuple[int, frozenset[int]]:
    """Where a heading goes: (depth in the stack, the numbers it may carry to be a heading).

    The first child of a new parent is numbered 1 or, as many plans number items straight
    through their parents (（一）…（十六） across 二、…六、; 1.–45. through the whole plan),
    one past the last item of its kind under any earlier parent."""
    open_kinds = [n.match.kind for n in stack]
    if m.kind in DOCUMENT_WIDE_KINDS:
        depth = sum(1 for k in open_kinds if k < m.kind)
        return depth, frozenset({last_number.get(m.kind, 0) + 1})
    if m.kind in open_kinds:
        depth = open_kinds.index(m.kind)
        return depth, frozenset({stack[depth].match.number + 1})
    depth = sum(1 for k in open_kinds if k < m.kind)
    return depth, frozenset({1, last_number.get(m.kind, 0) + 1})


def parse_outline(source: SourceText, *, allow_unstructured: bool = False) -> Outline:
    """Header, preamble, sections and tasks of a plan, each with its exact span in source.text.

    Raises NoOutline when the text has no numbered outline, unless ``allow_unstructured``: then
    the body becomes one section holding one task, with a warning.
    """
    view = _View(source)
    tables = find_tables(source)
    layout = _layout(view, _first_table_paragraph(tables))
    header = _header(view, layout)
    name = source.source_name or "the text"
    in_tables = {i for block in tables for i in range(block.first, block.last + 1)}
    nodes, preamble_indices, warnings = _outline_tree(view, layout.title_stop, name, in_tables)
    if not nodes and not tables:
        return _unstructured(view, layout, header, name, allow_unstructured)
    table_outline = _table_outline(source, tables, nodes)
    warnings.extend(table_outline.warnings)

    preamble = None
    if preamble_indices:
        start, end = view.lead(preamble_indices[0]), view.paragraphs[preamble_indices[-1]].end
        preamble = Paragraph(text=source.text[start:end], start=start, end=end)

    leaves = [n for n in nodes if not n.children]
    task_ids = {
        id(n)
        for n in leaves
        if n.parent is not None or has_responsibility_clause(_node_text(view, n))
    }
    if not task_ids and not table_outline.tasks:
        task_ids = {id(n) for n in leaves}
        warnings.append(
            f"{name}: no numbered item carries a responsibility clause or sits under a heading; "
            "its top-level items are loaded as tasks"
        )
    return Outline(
        header=header,
        sections=[_section(view, n) for n in nodes if id(n) not in task_ids]
        + table_outline.sections,
        tasks=[_task(view, n) for n in nodes if id(n) in task_ids] + table_outline.tasks,
        preamble=preamble,
        warnings=warnings,
        table_rows=table_outline.rows,
    )


def _first_table_paragraph(tables: list[TableBlock]) -> int | None:
    # A table's title line may be the plan's title (a plan that is one table), so the title block
    # may reach it; the header row never belongs to it.
    return tables[0].header if tables else None


def _table_outline(
    source: SourceText, tables: list[TableBlock], nodes: list[_Node]
) -> TableOutline:
    """Sections and tasks of every table: a lone table with no outline is the plan's body; any
    other table is an annex (``A1``, ``A2`` … by its 附件 number, else by its place)."""
    combined = TableOutline(sections=[], tasks=[], rows={}, warnings=[])
    if not nodes and len(tables) == 1:
        return parse_table(source, tables[0])
    for ordinal, block in enumerate(tables, start=1):
        part = parse_table(source, block, annex=ordinal)
        combined.sections.extend(part.sections)
        combined.tasks.extend(part.tasks)
        combined.rows.update(part.rows)
        combined.warnings.extend(part.warnings)
    return combined


def _outline_tree(
    view: _View, start: int, name: str, skipped: set[int] | frozenset[int] = frozenset()
) -> tuple[list[_Node], list[int], list[str]]:
    """Headings in document order (linked into a tree), the paragraphs before the first one,
    and warnings for markers rejected because their number is out of sequence. Paragraphs in
    ``skipped`` (tables, read on their own) belong to no heading, nor does the text after a
    table up to the next heading (a table's notes), so no item's span runs over a table."""
    nodes: list[_Node] = []
    stack: list[_Node] = []  # the open headings, outermost first
    last_number: dict[MarkerKind, int] = {}  # the last accepted heading of each kind
    before_outline: list[int] = []
    warnings: list[str] = []
    after_table = False
    for i in range(start, len(view)):
        t = view.match(i)
        if not t:
            continue
        if i in skipped:
            after_table = True
            continue
        m = heading_marker(t)
        if m is not None:
            depth, expected = _place(stack, m, last_number)
            if m.number in expected:
                parent = stack[depth - 1] if depth else None
                node = _Node(m, i, (parent.path if parent else ()) + (m.number,), parent, last=i)
                if parent:
                    parent.children.append(node)
                del stack[depth:]
                stack.append(node)
                nodes.append(node)
                last_number[m.kind] = m.number
                after_table = False
                continue
        if after_table:
            continue
        if nodes and _is_end_matter_at(view, i):
            break
        if m is not None and nodes:
            warnings.append(
                f"{name}: paragraph at offset {view.paragraphs[i].start} opens with "
                f"'{m.marker}' but the outline expects number "
                f"{' or '.join(map(str, sorted(expected)))} there; "
                "kept as text of the item before it"
            )
        if stack:
            stack[-1].last = i
        else:
            before_outline.append(i)
    return nodes, before_outline, warnings


def _node_span(view: _View, node: _Node) -> tuple[int, int]:
    return view.lead(node.index), view.paragraphs[node.last].end


def _node_text(view: _View, node: _Node) -> str:
    start, end = _node_span(view, node)
    return view.source.text[start:end]


def _original_title(view: _View, node: _Node) -> str:
    base = view.lead(node.index)
    return view.source.text[base + node.match.title_start : base + node.match.title_end]


def _section(view: _View, node: _Node) -> Section:
    start, end = _node_span(view, node)
    intro_start = (
        view.lead(node.index) + node.match.body_offset
        if node.match.body
        else (view.lead(node.index + 1) if node.last > node.index else end)
    )
    return Section(
        code=node.code,
        number=node.match.marker,
        title=_original_title(view, node),
        level=len(node.path),
        parent_code=node.parent.code if node.parent else None,
        intro=view.source.text[intro_start:end],
        start=start,
        end=end,
    )


def _task(view: _View, node: _Node) -> Task:
    start, end = _node_span(view, node)
    return Task(
        code=node.code,
        number=node.match.marker,
        title=_original_title(view, node),
        text=view.source.text[start:end],
        level=len(node.path),
        section_code=node.parent.code if node.parent else None,
        start=start,
        end=end,
    )


def _unstructured(
    view: _View, layout: _Layout, header: PlanHeader, name: str, allowed: bool
) -> Outline:
    if not allowed:
        raise NoOutline(
            f"no recognisable outline (一、/（一）/1.) in {name}; "
            "use --allow-unstructured to load it as one section"
        )
    body = [i for i in range(layout.title_stop, len(view)) if view.match(i)]
    if not body:
        raise EmptyDocument(f"{name} has no text after its header and title")
    end_matter = next((i for i in body if _is_end_matter_at(view, i)), None)
    body = [i for i in body if end_matter is None or i < end_matter] or body
    start, end = view.lead(body[0]), view.paragraphs[body[-1]].end
    first_line = view.source.text[start:end].split("\n", 1)[0]
    title = header.title or _squeeze(first_line)[:TITLE_MAX_CHARS]
    section = Section(code="1", number="", title=title, level=1, start=start, end=start)
    task = Task(
        code="1.1",
        number="",
        title=title,
        text=view.source.text[start:end],
        level=2,
        section_code="1",
        start=start,
        end=end,
    )
    warning = f"{name}: no numbered outline; loaded as one section holding one task"
    return Outline(
        header=header, sections=[section], tasks=[task], preamble=None, warnings=[warning]
    )
