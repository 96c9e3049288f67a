"""The embedded store: one LadybugDB file, no server.

All write Cypher of the embedded store is generated here from ``schema.py``.

Threads: one ``Database`` per store and one ``Connection`` per thread (``threading.local``).
LadybugDB runs read transactions from several connections concurrently but admits one write
transaction at a time, so writes (schema, ``write_plan``, ``delete_plan``) also take a lock.
Every read runs inside ``BEGIN TRANSACTION READ ONLY``, so ``run_read`` can never write.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import ladybug

from plankg.errors import QueryError, ReadOnlyViolation, StoreError, StoreLocked
from plankg.graph.rows import GraphRows, RelKey
from plankg.graph.schema import (
    DATASET_SOURCE,
    LABELS,
    NODE_BY_LABEL,
    NODES,
    PLAN_OWNED_LABELS,
    REL_BY_TYPE,
    RELS,
    SOURCED_REL_TYPES,
    STRINGS,
    ladybug_ddl,
)
from plankg.graph.store import plan_ids

BatchHook = Callable[[str, int], None]
"""Called with (step name, rows in the batch) before each write statement of a transaction."""

# Nodes whose lifetime is one plan; everything else is shared and merged by id.
PLAN_LEVEL_LABELS = ("Plan", *PLAN_OWNED_LABELS)
SHARED_LABELS = tuple(label for label in LABELS if label not in PLAN_LEVEL_LABELS)

_LOCK_PID = re.compile(r"PID (\d+)")
_QUERY_ERROR_PREFIXES = ("Parser exception", "Binder exception", "Catalog exception",
                         "Runtime exception")
_READ_ONLY_MARKERS = ("read-only database", "read-only transaction")


@dataclass(frozen=True)
class Step:
    name: str
    cypher: str
    params: dict[str, Any]
    rows: int = 0
    expect: int | None = None  # rows the statement must report, else the batch is rolled back


def _is_shared(label: str) -> bool:
    return label not in PLAN_LEVEL_LABELS


def _cast(expr: str, typ: str) -> str:
    # A batch whose column is all null reaches LadybugDB typed STRING; the cast keeps the
    # column's declared type (a no-op for values that already have it).
    return f"CAST({expr} AS {typ})"


def create_node_cypher(label: str) -> str:
    props = NODE_BY_LABEL[label].props
    body = ", ".join(f"{name}: {_cast('r.' + name, typ)}" for name, typ in props.items())
    return f"UNWIND $rows AS r CREATE (n:{label} {{{body}}}) RETURN count(n) AS written"


def _keep_known(target: str, value: str, typ: str) -> str:
    """``value`` unless it is null (or, for a list, empty): what one plan does not know about a
    shared node never erases what another plan said (an office's aliases, an English name)."""
    if typ == STRINGS:
        return f"CASE WHEN size({value}) > 0 THEN {value} ELSE coalesce({target}, {value}) END"
    return f"coalesce({value}, {target})"


def merge_node_cypher(label: str) -> str:
    props = NODE_BY_LABEL[label].props
    sets = ", ".join(
        f"n.{name} = {_keep_known('n.' + name, _cast('r.' + name, typ), typ)}"
        for name, typ in props.items()
        if name != "id"
    )
    merge = f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}})"
    return f"{merge} SET {sets} RETURN count(n) AS written" if sets else \
        f"{merge} RETURN count(n) AS written"


def rel_cypher(rel_type: str, src_label: str, dst_label: str) -> str:
    """Two MATCH clauses (two primary-key lookups); the comma form scans and joins both tables."""
    props = REL_BY_TYPE[rel_type].props
    match = (f"UNWIND $rows AS r MATCH (a:{src_label} {{id: r.src}}) "
             f"MATCH (b:{dst_label} {{id: r.dst}})")
    if _is_shared(src_label) and _is_shared(dst_label):
        sets = ", ".join(f"e.{name} = {_keep_known('e.' + name, _cast('r.' + name, typ), typ)}"
                         for name, typ in props.items())
        merge = f"{match} MERGE (a)-[e:{rel_type}]->(b)"
        return f"{merge} SET {sets} RETURN count(e) AS written" if sets else \
            f"{merge} RETURN count(e) AS written"
    body = ", ".join(f"{name}: {_cast('r.' + name, typ)}" for name, typ in props.items())
    return f"{match} CREATE (a)-[e:{rel_type} {{{body}}}]->(b) RETURN count(e) AS written"


