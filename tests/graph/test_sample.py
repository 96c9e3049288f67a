"""The bundled sample plan, parsed by the ingest pipeline and loaded into a real store."""

from __future__ import annotations

from plankg.store import export_graph, graph_stats, load_plan


def test_sample_counts_match_the_record(sample_plan, sample_store):
    stats = graph_stats(sample_store)
    assert stats["nodes"]["Plan"] == 1
    assert stats["nodes"]["Task"] == len(sample_plan.tasks) == 29
    assert stats["nodes"]["Section"] == len(sample_plan.sections)
    assert stats["nodes"]["Office"] == len(sample_plan.offices) == 17
    assert stats["edges"]["HAS_OFFICE"] == 17
    assert stats["edges"]["RESPONSIBLE_FOR"] == sum(len(t.owners) for t in sample_plan.tasks)
    assert (
        stats["nodes"]["Target"]
        == stats["edges"]["HAS_TARGET"]
        == (
            sum(len(t.targets) for t in sample_plan.tasks)
            + sum(len(s.targets) for s in sample_plan.sections)
        )
    )
    assert stats["tasks_without_owner"] == sum(1 for t in sample_plan.tasks if not t.owners)
    # every task hangs from the outline exactly once
    assert stats["edges"]["HAS_TASK"] == len(sample_plan.tasks)


def test_sample_evidence_points_into_the_plan_text(sample_plan, sample_store):
    rows = sample_store.run_read(
        "MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task) "
        "RETURN r.evidence AS evidence, r.ev_start AS s, r.ev_end AS e"
    )
    assert rows and all(sample_plan.text[r["s"] : r["e"]] == r["evidence"] for r in rows)


def test_sample_reingest_changes_nothing(sample_plan, store):
    load_plan(store, sample_plan, loaded_at="t")
    first = export_graph(store)
    report = load_plan(store, sample_plan, loaded_at="t")
    assert report.unchanged and not report.replaced
    assert export_graph(store) == first
