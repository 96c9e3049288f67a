"""The embedded store on a real LadybugDB file in tmp_path."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ladybug
import pytest
from store_plans import (
    digital_plan,
    digital_plan_revised,
    green_plan,
)

import plankg.store
from plankg.errors import QueryError, ReadOnlyViolation, StoreError, StoreLocked
from plankg.store import EmbeddedStore, export_graph, graph_stats, load_plan
from plankg.store.embedded import delete_steps, write_steps
from plankg.store.load import plan_to_rows

DIGITAL_ID = "德工信发〔2024〕12号"
COMMA_MATCH = re.compile(r"MATCH\s*\([^()]*\)\s*,\s*\(")


def without_load_time(export: dict) -> dict:
    for node in export["nodes"]:
        node["properties"].pop("loaded_at", None)
    return export


def office_ids(store: EmbeddedStore) -> list[str]:
    return [r["id"] for r in store.run_read("MATCH (o:Office) RETURN o.id AS id ORDER BY id")]


def test_reingest_is_idempotent(store):
    load_plan(store, digital_plan(), loaded_at="first")
    first = export_graph(store)
    size = store.path.stat().st_size
    report = load_plan(store, digital_plan(), loaded_at="second")
    assert report.unchanged and not report.replaced and report.diff is None
    # nothing was written: not even the load time moved, and the file kept its size
    assert export_graph(store) == first
    assert store.path.stat().st_size == size


def test_a_changed_plan_under_the_same_id_is_not_taken_for_unchanged(store):
    load_plan(store, digital_plan())
    report = load_plan(store, digital_plan_revised())
    assert report.replaced and not report.unchanged


def test_the_digest_ignores_the_load_time_and_sees_every_row():
    plan = digital_plan()
    digest = plan_to_rows(plan, loaded_at="a").nodes["Plan"][0]["digest"]
    assert plan_to_rows(plan, loaded_at="b").nodes["Plan"][0]["digest"] == digest
    plan.tasks[0].title += "（修订）"
    assert plan_to_rows(plan, loaded_at="a").nodes["Plan"][0]["digest"] != digest


class InjectedFailure(Exception):
    pass


class FailAt:
    """A batch hook that fails before the ``fail_at``-th write statement (0-based)."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.fail_at = fail_at
        self.steps: list[str] = []

    def __call__(self, step: str, rows: int) -> None:
        if len(self.steps) == self.fail_at:
            raise InjectedFailure(step)
        self.steps.append(step)


def prepare(store: EmbeddedStore, replacing: bool) -> None:
    load_plan(store, green_plan())
    if replacing:
        load_plan(store, digital_plan())


@pytest.mark.parametrize("replacing", [False, True], ids=["fresh plan", "replace"])
def test_a_failure_at_any_step_changes_nothing(tmp_path, store, replacing):
    rows = plan_to_rows(digital_plan_revised())
    with EmbeddedStore(tmp_path / "probe.lbdb") as probe:
        prepare(probe, replacing)
        probe.on_batch = counter = FailAt()
        probe.write_plan(rows, replace_plan_id=rows.plan_id)
    steps = counter.steps
    assert len(steps) > 30 and any(s.startswith("rel ") for s in steps)
    assert any(s.startswith("delete ") for s in steps)
    prepare(store, replacing)
    before = export_graph(store)
    for fail_at in range(len(steps)):
        store.on_batch = FailAt(fail_at)
        with pytest.raises(InjectedFailure):
            store.write_plan(rows, replace_plan_id=rows.plan_id)
        assert export_graph(store) == before, f"changed after a failure at {steps[fail_at]}"


def test_small_batches_write_the_same_graph(tmp_path, store):
    load_plan(store, digital_plan(), loaded_at="t")
    with EmbeddedStore(tmp_path / "small.lbdb", batch_size=2) as small:
        load_plan(small, digital_plan(), loaded_at="t")
        assert export_graph(small) == export_graph(store)


HOLDER = textwrap.dedent("""
    import sys, time
    import ladybug
    db = ladybug.Database(sys.argv[1])
    print("ready", flush=True)
    time.sleep(60)
""")


