"""Ingest: a plan file becomes a :class:`~plankg.models.PlanRecord`.

read (bytes -> clean paragraphs) -> parse (outline) -> extract (owners, agencies, targets,
mentions, per task and per section intro) -> PlanRecord. No database anywhere in here.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from plankg.ingest.entities import extract_mentions, home_region_of
from plankg.ingest.outline import Outline, parse_outline
from plankg.ingest.owners import (
    canonicalize_offices,
    detect_first_listed_leads,
    duty_owners,
    extract_agencies,
    extract_responsibility,
    extract_standing_owners,
    normalize_name,
    office_english_name,
    outside_department,
    with_standing_owners,
)
from plankg.ingest.read import read_bytes, read_source, simplified_twin
from plankg.ingest.tables import table_owners
from plankg.ingest.targets import extract_targets
from plankg.ingest.unparsed import UnparsedInput, unparsed_clauses
from plankg.models import (
    AgencyMention,
    AgencyRelation,
    Evidence,
    Mention,
    Office,
    OfficeAlias,
    OwnerMention,
    PlanHeader,
    PlanRecord,
    Section,
    SourceText,
    Target,
    Task,
)
from plankg.vocab import load_vocab

SAMPLE_PACKAGE = "plankg.data.sample"
SAMPLE_NAME = "liaocheng_miit_2023_48.txt"

__all__ = ["build_plan", "ingest_bytes", "ingest_path", "plan_id_for", "sample_path"]


def sample_path() -> Path:
    """The bundled sample plan (used when `plankg ingest` gets no file)."""
    return Path(str(resources.files(SAMPLE_PACKAGE) / SAMPLE_NAME))


def ingest_path(
    path: str | Path, *, allow_unstructured: bool = False, max_bytes: int | None = None
) -> PlanRecord:
    return build_plan(read_source(path, max_bytes=max_bytes), allow_unstructured=allow_unstructured)


def ingest_bytes(data: bytes, name: str, *, allow_unstructured: bool = False) -> PlanRecord:
    return build_plan(read_bytes(data, name), allow_unstructured=allow_unstructured)


_DOC_NO_PUNCT = re.compile(r"[〔〕\[\]（）()【】第号\s]+")


def plan_id_for(header: PlanHeader, sha256: str) -> str:
    """Issuer-scoped document number when the plan has one, else a content hash.

    The document number already names its issuer (聊工信发, 京政办发 …), so it keys a plan across
    revisions; the hash keeps plans without a number apart. The number is read in simplified
    characters so a traditional-script copy of a plan keys the same plan.
    """
    if header.doc_no:
        doc_no = simplified_twin(header.doc_no) or header.doc_no
        slug = _DOC_NO_PUNCT.sub("-", doc_no).strip("-")
        if slug:
            return slug
    return f"plan-{sha256[:12]}"


_GOVERNMENT_ISSUER = re.compile(r"(政府|办公室|办公厅)$")
_DEPARTMENT_ISSUER = re.compile(r"(局|委|厅|委员会|办)$")
# How an outside department named in the bureau's own clause relates to the bureau.
_OUTSIDE_RELATION: dict[str, AgencyRelation] = {
    "lead": "support",
    "support": "assists",
    "each": "joint",
    "sole": "joint",
}


def issuer_is_department(issuer: str | None) -> bool:
    """A department (市工业和信息化局) assigns work to its own offices, so a body named with a
    level prefix in its clauses is outside it; a government (市人民政府办公室) assigns work to
    bureaus, which are then the owners."""
    if not issuer:
        return False
    return not _GOVERNMENT_ISSUER.search(issuer) and bool(_DEPARTMENT_ISSUER.search(issuer))


def _names_own_offices(tasks: list[Task]) -> bool:
    """Whether the plan's clauses name any unit of the issuer itself (a 科室 written without a
    level prefix, with a section suffix: 科, 处 …). A department's plan that names only level-prefixed bodies (区数据局, 区财政局)
    assigns work to bureaus as a government's plan does, and they are its owners."""
    internal = tuple(load_vocab("office_names")["internal_suffixes"])
    return any(
        not owner.collective
        and outside_department(owner.raw) is None
        and normalize_name(owner.raw).endswith(internal)
        for task in tasks
        for owner in task.owners
    )


