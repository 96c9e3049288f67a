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
# A document number may stand on its own line in brackets: （X府办发〔2022〕17号）.
_DOC_NO_LINE = re.compile(rf"[（(]?\s*(?P<no>{_DOC_NO.pattern})")
_DATE_ASCII = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_DATE_CN = r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
_DATE = re.compile(rf"{_DATE_ASCII}|{_DATE_CN}")
_DATE_LINE = re.compile(rf"(?:{_DATE.pattern})\s*(?:印发|发布)?")
_ORG_SUFFIX = r"(?:局|委员会|委|人民政府|政府|办公室|办公厅|厅|管理委员会|管委会|领导小组|指挥部|办|中心|部|院)"
_ORG = re.compile(rf"[\u4e00-\u9fff（）()]{{1,40}}?{_ORG_SUFFIX}")
_ORG_AND_DATE = re.compile(rf"({_ORG.pattern})\s*(?:{_DATE.pattern})\s*(?:印发|发布)?")
_RED_HEAD = re.compile(rf"({_ORG.pattern})\s*文件")
# The notice that issues (印发) or passes on (转发) a plan, its issuer often leading its title.
_NOTICE_TITLE = re.compile(r".{0,80}?关于.{2,150}的(?:通知|批复|函)")
_ISSUING_VERB = r"(?:印发|转发)"
_NOTICE_TEXT = re.compile(
    rf"{_ISSUING_VERB}给你们|现予{_ISSUING_VERB}|现{_ISSUING_VERB}|现将.{{0,150}}{_ISSUING_VERB}"
)
_NOTICE_CLOSE = re.compile(r"特此(?:通知|函告)[。.]?")
# How a plan refers to its own issuer (我局, 本中心); 本部门 / 本单位 are not such a reference.
_SELF_REFERENCE = re.compile(r"[我本](委员会|中心|部|局|委|厅|办|院|署)(?![门分位属级])")
# 甲、乙关于…: the first-listed unit of a title that opens with its issuers.
_TITLE_ISSUER = re.compile(rf"({_ORG.pattern})(?:[、，,]{_ORG.pattern})*\s*关于")
_ADDRESSEE = re.compile(r"[^。；;]{2,150}[：:]")
_PUBLICATION_NOTE = re.compile(r"[（(]此[件文页][^（）()]{0,12}[）)]")
_SIGNER = re.compile(r".{0,40}签发人\s*[：:]")
_BOOK_TITLE = re.compile(r"《([^《》]+)》")
_NOTICE_WRAPPED_TITLE = re.compile(rf"关于{_ISSUING_VERB}\s*(.+?)\s*的通知$")
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
        or _DOC_NO_LINE.match(t)
        or _NOTICE_TITLE.fullmatch(t)
        or _NOTICE_TEXT.search(t)
        or _NOTICE_CLOSE.fullmatch(t)
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


# Lines of a joint signature (several issuers, one above the other, over one date).
MAX_SIGNATURE_LINES = 12


def _is_signature_at(view: ParagraphView, i: int) -> bool:
    """An issuer's line over the date: alone, or any line of a joint signature."""
    t = view.match(i)
    if _ORG_AND_DATE.fullmatch(t):
        return True
    j: int | None = i
    for _ in range(MAX_SIGNATURE_LINES):
        if j is None or not _is_org(view.match(j)):
            return False
        j = view.next_nonblank(j)
        if j is not None and (
            _is_date_line(view.match(j)) or _ORG_AND_DATE.fullmatch(view.match(j))
        ):
            return True
    return False


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
    above_header: bool = False  # the title lines precede the header (inside its range)


def layout_of(view: ParagraphView, limit: int | None = None) -> Layout:
    """Header and title block, read no further than paragraph ``limit`` (where a table starts:
    its unpunctuated rows would otherwise read as title lines)."""
    limit = len(view) if limit is None else limit
    first_header = last_header = -1
    for i in range(limit):
        t = view.match(i)
        if not t:
            continue
        if _opens_outline(t):
            break
        if _is_header_line(t) or _is_signature_at(view, i):
            last_header = i
            if first_header < 0:
                first_header = i
        elif not _is_title_like(t):
            break
    header_end = last_header + 1
    stop = header_end
    while stop < limit:
        t = view.match(stop)
        if t and (_opens_outline(t) or _is_header_line(t) or not _is_title_like(t)):
            break
        stop += 1
    if stop == header_end and first_header > 0:
        # No title under the header: the title lines stand above it (title, then doc number).
        return Layout(header_end, 0, first_header, above_header=True)
    return Layout(header_end, header_end, stop)


def parse_header(source: SourceText) -> PlanHeader:
    """Issuer, doc number, date, title and period of a plan; None for what it does not state."""
    view = ParagraphView(source)
    return header_of(view, layout_of(view, first_table_paragraph(find_tables(source))))