def _shared_links_into(label: str) -> list[tuple[str, str]]:
    """(relationship type, source label) of every edge from a shared node into ``label``."""
    return sorted({(rel.type, src) for rel in RELS for src, dst in rel.pairs
                   if dst == label and _is_shared(src)})


def _shared_cleanup_order() -> list[str]:
    """Shared labels with every referrer before what it refers to (Enterprise before Chain
    before Industry), so one pass removes chains of orphans."""
    pending = list(SHARED_LABELS)
    order: list[str] = []
    while pending:
        ready = [label for label in pending if not any(
            src in pending and src != label for _, src in _shared_links_into(label))]
        if not ready:
            raise StoreError(f"schema.py: shared labels {pending} refer to each other in a "
                             f"cycle; orphan cleanup needs an order")
        order.extend(ready)
        pending = [label for label in pending if label not in ready]
    return order


def orphan_cleanup_cypher(label: str) -> str:
    """Delete shared nodes no plan refers to any more: no edge to a plan-level node and no
    edge from a surviving shared node (PART_OF, LEADS, SITUATED_IN)."""
    plan_level = ":".join(PLAN_LEVEL_LABELS)  # LadybugDB reads (x:A:B) as A OR B
    cond = f"NOT EXISTS {{ MATCH (n)-[]-(:{plan_level}) }}"
    referrers = sorted({rel_type for rel_type, _ in _shared_links_into(label)})
    if referrers:
        cond += f" AND NOT EXISTS {{ MATCH (n)<-[:{'|'.join(referrers)}]-() }}"
    cond += dataset_guard(label)
    return f"MATCH (n:{label}) WHERE {cond} DETACH DELETE n"


def dataset_guard(label: str) -> str:
    """Keep nodes that a data file (enterprise CSV) links, whatever the plans say."""
    sourced = sorted({rel_type for rel_type in SOURCED_REL_TYPES
                      for src, _ in REL_BY_TYPE[rel_type].pairs if src == label})
    if not sourced:
        return ""
    return (f" AND NOT EXISTS {{ MATCH (n)-[d:{'|'.join(sourced)}]->() "
            f"WHERE d.source = '{DATASET_SOURCE}' }}")


SHARED_CLEANUP_ORDER = _shared_cleanup_order()


def delete_steps(plan_id: str) -> list[Step]:
    params = {"plan_id": plan_id}
    steps = [
        Step(f"delete {label}", f"MATCH (n:{label}) WHERE n.plan_id = $plan_id DETACH DELETE n",
             params)
        for label in PLAN_OWNED_LABELS
    ]
    steps.append(Step("delete Plan", "MATCH (n:Plan) WHERE n.id = $plan_id DETACH DELETE n",
                      params))
    steps.extend(Step(f"orphans {label}", orphan_cleanup_cypher(label), {})
                 for label in SHARED_CLEANUP_ORDER)
    return steps


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _node_steps(label: str, rows: list[dict[str, Any]], batch_size: int) -> Iterator[Step]:
    props = NODE_BY_LABEL[label].props
    cypher = merge_node_cypher(label) if _is_shared(label) else create_node_cypher(label)
    clean = [{name: row.get(name) for name in props} for row in rows]
    for batch in _batches(clean, batch_size):
        yield Step(f"node {label}", cypher, {"rows": batch}, len(batch), len(batch))