# Relations that say how the issuing bureau itself works with a department.
_ISSUER_RELATIONS = frozenset({"support", "joint", "assists"})


def _as_bureau_plan(agency: AgencyMention, department_issuer: bool) -> AgencyMention:
    """In a plan whose owners are bureaus, a department named in a task's prose (配合市发展改革委,
    会同X) works with that task's owners, not with the issuer: it is cited, not a partner of the
    issuer, and never an owner (only explicit clauses name owners)."""
    if department_issuer or agency.relation not in _ISSUER_RELATIONS:
        return agency
    return agency.model_copy(update={"relation": "cites"})


def split_outside_owners(
    owners: list[OwnerMention],
) -> tuple[list[OwnerMention], list[AgencyMention]]:
    """A department plan's clause owners, less the outside departments among them, which
    become agencies related by the role they were given (牵头 → the bureau supports them)."""
    kept: list[OwnerMention] = []
    outside: list[AgencyMention] = []
    for owner in owners:
        department = None if owner.collective else outside_department(owner.raw)
        if department is None:
            kept.append(owner)
            continue
        name, resolved = department
        outside.append(
            AgencyMention(
                name=name,
                raw=owner.raw,
                relation=_OUTSIDE_RELATION[owner.role],
                resolved=resolved,
                evidence=owner.evidence,
            )
        )
    return kept, outside


def build_plan(source: SourceText, *, allow_unstructured: bool = False) -> PlanRecord:
    outline = parse_outline(source, allow_unstructured=allow_unstructured)
    header = outline.header
    # Extractors match on simplified characters; offsets are shared with the original text.
    match_text = source.match_text or source.text
    first_leads = detect_first_listed_leads(match_text)
    home = home_region_of(header.issuer)
    period = (
        (header.period_start, header.period_end)
        if header.period_start and header.period_end
        else None
    )
    warnings = list(source.warnings) + list(outline.warnings)

    standing = extract_standing_owners(match_text)
    by_duty = duty_owners(match_text, outline.sections, outline.tasks)
    for task in outline.tasks:
        table_row = outline.table_rows.get(task.code)
        if table_row is not None:
            task.owners, owner_warnings = table_owners(table_row, first_listed_leads=first_leads)
        else:
            text = match_text[task.start : task.end]
            responsibility = extract_responsibility(
                text, task.start, first_listed_leads=first_leads
            )
            task.owners, owner_warnings = responsibility.owners, responsibility.warnings
        if not task.owners and (duty_owner := by_duty.get(task.code)) is not None:
            task.owners = [duty_owner]
        if standing and task.end > standing[0].evidence.start:
            task.owners = with_standing_owners(task.owners, standing)
        task.warnings.extend(owner_warnings)
        warnings.extend(f"task {task.code}: {w}" for w in owner_warnings)

    department_issuer = issuer_is_department(header.issuer) and _names_own_offices(outline.tasks)
    for task in outline.tasks:
        owner_names = {o.raw for o in task.owners}
        passages = (
            [(match_text[c.start : c.end], c.start) for c in table_row.content_cells()]
            if (table_row := outline.table_rows.get(task.code)) is not None
            else [(match_text[task.start : task.end], task.start)]
        )
        if department_issuer:
            task.owners, outside = split_outside_owners(task.owners)
            task.agencies.extend(outside)
        for text, start in passages:
            task.agencies.extend(
                _as_bureau_plan(a, department_issuer)
                for a in extract_agencies(text, start)
                if a.raw not in owner_names
            )
            task.targets.extend(extract_targets(text, start, plan_period=period))
            task.mentions.extend(extract_mentions(text, start, home_region=home))
        for ordinal, target in enumerate(task.targets, start=1):
            target.ordinal = ordinal

    for section in outline.sections:
        if not section.intro:
            continue
        intro_start = source.text.find(section.intro, section.start, section.end)
        if intro_start < 0:
            continue
        text = match_text[intro_start : intro_start + len(section.intro)]
        section.targets = extract_targets(text, intro_start, plan_period=period)
        section.mentions = extract_mentions(text, intro_start, home_region=home)
        section.agencies = [
            _as_bureau_plan(a, department_issuer) for a in extract_agencies(text, intro_start)
        ]

    opening_targets = []
    if outline.preamble is not None:
        opening = outline.preamble
        text = match_text[opening.start : opening.end]
        opening_targets = extract_targets(text, opening.start, plan_period=period)
    unparsed = unparsed_clauses(_unparsed_inputs(outline, source, opening_targets))

    offices = _canonical_offices([o for t in outline.tasks for o in t.owners])
    unresolved = _unresolved_terms(
        [m for t in outline.tasks for m in t.mentions]
        + [m for s in outline.sections for m in s.mentions]
    )
    plan = PlanRecord(
        id=plan_id_for(header, source.sha256),
        header=header,
        text=source.text,
        source_name=source.source_name,
        source_format=source.source_format,
        sha256=source.sha256,
        sections=outline.sections,
        tasks=outline.tasks,
        offices=offices,
        unresolved=unresolved,
        targets=opening_targets,
        unparsed=unparsed,
        warnings=warnings,
    )
    if source.match_text:
        _restore_original_phrases(plan)
    return plan


