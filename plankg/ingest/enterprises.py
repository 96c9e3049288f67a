"""Enterprise and chain-leader data: a CSV file -> validated rows, or every problem in it.

Pure: no store here. Each row names an enterprise, the industry or chain it leads (resolved
through the industry vocabulary), its role (链主, 龙头 …) and optionally its county or district.
Headers may be Chinese or English; the file may be UTF-8 (with or without BOM) or GB18030.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from plankg.canonical import IndustryEntry
from plankg.errors import EnterpriseDataError, SourceNotFound, UndecodableText
from plankg.ingest.entities import industry_vocab, region_vocab
from plankg.resolve import normalise_ref
from plankg.vocab import load_vocab

# Accepted header names for each column, compared after normalise_ref (case, spaces, width).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "企业", "名称", "name", "enterprise", "company"),
    "concept": ("产业链", "产业", "行业", "chain", "industry"),
    "role": ("角色", "定位", "role"),
    "region": ("区县", "县市区", "县（市、区）", "所在地", "地区", "region", "county", "district"),
}
REQUIRED_COLUMNS = ("name", "concept", "role")
_ENCODINGS = ("utf-8-sig", "gb18030")
_ROLE_TAILS = ("型企业", "企业")  # longest first


@dataclass(frozen=True)
class EnterpriseRow:
    """One validated line: the enterprise leads ``concept`` (an Industry or Chain entry)."""

    line: int
    name: str
    concept: IndustryEntry
    role: str
    region: str | None  # canonical county/district name from the region vocabulary
    raw: str  # the line as written, kept as evidence


@dataclass(frozen=True)
class EnterpriseData:
    source_name: str
    rows: list[EnterpriseRow]


def read_enterprise_file(path: str | Path) -> EnterpriseData:
    """Read and validate an enterprise CSV; raises EnterpriseDataError listing every bad line."""
    path = Path(path)
    if path.is_dir() or not path.exists():
        raise SourceNotFound(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceNotFound(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return parse_enterprise_csv(data, path.name)


def parse_enterprise_csv(data: bytes, name: str) -> EnterpriseData:
    text = decode_csv(data, name)
    lines = text.splitlines()
    records_with_lines = _numbered_records(lines)
    if not records_with_lines:
        raise EnterpriseDataError(f"{name}: no rows (expected a header line and data lines)")
    header_line, header = records_with_lines[0]
    columns = map_columns(header)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise EnterpriseDataError(
            f"{name}: line {header_line}: missing column(s) "
            + ", ".join(
                f"{c} ({'/'.join(COLUMN_NAMES[c][:1] + COLUMN_NAMES[c][-2:])})" for c in missing
            )
        )
    rows: list[EnterpriseRow] = []
    errors: list[str] = []
    for line_no, record in records_with_lines[1:]:
        row, problems = validate_record(record, columns, line_no, lines[line_no - 1])
        errors.extend(f"line {line_no}: {p}" for p in problems)
        if row is not None:
            rows.append(row)
    if errors:
        raise EnterpriseDataError(
            f"{name}: {len(errors)} invalid row(s), nothing loaded: " + "; ".join(errors),
            errors=errors,
        )
    if not rows:
        raise EnterpriseDataError(f"{name}: a header but no data rows")
    return EnterpriseData(source_name=name, rows=rows)


def decode_csv(data: bytes, name: str) -> str:
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise UndecodableText(f"{name}: not a UTF-8 or GB18030 text CSV")


def _numbered_records(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each non-blank line as a CSV record with its 1-based line number. Parsed line by line so
    the numbers in error messages are the editor's line numbers (a quoted cell cannot hold a
    line break; enterprise names never do)."""
    records = [(i + 1, next(csv.reader([line]), [])) for i, line in enumerate(lines)]
    return [(n, r) for n, r in records if any(cell.strip() for cell in r)]


def map_columns(header: list[str]) -> dict[str, int]:
    """Column role -> index for the header names we recognise."""
    wanted = {normalise_ref(n): role for role, names in COLUMN_NAMES.items() for n in names}
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        role = wanted.get(normalise_ref(cell))
        if role and role not in columns:
            columns[role] = index
    return columns


def validate_record(
    record: list[str], columns: dict[str, int], line_no: int, raw: str
) -> tuple[EnterpriseRow | None, list[str]]:
    def cell(role: str) -> str:
        index = columns.get(role)
        return record[index].strip() if index is not None and index < len(record) else ""

    problems: list[str] = []
    name, concept_ref, role_ref, region_ref = (
        cell("name"),
        cell("concept"),
        cell("role"),
        cell("region"),
    )
    if not name:
        problems.append("empty enterprise name")
    concept = resolve_concept_term(concept_ref) if concept_ref else None
    if not concept_ref:
        problems.append("empty industry/chain")
    elif concept is None:
        problems.append(f"unknown industry or chain {concept_ref!r}")
    role = normalise_role(role_ref)
    if not role_ref:
        problems.append("empty role")
    elif role is None:
        problems.append(
            f"unknown role {role_ref!r} (expected one of {'、'.join(enterprise_roles())})"
        )
    region = resolve_region(region_ref) if region_ref else None
    if region_ref and region is None:
        problems.append(f"unknown county/district {region_ref!r}")
    if problems or concept is None or role is None:
        return None, problems
    return EnterpriseRow(
        line=line_no, name=name, concept=concept, role=role, region=region, raw=raw.strip()
    ), []


def resolve_concept_term(term: str) -> IndustryEntry | None:
    """The vocabulary entry a cell names; ``XX产业链`` of an industry is that industry's chain,
    as the plan extractor reads it."""
    vocab = industry_vocab()
    entry = vocab.lookup(term)
    if entry is None:
        return None
    return vocab.chain_for(entry) if term.strip().endswith("产业链") else entry


def enterprise_roles() -> tuple[str, ...]:
    return tuple(load_vocab("entity_words")["enterprise_roles"])


def normalise_role(role: str) -> str | None:
    """链主企业 -> 链主; None for a word that is not a role."""
    word = role.strip()
    for tail in _ROLE_TAILS:
        if word.endswith(tail) and len(word) > len(tail):
            word = word[: -len(tail)]
    return word if word in enterprise_roles() else None


def resolve_region(ref: str) -> str | None:
    """The canonical name of a county/district written in full or by its stem (茌平 -> 茌平区);
    a full name several cities share (新华区) stays as written; None if no region has it."""
    vocab = region_vocab()
    ref = ref.strip()
    if ref in vocab.by_name:
        return vocab.by_name[ref][0].name
    by_stem = {r.name for r in vocab.by_code.values() if r.stem == ref and r.level == "county"}
    return by_stem.pop() if len(by_stem) == 1 else None