def test_a_database_held_by_another_process_is_reported_as_locked(tmp_path):
    path = tmp_path / "held.lbdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked) as caught:
            EmbeddedStore(path)
    finally:
        holder.kill()
        holder.wait()
    message = caught.value.one_line()
    assert str(path) in message and f"process {holder.pid}" in message
    assert "--db" in message and caught.value.details["pid"] == holder.pid


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        EmbeddedStore(tmp_path)


def test_a_parent_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the directory"):
        EmbeddedStore(blocker / "sub" / "graph.lbdb")


def test_missing_parent_directories_are_created(tmp_path):
    with EmbeddedStore(tmp_path / "a" / "b" / "graph.lbdb") as created:
        assert created.ping()


def test_read_only_store_reads_and_refuses_writes(tmp_path):
    path = tmp_path / "graph.lbdb"
    with EmbeddedStore(path) as writer:
        load_plan(writer, green_plan())
    with EmbeddedStore(path, read_only=True) as reader:
        assert graph_stats(reader)["nodes"]["Task"] == 2
        with pytest.raises(ReadOnlyViolation):
            load_plan(reader, digital_plan())
        with pytest.raises(ReadOnlyViolation):
            reader.run_read("CREATE (:Region {id: 'x'})")


def test_read_only_needs_an_existing_plankg_database(tmp_path):
    with pytest.raises(StoreError, match="no database file"):
        EmbeddedStore(tmp_path / "none.lbdb", read_only=True)
    bare = tmp_path / "bare.lbdb"
    ladybug.Database(str(bare)).close()
    with pytest.raises(StoreError, match="not a plankg database"):
        EmbeddedStore(bare, read_only=True)


def test_run_read_never_writes_even_on_a_writable_store(store):
    with pytest.raises(ReadOnlyViolation):
        store.run_read("CREATE (:Region {id: 'x'})")
    assert graph_stats(store)["nodes"]["Region"] == 0


@pytest.mark.parametrize(
    "cypher", ["MATC (n) RETURN n", "MATCH (n:Nope) RETURN n.id", "MATCH (n:Task) RETURN n.nope"]
)
def test_bad_queries_raise_query_error_with_the_name(store, cypher):
    with pytest.raises(QueryError, match="query 'task_list' failed"):
        store.run_read(cypher, query_name="task_list")
    assert store.ping()  # the failed read left no transaction open


def test_concurrent_reads_from_threads(store):
    load_plan(store, digital_plan())
    query = "MATCH (t:Task) RETURN t.code AS code ORDER BY code"
    expected = store.run_read(query)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: store.run_read(query), range(64)))
    assert all(result == expected for result in results)


def test_closed_store(tmp_path):
    opened = EmbeddedStore(tmp_path / "graph.lbdb")
    opened.close()
    opened.close()
    assert opened.ping() is False
    with pytest.raises(StoreError, match="closed"):
        opened.run_read("RETURN 1 AS x")


def test_generated_writes_use_two_match_clauses():
    rows = plan_to_rows(digital_plan())
    statements = [s.cypher for s in write_steps(rows, 1000) + delete_steps(rows.plan_id)]
    assert not [s for s in statements if COMMA_MATCH.search(s)]
    rel_writes = [s for s in statements if "-[e:" in s]
    assert rel_writes and all(s.count("MATCH (") == 2 for s in rel_writes)


def test_no_comma_form_match_in_package_sources():
    sources = sorted(Path(plankg.store.__file__).parent.parent.rglob("*.py"))
    offenders = [
        f"{p.name}: {m.group(0)}"
        for p in sources
        for m in COMMA_MATCH.finditer(p.read_text("utf-8"))
    ]
    assert sources and offenders == []


@pytest.mark.parametrize(
    ("setting", "read_only", "expected"),
    [
        (None, True, 512 * 2**20),  # serving reads: bounded, so several workers fit side by side
        (None, False, 0),  # writing: LadybugDB's own default, so one large plan fits
        (256, False, 256 * 2**20),  # PLANKG_BUFFER_POOL_MB wins either way
        (2048, True, 2048 * 2**20),
    ],
)
def test_buffer_pool_depends_on_the_mode_unless_configured(setting, read_only, expected):
    from plankg.store.embedded import buffer_pool_bytes

    assert buffer_pool_bytes(setting, read_only) == expected
