"""Who carries a task: responsibility clauses, office aliases and outside departments.

A task of an action plan names its owners in a clause, normally a bracket at its end
(``（科技科、产业政策科分别负责）``) or a labelled line (``牵头单位：A；配合单位：B、C``). The modules
here turn such text into :class:`~plankg.models.OwnerMention` records with roles, one job each:

- ``words``: the clause words of ``vocab/owner_clauses.json`` as patterns;
- ``names``: one spelling per name, unit suffixes, group words;
- ``lists``: brackets inside names, splitting a list into names;
- ``clauses``: the clauses of one task and the roles they give;
- ``standing``: owners a plan declares once for every measure;
- ``duties``: duty lists written by unit (职责分工: （一）区交通委 …);
- ``aliases``: the ways one office is written across a plan;
- ``english``: English office names;
- ``outside``: outside departments a task works with.

Word lists live in versioned vocabulary files; nothing here knows any particular plan.
"""

from __future__ import annotations

from plankg.ingest.owners.aliases import canonicalize_offices
from plankg.ingest.owners.clauses import (
    Responsibility,
    detect_first_listed_leads,
    extract_responsibility,
    responsibility_spans,
)
from plankg.ingest.owners.duties import duty_owners
from plankg.ingest.owners.english import office_english_name
from plankg.ingest.owners.names import is_collective, normalize_name
from plankg.ingest.owners.outside import extract_agencies, outside_department
from plankg.ingest.owners.standing import extract_standing_owners, with_standing_owners

__all__ = [
    "Responsibility",
    "canonicalize_offices",
    "detect_first_listed_leads",
    "duty_owners",
    "extract_agencies",
    "extract_responsibility",
    "extract_standing_owners",
    "is_collective",
    "normalize_name",
    "office_english_name",
    "outside_department",
    "responsibility_spans",
    "with_standing_owners",
]
