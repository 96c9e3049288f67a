"""Read-only Cypher from power users: refused unless every part of it is a known read, and run
bounded in time, memory, rows and bytes.

Three independent guards: the allow-lists of ``cypher_guard`` on the statement's tokens; the
store's read-only transaction (LadybugDB ``BEGIN TRANSACTION READ ONLY`` on a read-only open,
Neo4j ``execute_read``), which refuses a write the lists did not foresee; and, on the embedded
store, a child process with capped memory and a wall limit (``cypher_sandbox``), so a crash or a
runaway in the database library ends that process and not the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plankg.errors import QueryError
from plankg.store.cypher_guard import check_tokens, tokenize, with_row_limit
from plankg.store.protocol import GraphStore


@dataclass(frozen=True)
class CypherAnswer:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


def check_read_only(cypher: str) -> None:
    """Raise ReadOnlyViolation (or QueryError when malformed) unless the statement is one
    allowed read."""
    check_tokens(tokenize(cypher))


def run_read_only_cypher(
    store: GraphStore,
    cypher: str,
    *,
    params: dict[str, Any] | None = None,
    timeout_s: float,
    row_cap: int,
    max_bytes: int,
) -> CypherAnswer:
    """Run a user's read on ``store`` within ``timeout_s``, keeping at most ``row_cap`` rows
    and ``max_bytes`` of them as JSON."""
    tokens = tokenize(cypher)
    check_tokens(tokens)
    while tokens[-1].text == ";":
        tokens.pop()  # check_tokens saw a statement before it
    # Up to the last token: a closing semicolon or comment dropped.
    statement = cypher[: tokens[-1].end]
    # One row past the cap tells whether the answer was cut; the database stops there.
    statement = with_row_limit(statement, tokens, row_cap + 1)
    try:
        answer = store.run_bounded_read(
            statement, params or {}, timeout_s=timeout_s, max_rows=row_cap, max_bytes=max_bytes
        )
    except (ValueError, TypeError) as error:
        # The embedded driver rejects some literals and parameter values with plain
        # Python errors; to the caller they are a bad query like any other.
        raise QueryError(f"the Cypher statement cannot run: {error}") from error
    return CypherAnswer(columns=answer.columns, rows=answer.rows, truncated=answer.truncated)
