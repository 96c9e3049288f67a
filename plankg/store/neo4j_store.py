"""The Neo4j store: a Bolt server (single instance, cluster or Aura) through the official driver.

All write Cypher of the Neo4j store is generated here from ``schema.py``, in Neo4j's dialect: the
embedded store's statements need ``CAST`` (LadybugDB types an all-null batch column as STRING)
and read ``(n:A:B)`` as A OR B, while Neo4j has no ``CAST`` and reads ``:A:B`` as A AND B. The
plan of the writes is the same: delete the old plan's subgraph and orphaned shared nodes, then
``UNWIND $rows`` batches (CREATE plan-owned nodes, MERGE shared ones, two MATCH lookups per edge).
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from plankg.errors import QueryError, ReadOnlyViolation, StoreError, StoreUnavailable
from plankg.store import steps
from plankg.store.protocol import BoundedRows, capped_rows
from plankg.store.rows import GraphRows
from plankg.store.schema import RELS, neo4j_ddl
from plankg.store.steps import (
    PLAN_LEVEL_LABELS,
    Step,
    StepWriter,
    dataset_guard,
    is_shared,
)

T = TypeVar("T")

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> str:
    scheme = urlsplit(uri).scheme
    if scheme not in URI_SCHEMES or not urlsplit(uri).hostname:
        raise StoreUnavailable(
            f"{uri}: not a Neo4j URI; expected {', '.join(s + '://host' for s in URI_SCHEMES)}",
            uri=uri,
        )
    return uri


def orphan_cleanup_cypher(label: str) -> str:
    """Shared nodes no plan refers to any more (as the embedded store defines them): no edge to
    a plan-level node and no edge from another shared node."""
    plan_level = " OR ".join(f"m:{lbl}" for lbl in PLAN_LEVEL_LABELS)
    cond = f"NOT EXISTS {{ MATCH (n)--(m) WHERE {plan_level} }}"
    referrers = sorted(
        {rel.type for rel in RELS for src, dst in rel.pairs if dst == label and is_shared(src)}
    )
    if referrers:
        cond += f" AND NOT EXISTS {{ MATCH (n)<-[:{'|'.join(referrers)}]-() }}"
    cond += dataset_guard(label)
    return f"MATCH (n:{label}) WHERE {cond} DETACH DELETE n"


def delete_steps(plan_id: str) -> list[Step]:
    return steps.delete_steps(plan_id, orphan_cleanup_cypher)


def write_steps(rows: GraphRows, batch_size: int) -> list[Step]:
    return steps.write_steps(rows, batch_size)


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())


class Neo4jStore(StepWriter):
    """GraphStore on a Neo4j server. Reads go through ``execute_read`` (routed to followers in
    a cluster); a plan is written in one ``execute_write`` transaction."""

    kind = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        batch_size: int = 2000,
        driver: neo4j.Driver | None = None,
    ) -> None:
        self.uri = check_uri(uri)
        self.database = database
        self.batch_size = batch_size
        self.upgrades: list[str] = []
        # Every session of this store shares one bookmark manager: in a cluster a read routed to
        # a follower waits until that follower has this store's last write (causal chaining).
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        try:
            # Server notifications (e.g. "property key does not exist" on a store with no plan
            # yet) would reach stderr through the driver's logger on every read: off.
            self._driver = driver or neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF"
            )
        except (neo4j_errors.ConfigurationError, ValueError) as exc:
            raise StoreUnavailable(
                f"{uri}: cannot configure the Neo4j driver: {_one_line(exc)}", uri=uri
            ) from exc

    # -- GraphStore ----------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        def create(tx: neo4j.ManagedTransaction) -> None:
            for statement in neo4j_ddl():
                tx.run(statement).consume()

        # Schema statements cannot share a transaction with data writes, so this is its own.
        self._run(lambda session: session.execute_write(create), "creating the schema", StoreError)
        self.fill_sort_keys(self.run_read)

    def run_read(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        query_name: str | None = None,
    ) -> list[dict[str, Any]]:
        def read(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(cypher, params or {})]

        what = f"query {query_name!r}" if query_name else "query"
        return self._run(lambda session: session.execute_read(read), what, QueryError)

    def run_bounded_read(
        self,
        cypher: str,
        params: dict[str, Any],
        *,
        timeout_s: float,
        max_rows: int,
        max_bytes: int,
    ) -> BoundedRows:
        """In a read transaction (a write in it is refused by the server) with the driver's
        transaction timeout; records are pulled one by one and no more than the caps hold."""

        @neo4j.unit_of_work(timeout=timeout_s)
        def read(tx: neo4j.ManagedTransaction) -> BoundedRows:
            result = tx.run(cypher, params)
            rows, truncated = capped_rows((record.data() for record in result), max_rows, max_bytes)
            return BoundedRows(columns=list(result.keys()), rows=rows, truncated=truncated)

        try:
            return self._run(lambda session: session.execute_read(read), "query", QueryError)
        except QueryError as error:
            cause = error.__cause__
            code = getattr(cause, "code", "") or ""
            if "TransactionTimedOut" in code:
                raise QueryError(
                    f"the query ran longer than {timeout_s:g} s and was stopped"
                ) from error
            raise

    def _delete_steps(self, plan_id: str) -> list[Step]:
        return delete_steps(plan_id)

    def _write_steps(self, rows: GraphRows) -> list[Step]:
        return write_steps(rows, self.batch_size)

    def _run_steps(self, steps: list[Step], what: str) -> list[int]:
        return self._write(steps, what)

    def delete_everything(self, chunk: int = 20_000) -> int:
        """Empty the database (every node and edge, plans or not), ``chunk`` nodes per write
        transaction so a large graph never needs one huge transaction. For a throwaway server
        (the benchmark); the count of nodes deleted."""

        def delete(tx: neo4j.ManagedTransaction) -> int:
            record = tx.run(
                "MATCH (n) WITH n LIMIT $chunk DETACH DELETE n RETURN count(*) AS deleted",
                {"chunk": chunk},
            ).single()
            return int(record["deleted"]) if record else 0

        total = 0
        while True:
            deleted = self._run(
                lambda session: session.execute_write(delete), "emptying the database", StoreError
            )
            total += deleted
            if deleted < chunk:
                return total

    def ping(self) -> bool:
        try:
            self._driver.verify_connectivity()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
            return False
        return True

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------------

    def _write(self, steps: list[Step], what: str) -> list[int]:
        """Run ``steps`` in one write transaction (retried by the driver on transient errors);
        the first value each statement returns."""

        def work(tx: neo4j.ManagedTransaction) -> list[int]:
            counts = []
            for step in steps:
                record = tx.run(step.cypher, step.params).single()
                count = int(record[0]) if record is not None else 0
                if step.expect is not None and count != step.expect:
                    # Raising inside the function rolls the transaction back.
                    raise StoreError(
                        f"{self.uri}: {what} failed, nothing was changed: "
                        f"{step.name} wrote {count} of {step.expect} rows "
                        f"(an edge names a missing node)"
                    )
                counts.append(count)
            return counts

        return self._run(lambda session: session.execute_write(work), what, StoreError)

    def _run(
        self,
        work: Callable[[neo4j.Session], T],
        what: str,
        client_error: type[QueryError | StoreError],
    ) -> T:
        """Run ``work`` in a session, turning driver errors into plankg errors. ``client_error``
        is what a statement Neo4j rejects becomes: a bad query for reads, a failed write else."""
        try:
            with self._driver.session(
                database=self.database, bookmark_manager=self._bookmarks
            ) as session:
                return work(session)
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailable(
                f"{self.uri}: Neo4j refused the credentials "
                f"(PLANKG_NEO4J_USER / PLANKG_NEO4J_PASSWORD): "
                f"{_one_line(exc)}",
                uri=self.uri,
            ) from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            raise StoreUnavailable(
                f"{self.uri}: Neo4j is unreachable while {what}: {_one_line(exc)}", uri=self.uri
            ) from exc
        except neo4j_errors.ClientError as exc:
            if exc.code == "Neo.ClientError.Statement.AccessMode":
                # A write inside a read transaction: the server's own read-only guard.
                raise ReadOnlyViolation(
                    f"{self.uri}: {what} refused: writes are not allowed in a read transaction"
                ) from exc
            raise client_error(
                f"{self.uri}: {what} failed, nothing was changed: {_one_line(exc)}", uri=self.uri
            ) from exc
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise StoreError(f"{self.uri}: {what} failed: {_one_line(exc)}", uri=self.uri) from exc