def header_of(view: ParagraphView, layout: Layout) -> PlanHeader:
    evidence: dict[str, Evidence] = {}
    header_range = range(layout.header_end)
    closing_range = range(
        max(layout.title_stop, layout.header_end, len(view) - CLOSING_PARAGRAPHS), len(view)
    )

    issuer = _find_issuer(view, header_range, layout, closing_range)
    if issuer:
        evidence["issuer"] = issuer
    doc_no = _first(view, header_range, _DOC_NO_LINE.match)
    if doc_no:
        evidence["doc_no"] = view.group_evidence(*doc_no, "no")
    issued_date, issued_ev = _find_issued(view, header_range, closing_range)
    if issued_ev:
        evidence["issued"] = issued_ev
    title, title_ev = _find_title(view, header_range, layout, issuer)
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
    """The red head, else the signature (the first line of a joint one) in the header, else the
    unit that opens the notice's title (X关于印发…的通知), else the title block's own line,
    else the closing signature, else the unit that opens the plan's title (X关于…)."""
    red_head = _first(view, header_range, _RED_HEAD.fullmatch)
    if red_head:
        return view.group_evidence(*red_head, 1)
    title_block = range(layout.title_start, layout.title_stop)
    notice_range = (
        range(layout.title_stop, layout.header_end) if layout.above_header else header_range
    )
    return (
        _signature_issuer(view, header_range)
        or _title_issuer(view, notice_range, notice_only=True)
        or _signature_issuer(view, title_block, org_line_is_issuer=not layout.above_header)
        or _signature_issuer(view, closing_range)
        or _title_issuer(view, title_block, notice_only=False)
        or _self_referenced_issuer(view, title_block)
    )


def _self_referenced_issuer(view: ParagraphView, title_block: range) -> Evidence | None:
    """A plan that calls its issuer 我局 / 本中心 names it where its title begins
    (市商务局2024年…工作方案): the shortest opening of the title that ends in that word."""
    reference = _SELF_REFERENCE.search(view.match_text)
    if reference is None:
        return None
    opening = re.compile(rf"[\u4e00-\u9fff（）()]{{1,40}}?{reference.group(1)}")
    for i in title_block:
        m = opening.match(view.match(i))
        if m:
            return view.group_evidence(i, m)
    return None


def _signature_issuer(
    view: ParagraphView, indices: range, *, org_line_is_issuer: bool = False
) -> Evidence | None:
    for i in indices:
        t = view.match(i)
        same_line = _ORG_AND_DATE.fullmatch(t)
        if same_line:
            return view.group_evidence(i, same_line, 1)
        org = _ORG.fullmatch(t)
        if org and (org_line_is_issuer or _is_signature_at(view, i)):
            return view.group_evidence(i, org)
    return None


def _title_issuer(view: ParagraphView, indices: range, *, notice_only: bool) -> Evidence | None:
    for i in indices:
        t = view.match(i)
        if notice_only and not _NOTICE_TITLE.fullmatch(t):
            continue
        m = _TITLE_ISSUER.match(t)
        if m:
            return view.group_evidence(i, m, 1)
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
                if m and iso:
                    return iso, view.group_evidence(i, m)
    return None, None


def _find_title(
    view: ParagraphView, header_range: range, layout: Layout, issuer_ev: Evidence | None
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
            return _notice_as_title(view, header_range)
        ev = view.evidence(view.lead(lines[0]), view.paragraphs[lines[-1]].end)
        raw = "".join(view.paragraphs[i].text for i in lines)
    title = squeeze(raw)
    # 某局行动计划 names its issuer in passing; 某局关于…的意见 is the title as printed, and so is
    # a title the issuer was read from.
    issuer = issuer_ev.phrase if issuer_ev else None
    if (
        issuer_ev is not None
        and issuer
        and not ev.start <= issuer_ev.start < ev.end
        and title.startswith(squeeze(issuer))
        and len(title) > len(squeeze(issuer))
        and not title[len(squeeze(issuer)) :].startswith("关于")
    ):
        title = title[len(squeeze(issuer)) :]
    return title, ev


def _notice_as_title(
    view: ParagraphView, header_range: range
) -> tuple[str | None, Evidence | None]:
    """A notice that carries its measures itself (关于…的通知, no plan under it) is the plan."""
    found = _first(view, header_range, _NOTICE_TITLE.fullmatch)
    if found is None:
        return None, None
    ev = view.group_evidence(*found)
    return squeeze(ev.phrase), ev


def _quoted_plan_title(t: str) -> re.Match[str] | None:
    """The 《…》 that the notice issues or passes on (印发, 转发): the last one before the verb
    (根据《某条例》…现将《某方案》印发给你们), else the first after it (关于印发《某方案》的通知).
    A verb inside a cited title (《…关于印发…的通知》) does not count."""
    quoted = list(_BOOK_TITLE.finditer(t))
    outside = _BOOK_TITLE.sub(lambda m: "《" + "\u3000" * (len(m.group(0)) - 2) + "》", t)
    verb = re.search(_ISSUING_VERB, outside)
    if not quoted or verb is None:
        return None
    before = [m for m in quoted if m.end() <= verb.start()]
    return before[-1] if before else quoted[0]


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
