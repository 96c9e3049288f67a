"""Read-only Cypher from power users: refused when it could write, bounded in time and rows.

Two independent guards: a scan of the statement's tokens (comments and string literals removed,
so ``// CREATE`` or ``'DELETE'`` do not trip it and ``CrEaTe`` does), and the store's read-only
transaction (LadybugDB ``BEGIN TRANSACTION READ ONLY``, Neo4j ``execute_read``), which refuses a
write the scan did not foresee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plankg.errors import QueryError, ReadOnlyViolation
from plankg.store.protocol import GraphStore

WRITE_KEYWORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "ALTER",
        "COPY",
        "LOAD",
        "INSTALL",
        "UNINSTALL",
        "ATTACH",
        "EXPORT",
        "IMPORT",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "CHECKPOINT",
        "USE",
        "FOREACH",
        "TERMINATE",
        "GRANT",
        "REVOKE",
        "DENY",
        "RENAME",
        "ENABLE",
        "DISABLE",
        "START",
        "STOP",
        "SHOW",
    }
)
# Procedures that only read the catalogue; any other CALL is refused.
READ_PROCEDURES = frozenset(
    {
        "show_tables",
        "table_info",
        "show_connection",
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
    }
)

_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_BACKTICKED = re.compile(r"`[^`]*`")
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][A-Za-z0-9_.]*)", re.I)


@dataclass(frozen=True)
class CypherAnswer:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


def strip_literals(cypher: str) -> str:
    """The statement without comments, string literals and `quoted` names."""
    text = _COMMENTS.sub(" ", cypher)
    text = _STRINGS.sub("''", text)
    return _BACKTICKED.sub("x", text)


def check_read_only(cypher: str) -> None:
    """Raise ReadOnlyViolation when the statement could write or change the session."""
    text = strip_literals(cypher)
    if not text.strip():
        raise QueryError("the Cypher statement is empty")
    if ";" in text.strip().rstrip(";"):
        raise ReadOnlyViolation("send one Cypher statement at a time (found ';')")
    writes = sorted({t.upper() for t in _TOKEN.findall(text)} & WRITE_KEYWORDS)
    if writes:
        raise ReadOnlyViolation(f"read-only Cypher: {', '.join(writes)} is not allowed here")
    for procedure in _CALL.findall(text):
        if procedure.lower() not in READ_PROCEDURES:
            raise ReadOnlyViolation(
                f"read-only Cypher: CALL {procedure} is not on the read "
                f"allow-list ({', '.join(sorted(READ_PROCEDURES))})"
            )
    if re.search(r"\bCALL\s*\{", text, re.I):
        raise ReadOnlyViolation("read-only Cypher: CALL { … } subqueries are not allowed here")


def run_read_only_cypher(
    store: GraphStore,
    cypher: str,
    *,
    params: dict[str, Any] | None = None,
    timeout_s: float,
    row_cap: int,
) -> CypherAnswer:
    """Run a user's read on ``store`` within ``timeout_s``, keeping at most ``row_cap`` rows."""
    check_read_only(cypher)
    statement = cypher.strip().rstrip(";")
    try:
        # One row past the cap tells whether the answer was cut.
        rows = store.run_bounded_read(
            statement, params or {}, timeout_s=timeout_s, max_rows=row_cap + 1
        )
    except (ValueError, TypeError) as error:
        # The embedded driver rejects some literals and parameter values with plain
        # Python errors; to the caller they are a bad query like any other.
        raise QueryError(f"the Cypher statement cannot run: {error}") from error
    columns = list(rows[0]) if rows else []
    return CypherAnswer(columns=columns, rows=rows[:row_cap], truncated=len(rows) > row_cap)
