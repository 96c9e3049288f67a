"""Answers kept per store: reused while the data stays, recomputed after a write."""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.analysis.answers import list_plans
from plankg.analysis.gaps import gap_report
from plankg.analysis.names import name_index, resolve_office
from plankg.store import EmbeddedStore, load_plan
from plankg.store.readcache import SNAPSHOT, cached, store_version


def test_a_writable_store_changes_version_on_load_and_removal(tmp_path: Path, sample_plan):
    with EmbeddedStore(tmp_path / "w.lbdb") as store:
        empty = store_version(store)
        load_plan(store, sample_plan)
        loaded = store_version(store)
        store.delete_plan(sample_plan.id)
        assert len({empty, loaded}) == 2
        assert store_version(store) == empty


def test_kept_answers_follow_a_load(tmp_path: Path, sample_plan):
    with EmbeddedStore(tmp_path / "w.lbdb") as store:
        assert name_index(store).candidates == []
        assert gap_report(store).gaps == []
        load_plan(store, sample_plan)
        assert resolve_office(store, "原材料科").label == "Office"
        assert gap_report(store).gaps
        assert [p.plan_id for p in list_plans(store)] == [sample_plan.id]


def test_a_read_only_store_is_a_snapshot_and_computes_once(tmp_path: Path, sample_plan):
    path = tmp_path / "r.lbdb"
    with EmbeddedStore(path) as store:
        load_plan(store, sample_plan)
    calls: list[int] = []
    with EmbeddedStore(path, read_only=True) as reader:
        assert store_version(reader) == f"{SNAPSHOT}-0"  # the first generation of the file
        answers = {cached(reader, "k", lambda: calls.append(1) or len(calls)) for _ in range(3)}
    assert answers == {1} and calls == [1]


@pytest.mark.parametrize("ref", ["原材料科", "原材料产业科"])
def test_office_resolution_is_the_same_through_the_kept_index(sample_store, ref):
    first, again = resolve_office(sample_store, ref), resolve_office(sample_store, ref)
    assert first == again and first.name_zh == "原材料产业科"


def test_concurrent_requests_for_one_missing_answer_compute_it_once(sample_store):
    import threading
    import time

    calls = []
    start = threading.Barrier(8)

    def compute():
        calls.append(1)
        time.sleep(0.2)  # long enough for every thread to arrive while it runs
        return "answer"

    results = []

    def ask():
        start.wait()
        results.append(cached(sample_store, ("single-flight", id(calls)), compute))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["answer"] * 8
    assert len(calls) == 1
