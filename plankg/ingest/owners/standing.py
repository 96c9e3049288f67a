"""Standing owners: units a plan declares once for every measure (…以下不再列出)."""

from __future__ import annotations

import re

from plankg.ingest.owners.lists import split_owner_list
from plankg.ingest.owners.names import is_collective, looks_like_unit, owner_name
from plankg.ingest.owners.words import clause_words
from plankg.models import Evidence, OwnerMention

# ---------------------------------------------------------------- standing owners


def extract_standing_owners(plan_text: str) -> list[OwnerMention]:
    """Owners the plan declares for every measure once (…人民政府为各项措施的责任单位，以下不再
    列出 / 各项措施责任单位均包括A、B，以下不再列出), with the declaration as evidence."""
    words = clause_words()
    ends = tuple(words["standing_declaration_ends"])
    for pattern in words["standing_declaration_names"]:
        for match in re.finditer(pattern, plan_text):
            tail = plan_text[match.end() : match.end() + 40]
            if not any(end in tail for end in ends):
                continue
            names, _ = split_owner_list(match["names"], match.start("names"))
            sentence_end = min(
                (plan_text.find(e, match.end()) + len(e) for e in ends if e in tail),
                default=match.end(),
            )
            evidence = Evidence(
                phrase=plan_text[match.start() : sentence_end],
                start=match.start(),
                end=sentence_end,
            )
            owners = [
                OwnerMention(
                    name=owner_name(raw),
                    raw=raw,
                    role="collective" if is_collective(raw) else "each",
                    collective=is_collective(raw),
                    evidence=evidence,
                )
                for raw, _ in names
                if is_collective(raw) or looks_like_unit(raw)
            ]
            if owners:
                return owners
    return []


def with_standing_owners(
    owners: list[OwnerMention], standing: list[OwnerMention]
) -> list[OwnerMention]:
    """A task's owners plus the plan's standing owners: the clause lists now name several units,
    so a unit that was sole shares the task (each)."""
    if not standing:
        return owners
    present = {o.name for o in owners}
    added = [o.model_copy() for o in standing if o.name not in present]
    if not added:
        return owners
    shared = [o.model_copy(update={"role": "each"}) if o.role == "sole" else o for o in owners]
    return shared + added
