"""A plan as its outline: the heading tree with each task's text, owners and roles, targets and
deadline; the plan's clean text and the words around a piece of evidence. What the web plan page
and the gap page read; Cypher stays in ``plankg/queries``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from plankg.analysis import answers
from plankg.analysis.records import Owner, PlanDetail, TargetRow
from plankg.codes import code_key
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query

# Evidence is shown inside this many characters of the plan on each side, cut at a sentence end.
CONTEXT_CHARS = 90
SENTENCE_ENDS = "。；！？\n"


@dataclass
class OutlineTask:
    task_id: str
    code: str
    number: str | None
    title: str | None
    text: str
    deadline: str | None
    span_start: int | None
    span_end: int | None
    owners: list[Owner]
    targets: list[TargetRow]


@dataclass
class OutlineSection:
    section_id: str
    code: str
    number: str | None
    title: str | None
    level: int
    intro: str | None
    span_start: int | None
    span_end: int | None
    sections: list[OutlineSection] = field(default_factory=list)
    tasks: list[OutlineTask] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)


@dataclass
class PlanOutline:
    plan: PlanDetail
    sections: list[OutlineSection]
    loose_tasks: list[OutlineTask]  # tasks directly under the plan (annex table rows)


def plan_outline(store: GraphStore, ref: str) -> PlanOutline:
    """A plan's header, its heading tree in outline order, each task with its owners, targets and
    deadline (the task's own, else the last year among its targets)."""
    plan = answers.plan_detail(store, ref)
    plan_id = plan.plan_id
    owners = {t.task_id: t.owners for t in answers.list_tasks(store, plan=plan_id)}
    targets: defaultdict[str, list[TargetRow]] = defaultdict(list)
    for target in answers.list_targets(store, plan=plan_id):
        targets[target.holder_id].append(target)
    sections = {
        row["section_id"]: OutlineSection(
            section_id=row["section_id"],
            code=row["code"],
            number=row["number"],
            title=row["title"],
            level=row["level"] or 1,
            intro=row["intro"],
            span_start=row["span_start"],
            span_end=row["span_end"],
            targets=targets.get(row["section_id"], []),
        )
        for row in run_query(store, "plan_sections", plan_id=plan_id)
    }
    roots: list[OutlineSection] = []
    parents = {
        r["section_id"]: r["parent_id"] for r in run_query(store, "plan_sections", plan_id=plan_id)
    }
    for section_id, section in sorted(sections.items(), key=lambda s: code_key(s[1].code)):
        parent = sections.get(parents.get(section_id) or "")
        (parent.sections if parent else roots).append(section)
    loose: list[OutlineTask] = []
    for row in sorted(
        run_query(store, "plan_tasks", plan_id=plan_id), key=lambda r: code_key(r["code"])
    ):
        task = OutlineTask(
            task_id=row["task_id"],
            code=row["code"],
            number=row["number"],
            title=row["title"],
            text=row["text"] or "",
            deadline=row["deadline"] or _last_year(targets.get(row["task_id"], [])),
            span_start=row["span_start"],
            span_end=row["span_end"],
            owners=owners.get(row["task_id"], []),
            targets=targets.get(row["task_id"], []),
        )
        holder = sections.get(row["section_id"] or "")
        (holder.tasks if holder else loose).append(task)
    return PlanOutline(plan=plan, sections=roots, loose_tasks=loose)


def _last_year(targets: list[TargetRow]) -> str | None:
    years = [t.year or t.period_end for t in targets]
    known = [int(y) for y in years if y]
    return f"{max(known)}年" if known else None


def plan_text(store: GraphStore, plan_id: str) -> str:
    """The plan's clean text, into which every evidence offset points ('' for an unknown id)."""
    rows = run_query(store, "plan_text", plan_id=plan_id)
    return (rows[0]["text"] or "") if rows else ""


@dataclass(frozen=True)
class EvidenceContext:
    before: str
    phrase: str
    after: str


def evidence_context(
    text: str, start: int | None, end: int | None, phrase: str, width: int = CONTEXT_CHARS
) -> EvidenceContext:
    """The phrase inside the plan's words around it: back to the previous sentence end and on to
    the next one, at most ``width`` characters each way. Offsets that do not point at the phrase
    (a text from another version) give the phrase alone rather than the wrong words."""
    if start is None or end is None or not (0 <= start <= end <= len(text)):
        return EvidenceContext("", phrase, "")
    if phrase and text[start:end] != phrase:
        return EvidenceContext("", phrase, "")
    lo = max(0, start - width)
    # A phrase that opens a sentence (a closing 「（…负责）」) belongs with the one before it.
    cut = max(text.rfind(mark, lo, max(lo, start - 1)) for mark in SENTENCE_ENDS)
    lo = cut + 1 if cut >= 0 else lo
    hi = min(len(text), end + width)
    ends = [i for i in (text.find(mark, end, hi) for mark in SENTENCE_ENDS) if i >= 0]
    hi = min(ends) + 1 if ends else hi
    return EvidenceContext(text[lo:start].lstrip(), text[start:end], text[end:hi].rstrip())
