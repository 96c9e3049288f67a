"""Bulk writes on a real LadybugDB store: ``EmbeddedStore.write_plans_bulk`` (COPY for large
tables, UNWIND for small ones) writes what plan-by-plan loading writes, in one transaction that
either lands whole or not at all; ``load_plan`` only scans for a plan it replaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_plans import county_plan, digital_plan, digital_plan_revised, green_plan

from plankg.bench.corpus import generate_plans
from plankg.errors import ReadOnlyViolation, StoreError
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text
from plankg.models import PlanRecord
from plankg.store import EmbeddedStore, embedded, export_graph, load_plan, plan_to_rows
from plankg.store.bulk import ingest_many, merge_rows


class Refused(Exception):
    """Raised by a test's batch hook to fail a transaction part-way."""


def generated(n: int, seed: int = 7) -> list[PlanRecord]:
    return [
        build_plan(clean_text(text, source_name=name)) for name, text in generate_plans(n, seed)
    ]


def one_by_one(db: Path, plans: list[PlanRecord]) -> dict:
    with EmbeddedStore(db) as store:
        for plan in plans:
            load_plan(store, plan, loaded_at="t")
        return export_graph(store)


@pytest.fixture(scope="module")
def mixed_plans(sample_plan) -> list[PlanRecord]:
    # Hand-made city and county plans (ASCII parentheses, 牵头/配合, 责任单位：) beside the
    # sample and generated plans of other bureaus; the city plans share offices and concepts.
    return [digital_plan(), green_plan(), county_plan(), sample_plan, *generated(5)]


@pytest.mark.parametrize("copy_min_rows", [1, embedded.COPY_MIN_ROWS], ids=["all-copy", "mixed"])
def test_bulk_graph_equals_plan_by_plan_graph(tmp_path, monkeypatch, mixed_plans, copy_min_rows):
    monkeypatch.setattr(embedded, "COPY_MIN_ROWS", copy_min_rows)
    expected = one_by_one(tmp_path / "one.lbdb", mixed_plans)
    with EmbeddedStore(tmp_path / "bulk.lbdb") as store:
        reports = ingest_many(store, mixed_plans, loaded_at="t")
        assert export_graph(store) == expected
    assert [r.plan_id for r in reports] == [p.id for p in mixed_plans]
    assert not any(r.replaced for r in reports)


@pytest.mark.parametrize("copy_min_rows", [1, embedded.COPY_MIN_ROWS], ids=["all-copy", "mixed"])
def test_bulk_into_a_store_that_shares_nodes_merges_them(
    tmp_path, monkeypatch, mixed_plans, copy_min_rows
):
    """The first plan is in the store already: its offices, industries and chains are merged
    (keeping what either plan knows), not copied a second time."""
    monkeypatch.setattr(embedded, "COPY_MIN_ROWS", copy_min_rows)
    expected = one_by_one(tmp_path / "one.lbdb", mixed_plans)
    with EmbeddedStore(tmp_path / "bulk.lbdb") as store:
        load_plan(store, mixed_plans[0], loaded_at="t")
        ingest_many(store, mixed_plans[1:], loaded_at="t")
        assert export_graph(store) == expected


def test_a_failure_part_way_leaves_the_store_as_it_was(tmp_path, monkeypatch, mixed_plans):
    monkeypatch.setattr(embedded, "COPY_MIN_ROWS", 1)
    steps: list[str] = []

    def fail_at_tasks(name: str, rows: int) -> None:
        steps.append(name)
        if name == "copy Task":
            raise Refused(name)

    with EmbeddedStore(tmp_path / "g.lbdb", on_batch=fail_at_tasks) as store:
        with pytest.raises(Refused):
            ingest_many(store, mixed_plans[1:], loaded_at="t")
        assert steps[:2] == ["copy Plan", "copy Section"]  # plans were written before the failure
        assert export_graph(store) == {"nodes": [], "edges": []}