def _unparsed_inputs(
    outline: Outline, source: SourceText, opening_targets: list[Target]
) -> list[UnparsedInput]:
    """Every text that was read for owners or targets, with the evidence read from it."""
    match_text = source.match_text or source.text
    inputs = [
        UnparsedInput(
            code=task.code,
            text=match_text[task.start : task.end],
            start=task.start,
            owner_evidence=tuple(o.evidence for o in task.owners)
            + tuple(a.evidence for a in task.agencies),
            target_evidence=tuple(t.evidence for t in task.targets),
        )
        for task in outline.tasks
    ]
    for section in outline.sections:
        intro_start = source.text.find(section.intro, section.start, section.end)
        if section.intro and intro_start >= 0:
            inputs.append(
                UnparsedInput(
                    code=section.code,
                    text=match_text[intro_start : intro_start + len(section.intro)],
                    start=intro_start,
                    owner_evidence=tuple(a.evidence for a in section.agencies),
                    target_evidence=tuple(t.evidence for t in section.targets),
                )
            )
    if outline.preamble is not None:
        opening = outline.preamble
        inputs.append(
            UnparsedInput(
                code=None,
                text=match_text[opening.start : opening.end],
                start=opening.start,
                owner_evidence=(),
                target_evidence=tuple(t.evidence for t in opening_targets),
            )
        )
    return inputs


def _canonical_offices(owners: list[OwnerMention]) -> list[Office]:
    """Merge office aliases found by rule in this plan and rename every owner to its canonical name."""
    names = [o.name for o in owners if not o.collective]
    aliases = canonicalize_offices(names)
    offices: dict[str, Office] = {}
    for owner in owners:
        if owner.collective:
            continue
        canonical, rule = aliases.get(owner.name, (owner.name, ""))
        office = offices.get(canonical)
        if office is None:
            office = offices[canonical] = Office(
                name=canonical, name_en=office_english_name(canonical)
            )
        if canonical != owner.name and all(a.alias != owner.name for a in office.aliases):
            office.aliases.append(OfficeAlias(alias=owner.name, rule=rule, evidence=owner.evidence))
        owner.name = canonical
    return sorted(offices.values(), key=lambda o: o.name)


def _unresolved_terms(mentions: list[Mention]) -> list[Mention]:
    seen: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        if not m.resolved:
            seen.setdefault((m.kind, m.key), m)
    return list(seen.values())


def _restore_original_phrases(plan: PlanRecord) -> None:
    """Evidence shows what the document says: phrases come back from the original-script text."""

    def fix(ev: Evidence | None) -> None:
        if ev is not None:
            ev.phrase = plan.text[ev.start : ev.end]

    for target in plan.targets:
        fix(target.evidence)
    for clause in plan.unparsed:
        clause.phrase = plan.text[clause.start : clause.end]
    holders: list[Task | Section] = [*plan.tasks, *plan.sections]
    for holder in holders:
        for target in holder.targets:
            fix(target.evidence)
        for mention in holder.mentions:
            fix(mention.evidence)
        for agency in holder.agencies:
            fix(agency.evidence)
    for task in plan.tasks:
        task.text = plan.text[task.start : task.end]
        for owner in task.owners:
            fix(owner.evidence)
    for office in plan.offices:
        for alias in office.aliases:
            fix(alias.evidence)
    for ev in plan.header.evidence.values():
        fix(ev)
