"""Copying a graph from one store to another: same export, one transaction, replaces plans."""

from __future__ import annotations

import pytest

from plankg.store import EmbeddedStore, export_graph
from plankg.writes import copy_graph


def _without_load_time(export: dict) -> dict:
    for node in export["nodes"]:
        node["properties"].pop("loaded_at", None)
    return export


def test_copy_gives_an_identical_graph_and_is_idempotent(sample_store, tmp_path):
    with EmbeddedStore(tmp_path / "copy.lbdb") as target:
        report = copy_graph(sample_store, target)
        assert report.plans == ["聊工信发-2023-48"]
        assert export_graph(target) == export_graph(sample_store)
        copy_graph(sample_store, target)  # again: the plan is replaced, not doubled
        assert export_graph(target) == export_graph(sample_store)
        assert report.nodes == len(export_graph(target)["nodes"])


def test_a_failed_copy_leaves_the_target_unchanged(sample_store, tmp_path):
    class Boom(Exception):
        pass

    calls = {"n": 0}

    def fail_late(step: str, rows: int) -> None:
        calls["n"] += 1
        if calls["n"] > 20:
            raise Boom(step)

    path = tmp_path / "target.lbdb"
    with EmbeddedStore(path) as target:
        copy_graph(sample_store, target)
        before = export_graph(target)
    with EmbeddedStore(path, on_batch=fail_late) as target:
        with pytest.raises(Boom):
            copy_graph(sample_store, target)
        assert _without_load_time(export_graph(target)) == _without_load_time(before)


@pytest.mark.neo4j
def test_embedded_to_neo4j_and_back_gives_the_same_export(
    sample_store, tmp_path, neo4j_server_info
):
    from neo4j_server import fresh_store, wipe
    from store_plans import county_plan

    from plankg.store import load_plan

    with EmbeddedStore(tmp_path / "source.lbdb") as source:
        load_plan(source, county_plan())
        copy_graph(sample_store, source)  # two plans of two issuers
        original = export_graph(source)
        with fresh_store(neo4j_server_info) as server:
            copy_graph(source, server)
            assert export_graph(server) == original
            with EmbeddedStore(tmp_path / "back.lbdb") as back:
                copy_graph(server, back)
                assert export_graph(back) == original
    wipe(neo4j_server_info)