def test_an_edge_to_a_missing_node_fails_the_whole_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "COPY_MIN_ROWS", 1)
    rows = merge_rows([plan_to_rows(p, loaded_at="t") for p in (digital_plan(), county_plan())])
    rows.rels[("HAS_TASK", "Section", "Task")].append({"src": "nowhere#1", "dst": "nowhere#1.1"})
    with EmbeddedStore(tmp_path / "g.lbdb") as store:
        with pytest.raises(StoreError, match="bulk load of 2 plans failed, nothing was changed"):
            store.write_plans_bulk(rows)
        assert export_graph(store) == {"nodes": [], "edges": []}


def test_a_plan_already_in_the_store_fails_the_batch_before_any_write(tmp_path):
    with EmbeddedStore(tmp_path / "g.lbdb") as store:
        load_plan(store, county_plan(), loaded_at="t")
        before = export_graph(store)
        rows = merge_rows([plan_to_rows(p, loaded_at="t") for p in (digital_plan(), county_plan())])
        with pytest.raises(
            StoreError, match=r"already holds plans .*replace a plan with write_plan"
        ):
            store.write_plans_bulk(rows)
        assert export_graph(store) == before


@pytest.mark.parametrize(
    "corrupt, message",
    [
        (
            lambda rows: rows.nodes["Task"].append(dict(rows.nodes["Task"][0])),
            "Task rows repeat the ids",
        ),
        (
            lambda rows: rows.nodes["Target"].append(
                {**rows.nodes["Target"][0], "id": "x#t1", "plan_id": "x"}
            ),
            r"Target rows of plans \['x'\] that are not in the batch",
        ),
    ],
    ids=["duplicate-id", "foreign-plan"],
)
def test_rows_a_copy_would_choke_on_are_refused(tmp_path, corrupt, message):
    # LadybugDB ends the process on a duplicate key in a COPY; the store must refuse first.
    rows = merge_rows([plan_to_rows(digital_plan(), loaded_at="t")])
    corrupt(rows)
    with EmbeddedStore(tmp_path / "g.lbdb") as store:
        with pytest.raises(StoreError, match=message):
            store.write_plans_bulk(rows)
        assert export_graph(store) == {"nodes": [], "edges": []}


def test_a_read_only_store_refuses_a_bulk_load(tmp_path):
    EmbeddedStore(tmp_path / "g.lbdb").close()
    with (
        EmbeddedStore(tmp_path / "g.lbdb", read_only=True) as store,
        pytest.raises(ReadOnlyViolation, match="opened read-only"),
    ):
        store.write_plans_bulk(plan_to_rows(digital_plan(), loaded_at="t"))


@pytest.mark.parametrize(
    "earlier, replaced", [(None, False), (digital_plan, True)], ids=["new", "revision"]
)
def test_load_plan_deletes_and_cleans_up_only_when_it_replaces(tmp_path, earlier, replaced):
    """A new plan's load is its writes only: no delete or orphan scans of the growing store."""
    names: list[str] = []
    with EmbeddedStore(
        tmp_path / "g.lbdb", on_batch=lambda name, rows: names.append(name)
    ) as store:
        load_plan(store, green_plan(), loaded_at="t")
        if earlier:
            load_plan(store, earlier(), loaded_at="t")
        names.clear()
        report = load_plan(store, digital_plan_revised(), loaded_at="t")
    assert report.replaced is replaced
    assert (report.diff is not None) is replaced
    scans = [n for n in names if n.startswith(("delete ", "orphans "))]
    assert bool(scans) is replaced
    assert "node Plan" in names


def test_a_failed_bulk_write_names_a_few_plans_not_all():
    from plankg.store.steps import plans_named

    assert plans_named("甲-2024-1") == "plan 甲-2024-1"
    assert plans_named("a,b") == "2 plans (a, b)"
    assert plans_named(",".join(f"p{i}" for i in range(1000))) == "1000 plans (p0, p1, p2, …)"