def _rel_steps(key: RelKey, rows: list[dict[str, Any]], batch_size: int) -> Iterator[Step]:
    rel_type, src_label, dst_label = key
    props = REL_BY_TYPE[rel_type].props
    cypher = rel_cypher(rel_type, src_label, dst_label)
    clean = [{"src": r["src"], "dst": r["dst"], **{p: r.get(p) for p in props}} for r in rows]
    for batch in _batches(clean, batch_size):
        yield Step(f"rel {rel_type} {src_label}->{dst_label}", cypher, {"rows": batch},
                   len(batch), len(batch))


def write_steps(rows: GraphRows, batch_size: int) -> list[Step]:
    steps: list[Step] = []
    for node in NODES:  # schema order: Plan first, so edges always find both ends
        if rows.nodes.get(node.label):
            steps.extend(_node_steps(node.label, rows.nodes[node.label], batch_size))
    for rel in RELS:
        for src_label, dst_label in rel.pairs:
            key = (rel.type, src_label, dst_label)
            if rows.rels.get(key):
                steps.extend(_rel_steps(key, rows.rels[key], batch_size))
    unknown = (set(rows.nodes) - set(LABELS)) | {
        k for k in rows.rels if k[0] not in REL_BY_TYPE or k[1:] not in REL_BY_TYPE[k[0]].pairs
    }
    if unknown:
        raise StoreError(f"plan {rows.plan_id}: rows for tables the schema does not have: "
                         f"{sorted(map(str, unknown))}")
    return steps


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _open_error(path: Path, exc: RuntimeError) -> StoreError:
    message = _first_line(exc)
    if "lock" in message.lower():
        pid = _LOCK_PID.search(message)
        holder = f"process {pid.group(1)}" if pid else "another process"
        return StoreLocked(
            f"{path}: the database is in use by {holder}; close the other plankg process "
            f"or use --db to pick another file",
            path=str(path), pid=int(pid.group(1)) if pid else None,
        )
    return StoreError(f"{path}: cannot open the database: {message}", path=str(path))


def open_database(path: Path, read_only: bool) -> ladybug.Database:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; the database must be a file path (--db)",
                         path=str(path))
    if read_only and not path.exists():
        raise StoreError(f"{path}: no database file to open read-only; load a plan first or "
                         f"use --db to pick another file", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the directory {path.parent}: "
                         f"{exc.strerror or exc}", path=str(path)) from exc
    try:
        return ladybug.Database(str(path), read_only=read_only)
    except RuntimeError as exc:
        raise _open_error(path, exc) from exc


def _read_error(exc: RuntimeError, query_name: str | None) -> Exception:
    message = _first_line(exc)
    what = f"query {query_name!r}" if query_name else "query"
    if any(marker in message for marker in _READ_ONLY_MARKERS):
        return ReadOnlyViolation(f"{what} tries to write; reads only here: {message}")
    if message.startswith(_QUERY_ERROR_PREFIXES):
        return QueryError(f"{what} failed: {message}", query=query_name)
    return StoreError(f"{what} failed in the embedded store: {message}", query=query_name)


