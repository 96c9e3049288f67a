"""The fence between a read-only store's reads and other processes' writes: a read and a write
never overlap, each side gives up in one line after its wait, and a read-only store opens the
file again after a write, with its kept answers renewed."""

from __future__ import annotations

import threading
import time

import pytest

from plankg.bench.corpus import generate_plans
from plankg.errors import ServerBusy, StoreError
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text
from plankg.store import EmbeddedStore, load_plan
from plankg.store.fence import StoreFence
from plankg.store.readcache import kept_query, store_version


def synthetic_plans(count: int):
    return [build_plan(clean_text(t, source_name=n)) for n, t in generate_plans(count, 31)]


def test_a_read_waits_for_a_write_and_gives_up_with_busy(tmp_path):
    fence = StoreFence(tmp_path / "x.lbdb")
    busy = pytest.raises(ServerBusy, match="writing the store")
    with fence.writing("a test write"), busy, fence.reading(wait_s=0.05):
        pass
    with fence.reading(wait_s=0.05):  # free again
        pass


def test_a_write_waits_for_reads_in_flight_and_refuses_in_one_line(tmp_path):
    fence = StoreFence(tmp_path / "x.lbdb")
    refused = pytest.raises(StoreError, match="nothing was changed")
    with fence.reading(wait_s=0.05), refused, fence.writing("ingest of a.txt", wait_s=0.05):
        pass


def test_a_waiting_writer_is_not_starved_by_new_reads(tmp_path):
    fence = StoreFence(tmp_path / "x.lbdb")
    wrote = threading.Event()

    def write() -> None:
        with fence.writing("a test write", wait_s=5.0):
            wrote.set()

    with fence.reading(wait_s=0.05):
        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.1)  # the writer holds the gate and waits for this read
        with pytest.raises(ServerBusy), fence.reading(wait_s=0.05):
            pass
    writer.join()
    assert wrote.is_set()


def test_a_read_only_store_reopens_after_another_writer_and_renews_its_answers(tmp_path):
    first, second = synthetic_plans(2)
    db = tmp_path / "x.lbdb"
    with EmbeddedStore(db) as writer:
        load_plan(writer, first)
    with EmbeddedStore(db, read_only=True) as reader:
        version = store_version(reader)
        assert [r["plan_id"] for r in kept_query(reader, "plans")] == [first.id]
        with EmbeddedStore(db) as writer:  # a second handle: another process's write
            load_plan(writer, second)
        assert store_version(reader) != version
        assert sorted(r["plan_id"] for r in kept_query(reader, "plans")) == sorted(
            [first.id, second.id]
        )
        assert reader.generation == 1
