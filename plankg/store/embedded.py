"""The embedded store: one LadybugDB file, no server.

Its write Cypher is generated from ``schema.py`` by ``steps.py`` (shared with the Neo4j store),
with every value cast to its declared type; the orphan cleanup is its own (LadybugDB dialect).

Many new plans at once go through ``write_plans_bulk``: one transaction, large tables by
``COPY <table> FROM <DataFrame>`` (about 3 µs a row against 0.2 ms in an UNWIND batch).

Threads: one ``Database`` per store and one ``Connection`` per thread (``threading.local``).
LadybugDB runs read transactions from several connections concurrently but admits one write
transaction at a time, so writes (schema, ``write_plan``, ``delete_plan``) also take a lock.
Every read runs inside ``BEGIN TRANSACTION READ ONLY``, so ``run_read`` can never write.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import ladybug

from plankg.errors import (
    QueryError,
    ReadOnlyViolation,
    ServerBusy,
    StoreError,
    StoreLocked,
)
from plankg.settings import get_settings
from plankg.store import recovery, space, steps
from plankg.store.cypher_sandbox import CypherSandbox
from plankg.store.fence import FileState, StoreFence, file_state
from plankg.store.protocol import BoundedRows
from plankg.store.rows import GraphRows, RelKey
from plankg.store.schema import (
    LABELS,
    NODES,
    PLAN_OWNED_LABELS,
    RELS,
    ladybug_ddl,
)
from plankg.store.slots import StoreSlots, reads_for_pool
from plankg.store.steps import (
    PLAN_LEVEL_LABELS,
    Step,
    StepWriter,
    check_tables,
    dataset_guard,
    is_shared,
    shared_links_into,
)

BatchHook = Callable[[str, int], None]
"""Called with (step name, rows in the batch) before each write statement of a transaction."""

_LOCK_PID = re.compile(r"PID (\d+)")
_QUERY_ERROR_PREFIXES = (
    "Parser exception",
    "Binder exception",
    "Catalog exception",
    "Runtime exception",
)
_READ_ONLY_MARKERS = ("read-only database", "read-only transaction")


def _cast(expr: str, typ: str) -> str:
    # A batch whose column is all null reaches LadybugDB typed STRING; the cast keeps the
    # column's declared type (a no-op for values that already have it).
    return f"CAST({expr} AS {typ})"


def orphan_cleanup_cypher(label: str) -> str:
    """Delete shared nodes no plan refers to any more: no edge to a plan-level node and no
    edge from a surviving shared node (PART_OF, LEADS, SITUATED_IN)."""
    plan_level = ":".join(PLAN_LEVEL_LABELS)  # LadybugDB reads (x:A:B) as A OR B
    cond = f"NOT EXISTS {{ MATCH (n)-[]-(:{plan_level}) }}"
    referrers = sorted({rel_type for rel_type, _ in shared_links_into(label)})
    if referrers:
        cond += f" AND NOT EXISTS {{ MATCH (n)<-[:{'|'.join(referrers)}]-() }}"
    cond += dataset_guard(label)
    return f"MATCH (n:{label}) WHERE {cond} DETACH DELETE n"


def delete_steps(plan_id: str) -> list[Step]:
    return steps.delete_steps(plan_id, orphan_cleanup_cypher)


def write_steps(rows: GraphRows, batch_size: int) -> list[Step]:
    return steps.write_steps(rows, batch_size, _cast)


def _node_steps(label: str, rows: list[dict[str, Any]], batch_size: int) -> Iterator[Step]:
    return steps.node_steps(label, rows, batch_size, _cast)


def _rel_steps(key: RelKey, rows: list[dict[str, Any]], batch_size: int) -> Iterator[Step]:
    return steps.rel_steps(key, rows, batch_size, _cast)


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
            path=str(path),
            pid=int(pid.group(1)) if pid else None,
        )
    return StoreError(f"{path}: cannot open the database: {message}", path=str(path))


READ_ONLY_BUFFER_POOL_MB = 512
COMMITTED_MARKER = "committed successfully"
POOL_FULL = "buffer pool is full"


def buffer_pool_bytes(buffer_pool_mb: int | None, read_only: bool) -> int:
    """The page cache to ask LadybugDB for; 0 lets it choose (a large share of the RAM)."""
    if buffer_pool_mb:
        return buffer_pool_mb * 2**20
    return READ_ONLY_BUFFER_POOL_MB * 2**20 if read_only else 0


def open_database(path: Path, read_only: bool, buffer_pool_mb: int | None) -> ladybug.Database:
    if path.is_dir():
        raise StoreError(
            f"{path}: is a directory; the database must be a file path (--db)",
            path=str(path),
        )
    if read_only and not path.exists():
        raise StoreError(
            f"{path}: no database file to open read-only; load a plan first or "
            f"use --db to pick another file",
            path=str(path),
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot create the directory {path.parent}: {exc.strerror or exc}",
            path=str(path),
        ) from exc
    try:
        return _database(path, read_only, buffer_pool_mb)
    except RuntimeError as exc:
        if not recovery.needs_recovery(_first_line(exc)):
            raise _open_error(path, exc) from exc
        first_error = _first_line(exc)
    # Outside the except block, so a failure here does not chain the first error.
    recovery.recover(path, first_error)
    try:
        return _database(path, read_only, buffer_pool_mb)
    except RuntimeError as exc:
        raise _open_error(path, exc) from exc


def _database(path: Path, read_only: bool, buffer_pool_mb: int | None) -> ladybug.Database:
    return ladybug.Database(
        str(path),
        read_only=read_only,
        buffer_pool_size=buffer_pool_bytes(buffer_pool_mb, read_only),
    )


def _read_error(exc: RuntimeError, query_name: str | None) -> Exception:
    message = _first_line(exc)
    what = f"query {query_name!r}" if query_name else "query"
    if POOL_FULL in message:
        return ServerBusy(f"{what}: the store's memory is in use by other reads; retry in a moment")
    if any(marker in message for marker in _READ_ONLY_MARKERS):
        return ReadOnlyViolation(f"{what} tries to write; reads only here: {message}")
    if message.startswith(_QUERY_ERROR_PREFIXES):
        return QueryError(f"{what} failed: {message}", query=query_name)
    return StoreError(f"{what} failed in the embedded store: {message}", query=query_name)


class EmbeddedStore(StepWriter):
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
        buffer_pool_mb: int | None = None,
        max_concurrent_reads: int | None = None,
        store_wait_s: float | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.batch_size = batch_size
        self.on_batch = on_batch
        settings = get_settings()
        pool_mb = buffer_pool_mb or settings.buffer_pool_mb
        self._pool_mb = pool_mb
        # Taken before the open: a write between the two is seen by the first read.
        opened_state = file_state(self.path) if read_only and self.path.is_file() else None
        self._db: ladybug.Database | None = open_database(self.path, read_only, pool_mb)
        # Another process may write the file while this one reads it (a read-only server
        # while `plankg ingest` runs): the fence keeps reads and writes apart, and a read-only
        # store opens the file again when it changed (see ``fence``).
        self._fence = StoreFence(self.path)
        self._wait_s = settings.store_wait_s if store_wait_s is None else store_wait_s
        self._state: FileState | None = opened_state
        self.generation = 0
        self._reopen_lock = threading.Lock()
        self._readers: dict[int, int] = {}  # id of a Database → reads running on it
        self._retired: dict[int, ladybug.Database] = {}
        self.slots = StoreSlots(
            max_concurrent_reads
            or settings.max_concurrent_reads
            or reads_for_pool(buffer_pool_bytes(pool_mb, read_only)),
            self._wait_s,
            str(self.path),
        )
        self._local = threading.local()
        self._connections: list[ladybug.Connection] = []
        self._connections_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._sandbox: CypherSandbox | None = None
        self._schema_ready = False
        self.upgrades: list[str] = []
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
        # Once per store: every statement is IF NOT EXISTS, but each still costs a catalogue
        # transaction, and an ingest (or a reader) asks again before it writes (or reads).
        if self._schema_ready:
            return
        if self.read_only:
            missing = set(LABELS) - {
                row["name"] for row in self.run_read("CALL show_tables() RETURN name")
            }
            if missing:
                raise StoreError(
                    f"{self.path}: not a plankg database (no tables "
                    f"{', '.join(sorted(missing))}); load a plan first"
                )
            # A reader cannot add what an earlier version did not write; without this, every
            # query naming a newer property fails with a binder error.
            absent = self._missing_columns(self.run_read)
            if absent:
                raise StoreError(
                    f"{self.path}: written by an earlier version of plankg (no "
                    f"{', '.join(absent)}); bring it up to date once: plankg plans upgrade "
                    f"--db {self.path}",
                    path=str(self.path),
                )
            self._schema_ready = True
            return
        with self._write_lock, self._fence.writing("creating the schema"):
            conn = self._conn()
            for statement in ladybug_ddl():
                try:
                    conn.execute(statement)
                except RuntimeError as exc:
                    raise StoreError(
                        f"{self.path}: cannot create the schema: {_first_line(exc)}"
                    ) from exc
            self._add_missing_columns(conn)
            self._schema_ready = True
        self.fill_sort_keys(self.run_read)

    def _add_missing_columns(self, conn: ladybug.Connection) -> None:
        """A store written by an earlier version lacks the properties added since (CREATE ...
        IF NOT EXISTS keeps an existing table as it is): add them, empty."""

        def read(cypher: str) -> list[dict[str, Any]]:
            return [{"name": row[0]} for row in _values(conn, cypher)]

        for column in self._missing_columns(read):
            label, name = column.split(".", 1)
            node = next(n for n in NODES if n.label == label)
            conn.execute(f"ALTER TABLE {label} ADD {name} {node.props[name]}")
            self.upgrades.append(f"added {column}")

    @staticmethod
    def _missing_columns(read: Callable[[str], list[dict[str, Any]]]) -> list[str]:
        """``Label.property`` of every schema property the stored tables lack."""
        missing: list[str] = []
        for node in NODES:
            have = {row["name"] for row in read(f"CALL table_info('{node.label}') RETURN name")}
            missing.extend(f"{node.label}.{name}" for name in node.props if name not in have)
        return missing

    def run_read(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        query_name: str | None = None,
    ) -> list[dict[str, Any]]:
        with self._read_connection() as conn:
            return self._read(conn, cypher, params, query_name)

    @contextlib.contextmanager
    def _read_connection(self) -> Iterator[ladybug.Connection]:
        """A fresh connection for one read, inside a read slot, closed afterwards. A connection
        kept per thread holds on to the buffer pool pages of the reads it ran: a server's forty
        request threads then fill a 512 MB pool over a few dozen requests, even one at a time
        (measured on the sample: the 79th request of the API's mix failed). Opening one costs
        about a millisecond."""
        if self._db is None:
            raise StoreError(f"{self.path}: the store is closed")
        with self.slots.held(), self._reading():
            db = self._enter()
            try:
                conn = ladybug.Connection(db)
                try:
                    yield conn
                finally:
                    conn.close()
            finally:
                self._leave(db)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """A read-only store's reads run apart from other processes' writes (a writable
        store's file is locked against other writers by LadybugDB itself)."""
        if not self.read_only:
            yield
            return
        with self._fence.reading(self._wait_s):
            yield

    def snapshot_generation(self) -> int:
        """How many times a read-only store has opened its file again since it was opened
        (after each write of another process): what its read caches are kept for."""
        if self.read_only and self._db is not None:
            with self._reading():
                self._leave(self._enter())
        return self.generation

    def _enter(self, *, refresh: bool = True) -> ladybug.Database:
        """The database to read, opened again first (``refresh``: the caller holds the fence,
        so no write is half-way) when the file changed since it was; counted until
        ``_leave``."""
        state = file_state(self.path) if self.read_only and refresh else None
        with self._reopen_lock:
            if self._db is None:
                raise StoreError(f"{self.path}: the store is closed")
            if state is not None and state != self._state:
                fresh = open_database(self.path, True, self._pool_mb)
                self._retire(self._db)
                self._db, self._state = fresh, state
                self.generation += 1
            db = self._db
            self._readers[id(db)] = self._readers.get(id(db), 0) + 1
            return db

    def _leave(self, db: ladybug.Database) -> None:
        with self._reopen_lock:
            left = self._readers[id(db)] - 1
            if left:
                self._readers[id(db)] = left
                return
            del self._readers[id(db)]
            retired = self._retired.pop(id(db), None)
        if retired is not None:
            retired.close()

    def _retire(self, db: ladybug.Database) -> None:
        """Close ``db`` once the reads still running on it are done (under the reopen lock)."""
        if self._readers.get(id(db)):
            self._retired[id(db)] = db
        else:
            db.close()

    def _read(
        self,
        conn: ladybug.Connection,
        cypher: str,
        params: dict[str, Any] | None,
        query_name: str | None,
    ) -> list[dict[str, Any]]:
        try:
            conn.execute("BEGIN TRANSACTION READ ONLY")
        except RuntimeError as exc:
            raise _read_error(exc, query_name) from exc
        try:
            result = conn.execute(cypher, params or {})
            if isinstance(result, list):
                what = f"query {query_name!r}" if query_name else "the query"
                raise QueryError(
                    f"{what} has {len(result)} statements; send one at a time",
                    query=query_name,
                )
            try:
                columns = result.get_column_names()
                rows = [dict(zip(columns, values, strict=False)) for values in result.get_all()]
            finally:
                # Its pages stay pinned in the buffer pool until the result is closed.
                result.close()
            conn.execute("COMMIT")
        except RuntimeError as exc:
            self._rollback(conn)
            raise _read_error(exc, query_name) from exc
        except BaseException:
            self._rollback(conn)
            raise
        return rows

    def run_bounded_read(
        self,
        cypher: str,
        params: dict[str, Any],
        *,
        timeout_s: float,
        max_rows: int,
        max_bytes: int,
    ) -> BoundedRows:
        """In a child process that opens the file read-only (``cypher_sandbox``): a crash, a
        runaway or a memory hog there ends that process, never this one."""
        with self._connections_lock:
            if self._sandbox is None:
                settings = get_settings()
                self._sandbox = CypherSandbox(
                    self.path,
                    buffer_pool_mb=settings.cypher_buffer_pool_mb,
                    memory_mb=settings.cypher_memory_mb,
                )
            sandbox = self._sandbox
        with self._reading():
            return sandbox.run(
                cypher, params, timeout_s=timeout_s, max_rows=max_rows, max_bytes=max_bytes
            )

    def _delete_steps(self, plan_id: str) -> list[Step]:
        return delete_steps(plan_id)

    def _write_steps(self, rows: GraphRows) -> list[Step]:
        return write_steps(rows, self.batch_size)

    def _run_steps(self, steps: list[Step], what: str) -> list[int]:
        return self._transaction(steps, what)

    def ping(self) -> bool:
        # Outside the read slots: it needs next to no memory, and /health must answer (200)
        # while the reads are saturated.
        try:
            db = self._enter(refresh=False)
        except StoreError:
            return False
        conn = ladybug.Connection(db)
        try:
            return self._read(conn, "RETURN 1 AS ok", None, None) == [{"ok": 1}]
        except (StoreError, QueryError):
            return False
        finally:
            conn.close()
            self._leave(db)

    def close(self) -> None:
        with self._connections_lock:
            if self._sandbox is not None:
                self._sandbox.close()
                self._sandbox = None
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        with self._reopen_lock:
            databases = [self._db, *self._retired.values()]
            self._db = None
            self._retired.clear()
        for db in databases:
            if db is not None:
                db.close()

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

    def write_plans_bulk(self, rows: GraphRows) -> None:
        """Write the rows of several plans the store does not hold yet in ONE transaction: every
        plan is in the store afterwards, or (on any failure) nothing changed.

        ``rows`` come merged across plans (``plankg.store.bulk.merge_rows``): each shared node
        and shared-to-shared edge once. Tables of ``COPY_MIN_ROWS`` rows or more go in by COPY;
        shared nodes and edges the store already holds are merged with the ``MERGE … SET`` of
        ``write_plan`` first, so what one plan does not know never erases what another said.
        Smaller tables take ``write_plan``'s UNWIND statements. A plan the store already holds
        fails the whole batch (StoreError): replace it with ``write_plan``.
        """
        what = f"bulk load of {len(rows.nodes.get('Plan', []))} plans"
        check_tables(rows)
        check_bulk_rows(rows)
        payload = sum(space.payload_bytes(table) for table in rows.nodes.values()) + sum(
            space.payload_bytes(table) for table in rows.rels.values()
        )
        with self._write_transaction(what, payload) as conn:
            refuse_known_plans(conn, rows, self.path)
            for step in bulk_steps(conn, rows, self.batch_size):
                if self.on_batch:
                    self.on_batch(step.name, step.rows)
                if isinstance(step, Copy):
                    conn.execute(step.cypher, {"frame": step.frame()})
                else:
                    self._execute_step(conn, step, what)

    def _transaction(self, steps: list[Step], what: str) -> list[int]:
        """Run ``steps`` in one write transaction; the first count each statement returns."""
        counts: list[int] = []
        payload = sum(space.payload_bytes(step.params.get("rows", [])) for step in steps)
        with self._write_transaction(what, payload) as conn:
            for step in steps:
                if self.on_batch:
                    self.on_batch(step.name, step.rows)
                counts.append(self._execute_step(conn, step, what))
        return counts

    @contextlib.contextmanager
    def _write_transaction(self, what: str, payload: int = 0) -> Iterator[ladybug.Connection]:
        """The connection inside one write transaction, committed when the block ends and rolled
        back (with a StoreError naming ``what``) when it raises.

        Before it starts: the disk must have room for ``payload`` bytes of rows (else nothing is
        touched), and the write-ahead log is folded into the database file, so that if this
        write dies part-way the log holds this write alone (see ``recovery``). After the commit
        the log is folded in again, so the file alone holds the data between writes."""
        if self.read_only:
            raise ReadOnlyViolation(f"{self.path}: opened read-only; {what} needs a writable store")
        with self._write_lock, self.slots.held(), self._fence.writing(what):
            space.check_room(self.path, payload, what)
            conn = self._conn()
            try:
                self._checkpoint(conn)
            except RuntimeError as exc:
                raise StoreError(
                    f"{self.path}: {what} refused, nothing was changed: folding the write-ahead "
                    f"log into the database file failed: {_first_line(exc)}"
                ) from exc
            conn.execute("BEGIN TRANSACTION")
            try:
                yield conn
                conn.execute("COMMIT")
            except RuntimeError as exc:
                self._rollback(conn)
                message = _first_line(exc)
                if COMMITTED_MARKER in message:
                    raise StoreError(
                        f"{self.path}: {what} is saved (in the write-ahead log, applied on the "
                        f"next open), but writing it into the database file failed: {message}"
                    ) from exc
                raise StoreError(
                    f"{self.path}: {what} failed, nothing was changed: {message}"
                ) from exc
            except BaseException:
                self._rollback(conn)
                raise
            try:
                self._checkpoint(conn)
            except RuntimeError as exc:
                # Committed and durable in the log; the next write folds it in or refuses.
                recovery.log.warning(
                    "%s: %s is saved; folding the log into the file failed: %s",
                    self.path,
                    what,
                    _first_line(exc),
                )

    def _checkpoint(self, conn: ladybug.Connection) -> None:
        if self.path.with_name(self.path.name + ".wal").exists():
            conn.execute("CHECKPOINT")

    def _execute_step(self, conn: ladybug.Connection, step: Step, what: str) -> int:
        values = _values(conn, step.cypher, step.params)
        count = int(values[0][0]) if values and values[0] else 0
        if step.expect is not None and count != step.expect:
            raise StoreError(
                f"{self.path}: {what} failed, nothing was changed: {step.name} "
                f"wrote {count} of {step.expect} rows (an edge names a missing node)"
            )
        return count

    @staticmethod
    def _rollback(conn: ladybug.Connection) -> None:
        # The original error is the one worth reporting; a failed rollback adds nothing to it.
        with contextlib.suppress(RuntimeError):
            conn.execute("ROLLBACK")


# -- bulk loading ----------------------------------------------------------------------------

COPY_MIN_ROWS = 256
"""Smaller tables go in by UNWIND: a COPY costs tens of milliseconds whatever its size."""


@dataclass(frozen=True)
class Copy:
    """``COPY <table> FROM $frame`` of rows that are new to the store."""

    name: str
    cypher: str
    columns: tuple[str, ...]
    data: list[dict[str, Any]]

    @property
    def rows(self) -> int:
        return len(self.data)

    def frame(self) -> Any:
        # pandas only for a bulk load: importing it costs more than most commands take.
        import pandas as pd

        # Object columns keep None as null and lists as lists; LadybugDB casts each column to
        # the table's declared type.
        return pd.DataFrame(
            {c: pd.Series([r.get(c) for r in self.data], dtype=object) for c in self.columns}
        )


def check_bulk_rows(rows: GraphRows) -> None:
    """Refuse rows a COPY would choke on: LadybugDB 0.22 crashes the process (no exception) on
    a duplicate primary key in a COPY, so each node id must come once, and a plan-owned row
    must belong to a plan of the batch (whose ids are then new, see ``refuse_known_plans``)."""
    plans = {row["id"] for row in rows.nodes.get("Plan", [])}
    for label, node_rows in rows.nodes.items():
        counts = Counter(row["id"] for row in node_rows)
        if len(counts) != len(node_rows):
            twice = sorted(i for i, n in counts.items() if n > 1)[:3]
            raise StoreError(
                f"bulk load of {len(plans)} plans: {label} rows repeat the ids "
                f"{twice}; merge the plans' rows first (merge_rows)"
            )
        if label in PLAN_OWNED_LABELS:
            foreign = sorted({row["plan_id"] for row in node_rows} - plans)
            if foreign:
                raise StoreError(
                    f"bulk load of {len(plans)} plans: {label} rows of plans "
                    f"{foreign[:3]} that are not in the batch"
                )


def refuse_known_plans(conn: ladybug.Connection, rows: GraphRows, path: Path) -> None:
    """Read inside the write transaction, so a plan written by another thread meanwhile is
    seen too."""
    known = _ids_in_store(conn, "Plan") & {row["id"] for row in rows.nodes.get("Plan", [])}
    if known:
        raise StoreError(
            f"{path}: the store already holds plans {sorted(known)[:3]}; a bulk "
            f"load writes new plans only (replace a plan with write_plan)"
        )


def _ids_in_store(conn: ladybug.Connection, label: str) -> set[str]:
    # A scan of the ids: ``WHERE n.id IN $ids`` with thousands of ids is slower than that.
    return {row[0] for row in _values(conn, f"MATCH (n:{label}) RETURN n.id")}


def _pairs_in_store(conn: ladybug.Connection, key: RelKey) -> set[tuple[str, str]]:
    rel_type, src_label, dst_label = key
    cypher = f"MATCH (a:{src_label})-[:{rel_type}]->(b:{dst_label}) RETURN a.id, b.id"
    return {(row[0], row[1]) for row in _values(conn, cypher)}


def _values(
    conn: ladybug.Connection, cypher: str, params: dict[str, Any] | None = None
) -> list[list[Any]]:
    """The rows of one statement as lists (the library also types them as dicts, which a
    statement without ``return_as_dict`` never gives)."""
    result = conn.execute(cypher, params or {})
    if isinstance(result, list):
        raise QueryError("one statement at a time")
    return [list(row) if isinstance(row, list) else list(row.values()) for row in result.get_all()]


def bulk_steps(conn: ladybug.Connection, rows: GraphRows, batch_size: int) -> Iterator[Step | Copy]:
    """The statements of ``write_plans_bulk`` in schema order (nodes before the edges that need
    them). Lazy: what the store already holds is read when the table's turn comes, inside the
    transaction."""
    for node in NODES:
        node_rows = rows.nodes.get(node.label)
        if not node_rows:
            continue
        if len(node_rows) < COPY_MIN_ROWS:
            yield from _node_steps(node.label, node_rows, batch_size)
            continue
        if is_shared(node.label):
            known = _ids_in_store(conn, node.label)
            yield from _node_steps(
                node.label, [r for r in node_rows if r["id"] in known], batch_size
            )
            node_rows = [r for r in node_rows if r["id"] not in known]
        if node_rows:
            yield Copy(
                f"copy {node.label}",
                f"COPY {node.label} FROM $frame",
                tuple(node.props),
                node_rows,
            )
    for rel in RELS:
        for src_label, dst_label in rel.pairs:
            key = (rel.type, src_label, dst_label)
            rel_rows = rows.rels.get(key)
            if not rel_rows:
                continue
            if len(rel_rows) < COPY_MIN_ROWS:
                yield from _rel_steps(key, rel_rows, batch_size)
                continue
            if is_shared(src_label) and is_shared(dst_label):
                known_pairs = _pairs_in_store(conn, key)
                yield from _rel_steps(
                    key,
                    [r for r in rel_rows if (r["src"], r["dst"]) in known_pairs],
                    batch_size,
                )
                rel_rows = [r for r in rel_rows if (r["src"], r["dst"]) not in known_pairs]
            if rel_rows:
                yield Copy(
                    f"copy {rel.type} {src_label}->{dst_label}",
                    f"COPY {rel.type} FROM $frame (from='{src_label}', to='{dst_label}')",
                    ("src", "dst", *rel.props),
                    rel_rows,
                )
