"""ingest_many writes the same graph as load_plan, and replaces known plans one by one."""

from __future__ import annotations

from plankg.bench.corpus import generate_plans
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text
from plankg.store import EmbeddedStore, export_graph, load_plan
from plankg.store.bulk import ingest_many


def _plans(n, seed=31):
    return [
        build_plan(clean_text(text, source_name=name)) for name, text in generate_plans(n, seed)
    ]


def test_bulk_graph_equals_plan_by_plan_graph(tmp_path):
    plans = _plans(6)
    with (
        EmbeddedStore(tmp_path / "a.lbdb") as one_by_one,
        EmbeddedStore(tmp_path / "b.lbdb") as bulk,
    ):
        for plan in plans:
            load_plan(one_by_one, plan, loaded_at="t")
        reports = ingest_many(bulk, plans, loaded_at="t")
        assert [r.plan_id for r in reports] == [p.id for p in plans]
        assert not any(r.replaced for r in reports)
        assert export_graph(bulk) == export_graph(one_by_one)


def test_known_plans_are_replaced_not_duplicated(tmp_path, sample_plan):
    plans = _plans(3)
    with EmbeddedStore(tmp_path / "g.lbdb") as store:
        ingest_many(store, [*plans, sample_plan], loaded_at="t")
        before = export_graph(store)
        reports = ingest_many(store, [plans[0], sample_plan], loaded_at="t")
        # the same graphs again: recognised, nothing written, nothing duplicated
        assert [r.unchanged for r in reports] == [True, True]
        after = export_graph(store)
        # Shared nodes take the replacing plan's property values (load_plan's MERGE … SET), so
        # the graphs agree on what is in them, not on every shared property.
        assert sorted((n["label"], n["id"]) for n in after["nodes"]) == sorted(
            (n["label"], n["id"]) for n in before["nodes"]
        )
        assert len(after["edges"]) == len(before["edges"])
