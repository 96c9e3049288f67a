"""The same answers from every backend: the checks of tests/graph/query_cases.py, plus the store
contract (replace, delete, ping) on the server when one is configured."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from plan_fragments import PLAN_ID, county_plan
from query_cases import CASES

from plankg.store.load import load_plan
from plankg.store.protocol import GraphStore
from plankg.store.queries import run_query


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_query_answers_on_every_backend(
    backend_store: GraphStore, case: Callable[[GraphStore], None]
):
    case(backend_store)


def test_reloading_an_unchanged_plan_writes_nothing(backend_store: GraphStore):
    report = load_plan(backend_store, county_plan())
    assert report.unchanged and not report.replaced and report.diff is None
    assert len(run_query(backend_store, "plan_responsibilities", plan_id=PLAN_ID)) == 7
    [detail] = run_query(backend_store, "plan_detail", plan_id=PLAN_ID)
    assert (detail["tasks"], detail["offices"]) == (5, 4)


def test_delete_plan_removes_it_and_its_orphans_only(backend_store: GraphStore):
    assert backend_store.ping()
    assert backend_store.delete_plan(PLAN_ID) is True
    try:
        assert backend_store.delete_plan(PLAN_ID) is False
        assert run_query(backend_store, "plan_detail", plan_id=PLAN_ID) == []
        names = {(r["label"], r["name"]) for r in run_query(backend_store, "search_names")}
        assert ("Collective", "各股室") not in names  # only the county plan used it
        assert ("Industry", "有色金属产业") in names  # the sample still concerns it
    finally:
        load_plan(backend_store, county_plan())
