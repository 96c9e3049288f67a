"""export_graph and graph_stats on a real embedded store."""

from __future__ import annotations

import json

from store_plans import CITY_ISSUER, digital_plan, green_plan

from plankg.store import EmbeddedStore, export_graph, graph_stats, load_plan
from plankg.store.schema import LABELS, REL_TYPES

DIGITAL_ID = "德工信发〔2024〕12号"


def test_export_shape_and_key_properties(store):
    load_plan(store, digital_plan())
    export = export_graph(store)
    assert set(export) == {"nodes", "edges"}
    assert all(set(n) == {"id", "label", "properties"} for n in export["nodes"])
    assert all(set(e) == {"source", "target", "type", "properties"} for e in export["edges"])
    json.dumps(export, ensure_ascii=False)  # plain data only
    by_id = {(n["label"], n["id"]): n["properties"] for n in export["nodes"]}
    assert by_id[("Task", f"{DIGITAL_ID}#2.1")]["code"] == "2.1"
    office = by_id[("Office", f"{CITY_ISSUER}/原材料工业科")]
    assert (office["name"], office["aliases"]) == ("原材料工业科", ["原材料科"])
    roles = sorted(
        e["properties"]["role"]
        for e in export["edges"]
        if e["type"] == "RESPONSIBLE_FOR" and e["target"] == f"{DIGITAL_ID}#2.1"
    )
    assert roles == ["each", "each"]


def test_export_order_is_deterministic_whatever_the_load_order(tmp_path, store):
    load_plan(store, green_plan(), loaded_at="t")
    load_plan(store, digital_plan(), loaded_at="t")
    with EmbeddedStore(tmp_path / "other.lbdb") as other:
        load_plan(other, digital_plan(), loaded_at="t")
        load_plan(other, green_plan(), loaded_at="t")
        assert export_graph(other) == export_graph(store)
    export = export_graph(store)
    node_keys = [(n["label"], n["id"]) for n in export["nodes"]]
    assert node_keys == sorted(node_keys)
    edge_keys = [(e["type"], e["source"], e["target"]) for e in export["edges"]]
    assert edge_keys == sorted(edge_keys)


def test_graph_stats(store):
    plan = green_plan()
    plan.tasks[1].owners = []
    load_plan(store, plan)
    load_plan(store, digital_plan())
    stats = graph_stats(store)
    assert set(stats["nodes"]) == set(LABELS) and set(stats["edges"]) == set(REL_TYPES)
    assert stats["nodes"]["Plan"] == 2 and stats["nodes"]["Task"] == 8
    assert stats["nodes"]["Office"] == 9  # 8 of the digital plan + 节能与综合利用科; 科技科 shared
    assert stats["tasks_without_owner"] == 1
    assert stats["unresolved_terms"] == 1  # 氢能产业链


def test_empty_store(store):
    assert export_graph(store) == {"nodes": [], "edges": []}
    stats = graph_stats(store)
    assert sum(stats["nodes"].values()) == 0 and stats["tasks_without_owner"] == 0
