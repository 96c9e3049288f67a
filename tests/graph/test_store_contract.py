"""The store contract on both stores (a fresh LadybugDB file, and the test Neo4j server wiped):
loading, idempotent re-ingest, revisions, shared nodes, deletes and rollback."""

from __future__ import annotations

import pytest
from store_plans import (
    CITY_ISSUER,
    COUNTY_ISSUER,
    county_plan,
    digital_plan,
    digital_plan_revised,
    green_plan,
)

from plankg.errors import StoreError
from plankg.models import Office
from plankg.store import EmbeddedStore, export_graph, graph_stats, load_plan
from plankg.store.load import plan_to_rows
from plankg.store.protocol import GraphStore

DIGITAL_ID = "德工信发〔2024〕12号"


def without_load_time(export: dict) -> dict:
    for node in export["nodes"]:
        node["properties"].pop("loaded_at", None)
    return export


def office_ids(store: GraphStore) -> list[str]:
    return [r["id"] for r in store.run_read("MATCH (o:Office) RETURN o.id AS id ORDER BY id")]


def test_load_writes_every_row(any_store):
    report = load_plan(any_store, digital_plan())
    assert (report.nodes, report.edges, report.replaced, report.diff) == (32, 42, False, None)
    stats = graph_stats(any_store)
    assert sum(stats["nodes"].values()) == 32
    assert sum(stats["edges"].values()) == 42
    assert stats["nodes"]["Task"] == 6 and stats["edges"]["RESPONSIBLE_FOR"] == 9


def test_specific_edges_are_in_the_store(any_store):
    load_plan(any_store, digital_plan())
    owners = any_store.run_read(
        "MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE t.code = $code "
        "RETURN o.name AS office, r.role AS role, r.evidence AS evidence ORDER BY office",
        {"code": "1.2.1"},
    )
    assert owners == [
        {
            "office": "原材料工业科",
            "role": "lead",
            "evidence": "（原材料科牵头，运行监测协调科配合）",
        },
        {
            "office": "运行监测协调科",
            "role": "support",
            "evidence": "（原材料科牵头，运行监测协调科配合）",
        },
    ]
    leads = any_store.run_read(
        "MATCH (e:Enterprise)-[l:LEADS]->(c:Chain)-[:PART_OF]->(i:Industry) "
        "RETURN e.name AS e, l.role AS role, c.name AS c, i.name_en AS i"
    )
    assert leads == [
        {"e": "信发集团", "role": "链主", "c": "铝精深加工产业链", "i": "Nonferrous metals"}
    ]


def test_reingest_is_idempotent(any_store):
    load_plan(any_store, digital_plan(), loaded_at="first")
    first = export_graph(any_store)
    report = load_plan(any_store, digital_plan(), loaded_at="second")
    assert report.unchanged and not report.replaced and report.diff is None
    assert export_graph(any_store) == first  # nothing written, not even the load time


def test_replace_reports_the_diff_and_leaves_only_the_new_version(any_store, tmp_path):
    load_plan(any_store, digital_plan())
    report = load_plan(any_store, digital_plan_revised())
    assert report.replaced
    assert report.diff.tasks_added == ["2.2"] and report.diff.tasks_removed == ["3"]
    assert [c.task_code for c in report.diff.owners_changed] == ["1.1.2"]
    codes = any_store.run_read("MATCH (t:Task) RETURN t.code AS code ORDER BY code")
    assert [r["code"] for r in codes] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1", "2.2"]
    # The same graph as the revision loaded alone into a fresh embedded store.
    with EmbeddedStore(tmp_path / "fresh.lbdb") as fresh:
        load_plan(fresh, digital_plan_revised())
        assert without_load_time(export_graph(any_store)) == without_load_time(export_graph(fresh))


def test_plans_of_one_issuer_share_offices_and_industries(any_store):
    load_plan(any_store, digital_plan())
    load_plan(any_store, green_plan())
    shared = f"{CITY_ISSUER}/科技科"
    plans = any_store.run_read(
        "MATCH (p:Plan)-[:HAS_OFFICE]->(o:Office) WHERE o.id = $id "
        "RETURN p.id AS plan ORDER BY plan",
        {"id": shared},
    )
    assert [r["plan"] for r in plans] == [DIGITAL_ID, "德工信发〔2024〕20号"]
    assert graph_stats(any_store)["nodes"]["Industry"] == 1


def test_a_plan_that_knows_less_does_not_erase_shared_facts(any_store):
    load_plan(any_store, digital_plan())
    green = green_plan()  # names 原材料工业科 too, but knows no alias of it
    green.offices.append(Office(name="原材料工业科"))
    load_plan(any_store, green)
    office = f"{CITY_ISSUER}/原材料工业科"
    rows = any_store.run_read(
        "MATCH (o:Office) WHERE o.id = $id RETURN o.aliases AS aliases, o.alias_rules AS rules",
        {"id": office},
    )
    assert rows == [
        {"aliases": ["原材料科"], "rules": ["short-form: X科 ⊂ X工业科 in the same plan"]}
    ]


def test_new_shared_nodes_get_empty_lists_not_null(any_store):
    load_plan(any_store, green_plan())
    rows = any_store.run_read(
        "MATCH (o:Office) RETURN o.aliases AS aliases, o.alias_rules AS rules"
    )
    assert rows == [{"aliases": [], "rules": []}] * 2


def test_plans_of_two_issuers_keep_offices_apart(any_store):
    load_plan(any_store, digital_plan())
    load_plan(any_store, county_plan())
    assert {f"{CITY_ISSUER}/科技科", f"{COUNTY_ISSUER}/科技科"} <= set(office_ids(any_store))
    # the county plan knows the park but not its region: the city plan's fact survives
    park = any_store.run_read("MATCH (p:Park) RETURN p.region AS region, p.pinyin AS pinyin")
    assert park == [{"region": "临邑县", "pinyin": "linyihuagongchanyeyuan"}]


def test_delete_plan_restores_the_graph_of_the_other_plans(any_store):
    load_plan(any_store, green_plan())
    before = export_graph(any_store)
    load_plan(any_store, digital_plan())
    assert any_store.delete_plan(DIGITAL_ID) is True
    assert export_graph(any_store) == before
    assert any_store.delete_plan(DIGITAL_ID) is False


def test_delete_last_plan_leaves_an_empty_graph(any_store):
    load_plan(any_store, digital_plan())
    assert any_store.delete_plan(DIGITAL_ID)
    assert export_graph(any_store) == {"nodes": [], "edges": []}


def test_store_error_from_the_database_rolls_back(any_store):
    load_plan(any_store, green_plan())
    before = export_graph(any_store)
    rows = plan_to_rows(digital_plan())
    rows.rels[("HAS_TASK", "Plan", "Task")].append({"src": DIGITAL_ID, "dst": "no such task"})
    with pytest.raises(
        StoreError, match="nothing was changed: rel HAS_TASK Plan->Task wrote 1 of 2 rows"
    ):
        any_store.write_plan(rows)
    assert export_graph(any_store) == before


def test_writing_an_existing_plan_without_replace_fails_cleanly(any_store):
    load_plan(any_store, green_plan())
    before = export_graph(any_store)
    with pytest.raises(StoreError, match="nothing was changed"):
        any_store.write_plan(plan_to_rows(green_plan()))
    assert export_graph(any_store) == before
