"""The 公文 header of a plan and its end matter: issuer, doc number, date, title and period.

An action plan opens with an optional 公文 header (``XX文件`` / doc number /
``关于印发《…》的通知`` / addressee / notice / signature / date / ``（此件公开发布）``), then the
plan's title lines and preamble; after the numbered outline comes end matter (``附件``,
``抄送：``, a closing signature and date) that belongs to no item. Patterns are matched on the
simplified twin of the text; every value and span is taken from the original one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from plankg.ingest.markers import heading_marker
from plankg.ingest.numerals import CN_DIGIT, chinese_numeral_to_int
from plankg.ingest.paragraph_view import ParagraphView
from plankg.ingest.tables import TableBlock, find_tables
from plankg.models import Evidence, PlanHeader, SourceText

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


def _is_signature_at(view: ParagraphView, i: int) -> bool:
    t = view.match(i)
    if _ORG_AND_DATE.fullmatch(t):
        return True
    nxt = view.next_nonblank(i)
    return _is_org(t) and nxt is not None and _is_date_line(view.match(nxt))


def is_end_matter_at(view: ParagraphView, i: int) -> bool:
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
class Layout:
    header_end: int  # paragraph index after the 公文 header (0 when there is none)
    title_start: int  # [title_start, title_stop): the plan's title lines
    title_stop: int


def layout_of(view: ParagraphView, limit: int | None = None) -> Layout:
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
    return Layout(header_end, header_end, stop)


def parse_header(source: SourceText) -> PlanHeader:
    """Issuer, doc number, date, title and period of a plan; None for what it does not state."""
    view = ParagraphView(source)
    return header_of(view, layout_of(view, first_table_paragraph(find_tables(source))))


def header_of(view: ParagraphView, layout: Layout) -> PlanHeader:
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
        issuer=squeeze(issuer.phrase) if issuer else None,
        doc_no=squeeze(evidence["doc_no"].phrase) if doc_no else None,
        issued=issued_date,
        title=title,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        evidence=evidence,
    )


def _first(
    view: ParagraphView, indices: range, matcher: Callable[[str], re.Match[str] | None]
) -> tuple[int, re.Match[str]] | None:
    for i in indices:
        m = matcher(view.match(i))
        if m:
            return i, m
    return None


def squeeze(s: str) -> str:
    """Drop the spaces typesetting leaves around Chinese characters."""
    return _CJK_SPACE.sub("", s.strip())


def _find_issuer(
    view: ParagraphView, header_range: range, layout: Layout, closing_range: range
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
    view: ParagraphView, header_range: range, closing_range: range
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
    view: ParagraphView, header_range: range, layout: Layout, issuer: str | None
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
    title = squeeze(raw)
    if issuer and title.startswith(squeeze(issuer)) and len(title) > len(squeeze(issuer)):
        title = title[len(squeeze(issuer)) :]
    return title, ev


def _quoted_plan_title(t: str) -> re.Match[str] | None:
    """The 《…》 of the notice line or text that issues the plan (印发)."""
    return _BOOK_TITLE.search(t) if "印发" in t else None


def _block_evidence(view: ParagraphView, layout: Layout) -> Evidence | None:
    if layout.title_stop <= layout.title_start:
        return None
    return view.evidence(
        view.paragraphs[layout.title_start].start, view.paragraphs[layout.title_stop - 1].end
    )


def _find_period(
    view: ParagraphView, places: list[Evidence | None]
) -> tuple[int, int, Evidence] | None:
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
            first = 1966 + 5 * (10 + CN_DIGIT[m.group(1)] - 3)
            return first, first + 4, view.evidence(place.start + m.start(), place.start + m.end())
        m = _SINGLE_YEAR.search(text)
        if m:
            year = int(m.group(1))
            return year, year, view.evidence(place.start + m.start(1), place.start + m.end())
    return None


def first_table_paragraph(tables: list[TableBlock]) -> int | None:
    # A table's title line may be the plan's title (a plan that is one table), so the title block
    # may reach it; the header row never belongs to it.
    return tables[0].header if tables else None