class EmbeddedStore:
    """GraphStore on a LadybugDB file, ready to use once constructed (schema created, or checked
    when read-only). ``on_batch`` lets a caller observe (or, in tests, fail) each write statement
    of a transaction."""

    kind = "embedded"

    def __init__(
        self,
        path: Path | str,
        *,
        read_only: bool = False,
        batch_size: int = 1000,
        on_batch: BatchHook | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.batch_size = batch_size
        self.on_batch = on_batch
        self._db: ladybug.Database | None = open_database(self.path, read_only)
        self._local = threading.local()
        self._connections: list[ladybug.Connection] = []
        self._connections_lock = threading.Lock()
        self._write_lock = threading.Lock()
        try:
            self.ensure_schema()  # creates the tables, or (read-only) checks they are there
        except BaseException:
            self.close()
            raise

    # -- connections -------------------------------------------------------------------------

    def _conn(self) -> ladybug.Connection:
        if self._db is None:
            raise StoreError(f"{self.path}: the store is closed")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = ladybug.Connection(self._db)
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    # -- GraphStore ----------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        if self.read_only:
            missing = set(LABELS) - {row["name"] for row in
                                     self.run_read("CALL show_tables() RETURN name")}
            if missing:
                raise StoreError(f"{self.path}: not a plankg database (no tables "
                                 f"{', '.join(sorted(missing))}); load a plan first")
            return
        with self._write_lock:
            conn = self._conn()
            for statement in ladybug_ddl():
                try:
                    conn.execute(statement)
                except RuntimeError as exc:
                    raise StoreError(f"{self.path}: cannot create the schema: "
                                     f"{_first_line(exc)}") from exc

    def run_read(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        query_name: str | None = None,
    ) -> list[dict[str, Any]]:
        conn = self._conn()
        try:
            conn.execute("BEGIN TRANSACTION READ ONLY")
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: cannot start a read: {_first_line(exc)}") from exc
        try:
            result = conn.execute(cypher, params or {})
            if isinstance(result, list):
                what = f"query {query_name!r}" if query_name else "the query"
                raise QueryError(f"{what} has {len(result)} statements; send one at a time",
                                 query=query_name)
            columns = result.get_column_names()
            rows = [dict(zip(columns, values)) for values in result.get_all()]
            conn.execute("COMMIT")
        except RuntimeError as exc:
            self._rollback(conn)
            raise _read_error(exc, query_name) from exc
        except BaseException:
            self._rollback(conn)
            raise
        return rows

    def write_plan(self, rows: GraphRows, *,
                   replace_plan_id: str | Sequence[str] | None = None) -> None:
        steps = [step for plan_id in plan_ids(replace_plan_id) for step in delete_steps(plan_id)]
        steps.extend(write_steps(rows, self.batch_size))
        self._transaction(steps, f"writing plan {rows.plan_id}")

    def delete_plan(self, plan_id: str) -> bool:
        exists = Step("find Plan", "MATCH (n:Plan) WHERE n.id = $plan_id RETURN count(n)",
                      {"plan_id": plan_id})
        counts = self._transaction([exists, *delete_steps(plan_id)], f"deleting plan {plan_id}")
        return counts[0] > 0

    def ping(self) -> bool:
        try:
            return self.run_read("RETURN 1 AS ok") == [{"ok": 1}]
        except (StoreError, QueryError):
            return False

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------------

    def _transaction(self, steps: list[Step], what: str) -> list[int]:
        """Run ``steps`` in one write transaction; the first count each statement returns."""
        if self.read_only:
            raise ReadOnlyViolation(f"{self.path}: opened read-only; {what} needs a writable "
                                    f"store")
        counts: list[int] = []
        with self._write_lock:
            conn = self._conn()
            conn.execute("BEGIN TRANSACTION")
            try:
                for step in steps:
                    if self.on_batch:
                        self.on_batch(step.name, step.rows)
                    counts.append(self._execute_step(conn, step, what))
                conn.execute("COMMIT")
            except RuntimeError as exc:
                self._rollback(conn)
                raise StoreError(f"{self.path}: {what} failed, nothing was changed: "
                                 f"{_first_line(exc)}") from exc
            except BaseException:
                self._rollback(conn)
                raise
        return counts

    def _execute_step(self, conn: ladybug.Connection, step: Step, what: str) -> int:
        result = conn.execute(step.cypher, step.params)
        values = result.get_all()
        count = int(values[0][0]) if values and values[0] else 0
        if step.expect is not None and count != step.expect:
            raise StoreError(f"{self.path}: {what} failed, nothing was changed: {step.name} "
                             f"wrote {count} of {step.expect} rows (an edge names a missing node)")
        return count

    @staticmethod
    def _rollback(conn: ladybug.Connection) -> None:
        # The original error is the one worth reporting; a failed rollback adds nothing to it.
        with contextlib.suppress(RuntimeError):
            conn.execute("ROLLBACK")
